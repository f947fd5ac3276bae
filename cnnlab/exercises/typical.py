"""Typical mistakes of the course's code exercises, recognised in the notebook's own check.

For an exercise listed in ``TYPICAL``, ``check_function`` runs each mistake's
function on the arguments of a failed public case: when the student's result
equals what that mistake gives (and the mistake's result is not the right one),
the report says which mistake it is, in the course language. A flipped kernel,
for instance, gives the true convolution instead of the cross-correlation.

Each entry is ``(mistake id, wrong(*args), zh hint, en hint)``; ``wrong`` computes
what the mistaken code returns for the same arguments. The hidden tests name the
same mistakes with ``cnnlab.exercises.mistakes.reject_mistakes``.
"""

import numpy as np

from cnnlab.i18n import say


def _corr(X, K, p=0, s=1, mode="constant"):
    """Cross-correlation of 2-D ``X`` (padded by ``p`` per side with ``mode``) with ``K``, stride ``s``."""
    X = np.pad(np.asarray(X, dtype=float), p, mode=mode) if p else np.asarray(X, dtype=float)
    K = np.asarray(K, dtype=float)
    rows, cols = (X.shape[0] - K.shape[0]) // s + 1, (X.shape[1] - K.shape[1]) // s + 1
    return np.array([[(X[i * s:i * s + K.shape[0], j * s:j * s + K.shape[1]] * K).sum()
                      for j in range(cols)] for i in range(rows)])


def _flipped(K):
    return np.flip(np.asarray(K, dtype=float))


FLIPPED = ("你的结果等于把卷积核上下、左右翻转后的结果，也就是数学上的卷积；互相关按原样滑动卷积核，不要翻转。",
           "your result equals the one with the kernel flipped, i.e. the true convolution; cross-correlation "
           "slides the kernel as it is, without flipping it.")

TYPICAL = {
    "corr2d": [
        ("flipped_kernel", lambda X, K: _corr(X, _flipped(K)), *FLIPPED),
    ],
    "corr2d_multi_in": [
        ("flipped_kernel", lambda X, K: sum(_corr(x, _flipped(k)) for x, k in zip(X, K)), *FLIPPED),
        ("no_sum", lambda X, K: np.stack([_corr(x, k) for x, k in zip(X, K)]),
         "你返回了每个通道各自的结果；一个卷积核只产生一张特征图：把各通道的结果相加。",
         "you returned one result per channel; one kernel makes one feature map: add the channels' results."),
    ],
    "output_size": [
        ("forgot_plus_one", lambda n, k, p, s: (n - k + 2 * p) // s,
         "少了 1：你的结果比正确值小 1。第一个窗口放在位置 0，在步幅移动之前它已经算一个输出，所以最后要 + 1。",
         "one short: the first window, at position 0, is an output before the stride moves it, so add 1."),
        ("padding_once", lambda n, k, p, s: (n - k + p) // s + 1,
         "填充只算了一次：padding=p 在每一侧各补 p 个 0，两侧一共 2p。",
         "padding counted once: padding=p adds p zeros on each side, 2p in total."),
        ("rounded_up", lambda n, k, p, s: -(-(n - k + 2 * p) // s) + 1,
         "你向上取整（或四舍五入）了：PyTorch 对 (n − k + 2p)/s 向下取整，放不下的最后一个窗口被丢掉。",
         "you rounded up (or to the nearest): PyTorch rounds (n − k + 2p)/s down; a last window that does "
         "not fit is dropped."),
    ],
    "conv_parameters": [
        ("forgot_bias", lambda c_in, c_out, k: k * k * c_in * c_out,
         "只数了权重：每个卷积核还有 1 个偏置。", "you counted only the weights: every kernel also has 1 bias."),
        ("forgot_input_channels", lambda c_in, c_out, k: (k * k + 1) * c_out,
         "你的卷积核只有一片 k×k：每个输入通道各有一片。", "your kernel has one k×k slice; it has one per input channel."),
    ],
    "strided_corr2d": [
        ("edge_padding", lambda X, K, p=0, s=1: _corr(X, K, p, s, mode="edge"),
         "你在四周复制了边缘的值；填充补的是 0（np.pad 的默认方式，或 np.zeros 再切片赋值）。",
         "you copied the edge values outward; padding adds zeros (np.pad's default, or np.zeros and a slice)."),
        ("ignored_stride", lambda X, K, p=0, s=1: _corr(X, K, p, 1),
         "你的窗口每次只移动 1 个像素：步幅 s 让窗口每次移动 s 个像素，输出也随之变小。",
         "your window moves 1 pixel at a time: stride s moves it s pixels, and the output shrinks."),
        ("ignored_padding", lambda X, K, p=0, s=1: _corr(X, K, 0, s),
         "你没有填充：先在四周各补 p 圈 0，再滑动卷积核。",
         "you did not pad: add p rings of zeros around X first, then slide the kernel."),
        ("flipped_kernel", lambda X, K, p=0, s=1: _corr(X, _flipped(K), p, s), *FLIPPED),
    ],
    "pad2d": [
        ("one_side", lambda X, p: np.pad(np.asarray(X, dtype=float), ((0, 2 * p), (0, 2 * p))),
         "0 全补在了一侧：X 应该位于正中，每一侧各 p 圈 0。", "all zeros went to one side: X sits in the middle, p zeros on each side."),
        ("padding_once", lambda X, p: np.pad(np.asarray(X, dtype=float), ((0, p), (0, p))),
         "只补了 p 行（列），而不是两侧各 p：结果应有 n + 2p 行。", "you added p rows (columns), not p on each side: the result has n + 2p rows."),
    ],
    "receptive_field_of": [
        ("ignored_jump", lambda layers: 1 + sum(k - 1 for k, _ in layers),
         "你把每一层都当作步幅 1，只加了 k − 1：步幅之后，每一层的增量要乘以等效步幅 j（前面各层步幅之积）。",
         "you treated every layer as stride 1: after a stride, each layer adds (k − 1)·j, j being the product "
         "of the earlier strides."),
        ("summed_kernels", lambda layers: sum(k for k, _ in layers),
         "你把卷积核大小直接相加了：每层增加的是 (k − 1)·j，不是 k。", "you added the kernel sizes: each layer adds (k − 1)·j, not k."),
    ],
    "count_dense_params": [
        ("forgot_bias", lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:])),
         "只数了权重：每个输出单元还有 1 个偏置。", "you counted only the weights: every output unit also has 1 bias."),
    ],
}


def named_mistake(exercise, args, got, expected, same_value):
    """The hint of the first typical mistake of ``exercise`` whose result for ``args`` equals ``got``
    and differs from ``expected`` (``same_value`` compares), or ``""``."""
    for _id, wrong, zh, en in TYPICAL.get(exercise, ()):
        try:
            result = wrong(*args)
            if not same_value(result, expected) and same_value(got, result):
                return say(zh=zh, en=en)
        except Exception:  # a mistake that cannot be computed for these arguments names nothing
            continue
    return ""

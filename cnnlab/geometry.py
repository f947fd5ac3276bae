"""Convolution geometry in one place: int-or-pair, output sizes, effective kernel, padding rules.

Every rule here is PyTorch's, for one spatial axis, and each function's
docstring gives the formula it computes (``tests/test_geometry.py`` checks each
against ``torch.nn``). ``cnnlab.arith`` explains these numbers step by step,
``cnnlab.ops`` uses them to size its arrays, and ``cnnlab.receptive`` and
``cnnlab.model_summary`` use them to read layers.

One contract for every function: sizes, kernel, stride, padding and dilation are
given in PyTorch's order ``(n, k, s, p, d)``, and everything after ``k`` is
keyword-only (``conv_out_size(227, 11, s=4)``), so two orders can never be mixed
up. Bad arguments raise ``ValueError`` in the course language, naming the
argument and what to change (``stride s must be >= 1, got 0``).
"""

from numbers import Integral

from cnnlab.i18n import say

__all__ = ["label", "whole", "ntuple", "pair", "effective_kernel", "conv_out_size", "pool_out_size",
           "transposed_out_size", "same_padding_sides", "check_pool_padding", "adaptive_windows"]

# argument name -> how a message calls it (zh, en)
LABELS = {
    "n": ("输入尺寸 n", "input size n"),
    "m": ("输出尺寸 m", "output size m"),
    "k": ("卷积核尺寸 k", "kernel size k"),
    "p": ("每侧填充 p", "per-side padding p"),
    "p_total": ("总填充 p_total", "total padding p_total"),
    "s": ("步幅 s", "stride s"),
    "d": ("膨胀率 d", "dilation d"),
    "output_padding": ("输出填充 output_padding", "output_padding"),
    "c_in": ("输入通道数 c_in", "input channels c_in"),
    "c_out": ("输出通道数 c_out", "output channels c_out"),
    "groups": ("分组数 groups", "groups"),
    "out_size": ("输出尺寸 out_size", "output size out_size"),
    "size": ("特征图尺寸 size", "feature-map size size"),
    "channels": ("通道数 channels", "channels"),
}


def label(name):
    """How messages call the argument ``name``, in the course language: ``"s"`` → ``"stride s"``."""
    zh, en = LABELS.get(name, (name, name))
    return say(zh=zh, en=en)


# ----------------------------------------------------------------------------
# one integer, or an int-or-pair
# ----------------------------------------------------------------------------
def whole(value, name, minimum=1):
    """``value`` as an ``int`` ≥ ``minimum``; anything else (a float, a bool, a pair) raises a
    ``ValueError`` that calls the argument ``name`` (a channel count has no height and width)."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(say(zh="{name} 应为一个整数，收到 {v!r}", en="{name} must be one integer, got {v!r}",
                             name=name, v=value))
    if value < minimum:
        raise ValueError(say(zh="{name} 必须 ≥ {m}，收到 {v!r}", en="{name} must be >= {m}, got {v!r}",
                             name=name, m=minimum, v=value))
    return int(value)


def ntuple(value, dims, name, minimum=1):
    """An int or a ``dims``-tuple of ints → a tuple of ``dims`` ints, each ≥ ``minimum``.

    ``3 → (3, 3)``; ``(3, 5) → (3, 5)`` (as ``torch.nn.modules.utils._ntuple``).
    ``name`` is how the error message calls the argument, e.g. ``"stride"``.
    """
    values = tuple(value) if isinstance(value, (tuple, list)) else (value,) * dims
    if len(values) != dims or any(isinstance(v, bool) or not isinstance(v, Integral) for v in values):
        shape = say(zh="(高, 宽) 整数二元组", en="an (h, w) pair of integers") if dims == 2 else \
            say(zh="{d} 个整数的元组", en="a tuple of {d} integers", d=dims)
        raise ValueError(say(zh="{name} 应为整数或{shape}，收到 {v!r}：请写成 3 或 (3, 5) 这样的形式",
                             en="{name} must be an integer or {shape}, got {v!r}: write it like 3 or (3, 5)",
                             name=name, shape=shape, v=value))
    if min(values) < minimum:
        raise ValueError(say(zh="{name} 必须 ≥ {m}，收到 {v!r}", en="{name} must be >= {m}, got {v!r}",
                             name=name, m=minimum, v=value))
    return tuple(int(v) for v in values)


def pair(value, name, minimum=1):
    """An int or an ``(h, w)`` pair → ``(h, w)``, each ≥ ``minimum``: ``3 → (3, 3)``."""
    return ntuple(value, 2, name, minimum)


# ----------------------------------------------------------------------------
# output sizes
# ----------------------------------------------------------------------------
def effective_kernel(k, d=1):
    """Input pixels a kernel of size ``k`` with dilation ``d`` spans: ``k' = d·(k − 1) + 1``."""
    return whole(d, label("d")) * (whole(k, label("k")) - 1) + 1


def _sizes(n, k, s, p, d, p_name="p"):
    """``n, k, s, p, d`` checked: sizes, stride and dilation ≥ 1, padding ≥ 0."""
    return (whole(n, label("n")), whole(k, label("k")), whole(s, label("s")), whole(p, label(p_name), 0),
            whole(d, label("d")))


def _check_fits(k_eff, padded, padded_text):
    if k_eff > padded:
        raise ValueError(say(
            zh="卷积核（有效尺寸 {k}）比填充后的输入（{pt} = {padded}）还大：请减小卷积核 k 或膨胀率 d，"
               "或增加填充 p，或使用更大的输入 n",
            en="the kernel (effective size {k}) is larger than the padded input ({pt} = {padded}): "
               "use a smaller kernel k or dilation d, more padding p, or a larger input n",
            k=k_eff, pt=padded_text, padded=padded))


def conv_out_size(n, k, *, s=1, p=0, d=1, p_total=None):
    """Output size of a convolution along one axis (``nn.Conv2d``).

    Shape:
        ``out = ⌊(n + 2·p − d·(k − 1) − 1) / s⌋ + 1``; with ``p_total`` (both sides
        together) in place of ``2·p``: ``out = ⌊(n + p_total − d·(k − 1) − 1) / s⌋ + 1``.

    Raises ``ValueError`` when the effective kernel is larger than the padded input.
    """
    if p_total is None:
        n, k, s, p, d = _sizes(n, k, s, p, d)
        total, text = 2 * p, f"n + 2·p = {n} + 2·{p}"
    else:
        n, k, s, total, d = _sizes(n, k, s, p_total, d, "p_total")
        text = f"n + p_total = {n} + {total}"
    k_eff = effective_kernel(k, d)
    _check_fits(k_eff, n + total, text)
    return (n + total - k_eff) // s + 1


def check_pool_padding(k, p):
    """PyTorch's pooling rule ``p ≤ k / 2`` (padding at most half the window); raises otherwise."""
    if 2 * p > k:
        raise ValueError(say(
            zh="池化的每侧填充 p = {p} 不能超过窗口尺寸 k = {k} 的一半（PyTorch 的规定）：请减小 p",
            en="pooling padding p = {p} must be at most half the kernel size k = {k} "
               "(PyTorch's rule): use a smaller p",
            p=p, k=k))


def pool_out_size(n, k, *, s=None, p=0, d=1, ceil_mode=False):
    """Output size of max/average pooling along one axis (``nn.MaxPool2d``); ``s`` defaults to ``k``.

    Shape:
        ``out = ⌊(n + 2·p − d·(k − 1) − 1) / s⌋ + 1``  (``ceil_mode=False``),
        ``out = ⌈(n + 2·p − d·(k − 1) − 1) / s⌉ + 1``  (``ceil_mode=True``), minus 1
        when the last window would start at ``(out − 1)·s ≥ n + p``, i.e. past the
        input and its left padding (``pooling_output_shape`` in PyTorch's
        ``aten/src/ATen/native/Pool.h``). Requires ``p ≤ k / 2``.

    In ceil mode a window may overhang the padded input by at most ``s − 1`` pixels.
    """
    n, k, s, p, d = _sizes(n, k, k if s is None else s, p, d)
    check_pool_padding(k, p)
    if not ceil_mode:
        return conv_out_size(n, k, s=s, p=p, d=d)
    k_eff = effective_kernel(k, d)
    if k_eff > n + 2 * p + s - 1:
        raise ValueError(say(
            zh="窗口（有效尺寸 {k}）比填充后的输入（n + 2·p = {padded}）还大，而且超出的部分 ≥ 步幅 s = {s}，"
               "ceil_mode 也得不到任何窗口：请减小 k 或 d，或增加 p",
            en="the window (effective size {k}) is larger than the padded input (n + 2·p = {padded}) "
               "by at least the stride s = {s}, so even ceil_mode gives no window: use a smaller k or d, "
               "or more padding p",
            k=k_eff, padded=n + 2 * p, s=s))
    out = -(-(n + 2 * p - k_eff) // s) + 1                # ⌈span / s⌉ + 1, in integers
    return out - 1 if (out - 1) * s >= n + p else out


def transposed_out_size(n, k, *, s=1, p=0, d=1, output_padding=0):
    """Output size of a transposed convolution along one axis (``nn.ConvTranspose2d``).

    Shape:
        ``out = (n − 1)·s − 2·p + d·(k − 1) + output_padding + 1``, with
        ``output_padding < max(s, d)``; ``out`` must be ≥ 1.
    """
    n, k, s, p, d = _sizes(n, k, s, p, d)
    output_padding = whole(output_padding, label("output_padding"), 0)
    if output_padding >= max(s, d):
        raise ValueError(say(
            zh="输出填充 output_padding = {o} 必须小于 max(步幅 s, 膨胀率 d) = {m}",
            en="output_padding = {o} must be smaller than max(stride s, dilation d) = {m}",
            o=output_padding, m=max(s, d)))
    out = (n - 1) * s - 2 * p + d * (k - 1) + output_padding + 1
    if out < 1:
        raise ValueError(say(
            zh="填充 p = {p} 太大：输出尺寸会是 {o}（必须 ≥ 1）",
            en="padding p = {p} is too large: the output size would be {o} (it must be >= 1)",
            p=p, o=out))
    return out


# ----------------------------------------------------------------------------
# padding and adaptive windows
# ----------------------------------------------------------------------------
def same_padding_sides(k, d=1):
    """``(before, after)`` padding that keeps the size at stride 1 (``padding='same'``).

    The total is ``d·(k − 1)``; ``before = ⌊d·(k − 1) / 2⌋`` and the odd pixel goes
    after (bottom/right), as in PyTorch. Both sides are equal only for odd kernels
    (or even ``d``): ``k = 3 → (1, 1)``, ``k = 4 → (1, 2)``.
    """
    total = effective_kernel(k, d) - 1
    return total // 2, total - total // 2


def adaptive_windows(n, m):
    """The ``m`` windows ``[start, end)`` of adaptive pooling from ``n`` inputs to ``m`` outputs.

    ``start_i = ⌊i·n / m⌋``, ``end_i = ⌈(i + 1)·n / m⌉`` (PyTorch's
    ``AdaptiveAvgPool2d``); windows may differ in length and overlap when ``m ∤ n``.
    """
    n, m = whole(n, label("n")), whole(m, label("m"))
    return [((i * n) // m, -(-((i + 1) * n) // m)) for i in range(m)]

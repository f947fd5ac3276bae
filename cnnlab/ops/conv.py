"""Convolution (cross-correlation, as in every deep-learning library) with loops.

These are the versions to read: ``corr2d`` is lesson 02's two loops;
``conv2d`` adds batch, channels, stride, padding, dilation, groups and bias
while keeping one loop over output positions. ``cnnlab.ops.im2col`` has the
fast version.
"""

from typing import NamedTuple

import numpy as np

from cnnlab.geometry import conv_out_size, effective_kernel, pair
from cnnlab.i18n import say
from cnnlab.ops._args import check_4d


def corr2d(X, K):
    """Two-dimensional cross-correlation of one channel, no padding, stride 1::

        Y[i, j] = Σ_a Σ_b X[i + a, j + b] · K[a, b]

    Shape:
        X ``(n_h, n_w)``, K ``(k_h, k_w)`` → Y ``(n_h − k_h + 1, n_w − k_w + 1)``.

    Example: X = 1…9 as 3×3, K = [[0, 1], [2, 3]] → [[25, 31], [43, 49]]
    (0·1 + 1·2 + 2·4 + 3·5 = 25).
    """
    X, K = np.asarray(X), np.asarray(K)
    k_h, k_w = K.shape
    Y = np.zeros((X.shape[0] - k_h + 1, X.shape[1] - k_w + 1), dtype=np.result_type(X, K, float))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + k_h, j:j + k_w] * K).sum()
    return Y


class ConvSettings(NamedTuple):
    """Everything the convolution loops need, read from the arrays and checked once."""
    N: int                  # images in the batch
    C_in: int
    H: int
    W: int
    C_out: int
    k_h: int
    k_w: int
    s: tuple                # (s_h, s_w)
    p: tuple                # (p_h, p_w), on each side
    d: tuple                # (d_h, d_w)
    H_out: int
    W_out: int


def conv_settings(x, weight, stride, padding, dilation, groups):
    """Check the arguments once; return the :class:`ConvSettings` the loops need."""
    check_4d(x, "x")
    check_4d(weight, "weight")
    N, C_in, H, W = x.shape
    C_out, C_group, k_h, k_w = weight.shape
    s, p, d = pair(stride, "stride", 1), pair(padding, "padding", 0), pair(dilation, "dilation", 1)
    if groups < 1 or C_in % groups or C_out % groups or C_group != C_in // groups:
        raise ValueError(say(
            zh="通道数不匹配：输入 {c} 个通道、groups = {g}，weight 的第二维应为 {c}/{g}，收到 {cg}；"
               "且输出通道 {o} 须能被 groups 整除",
            en="channels do not match: input has {c} channels and groups = {g}, so weight.shape[1] "
               "must be {c}/{g}, got {cg}; C_out = {o} must be divisible by groups",
            c=C_in, g=groups, cg=C_group, o=C_out))
    H_out = conv_out_size(H, k_h, s=s[0], p=p[0], d=d[0])
    W_out = conv_out_size(W, k_w, s=s[1], p=p[1], d=d[1])
    return ConvSettings(N, C_in, H, W, C_out, k_h, k_w, s, p, d, H_out, W_out)


def pad_spatial(x, p):
    """Zero-pad the two spatial axes by p = (p_h, p_w) on each side."""
    return np.pad(x, ((0, 0), (0, 0), (p[0], p[0]), (p[1], p[1]))) if any(p) else x


def _window(i, j, s, d, k_h, k_w):
    """Index of the input window read by output position (i, j): k' = d·(k − 1) + 1 pixels from i·s."""
    return (slice(i * s[0], i * s[0] + effective_kernel(k_h, d[0]), d[0]),
            slice(j * s[1], j * s[1] + effective_kernel(k_w, d[1]), d[1]))


def _split_groups(x_pad, weight, G):
    """View input and weight group by group: channel c of group g is c + g·(channels per group)."""
    N, C_in = x_pad.shape[:2]
    C_out, _, k_h, k_w = weight.shape
    x_groups = x_pad.reshape(N, G, C_in // G, *x_pad.shape[2:])    # (N, G, C_in/G, H_pad, W_pad)
    w_groups = weight.reshape(G, C_out // G, C_in // G, k_h, k_w)  # (G, C_out/G, C_in/G, k_h, k_w)
    return x_groups, w_groups


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D convolution like ``torch.nn.functional.conv2d``::

        out[n, o, i, j] = bias[o] + Σ_c Σ_a Σ_b  x_pad[n, c, i·s_h + a·d_h, j·s_w + b·d_w] · weight[o, c, a, b]

    where ``c`` runs over the input channels of output channel ``o``'s group.

    Shape:
        x ``(N, C_in, H, W)``, weight ``(C_out, C_in / groups, k_h, k_w)``, bias ``(C_out,)``
        → out ``(N, C_out, H_out, W_out)`` with
        ``H_out = ⌊(H + 2·p_h − d_h·(k_h − 1) − 1) / s_h⌋ + 1`` (and the same for W).
    """
    N, C_in, H, W, C_out, k_h, k_w, s, p, d, H_out, W_out = conv_settings(
        x, weight, stride, padding, dilation, groups)
    G = groups
    x_pad = pad_spatial(x, p)
    x_groups, w_groups = _split_groups(x_pad, weight, G)
    out = np.zeros((N, G, C_out // G, H_out, W_out), dtype=np.result_type(x, weight))
    for i in range(H_out):
        for j in range(W_out):
            rows, cols = _window(i, j, s, d, k_h, k_w)
            window = x_groups[:, :, :, rows, cols]                 # (N, G, C_in/G, k_h, k_w)
            out[:, :, :, i, j] = np.einsum("ngcab,gocab->ngo", window, w_groups)
    out = out.reshape(N, C_out, H_out, W_out)
    if bias is not None:
        out = out + bias.reshape(1, C_out, 1, 1)
    return out


def conv2d_backward(dout, x, weight, stride=1, padding=0, dilation=1, groups=1):
    """Gradients of :func:`conv2d` given ``dout = ∂L/∂out``: returns ``(dx, dweight, dbias)``.

    The forward loop run backwards: each output position (i, j) sends
    ``dout[n, o, i, j] · weight[o]`` back to the window it read, and adds
    ``dout[n, o, i, j] · window`` to ``dweight[o]``; ``dbias[o] = Σ_{n,i,j} dout[n, o, i, j]``.

    Shape:
        dout ``(N, C_out, H_out, W_out)`` → dx like x, dweight like weight, dbias ``(C_out,)``.
    """
    N, C_in, H, W, C_out, k_h, k_w, s, p, d, H_out, W_out = conv_settings(
        x, weight, stride, padding, dilation, groups)
    G = groups
    x_pad = pad_spatial(x, p)
    x_groups, w_groups = _split_groups(x_pad, weight, G)
    dout_groups = dout.reshape(N, G, C_out // G, H_out, W_out)     # (N, G, C_out/G, H_out, W_out)
    dx_groups = np.zeros(x_groups.shape, dtype=np.result_type(dout, weight))
    dw_groups = np.zeros(w_groups.shape, dtype=np.result_type(dout, x))
    for i in range(H_out):
        for j in range(W_out):
            rows, cols = _window(i, j, s, d, k_h, k_w)
            g = dout_groups[:, :, :, i, j]                         # (N, G, C_out/G)
            dw_groups += np.einsum("ngo,ngcab->gocab", g, x_groups[:, :, :, rows, cols])
            dx_groups[:, :, :, rows, cols] += np.einsum("ngo,gocab->ngcab", g, w_groups)
    dx_pad = dx_groups.reshape(N, C_in, *x_pad.shape[2:])
    dx = dx_pad[:, :, p[0]:p[0] + H, p[1]:p[1] + W]                # drop the padding
    return dx, dw_groups.reshape(weight.shape), dout.sum(axis=(0, 2, 3))

"""Fast convolution: unfold the windows into columns, then one matrix product.

``im2col`` copies every input window into a column (``k_h·k_w`` strided copies,
no Python loop over positions); the convolution then is a single
``weight (C_out, C_in·k_h·k_w) @ columns (C_in·k_h·k_w, N·H_out·W_out)``
for the whole batch, which BLAS computes at full speed.
"""

import numpy as np

from cnnlab.geometry import conv_out_size, pair
from cnnlab.ops._args import check_4d
from cnnlab.ops.conv import conv_settings, pad_spatial


def im2col(x, kernel_size, stride=1, padding=0, dilation=1):
    """Unfold ``x`` into columns, one per output position of every image (as in cs231n)::

        cols[(c, a, b), (n, i, j)] = x_pad[n, c, i·s_h + a·d_h, j·s_w + b·d_w]

    Shape:
        x ``(N, C, H, W)`` → cols ``(C·k_h·k_w, N·H_out·W_out)``.
    """
    check_4d(x, "x")
    N, C, H, W = x.shape
    (k_h, k_w), s = pair(kernel_size, "kernel_size", 1), pair(stride, "stride", 1)
    p, d = pair(padding, "padding", 0), pair(dilation, "dilation", 1)
    H_out = conv_out_size(H, k_h, s=s[0], p=p[0], d=d[0])
    W_out = conv_out_size(W, k_w, s=s[1], p=p[1], d=d[1])
    x_pad = pad_spatial(x, p).transpose(1, 0, 2, 3)           # (C, N, H_pad, W_pad), a view
    cols = np.empty((C, k_h, k_w, N, H_out, W_out), dtype=x.dtype)
    for a in range(k_h):
        for b in range(k_w):
            top, left = a * d[0], b * d[1]                   # kernel offset (a, b) in the input
            cols[:, a, b] = x_pad[:, :, top:top + s[0] * (H_out - 1) + 1:s[0],
                                  left:left + s[1] * (W_out - 1) + 1:s[1]]
    return cols.reshape(C * k_h * k_w, N * H_out * W_out)


def conv2d_im2col(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """Same result as :func:`cnnlab.ops.conv2d`, computed as one matrix product per group::

        out = weight.reshape(C_out, C_in·k_h·k_w) @ im2col(x)      (+ bias)

    Shape:
        x ``(N, C_in, H, W)``, weight ``(C_out, C_in / groups, k_h, k_w)``
        → out ``(N, C_out, H_out, W_out)``.
    """
    N, C_in, H, W, C_out, k_h, k_w, s, p, d, H_out, W_out = conv_settings(
        x, weight, stride, padding, dilation, groups)
    G = groups
    cols = im2col(x, (k_h, k_w), s, p, d)                           # (C_in·k_h·k_w, N·L)
    cols = cols.reshape(G, (C_in // G) * k_h * k_w, N * H_out * W_out)  # (G, K, N·L)
    w = weight.reshape(G, C_out // G, (C_in // G) * k_h * k_w)      # (G, C_out/G, K)
    out = np.matmul(w, cols)                                        # (G, C_out/G, N·L)
    out = out.reshape(C_out, N, H_out, W_out).transpose(1, 0, 2, 3)  # (N, C_out, H_out, W_out)
    if bias is not None:
        out = out + bias.reshape(1, C_out, 1, 1)
    return np.ascontiguousarray(out)

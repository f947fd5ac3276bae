"""Max and average pooling, and their backward passes.

Every pooling window is a view of the (padded) input, so one line computes
them all: ``windows(x).max(axis=(4, 5))``.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from cnnlab.geometry import pair, pool_out_size
from cnnlab.ops._args import check_4d


def _settings(x, kernel_size, stride, padding):
    check_4d(x, "x")
    k = pair(kernel_size, "kernel_size", 1)
    s = k if stride is None else pair(stride, "stride", 1)
    p = pair(padding, "padding", 0)
    H_out = pool_out_size(x.shape[2], k[0], s=s[0], p=p[0])
    W_out = pool_out_size(x.shape[3], k[1], s=s[1], p=p[1])
    return k, s, p, (H_out, W_out)


def pooling_windows(x, k, s, p, fill):
    """Every pooling window: (N, C, H, W) → (N, C, H_out, W_out, k_h, k_w) (a view).

    ``k``, ``s``, ``p``: (h, w) kernel size, stride and padding; ``fill``: the padding value
    (−∞ for max pooling, 0 for average pooling). Window (i, j) starts at x_pad[i·s_h, j·s_w].
    """
    x_pad = np.pad(x, ((0, 0), (0, 0), (p[0], p[0]), (p[1], p[1])), constant_values=fill)
    windows = sliding_window_view(x_pad, k, axis=(2, 3))   # (N, C, H_pad−k_h+1, W_pad−k_w+1, k_h, k_w)
    return windows[:, :, ::s[0], ::s[1]]                    # keep every s-th window


def max_pool2d(x, kernel_size, stride=None, padding=0):
    """Max pooling like ``torch.nn.functional.max_pool2d``::

        out[n, c, i, j] = max_{a, b} x_pad[n, c, i·s_h + a, j·s_w + b]     (padding is −∞)

    Shape:
        x ``(N, C, H, W)`` → ``(N, C, H_out, W_out)``, ``H_out = ⌊(H + 2·p − k) / s⌋ + 1``;
        the stride defaults to the kernel size.
    """
    k, s, p, _ = _settings(x, kernel_size, stride, padding)
    return pooling_windows(x, k, s, p, -np.inf).max(axis=(4, 5))


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    """Average pooling like ``torch.nn.functional.avg_pool2d`` (padding zeros are counted)::

        out[n, c, i, j] = 1/(k_h·k_w) · Σ_{a, b} x_pad[n, c, i·s_h + a, j·s_w + b]

    Shape:
        x ``(N, C, H, W)`` → ``(N, C, H_out, W_out)``, ``H_out = ⌊(H + 2·p − k) / s⌋ + 1``.
    """
    k, s, p, _ = _settings(x, kernel_size, stride, padding)
    return pooling_windows(x, k, s, p, 0.0).mean(axis=(4, 5))


def _scatter(dx_pad, k, s, out_size, contribution):
    """Add ``contribution(a, b)`` (N, C, H_out, W_out) at kernel offset (a, b) of every window."""
    H_out, W_out = out_size
    for a in range(k[0]):
        for b in range(k[1]):
            dx_pad[:, :, a:a + s[0] * (H_out - 1) + 1:s[0], b:b + s[1] * (W_out - 1) + 1:s[1]] += contribution(a, b)


def max_pool2d_backward(dout, x, kernel_size, stride=None, padding=0):
    """Gradient of :func:`max_pool2d`: each window's ``dout`` goes to its maximum only.

    Shape:
        dout ``(N, C, H_out, W_out)`` → dx ``(N, C, H, W)``.
    """
    k, s, p, out_size = _settings(x, kernel_size, stride, padding)
    N, C, H, W = x.shape
    windows = pooling_windows(x, k, s, p, -np.inf).reshape(N, C, *out_size, k[0] * k[1])
    winner = windows.argmax(axis=-1)                        # (N, C, H_out, W_out): flat offset a·k_w + b
    dx_pad = np.zeros((N, C, H + 2 * p[0], W + 2 * p[1]), dtype=dout.dtype)
    _scatter(dx_pad, k, s, out_size, lambda a, b: dout * (winner == a * k[1] + b))
    return dx_pad[:, :, p[0]:p[0] + H, p[1]:p[1] + W]


def avg_pool2d_backward(dout, x, kernel_size, stride=None, padding=0):
    """Gradient of :func:`avg_pool2d`: each window shares ``dout / (k_h·k_w)`` equally.

    Shape:
        dout ``(N, C, H_out, W_out)`` → dx ``(N, C, H, W)``.
    """
    k, s, p, out_size = _settings(x, kernel_size, stride, padding)
    N, C, H, W = x.shape
    dx_pad = np.zeros((N, C, H + 2 * p[0], W + 2 * p[1]), dtype=dout.dtype)
    _scatter(dx_pad, k, s, out_size, lambda a, b: dout / (k[0] * k[1]))
    return dx_pad[:, :, p[0]:p[0] + H, p[1]:p[1] + W]

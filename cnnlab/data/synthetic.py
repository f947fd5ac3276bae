"""Tiny black-and-white images for working convolutions out by hand.

Every function returns a float32 tensor of shape (H, W) holding only 0.0
(black) and 1.0 (white); add batch and channel axes with
``x[None, None]`` → (1, 1, H, W) before passing it to ``nn.Conv2d``.

The classic example (d2l §7.2, the course's first convolution) is
:func:`stripe`: a 6×8 white image with a black vertical band in columns
2–5. The kernel ``[[1, -1]]`` turns it into +1 on the white→black edge and
−1 on the black→white edge, 0 elsewhere.
"""

import torch

from cnnlab.i18n import say


def _check(h, w):
    if h < 1 or w < 1:
        raise ValueError(say(zh="图像尺寸必须 ≥ 1，收到 {h}×{w}", en="image size must be >= 1, got {h}×{w}",
                             h=h, w=w))


def stripe(h=6, w=8, start=2, stop=6):
    """White (1) image with a black (0) vertical band in columns ``start … stop-1``.

    ``stripe()`` is the 6×8 image ``X = ones(6, 8); X[:, 2:6] = 0``.
    """
    _check(h, w)
    x = torch.ones(h, w)
    x[:, start:stop] = 0
    return x


def edge(h=6, w=8, at=None, vertical=True):
    """A single step edge: white (1) before position ``at`` (default: the middle), black after.

    ``vertical=True`` puts the edge between columns ``at-1`` and ``at``;
    ``vertical=False`` between rows.
    """
    _check(h, w)
    x = torch.zeros(h, w)
    if vertical:
        x[:, : w // 2 if at is None else at] = 1
    else:
        x[: h // 2 if at is None else at, :] = 1
    return x


def bars(h=8, w=8, width=1, vertical=True):
    """Alternating bars ``width`` pixels wide, starting with white: x[i, j] = 1 if ⌊j / width⌋ is even."""
    _check(h, w)
    idx = torch.arange(w if vertical else h)
    line = ((idx // width) % 2 == 0).float()
    return line.expand(h, w).clone() if vertical else line[:, None].expand(h, w).clone()


def checkerboard(h=8, w=8, square=1):
    """Checkerboard of ``square``×``square`` cells: x[i, j] = 1 if ⌊i/s⌋ + ⌊j/s⌋ is even."""
    _check(h, w)
    i = torch.arange(h)[:, None] // square
    j = torch.arange(w)[None, :] // square
    return ((i + j) % 2 == 0).float()


def diagonal(n=8):
    """An n×n image with a white main diagonal on black (the identity matrix)."""
    _check(n, n)
    return torch.eye(n)

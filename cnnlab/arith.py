"""Convolution arithmetic worked out step by step: output sizes, padding, parameters, MACs, neurons.

Every function takes plain integers, or ``(h, w)`` pairs where height and width
differ, and answers with an ``int`` (or a pair when any argument was a pair).
With ``explain=True`` it answers with the worked derivation instead, as text in
the course language — the same arithmetic as the lesson, with the numbers in::

    >>> print(conv_output_size(227, 11, s=4, explain=True))
    out = (n − k + 2·p) / s + 1
        = (227 − 11 + 2·0) / 4 + 1 = 54 + 1 = 55

The derivation is a ``str`` whose ``.value`` is the number itself.

Two ways of writing padding
---------------------------
Books and blogs use two conventions, and mixing them up is the commonest
mistake in this lesson:

* **per-side padding** ``p`` (PyTorch's ``padding=``, cs231n, conv_arithmetic):
  ``p`` rows are added at the top *and* ``p`` at the bottom, so the formula has
  ``2·p``:   ``out = ⌊(n − k + 2·p) / s⌋ + 1``.
* **total padding** ``p_total`` (d2l, "(n − k + p + s) / s"): ``p_total`` rows
  are added altogether, top and bottom together:
  ``out = ⌊(n − k + p_total + s) / s⌋``.

Here the first is the argument ``p`` and the second the keyword-only argument
``p_total``; passing both is an error. ``p_total = 2·p`` gives the same answer.

Bad arguments raise ``ValueError`` naming the argument and the rule, in the
course language (``cnnlab.set_language('zh' | 'en')``). The rules themselves
live in :mod:`cnnlab.geometry`; this module works out the numbers and counts, and
:mod:`cnnlab.derivation` writes out how each size follows.
"""

from cnnlab import geometry
from cnnlab.derivation import (Derivation, conv_size_lines, formula_lines, per_axis, pool_size_lines,
                               same_padding_lines, transposed_size_lines)
from cnnlab.i18n import say

__all__ = [
    "conv_output_size", "pool_output_size", "transposed_conv_output_size",
    "same_padding", "conv_params", "conv_macs", "neuron_count", "Derivation",
]


# ----------------------------------------------------------------------------
# checking and normalising arguments
# ----------------------------------------------------------------------------
def _labelled_pair(value, name, minimum):
    """An int or an (h, w) pair -> a pair of ints (:func:`cnnlab.geometry.pair`, labelled)."""
    return geometry.pair(value, geometry.label(name), minimum)


def _is_pair(*values):
    return any(isinstance(v, (tuple, list)) for v in values)


# ----------------------------------------------------------------------------
# output sizes
# ----------------------------------------------------------------------------
def conv_output_size(n, k, *, s=1, p=0, d=1, p_total=None, explain=False):
    """Output size of a convolution (PyTorch ``nn.Conv2d`` semantics).

    With per-side padding ``p`` (PyTorch's ``padding``)::

        out = ⌊(n + 2·p − d·(k − 1) − 1) / s⌋ + 1
            = ⌊(n − k + 2·p) / s⌋ + 1                 when d = 1

    With total padding ``p_total`` (keyword only; d2l's convention)::

        out = ⌊(n − k + p_total + s) / s⌋             when d = 1

    The floor ⌊·⌋ drops the last rows/columns a stride cannot reach.

    Args:
        n: input size (height = width), or an ``(h, w)`` pair.
        k: kernel size, or a pair.
        s: stride (≥ 1); this and every argument after it by keyword, in PyTorch's order.
        p: padding added on *each* side (≥ 0).
        d: dilation (≥ 1); the kernel then spans ``d·(k − 1) + 1`` pixels.
        p_total: padding added on both sides together; do not also pass ``p``.
        explain: return the worked :class:`Derivation` instead of the number.

    Shape:
        Input ``(N, C, n_h, n_w)`` → output ``(N, C_out, out_h, out_w)``.

    Example:
        ``conv_output_size(227, 11, s=4)`` → 55 (AlexNet's first layer).
    """
    as_pair = _is_pair(n, k, s, p, d, p_total)
    n2, k2 = _labelled_pair(n, "n", 1), _labelled_pair(k, "k", 1)
    s2, d2 = _labelled_pair(s, "s", 1), _labelled_pair(d, "d", 1)
    if p_total is not None:
        if p != 0:
            raise ValueError(say(
                zh="不要同时给出每侧填充 p 和总填充 p_total：p 是每一侧各填充的行数（PyTorch 的 padding），"
                   "p_total 是两侧合计（p_total = 2·p），二选一",
                en="pass either the per-side padding p (PyTorch's padding) or the total padding "
                   "p_total (both sides together, p_total = 2·p), not both"))
        totals, per_side = _labelled_pair(p_total, "p_total", 0), False
    else:
        totals, per_side = tuple(2 * v for v in _labelled_pair(p, "p", 0)), True
    return per_axis(_conv_axis, (n2, k2, s2, d2, totals), as_pair, explain, per_side)


def _conv_axis(n, k, s, d, total, per_side):
    """One axis of :func:`conv_output_size`: the size and its derivation."""
    out = (geometry.conv_out_size(n, k, s=s, p=total // 2, d=d) if per_side
           else geometry.conv_out_size(n, k, s=s, d=d, p_total=total))
    return out, conv_size_lines(n, k, s, d, total, per_side, out)


def pool_output_size(n, k, *, s=None, p=0, d=1, ceil_mode=False, explain=False):
    """Output size of max/average pooling (PyTorch ``nn.MaxPool2d`` semantics).

    ::

        out = ⌊(n + 2·p − d·(k − 1) − 1) / s⌋ + 1        (ceil_mode=False)
        out = ⌈(n + 2·p − d·(k − 1) − 1) / s⌉ + 1        (ceil_mode=True)

    With ``ceil_mode=True`` a window may hang over the bottom/right edge of the
    padded input (even the first one, when the window is larger than the padded
    input: ``n = 2, k = 3, s = 2`` gives 1), but every window must *start* inside
    the input or its left/top padding: the last one is dropped when
    ``(out − 1)·s ≥ n + p``. This is the rule of PyTorch's
    ``pooling_output_shape`` (``aten/src/ATen/native/Pool.h``). The stride ``s``
    defaults to the kernel size ``k``; PyTorch requires ``p ≤ k / 2``.

    Shape:
        Input ``(N, C, n_h, n_w)`` → output ``(N, C, out_h, out_w)``.
    """
    as_pair = _is_pair(n, k, s, p, d)
    n2, k2, d2 = _labelled_pair(n, "n", 1), _labelled_pair(k, "k", 1), _labelled_pair(d, "d", 1)
    s2 = k2 if s is None else _labelled_pair(s, "s", 1)
    p2 = _labelled_pair(p, "p", 0)
    return per_axis(_pool_axis, (n2, k2, s2, p2, d2), as_pair, explain, ceil_mode)


def _pool_axis(n, k, s, p, d, ceil_mode):
    """One axis of :func:`pool_output_size`: the size and its derivation."""
    out = geometry.pool_out_size(n, k, s=s, p=p, d=d, ceil_mode=ceil_mode)
    return out, pool_size_lines(n, geometry.effective_kernel(k, d), s, p, ceil_mode, out)


def transposed_conv_output_size(n, k, *, s=1, p=0, d=1, output_padding=0, explain=False):
    """Output size of a transposed convolution (``nn.ConvTranspose2d``)::

        out = (n − 1)·s − 2·p + d·(k − 1) + output_padding + 1

    It undoes the size change of ``conv_output_size(out, k, s=s, p=p, d=d)``;
    ``output_padding`` (< max(s, d)) picks among the sizes that a strided
    convolution maps to the same ``n``.

    Shape:
        Input ``(N, C_in, n_h, n_w)`` → output ``(N, C_out, out_h, out_w)``.
    """
    as_pair = _is_pair(n, k, s, p, d, output_padding)
    n2, k2, p2 = _labelled_pair(n, "n", 1), _labelled_pair(k, "k", 1), _labelled_pair(p, "p", 0)
    s2, d2, o2 = _labelled_pair(s, "s", 1), _labelled_pair(d, "d", 1), _labelled_pair(output_padding, "output_padding", 0)
    return per_axis(_transposed_axis, (n2, k2, p2, s2, d2, o2), as_pair, explain)


def _transposed_axis(n, k, p, s, d, o):
    """One axis of :func:`transposed_conv_output_size`: the size and its derivation."""
    out = geometry.transposed_out_size(n, k, s=s, p=p, d=d, output_padding=o)
    return out, transposed_size_lines(n, k, p, s, d, o, out)


def _uneven_same_padding(k, d, span):
    """The message for a kernel whose same padding cannot be split evenly (d named only when d > 1)."""
    if d == 1:
        return say(zh="卷积核 k = {k} 无法两侧对称填充保持尺寸：k − 1 = {s} 是奇数；"
                      "请用奇数尺寸的卷积核，或用 PyTorch 的 padding='same'（两侧不对称）",
                   en="kernel k = {k} cannot keep the size with equal padding on both sides: k − 1 = {s} "
                      "is odd; use an odd kernel, or PyTorch's padding='same' (which pads one side more)",
                   k=k, s=span)
    return say(zh="卷积核 k = {k}（膨胀率 d = {d}）无法两侧对称填充保持尺寸：d·(k − 1) = {s} 是奇数；"
                  "请用奇数尺寸的卷积核，或用 PyTorch 的 padding='same'（两侧不对称）",
               en="kernel k = {k} (dilation d = {d}) cannot keep the size with equal padding on both "
                  "sides: d·(k − 1) = {s} is odd; use an odd kernel, or PyTorch's padding='same' "
                  "(which pads one side more)",
               k=k, d=d, s=span)


def same_padding(k, d=1, explain=False):
    """Per-side padding that keeps the size unchanged at stride 1::

        p = d·(k − 1) / 2          (k = 3 → 1, k = 5 → 2, k = 7 → 3)

    Only possible when ``d·(k − 1)`` is even, i.e. for odd kernels; for even
    kernels PyTorch's ``padding='same'`` pads one side more than the other.
    """
    as_pair = _is_pair(k, d)
    k2, d2 = _labelled_pair(k, "k", 1), _labelled_pair(d, "d", 1)
    return per_axis(_same_padding_axis, (k2, d2), as_pair, explain)


def _same_padding_axis(k, d):
    """One axis of :func:`same_padding`: the padding and its derivation."""
    before, after = geometry.same_padding_sides(k, d)
    if before != after:
        raise ValueError(_uneven_same_padding(k, d, before + after))
    return before, same_padding_lines(k, d, before)


# ----------------------------------------------------------------------------
# parameters, multiply–accumulates, neurons
# ----------------------------------------------------------------------------
def _check_groups(c_in, c_out, groups):
    for name, value in (("c_in", c_in), ("c_out", c_out), ("groups", groups)):
        geometry.whole(value, geometry.label(name))          # a channel count is one number, never a pair
    for name, value in (("c_in", c_in), ("c_out", c_out)):
        if value % groups:
            raise ValueError(say(
                zh="{arg} = {v} 必须能被分组数 groups = {g} 整除",
                en="{arg} = {v} must be divisible by groups = {g}",
                arg=geometry.label(name), v=value, g=groups))


def conv_params(c_in, c_out, k, bias=True, groups=1, explain=False):
    """Number of trainable parameters of a convolution layer::

        params = (k_h·k_w·c_in / groups + 1)·c_out        (bias=True)
        params = (k_h·k_w·c_in / groups)·c_out            (bias=False)

    Each of the ``c_out`` kernels has ``k_h × k_w × (c_in / groups)`` weights
    and one bias; the same kernel is shared by every output position.

    Example:
        ``conv_params(3, 96, 11)`` → (11·11·3 + 1)·96 = 34,944.
    """
    _check_groups(c_in, c_out, groups)
    kh, kw = _labelled_pair(k, "k", 1)
    per_kernel = kh * kw * (c_in // groups) + int(bool(bias))
    total = per_kernel * c_out
    if not explain:
        return total
    c = f"{c_in}" if groups == 1 else f"({c_in}/{groups})"
    g, b = ("/groups" if groups != 1 else ""), (" + 1" if bias else "")
    lines = formula_lines(say(zh="参数量", en="params"), f"(k·k·c_in{g}{b})·c_out",
                   f"({kh}·{kw}·{c}{b})·{c_out} = {per_kernel}·{c_out} = {total:,}")
    return Derivation("\n".join(lines), total)


def conv_macs(c_in, c_out, k, out_size, groups=1, explain=False):
    """Multiply–accumulates (MACs) of a convolution for ONE image::

        MACs = out_h·out_w·c_out · k_h·k_w·c_in / groups

    Every output value is a dot product of length ``k_h·k_w·c_in/groups``.
    (FLOPs ≈ 2·MACs: one multiplication and one addition each.)

    Example (GoogLeNet's 5×5 branch on 28×28×192, "same" padding)::

        conv_macs(192, 32, 5, 28)                          → 120,422,400
        conv_macs(192, 16, 1, 28) + conv_macs(16, 32, 5, 28) → 12,443,648
    """
    _check_groups(c_in, c_out, groups)
    kh, kw = _labelled_pair(k, "k", 1)
    oh, ow = _labelled_pair(out_size, "out_size", 1)
    total = oh * ow * c_out * kh * kw * (c_in // groups)
    if not explain:
        return total
    c = f"{c_in}" if groups == 1 else f"({c_in}/{groups})"
    text = (say(zh="乘加次数 MACs = out_h·out_w·c_in·k_h·k_w·c_out",
                en="MACs = out_h·out_w·c_in·k_h·k_w·c_out")
            + ("/groups" if groups != 1 else "")
            + f"\n     = {oh}·{ow}·{c}·{kh}·{kw}·{c_out} = {total:,}")
    return Derivation(text, total)


def neuron_count(channels, size, explain=False):
    """Number of neurons (output values) of a feature map for ONE image::

        neurons = out_h·out_w·channels

    Example: AlexNet's first layer, ``neuron_count(96, 55)`` → 55·55·96 = 290,400.
    """
    c = geometry.whole(channels, geometry.label("channels"))
    h, w = _labelled_pair(size, "size", 1)
    total = h * w * c
    if not explain:
        return total
    text = say(zh="神经元数 = 高·宽·通道数", en="neurons = h·w·channels") + f"\n  = {h}·{w}·{c} = {total:,}"
    return Derivation(text, total)

"""Worked derivations as text: a ``str`` that also holds its number, and how one is laid out.

:mod:`cnnlab.arith` answers ``explain=True`` with a :class:`Derivation`: the
formula, then the same formula with the numbers in, the ``=`` signs one under
the other::

    out = (n − k + 2·p) / s + 1
        = (227 − 11 + 2·0) / 4 + 1 = 54 + 1 = 55

A size is worked out for the height and for the width (:func:`per_axis`);
when the two derivations differ, each gets its own ``h:`` / ``w:`` label.
"""

from cnnlab.geometry import effective_kernel
from cnnlab.i18n import say
from cnnlab.text import display_width

__all__ = ["Derivation", "per_axis", "join_axes", "formula_lines", "floor_division", "conv_size_lines",
           "pool_size_lines", "transposed_size_lines", "same_padding_lines"]


class Derivation(str):
    """The worked derivation as text; ``.value`` holds the result itself."""

    def __new__(cls, text, value):
        self = super().__new__(cls, text)
        self.value = value
        return self


def join_axes(lines_per_dim, result, as_pair):
    """Join the derivation lines; label them h / w when the two sides differ."""
    if not as_pair or lines_per_dim[0] == lines_per_dim[1]:
        text = "\n".join(lines_per_dim[0])
    else:
        text = "\n".join(
            f"{axis}: " + "\n   ".join(lines)
            for axis, lines in zip(("h", "w"), lines_per_dim))
    return Derivation(text, result)


def per_axis(one_axis, pairs, as_pair, explain, *same):
    """Work a size out for the height, then for the width, and answer as the caller asked.

    ``pairs`` are the arguments that may differ between the axes, each as an
    (h, w) pair; ``same`` are those that do not. ``one_axis(*values, *same)``
    works out one axis and returns ``(result, lines of its derivation)``. The
    answer is an int (an (h, w) pair when ``as_pair``), or with ``explain``
    the :class:`Derivation` of both axes.
    """
    results, lines = zip(*(one_axis(*values, *same) for values in zip(*pairs)))
    answer = results if as_pair else results[0]
    return join_axes(lines, answer, as_pair) if explain else answer


def formula_lines(word, formula, numbers):
    """The two lines ``word = formula`` and ``     = numbers``, one ``=`` under the other."""
    return [f"{word} = {formula}", f"{' ' * display_width(word)} = {numbers}"]


def floor_division(numerator, s):
    """'numerator / s' worked out: '54', or '⌊1.5⌋ = 1' when the floor matters."""
    if numerator % s == 0:
        return f"{numerator // s}"
    return f"⌊{numerator / s:g}⌋ = {numerator // s}"


# ----------------------------------------------------------------------------
# the derivation of each output size, for one axis (the lesson's own notation)
# ----------------------------------------------------------------------------
def _out():
    return say(zh="输出", en="out")


def conv_size_lines(n, k, s, d, total, per_side, out):
    """How a convolution's ``out`` follows from n, k, s, d and the padding ``total`` (both sides).

    ``per_side``: written with PyTorch's ``p`` (``(n − k + 2·p) / s + 1``), else
    with ``p_total`` (``(n − k + p_total + s) / s``); a dilated kernel is first
    replaced by its span ``k' = d·(k − 1) + 1``.
    """
    lines, k_name = [], "k"
    if d != 1:
        k_eff = effective_kernel(k, d)
        lines.append(say(zh="有效卷积核 k' = d·(k − 1) + 1 = {d}·({k} − 1) + 1 = {ke}",
                         en="effective kernel k' = d·(k − 1) + 1 = {d}·({k} − 1) + 1 = {ke}",
                         d=d, k=k, ke=k_eff))
        k, k_name = k_eff, "k'"
    exact = (n - k + total) % s == 0
    left, right = ("(", ")") if exact else ("⌊(", ")⌋")
    if per_side:   # (n − k + 2·p) / s + 1
        formula = f"{left}n − {k_name} + 2·p) / s{right[1:]} + 1"
        numbers = f"{left}{n} − {k} + 2·{total // 2}) / {s}{right[1:]} + 1"
        q = n - k + total
        worked = f"{q // s} + 1 = {out}" if exact else f"⌊{q / s:g}⌋ + 1 = {q // s} + 1 = {out}"
    else:          # (n − k + p_total + s) / s
        formula = f"{left}n − {k_name} + p_total + s) / s{right[1:]}"
        numbers = f"{left}{n} − {k} + {total} + {s}) / {s}{right[1:]}"
        worked = floor_division(n - k + total + s, s)
    lines += formula_lines(_out(), formula, f"{numbers} = {worked}")
    if not exact:
        lines.append(say(
            zh="（除不尽时向下取整，同 PyTorch：最后 {r} 行/列没有被卷积核覆盖）",
            en="(not a whole number: PyTorch rounds down, so the last {r} row(s)/column(s) are never covered)",
            r=(n - k + total) % s))
    return lines


def pool_size_lines(n, k_eff, s, p, ceil_mode, out):
    """How a pooling layer's ``out`` follows: ``⌊(n − k + 2·p) / s⌋ + 1`` (⌈·⌉ with ``ceil_mode``),
    and a note when the last window, starting in the right padding, is dropped."""
    span = n + 2 * p - k_eff
    shown = (-(-span // s) if ceil_mode else span // s) + 1   # the formula, before the drop rule
    left, right = ("⌈", "⌉") if ceil_mode else ("⌊", "⌋")
    step = f"{left}{span / s:g}{right}" if span % s else f"{span // s}"
    lines = formula_lines(_out(), f"{left}(n − k + 2·p) / s{right} + 1",
                          f"{left}({n} − {k_eff} + 2·{p}) / {s}{right} + 1 = {step} + 1 = {shown}")
    if shown > out:
        lines.append(say(zh="最后一个窗口的起点落在右侧填充里，舍去：输出 = {o}",
                         en="the last window would start in the right padding, so it is dropped: out = {o}",
                         o=out))
    return lines


def transposed_size_lines(n, k, p, s, d, o, out):
    """How a transposed convolution's ``out = (n − 1)·s − 2·p + d·(k − 1) + output_padding + 1`` follows."""
    return formula_lines(_out(), "(n − 1)·s − 2·p + d·(k − 1) + output_padding + 1",
                         f"({n} − 1)·{s} − 2·{p} + {d}·({k} − 1) + {o} + 1 = {out}")


def same_padding_lines(k, d, p):
    """How the same padding ``p = d·(k − 1) / 2`` follows (without d when d = 1: lesson 03
    shows same padding before dilation)."""
    if d == 1:
        return ["p = (k − 1) / 2", f"  = ({k} − 1) / 2 = {p}"]
    return ["p = d·(k − 1) / 2", f"  = {d}·({k} − 1) / 2 = {p}"]

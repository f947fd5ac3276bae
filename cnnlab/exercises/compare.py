"""Comparing what a function returned with what was expected, and saying in words what differs.

``same_value`` is the one comparison of the public cases (``cases``) and of named mistakes
(``mistakes``, ``typical``): numbers, arrays and tensors agree within a tolerance and with
the same shape, other values must be equal. ``describe_difference`` says what a wrong result
got wrong: ``None`` (a missing ``return``), a float where an ``int`` is expected, the shape
(in words: rows, columns, channels), or the first position that differs, with both values.
"""

import numpy as np

from cnnlab.i18n import say


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def float_for_int(got, expected):
    """True when ``expected`` is a whole number (int) and ``got`` a float: ``54.0`` is not ``54``
    (``/`` divides into a float; a size or a count is an int)."""
    return _is_int(expected) and isinstance(got, (float, np.floating))


def _dims_in_words(shape):
    """A shape in words: (4, 4) → "4 行 × 4 列" / "4 rows × 4 columns"."""
    if len(shape) == 0:
        return say(zh="一个数（0 维）", en="a single number (0-d)")
    names = {1: [("个数", "values")], 2: [("行", "rows"), ("列", "columns")],
             3: [("个通道", "channels"), ("行", "rows"), ("列", "columns")]}.get(len(shape))
    if names is None:
        return say(zh="{d} 维，形状 {s}", en="{d}-d, shape {s}", d=len(shape), s=tuple(shape))
    return " × ".join(say(zh="{n} {w}", en="{n} {w_en}", n=n, w=zh, w_en=en) for n, (zh, en) in zip(shape, names))


def _number(value):
    return f"{float(value):g}" if np.isfinite(value) else str(value)


def describe_difference(got, expected, tol=1e-6):
    """What is wrong with ``got``, in words: a float for an int, ``None``, the shape (when it
    differs), or the first differing position with both values; ``""`` when nothing is found."""
    if got is None:
        return say(zh="函数返回了 None：是不是忘了 return？", en="the function returned None: a missing return?")
    if float_for_int(got, expected):
        return say(zh="得到的是浮点数 {g!r}，这里要的是整数（int）：用 // 整除，或用 int(...) 转换。",
                   en="the result is a float ({g!r}) where an int is expected: use // or int(...).", g=got)
    got, expected = _as_numpy(got), _as_numpy(expected)
    try:
        got_array, want = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return ""
    if want.ndim == 0:
        return ""
    if got_array.shape != want.shape:
        return say(zh="形状不对：期望 {e}，形状 {es}；得到 {g}，形状 {gs}。",
                   en="wrong shape: expected {e}, shape {es}; got {g}, shape {gs}.",
                   e=_dims_in_words(want.shape), es=tuple(want.shape),
                   g=_dims_in_words(got_array.shape), gs=tuple(got_array.shape))
    wrong = np.argwhere(~np.isclose(got_array, want, atol=tol, rtol=tol))
    if not len(wrong):
        return ""
    where = tuple(int(i) for i in wrong[0])
    return say(zh="形状相同（{d}），共 {n} 个位置不同；第一个不同的位置是 {w}：期望 {e}，得到 {g}。",
               en="same shape ({d}), {n} positions differ; the first is {w}: expected {e}, got {g}.",
               d=_dims_in_words(want.shape), n=len(wrong), w=list(where),
               e=_number(want[where]), g=_number(got_array[where]))


def _as_numpy(value):
    """A tensor as a NumPy array (on the CPU, out of autograd); anything else unchanged."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        return value.detach().cpu().numpy()
    return value


def same_value(got, expected, tol=1e-6):
    """Equal numbers, arrays and tensors (|got − expected| ≤ tol + tol·|expected|, same shape),
    or equal plain values (strings, booleans, None)."""
    got, expected = _as_numpy(got), _as_numpy(expected)
    if isinstance(expected, (np.ndarray, np.number, list, tuple, int, float)) and not isinstance(expected, bool):
        try:
            got_array, want = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        except (TypeError, ValueError, OverflowError):
            return False
        return got_array.shape == want.shape and bool(np.allclose(got_array, want, atol=tol, rtol=tol))
    return bool(got == expected)

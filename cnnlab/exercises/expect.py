"""One assertion for hidden tests: the whole value, checked once, with a message that names what differs.

A hidden test calls the student's function once per case and hands that one result here::

    result = student_function(*case)      # call the student's function once per case
    expect_value(result, expected, case=case, mistakes={"flipped_kernel": (flipped, "…")})

``expect_value(got, want)`` checks, in this order, and raises a plain ``AssertionError`` at the first
difference, in the course language (the grader's status then reads
``wrong: hidden test failed for case …: shape should be (4, 5), got (0, 1, 1)``):

1. **kind** — what ``want`` is decides what ``got`` must be: an integer (``int`` or a NumPy
   integer, never ``bool``), a real number (``int``/``float``/NumPy), a bool, a NumPy array,
   a torch tensor, or a tuple/list checked item by item (a shape tuple is a tuple of ints).
   ``kinds=("array", "tensor")`` accepts either of the two for an exercise that allows both;
   ``kind="int"`` asks for a Python ``int`` itself.
2. **shape** — exactly ``want``'s shape. Nothing is broadcast: an empty array or one of shape
   ``(N, 1, 1, 1, 1)`` fails here, before any number is compared or any memory is used.
3. **dtype family** — bool, integer, real or complex, as ``want``'s (float32 against float64
   is the same family).
4. **named mistakes** (optional) — ``mistakes={id: (wrong_result, hint)}`` raises
   ``NamedMistake`` when ``got`` equals a typical wrong result (see ``cnnlab.exercises.mistakes``).
5. **values** — every element within ``|got − want| ≤ atol + rtol·|want|``; NaN never equals.
   The message gives the first index that differs and both values there.
"""

import contextlib
import math

import numpy as np

from cnnlab.i18n import say

RTOL = ATOL = 1e-6




def _torch():
    import sys
    return sys.modules.get("torch")


def kind_of(value):
    """``"bool"``, ``"int"``, ``"number"``, ``"array"``, ``"tensor"``, ``"tuple"``, ``"list"`` or ``"other"``."""
    torch = _torch()
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, np.integer)):
        return "int"
    if isinstance(value, (float, np.floating)):
        return "number"
    if isinstance(value, np.ndarray):
        return "array"
    if torch is not None and isinstance(value, torch.Tensor):
        return "tensor"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, list):
        return "list"
    return "other"


_KIND_WORDS = {"bool": ("布尔值", "a bool"), "int": ("整数", "an integer"), "number": ("实数", "a real number"),
               "array": ("NumPy 数组", "a NumPy array"), "tensor": ("torch 张量", "a torch tensor"),
               "tuple": ("元组", "a tuple"), "list": ("列表", "a list"), "other": ("其他对象", "another object")}


def _kind_word(kind):
    zh, en = _KIND_WORDS.get(kind, (kind, kind))
    return say(zh=zh, en=en)


def _type_name(value):
    kind = type(value)
    module = getattr(kind, "__module__", "") or ""
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _where(case):
    return "" if case is None else say(zh="用例 {c}：", en="case {c}: ", c=case)


def _fail(case, zh, en, **values):
    raise AssertionError(_where(case) + say(zh=zh, en=en, **values))


def _accepted_kinds(want, kinds, kind):
    if kind is not None:
        return (kind,)
    if kinds is not None:
        return tuple(kinds)
    wanted = kind_of(want)
    return ("int", "number") if wanted == "number" else (wanted,)


def _check_kind(got, want, kinds, kind, case):
    accepted = _accepted_kinds(want, kinds, kind)
    got_kind = kind_of(got)
    if kind == "int" and type(got) is not int:
        _fail(case, "应返回 Python 的 int，得到 {t}", "should return a Python int, got {t}", t=_type_name(got))
    if got_kind not in accepted:
        _fail(case, "应返回 {w}，得到 {t}", "should return {w}, got {t}",
              w=say(zh=" 或 ", en=" or ").join(_kind_word(k) for k in accepted), t=_type_name(got))
    return got_kind


def _family(dtype):
    return {"b": "bool", "i": "integer", "u": "integer", "f": "real", "c": "complex"}.get(dtype.kind, dtype.kind)


_FAMILY_WORDS = {"bool": ("布尔", "bool"), "integer": ("整数", "integer"), "real": ("浮点", "floating-point"),
                 "complex": ("复数", "complex")}


def _as_array(value, kind):
    """A NumPy view of an array or tensor (no copy on the CPU) — called only after the shapes agree."""
    if kind == "tensor":
        value = value.detach().cpu()
        if value.dtype in (getattr(_torch(), "bfloat16", None),):
            value = value.float()
        return value.resolve_conj().resolve_neg().numpy()
    return np.asarray(value)


def _shape(value):
    return tuple(int(n) for n in value.shape)


def _check_array(got, want, got_kind, case, rtol, atol):
    want_kind = kind_of(want)
    got_shape, want_shape = _shape(got), _shape(want)
    if got_shape != want_shape:
        _fail(case, "形状应为 {w}，得到 {g}", "shape should be {w}, got {g}", w=want_shape, g=got_shape)
    got_array, want_array = _as_array(got, got_kind), _as_array(want, want_kind)
    got_family, want_family = _family(got_array.dtype), _family(want_array.dtype)
    if got_family != want_family:
        _fail(case, "元素类型应为{w}（{wd}），得到{g}（{gd}）", "dtype should be {w} ({wd}), got {g} ({gd})",
              w=say(zh=_FAMILY_WORDS.get(want_family, (want_family,) * 2)[0],
                    en=_FAMILY_WORDS.get(want_family, (want_family,) * 2)[1]),
              g=say(zh=_FAMILY_WORDS.get(got_family, (got_family,) * 2)[0],
                    en=_FAMILY_WORDS.get(got_family, (got_family,) * 2)[1]),
              wd=want_array.dtype, gd=got_array.dtype)
    return got_array, want_array


def _close(got_array, want_array, rtol, atol):
    """Element-wise closeness of two arrays of the same shape (bools and integers exactly)."""
    if _family(want_array.dtype) in ("bool", "integer"):
        return got_array == want_array
    return np.isclose(got_array, want_array, rtol=rtol, atol=atol, equal_nan=False)


def _check_values(got_array, want_array, case, rtol, atol):
    close = _close(got_array, want_array, rtol, atol)
    if close.all():
        return
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    _fail(case, "在下标 {i} 处应为 {w}，得到 {g}（共 {n} 个元素不同）",
          "at index {i} the value should be {w}, got {g} ({n} elements differ)",
          i=index, w=want_array[index].item(), g=got_array[index].item(), n=int((~close).sum()))


def _check_scalar(got, want, got_kind, case, rtol, atol):
    want_kind = kind_of(want)
    if want_kind in ("int", "bool"):
        same = int(got) == int(want) if got_kind == want_kind else False
    else:
        got_f, want_f = float(got), float(want)
        same = math.isfinite(got_f) and abs(got_f - want_f) <= atol + rtol * abs(want_f)
    if not same:
        _fail(case, "应为 {w}，得到 {g}", "should be {w}, got {g}", w=want, g=got)


class CaseTally:
    """The hidden cases of one exercise as they are checked: how many passed, the failures' messages.

    While a tally is open (``tally_cases``), ``expect_value`` counts each case in it and, with
    ``keep_going``, records a failed case instead of raising, so the hidden tests go on to the next
    case: that is how the grader gives points per hidden case (``partial = true`` in the manifest).
    """

    def __init__(self, keep_going=False):
        self.keep_going, self.passed, self.failures = keep_going, 0, []

    @property
    def total(self):
        return self.passed + len(self.failures)


_open_tallies = []


@contextlib.contextmanager
def tally_cases(keep_going=False):
    """Count the cases ``expect_value`` checks inside the ``with`` block; yields the CaseTally."""
    tally = CaseTally(keep_going)
    _open_tallies.append(tally)
    try:
        yield tally
    finally:
        _open_tallies.remove(tally)


def expect_value(got, want, *, case=None, rtol=RTOL, atol=ATOL, kinds=None, kind=None, mistakes=None):
    """Raise ``AssertionError`` unless ``got`` is ``want``: same kind, shape, dtype family, values
    within ``atol + rtol·|want|`` (see the module docstring); ``case`` is quoted in the message.
    Inside ``tally_cases`` the case is counted (and with ``keep_going`` a failure is recorded, not raised)."""
    tally = _open_tallies[-1] if _open_tallies else None
    try:
        _expect(got, want, case=case, rtol=rtol, atol=atol, kinds=kinds, kind=kind, mistakes=mistakes)
    except AssertionError as failure:
        if tally is None or not tally.keep_going:
            raise
        tally.failures.append(failure)
        return
    if tally is not None:
        tally.passed += 1


def _expect(got, want, *, case=None, rtol=RTOL, atol=ATOL, kinds=None, kind=None, mistakes=None):
    got_kind = _check_kind(got, want, kinds, kind, case)
    if got_kind in ("tuple", "list"):
        if len(got) != len(want):
            _fail(case, "应有 {w} 项，得到 {g} 项", "should have {w} items, got {g}", w=len(want), g=len(got))
        for position, (item, wanted) in enumerate(zip(got, want)):
            _expect(item, wanted, case=case if len(want) == 1 else (case, position) if case is not None
                         else position, rtol=rtol, atol=atol, mistakes=None)
        _reject(got, want, mistakes)
        return
    if got_kind in ("array", "tensor"):
        got_array, want_array = _check_array(got, want, got_kind, case, rtol, atol)
        _reject(got, want, mistakes)
        _check_values(got_array, want_array, case, rtol, atol)
        return
    _reject(got, want, mistakes)
    _check_scalar(got, want, got_kind, case, rtol, atol)


def _reject(got, want, mistakes):
    if mistakes:
        from cnnlab.exercises.mistakes import reject_mistakes
        reject_mistakes(got, want, mistakes)

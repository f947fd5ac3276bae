"""Code exercises: run the student's function on public test cases, in a widget.

``check_function(exercise, func, cases)`` sits in the cell after the student's
function. When the cell runs it checks at once (an unanswered exercise, whose
body still raises NotImplementedError, says "not answered yet" and never stops
the notebook) and shows the report with a button that checks again with the
*latest* definition of the function (looked up by name in the notebook), so a
student can fix the function cell, run it and click. Each case runs under a
time limit (``cnnlab.exercises.limits``) and the call monitor
(``cnnlab.exercises.monitor``): when the course manifest forbids helpers for the
exercise (``forbid = [...]``) and the function calls one, the report says so, as the
grader will (0 points). The report lists every case with its input, expected value
and what came back. Clicks are recorded in the answers file, and so is the latest run of the check
cell itself (one record per exercise, ``via: "cell"``, so ``cnnlab progress`` counts a check that
passed without a click); the grader scores code exercises with the hidden tests, not with this.

A failed case says what is wrong: a typical mistake by name
(``cnnlab.exercises.typical``), a float where an ``int`` is expected, an array of
the wrong shape (in words), or the first position where the array differs, with
both values.
"""

import html
import inspect
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np

from cnnlab.exercises import feedback
from cnnlab.exercises.answers import record
from cnnlab.exercises.limits import TookTooLong, call_with_time_limit
from cnnlab.exercises.monitor import Rules, forbidden_for, watch
from cnnlab.exercises.typical import named_mistake
from cnnlab.i18n import get_language, say
from cnnlab.text import clip

TIME_LIMIT = 2.0  # seconds per public case
ERROR_SHOWN = 200  # characters of an error message shown per case


@dataclass
class CaseResult:
    args: tuple
    expected: object
    got: object = None
    error: str = ""
    note: str = ""  # what is wrong, for a failed case

    @property
    def passed(self):
        if self.error or float_for_int(self.got, self.expected):
            return False
        try:
            return same_value(self.got, self.expected)
        except Exception:  # a comparison that fails is a failed case
            return False


@dataclass
class CheckReport:
    exercise: str
    status: str  # "ok", "wrong", "unanswered", "timeout" or "forbidden"
    cases: list = field(default_factory=list)
    forbidden: str = ""  # what the function called that the exercise forbids

    @property
    def passed(self):
        return self.status == "ok"

    @property
    def passed_count(self):
        return sum(case.passed for case in self.cases)

    def __str__(self):
        if self.status == "unanswered":
            return say(zh="○ 练习 {ex}：还没有作答（函数体里仍是 raise NotImplementedError()）",
                       en="○ exercise {ex}: not answered yet (the body still raises NotImplementedError)",
                       ex=self.exercise)
        if self.status == "forbidden":
            return say(zh="✗ 练习 {ex}：你的函数调用了 {name}，本练习不允许使用它（评分时这一题记 0 分）。"
                          "请只用基本的张量/数组运算自己实现。",
                       en="✗ exercise {ex}: your function called {name}, which this exercise does not allow "
                          "(the grader gives 0 points for it). Write it yourself with basic array/tensor operations.",
                       ex=self.exercise, name=self.forbidden)
        lines = []
        for case in self.cases:
            mark = "✓" if case.passed else "✗"
            got = case.error or _short(case.got)
            lines.append(say(zh="  {m} 输入 {a} → 期望 {e}，得到 {g}", en="  {m} input {a} → expected {e}, got {g}",
                             m=mark, a=_short(case.args), e=_short(case.expected), g=got))
            if case.note and not case.passed:
                lines.append("      " + case.note)
        head = say(zh="{m} 练习 {ex}：通过 {p}/{n} 个公开测试", en="{m} exercise {ex}: {p}/{n} public tests pass",
                   m="✓" if self.passed else "✗", ex=self.exercise, p=self.passed_count, n=len(self.cases))
        return "\n".join([head] + lines)


def _short(value, limit=80):
    try:
        if isinstance(value, tuple):
            return "(" + ", ".join(_short(v, limit) for v in value) + ")"
        if isinstance(value, np.ndarray) and value.size > 12:
            return f"array{value.shape}"
        text = repr(value.tolist() if isinstance(value, np.ndarray) else value)
    except Exception:  # a repr that raises
        text = f"<{type(value).__name__}>"
    return clip(text, limit)


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


def _watched_call(func, args, rules):
    """``func(*args)`` under the call monitor: ``(value, what it called that is not allowed, or '')``;
    exceptions propagate."""
    seen = watch(func, args, rules=rules)
    if seen.tampered or seen.forbidden:
        return None, seen.tampered or seen.forbidden
    if seen.error is not None:
        raise seen.error
    return seen.value, ""


def run_cases(exercise, func, cases, time_limit=TIME_LIMIT, forbid=()):
    """The CheckReport of ``func(*args)`` for each ``(args, expected)`` (nothing printed).

    NotImplementedError means unanswered; any other exception is that case's
    result and the next case still runs; a case past ``time_limit`` seconds ends
    the check with status "timeout"; a call of something in ``forbid`` (or switching
    the monitor off) ends it with status "forbidden".
    """
    results, rules = [], Rules.from_names(forbid)
    for args, expected in cases:
        case = CaseResult(args=tuple(args), expected=expected)
        results.append(case)
        try:
            case.got, verdict = call_with_time_limit(_watched_call, (func, case.args, rules), time_limit)
            if verdict:
                return CheckReport(exercise, "forbidden", results, forbidden=verdict)
        except NotImplementedError:
            return CheckReport(exercise, "unanswered")
        except TookTooLong:
            case.error = say(zh="运行超过 {t:g} 秒，被停止了（是不是死循环？）",
                             en="took longer than {t:g} s and was stopped (an endless loop?)", t=time_limit)
            return CheckReport(exercise, "timeout", results)
        except RecursionError:
            case.error = say(zh="RecursionError：递归太深", en="RecursionError: recursion too deep")
        except Exception as err:  # a student's bug is a result, not a crash
            case.error = clip(f"{type(err).__name__}: {err}", ERROR_SHOWN)
        if not case.error and not case.passed:
            case.note = explain_failure(exercise, case)
    status = "ok" if all(case.passed for case in results) else "wrong"
    return CheckReport(exercise, status, results)


def explain_failure(exercise, case):
    """What a failed case got wrong: the typical mistake it matches, else the difference in words."""
    try:
        return (named_mistake(exercise, case.args, case.got, case.expected, same_value)
                or describe_difference(case.got, case.expected))
    except Exception:  # an explanation that fails leaves the case as it is
        return ""


def _current_lesson():
    from cnnlab.exercises.answers import UNTITLED, current_lesson
    stem = current_lesson()
    return None if stem == UNTITLED else stem


def _source(func):
    try:
        return inspect.getsource(func)
    except (OSError, TypeError):
        return repr(func)


class CodeExercise:
    """The widget of one code exercise: the latest report, a check-again button, feedback."""

    def __init__(self, exercise, func, cases, *, time_limit=TIME_LIMIT, hint="", lesson=None):
        self.exercise, self.func, self.cases = exercise, func, list(cases)
        self.time_limit, self.hint, self.lesson = time_limit, hint, lesson
        self.forbid = forbidden_for(exercise, lesson or _current_lesson())
        self.tries, self.saved_to, self.message = 0, None, ""
        self.button = widgets.Button(description=feedback.recheck_label(), layout={"width": "auto"})
        self.button.on_click(self._on_click)
        self.feedback = widgets.HTML(value="")
        self.box = widgets.VBox([self.feedback, self.button])
        self._displayed = False
        self.report = self._run()
        self._record_cell_run()

    @property
    def status(self):
        return self.report.status

    @property
    def passed(self):
        return self.report.passed

    def latest_function(self):
        """The function now bound to the same name in the notebook (the student may have redefined it)."""
        namespace = getattr(self.func, "__globals__", {})
        newest = namespace.get(getattr(self.func, "__name__", ""), self.func)
        return newest if callable(newest) else self.func

    def _run(self):
        try:
            report = run_cases(self.exercise, self.latest_function(), self.cases, self.time_limit, self.forbid)
        except Exception as err:  # never a traceback from the checker itself
            report = CheckReport(self.exercise, "error", [])
            self._show(feedback.internal_error(f"{type(err).__name__}: {err}"), "warn")
            return report
        text = str(report)
        if report.status in ("wrong", "timeout") and self.hint:
            text += "\n" + say(zh="提示：", en="Hint: ") + self.hint
        self._show(text, {"ok": "ok", "unanswered": "info"}.get(report.status, "bad"))
        return report

    def check(self):
        """Click the button: check the latest function and record it; returns the feedback text."""
        self.button.click()
        return self.message

    def _on_click(self, _button=None):
        try:
            self.tries += 1
            self.report = self._run()
            status = {"ok": "correct"}.get(self.report.status, self.report.status)
            try:
                self.saved_to = record(self.exercise, "code", _source(self.latest_function()), status,
                                       stem=self.lesson, passed=self.report.passed_count,
                                       total=len(self.cases), lang=get_language(), **{"try": self.tries})
            except OSError as err:
                self._show(self.message + "\n" + feedback.not_saved(err), "warn")
        except Exception as err:
            self._show(feedback.internal_error(f"{type(err).__name__}: {err}"), "warn")

    def _record_cell_run(self):
        """Record what running the check cell gave (one record per exercise, replaced at each run),
        so that progress counts a check cell that passes without a click; a stub is not recorded."""
        if self.report.status == "unanswered":
            return
        status = {"ok": "correct"}.get(self.report.status, self.report.status)
        try:
            self.saved_to = record(self.exercise, "code", _source(self.latest_function()), status,
                                   stem=self.lesson, passed=self.report.passed_count, total=len(self.cases),
                                   lang=get_language(), via="cell", replace_via=True)
        except OSError as err:
            self._show(self.message + "\n" + feedback.not_saved(err), "warn")
        except Exception:  # the check's report stands even when it cannot be recorded
            pass

    def _show(self, text, tone):
        self.message = text
        colour = {"ok": "#1b7f3a", "bad": "#b3261e", "warn": "#8a5a00"}.get(tone, "inherit")
        self.feedback.value = f'<pre style="color:{colour}; white-space:pre-wrap">{html.escape(text)}</pre>'

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = str(self.report)
        return bundle

    def _ipython_display_(self):
        if not self._displayed:
            from cnnlab.exercises.widgets import show
            show(self)

    def __str__(self):
        return str(self.report)

    def __repr__(self):
        return f"<CodeExercise {self.exercise!r}: {self.report.status}>"


def check_function(exercise, func, cases, *, time_limit=TIME_LIMIT, hint="", lesson=None):
    """Check ``func`` on the public ``cases`` now, show the report with a check-again button,
    and return the CodeExercise (``.report``, ``.status``, ``.passed``)."""
    from cnnlab.exercises.widgets import show
    return show(CodeExercise(exercise, func, cases, time_limit=time_limit, hint=hint, lesson=lesson))

"""The public cases of a code exercise run one by one: each under a time limit and the call monitor.

``run_cases(exercise, func, cases)`` calls ``func(*args)`` for each ``(args, expected)`` and
returns a ``CheckReport`` (nothing is shown: ``code`` puts it in a widget). Each case runs under
a time limit (``limits``) and the call monitor (``monitor``, with the exercise's ``forbid`` list
resolved by ``forbid``). An unanswered function (``NotImplementedError``) ends the check as
"unanswered", a case past the limit as "timeout", a forbidden call as "forbidden"; any other
exception is that case's result. A failed case carries a note: the typical mistake it matches
(``typical``), else what differs (``compare``).
"""

from dataclasses import dataclass, field

import numpy as np

from cnnlab.exercises.compare import describe_difference, float_for_int, same_value
from cnnlab.exercises.forbid import Rules
from cnnlab.exercises.timelimit import TookTooLong, call_with_time_limit
from cnnlab.exercises.monitor import watch
from cnnlab.exercises.typical import named_mistake
from cnnlab.i18n import say
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

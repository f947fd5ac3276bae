"""Code exercises: run the student's function on public test cases."""

from dataclasses import dataclass, field

import numpy as np

from cnnlab.i18n import say


@dataclass
class CaseResult:
    args: tuple
    expected: object
    got: object = None
    error: str = ""

    @property
    def passed(self):
        return not self.error and same_value(self.got, self.expected)


@dataclass
class CheckReport:
    exercise: str
    status: str  # "ok", "wrong" or "unanswered"
    cases: list = field(default_factory=list)

    @property
    def passed(self):
        return self.status == "ok"

    def __str__(self):
        if self.status == "unanswered":
            return say(zh="○ 练习 {ex}：还没有作答（函数体里仍是 raise NotImplementedError()）",
                       en="○ exercise {ex}: not answered yet (the body still raises NotImplementedError)",
                       ex=self.exercise)
        lines = []
        for case in self.cases:
            mark = "✓" if case.passed else "✗"
            got = case.error or _short(case.got)
            lines.append(say(zh="  {m} 输入 {a} → 期望 {e}，得到 {g}", en="  {m} input {a} → expected {e}, got {g}",
                             m=mark, a=_short(case.args), e=_short(case.expected), g=got))
        passed = sum(case.passed for case in self.cases)
        head = say(zh="{m} 练习 {ex}：通过 {p}/{n} 个公开测试", en="{m} exercise {ex}: {p}/{n} public tests pass",
                   m="✓" if self.passed else "✗", ex=self.exercise, p=passed, n=len(self.cases))
        return "\n".join([head] + lines)



def _short(value, limit=80):
    if isinstance(value, tuple):
        return "(" + ", ".join(_short(v, limit) for v in value) + ")"
    if isinstance(value, np.ndarray) and value.size > 12:
        return f"array{value.shape}"
    text = repr(value.tolist() if isinstance(value, np.ndarray) else value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def same_value(got, expected, tol=1e-6):
    """Equal numbers, arrays (and tensors) within ``tol``, or equal plain values."""
    if hasattr(got, "detach"):
        got = got.detach().cpu().numpy()
    if isinstance(expected, (np.ndarray, list, tuple, int, float)) and not isinstance(expected, bool):
        try:
            got_array, want = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
        except (TypeError, ValueError):
            return False
        return got_array.shape == want.shape and bool(np.allclose(got_array, want, atol=tol, rtol=tol))
    return got == expected


def check_function(exercise, func, cases):
    """Run ``func(*args)`` for each ``(args, expected)`` in ``cases`` and print the report.

    The report (returned too, for tests and the grader) is in the course language. NotImplementedError on the
    first case means the exercise is unanswered; any other exception is recorded
    for that case and the next case still runs.
    """
    results = []
    for args, expected in cases:
        case = CaseResult(args=tuple(args), expected=expected)
        try:
            case.got = func(*args)
        except NotImplementedError:
            return _shown(CheckReport(exercise, "unanswered"))
        except Exception as err:  # a student's bug is a result, not a crash
            case.error = f"{type(err).__name__}: {err}"
        results.append(case)
    status = "ok" if all(case.passed for case in results) else "wrong"
    return _shown(CheckReport(exercise, status, results))


def _shown(report):
    print(report)
    return report

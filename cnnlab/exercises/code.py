"""Code exercises: run the student's function on public test cases, in a widget.

``check_function(exercise, func, cases)`` sits in the cell after the student's
function. When the cell runs it checks at once (an unanswered exercise, whose
body still raises NotImplementedError, says "not answered yet" and never stops
the notebook) and shows the report with a button that checks again with the
*latest* definition of the function (looked up by name in the notebook), so a
student can fix the function cell, run it and click. Each case runs under a
time limit (``cnnlab.exercises.timelimit``) and the call monitor
(``cnnlab.exercises.monitor``): when the course manifest forbids helpers for the
exercise (``forbid = [...]``) and the function calls one, the report says so, as the
grader will (0 points). The report lists every case with its input, expected value
and what came back. Clicks are recorded in the answers file, and so is the latest run of the check
cell itself (one record per exercise, ``via: "cell"``, so ``cnnlab progress`` counts a check that
passed without a click); the grader scores code exercises with the hidden tests, not with this.

A failed case says what is wrong: a typical mistake by name
(``cnnlab.exercises.typical``), a float where an ``int`` is expected, an array of
the wrong shape (in words), or the first position where the array differs, with
both values. The cases are run by ``cases`` and the values compared by ``compare``;
this module is the widget around them.
"""

import html
import inspect

import ipywidgets as widgets

from cnnlab.exercises import messages
from cnnlab.exercises.answers import record
from cnnlab.exercises.cases import (  # noqa: F401  (the check's names, importable from here too)
    ERROR_SHOWN, TIME_LIMIT, CaseResult, CheckReport, explain_failure, run_cases)
from cnnlab.exercises.compare import describe_difference, float_for_int, same_value  # noqa: F401  (likewise)
from cnnlab.exercises.forbid import forbidden_for
from cnnlab.i18n import get_language, say


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
    """The widget of one code exercise: the latest report, a check-again button, messages."""

    def __init__(self, exercise, func, cases, *, time_limit=TIME_LIMIT, hint="", lesson=None):
        self.exercise, self.func, self.cases = exercise, func, list(cases)
        self.time_limit, self.hint, self.lesson = time_limit, hint, lesson
        self.forbid = forbidden_for(exercise, lesson or _current_lesson())
        self.tries, self.saved_to, self.message = 0, None, ""
        self.button = widgets.Button(description=messages.recheck_label(), layout={"width": "auto"})
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
            self._show(messages.internal_error(f"{type(err).__name__}: {err}"), "warn")
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
                self._show(self.message + "\n" + messages.not_saved(err), "warn")
        except Exception as err:
            self._show(messages.internal_error(f"{type(err).__name__}: {err}"), "warn")

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
            self._show(self.message + "\n" + messages.not_saved(err), "warn")
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

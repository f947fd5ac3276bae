"""Exercises students answer inside a lesson.

``check_function`` runs a student's function on public cases and reports, case by
case, what was expected and what came back. An exercise that is not answered yet
(its body still raises NotImplementedError) is reported as such: it never stops
the notebook.
"""

from cnnlab.exercises.code import CaseResult, CheckReport, check_function

__all__ = ["CaseResult", "CheckReport", "check_function"]

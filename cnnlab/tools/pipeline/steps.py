"""The steps that turn a solution notebook into the student version.

Each step is a small function with the same signature, ``step(nb, lang) -> nb``,
named for what it does (the idea of nbgrader's preprocessors). ``STUDENT_STEPS``
is the ordered list ``build`` applies. The markers are nbgrader's, so an
instructor on nbgrader can use ``solutions/`` as nbgrader source directly.
"""

import copy

from cnnlab.exercises.hide import hide_quick_check_answers
from cnnlab.i18n import say

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


class MarkerError(ValueError):
    """A BEGIN marker without its END (or the reverse)."""


def find_regions(lines, begin, end):
    """``[(first, last)]`` line indices of each begin…end region (markers included)."""
    regions, opened = [], None
    for number, line in enumerate(lines):
        marker = line.strip()
        if marker == begin:
            if opened is not None:
                raise MarkerError(say(zh="第 {n} 行的 {b!r} 位于另一个区域之内", en="{b!r} on line {n} inside another region",
                                     b=begin, n=number + 1))
            opened = number
        elif marker == end:
            if opened is None:
                raise MarkerError(say(zh="第 {n} 行的 {e!r} 前面没有 {b!r}", en="{e!r} on line {n} without {b!r}",
                                     e=end, n=number + 1, b=begin))
            regions.append((opened, number))
            opened = None
    if opened is not None:
        raise MarkerError(say(zh="第 {n} 行的 {b!r} 始终没有用 {e!r} 结束", en="{b!r} on line {n} is never closed by {e!r}",
                             b=begin, n=opened + 1, e=end))
    return regions


def _indent(line):
    return line[: len(line) - len(line.lstrip())]


def code_stub(indent, lang):
    """What a student sees in place of a solution: a note and NotImplementedError."""
    note = say(zh="# 在这里写你的代码", en="# YOUR CODE HERE", lang=lang)
    return [indent + note, indent + "raise NotImplementedError()"]


def markdown_stub(lang):
    return [say(zh="（在这里写下你的回答）", en="YOUR ANSWER HERE", lang=lang)]


def replace_regions(source, begin, end, make_stub):
    lines = source.split("\n")
    for first, last in reversed(find_regions(lines, begin, end)):
        lines[first: last + 1] = make_stub(_indent(lines[first]))
    return "\n".join(lines)


def clear_solutions(nb, lang):
    """Replace every ``### BEGIN SOLUTION`` … ``### END SOLUTION`` region with a stub."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = replace_regions(cell.source, BEGIN_SOLUTION, END_SOLUTION,
                                           lambda indent: code_stub(indent, lang))
        elif cell.cell_type == "markdown":
            cell.source = replace_regions(cell.source, BEGIN_SOLUTION, END_SOLUTION,
                                           lambda indent: markdown_stub(lang))
    return nb


def remove_hidden_tests(nb, lang):
    """Delete ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` regions (and cells left empty)."""
    kept = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            had_hidden = BEGIN_HIDDEN in cell.source
            cell.source = replace_regions(cell.source, BEGIN_HIDDEN, END_HIDDEN, lambda indent: [])
            cell.source = cell.source.strip("\n")
            if had_hidden and not cell.source.strip():
                continue
        kept.append(cell)
    nb.cells = kept
    return nb


def clear_outputs(nb, lang):
    """Remove outputs, execution counts and run timestamps: students run the notebook themselves."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    return nb


def mark_student_version(nb, lang):
    """Record in the notebook's metadata that it is generated (and must not be edited)."""
    nb.metadata["cnnlab"] = {"version": "student", "lang": lang,
                             "generated_from": "solutions (cnnlab build)"}
    return nb


# Order matters: solutions are cleared before hidden tests are removed so that a
# hidden-test region can never survive inside a solution stub; outputs last.
# hide_quick_check_answers (cnnlab.exercises.hide) puts keys in place of quick-check answers.
STUDENT_STEPS = [hide_quick_check_answers, clear_solutions, remove_hidden_tests, clear_outputs,
                 mark_student_version]


def student_version(solution_nb, lang, steps=STUDENT_STEPS):
    """A new notebook: ``solution_nb`` passed through ``steps`` (the input is not changed)."""
    nb = copy.deepcopy(solution_nb)
    for step in steps:
        nb = step(nb, lang)
    return nb

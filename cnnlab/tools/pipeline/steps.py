"""The steps that turn a solution notebook into the student version.

Each step is a small function named for what it does (the idea of nbgrader's
preprocessors), with the one signature every step list of cnnlab shares,
``step(job) -> job``: here ``job`` is a ``NotebookJob`` (the notebook, its
language and, for the site, its lesson). ``STUDENT_STEPS`` is the ordered list
``build`` applies, through ``run_steps``; the site's ``PAGE_STEPS``
(``cnnlab.tools.site.pages``) run the same way, and the grader's ``GRADE_STEPS``
(``cnnlab.tools.grading.steps``) have the same shape over its own ``Job``.
The markers the steps look for are in ``cnnlab.tools.markers`` (nbgrader's,
shared with the check, the grader and the site).
"""

import copy
import re
from dataclasses import dataclass

from cnnlab.cells import exercise_ids, mask_magics, parse_python
from cnnlab.exercises.hide import hide_quick_check_answers
from cnnlab.exercises.spec import quick_check_calls
from cnnlab.i18n import say
from cnnlab.tools.markers import (BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, code_stub, markdown_stub,
                                  replace_regions)

HAND_IN_TAG = "hand-in"


@dataclass
class NotebookJob:
    """One notebook on its way through a step list: ``nb`` in the language ``lang``; ``lesson``
    (the manifest's) for the site's steps, None for the student build's."""
    nb: object
    lang: str
    lesson: object = None


def run_steps(job, steps):
    """Pass ``job`` through ``steps`` in order (each ``step(job) -> job``) and return it.

    The runner of ``STUDENT_STEPS`` (``student_version``) and of the site's ``PAGE_STEPS``;
    the grader's ``grade_submission`` (``cnnlab.tools.grading.steps``) is the same loop over
    ``GRADE_STEPS``, with a failure turned into ``error: grader failed`` rows."""
    for step in steps:
        job = step(job)
    return job


def clear_solutions(job):
    """Replace every ``### BEGIN SOLUTION`` … ``### END SOLUTION`` region with a stub."""
    for cell in job.nb.cells:
        if cell.cell_type == "code":
            cell.source = replace_regions(cell.source, BEGIN_SOLUTION, END_SOLUTION,
                                           lambda indent: code_stub(indent, job.lang))
        elif cell.cell_type == "markdown":
            cell.source = replace_regions(cell.source, BEGIN_SOLUTION, END_SOLUTION,
                                           lambda indent: markdown_stub(job.lang))
    return job


def remove_hidden_tests(job):
    """Delete ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` regions (and cells left empty)."""
    kept = []
    for cell in job.nb.cells:
        if cell.cell_type == "code":
            had_hidden = BEGIN_HIDDEN in cell.source
            cell.source = replace_regions(cell.source, BEGIN_HIDDEN, END_HIDDEN, lambda indent: [])
            cell.source = cell.source.strip("\n")
            if had_hidden and not cell.source.strip():
                continue
        kept.append(cell)
    job.nb.cells = kept
    return job


def clear_outputs(job):
    """Remove outputs, execution counts and run timestamps: students run the notebook themselves."""
    for cell in job.nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    return job


def is_quick_check_cell(cell):
    """A code cell tagged ``exercise:<id>`` that calls ``numeric``, ``choice`` or ``shape``."""
    if cell.cell_type != "code" or not exercise_ids(cell):
        return False
    try:
        return bool(quick_check_calls(parse_python(mask_magics(cell.source))))
    except SyntaxError:
        return False


def fold_quick_check_sources(job):
    """Fold the source of every quick-check cell (JupyterLab's ``jupyter.source_hidden``): the
    student sees the question and the widget, not the call's keys, sealed strings and hint.
    JupyterLab shows a folded cell's first line, so the step puts a comment there that says
    where to answer. A click on the fold (or View › Expand All Code) still shows the source."""
    note = say(zh="# 小测验：在下面的小部件里作答（源代码已折叠，点左侧的竖条可展开）",
               en="# Quick check: answer in the widget below (the source is folded; click the bar on the left to show it)",
               lang=job.lang)
    for cell in job.nb.cells:
        if is_quick_check_cell(cell):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            if not cell.source.startswith(note):       # a folded cell shows its first line
                cell.source = note + "\n" + cell.source
    return job


START_LESSON = re.compile(r"""start_lesson\(\s*["'](?P<stem>[\w-]+)["']""")


def hand_in_cells(stem, lang):
    """The two cells ``append_hand_in`` adds: what to do, and the call that shows the answers."""
    from nbformat.v4 import new_code_cell, new_markdown_cell
    text = say(zh="## 交作业\n\n最后一次点击“检查”之后，运行下面这个单元格并保存笔记本（Ctrl+S）：它的输出带着你所有快速检查的"
                  "答案，所以只交这一个 `.ipynb` 文件就够了（答案文件 `{stem}.answers.json` 可以一起交，但不是必须的）。"
                  "这个输出还在屏幕上时，之后的每次检查都会自动更新它。",
               en="## Hand in\n\nAfter your last **Check**, run the cell below and save the notebook (Ctrl+S): its "
                  "output\ncarries all your quick-check answers, so this one `.ipynb` file is enough to hand in "
                  "(the\nanswers file `{stem}.answers.json` may go with it, but it does not have to). While that "
                  "output\nis on screen, every later check updates it by itself.", lang=lang, stem=stem or "NN_slug")
    call = f'hand_in("{stem}")' if stem else "hand_in()"
    return [new_markdown_cell(text),
            new_code_cell(f"from cnnlab.exercises.answers import hand_in\n\n{call}", metadata={"tags": [HAND_IN_TAG]})]


def append_hand_in(job):
    """End a lesson that has quick checks with the hand-in cells (``cnnlab.exercises.answers.hand_in``)."""
    if not any(is_quick_check_cell(cell) for cell in job.nb.cells):
        return job
    found = next((START_LESSON.search(cell.source) for cell in job.nb.cells
                  if cell.cell_type == "code" and START_LESSON.search(cell.source)), None)
    job.nb.cells.extend(hand_in_cells(found.group("stem") if found else None, job.lang))
    return job


def mark_student_version(job):
    """Record in the notebook's metadata that it is generated (and must not be edited)."""
    job.nb.metadata["cnnlab"] = {"version": "student", "lang": job.lang,
                                 "generated_from": "solutions (cnnlab build)"}
    return job


# Order matters: solutions are cleared before hidden tests are removed so that a
# hidden-test region can never survive inside a solution stub; outputs last.
# hide_quick_check_answers (cnnlab.exercises.hide) puts keys in place of quick-check answers;
# append_hand_in ends each lesson with the cell whose saved output carries the answers (one file to hand in).
STUDENT_STEPS = [hide_quick_check_answers, fold_quick_check_sources, clear_solutions, remove_hidden_tests,
                 clear_outputs, append_hand_in, mark_student_version]


def student_version(solution_nb, lang, steps=STUDENT_STEPS):
    """A new notebook: ``solution_nb`` passed through ``steps`` (the input is not changed)."""
    job = NotebookJob(copy.deepcopy(solution_nb), lang)
    return run_steps(job, steps).nb

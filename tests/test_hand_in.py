"""One file to hand in (issue 21 §4): the notebook carries the quick-check answers.

``cnnlab build`` ends every lesson that has quick checks with a hand-in cell; its output holds the
answers file's records (``cnnlab.exercises.answers.hand_in``), so the saved ``.ipynb`` alone is
enough. The grader reads the notebook's answers, the answers file, or both, and re-scores every
raw answer: a record that claims to be correct earns nothing by claiming.
(``tests/test_browser.py`` does the same through JupyterLab and Chromium.)
"""

import copy
import json

import nbformat
import pytest
from nbformat.v4 import new_output

from cnnlab.cells import exercise_of
from cnnlab.exercises.answers import (FORMAT, HAND_IN_MIME, AnswersFileError, HandIn, answers_in_notebook,
                                      merge_answers, record)
from cnnlab.tools.grading import steps
from cnnlab.tools.grading.batch import load_solutions
from cnnlab.tools.grading.limits import Limits
from cnnlab.tools.grading.score_recorded import score_quick
from cnnlab.tools.grading.submissions import discover
from cnnlab.tools.pipeline.notebooks import read_notebook
from tests import grading_cases as cases
from tests.helpers import ROOT, course_manifest

MANIFEST = course_manifest()
CONV = MANIFEST.lesson("02")


def _hand_in_cell(nb):
    found = [cell for cell in nb.cells if "hand-in" in cell.get("metadata", {}).get("tags", [])]
    assert len(found) == 1
    return found[0]


def test_every_student_lesson_with_quick_checks_ends_with_the_same_hand_in_cell():
    for lesson in MANIFEST.lessons:
        quick = [e for e in lesson.exercises if e.kind != "code"]
        for lang in ("zh", "en"):
            nb = read_notebook(lesson.path(ROOT, "lessons", lang))
            tagged = [cell for cell in nb.cells if "hand-in" in cell.get("metadata", {}).get("tags", [])]
            if not quick:
                assert not tagged, lesson.stem
                continue
            assert nb.cells[-1] is tagged[0] and len(tagged) == 1, (lesson.stem, lang)
            assert nb.cells[-1].source == f'from cnnlab.exercises.answers import hand_in\n\nhand_in("{lesson.stem}")'
            assert nb.cells[-2].cell_type == "markdown" and ".ipynb" in nb.cells[-2].source
        solution = read_notebook(lesson.path(ROOT, "solutions", "en"))
        assert not any("hand_in(" in cell.source for cell in solution.cells)   # added by the build only


def _carrying(nb, data):
    """``nb`` with the hand-in cell's output holding ``data`` (what JupyterLab saves)."""
    nb = copy.deepcopy(nb)
    _hand_in_cell(nb).outputs = [new_output("display_data", data={"text/plain": "…", HAND_IN_MIME: data})]
    return nbformat.reads(nbformat.writes(nb), as_version=4)   # through the file format and back


def test_hand_in_shows_the_answers_file_and_reads_back_from_the_saved_notebook(tmp_path):
    record("conv2_params", "numeric", "614656", "correct", stem=CONV.stem, folder=tmp_path, **{"try": 1})
    bundle = HandIn(CONV.stem, tmp_path)._repr_mimebundle_()
    assert "1 check(s) of 1 exercise(s)" in bundle["text/plain"] or "1 次检查" in bundle["text/plain"]
    nb = _carrying(cases.student(MANIFEST, CONV), bundle[HAND_IN_MIME])
    carried = answers_in_notebook(nb, CONV.stem)
    assert [(r["exercise"], r["answer"]) for r in carried["records"]] == [("conv2_params", "614656")]
    assert answers_in_notebook(cases.student(MANIFEST, CONV), CONV.stem) is None
    with pytest.raises(AnswersFileError, match="not 02_convolution"):
        answers_in_notebook(_carrying(cases.student(MANIFEST, CONV), {**carried, "lesson": "03_padding_stride"}),
                            CONV.stem)
    with pytest.raises(AnswersFileError):
        answers_in_notebook(_carrying(cases.student(MANIFEST, CONV), {"records": "all correct"}), CONV.stem)


def test_merge_keeps_every_record_once_in_time_order():
    first = {"exercise": "a", "answer": "1", "time": "2026-01-01T10:00:00Z"}
    second = {"exercise": "a", "answer": "2", "time": "2026-01-01T11:00:00Z"}
    merged = merge_answers({"format": FORMAT, "lesson": "x", "records": [first, second]},
                           {"format": FORMAT, "lesson": "x", "records": [first]})
    assert merged["records"] == [first, second]
    assert merge_answers(None, None) is None


def _graded_quick(tmp_path, nb, answers=None):
    """The quick-check results of one submission, read and scored by the grader's own steps."""
    cases.write_submission(tmp_path, "ann", CONV, nb, answers)
    solutions, specs, _ = load_solutions(MANIFEST, CONV)
    job = steps.Job(submission=discover(tmp_path, CONV)[0], lesson=CONV, solutions=solutions, specs=specs,
                    limits=Limits())
    job = steps.read_answers(steps.read_submission(job))
    return {e.id: score_quick(e, specs[job.lang].get(e.id), job.answers, job.answers_problem, student="ann")
            for e in CONV.exercises if e.kind != "code"}


def test_the_notebook_alone_earns_the_quick_check_points_and_claims_earn_nothing(tmp_path):
    right = cases.answers_file(CONV, cases.solution_answers(MANIFEST, CONV, student="ann"))
    results = _graded_quick(tmp_path / "alone", _carrying(cases.student(MANIFEST, CONV), right))
    assert {e: r.status for e, r in results.items()} == {e: "ok" for e in results}
    assert sum(r.points for r in results.values()) == sum(e.points for e in CONV.exercises if e.kind != "code")

    lies = cases.answers_file(CONV, {e: "12345" for e in cases.quick_exercises(CONV)}, claim_correct=True)
    results = _graded_quick(tmp_path / "lies", _carrying(cases.student(MANIFEST, CONV), lies))
    assert all(r.status == "wrong; the answers file claims 'correct'" and r.points == 0 for r in results.values())

    nothing = _graded_quick(tmp_path / "nothing", cases.student(MANIFEST, CONV))
    assert all(r.status == "unanswered: no 02_convolution.answers.json" for r in nothing.values())


def test_the_answers_file_still_works_and_a_later_file_answer_wins(tmp_path):
    exercise = cases.quick_exercises(CONV)[0]
    right = cases.solution_answers(MANIFEST, CONV, student="ann")[exercise]
    early = {"format": FORMAT, "lesson": CONV.stem,
             "records": [{"exercise": exercise, "answer": "7", "time": "2026-01-01T10:00:00Z"}]}
    late = {"format": FORMAT, "lesson": CONV.stem,
            "records": [{"exercise": exercise, "answer": right, "time": "2026-01-01T11:00:00Z"}]}
    only_file = _graded_quick(tmp_path / "file", cases.student(MANIFEST, CONV), late)
    assert only_file[exercise].status == "ok"
    both = _graded_quick(tmp_path / "both", _carrying(cases.student(MANIFEST, CONV), early), late)
    assert both[exercise].status == "ok" and both[exercise].details["answer"] == repr(right)
    broken = copy.deepcopy(cases.student(MANIFEST, CONV))
    _hand_in_cell(broken).outputs = [new_output("display_data", data={"text/plain": "x", HAND_IN_MIME: "{oops"})]
    assert _graded_quick(tmp_path / "broken", broken)[exercise].status.startswith("malformed: the notebook's hand-in")
    assert _graded_quick(tmp_path / "broken_but_file", broken, late)[exercise].status == "ok"

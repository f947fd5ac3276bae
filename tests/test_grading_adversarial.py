"""Adversarial grading: real submission folders, graded by the real CLI in one batch.

Every case is a folder made at test time from the real student and solution
notebooks of lesson 02 (``tests/grading_cases``). One ``cnnlab grade --jobs 2``
run grades them all; a second run checks that unchanged submissions are skipped,
a changed one is regraded and rows of a student whose folder is gone are kept.
"""

import copy
import csv
import json

import pytest

from cnnlab.course import load_manifest
from cnnlab.grading.score import status_word
from tests import grading_cases as cases
from tests.helpers import ROOT, run_cli

MANIFEST = load_manifest(ROOT)
LESSON = MANIFEST.lesson("02")
CODE = cases.code_exercises(LESSON)
QUICK = cases.quick_exercises(LESSON)
TIMEOUT = "4"


def _cell(nb, exercise):
    return cases.answer_cells(nb, exercise)[0]


def _perfect(lang="en"):
    return cases.perfect_notebook(MANIFEST, LESSON, lang)


def _right_answers():
    return cases.answers_file(LESSON, cases.solution_answers(MANIFEST, LESSON))


def _prepend(nb, exercise, code):
    cell = _cell(nb, exercise)
    cell.source = code + "\n" + cell.source
    return nb


def _in_body(nb, exercise, code):
    """Put ``code`` as the first statement of the exercise's function body."""
    cell = _cell(nb, exercise)
    lines = cell.source.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("def ")) + 1
    while lines[first].lstrip().startswith(('"""', "#")):
        first += 1
    lines.insert(first, "    " + code)
    cell.source = "\n".join(lines)
    return nb


def build_cases(root):
    """{student: expected {exercise: (status word, substring of the status or '')}}."""
    ok = {e: ("ok", "") for e in CODE + QUICK}
    expect = {}

    cases.write_submission(root, "perfect", LESSON, _perfect(), _right_answers())
    expect["perfect"] = dict(ok)

    cases.write_submission(root, "perfect_zh", LESSON, _perfect("zh"), _right_answers())
    expect["perfect_zh"] = dict(ok)

    cases.write_submission(root, "untouched", LESSON, cases.student(MANIFEST, LESSON))
    expect["untouched"] = {e: ("unanswered", "") for e in CODE + QUICK}

    folder = cases.write_submission(root, "malformed_json", LESSON, notebook_text='{"cells": [ not json')
    (folder / f"{LESSON.stem}.answers.json").write_text("{broken", encoding="utf-8")
    expect["malformed_json"] = {**{e: ("malformed", "not valid JSON") for e in CODE},
                                **{e: ("malformed", "answers file") for e in QUICK}}

    cases.write_submission(root, "missing_notebook", LESSON, answers=_right_answers())
    expect["missing_notebook"] = {**{e: ("missing", "no 02_convolution.ipynb") for e in CODE},
                                  **{e: ("ok", "") for e in QUICK}}

    nb = _in_body(_perfect(), "corr2d", "while True: pass")
    cases.write_submission(root, "infinite_loop", LESSON, nb, _right_answers())
    expect["infinite_loop"] = {**ok, "corr2d": ("timeout", f"{TIMEOUT} s")}

    nb = _in_body(_perfect(), "output_size", "import os; os._exit(1)")
    cases.write_submission(root, "os_exit", LESSON, nb, _right_answers())
    expect["os_exit"] = {**ok, "output_size": ("error", "kernel died")}

    nb = _perfect()
    nb.cells[0].source = "raise RuntimeError('stop right here')\n" + nb.cells[0].source
    _prepend(nb, "corr2d_multi_in", "raise RuntimeError('boom at the top')")
    _prepend(nb, "conv_parameters", "import sys; sys.exit(3)")
    cases.write_submission(root, "exception_top", LESSON, nb, _right_answers())
    expect["exception_top"] = {**ok, "corr2d_multi_in": ("error", "RuntimeError: boom at the top"),
                               "conv_parameters": ("error", "SystemExit")}

    nb = _prepend(_perfect(), "conv_parameters", "print('x' * 10_000_000)")
    _in_body(nb, "output_size", "print('y' * 100_000)")
    cases.write_submission(root, "flood", LESSON, nb, _right_answers())
    expect["flood"] = dict(ok)

    nb = _prepend(_perfect(), "corr2d", "hog = bytearray(64 * 2**30)")
    _in_body(nb, "corr2d_multi_in", "np.ones((1 << 17, 1 << 17))")
    cases.write_submission(root, "memory_hog", LESSON, nb, _right_answers())
    expect["memory_hog"] = {**ok, "corr2d": ("error", "MemoryError"), "corr2d_multi_in": ("error", "MemoryError")}

    nb = cases.student(MANIFEST, LESSON)
    _prepend(nb, "corr2d", "\n".join([
        "import numpy, torch, cnnlab.exercises.code",
        "numpy.allclose = lambda *a, **k: True",
        "torch.allclose = lambda *a, **k: True",
        "cnnlab.exercises.code.check_function = lambda *a, **k: None",
        "check_function = lambda *a, **k: None",
        "print('all hidden tests passed'); passed = True",
    ]))
    _cell(nb, "corr2d").source = _cell(nb, "corr2d").source.replace("raise NotImplementedError()", "return 0")
    _in_body(nb, "corr2d_multi_in", "np.allclose = lambda *a, **k: True; return np.zeros((1, 1))")
    cases.write_submission(root, "monkeypatch", LESSON, nb)
    expect["monkeypatch"] = {**{e: ("unanswered", "") for e in CODE + QUICK},
                             "corr2d": ("wrong", "numpy.allclose"),
                             "corr2d_multi_in": ("error", "tampering during the hidden tests")}

    nb = _prepend(_perfect(), "output_size", "\n".join([
        "class Anything(int):                  # equal to every expected answer, and an int",
        "    def __eq__(self, other): return True",
        "    __hash__ = int.__hash__"]))
    _in_body(nb, "output_size", "return Anything(0)")
    _in_body(nb, "conv_parameters", "return (0, Anything(0))[1]")
    cases.write_submission(root, "lying_equality", LESSON, nb, _right_answers())
    lie = ("error", "returned an object of class Anything, which the submission defined and which "
                    "redefines comparisons")
    expect["lying_equality"] = {**ok, "output_size": lie, "conv_parameters": lie}

    wrong = {e: ("[1, 2, 3]" if "shape" in e else "12345") for e in QUICK}
    cases.write_submission(root, "answers_claim", LESSON, _perfect(),
                           cases.answers_file(LESSON, wrong, claim_correct=True))
    expect["answers_claim"] = {**ok, **{e: ("wrong", "claims 'correct'") for e in QUICK}}

    nb = _perfect()
    nb.cells.remove(_cell(nb, "corr2d"))
    stub = cases.answer_cells(cases.student(MANIFEST, LESSON), "output_size")[0]
    index = nb.cells.index(_cell(nb, "output_size"))
    twin = copy.deepcopy(stub)
    twin["id"] = "duplicate-1"
    nb.cells.insert(index, twin)                           # an unanswered copy above the answer
    extra = copy.deepcopy(_cell(nb, "conv_parameters"))
    extra["id"] = "duplicate-2"
    extra.source = extra.source.replace("return (k * k * c_in + 1) * c_out", "return -1")
    nb.cells.insert(nb.cells.index(_cell(nb, "conv_parameters")) + 1, extra)   # a wrong copy below
    cases.write_submission(root, "cells_edited", LESSON, nb, _right_answers())
    expect["cells_edited"] = {**ok, "corr2d": ("missing", "exercise:corr2d"),
                              "output_size": ("unanswered", "duplicated"),
                              "conv_parameters": ("ok", "duplicated")}
    return expect


def _rows(out):
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("grading")
    subs, out = root / "submissions", root / "out"
    expect = build_cases(subs)
    done = run_cli("grade", "02", str(subs), "--out", str(out), "--jobs", "2", "--timeout", TIMEOUT,
                   "--memory", "2560", timeout=600)
    return subs, out, expect, done


def test_batch_runs_and_prints_a_summary(graded):
    _, _, _, done = graded
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert "mean" in done.stdout and "corr2d" in done.stdout


def test_every_case_gets_the_right_rows(graded):
    _, out, expect, _ = graded
    rows = _rows(out)
    got = {(r["student"], r["exercise"]): r for r in rows}
    assert len(rows) == len(got) == len(expect) * len(LESSON.exercises)
    problems = []
    for student, wanted in expect.items():
        for exercise in LESSON.exercises:
            row = got[(student, exercise.id)]
            word, part = wanted[exercise.id]
            if status_word(row["status"]) != word or part not in row["status"]:
                problems.append(f"{student}/{exercise.id}: {row['status']!r}, wanted {word!r} with {part!r}")
            points = float(row["points"])
            assert points == (exercise.points if word == "ok" else 0), (student, exercise.id, row)
            assert float(row["max_points"]) == exercise.points and row["lesson"] == LESSON.stem
    assert not problems, "\n".join(problems)


def test_perfect_submission_gets_full_marks(graded):
    _, out, _, _ = graded
    total = sum(float(r["points"]) for r in _rows(out) if r["student"] == "perfect")
    assert total == LESSON.max_points


def test_feedback_is_per_student_in_the_lessons_language_and_small(graded):
    subs, out, expect, _ = graded
    for student in expect:
        page = (out / "feedback" / f"{student}.html").read_text(encoding="utf-8")
        assert len(page) < 200_000, (student, len(page))
    assert "作业反馈" in (out / "feedback" / "perfect_zh.html").read_text(encoding="utf-8")
    english = (out / "feedback" / "infinite_loop.html").read_text(encoding="utf-8")
    assert "Feedback for infinite_loop" in english and "time limit" in english
    assert "BEGIN HIDDEN TESTS" not in (out / "feedback" / "untouched.html").read_text(encoding="utf-8")


def test_originals_are_never_modified(graded):
    subs, _, _, _ = graded
    assert sorted(p.name for p in (subs / "perfect").iterdir()) == [f"{LESSON.stem}.answers.json",
                                                                     f"{LESSON.stem}.ipynb"]
    json.loads((subs / "perfect" / f"{LESSON.stem}.ipynb").read_text(encoding="utf-8"))


def test_rerun_skips_unchanged_regrades_changed_and_keeps_rows(graded):
    subs, out, expect, _ = graded
    before = {(r["student"], r["exercise"]): r for r in _rows(out)}
    cases.write_submission(subs, "untouched", LESSON, _perfect(), _right_answers())
    for path in (subs / "malformed_json").iterdir():
        path.unlink()
    (subs / "malformed_json").rmdir()
    done = run_cli("grade", "02", str(subs), "--out", str(out), "--jobs", "2", "--timeout", TIMEOUT,
                   "--memory", "2560", timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"1 graded, {len(expect) - 2} unchanged" in done.stdout
    after = {(r["student"], r["exercise"]): r for r in _rows(out)}
    assert set(after) == set(before)                     # the deleted student's rows are kept
    for key, row in after.items():
        if key[0] == "untouched":
            assert status_word(row["status"]) == "ok"
        else:
            assert row == before[key]


@pytest.mark.parametrize("args, message", [
    (["grade", "99", "{tmp}", "--out", "{tmp}/out"], "no lesson"),
    (["grade", "02", "{tmp}/nowhere", "--out", "{tmp}/out"], "no submissions folder"),
    (["grade", "02", "{tmp}", "--out", "{tmp}/out", "--jobs", "0"], "--jobs must be positive"),
])
def test_bad_command_is_one_line_and_exit_2(tmp_path, args, message):
    done = run_cli(*[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1

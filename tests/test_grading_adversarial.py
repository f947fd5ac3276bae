"""Adversarial grading: real submission folders, graded by the real CLI in one batch.

Every case is a folder made at test time from the real student and solution
notebooks of lesson 02 (``tests/grading_cases``). One ``cnnlab grade --jobs 2``
run grades them all (in the bubblewrap sandbox); a second run checks that unchanged
submissions are skipped, a changed one is regraded and rows of a student whose folder
is gone are kept.

The cheats: reading the expected values from the kernel's globals, from caller frames,
from ``gc.get_objects()``, from files on disk (the solutions, the grader's job files,
OUT_DIR, another student's folder), from an environment variable; using the grader's own
modules; calling forbidden helpers; switching the call monitor off; forking; sleeping
past the limit; writing outside the folder; returning objects that lie. Each cheat that
*could* succeed returns the right answer when it finds what it looks for and a wrong one
otherwise, so a hole in the isolation shows up as points. Every cheat earns 0 on its
exercise; the honest exercises of the same submission keep their points.
"""

import copy
import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

from cnnlab.tools.grading.status import status_word
from tests import grading_cases as cases
from tests.helpers import ROOT, course_manifest, needs_bwrap, run_cli

MANIFEST = course_manifest()
LESSON = MANIFEST.lesson("02")
CODE = cases.code_exercises(LESSON)
QUICK = cases.quick_exercises(LESSON)
TIMEOUT = "4"
SECRET_ENV = "CNNLAB_GRADER_SECRET"
pytestmark = [needs_bwrap, pytest.mark.slow]  # a batch of 25+ sandboxed submissions

# right answers a cheat returns only when it found what it looked for (else a wrong value)
RIGHT = {"output_size": "(n - k + 2 * p) // s + 1", "conv_parameters": "(k * k * c_in + 1) * c_out"}


def _cell(nb, exercise):
    return cases.answer_cells(nb, exercise)[0]


def _perfect(lang="en"):
    return cases.perfect_notebook(MANIFEST, LESSON, lang)


def _right_answers(student):
    """The right quick-check answers of ``student`` (checks with variants: the student's own numbers)."""
    return cases.answers_file(LESSON, cases.solution_answers(MANIFEST, LESSON, student=student))


def _prepend(nb, exercise, code):
    cell = _cell(nb, exercise)
    cell.source = code + "\n" + cell.source
    return nb


def _in_body(nb, exercise, code):
    """Put ``code`` as the first statement of the exercise's function body."""
    cases.insert_in_body(_cell(nb, exercise), code)
    return nb


def build_cases(root):
    """{student: expected {exercise: (status word, substring of the status or '')}}."""
    ok = {e: ("ok", "") for e in CODE + QUICK}
    expect = {}

    cases.write_submission(root, "perfect", LESSON, _perfect(), _right_answers("perfect"))
    expect["perfect"] = dict(ok)

    cases.write_submission(root, "perfect_zh", LESSON, _perfect("zh"), _right_answers("perfect_zh"))
    expect["perfect_zh"] = dict(ok)

    cases.write_submission(root, "untouched", LESSON, cases.student(MANIFEST, LESSON))
    expect["untouched"] = {e: ("unanswered", "") for e in CODE + QUICK}

    folder = cases.write_submission(root, "malformed_json", LESSON, notebook_text='{"cells": [ not json')
    (folder / f"{LESSON.stem}.answers.json").write_text("{broken", encoding="utf-8")
    expect["malformed_json"] = {**{e: ("malformed", "not valid JSON") for e in CODE},
                                **{e: ("malformed", "answers file") for e in QUICK}}

    cases.write_submission(root, "missing_notebook", LESSON, answers=_right_answers("missing_notebook"))
    expect["missing_notebook"] = {**{e: ("missing", "no 02_convolution.ipynb") for e in CODE},
                                  **{e: ("ok", "") for e in QUICK}}

    nb = _in_body(_perfect(), "corr2d", "while True: pass")
    cases.write_submission(root, "infinite_loop", LESSON, nb, _right_answers("infinite_loop"))
    expect["infinite_loop"] = {**ok, "corr2d": ("timeout", f"{TIMEOUT} s")}

    nb = _in_body(_perfect(), "output_size", "import os; os._exit(1)")
    cases.write_submission(root, "os_exit", LESSON, nb, _right_answers("os_exit"))
    expect["os_exit"] = {**ok, "output_size": ("error", "kernel died")}

    nb = _perfect()
    nb.cells[0].source = "raise RuntimeError('stop right here')\n" + nb.cells[0].source
    _prepend(nb, "corr2d_multi_in", "raise RuntimeError('boom at the top')")
    _prepend(nb, "conv_parameters", "import sys; sys.exit(3)")
    cases.write_submission(root, "exception_top", LESSON, nb, _right_answers("exception_top"))
    expect["exception_top"] = {**ok, "corr2d_multi_in": ("error", "RuntimeError: boom at the top"),
                               "conv_parameters": ("error", "SystemExit")}

    nb = _prepend(_perfect(), "conv_parameters", "print('x' * 10_000_000)")
    _in_body(nb, "output_size", "print('y' * 100_000)")
    cases.write_submission(root, "flood", LESSON, nb, _right_answers("flood"))
    expect["flood"] = dict(ok)

    nb = _prepend(_perfect(), "corr2d", "hog = bytearray(64 * 2**30)")
    _in_body(nb, "corr2d_multi_in", "np.ones((1 << 17, 1 << 17))")
    cases.write_submission(root, "memory_hog", LESSON, nb, _right_answers("memory_hog"))
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
                             "corr2d": ("wrong", "hidden test failed"), "corr2d_multi_in": ("wrong", "")}

    nb = _prepend(_perfect(), "output_size", "\n".join([
        "class Anything(int):                  # equal to every expected answer, and an int",
        "    def __eq__(self, other): return True",
        "    __hash__ = int.__hash__"]))
    _in_body(nb, "output_size", "return Anything(0)")
    _in_body(nb, "conv_parameters", "return (0, Anything(0))[1]")
    cases.write_submission(root, "lying_equality", LESSON, nb, _right_answers("lying_equality"))
    lie = ("error", "returned a Anything, which cannot be graded")
    expect["lying_equality"] = {**ok, "output_size": lie, "conv_parameters": lie}

    build_cheats(root, expect, ok)

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
    nb.cells.insert(nb.cells.index(_cell(nb, "conv_parameters")) + 1, extra)   # a wrong copy below it
    cases.write_submission(root, "cells_edited", LESSON, nb, _right_answers("cells_edited"))
    # graded as the notebook's check cells saw them: the last definition above each check cell
    expect["cells_edited"] = {**ok, "corr2d": ("missing", "exercise:corr2d"),
                              "output_size": ("ok", "duplicated"),
                              "conv_parameters": ("wrong", "duplicated")}

    # Honest but typical mistakes: the hidden tests name them (no cheat; 0 points, named in the feedback).
    nb = _perfect()
    _cell(nb, "corr2d").source = ("def my_corr2d(X, K):\n    K = K[::-1, ::-1]\n    h, w = K.shape\n"
                                  "    return np.array([[(X[i:i + h, j:j + w] * K).sum() for j in range(X.shape[1] - w + 1)]\n"
                                  "                     for i in range(X.shape[0] - h + 1)])")
    _cell(nb, "output_size").source = "def output_size(n, k, p, s):\n    return -(-(n - k + 2 * p) // s) + 1"
    _cell(nb, "conv_parameters").source = "def conv_parameters(c_in, c_out, k):\n    return k * k * c_in * c_out"
    answers = _right_answers("typical_mistakes")
    for record in answers["records"]:
        if record["exercise"] == "conv2_params":     # a quick check's declared mistake, with this student's numbers
            record["answer"] = cases.mistaken_answer(MANIFEST, LESSON, "conv2_params", "forgot_bias", "typical_mistakes")
    cases.write_submission(root, "typical_mistakes", LESSON, nb, answers)
    expect["typical_mistakes"] = {**ok, "corr2d": ("wrong", "flipped_kernel"), "output_size": ("wrong", "rounded_up"),
                                  "conv_parameters": ("wrong", "forgot_bias"), "conv2_params": ("wrong", "")}
    return expect


def _found_or_wrong(condition, exercise):
    """A body line: the right answer when ``condition`` (source text) holds, else -1."""
    return f"return ({RIGHT[exercise]}) if ({condition}) else -1"


def build_cheats(root, expect, ok):
    """The cheats of issue 12 (see the module docstring), one or two per submission."""
    def cheat(name, edits, statuses):
        nb = _perfect()
        for exercise, code, where in edits:
            (_in_body if where == "body" else _prepend)(nb, exercise, code)
        cases.write_submission(root, name, LESSON, nb, _right_answers(name))
        expect[name] = {**ok, **statuses}

    wrong = ("wrong", "hidden test failed")
    cheat("peek_globals", [
        ("output_size", "return globals().get('_want', -1)", "body"),
        ("conv_parameters", "return [v for k, v in globals().items() if k.startswith('_want')][0]", "body")],
        {"output_size": wrong, "conv_parameters": ("error", "IndexError")})
    cheat("peek_frames", [
        ("output_size", "import sys, inspect; return next((f.frame.f_locals.get('_want', f.frame.f_globals.get("
                        "'_want')) for f in inspect.stack(0) if '_want' in f.frame.f_locals or '_want' in "
                        "f.frame.f_globals), -1)", "body"),
        ("conv_parameters", "import sys; f = sys._getframe(1); return f.f_back.f_locals.get('_want', -1) "
                            "if f.f_back else -1", "body")],
        {"output_size": wrong, "conv_parameters": wrong})
    # (no C call per object: under the monitor's profiler this scan of every object stays well inside the limit)
    cheat("peek_gc", [
        ("output_size", "import gc; return next((o['_want'] for o in gc.get_objects() "
                        "if o.__class__ is dict and '_want' in o), -1)", "body")],
        {"output_size": wrong})
    solutions = str(ROOT / "solutions" / "en" / f"{LESSON.stem}.py")
    cheat("read_solutions", [
        ("output_size", _found_or_wrong(f"__import__('os').path.exists({solutions!r})", "output_size"), "body"),
        ("conv_parameters", _found_or_wrong("__import__('os').path.exists('/tmp') and any(__import__('glob').glob("
                                            "'/tmp/cnnlab-grade-*/job.json') + __import__('glob').glob("
                                            "'../job.json') + __import__('glob').glob('../*/job.json'))",
                                            "conv_parameters"), "body")],
        {"output_size": wrong, "conv_parameters": wrong})
    cheat("read_elsewhere", [
        ("output_size", _found_or_wrong(f"__import__('os').path.exists({str(root / 'perfect')!r})",
                                        "output_size"), "body"),
        ("conv_parameters", _found_or_wrong(f"__import__('os').path.exists({str(root.parent / 'out')!r})",
                                            "conv_parameters"), "body")],
        {"output_size": wrong, "conv_parameters": wrong})
    cheat("read_environment", [
        ("output_size", _found_or_wrong(f"__import__('os').environ.get({SECRET_ENV!r})", "output_size"), "body")],
        {"output_size": wrong})
    cheat("grader_internals", [
        ("output_size", "import cnnlab.tools.grading.serve as s\ns.watch = lambda f, a, k, rules: type('W', (), "
                        "{'verdict': '', 'error': None, 'value': f(*a)})()", "top"),
        ("conv_parameters", "m = __import__('cnnlab.' + 'tools.grad' + 'ing.worker', fromlist=['x'])\n"
                            "_secret = [name for name in dir(m) if 'want' in name]", "top"),
        ("conv_parameters", "return _secret[0] if _secret else -1", "body")],
        {"output_size": ("forbidden", "grader's own modules"), "conv_parameters": wrong})
    cheat("forbidden_ops", [
        ("corr2d", "from cnnlab.ops import corr2d as c; return c(X, K)", "body"),
        ("output_size", "import cnnlab; return cnnlab.conv_output_size(n, k, p=p, s=s)", "body")],
        {"corr2d": ("forbidden", "called cnnlab.ops.conv.corr2d"),
         "output_size": ("forbidden", "called cnnlab.arith.conv_output_size")})
    cheat("forbidden_torch", [
        ("corr2d", "return F.conv2d(torch.tensor(X)[None, None], torch.tensor(K)[None, None])[0, 0].numpy()", "body"),
        ("conv_parameters", "return sum(q.numel() for q in nn.Conv2d(c_in, c_out, k).parameters())", "body"),
        ("corr2d_multi_in", "from scipy.signal import correlate2d; "
                            "return sum(correlate2d(x, q, mode='valid') for x, q in zip(X, K))", "body")],
        {"corr2d": ("forbidden", "called torch.nn.functional.conv2d"),
         "conv_parameters": ("forbidden", "called torch.nn.Conv2d"),
         "corr2d_multi_in": ("forbidden", "called scipy.signal")})
    cheat("monitor_off", [
        ("corr2d", "import sys; sys.setprofile(None); return cnnlab.ops.corr2d(X, K)", "body"),
        ("corr2d_multi_in", "import sys; getattr(sys, 'set' + 'prof' + 'ile')(None); "
                            "return F.conv2d(torch.tensor(X)[None], torch.tensor(K)[None])[0, 0].numpy()", "body")],
        {"corr2d": ("forbidden", "tampered with the call monitor (setprofile in the answer)"),
         "corr2d_multi_in": ("forbidden", "tampered with the call monitor (sys.setprofile)")})
    cheat("forks_sleeps", [
        ("output_size", "import os\n    if os.fork() == 0: os._exit(0)", "body"),
        ("conv_parameters", "import time; time.sleep(60)", "body")],
        {"output_size": ("forbidden", "called os.fork"), "conv_parameters": ("timeout", f"{TIMEOUT} s")})
    planted = str(ROOT / "solutions" / "planted.txt")
    cheat("writes_outside", [
        ("output_size", _found_or_wrong(f"open({planted!r}, 'w').write('x') if __import__('os').access("
                                        f"{str(ROOT / 'solutions')!r}, __import__('os').W_OK) else False",
                                        "output_size"), "body"),
        ("conv_parameters", "open('../planted.txt', 'w').write('x')", "body")],
        {"output_size": wrong, "conv_parameters": ("error", "OSError")})


def _rows(out):
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("grading")
    subs, out = root / "submissions", root / "out"
    expect = build_cases(subs)
    os.environ[SECRET_ENV] = "the grader's secret"
    try:
        done = run_cli("grade", "02", str(subs), "--out", str(out), "--jobs", "2", "--timeout", TIMEOUT,
                       "--memory", "2560", timeout=900)
    finally:
        del os.environ[SECRET_ENV]
    return subs, out, expect, done


def test_there_are_at_least_25_submissions(graded):
    assert len(graded[2]) >= 25


def test_nothing_was_written_outside_the_scratch_folders(graded):
    subs, _, _, _ = graded
    assert not (ROOT / "solutions" / "planted.txt").exists()
    assert not (subs / "planted.txt").exists() and not (subs.parent / "planted.txt").exists()


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


def test_typical_mistakes_are_named_in_the_gradebook_and_the_feedback(graded):
    _, out, _, _ = graded
    named = {r["exercise"]: r["mistake"] for r in _rows(out) if r["student"] == "typical_mistakes"}
    assert named == {**{e.id: "" for e in LESSON.exercises}, "corr2d": "flipped_kernel", "output_size": "rounded_up",
                     "conv_parameters": "forgot_bias", "conv2_params": "forgot_bias"}
    page = (out / "feedback" / "typical_mistakes.html").read_text(encoding="utf-8")
    assert page.count("A common mistake: ") == 4 and "you flipped the kernel" in page and "every kernel has one bias" in page
    assert all(r["mistake"] == "" for r in _rows(out) if r["student"] in ("perfect", "untouched"))


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
    cheat = (out / "feedback" / "forbidden_ops.html").read_text(encoding="utf-8")
    assert "does not allow ready-made helpers" in cheat and "cnnlab.ops.conv.corr2d" in cheat
    for student in [s for s in expect if not s.startswith("peek_")]:   # (the peek cheats name _want themselves)
        assert "_want" not in (out / "feedback" / f"{student}.html").read_text(encoding="utf-8")


def test_originals_are_never_modified(graded):
    subs, _, _, _ = graded
    assert sorted(p.name for p in (subs / "perfect").iterdir()) == [f"{LESSON.stem}.answers.json",
                                                                     f"{LESSON.stem}.ipynb"]
    json.loads((subs / "perfect" / f"{LESSON.stem}.ipynb").read_text(encoding="utf-8"))


def test_rerun_skips_unchanged_regrades_changed_and_keeps_rows(graded):
    subs, out, expect, _ = graded
    before = {(r["student"], r["exercise"]): r for r in _rows(out)}
    cases.write_submission(subs, "untouched", LESSON, _perfect(), _right_answers("untouched"))
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
    (["grade", "02", "{tmp}", "--out", "{tmp}/out", "--jobs", "0"], "--jobs: must be positive"),
])
def test_bad_command_is_one_line_and_exit_2(tmp_path, args, message):
    done = run_cli(*[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_without_bwrap_grade_says_so_in_one_line(tmp_path):
    (tmp_path / "alice").mkdir()
    no_tools = tmp_path / "empty-path"
    no_tools.mkdir()
    done = subprocess.run([sys.executable, "-m", "cnnlab.tools.cli", "grade", "02", str(tmp_path), "--out",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PATH": str(no_tools)})
    assert done.returncode == 2, done.stderr
    assert "bubblewrap" in done.stderr and "--no-sandbox" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out" / "gradebook.csv").exists()

"""Unit tests of cnnlab.tools.grading (no kernel), and the instructor dashboard run headless."""

import copy
import csv
import html

import nbformat
import pytest

from cnnlab.cells import exercise_of
from cnnlab.tools.grading import gradebook, harness, report, submissions
from cnnlab.tools.grading.limits import Limits
from cnnlab.tools.grading.feedback import render_feedback
from cnnlab.tools.grading.score import Result, score_code
from cnnlab.tools.grading.status import Status, status_word
from cnnlab.tools.grading.score_recorded import score_quick
from cnnlab.tools.kernelclient import SteadyNotebookClient
from tests import grading_cases as cases
from tests.helpers import ROOT, course_manifest

MANIFEST = course_manifest()
LESSON = MANIFEST.lesson("02")
LIMITS = Limits(cell_timeout=5, total_timeout=60, memory_mib=2048)


def _plan(nb):
    return harness.build_plan(cases.solution(MANIFEST, LESSON), nb, LESSON)


def test_plan_takes_setup_and_checks_from_the_solution_and_answers_from_the_student():
    nb = cases.perfect_notebook(MANIFEST, LESSON)
    for cell in nb.cells:  # a student's copy of the setup must never run
        if cell.cell_type == "code" and not exercise_of(cell):
            cell.source = "raise SystemExit('student setup ran')"
    plan = _plan(nb)
    sources = "\n".join(cell.source for cell in plan.cells)
    assert "student setup ran" not in sources
    answers = [cell for cell in plan.cells if cell.role == "answer"]
    assert [cell.exercise for cell in answers] == cases.code_exercises(LESSON)
    assert all("### BEGIN SOLUTION" in cell.source for cell in answers)   # the (perfect) student's cells
    assert not plan.settled and not plan.flags
    # the hidden tests go to the trusted process only; the kernel gets the public part of the check
    kernel = "\n".join(cell.source for cell in plan.cells if cell.role != "hidden")
    hidden = [cell for cell in plan.cells if cell.role == "hidden"]
    assert "BEGIN HIDDEN TESTS" not in kernel and "_want" not in kernel
    assert len(hidden) == len(answers) and all("BEGIN HIDDEN TESTS" in cell.source for cell in hidden)
    assert plan.calls["corr2d"]["names"] == ["my_corr2d"]
    assert "cnnlab.ops" in plan.calls["corr2d"]["forbid"]


def test_an_untouched_answer_cell_is_unanswered_without_running_anything():
    for lang in ("en", "zh"):
        plan = harness.build_plan(cases.solution(MANIFEST, LESSON, lang), cases.student(MANIFEST, LESSON, lang),
                                  LESSON)
        assert {e: str(s) for e, s in plan.settled.items()} == {e: "unanswered" for e in cases.code_exercises(LESSON)}
        assert not plan.cells[-1].exercise


def test_plan_reports_missing_duplicated_and_monitor_tampering_cells():
    nb = cases.perfect_notebook(MANIFEST, LESSON)
    nb.cells.remove(cases.answer_cells(nb, "corr2d")[0])
    twin = cases.answer_cells(nb, "output_size")[0]
    nb.cells.insert(nb.cells.index(twin) + 1, copy.deepcopy(twin))
    cell = cases.answer_cells(nb, "conv_parameters")[0]
    cell.source = "import sys\n_off = sys.setprofile\n" + cell.source
    plan = _plan(nb)
    assert str(plan.settled["corr2d"]).startswith("missing: no cell tagged exercise:corr2d defines my_corr2d")
    assert "duplicated cells: 2 define output_size" in plan.flags["output_size"][0].text("en")
    assert str(plan.settled["conv_parameters"]) == "forbidden: tampered with the call monitor (setprofile in the answer)"
    assert not any(cell.exercise in ("corr2d", "conv_parameters") for cell in plan.cells)


def _outcomes(plan, **by_role):
    ok = {"status": "ok", "ename": "", "evalue": "", "text": "", "traceback": "", "seconds": 0.1}
    outs = []
    for cell in plan.cells:
        out = dict(ok)
        if cell.exercise == "corr2d" and cell.role in by_role:
            out.update(by_role[cell.role])
        outs.append(out)
    return outs


@pytest.mark.parametrize("by_role, word, part", [
    ({}, "ok", ""),
    ({"hidden": {"status": "error", "ename": "AssertionError", "evalue": "((5, 7), (3, 2))"}}, "wrong", "(5, 7)"),
    ({"hidden": {"status": "error", "ename": "NotImplementedError"}}, "unanswered", ""),
    ({"hidden": {"status": "timeout", "limit": "cell"}}, "timeout", "function ran past 5 s"),
    ({"hidden": {"status": "timeout", "limit": "total"}}, "timeout", "60 s in all"),
    ({"hidden": {"status": "dead"}}, "error", "kernel died"),
    ({"public": {"status": "dead"}}, "error", "kernel died"),
    ({"hidden": {"status": "forbidden", "evalue": "forbidden: called cnnlab.ops.corr2d"}},
     "forbidden", "called cnnlab.ops.corr2d"),
    ({"hidden": {"status": "error", "ename": "NotData",
                 "evalue": "my_corr2d returned a Liar, which cannot be graded"}}, "error", "cannot be graded"),
    ({"hidden": {"status": "error", "ename": "ZeroDivisionError", "evalue": "division by zero", "student": True}},
     "error", "ZeroDivisionError: division by zero"),
    ({"answer": {"status": "error", "ename": "MemoryError"}, "hidden": {"status": "error", "ename": "NameError"}},
     "error", "MemoryError in your exercise cell"),
])
def test_score_code_names_what_happened(by_role, word, part):
    plan = _plan(cases.perfect_notebook(MANIFEST, LESSON))
    exercise = next(e for e in LESSON.exercises if e.id == "corr2d")
    result = score_code(exercise, plan, _outcomes(plan, **by_role), LIMITS)
    assert result.word == word and part in result.status, result.status
    assert result.points == (exercise.points if word == "ok" else 0)


def test_quick_checks_are_rescored_and_claims_ignored():
    from cnnlab.tools.grading.batch import load_solutions
    _, specs, _ = load_solutions(MANIFEST, LESSON)
    right = cases.solution_answers(MANIFEST, LESSON)
    for exercise in [e for e in LESSON.exercises if e.kind != "code"]:
        spec = specs["en"][exercise.id]
        good = cases.answers_file(LESSON, {exercise.id: right[exercise.id]})
        bad = cases.answers_file(LESSON, {exercise.id: "7"}, claim_correct=True)
        assert score_quick(exercise, spec, good, "").status == "ok"
        claimed = score_quick(exercise, spec, bad, "")
        assert claimed.status == "wrong; the answers file claims 'correct'" and claimed.points == 0
        unreadable = Status.of("malformed.answers_file", english="x", chinese="x")
        assert score_quick(exercise, spec, None, unreadable).word == "malformed"


def test_a_named_mistake_reaches_the_gradebook_and_the_feedback(tmp_path):
    from cnnlab.tools.grading.batch import load_solutions
    _, specs, _ = load_solutions(MANIFEST, LESSON)
    exercise = next(e for e in LESSON.exercises if e.id == "conv2_params")
    for lang, words in (("zh", "常见错误："), ("en", "A common mistake: ")):
        answers = cases.answers_file(LESSON, {exercise.id: "614,400"})            # the weights without biases
        result = score_quick(exercise, specs[lang][exercise.id], answers, "")
        assert (result.word, result.points, result.mistake) == ("wrong", 0, "forgot_bias")
        assert result.details["mistake_hint"]
        page = render_feedback([{"student": "ann", "lesson": LESSON.stem, "lang": lang, "graded_at": "t",
                                 "results": [result.to_record()]}], {LESSON.stem: LESSON.title})
        assert words in page and "forgot_bias" in page and html.escape(result.details["mistake_hint"]) in page
    other = score_quick(exercise, specs["en"][exercise.id], cases.answers_file(LESSON, {exercise.id: "7"}), "")
    assert other.word == "wrong" and other.mistake == ""
    gradebook.merge(tmp_path, gradebook.rows_for([result, other], "ann", LESSON.stem, "t"))
    with open(tmp_path / "gradebook.csv", newline="", encoding="utf-8") as handle:
        assert [row["mistake"] for row in csv.DictReader(handle)] == ["forgot_bias", ""]


def test_read_notebook_names_missing_and_malformed(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    sub = submissions.discover(tmp_path, LESSON)[0]
    assert str(submissions.read_notebook(sub)[1]).startswith("missing: no 02_convolution.ipynb")
    sub.notebook.write_text("{oops")
    assert "not valid JSON" in str(submissions.read_notebook(sub)[1])
    sub.notebook.write_text('{"cells": 3, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    assert str(submissions.read_notebook(sub)[1]).startswith("malformed: not a Jupyter notebook")


def test_gradebook_merge_replaces_keys_and_keeps_other_rows(tmp_path):
    row = lambda s, e, p: {"student": s, "lesson": "02_convolution", "exercise": e, "points": p,
                           "max_points": "3", "status": "ok", "kind": "code", "seconds": "1", "graded_at": "t"}
    gradebook.merge(tmp_path, [row("a", "x", "1"), row("b", "x", "2")])
    rows = gradebook.merge(tmp_path, [row("a", "x", "3"), row("c", "x", "0")])
    assert [(r["student"], r["points"]) for r in rows] == [("a", "3"), ("b", "2"), ("c", "0")]
    with open(tmp_path / "gradebook.csv", newline="") as handle:
        assert list(csv.DictReader(handle))[0]["points"] == "3"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gradebook")] == []


def test_digest_changes_with_the_submission_and_the_settings(tmp_path):
    folder = cases.write_submission(tmp_path, "s", LESSON, cases.student(MANIFEST, LESSON))
    sub = submissions.discover(tmp_path, LESSON)[0]
    first = submissions.digest(sub, [], LESSON, {"t": 1})
    assert submissions.digest(sub, [], LESSON, {"t": 1}) == first
    assert submissions.digest(sub, [], LESSON, {"t": 2}) != first
    (folder / f"{LESSON.stem}.answers.json").write_text("{}")
    assert submissions.digest(sub, [], LESSON, {"t": 1}) != first


def test_summary_and_feedback_render_from_plain_data():
    results = [Result("corr2d", "code", 3, Status.of("ok"), 3),
               Result("output_size", "code", 2, Status.of("timeout.cell", seconds=5))]
    rows = gradebook.rows_for(results, "ann", LESSON.stem, "t")
    text = report.render_text(report.summarize(rows, LESSON), graded=1)
    assert "corr2d" in text and "1 graded" in text
    table = text.splitlines()[1:-1]          # header, rule, one row per exercise, rule: one width
    assert len(table) == len(LESSON.exercises) + 3 and len({len(line) for line in table}) == 1
    record = {"student": "ann <b>", "lesson": LESSON.stem, "lang": "zh", "graded_at": "t",
              "results": [r.to_record() for r in results]}
    page = render_feedback([record], {LESSON.stem: LESSON.title})
    assert "作业反馈" in page and "ann &lt;b&gt;" in page and "超时" in page and LESSON.title["zh"] in page
    assert status_word("error: kernel died; duplicated cells") == "error"
    cheat = Result("corr2d", "code", 3, Status.of("forbidden.called", what="cnnlab.ops.conv.corr2d"))
    for lang, words in (("zh", "不允许使用现成的函数"), ("en", "does not allow ready-made helpers")):
        page = render_feedback([{**record, "lang": lang, "results": [cheat.to_record()]}], {LESSON.stem: LESSON.title})
        assert words in page and "cnnlab.ops.conv.corr2d" in page
    assert status_word(cheat.status) == "forbidden"


def test_dashboard_runs_headless_on_a_generated_gradebook(tmp_path, monkeypatch):
    results = {"ann": (Status.of("ok"), 3), "bob": (Status.of("wrong.hidden"), 0),
               "cy": (Status.of("timeout.cell", seconds=5), 0)}
    for student, (status, points) in results.items():
        gradebook.merge(tmp_path, gradebook.rows_for(
            [Result(e.id, e.kind, e.points, status, points if e.kind == "code" else 0, seconds=1.5)
             for e in LESSON.exercises], student, LESSON.stem, "t"))
    monkeypatch.setenv("CNNLAB_GRADEBOOK", str(tmp_path / "gradebook.csv"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(ROOT / "course" / "instructor" / "dashboard.ipynb", as_version=4)
    SteadyNotebookClient(nb, timeout=120, kernel_name="python3",
                         resources={"metadata": {"path": str(tmp_path)}}).execute()
    text = str([cell.get("outputs") for cell in nb.cells])
    assert "error" not in [o.output_type for cell in nb.cells for o in cell.get("outputs", [])]
    assert "3 students" in text and "cy" in text and "timeout" in text
    from cnnlab.tools.grading.dashboard import export_rows, filter_rows, load
    rows = load(tmp_path)
    assert len(filter_rows(rows, "b", "wrong")) == len(LESSON.exercises)
    assert len(load(export_rows(rows[:2], tmp_path / "x.csv"))) == 2


def _kernel_setup(plan):
    """{first line of a setup cell: whether the student's kernel runs it}."""
    return {cell.source.splitlines()[0]: cell.kernel for cell in plan.cells if cell.role == "setup"}


def test_the_kernel_leaves_out_setup_cells_no_student_cell_needs():
    lesson = MANIFEST.lesson("01")
    plan = harness.build_plan(cases.solution(MANIFEST, lesson), cases.perfect_notebook(MANIFEST, lesson), lesson)
    runs = _kernel_setup(plan)
    assert runs['import cnnlab'] is True                                   # the lesson's first cell, always
    trainings = [line for line in runs if "train(make_mlp" in line or line.startswith("SIZE_EPOCHS")]
    assert len(trainings) >= 2 and not any(runs[line] for line in trainings)   # training no answer reads
    needed = {name for cell in plan.cells if cell.role in ("answer", "public")
              for name in ("check_function", "count_dense_params") if name in cell.source}
    assert needed and plan.skips_setup()
    everything = plan.to_json(every_setup_cell=True)["cells"]
    assert all(cell["kernel"] for cell in everything)
    assert [cell["kernel"] for cell in plan.to_json()["cells"]] == [cell.kernel for cell in plan.cells]


def test_a_setup_cell_the_answer_reads_runs_in_the_kernel():
    tour = MANIFEST.lesson("00")
    solution = cases.solution(MANIFEST, tour)
    nb = cases.perfect_notebook(MANIFEST, tour)
    first = "import torch"
    assert _kernel_setup(harness.build_plan(solution, nb, tour))[first] is False
    answer, = cases.answer_cells(nb, "count_values")
    cases.insert_in_body(answer, "rows, columns = x.shape   # the tensor of the tour")
    assert _kernel_setup(harness.build_plan(solution, nb, tour))[first] is True
    answer.source = "def count_values(height, width, channels)\n"          # not Python: nothing left out
    assert not harness.build_plan(solution, nb, tour).skips_setup()

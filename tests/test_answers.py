"""The answers file (append, atomic, survives restarts) and the grader's side of quick checks."""

import json
import subprocess
import sys

import pytest

from cnnlab import files
from cnnlab.exercises import answers
from cnnlab.exercises.answers import (FORMAT, AnswersFileError, answers_path, latest, load_answers,
                                      record, use_lesson)
from cnnlab.exercises.spec import SpecError, quick_check_specs, score_quick_check
from cnnlab.exercises.widgets import Numeric, Shape
from cnnlab.cells import exercise_cells
from cnnlab.tools.pipeline.notebooks import read_notebook
from tests.helpers import ROOT, course_manifest


SCRATCH_LESSON = "02_convolution"  # the answers file the scratch fixture (conftest.py) makes
pytestmark = pytest.mark.usefixtures("scratch")  # every test in an empty folder (conftest.py)


def test_path_is_stem_dot_answers_json_in_the_working_folder(scratch):
    assert answers_path("02_convolution") == scratch / "02_convolution.answers.json"
    assert answers_path("00_tour", "/x") .as_posix() == "/x/00_tour.answers.json"


def test_every_check_is_appended_with_its_details(scratch):
    ex = Shape("conv2_shape", answer=(256, 55, 55))
    ex.check("256x55x55")
    ex.check("nonsense")
    data = load_answers(scratch / "02_convolution.answers.json")
    assert data["format"] == FORMAT and data["lesson"] == "02_convolution"
    first, second = data["records"]
    assert (first["exercise"], first["kind"], first["answer"], first["status"], first["correct"]) == \
        ("conv2_shape", "shape", "256x55x55", "correct", True)
    assert second["status"] == "invalid" and second["lang"] == "en" and second["time"].endswith("Z")
    assert latest(data, "conv2_shape") == second and latest(data, "nothing") is None


def test_start_lesson_names_the_file(scratch):
    import cnnlab

    cnnlab.start_lesson("00_tour", lang="en")
    Numeric("pixels", answer=784).check("784")
    assert (scratch / "00_tour.answers.json").is_file()


def test_a_new_process_appends_to_the_same_file(scratch):
    record("q1", "numeric", "1", "wrong")
    code = ("from cnnlab.exercises.answers import record, use_lesson\n"
            "use_lesson('02_convolution'); record('q1', 'numeric', '2', 'correct')")
    subprocess.run([sys.executable, "-c", code], cwd=scratch, check=True, timeout=60)
    record("q1", "numeric", "3", "wrong")
    assert [r["answer"] for r in load_answers(answers_path("02_convolution"))["records"]] == ["1", "2", "3"]


def test_kernels_writing_at_the_same_time_lose_no_record(scratch):
    # Three processes (e.g. the zh and en notebooks of a lesson open at once) each
    # record 30 checks as fast as they can; every one of the 90 must be in the file.
    code = ("import sys\n"
            "from cnnlab.exercises.answers import record, use_lesson\n"
            "use_lesson('02_convolution')\n"
            "for i in range(30): record('q1', 'numeric', f'{sys.argv[1]}-{i}', 'wrong')")
    writers = [subprocess.Popen([sys.executable, "-c", code, str(n)], cwd=scratch) for n in range(3)]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    recorded = [r["answer"] for r in load_answers(answers_path("02_convolution"))["records"]]
    assert sorted(recorded) == sorted(f"{n}-{i}" for n in range(3) for i in range(30))
    for n in range(3):                                  # each writer's records in its own order
        assert [a for a in recorded if a.startswith(f"{n}-")] == [f"{n}-{i}" for i in range(30)]
    assert not list(scratch.glob("*.broken-*"))


def test_a_failed_write_leaves_the_old_file_whole(scratch, monkeypatch):
    path = record("q1", "numeric", "1", "wrong")
    before = path.read_text(encoding="utf-8")

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "fsync", crash)         # fails after the temporary file is written
    with pytest.raises(OSError):
        record("q1", "numeric", "2", "wrong")
    assert path.read_text(encoding="utf-8") == before
    lock = f".{path.name}.lock"                         # the writers' lock file stays, empty
    assert sorted(p.name for p in scratch.iterdir()) == sorted([path.name, lock])  # no temp file left
    assert (scratch / lock).stat().st_size == 0


def test_widget_reports_a_failed_save_instead_of_raising(scratch, monkeypatch):
    monkeypatch.setattr(answers, "write_atomically", lambda *a: (_ for _ in ()).throw(PermissionError("read-only")))
    ex = Numeric("q", answer=1)
    assert "could not save your answer" in ex.check("1") and ex.message.startswith("✓")


@pytest.mark.parametrize("content", ["{not json", "[]", json.dumps({"format": "other"}),
                                     json.dumps({"format": FORMAT, "records": {}}),
                                     json.dumps({"format": FORMAT, "records": [{"answer": 1}]}), "\udcff"])
def test_malformed_files_raise_answers_file_error(scratch, content):
    path = scratch / "bad.answers.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(AnswersFileError):
        load_answers(path)


def test_missing_file_is_file_not_found(scratch):
    with pytest.raises(FileNotFoundError):
        load_answers(scratch / "none.answers.json")


def test_recording_over_a_broken_file_keeps_it_aside(scratch):
    path = answers_path("02_convolution")
    path.write_text("{broken", encoding="utf-8")
    record("q", "numeric", "1", "wrong")
    assert len(load_answers(path)["records"]) == 1
    assert (scratch / "02_convolution.answers.json.broken-1").read_text(encoding="utf-8") == "{broken"


# --- the grader's side -----------------------------------------------------------------------

def _solution_specs(stem, lang="en"):
    manifest = course_manifest()
    lesson = manifest.lesson(stem)
    cells = exercise_cells(read_notebook(lesson.path(ROOT, "solutions", lang)))
    return {e.id: quick_check_specs("\n".join(c.source for c in cells[e.id]))[0]
            for e in lesson.exercises if e.kind != "code"}


def test_grader_rescores_recorded_answers_against_the_solution(scratch):
    specs = _solution_specs("00_tour")
    assert set(specs) == {"pixels", "run_key", "image_shape"}
    assert score_quick_check(specs["pixels"], {"answer": "784 numbers", "correct": False})
    assert not score_quick_check(specs["pixels"], {"answer": "785", "correct": True})  # flag not trusted
    assert score_quick_check(specs["run_key"], 0) and not score_quick_check(specs["run_key"], [1])
    assert score_quick_check(specs["image_shape"], "8×3×28×28")
    for garbage in [None, "", "1e309", "x" * 10_000, {"answer": {"a": 1}}, [True], [99], 3.5]:
        assert score_quick_check(specs["pixels"], garbage) is False
        assert score_quick_check(specs["run_key"], garbage) is False


def test_zh_and_en_solutions_have_the_same_keys():
    for stem in ("00_tour", "02_convolution"):
        assert _solution_specs(stem, "zh") == _solution_specs(stem, "en")


def test_a_widget_answer_recorded_by_the_kernel_scores_with_the_student_key(scratch):
    spec = _solution_specs("02_convolution")["conv2_params"].specs[0]     # the default variant
    ex = Numeric("conv2_params", key=spec.key, unit="parameters")
    ex.check("614,656 parameters")
    assert score_quick_check(spec, latest(load_answers(ex.saved_to), "conv2_params"))


@pytest.mark.parametrize("source", ['numeric("q", answer=2 * 3)', 'numeric(answer=1)', 'numeric("q")',
                                    'numeric("q", answer=1, key="ab")', 'choice("q", answer=[0, 1])'])
def test_spec_errors_for_calls_the_grader_cannot_read(source):
    with pytest.raises(SpecError):
        quick_check_specs(source)

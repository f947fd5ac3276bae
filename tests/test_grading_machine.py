"""A broken grading machine is never blamed on a student (issue 21 §2).

The machine is broken on purpose: a fake ``bwrap`` first on PATH that fails the way bubblewrap
fails inside a container without user namespaces. ``cnnlab grade`` then exits 2 with bubblewrap's
own words and the fix, and writes no row; ``cnnlab grade --check`` says the same alone. When the
sandbox breaks in the middle of a batch (the canary before it passed), the submissions are
``error: grader failed: …``, not cached, and the next run grades them.
"""

import json
import os
import stat

import pytest

from cnnlab.tools.grading import batch, canary, gradebook
from cnnlab.tools.grading.limits import Limits
from tests import grading_cases as cases
from tests.helpers import ROOT, course_manifest, needs_bwrap, run_cli

MANIFEST = course_manifest()
TOUR = MANIFEST.lesson("00")
BWRAP_SAYS = "bwrap: setting up uid map: Permission denied"


@pytest.fixture
def broken_bwrap(tmp_path):
    """A folder holding a ``bwrap`` that fails at once, as inside a container without user namespaces."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    fake = folder / "bwrap"
    fake.write_text(f"#!/bin/sh\necho '{BWRAP_SAYS}' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    return folder


def _perfect_tour(root, name="ann"):
    return cases.write_submission(root, name, TOUR, cases.perfect_notebook(MANIFEST, TOUR),
                                  cases.answers_file(TOUR, cases.solution_answers(MANIFEST, TOUR, student=name)))


def _with_path(folder):
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def _run(args, env):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "cnnlab.tools.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def test_grade_exits_2_with_the_sandboxs_own_error_and_writes_no_row(tmp_path, broken_bwrap):
    _perfect_tour(tmp_path / "subs")
    done = _run(["grade", "00", str(tmp_path / "subs"), "--out", str(tmp_path / "out")], _with_path(broken_bwrap))
    assert done.returncode == 2, done.stdout + done.stderr
    assert BWRAP_SAYS in done.stderr and "Fix:" in done.stderr and "user namespaces" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "gradebook.csv").exists() and not (tmp_path / "out" / "feedback").exists()


def test_grade_check_tests_the_machine_alone(tmp_path, broken_bwrap):
    broken = _run(["grade", "--check"], _with_path(broken_bwrap))
    assert broken.returncode == 2 and BWRAP_SAYS in broken.stderr and "Fix:" in broken.stderr
    small = _run(["grade", "--check", "--no-sandbox", "--memory", "1024"], dict(os.environ))
    assert small.returncode in (0, 2)   # (whether torch fits in 1 GiB depends on the machine)
    assert "Traceback" not in small.stderr
    missing = run_cli("grade", "00")
    assert missing.returncode == 2 and "--check" in missing.stderr


@needs_bwrap
def test_grade_check_passes_on_a_working_machine():
    done = run_cli("grade", "--check", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "the grading machine works" in done.stdout or "评分机器正常" in done.stdout


@needs_bwrap
def test_a_sandbox_that_breaks_mid_batch_is_the_graders_failure_and_is_graded_again(tmp_path, broken_bwrap,
                                                                                    monkeypatch):
    subs, out = tmp_path / "subs", tmp_path / "out"
    _perfect_tour(subs)
    limits = Limits(cell_timeout=20, total_timeout=120, memory_mib=3072)
    # The canary before the batch passes (the machine worked then); the sandbox breaks afterwards.
    monkeypatch.setattr(canary, "require_working_machine", lambda limits: None)
    monkeypatch.setenv("PATH", f"{broken_bwrap}{os.pathsep}{os.environ['PATH']}")
    first = batch.grade_batch(MANIFEST, TOUR, subs, out, limits=limits, log=lambda *a: None)
    rows = {row["exercise"]: row for row in gradebook.read_rows(out)}
    assert rows["count_values"]["status"].startswith("error: grader failed: the grading machine cannot start")
    assert BWRAP_SAYS in rows["count_values"]["status"]
    assert "kernel died" not in rows["count_values"]["status"] and "your exercise cell" not in \
        rows["count_values"]["status"]
    assert rows["pixels"]["status"] == "ok"                      # quick checks need no kernel
    assert TOUR.stem not in gradebook.read_hashes(out) or "ann" not in gradebook.read_hashes(out)[TOUR.stem]
    assert len(first.graded) == 1

    monkeypatch.setenv("PATH", os.environ["PATH"].split(os.pathsep, 1)[1])   # the machine is fixed
    again = batch.grade_batch(MANIFEST, TOUR, subs, out, limits=limits, log=lambda *a: None)
    assert again.skipped == [] and [name for name, _, _ in again.graded] == ["ann"]
    rows = {row["exercise"]: row for row in gradebook.read_rows(out)}
    assert rows["count_values"]["status"] == "ok" and float(rows["count_values"]["points"]) == 1
    record = json.loads((out / "results" / TOUR.stem / "ann.json").read_text(encoding="utf-8"))
    assert all(result["status"] == "ok" for result in record["results"])


@needs_bwrap
def test_a_kernel_stopped_by_the_students_own_files_is_not_the_graders_failure(tmp_path):
    """A file in the student's folder that breaks the kernel's start (a ``json.py`` shadowing the
    standard library) is the submission's doing: the canary starts, so it is not 'grader failed'."""
    folder = _perfect_tour(tmp_path / "subs")
    (folder / "json.py").write_text("raise SystemExit('this folder breaks every kernel')\n")
    done = run_cli("grade", "00", str(tmp_path / "subs"), "--out", str(tmp_path / "out"), "--timeout", "20",
                   timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {row["exercise"]: row for row in gradebook.read_rows(tmp_path / "out")}
    assert not rows["count_values"]["status"].startswith("error: grader failed"), rows["count_values"]
    assert float(rows["count_values"]["points"]) == 0
    assert "ann" in gradebook.read_hashes(tmp_path / "out")[TOUR.stem]


def test_a_kernel_start_that_times_out_is_the_machines_fault_without_asking_the_canary(monkeypatch):
    """A busy machine (the kernel did not answer in time) is never blamed on the student's files."""
    from cnnlab.tools.grading import steps

    def no_canary(*args, **kwargs):
        raise AssertionError("the canary is not needed for a start that timed out")

    monkeypatch.setattr(canary, "machine_problems", no_canary)
    job = steps.Job(submission=None, lesson=None, solutions={}, specs={}, limits=Limits(),
                    outcomes=[{"status": "dead", "ename": "RuntimeError", "start_failed": True,
                               "evalue": "kernel failed: Kernel didn't respond in 120 seconds"}])
    steps.blame_the_machine(job)
    assert str(job.run_problem).startswith("error: grader failed: the kernel did not start in time")


def test_a_kernel_start_that_fails_at_once_still_asks_the_canary(monkeypatch):
    from cnnlab.tools.grading import steps
    monkeypatch.setattr(canary, "machine_problems", lambda *args, **kwargs: None)
    job = steps.Job(submission=None, lesson=None, solutions={}, specs={}, limits=Limits(),
                    outcomes=[{"status": "dead", "ename": "ModuleNotFoundError", "start_failed": True,
                               "evalue": "kernel failed: No module named 'ipykernel'"}])
    steps.blame_the_machine(job)
    assert job.run_problem is None


def test_a_worker_that_dies_is_reported_with_its_exit_code_and_last_line(tmp_path):
    """A plan the worker cannot read makes it exit with a traceback: the status says how it ended (the
    steps then ask the canary whether the machine is to blame)."""
    from cnnlab.tools.grading.launch import execute_plan
    work = tmp_path / "scratch" / "work"
    work.mkdir(parents=True)
    outcomes, problem = execute_plan({"cells": 5}, work, Limits(cell_timeout=5, total_timeout=30))
    assert outcomes is None and problem.verdict.code == "error.worker_exit", problem
    assert str(problem).startswith("error: grader worker exited with code 1 (TypeError"), str(problem)
    assert problem.text("zh").startswith("出错：评分进程退出了，退出码 1（TypeError")

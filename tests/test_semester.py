"""A semester in miniature: 30 students, 3 lessons, through the whole loop with the real commands.

Students s00–s14 hand in on Canvas (one "Download Submissions" zip per lesson, some late,
one resubmission); s15–s29 work on a TLJH hub (home folders, one keeps a ``-Copy1``).
collect → grade with a deadline → overrides → regrade one student → export (Canvas,
Moodle) → feedback returned (hub homes, a Canvas zip). Every number checked is worked
out here from the manifest, not read back from the code under test.

Most students answer the quick checks only (no kernel is needed to grade those); two per
lesson also answer the code exercises. Graded with ``--no-sandbox`` (a bubblewrap sandbox
start per code submission adds seconds; the sandbox has its own tests). With
``CNNLAB_SEMESTER_TIMINGS=FILE`` the step timings are written to FILE (benchmarks/README.md).
"""

import csv
import io
import json
import os
import time
import zipfile
from pathlib import Path

import nbformat
import pytest

from cnnlab.tools.cli import main
from tests import grading_cases as cases
from tests.helpers import ROOT, course_manifest

pytestmark = pytest.mark.slow

MANIFEST = course_manifest()
LESSONS = [MANIFEST.lesson(n) for n in ("00", "02", "03")]
STUDENTS = [f"s{i:02d}" for i in range(30)]
CANVAS, HUB = STUDENTS[:15], STUDENTS[15:]
CODERS = {"s00", "s15"}                          # answer the code exercises too
SILENT = {"s14", "s29"}                          # hand in nothing
DEADLINE = "2026-12-20T23:59+08:00"              # 15:59 UTC
ON_TIME, ONE_DAY_LATE, THREE_DAYS_LATE = (2026, 12, 20, 12, 0, 0), (2026, 12, 21, 12, 0, 0), (2026, 12, 23, 12, 0, 0)


def _answers(lesson, student):
    """Every other student answers all quick checks; the others only the first one."""
    right = cases.solution_answers(MANIFEST, lesson, student=student)
    if int(student[1:]) % 2:
        right = dict(list(right.items())[:1])
    return right


def _expected_points(lesson, student):
    quick = {e.id: e.points for e in lesson.exercises if e.kind != "code"}
    points = sum(quick[x] for x in _answers(lesson, student))
    if student in CODERS:
        points += sum(e.points for e in lesson.exercises if e.kind == "code")
    return points


def _notebook(lesson, student):
    nb = cases.perfect_notebook(MANIFEST, lesson) if student in CODERS else cases.student(MANIFEST, lesson)
    return nbformat.writes(nb)


def _when(student):
    return {"s01": ONE_DAY_LATE, "s02": THREE_DAYS_LATE, "s03": THREE_DAYS_LATE}.get(student, ON_TIME)


def _canvas_zip(path, lesson):
    with zipfile.ZipFile(path, "w") as archive:
        for number, student in enumerate(CANVAS):
            if student in SILENT:
                continue
            late = "LATE_" if _when(student) != ON_TIME else ""
            prefix = f"{student}_{late}{1000 + number}_{5000 + number}"
            name = f"{lesson.stem}-1" if student == "s04" else lesson.stem       # s04 resubmitted
            if student == "s04":
                archive.writestr(zipfile.ZipInfo(f"{student}_{1000 + number}_4999_{lesson.stem}.ipynb", ON_TIME),
                                 "{}")
            archive.writestr(zipfile.ZipInfo(f"{prefix}_{name}.ipynb", _when(student)), _notebook(lesson, student))
            archive.writestr(zipfile.ZipInfo(f"{prefix}_{lesson.stem}.answers.json", _when(student)),
                             json.dumps(cases.answers_file(lesson, _answers(lesson, student))))


def _hub(homes, lesson):
    stamp = 1_797_000_000       # 2026-12-13, before the deadline
    for student in HUB:
        home = homes / student
        home.mkdir(parents=True, exist_ok=True)
        if student in SILENT:
            continue
        folder = home / "cnnlab" / "lessons" / "en"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{lesson.stem}-Copy1.ipynb" if student == "s16" else f"{lesson.stem}.ipynb"
        (folder / name).write_text(_notebook(lesson, student), encoding="utf-8")
        (folder / f"{lesson.stem}.answers.json").write_text(
            json.dumps(cases.answers_file(lesson, _answers(lesson, student))), encoding="utf-8")
        for path in folder.iterdir():
            os.utime(path, (stamp, stamp))


def _run(timings, step, argv):
    started = time.perf_counter()
    code = main(["--root", str(ROOT), *argv])
    timings[step] = timings.get(step, 0.0) + time.perf_counter() - started
    return code


def _csv(path):
    return list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))


def test_a_semester_in_miniature(tmp_path, capsys):
    timings = {}
    homes, subs, out = tmp_path / "home", tmp_path / "submissions", tmp_path / "grades"
    roster = tmp_path / "roster.csv"
    roster.write_bytes(("student,name,id,email,lang\n" + "".join(
        f"{s},学生{s},{7000 + i},{s}@example.edu,{'zh' if i % 3 == 0 else 'en'}\n" for i, s in enumerate(STUDENTS))
    ).encode("gbk"))                                                  # saved by Excel on Chinese Windows
    extensions = tmp_path / "extensions.csv"
    extensions.write_text("student,lesson,days\ns03,,3\n", encoding="utf-8")   # s03 may hand in 3 days late

    for lesson in LESSONS:
        _canvas_zip(tmp_path / f"canvas_{lesson.stem}.zip", lesson)
        _hub(homes, lesson)
        assert _run(timings, "collect", ["collect", str(tmp_path / f"canvas_{lesson.stem}.zip"), str(subs),
                                         "--lesson", lesson.stem]) == 0
        assert _run(timings, "collect", ["collect", str(homes), str(subs), "--lesson", lesson.stem]) == 0
        printed = capsys.readouterr().out
        assert "s29" in printed and "s16" not in printed.split("missing")[-1]   # the hub's silent student
        assert _run(timings, "grade", ["grade", lesson.stem, str(subs), "--out", str(out), "--no-sandbox",
                                       "--jobs", "2", "--deadline", DEADLINE, "--late", "10%/day, max 2",
                                       "--extensions", str(extensions)]) == 0

    handed_in = [s for s in STUDENTS if s not in SILENT]
    assert sorted(p.name for p in subs.iterdir() if p.is_dir()) == handed_in
    rows = list(csv.DictReader((out / "gradebook.csv").open(encoding="utf-8")))
    for lesson in LESSONS:
        for student in handed_in:
            got = sum(float(r["points"]) for r in rows if r["student"] == student and r["lesson"] == lesson.stem)
            assert got == _expected_points(lesson, student), (lesson.stem, student, [
                r["status"] for r in rows if r["student"] == student and r["lesson"] == lesson.stem])
    late = {(r["student"], r["days_late"], r["penalty"]) for r in rows if r["lesson"] == "00_tour"}
    assert ("s01", "1", "0.1") in late and ("s02", "3", "0.2") in late and ("s03", "0", "0") in late
    assert ("s15", "0", "0") in late

    # the instructor sets one grade by hand and regrades one student; nothing is lost
    code_exercise = next(e for e in LESSONS[0].exercises if e.kind == "code")
    (out / "overrides.csv").write_text("student,lesson,exercise,points,comment\n"
                                       f"s05,00,{code_exercise.id},{code_exercise.points:g},handed in on paper\n",
                                       encoding="utf-8")
    assert _run(timings, "grade --student", ["grade", "00", str(subs), "--out", str(out), "--no-sandbox",
                                             "--student", "s05"]) == 0
    history = list(csv.DictReader((out / "history.csv").open(encoding="utf-8")))
    assert {r["student"] for r in history} == {"s05"} and len(history) == len(LESSONS[0].exercises)

    # exports: penalties and the override are in the numbers the LMS gets
    assert _run(timings, "export", ["export", str(out), "--format", "canvas", "--out", str(tmp_path / "canvas.csv"),
                                    "--roster", str(roster), "--bom"]) == 0
    assert _run(timings, "export", ["export", str(out), "--format", "moodle", "--out", str(tmp_path / "moodle.csv"),
                                    "--roster", str(roster)]) == 0
    canvas = {row[1]: row for row in _csv(tmp_path / "canvas.csv")[2:]}
    moodle = {row[0]: row for row in _csv(tmp_path / "moodle.csv")[1:]}
    column = 5                                                          # the first lesson's column
    s01 = _expected_points(LESSONS[0], "s01") * 0.9
    s02 = _expected_points(LESSONS[0], "s02") * 0.8                   # 3 days, at most 2 counted
    s05 = _expected_points(LESSONS[0], "s05") + code_exercise.points
    assert float(canvas["7001"][column]) == pytest.approx(s01)
    assert float(canvas["7002"][column]) == pytest.approx(s02)
    assert float(canvas["7005"][column]) == s05 == float(moodle["7005"][3])
    assert canvas["7014"][column] == "0"                                # handed nothing in

    # feedback back where the students are
    assert _run(timings, "feedback", ["feedback", str(out), "--homes", str(homes), "--roster", str(roster),
                                      "--allow-unmatched"]) == 0
    assert _run(timings, "feedback", ["feedback", str(out), "--zip", str(tmp_path / "comments.zip"), "--lms", "canvas",
                                      "--submissions", str(subs), "--roster", str(roster), "--allow-unmatched"]) == 0
    page = (homes / "s15" / "feedback" / "s15.html").read_text(encoding="utf-8")
    assert "作业反馈" in page                                             # s15's roster lang is zh
    assert (homes / "s16" / "feedback" / "s16.html").is_file()
    names = zipfile.ZipFile(tmp_path / "comments.zip").namelist()
    assert "s01_LATE_1001_5001_feedback.html" in names and len(names) == len(CANVAS) - 1
    paper = (tmp_path / "p.html")
    paper.write_bytes(zipfile.ZipFile(tmp_path / "comments.zip").read("s05_1005_5005_feedback.html"))
    assert "handed in on paper" in paper.read_text(encoding="utf-8")

    if os.environ.get("CNNLAB_SEMESTER_TIMINGS"):
        Path(os.environ["CNNLAB_SEMESTER_TIMINGS"]).write_text(json.dumps(
            {step: round(seconds, 1) for step, seconds in timings.items()}, indent=1), encoding="utf-8")

"""The loop around grading, without a kernel: deadlines, hand-set grades, history, feedback out, rosters."""

import csv
import io
import json
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cnnlab.i18n import latin_words
from cnnlab.tools.cli import main
from cnnlab.tools.grading import collect, deadline, gradebook, history, overrides, returning
from cnnlab.tools.grading.export import ExportError, encode_export, export_grades, read_roster
from cnnlab.tools.grading.score import Result
from cnnlab.tools.grading.status import Status
from tests.helpers import ROOT, course_manifest

MANIFEST = course_manifest()
CONV = MANIFEST.lesson("02")
HIDDEN_CASE = "X=[[1, 2], [3, 4]], K=[[1]]"
HIDDEN = f"wrong: hidden test failed for {HIDDEN_CASE}"


def _result(exercise, points, status, **details):
    """A stored result, as the batch writes it (``status``: a Status)."""
    return Result(exercise.id, exercise.kind, exercise.points, status, points, 0.1, details).to_record()


def _grade(out, student, lang="en", graded_at="2026-12-21T00:00:00Z", wrong_first=True):
    """Store a graded submission of lesson 02 as the batch does: results JSON and gradebook rows."""
    first, *rest = CONV.exercises
    results = [_result(first, 0, Status.of("wrong.hidden_case", case=HIDDEN_CASE), public="public check printed this",
                       failure="AssertionError: expected [[1, 2], [3, 4]]") if wrong_first
               else _result(first, first.points, Status.of("ok"))]
    results += [_result(e, e.points, Status.of("ok")) for e in rest]
    folder = out / "results" / CONV.stem
    folder.mkdir(parents=True, exist_ok=True)
    history.keep_previous(out, CONV.stem, student, student)
    (folder / f"{student}.json").write_text(json.dumps(
        {"student": student, "lesson": CONV.stem, "lang": lang, "graded_at": graded_at, "results": results}),
        encoding="utf-8")
    gradebook.merge(out, [{"student": student, "lesson": CONV.stem, "exercise": r["exercise"],
                           "points": f"{r['points']:g}", "max_points": f"{r['max_points']:g}", "status": r["status"],
                           "kind": r["kind"], "seconds": "0.10", "graded_at": graded_at, "mistake": ""}
                          for r in results])
    return results


@pytest.fixture
def out(tmp_path):
    out = tmp_path / "grades"
    out.mkdir()
    _grade(out, "ann")
    _grade(out, "bo", lang="zh")
    return out


def _text(page):
    return re.sub(r"<[^>]+>", " ", page)


# ------------------------------------------------------------------------------------------ deadlines

def test_late_policy_counts_started_days_caps_and_zeroes():
    policy = deadline.parse_policy("10%/day, max 3")
    assert [policy.penalty(d) for d in (0, 1, 2, 3, 5)] == [0, 0.1, 0.2, 0.3, 0.3]
    strict = deadline.parse_policy("25%/day, zero after 2")
    assert [strict.penalty(d) for d in (1, 2, 3)] == [0.25, 0.5, 1.0]
    due = deadline.parse_deadline("2026-12-20T23:59+08:00")
    assert deadline.days_late(due + timedelta(minutes=1), due) == 1
    assert deadline.days_late(due + timedelta(days=1, seconds=1), due) == 2
    assert deadline.days_late(due, due) == 0
    with pytest.raises(deadline.DeadlineError, match="time zone"):
        deadline.parse_deadline("2026-12-20T23:59")
    with pytest.raises(deadline.DeadlineError, match="10%/day"):
        deadline.parse_policy("ten percent")


def test_lateness_uses_collect_times_extensions_and_reaches_gradebook_export_and_page(out, tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    collect.record(subs, [
        {"student": "ann", "lesson": CONV.stem, "submitted_at": "2026-12-22T03:00:00Z", "source": "canvas",
         "origin": "", "lms_id": "11", "lms_key": "ann_11_1", "lms_late": "1"},
        {"student": "bo", "lesson": CONV.stem, "submitted_at": "2026-12-22T03:00:00Z", "source": "canvas",
         "origin": "", "lms_id": "12", "lms_key": "bo_12_2", "lms_late": ""}])
    extensions = tmp_path / "ext.csv"
    extensions.write_text("student,lesson,days\nbo,02,3\n", encoding="utf-8")
    deadline.configure(out, CONV, deadline="2026-12-20T23:59+08:00", late="10%/day, max 3", extensions=extensions)
    table, unknown = deadline.record_lateness(out, CONV.stem, collect.read_collected(subs))
    # 2026-12-20T23:59+08:00 is 15:59Z; 2026-12-22T03:00Z is 1 day 11 h later: 2 started days
    assert table["ann"] == {"submitted_at": "2026-12-22T03:00:00Z", "days_late": "2", "penalty": "0.2"}
    assert table["bo"]["days_late"] == "0" and unknown == []
    deadline.stamp_gradebook(out, CONV.stem, table)
    rows = gradebook.read_rows(out)
    assert {(r["student"], r["days_late"], r["penalty"]) for r in rows} == {("ann", "2", "0.2"), ("bo", "0", "0")}
    wide = list(csv.DictReader(io.StringIO(export_grades(out, MANIFEST, "wide").text)))
    got = CONV.max_points - CONV.exercises[0].points
    assert float(wide[0][CONV.stem]) == pytest.approx(got * 0.8) and wide[0][f"{CONV.stem}/days_late"] == "2"
    assert float(wide[1][CONV.stem]) == got
    page = _text(returning.render_pages(out, MANIFEST)["ann"])
    assert "2 day(s) late, 20% off" in page
    # a later grade without the options keeps them
    assert deadline.load_all(out)[CONV.stem]["late"] == "10%/day, max 3"


# ------------------------------------------------------------------------------------------ overrides, history

def test_overrides_reach_every_export_and_the_page_and_survive_a_regrade(out):
    first = CONV.exercises[0]
    (out / overrides.OVERRIDES).write_text(
        f"student,lesson,exercise,points,comment\nann,02,{first.id},{first.points:g},regraded by hand\n",
        encoding="utf-8")
    _grade(out, "ann", graded_at="2026-12-23T00:00:00Z")          # a regrade writes the gradebook again
    assert float(next(r for r in gradebook.read_rows(out) if r["student"] == "ann"
                      and r["exercise"] == first.id)["points"]) == 0
    for fmt, column in (("wide", "total"), ("canvas", None), ("moodle", None)):
        roster = {"ann": {"student": "ann", "id": "1", "email": "a@x"}, "bo": {"student": "bo", "id": "2", "email": "b@x"}}
        text = export_grades(out, MANIFEST, fmt, roster=roster).text
        ann = next(row for row in csv.reader(io.StringIO(text)) if "ann" in row or "1" in row[:2])
        assert f"{CONV.max_points:g}" in ann, (fmt, ann)
    page = _text(returning.render_pages(out, MANIFEST)["ann"])
    assert "regraded by hand" in page and "the grader gave 0" in page


def test_a_bad_override_is_refused_by_line(out):
    (out / overrides.OVERRIDES).write_text("student,lesson,exercise,points,comment\nann,02,nope,1,x\n"
                                           f"bo,02,{CONV.exercises[0].id},99,y\n", encoding="utf-8")
    with pytest.raises(overrides.OverrideError, match="99"):
        overrides.final_rows(out)
    (out / overrides.OVERRIDES).write_text("student,lesson,exercise,points,comment\nann,02,nope,1,x\n",
                                           encoding="utf-8")
    with pytest.raises(overrides.OverrideError, match="2: ann/02/nope"):
        overrides.final_rows(out)
    with pytest.raises(ExportError, match="nope"):
        export_grades(out, MANIFEST, "wide")


def test_a_regrade_keeps_the_previous_result_and_rows(out):
    _grade(out, "ann", graded_at="2026-12-23T00:00:00Z", wrong_first=False)
    kept = history.previous_results(out, CONV.stem, "ann")
    assert [r["graded_at"] for r in kept] == ["2026-12-21T00:00:00Z"]
    old = [r for r in history.previous_rows(out) if r["student"] == "ann"]
    assert len(old) == len(CONV.exercises) and old[0]["status"] == HIDDEN and old[0]["replaced_at"]


# ------------------------------------------------------------------------------------------ feedback out

def test_public_reveal_hides_the_hidden_case_before_the_deadline_and_shows_it_after(out):
    future = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    deadline.configure(out, CONV, deadline=future)
    page = returning.render_pages(out, MANIFEST)["ann"]
    assert "public check printed this" in page
    assert "[[1, 2], [3, 4]]" not in page and "expected" not in page
    past = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    deadline.configure(out, CONV, deadline=past)
    assert "[[1, 2], [3, 4]]" in returning.render_pages(out, MANIFEST)["ann"]
    assert "[[1, 2], [3, 4]]" not in returning.render_pages(out, MANIFEST, reveal="public")["ann"]


def test_page_language_comes_from_the_roster_else_the_notebook_and_zh_is_chinese_throughout(out):
    pages = returning.render_pages(out, MANIFEST, roster={"ann": {"lang": "zh"}})
    for student in ("ann", "bo"):                  # ann by the roster, bo by the notebook's language
        text = _text(pages[student])
        assert "作业反馈" in text and "Feedback for" not in text
    missing = Status.of("unanswered.no_file", file="02_convolution.answers.json")
    assert missing.text("zh") == "未作答：没有 02_convolution.answers.json"
    assert latin_words(Status.of("error.grader_failed", why="OSError: bwrap").text("zh"), ("OSError", "bwrap")) == []


def test_pages_go_into_real_home_folders_only(out, tmp_path):
    homes = tmp_path / "home"
    (homes / "ann").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (homes / "bo").symlink_to(elsewhere, target_is_directory=True)
    (homes / "ann" / "feedback").mkdir()
    planted = tmp_path / "planted.txt"
    planted.write_text("keep me", encoding="utf-8")
    (homes / "ann" / "feedback" / "ann.html").symlink_to(planted)       # a link where the page goes
    written, homeless = returning.to_homes(returning.render_pages(out, MANIFEST), homes)
    assert written == [homes / "ann" / "feedback" / "ann.html"] and homeless == ["bo"]
    assert list(elsewhere.iterdir()) == [] and planted.read_text(encoding="utf-8") == "keep me"
    page = homes / "ann" / "feedback" / "ann.html"
    assert not page.is_symlink() and "Feedback for ann" in page.read_text(encoding="utf-8")


def test_lms_zip_names_files_by_the_prefix_the_download_gave(out, tmp_path):
    collected = {("ann", CONV.stem): {"lms_key": "ann_11_21"},
                 ("bo", CONV.stem): {"lms_key": "薄_12345_assignsubmission_file_"}}
    pages = returning.render_pages(out, MANIFEST)
    names, unmatched = returning.to_lms_zip(pages, tmp_path / "c.zip", collected, "canvas")
    assert names == ["ann_11_21_feedback.html", "薄_12345_assignsubmission_file__feedback.html"]
    names, _ = returning.to_lms_zip(pages, tmp_path / "m.zip", collected, "moodle")
    assert "薄_12345_assignsubmission_file_feedback.html" in zipfile.ZipFile(tmp_path / "m.zip").namelist()


def test_feedback_command_exits_2_when_a_page_cannot_be_returned(out, tmp_path, capsys):
    homes = tmp_path / "home"
    (homes / "ann").mkdir(parents=True)
    code = main(["--root", str(ROOT), "feedback", str(out), "--homes", str(homes)])
    assert code == 2 and "bo" in capsys.readouterr().err
    assert main(["--root", str(ROOT), "feedback", str(out), "--homes", str(homes), "--allow-unmatched"]) == 0


# ------------------------------------------------------------------------------------------ rosters, output

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_rosters_saved_by_excel_are_read_in_every_encoding(tmp_path, encoding):
    path = tmp_path / "roster.csv"
    path.write_bytes("Student,Name,ID,lang\nwang_xm,王小明,007301,zh\n".encode(encoding))
    roster = read_roster(path)
    assert roster["wang_xm"]["name"] == "王小明" and roster["wang_xm"]["id"] == "007301"
    assert roster["wang_xm"]["lang"] == "zh"


def test_a_wrong_encoding_is_named_and_output_can_carry_a_bom_or_gb18030(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("student,name\nwang_xm,王小明\n".encode("gbk"))
    with pytest.raises(ExportError, match="--encoding"):
        read_roster(path, encoding="utf-8")
    with pytest.raises(ExportError, match="nope"):
        read_roster(path, encoding="nope")
    assert encode_export("a,王\n", bom=True) == b"\xef\xbb\xbfa," + "王".encode() + b"\n"
    assert encode_export("a,王\n", "gb18030").decode("gb18030") == "a,王\n"


def test_canvas_export_without_ids_lists_the_students(out):
    with pytest.raises(ExportError, match="ann, bo"):
        export_grades(out, MANIFEST, "canvas")
    assert export_grades(out, MANIFEST, "canvas", allow_unmatched=True).students == ["ann", "bo"]


# ------------------------------------------------------------------------------------------ messages

NEW_MODULES = ["collect", "deadline", "overrides", "history", "returning"]
_BARE = re.compile(r"""(raise \w+(Error|Exception)\(|print\(|sys\.exit\(|warnings\.warn\()\s*f?["']""")


@pytest.mark.parametrize("name", NEW_MODULES)
def test_new_modules_speak_through_say(name):
    text = (ROOT / "cnnlab" / "tools" / "grading" / f"{name}.py").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if _BARE.search(line)] == []


def test_progress_prints_in_the_language_asked(tmp_path, capsys):
    (tmp_path / "lessons" / "en").mkdir(parents=True)
    assert main(["--root", str(ROOT), "progress", str(tmp_path), "--lang", "zh"]) == 0
    assert "练习进度" in capsys.readouterr().out
    assert main(["--root", str(ROOT), "progress", str(tmp_path), "--lang", "en"]) == 0
    assert "Progress:" in capsys.readouterr().out


def test_a_chinese_page_has_no_english_words_left(out, tmp_path):
    """bo's page (a zh notebook): a missing answers file, a wrong answer, a late hand-in, a hand-set grade."""
    import html as html_module
    first = CONV.exercises[0]
    results = json.loads((out / "results" / CONV.stem / "bo.json").read_text(encoding="utf-8"))
    results["results"][1].update(_result(CONV.exercises[1], 0, Status.of("unanswered.no_file", file=f"{CONV.stem}.answers.json")))
    (out / "results" / CONV.stem / "bo.json").write_text(json.dumps(results), encoding="utf-8")
    (out / overrides.OVERRIDES).write_text(f"student,lesson,exercise,points,comment\nbo,02,{first.id},0,抄袭\n",
                                           encoding="utf-8")
    past = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    deadline.configure(out, CONV, deadline=past, late="10%/day")
    subs = tmp_path / "subs"
    subs.mkdir()
    collect.record(subs, [{"student": "bo", "lesson": CONV.stem, "submitted_at": "2099-01-01T00:00:00Z",
                           "source": "hub", "origin": "", "lms_id": "", "lms_key": "", "lms_late": ""}])
    deadline.record_lateness(out, CONV.stem, collect.read_collected(subs))
    text = html_module.unescape(_text(returning.render_pages(out, MANIFEST)["bo"]))
    text = text.split("</style>")[-1] if "</style>" in text else text
    body = text[text.rindex("作业反馈"):].replace("public check printed this", "").replace(
        "AssertionError: expected", "")   # the check's and the hidden test's own words (a zh lesson's are Chinese)
    assert "迟交" in body and "老师改了" in body and "未作答：没有" in body
    allowed = {e.id for e in CONV.exercises} | {"bo"}
    assert latin_words(body, allowed) == []


# ------------------------------------------------------------------------------------------ the commands, end to end

def _quick_only(subs, student, when):
    """A hand-in of lesson 00 with every quick check right and the code untouched (no kernel needed)."""
    from tests import grading_cases as cases
    lesson = MANIFEST.lesson("00")
    cases.write_submission(subs, student, lesson, nb=cases.student(MANIFEST, lesson),
                           answers=cases.answers_file(lesson, cases.solution_answers(MANIFEST, lesson, student=student)))
    collect.record(subs, [{"student": student, "lesson": lesson.stem, "submitted_at": when, "source": "handins",
                           "origin": "", "lms_id": "", "lms_key": "", "lms_late": ""}])


def test_grade_with_a_deadline_then_one_student_again(tmp_path, capsys):
    subs, out = tmp_path / "subs", tmp_path / "grades"
    _quick_only(subs, "early", "2026-12-20T10:00:00Z")
    _quick_only(subs, "late", "2026-12-22T10:00:00Z")       # 2 started days after 15:59Z on the 20th
    base = ["--root", str(ROOT), "grade", "00", str(subs), "--out", str(out), "--no-sandbox"]
    assert main(base + ["--deadline", "2026-12-20T23:59"]) == 2
    assert "time zone" in capsys.readouterr().err and not (out / "gradebook.csv").exists()
    assert main(base + ["--deadline", "2026-12-20T23:59+08:00", "--late", "25%/day"]) == 0
    assert "late (2 d, -50%)" in capsys.readouterr().out
    rows = gradebook.read_rows(out)
    assert {(r["student"], r["days_late"], r["penalty"]) for r in rows} == {("early", "0", "0"), ("late", "2", "0.5")}
    assert main(base + ["--student", "late"]) == 0                 # the deadline is remembered
    assert {r["penalty"] for r in gradebook.read_rows(out) if r["student"] == "late"} == {"0.5"}
    assert {r["student"] for r in history.previous_rows(out)} == {"late"}
    assert main(base + ["--student", "nobody"]) == 2 and "nobody" in capsys.readouterr().err
    wide = {row["student"]: row for row in csv.DictReader(io.StringIO(export_grades(out, MANIFEST, "wide").text))}
    quick = sum(e.points for e in MANIFEST.lesson("00").exercises if e.kind != "code")
    assert float(wide["early"]["total"]) == quick and float(wide["late"]["total"]) == quick * 0.5
    assert "50% off" in (out / "feedback" / "late.html").read_text(encoding="utf-8")

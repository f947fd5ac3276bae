"""LMS exports of the gradebook: Canvas, Moodle and a wide sheet, with a roster."""

import csv
import io

import pytest

from cnnlab.tools.grading import gradebook
from cnnlab.tools.grading.export import ExportError, export_grades, read_roster
from tests.helpers import ROOT, course_manifest

MANIFEST = course_manifest()
CONV = MANIFEST.lesson("02")
POOL = MANIFEST.lesson("06")


def _rows(student, lesson, points_by_exercise):
    return [{"student": student, "lesson": lesson.stem, "exercise": e.id,
             "points": f"{points_by_exercise.get(e.id, 0):g}", "max_points": f"{e.points:g}",
             "status": "ok" if points_by_exercise.get(e.id) == e.points else "wrong",
             "kind": e.kind, "seconds": "1.00", "graded_at": "2026-11-29T10:00:00"}
            for e in lesson.exercises]


@pytest.fixture
def graded(tmp_path):
    """A gradebook: 王小明 all of 02 and half of 06, lee_a only 02 with one exercise, zhang_3 06 only."""
    full_02 = {e.id: e.points for e in CONV.exercises}
    first_06 = POOL.exercises[0]
    rows = (_rows("wang_xm", CONV, full_02) + _rows("wang_xm", POOL, {first_06.id: first_06.points})
            + _rows("lee_a", CONV, {CONV.exercises[0].id: CONV.exercises[0].points})
            + _rows("zhang_3", POOL, {}))
    (tmp_path / gradebook.GRADEBOOK).write_text(gradebook.render_csv(rows), encoding="utf-8")
    return tmp_path


def _roster(tmp_path, lines):
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _table(text):
    return list(csv.reader(io.StringIO(text)))


ROSTER = ["student,name,id,sis_login_id,email,section",
          "wang_xm,王小明,007301,wxm,wxm@example.edu,A",
          "lee_a,\"Lee, Alice\",000412,alee,alee@example.edu,B",
          "zhang_3,张三,120045,zs,zs@example.edu,A",
          "absent_b,Bob Ng,009999,bng,bng@example.edu,B"]


def test_wide_sheet_has_a_column_per_exercise_and_lesson_and_a_total(graded):
    table = _table(export_grades(graded, MANIFEST, "wide").text)
    header, rows = table[0], {row[0]: dict(zip(table[0], row)) for row in table[1:]}
    assert header[:3] == ["student", "name", "id"] and header[-1] == "total"
    assert [f"02_convolution/{e.id}" for e in CONV.exercises] == header[3:3 + len(CONV.exercises)]
    assert "02_convolution" in header and "06_pooling" in header
    assert float(rows["wang_xm"]["02_convolution"]) == CONV.max_points
    assert float(rows["wang_xm"]["total"]) == CONV.max_points + POOL.exercises[0].points
    assert float(rows["lee_a"]["06_pooling"]) == 0          # no submission for 06: zero by default
    assert float(rows["zhang_3"]["total"]) == 0


def test_blank_for_missing_submissions_when_asked(graded):
    rows = {row[0]: row for row in _table(export_grades(graded, MANIFEST, "wide", missing="blank").text)[1:]}
    header = _table(export_grades(graded, MANIFEST, "wide", missing="blank").text)[0]
    lee = dict(zip(header, rows["lee_a"]))
    assert lee["06_pooling"] == "" and all(lee[f"06_pooling/{e.id}"] == "" for e in POOL.exercises)
    assert float(lee["02_convolution"]) == CONV.exercises[0].points   # graded exercises still count


def test_canvas_layout_follows_the_gradebook_import_format(graded, tmp_path):
    export = export_grades(graded, MANIFEST, "canvas", roster=read_roster(_roster(tmp_path, ROSTER)))
    table = _table(export.text)
    assert table[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert table[0][5:] == ["cnnlab 02 " + CONV.title["en"], "cnnlab 06 " + POOL.title["en"]]
    assert table[1][0] == "Points Possible" and table[1][5:] == [f"{CONV.max_points:g}", f"{POOL.max_points:g}"]
    students = {row[0]: row for row in table[2:]}
    assert students["王小明"][1] == "007301"                # leading zeros kept as text
    assert students["Lee, Alice"][1:5] == ["000412", "", "alee", "B"]
    assert students["Bob Ng"][5:] == ["0", "0"]              # in the roster, never submitted
    assert export.without_submission == ["absent_b"] and export.unmatched == []


def test_moodle_layout_has_identifier_columns_then_one_column_per_lesson(graded, tmp_path):
    export = export_grades(graded, MANIFEST, "moodle", roster=read_roster(_roster(tmp_path, ROSTER)),
                           missing="blank")
    table = _table(export.text)
    assert table[0] == ["ID number", "Email address", "Full name",
                        "cnnlab 02 " + CONV.title["en"], "cnnlab 06 " + POOL.title["en"]]
    rows = {row[2]: row for row in table[1:]}
    assert rows["张三"][:2] == ["120045", "zs@example.edu"] and rows["张三"][3:] == ["", "0"]
    assert rows["Bob Ng"][3:] == ["", ""]                     # blank, as asked


def test_a_graded_student_missing_from_the_roster_is_an_error_unless_allowed(graded, tmp_path):
    roster = read_roster(_roster(tmp_path, ROSTER[:2]))
    with pytest.raises(ExportError, match="lee_a, zhang_3.*--allow-unmatched"):
        export_grades(graded, MANIFEST, "canvas", roster=roster)
    export = export_grades(graded, MANIFEST, "canvas", roster=roster, allow_unmatched=True)
    assert export.unmatched == ["lee_a", "zhang_3"]


def test_duplicate_ids_and_bad_rosters_are_refused_by_name(tmp_path):
    with pytest.raises(ExportError, match="007301"):
        read_roster(_roster(tmp_path, [ROSTER[0], ROSTER[1], "li_si,李四,007301,ls,ls@example.edu,A"]))
    with pytest.raises(ExportError, match="wang_xm"):
        read_roster(_roster(tmp_path, [ROSTER[0], ROSTER[1], ROSTER[1]]))
    with pytest.raises(ExportError, match="student"):
        read_roster(_roster(tmp_path, ["name,id", "王小明,1"]))
    with pytest.raises(ExportError, match="not found"):
        read_roster(tmp_path / "nope.csv")


def test_bad_arguments_name_the_fix(graded, tmp_path):
    with pytest.raises(ExportError, match="wide, canvas, moodle"):
        export_grades(graded, MANIFEST, "blackboard")
    with pytest.raises(ExportError, match="zero or blank"):
        export_grades(graded, MANIFEST, "wide", missing="none")
    with pytest.raises(ExportError, match="cnnlab grade"):
        export_grades(tmp_path / "empty", MANIFEST, "wide")


def test_export_command_writes_the_file_and_lists_unmatched_students(graded, tmp_path, capsys):
    from cnnlab.tools.cli import main

    out = tmp_path / "canvas.csv"
    roster = _roster(tmp_path, ROSTER[:3])
    code = main(["--root", str(ROOT), "export", str(graded), "--format", "canvas", "--out", str(out),
                 "--roster", str(roster)])
    assert code == 2 and "zhang_3" in capsys.readouterr().err and not out.exists()
    code = main(["--root", str(ROOT), "export", str(graded), "--format", "canvas", "--out", str(out),
                 "--roster", str(roster), "--allow-unmatched"])
    assert code == 0
    assert _table(out.read_text(encoding="utf-8"))[0][0] == "Student"
    assert "zhang_3" in capsys.readouterr().err
    bad = main(["--root", str(ROOT), "export", str(graded), "--format", "nope", "--out", str(out)])
    assert bad == 2

"""Grades a learning-management system imports: ``cnnlab export OUT_DIR --format … --out FILE``.

Three layouts of the same numbers, all computed from ``OUT_DIR/gradebook.csv``
(one row per student × lesson × exercise) and the manifest (which lessons and
exercises exist, and their maximum points):

``wide``    one row per student: one column per exercise (``02_convolution/corr2d``),
            one per lesson (``02_convolution``) and ``total``.
``canvas``  Canvas's gradebook import CSV: ``Student, ID, SIS User ID, SIS Login ID,
            Section`` then one column per lesson (a new column becomes a new
            assignment in Canvas), with a ``Points Possible`` row under the header.
            (Canvas Instructor Guide: "How do I import grades in the Gradebook?")
``moodle``  Moodle's grade import CSV: an identifier column (``ID number`` and
            ``Email address``, mapped in Moodle's "Map from / Map to" step) then one
            column per lesson. (Moodle docs: "Grade import", CSV import.)

A roster (CSV with a ``student`` column holding the submission folder names and
any of ``name``, ``id``, ``sis_user_id``, ``sis_login_id``, ``email``, ``section``)
maps folders to LMS identifiers. Identifiers stay text, so ``007`` stays ``007``.
Bad input is never silent: a graded student missing from the roster is listed
in ``Export.unmatched``; a roster id used twice raises ``ExportError`` naming it;
a roster student with no submission gets 0 or a blank cell, as the instructor
chooses (``missing="zero"|"blank"``).
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from cnnlab.tools.grading import gradebook
from cnnlab.tools.grading.rosterfile import ExportError, decode_roster   # noqa: F401 (ExportError: part of this module's API)
from cnnlab.i18n import say

FORMATS = ("wide", "canvas", "moodle")
MISSING = ("zero", "blank")
ROSTER_FIELDS = ("student", "name", "id", "sis_user_id", "sis_login_id", "email", "section", "lang")


@dataclass
class Export:
    """What ``export_grades`` wrote: the CSV text and who could not be matched."""
    text: str
    students: list
    unmatched: list = field(default_factory=list)   # graded, but not in the roster
    without_submission: list = field(default_factory=list)   # in the roster, never graded


def read_roster(path, encoding=None):
    """Roster rows keyed by submission folder name; every value is kept as text."""
    path = Path(path)
    try:
        text = decode_roster(path.read_bytes(), path, encoding)
    except (FileNotFoundError, IsADirectoryError):
        raise ExportError(say(zh="找不到名单文件 {p}", en="roster file {p} not found", p=path)) from None
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    fields = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if "student" not in fields:
        raise ExportError(say(
            zh="名单 {p} 缺少 student 列（写学生提交文件夹的名字）；可用的列：{f}",
            en="roster {p} has no 'student' column (the submission folder names); columns it may have: {f}",
            p=path, f=", ".join(ROSTER_FIELDS)))
    reader.fieldnames = fields
    rows = [{name: (row.get(name) or "").strip() for name in ROSTER_FIELDS} for row in reader]
    roster = {}
    for row in rows:
        if not row["student"]:
            continue
        if row["student"] in roster:
            raise ExportError(say(zh="名单里学生 {s} 出现了两次：每个提交文件夹只写一行",
                                  en="student {s} appears twice in the roster: one row per submission folder",
                                  s=row["student"]))
        roster[row["student"]] = row
    _refuse_duplicate_ids(roster)
    return roster


def _refuse_duplicate_ids(roster):
    for column in ("id", "sis_user_id", "sis_login_id", "email"):
        seen = {}
        for student, row in roster.items():
            value = row[column]
            if value and value in seen:
                raise ExportError(say(
                    zh="名单的 {c} 列里 {v} 出现了两次（{a} 和 {b}）：每个学生的标识必须唯一",
                    en="roster column {c}: {v} is used twice ({a} and {b}); each student's id must be unique",
                    c=column, v=value, a=seen[value], b=student))
            seen[value] = student


def points_table(rows, manifest):
    """{student: {(lesson_stem, exercise_id): points}} from gradebook rows of known lessons."""
    known = {(lesson.stem, exercise.id) for lesson in manifest.lessons for exercise in lesson.exercises}
    table = {}
    for row in rows:
        key = (row["lesson"], row["exercise"])
        if key in known:
            table.setdefault(row["student"], {})[key] = gradebook.number(row["points"])
    return table


def _fmt(value):
    return "" if value is None else f"{value:g}"


def graded_lessons(rows, manifest):
    """The manifest's lessons that appear in the gradebook, in course order."""
    present = {row["lesson"] for row in rows}
    return [lesson for lesson in manifest.lessons if lesson.stem in present]


def late_table(rows):
    """``{(student, lesson_stem): {"submitted_at", "days_late", "penalty"}}`` from the gradebook's
    lateness columns (deadline.py), for lessons graded with a deadline."""
    late = {}
    for row in rows:
        if row.get("submitted_at"):
            late[(row["student"], row["lesson"])] = {"submitted_at": row["submitted_at"],
                                                     "days_late": row.get("days_late", ""),
                                                     "penalty": gradebook.number(row.get("penalty"))}
    return late


def lesson_points(points, lesson, missing, penalty=0.0):
    """A student's points for one lesson: the sum over its exercises times (1 - late penalty),
    or the missing value."""
    got = [points[(lesson.stem, e.id)] for e in lesson.exercises if (lesson.stem, e.id) in points]
    if not got:
        return 0.0 if missing == "zero" else None
    return round(sum(got) * (1 - min(1.0, max(0.0, penalty))), 4)


def assignment_name(lesson):
    """The LMS column of a lesson, e.g. ``cnnlab 02 The convolution operation``."""
    return f"cnnlab {lesson.number:02d} {lesson.title['en']}"


def export_grades(out_dir, manifest, fmt, roster=None, missing="zero", allow_unmatched=False):
    """The grades of ``out_dir`` as an ``Export`` in format ``fmt`` (see the module docstring).

    Points are the final ones (``overrides.final_rows``: hand-set grades applied, late penalty
    taken off each lesson). A graded student missing from the roster, a roster that matches
    nobody, or a Canvas/Moodle row without an identifier raises ExportError naming them,
    unless ``allow_unmatched``."""
    if fmt not in FORMATS:
        raise ExportError(say(zh="未知的导出格式 {f}：可用 {ok}", en="unknown export format {f!r}: use one of {ok}",
                              f=fmt, ok=", ".join(FORMATS)))
    if missing not in MISSING:
        raise ExportError(say(zh="--missing 只能是 zero 或 blank，收到 {m}",
                              en="--missing must be zero or blank, got {m!r}", m=missing))
    from cnnlab.tools.grading.overrides import OverrideError, final_rows
    try:
        rows = final_rows(out_dir)
    except OverrideError as err:
        raise ExportError(str(err)) from None
    if not rows:
        raise ExportError(say(zh="{d} 里没有成绩（gradebook.csv 不存在或为空）：先运行 cnnlab grade",
                              en="no grades in {d} (gradebook.csv is missing or empty): run cnnlab grade first",
                              d=out_dir))
    table = points_table(rows, manifest)
    lessons = graded_lessons(rows, manifest)
    graded = sorted(table)
    if roster is None:
        students, unmatched, absent = graded, [], []
        roster = {name: {"student": name} for name in graded}
    else:
        unmatched = [name for name in graded if name not in roster]
        absent = [name for name in roster if name not in table]
        students = list(roster)
        if unmatched and not allow_unmatched:
            raise ExportError(say(
                zh="这些已评分的学生不在名单里（名单的 student 列写提交文件夹的名字）：{s}；"
                   "改正名单，或加 --allow-unmatched 不导出他们",
                en="these graded students are not in the roster (its student column holds submission folder names): "
                   "{s}; fix the roster, or add --allow-unmatched to leave them out",
                s=", ".join(unmatched)))
    _refuse_rows_without_ids(fmt, students, roster, allow_unmatched)
    writer = {"wide": _wide, "canvas": _canvas, "moodle": _moodle}[fmt]
    text = writer(students, table, lessons, roster, missing, late_table(rows))
    return Export(text=text, students=students, unmatched=unmatched, without_submission=absent)


ID_COLUMNS = {"canvas": ("id", "sis_user_id", "sis_login_id"), "moodle": ("id", "email")}


def _refuse_rows_without_ids(fmt, students, roster, allow_unmatched):
    """An LMS matches rows by an identifier: a row without one would be dropped by the LMS."""
    columns = ID_COLUMNS.get(fmt)
    if not columns or allow_unmatched:
        return
    without = [name for name in students if not any(roster[name].get(c) for c in columns)]
    if without:
        raise ExportError(say(
            zh="{f} 按标识匹配学生，这些学生没有 {c}：{s}；用 --roster 给出（或加 --allow-unmatched）",
            en="{f} matches students by identifier, and these have no {c}: {s}; give them with --roster "
               "(or add --allow-unmatched)", f=fmt, c=" / ".join(columns), s=", ".join(without[:40])
            + (" …" if len(without) > 40 else "")))


def _csv(header, body):
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(header)
    out.writerows(body)
    return buffer.getvalue()


def _penalty(late, name, lesson):
    return (late.get((name, lesson.stem)) or {}).get("penalty", 0.0)


def _wide(students, table, lessons, roster, missing, late):
    timed = {stem for _, stem in late}
    header = ["student", "name", "id"]
    for lesson in lessons:
        header += [f"{lesson.stem}/{e.id}" for e in lesson.exercises] + [lesson.stem]
        if lesson.stem in timed:
            header += [f"{lesson.stem}/submitted_at", f"{lesson.stem}/days_late", f"{lesson.stem}/penalty"]
    header.append("total")
    body = []
    for name in students:
        points = table.get(name, {})
        row = [name, roster[name].get("name", ""), roster[name].get("id", "")]
        total = None
        for lesson in lessons:
            for exercise in lesson.exercises:
                value = points.get((lesson.stem, exercise.id))
                row.append(_fmt(value if value is not None or missing == "blank" else 0.0))
            subtotal = lesson_points(points, lesson, missing, _penalty(late, name, lesson))
            row.append(_fmt(subtotal))
            if lesson.stem in timed:
                when = late.get((name, lesson.stem)) or {}
                row += [when.get("submitted_at", ""), when.get("days_late", ""),
                        _fmt(when["penalty"]) if when else ""]
            if subtotal is not None:
                total = (total or 0.0) + subtotal
        row.append(_fmt(total if total is not None or missing == "blank" else 0.0))
        body.append(row)
    return _csv(header, body)


def _canvas(students, table, lessons, roster, missing, late):
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + [assignment_name(l) for l in lessons]
    possible = ["Points Possible", "", "", "", ""] + [_fmt(lesson.max_points) for lesson in lessons]
    body = [possible]
    for name in students:
        who = roster[name]
        body.append([who.get("name") or name, who.get("id", ""), who.get("sis_user_id", ""),
                     who.get("sis_login_id", ""), who.get("section", "")]
                    + [_fmt(lesson_points(table.get(name, {}), lesson, missing, _penalty(late, name, lesson)))
                       for lesson in lessons])
    return _csv(header, body)


def _moodle(students, table, lessons, roster, missing, late):
    header = ["ID number", "Email address", "Full name"] + [assignment_name(l) for l in lessons]
    body = []
    for name in students:
        who = roster[name]
        body.append([who.get("id", ""), who.get("email", ""), who.get("name") or name]
                    + [_fmt(lesson_points(table.get(name, {}), lesson, missing, _penalty(late, name, lesson)))
                       for lesson in lessons])
    return _csv(header, body)


def encode_export(text, encoding="utf-8", bom=False):
    """The CSV as bytes: UTF-8 (with a BOM if asked: Excel then reads Chinese correctly) or any
    encoding that can hold every character (gb18030 for Excel on Chinese Windows)."""
    try:
        data = text.encode(encoding or "utf-8")
    except LookupError:
        raise ExportError(say(zh="未知的编码 {e}：试试 utf-8 或 gb18030", en="unknown encoding {e!r}: try utf-8 or gb18030",
                              e=encoding)) from None
    except UnicodeEncodeError as err:
        raise ExportError(say(zh="{e} 写不出 {c!r}：用 utf-8（加 --bom）", en="{e} cannot write {c!r}: use utf-8 (with --bom)",
                              e=encoding, c=err.object[err.start:err.end])) from None
    if bom and (encoding or "utf-8").lower().replace("_", "-") in ("utf-8", "utf8"):
        data = b"\xef\xbb\xbf" + data
    return data


def roster_with_lms_ids(roster, submissions_dir, out_dir):
    """``roster`` (or one made from the gradebook) with each student's Canvas user id filled in from
    ``collected.csv`` (``cnnlab collect``) where the roster gives none."""
    from cnnlab.tools.grading.collect import read_collected
    ids = {student: row["lms_id"] for (student, _), row in sorted(read_collected(submissions_dir).items())
           if row.get("lms_id") and row.get("source") == "canvas"}
    if roster is None:
        roster = {name: {field: "" for field in ROSTER_FIELDS} | {"student": name}
                  for name in sorted({row["student"] for row in gradebook.read_rows(out_dir)})}
    for name, row in roster.items():
        if not row.get("id") and name in ids:
            row["id"] = ids[name]
    return roster

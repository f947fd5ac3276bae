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
from cnnlab.i18n import say

FORMATS = ("wide", "canvas", "moodle")
MISSING = ("zero", "blank")
ROSTER_FIELDS = ("student", "name", "id", "sis_user_id", "sis_login_id", "email", "section", "lang")
ROSTER_ENCODINGS = ("utf-8-sig", "gb18030")   # Excel saves UTF-8 with a BOM, or GBK on Chinese Windows


class ExportError(ValueError):
    """A roster or an argument that cannot be exported (one line, names the fix)."""


@dataclass
class Export:
    """What ``export_grades`` wrote: the CSV text and who could not be matched."""
    text: str
    students: list
    unmatched: list = field(default_factory=list)   # graded, but not in the roster
    without_submission: list = field(default_factory=list)   # in the roster, never graded


def decode_roster(data, path, encoding=None):
    """The text of a roster file: ``encoding`` if given, else UTF-8 (with or without a BOM),
    else GB18030 (a superset of GBK, what Excel on Chinese Windows writes)."""
    for name in (encoding,) if encoding else ROSTER_ENCODINGS:
        try:
            return data.decode(name)
        except LookupError:
            raise ExportError(say(zh="未知的编码 {e}：试试 utf-8、gbk 或 gb18030", en="unknown encoding {e!r}: "
                                  "try utf-8, gbk or gb18030", e=name)) from None
        except UnicodeDecodeError as err:
            failure = err
    raise ExportError(say(zh="名单 {p} 无法按 {e} 解码（第 {b} 字节）：用 --encoding 指定它的编码",
                          en="roster {p} cannot be decoded as {e} (byte {b}): give its encoding with --encoding",
                          p=path, e=encoding or " / ".join(ROSTER_ENCODINGS), b=failure.start))


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


def lesson_points(points, lesson, missing):
    """A student's points for one lesson: the sum over its exercises, or the missing value."""
    got = [points[(lesson.stem, e.id)] for e in lesson.exercises if (lesson.stem, e.id) in points]
    if not got:
        return 0.0 if missing == "zero" else None
    return sum(got)


def assignment_name(lesson):
    """The LMS column of a lesson, e.g. ``cnnlab 02 The convolution operation``."""
    return f"cnnlab {lesson.number:02d} {lesson.title['en']}"


def export_grades(out_dir, manifest, fmt, roster=None, missing="zero"):
    """The grades of ``out_dir`` as an ``Export`` in format ``fmt`` (see the module docstring)."""
    if fmt not in FORMATS:
        raise ExportError(say(zh="未知的导出格式 {f}：可用 {ok}", en="unknown export format {f!r}: use one of {ok}",
                              f=fmt, ok=", ".join(FORMATS)))
    if missing not in MISSING:
        raise ExportError(say(zh="--missing 只能是 zero 或 blank，收到 {m}",
                              en="--missing must be zero or blank, got {m!r}", m=missing))
    rows = gradebook.read_rows(out_dir)
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
    writer = {"wide": _wide, "canvas": _canvas, "moodle": _moodle}[fmt]
    text = writer(students, table, lessons, roster, missing)
    return Export(text=text, students=students, unmatched=unmatched, without_submission=absent)


def _csv(header, body):
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(header)
    out.writerows(body)
    return buffer.getvalue()


def _wide(students, table, lessons, roster, missing):
    header = ["student", "name", "id"]
    for lesson in lessons:
        header += [f"{lesson.stem}/{e.id}" for e in lesson.exercises] + [lesson.stem]
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
            subtotal = lesson_points(points, lesson, missing)
            row.append(_fmt(subtotal))
            if subtotal is not None:
                total = (total or 0.0) + subtotal
        row.append(_fmt(total if total is not None or missing == "blank" else 0.0))
        body.append(row)
    return _csv(header, body)


def _canvas(students, table, lessons, roster, missing):
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + [assignment_name(l) for l in lessons]
    possible = ["Points Possible", "", "", "", ""] + [_fmt(lesson.max_points) for lesson in lessons]
    body = [possible]
    for name in students:
        who = roster[name]
        body.append([who.get("name") or name, who.get("id", ""), who.get("sis_user_id", ""),
                     who.get("sis_login_id", ""), who.get("section", "")]
                    + [_fmt(lesson_points(table.get(name, {}), lesson, missing)) for lesson in lessons])
    return _csv(header, body)


def _moodle(students, table, lessons, roster, missing):
    header = ["ID number", "Email address", "Full name"] + [assignment_name(l) for l in lessons]
    body = []
    for name in students:
        who = roster[name]
        body.append([who.get("id", ""), who.get("email", ""), who.get("name") or name]
                    + [_fmt(lesson_points(table.get(name, {}), lesson, missing)) for lesson in lessons])
    return _csv(header, body)

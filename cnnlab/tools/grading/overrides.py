"""Grades set by hand, and the final grade every view shows.

``OUT_DIR/overrides.csv`` (columns ``student, lesson, exercise, points, comment``) is the
instructor's word: it replaces the graded points of that exercise in the feedback, the
dashboard and every export, and a regrade never touches it (the grader writes
``gradebook.csv``, never this file). ``final_rows(out_dir)`` is the one place the
views read grades from::

    points   = the override's points if there is one, else the graded points
    lesson   = sum(points of its exercises) * (1 - penalty)        (deadline.py)

The graded value stays in ``graded_points``, the comment in ``override``.
A row that names no graded exercise, or points outside ``0 … max_points``, is an
error naming its line: a hand-set grade is never silently dropped.
"""

import csv
import io
from pathlib import Path

from cnnlab.i18n import say

OVERRIDES = "overrides.csv"
COLUMNS = ("student", "lesson", "exercise", "points", "comment")


class OverrideError(ValueError):
    """An overrides.csv row that cannot be applied (one line, names the row and the fix)."""


def read_overrides(out_dir):
    """``{(student, lesson, exercise): (points, comment, line)}`` from ``OUT_DIR/overrides.csv``."""
    from cnnlab.tools.grading.rosterfile import decode_roster
    path = Path(out_dir) / OVERRIDES
    if not path.is_file():
        return {}
    text = decode_roster(path.read_bytes(), path).lstrip("\ufeff")
    found = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue
        try:
            points = float(row.get("points", ""))
        except ValueError:
            raise OverrideError(say(zh="overrides.csv 第 {n} 行：points {p!r} 不是数字",
                                    en="overrides.csv line {n}: points {p!r} is not a number",
                                    n=line, p=row.get("points", ""))) from None
        key = (row.get("student", ""), _lesson_stem(row.get("lesson", "")), row.get("exercise", ""))
        found[key] = (points, row.get("comment", ""), line)
    return found


def _lesson_stem(text):
    """``02`` or ``2`` or ``02_convolution``: kept as written; matched against stems by ``same_lesson``."""
    return text.strip()


def same_lesson(written, stem):
    return written == stem or (written.isdigit() and stem[:2].isdigit() and int(written) == int(stem[:2]))


def apply(rows, overrides):
    """Copies of gradebook ``rows`` with ``overrides`` applied (see the module docstring)."""
    used, result = set(), []
    for row in rows:
        row = dict(row)
        for key, (points, comment, line) in overrides.items():
            student, lesson, exercise = key
            if student == row["student"] and exercise == row["exercise"] and same_lesson(lesson, row["lesson"]):
                top = _number(row["max_points"])
                if not 0 <= points <= top:
                    raise OverrideError(say(zh="overrides.csv 第 {n} 行：{s} 的 {e} 给了 {p:g} 分，应在 0 到 {m:g} 之间",
                                            en="overrides.csv line {n}: {p:g} points for {s}'s {e}, "
                                               "must be between 0 and {m:g}",
                                            n=line, s=student, e=exercise, p=points, m=top))
                row["graded_points"], row["points"], row["override"] = row["points"], f"{points:g}", comment or "—"
                used.add(key)
        result.append(row)
    unused = [(line, key) for key, (_, _, line) in overrides.items() if key not in used]
    if unused:
        raise OverrideError(say(
            zh="overrides.csv 里这些行没有对应的已评分练习（先评分，或改正学生/课/练习）：{x}",
            en="overrides.csv rows with no graded exercise to set (grade first, or fix student/lesson/exercise): {x}",
            x="; ".join(f"{line}: {'/'.join(key)}" for line, key in sorted(unused))))
    return result


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def final_rows(out_dir):
    """The gradebook rows of ``out_dir`` as every view shows them: overrides applied."""
    from cnnlab.tools.grading import gradebook
    return apply(gradebook.read_rows(out_dir), read_overrides(out_dir))


def penalised(points, row):
    """``points`` less the row's late penalty (``deadline.py``): points * (1 - penalty)."""
    return points * (1 - min(1.0, max(0.0, _number(row.get("penalty")))))

"""Deadlines, late work and extensions: ``cnnlab grade … --deadline … --late … --extensions CSV``.

A deadline is a moment with its time zone (``2026-12-20T23:59+08:00``); a late policy
is ``"10%/day"``, ``"10%/day, max 3"`` (at most 3 days counted: at most 30 %) or
``"10%/day, zero after 5"`` (later than 5 days earns nothing). A day late is any
started day::

    days_late = ceil((submitted_at - deadline) / 24 h)      (0 when on time)
    penalty   = min(1, per_day * min(days_late, max_days))   (1 past ``zero after``)
    points    = graded points * (1 - penalty)                (export, feedback)

``extensions.csv`` moves one student's deadline: columns ``student``, ``lesson``
(blank: every lesson), and ``days`` (more days) or ``until`` (a new deadline).
``submitted_at`` comes from ``SUBMISSIONS_DIR/collected.csv`` (``cnnlab collect``);
a student without one is never counted late, and is listed. The lesson's deadline
and policy are kept in ``OUT_DIR/deadlines.json``, so a later ``cnnlab grade``
without the options (``--student``, a regrade) keeps them.
"""

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cnnlab.files import write_atomically
from cnnlab.i18n import say

DEADLINES = "deadlines.json"
LATE_COLUMNS = ("submitted_at", "days_late", "penalty")
_POLICY = re.compile(r"^\s*(?P<pct>\d+(?:\.\d+)?)\s*%\s*/\s*day"
                     r"(?:\s*,\s*max\s+(?P<max>\d+))?(?:\s*,\s*zero\s+after\s+(?P<zero>\d+))?\s*$", re.IGNORECASE)


class DeadlineError(ValueError):
    """A deadline, policy or extensions file that cannot be used (one line, names the fix)."""


@dataclass(frozen=True)
class LatePolicy:
    per_day: float = 0.0
    max_days: int = 0          # 0: no cap
    zero_after: int = 0        # 0: never zero

    def penalty(self, days_late):
        """The share of the points taken away for ``days_late`` started days."""
        if days_late <= 0:
            return 0.0
        if self.zero_after and days_late > self.zero_after:
            return 1.0
        counted = min(days_late, self.max_days) if self.max_days else days_late
        return min(1.0, round(self.per_day * counted, 6))


def parse_deadline(text, what="--deadline"):
    """An aware datetime from ISO text that names its time zone (``Z`` or ``+08:00``)."""
    try:
        when = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise DeadlineError(say(
            zh="{w} {t!r} 不是带时区的时间：写成 2026-12-20T23:59+08:00 这样",
            en="{w} {t!r} is not a time with its time zone: write it like 2026-12-20T23:59+08:00",
            w=what, t=text))
    return when


def parse_policy(text):
    """A LatePolicy from ``"10%/day"``, ``"10%/day, max 3"``, ``"10%/day, zero after 5"``."""
    match = _POLICY.match(str(text or ""))
    if not match:
        raise DeadlineError(say(zh="--late {t!r} 看不懂：写成 \"10%/day\"、\"10%/day, max 3\" 或 \"10%/day, zero after 5\"",
                                en="--late {t!r} is not a policy: write \"10%/day\", \"10%/day, max 3\" "
                                   "or \"10%/day, zero after 5\"", t=text))
    return LatePolicy(per_day=float(match["pct"]) / 100, max_days=int(match["max"] or 0),
                      zero_after=int(match["zero"] or 0))


def read_extensions(path, lesson_stem, deadline):
    """``{student: deadline}`` for the lesson, from an extensions CSV (see the module docstring)."""
    from cnnlab.tools.grading.rosterfile import decode_roster
    path = Path(path)
    try:
        text = decode_roster(path.read_bytes(), path)
    except FileNotFoundError:
        raise DeadlineError(say(zh="找不到延期文件 {p}", en="extensions file {p} not found", p=path)) from None
    moved = {}
    for number, row in enumerate(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))), start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        if not row.get("student") or row.get("lesson") not in ("", None, lesson_stem, lesson_stem[:2]):
            continue
        if row.get("until"):
            moved[row["student"]] = parse_deadline(row["until"], what=f"{path.name}:{number} until")
        elif re.fullmatch(r"\d+(\.\d+)?", row.get("days", "")):
            moved[row["student"]] = deadline + timedelta(days=float(row["days"]))
        else:
            raise DeadlineError(say(zh="{p} 第 {n} 行：给出 days（延长几天）或 until（新的截止时间）",
                                    en="{p} line {n}: give days (how many more days) or until (the new deadline)",
                                    p=path.name, n=number))
    return moved


def days_late(submitted_at, deadline):
    """Started days between the deadline and the hand-in (0 when on time)."""
    late = (submitted_at - deadline).total_seconds()
    return math.ceil(late / 86400) if late > 0 else 0


def configure(out_dir, lesson, *, deadline=None, late=None, extensions=None, reveal=None):
    """Store the lesson's deadline (text), policy (text), extensions (CSV path) and reveal choice in
    ``OUT_DIR/deadlines.json``, keeping what was stored for anything not given; checks them all."""
    stored = load_all(out_dir)
    entry = dict(stored.get(lesson.stem) or {})
    if deadline is not None:
        entry["deadline"] = parse_deadline(deadline).isoformat()
    if late is not None:
        parse_policy(late)
        entry["late"] = late
    if (late is not None or extensions is not None) and "deadline" not in entry:
        raise DeadlineError(say(zh="--late 和 --extensions 需要 --deadline", en="--late and --extensions need --deadline"))
    if extensions is not None:
        moved = read_extensions(extensions, lesson.stem, parse_deadline(entry["deadline"]))
        entry["extensions"] = {student: when.isoformat() for student, when in moved.items()}
    if reveal is not None:
        entry["reveal"] = reveal
    if entry:
        stored[lesson.stem] = entry
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        write_atomically(Path(out_dir) / DEADLINES, json.dumps(stored, indent=1, sort_keys=True, ensure_ascii=False))
    return entry


def load_all(out_dir):
    """Everything ``configure`` stored: ``{lesson_stem: {deadline, late, extensions, reveal, students}}``."""
    try:
        data = json.loads((Path(out_dir) / DEADLINES).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (FileNotFoundError, ValueError):
        return {}


def record_lateness(out_dir, lesson_stem, collected):
    """Compute each hand-in's lateness under the stored deadline and store it (``students``);
    returns ``(table, unknown)``: ``{student: {submitted_at, days_late, penalty}}`` and the
    students of ``collected`` without a time. ``collected``: ``collect.read_collected``."""
    stored = load_all(out_dir)
    entry = stored.get(lesson_stem)
    if not entry or "deadline" not in entry:
        return {}, []
    due, policy = parse_deadline(entry["deadline"]), parse_policy(entry.get("late") or "0%/day")
    extensions = {s: parse_deadline(t) for s, t in (entry.get("extensions") or {}).items()}
    table, unknown = {}, []
    for (student, lesson), row in sorted(collected.items()):
        if lesson != lesson_stem:
            continue
        try:
            submitted = parse_deadline(row.get("submitted_at", ""), what="collected.csv submitted_at")
        except DeadlineError:
            unknown.append(student)
            continue
        late = days_late(submitted, extensions.get(student, due))
        table[student] = {"submitted_at": row["submitted_at"], "days_late": str(late),
                          "penalty": f"{policy.penalty(late):g}"}
    entry["students"] = table
    write_atomically(Path(out_dir) / DEADLINES, json.dumps(stored, indent=1, sort_keys=True, ensure_ascii=False))
    return table, unknown


def before_deadline(out_dir, lesson_stem, now=None):
    """True while the lesson's stored deadline has not passed (False without one)."""
    due = (load_all(out_dir).get(lesson_stem) or {}).get("deadline")
    now = now or datetime.now(timezone.utc)
    return bool(due) and now < parse_deadline(due)


def stamp_gradebook(out_dir, lesson_stem, table):
    """Write ``table`` (``record_lateness``) into the lesson's gradebook rows; returns how many changed."""
    from cnnlab.tools.grading import gradebook
    with gradebook.locked(out_dir):
        rows = gradebook.read_rows(out_dir)
        changed = 0
        for row in rows:
            if row["lesson"] == lesson_stem:
                new = table.get(row["student"], dict.fromkeys(LATE_COLUMNS, ""))
                changed += any(row.get(c, "") != new[c] for c in LATE_COLUMNS)
                row.update(new)
        write_atomically(Path(out_dir) / gradebook.GRADEBOOK, gradebook.render_csv(rows))
    return changed

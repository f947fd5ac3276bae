"""The gradebook: one CSV row per student × lesson × exercise, merged and written atomically.

``OUT_DIR/gradebook.csv`` columns: ``COLUMNS`` (the first six are the contract:
student, lesson, exercise, points, max_points, status; ``mistake`` names the typical
mistake a wrong quick-check answer makes, when the exercise declares it). ``merge`` reads the
existing file, replaces the rows of the (student, lesson, exercise) keys just
graded, keeps every other row in place, and writes a temporary file that
``os.replace`` moves over the old one, so a reader (or a crash) never sees half a
gradebook. An exclusive lock on ``OUT_DIR/.lock`` serialises two graders writing
the same folder. ``OUT_DIR/.hashes.json`` remembers each submission's digest.
"""

import csv
import io
import json
from pathlib import Path

from cnnlab.files import locked as _locked_file
from cnnlab.files import write_atomically

COLUMNS = ["student", "lesson", "exercise", "points", "max_points", "status", "kind", "seconds", "graded_at",
           "mistake", "submitted_at", "days_late", "penalty"]   # the last three: deadline.py
GRADEBOOK, HASHES = "gradebook.csv", ".hashes.json"


def _key(row):
    return row["student"], row["lesson"], row["exercise"]


def locked(out_dir):
    """Hold an exclusive lock on ``out_dir/.lock`` (between processes), as a ``with`` block."""
    return _locked_file(Path(out_dir) / ".lock")


def number(text):
    """A gradebook cell ("2", "1.5") as a float; 0.0 for an empty or unreadable cell."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return 0.0


def read_rows(out_dir):
    """The rows of ``out_dir/gradebook.csv``, [] if there is none."""
    path = Path(out_dir) / GRADEBOOK
    return read_csv(path) if path.is_file() else []


def read_csv(path):
    """The rows of the gradebook file ``path``: dicts with COLUMNS ("" where a cell is missing),
    leaving out rows without a student or an exercise."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [{column: row.get(column) or "" for column in COLUMNS} for row in csv.DictReader(handle)
                if row.get("student") and row.get("exercise")]


def render_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def merge_rows(old, new):
    """``old`` with each row of ``new`` replacing the row of the same key (or appended)."""
    fresh = {_key(row): row for row in new}
    merged = [fresh.pop(_key(row), row) for row in old]
    return merged + [row for row in new if _key(row) in fresh]


def merge(out_dir, new_rows):
    """Merge ``new_rows`` into the gradebook on disk (locked, atomic); returns all rows."""
    with locked(out_dir):
        rows = merge_rows(read_rows(out_dir), new_rows)
        write_atomically(Path(out_dir) / GRADEBOOK, render_csv(rows))
    return rows


def read_hashes(out_dir):
    try:
        data = json.loads((Path(out_dir) / HASHES).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (FileNotFoundError, ValueError):
        return {}


def remember_hash(out_dir, lesson_stem, student, digest):
    with locked(out_dir):
        hashes = read_hashes(out_dir)
        hashes.setdefault(lesson_stem, {})[student] = digest
        write_atomically(Path(out_dir) / HASHES, json.dumps(hashes, indent=1, sort_keys=True))


def rows_for(results, student, lesson_stem, graded_at):
    """Gradebook rows of one graded submission."""
    return [{"student": student, "lesson": lesson_stem, "exercise": r.exercise, "points": f"{r.points:g}",
             "max_points": f"{r.max_points:g}", "status": r.status, "kind": r.kind,
             "seconds": f"{r.seconds:.2f}", "graded_at": graded_at, "mistake": r.mistake} for r in results]

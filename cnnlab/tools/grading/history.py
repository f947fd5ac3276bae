"""No grade is lost without a trace: what a regrade replaces is kept.

Before a submission's new result is stored, ``keep_previous`` moves the old one:

    OUT_DIR/results/<lesson>/<student>.json  ->  OUT_DIR/history/<lesson>/<student>/<graded_at>.json
    its gradebook rows                       ->  appended to OUT_DIR/history.csv (with ``replaced_at``)

``previous_results(out_dir, lesson, student)`` lists the kept results, oldest first.
"""

import csv
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from cnnlab.files import locked, write_atomically

HISTORY_CSV = "history.csv"


def _safe(text):
    return re.sub(r"[^\w.-]", "_", str(text)) or "_"


def keep_previous(out_dir, lesson_stem, student, safe_name):
    """Move the stored result and copy the gradebook rows of (student, lesson) into the history."""
    from cnnlab.tools.grading import gradebook
    out_dir = Path(out_dir)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    stored = out_dir / "results" / lesson_stem / f"{safe_name}.json"
    if stored.is_file():
        try:
            graded_at = json.loads(stored.read_text(encoding="utf-8")).get("graded_at") or now
        except ValueError:
            graded_at = now
        folder = out_dir / "history" / lesson_stem / safe_name
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{_safe(graded_at)}.json"
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{_safe(graded_at)}-{number}.json"
        stored.replace(target)
    old = [row for row in gradebook.read_rows(out_dir) if row["student"] == student and row["lesson"] == lesson_stem]
    if old:
        _append(out_dir, [{**row, "replaced_at": now} for row in old])


def _append(out_dir, rows):
    from cnnlab.tools.grading.gradebook import COLUMNS
    columns = [*COLUMNS, "replaced_at"]
    path = Path(out_dir) / HISTORY_CSV
    with locked(Path(out_dir) / ".history.lock"):
        before = path.read_text(encoding="utf-8") if path.is_file() else ""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        if not before:
            writer.writeheader()
        writer.writerows(rows)
        write_atomically(path, before + buffer.getvalue())


def previous_rows(out_dir):
    """Every replaced gradebook row, oldest first."""
    path = Path(out_dir) / HISTORY_CSV
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def previous_results(out_dir, lesson_stem, safe_name):
    """The kept results of one student's lesson, oldest first."""
    folder = Path(out_dir) / "history" / lesson_stem / safe_name
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]

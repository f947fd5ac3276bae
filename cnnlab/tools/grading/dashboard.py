"""What the instructor dashboard (course/instructor/dashboard.ipynb) computes; no widgets here.

Each function takes gradebook rows (dicts, as ``gradebook.read_rows`` returns)
and returns plain data or an HTML string, so the notebook stays a thin view.
"""

import html
from pathlib import Path

from cnnlab.files import write_atomically
from cnnlab.tools.grading import gradebook
from cnnlab.tools.grading.gradebook import number
from cnnlab.tools.grading.status import status_word

FAILING = ("timeout", "error", "missing", "malformed")


def load(path):
    """Rows of a gradebook file, or of ``gradebook.csv`` inside a folder, with the hand-set grades of
    ``overrides.csv`` beside it applied (``overrides.final_rows``)."""
    from cnnlab.tools.grading import overrides
    path = Path(path)
    if path.is_dir():
        path = path / gradebook.GRADEBOOK
    return overrides.apply(gradebook.read_csv(path), overrides.read_overrides(path.parent))


def grid_shape(panels, max_columns=6):
    """``(rows, columns)`` for ``panels`` small plots, at most ``max_columns`` a row:
    ``rows = ceil(panels / columns)``, so the figure grows down, never past a screen's width."""
    columns = max(1, min(panels, max_columns))
    return -(-panels // columns), columns


def exercise_points(rows):
    """``{(lesson, exercise): ([points, ...], max_points)}`` in gradebook order."""
    found = {}
    for row in rows:
        values, top = found.get((row["lesson"], row["exercise"]), ([], 0.0))
        values.append(number(row["points"]))
        found[(row["lesson"], row["exercise"])] = (values, max(top, number(row["max_points"])))
    return found


def filter_rows(rows, name="", word="any"):
    return [row for row in rows if name.lower() in row["student"].lower()
            and (word in ("", "any") or status_word(row["status"]) == word)]


def student_table(rows):
    """One line per student × lesson: points, maximum, and a count of each status word."""
    table = {}
    for row in rows:
        entry = table.setdefault((row["student"], row["lesson"]), {"student": row["student"], "lesson": row["lesson"],
                                                                   "points": 0.0, "max_points": 0.0, "words": {}})
        entry["points"] += number(row["points"])
        entry["max_points"] += number(row["max_points"])
        word = status_word(row["status"])
        entry["words"][word] = entry["words"].get(word, 0) + 1
    for entry in table.values():
        entry["statuses"] = ", ".join(f"{w} ×{n}" for w, n in sorted(entry["words"].items()))
    return sorted(table.values(), key=lambda e: (e["lesson"], e["student"]))


def slowest(rows, n=5):
    """The ``n`` submissions (student × lesson) that took longest in all."""
    totals = {}
    for row in rows:
        key = (row["student"], row["lesson"])
        totals[key] = totals.get(key, 0.0) + number(row["seconds"])
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:n]
    return [{"student": s, "lesson": l, "seconds": f"{secs:.1f}"} for (s, l), secs in ranked]


def failing(rows):
    return [row for row in rows if status_word(row["status"]) in FAILING]


def table_html(rows, columns):
    if not rows:
        return "<p><i>none</i></p>"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(row.get(c, '')))}</td>" for c in columns) + "</tr>"
                   for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _fmt(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def export_rows(rows, path):
    """Write ``rows`` as a gradebook-shaped CSV at ``path`` (atomically); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, gradebook.render_csv(rows))
    return path


def similar_pairs(folder, n=3):
    """The ``n`` most alike pairs per lesson from the ``similarity*.json`` summaries that
    ``cnnlab similarity … --out OUT_DIR/similarity-NN.html`` wrote into ``folder`` (a report to
    read, never a grade): ``[{"lesson", "exercise", "a", "b", "score", "short"}]``; [] when none."""
    import json
    from cnnlab.tools.grading.similarity_render import REPORT_KIND
    folder = Path(folder)
    folder = folder if folder.is_dir() else folder.parent
    found = []
    for path in sorted(folder.glob("similarity*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or data.get("kind") != REPORT_KIND:
            continue
        for key, short in (("pairs", False), ("short_pairs", True)):
            found += [{**pair, "lesson": data.get("lesson", ""), "short": short}
                      for pair in data.get(key, [])[:n] if isinstance(pair, dict)]
    return found

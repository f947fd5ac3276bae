"""The lesson table of README.md and the student README: titles, minutes, computing time, exercises."""

import json

from cnnlab.i18n import LANGUAGES


def compute_minutes(manifest, lesson):
    """Minutes the stored full-mode run of a lesson took (the slower language), or None.

    ``cnnlab execute --full`` and ``benchmarks/bench_lessons.py --store`` record the
    seconds in each solution's metadata; a student release has no solutions.
    """
    seconds = []
    for lang in LANGUAGES:
        path = lesson.path(manifest.root, "solutions", lang)
        # Plain JSON: a student release (no solutions, no pipeline) prints this table too.
        notebook = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        record = notebook.get("metadata", {}).get("cnnlab", {})
        if record.get("mode") == "full" and record.get("seconds"):
            seconds.append(record["seconds"])
    return max(seconds) / 60 if seconds else None


def _minutes_text(minutes):
    """A table cell for a number of minutes: '–' when unknown, '< 0.1' when almost none."""
    if minutes is None:
        return "–"
    return "< 0.1" if minutes < 0.05 else f"{minutes:.1f}"


def lessons_markdown(manifest):
    """The lesson table of README.md, made from the manifest and the stored full-mode runs."""
    rows = ["| # | 中文 | English | minutes | of which computing (full mode) | exercises (points) |",
            "|---|---|---|---|---|---|"]
    for lesson in manifest.lessons:
        compute = compute_minutes(manifest, lesson)
        rows.append(f"| {lesson.number:02d} | {lesson.title['zh']} | {lesson.title['en']} | {lesson.minutes} "
                    f"| {_minutes_text(compute)} "
                    f"| {len(lesson.exercises)} ({lesson.max_points:g}) |")
    return "\n".join(rows)

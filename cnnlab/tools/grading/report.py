"""The summary printed at the end of ``cnnlab grade``: compute from rows, then render.

``summarize(rows, lesson)`` turns gradebook rows into plain numbers (per
exercise: mean points and a count per status word); ``render_text`` lays them
out with the course's one text-table helper. Neither runs anything or touches a file.
"""

from cnnlab.i18n import say
from cnnlab.text import table
from cnnlab.tools.grading.gradebook import number
from cnnlab.tools.grading.status import STATUS_WORDS, status_word
from cnnlab.tools.grading.status_messages import WORDS


def summarize(rows, lesson):
    """Per-exercise and per-student numbers for ``lesson`` from gradebook rows."""
    rows = [row for row in rows if row["lesson"] == lesson.stem]
    exercises = []
    for exercise in lesson.exercises:
        mine = [row for row in rows if row["exercise"] == exercise.id]
        counts = {word: 0 for word in STATUS_WORDS}
        for row in mine:
            counts[status_word(row["status"])] = counts.get(status_word(row["status"]), 0) + 1
        mean = sum(number(row["points"]) for row in mine) / len(mine) if mine else 0.0
        exercises.append({"exercise": exercise.id, "kind": exercise.kind, "max_points": exercise.points,
                          "mean": mean, "counts": counts, "n": len(mine)})
    students = {}
    for row in rows:
        entry = students.setdefault(row["student"], {"points": 0.0, "seconds": 0.0})
        entry["points"] += number(row["points"])
        entry["seconds"] += number(row["seconds"])
    return {"lesson": lesson.stem, "max_points": lesson.max_points, "exercises": exercises,
            "students": students}


def render_text(summary, graded=0, skipped=0, seconds=0.0, slowest=()):
    """The summary as a text table (:func:`cnnlab.text.table`) plus one line of totals."""
    words = list(STATUS_WORDS)
    rows = [[ex["exercise"], ex["kind"], f"{ex['max_points']:g}", f"{ex['mean']:.2f}",
             *(ex["counts"].get(word, 0) for word in words)] for ex in summary["exercises"]]
    header = [say(zh="练习", en="exercise"), say(zh="类型", en="kind"), say(zh="满分", en="max"),
              say(zh="平均", en="mean"), *(say(zh=WORDS[word][0], en=word) for word in words)]
    head, bar, *body = table(header, rows, right=range(2, 4 + len(words)))
    lines = [f"cnnlab grade · {summary['lesson']}", head, bar, *body, bar]
    totals = [entry["points"] for entry in summary["students"].values()]
    mean_total = sum(totals) / len(totals) if totals else 0.0
    lines.append(say(zh="成绩册里有 {n} 名学生，平均 {mean:.2f} / {max:g} · 本次：评了 {graded} 份，"
                        "{skipped} 份没有改动（跳过），用时 {t:.1f} 秒",
                     en="{n} student(s) in the gradebook, mean {mean:.2f} / {max:g} · "
                        "this run: {graded} graded, {skipped} unchanged (skipped), {t:.1f} s",
                     n=len(totals), mean=mean_total, max=summary["max_points"], graded=graded, skipped=skipped,
                     t=seconds))
    if slowest:
        lines.append(say(zh="最慢：", en="slowest: ")
                     + say(zh="、", en=", ").join(f"{name} {secs:.1f} s" for name, secs in slowest))
    return "\n".join(lines)

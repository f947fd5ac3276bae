"""The class at a glance for the instructor dashboard: grid, most-missed exercises, named mistakes.

A students × lessons grid, the exercises most students miss, and which named
mistakes a class makes.

Pure functions of gradebook rows (``gradebook.read_rows``); the dashboard notebook
only displays what they return. A row's status word (``status.status_word``) says
why it earned what it earned: ``ok``, ``wrong``, ``unanswered``, or a failure
(``timeout``, ``error``, ``forbidden`` …).
"""

import html

from cnnlab.tools.grading.gradebook import number
from cnnlab.tools.grading.status import status_word
from cnnlab.i18n import say

NOT_FAILING = ("ok", "wrong", "unanswered")


def class_grid(rows):
    """``{student: {lesson: cell}}``, a cell being ``{"points", "max_points", "unanswered", "failing"}``:
    the lesson's points, its maximum, and how many exercises were left unanswered or failed to run."""
    grid = {}
    for row in rows:
        cell = grid.setdefault(row["student"], {}).setdefault(
            row["lesson"], {"points": 0.0, "max_points": 0.0, "unanswered": 0, "failing": 0})
        cell["points"] += number(row["points"])
        cell["max_points"] += number(row["max_points"])
        word = status_word(row["status"])
        cell["unanswered"] += word == "unanswered"
        cell["failing"] += word not in NOT_FAILING
    return grid


def most_missed(rows, n=5):
    """The ``n`` exercises the largest share of students did not get full points on:
    ``[{"lesson", "exercise", "missed", "students", "share"}]``, worst first."""
    tally = {}
    for row in rows:
        entry = tally.setdefault((row["lesson"], row["exercise"]), [0, 0])
        entry[0] += number(row["points"]) < number(row["max_points"])
        entry[1] += 1
    ranked = sorted(tally.items(), key=lambda item: (-item[1][0] / item[1][1], item[0]))
    return [{"lesson": lesson, "exercise": exercise, "missed": missed, "students": total,
             "share": missed / total} for (lesson, exercise), (missed, total) in ranked[:n] if missed]


def mistake_shares(rows):
    """``{(lesson, exercise): [(mistake, count, share), ...]}``: for each exercise, each named
    mistake (the ``mistake`` column) with the number and share of students who made it."""
    students, counts = {}, {}
    for row in rows:
        key = (row["lesson"], row["exercise"])
        students.setdefault(key, set()).add(row["student"])
        for mistake in row.get("mistake", "").split():     # a layers exercise: one per row, "row3:no_bias"
            counts.setdefault(key, {}).setdefault(mistake, set()).add(row["student"])
    return {key: sorted(((m, len(who), len(who) / len(students[key])) for m, who in found.items()),
                        key=lambda item: -item[1])
            for key, found in counts.items()}


def mistake_lines(rows):
    """One sentence per named mistake, e.g. "41 % forgot_bias in conv2_params (02_convolution)"."""
    lines = []
    for (lesson, exercise), found in sorted(mistake_shares(rows).items()):
        for mistake, count, share in found:
            lines.append(say(zh="{p:.0%} 的学生在 {e}（{l}）犯了 {m}（{c} 人）",
                             en="{p:.0%} {m} in {e} ({l}; {c} student(s))",
                             p=share, m=mistake, e=exercise, l=lesson, c=count))
    return lines


def grid_html(rows, lessons=None):
    """The grid as an HTML table: points/max per cell, ○ n unanswered, ⚠ n failing."""
    grid = class_grid(rows)
    lessons = lessons or sorted({row["lesson"] for row in rows})
    head = "".join(f"<th>{html.escape(lesson)}</th>" for lesson in lessons)
    body = []
    for student in sorted(grid):
        cells = []
        for lesson in lessons:
            cell = grid[student].get(lesson)
            if cell is None:
                cells.append('<td style="color:#6e7781">–</td>')
                continue
            full = cell["max_points"] and cell["points"] >= cell["max_points"]
            colour = "#1a7f37" if full else ("#cf222e" if cell["failing"] else "inherit")
            marks = (f" ○{cell['unanswered']}" if cell["unanswered"] else "") + \
                    (f" ⚠{cell['failing']}" if cell["failing"] else "")
            cells.append(f'<td style="color:{colour}">{cell["points"]:g}/{cell["max_points"]:g}{marks}</td>')
        body.append(f"<tr><td>{html.escape(student)}</td>{''.join(cells)}</tr>")
    legend = say(zh="○ 未作答的练习数，⚠ 运行失败（超时、出错、违规调用……）的练习数",
                 en="○ exercises left unanswered, ⚠ exercises that failed to run (timeout, error, forbidden call …)")
    return (f"<table><tr><th>{say(zh='学生', en='student')}</th>{head}</tr>{''.join(body)}</table>"
            f"<p><small>{legend}</small></p>")

"""A student's progress: which exercises of which lessons are answered, and which are right.

Read from the answers files the widgets write beside the notebooks
(``<stem>.answers.json``, see ``cnnlab.exercises.answers``): the latest record
of each exercise decides its state::

    correct      the last check was right (code: every public test passed, in a click or in
                 the latest run of the check cell)
    wrong        the last check was wrong, timed out or raised
    unanswered   never checked, or only input the widget rejected

``cnnlab.progress()`` in a notebook shows a table (a ✓/✗/○ per exercise and the
points of the right ones per lesson); ``cnnlab progress [FOLDER]`` prints the same
in a terminal. It reads the folder of the notebook and, when that folder is one
language folder of the course (``lessons/zh``), the other language's folder too,
so switching language mid-course loses nothing. These are the notebook's own
checks: the instructor's grade comes from the hidden tests and may differ.
"""

import html
import os
from dataclasses import dataclass
from pathlib import Path

from cnnlab.exercises.answers import AnswersFileError, answers_path, latest, load_answers
from cnnlab.i18n import LANGUAGES, say

MARKS = {"correct": "✓", "wrong": "✗", "unanswered": "○"}


@dataclass(frozen=True)
class ExerciseState:
    lesson: str
    exercise: str
    points: float
    state: str          # correct | wrong | unanswered
    tries: int


def answer_folders(folder=None):
    """The folder to read, plus its sibling language folder (``zh`` ↔ ``en``) if there is one;
    at the top of the course, ``lessons/zh`` and ``lessons/en``."""
    folder = Path(folder if folder is not None else os.getcwd()).resolve()
    if (folder / "lessons").is_dir():
        return [folder / "lessons" / lang for lang in LANGUAGES if (folder / "lessons" / lang).is_dir()]
    folders = [folder]
    if folder.name in LANGUAGES:
        folders += [folder.parent / lang for lang in LANGUAGES
                    if lang != folder.name and (folder.parent / lang).is_dir()]
    return folders


def _records(stem, folders):
    """All records of lesson ``stem`` from its answers files in ``folders``, oldest first."""
    records = []
    for folder in folders:
        try:
            records += load_answers(answers_path(stem, folder))["records"]
        except (FileNotFoundError, AnswersFileError):
            continue
    return sorted(records, key=lambda r: str(r.get("time", "")))


def exercise_state(records, exercise):
    """``correct``, ``wrong`` or ``unanswered`` from the latest record of ``exercise``."""
    last = latest({"records": records}, exercise)
    if last is not None and last.get("kind") == "layers":
        return _layers_state([r for r in records if r.get("exercise") == exercise])
    if last is None or last.get("status") in ("unanswered", "invalid"):
        return "unanswered"
    return "correct" if last.get("correct") or last.get("status") == "correct" else "wrong"


def _layers_state(records):
    """A layers exercise (one record per checked row): correct when every checked row's latest
    check is right and the answers were never revealed."""
    rows = {r.get("row"): r.get("status") for r in records if r.get("status") in ("correct", "wrong")}
    if any(r.get("status") == "revealed" for r in records):
        return "wrong"
    if not rows:
        return "unanswered"
    return "correct" if all(status == "correct" for status in rows.values()) else "wrong"


def lesson_progress(lesson, folders):
    """One ExerciseState per exercise of ``lesson``."""
    records = _records(lesson.stem, folders)
    return [ExerciseState(lesson=lesson.stem, exercise=e.id, points=e.points,
                          state=exercise_state(records, e.id),
                          tries=sum(1 for r in records if r.get("exercise") == e.id))
            for e in lesson.exercises]


class Progress:
    """The states of every exercise of the course; text in a terminal, a table in a notebook."""

    def __init__(self, manifest, states, lang):
        self.manifest, self.states, self.lang = manifest, states, lang

    def of_lesson(self, stem):
        return [s for s in self.states if s.lesson == stem]

    def points(self, stem):
        """(points of the exercises now right, points possible) of one lesson."""
        mine = self.of_lesson(stem)
        return sum(s.points for s in mine if s.state == "correct"), sum(s.points for s in mine)

    def counts(self):
        return {state: sum(1 for s in self.states if s.state == state) for state in MARKS}

    def _rows(self):
        for lesson in self.manifest.lessons:
            got, possible = self.points(lesson.stem)
            marks = " ".join(f"{MARKS[s.state]} {s.exercise}" for s in self.of_lesson(lesson.stem))
            yield lesson, got, possible, marks

    def __str__(self):
        counts = self.counts()
        lines = [say(zh="练习进度：✓ 正确 {c}，✗ 还不对 {w}，○ 未作答 {u}（这是笔记本里的自查，不是教师的评分）",
                     en="Progress: ✓ right {c}, ✗ not yet right {w}, ○ unanswered {u} "
                        "(the notebooks' own checks, not the instructor's grade)",
                     lang=self.lang, c=counts["correct"], w=counts["wrong"], u=counts["unanswered"])]
        for lesson, got, possible, marks in self._rows():
            lines.append(f"{lesson.number:02d} {lesson.title[self.lang]}  {got:g}/{possible:g}  {marks}")
        return "\n".join(lines)

    def __repr__(self):                                  # what a viewer without HTML shows
        return str(self)

    def _repr_html_(self):
        head = say(zh="<tr><th>课</th><th>得分</th><th>练习</th></tr>",
                   en="<tr><th>lesson</th><th>points</th><th>exercises</th></tr>", lang=self.lang)
        colour = {"correct": "#1a7f37", "wrong": "#cf222e", "unanswered": "#6e7781"}
        rows = []
        for lesson, got, possible, _ in self._rows():
            cells = " ".join(f'<span style="color:{colour[s.state]}">{MARKS[s.state]}&nbsp;{html.escape(s.exercise)}</span>'
                             for s in self.of_lesson(lesson.stem))
            rows.append(f"<tr><td>{lesson.number:02d} {html.escape(lesson.title[self.lang])}</td>"
                        f"<td>{got:g}/{possible:g}</td><td style='text-align:left'>{cells}</td></tr>")
        summary = html.escape(str(self).splitlines()[0])
        return f"<p>{summary}</p><table>{head}{''.join(rows)}</table>"


def progress(folder=None, manifest=None, lang=None):
    """The Progress of the answers files in ``folder`` (default: the notebook's folder)."""
    from cnnlab.manifest import load_manifest
    from cnnlab.i18n import get_language
    folders = answer_folders(folder)
    manifest = manifest or load_manifest()
    states = [state for lesson in manifest.lessons for state in lesson_progress(lesson, folders)]
    return Progress(manifest, states, lang or get_language())

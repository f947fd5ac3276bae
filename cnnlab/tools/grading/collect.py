"""``cnnlab collect SOURCE OUT_DIR --lesson NN``: hand-ins from an LMS or a hub, as the grader reads them.

Writes ``OUT_DIR/<student>/NN_slug.ipynb`` (and ``NN_slug.answers.json`` when the
student handed one in) and one row per student and lesson in ``OUT_DIR/collected.csv``
(``COLUMNS``: when it was handed in, where it came from, the LMS's id for the
student). ``SOURCE`` is one of (``detect`` tells them apart):

``canvas``   Canvas's "Download Submissions" zip (or its unpacked folder): files named
             ``name_userid_submissionid_file`` or ``name_LATE_userid_submissionid_file``;
             a resubmission renamed by Canvas ends in ``-1``, ``-2``.
``moodle``   Moodle's "Download all submissions" zip or folder: one folder per student,
             ``Full Name_12345_assignsubmission_file_`` (12345 is the participant id).
``hub``      a folder of JupyterHub / TLJH home folders, ``HOMES/<user>/…``: the lesson's
             notebook wherever the student keeps it, ``-Copy1`` copies included.
``handins``  a folder of loose files, one per student: ``<student>.ipynb`` or
             ``<student>_NN_slug.ipynb``.

When a student has several candidates the newest wins (for an LMS: the highest
resubmission number, then the newest time) and the others are reported as
ambiguous. Everything in SOURCE is hostile input: nothing is extracted, every
output path is made by this module (``student_folder``), links are not followed,
and each file and the whole read are capped (``MAX_FILE_BYTES``, ``MAX_TOTAL_BYTES``,
``MAX_ENTRIES``), checking the bytes actually read, not what a zip header claims.
Finding and reading the files of a source is ``handins``'s work; this module chooses
each student's newest hand-in and writes the collected folder.
"""

import csv
import io
import json
import os
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path

from cnnlab.exercises.answers import SUFFIX as ANSWERS_SUFFIX
from cnnlab.files import locked, write_atomically
from cnnlab.i18n import say
from cnnlab.tools.grading.handins import (  # noqa: F401  (CollectError, clean_name, shown, SOURCES: importable here too)
    COLLECTED, SOURCES, Budget, Candidate, CollectError, clean_name, detect, lesson_candidates, open_source,
    people_in, shown, student_folder)

COLUMNS = ["student", "lesson", "submitted_at", "source", "origin", "lms_id", "lms_key", "lms_late"]
MAX_FILE_BYTES = 20 * 2**20
MAX_TOTAL_BYTES = 2 * 2**30
MAX_ENTRIES = 50_000


@dataclass
class Collection:
    source: str
    collected: dict = field(default_factory=dict)    # student -> row of collected.csv
    ambiguous: list = field(default_factory=list)    # one line per student with several candidates
    missing: list = field(default_factory=list)      # students (home folders, roster) without a notebook
    refused: list = field(default_factory=list)      # files not read (too large, a link, a bad name)


def _stamp(when):
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _newest(candidates):
    return max(candidates, key=lambda c: (c.attempt, c.when, c.origin))


def _choose(student, candidates, collection):
    """The student's notebook and answers (newest wins); records the ambiguity when there were several."""
    notebooks = [c for c in candidates if c.role == "notebook"]
    if not notebooks:
        return None, None
    notebook = _newest(notebooks)
    if len(notebooks) > 1:
        collection.ambiguous.append(say(
            zh="{s}：{n} 个笔记本，用了最新的 {p}（其余：{o}）", en="{s}: {n} notebooks, took the newest {p} (others: {o})",
            s=student, n=len(notebooks), p=notebook.origin,
            o=", ".join(c.origin for c in notebooks if c is not notebook)[:300]))
    answers = [c for c in candidates if c.role == "answers"]
    same_place = [c for c in answers if os.path.dirname(c.origin) == os.path.dirname(notebook.origin)
                  and c.attempt == notebook.attempt]
    chosen = _newest(same_place or answers) if answers else None
    if chosen is not None and notebook.lms_id == "" and len(answers) > 1:
        chosen = _merged_answers(answers, chosen)       # a hub: the zh and the en folder both count
    return notebook, chosen


def _merged_answers(answers, fallback):
    """One answers candidate holding the records of every readable answers file, oldest first
    (a student who switched language mid-lesson answered in two folders, as ``cnnlab progress``
    reads them); ``fallback`` when any of them is not a well-formed answers file."""
    from cnnlab.exercises.answers import FORMAT

    def read():
        merged, lesson = [], None
        for candidate in answers:
            try:
                data = json.loads(candidate.read())
            except (OSError, ValueError):
                return fallback.read()
            if not isinstance(data, dict) or data.get("format") != FORMAT or lesson not in (None, data.get("lesson")):
                return fallback.read()
            records = data.get("records")
            if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
                return fallback.read()
            lesson = data.get("lesson")
            merged += records
        merged.sort(key=lambda r: str(r.get("time", "")))
        return json.dumps({"format": FORMAT, "lesson": lesson, "records": merged}, ensure_ascii=False).encode()
    return Candidate(student=fallback.student, role="answers", origin=fallback.origin, when=fallback.when, read=read)


def _write(out_dir, lesson, student, notebook, answers, collection):
    folder = Path(out_dir) / student
    try:
        notebook_bytes = notebook.read()
        answers_bytes = answers.read() if answers else None
    except OSError as err:
        collection.refused.append(say(zh="{p}：{e}，没有读取", en="{p}: {e}, not read", p=notebook.origin, e=err))
        return False
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lesson.stem}.ipynb").write_bytes(notebook_bytes)
    answers_path = folder / f"{lesson.stem}{ANSWERS_SUFFIX}"
    if answers_bytes is not None:
        answers_path.write_bytes(answers_bytes)
    elif answers_path.exists():
        answers_path.unlink()           # an older collection's answers must not travel with a new notebook
    return True


def collect(source, out_dir, lesson, *, kind=None, roster=()):
    """Copy the lesson's hand-ins from ``source`` into ``out_dir``; returns a Collection (see module doc)."""
    budget, refused = Budget(MAX_FILE_BYTES, MAX_TOTAL_BYTES, MAX_ENTRIES), []
    entries, is_zip, archive = open_source(source, budget, refused)
    try:
        kind = kind or detect([parts for parts, _, _ in entries], is_zip)
        collection = Collection(source=kind, refused=refused)
        by_student = {}
        for candidate in lesson_candidates(kind, entries, lesson):
            if candidate.student:
                by_student.setdefault(candidate.student, []).append(candidate)
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for student in sorted(by_student):
            notebook, answers = _choose(student, by_student[student], collection)
            if notebook is None:
                collection.missing.append(student)
            elif _write(out_dir, lesson, student, notebook, answers, collection):
                collection.collected[student] = {
                    "student": student, "lesson": lesson.stem, "submitted_at": _stamp(notebook.when),
                    "source": kind, "origin": notebook.origin[:300], "lms_id": notebook.lms_id,
                    "lms_key": notebook.lms_key, "lms_late": "1" if notebook.lms_late else ""}
        people = people_in(kind, entries)
        if kind == "hub":       # a home folder with nothing readable in it is someone missing too
            people |= {student_folder(home.name) for home in Path(source).iterdir()
                       if home.is_dir() and not home.is_symlink() and not home.name.startswith(".")} - {""}
        collection.missing += sorted(people - set(collection.collected) - set(collection.missing))
        collection.missing = sorted(set(collection.missing) | (set(roster) - set(collection.collected)))
    finally:
        if archive is not None:
            archive.close()
    record(out_dir, collection.collected.values())
    return collection


def read_collected(folder):
    """``{(student, lesson): row}`` from ``folder/collected.csv`` ({} without one)."""
    path = Path(folder) / COLLECTED
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {(row.get("student", ""), row.get("lesson", "")): {c: row.get(c) or "" for c in COLUMNS}
                for row in csv.DictReader(handle) if row.get("student")}


def record(out_dir, rows):
    """Merge ``rows`` into ``out_dir/collected.csv`` (one row per student and lesson)."""
    with locked(Path(out_dir) / ".collect.lock"):
        table = read_collected(out_dir)
        table.update({(row["student"], row["lesson"]): row for row in rows})
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table[key] for key in sorted(table))
        write_atomically(Path(out_dir) / COLLECTED, buffer.getvalue())


def report(collection, lesson):
    """What ``cnnlab collect`` prints: found, ambiguous, missing, refused."""
    lines = [say(zh="从 {k} 来源收取 {stem}：{n} 名学生", en="collected {stem} from a {k} source: {n} student(s)",
                 k=collection.source, stem=lesson.stem, n=len(collection.collected))]
    late = [s for s, row in collection.collected.items() if row["lms_late"]]
    if late:
        lines.append(say(zh="  LMS 标为迟交：{s}", en="  marked late by the LMS: {s}", s=", ".join(late)))
    for title, items in ((say(zh="有歧义（已选最新的）", en="ambiguous (took the newest)"), collection.ambiguous),
                         (say(zh="缺少这一课的笔记本", en="missing the lesson's notebook"), collection.missing),
                         (say(zh="没有读取", en="not read"), collection.refused)):
        if items:
            lines.append(f"  {title}: {len(items)}")
            lines += [f"    {item}" for item in items]
    return "\n".join(lines)

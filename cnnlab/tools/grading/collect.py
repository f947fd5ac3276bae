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
"""

import csv
import io
import json
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cnnlab.exercises.answers import SUFFIX as ANSWERS_SUFFIX
from cnnlab.files import locked, write_atomically
from cnnlab.i18n import say

COLLECTED = "collected.csv"
SOURCES = ("canvas", "moodle", "hub", "handins")
COLUMNS = ["student", "lesson", "submitted_at", "source", "origin", "lms_id", "lms_key", "lms_late"]
MAX_FILE_BYTES = 20 * 2**20
MAX_TOTAL_BYTES = 2 * 2**30
MAX_ENTRIES = 50_000
SKIPPED_FOLDERS = (".ipynb_checkpoints", "__pycache__", ".git", ".local", ".cache", ".conda", "node_modules")

CANVAS_NAME = re.compile(r"^(?P<name>[^_/]+)_(?:(?P<late>LATE)_)?(?P<user>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
MOODLE_FOLDER = re.compile(r"^(?P<name>.+)_(?P<user>\d+)_assign(?:submission|feedback)_\w+_$")
COPY_MARK = re.compile(r"(?:-Copy(?P<copy>\d+)|-(?P<lms>\d+)| ?\((?P<browser>\d+)\))(?P<ext>\.[A-Za-z]+)$")


class CollectError(ValueError):
    """A source that cannot be collected from (one line, names the fix)."""


@dataclass
class Candidate:
    """One file that may be a student's hand-in of the lesson."""
    student: str
    role: str                 # "notebook" or "answers"
    origin: str               # where it was found, for the report
    when: datetime            # aware, UTC
    read: object              # () -> bytes (capped)
    attempt: int = 0          # Canvas resubmission number
    lms_id: str = ""
    lms_key: str = ""         # the LMS's own prefix, to name returned feedback files
    lms_late: bool = False


@dataclass
class Collection:
    source: str
    collected: dict = field(default_factory=dict)    # student -> row of collected.csv
    ambiguous: list = field(default_factory=list)    # one line per student with several candidates
    missing: list = field(default_factory=list)      # students (home folders, roster) without a notebook
    refused: list = field(default_factory=list)      # files not read (too large, a link, a bad name)


def student_folder(name):
    """A student's name from an LMS or a file name, as a safe folder name: no path, no dot or
    underscore first (``cnnlab grade`` skips those), never the name of this module's own file."""
    name = re.sub(r"[^\w.-]+", "_", str(name).strip()).strip("._")[:80]
    return name + "_" if name.lower() == COLLECTED else name


def shown(text, limit=200):
    """A name from the source as it may be printed or put in a spreadsheet: control characters
    (terminal escapes) become ``?``, and a leading ``= + - @`` (a spreadsheet formula) gets a ``'``."""
    text = "".join("?" if unicodedata.category(ch).startswith("C") else ch for ch in str(text))[:limit]
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _utc(timestamp):
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


def _stamp(when):
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_name(file_name, lms_numbers=True):
    """``(name, attempt)``: ``file_name`` without the copy mark a browser, Jupyter or an LMS added
    before the extension (``x (1).ipynb``, ``x-Copy1.ipynb``, Canvas's ``x-2.ipynb``,
    ``x.answers-1.json``); ``attempt`` is Canvas's resubmission number (0 for none).
    Without ``lms_numbers`` a ``-2`` stays (a student id such as ``s-12`` keeps its number)."""
    match = COPY_MARK.search(file_name)
    if not match or (match["lms"] and not lms_numbers):
        return file_name, 0
    return file_name[:match.start()] + match["ext"], int(match["lms"] or 0)


def lesson_file_role(file_name, lesson, any_notebook=False):
    """``"notebook"``, ``"answers"`` or None: is ``file_name`` (LMS prefix and copy mark removed)
    the lesson's file? With ``any_notebook`` every notebook and answers file is the lesson's
    (a drop box for one lesson; the grader still checks the answers' lesson); checkpoints never are."""
    lower = file_name.lower()
    for role, suffix in (("answers", ANSWERS_SUFFIX), ("notebook", ".ipynb")):
        if lower.endswith(suffix):
            stem = lower[: -len(suffix)]
            if stem.endswith("-checkpoint"):
                return None
            if stem.endswith(lesson.stem.lower()) or any_notebook:
                return role
            return None
    return None


class _Budget:
    """Counts the bytes and entries read from one source; raises CollectError past the caps."""

    def __init__(self):
        self.bytes = self.entries = 0

    def entry(self):
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            raise CollectError(say(zh="来源里的文件超过 {n} 个：请只给出这一课的提交",
                                   en="the source holds more than {n} files: give the lesson's submissions only",
                                   n=MAX_ENTRIES))

    def take(self, data):
        self.bytes += len(data)
        if len(data) > MAX_FILE_BYTES:
            raise OSError(say(zh="超过 {m} MB", en="more than {m} MB", m=MAX_FILE_BYTES >> 20))
        if self.bytes > MAX_TOTAL_BYTES:
            raise CollectError(say(zh="读取的内容超过 {g} GB：请分批收取",
                                   en="more than {g} GB read: collect in smaller parts", g=MAX_TOTAL_BYTES >> 30))
        return data


def _file_reader(path, budget):
    def read():
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | getattr(os, "O_NOFOLLOW", 0))) as handle:
            return budget.take(handle.read(MAX_FILE_BYTES + 1))
    return read


def _zip_reader(archive, info, budget):
    def read():
        with archive.open(info) as handle:
            return budget.take(handle.read(MAX_FILE_BYTES + 1))
    return read


# ------------------------------------------------------------------ the files of a source, as (path parts, when, reader)

def _zip_entries(archive, budget, refused):
    for info in archive.infolist():
        budget.entry()
        if info.is_dir():
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            refused.append(say(zh="{p}：是一个链接，没有读取", en="{p}: a link, not read", p=shown(info.filename)))
            continue
        parts = [part for part in info.filename.replace("\\", "/").split("/") if part not in ("", ".")]
        if ".." in parts or not parts:
            refused.append(say(zh="{p}：路径指向文件夹之外，没有读取", en="{p}: a path outside the folder, not read",
                               p=shown(info.filename)))
            continue
        try:
            when = datetime(*info.date_time, tzinfo=timezone.utc)
        except ValueError:
            when = datetime(1980, 1, 1, tzinfo=timezone.utc)
        yield parts, when, _zip_reader(archive, info, budget)


def _folder_entries(root, budget, refused):
    root = Path(root)
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS)
        for name in sorted(files):
            budget.entry()
            path = Path(folder) / name
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                refused.append(say(zh="{p}：不是普通文件（链接？），没有读取", en="{p}: not a plain file (a link?), not read",
                                   p=shown(path.relative_to(root))))
                continue
            yield list(path.relative_to(root).parts), _utc(info.st_mtime), _file_reader(path, budget)


# ------------------------------------------------------------------ recognising a source and its candidates

def detect(names, is_zip):
    """``canvas``, ``moodle``, ``hub`` or ``handins`` from the source's relative file paths (lists of parts)."""
    if any(len(parts) >= 2 and MOODLE_FOLDER.match(parts[0]) for parts in names):
        return "moodle"
    if any(len(parts) == 1 and CANVAS_NAME.match(parts[0]) for parts in names):
        return "canvas"
    if not is_zip and any(len(parts) >= 2 for parts in names):
        return "hub"
    return "handins"


def _candidates(kind, entries, lesson):
    for parts, when, read in entries:
        name = parts[-1]
        if kind == "canvas" and len(parts) == 1 and (match := CANVAS_NAME.match(name)):
            file_name, attempt = clean_name(match["file"])
            role = lesson_file_role(file_name, lesson, any_notebook=True)
            if role:
                yield Candidate(student=student_folder(match["name"]), role=role, origin=shown(name), when=when,
                                read=read, attempt=attempt, lms_id=match["user"],
                                lms_key=f"{match['name']}_{'LATE_' if match['late'] else ''}{match['user']}_{match['sub']}",
                                lms_late=bool(match["late"]))
        elif kind == "moodle" and len(parts) >= 2 and (match := MOODLE_FOLDER.match(parts[0])):
            role = lesson_file_role(clean_name(name)[0], lesson, any_notebook=True)
            if role:
                yield Candidate(student=student_folder(match["name"]), role=role, origin=shown("/".join(parts)),
                                when=when, read=read, lms_id=match["user"], lms_key=parts[0])
        elif kind == "hub" and len(parts) >= 2:
            role = lesson_file_role(clean_name(name, lms_numbers=False)[0], lesson)
            if role:
                yield Candidate(student=student_folder(parts[0]), role=role, origin=shown("/".join(parts)),
                                when=when, read=read)
        elif kind == "handins" and len(parts) == 1:
            file_name = clean_name(name, lms_numbers=False)[0]
            role = lesson_file_role(file_name, lesson, any_notebook=True)
            suffix = ANSWERS_SUFFIX if role == "answers" else ".ipynb"
            stem = file_name[: -len(suffix)] if role else ""
            student = re.sub(rf"[_ -]*{re.escape(lesson.stem)}$", "", stem, flags=re.IGNORECASE)
            if role and student_folder(student):
                yield Candidate(student=student_folder(student), role=role, origin=shown(name), when=when, read=read)


def _people(kind, entries):
    """Everyone the source shows handed something in (or has a home), lesson file or not."""
    people = set()
    for parts, _, _ in entries:
        if kind == "canvas" and len(parts) == 1 and (match := CANVAS_NAME.match(parts[0])):
            people.add(student_folder(match["name"]))
        elif kind == "moodle" and (match := MOODLE_FOLDER.match(parts[0])):
            people.add(student_folder(match["name"]))
        elif kind == "hub" and len(parts) >= 2:
            people.add(student_folder(parts[0]))
    return people - {""}


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


def _open_source(source, budget, refused):
    """``(entries, is_zip, closer)`` for a zip file or a folder."""
    source = Path(source)
    if source.is_dir():
        return list(_folder_entries(source, budget, refused)), False, None
    if not source.is_file():
        raise CollectError(say(zh="没有 {p}：给出 LMS 下载的 zip、或一个文件夹", en="no {p}: give an LMS download zip or a folder",
                               p=source))
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as err:
        raise CollectError(say(zh="{p} 不是可读的 zip 文件（{e}）：给出 LMS 下载的 zip、或一个文件夹",
                               en="{p} is not a readable zip file ({e}): give an LMS download zip or a folder",
                               p=source, e=err)) from None
    return list(_zip_entries(archive, budget, refused)), True, archive


def collect(source, out_dir, lesson, *, kind=None, roster=()):
    """Copy the lesson's hand-ins from ``source`` into ``out_dir``; returns a Collection (see module doc)."""
    budget, refused = _Budget(), []
    entries, is_zip, archive = _open_source(source, budget, refused)
    try:
        kind = kind or detect([parts for parts, _, _ in entries], is_zip)
        collection = Collection(source=kind, refused=refused)
        by_student = {}
        for candidate in _candidates(kind, entries, lesson):
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
        people = _people(kind, entries)
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

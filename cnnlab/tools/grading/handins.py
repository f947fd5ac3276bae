"""Hand-ins found in an LMS download, hub home folders or loose files: whose file is which, read under caps.

A source (a zip file or a folder) is first listed as entries ``(path parts, when, reader)``
(``open_source``) without reading any file: zip members that are links or point outside the
folder, and folder entries that are not plain files, are refused by name. ``detect`` tells the
kinds of source apart from those paths, and ``lesson_candidates`` turns the entries into one
``Candidate`` per file that may be a student's notebook or answers file of the lesson (see
``collect`` for the naming rules of each kind). A reader reads at most ``max_file_bytes + 1``
bytes and a ``Budget`` counts what the whole source has given, so the caps hold for the bytes
actually read, whatever a zip header claims.
"""

import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cnnlab.exercises.answers import SUFFIX as ANSWERS_SUFFIX
from cnnlab.i18n import say

COLLECTED = "collected.csv"    # the table ``collect`` writes beside the student folders
SOURCES = ("canvas", "moodle", "hub", "handins")
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


def student_folder(name):
    """A student's name from an LMS or a file name, as a safe folder name: no path, no dot or
    underscore first (``cnnlab grade`` skips those), never the name of the collected table."""
    name = re.sub(r"[^\w.-]+", "_", str(name).strip()).strip("._")[:80]
    return name + "_" if name.lower() == COLLECTED else name


def shown(text, limit=200):
    """A name from the source as it may be printed or put in a spreadsheet: control characters
    (terminal escapes) become ``?``, and a leading ``= + - @`` (a spreadsheet formula) gets a ``'``."""
    text = "".join("?" if unicodedata.category(ch).startswith("C") else ch for ch in str(text))[:limit]
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _utc(timestamp):
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


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


class Budget:
    """Counts the bytes and entries read from one source; raises CollectError past the caps
    (and OSError for one file past ``max_file_bytes``: that file is refused, the rest goes on)."""

    def __init__(self, max_file_bytes, max_total_bytes, max_entries):
        self.max_file_bytes, self.max_total_bytes, self.max_entries = max_file_bytes, max_total_bytes, max_entries
        self.bytes = self.entries = 0

    def entry(self):
        self.entries += 1
        if self.entries > self.max_entries:
            raise CollectError(say(zh="来源里的文件超过 {n} 个：请只给出这一课的提交",
                                   en="the source holds more than {n} files: give the lesson's submissions only",
                                   n=self.max_entries))

    def take(self, data):
        self.bytes += len(data)
        if len(data) > self.max_file_bytes:
            raise OSError(say(zh="超过 {m} MB", en="more than {m} MB", m=self.max_file_bytes >> 20))
        if self.bytes > self.max_total_bytes:
            raise CollectError(say(zh="读取的内容超过 {g} GB：请分批收取",
                                   en="more than {g} GB read: collect in smaller parts", g=self.max_total_bytes >> 30))
        return data


def _file_reader(path, budget):
    def read():
        with open(path, "rb", opener=lambda p, flags: os.open(p, flags | getattr(os, "O_NOFOLLOW", 0))) as handle:
            return budget.take(handle.read(budget.max_file_bytes + 1))
    return read


def _zip_reader(archive, info, budget):
    def read():
        with archive.open(info) as handle:
            return budget.take(handle.read(budget.max_file_bytes + 1))
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


def open_source(source, budget, refused):
    """``(entries, is_zip, archive)`` for a zip file or a folder; ``archive`` (None for a folder)
    is the open zip file, for the caller to close when every entry has been read."""
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


def lesson_candidates(kind, entries, lesson):
    """Each entry of a ``kind`` source that may be a student's notebook or answers of ``lesson``, as a Candidate."""
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


def people_in(kind, entries):
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

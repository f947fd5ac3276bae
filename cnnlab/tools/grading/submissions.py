"""Find the submissions of a lesson, fingerprint them, and read them without trusting them.

    SUBMISSIONS_DIR/<student>/NN_slug.ipynb            the student's notebook
    SUBMISSIONS_DIR/<student>/NN_slug.answers.json     what the widgets recorded

Folders whose name starts with ``.`` or ``_`` are ignored. A submission's
fingerprint (``digest``) covers both files, the solution notebooks, the lesson's
exercise list and the grader settings, so a re-run regrades exactly the
submissions for which any of them changed.

Nothing in a submission is followed or opened blindly: every entry of the folder is
``lstat``-ed first, and a symbolic link, named pipe, device or socket anywhere in it makes
the whole submission ``malformed: …`` (it is never opened, so a link to ``/dev/zero``, to the
grader's ``solutions/`` or to a classmate's folder gives nothing, and a FIFO cannot hang the
batch). Files are opened with ``O_NOFOLLOW | O_NONBLOCK``, checked to be the same regular file,
and their size is checked before anything is read or hashed. The student id is the folder name
made printable (``safetext``); ``safe_name`` is a file name no other student of the batch has.
"""

import hashlib
import json
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cnnlab.exercises.answers import SUFFIX as ANSWERS_SUFFIX
from cnnlab.tools.grading.status import Status
from cnnlab.tools.grading.safetext import safe_text
from cnnlab.i18n import say

MAX_NOTEBOOK_BYTES = 20 * 2**20
MAX_FILE_BYTES = 20 * 2**20   # a larger file of the folder is not copied into the scratch area
MAX_COPIED_BYTES = 256 * 2**20  # nor anything past this many bytes of the folder in all
MAX_ENTRIES = 2000            # entries of one submission folder looked at (more: malformed)
MAX_DEPTH = 8                 # folders inside folders
GRADER_VERSION = "3"           # 3: results store the status as data (status.py)
_KINDS = [(stat.S_ISLNK, "a symbolic link", "符号链接"), (stat.S_ISFIFO, "a named pipe", "命名管道"),
          (stat.S_ISCHR, "a device", "设备文件"), (stat.S_ISBLK, "a device", "设备文件"), (stat.S_ISSOCK, "a socket", "套接字")]


class SubmissionsError(ValueError):
    """The submissions folder cannot be graded as it is (two students would share a file name)."""


class Unreadable(Exception):
    """A file of a submission that is not read: ``status`` says why (``malformed: …``)."""

    def __init__(self, code, **values):
        self.status = Status.of(code, **values)
        super().__init__(str(self.status))


@dataclass(frozen=True)
class Submission:
    student: str
    folder: Path
    notebook: Path
    answers: Path
    file_name: str = ""

    @property
    def safe_name(self):
        """The student id as a file name (feedback/<safe_name>.html), distinct within the batch."""
        return self.file_name or plain_name(self.student)


def plain_name(student):
    return re.sub(r"[^\w.-]", "_", student, flags=re.ASCII) or "_"


def _file_name(raw_name, student, clashes):
    """``student`` itself when it is a plain file name no other folder shares (ignoring case), else
    its plain form plus a hash of the raw folder name: ``Li Na`` and ``Li_Na`` get two files."""
    plain = plain_name(student)
    if plain == raw_name and clashes[plain.casefold()] == 1:
        return plain
    return f"{plain}-{hashlib.sha256(os.fsencode(raw_name)).hexdigest()[:8]}"


def _with_distinct_names(found):
    """``found`` unchanged, or SubmissionsError naming two folders that would share a file name."""
    seen = {}
    for submission in found:
        key = submission.safe_name.casefold()   # (case-insensitive file systems: Ann.html is ann.html)
        if key in seen:
            raise SubmissionsError(say(
                zh="两个提交文件夹对应同一个文件名 {f}：{a} 和 {b}；请把其中一个改名",
                en="two submission folders map to the same file name {f}: {a} and {b}; rename one of them",
                f=repr(submission.safe_name), a=repr(seen[key].student), b=repr(submission.student)))
        seen[key] = submission
    return found


def discover(submissions_dir, lesson):
    """One Submission per student folder (or symbolic link, graded as malformed), sorted by student id."""
    with os.scandir(submissions_dir) as entries:
        chosen = sorted((entry for entry in entries if not entry.name.startswith((".", "_"))
                         and (entry.is_symlink() or entry.is_dir(follow_symlinks=False))),
                        key=lambda e: os.fsencode(e.name))
    clashes = Counter(plain_name(safe_text(entry.name, one_line=True)).casefold() for entry in chosen)
    found = []
    for entry in chosen:
        student, folder = safe_text(entry.name, one_line=True), Path(entry.path)
        found.append(Submission(student=student, folder=folder, notebook=folder / f"{lesson.stem}.ipynb",
                                answers=folder / f"{lesson.stem}{ANSWERS_SUFFIX}",
                                file_name=_file_name(entry.name, student, clashes)))
    return _with_distinct_names(found)


def _kind(mode):
    """What a file that is not a regular file is: ``{"kind": English, "kind_zh": Chinese}``."""
    en, zh = next(((en, zh) for test, en, zh in _KINDS if test(mode)), ("not a regular file", "特殊文件"))
    return {"kind": en, "kind_zh": zh}


def _relative(path, folder):
    return safe_text(os.path.relpath(path, folder), one_line=True)


def folder_problem(submission):
    """A ``malformed: …`` Status when the folder holds anything but folders and regular files (never
    followed), else None."""
    try:
        top = os.lstat(submission.folder)
    except OSError as err:
        return Status.of("malformed.folder_unreadable", why=type(err).__name__)
    if not stat.S_ISDIR(top.st_mode):
        return Status.of("malformed.not_a_folder", **_kind(top.st_mode))
    pending, seen = [(submission.folder, 0)], 0
    while pending:
        folder, depth = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as err:
            return Status.of("malformed.unreadable", file=_relative(folder, submission.folder), why=type(err).__name__)
        for entry in entries:
            seen += 1
            if seen > MAX_ENTRIES:
                return Status.of("malformed.too_many_files", n=MAX_ENTRIES)
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                if depth + 1 > MAX_DEPTH:
                    return Status.of("malformed.too_deep", n=MAX_DEPTH)
                pending.append((entry.path, depth + 1))
            elif not stat.S_ISREG(mode):
                return Status.of("malformed.special_file", file=_relative(entry.path, submission.folder), **_kind(mode))
    return None


def read_regular(path, limit):
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes (never followed,
    never blocking); FileNotFoundError when it is absent, Unreadable(why) otherwise."""
    before = os.lstat(path)
    if not stat.S_ISREG(before.st_mode):
        raise Unreadable("malformed.not_regular", file=Path(path).name, **_kind(before.st_mode))
    if before.st_size > limit:
        raise Unreadable("malformed.too_large", file=Path(path).name, mb=f"{before.st_size / 2**20:.0f}", limit=limit >> 20)
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        now = os.fstat(handle)
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino) or not stat.S_ISREG(now.st_mode):
            raise Unreadable("malformed.changed", file=Path(path).name)
        with os.fdopen(os.dup(handle), "rb") as reader:
            data = reader.read(limit + 1)
    finally:
        os.close(handle)
    if len(data) > limit:
        raise Unreadable("malformed.grew", file=Path(path).name, limit=limit >> 20)
    return data


def copy_regular_files(folder, dest, limit=MAX_FILE_BYTES, budget=None):
    """Copy the folders and regular files (each at most ``limit`` bytes, ``MAX_COPIED_BYTES`` in all) of
    ``folder`` into ``dest``; anything else is left out (``folder_problem`` refused such a submission)."""
    budget = [MAX_COPIED_BYTES] if budget is None else budget
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISDIR(mode):
            copy_regular_files(entry.path, dest / entry.name, limit, budget)
        elif stat.S_ISREG(mode) and entry.stat(follow_symlinks=False).st_size <= min(limit, budget[0]):
            try:
                data = read_regular(entry.path, min(limit, budget[0]))
            except (OSError, Unreadable):
                continue
            (dest / entry.name).write_bytes(data)
            budget[0] -= len(data)


def _file_digest(path, sha):
    try:
        sha.update(read_regular(path, MAX_NOTEBOOK_BYTES))
    except (OSError, Unreadable) as err:
        sha.update(f"<{type(err).__name__}: {err}>".encode("utf-8", "backslashreplace"))


def digest(submission, solution_paths, lesson, settings):
    """SHA-256 over the submission's two files, the solutions, the exercises and the settings."""
    sha = hashlib.sha256(f"cnnlab-grader/{GRADER_VERSION}\n".encode())
    sha.update(str(folder_problem(submission) or "").encode("utf-8", "backslashreplace"))
    for path in (submission.notebook, submission.answers, *solution_paths):
        sha.update(f"\n--{Path(path).name}--\n".encode("utf-8", "backslashreplace"))
        _file_digest(path, sha)
    exercises = [(e.id, e.kind, e.points) for e in lesson.exercises]
    sha.update(json.dumps([exercises, settings], sort_keys=True, default=str).encode())
    return sha.hexdigest()


def _regular_names(folder, suffix):
    try:
        return sorted(safe_text(e.name, one_line=True) for e in os.scandir(folder)
                      if e.name.endswith(suffix) and e.is_file(follow_symlinks=False))
    except OSError:
        return []


def _read_file(submission, path):
    """``(bytes, None)``, ``(None, None)`` when the file is absent, or ``(None, Status malformed: …)``."""
    problem = folder_problem(submission)
    if problem:
        return None, problem
    try:
        return read_regular(path, MAX_NOTEBOOK_BYTES), None
    except FileNotFoundError:
        return None, None
    except Unreadable as why:
        return None, why.status
    except OSError as err:
        return None, Status.of("malformed.unreadable", file=path.name, why=type(err).__name__)


def read_notebook(submission):
    """``(notebook, None)`` or ``(None, Status)`` with status missing: … or malformed: …"""
    import nbformat
    path = submission.notebook
    data, problem = _read_file(submission, path)
    if problem:
        return None, problem
    if data is None:
        others = _regular_names(submission.folder, ".ipynb")
        if others:
            return None, Status.of("missing.notebook_found", file=path.name, found=", ".join(others[:3]))
        return None, Status.of("missing.notebook", file=path.name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, Status.of("malformed.not_utf8", why=f"{err.reason} at byte {err.start}")
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        return None, Status.of("malformed.not_json", why=f"{err.msg}, line {err.lineno}")
    except RecursionError:
        return None, Status.of("malformed.not_json_deep")
    try:
        nb = nbformat.reads(text, as_version=4)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no list of cells")
        for cell in nb.cells:
            if not isinstance(cell.get("source"), str) or cell.get("cell_type") not in ("code", "markdown", "raw"):
                raise ValueError("a cell without source text or with an unknown type")
    except RecursionError:
        return None, Status.of("malformed.not_notebook_deep")
    except Exception as err:  # nbformat raises many kinds for bad structure
        return None, Status.of("malformed.not_notebook", why=safe_text(" ".join(str(err).split())[:120]))
    return nb, None


def notebook_language(nb, default):
    lang = (nb.metadata.get("cnnlab") or {}).get("lang") if nb is not None else None
    return lang if lang in ("zh", "en") else default


def read_answers(submission, lesson):
    """``(answers, None)`` or ``(None, Status)``; a missing file is ``unanswered``."""
    from cnnlab.exercises.answers import AnswersFileError, load_answers
    import tempfile
    data, problem = _read_file(submission, submission.answers)
    if problem:
        return None, problem
    if data is None:
        return None, Status.of("unanswered.no_file", file=submission.answers.name)
    with tempfile.TemporaryDirectory(prefix="cnnlab-answers-") as scratch:
        copy = Path(scratch) / submission.answers.name   # read from a copy of the regular file, never the folder
        copy.write_bytes(data)
        try:
            answers = load_answers(copy)
        except (AnswersFileError, OSError, ValueError, RecursionError) as err:
            name = submission.answers.name
            english, chinese = getattr(err, "english", str(err)), getattr(err, "chinese", str(err))
            if isinstance(err, RecursionError):
                english, chinese = f"{name}: nested too deeply", f"{name}：嵌套太深"
            return None, Status.of("malformed.answers_file", english=safe_text(english.replace(str(copy), name)),
                                   chinese=safe_text(chinese.replace(str(copy), name)))
    if answers.get("lesson") not in (None, lesson.stem):
        return None, Status.of("malformed.other_lesson", other=safe_text(repr(answers.get("lesson"))[:100]),
                               lesson=lesson.stem)
    return answers, None

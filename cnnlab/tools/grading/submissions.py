"""Find the submissions of a lesson, fingerprint them, and read them without trusting them.

    SUBMISSIONS_DIR/<student>/NN_slug.ipynb            the student's notebook
    SUBMISSIONS_DIR/<student>/NN_slug.answers.json     what the widgets recorded

Folders whose name starts with ``.`` or ``_`` are ignored. A submission's
fingerprint (``digest``) covers both files, the solution notebooks, the lesson's
exercise list and the grader settings, so a re-run regrades exactly the
submissions for which any of them changed.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from cnnlab.exercises.answers import SUFFIX as ANSWERS_SUFFIX

MAX_NOTEBOOK_BYTES = 20 * 2**20
GRADER_VERSION = "1"


@dataclass(frozen=True)
class Submission:
    student: str
    folder: Path
    notebook: Path
    answers: Path

    @property
    def safe_name(self):
        """The student id as a file name (feedback/<safe_name>.html)."""
        return re.sub(r"[^\w.-]", "_", self.student) or "_"


def discover(submissions_dir, lesson):
    """One Submission per student folder, sorted by student id."""
    found = []
    for folder in sorted(Path(submissions_dir).iterdir()):
        if folder.is_dir() and not folder.name.startswith((".", "_")):
            found.append(Submission(student=folder.name, folder=folder,
                                    notebook=folder / f"{lesson.stem}.ipynb",
                                    answers=folder / f"{lesson.stem}{ANSWERS_SUFFIX}"))
    return found


def _file_digest(path, sha):
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as err:
        sha.update(f"<{type(err).__name__}>".encode())


def digest(submission, solution_paths, lesson, settings):
    """SHA-256 over the submission's two files, the solutions, the exercises and the settings."""
    sha = hashlib.sha256(f"cnnlab-grader/{GRADER_VERSION}\n".encode())
    for path in (submission.notebook, submission.answers, *solution_paths):
        sha.update(f"\n--{Path(path).name}--\n".encode())
        _file_digest(path, sha)
    exercises = [(e.id, e.kind, e.points) for e in lesson.exercises]
    sha.update(json.dumps([exercises, settings], sort_keys=True, default=str).encode())
    return sha.hexdigest()


def read_notebook(submission):
    """``(notebook, None)`` or ``(None, status)`` with status missing: … or malformed: …"""
    import nbformat
    path = submission.notebook
    if not path.is_file():
        others = sorted(p.name for p in submission.folder.glob("*.ipynb"))
        also = f" (found {', '.join(others[:3])})" if others else ""
        return None, f"missing: no {path.name} in the submission{also}"
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        return None, f"malformed: the notebook is {size / 2**20:.0f} MB (more than {MAX_NOTEBOOK_BYTES >> 20} MB)"
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, f"malformed: the notebook is not UTF-8 text ({err.reason} at byte {err.start})"
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        return None, f"malformed: the notebook is not valid JSON ({err.msg}, line {err.lineno})"
    try:
        nb = nbformat.reads(text, as_version=4)
        if not isinstance(nb.get("cells"), list):
            raise ValueError("no list of cells")
        for cell in nb.cells:
            if not isinstance(cell.get("source"), str) or cell.get("cell_type") not in ("code", "markdown", "raw"):
                raise ValueError("a cell without source text or with an unknown type")
    except Exception as err:  # nbformat raises many kinds for bad structure
        return None, f"malformed: not a Jupyter notebook ({' '.join(str(err).split())[:120]})"
    return nb, None


def notebook_language(nb, default):
    lang = (nb.metadata.get("cnnlab") or {}).get("lang") if nb is not None else None
    return lang if lang in ("zh", "en") else default


def read_answers(submission, lesson):
    """``(answers, None)`` or ``(None, status)``; a missing file is ``unanswered``."""
    from cnnlab.exercises.answers import AnswersFileError, load_answers
    if not submission.answers.is_file():
        return None, f"unanswered: no {submission.answers.name}"
    if submission.answers.stat().st_size > MAX_NOTEBOOK_BYTES:
        return None, "malformed: the answers file is too large"
    try:
        answers = load_answers(submission.answers)
    except (AnswersFileError, OSError, ValueError) as err:
        message = " ".join(getattr(err, "english", str(err)).replace(str(submission.answers), submission.answers.name).split())
        return None, f"malformed: answers file: {message}"[:200]
    if answers.get("lesson") not in (None, lesson.stem):
        return None, f"malformed: the answers file is for lesson {answers.get('lesson')!r}, not {lesson.stem}"
    return answers, None

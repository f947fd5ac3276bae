"""The answers file: every check a student makes, recorded by the kernel beside the notebook.

One file per notebook, ``<stem>.answers.json`` in the kernel's working folder
(the notebook's folder), where ``stem`` is the lesson that
``cnnlab.start_lesson(stem, lang)`` received (``use_lesson`` sets it). It never
relies on JupyterLab saving widget state. Format (``FORMAT``)::

    {"format": "cnnlab-answers/1",
     "lesson": "02_convolution",
     "records": [
       {"exercise": "conv1_shape", "kind": "shape", "answer": "96x55x55",
        "status": "correct", "correct": true, "try": 1,
        "lang": "en", "time": "2025-01-01T12:00:00Z"},
       {"exercise": "corr2d", "kind": "code", "answer": "def my_corr2d(X, K): ...",
        "status": "wrong", "correct": false, "try": 2, "passed": 1, "total": 2, ...}]}

``answer`` is the raw input (text, truncated to ``MAX_RECORDED`` characters), a
list of option indices (choice), or the function's source (code). ``status`` is
correct | wrong | invalid (input that is no answer) | unanswered | error | timeout.

Each record is appended: the file is read, extended and written to a temporary
file that ``os.replace`` puts in place, so a crash never leaves half a file and a
kernel restart continues the same file. A file that cannot be read is kept aside
as ``<name>.broken-<n>`` and a new one started. The read-extend-write runs under
an exclusive lock on ``.<name>.lock`` beside it (``cnnlab.files.locked``, which
locks on Windows too), so two kernels of the same lesson — the same
notebook open twice, or the zh and en notebooks in one folder — never drop each
other's records.

For the grader: ``load_answers(path)`` (raises ``AnswersFileError`` for a
malformed file), ``latest(answers, exercise)``, and ``score_quick_check(spec,
record)`` re-checks a quick-check answer against the solution's key.
"""

import json
import os
import time
from pathlib import Path

from cnnlab.exercises.spec import QuickCheckSpec, quick_check_specs, score_quick_check
from cnnlab.files import locked, write_atomically
from cnnlab.i18n import say
from cnnlab.text import clip

FORMAT = "cnnlab-answers/1"
SUFFIX = ".answers.json"
MAX_RECORDED = 20_000
UNTITLED = "untitled"  # the stem used before any start_lesson

__all__ = ["FORMAT", "AnswersFileError", "answers_path", "use_lesson", "current_lesson", "record",
           "load_answers", "latest", "QuickCheckSpec", "quick_check_specs", "score_quick_check"]

_current = {"stem": None}


class AnswersFileError(ValueError):
    """An answers file that is not valid JSON or not in the cnnlab answers format.

    ``str(error)`` is in the course language; ``error.english`` is always English,
    for the grader, whose statuses keep one (English) vocabulary.
    """

    def __init__(self, path, zh, en, **values):
        self.english = f"{path}: " + en.format(**values)
        super().__init__(say(zh="{path}：" + zh, en="{path}: " + en, path=path, **values))


def use_lesson(stem):
    """Make ``stem`` the lesson whose answers file the widgets write (``start_lesson`` calls it)."""
    _current["stem"] = stem
    return stem


def current_lesson():
    return _current["stem"] or UNTITLED


def answers_path(stem, folder=None):
    """``folder/<stem>.answers.json``; ``folder`` defaults to the current working directory."""
    return Path(folder if folder is not None else os.getcwd()) / f"{stem}{SUFFIX}"


def load_answers(path):
    """``{"format", "lesson", "records": [dict, ...]}``; FileNotFoundError if missing,
    AnswersFileError if malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise AnswersFileError(path, zh="不是有效的 JSON（不是 UTF-8 文本）", en="not valid JSON ({err})", err=err) from None
    except json.JSONDecodeError as err:
        raise AnswersFileError(path, zh="不是有效的 JSON（第 {line} 行第 {col} 列出错）", en="not valid JSON ({err})",
                               err=err, line=err.lineno, col=err.colno) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AnswersFileError(path, zh="不是 cnnlab 答案文件（应为格式 {fmt!r}）",
                               en="not a cnnlab answers file (expected format {fmt!r})", fmt=FORMAT)
    records = data.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) and isinstance(r.get("exercise"), str)
                                                for r in records):
        raise AnswersFileError(path, zh="'records' 必须是一个列表，每一项都是带 'exercise' 键的对象",
                               en="'records' must be a list of objects with an 'exercise'")
    return data


def latest(answers, exercise):
    """The last record of ``exercise`` in loaded ``answers`` (None if never checked)."""
    found = [r for r in answers.get("records", []) if r.get("exercise") == exercise]
    return found[-1] if found else None


def _set_aside(path):
    for n in range(1, 1000):
        spare = path.with_name(f"{path.name}.broken-{n}")
        if not spare.exists():
            os.replace(path, spare)
            return


def record(exercise, kind, answer, status, *, stem=None, folder=None, **details):
    """Append one check to the answers file of ``stem`` (default: the current lesson); returns its path.

    ``details`` (e.g. ``passed``, ``total``, ``try``, ``lang``) are stored as given.
    """
    stem = stem or current_lesson()
    path = answers_path(stem, folder)
    if isinstance(answer, str):
        answer = clip(answer, MAX_RECORDED)
    entry = {"exercise": exercise, "kind": kind, "answer": answer, "status": status,
             "correct": status == "correct", **details,
             "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    with locked(path.with_name(f".{path.name}.lock")):
        try:
            data = load_answers(path)
        except FileNotFoundError:
            data = {"format": FORMAT, "lesson": stem, "records": []}
        except AnswersFileError:
            _set_aside(path)
            data = {"format": FORMAT, "lesson": stem, "records": []}
        data["records"].append(entry)
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1))
    return path

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

**One file to hand in.** The last cell of every student lesson (added by ``cnnlab build``) calls
``hand_in(stem)``: it shows a one-line summary and puts the whole answers file into the cell's
output under the MIME type ``HAND_IN_MIME``, so the notebook the student saves carries its
answers. While that output is on screen, every later check updates it (``record`` updates the
display by its id), so a save after the last check is enough. ``answers_in_notebook(nb, stem)``
reads them back for the grader; ``merge_answers`` joins them with an answers file handed in too.
Both are untrusted input: the grader re-scores every raw answer against the solution.
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
HAND_IN_MIME = "application/vnd.cnnlab.answers+json"
SUFFIX = ".answers.json"
MAX_RECORDED = 20_000
UNTITLED = "untitled"  # the stem used before any start_lesson

__all__ = ["FORMAT", "AnswersFileError", "answers_path", "use_lesson", "current_lesson", "record",
           "load_answers", "latest", "hand_in", "answers_in_notebook", "merge_answers", "QuickCheckSpec", "quick_check_specs", "score_quick_check"]

_current = {"stem": None, "hand_in": {}}   # hand_in: stem -> (display id, folder)


HAND_IN_OUTPUT = "the notebook's hand-in output"       # names the source in AnswersFileError
HAND_IN_OUTPUT_ZH = "笔记本里“交作业”单元格的输出"


class AnswersFileError(ValueError):
    """An answers file that is not valid JSON or not in the cnnlab answers format.

    ``str(error)`` is in the course language; ``error.english`` and ``error.chinese`` are the
    message in each language, for the grader's status (English in the gradebook, the lesson's
    language on the feedback page).
    """

    def __init__(self, path, zh, en, path_zh=None, **values):
        self.english = f"{path}: " + en.format(**values)
        self.chinese = f"{path if path_zh is None else path_zh}：" + zh.format(**values)
        super().__init__(say(zh="{path_zh}：" + zh, en="{path}: " + en, path=path,
                             path_zh=path if path_zh is None else path_zh, **values))


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
    return checked_answers(data, path)


def _zh_name(path):
    return HAND_IN_OUTPUT_ZH if path == HAND_IN_OUTPUT else None


def checked_answers(data, path):
    """``data`` when it is in the answers format, else AnswersFileError naming ``path``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AnswersFileError(path, path_zh=_zh_name(path), zh="不是 cnnlab 答案文件（应为格式 {fmt!r}）",
                               en="not a cnnlab answers file (expected format {fmt!r})", fmt=FORMAT)
    records = data.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) and isinstance(r.get("exercise"), str)
                                                for r in records):
        raise AnswersFileError(path, path_zh=_zh_name(path), zh="'records' 必须是一个列表，每一项都是带 'exercise' 键的对象",
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


def record(exercise, kind, answer, status, *, stem=None, folder=None, replace_via=False, **details):
    """Append one check to the answers file of ``stem`` (default: the current lesson); returns its path.

    ``details`` (e.g. ``passed``, ``total``, ``try``, ``lang``, ``via``) are stored as given. With
    ``replace_via``, earlier records of the same exercise with the same ``via`` are dropped first
    (a check cell that runs at every *Run All* keeps one record, not one per run).
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
        if replace_via:
            data["records"] = [r for r in data["records"]
                               if not (r.get("exercise") == exercise and r.get("via") == details.get("via"))]
        data["records"].append(entry)
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1))
    _refresh_hand_in(stem)
    return path


# ------------------------------------------------------------------------------------------ hand-in


class HandIn:
    """The hand-in cell's output: a summary for the student, the answers for the grader."""

    def __init__(self, stem, folder=None):
        self.stem, self.path = stem, answers_path(stem, folder)
        try:
            self.data = load_answers(self.path)
        except (FileNotFoundError, AnswersFileError, OSError):
            self.data = {"format": FORMAT, "lesson": stem, "records": []}

    def summary(self):
        from cnnlab.i18n import say
        records = self.data["records"]
        if not records:
            return say(zh="还没有任何检查记录：回答练习、点击“检查”后，答案会出现在这里，并随笔记本一起保存。",
                       en="No checks recorded yet: answer an exercise and click Check, and your answers appear "
                          "here and are saved with the notebook.")
        exercises = len({record.get("exercise") for record in records})
        return say(zh="这个笔记本带着你的答案：{n} 次检查，{e} 道练习（最后一次在 {t}）。保存笔记本（Ctrl+S），"
                      "然后只交这个 .ipynb 文件即可。",
                   en="This notebook carries your answers: {n} check(s) of {e} exercise(s), the last at {t}. "
                      "Save the notebook (Ctrl+S); the .ipynb file alone is enough to hand in.",
                   n=len(records), e=exercises, t=records[-1].get("time", "?"))

    def _repr_mimebundle_(self, **kwargs):
        return {"text/plain": self.summary(), HAND_IN_MIME: self.data}


def hand_in(stem=None, folder=None):
    """Show the answers recorded for lesson ``stem`` as this cell's output (saved with the notebook)."""
    stem = stem or current_lesson()
    display_id = f"cnnlab-hand-in-{stem}"
    _current["hand_in"][stem] = (display_id, folder)
    try:
        from IPython.display import display
        display(HandIn(stem, folder), display_id=display_id)
    except ImportError:  # outside IPython: nothing to show
        pass


def _refresh_hand_in(stem):
    """After a check: update the hand-in output of ``stem`` on screen (if ``hand_in`` showed one)."""
    shown = _current["hand_in"].get(stem)
    if not shown:
        return
    try:
        from IPython.display import update_display
        update_display(HandIn(stem, shown[1]), display_id=shown[0])
    except Exception:  # no frontend to update: the answers file has the record anyway
        pass


def answers_in_notebook(nb, stem):
    """The answers a notebook's hand-in output carries (the last one in it), or None.

    Raises AnswersFileError when the output is there but not in the answers format.
    """
    found = None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data", {}) if isinstance(output, dict) else {}
            if HAND_IN_MIME in data:
                found = data[HAND_IN_MIME]
    if found is None:
        return None
    if isinstance(found, str):   # some tools store JSON outputs as text
        try:
            found = json.loads(found)
        except json.JSONDecodeError as err:
            raise AnswersFileError(HAND_IN_OUTPUT, path_zh=HAND_IN_OUTPUT_ZH, zh="不是有效的 JSON（{err}）",
                                   en="not valid JSON ({err})", err=err) from None
    data = checked_answers(found, HAND_IN_OUTPUT)
    if data.get("lesson") not in (None, stem):
        raise AnswersFileError(HAND_IN_OUTPUT, path_zh=HAND_IN_OUTPUT_ZH, zh="属于课程 {other!r}，不是 {stem}",
                               en="is for lesson {other!r}, not {stem}", other=data.get("lesson"), stem=stem)
    return data


def merge_answers(*sources):
    """One answers dict with every record of ``sources`` (None skipped) once, in the order of their time."""
    present = [source for source in sources if source]
    if not present:
        return None
    seen, records = set(), []
    for source in present:
        for entry in source["records"]:
            key = json.dumps(entry, sort_keys=True, default=str)
            if key not in seen:
                seen.add(key)
                records.append(entry)
    records.sort(key=lambda entry: str(entry.get("time", "")))
    return {"format": FORMAT, "lesson": present[0].get("lesson"), "records": records}

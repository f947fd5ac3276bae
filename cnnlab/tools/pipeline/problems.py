"""What ``cnnlab check``'s rules share: the ``Problem`` they report and the ``Course`` they read.

A rule writes a problem's message and fix with ``cnnlab.i18n.say``, in the current language
(``$CNNLAB_LANG`` for the ``cnnlab`` command); the English is what ``cnnlab check`` has always printed.

``Course`` reads each notebook from disk once, however many rules look at it.
"""

from dataclasses import dataclass, field
from pathlib import Path

from cnnlab.i18n import LANGUAGES, say
from cnnlab.manifest import NOTEBOOK_KINDS as KINDS
from cnnlab.tools.pipeline.notebooks import read_notebook


@dataclass
class Problem:
    path: Path
    message: str
    fix: str

    def __str__(self):
        return say(zh="{path}：{message} —— 修复：{fix}", en="{path}: {message} — fix: {fix}",
                   path=self.path, message=self.message, fix=self.fix)


@dataclass
class Course:
    """What the rules read: the manifest, and each notebook read from disk once."""
    manifest: object
    _read: dict = field(default_factory=dict)

    def notebook(self, path):
        if path not in self._read:
            self._read[path] = read_notebook(path)
        return self._read[path]

    def rel(self, path):
        try:
            return Path(path).relative_to(self.manifest.root)
        except ValueError:
            return Path(path)

    def notebooks(self, kind=None, lang=None):
        """``(lesson, kind, lang, path)`` of every existing notebook (of one kind, one language)."""
        for lesson in self.manifest.lessons:
            for each_kind in ([kind] if kind else KINDS):
                for each_lang in ([lang] if lang else LANGUAGES):
                    path = lesson.path(self.manifest.root, each_kind, each_lang)
                    if path.is_file():
                        yield lesson, each_kind, each_lang, path

    def both_solutions(self):
        """``(lesson, zh notebook, en notebook, en path)`` of every lesson solved in both languages."""
        for lesson in self.manifest.lessons:
            zh, en = (lesson.path(self.manifest.root, "solutions", lang) for lang in ("zh", "en"))
            if zh.is_file() and en.is_file():
                yield lesson, self.notebook(zh), self.notebook(en), en


def cell_label(number):
    """How a problem names a notebook cell: its number and its id."""
    return say(zh="单元格 {n}（id cell-{n:03d}）", en="cell {n} (id cell-{n:03d})", n=number)

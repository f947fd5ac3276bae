"""Checks of what a lesson *says*: stored check results, Chinese line breaks, zh/en parity.

Each function takes a notebook (``nbformat`` node) and returns findings as
``(cell number, message)`` pairs; :mod:`cnnlab.tools.pipeline.check` turns them into
problems with a fix. The cell number is the cell's index in the notebook, the
same number as its id ``cell-NNN``.

1. :func:`failed_checks` — a stored output shows a failed inline check: a line
   that starts with "✗" (what ``check_function`` prints for a failing case).
   nbval compares a re-run with the stored output, so a stored ✗ would be
   "confirmed" by every re-run; this check refuses it instead.
2. :func:`cjk_line_breaks` — a zh markdown line ends with a Chinese character
   and the next one starts with one. Markdown turns a single newline into a
   space (CommonMark, "soft line breaks"), so JupyterLab shows "全连接层 的权重".
3. :func:`parity` — a zh markdown cell and its en twin (same position among the
   markdown cells) state different numbers, different formulas or a different
   heading structure (the rules live in :mod:`cnnlab.tools.pipeline.parity`).
4. :func:`author_notes` — a cell names the authors' own notes, which students
   never receive.
5. :func:`typed_durations` — a markdown cell types a duration ("about a minute",
   "24 s", "几分钟"), which the next run makes wrong; print it from the run.
6. :func:`empty_code_cells` — a code cell with nothing in it.
7. :func:`zh_terms` — a zh cell uses a term the glossary replaces (跳距, 单元 for a
   notebook cell).
"""

import re

from cnnlab.tools.pipeline.parity import (  # noqa: F401  (parity's names, importable from here too)
    formulas, heading_levels, markdown_cells, numbers, parity, plain_prose, prose_lines)

__all__ = ["failed_checks", "cjk_line_breaks", "parity", "author_notes", "ignored_check_cells",
           "typed_durations", "empty_code_cells", "zh_terms",
           "markdown_cells", "numbers", "formulas", "heading_levels"]

# ---------------------------------------------------------------------------- outputs

_TEXT_MIMES = ("text/plain", "text/markdown")


def _output_texts(cell):
    """Every text a code cell's stored outputs show (streams, results, displays, errors)."""
    for output in cell.get("outputs", []):
        if "text" in output:
            yield _joined(output["text"])
        for mime in _TEXT_MIMES:
            if mime in output.get("data", {}):
                yield _joined(output["data"][mime])
        if output.get("output_type") == "error":
            yield "\n".join(output.get("traceback", []))


def _joined(text):
    return "".join(text) if isinstance(text, list) else str(text)


def failed_checks(nb):
    """``(cell, line)`` for every output line that starts with ✗ (a failed inline check)."""
    found = []
    for number, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for text in _output_texts(cell):
            found += [(number, line.strip()) for line in text.splitlines()
                      if line.lstrip().startswith("✗")]
    return found


NBVAL_IGNORE = "nbval-ignore-output"


def ignored_check_cells(nb):
    """Cells that run an inline check (``check_function``) but are tagged ``nbval-ignore-output``."""
    return [number for number, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and "check_function" in cell.source
            and NBVAL_IGNORE in cell.get("metadata", {}).get("tags", [])]


# ---------------------------------------------------------------------------- Chinese line breaks

# CJK ideographs, CJK punctuation (。，、「」…) and full-width forms (：（）！？)
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_QUOTE = re.compile(r"^\s*(>\s?)+")
_ENDS_CJK = re.compile(rf"[{_CJK}][*_`)\]]*$")
_STARTS_CJK = re.compile(rf"^(\*\*|\*(?! )|_|`|\[|\()*[{_CJK}]")


def cjk_line_breaks(source):
    """``[text]`` for every line break between two Chinese characters in a markdown source.

    The text shows a few characters on each side, with ⏎ where the break is.
    Lines inside code fences and display math are ignored; list items, headings
    and table rows start with ASCII signs and so never count as a continuation.
    """
    lines = [_QUOTE.sub("", line) for line in prose_lines(source)]
    found = []
    for before, after in zip(lines, lines[1:]):
        if before.lstrip().startswith("#"):
            continue                                    # a heading is a line of its own
        if _ENDS_CJK.search(before.rstrip()) and _STARTS_CJK.match(after):
            found.append(f"…{before.rstrip()[-12:]}⏎{after[:12]}…")
    return found


# ---------------------------------------------------------------------------- the authors' notes

# zh: every 笔记 but 笔记本 (notebook) and a student's own 读书笔记 / 做笔记;
# en: "course note(s)", "note 001", "the note(s)", "the notes'"; and the notes' folder
AUTHOR_NOTES = re.compile(
    r"(?<!读书)(?<!做)笔记(?!本)|course[ -]notes?|\bnotes?\s*0\d\d\b|\bthe\s+notes?\b|\bnotes'"
    r"|shared/seeds|\.\./shared/", re.I)


def author_notes(nb):
    """``(cell, text)`` wherever a cell's source or stored output names the authors' notes."""
    found = []
    for number, cell in enumerate(nb.cells):
        texts = [cell.source] + (list(_output_texts(cell)) if cell.cell_type == "code" else [])
        for text in texts:
            for match in AUTHOR_NOTES.finditer(text):
                start = max(match.start() - 15, 0)
                found.append((number, text[start:match.end() + 15].replace("\n", " ")))
    return found


# ---------------------------------------------------------------------------- typed durations

# A duration typed into prose goes stale with the next run ("about a minute" for a 24 s run):
# a lesson prints durations from its run or its metadata instead.
_COUNT_EN = (r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|ten|a\s+few|few|several|a\s+couple\s+of"
             r"|a\s+quarter\s+of\s+an?|half\s+an?)")
DURATION_EN = re.compile(
    rf"\b{_COUNT_EN}(?:\s*(?:-|–|or|to)\s*{_COUNT_EN})?\s+(?:seconds|minutes?|hours?|mins?)\b"
    r"|(?<![\w.])\d+(?:\.\d+)?\s(?:seconds?|sec|s|min|h)\b(?!\s*=)"
    r"|\b(?:[Tt]akes?|took|taking|in|within|runs?\s+(?:for|in))\s+(?:a\s+few\s+)?(?:seconds|minutes|hours)\b")
DURATION_ZH = re.compile(r"(?:[0-9０-９.]+|[一二两三四五六七八九十几数半]+)\s*(?:个)?(?:秒钟?|分钟|小时|刻钟)")


def typed_durations(nb, lang):
    """``(cell, text)`` for every duration typed into a markdown cell ("about a minute", "24 s", "几分钟")."""
    pattern = DURATION_ZH if lang == "zh" else DURATION_EN
    found = []
    for number, source in markdown_cells(nb):
        text = plain_prose(source)
        found += [(number, match.group(0).strip()) for match in pattern.finditer(text)]
    return found


# ---------------------------------------------------------------------------- empty code cells

def empty_code_cells(nb):
    """Code cells with nothing in them but blanks (a stray cell a student would wonder about)."""
    return [number for number, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and not cell.source.strip()]


# ---------------------------------------------------------------------------- zh terms

# Terms that course/glossary.md replaces: (pattern, what was written, what to write).
# 单元 alone is a neuron (隐藏单元); a notebook cell is 单元格.
ZH_TERMS = [
    (re.compile(r"跳距"), "等效步幅"),
    (re.compile(r"(?:代码|文本|Markdown|markdown|运行(?:所有|当前|这个|那个)?|下一个|上面的|下面的"
                r"|后面的|某个)单元(?!格)"), "单元格"),
]


def zh_terms(nb):
    """``(cell, text, replacement)`` wherever a zh notebook's cell source or output uses a term
    that the glossary replaces (跳距 → 等效步幅; 单元 for a notebook cell → 单元格)."""
    found = []
    for number, cell in enumerate(nb.cells):
        texts = [cell.source] + (list(_output_texts(cell)) if cell.cell_type == "code" else [])
        for text in texts:
            for pattern, replacement in ZH_TERMS:
                found += [(number, match.group(0), replacement) for match in pattern.finditer(text)]
    return found

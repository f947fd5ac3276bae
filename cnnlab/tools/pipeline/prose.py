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
   heading structure.
4. :func:`author_notes` — a cell names the authors' own notes, which students
   never receive.
5. :func:`typed_durations` — a markdown cell types a duration ("about a minute",
   "24 s", "几分钟"), which the next run makes wrong; print it from the run.
6. :func:`empty_code_cells` — a code cell with nothing in it.
7. :func:`zh_terms` — a zh cell uses a term the glossary replaces (跳距, 单元 for a
   notebook cell).
"""

import re
import unicodedata
from decimal import Decimal
from collections import Counter

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


# ---------------------------------------------------------------------------- markdown structure

def markdown_cells(nb):
    """``[(cell number, source)]`` of the markdown cells, in order."""
    return [(number, cell.source) for number, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]


_FENCE = re.compile(r"^\s*(```|~~~)")


def _prose_lines(source):
    """The lines of a markdown source; those inside fenced code blocks and ``$$`` display
    math (and the fences themselves) come out as empty lines, which end a paragraph."""
    inside_fence = inside_math = False
    for line in source.split("\n"):
        if _FENCE.match(line):
            inside_fence = not inside_fence
            yield ""
        elif not inside_fence and line.count("$$") % 2:
            inside_math = not inside_math
            yield ""
        else:
            yield "" if inside_fence or inside_math else line


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
    lines = [_QUOTE.sub("", line) for line in _prose_lines(source)]
    found = []
    for before, after in zip(lines, lines[1:]):
        if before.lstrip().startswith("#"):
            continue                                    # a heading is a line of its own
        if _ENDS_CJK.search(before.rstrip()) and _STARTS_CJK.match(after):
            found.append(f"…{before.rstrip()[-12:]}⏎{after[:12]}…")
    return found


# ---------------------------------------------------------------------------- zh/en parity

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$", re.S)
_URL = re.compile(r"\]\([^)]*\)|<?https?://[^\s)>]+>?")
_TAG = re.compile(r"<[^>]+>")
_IGNORE = re.compile(r"<!--\s*parity-ignore:(.*?)-->", re.S)
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![A-Za-z0-9_])")
_TEXT_COMMAND = re.compile(r"\\(text|textrm|mbox)\s*\{[^{}]*\}")


def _split(source):
    """(prose without math, [formulas], {numbers to ignore}) of a markdown source."""
    text = unicodedata.normalize("NFKC", source)        # full-width digits and signs → ASCII
    ignored = {n for group in _IGNORE.findall(text) for n in _numbers_in(group)}
    text = _IGNORE.sub(" ", text)
    spans = []

    def hide(match):                                    # `$x$` in code is not math
        spans.append(match.group(0))
        return f"\x00{len(spans) - 1}\x00"

    text = _CODE_SPAN.sub(hide, text)
    found = []

    def take(match):
        found.append(match.group(1))
        return " "

    text = _DISPLAY_MATH.sub(take, text)
    text = _INLINE_MATH.sub(take, text)
    text = re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], text)
    text = _TAG.sub(" ", _URL.sub("]", text))
    return text, [_formula(f) for f in found], ignored


_SCALES = {"万": 10**4, "亿": 10**8, "thousand": 10**3, "million": 10**6, "billion": 10**9}
_SCALE = re.compile(r"\s*(万|亿|thousand\b|million\b|billion\b)")


def _numbers_in(text):
    """The numbers in ``text`` as plain decimals: "6,110 万" and "61.1 million" are both 61100000."""
    found = []
    for match in _NUMBER.finditer(text):
        value = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        scale = _SCALE.match(text, match.end())
        if scale:
            value *= _SCALES[scale.group(1)]
        found.append(_plain(value))
    return found


def _plain(value):
    """A Decimal without exponent or trailing zeros: 61100000, 0.5, 2."""
    text = format(value.normalize(), "f")
    return text


def _formula(tex):
    """A formula with translatable ``\\text{…}`` blanked and insignificant spaces removed."""
    tex = _TEXT_COMMAND.sub(r"\\\1{}", tex)
    tex = re.sub(r"\s+", " ", tex).strip()
    return re.sub(r" ?([^A-Za-z0-9\\ ]) ?", r"\1", tex)


def numbers(source):
    """The numbers a markdown source states outside formulas and link targets, as a Counter.

    "60,000", "60000" and "６０,０００" are the same number; whole numbers 0–10 are
    left out (``SMALL_COUNTS``); numbers listed in a
    ``<!-- parity-ignore: 6.6 -->`` comment are left out (for what must differ
    between the languages, such as the section numbers of two editions of a book).
    """
    text, _, ignored = _split(source)
    return Counter(n for n in _numbers_in(text) if n not in ignored and n not in SMALL_COUNTS)


# Whole numbers 0–10 are left out: one language often writes them as words ("six maps",
# "两个卷积") where the other uses digits; the numbers a lesson teaches are larger or decimal.
SMALL_COUNTS = frozenset(str(n) for n in range(11))


def formulas(source):
    """The ``$…$`` and ``$$…$$`` formulas of a markdown source, normalised, as a Counter."""
    return Counter(_split(source)[1])


def heading_levels(source):
    """The levels of the markdown headings (``## x`` → 2), in order."""
    return [len(m.group(1)) for line in _prose_lines(source)
            if (m := re.match(r"^(#{1,6})\s", line))]


def _difference(zh, en):
    only_zh, only_en = zh - en, en - zh
    parts = []
    if only_zh:
        parts.append("zh only: " + ", ".join(sorted(only_zh.elements())))
    if only_en:
        parts.append("en only: " + ", ".join(sorted(only_en.elements())))
    return "; ".join(parts)


def parity(zh_nb, en_nb):
    """``[(zh cell, en cell, message)]``: every difference between the two languages' prose.

    Markdown cells are paired by position; when their counts differ that is the
    only finding (the pairs would be meaningless).
    """
    zh_cells, en_cells = markdown_cells(zh_nb), markdown_cells(en_nb)
    if len(zh_cells) != len(en_cells):
        return [(None, None, f"{len(zh_cells)} markdown cells in zh but {len(en_cells)} in en")]
    found = []
    for (zh_number, zh), (en_number, en) in zip(zh_cells, en_cells):
        if heading_levels(zh) != heading_levels(en):
            found.append((zh_number, en_number,
                          f"heading levels differ: zh {heading_levels(zh)}, en {heading_levels(en)}"))
        difference = _difference(numbers(zh), numbers(en))
        if difference:
            found.append((zh_number, en_number, f"numbers differ ({difference})"))
        difference = _difference(formulas(zh), formulas(en))
        if difference:
            found.append((zh_number, en_number, f"formulas differ ({difference})"))
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


def _plain_prose(source):
    """A markdown source without code spans, math, link targets and HTML comments."""
    text = _IGNORE.sub(" ", unicodedata.normalize("NFKC", source))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = _CODE_SPAN.sub(" ", text)
    text = _DISPLAY_MATH.sub(" ", text)
    text = _INLINE_MATH.sub(" ", text)
    return _URL.sub("]", text)


def typed_durations(nb, lang):
    """``(cell, text)`` for every duration typed into a markdown cell ("about a minute", "24 s", "几分钟")."""
    pattern = DURATION_ZH if lang == "zh" else DURATION_EN
    found = []
    for number, source in markdown_cells(nb):
        text = _plain_prose(source)
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

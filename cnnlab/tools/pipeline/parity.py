"""zh/en parity: the numbers, formulas and heading levels a zh markdown cell and its en twin state.

Markdown cells are paired by position (``markdown_cells``). For each pair, ``parity`` compares
what must not depend on the language:

* ``numbers`` — outside formulas, code and link targets; "60,000", "60000", "６０,０００" are one
  number and "6,110 万" is "61.1 million"; whole numbers 0–10 are left out (``SMALL_COUNTS``),
  and so is any number listed in a ``<!-- parity-ignore: … -->`` comment;
* ``formulas`` — ``$…$`` and ``$$…$$``, with ``\\text{…}`` blanked and insignificant spaces removed;
* ``heading_levels`` — the levels of the headings, in order.

``prose_lines`` and ``plain_prose`` (markdown without code, math, links and comments) are shared
with the other prose checks (``prose``).
"""

import re
import unicodedata
from collections import Counter
from decimal import Decimal

from cnnlab.i18n import say

# ---------------------------------------------------------------------------- markdown structure

def markdown_cells(nb):
    """``[(cell number, source)]`` of the markdown cells, in order."""
    return [(number, cell.source) for number, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]


_FENCE = re.compile(r"^\s*(```|~~~)")


def prose_lines(source):
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
    return [len(m.group(1)) for line in prose_lines(source)
            if (m := re.match(r"^(#{1,6})\s", line))]


def _difference(zh, en):
    only_zh, only_en = zh - en, en - zh
    parts = []
    if only_zh:
        parts.append(say(zh="只在中文版：{v}", en="zh only: {v}", v=", ".join(sorted(only_zh.elements()))))
    if only_en:
        parts.append(say(zh="只在英文版：{v}", en="en only: {v}", v=", ".join(sorted(only_en.elements()))))
    return say(zh="；", en="; ").join(parts)


def parity(zh_nb, en_nb):
    """``[(zh cell, en cell, message)]``: every difference between the two languages' prose.

    Markdown cells are paired by position; when their counts differ that is the
    only finding (the pairs would be meaningless).
    """
    zh_cells, en_cells = markdown_cells(zh_nb), markdown_cells(en_nb)
    if len(zh_cells) != len(en_cells):
        return [(None, None, say(zh="中文版有 {n_zh} 个 Markdown 单元格，英文版有 {n_en} 个",
                                 en="{n_zh} markdown cells in zh but {n_en} in en",
                                 n_zh=len(zh_cells), n_en=len(en_cells)))]
    found = []
    for (zh_number, zh), (en_number, en) in zip(zh_cells, en_cells):
        if heading_levels(zh) != heading_levels(en):
            found.append((zh_number, en_number, say(zh="标题层级不同：中文版 {a}，英文版 {b}",
                                                    en="heading levels differ: zh {a}, en {b}",
                                                    a=heading_levels(zh), b=heading_levels(en))))
        difference = _difference(numbers(zh), numbers(en))
        if difference:
            found.append((zh_number, en_number, say(zh="数字不同（{d}）", en="numbers differ ({d})", d=difference)))
        difference = _difference(formulas(zh), formulas(en))
        if difference:
            found.append((zh_number, en_number, say(zh="公式不同（{d}）", en="formulas differ ({d})", d=difference)))
    return found


# ---------------------------------------------------------------------------- prose without markup

def plain_prose(source):
    """A markdown source without code spans, math, link targets and HTML comments."""
    text = _IGNORE.sub(" ", unicodedata.normalize("NFKC", source))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = _CODE_SPAN.sub(" ", text)
    text = _DISPLAY_MATH.sub(" ", text)
    text = _INLINE_MATH.sub(" ", text)
    return _URL.sub("]", text)

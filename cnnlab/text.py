"""Text for messages, reports and tables: shortening, large counts in words, display width, aligned tables."""

import unicodedata

from cnnlab.i18n import say

__all__ = ["clip", "scaled", "display_width", "pad", "table"]

# the units of large counts in each language, largest first
UNITS = {"en": (("G", 10**9), ("M", 10**6), ("K", 10**3)),
         "zh": (("亿", 10**8), ("万", 10**4))}


def clip(text, limit, mark="…"):
    """``text`` if it has at most ``limit`` characters, else its start plus ``mark``.

    The result is never longer than ``limit``: ``text[:limit - len(mark)] + mark``.
    """
    return text if len(text) <= limit else text[: max(limit - len(mark), 0)] + mark


def scaled(n, lang=None):
    """A large count in the units of the course language: 11,689,512 → "11.7 M" / "1,169 万".

    English counts in thousands (K), millions (M) and billions (G); Chinese in 万 (10⁴) and
    亿 (10⁸). The value v = n / unit is shown with 3 significant digits below 100 (``1.81``,
    ``11.7``), as a whole number from 100 on (``133``, ``1,169``). Counts below the smallest
    unit are written out: 9,999 → "9,999".
    """
    units = UNITS["zh" if say(zh="zh", en="en", lang=lang) == "zh" else "en"]
    for unit, size in units:
        if abs(n) >= size:
            v = float(f"{n / size:.3g}")      # 3 significant digits first: 9,999 → 10.0 K
            digits = 0 if abs(v) >= 100 else (1 if abs(v) >= 10 else 2)
            return f"{n / size:,.{digits}f} {unit}"
    return f"{n:,}"


def display_width(text):
    """Columns ``text`` takes in a fixed-width font: a wide or full-width character (中, ，) takes two,
    any other one (Unicode's East Asian Width: W and F are two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, width, right=False):
    """``text`` filled with spaces to ``width`` display columns, on the right (or on the left when ``right``)."""
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def table(header, rows, right=(), rule="-", frame=False, strip=False, gap="  "):
    """The lines of a text table whose columns line up in a fixed-width font, Chinese text included.

    Each column is as wide as its widest cell (:func:`display_width`); columns whose index is in
    ``right`` are right-aligned. A line of ``rule`` as wide as the header line follows the header
    (``rule=None``: none); ``frame`` puts one above the header and below the last row too.
    ``strip`` drops the spaces at the end of each line.
    """
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]

    def line(row):
        text = gap.join(pad(cell, width, i in right) for i, (cell, width) in enumerate(zip(row, widths)))
        return text.rstrip() if strip else text

    head, *body = (line(row) for row in cells)
    if rule is None:
        return [head, *body]
    bar = rule * display_width(head)
    return [bar, head, bar, *body, bar] if frame else [head, bar, *body]

"""Shortening text for messages, reports and records: clipped strings, large counts in words."""

from cnnlab.i18n import say

__all__ = ["clip", "scaled"]

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

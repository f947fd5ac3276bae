"""Text from a submission, made safe to write anywhere: the gradebook, feedback, results, the terminal.

A submission chooses much of the text the grader writes: printed output, exception type names
and messages, returned strings, folder and file names. Any of it may hold a lone surrogate (a
folder name with an invalid byte arrives as ``\\udcff``; ``raise ValueError('\\ud800')`` is one
line of Python), which no UTF-8 writer accepts, or control characters that move a terminal's
cursor or forge a line of the gradebook. ``safe_text`` maps every such character to a visible
escape (``\\udcff``, ``\\x1b``), so the result encodes as UTF-8 and prints as one readable text;
``safe_data`` does it to every string (and key) of a JSON-like value.
"""

import re

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates; newlines too for one-line text
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match):
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text, one_line=False):
    """``text`` (any object, as ``str``) with unsafe characters written as escapes; never raises."""
    try:
        text = text if isinstance(text, str) else str(text)
    except Exception:   # an object whose __str__ raises
        text = "<unprintable>"
    return (_UNSAFE_ONE_LINE if one_line else _UNSAFE).sub(_escape, text)


def safe_data(value, depth=0):
    """``value`` (dicts, lists, strings, numbers) with every string made safe; deeper than 50 levels is cut."""
    if isinstance(value, str):
        return safe_text(value)
    if depth > 50:
        return "<nested too deeply>"
    if isinstance(value, dict):
        return {safe_text(key): safe_data(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [safe_data(item, depth + 1) for item in value]
    return value

"""Reading the cells of a lesson notebook: exercise tags, code with magics masked, printed text.

An exercise's cells carry the tag ``exercise:<id>`` (``EXERCISE_TAG`` + id).
Lines that start with ``%`` or ``!`` (IPython magics and shell escapes) are not
Python: ``mask_magics`` blanks them so ``parse_python`` can read the rest of a cell.
"""

import ast
import threading

__all__ = ["EXERCISE_TAG", "exercise_ids", "exercise_of", "exercise_cells", "is_magic", "mask_magics",
           "parse_python", "printed_text"]

EXERCISE_TAG = "exercise:"
MAGIC_PREFIXES = ("%", "!")
_PARSING = threading.Lock()


def parse_python(source, mode="exec"):
    """``ast.parse(source, mode=mode)``, one thread at a time.

    Python 3.11 keeps the depth counter of its AST-to-object conversion per interpreter, not per
    thread: two threads parsing at once (the grader's ``--jobs 2``) can fail with
    ``SystemError: AST constructor recursion depth mismatch``. Parsing a cell takes microseconds, so
    the lock costs nothing that shows.
    """
    with _PARSING:
        return ast.parse(source, mode=mode)


def exercise_ids(cell):
    """The ids of every ``exercise:<id>`` tag of ``cell``, in tag order."""
    return [tag[len(EXERCISE_TAG):] for tag in cell.get("metadata", {}).get("tags", [])
            if tag.startswith(EXERCISE_TAG)]


def exercise_of(cell):
    """The id in the cell's first ``exercise:<id>`` tag, or None when it has none."""
    ids = exercise_ids(cell)
    return ids[0] if ids else None


def exercise_cells(nb):
    """``{exercise id: [cell, ...]}`` from the cells' ``exercise:<id>`` tags, in notebook order."""
    found = {}
    for cell in nb.cells:
        for exercise in exercise_ids(cell):
            found.setdefault(exercise, []).append(cell)
    return found


def is_magic(line):
    """True for an IPython magic or shell line: its first non-blank character is ``%`` or ``!``."""
    return line.lstrip().startswith(MAGIC_PREFIXES)


def mask_magics(source):
    """``source`` with every magic line emptied; line numbers stay the same."""
    return "\n".join("" if is_magic(line) else line for line in source.split("\n"))


def printed_text(cell):
    """Everything a code cell's stored outputs show as plain text: streams, then each result's text/plain."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append("".join(output.get("text", "")))
        elif "data" in output:
            parts.append("".join(output["data"].get("text/plain", "")))
    return "".join(parts)

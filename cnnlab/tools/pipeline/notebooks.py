"""Read and write the course's notebooks as jupytext pairs (``.ipynb`` + ``py:percent``).

Every notebook is written the same way, whoever writes it: a ``python3``
kernelspec, cell ids numbered in order (quiet diffs), and the paired ``.py``
produced from the notebook with the repository's ``jupytext.toml``.
"""

import io
import tokenize
from pathlib import Path

import jupytext
import nbformat
from jupytext.config import load_jupytext_config

from cnnlab.cells import is_magic

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
PY_FORMAT = "py:percent"


def jupytext_config(folder):
    """The jupytext configuration that applies to files in ``folder``."""
    return load_jupytext_config(str(Path(folder).resolve()))


def normalize(nb):
    """Give ``nb`` the kernelspec and the numbered cell ids every notebook of the course has."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("widgets", None)  # widget state is never saved in the course files
    nb.nbformat, nb.nbformat_minor = 4, 5
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{number:03d}"
    return nb


def as_py(nb, folder):
    """The ``py:percent`` text jupytext pairs with ``nb`` in ``folder``."""
    return jupytext.writes(nb, fmt=PY_FORMAT, config=jupytext_config(folder))


def as_ipynb(nb):
    """The ``.ipynb`` text of ``nb`` exactly as the course stores it."""
    return nbformat.writes(nb) + "\n"


def read_notebook(path):
    """Read a ``.ipynb`` (or a ``.py`` percent script) into a notebook node."""
    path = Path(path)
    if path.suffix == ".py":
        return normalize(jupytext.read(str(path), fmt=PY_FORMAT))
    return nbformat.read(str(path), as_version=4)


def paired_texts(nb, ipynb_path):
    """``{path: text}`` for a notebook and its py:percent twin."""
    ipynb_path = Path(ipynb_path)
    nb = normalize(nb)
    return {ipynb_path: as_ipynb(nb),
            ipynb_path.with_suffix(".py"): as_py(nb, ipynb_path.parent)}


def write_pair(nb, ipynb_path):
    """Write ``nb`` and its paired ``.py``; return the paths that changed."""
    changed = []
    for path, text in paired_texts(nb, ipynb_path).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def code_tokens(source):
    """The tokens of a code cell, minus comments, with string contents blanked.

    IPython magics (lines starting with % or !) are kept as plain text.
    """
    lines = [l for l in source.splitlines() if not is_magic(l)]
    magics = [l.strip() for l in source.splitlines() if is_magic(l)]
    kept = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING):
                continue
            if tok.type == tokenize.STRING or tok.type in _FSTRING_PARTS:
                kept.append("<str>")
            else:
                kept.append(tok.string)
    except (tokenize.TokenError, SyntaxError, IndentationError) as err:
        return ["<untokenizable>", str(err), source]
    collapsed = [t for i, t in enumerate(kept) if not (t == "<str>" and i and kept[i - 1] == "<str>")]
    return magics + collapsed


# Python 3.12 splits f-strings into several tokens; treat each part like a string.
_FSTRING_PARTS = {getattr(tokenize, name) for name in
                  ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END") if hasattr(tokenize, name)}

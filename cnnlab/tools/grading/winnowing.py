"""Code reduced to normalised tokens and fingerprinted by winnowing, so that copies survive renaming.

A piece of code becomes a stream of normalised tokens (``normalise``):

* comments, docstrings, line breaks and indentation are dropped (formatting does not count);
* a name the code itself binds (a parameter, a variable, a loop index, the function's name)
  becomes ``V``; keywords, builtins, attribute names (``.shape``) and free names (``np``) stay;
* every number becomes ``N`` and every string ``S``.

The stream is fingerprinted as MOSS does (S. Schleimer, D. S. Wilkerson, A. Aiken,
"Winnowing: local algorithms for document fingerprinting", SIGMOD 2003): hash every k-gram of
``K`` consecutive tokens, and in every window of ``W`` consecutive hashes keep the smallest
(the rightmost when tied). Any run of at least ``W + K - 1`` tokens two pieces share yields at
least one shared fingerprint, and nothing shorter than ``K`` tokens does. Each fingerprint
remembers the lines it covers, so that matches can be shown side by side.
"""

import ast
import hashlib
import io
import keyword
import tokenize
from dataclasses import dataclass

from cnnlab.cells import mask_magics, parse_python

K = 6              # tokens per k-gram
W = 4              # hashes per winnowing window: shared runs of W + K - 1 = 9 tokens are always seen
_SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
         tokenize.ENCODING, tokenize.ENDMARKER}
_STRING_TYPES = {getattr(tokenize, name) for name in ("STRING", "FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
                 if hasattr(tokenize, name)}


@dataclass
class Token:
    text: str     # normalised
    line: int     # 1-based line of the answer's source


# ---------------------------------------------------------------------------- normalising
def _bound_names(tree):
    """Names the code binds itself: parameters, assignment and loop targets, defs, imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def _docstring_spans(tree):
    """``(start, end)`` positions of every string statement (docstrings and bare strings)."""
    return [((node.lineno, node.col_offset), (node.end_lineno, node.end_col_offset))
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)]


def normalise(source):
    """The answer as a list of ``Token``: names bound by the answer -> V, numbers -> N, strings -> S,
    comments, docstrings and layout dropped. Code that does not parse gives its raw tokens, if any."""
    source = mask_magics(source)
    try:
        tree = parse_python(source)
    except (SyntaxError, ValueError, RecursionError):
        tree = None
    bound = _bound_names(tree) if tree is not None else set()
    spans = _docstring_spans(tree) if tree is not None else []
    tokens, previous = [], ""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in _SKIP or any(start <= tok.start < end for start, end in spans):
                continue
            tokens.append(Token(_normal_text(tok, previous, bound), tok.start[0]))
            previous = tok.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return tokens


def _normal_text(tok, previous, bound):
    if tok.type == tokenize.NUMBER:
        return "N"
    if tok.type in _STRING_TYPES:
        return "S"
    if tok.type == tokenize.NAME and previous != "." and tok.string in bound and not keyword.iskeyword(tok.string):
        return "V"
    return tok.string


# ---------------------------------------------------------------------------- fingerprints
def _hash(texts):
    return int.from_bytes(hashlib.blake2b("\x1f".join(texts).encode("utf-8", "backslashreplace"),
                                          digest_size=8).digest(), "big")


def kgrams(tokens, k=K):
    """``[(hash, first line, last line)]`` of every run of ``k`` consecutive tokens."""
    return [(_hash([t.text for t in tokens[i:i + k]]), tokens[i].line, tokens[i + k - 1].line)
            for i in range(len(tokens) - k + 1)]


def winnow(grams, w=W):
    """``{hash: (first line, last line)}``: in each window of ``w`` hashes, the rightmost smallest one.

    Answers shorter than one window keep their smallest k-gram."""
    chosen = {}
    if not grams:
        return chosen
    for start in range(max(1, len(grams) - w + 1)):
        window = grams[start:start + w]
        low = min(h for h, _, _ in window)
        pick = max(i for i, (h, _, _) in enumerate(window) if h == low)
        h, first, last = window[pick]
        chosen.setdefault(h, (first, last))
    return chosen


def fingerprints(source, excluded=frozenset()):
    """The winnowed fingerprints of ``source`` less those in ``excluded`` (hashes)."""
    return {h: span for h, span in winnow(kgrams(normalise(source))).items() if h not in excluded}


def all_hashes(source):
    """Every k-gram hash of ``source``, winnowed or not (what a shared starting point rules out)."""
    return {h for h, _, _ in kgrams(normalise(source))}

"""The search of a release for solution text and for lines that name the authors' own notes.

Solution text is every non-trivial line (whitespace normalised, at least
``MIN_CHARS`` characters, not also written outside the regions somewhere in the
course) between ``### BEGIN SOLUTION``/``### END SOLUTION`` and between
``### BEGIN HIDDEN TESTS``/``### END HIDDEN TESTS``, plus the plain worked
explanation of every quick check (students get it sealed), as text and, for a
literal over several lines, as written. A file is searched as text with its
whitespace normalised; a notebook (any JSON file) also string by string, so
escaped quotes and line breaks hide nothing.
"""

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from cnnlab.cells import mask_magics, parse_python
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.prose import AUTHOR_NOTES

MIN_CHARS = 13                      # shorter solution lines ("return total") are not evidence of a leak


@dataclass(frozen=True)
class Needle:
    text: str        # whitespace-normalised
    lesson: str      # stem
    lang: str
    kind: str        # "solution" | "hidden test" | "explanation"


def normalise(text):
    return " ".join(str(text).split())


def _literal_text(text):
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _explanations(source):
    """The plain explanation strings of the quick checks in one code cell's source (of a check
    with variants: each variant's explanation, computed by its function).

    Each explanation comes as its text and, when its literal spans several lines (implicit
    concatenation), also as written, so that a verbatim copy of the source is found too.
    """
    from cnnlab.exercises.spec import quick_check_calls
    masked = mask_magics(source)
    try:
        tree = parse_python(masked)
    except SyntaxError:
        return []
    found = []
    for _kind, call in quick_check_calls(tree):
        if any(keyword.arg == "variants" for keyword in call.keywords):   # every variant's, as computed
            from cnnlab.exercises.variants import variants_in_source
            found += [variant.fields.get("explanation", "") for variant in variants_in_source(tree, call)]
        for keyword in call.keywords:
            if keyword.arg == "explanation":
                segment = ast.get_source_segment(masked, keyword.value) or ""
                found.append(_literal_text(f"({segment})"))
                if "\n" in segment:  # the literal as written, quotes and all (whitespace is normalised later)
                    found.append(segment)
    return [text for text in dict.fromkeys(found) if text]


def solution_texts(manifest):
    """Every piece of solution text of the course, as ``Needle``s (see the module docstring)."""
    from cnnlab.tools.pipeline.notebooks import read_notebook
    from cnnlab.tools.markers import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, find_regions
    regions = ((BEGIN_SOLUTION, END_SOLUTION, "solution"), (BEGIN_HIDDEN, END_HIDDEN, "hidden test"))
    candidates, public = [], set()
    for lesson in manifest.lessons:
        for lang in LANGUAGES:
            for cell in read_notebook(lesson.path(manifest.root, "solutions", lang)).cells:
                lines = cell.source.split("\n")
                inside = set()
                for begin, end, kind in regions:
                    for first, last in find_regions(lines, begin, end):
                        inside.update(range(first, last + 1))
                        candidates += [Needle(normalise(line), lesson.stem, lang, kind)
                                       for line in lines[first + 1: last]]
                public.update(normalise(line) for number, line in enumerate(lines) if number not in inside)
                if cell.cell_type == "code":
                    candidates += [Needle(normalise(text), lesson.stem, lang, "explanation")
                                   for text in _explanations(cell.source)]
    return [needle for needle in dict.fromkeys(candidates)
            if len(needle.text) >= MIN_CHARS and needle.text not in public]


def _strings(value):
    """Every string inside a parsed JSON value (notebook sources, outputs, metadata)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def searchable_text(name, data):
    """The text of one file as it is searched: decoded, JSON strings unescaped, whitespace normalised."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    parts = [text]
    if str(name).endswith((".ipynb", ".json")):
        try:
            parts += list(_strings(json.loads(text)))
        except ValueError:
            pass
    return normalise("\n".join(parts))


def find_leaks(files, needles):
    """``[(file, needle)]`` for every needle found in ``files`` (``{name: text or bytes}``)."""
    leaks = []
    for name, data in files.items():
        text = searchable_text(name, data)
        leaks += [(name, needle) for needle in needles if needle.text in text]
    return leaks


def folder_files(folder):
    """``{relative path: bytes}`` of every file under ``folder`` (hidden ones included)."""
    folder = Path(folder)
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def notes_mentions(files):
    """``[(file, excerpt)]`` for every line of ``files`` that names the authors' notes (the
    pattern `cnnlab check` uses: the authors' own notes are not the students' material)."""
    found = []
    for name, data in files.items():
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        for line in text.splitlines():
            match = AUTHOR_NOTES.search(line)
            if match:
                found.append((name, line[max(0, match.start() - 30): match.end() + 30].strip()))
    return found

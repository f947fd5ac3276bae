"""``cnnlab check``'s rules 8-15 about what the solutions show and say: stored outputs, Chinese
line breaks, zh/en parity, the authors' notes, full mode, typed durations, empty cells and the
glossary's terms (:mod:`cnnlab.tools.pipeline.check` lists every rule; the finders are in
:mod:`cnnlab.tools.pipeline.prose`).
"""

from cnnlab.tools.pipeline import prose
from cnnlab.tools.pipeline.problems import Problem, cell_label


# --- 8-15: stored outputs and prose ------------------------------------------------------------

def _each_solution(course, find, message, fix, lang=None):
    """Problems of a ``prose`` finder that yields ``(cell number, text, ...)`` in each solution."""
    return [Problem(course.rel(path), message(cell_label(found[0]), *found[1:]), fix(*found[1:]) if callable(fix) else fix)
            for lesson, _, each_lang, path in course.notebooks("solutions", lang)
            for found in find(course.notebook(path), each_lang)]


def stored_checks(course):
    """Rule 8."""
    return (_each_solution(course, lambda nb, _: prose.failed_checks(nb),
                           lambda cell, line: f"{cell}: stored output shows a failed inline check: {line[:80]!r}",
                           "fix the answer (or the checker), then run `cnnlab execute` for this lesson")
            + _each_solution(course, lambda nb, _: [(n,) for n in prose.ignored_check_cells(nb)],
                             lambda cell: f"{cell}: runs check_function but is tagged '{prose.NBVAL_IGNORE}'",
                             "remove the tag, so that nbval compares the ✓ of a re-run with the stored one"))


def cjk_line_breaks(course):
    """Rule 9."""
    return _each_solution(course, lambda nb, _: [(n, text) for n, source in prose.markdown_cells(nb)
                                                 for text in prose.cjk_line_breaks(source)],
                          lambda cell, text: f"{cell}: line break inside a Chinese sentence, shown as a space: {text!r}",
                          "join the two lines (break Chinese lines only between sentences that are separate "
                          "paragraphs)", lang="zh")


def prose_parity(course):
    """Rule 10."""
    problems = []
    for lesson, zh, en, _ in course.both_solutions():
        where_zh = course.rel(lesson.path(course.manifest.root, "solutions", "zh"))
        for zh_number, en_number, message in prose.parity(zh, en):
            where = "markdown cells" if zh_number is None else f"zh {cell_label(zh_number)} / en {cell_label(en_number)}"
            problems.append(Problem(where_zh, f"{where}: {message}",
                                    "make both languages state the same numbers, formulas and headings "
                                    "(a number that must differ, like a book edition's section number, "
                                    "goes in a <!-- parity-ignore: … --> comment)"))
    return problems


def author_notes(course):
    """Rule 11, for every notebook (solutions and lessons)."""
    return [Problem(course.rel(path), f"{cell_label(number)}: names the authors' notes: {text!r}",
                    "state the fact itself and cite a primary source (paper, documentation, "
                    "textbook); students never receive them")
            for _, _, _, path in course.notebooks() for number, text in prose.author_notes(course.notebook(path))]


def full_mode(course):
    """Rule 12."""
    problems = []
    for _, _, _, path in course.notebooks("solutions"):
        mode = course.notebook(path).metadata.get("cnnlab", {}).get("mode")
        if mode != "full":
            problems.append(Problem(course.rel(path), f"stored outputs come from {mode or 'an unknown'} mode, not full "
                                    "mode", "run `cnnlab execute --full NN` for this lesson (minutes; full data and epochs)"))
    return problems


def typed_durations(course):
    """Rule 13."""
    return _each_solution(course, prose.typed_durations, lambda cell, text: f"{cell}: a duration typed in prose: {text!r}",
                          "print the time from the run (or the lesson's metadata) in a code cell, "
                          "or leave the duration out")


def empty_cells(course):
    """Rule 14."""
    return _each_solution(course, lambda nb, _: [(n,) for n in prose.empty_code_cells(nb)],
                          lambda cell: f"{cell}: empty code cell", "delete the cell in both languages")


def zh_terms(course):
    """Rule 15."""
    return _each_solution(course, lambda nb, _: prose.zh_terms(nb),
                          lambda cell, text, _: f"{cell}: {text!r} is not the glossary's term",
                          lambda _, replacement: f"write {replacement} (course/glossary.md)", lang="zh")

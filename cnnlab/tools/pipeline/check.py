"""``cnnlab check``: every course invariant, each broken one reported with its fix.

``RULES`` lists them, one function each, in the order below. A rule is a function of a
``Course``: the manifest and every notebook, each read once and shared by all the rules
(``course.notebook(path)``); it returns a list of ``Problem``. Adding a rule is writing one
function and putting it in the list. The rules:

1. Every manifest lesson exists as ``solutions/`` and ``lessons/``, in zh and en,
   each as ``.ipynb`` and ``.py``; no notebook exists that the manifest lacks.
2. Each ``.ipynb`` and its ``.py`` hold the same notebook (jupytext pair in sync).
3. ``lessons/`` is exactly what ``cnnlab build`` writes from ``solutions/``.
4. The zh and en solutions of a lesson have the same code cells. The comparison
   reads each cell as Python tokens and ignores comments and the text inside
   string literals, which are for display and may be translated; everything else
   (names, numbers, operators, the order and number of code cells) must match.
5. Every notebook has the ``python3`` kernelspec.
6. Solution regions sit inside a function body, so that the student version
   (which raises NotImplementedError there) still runs top to bottom.
7. Every exercise of the manifest has its cells tagged ``exercise:<id>`` in each
   solution, and every such tag names an exercise of the manifest (the grader
   finds exercises by these tags). A ``layers`` exercise's reference model runs, and
   its cell calls ``predict_layers`` with the exercise's id (``check_exercises.py``).
8. No stored output of a solution shows a failed inline check (a line starting
   with ✗), and no cell that runs ``check_function`` is tagged
   ``nbval-ignore-output`` (so that nbval proves a re-run shows the same ✓).
9. No zh markdown line break sits between two Chinese characters (it renders
   as a space).
10. Each zh markdown cell and its en twin state the same numbers, the same
    formulas and the same heading levels (:func:`cnnlab.tools.pipeline.parity.parity`).
11. No solution or lesson names the authors' notes or their folder.
12. The stored outputs of every solution come from full mode (the notebook's
    metadata ``cnnlab.mode`` is ``"full"``, written by ``cnnlab execute --full``):
    they are what a reader of the notebook or of the static site sees, so they
    must be the lesson's real results, not quick mode's.
13. No markdown cell of a solution types a duration ("about a minute", "24 s",
    "几分钟"): durations are printed from the run, or from the lesson's metadata.
14. No solution has an empty code cell.
15. No zh solution uses a term the glossary replaces (跳距 → 等效步幅; 单元 for a
    notebook cell → 单元格).
16. Every quick check with variants (``cnnlab.exercises.variants``) has at least four distinct
    answers; in every variant the answer and each named mistake differ, the prompt, hint and
    explanation are filled in, and the check accepts its own answer; the zh and en solutions
    have the same variants with the same keys.
"""

from cnnlab.cells import exercise_cells
from cnnlab.i18n import LANGUAGES
from cnnlab.manifest import NOTEBOOK_KINDS as KINDS
from cnnlab.tools.pipeline import prose
from cnnlab.tools.pipeline.build import expected_lesson_files
from cnnlab.tools.pipeline.check_exercises import check_layers_exercises, layers_exercises, quick_check_variants, variants
from cnnlab.tools.pipeline.notebooks import as_py, code_cells, code_tokens
from cnnlab.tools.pipeline.problems import Course, Problem, cell_label
from cnnlab.tools.markers import BEGIN_SOLUTION, END_SOLUTION, MarkerError, find_regions

__all__ = ["Problem", "Course", "RULES", "check", "code_tokens", "check_layers_exercises", "quick_check_variants"]


# --- 1-3, 5: files, pairs, kernelspecs, built lessons -----------------------------------------

def files_exist(course):
    """Rule 1."""
    manifest, problems, expected = course.manifest, [], set()
    for lesson in manifest.lessons:
        for kind in KINDS:
            for lang in LANGUAGES:
                for ext in (".ipynb", ".py"):
                    path = lesson.path(manifest.root, kind, lang, ext)
                    expected.add(path)
                    if not path.is_file():
                        fix = ("write the solution (copy the other language's code cells)"
                               if kind == "solutions" else "run `cnnlab build`")
                        if kind == "solutions" and ext == ".py":
                            fix = f"run `jupytext --sync {course.rel(path.with_suffix('.ipynb'))}`"
                        problems.append(Problem(course.rel(path), "missing", fix))
    drafts = {lesson.path(manifest.root, kind, lang) for lesson in manifest.drafts
              for kind in KINDS for lang in LANGUAGES}
    for kind in KINDS:
        for lang in LANGUAGES:
            for path in sorted((manifest.root / kind / lang).glob("*.ipynb")):
                if path not in expected and path not in drafts:   # a draft is checked once it is listed
                    problems.append(Problem(course.rel(path), "not a lesson in course/manifest.toml",
                                            "add the lesson to the manifest or delete the file"))
    return problems


def kernelspec_and_pair(course):
    """Rules 2 and 5."""
    problems = []
    for _, _, _, path in course.notebooks():
        nb = course.notebook(path)
        if nb.metadata.get("kernelspec", {}).get("name") != "python3":
            problems.append(Problem(course.rel(path), "no python3 kernelspec",
                                    "run `cnnlab execute` (solutions) or `cnnlab build` (lessons)"))
        py = path.with_suffix(".py")
        if py.is_file() and py.read_text(encoding="utf-8") != as_py(nb, path.parent):
            problems.append(Problem(course.rel(py), f"out of sync with {path.name}",
                                    f"run `jupytext --sync {course.rel(py)}` (the newer file wins)"))
    return problems


def lessons_built(course):
    """Rule 3."""
    problems = []
    for lesson, _, lang, path in course.notebooks("solutions"):
        for target, text in expected_lesson_files(course.manifest, lesson, lang, course.notebook(path)).items():
            if target.is_file() and target.read_text(encoding="utf-8") != text:
                problems.append(Problem(course.rel(target), "differs from what `cnnlab build` writes",
                                        "edit solutions/, never lessons/, then run `cnnlab build`"))
    return problems


# --- 4, 6, 7: code cells, solution regions, exercise tags (layers and variants: check_exercises.py) -------------------------------------

def languages_agree(course):
    """Rule 4."""
    problems = []
    for _, zh, en, path in course.both_solutions():
        zh_cells, en_cells = code_cells(zh), code_cells(en)
        if len(zh_cells) != len(en_cells):
            problems.append(Problem(course.rel(path), f"{len(en_cells)} code cells, but the zh solution has "
                                    f"{len(zh_cells)}", "give both languages the same code cells"))
            continue
        for number, (a, b) in enumerate(zip(zh_cells, en_cells)):
            if code_tokens(a.source) != code_tokens(b.source):
                first_line = b.source.strip().splitlines()[0] if b.source.strip() else ""
                problems.append(Problem(course.rel(path), f"code cell {number} ({first_line[:40]!r}) differs from "
                                        "the zh solution", "copy the code; only comments and display strings may differ"))
    return problems


def solution_regions(course):
    """Rule 6."""
    problems = []
    for _, _, _, path in course.notebooks("solutions"):
        for number, cell in enumerate(course.notebook(path).cells):
            if cell.cell_type != "code":
                continue
            lines = cell.source.split("\n")
            try:
                regions = find_regions(lines, BEGIN_SOLUTION, END_SOLUTION)
            except MarkerError as err:
                problems.append(Problem(course.rel(path), f"code cell {number}: {err}", "close every solution region"))
                continue
            problems += [Problem(course.rel(path), f"code cell {number}: solution region at top level",
                                 "put the answer inside a function body, so the student version still runs")
                         for first, _ in regions if not lines[first].startswith((" ", "\t"))]
    return problems


def exercise_tags(course):
    """Rule 7."""
    problems = []
    for lesson, _, _, path in course.notebooks("solutions"):
        tagged = set(exercise_cells(course.notebook(path)))
        listed = {exercise.id for exercise in lesson.exercises}
        problems += [Problem(course.rel(path), f"exercise {name!r} has no cell tagged 'exercise:{name}'",
                             "tag the exercise's cells, or remove it from course/manifest.toml")
                     for name in sorted(listed - tagged)]
        problems += [Problem(course.rel(path), f"cells tagged 'exercise:{name}' but the manifest has no such exercise",
                             "add the exercise (with its points) to course/manifest.toml")
                     for name in sorted(tagged - listed)]
    return problems


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


RULES = [files_exist, kernelspec_and_pair, lessons_built, languages_agree, solution_regions, exercise_tags,
         layers_exercises, variants, stored_checks, cjk_line_breaks, prose_parity, author_notes, full_mode,
         typed_durations, empty_cells, zh_terms]


def check(manifest, rules=RULES):
    """Every problem found, as a list of Problem (empty when the course is consistent)."""
    course = Course(manifest)
    return [problem for rule in rules for problem in rule(course)]

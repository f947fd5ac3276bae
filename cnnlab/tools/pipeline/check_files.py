"""``cnnlab check``'s rules 1-7 about files and code cells: every notebook exists, each pair is in
sync, the lessons are built, the zh and en solutions have the same code, solution regions sit in
a function body and the exercise tags match the manifest (:mod:`cnnlab.tools.pipeline.check`
lists every rule).
"""

from cnnlab.cells import exercise_cells
from cnnlab.i18n import LANGUAGES
from cnnlab.manifest import NOTEBOOK_KINDS as KINDS
from cnnlab.tools.pipeline.build import expected_lesson_files
from cnnlab.tools.pipeline.notebooks import as_py, code_cells, code_tokens
from cnnlab.tools.pipeline.problems import Problem
from cnnlab.tools.markers import BEGIN_SOLUTION, END_SOLUTION, MarkerError, find_regions


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

"""``cnnlab check``: every course invariant, each broken one reported with its fix.

The rules:

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
   finds exercises by these tags).
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

import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

from cnnlab.cells import exercise_cells, is_magic
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.build import expected_lesson_files
from cnnlab.tools.pipeline import prose
from cnnlab.tools.pipeline.notebooks import as_py, code_cells, read_notebook
from cnnlab.tools.pipeline.steps import BEGIN_SOLUTION, END_SOLUTION, MarkerError, find_regions
from cnnlab.manifest import NOTEBOOK_KINDS as KINDS


@dataclass
class Problem:
    path: Path
    message: str
    fix: str

    def __str__(self):
        return f"{self.path}: {self.message} — fix: {self.fix}"


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


def _rel(manifest, path):
    try:
        return Path(path).relative_to(manifest.root)
    except ValueError:
        return Path(path)


def check_files_exist(manifest):
    problems, expected = [], set()
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
                            fix = f"run `jupytext --sync {_rel(manifest, path.with_suffix('.ipynb'))}`"
                        problems.append(Problem(_rel(manifest, path), "missing", fix))
    drafts = {lesson.path(manifest.root, kind, lang) for lesson in manifest.drafts
              for kind in KINDS for lang in LANGUAGES}
    for kind in KINDS:
        for lang in LANGUAGES:
            for path in sorted((manifest.root / kind / lang).glob("*.ipynb")):
                if path in drafts:
                    continue  # a lesson being written: checked once its draft flag is gone
                if path not in expected:
                    problems.append(Problem(_rel(manifest, path), "not a lesson in course/manifest.toml",
                                            "add the lesson to the manifest or delete the file"))
    return problems


def check_notebook(manifest, path):
    """Kernelspec and jupytext-pair problems of one existing notebook."""
    problems = []
    nb = read_notebook(path)
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append(Problem(_rel(manifest, path), "no python3 kernelspec",
                                "run `cnnlab execute` (solutions) or `cnnlab build` (lessons)"))
    py = path.with_suffix(".py")
    if py.is_file() and py.read_text(encoding="utf-8") != as_py(nb, path.parent):
        problems.append(Problem(_rel(manifest, py), f"out of sync with {path.name}",
                                f"run `jupytext --sync {_rel(manifest, py)}` (the newer file wins)"))
    return problems


def check_solution_regions(manifest, path):
    problems = []
    for number, cell in enumerate(read_notebook(path).cells):
        if cell.cell_type != "code":
            continue
        lines = cell.source.split("\n")
        try:
            regions = find_regions(lines, BEGIN_SOLUTION, END_SOLUTION)
        except MarkerError as err:
            problems.append(Problem(_rel(manifest, path), f"code cell {number}: {err}",
                                    "close every solution region"))
            continue
        for first, _ in regions:
            if not lines[first].startswith((" ", "\t")):
                problems.append(Problem(
                    _rel(manifest, path), f"code cell {number}: solution region at top level",
                    "put the answer inside a function body, so the student version still runs"))
    return problems


def check_languages_agree(manifest, lesson):
    zh, en = (lesson.path(manifest.root, "solutions", lang) for lang in ("zh", "en"))
    if not (zh.is_file() and en.is_file()):
        return []
    zh_cells, en_cells = code_cells(read_notebook(zh)), code_cells(read_notebook(en))
    where = _rel(manifest, en)
    if len(zh_cells) != len(en_cells):
        return [Problem(where, f"{len(en_cells)} code cells, but the zh solution has {len(zh_cells)}",
                        "give both languages the same code cells")]
    problems = []
    for number, (a, b) in enumerate(zip(zh_cells, en_cells)):
        if code_tokens(a.source) != code_tokens(b.source):
            first_line = b.source.strip().splitlines()[0] if b.source.strip() else ""
            problems.append(Problem(where, f"code cell {number} ({first_line[:40]!r}) differs from the zh solution",
                                    "copy the code; only comments and display strings may differ"))
    return problems



def check_exercise_tags(manifest, lesson, path):
    tagged = set(exercise_cells(read_notebook(path)))
    listed = {exercise.id for exercise in lesson.exercises}
    problems = [Problem(_rel(manifest, path), f"exercise {name!r} has no cell tagged 'exercise:{name}'",
                        "tag the exercise's cells, or remove it from course/manifest.toml")
                for name in sorted(listed - tagged)]
    problems += [Problem(_rel(manifest, path), f"cells tagged 'exercise:{name}' but the manifest has no such exercise",
                         "add the exercise (with its points) to course/manifest.toml")
                 for name in sorted(tagged - listed)]
    return problems


def check_lessons_built(manifest, lesson):
    problems = []
    for lang in LANGUAGES:
        if not lesson.path(manifest.root, "solutions", lang).is_file():
            continue
        for path, text in expected_lesson_files(manifest, lesson, lang).items():
            if path.is_file() and path.read_text(encoding="utf-8") != text:
                problems.append(Problem(_rel(manifest, path), "differs from what `cnnlab build` writes",
                                        "edit solutions/, never lessons/, then run `cnnlab build`"))
    return problems


def _cell(number):
    return f"cell {number} (id cell-{number:03d})"


def check_stored_checks(manifest, path):
    """Rule 8 for one solution notebook."""
    nb, where = read_notebook(path), _rel(manifest, path)
    problems = [Problem(where, f"{_cell(n)}: stored output shows a failed inline check: {line[:80]!r}",
                        "fix the answer (or the checker), then run `cnnlab execute` for this lesson")
                for n, line in prose.failed_checks(nb)]
    problems += [Problem(where, f"{_cell(n)}: runs check_function but is tagged '{prose.NBVAL_IGNORE}'",
                         "remove the tag, so that nbval compares the ✓ of a re-run with the stored one")
                 for n in prose.ignored_check_cells(nb)]
    return problems


def check_cjk_line_breaks(manifest, path):
    """Rule 9 for one zh notebook."""
    problems = []
    for number, source in prose.markdown_cells(read_notebook(path)):
        for text in prose.cjk_line_breaks(source):
            problems.append(Problem(_rel(manifest, path), f"{_cell(number)}: line break inside a Chinese "
                                    f"sentence, shown as a space: {text!r}",
                                    "join the two lines (break Chinese lines only between sentences "
                                    "that are separate paragraphs)"))
    return problems


def check_prose_parity(manifest, lesson):
    """Rule 10 for one lesson's solutions."""
    zh, en = (lesson.path(manifest.root, "solutions", lang) for lang in ("zh", "en"))
    if not (zh.is_file() and en.is_file()):
        return []
    problems = []
    for zh_number, en_number, message in prose.parity(read_notebook(zh), read_notebook(en)):
        where = "markdown cells" if zh_number is None else f"zh {_cell(zh_number)} / en {_cell(en_number)}"
        problems.append(Problem(_rel(manifest, zh), f"{where}: {message}",
                                "make both languages state the same numbers, formulas and headings "
                                "(a number that must differ, like a book edition's section number, "
                                "goes in a <!-- parity-ignore: … --> comment)"))
    return problems


def check_author_notes(manifest, path):
    """Rule 11 for one notebook."""
    return [Problem(_rel(manifest, path), f"{_cell(number)}: names the authors' notes: {text!r}",
                    "state the fact itself and cite a primary source (paper, documentation, "
                    "textbook); students never receive them")
            for number, text in prose.author_notes(read_notebook(path))]


def check_typed_durations(manifest, path, lang):
    """Rule 13 for one solution notebook."""
    return [Problem(_rel(manifest, path), f"{_cell(number)}: a duration typed in prose: {text!r}",
                    "print the time from the run (or the lesson's metadata) in a code cell, "
                    "or leave the duration out")
            for number, text in prose.typed_durations(read_notebook(path), lang)]


def check_empty_cells(manifest, path):
    """Rule 14 for one solution notebook."""
    return [Problem(_rel(manifest, path), f"{_cell(number)}: empty code cell",
                    "delete the cell in both languages")
            for number in prose.empty_code_cells(read_notebook(path))]


def check_zh_terms(manifest, path):
    """Rule 15 for one zh solution notebook."""
    return [Problem(_rel(manifest, path), f"{_cell(number)}: {text!r} is not the glossary's term",
                    f"write {replacement} (course/glossary.md)")
            for number, text, replacement in prose.zh_terms(read_notebook(path))]


def check_full_mode(manifest, path):
    """Rule 12 for one solution notebook."""
    mode = read_notebook(path).metadata.get("cnnlab", {}).get("mode")
    if mode == "full":
        return []
    return [Problem(_rel(manifest, path), f"stored outputs come from {mode or 'an unknown'} mode, not full mode",
                    "run `cnnlab execute --full NN` for this lesson (minutes; full data and epochs)")]


def check_layers_exercises(manifest, lesson, path):
    """A ``layers`` exercise's reference model builds and runs on its input, and the solution's
    tagged cell calls predict_layers with the exercise's id (the grader scores against the former)."""
    problems = []
    for exercise in (e for e in lesson.exercises if e.kind == "layers"):
        try:
            from cnnlab.exercises.layerspec import build_model
            from cnnlab.facts import layer_facts
            layer_facts(build_model(exercise.layers), exercise.input_shape)
        except Exception as err:
            problems.append(Problem("course/manifest.toml", f"exercise {exercise.id!r}: the reference model "
                                    f"does not run: {err}", "fix its layers or input_shape"))
        sources = [cell.source for cell in exercise_cells(read_notebook(path)).get(exercise.id, [])]
        if sources and not any("predict_layers" in src and repr(exercise.id) in src.replace('"', "'")
                               for src in sources):
            problems.append(Problem(_rel(manifest, path), f"the cell of {exercise.id!r} does not call "
                                    f"predict_layers(..., exercise={exercise.id!r})", "call it there"))
    return problems


def quick_check_variants(path):
    """``{exercise: (kind, [Variant], VariantSpecs)}`` of the quick checks with variants in a solution."""
    import ast
    from cnnlab.cells import mask_magics, parse_python
    from cnnlab.exercises.spec import quick_check_calls, spec_from_call
    from cnnlab.exercises.variants import variants_in_source
    found = {}
    for cell in code_cells(read_notebook(path)):
        if "variants=" not in cell.source:
            continue
        tree = parse_python(mask_magics(cell.source))
        for kind, call in quick_check_calls(tree):
            if any(kw.arg == "variants" for kw in call.keywords):
                found[ast.literal_eval(call.args[0])] = (kind, variants_in_source(tree, call),
                                                         spec_from_call(kind, call, tree))
    return found


def check_variants(manifest, lesson):
    """Rule 16: the variants of every quick check, in each language and between the two."""
    from cnnlab.exercises.spec import SpecError
    from cnnlab.exercises.spec import variant_problems
    from cnnlab.exercises.variants import VariantError
    problems, tables = [], {}
    for lang in LANGUAGES:
        path = lesson.path(manifest.root, "solutions", lang)
        if not path.is_file():
            continue
        try:
            tables[lang] = quick_check_variants(path)
        except (SpecError, VariantError, SyntaxError) as err:
            problems.append(Problem(_rel(manifest, path), f"a quick check's variants cannot be made: {err}",
                                    "fix the variant function or the vary(...) call"))
            continue
        for exercise, (kind, variants, specs) in tables[lang].items():
            problems += [Problem(_rel(manifest, path), f"quick check {exercise!r}: {problem}",
                                 "change the variant function or the values vary() gives it")
                         for problem in variant_problems(kind, variants, specs)]
    if len(tables) == 2:
        zh, en = tables["zh"], tables["en"]
        for exercise in sorted(set(zh) | set(en)):
            if exercise not in zh or exercise not in en or zh[exercise][2] != en[exercise][2]:
                problems.append(Problem(_rel(manifest, lesson.path(manifest.root, "solutions", "en")),
                                        f"quick check {exercise!r}: the zh and en variants differ (values, answers "
                                        "or named mistakes)", "compute both languages' checks the same way"))
    return problems


def check(manifest):
    """Every problem found, as a list of Problem (empty when the course is consistent)."""
    problems = check_files_exist(manifest)
    for lesson in manifest.lessons:
        for kind in KINDS:
            for lang in LANGUAGES:
                path = lesson.path(manifest.root, kind, lang)
                if path.is_file():
                    problems += check_notebook(manifest, path)
                    problems += check_author_notes(manifest, path)
                    if kind == "solutions":
                        problems += check_solution_regions(manifest, path)
                        problems += check_exercise_tags(manifest, lesson, path)
                        problems += check_layers_exercises(manifest, lesson, path)
                        problems += check_stored_checks(manifest, path)
                        problems += check_full_mode(manifest, path)
                        problems += check_typed_durations(manifest, path, lang)
                        problems += check_empty_cells(manifest, path)
                        if lang == "zh":
                            problems += check_cjk_line_breaks(manifest, path)
                            problems += check_zh_terms(manifest, path)
        problems += check_languages_agree(manifest, lesson)
        problems += check_variants(manifest, lesson)
        problems += check_prose_parity(manifest, lesson)
        problems += check_lessons_built(manifest, lesson)
    return problems

"""``cnnlab check``: every course invariant, each broken one reported with its fix.

``RULES`` lists them, one function each, in the order below. A rule is a function of a
``Course``: the manifest and every notebook, each read once and shared by all the rules
(``course.notebook(path)``); it returns a list of ``Problem``, whose message and fix it writes
with ``cnnlab.i18n.say`` (the English is what scripts and tests read; ``CNNLAB_LANG=zh`` prints
the Chinese). Adding a rule is writing one function and putting it in the list. Rules 1-7 live
in ``check_files.py``, 8-15 in ``check_prose.py``, and those that run an exercise's code (7's
``layers`` exercises, 16) in ``check_exercises.py``. The rules:

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

from cnnlab.tools.pipeline.check_exercises import check_layers_exercises, layers_exercises, quick_check_variants, variants
from cnnlab.tools.pipeline.check_files import (exercise_tags, files_exist, kernelspec_and_pair, languages_agree,
                                               lessons_built, solution_regions)
from cnnlab.tools.pipeline.check_prose import (author_notes, cjk_line_breaks, empty_cells, full_mode, prose_parity,
                                               stored_checks, typed_durations, zh_terms)
from cnnlab.tools.pipeline.notebooks import code_tokens
from cnnlab.tools.pipeline.problems import Course, Problem

__all__ = ["Problem", "Course", "RULES", "check", "code_tokens", "check_layers_exercises", "quick_check_variants"]


RULES = [files_exist, kernelspec_and_pair, lessons_built, languages_agree, solution_regions, exercise_tags,
         layers_exercises, variants, stored_checks, cjk_line_breaks, prose_parity, author_notes, full_mode,
         typed_durations, empty_cells, zh_terms]


def check(manifest, rules=RULES):
    """Every problem found, as a list of Problem (empty when the course is consistent)."""
    course = Course(manifest)
    found = [problem for rule in rules for problem in rule(course)]
    unique = {}
    for problem in found:        # one manifest line read for both languages' solutions is one problem
        unique.setdefault(str(problem), problem)
    return list(unique.values())

"""Submission folders for the grading tests, made at test time from the real notebooks.

A *perfect* submission is the student notebook with each answer cell replaced by
the solution's cell that defines the same function, plus an answers file holding
the solution's quick-check answers. Every adversarial case starts from the
perfect or the untouched student notebook and breaks one thing.
"""

import ast
import copy
import json
from pathlib import Path

import nbformat

from cnnlab.exercises.answers import FORMAT, SUFFIX
from cnnlab.exercises.spec import quick_check_calls
from cnnlab.tools.grading.harness import defined_names
from cnnlab.cells import exercise_cells
from cnnlab.tools.pipeline.notebooks import read_notebook
from cnnlab.tools.markers import BEGIN_SOLUTION


def solution(manifest, lesson, lang="en"):
    return read_notebook(lesson.path(manifest.root, "solutions", lang))


def student(manifest, lesson, lang="en"):
    return read_notebook(lesson.path(manifest.root, "lessons", lang))


def code_exercises(lesson):
    return [e.id for e in lesson.exercises if e.kind == "code"]


def quick_exercises(lesson):
    return [e.id for e in lesson.exercises if e.kind not in ("code", "layers")]


def layers_answers(lesson):
    """``{exercise: [{quantity: raw}, ...]}``: the right prediction of every row of each layers
    exercise, from its reference model in the manifest (what a student who knows it types)."""
    from cnnlab.exercises.layerchecks import truth
    from cnnlab.exercises.layerspec import build_model
    from cnnlab.facts import layer_facts
    found = {}
    for e in (e for e in lesson.exercises if e.kind == "layers"):
        facts = layer_facts(build_model(e.layers), e.input_shape)
        found[e.id] = [{q: "x".join(map(str, v)) if isinstance(v, tuple) else str(v)
                        for q in e.ask if (v := truth(fact, q)) is not None} for fact in facts]
    return found


def answer_cells(nb, exercise):
    """The cells of ``exercise`` that hold an answer (define a function)."""
    return [c for c in exercise_cells(nb).get(exercise, []) if c.cell_type == "code"
            and any(line.lstrip().startswith("def ") for line in c.source.splitlines())]


def perfect_notebook(manifest, lesson, lang="en"):
    """The student notebook with the solution's answer regions put in."""
    sol, nb = solution(manifest, lesson, lang), copy.deepcopy(student(manifest, lesson, lang))
    for exercise in code_exercises(lesson):
        for answer in [c for c in exercise_cells(sol)[exercise] if BEGIN_SOLUTION in c.source]:
            names = defined_names(answer.source)
            for cell in answer_cells(nb, exercise):
                if names & defined_names(cell.source):
                    cell.source = answer.source
    return nb


def solution_answers(manifest, lesson, lang="en", student=""):
    """``{exercise: raw answer}`` of every quick check, read from the solution's widget calls; a
    check with variants gives the answer of ``student``'s variant (the id the grader grades)."""
    from cnnlab.exercises.variants import typed_answer, variant_index, variants_in_source
    found = {}
    for exercise in quick_exercises(lesson):
        for cell in exercise_cells(solution(manifest, lesson, lang)).get(exercise, []):
            tree = ast.parse(cell.source)
            for kind, call in quick_check_calls(tree):
                if any(k.arg == "variants" for k in call.keywords):
                    variants = variants_in_source(tree, call)
                    answer = variants[variant_index(exercise, student, len(variants))].fields["answer"]
                    found[exercise] = typed_answer(kind, answer)
                    continue
                answer = next(ast.literal_eval(k.value) for k in call.keywords if k.arg == "answer")
                found[exercise] = answer if kind == "choice" else str(answer)
    return {**found, **layers_answers(lesson)}


def variants_of(manifest, lesson, exercise, lang="en"):
    """Every ``Variant`` of quick check ``exercise``, from the solution (answers in plain sight)."""
    from cnnlab.exercises.variants import variants_in_source
    for cell in exercise_cells(solution(manifest, lesson, lang)).get(exercise, []):
        tree = ast.parse(cell.source)
        for _kind, call in quick_check_calls(tree):
            if any(k.arg == "variants" for k in call.keywords):
                return variants_in_source(tree, call)
    raise LookupError(f"{lesson.stem} has no quick check {exercise!r} with variants")


def variant_of(manifest, lesson, exercise, student="", lang="en"):
    """The ``Variant`` of quick check ``exercise`` that ``student`` gets (its fields hold the answer
    and the named mistakes as ``(id, wrong answer, hint)``)."""
    from cnnlab.exercises.variants import variant_index
    variants = variants_of(manifest, lesson, exercise, lang)
    return variants[variant_index(exercise, student, len(variants))]


def mistaken_answer(manifest, lesson, exercise, mistake, student="", lang="en"):
    """What ``student`` types when making the named ``mistake`` with their own numbers."""
    from cnnlab.exercises.variants import typed_answer
    variant = variant_of(manifest, lesson, exercise, student, lang)
    wrong = next(w for m, w, _ in variant.fields["mistakes"] if m == mistake)
    return typed_answer("shape" if isinstance(wrong, (tuple, list)) else "numeric", wrong)


def _is_rows(answer):
    return isinstance(answer, list) and answer and all(isinstance(a, dict) for a in answer)


def answers_file(lesson, answers, claim_correct=False):
    records = [{"exercise": exercise, "kind": "quick", "answer": answer,
                "status": "correct" if claim_correct else "checked", "correct": claim_correct, "try": 1}
               for exercise, answer in answers.items() if not _is_rows(answer)]
    records += [{"exercise": exercise, "kind": "layers", "answer": row_answer, "row": row, "status": "checked"}
                for exercise, answer in answers.items() if _is_rows(answer) for row, row_answer in enumerate(answer)]
    return {"format": FORMAT, "lesson": lesson.stem, "records": records}


def write_submission(root, name, lesson, nb=None, answers=None, notebook_text=None):
    """``root/name/NN_slug.ipynb`` (+ answers file); returns the folder."""
    folder = Path(root) / name
    folder.mkdir(parents=True, exist_ok=True)
    if notebook_text is not None:
        (folder / f"{lesson.stem}.ipynb").write_text(notebook_text, encoding="utf-8")
    elif nb is not None:
        nbformat.write(nb, str(folder / f"{lesson.stem}.ipynb"))
    if answers is not None:
        (folder / f"{lesson.stem}{SUFFIX}").write_text(json.dumps(answers), encoding="utf-8")
    return folder


def first_body_line(source):
    """The 0-based line of the first statement after the docstring of the first function in ``source``
    (where a test puts extra lines into a student's answer; a docstring may span several lines)."""
    import ast
    function = next(node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef))
    body = function.body
    has_docstring = isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
        and isinstance(body[0].value.value, str)
    if has_docstring:
        return body[0].end_lineno if len(body) == 1 else body[1].lineno - 1
    return body[0].lineno - 1


def insert_in_body(cell, *lines):
    """Put ``lines`` (one indent level deep) first in the body of the function that ``cell`` defines."""
    source = cell.source.split("\n")
    first = first_body_line(cell.source)
    source[first:first] = ["    " + line for line in lines]
    cell.source = "\n".join(source)

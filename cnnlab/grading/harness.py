"""Build the notebook that grades one submission: solution setup, student answers, hidden tests.

The graded notebook is made from two sources, and from each only what it may supply:

* from the **solution**: every setup cell (imports, data, helper values — never the
  student's copy of them) and every exercise's check cell, hidden tests included
  (``### BEGIN HIDDEN TESTS`` never reaches students, so it cannot come from them);
* from the **submission**: only the answer cells — for each solution cell of an
  exercise that holds ``### BEGIN SOLUTION``, the first student cell tagged
  ``exercise:<id>`` that defines the same names (``def my_corr2d``).

Around each exercise the harness adds its own cells (role ``guard``), tagged with
a random nonce the submission never sees before it runs:

    restore   put numpy/torch/cnnlab/builtins and the setup names back; report tampering
    answer    the student's cell
    restore   again, keeping the answer's own names
    check     the solution's check cell + ``passed_<nonce> = True`` as its last line
    verdict   print ``<nonce> {"passed": ..., "tampered": [...]}``

The verdict needs both the kernel's reply ("no error") and that nonce line, so
neither printing "passed" nor swallowing the assertion earns points.
"""

import ast
import json
import re
import secrets
from dataclasses import dataclass, field

from cnnlab.pipeline.check import EXERCISE_TAG, exercise_cells
from cnnlab.pipeline.steps import BEGIN_HIDDEN, BEGIN_SOLUTION

CODE_KIND = "code"


@dataclass
class Cell:
    role: str           # setup | guard | answer | check | verdict
    source: str
    exercise: str = ""  # empty for setup cells


@dataclass
class Plan:
    """What the executor runs (``cells``) and what is already known before running."""
    nonce: str
    cells: list = field(default_factory=list)
    settled: dict = field(default_factory=dict)   # exercise id -> status (e.g. missing)
    flags: dict = field(default_factory=dict)     # exercise id -> [note, ...]

    def to_json(self):
        return {"nonce": self.nonce, "cells": [vars(cell) for cell in self.cells]}


def defined_names(source):
    """Top-level names a cell defines (functions, classes, assignments)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a student's broken cell: fall back to the text
        return set(re.findall(r"^(?:def|class)\s+([A-Za-z_]\w*)", source, re.M))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _exercise_of(cell):
    for tag in cell.get("metadata", {}).get("tags", []):
        if tag.startswith(EXERCISE_TAG):
            return tag[len(EXERCISE_TAG):]
    return ""


def find_answer(student_nb, exercise, names):
    """``(cell source or None, note or None)``: the student's cell defining ``names``.

    Tagged cells are searched first; an untagged cell is accepted (with a note),
    because some editors drop tags when a cell is copied.
    """
    tagged = [c for c in exercise_cells(student_nb).get(exercise, []) if c.cell_type == "code"]
    matches = [c for c in tagged if names & defined_names(c.source)]
    note = None
    if not matches:
        matches = [c for c in student_nb.cells if c.cell_type == "code" and names & defined_names(c.source)]
        if matches:
            note = f"answer found in a cell without the tag exercise:{exercise}"
    if len(matches) > 1:
        note = f"duplicated cells: {len(matches)} define {', '.join(sorted(names))}; graded the first"
    return (matches[0].source if matches else None), note


def _guard(nonce):
    return f"_cnnlab_guard_{nonce}"


def guard_cells(nonce):
    """The harness's own cell sources, all naming the guard through the nonce."""
    g, flag = _guard(nonce), f"_cnnlab_passed_{nonce}"
    return {
        "create": f"{g} = __import__('cnnlab.grading.guard', fromlist=['Guard']).Guard(globals())",
        "record": f"{g}.record()",
        "restore": lambda keep: (f"{flag} = False\n"
                                 f"print({nonce!r}, __import__('json').dumps("
                                 f"{{'restored': {g}.restore(keep={sorted(keep)!r})}}))"),
        "passed": f"\n{flag} = True",
        "verdict": (f"print({nonce!r}, __import__('json').dumps("
                    f"{{'passed': {flag} is True, 'tampered': {g}.verify()}}))"),
    }


def build_plan(solution_nb, student_nb, lesson, nonce=None):
    """The graded notebook for one submission, as a Plan (see the module docstring)."""
    plan = Plan(nonce=nonce or secrets.token_hex(8))
    harness = guard_cells(plan.nonce)
    kinds = {exercise.id: exercise.kind for exercise in lesson.exercises}
    guarded, done = False, set()
    for cell in solution_nb.cells:
        if cell.cell_type != "code":
            continue
        exercise = _exercise_of(cell)
        if not exercise:
            plan.cells.append(Cell("setup", cell.source))
            if guarded:
                plan.cells.append(Cell("guard", harness["record"]))
            continue
        if kinds.get(exercise) != CODE_KIND or exercise in done:
            continue  # quick checks are scored from the answers file, not run
        done.add(exercise)
        if not guarded:
            plan.cells.append(Cell("guard", harness["create"]))
            guarded = True
        plan.cells += exercise_block(solution_nb, student_nb, exercise, harness, plan)
    for exercise, kind in kinds.items():
        if kind == CODE_KIND and exercise not in done:
            plan.settled[exercise] = "error: the solution has no cell tagged exercise:" + exercise
    return plan


def exercise_block(solution_nb, student_nb, exercise, harness, plan):
    """restore, answer(s), restore, check, verdict — or nothing when an answer is missing."""
    cells = [c for c in exercise_cells(solution_nb)[exercise] if c.cell_type == "code"]
    answers = [c for c in cells if BEGIN_SOLUTION in c.source]
    checks = [c for c in cells if c not in answers]
    if not any(BEGIN_HIDDEN in c.source for c in checks):
        plan.settled[exercise] = "error: the solution has no hidden tests for this exercise"
        return []
    block, keep = [Cell("guard", harness["restore"](()), exercise)], set()
    for answer in answers:
        names = defined_names(answer.source)
        source, note = find_answer(student_nb, exercise, names)
        if note:
            plan.flags.setdefault(exercise, []).append(note)
        if source is None:
            plan.settled[exercise] = (f"missing: no cell tagged exercise:{exercise} "
                                      f"defines {', '.join(sorted(names))}")
            return []
        block.append(Cell("answer", source, exercise))
        keep |= names
    block.append(Cell("guard", harness["restore"](keep), exercise))
    check_source = "\n".join(c.source for c in checks)
    block.append(Cell("check", check_source + harness["passed"], exercise))
    block.append(Cell("verdict", harness["verdict"], exercise))
    return block


def parse_harness_lines(text, nonce):
    """The JSON objects the harness printed (lines starting with the nonce)."""
    found = []
    for line in text.splitlines():
        if line.startswith(nonce + " "):
            try:
                found.append(json.loads(line[len(nonce) + 1:]))
            except ValueError:
                pass
    return found

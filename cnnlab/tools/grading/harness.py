"""What grading one submission runs, and where: the student's kernel or the trusted process.

The plan is made from two sources, and from each only what it may supply:

* from the **solution**: every setup cell (imports, data, helper values — never the
  student's copy of them) and every exercise's check cell, hidden tests included
  (``### BEGIN HIDDEN TESTS`` never reaches students, so it cannot come from them);
* from the **submission**: what the exercise's check cell used in the student's notebook
  (``student_cells.py``) — for each solution cell of an exercise that holds
  ``### BEGIN SOLUTION``, the last student cell above the check cell that defines the same
  names (``def my_corr2d``), tagged or not, and the statements of the student's other cells
  that it uses (``import math``, a helper, a constant).

Each cell has a role that says where it runs (``worker.py``)::

    setup    both: the student's kernel and the trusted reference process
    support  the student's kernel only: statements of the student's other cells the answer uses
    answer   the student's kernel only
    public   the student's kernel only: the check cell up to ``### BEGIN HIDDEN TESTS``
             (the public cases, which students see anyway; its printout goes to the feedback)
    hidden   the trusted process only: the whole check cell with ``check_function`` a no-op,
             the exercise's functions bound to proxies that call the student's kernel (for an
             exercise with ``partial = true``, also the solution's answer, run there to count the
             hidden cases)

So the hidden tests' inputs travel to the student's kernel as data, the student's
results come back as data, and the expected values exist only in the trusted process.
"""

import ast
from dataclasses import dataclass, field

from cnnlab.cells import exercise_cells, exercise_of, parse_python
from cnnlab.exercises.monitor import source_tampers
from cnnlab.tools.grading import student_cells
from cnnlab.tools.grading.student_cells import defined_names
from cnnlab.tools.markers import BEGIN_HIDDEN, BEGIN_SOLUTION, END_SOLUTION, code_stub, replace_regions
from cnnlab.tools.grading.status import Status

CODE_KIND = "code"


@dataclass
class Cell:
    role: str             # setup | answer | public | hidden
    source: str
    exercise: str = ""    # empty for setup cells
    trusted: bool = True  # setup cells: also run in the trusted process (needed by the hidden tests)
    kernel: bool = True   # setup cells: run in the student's kernel (needed by the student's cells)
    reference: str = ""   # … and what of it runs there (the statements the hidden tests need)
    solution: str = ""    # hidden, for points per hidden case: the reference answer, to count the cases


@dataclass
class Plan:
    """What the executor runs (``cells``) and what is already known before running."""
    cells: list = field(default_factory=list)
    settled: dict = field(default_factory=dict)   # exercise id -> Status (e.g. missing)
    flags: dict = field(default_factory=dict)     # exercise id -> [flag Part, ...]
    calls: dict = field(default_factory=dict)     # exercise id -> {"names": [...], "forbid": [...]}
    lang: str = "en"                              # the submission's language: the hidden tests' messages speak it

    def to_json(self, every_setup_cell=False):
        """The plan as the worker reads it; ``every_setup_cell``: the kernel runs all setup cells."""
        cells = [{**vars(cell), "kernel": True} if every_setup_cell else vars(cell) for cell in self.cells]
        return {"cells": cells, "calls": self.calls, "lang": self.lang}

    def skips_setup(self):
        """True when the student's kernel leaves out some setup cells (``mark_kernel_setup``)."""
        return any(cell.role == "setup" and not cell.kernel for cell in self.cells)

    def left_out_names(self):
        """The names that only the setup cells the kernel leaves out bind."""
        setup = [cell for cell in self.cells if cell.role == "setup"]
        kept = set().union(*(names_bound(student_cells.parse(c.source)) for c in setup if c.kernel))
        return set().union(*(names_bound(student_cells.parse(c.source)) for c in setup if not c.kernel)) - kept


def names_bound(tree):
    """Every name a cell's top-level statements bind (``tree``: the parsed cell, or None)."""
    return set().union(*(student_cells.binds(node) for node in tree.body)) if tree else set()


def split_check(source):
    """``(public part, whole cell)`` of a check cell: the text before ``### BEGIN HIDDEN TESTS``."""
    public = source.split(BEGIN_HIDDEN)[0]
    return public.rstrip() + "\n", source


def build_plan(solution_nb, student_nb, lesson):
    """The cells that grade one submission, as a Plan (see the module docstring)."""
    plan = Plan()
    exercises = {exercise.id: exercise for exercise in lesson.exercises}
    done, setup_seen = set(), set()
    for cell in solution_nb.cells:
        if cell.cell_type != "code":
            continue
        exercise = exercise_of(cell)
        if not exercise:
            plan.cells.append(Cell("setup", cell.source))
            tree = student_cells.parse(cell.source)
            setup_seen |= {student_cells.statement_key(node) for node in (tree.body if tree else [])}
            continue
        if exercise not in exercises or exercises[exercise].kind != CODE_KIND:
            imports = _imports(cell.source)   # quick checks are scored from the answers file, not run;
            if imports:                       # what they import (check_function …) later cells may use
                plan.cells.append(Cell("setup", imports))
            continue
        if exercise in done:
            continue
        done.add(exercise)
        plan.cells += exercise_block(solution_nb, student_nb, exercises[exercise], plan, setup_seen)
    for exercise in exercises.values():
        if exercise.kind == CODE_KIND and exercise.id not in done:
            plan.settled[exercise.id] = Status.of("error.no_exercise_cell", exercise=exercise.id)
    mark_trusted_setup(plan.cells)
    mark_kernel_setup(plan.cells)
    return plan


def _imports(source):
    """The top-level import statements of a cell, as source ("" when none or not Python)."""
    tree = student_cells.parse(source)
    if tree is None:
        return ""
    return "\n".join(ast.get_source_segment(source, node) or ast.unparse(node) for node in tree.body
                     if isinstance(node, (ast.Import, ast.ImportFrom)))


def _loads(tree):
    """Names a tree reads, less the loop variables of its comprehensions (``p`` in ``for p in …``)."""
    local = {name.id for node in ast.walk(tree) if isinstance(node, ast.comprehension)
             for name in ast.walk(node.target) if isinstance(name, ast.Name)}
    return {node.id for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)} - local


def mark_trusted_setup(cells):
    """Choose what of the setup the trusted process runs (``trusted`` and ``reference``).

    Statement by statement, going back from the check cells: a top-level statement of a setup
    cell is kept when it binds a name that a check cell, or a statement kept later, uses. The rest
    (plots, printouts, training runs, imports nobody needs) runs only in the student's kernel,
    which needs it all.

    Names only: a hidden test must not depend on a statement that *mutates* an object
    (``model.train()``) or on global state set without binding a name (``torch.manual_seed``);
    the lessons test grades every reference solution, so a check that needs more fails there first.
    """
    needed = set()
    for cell in cells:
        if cell.role == "hidden":
            for text in (cell.source, cell.solution):
                try:
                    needed |= _loads(parse_python(text))
                except SyntaxError:
                    pass
    for cell in reversed([c for c in cells if c.role == "setup"]):
        try:
            tree = parse_python(cell.source)
        except SyntaxError:
            cell.trusted, cell.reference = True, cell.source
            continue
        kept = []
        for statement in reversed(tree.body):
            if student_cells.binds(statement) & needed:
                kept.append(statement)
                needed |= _loads(statement)
        cell.trusted = bool(kept)
        cell.reference = "\n".join(ast.get_source_segment(cell.source, node) or ast.unparse(node)
                                    for node in reversed(kept))


def mark_kernel_setup(cells):
    """Choose the setup cells the student's kernel runs (``kernel``): those the student's cells need.

    Cell by cell, going back from the end: a setup cell runs when it binds a name that the
    student's cells (answer, support), a public check or a setup cell kept later reads, or when it
    binds no name and does more than print (``torch.manual_seed(0)``: global state that names do
    not show). The
    lesson's first cell always runs (``cnnlab.start_lesson``: language and quick mode). The rest —
    plots, printouts, training runs whose results no exercise reads — is left out, so a lesson that
    trains is graded in seconds, not minutes.

    Names only, as for the trusted process; so a submission whose code raised an error naming a name
    that only a left-out cell binds (a name looked up by a string, ``globals()["x"]``) is graded again
    with every setup cell, as its notebook ran them (``steps.run_harness``).
    """
    setup = [cell for cell in cells if cell.role == "setup"]
    needed = set()
    for cell in cells:
        if cell.role in ("answer", "support", "public"):
            tree = student_cells.parse(cell.source)
            if tree is None:          # not Python: nothing can be left out safely
                return
            for statement in tree.body:
                now, later = student_cells.reads(statement)
                needed |= now | later
    for index in range(len(setup) - 1, -1, -1):
        cell = setup[index]
        tree = student_cells.parse(cell.source)
        bound = names_bound(tree)
        if tree is None or index == 0 or bound & needed or not (bound or _only_displays(tree)):
            for statement in (tree.body if tree else []):
                now, later = student_cells.reads(statement)
                needed |= now | later
            cell.kernel = True
        else:
            cell.kernel = False


def _only_displays(tree):
    """True when every statement only shows something: ``print(…)``, ``display(…)`` or a bare value."""
    def shows(node):
        if not isinstance(node, ast.Expr):
            return False
        call = node.value
        if not isinstance(call, ast.Call):
            return not any(isinstance(inner, ast.Call) for inner in ast.walk(call))
        return isinstance(call.func, ast.Name) and call.func.id in ("print", "display")
    return all(shows(node) for node in tree.body)


def exercise_block(solution_nb, student_nb, exercise, plan, setup_seen=frozenset()):
    """support and answer pieces, public, hidden — or nothing when an answer is missing.

    The student's pieces are what ``student_cells.locate`` found in effect at the exercise's
    check cell: the answer cell(s) whole, and the statements of other cells the answer uses.
    """
    cells = [c for c in exercise_cells(solution_nb)[exercise.id] if c.cell_type == "code"]
    answers = [c for c in cells if BEGIN_SOLUTION in c.source]
    checks = [c for c in cells if c not in answers]
    if not any(BEGIN_HIDDEN in c.source for c in checks):
        plan.settled[exercise.id] = Status.of("error.no_hidden_tests")
        return []
    wanted = [defined_names(answer.source) for answer in answers]
    found = student_cells.locate(student_nb, exercise.id, wanted, setup_seen,
                                 lambda number, source: is_stub(source, answers[number].source))
    if found.notes:
        plan.flags.setdefault(exercise.id, []).extend(found.notes)
    if found.missing is not None:
        plan.settled[exercise.id] = Status.of("missing.definition", exercise=exercise.id,
                                              names=", ".join(sorted(found.missing)))
        return []
    if found.untouched:   # exactly what `cnnlab build` gave the student: nothing to run
        plan.settled[exercise.id] = Status.of("unanswered")
        return []
    for piece in found.pieces:
        word = source_tampers(piece.source)
        if word:
            code = "forbidden.grader_modules" if word == "cnnlab.tools" else "forbidden.monitor"
            plan.settled[exercise.id] = Status.of(code if piece.role == "answer" else code + "_used", what=word)
            return []
    block = [Cell(piece.role, piece.source, exercise.id, trusted=False) for piece in found.pieces]
    names = {name for answer, names in zip(answers, wanted) for name in names if _is_function(answer.source, name)}
    public, whole = split_check("\n".join(c.source for c in checks))
    plan.calls[exercise.id] = {"names": sorted(names), "forbid": list(getattr(exercise, "forbid", ()) or ())}
    block.append(Cell("public", public, exercise.id))
    solution = "\n".join(answer.source for answer in answers) if getattr(exercise, "partial", False) else ""
    block.append(Cell("hidden", whole, exercise.id, solution=solution))
    return block


def is_stub(source, solution_source):
    """True when ``source`` is the solution cell with its answer replaced by the student stub (any language)."""
    return any(source.strip() == replace_regions(solution_source, BEGIN_SOLUTION, END_SOLUTION,
                                                  lambda indent, lang=lang: code_stub(indent, lang)).strip()
               for lang in ("zh", "en"))


def _is_function(source, name):
    try:
        tree = parse_python(source)
    except SyntaxError:
        return False
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name
               for node in tree.body)

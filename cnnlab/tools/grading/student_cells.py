"""What the student's notebook had in effect when an exercise's check cell ran.

A notebook run from top to bottom (what *Restart Kernel and Run All Cells* and the student's own
check cell see) gives each name the value of its **last binding above the check cell**. The
grader follows the same rule, so what passes in the notebook passes in the grader:

* the **answer** is the last cell above the exercise's check cell that defines the function
  (``def my_corr2d``, ``my_corr2d = …``), tagged ``exercise:<id>`` or not: an answer written in a
  new cell below the untouched stub, or redefined in a later cell, is the one graded. Only when
  every definition above the check cell is the untouched stub, a definition below the check cell
  is graded instead (the check cell's button re-checks the latest definition);
* the names the answer uses that the student's own cells bind (``import math``, a helper
  function, a constant) are **resolved** the way ``harness.mark_trusted_setup`` resolves the
  setup: statement by statement, the last top-level statement that binds the name before the
  point where it is read — before the statement itself for what runs at once (a decorator, a
  top-level call), before the check cell for what a function body reads when it is called — and
  then what that statement needs, in turn. Only those statements run, in notebook order, in the
  student's kernel (never in the trusted process); a statement identical to one of the solution's
  setup statements that already ran is not repeated.

``locate(student_nb, exercise, names, setup_seen)`` returns a ``Found``: the pieces to run
(answer cells whole, support statements) and the flags that say what it did.
"""

import ast
import re
import symtable
from dataclasses import dataclass, field

from cnnlab.cells import exercise_ids, mask_magics, parse_python
from cnnlab.tools.grading.status import part

CHECK_CALL = "check_function"
_COMPREHENSIONS = ("listcomp", "setcomp", "dictcomp", "genexpr")


@dataclass
class Piece:
    """Code of one student cell that the grader runs: the whole answer cell, or some statements."""
    index: int           # the cell's index in the student's notebook
    source: str
    role: str            # answer | support
    names: tuple = ()    # support: the names its statements bind (for the flag)


@dataclass
class Found:
    pieces: list = field(default_factory=list)    # in notebook order
    notes: list = field(default_factory=list)     # flags (status Parts)
    untouched: bool = False                       # every answer cell is the untouched stub
    missing: set = None                           # names no cell defines (then nothing runs)

    @property
    def source(self):
        return next((piece.source for piece in self.pieces if piece.role == "answer"), None)


def parse(source):
    """The cell's AST with magic lines blanked, or None when it is not Python."""
    try:
        return parse_python(mask_magics(source))
    except (SyntaxError, ValueError):
        return None


def binds(node):
    """Names a top-level statement binds (assignments, imports, def/class, for/with targets)."""
    found = set()

    def visit(item):
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(item.name)
            return
        if isinstance(item, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return
        if isinstance(item, (ast.Import, ast.ImportFrom)):
            found.update((alias.asname or alias.name).split(".")[0] for alias in item.names if alias.name != "*")
        elif isinstance(item, ast.Name) and not isinstance(item.ctx, ast.Load):
            found.add(item.id)
        for child in ast.iter_child_nodes(item):
            visit(child)

    visit(node)
    return found


def reads(node):
    """``(now, later)``: global names a statement reads when it runs, and when a function it defines runs.

    Python's own symbol tables (``symtable``) tell a function's globals from its locals; class
    bodies and comprehensions run at once, function and lambda bodies later.
    """
    try:
        table = symtable.symtable(ast.unparse(node), "<cell>", "exec")
    except (SyntaxError, ValueError, RecursionError):
        return set(), set()
    now = {symbol.get_name() for symbol in table.get_symbols() if symbol.is_referenced()}
    later, stack = set(), [(child, False) for child in table.get_children()]
    while stack:
        scope, deferred = stack.pop()
        deferred = deferred or (scope.get_type() == "function" and scope.get_name() not in _COMPREHENSIONS)
        names = {symbol.get_name() for symbol in scope.get_symbols()
                 if symbol.is_referenced() and symbol.is_global()}
        (later if deferred else now).update(names)
        stack.extend((child, deferred) for child in scope.get_children())
    return now, later


def statement_key(node):
    """What makes two statements the same statement (their syntax tree, not their spacing)."""
    return ast.dump(node)


@dataclass
class Statement:
    position: tuple      # (cell index, statement index)
    node: object
    text: str
    binds: set


def statements(nb):
    """Every top-level statement of every code cell, in notebook order."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = parse(cell.source)
        if tree is None:
            continue
        masked = mask_magics(cell.source)
        for number, node in enumerate(tree.body):
            text = ast.get_source_segment(masked, node) or ast.unparse(node)
            found.append(Statement((index, number), node, text, binds(node)))
    return found


def defined_names(source):
    """Top-level names a cell defines as an answer would (functions, classes, assignments)."""
    tree = parse(source)
    if tree is None:  # a student's broken cell: fall back to the text
        return set(re.findall(r"^(?:def|class)\s+([A-Za-z_]\w*)", source, re.M))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def check_cell_index(nb, exercise):
    """Index of the exercise's check cell (``check_function("<id>", …)``; a tagged one first), else len(cells)."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or CHECK_CALL not in cell.source:
            continue
        tree = parse(cell.source)
        calls = list(ast.walk(tree)) if tree is not None else []
        if any(isinstance(node, ast.Call) and _called(node) == CHECK_CALL and node.args
               and isinstance(node.args[0], ast.Constant) and node.args[0].value == exercise for node in calls):
            found.append((exercise not in exercise_ids(cell), index))
    return min(found)[1] if found else len(nb.cells)


def _called(call):
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def answer_cell(nb, names, check, is_stub):
    """``(index or None, notes)``: the cell defining ``names`` that the check cell at ``check`` used."""
    defining = [index for index, cell in enumerate(nb.cells)
                if cell.cell_type == "code" and names & defined_names(cell.source)]
    above = [index for index in defining if index < check]
    below = [index for index in defining if index > check and not is_stub(nb.cells[index].source)]
    notes = []
    if len(defining) > 1:
        notes.append(part("flag.duplicated", n=len(defining), names=", ".join(sorted(names))))
    if above and (not is_stub(nb.cells[above[-1]].source) or not below):
        chosen = above[-1]
        if len(defining) > 1:
            notes.append(part("flag.graded_last"))
    elif below:
        chosen = below[-1]
        notes.append(part("flag.below_check"))
    else:
        return None, notes
    return chosen, notes


def resolve(nb, answers, check, setup_seen):
    """Support statements (``{position: Statement}``) the answer cells ``answers`` need, transitively.

    ``setup_seen``: keys of the solution's setup statements that already ran in the kernel.
    """
    table, whole = statements(nb), set(answers)
    todo = [statement for statement in table if statement.position[0] in whole]   # the answer cells run whole
    needed = {}
    while todo:
        statement = todo.pop()
        now, later = reads(statement.node)
        for names, limit in ((now, statement.position), (later, (check, -1))):
            for name in names:
                source = _last_binding(table, name, limit)
                if source is None or source.position[0] in whole or source.position in needed:
                    continue
                if statement_key(source.node) in setup_seen:
                    continue
                needed[source.position] = source
                todo.append(source)
    return needed


def _last_binding(table, name, limit):
    found = None
    for statement in table:
        if statement.position >= limit:
            break
        if name in statement.binds:
            found = statement
    return found


def locate(nb, exercise, wanted_sets, setup_seen, is_stub_for):
    """The ``Found`` of one exercise (``missing`` set when no cell defines a function): ``wanted_sets`` is, per solution answer cell, the names it defines;
    ``is_stub_for(i)`` says whether a source is the untouched stub of the i-th one."""
    check = check_cell_index(nb, exercise)
    result, chosen = Found(), []
    for number, names in enumerate(wanted_sets):
        index, notes = answer_cell(nb, names, check, lambda source, n=number: is_stub_for(n, source))
        result.notes += notes
        if index is None:
            result.missing = names
            return result
        if exercise not in exercise_ids(nb.cells[index]):
            result.notes.append(part("flag.untagged", exercise=exercise))
        chosen.append((index, number))
    result.untouched = all(is_stub_for(number, nb.cells[index].source) for index, number in chosen)
    support = resolve(nb, [index for index, _ in chosen], check, setup_seen) if not result.untouched else {}
    by_cell = {}
    for position in sorted(support):
        by_cell.setdefault(position[0], []).append(support[position])
    pieces = [Piece(index, nb.cells[index].source, "answer") for index, _ in sorted(set(chosen))]
    for index, found in by_cell.items():
        pieces.append(Piece(index, "\n".join(s.text for s in found), "support",
                            tuple(sorted(set().union(*(s.binds for s in found))))))
    result.pieces = sorted(pieces, key=lambda piece: piece.index)
    used = sorted({name for piece in result.pieces if piece.role == "support" for name in piece.names})
    if used:
        result.notes.append(part("flag.used_cells", names=", ".join(used)[:80]))
    return result

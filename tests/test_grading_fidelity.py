"""What passes in the notebook passes in the grader (issue 21 §1).

A corpus of honest ways to answer a code exercise — helper cells, imports and constants in other
cells, an answer in a new untagged cell below the untouched stub, an answer redefined further down,
an extra cell between answer and check, renamed variables, magics… Each submission is made from the
real student notebook, run top to bottom by nbclient in quick mode (the notebook's own check cell
says ✓ or not), and graded by the real ``cnnlab grade`` in the sandbox: every exercise earns the
same in both. Hostile variations that the new name resolution could open up (a helper cell that
switches the call monitor off, a helper built by ``eval`` around a forbidden function, a function
defined by ``exec``, a helper importing the grader) still earn nothing.
"""

import copy
import csv
import os
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from cnnlab.cells import exercise_of
from cnnlab.tools.grading import harness
from cnnlab.tools.grading.status import status_word
from cnnlab.tools.kernelclient import SteadyNotebookClient
from tests import grading_cases as cases
from tests.helpers import course_manifest, needs_bwrap, run_cli

MANIFEST = course_manifest()
TOUR, CONV = MANIFEST.lesson("00"), MANIFEST.lesson("02")
RIGHT = "    return height * width * channels"
TAGGED = {"tags": ["exercise:count_values"]}


def _tour():
    return copy.deepcopy(cases.student(MANIFEST, TOUR))


def _index(nb, exercise, kind):
    """Index of the exercise's answer cell (``def``) or check cell (``check_function``)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and exercise_of(cell) == exercise:
            if (kind == "answer") == ("check_function" not in cell.source):
                return index
    raise LookupError(exercise)


def _answer(nb, body, exercise="count_values", head="def count_values(height, width, channels):"):
    nb.cells[_index(nb, exercise, "answer")].source = head + "\n" + body


def _insert(nb, where, *sources, exercise="count_values", tagged=False):
    """Insert code cells ``before``/``after`` the answer or ``check`` cell (``where`` = 'before answer', …)."""
    side, kind = where.split()
    index = _index(nb, exercise, kind) + (side == "after")
    for offset, source in enumerate(sources):
        cell = new_markdown_cell(source[3:]) if source.startswith("md:") else new_code_cell(source)
        if tagged:
            cell.metadata.update(copy.deepcopy(TAGGED))
        nb.cells.insert(index + offset, cell)
    return nb


def honest_tour_cases():
    """{name: notebook} — lesson 00, exercise count_values, each an honest variation."""
    made = {}

    nb = _tour()
    _insert(nb, "before answer", "def _area(h, w):\n    return h * w")
    _answer(nb, "    return _area(height, width) * channels")
    made["helper_cell_above"] = nb

    nb = _tour()
    nb.cells.insert(2, new_code_cell("import operator   # an import far from the answer"))
    _answer(nb, "    return operator.mul(operator.mul(height, width), channels)")
    made["import_elsewhere"] = nb

    nb = _tour()
    _insert(nb, "before answer", "import math")
    _answer(nb, "    return math.floor(height * width * channels)")
    made["import_math_above"] = nb

    nb = _tour()
    _insert(nb, "before answer", "PER_PIXEL = 1   # numbers per pixel and channel\nprint('set')")
    _answer(nb, "    return height * width * channels * PER_PIXEL")
    made["constant_in_another_cell"] = nb

    nb = _tour()       # B in command mode: a new untagged cell below the untouched stub
    _insert(nb, "after answer", "def count_values(height, width, channels):\n" + RIGHT)
    made["answer_in_untagged_cell_below_stub"] = nb

    nb = _tour()
    _answer(nb, "    return height * width   # first try: forgot the channels")
    _insert(nb, "after answer", "md:A second try:", "def count_values(height, width, channels):\n" + RIGHT)
    made["answer_redefined_further_down"] = nb

    nb = _tour()
    _answer(nb, RIGHT)
    _insert(nb, "after check", "def count_values(height, width, channels):\n    return 0   # trying something else")
    made["redefined_after_its_check"] = nb

    nb = _tour()
    _answer(nb, RIGHT)
    _insert(nb, "before check", "md:Trying it out:", "print(count_values(2, 2, 3))")
    made["extra_cells_between_answer_and_check"] = nb

    nb = _tour()
    _answer(nb, "    pixels = h * w\n    return pixels * c", head="def count_values(h, w, c):")
    made["renamed_variables"] = nb

    nb = _tour()
    _answer(nb, "    return scale(height * width, channels)")
    _insert(nb, "before check", "def scale(n, k):\n    return n * k")
    made["helper_after_answer_before_check"] = nb

    nb = _tour()
    nb.cells.insert(2, new_code_cell("import functools\nimport operator as op"))
    _insert(nb, "before answer", "ONE = 1\ndef _times(*numbers):\n    return functools.reduce(op.mul, numbers, ONE)",
            "def _volume(h, w, c):\n    return _times(h, w, c)")
    _answer(nb, "    return _volume(height, width, channels)")
    made["helpers_that_use_helpers"] = nb

    nb = _tour()
    _answer(nb, RIGHT + "\n\n\nprint(count_values(1, 2, 3))   # a try at the top level")
    made["answer_cell_prints_a_try"] = nb

    nb = _tour()
    _insert(nb, "before answer", "%precision 3\ndef _area(h, w):\n    return h * w\n!echo shell lines are fine")
    _answer(nb, "    return _area(height, width) * channels")
    made["magics_in_the_helper_cell"] = nb

    nb = _tour()
    _insert(nb, "before answer", "def _area(h, w):\n    return h + w   # wrong")
    _insert(nb, "before check", "def _area(h, w):\n    return h * w   # fixed below the answer")
    _answer(nb, "    return _area(height, width) * channels")
    made["helper_fixed_after_the_answer"] = nb

    nb = _tour()
    _insert(nb, "after answer", "count_values = lambda height, width, channels: height * width * channels")
    made["lambda_in_untagged_cell"] = nb

    nb = _tour()       # a setup value found by its name as a string: the grader cannot see the name,
    _answer(nb, "    rows, columns = globals()['x'].shape   # the (2, 3) tensor of the tour\n"   # so this one runs
                "    return height * width * channels * (rows * columns) // 6")                   # twice
    made["reads_a_setup_value_by_a_string"] = nb

    nb = _tour()       # honest and wrong: a later cell breaks it before the check: 0 in both
    _answer(nb, RIGHT)
    _insert(nb, "before check", "def count_values(height, width, channels):\n    return height + width + channels")
    made["broken_again_before_check"] = nb
    return made


def honest_convolution_case():
    """Lesson 02, one notebook: a different honest variation in each of its four code exercises."""
    nb = copy.deepcopy(cases.perfect_notebook(MANIFEST, CONV))
    _insert(nb, "before answer", "def window(X, i, j, h, w):\n    return X[i:i + h, j:j + w]", exercise="corr2d")
    _answer(nb, "    h, w = K.shape\n    out = np.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))\n"
                "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
                "            out[i, j] = (window(X, i, j, h, w) * K).sum()\n    return out",
            exercise="corr2d", head="def my_corr2d(X, K):")
    _insert(nb, "before answer", "import math", exercise="output_size")
    _answer(nb, "    return math.floor((n - k + 2 * p) / s) + 1", exercise="output_size",
            head="def output_size(n, k, p, s):")
    _insert(nb, "before check", "BIASES_PER_KERNEL = 1", exercise="conv_parameters")
    _answer(nb, "    return (k * k * c_in + BIASES_PER_KERNEL) * c_out", exercise="conv_parameters",
            head="def conv_parameters(c_in, c_out, k):")
    stub = cases.answer_cells(cases.student(MANIFEST, CONV), "corr2d_multi_in")[0].source
    right = nb.cells[_index(nb, "corr2d_multi_in", "answer")].source
    nb.cells[_index(nb, "corr2d_multi_in", "answer")].source = stub
    _insert(nb, "after answer", right, exercise="corr2d_multi_in")
    return nb


def hostile_tour_cases():
    """{name: (notebook, status word, part of the status)}: what the name resolution must not open up."""
    made = {}
    nb = _tour()
    _insert(nb, "before answer", "import sys\n_quiet = sys.setprofile\ndef _mul(a, b):\n    _quiet(None)\n"
                                 "    return a * b")
    _answer(nb, "    return _mul(_mul(height, width), channels)")
    made["helper_cell_tampers"] = (nb, "forbidden", "setprofile in a cell the answer uses")

    nb = _tour()
    _insert(nb, "before answer", "_count = eval(\"lambda h, w, c: __import__('math').prod((h, w, c))\")")
    _answer(nb, "    return _count(height, width, channels)")
    made["helper_evals_a_forbidden_function"] = (nb, "forbidden", "math.prod")

    nb = _tour()
    _insert(nb, "after answer", "count_values = eval(\"lambda h, w, c: __import__('numpy').prod((h, w, c))\")")
    made["answer_is_eval_of_a_forbidden_function"] = (nb, "forbidden", "numpy.prod")

    nb = _tour()
    _insert(nb, "after answer", "exec('def count_values(height, width, channels):\\n'\n"
                                "     '    return int(__import__(\"numpy\").prod((height, width, channels)))')")
    made["answer_defined_by_exec"] = (nb, "unanswered", "")

    nb = _tour()
    _insert(nb, "before answer", "import cnnlab.tools.grading.serve as grader\ndef _area(h, w):\n"
                                 "    return h * w if grader else 0")
    _answer(nb, "    return _area(height, width) * channels")
    made["helper_imports_the_grader"] = (nb, "forbidden", "grader's own modules")
    return made


def notebook_checks(nb, folder):
    """Run ``nb`` top to bottom (quick mode) in ``folder``; {exercise: True when its check cell said ✓}."""
    os.makedirs(folder, exist_ok=True)
    ran = copy.deepcopy(nb)
    SteadyNotebookClient(ran, timeout=180, kernel_name="python3", allow_errors=True,
                         resources={"metadata": {"path": str(folder)}}).execute()
    seen = {}
    for cell in ran.cells:
        if cell.cell_type == "code" and "check_function(" in cell.source and exercise_of(cell):
            text = "".join(str(out.get("data", {}).get("text/plain", "")) for out in cell.outputs)
            seen[exercise_of(cell)] = text.lstrip().startswith("✓")
    return seen


def _rows(out):
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return {(row["student"], row["exercise"]): row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("fidelity")
    tour, conv = honest_tour_cases(), {"conv_variations": honest_convolution_case()}
    hostile = hostile_tour_cases()
    for name, nb in tour.items():
        cases.write_submission(root / "tour", name, TOUR, nb)
    for name, (nb, _, _) in hostile.items():
        cases.write_submission(root / "tour", name, TOUR, nb)
    cases.write_submission(root / "conv", "conv_variations", CONV, conv["conv_variations"])
    previous = os.environ.get("CNNLAB_QUICK")
    os.environ["CNNLAB_QUICK"] = "1"
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = {name: pool.submit(notebook_checks, nb, root / "runs" / name)
                    for name, nb in {**tour, **conv}.items()}
            graded_tour = pool.submit(run_cli, "grade", "00", str(root / "tour"), "--out", str(root / "out"),
                                      "--jobs", "2", "--timeout", "10", timeout=900)
            checks = {name: run.result() for name, run in runs.items()}
            done_tour = graded_tour.result()
        done_conv = run_cli("grade", "02", str(root / "conv"), "--out", str(root / "out"), "--timeout", "10",
                            timeout=600)
    finally:
        if previous is None:
            os.environ.pop("CNNLAB_QUICK", None)
        else:
            os.environ["CNNLAB_QUICK"] = previous
    return {"tour": tour, "hostile": hostile, "checks": checks, "rows": _rows(root / "out"),
            "done": (done_tour, done_conv)}


def test_the_corpus_has_at_least_12_honest_variations():
    assert len(honest_tour_cases()) + len(cases.code_exercises(CONV)) >= 12


def test_the_untagged_answer_is_planned_and_flagged_without_running_anything():
    nb = honest_tour_cases()["answer_in_untagged_cell_below_stub"]
    plan = harness.build_plan(cases.solution(MANIFEST, TOUR), nb, TOUR)
    answer = [cell for cell in plan.cells if cell.role == "answer"]
    assert len(answer) == 1 and RIGHT in answer[0].source and "count_values" not in plan.settled
    assert "answer found in a cell without the tag exercise:count_values" in _flags(plan, "count_values")


def test_only_the_statements_the_answer_uses_run_from_other_cells():
    nb = honest_tour_cases()["constant_in_another_cell"]
    nb.cells.insert(2, new_code_cell("raise SystemExit('an unrelated cell ran')\nUNUSED = 3"))
    plan = harness.build_plan(cases.solution(MANIFEST, TOUR), nb, TOUR)
    support = [cell.source for cell in plan.cells if cell.role == "support"]
    assert support == ["PER_PIXEL = 1"]
    assert "used from your other cells: PER_PIXEL" in _flags(plan, "count_values")


@needs_bwrap
@pytest.mark.slow
def test_every_honest_variation_earns_the_same_in_the_notebook_and_the_grader(corpus):
    for done in corpus["done"]:
        assert done.returncode == 0, done.stderr[-3000:]
    problems = []
    for name, checks in corpus["checks"].items():
        lesson = CONV if name.startswith("conv") else TOUR
        assert set(checks) == set(cases.code_exercises(lesson)), (name, checks)
        for exercise, passed in checks.items():
            row = corpus["rows"][(name, exercise)]
            earned = float(row["points"]) == float(row["max_points"]) and status_word(row["status"]) == "ok"
            if passed != earned or (not passed and float(row["points"]) != 0):
                problems.append(f"{name}/{exercise}: notebook {'✓' if passed else '✗'}, grader {row['status']!r}")
    assert not problems, "\n".join(problems)
    passing = sum(passed for checks in corpus["checks"].values() for passed in checks.values())
    assert passing >= 12 + 4 - 1, corpus["checks"]   # every honest variation passes, but the one broken again


@needs_bwrap
@pytest.mark.slow
def test_the_grader_says_what_it_did(corpus):
    status = {name: corpus["rows"][(name, "count_values")]["status"] for name in corpus["tour"]}
    assert "answer found in a cell without the tag exercise:count_values" in status["answer_in_untagged_cell_below_stub"]
    assert "graded the last one above its check cell" in status["answer_redefined_further_down"]
    assert "used from your other cells: _area" in status["helper_cell_above"]
    assert "used from your other cells: PER_PIXEL" in status["constant_in_another_cell"]
    assert status["renamed_variables"] == "ok"


@needs_bwrap
@pytest.mark.slow
def test_hostile_variations_still_earn_nothing(corpus):
    for name, (_, word, part) in corpus["hostile"].items():
        row = corpus["rows"][(name, "count_values")]
        assert float(row["points"]) == 0, (name, row["status"])
        assert status_word(row["status"]) == word and part in row["status"], (name, row["status"])


def _plan(nb):
    return harness.build_plan(cases.solution(MANIFEST, TOUR), nb, TOUR)


def test_reads_tells_what_runs_now_from_what_a_function_reads_later():
    import ast
    from cnnlab.tools.grading.student_cells import reads
    node = ast.parse("@trace\ndef f(x, n=LIMIT):\n    y = helper(x)\n    return [y * k for k in KS]").body[0]
    assert reads(node) == ({"trace", "LIMIT"}, {"helper", "KS"})


def test_each_name_is_the_binding_in_effect_where_it_is_read():
    nb = _tour()
    _insert(nb, "before answer", "SCALE = 2", "FACTOR = SCALE // 2", "SCALE = 5   # rebound after FACTOR was made")
    _answer(nb, "    return height * width * channels * FACTOR")
    support = [cell.source for cell in _plan(nb).cells if cell.role == "support"]
    assert support == ["SCALE = 2", "FACTOR = SCALE // 2"]


def test_the_students_unchanged_copy_of_a_setup_statement_is_not_run_again():
    nb = _tour()
    _answer(nb, "    return torch.zeros(channels, height, width).numel() * 0 + height * width * channels")
    plan = _plan(nb)
    assert not [cell for cell in plan.cells if cell.role == "support"]   # `import torch` ran with the setup
    assert not plan.flags.get("count_values")


def test_an_answer_below_its_check_cell_is_graded_only_when_the_stub_is_all_above():
    nb = _tour()
    _insert(nb, "after check", "def count_values(height, width, channels):\n" + RIGHT)
    plan = _plan(nb)
    assert "answer found below its check cell" in _flags(plan, "count_values")
    assert [RIGHT in cell.source for cell in plan.cells if cell.role == "answer"] == [True]
    assert "count_values" not in plan.settled


def test_a_tampering_cell_the_answer_uses_is_forbidden_before_anything_runs():
    nb, _, _ = hostile_tour_cases()["helper_cell_tampers"]
    plan = _plan(nb)
    assert str(plan.settled["count_values"]) == ("forbidden: tampered with the call monitor (setprofile in a cell the "
                                                 "answer uses)")
    assert not [cell for cell in plan.cells if cell.exercise == "count_values"]


def _flags(plan, exercise):
    """The flags the plan holds for ``exercise``, in the gradebook's English."""
    return [flag.text("en") for flag in plan.flags.get(exercise, [])]

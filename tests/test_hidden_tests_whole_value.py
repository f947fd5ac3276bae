"""Hidden tests compare the whole value, once (issue 20 §1).

``expect_value`` checks kind, exact shape, dtype family and values without broadcasting, and
names what differs. Every hidden test of every lesson is read with ``ast``: it may not compare
with a bare ``allclose``/``array_equal``/``==``/``assert``, and calls the student's function at
most once per case (once per loop body, or once outside loops), with the result checked by
``expect_value``. The reader is tried on planted bad samples too.
"""

import ast

import numpy as np
import pytest
import torch

from cnnlab.cells import exercise_cells
from cnnlab.exercises import expect_value
from cnnlab.exercises.mistakes import NamedMistake
from cnnlab.tools.grading.harness import _is_function, defined_names
from cnnlab.tools.markers import BEGIN_HIDDEN, BEGIN_SOLUTION
from tests import grading_cases as cases
from tests.helpers import course_manifest

MANIFEST = course_manifest()
BARE_COMPARISONS = {"allclose", "array_equal", "array_equiv", "isclose", "equal", "assert_allclose",
                    "assert_array_equal", "assert_equal", "assert_array_almost_equal"}
WRAPPERS = {"asarray", "as_tensor", "array", "tensor"}   # conversions the trusted process may apply first


# ------------------------------------------------------------------------------------ the helper

WANT = np.arange(6.0).reshape(2, 3)


@pytest.mark.parametrize("got, words", [
    (np.empty((0, 1, 1)), "shape should be (2, 3), got (0, 1, 1)"),
    (np.empty((0,)), "shape should be (2, 3), got (0,)"),
    (np.zeros((10**6, 1, 1, 1, 1)), "got (1000000, 1, 1, 1, 1)"),
    (torch.tensor(WANT), "should return a NumPy array, got torch.Tensor"),
    (WANT.astype(np.int64), "dtype should be floating-point"),
    (WANT + np.eye(2, 3), "at index (0, 0) the value should be 0.0, got 1.0 (2 elements differ)"),
    (np.full((2, 3), np.nan), "at index (0, 0)"),
    (WANT.tolist(), "got list"),
    (3.0, "got float"),
])
def test_expect_value_names_what_differs(got, words):
    with pytest.raises(AssertionError) as caught:
        expect_value(got, WANT, case="c1")
    assert words in str(caught.value) and str(caught.value).startswith("case c1: ")
    assert type(caught.value) is AssertionError      # the grader reads it as "wrong: hidden test failed …"


def test_expect_value_never_broadcasts_a_huge_result():
    """A (N,1,1,1,1) array against (N, N)-sized expectations fails on its shape, without a broadcast."""
    import tracemalloc
    got, want = np.zeros((20_000, 1, 1, 1, 1)), np.zeros((20_000, 20_000), dtype=np.float32)[:, :1].copy()
    tracemalloc.start()
    with pytest.raises(AssertionError, match="shape"):
        expect_value(got, np.broadcast_to(want, (20_000, 20_000)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10 * 2**20, peak


def test_expect_value_accepts_the_right_value_of_every_kind():
    expect_value(WANT + 1e-9, WANT)
    expect_value(torch.tensor(WANT, dtype=torch.float32), WANT, kinds=("array", "tensor"))
    expect_value(torch.ones(2, 2), torch.ones(2, 2, dtype=torch.float64))      # same family
    expect_value(np.int64(7), 7)
    expect_value(7, 7, kind="int")
    expect_value(2.5, 2.5)
    expect_value((96, 55, 55), (96, 55, 55))


@pytest.mark.parametrize("got, want, options, words", [
    (7.0, 7, {}, "should return an integer, got float"),
    (True, 1, {}, "got bool"),
    (np.int64(7), 7, {"kind": "int"}, "should return a Python int, got numpy.int64"),
    (8, 7, {}, "should be 7, got 8"),
    ((96, 55), (96, 55, 55), {}, "should have 3 items, got 2"),
    ((96, 55, 54), (96, 55, 55), {}, "should be 55, got 54"),
    (float("nan"), 1.0, {}, "should be 1.0, got nan"),
    (np.ones((2, 3), dtype=bool), np.ones((2, 3), dtype=np.int64), {}, "dtype should be integer"),
])
def test_expect_value_rejects_numbers_and_tuples(got, want, options, words):
    with pytest.raises(AssertionError, match=None) as caught:
        expect_value(got, want, **options)
    assert words in str(caught.value)


def test_expect_value_speaks_the_course_language(lang):
    lang("zh")
    with pytest.raises(AssertionError) as caught:
        expect_value(np.empty((0,)), WANT, case=1)
    assert str(caught.value) == "用例 1：形状应为 (2, 3)，得到 (0,)"
    with pytest.raises(AssertionError) as caught:
        expect_value(3, WANT, case=2, kinds=("array", "tensor"))
    assert str(caught.value) == "用例 2：应返回 NumPy 数组 或 torch 张量，得到 int"    # spaces around Latin words


def test_named_mistakes_are_checked_after_kind_and_shape():
    wrong = WANT[::-1].copy()
    with pytest.raises(NamedMistake, match="flipped"):
        expect_value(wrong, WANT, mistakes={"flipped": (wrong, "hint")})
    with pytest.raises(AssertionError, match="shape"):       # an empty array is no named mistake
        expect_value(np.empty((0,)), WANT, mistakes={"flipped": (wrong, "hint")})


# --------------------------------------------------------------------- reading every hidden test

def hidden_tests():
    """``[(lesson, lang, exercise, hidden source, student function names)]`` of every lesson."""
    found = []
    for lesson in MANIFEST.lessons:
        for lang in ("en", "zh"):
            cells = exercise_cells(cases.solution(MANIFEST, lesson, lang))
            for exercise in cases.code_exercises(lesson):
                code = [c for c in cells.get(exercise, []) if c.cell_type == "code"]
                names = {name for c in code if BEGIN_SOLUTION in c.source for name in defined_names(c.source)
                         if _is_function(c.source, name)}
                for cell in code:
                    if BEGIN_HIDDEN in cell.source:
                        found.append((lesson.stem, lang, exercise, cell.source.split(BEGIN_HIDDEN, 1)[1], names))
    return found


def _called_name(call):
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _student_calls(node, names):
    """Calls of the student's functions in ``node``, not looking into nested loops."""
    found = []

    def visit(child):
        if isinstance(child, (ast.For, ast.While)) and child is not node:
            return
        if isinstance(child, ast.Call) and _called_name(child) in names and isinstance(child.func, ast.Name):
            found.append(child)
        for grandchild in ast.iter_child_nodes(child):
            visit(grandchild)

    for statement in (node.body if isinstance(node, (ast.Module, ast.For, ast.While)) else [node]):
        visit(statement)
    return found


def problems_of(source, names):
    """What is wrong with one hidden test (empty when it compares the whole value once)."""
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            problems.append(f"line {node.lineno}: a bare assert (use expect_value)")
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            problems.append(f"line {node.lineno}: a bare == / != comparison")
        if isinstance(node, ast.Call) and _called_name(node) in BARE_COMPARISONS:
            problems.append(f"line {node.lineno}: {_called_name(node)} (use expect_value)")
    checked = {node.args[0].id for node in ast.walk(tree) if isinstance(node, ast.Call)
               and _called_name(node) == "expect_value" and node.args and isinstance(node.args[0], ast.Name)}
    for block in [tree] + [node for node in ast.walk(tree) if isinstance(node, (ast.For, ast.While))]:
        calls = _student_calls(block, names)
        if len(calls) > 1:
            problems.append(f"line {calls[1].lineno}: {len(calls)} calls of the student's functions in one case")
        for call in calls:
            problems += _unchecked(call, parents, checked)
    return problems


def _unchecked(call, parents, checked):
    """The call's result must reach ``expect_value``: directly, or through one name (after a conversion)."""
    node = call
    while isinstance(parents.get(node), ast.Call) and _called_name(parents[node]) in WRAPPERS:
        node = parents[node]
    parent = parents.get(node)
    if isinstance(parent, ast.Call) and _called_name(parent) == "expect_value" and parent.args \
            and parent.args[0] is node:
        return []
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name) \
            and parent.targets[0].id in checked:
        return []
    return [f"line {call.lineno}: the result of {call.func.id} is not checked by expect_value"]


HIDDEN = hidden_tests()


def test_every_code_exercise_of_every_lesson_has_hidden_tests_that_were_read():
    exercises = {(lesson.stem, e) for lesson in MANIFEST.lessons for e in cases.code_exercises(lesson)}
    assert {(stem, exercise) for stem, _, exercise, _, _ in HIDDEN} == exercises
    assert len(HIDDEN) == 2 * len(exercises) and all(names for *_, names in HIDDEN)


@pytest.mark.parametrize("stem, lang, exercise, source, names", HIDDEN,
                         ids=[f"{h[0]}-{h[1]}-{h[2]}" for h in HIDDEN])
def test_hidden_test_checks_the_whole_value_once(stem, lang, exercise, source, names):
    assert problems_of(source, names) == []
    assert "expect_value" in source


@pytest.mark.parametrize("source, words", [
    ("for a in [1, 2]:\n    assert np.allclose(f(a), want)\n", "bare assert"),
    ("for a in [1, 2]:\n    ok = np.allclose(f(a), want)\n", "allclose"),
    ("for a in [1, 2]:\n    got = f(a)\n    expect_value(got, want)\n    expect_value(f(a), want)\n", "2 calls"),
    ("got = f(1)\nexpect_value(got.shape, want.shape)\n", "not checked"),
    ("got = f(1)\nexpect_value(got, want)\nother = f(2)\n", "2 calls"),
    ("for a in [1]:\n    if f(a) == 3:\n        pass\n", "== / !="),
    ("for a in [1]:\n    torch.equal(f(a), want)\n", "equal"),
])
def test_the_reader_catches_planted_bad_hidden_tests(source, words):
    found = problems_of(source, {"f"})
    assert any(words in problem for problem in found), found


def test_the_reader_accepts_a_good_sample():
    good = ("for a in [1, 2]:\n    _want = a + 1\n    _got = np.asarray(f(a))\n    expect_value(_got, _want)\n"
            "for b in [3]:\n    expect_value(f(b), b)\n")
    assert problems_of(good, {"f"}) == []


# ------------------------------------------------------------- on what crosses the wire

@pytest.mark.parametrize("sent, words", [
    (np.empty((0, 1, 1)), "shape should be (2, 3), got (0, 1, 1)"),
    (torch.empty(0, 1, 1, 1, 1), "should return a NumPy array, got torch.Tensor"),
    (np.zeros((2_000_000, 1, 1, 1, 1)), "got (2000000, 1, 1, 1, 1)"),
    (np.float64(3.0), "got numpy.float64"),
    ([[0.0, 1, 2], [3, 4, 5]], "got list"),
])
def test_expect_value_on_results_that_crossed_the_wire(sent, words):
    """The trusted process sees fresh NumPy/torch/builtin objects decoded by ``wire``: the same checks hold."""
    from cnnlab.tools.grading import wire
    got = wire.loads(wire.dumps(sent))
    with pytest.raises(AssertionError) as caught:
        expect_value(got, WANT)
    assert words in str(caught.value)
    expect_value(wire.loads(wire.dumps(WANT.copy())), WANT)

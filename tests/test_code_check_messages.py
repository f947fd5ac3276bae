"""What the in-notebook check (check_function) tells a student about a failed case:
a typical mistake by name, a float where an int is expected, the shape in words, or the first
differing position with both values."""

import numpy as np
import pytest

from cnnlab.exercises.code import describe_difference, run_cases
from cnnlab.exercises.typical import TYPICAL, _corr


@pytest.fixture(params=["zh", "en"])
def language(request, lang):
    """A test in Chinese and in English (the shared ``lang`` fixture puts the language back)."""
    lang(request.param)
    return request.param


def _note(report, index=0):
    return report.cases[index].note


def test_a_float_for_an_int_fails_and_says_so(language):
    report = run_cases("output_size", lambda n, k, p, s: (n - k + 2 * p) / s + 1, [((227, 11, 0, 4), 55)])
    assert report.status == "wrong"                 # 55.0 is not accepted for 55
    assert ("整数" if language == "zh" else "an int is expected") in _note(report)


def test_an_int_result_still_passes_and_numpy_ints_count():
    assert run_cases("output_size", lambda n, k, p, s: (n - k + 2 * p) // s + 1, [((227, 11, 0, 4), 55)]).passed
    assert run_cases("x", lambda: np.int64(55), [((), 55)]).passed
    assert run_cases("x", lambda: 0.5, [((), 0.5)]).passed            # a float answer stays a float


@pytest.mark.parametrize("exercise, wrong, args, expected, words", [
    ("output_size", lambda n, k, p, s: (n - k + 2 * p) // s, (28, 5, 2, 1), 28, ("少了 1", "one short")),
    ("output_size", lambda n, k, p, s: (n - k + p) // s + 1, (28, 5, 2, 1), 28, ("2p", "2p")),
    ("corr2d", lambda X, K: _corr(X, np.flip(K)), (np.arange(9.0).reshape(3, 3), np.array([[0.0, 1], [2, 3]])),
     [[19, 25], [37, 43]], ("翻转", "flipped")),
    ("strided_corr2d", lambda X, K, p, s: _corr(X, K, p, s, mode="edge"), (np.arange(16.0).reshape(4, 4),
     np.ones((2, 2)), 1, 1), _corr(np.arange(16.0).reshape(4, 4), np.ones((2, 2)), 1, 1), ("边缘", "edge")),
])
def test_a_typical_mistake_is_named(language, exercise, wrong, args, expected, words):
    report = run_cases(exercise, wrong, [(args, expected)])
    assert report.status == "wrong"
    assert words[0 if language == "zh" else 1] in _note(report)
    assert _note(report) in str(report)


def test_a_right_answer_is_never_named_a_mistake():
    for exercise, mistakes in TYPICAL.items():
        assert all(len(entry) == 4 for entry in mistakes), exercise
    X, K = np.arange(9.0).reshape(3, 3), np.array([[1.0, 0], [0, 1]])   # symmetric: flipping changes nothing
    report = run_cases("corr2d", lambda X, K: _corr(X, K) + 1, [((X, K), _corr(X, K))])
    assert "翻转" not in _note(report) and "flipped" not in _note(report)


def test_the_first_differing_position_is_shown_with_both_values(language):
    want = np.zeros((4, 4))
    got = want.copy()
    got[1, 2], got[3, 3] = 5.0, 7.0
    text = describe_difference(got, want)
    assert "[1, 2]" in text and "5" in text and "0" in text and "2" in text
    assert ("4 行 × 4 列" if language == "zh" else "4 rows × 4 columns") in text


def test_a_wrong_shape_is_said_in_words(language):
    text = describe_difference(np.zeros((3, 4)), np.zeros((2, 4, 4)))
    if language == "zh":
        assert "2 个通道 × 4 行 × 4 列" in text and "3 行 × 4 列" in text
    else:
        assert "2 channels × 4 rows × 4 columns" in text and "3 rows × 4 columns" in text


def test_none_says_return_is_missing(language):
    report = run_cases("corr2d", lambda X, K: None, [((np.ones((2, 2)), np.ones((1, 1))), np.ones((2, 2)))])
    assert "return" in _note(report)


def test_the_report_of_an_array_with_equal_summaries_says_what_differs(lang):
    """The report once showed "expected array(4, 4), got array(4, 4)" and nothing else."""
    X = np.arange(16.0).reshape(4, 4)
    want = _corr(X, np.ones((3, 3)), 1, 1)
    got = want.copy()
    got[0, 0] += 1
    lang("en")
    text = str(run_cases("x", lambda: got, [((), want)]))
    assert "expected array(4, 4), got array(4, 4)" in text
    assert "the first is [0, 0]" in text


def _public_cases(stem, exercise, lang="en"):
    """The literal public cases of ``check_function(exercise, …)`` in a solution's check cell."""
    import ast
    from cnnlab.tools.pipeline.notebooks import read_notebook
    from tests.helpers import ROOT
    for cell in read_notebook(ROOT / "solutions" / lang / f"{stem}.ipynb").cells:
        if cell.cell_type != "code" or f'check_function("{exercise}"' not in cell.source:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check_function":
                return ast.literal_eval(node.args[2])
    raise AssertionError(f"no check_function({exercise!r}) in {stem}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lesson_02_public_cases_reject_division_without_floor(lang):
    """`/` without a floor once passed all public cases; the lesson's own 224 → 54 case is public now."""
    cases = _public_cases("02_convolution", "output_size", lang)
    assert ((224, 11, 0, 4), 54) in cases
    right = run_cases("output_size", lambda n, k, p, s: (n - k + 2 * p) // s + 1, cases)
    assert right.passed
    for wrong in (lambda n, k, p, s: (n - k + 2 * p) / s + 1,            # no floor
                  lambda n, k, p, s: int((n - k + 2 * p) / s + 0.5) + 1,  # rounded to nearest
                  lambda n, k, p, s: (n - k + p) // s + 1):              # padding counted once
        assert run_cases("output_size", wrong, cases).status == "wrong"

"""Named misconceptions in quick checks: a typical wrong answer gets its own hint and id."""

import json
import re

import pytest

from cnnlab.exercises.answers import load_answers, use_lesson
from cnnlab.exercises.hide import hide_answers_in_source
from cnnlab.exercises.spec import SpecError, make_spec, mistake_of, quick_check_specs
from cnnlab.exercises.widgets import Numeric, Shape, choice, numeric, shape

SOURCE = '''_ = numeric("conv2_params", answer=614656, digits=0, hint="weights and biases",
            explanation="(5·5·96 + 1)·256 = 614,656",
            mistakes=[("forgot_bias", 614400, "you counted the weights only: add one bias per kernel"),
                      ("one_channel", 6656, "a kernel spans all 96 input channels")])
_ = shape("conv1_shape", answer=(96, 55, 55), hint="channels first",
          mistakes=[("channels_last", (55, 55, 96), "PyTorch puts channels first: (C, H, W)")])
'''


pytestmark = pytest.mark.usefixtures("scratch")  # every test in an empty folder (conftest.py)


def _run(source):
    """Execute a quick-check cell and return the widgets it made, in order."""
    made = []
    namespace = {"numeric": lambda *a, **k: made.append(Numeric(*a, **k)),
                 "shape": lambda *a, **k: made.append(Shape(*a, **k))}
    exec(source, namespace)
    return made


@pytest.mark.parametrize("version", ["solution", "student"])
def test_a_named_mistake_gets_its_targeted_hint_and_is_recorded(version, scratch):
    source = SOURCE if version == "solution" else hide_answers_in_source(SOURCE)
    params, conv_shape = _run(source)
    text = params.check("614,400")
    assert text.startswith("✗ Not quite (try 1).") and "A common mistake: you counted the weights only" in text
    assert "Hint: weights and biases" not in text
    assert "96 input channels" in params.check("6656")
    generic = params.check("12")
    assert "Hint: weights and biases" in generic and "common mistake" not in generic
    assert "(C, H, W)" in conv_shape.check("55x55x96")
    assert params.check("614656").startswith("✓ Correct!")
    records = load_answers(scratch / "test_lesson.answers.json")["records"]
    assert [r.get("mistake", "") for r in records] == ["forgot_bias", "one_channel", "", "channels_last", ""]


def test_student_version_holds_no_wrong_answer_and_no_hint_text():
    hidden = hide_answers_in_source(SOURCE)
    for secret in ("614400", "6656", "614656", "forgot_bias", "counted the weights", "channels_last",
                   "(55, 55, 96)", "input channels"):
        assert secret not in hidden, secret
    assert len(re.findall(r'"sealed:', hidden)) == 4     # 3 mistakes + 1 explanation


def test_chinese_hint(scratch, lang):
    lang("zh")
    ex = Numeric("p", answer=4, mistakes=[("no_bias", 3, "忘了偏置")])
    text = ex.check("3")
    assert text.startswith("✗ 还不对（第 1 次尝试）。") and "常见错误：忘了偏置" in text


def test_grader_names_the_mistake_from_the_solution_spec():
    solution_specs = quick_check_specs(SOURCE)
    assert mistake_of(solution_specs[0], "614400") == "forgot_bias"
    assert mistake_of(solution_specs[0], {"answer": "6,656"}) == "one_channel"
    assert mistake_of(solution_specs[0], "614656") == "" and mistake_of(solution_specs[0], "garbage") == ""
    assert mistake_of(solution_specs[1], "(55, 55, 96)") == "channels_last"
    student_specs = quick_check_specs(hide_answers_in_source(SOURCE))
    assert [s.key for s in student_specs] == [s.key for s in solution_specs]
    assert student_specs == solution_specs                 # the same keys; ids only in the solution
    assert student_specs[0].mistake_ids == ("", "") and solution_specs[0].mistake_ids == ("forgot_bias", "one_channel")


def test_a_mistake_with_a_tolerance_still_matches():
    ex = Numeric("acc", answer=0.9, digits=2, tolerance=0.01, mistakes=[("percent", 90, "as a fraction")])
    assert "as a fraction" in ex.check("90")
    assert ex.check("0.91").startswith("✓")


def test_bad_declarations_are_refused():
    with pytest.raises(SpecError, match="is the right answer"):
        make_spec("numeric", "p", answer=4, mistakes=[("oops", 4.0, "same")])
    with pytest.raises(SpecError, match="same id"):
        make_spec("numeric", "p", answer=4, mistakes=[("a", 3, "x"), ("a", 5, "y")])
    with pytest.raises(SpecError, match="short name"):
        make_spec("numeric", "p", answer=4, mistakes=[("forgot the bias", 3, "x")])
    with pytest.raises(SpecError, match="wrong_answer"):
        make_spec("numeric", "p", answer=4, mistakes=[3])


def test_choice_mistakes(scratch):
    ex = choice("pick", options=["a", "b", "c"], answer=1, mistakes=[("first", 0, "a is the input size")])
    ex.input.value = 0
    ex.button.click()
    assert "a is the input size" in ex.message
    assert json.loads((scratch / "test_lesson.answers.json").read_text())["records"][-1]["mistake"] == "first"


def test_a_hidden_test_names_a_code_mistake():
    import numpy as np

    from cnnlab.exercises.mistakes import NamedMistake, parse, reject_mistakes

    want, flipped = np.array([[25.0, 31.0], [43.0, 49.0]]), np.array([[35.0, 41.0], [53.0, 59.0]])
    mistakes = {"flipped_kernel": (flipped, "you flipped the kernel"), "same_as_right": (want, "never named")}
    with pytest.raises(NamedMistake) as caught:
        reject_mistakes(flipped.copy(), want, mistakes)
    assert isinstance(caught.value, AssertionError) and parse(str(caught.value)) == ("flipped_kernel",
                                                                                    "you flipped the kernel")
    reject_mistakes(want.copy(), want, mistakes)          # the right answer: nothing raised
    reject_mistakes(np.zeros((2, 2)), want, mistakes)     # another wrong answer: left to the assertion
    reject_mistakes("not a number", want, mistakes)       # something that cannot be compared: no mistake

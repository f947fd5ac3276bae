"""Exercise widgets driven without a browser: set the input, click Check, read the feedback."""

import re
import threading
import time

import nbformat
import pytest

from cnnlab.exercises.answers import load_answers, use_lesson
from cnnlab.exercises.code import check_function, run_cases
from cnnlab.exercises.hide import hide_answers_in_source
from cnnlab.exercises.keys import seal, unseal
from cnnlab.exercises.timelimit import TookTooLong, call_with_time_limit
from cnnlab.exercises.spec import quick_check_specs, score_quick_check
from cnnlab.exercises.widgets import Choice, Numeric, Shape
from cnnlab.i18n import LANGUAGES
from cnnlab.cells import exercise_cells
from cnnlab.tools.pipeline.notebooks import read_notebook
from cnnlab.tools.kernelclient import SteadyNotebookClient
from tests.helpers import ROOT, course_manifest

GARBAGE = ["", "   ", "abc", "1e309", "-1e309", "inf", "nan", "x" * 10_000, "3 apples", None]


pytestmark = pytest.mark.usefixtures("scratch")  # every test in an empty folder (conftest.py)


def params():
    return Numeric("params", answer=34944, unit="parameters", hint="count the biases",
                   explanation="(11·11·3 + 1)·96 = 34,944")


# --- numeric ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["34944", "34,944", "34 944", "3.4944e4", "34944 parameters", " 34944.2 "])
def test_numeric_accepts_reasonable_spellings(typed):
    ex = params()
    assert ex.check(typed).startswith("✓ Correct!")
    assert "34,944" in ex.message and ex.solved


def test_numeric_wrong_answer_gives_the_hint_not_the_explanation():
    ex = params()
    text = ex.check("34848")
    assert text.startswith("✗ Not quite (try 1)") and "Hint: count the biases" in text
    assert "(11·11·3 + 1)" not in text


@pytest.mark.parametrize("typed", GARBAGE, ids=lambda v: repr(v)[:12])
def test_numeric_garbage_gets_a_message_and_does_not_count(typed):
    ex = params()
    text = ex.check(typed) if typed is not None else ex.check()
    assert text.startswith("⚠") and "does not count" in text and "Traceback" not in text
    assert ex.tries == 0 and not ex.solved


def test_numeric_ten_thousand_characters_and_1e309_are_named():
    ex = params()
    assert "10,000 characters" in ex.check("9" * 10_000)
    assert "too large" in ex.check("1e309")
    assert len(load_answers(ex.saved_to)["records"][-2]["answer"]) <= 1000


def test_numeric_tolerance_and_digits():
    ex = Numeric("pi", answer=3.14159, digits=2, tolerance=0.01)
    assert ex.check("3.14").startswith("✓") and ex.check("3.15").startswith("✓")
    assert ex.check("3.13").startswith("✓") and ex.check("3.12").startswith("✗")
    assert Numeric("half", answer=0.5, digits=0).check("1").startswith("✓")  # half-up rounding


def test_feedback_in_chinese(lang):
    lang("zh")
    ex = Numeric("params", answer=34944, hint="别忘了偏置", explanation="共 34,944 个")
    assert ex.check("1").startswith("✗ 还不对（第 1 次尝试）") and "提示：别忘了偏置" in ex.message
    assert ex.check("abc").startswith("⚠") and "不算一次尝试" in ex.message
    assert ex.check("34944").startswith("✓ 正确！") and "共 34,944 个" in ex.message


# --- choice and shape ------------------------------------------------------------------------

def test_single_choice_and_reveal_after_two_tries():
    ex = Choice("run_key", options=["Shift+Enter", "Ctrl+S", "Esc"], answer=0, reveal_after=2,
                hint="section 1", explanation="Shift+Enter runs the cell")
    assert "pick an option" in ex.check()
    assert ex.check(1).startswith("✗") and "section 1" in ex.message
    assert "Here is the worked answer" in ex.check(2) and "Shift+Enter runs" in ex.message
    assert ex.check(0).startswith("✓")


def test_multiple_choice_needs_every_right_option():
    ex = Choice("layers", options=["conv", "pool", "relu"], answer=[0, 2], multiple=True)
    ex.boxes[0].value = True
    assert ex.check().startswith("✗")
    ex.boxes[2].value = True
    assert ex.check().startswith("✓")


@pytest.mark.parametrize("typed", ["(96, 55, 55)", "96x55x55", "[96, 55, 55]", "96×55×55", "96 X 55 X 55",
                                   "torch.Size([96, 55, 55])", "（96，55，55）"])
def test_shape_accepts_reasonable_spellings(typed):
    assert Shape("conv1", answer=(96, 55, 55)).check(typed).startswith("✓")


@pytest.mark.parametrize("typed", ["(55, 55, 96)", "96x55", "(1, 96, 55, 55)"])
def test_shape_order_and_rank_matter(typed):
    assert Shape("conv1", answer=(96, 55, 55)).check(typed).startswith("✗")


@pytest.mark.parametrize("typed", ["96x55.5x55", "ninety-six", "x" * 10_000, "(-1, 2)", ""])
def test_shape_garbage(typed):
    assert Shape("conv1", answer=(96, 55, 55)).check(typed).startswith("⚠")


# --- code ------------------------------------------------------------------------------------

CASES = [((2, 3), 6), ((4, 5), 20)]


def test_code_right_wrong_and_unanswered():
    def mul(a, b):
        return a * b

    def add(a, b):
        return a + b

    def todo(a, b):
        raise NotImplementedError()

    assert check_function("mul", mul, CASES).passed
    wrong = check_function("add", add, CASES)
    assert wrong.status == "wrong" and "✗ input (4, 5) → expected 20, got 9" in wrong.message
    assert "not answered yet" in str(check_function("todo", todo, CASES))


def test_code_expected_tensors_compare_by_value():
    import torch

    from cnnlab.exercises.code import same_value

    x = torch.arange(6.0).reshape(2, 3)
    assert same_value(x.clone(), x)                       # tensor vs tensor
    assert same_value(x.numpy(), x)                       # array vs tensor
    assert same_value(x, x.tolist())                      # tensor vs list
    assert same_value(x + 1e-8, x)                        # float32 rounding
    assert not same_value(x + 1e-3, x)
    assert not same_value(x.T, x)                         # same numbers, wrong shape
    assert not same_value(x.reshape(6), x)
    assert not same_value("x", x)
    report = run_cases("ex", lambda a: a * 2, [((x,), x * 2), ((x,), x * 3)])
    assert [case.passed for case in report.cases] == [True, False]


def test_code_a_function_that_raises_is_a_result():
    def broken(a, b):
        return {}[a]

    report = check_function("broken", broken, CASES)
    assert report.status == "wrong" and "KeyError: 2" in report.message


def test_code_a_function_that_loops_forever_is_stopped_and_the_kernel_goes_on():
    def forever(a, b):
        while True:
            try:
                pass
            except Exception:  # even a function that swallows exceptions is stopped
                pass

    start = time.perf_counter()
    report = check_function("forever", forever, CASES, time_limit=0.3)
    assert time.perf_counter() - start < 0.3 + 0.5
    assert report.status == "timeout" and "took longer than 0.3 s" in report.message
    assert run_cases("again", lambda a, b: a * b, CASES).passed  # still usable, no stray alarm
    time.sleep(0.15)


def test_code_click_uses_the_latest_definition_and_records_it(scratch):
    namespace = {}
    exec("def f(a, b):\n    raise NotImplementedError()\n", namespace)
    ex = check_function("f", namespace["f"], CASES)
    assert ex.status == "unanswered"
    exec("def f(a, b):\n    return a * b\n", namespace)  # the student re-runs the function cell
    assert ex.check().startswith("✓")
    record = load_answers(scratch / "test_lesson.answers.json")["records"][-1]
    assert record["kind"] == "code" and record["status"] == "correct" and record["passed"] == 2


def _spin():
    while True:
        pass


def test_time_limit_off_the_main_thread():
    outcome = {}

    def worker():
        start = time.perf_counter()
        try:
            call_with_time_limit(_spin, (), 0.2)
        except TookTooLong:
            outcome["elapsed"] = time.perf_counter() - start

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert outcome["elapsed"] < 0.7


def test_time_limit_inside_a_real_kernel(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in [
        "from cnnlab.exercises import check_function\n"
        "def spin(a, b):\n    while True:\n        pass\n"
        "ex = check_function('spin', spin, [((1, 2), 2)], time_limit=0.5)",
        "print(ex.status, ex.check().splitlines()[1].strip()[:30])",
        "print(sum(range(10)))",
    ]])
    SteadyNotebookClient(nb, timeout=30, kernel_name="python3",
                         resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert nb.cells[1].outputs[0]["text"].startswith("timeout ✗ input (1, 2) → expected 2")
    assert nb.cells[2].outputs[0]["text"] == "45\n"


# --- hiding answers --------------------------------------------------------------------------

def test_sealed_explanation_opens_only_with_the_right_answer():
    sealed = seal("because 34,944", "params", "34944e0")
    assert "34,944" not in sealed
    assert unseal(sealed, "params", "34944e0") == "because 34,944"
    assert unseal(sealed, "params", "34848e0") != "because 34,944"
    assert unseal(sealed, "params") is None


def test_hiding_keeps_the_spec_and_the_rest_of_the_cell():
    source = ('%matplotlib inline\nx = numeric("q", answer=12, digits=0, unit="个",\n'
              '            prompt="多少？", explanation=("12 个"\n "就是答案"))\nprint(x)')
    hidden = hide_answers_in_source(source)
    assert "answer=" not in hidden and "12 个" not in hidden and hidden.endswith("print(x)")
    assert quick_check_specs(hidden) == quick_check_specs(source)
    assert Numeric("q", key=quick_check_specs(hidden)[0].key).check("12").startswith("✓")


def _written_answers(spec_source):
    """``[(kind, answer text)]``: each ``answer=`` of the cell, and every variant's answer."""
    found = re.findall(r'(numeric|shape)\("[^"]+", answer=([^,]+(?:, \d+)*\)?)', spec_source)
    if "variants=" in spec_source:
        from tests.helpers import variant_answers
        found += variant_answers(spec_source)
    return found


def _plain_answers(spec_source):
    """Regexes that would find a quick check's answer (any variant's) written out in a student notebook."""
    for kind, value in _written_answers(spec_source):
        numbers = re.findall(r"\d+", value)
        if not numbers:
            continue
        if kind == "numeric":
            n = int(numbers[0])
            if n < 100:
                # A one- or two-digit answer (7, 16, 44) also appears as ordinary text
                # ("7×7", "16 channels"); searching for it finds prose, not a leak. Such
                # answers are still checked above: the widget cell holds only a key.
                continue
            yield rf"(?<![\w.]){n}(?![\w.])|(?<![\w.]){n:,}(?![\w.])"
        else:
            yield r"\D{1,3}".join(numbers)


@pytest.mark.parametrize("lesson", course_manifest().lessons, ids=lambda l: l.stem)
def test_student_notebooks_hold_keys_not_answers(lesson):
    for lang in LANGUAGES:
        solution = read_notebook(lesson.path(ROOT, "solutions", lang))
        student = read_notebook(lesson.path(ROOT, "lessons", lang))
        quick = {e.id for e in lesson.exercises if e.kind != "code"}
        student_cells = exercise_cells(student)
        for exercise, cells in exercise_cells(solution).items():
            if exercise not in quick:
                continue
            source = "\n".join(c.source for c in cells)
            shown = "\n".join(c.source for c in student_cells[exercise])
            assert "answer=" not in shown and quick_check_specs(shown) == quick_check_specs(source)
            text = "\n".join(lesson.path(ROOT, "lessons", lang, ext).read_text(encoding="utf-8")
                             for ext in (".ipynb", ".py"))
            for pattern in _plain_answers(source):
                assert not re.search(pattern, text), (lesson.stem, lang, exercise, pattern)


def test_every_variant_of_lesson_02s_quick_checks_is_what_torch_computes(manifest):
    """The student version's key of each variant accepts what nn.Conv2d with that variant's numbers gives."""
    import torch
    from torch import nn
    from cnnlab.tools.pipeline.check import quick_check_variants

    lesson = manifest.lesson("02")
    cells = exercise_cells(read_notebook(lesson.path(ROOT, "lessons", "en")))
    table = quick_check_variants(lesson.path(ROOT, "solutions", "en"))
    shape_specs, = quick_check_specs(cells["conv2_shape"][0].source)
    params_specs, = quick_check_specs(cells["conv2_params"][0].source)
    for variant, spec in zip(table["conv2_shape"][1], shape_specs.specs):
        v = variant.values
        out = nn.Conv2d(96, v["kernels"], kernel_size=v["size"], padding=v["padding"])(torch.zeros(1, 96, 55, 55))
        assert score_quick_check(spec, str(tuple(out.shape[1:]))), variant.label
    for variant, spec in zip(table["conv2_params"][1], params_specs.specs):
        conv2 = nn.Conv2d(96, variant.values["kernels"], kernel_size=variant.values["size"])
        assert score_quick_check(spec, str(sum(p.numel() for p in conv2.parameters()))), variant.label
    assert len(shape_specs.specs) >= 4 and len(params_specs.specs) >= 4
"""Named mistakes of lessons 02 and 03: every declared wrong answer is what its mistake produces,
differs from the right answer, and, typed into the widget of the zh and en solution and of the
generated student lesson, gets that mistake's hint and records its id."""

import ast
import math

import pytest
import torch
from torch import nn

from cnnlab.exercises import messages
from cnnlab.exercises.answers import load_answers, use_lesson
from cnnlab.exercises.spec import quick_check_calls, quick_check_specs, score_quick_check
from cnnlab.exercises.variants import vary
from cnnlab.exercises.widgets import Choice, Numeric, Shape
from cnnlab.i18n import LANGUAGES
from cnnlab.cells import exercise_cells
from cnnlab.tools.pipeline.notebooks import read_notebook
from tests.helpers import ROOT, course_manifest, default_spec, quick_check_fields

LESSONS = ("02", "03")
WIDGETS = {"numeric": Numeric, "shape": Shape, "choice": Choice}


def out_size(n, k, p, s, *, sides=2, plus_one=True, round_up=False):
    """The output size, or what a mistaken version of ⌊(n − k + 2p)/s⌋ + 1 gives."""
    steps = (n - k + sides * p) / s
    return (math.ceil(steps) if round_up else math.floor(steps)) + (1 if plus_one else 0)


def torch_size(n, k, p, s):
    return nn.Conv2d(1, 1, k, stride=s, padding=p)(torch.zeros(1, 1, n, n)).shape[-1]


# Each wrong answer recomputed from the mistake it names, independently of the lessons' literals.
CONV2 = out_size(55, 5, 2, 1)                                      # conv2: n=55, k=5, p=2, s=1
STRIDED = out_size(28, 3, 1, 2)                                    # nn.Conv2d(3, 16, 3, stride=2, padding=1)
EXPECTED = {
    ("conv2_shape", "channels_last"): (CONV2, CONV2, 256),
    ("conv2_shape", "kept_input_channels"): (96, CONV2, CONV2),
    ("conv2_shape", "padding_once"): (256, out_size(55, 5, 2, 1, sides=1), out_size(55, 5, 2, 1, sides=1)),
    ("conv2_shape", "no_padding"): (256, out_size(55, 5, 0, 1), out_size(55, 5, 0, 1)),   # (256, 51, 51)
    ("conv2_params", "forgot_bias"): 5 * 5 * 96 * 256,
    ("conv2_params", "one_channel"): (5 * 5 + 1) * 256,
    ("conv2_params", "counted_neurons"): 256 * CONV2 * CONV2,
    ("out_size", "rounded_up"): out_size(32, 5, 2, 2, round_up=True),
    ("out_size", "forgot_plus_one"): out_size(32, 5, 2, 2, plus_one=False),
    ("out_size", "forgot_padding"): out_size(32, 5, 0, 2),
    ("strided_shape", "rounded_up"): (16,) + (out_size(28, 3, 1, 2, round_up=True),) * 2,
    ("strided_shape", "same_size_with_stride"): (16,) + (out_size(28, 3, 1, 1),) * 2,
    ("strided_shape", "forgot_plus_one"): (16,) + (out_size(28, 3, 1, 2, plus_one=False),) * 2,
    # total_padding: the book's p = 4 counts both sides; option labels are "padding=N".
    ("total_padding", "total_as_per_side"): "padding=4",        # the total read as per side
    ("total_padding", "doubled"): f"padding={4 * 2}",           # conventions flipped
    ("total_padding", "four_sides"): f"padding={4 // 4}",       # shared among four sides
}


def _cells(code, kind, lang):
    """``{exercise: source}`` of the quick-check cells of lesson ``code`` (solutions or lessons)."""
    lesson = course_manifest().lesson(code)
    quick = {e.id for e in lesson.exercises if e.kind not in ("code", "layers")}   # layers: test_predict_layers
    cells = exercise_cells(read_notebook(lesson.path(ROOT, kind, lang)))
    return {ex: "\n".join(c.source for c in cells[ex]) for ex in sorted(quick)}


def _declared(source):
    """``[(kind, exercise, right answer, options, [(id, wrong, hint), ...])]`` of a solution cell
    (a check with variants: its default variant; cnnlab check verifies the others)."""
    return [(kind, exercise, fields["answer"], fields.get("options", []), fields.get("mistakes", []))
            for kind, exercise, fields in quick_check_fields(source)]




def _all_declared(lang):
    return [entry for code in LESSONS for source in _cells(code, "solutions", lang).values()
            for entry in _declared(source)]


SCRATCH_LESSON = "mistakes_test"  # the answers file the scratch fixture (conftest.py) makes


def test_enough_mistakes_and_the_same_ones_in_both_languages():
    en, zh = _all_declared("en"), _all_declared("zh")
    strip = lambda found: [(ex, [(i, w) for i, w, _ in m]) for _, ex, _, _, m in found]
    assert strip(en) == strip(zh)
    assert sum(len(m) for *_, m in en) >= 13
    for lang, found in (("en", en), ("zh", zh)):
        for *_, mistakes in found:
            assert 1 <= len(mistakes) <= 4
            hints = [h for _, _, h in mistakes]
            assert all(h.strip() for h in hints) and len(set(hints)) == len(hints), lang
    zh_hints = {(ex, i): h for _, ex, _, _, m in zh for i, _, h in m}
    for _, ex, _, _, mistakes in en:
        for mistake_id, _, hint in mistakes:
            assert hint != zh_hints[ex, mistake_id], "the zh solution needs its own (Chinese) hint"


def test_each_wrong_answer_is_what_its_mistake_computes_and_is_not_right():
    declared = {}
    for kind, exercise, answer, options, mistakes in _all_declared("en"):
        for mistake_id, wrong, _ in mistakes:
            declared[exercise, mistake_id] = options[wrong] if kind == "choice" else wrong
            assert wrong != answer, (exercise, mistake_id)
    assert declared == EXPECTED
    # The right answers these mistakes miss, as PyTorch computes them.
    assert torch_size(55, 5, 2, 1) == CONV2 and torch_size(28, 3, 1, 2) == STRIDED
    assert torch_size(32, 5, 2, 2) == out_size(32, 5, 2, 2)
    conv2 = nn.Conv2d(96, 256, 5, padding=2)
    assert sum(p.numel() for p in conv2.parameters()) not in {declared["conv2_params", m] for m in
                                                              ("forgot_bias", "one_channel", "counted_neurons")}
    # total_padding: the book's size (n − k + p_total + s)/s equals PyTorch's for padding=2 only.
    n, k, s, p_total = 32, 5, 1, 4
    book = (n - k + p_total + s) // s
    for option in ("padding=2", *[declared["total_padding", m] for m in
                                  ("total_as_per_side", "doubled", "four_sides")]):
        assert (torch_size(n, k, int(option.split("=")[1]), s) == book) == (option == "padding=2"), option


def _widgets(source):
    """Run a quick-check cell with widgets that are built but not displayed; return them by id."""
    made = {}

    def maker(kind):
        def build(exercise, **kwargs):
            made[exercise] = WIDGETS[kind](exercise, **kwargs)
            return made[exercise]
        return build

    exec(source, {"vary": vary, **{kind: maker(kind) for kind in WIDGETS}})
    return made


def _type(widget, kind, wrong):
    if kind == "choice":
        widget.input.value = wrong
        widget.button.click()
        return widget.message
    if kind == "shape":
        return widget.check(f"({', '.join(str(v) for v in wrong)})")
    return widget.check(f"{wrong:,}")


@pytest.mark.parametrize("version", ["solutions", "lessons"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", LESSONS)
def test_each_declared_wrong_answer_gets_its_hint_and_records_its_id(code, language, version, scratch, lang):
    lang(language)
    solution = _cells(code, "solutions", language)
    shown = _cells(code, version, language)
    path = scratch / "mistakes_test.answers.json"
    checked = 0
    for exercise, source in solution.items():
        (kind, _, answer, _, mistakes), = _declared(source)
        if version == "lessons":
            assert "answer=" not in shown[exercise]
            student, = quick_check_specs(shown[exercise])
            assert student == quick_check_specs(source)[0]
            student = default_spec(student)
            assert len(student.mistakes) == len(mistakes)
            assert student.mistake_ids == ("",) * len(mistakes)
            for mistake_id, _, hint in mistakes:
                assert mistake_id not in shown[exercise] and hint not in shown[exercise]
        for mistake_id, wrong, hint in mistakes:
            widget = _widgets(shown[exercise])[exercise]          # a fresh widget: try 1
            text = _type(widget, kind, wrong)
            assert text == messages.mistake(1, hint), (exercise, mistake_id, text)
            assert not widget.solved
            record = load_answers(path)["records"][-1]
            assert (record["exercise"], record["status"], record.get("mistake")) == (exercise, "wrong", mistake_id)
            checked += 1
        # The right answer is still right, and records no mistake.
        widget = _widgets(shown[exercise])[exercise]
        text = _type(widget, kind, answer)
        assert widget.solved and text.startswith(messages.correct("").strip()), (exercise, text)
        assert "mistake" not in load_answers(path)["records"][-1]
    assert checked >= 6

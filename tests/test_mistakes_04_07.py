"""Named mistakes of the quick checks of lessons 04–07 (receptive field, channels, pooling, BatchNorm).

Every ``mistakes=[(id, wrong_answer, hint), ...]`` declared in the solutions is read with ``ast``
(nothing is executed to find them). For each one, the declared wrong answer is typed into the widget
built from the zh and the en solution cell and from the generated student cell (``lessons/``): it must
show exactly that mistake's hint, in that language, and the answers file must record its id. A second
group of tests recomputes every numeric and shape wrong answer by making the mistake in code (with
PyTorch or cnnlab), so a declared number is what the mistake really produces; choice mistakes are
checked against the option they name and against the facts their hints state.
"""

import ast
import re

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

import cnnlab
from cnnlab.exercises.answers import load_answers, use_lesson
from cnnlab.exercises.spec import quick_check_calls, quick_check_specs, score_quick_check
from cnnlab.exercises.variants import vary
from cnnlab.exercises.widgets import Choice, Numeric, Shape
from cnnlab.cells import exercise_cells
from cnnlab.tools.pipeline.notebooks import read_notebook
from tests.helpers import ROOT, default_spec, quick_check_fields

LESSONS = ["04_receptive_field", "05_channels", "06_pooling", "07_batch_norm"]
LANGS = ["zh", "en"]
WIDGETS = {"numeric": Numeric, "shape": Shape, "choice": Choice}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _quick_cells(path):
    """``{exercise: cell source}`` of the quick-check cells of one notebook."""
    cells = {}
    for exercise, found in exercise_cells(read_notebook(path)).items():
        for cell in found:
            if cell.cell_type == "code" and quick_check_specs(cell.source):
                cells[exercise] = cell.source
    return cells


def _declared(source):
    """``(kind, [(id, wrong_answer, hint), ...])`` of the one quick check in a solution cell
    (a check with variants: its default variant; cnnlab check verifies the others)."""
    [(kind, _exercise, fields)] = quick_check_fields(source)
    return kind, [tuple(m) for m in fields.get("mistakes", [])]


SOLUTION_CELLS = {(lesson, lang): _quick_cells(ROOT / "solutions" / lang / f"{lesson}.py")
                  for lesson in LESSONS for lang in LANGS}
STUDENT_CELLS = {(lesson, lang): _quick_cells(ROOT / "lessons" / lang / f"{lesson}.ipynb")
                 for lesson in LESSONS for lang in LANGS}
DECLARED = [(lesson, exercise, kind, mistake_id, wrong)
            for lesson in LESSONS
            for exercise, source in SOLUTION_CELLS[(lesson, "en")].items()
            for kind, mistakes in [_declared(source)]
            for mistake_id, wrong, _hint in mistakes]


def _case_id(case):
    return f"{case[1]}-{case[3]}"


pytestmark = pytest.mark.usefixtures("scratch")  # every test in an empty folder (conftest.py)


def _widget(source):
    """Execute a quick-check cell with widget classes that are not displayed; return the widget."""
    made = []
    namespace = {kind: (lambda cls: lambda *a, **k: made.append(cls(*a, **k)))(cls) for kind, cls in WIDGETS.items()}
    exec(source, {"vary": vary, **namespace})
    [widget] = made
    return widget


def _type(widget, kind, wrong):
    """Enter ``wrong`` as a student would (an option index, a number, a shape like 64x128x3x3), click Check."""
    if kind == "choice":
        widget.input.value = wrong
        widget.button.click()
        return widget.message
    text = "x".join(str(n) for n in wrong) if kind == "shape" else f"{wrong:,}"
    return widget.check(text)


# --- the declarations -----------------------------------------------------------------------

def test_enough_mistakes_are_declared_and_every_quick_check_has_some():
    assert len(DECLARED) >= 13
    for lesson in LESSONS:
        for exercise, source in SOLUTION_CELLS[(lesson, "en")].items():
            assert 1 <= len(_declared(source)[1]) <= 3, exercise


@pytest.mark.parametrize("lesson", LESSONS)
def test_zh_and_en_declare_the_same_mistakes_with_translated_hints(lesson):
    zh, en = SOLUTION_CELLS[(lesson, "zh")], SOLUTION_CELLS[(lesson, "en")]
    assert zh.keys() == en.keys() and en
    for exercise in en:
        zh_kind, zh_mistakes = _declared(zh[exercise])
        en_kind, en_mistakes = _declared(en[exercise])
        assert zh_kind == en_kind
        assert [(i, w) for i, w, _ in zh_mistakes] == [(i, w) for i, w, _ in en_mistakes], exercise
        for (_, _, zh_hint), (_, _, en_hint) in zip(zh_mistakes, en_mistakes):
            assert CJK.search(zh_hint) and not CJK.search(en_hint), (exercise, zh_hint, en_hint)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", DECLARED, ids=_case_id)
def test_no_declared_wrong_answer_is_the_right_answer(case, lang):
    lesson, exercise, kind, _, wrong = case
    [spec] = map(default_spec, quick_check_specs(SOLUTION_CELLS[(lesson, lang)][exercise]))
    typed = wrong if kind == "choice" else str(wrong)
    assert not score_quick_check(spec, typed)
    assert not _type(_widget(SOLUTION_CELLS[(lesson, lang)][exercise]), kind, wrong).startswith(("✓", "✔"))


# --- each wrong answer gets its hint, in the solution and in the student version -------------

@pytest.mark.parametrize("version", ["solution", "student"])
@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("case", DECLARED, ids=_case_id)
def test_a_declared_wrong_answer_shows_its_hint_and_records_its_id(case, language, version, scratch, lang):
    lesson, exercise, kind, mistake_id, wrong = case
    lang(language)
    solution = SOLUTION_CELLS[(lesson, language)][exercise]
    hints = {i: h for i, _, h in _declared(solution)[1]}
    source = solution if version == "solution" else STUDENT_CELLS[(lesson, language)][exercise]
    if version == "student":
        for secret in (mistake_id, hints[mistake_id]):
            assert secret not in source
    widget = _widget(source)
    message = _type(widget, kind, wrong)
    lead = "常见错误：" if language == "zh" else "A common mistake: "
    assert message.startswith("✗") and lead + hints[mistake_id] in message, message
    for other_id, other_hint in hints.items():
        if other_id != mistake_id:
            assert other_hint not in message
    assert widget.hint not in message
    last = load_answers(scratch / "test_lesson.answers.json")["records"][-1]
    assert last["exercise"] == exercise and last["status"] == "wrong"
    assert last["mistake"] == mistake_id and last["lang"] == language


@pytest.mark.parametrize("language", LANGS)
def test_other_wrong_answers_still_get_the_generic_hint(language, scratch, lang):
    lang(language)
    widget = _widget(SOLUTION_CELLS[("04_receptive_field", language)]["stack_rf"])
    message = widget.check("19")
    assert widget.hint in message and ("常见错误" not in message and "common mistake" not in message)
    assert "mistake" not in load_answers(scratch / "test_lesson.answers.json")["records"][-1]


# --- each wrong answer is what its mistake produces ------------------------------------------

def _rf(layers, stride_first=False):
    """r of a stack of (k, s) layers; ``stride_first`` applies a layer's stride before its own k (the mistake)."""
    r, j = 1, 1
    for k, s in layers:
        if stride_first:
            j *= s
        r += (k - 1) * j
        if not stride_first:
            j *= s
    return r


def _field(modules, size=200):
    return cnnlab.receptive_field(nn.Sequential(*modules), (1, size, size)).final.r


def _bn_step(momentum):
    """running (mean, var) of a PyTorch BN layer (running_mean 40, running_var 1) after the batch 50, 70, 90, 110."""
    bn = nn.BatchNorm1d(1, momentum=momentum)
    bn.running_mean.fill_(40.0)
    bn.running_var.fill_(1.0)
    bn.train()
    bn(torch.tensor([[50.0], [70.0], [90.0], [110.0]]))
    return bn.running_mean.item(), bn.running_var.item()


def _pool_out(pool, shape):
    return tuple(pool(torch.zeros(shape)).shape)


STACK = [(5, 1), (2, 2), (3, 1), (2, 2), (3, 1)]
BATCH = torch.tensor([50.0, 70.0, 90.0, 110.0])
CONV = nn.Conv2d(64, 128, kernel_size=3)


def _flops_and_192_channels():
    with FlopCounterMode(display=False) as counter:
        nn.Conv2d(96, 128, 3, padding=1)(torch.zeros(1, 96, 28, 28))
    flops, wide = counter.get_total_flops(), cnnlab.conv_macs(192, 128, 3, 28)
    assert flops == wide                       # the two mistakes give the same number: one id, one hint for both
    return flops


MADE = {
    ("three_3x3", "added_kernel_sizes"): lambda: 3 + 3 + 3,
    ("three_3x3", "multiplied_kernels"): lambda: 3 * 3 * 3,
    ("three_3x3", "counted_previous_layer"): lambda: _field([nn.Conv2d(1, 1, 3)]),
    ("stack_rf", "forgot_jump"): lambda: _field([nn.Conv2d(1, 1, 5), nn.MaxPool2d(2, stride=1), nn.Conv2d(1, 1, 3),
                                                 nn.MaxPool2d(2, stride=1), nn.Conv2d(1, 1, 3)]),
    ("stack_rf", "added_kernel_sizes"): lambda: sum(k for k, _ in STACK),
    ("stack_rf", "stride_too_early"): lambda: _rf(STACK, stride_first=True),
    ("branch_macs", "forgot_positions"): lambda: cnnlab.conv_params(96, 128, 3, bias=False),
    ("branch_macs", "counted_parameters"): lambda: sum(p.numel() for p in nn.Conv2d(96, 128, 3).parameters()),
    ("branch_macs", "flops_or_192_channels"): _flops_and_192_channels,
    ("weight_shape", "in_out_swapped"): lambda: tuple(nn.Conv2d(128, 64, 3).weight.shape),
    ("weight_shape", "tensorflow_layout"): lambda: tuple(CONV.weight.permute(2, 3, 1, 0).shape),   # HWIO
    ("weight_shape", "forgot_in_channels"): lambda: tuple(CONV.weight[:, 0].shape),
    ("pool_ceil", "rounded_down"): lambda: _pool_out(nn.MaxPool2d(3, stride=2), (1, 1, 112, 112))[-1],
    ("pool_ceil", "ignored_stride"): lambda: _pool_out(nn.MaxPool2d(3, stride=1, ceil_mode=True), (1, 1, 112, 112))[-1],
    ("pooled_shape", "rounded_up"): lambda: _pool_out(nn.MaxPool2d(2, ceil_mode=True), (64, 15, 15)),
    ("pooled_shape", "channels_last"): lambda: tuple(nn.MaxPool2d(2)(torch.zeros(64, 15, 15)).permute(1, 2, 0).shape),
    ("pooled_shape", "forgot_plus_one"): lambda: (64, (15 - 2) // 2, (15 - 2) // 2),
    ("running_mean_step", "momentum_flipped"): lambda: _bn_step(0.9)[0],
    ("running_mean_step", "batch_mean_only"): lambda: _bn_step(1.0)[0],
    ("running_var_step", "biased_variance"): lambda: 0.9 * 1 + 0.1 * BATCH.var(unbiased=False).item(),
    ("running_var_step", "momentum_flipped"): lambda: _bn_step(0.9)[1],
    ("running_var_step", "batch_variance_only"): lambda: _bn_step(1.0)[1],
}

# Choice mistakes: words of the (English) option each one names.
NAMED_OPTION = {
    ("enlarge_most", "more_depth"): "fifth 3×3",
    ("enlarge_most", "strided_first_conv"): "first convolution stride 2",
    ("enlarge_most", "largest_kernel"): "by a 7×7",
    ("one_by_one_true", "mixes_neighbours"): "8 neighbours",
    ("one_by_one_true", "fixed_channels"): "cannot change the number of channels",
    ("one_by_one_true", "no_parameters"): "no learnable parameters",
    ("pooling_true", "pool_has_weights"): "learnable weights",
    ("pooling_true", "full_shift_invariance"): "any shift",
    ("pooling_true", "conv_computes_max"): "convolution computes exactly",
    ("momentum_port", "copied_momentum"): "momentum=0.9",
    ("momentum_port", "no_difference"): "no difference",
    ("eval_statistics", "batch_statistics"): "current batch",
    ("eval_statistics", "test_set_statistics"): "whole test set",
    ("eval_statistics", "bn_switched_off"): "switched off",
}


def test_every_declared_mistake_is_reproduced_here():
    assert {(exercise, i) for _, exercise, _, i, _ in DECLARED} == set(MADE) | set(NAMED_OPTION)


@pytest.mark.parametrize("case", [c for c in DECLARED if c[2] != "choice"], ids=_case_id)
def test_the_wrong_answer_is_what_the_mistake_computes(case):
    lesson, exercise, kind, mistake_id, wrong = case
    made = MADE[(exercise, mistake_id)]()
    if kind == "shape":
        assert tuple(made) == tuple(wrong)
    else:
        [spec] = map(default_spec, quick_check_specs(SOLUTION_CELLS[(lesson, "en")][exercise]))
        assert round(made, spec.digits) == pytest.approx(wrong), (made, wrong)


@pytest.mark.parametrize("case", [c for c in DECLARED if c[2] == "choice"], ids=_case_id)
def test_a_choice_mistake_names_the_option_it_means(case):
    lesson, exercise, _, mistake_id, index = case
    [(_, _, fields)] = quick_check_fields(SOLUTION_CELLS[(lesson, "en")][exercise])   # the default variant
    assert NAMED_OPTION[(exercise, mistake_id)] in fields["options"][index]


def test_enlarge_most_hints_state_true_numbers():
    """Four 3×3 convs (r = 9); the options' fields, as the hints describe them."""
    conv = [(3, 1)] * 4
    r = {"fifth 3×3": _rf(conv + [(3, 1)]), "stride 2 first": _rf([(3, 2)] + conv[1:]),
         "pool first": _rf([(2, 2)] + conv), "7×7 last": _rf(conv[:3] + [(7, 1)]), "1×1 between": _rf([(3, 1), (1, 1)] * 4)}
    assert _rf(conv) == 9 and r["fifth 3×3"] - 9 == 2                      # "adds only k − 1 = 2 pixels"
    assert r["7×7 last"] == 9 - 2 + 6                                      # "adds k − 1 = 6 pixels at jump 1"
    ranked = sorted(r, key=r.get, reverse=True)
    assert ranked[:2] == ["pool first", "stride 2 first"] and r["pool first"] > r["stride 2 first"]   # "close"
    assert _field([nn.MaxPool2d(2, 2)] + [nn.Conv2d(1, 1, 3, padding=1) for _ in range(4)]) == r["pool first"]


def test_one_by_one_hints_state_true_facts():
    torch.manual_seed(0)
    conv = nn.Conv2d(192, 16, kernel_size=1)
    assert sum(p.numel() for p in conv.parameters()) == 16 * (192 + 1)         # it has parameters
    x = torch.randn(1, 192, 5, 5)
    assert conv(x).shape[1] == 16                                            # it changes the channel count
    poked = x.clone()
    poked[0, :, 2, 3] += 10
    changed = (conv(poked) - conv(x)).abs().sum(1)[0] > 0
    assert changed.nonzero().tolist() == [[2, 3]]                            # it reads one pixel only


def test_pooling_hints_state_true_facts():
    torch.manual_seed(0)
    pool = nn.MaxPool2d(2)
    assert sum(p.numel() for p in pool.parameters()) == 0
    x = torch.randn(1, 1, 8, 8)
    assert not torch.equal(pool(x), pool(torch.roll(x, 1, dims=3)))          # not invariant to a 1-pixel shift
    a, b = torch.tensor([1.0, 0.0]), torch.tensor([0.0, 1.0])
    assert (a + b).max() != a.max() + b.max()                                # max is not linear


def test_batch_norm_hints_state_true_facts():
    # momentum_port: PyTorch 0.9 is not d2l-zh's 0.9; PyTorch 0.1 is.
    d2l_mean = 0.9 * 40 + 0.1 * BATCH.mean().item()
    assert _bn_step(0.1)[0] == pytest.approx(d2l_mean) and _bn_step(0.9)[0] != pytest.approx(d2l_mean)
    # running_var_step: PyTorch updates with the unbiased variance.
    assert _bn_step(0.1)[1] == pytest.approx(0.9 + 0.1 * BATCH.var(unbiased=True).item())
    # eval_statistics: evaluation normalizes with the running statistics, whatever the batch.
    torch.manual_seed(0)
    bn = nn.BatchNorm2d(3)
    for _ in range(5):
        bn(torch.randn(8, 3, 4, 4) * 3 + 2)
    bn.eval()
    x = torch.randn(2, 3, 4, 4)
    by_hand = ((x - bn.running_mean.view(1, 3, 1, 1)) / torch.sqrt(bn.running_var.view(1, 3, 1, 1) + bn.eps)
               * bn.weight.view(1, 3, 1, 1) + bn.bias.view(1, 3, 1, 1))
    with torch.no_grad():
        assert torch.allclose(bn(x), by_hand, atol=1e-5)
        assert torch.allclose(bn(x[:1]), bn(x)[:1], atol=1e-6)               # other images do not matter
        assert not torch.allclose(bn(x), x * bn.weight.view(1, 3, 1, 1) + bn.bias.view(1, 3, 1, 1))  # not switched off

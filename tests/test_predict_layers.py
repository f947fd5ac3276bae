"""predict_layers: ✓ / ✗ per box, named mistakes computed from the layer's numbers, reveal, records."""

import json

import pytest
import torch
from torch import nn

from cnnlab.exercises.layers import LayerPrediction

pytestmark = pytest.mark.usefixtures("scratch")


def model():
    #          3×16×16 -> 8×16×16          -> 4×16×16          -> 4×8×8 (ceil: same)   -> 16×4×4 grouped
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.Conv2d(8, 4, 1), nn.MaxPool2d(2),
                         nn.Conv2d(4, 16, 3, stride=2, padding=1, groups=2), nn.Flatten(), nn.Linear(256, 10))


def widget(ask=("shape", "params", "rf")):
    return LayerPrediction("l05_layers", model(), (3, 16, 16), ask)


def typed(row, **values):
    for quantity, value in values.items():
        row.boxes[quantity].value = value
    row.button.click()
    return row.message


def records():
    return json.loads(open("test_lesson.answers.json", encoding="utf-8").read())["records"]


def test_a_right_row_gets_ticks_and_then_the_truth():
    ex = widget()
    text = typed(ex.rows[0], shape="(8, 16, 16)", params="224", rf="3")
    assert text.count("✓") == 3 and "✗" not in text and "8×16×16" in text
    (rec,) = records()
    assert rec["kind"] == "layers" and rec["status"] == "correct" and rec["row"] == 0
    assert rec["marks"] == {"shape": "correct", "params": "correct", "rf": "correct"}
    assert rec["answer"] == {"shape": "(8, 16, 16)", "params": "224", "rf": "3"}


@pytest.mark.parametrize("row, quantity, wrong, mistake, rule", [
    (0, "shape", "8x15x15", "padding_one_side", "padding counts on both sides"),
    (1, "shape", "4x14x14", "one_by_one_shrinks", "a 1×1 convolution keeps H×W"),
    (0, "params", "216", "no_bias", "bias: one per output channel"),
    (3, "params", "592", "groups_ignored", "grouped: c_in / groups per filter"),
    (3, "rf", "6", "jump_forgotten", "multiply by the jump so far"),
])
def test_named_mistakes_name_their_rule(row, quantity, wrong, mistake, rule):
    ex = widget()
    text = typed(ex.rows[row], **{quantity: wrong})
    assert "✗" in text and rule in text
    assert records()[-1]["mistakes"] == {quantity: mistake}
    assert records()[-1]["status"] == "wrong"


def test_a_wrong_answer_without_a_rule_reveals_the_truth_only():
    ex = widget(ask=("shape",))
    text = typed(ex.rows[3], shape="7x7x7")
    assert "✗" in text and "16×4×4" in text and "common mistake" not in text
    assert records()[-1]["mistakes"] == {}


def test_garbage_is_no_try_and_is_not_recorded():
    ex = widget(ask=("params",))
    assert "does not count" in typed(ex.rows[0], params="lots")
    assert not __import__("os").path.exists("test_lesson.answers.json")


def test_reveal_all_records_and_shows_every_value():
    ex = widget()
    ex.reveal_button.click()
    assert ex.revealed and records()[-1]["status"] == "revealed"
    assert "16×4×4" in ex.rows[3].message


def test_rows_after_flatten_ask_no_field():
    ex = widget()
    assert list(ex.rows[5].boxes) == ["shape", "params"]          # Linear: no spatial field


def test_untraceable_layer_says_so_in_chinese(lang):
    class Weird(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.ones(1))

        def forward(self, x):
            return x * self.w

    lang("zh")
    ex = LayerPrediction("weird", nn.Sequential(nn.Conv2d(1, 2, 3), Weird()), (1, 8, 8), ("shape", "macs", "rf"))
    assert list(ex.rows[1].boxes) == ["shape"]
    assert "无法准确算出" in ex.rows[1].message and "跳过" in ex.rows[1].message
    text = typed(ex.rows[1], shape="2x6x6")
    assert text.startswith("✓ 输出形状：2×6×6")


def test_bad_ask_is_named():
    with pytest.raises(ValueError, match="ask"):
        LayerPrediction("x", model(), (3, 16, 16), ("shapes",))


def test_progress_of_a_layers_exercise_follows_every_checked_row():
    from cnnlab.exercises.answers import load_answers
    from cnnlab.exercises.progress import exercise_state
    ex = widget(ask=("shape",))
    typed(ex.rows[0], shape="8x16x16")
    typed(ex.rows[1], shape="1x1x1")
    def state():
        return exercise_state(load_answers("test_lesson.answers.json")["records"], "l05_layers")
    assert state() == "wrong"
    typed(ex.rows[1], shape="4x16x16")
    assert state() == "correct"
    ex.reveal_button.click()
    assert state() == "wrong"


def test_reveal_all_keeps_the_marks_of_checked_rows():
    ex = widget(ask=("shape", "params"))
    typed(ex.rows[0], params="216")
    ex.reveal_button.click()
    assert "bias: one per output channel" in ex.rows[0].message and "8×16×16" in ex.rows[0].message
    assert "✗" not in ex.rows[1].message and "4×16×16" in ex.rows[1].message


def test_a_model_the_student_still_has_to_build_asks_for_it_first():
    def build():
        raise NotImplementedError

    ex = LayerPrediction("free_layers", build, (3, 16, 16), ("shape",))
    assert ex.rows == [] and ex.reveal_button.disabled
    assert ex.problem.startswith("Build the model first") and ex.text() == ex.problem
    built = LayerPrediction("free_layers", model, (3, 16, 16), ("shape",))     # the function, answered
    assert len(built.rows) == 6 and not built.problem
    with pytest.raises(TypeError, match="model must be an nn.Module"):
        LayerPrediction("free_layers", lambda: "a string", (3, 16, 16), ("shape",))


BOTTLENECK = dict(exercise="bottleneck_layers", input_shape=(192, 28, 28), ask=("shape", "params"), lesson="05_channels")


def _bottleneck(second_padding=2, inplace=False):
    return nn.Sequential(nn.Conv2d(192, 16, 1), nn.ReLU(inplace=inplace),
                         nn.Conv2d(16, 32, 5, padding=second_padding), nn.ReLU())


def _predict(net, **kwargs):
    options = {**BOTTLENECK, **kwargs}
    return LayerPrediction(options["exercise"], net, options["input_shape"], options["ask"], lesson=options["lesson"])


def test_a_model_that_differs_from_the_manifest_specification_gets_no_rows(lang):
    assert len(_predict(_bottleneck(inplace=True)).rows) == 4          # the same layers, written another way
    wrong = _predict(_bottleneck(second_padding=1))
    assert wrong.rows == [] and "layer 3" in wrong.problem and "specification" in wrong.problem
    assert "28" not in wrong.problem and "12,832" not in wrong.problem      # nothing to predict is given away
    shorter = _predict(nn.Sequential(*list(_bottleneck())[:3]))
    assert shorter.rows == [] and "3 layers" in shorter.problem and "4" in shorter.problem
    other_input = _predict(_bottleneck(), input_shape=(192, 32, 32))
    assert other_input.rows == [] and "(192, 28, 28)" in other_input.problem
    lang("zh")
    assert "第 3 层" in _predict(_bottleneck(second_padding=1)).problem


def test_an_exercise_the_manifest_does_not_specify_is_not_compared():
    assert len(_predict(_bottleneck(second_padding=1), exercise="not_in_the_manifest").rows) == 4

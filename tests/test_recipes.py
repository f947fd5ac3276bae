"""cnnlab.recipes: the tuned full-mode settings shared by the lessons and bench_models."""

import pytest
import torch
from torch import nn

import cnnlab
from cnnlab import recipes
from cnnlab.models import lenet5_loss
from cnnlab.models.lenet5 import PaperInput, faithful_lenet5


def test_every_recipe_builds_a_fresh_model_for_28x28_images():
    for r in recipes.RECIPES.values():
        first, second = r.build(), r.build()
        assert first is not second
        with torch.no_grad():
            out = first.eval()(torch.rand(2, 1, 28, 28))
        assert out.shape == (2, 10), r.name


def test_recipe_settings_are_the_tuned_ones():
    vgg = cnnlab.recipe("vgg")
    assert (vgg.optimizer, vgg.lr, vgg.batch_size, vgg.weight_decay, vgg.smoothing, vgg.epochs) == \
        ("adamw", 0.01, 128, 0.01, 0.1, 10)
    assert any(isinstance(m, nn.BatchNorm2d) for m in vgg.build().modules())
    criterion = vgg.loss_fn()
    assert isinstance(criterion, nn.CrossEntropyLoss) and criterion.label_smoothing == 0.1
    options = vgg.fit_options()
    assert {k: v for k, v in options.items() if k != "loss_fn"} == dict(
        lr=0.01, optimizer="adamw", schedule="onecycle", weight_decay=0.01, channels_last=True)
    assert options["loss_fn"].label_smoothing == 0.1
    five = cnnlab.recipe("lenet5")
    outputs, target = torch.randn(4, 10), torch.tensor([0, 3, 9, 1])
    assert five.data == "mnist-sample" and five.loss == "MAP"
    torch.testing.assert_close(five.loss_fn()(outputs, target), lenet5_loss(outputs, target, j=0.1))


def test_faithful_lenet5_keeps_the_papers_60000_parameters_and_input_range():
    model = faithful_lenet5()
    assert sum(p.numel() for p in model.parameters() if p.requires_grad) == 60_000
    x = PaperInput()(torch.tensor([[[[0.0, 1.0]]]]))
    assert x.shape == (1, 1, 5, 6)                      # padded by 2 on every side
    assert x.min().item() == pytest.approx(-0.1)
    assert x.max().item() == pytest.approx(1.175)


@pytest.mark.parametrize("language, words", [
    ("en", ["scaled NiN: nin_small()", "peak lr 0.003", "at most 10 epochs", "≥ 0.88 in ≤ 180 s",
            "d2l 0.790", "train it in a notebook: cnnlab.train_recipe('nin')"]),
    ("zh", ["缩小版 NiN：nin_small()", "峰值学习率 0.003", "最多 10 轮", "≥ 0.88 且 ≤ 180 秒", "d2l 0.790",
            "在笔记本中按配方训练：cnnlab.train_recipe('nin')"]),
])
def test_printing_a_recipe_says_everything_in_the_lesson_language(lang, language, words):
    lang(language)
    text = str(cnnlab.recipe("nin"))
    for word in words:
        assert word in text
    assert "benchmarks/" not in text            # a student release has no benchmarks folder
    assert "label smoothing" not in text and "标签平滑" not in text     # NiN trains without it
    assert ("标签平滑 0.1" if language == "zh" else "label smoothing 0.1") in str(cnnlab.recipe("resnet"))


@pytest.mark.parametrize("language, fragment", [("en", "name='alexnet11' is not a recipe: use one of lenet, "),
                                                ("zh", "name='alexnet11' 不是已有的配方：可用 lenet, ")])
def test_an_unknown_recipe_names_the_argument_and_the_choices(lang, language, fragment):
    lang(language)
    with pytest.raises(ValueError) as err:
        cnnlab.recipe("alexnet11")
    assert fragment in str(err.value) and "resnet, lenet5" in str(err.value)


def test_train_recipe_in_quick_mode_learns_with_the_recipes_settings():
    model, history = cnnlab.train_recipe("lenet", quick=True, verbose=False)
    assert len(history.epoch) == 2 and history.quick
    assert history.test_acc[-1] > 0.5                   # chance: 0.1
    conv2 = model[4]
    assert isinstance(conv2, nn.Conv2d) and conv2.weight.is_contiguous(memory_format=torch.channels_last)


def test_label_smoothing_targets_are_the_ones_lesson_09_prints():
    # 1 − ε + ε/10 on the right class, ε/10 on the others: PyTorch's definition, checked.
    eps = cnnlab.recipe("alexnet").smoothing
    logits, target = torch.randn(5, 10), torch.tensor([0, 1, 2, 3, 9])
    soft = torch.full((5, 10), eps / 10)
    soft[torch.arange(5), target] = 1 - eps + eps / 10
    expected = -(soft * torch.log_softmax(logits, dim=1)).sum(1).mean()
    torch.testing.assert_close(cnnlab.recipe("alexnet").loss_fn()(logits, target), expected)

"""cnnlab.receptive: hand-checked and published receptive fields, branches, gradients."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings, strategies as st
from torch import nn

import cnnlab
from cnnlab.receptive import UnsupportedLayerError, effective_receptive_field, receptive_field
from tests.helpers import Inception, alexnet_features, resnet18, vgg16_features


def test_two_stacked_3x3_convolutions_see_5x5():
    fields = receptive_field(nn.Sequential(nn.Conv2d(1, 1, 3), nn.ReLU(), nn.Conv2d(1, 1, 3)), (1, 9, 9))
    assert [row.r for row in fields] == [3, 3, 5]
    assert fields[-1].jump == 1 and fields[-1].output_size == 5
    assert fields[-1].start == 2          # centre of the first unit: pixel (2, 2)


def test_lenet_c1_to_s4():
    lenet = nn.Sequential(nn.Conv2d(1, 6, 5), nn.Sigmoid(), nn.AvgPool2d(2),
                          nn.Conv2d(6, 16, 5), nn.Sigmoid(), nn.AvgPool2d(2))
    rows = [r for r in receptive_field(lenet, (1, 32, 32)) if r.type != "Sigmoid"]
    assert [(r.output_size, r.r, r.jump) for r in rows] == [(28, 5, 1), (14, 6, 2), (10, 14, 2), (5, 16, 4)]
    assert [r.start for r in rows] == [2, 2.5, 6.5, 7.5]


def test_published_alexnet_and_vgg16():
    assert receptive_field(alexnet_features(), (3, 224, 224)).final.r == 195
    fields = receptive_field(vgg16_features(), (3, 224, 224))
    assert fields.final.r == 212 and fields.final.jump == 32
    assert fields["28"].r == 196           # conv5_3


def test_resnet18_residual_blocks():
    fields = receptive_field(resnet18(), (3, 224, 224))
    adds = [row for row in fields if row.type == "add"]
    assert len(adds) == 8 and all(row.aligned for row in adds)
    assert adds[-1].r == 435 and adds[-1].jump == 32     # published for ResNet-18
    assert fields["5.0.downsample.0"].r == 43             # the 1×1 shortcut sees less
    assert fields["5.0.add_2"].r == 67                    # the block reports the larger branch
    assert fields[-1].r is None                           # after Flatten / Linear
    names = [row.name for row in fields]
    assert names.count("4.0.relu") == 2                   # a shared ReLU appears at each call


def test_inception_concatenation():
    fields = receptive_field(Inception(), (4, 12, 12))
    cat = fields["cat"]
    assert cat.r == 5 and cat.aligned
    shifted = receptive_field(Inception(shift_branch=True), (4, 12, 12))["cat"]
    assert not shifted.aligned and "misaligned" in shifted.note


def test_rectangular_settings_give_pairs():
    fields = receptive_field(nn.Sequential(nn.Conv2d(1, 1, (3, 5), stride=(1, 2))), (1, 10, 11))
    assert fields[0].r == (3, 5) and fields[0].jump == (1, 2) and fields[0].output_size == (8, 4)


def test_adaptive_pooling():
    same = receptive_field(nn.Sequential(nn.Conv2d(1, 1, 3), nn.AdaptiveAvgPool2d(6)), (1, 8, 8))
    assert same[-1].r == 3                       # 6 → 6 is the identity
    whole = receptive_field(nn.Sequential(nn.Conv2d(1, 1, 3), nn.AdaptiveAvgPool2d(1)), (1, 8, 8))
    assert whole[-1].r == 8                      # global pooling sees the whole input


class Subsample(nn.Module):
    """LeNet's trainable 2×2 subsampling; declares its field via the protocol."""

    def __init__(self, c):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(c))

    def forward(self, x):
        return nn.functional.avg_pool2d(x, 2) * self.weight.view(1, -1, 1, 1)

    def cnnlab_receptive(self):
        return 2, 2, 0, 1


def test_custom_module_protocol():
    fields = receptive_field(nn.Sequential(nn.Conv2d(1, 6, 5), Subsample(6)), (1, 32, 32))
    assert (fields[1].r, fields[1].jump, fields[1].type) == (6, 2, "Subsample")


class Mystery(nn.Module):
    def forward(self, x):
        return torch.roll(x, 1, dims=2)


def test_unknown_layers_raise_naming_the_type(lang):
    with pytest.raises(UnsupportedLayerError, match="Mystery"):
        receptive_field(nn.Sequential(nn.Conv2d(1, 1, 3), Mystery()), (1, 8, 8))
    with pytest.raises(UnsupportedLayerError, match="Upsample"):
        receptive_field(nn.Sequential(nn.Upsample(scale_factor=2)), (1, 8, 8))
    lang("zh")
    with pytest.raises(UnsupportedLayerError, match="无法分析"):
        receptive_field(nn.Sequential(nn.Upsample(scale_factor=2)), (1, 8, 8))


def test_modes_are_restored():
    net = resnet18()
    net.train()
    net[1].eval()
    receptive_field(net, (3, 64, 64))
    assert net.training and not net[1].training and net[4][0].bn1.training


# ---- the gradient agrees with the arithmetic ------------------------------------
def gradient_support(model, size):
    """Rows/columns of the input that the centre output unit depends on."""
    erf = effective_receptive_field(model, (1, size, size))
    rows, cols = np.nonzero(erf)
    return rows.max() - rows.min() + 1, cols.max() - cols.min() + 1


@settings(max_examples=15, deadline=None)
@given(layers=st.lists(st.tuples(st.integers(1, 4), st.integers(1, 2), st.integers(1, 2),
                                 st.booleans()), min_size=1, max_size=3))
def test_receptive_field_equals_gradient_support(layers):
    torch.manual_seed(0)
    modules = []
    for k, s, d, pool in layers:
        if pool:
            modules.append(nn.AvgPool2d(k, s))
        else:
            conv = nn.Conv2d(1, 1, k, s, dilation=d, bias=False)
            nn.init.uniform_(conv.weight, 0.5, 1.0)      # no cancellation: the support is the field
            modules.append(conv)
    model = nn.Sequential(*modules).double()
    size = 48
    fields = receptive_field(model, (1, size, size))
    assert fields[-1].output_size >= 1
    assert gradient_support(model, size) == (fields[-1].r, fields[-1].r)


def test_effective_field_is_concentrated_in_the_centre():
    torch.manual_seed(0)
    model = nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1) for _ in range(6)])
    erf = effective_receptive_field(model, (1, 31, 31), samples=4)
    assert erf.shape == (31, 31) and erf.max() == 1.0
    assert np.count_nonzero(erf) == 13 * 13           # r = 1 + 6·2
    with pytest.raises(ValueError, match="feature map"):
        effective_receptive_field(nn.Sequential(nn.Flatten()), (1, 4, 4))


# ---- r is the field's extent; the field may have holes ----------------------------
def influence(model, size, unit=(0, 0)):
    """Which input pixels really move output ``unit`` (gradient ≠ 0), as a boolean array."""
    x = torch.randn(1, 1, size, size, dtype=torch.double, requires_grad=True)
    model(x)[0, 0][unit].backward()
    return (x.grad[0, 0] != 0).numpy()


def positive(conv):
    nn.init.uniform_(conv.weight, 0.5, 1.0)              # no cancellation between paths
    return conv


@pytest.mark.parametrize("layers, holes", [
    # a dilated 3×3 convolution: taps at 0, 2, 4 of an extent of 5
    (lambda: [positive(nn.Conv2d(1, 1, 3, dilation=2, bias=False))], [1, 3]),
    # stride 3 > kernel 2, then a 2-wide kernel: units at 0 and 3, each seeing 2 pixels
    (lambda: [positive(nn.Conv2d(1, 1, 2, stride=3, bias=False)),
              positive(nn.Conv2d(1, 1, 2, bias=False))], [2]),
])
def test_the_field_has_holes_inside_its_extent(layers, holes):
    torch.manual_seed(0)
    model = nn.Sequential(*layers()).double()
    r = receptive_field(model, (1, 12, 12))[-1].r
    seen = influence(model, 12)
    rows = np.flatnonzero(seen.any(axis=1))
    assert rows.min() == 0 and rows.max() == r - 1               # r is the span first → last pixel
    assert sorted(set(range(r)) - set(rows)) == holes             # pixels inside it that do not count
    assert seen.sum() < r * r


def test_without_dilation_or_large_strides_the_field_is_solid():
    torch.manual_seed(0)
    model = nn.Sequential(positive(nn.Conv2d(1, 1, 3, stride=2, bias=False)),
                          positive(nn.Conv2d(1, 1, 3, bias=False))).double()
    r = receptive_field(model, (1, 12, 12))[-1].r
    assert r == 7 and influence(model, 12)[:r, :r].all()


def test_a_subclass_follows_its_base_classes_rule():
    class MyConv(nn.Conv2d):
        pass
    row = receptive_field(nn.Sequential(MyConv(1, 1, 3, stride=2), nn.ReLU()), (1, 9, 9)).final
    assert (row.r, row.jump, row.start) == (3, 2, 1)


def test_effective_field_restores_each_modules_mode():
    model = nn.Sequential(nn.Conv2d(1, 1, 3), nn.BatchNorm2d(1))
    model.train()
    model[1].eval()
    effective_receptive_field(model, (1, 7, 7))
    assert model.training and model[0].training and not model[1].training

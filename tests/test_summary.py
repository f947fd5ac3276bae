"""cnnlab.summary (module cnnlab.model_summary): parameters, MACs (against FlopCounterMode), connections, rendering."""

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

import cnnlab
from cnnlab.model_summary import summary

from tests.helpers import Inception, alexnet_features, resnet18


class AlexNet(nn.Module):
    """torchvision's AlexNet, layer for layer."""

    def __init__(self):
        super().__init__()
        self.features = alexnet_features()
        self.avgpool = nn.AdaptiveAvgPool2d(6)
        self.classifier = nn.Sequential(
            nn.Dropout(), nn.Linear(9216, 4096), nn.ReLU(True),
            nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(True), nn.Linear(4096, 1000))

    def forward(self, x):
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


def flop_counter_macs(model, input_size):
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        model.eval()(torch.zeros(1, *input_size))
    return counter.get_total_flops() // 2


@pytest.fixture(scope="module")
def alexnet_summary():
    torch.manual_seed(0)
    model = AlexNet()
    return model, summary(model, (3, 224, 224))


def test_alexnet_parameters(alexnet_summary):
    model, s = alexnet_summary
    assert s.total_params == 61_100_840 == sum(p.numel() for p in model.parameters())
    assert s.trainable_params == 61_100_840
    assert sum(row.params for row in s.rows) == 61_100_840


def test_alexnet_macs_match_flop_counter(alexnet_summary):
    model, s = alexnet_summary
    assert s.total_macs == flop_counter_macs(model, (3, 224, 224))
    assert round(s.total_macs / 1e9, 3) == 0.714            # torchvision's published GFLOPS


def test_alexnet_rows(alexnet_summary):
    _, s = alexnet_summary
    first = s.rows[0]
    assert (first.name, first.type, first.output_shape) == ("features.0", "Conv2d", (1, 64, 55, 55))
    assert first.params == 23_296 and first.r == 11 and first.jump == 4
    assert first.connections == first.macs + 64 * 55 * 55     # + one bias per output
    assert s.rows[12].r == 195                                 # last max pool
    assert s.rows[-1].type == "Linear" and s.rows[-1].r is None
    assert not any(row.type in ("Sequential", "AlexNet") for row in s.rows)


def test_rendering(alexnet_summary, lang):
    _, s = alexnet_summary
    text = str(s)
    assert "features.0 (Conv2d)" in text and "61,100,840" in text and "[1, 64, 55, 55]" in text
    html = s._repr_html_()
    assert html.startswith("<table>") and "<td" in html and "61,100,840" in html
    lang("zh")
    assert "总参数量" in str(s)


def test_resnet_macs_and_branches():
    torch.manual_seed(0)
    model = resnet18(width=16)
    s = summary(model, (3, 64, 64))
    assert s.total_params == sum(p.numel() for p in model.parameters())
    assert s.total_macs == flop_counter_macs(model, (3, 64, 64))
    relu_calls = [row for row in s.rows if row.name == "4.0.relu"]
    assert [row.call for row in relu_calls] == [1, 2] and relu_calls[1].params == 0


def test_grouped_and_frozen_layers():
    model = nn.Sequential(nn.Conv2d(8, 8, 3, groups=8), nn.BatchNorm2d(8), nn.Conv2d(8, 4, 1), nn.Flatten(),
                          nn.Linear(4 * 6 * 6, 3))
    model[2].weight.requires_grad_(False)
    s = summary(model, (8, 8, 8))
    assert s.total_macs == flop_counter_macs(model, (8, 8, 8))
    assert s.trainable_params == sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert s.non_trainable_params == 32
    assert s.rows[0].macs == 6 * 6 * 8 * 9


def test_connections_of_pooling():
    s = summary(nn.Sequential(nn.MaxPool2d(2), nn.AdaptiveAvgPool2d(1)), (3, 8, 8))
    assert s.rows[0].connections == 3 * 4 * 4 * 4
    assert s.rows[1].connections == 3 * 16


class SparseConv(nn.Module):
    """A self-counting layer: only 2 of 3 input maps feed each output (like LeNet's C3)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)

    def forward(self, x):
        return self.conv(x)

    def cnnlab_counts(self, inputs, output):
        outputs = output[0].numel()
        return {"macs": outputs * 2 * 9, "connections": outputs * (2 * 9 + 1)}

    def cnnlab_receptive(self):
        return 3, 1, 0, 1


def test_custom_counting_protocol():
    s = summary(nn.Sequential(SparseConv(), nn.ReLU()), (3, 10, 10))
    assert [row.type for row in s.rows] == ["SparseConv", "ReLU"]     # its inner conv is not a row
    assert s.rows[0].macs == 4 * 8 * 8 * 18 and s.rows[0].connections == 4 * 8 * 8 * 19
    assert s.rows[0].params == 4 * 3 * 9 + 4 and s.rows[0].r == 3


def test_batch_in_input_size_and_modes_restored():
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.Dropout())
    model.train()
    before = model[1].running_mean.clone()
    s = summary(model, (4, 1, 6, 6))
    assert s.rows[0].output_shape == (4, 2, 4, 4) and s.rows[0].macs == 2 * 4 * 4 * 9
    assert model.training and all(m.training for m in model)
    assert torch.equal(model[1].running_mean, before)
    assert not model[0]._forward_hooks


def test_summary_without_receptive_field_still_counts():
    class Roll(nn.Module):
        def forward(self, x):
            return torch.roll(x, 1, dims=2)
    s = summary(nn.Sequential(nn.Conv2d(1, 1, 3), Roll()), (1, 6, 6))
    assert s.total_macs == 16 * 9 and s.rows[0].r is None
    assert s.notes and "Roll" in s.notes[0]
    assert "Roll" in str(s)


def test_branching_block_rows():
    s = summary(Inception(), (4, 12, 12))
    assert s.total_macs == flop_counter_macs(Inception(), (4, 12, 12))
    assert {row.name for row in s.rows} >= {"b1", "b3", "b5.0", "b5.1", "pool.0", "pool.1"}


def test_cnnlab_summary_is_the_function():
    import cnnlab
    import cnnlab.model_summary
    assert cnnlab.summary(nn.Conv2d(1, 2, 3), (1, 5, 5)).total_params == 20

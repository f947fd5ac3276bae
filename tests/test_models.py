"""Tests for cnnlab.models: faithful LeNet-5, torchvision mirrors, small variants."""

import json
import math
import re
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from cnnlab.models.alexnet import alexnet, alexnet_2012, alexnet_small
from cnnlab.models.googlenet import googlenet, googlenet_small
from cnnlab.models.lenet5 import (RBFOutput, SparseConv2d, Subsampling, c3_connection_table,
                                  digit_bitmaps, lenet5, lenet5_loss, squash)
from cnnlab.models.nin import nin, nin_small
from cnnlab.models.resnet import plain_small, resnet18, resnet34, resnet50, resnet_small
from cnnlab.models.vgg import vgg11, vgg16, vgg16_bn, vgg_small

FIXTURE = json.loads(
    (Path(__file__).parent / "fixtures" / "torchvision_architectures.json").read_text())


def n_params(model, trainable_only=True):
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def macs(model, x):
    """Multiply-accumulates for one image: conv + linear FLOPs / 2, per image."""
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        model(x)
    return counter.get_total_flops() / 2 / x.shape[0]


# ----------------------------------------------------------------- LeNet-5
# Table I of LeCun et al. (1998), transcribed row by row (rows: S2 maps, columns: C3 maps).
TABLE_I = """
X...XXX..XXXX.XX
XX...XXX..XXXX.X
XXX...XXX..X.XXX
.XXX..XXXX..X.XX
..XXX..XXXX.XX.X
...XXX..XXXX.XXX
"""


def test_c3_connection_table_is_table_one():
    expected = torch.tensor([[c == "X" for c in row] for row in TABLE_I.split()])
    table = c3_connection_table()
    assert table.dtype == torch.bool and table.shape == (6, 16)
    assert torch.equal(table, expected)
    assert table.sum(0).tolist() == [3] * 6 + [4] * 9 + [6]

    def cyclic_contiguous(rows):
        return any(set(rows) == {(s + i) % 6 for i in range(len(rows))} for s in range(6))

    columns = [table[:, j].nonzero().flatten().tolist() for j in range(16)]
    assert all(cyclic_contiguous(c) for c in columns[:12])
    assert not any(cyclic_contiguous(c) for c in columns[12:15])


def test_lenet5_parameters_per_layer():
    model = lenet5()
    per_layer = [n_params(getattr(model, name)) for name in ("c1", "s2", "c3", "s4", "c5", "f6")]
    assert per_layer == [156, 12, 1516, 32, 48120, 10164]
    assert n_params(model) == 60_000
    # C3 stores only the weights that exist: no dense 16×6×5×5 tensor anywhere
    assert model.c3.weight.numel() == 1500 and model.c3.bias.numel() == 16
    assert all(p.numel() != 16 * 6 * 5 * 5 for p in model.parameters())
    # the RBF prototypes are saved but not trained
    assert n_params(model.output, trainable_only=False) == 0
    assert "output.prototypes" in model.state_dict()


def _counts(model, x):
    """Per-layer connections: cnnlab_counts for custom layers, the formula otherwise."""
    records = {}

    def hook(name):
        def record(module, inputs, output):
            if hasattr(module, "cnnlab_counts"):
                records[name] = module.cnnlab_counts(inputs, output)["connections"]
            else:  # conv / linear: each output reads fan_in inputs + 1 bias
                fan_in = module.weight[0].numel()
                records[name] = output[0].numel() * (fan_in + 1)
        return record

    handles = [getattr(model, n).register_forward_hook(hook(n))
               for n in ("c1", "s2", "c3", "s4", "c5", "f6", "output")]
    try:
        model(x)
    finally:
        for h in handles:
            h.remove()
    return records


def test_lenet5_connections_and_shapes():
    model = lenet5()
    x = torch.randn(1, 1, 32, 32)
    counts = _counts(model, x)
    table = c3_connection_table()
    # from the architecture: output elements × (inputs read + 1)
    expected = {
        "c1": 6 * 28 * 28 * (25 + 1),
        "s2": 6 * 14 * 14 * (4 + 1),
        "c3": 10 * 10 * int((table.sum(0) * 25 + 1).sum()),
        "s4": 16 * 5 * 5 * (4 + 1),
        "c5": 120 * (16 * 25 + 1),
        "f6": 84 * (120 + 1),
        "output": 10 * 84,
    }
    assert counts == expected
    assert [counts[k] for k in ("c1", "s2", "c3", "s4", "c5", "f6")] == [
        122304, 5880, 151600, 2000, 48120, 10164]
    assert model.c3.cnnlab_counts((torch.zeros(1, 6, 14, 14),), torch.zeros(1, 16, 10, 10)) == {
        "macs": 150_000, "connections": 151_600}
    assert model.s2.cnnlab_receptive() == (2, 2, 0, 1)
    assert model.c3.cnnlab_receptive() == (5, 1, 0, 1)
    assert model(torch.randn(3, 1, 32, 32)).shape == (3, 10)


def test_sparse_conv_reads_only_connected_maps():
    torch.manual_seed(0)
    c3 = SparseConv2d(c3_connection_table(), kernel_size=5)
    x = torch.randn(2, 6, 14, 14)
    y = c3(x)
    dense = c3.dense_weight()
    assert y.shape == (2, 16, 10, 10)
    assert torch.equal(dense.abs().sum((2, 3)) > 0, c3_connection_table().t())
    assert torch.allclose(y, F.conv2d(x, dense, c3.bias), atol=1e-6)
    for i in range(6):  # change S2 map i: only the C3 maps that read it change
        x2 = x.clone()
        x2[:, i] += 1.0
        changed = (c3(x2) - y).abs().amax((0, 2, 3)) > 1e-6
        assert torch.equal(changed, c3_connection_table()[i])
    y.sum().backward()  # gradients reach exactly the 1,500 stored weights
    assert c3.weight.grad.shape == (60, 5, 5) and c3.weight.grad.abs().sum() > 0


def test_subsampling_is_weighted_sum_plus_bias():
    s = Subsampling(2)
    with torch.no_grad():
        s.weight.copy_(torch.tensor([0.5, -2.0]))
        s.bias.copy_(torch.tensor([1.0, 0.0]))
    x = torch.arange(32.0).view(1, 2, 4, 4)
    y = s(x)
    block_sum = x[0, 0, :2, :2].sum()  # top-left 2×2 window of map 0
    assert y.shape == (1, 2, 2, 2)
    assert y[0, 0, 0, 0].item() == pytest.approx(0.5 * block_sum.item() + 1.0)
    assert y[0, 1, 1, 1].item() == pytest.approx(-2.0 * x[0, 1, 2:, 2:].sum().item())


def test_squash_and_initialisation():
    assert squash(torch.tensor(1.0)).item() == pytest.approx(1.0, abs=1e-3)
    assert squash(torch.tensor(-1.0)).item() == pytest.approx(-1.0, abs=1e-3)
    assert squash(torch.tensor(100.0)).item() == pytest.approx(1.7159)
    model = lenet5()
    assert model.c1.weight.abs().max() <= 2.4 / 25
    assert model.c5.weight.abs().max() <= 2.4 / 400
    assert model.c3.weight[:3].abs().max() <= 2.4 / 75  # map 0 reads 3 maps: fan-in 75


def test_rbf_prototypes_and_loss():
    bitmaps = digit_bitmaps()
    assert bitmaps.shape == (10, 12, 7)
    assert set(bitmaps.unique().tolist()) == {-1.0, 1.0}
    assert len({tuple(b.flatten().tolist()) for b in bitmaps}) == 10
    rbf = RBFOutput(bitmaps)
    out = rbf(bitmaps.flatten(1))  # each prototype as F6's state
    assert torch.equal(out.argmax(1), torch.arange(10))
    assert torch.equal(out.diagonal(), torch.zeros(10))
    # −output is the squared distance
    x = torch.randn(4, 84)
    assert torch.allclose(-rbf(x), torch.cdist(x, bitmaps.flatten(1)) ** 2, atol=1e-4)
    target = torch.tensor([0, 3, 5, 9])
    y = -rbf(x)
    paper = (y[torch.arange(4), target]
             + torch.log(math.exp(-0.1) + torch.exp(-y).sum(1))).mean()
    assert lenet5_loss(-y, target).item() == pytest.approx(paper.item(), rel=1e-5)
    assert lenet5_loss(-y, target, j=1e4).item() == pytest.approx(
        F.cross_entropy(-y, target).item(), rel=1e-5)


def test_lenet5_training_step_keeps_prototypes_fixed():
    torch.manual_seed(0)
    model = lenet5()
    x, target = torch.randn(8, 1, 32, 32), torch.randint(0, 10, (8,))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    loss = F.cross_entropy(model(x), target)
    loss.backward()
    opt.step()
    after = model.state_dict()
    assert torch.equal(after["output.prototypes"], before["output.prototypes"])
    for name in ("c1.weight", "s2.weight", "c3.weight", "s4.bias", "c5.weight", "f6.weight"):
        assert not torch.equal(after[name], before[name]), name
    assert F.cross_entropy(model(x), target) < loss


# ------------------------------------------------------ torchvision mirrors
BIG = {  # name: (builder, parameters at 1,000 classes, torchvision's GFLOPS = GMACs)
    "alexnet": (alexnet, 61_100_840, 0.714),
    "vgg11": (vgg11, 132_863_336, 7.609),
    "vgg16": (vgg16, 138_357_544, 15.47),
    "vgg16_bn": (vgg16_bn, 138_365_992, 15.47),
    "resnet18": (resnet18, 11_689_512, 1.814),
    "resnet34": (resnet34, 21_797_672, 3.664),
    "resnet50": (resnet50, 25_557_032, 4.089),
    "googlenet": (googlenet, 6_624_904, 1.498),
}


def _on_meta(builder, **kwargs):
    """Build without allocating or initialising memory: shapes and FLOPs only."""
    with torch.device("meta"):
        return builder(**kwargs)


@pytest.mark.parametrize("name", list(BIG))
def test_mirrors_torchvision_state_dict(name):
    builder, count, gmacs = BIG[name]
    model = _on_meta(builder).eval()
    keys = [[k, list(v.shape)] for k, v in model.state_dict().items()]
    assert keys == FIXTURE[name]
    assert n_params(model) == count
    x = torch.empty(1, 3, 224, 224, device="meta")
    assert macs(model, x) / 1e9 == pytest.approx(gmacs, rel=0.01)
    assert model(x).shape == (1, 1000)


def test_googlenet_aux_heads_match_torchvision():
    model = _on_meta(googlenet, aux_logits=True)
    assert [[k, list(v.shape)] for k, v in model.state_dict().items()] == FIXTURE["googlenet_aux"]
    out = model.train()(torch.empty(2, 3, 224, 224, device="meta"))
    assert [o.shape for o in out] == [(2, 1000)] * 3


def test_torchvision_state_dict_loads_and_is_used():
    torch.manual_seed(0)
    state = {k: (torch.randn(shape) if shape else torch.tensor(0))
             for k, shape in FIXTURE["resnet18"]}
    state = {k: (v.abs() + 0.5 if k.endswith("running_var") else v) for k, v in state.items()}
    model = resnet18()
    model.load_state_dict(state, strict=True)
    assert torch.equal(model.fc.weight, state["fc.weight"])
    y = model.eval()(torch.randn(1, 3, 224, 224))
    assert y.shape == (1, 1000) and torch.isfinite(y).all()


@pytest.mark.parametrize("builder", [alexnet, googlenet, nin])
def test_real_forward_at_224(builder):
    torch.manual_seed(0)
    model = builder(num_classes=7).eval()
    with torch.no_grad():
        y = model(torch.randn(1, 3, 224, 224))
    assert y.shape == (1, 7) and torch.isfinite(y).all()


def test_alexnet_2012_is_the_papers_architecture():
    model = _on_meta(alexnet_2012)
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    assert [c.out_channels for c in convs] == [96, 256, 384, 384, 256]
    assert [c.groups for c in convs] == [1, 2, 1, 2, 2]  # two GPUs: conv2, conv4, conv5 see their half
    # (k·k·c_in/groups + 1)·c_out, e.g. conv1 (11·11·3 + 1)·96 = 34,944
    assert [n_params(c) for c in convs] == [34_944, 307_456, 885_120, 663_936, 442_624]
    assert n_params(model) == 60_965_224 == n_params(_on_meta(alexnet)) - 135_616
    lrns = [m for m in model.modules() if isinstance(m, nn.LocalResponseNorm)]
    assert [(m.size, m.alpha, m.beta, m.k) for m in lrns] == [(5, 5e-4, 0.75, 2.0)] * 2
    x = torch.empty(1, 3, 227, 227, device="meta")
    assert model.features(x).shape == (1, 256, 6, 6)
    assert model(x).shape == (1, 1000)
    # dropout after fc6's and fc7's ReLU (Krizhevsky et al. 2012, §4.2; Caffe's drop6, drop7)
    assert [type(m).__name__ for m in model.classifier] == [
        "Linear", "ReLU", "Dropout", "Linear", "ReLU", "Dropout", "Linear"]
    assert [type(m).__name__ for m in _on_meta(alexnet).classifier] == [
        "Dropout", "Linear", "ReLU", "Dropout", "Linear", "ReLU", "Linear"]


def test_alexnet_2012_drops_the_outputs_of_fc6_and_fc7():
    torch.manual_seed(0)
    model = alexnet_2012(num_classes=10)
    fc6, relu6, fc7, relu7, fc8 = (model.classifier[i] for i in (0, 1, 3, 4, 6))
    seen = {}
    for name, layer in [("fc6", fc6), ("fc7", fc7), ("fc8", fc8)]:
        layer.register_forward_hook(lambda m, args, out, name=name: seen.update({name: (args[0], out)}))
    x = torch.randn(2, 3, 227, 227)
    for mode in ("train", "eval"):
        getattr(model, mode)()
        with torch.no_grad():
            y = model(x)
            features = model.features(x).flatten(1)
        assert y.shape == (2, 10)
        assert torch.equal(seen["fc6"][0], features)  # fc6 reads the features undropped
        for layer, relu, nxt in [("fc6", relu6, "fc7"), ("fc7", relu7, "fc8")]:
            active = relu(seen[layer][1])  # the layer's output after its ReLU
            passed = seen[nxt][0]  # what the next layer reads
            if mode == "eval":
                assert torch.equal(passed, active)
            else:  # inverted dropout: each output kept ×2 or set to 0
                kept = passed != 0
                assert torch.allclose(passed[kept], 2 * active[kept])
                share = kept.sum() / (active != 0).sum()
                assert 0.4 < share < 0.6, (layer, share)


def test_nin_has_no_linear_layer():
    model = _on_meta(nin)
    assert not any(isinstance(m, nn.Linear) for m in model.modules())
    assert n_params(model) == 7_439_608
    x = torch.empty(1, 3, 224, 224, device="meta")
    assert model(x).shape == (1, 1000)
    assert macs(model, x) / 1e9 == pytest.approx(0.966, rel=0.01)


# ------------------------------------------------------------ small models
SMALL = {
    "alexnet_small": alexnet_small,
    "vgg_small": vgg_small,
    "nin_small": nin_small,
    "googlenet_small": googlenet_small,
    "resnet_small": resnet_small,
}
DOC = re.compile(r"With the defaults[^:]*: ([\d,]+) parameters, ([\d.]+) M multiply")


@pytest.mark.parametrize("name", list(SMALL))
def test_small_model(name):
    builder = SMALL[name]
    torch.manual_seed(0)
    model = builder()
    documented = DOC.search(builder.__doc__)
    assert documented, f"{name}'s docstring states its size"
    assert n_params(model) == int(documented.group(1).replace(",", ""))
    x, target = torch.randn(16, 1, 28, 28), torch.randint(0, 10, (16,))
    mmacs = macs(model.eval(), x[:1]) / 1e6
    assert mmacs == pytest.approx(float(documented.group(2)), abs=0.051)
    assert mmacs <= 20 and n_params(model) <= 1_000_000
    model.train()
    assert model(x).shape == (16, 10)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    before = [p.detach().clone() for p in model.parameters()]
    loss = F.cross_entropy(model(x), target)
    loss.backward()
    opt.step()
    assert torch.isfinite(loss)
    assert all(not torch.equal(b, p) for b, p in zip(before, model.parameters()))
    # other sizes: 3 input channels, 5 classes, another width
    other = builder(num_classes=5, in_channels=3, width=8)
    assert other.eval()(torch.randn(2, 3, 28, 28)).shape == (2, 5)


def test_plain_and_residual_pairs():
    for depth in (8, 14, 20):
        res, plain = resnet_small(depth), plain_small(depth)
        convs = [m for m in res.modules() if isinstance(m, nn.Conv2d)]
        plain_convs = [m for m in plain.modules() if isinstance(m, nn.Conv2d)]
        # depth counts the layers with weights: every 3×3 conv and the fc
        assert sum(c.kernel_size == (3, 3) for c in convs) + 1 == depth
        assert [c.weight.shape for c in plain_convs] == [
            c.weight.shape for c in convs if c.kernel_size == (3, 3)]
        projections = [c for c in convs if c.kernel_size == (1, 1)]
        assert len(projections) == 2 and all(c.stride == (2, 2) for c in projections)
    assert n_params(resnet_small(20)) == 272_186
    with pytest.raises(ValueError):
        resnet_small(10)
    # with identical weights, the shortcut changes the function
    torch.manual_seed(0)
    res, plain = resnet_small(8).eval(), plain_small(8).eval()
    plain.load_state_dict({k: v for k, v in res.state_dict().items() if "downsample" not in k})
    x = torch.randn(2, 1, 28, 28)
    assert not torch.allclose(res(x), plain(x))
    block = res.layer1[0]
    block.residual = False
    assert torch.allclose(block(x.new_ones(1, 16, 14, 14)),
                          plain.layer1[0](x.new_ones(1, 16, 14, 14)))

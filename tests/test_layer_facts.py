"""layer_facts against torch itself: shapes from forward hooks, parameters and MACs counted from
each module's tensors, receptive fields measured as the support of an input gradient.

The field is measured on a twin of the model whose weights are positive and whose max pooling
is average pooling of the same geometry (so a gradient reaches every pixel a unit can see).
A unit whose window cannot reach past the input's border (its support lies at least r - 1
pixels from each side) is not clipped by it: its extent must equal ``r`` exactly, and two such neighbours must start ``jump`` pixels apart. Every unit's
extent is at most ``r``.
"""

import copy
import math

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import nn

import cnnlab
from cnnlab import models
from cnnlab.facts import layer_facts


# ----------------------------------------------------------------------------
# random architectures
# ----------------------------------------------------------------------------
class Residual(nn.Module):
    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return x + self.body(x)


class Concat(nn.Module):
    def __init__(self, a, b):
        super().__init__()
        self.a, self.b = a, b

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x)], dim=1)


def _out(n, k, s, p, d=1, ceil=False):
    span = n + 2 * p - d * (k - 1) - 1
    if span < 0:
        return 0
    out = (math.ceil(span / s) if ceil else span // s) + 1
    if ceil and (out - 1) * s >= n + p:
        out -= 1
    return out


@st.composite
def conv_layer(draw, c, h, w):
    groups = draw(st.sampled_from([g for g in (1, 2, 4) if c % g == 0]))
    c_out = groups * draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    sh, sw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    d = draw(st.integers(1, 2))
    p = draw(st.integers(0, 1))
    layer = nn.Conv2d(c, c_out, (kh, kw), (sh, sw), p, d, groups, bias=draw(st.booleans()))
    return layer, c_out, _out(h, kh, sh, p, d), _out(w, kw, sw, p, d)


@st.composite
def same_conv(draw, c):
    """A convolution that keeps C, H and W (for residual branches)."""
    k, d = draw(st.sampled_from([1, 3])), draw(st.integers(1, 2))
    return nn.Conv2d(c, c, k, 1, d * (k - 1) // 2, d)


@st.composite
def architecture(draw):
    c, h, w = draw(st.integers(1, 4)), draw(st.integers(8, 20)), draw(st.integers(8, 20))
    shape = (c, h, w)
    layers = []
    for _ in range(draw(st.integers(1, 5))):
        what = draw(st.sampled_from(["conv", "conv", "max", "avg", "relu", "bn", "res", "cat"]))
        if what == "conv":
            layer, c2, h2, w2 = draw(conv_layer(c, h, w))
        elif what in ("max", "avg"):
            k, s, ceil = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.booleans())
            p = draw(st.integers(0, k // 2))
            layer = (nn.MaxPool2d if what == "max" else nn.AvgPool2d)(k, s, p, ceil_mode=ceil)
            c2, h2, w2 = c, _out(h, k, s, p, 1, ceil), _out(w, k, s, p, 1, ceil)
        elif what == "relu":
            layer, c2, h2, w2 = nn.ReLU(), c, h, w
        elif what == "bn":
            layer, c2, h2, w2 = nn.BatchNorm2d(c), c, h, w
        elif what == "res":
            layer, c2, h2, w2 = Residual(nn.Sequential(draw(same_conv(c)), nn.ReLU())), c, h, w
        else:
            ca, cb = draw(st.integers(1, 3)), draw(st.integers(1, 3))
            layer = Concat(nn.Conv2d(c, ca, 3, 1, 1), nn.Sequential(nn.Conv2d(c, cb, 1), nn.ReLU()))
            c2, h2, w2 = ca + cb, h, w
        if h2 < 1 or w2 < 1:
            break
        layers.append(layer)
        c, h, w = c2, h2, w2
    if draw(st.booleans()):
        size = draw(st.sampled_from([1, 2, 3]))     # uneven windows: the field is untraceable
        layers.append(draw(st.sampled_from([nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d]))(size))
        h = w = size
    if draw(st.booleans()):
        layers += [nn.Flatten(), nn.Linear(c * h * w, draw(st.integers(1, 5)))]
    return nn.Sequential(*layers), shape


# ----------------------------------------------------------------------------
# what torch says
# ----------------------------------------------------------------------------
def _is_layer(module):
    return not any(module.children())


def hook_outputs(model, x):
    """[(name, output)] of every layer call, in execution order, from torch's forward hooks."""
    names = {m: n for n, m in model.named_modules() if _is_layer(m)}
    seen = []
    handles = [m.register_forward_hook(lambda m, i, o: seen.append((names[m], o))) for m in names]
    try:
        model(x)
    finally:
        for handle in handles:
            handle.remove()
    return seen


def torch_macs(module, output):
    """MACs for one image, from the module's weight tensor and the output's size."""
    if isinstance(module, nn.Conv2d):
        return output[0].numel() * module.weight[0].numel()       # weight[0]: (c_in/groups, kh, kw)
    if isinstance(module, nn.Linear):
        return output[0].numel() * module.weight.shape[1]
    return 0


def measuring_twin(model):
    """Positive weights, average pooling where there was max pooling: gradients reach every pixel."""
    twin = copy.deepcopy(model).eval()
    for name, module in list(twin.named_modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, nn.MaxPool2d):
                setattr(module, child_name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding,
                                                         ceil_mode=child.ceil_mode))
            elif isinstance(child, nn.AdaptiveMaxPool2d):
                setattr(module, child_name, nn.AdaptiveAvgPool2d(child.output_size))
    with torch.no_grad():
        for p in twin.parameters():
            p.copy_(torch.rand_like(p) + 0.1)
    return twin


def support(grad, axis):
    """(first, last) input index with a nonzero gradient along ``axis`` (2 = rows, 3 = columns)."""
    other = tuple(a for a in range(grad.dim()) if a != axis)
    hit = (grad.abs().sum(dim=other) > 0).nonzero().flatten()
    return (int(hit[0]), int(hit[-1])) if len(hit) else None


def check_fields(model, shape, facts):
    """Compare r and jump with gradient supports; returns how many exact comparisons were made."""
    twin = measuring_twin(model)
    x = (torch.rand(1, *shape) + 0.1).requires_grad_(True)
    outputs = hook_outputs(twin, x)
    exact = 0
    for fact, (_, out) in zip(facts, outputs):
        if fact.rf is None or out.dim() != 4:
            continue
        for axis, index in ((2, 0), (3, 1)):
            r = fact.rf[index] if isinstance(fact.rf, tuple) else fact.rf
            jump = fact.jump[index] if isinstance(fact.jump, tuple) else fact.jump
            previous = None
            for i in range(min(out.shape[axis], 6)):
                unit = out[0, :, i, :].sum() if axis == 2 else out[0, :, :, i].sum()
                (grad,) = torch.autograd.grad(unit, x, retain_graph=True)
                seen = support(grad[0], axis - 1)
                if seen is None:                  # a unit that sees only padding
                    previous = None
                    continue
                first, last = seen
                extent = last - first + 1
                assert extent <= r, (fact.name, axis, extent, r)
                # the window (extent r) holds the support, so it starts at or after last - (r - 1)
                # and ends at or before first + (r - 1): inside the input when these are
                inside = last - (r - 1) >= 0 and first + (r - 1) <= shape[axis - 1] - 1
                if inside:
                    assert extent == r, (fact.name, axis, extent, r)
                    exact += 1
                    if previous is not None:
                        assert first - previous == jump, (fact.name, axis, first - previous, jump)
                previous = first if inside else None
    return exact


def check_against_torch(model, shape):
    model.eval()
    facts = layer_facts(model, shape)
    x = torch.randn(1, *shape)
    with torch.no_grad():
        outputs = hook_outputs(model, x)
    modules = dict(model.named_modules())
    assert [(f.name, f.call) for f in facts] == [
        (n, sum(1 for m, _ in outputs[:i + 1] if m == n)) for i, (n, _) in enumerate(outputs)]
    seen = set()
    for fact, (name, out) in zip(facts, outputs):
        module = modules[name]
        own = [p for p in module.parameters() if id(p) not in seen]
        seen.update(id(p) for p in own)
        assert fact.output_shape == tuple(out.shape[1:]), name
        assert fact.params == sum(p.numel() for p in own), name
        if fact.known("macs") and not hasattr(module, "cnnlab_counts"):   # those declare their own
            assert fact.macs == torch_macs(module, out), name
        assert fact.label, name
    return facts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(architecture())
def test_random_architectures_agree_with_torch(arch):
    model, shape = arch
    facts = check_against_torch(model, shape)
    check_fields(model, shape, facts)
    # a field is unknown only with a reason, and only where the analysis admits one
    for fact in facts:
        assert fact.rf is not None or fact.untraceable.get("rf") or len(fact.output_shape) != 3, fact


def test_the_field_check_compares_exactly():
    """The gradient comparison is not vacuous: a padding-free stack gives exact comparisons."""
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.MaxPool2d(2), nn.Conv2d(2, 2, (3, 1), dilation=2))
    facts = check_against_torch(model, (1, 24, 24))
    assert [f.rf for f in facts] == [3, 4, (12, 4)]
    assert [f.jump for f in facts] == [1, 2, 2]
    assert check_fields(model, (1, 24, 24), facts) > 10


def test_a_wrong_field_is_caught():
    """check_fields fails when a row claims a field torch does not show."""
    model = nn.Sequential(nn.Conv2d(1, 1, 3), nn.Conv2d(1, 1, 3))
    facts = layer_facts(model, (1, 16, 16))
    facts[1].rf = 6
    with pytest.raises(AssertionError):
        check_fields(model, (1, 16, 16), facts)


COURSE_MODELS = [
    (models.lenet_modern, (1, 28, 28)), (models.lenet5, (1, 32, 32)),
    (models.alexnet_small, (1, 28, 28)), (models.vgg_small, (1, 28, 28)),
    (models.nin_small, (1, 28, 28)), (models.googlenet_small, (1, 28, 28)),
    (models.resnet_small, (1, 28, 28)), (models.plain_small, (1, 28, 28)),
]


@pytest.mark.parametrize("make, shape", COURSE_MODELS, ids=lambda v: getattr(v, "__name__", ""))
def test_course_models_agree_with_torch(make, shape):
    model = make()
    facts = check_against_torch(model, shape)
    assert all(f.known("rf") for f in facts)
    check_fields(model, shape, facts)


@pytest.mark.slow
@pytest.mark.parametrize("make, shape", [
    (models.alexnet, (3, 224, 224)), (models.vgg16, (3, 224, 224)), (models.resnet18, (3, 224, 224)),
    (models.resnet50, (3, 224, 224)), (models.googlenet, (3, 224, 224)), (models.nin, (3, 224, 224)),
    (models.alexnet_2012, (3, 227, 227)), (models.vgg11, (3, 224, 224))],
    ids=lambda v: getattr(v, "__name__", ""))
def test_imagenet_course_models_agree_with_torch(make, shape):
    check_against_torch(make(), shape)


def test_untraceable_layers_say_so():
    class Weird(nn.Module):           # parameters, no rule, no counts
        def __init__(self):
            super().__init__()
            self.scale = nn.Parameter(torch.ones(1))

        def forward(self, x):
            return x * self.scale

    facts = layer_facts(nn.Sequential(nn.Conv2d(1, 2, 3), Weird()), (1, 8, 8))
    assert facts[0].output_shape == (2, 6, 6) and facts[1].output_shape == (2, 6, 6)
    assert facts[1].macs is None and "Weird" in facts[1].untraceable["macs"]
    assert all(f.rf is None and f.untraceable["rf"] for f in facts)   # the whole analysis fails


def test_uneven_adaptive_pooling_has_no_field_and_says_why():
    facts = layer_facts(nn.Sequential(nn.Conv2d(1, 1, 3), nn.AdaptiveAvgPool2d(4)), (1, 9, 9))
    assert facts[1].rf is None and "adaptive" in facts[1].untraceable["rf"]
    assert facts[1].output_shape == (1, 4, 4)


def test_cnnlab_exports_layer_facts_and_checks_arguments():
    from cnnlab.exercises.layers import predict_layers
    assert cnnlab.layer_facts is layer_facts and cnnlab.predict_layers is predict_layers
    with pytest.raises(ValueError, match="input_shape"):
        layer_facts(nn.Conv2d(1, 1, 3), (8, 8))
    with pytest.raises(TypeError, match="nn.Module"):
        layer_facts("lenet", (1, 8, 8))

"""Receptive fields: which input pixels can one output unit see?

For every layer we follow three numbers per axis (Araujo, Norris & Sim,
"Computing Receptive Fields of Convolutional Neural Networks", Distill 2019):

* ``r``     — receptive field size, the field's *extent*: the span, in input
  pixels, from the first to the last pixel that can influence one unit;
* ``jump``  — effective stride: moving one unit in this layer moves its field
  by ``jump`` input pixels;
* ``start`` — centre of the first (top-left) unit's field, in input
  coordinates where input pixel ``i`` has its centre at ``i``.

A layer with kernel ``k``, stride ``s``, left/top padding ``p`` and dilation
``d`` (effective kernel ``k' = d·(k − 1) + 1``) updates them as::

    r_out     = r_in + (k' − 1)·jump_in
    jump_out  = jump_in · s
    start_out = start_in + ((k' − 1)/2 − p)·jump_in

Two stacked 3×3 convolutions: r = 1 + 2·1 + 2·1 = 5.

``r`` is an extent, not a count. With dilation ``d > 1``, or a stride larger
than the kernel (``s > k``), the field has *holes*: pixels inside the span that
influence nothing. A single 3×3 convolution with ``d = 2`` has ``r = 5`` but
reads only pixels 0, 2 and 4 of each row; after a stride-3 2×2 convolution, a
2×2 convolution has ``r = 5`` and ignores pixel 2. Without dilation and with
``s ≤ k`` everywhere the field is solid. :func:`effective_receptive_field`
shows the holes: their gradient is exactly 0.

Branching blocks (residual additions, Inception concatenations) merge
several paths; the field is the largest one, and if the paths disagree on
``jump`` or ``start`` the row is marked ``aligned=False`` with a note.
Activations, normalisation (its statistics taken as constants) and dropout
leave the field unchanged; ``Flatten``/``Linear`` end the spatial analysis
(later rows have ``r = None``).

Custom layers: a module may define ``cnnlab_receptive(self)`` returning
``(kernel, stride, padding, dilation)`` (ints or (h, w) pairs, padding per
side) and is then analysed like a convolution. Any other layer type that
cannot be analysed raises :class:`UnsupportedLayerError` naming it.

:func:`effective_receptive_field` measures the *effective* field instead
(Luo et al., 2016): the gradient of one output unit with respect to the input.
"""

import math
import operator
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import torch
import torch.fx as fx
import torch.nn.functional as F
from torch import nn
from torch.fx.passes.shape_prop import ShapeProp

from cnnlab.i18n import say

__all__ = ["receptive_field", "effective_receptive_field", "Field", "FieldRow", "ReceptiveFields",
           "UnsupportedLayerError"]


class UnsupportedLayerError(TypeError):
    """A layer whose receptive field cannot be computed."""


# ----------------------------------------------------------------------------
# records
# ----------------------------------------------------------------------------
def _squeeze(pair):
    """(h, w) -> h when both agree; whole floats become ints."""
    if pair is None:
        return None
    pair = tuple(int(v) if float(v).is_integer() else float(v) for v in pair)
    return pair[0] if pair[0] == pair[1] else pair


@dataclass
class FieldRow:
    """One layer: its output size and receptive field (int, or (h, w) when they differ)."""
    name: str
    type: str
    output_size: object          # (h, w) of the feature map, or None after Flatten
    r: object                    # receptive field extent (first to last pixel that can matter)
    jump: object                 # effective stride
    start: object                # centre of the first unit's field
    call: int = 1                # 2 for a module's second use in forward (e.g. a shared ReLU)
    aligned: bool = True         # False when merged branches disagree
    note: str = ""


@dataclass
class ReceptiveFields:
    """The rows of :func:`receptive_field`; prints as a table."""
    rows: list
    input_size: tuple
    notes: list = field(default_factory=list)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, key):
        """``fields[3]`` by position, or ``fields['features.0']`` by layer name (first call)."""
        if isinstance(key, str):
            for row in self.rows:
                if row.name == key:
                    return row
            raise KeyError(key)
        return self.rows[key]

    @property
    def final(self):
        """The last row that still has a spatial receptive field."""
        spatial = [row for row in self.rows if row.r is not None]
        return spatial[-1] if spatial else None

    def __str__(self):
        header = table_header()
        body = [(_display_name(row), row.type, _fmt(row.output_size), _fmt(row.r), _fmt(row.jump),
                 _fmt(row.start) + ("" if row.aligned else "  !")) for row in self.rows]
        widths = [max(_width(str(x)) for x in column) for column in zip(header, *body)]
        lines = ["  ".join(_ljust(str(x), w) for x, w in zip(line, widths)) for line in [header, *body]]
        lines.insert(1, "-" * _width(lines[0]))
        lines += [say(zh="! {n}：{t}", en="! {n}: {t}", n=row.name, t=row.note) for row in self.rows if row.note]
        return "\n".join(lines)

    __repr__ = __str__


def table_header():
    """Column names of the printed table, in the course language (``感受野 r`` / ``r``)."""
    return (say(zh="层", en="layer"), say(zh="类型", en="type"), say(zh="输出", en="output"),
            say(zh="感受野 r", en="r"), say(zh="等效步幅", en="jump"), say(zh="起点", en="start"))


def _width(text):
    """Display width: a Chinese character or full-width sign takes two columns."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _ljust(text, width):
    return text + " " * (width - _width(text))


def _display_name(row):
    return row.name if row.call == 1 else f"{row.name} ({row.call})"


def _fmt(value):
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return "×".join(_fmt(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


# ----------------------------------------------------------------------------
# the arithmetic: one state per tensor, per axis
# ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Field:
    """The receptive field of one layer's units, per axis (h, w).

    ``r``: extent in input pixels (first to last pixel that can influence the
    unit; with dilation or stride > kernel some pixels inside it cannot — holes);
    ``jump``: input pixels between two neighbouring units; ``start``: centre of the first unit's field, in input coordinates.
    One layer (kernel k, dilation d → k_eff = d·(k−1)+1, stride s, padding p) maps
    r → r + (k_eff − 1)·jump,  jump → jump·s,  start → start + ((k_eff − 1)/2 − p)·jump.
    """
    r: tuple
    jump: tuple
    start: tuple

    @staticmethod
    def of_input():
        return Field(r=(1, 1), jump=(1, 1), start=(0.0, 0.0))

    def through(self, kernel, stride, padding, dilation):
        """The field after a layer with these (h, w) settings; padding is top/left."""
        r, jump, start = [], [], []
        for axis in range(2):
            k_eff = dilation[axis] * (kernel[axis] - 1) + 1
            r.append(self.r[axis] + (k_eff - 1) * self.jump[axis])
            jump.append(self.jump[axis] * stride[axis])
            start.append(self.start[axis] + ((k_eff - 1) / 2 - padding[axis]) * self.jump[axis])
        return Field(tuple(r), tuple(jump), tuple(start))


def _merge(fields):
    """Paths joined by an addition or concatenation: keep the largest field."""
    widest = max(fields, key=lambda f: f.r[0] * f.r[1])
    r = tuple(max(f.r[axis] for f in fields) for axis in range(2))
    aligned = all(f.jump == widest.jump and f.start == widest.start for f in fields)
    note = "" if aligned else say(
        zh="分支未对齐：各分支的等效步幅 {j} 或起点 {s} 不同；感受野 r 取最大值",
        en="branches are misaligned: their jumps {j} or starts {s} differ; r is the largest",
        j=[_squeeze(f.jump) for f in fields], s=[_squeeze(f.start) for f in fields])
    return Field(r, widest.jump, widest.start), aligned, note


def _pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def _conv_settings(module):
    """(kernel, stride, padding, dilation) of nn.Conv2d, resolving 'same'/'valid'."""
    kernel, dilation = _pair(module.kernel_size), _pair(module.dilation)
    if module.padding == "valid":
        padding = (0, 0)
    elif module.padding == "same":   # PyTorch puts the odd pixel at the bottom/right
        padding = tuple(d * (k - 1) // 2 for k, d in zip(kernel, dilation))
    else:
        padding = _pair(module.padding)
    return kernel, _pair(module.stride), padding, dilation


def _adaptive_settings(in_size, out_size):
    """An adaptive pool seen as an ordinary one: exact when the sizes divide."""
    kernel, stride, even = [], [], True
    for n, m in zip(in_size, out_size):
        windows = [math.ceil((i + 1) * n / m) - (i * n) // m for i in range(m)]
        kernel.append(max(windows))
        stride.append(max(n // m, 1))
        even = even and n % m == 0
    return tuple(kernel), tuple(stride), (0, 0), (1, 1), even


# layer types that leave the field as it is
_POINTWISE_MODULES = (
    nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.PReLU, nn.ELU, nn.SELU, nn.CELU, nn.GELU, nn.SiLU,
    nn.Mish, nn.Sigmoid, nn.Tanh, nn.Hardtanh, nn.Hardswish, nn.Hardsigmoid, nn.Softplus,
    nn.Softsign, nn.Tanhshrink, nn.Threshold, nn.LogSigmoid, nn.Softmax2d, nn.Identity,
    nn.modules.batchnorm._BatchNorm, nn.modules.instancenorm._InstanceNorm, nn.GroupNorm,
    nn.LocalResponseNorm, nn.modules.dropout._DropoutNd, nn.ChannelShuffle,
)
_POINTWISE_FUNCTIONS = {
    torch.relu, torch.relu_, F.relu, F.relu_, F.relu6, F.leaky_relu, F.gelu, F.silu, F.elu,
    torch.sigmoid, F.sigmoid, torch.tanh, F.tanh, F.hardtanh, F.dropout, F.dropout2d,
    F.batch_norm, F.local_response_norm, torch.exp, torch.abs, torch.neg, operator.neg,
}
_POINTWISE_METHODS = {
    "relu", "relu_", "sigmoid", "tanh", "contiguous", "clone", "float", "double", "to",
    "detach", "exp", "abs", "neg", "pow", "sqrt", "clamp", "clamp_", "mul", "mul_", "add",
    "add_", "sub", "div", "sigmoid_", "tanh_",
}
_MERGE_FUNCTIONS = {operator.add, operator.iadd, operator.mul, operator.imul, operator.sub,
                    operator.truediv, torch.add, torch.mul, torch.sub, torch.cat, torch.concat}
_PADDING_MODULES = (nn.ZeroPad2d, nn.ConstantPad2d, nn.ReflectionPad2d, nn.ReplicationPad2d)
_ENDING_MODULES = (nn.Flatten, nn.Linear, nn.Bilinear, nn.Unflatten)


def _unsupported(what, name):
    return UnsupportedLayerError(say(
        zh="receptive_field 无法分析层 {name}（类型 {what}）。若它像卷积一样作用，请在该模块中定义 "
           "cnnlab_receptive(self)，返回 (kernel, stride, padding, dilation)",
        en="receptive_field cannot analyse layer {name} of type {what}. If it acts like a "
           "convolution, define cnnlab_receptive(self) returning (kernel, stride, padding, dilation)",
        what=what, name=name))


def _call_args(node, names, defaults):
    """Positional and keyword arguments of a traced call, by name."""
    values = dict(defaults)
    values.update(zip(names, node.args))
    values.update(node.kwargs)
    return values


def _weight_kernel(node):
    return tuple(node.meta["tensor_meta"].shape[2:])


def _step(node, module, inputs, in_size, out_size):
    """(field, aligned, note) after one traced operation; ``inputs`` are the spatial fields."""
    name = _node_name(node)
    if module is not None:
        if hasattr(module, "cnnlab_receptive"):
            k, s, p, d = (_pair(v) for v in module.cnnlab_receptive())
            return inputs[0].through(k, s, p, d), True, ""
        if isinstance(module, nn.Conv2d):
            return inputs[0].through(*_conv_settings(module)), True, ""
        if isinstance(module, nn.MaxPool2d):
            k = _pair(module.kernel_size)
            s = k if module.stride is None else _pair(module.stride)
            return inputs[0].through(k, s, _pair(module.padding), _pair(module.dilation)), True, ""
        if isinstance(module, nn.AvgPool2d):
            k = _pair(module.kernel_size)
            s = k if module.stride is None else _pair(module.stride)
            return inputs[0].through(k, s, _pair(module.padding), (1, 1)), True, ""
        if isinstance(module, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)):
            return _adaptive(inputs[0], in_size, out_size)
        if isinstance(module, _PADDING_MODULES) and len(module.padding) == 4:
            left, _, top, _ = module.padding
            return inputs[0].through((1, 1), (1, 1), (top, left), (1, 1)), True, ""
        if isinstance(module, _POINTWISE_MODULES):
            return inputs[0], True, ""
        raise _unsupported(type(module).__name__, name)

    target = node.target
    if target in _MERGE_FUNCTIONS or (node.op == "call_method" and target in _POINTWISE_METHODS):
        if target in (torch.cat, torch.concat):
            dim = _call_args(node, ("tensors", "dim"), {"dim": 0})["dim"]
            if dim not in (1, -3):
                raise _unsupported(f"torch.cat(dim={dim})", name)
        return _merge(inputs) if len(inputs) > 1 else (inputs[0], True, "")
    if target in _POINTWISE_FUNCTIONS:
        return inputs[0], True, ""
    if target is operator.getitem:
        index = node.args[1]
        index = index if isinstance(index, tuple) else (index,)
        if len(index) <= 2 and Ellipsis not in index:   # selects batch items / channels only
            return inputs[0], True, ""
    if target is F.conv2d:
        a = _call_args(node, ("input", "weight", "bias", "stride", "padding", "dilation"),
                       {"stride": 1, "padding": 0, "dilation": 1})
        if not isinstance(a["padding"], str):
            k = _weight_kernel(a["weight"])
            return inputs[0].through(k, _pair(a["stride"]), _pair(a["padding"]), _pair(a["dilation"])), True, ""
    if target in (F.max_pool2d, F.avg_pool2d):
        a = _call_args(node, ("input", "kernel_size", "stride", "padding", "dilation"),
                       {"stride": None, "padding": 0, "dilation": 1})
        k = _pair(a["kernel_size"])
        s = k if a["stride"] in (None, [], ()) else _pair(a["stride"])
        d = _pair(a["dilation"]) if target is F.max_pool2d else (1, 1)
        return inputs[0].through(k, s, _pair(a["padding"]), d), True, ""
    if target in (F.adaptive_avg_pool2d, F.adaptive_max_pool2d):
        return _adaptive(inputs[0], in_size, out_size)
    what = getattr(target, "__name__", str(target))
    raise _unsupported(f"{'method ' if node.op == 'call_method' else ''}{what}", name)


def _adaptive(field_in, in_size, out_size):
    if tuple(in_size) == tuple(out_size):
        return field_in, True, ""
    k, s, p, d, even = _adaptive_settings(in_size, out_size)
    note = "" if even else say(
        zh="自适应池化的窗口大小不一（{i} → {o}）：按最大窗口计算，结果为近似",
        en="adaptive pooling with uneven windows ({i} → {o}): computed with the largest window, approximate",
        i=tuple(in_size), o=tuple(out_size))
    return field_in.through(k, s, p, d), True, note


# ----------------------------------------------------------------------------
# tracing the model
# ----------------------------------------------------------------------------
class _LayerTracer(fx.Tracer):
    """Stops at layers: modules without children, or with ``cnnlab_receptive``."""

    def is_leaf_module(self, module, qualified_name):
        return not any(module.children()) or hasattr(module, "cnnlab_receptive")


def _node_name(node):
    if node.op == "call_module":
        return node.target
    stack = node.meta.get("nn_module_stack") or {}
    owner = list(stack.values())[-1][0] if stack else ""
    return f"{owner}.{node.name}" if owner else node.name


def _type_name(node, module):
    if module is not None:
        return type(module).__name__
    return getattr(node.target, "__name__", str(node.target))


def example_input(model, input_size, seed=0):
    """A random input for ``model``: ``input_size`` is (C, H, W), (N, C, H, W) or a tensor."""
    if isinstance(input_size, torch.Tensor):
        return input_size
    size = tuple(input_size)
    if len(size) == 3:
        size = (1, *size)                      # (C, H, W) -> (1, C, H, W)
    param = next(iter(model.parameters()), None)
    dtype = param.dtype if param is not None and param.is_floating_point() else torch.float32
    x = torch.randn(size, dtype=dtype, generator=torch.Generator().manual_seed(seed))
    return x.to(param.device) if param is not None else x


class _EvalMode:
    """Run in eval mode without gradients; put every module's own mode back afterwards."""

    def __init__(self, model):
        self.model = model

    def __enter__(self):
        self.modes = {m: m.training for m in self.model.modules()}
        self.model.eval()
        self.no_grad = torch.no_grad()
        self.no_grad.__enter__()

    def __exit__(self, *exc):
        self.no_grad.__exit__(*exc)
        for module, training in self.modes.items():
            module.training = training
        return False


def _spatial_size(node):
    meta = node.meta.get("tensor_meta")
    shape = getattr(meta, "shape", None)
    return tuple(shape[2:]) if shape is not None and len(shape) == 4 else None


def _trace(model):
    try:
        graph = _LayerTracer().trace(model)
    except Exception as error:   # data-dependent control flow and the like
        raise UnsupportedLayerError(say(
            zh="receptive_field 无法追踪 {m} 的 forward（{e}）：forward 中不能有依赖数据的分支",
            en="receptive_field could not trace the forward of {m} ({e}): the forward must not "
               "branch on data", m=type(model).__name__, e=error)) from error
    return fx.GraphModule(model, graph)


def receptive_field(model, input_size):
    """Receptive field of every layer of ``model`` for an input of ``input_size``.

    Args:
        model: an ``nn.Module`` built from convolutions, pooling, normalisation,
            activations, ``Sequential`` and branching blocks.
        input_size: ``(C, H, W)`` or ``(N, C, H, W)``.

    Returns:
        :class:`ReceptiveFields` — rows of ``name, type, output_size, r, jump,
        start`` (ints, or (h, w) pairs), one per layer in the order of forward,
        plus one per addition/concatenation of branches.

    Raises:
        UnsupportedLayerError: for a layer whose field cannot be computed.

    Example: two stacked 3×3 convolutions see 5×5 pixels::

        receptive_field(nn.Sequential(nn.Conv2d(1, 1, 3), nn.Conv2d(1, 1, 3)), (1, 8, 8)).final.r  # 5
    """
    graph_module = _trace(model)
    x = example_input(model, input_size)
    with _EvalMode(model):
        ShapeProp(graph_module).propagate(x)

    fields, rows, calls = {}, [], {}
    for node in graph_module.graph.nodes:
        if node.op == "placeholder":
            fields[node] = Field.of_input()
            continue
        if node.op in ("get_attr", "output"):
            fields[node] = None
            continue
        module = graph_module.get_submodule(node.target) if node.op == "call_module" else None
        inputs = [fields.get(arg) for arg in node.all_input_nodes]
        spatial_in = [f for f, arg in zip(inputs, node.all_input_nodes)
                      if f is not None and _spatial_size(arg) is not None]
        out_size = _spatial_size(node)
        ends = isinstance(module, _ENDING_MODULES) or out_size is None
        if not spatial_in or ends:
            result, aligned, note = None, True, ""
        else:
            in_size = _spatial_size(node.all_input_nodes[0])
            result, aligned, note = _step(node, module, spatial_in, in_size, out_size)
        fields[node] = result
        if node.op == "call_module" or _is_layer_like(node):
            name = _node_name(node)
            calls[name] = calls.get(name, 0) + 1
            rows.append(FieldRow(
                name=name, type=_type_name(node, module), output_size=_squeeze(out_size),
                r=_squeeze(result.r) if result else None,
                jump=_squeeze(result.jump) if result else None,
                start=_squeeze(result.start) if result else None,
                call=calls[name], aligned=aligned, note=note))
    return ReceptiveFields(rows=rows, input_size=tuple(x.shape[1:]))


def _is_layer_like(node):
    """Functions worth a row: merges of branches and functional conv/pooling."""
    return node.op == "call_function" and node.target in (
        _MERGE_FUNCTIONS | {F.conv2d, F.max_pool2d, F.avg_pool2d, F.adaptive_avg_pool2d,
                            F.adaptive_max_pool2d, torch.flatten})


# ----------------------------------------------------------------------------
# the effective receptive field
# ----------------------------------------------------------------------------
def effective_receptive_field(model, input_size, unit=None, samples=1, seed=0):
    """Effective receptive field: how strongly each input pixel moves one output unit.

    Sets the gradient of output unit ``unit = (i, j)`` (all channels; default the
    centre) to 1, back-propagates to a random input and returns::

        erf[y, x] = Σ_samples Σ_channels |∂ out[:, :, i, j] / ∂ input[:, c, y, x]|

    normalised so that its largest value is 1 (Luo et al., 2016, "Understanding
    the effective receptive field in deep convolutional neural networks").
    Pixels outside the theoretical field :func:`receptive_field` get exactly 0.

    Args:
        model: a network whose output is a feature map ``(N, C, H', W')``.
        input_size: ``(C, H, W)``.
        unit: ``(i, j)`` in the output feature map; default the centre.
        samples: random inputs to average over.

    Returns:
        ``numpy`` array of shape ``(H, W)``.
    """
    size = tuple(input_size)[-3:]
    generator = torch.Generator().manual_seed(seed)
    param = next(iter(model.parameters()), None)
    dtype = param.dtype if param is not None else torch.float32
    x = torch.randn((samples, *size), generator=generator, dtype=dtype)
    if param is not None:
        x = x.to(param.device)
    x.requires_grad_(True)
    modes = {m: m.training for m in model.modules()}
    try:
        model.eval()
        out = model(x)
        if out.dim() != 4:
            raise ValueError(say(
                zh="effective_receptive_field 需要输出为特征图 (N, C, H, W) 的网络，而输出形状是 {s}；"
                   "请截取 Flatten 之前的部分",
                en="effective_receptive_field needs a network whose output is a feature map "
                   "(N, C, H, W), got shape {s}; cut the network before Flatten", s=tuple(out.shape)))
        i, j = unit if unit is not None else (out.shape[2] // 2, out.shape[3] // 2)
        grad_out = torch.zeros_like(out)
        grad_out[:, :, i, j] = 1.0
        out.backward(grad_out)
    finally:
        for module, training in modes.items():
            module.training = training
    erf = x.grad.abs().sum(dim=(0, 1)).detach().cpu().numpy()   # (H, W)
    peak = erf.max()
    return erf / peak if peak > 0 else erf

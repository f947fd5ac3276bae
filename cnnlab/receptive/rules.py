"""The layer rules: a table from each module or function type to how it changes the receptive field.

A rule takes a :class:`Call` (the traced node, its module if any, the fields of
its spatial inputs and the input/output sizes) and returns ``(field, aligned,
note)``. Module rules are found by the module's class (or a base class),
function rules by the function, method rules by the method's name. A module
with ``cnnlab_receptive(self)`` returning ``(kernel, stride, padding,
dilation)`` is analysed like a convolution whatever its type.
"""

import operator
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from cnnlab.geometry import adaptive_windows, pair, same_padding_sides
from cnnlab.i18n import say
from cnnlab.receptive.field import merge
from cnnlab.tracing import BATCH_NORMS, DROPOUTS, INSTANCE_NORMS

__all__ = ["UnsupportedLayerError", "Call", "rule_for", "ENDING_MODULES", "ROW_FUNCTIONS"]


class UnsupportedLayerError(TypeError):
    """A layer whose receptive field cannot be computed."""


@dataclass
class Call:
    """One traced operation, as a rule sees it."""
    node: object                 # the torch.fx node
    module: object               # the nn.Module it calls, or None for a function or method
    name: str                    # the layer's name in the model
    inputs: list                 # Field of each spatial input
    in_size: tuple               # (h, w) of the first input
    out_size: tuple              # (h, w) of the output

    def args(self, names, defaults):
        """Positional and keyword arguments of a traced function call, by name."""
        values = dict(defaults)
        values.update(zip(names, self.node.args))
        values.update(self.node.kwargs)
        return values


def unsupported(what, name):
    """The error for a layer no rule covers, telling how to make a custom layer analysable."""
    return UnsupportedLayerError(say(
        zh="receptive_field 无法分析层 {name}（类型 {what}）。若它像卷积一样作用，请在该模块中定义 "
           "cnnlab_receptive(self)，返回 (kernel, stride, padding, dilation)",
        en="receptive_field cannot analyse layer {name} of type {what}. If it acts like a "
           "convolution, define cnnlab_receptive(self) returning (kernel, stride, padding, dilation)",
        what=what, name=name))


def _through(call, kernel, stride, padding, dilation):
    """The first input's field after a window layer with these int-or-pair settings."""
    settings = (pair(kernel, "kernel_size"), pair(stride, "stride"), pair(padding, "padding", 0),
                pair(dilation, "dilation"))
    return call.inputs[0].through(*settings), True, ""


# ----------------------------------------------------------------------------
# the rules
# ----------------------------------------------------------------------------
def unchanged(call):
    """Element-wise layers (activations, normalisation, dropout): the field stays."""
    return call.inputs[0], True, ""


def merge_or_unchanged(call):
    """Additions, products, concatenations: the widest of the joined fields."""
    return merge(call.inputs) if len(call.inputs) > 1 else unchanged(call)


def custom(call):
    """A module with ``cnnlab_receptive()``: a window layer with the settings it returns."""
    return _through(call, *call.module.cnnlab_receptive())


def conv_module(call):
    """``nn.Conv2d``, with ``padding='same'`` (extra pixel at the bottom/right) or ``'valid'``."""
    m = call.module
    kernel, dilation = pair(m.kernel_size, "kernel_size"), pair(m.dilation, "dilation")
    if m.padding == "valid":
        padding = (0, 0)
    elif m.padding == "same":
        padding = tuple(same_padding_sides(k, d)[0] for k, d in zip(kernel, dilation))
    else:
        padding = m.padding
    return _through(call, kernel, m.stride, padding, dilation)


def pool_module(call):
    """``nn.MaxPool2d`` / ``nn.AvgPool2d`` (the stride defaults to the kernel)."""
    m = call.module
    stride = m.kernel_size if m.stride is None else m.stride
    return _through(call, m.kernel_size, stride, m.padding, getattr(m, "dilation", 1))


def padding_module(call):
    """``nn.ZeroPad2d`` and friends: a 1×1 window with top/left padding."""
    if len(call.module.padding) != 4:
        raise unsupported(type(call.module).__name__, call.name)
    left, _, top, _ = call.module.padding
    return call.inputs[0].through((1, 1), (1, 1), (top, left), (1, 1)), True, ""


def adaptive(call):
    """Adaptive pooling seen as an ordinary one: the largest window, stride n // m (exact when m | n)."""
    if tuple(call.in_size) == tuple(call.out_size):
        return unchanged(call)
    kernel = tuple(max(end - start for start, end in adaptive_windows(n, m))
                   for n, m in zip(call.in_size, call.out_size))
    stride = tuple(max(n // m, 1) for n, m in zip(call.in_size, call.out_size))
    even = all(n % m == 0 for n, m in zip(call.in_size, call.out_size))
    note = "" if even else say(
        zh="自适应池化的窗口大小不一（{i} → {o}）：按最大窗口计算，结果为近似",
        en="adaptive pooling with uneven windows ({i} → {o}): computed with the largest window, approximate",
        i=tuple(call.in_size), o=tuple(call.out_size))
    return call.inputs[0].through(kernel, stride, (0, 0), (1, 1)), True, note


def conv_function(call):
    """``F.conv2d``: the kernel size is read from the weight's shape."""
    a = call.args(("input", "weight", "bias", "stride", "padding", "dilation"),
                  {"stride": 1, "padding": 0, "dilation": 1})
    if isinstance(a["padding"], str):
        raise unsupported(f"conv2d(padding={a['padding']!r})", call.name)
    kernel = tuple(a["weight"].meta["tensor_meta"].shape[2:])
    return _through(call, kernel, a["stride"], a["padding"], a["dilation"])


def pool_function(call):
    """``F.max_pool2d`` / ``F.avg_pool2d`` (only max pooling has a dilation)."""
    a = call.args(("input", "kernel_size", "stride", "padding", "dilation"),
                  {"stride": None, "padding": 0, "dilation": 1})
    stride = a["kernel_size"] if a["stride"] in (None, [], ()) else a["stride"]
    dilation = a["dilation"] if call.node.target is F.max_pool2d else 1
    return _through(call, a["kernel_size"], stride, a["padding"], dilation)


def concat(call):
    """``torch.cat`` along channels merges branches; along any other axis it is unsupported."""
    dim = call.args(("tensors", "dim"), {"dim": 0})["dim"]
    if dim not in (1, -3):
        raise unsupported(f"torch.cat(dim={dim})", call.name)
    return merge_or_unchanged(call)


def getitem(call):
    """``x[i]`` or ``x[:, c]`` selects batch items or channels: the field stays."""
    index = call.node.args[1]
    index = index if isinstance(index, tuple) else (index,)
    if len(index) <= 2 and Ellipsis not in index:
        return unchanged(call)
    raise unsupported("getitem", call.name)


# ----------------------------------------------------------------------------
# the tables
# ----------------------------------------------------------------------------
_POINTWISE_MODULES = (
    nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.PReLU, nn.ELU, nn.SELU, nn.CELU, nn.GELU, nn.SiLU,
    nn.Mish, nn.Sigmoid, nn.Tanh, nn.Hardtanh, nn.Hardswish, nn.Hardsigmoid, nn.Softplus,
    nn.Softsign, nn.Tanhshrink, nn.Threshold, nn.LogSigmoid, nn.Softmax2d, nn.Identity,
    *BATCH_NORMS, *INSTANCE_NORMS, nn.GroupNorm, nn.LocalResponseNorm, *DROPOUTS, nn.ChannelShuffle,
)
_POINTWISE_FUNCTIONS = (
    torch.relu, torch.relu_, F.relu, F.relu_, F.relu6, F.leaky_relu, F.gelu, F.silu, F.elu,
    torch.sigmoid, F.sigmoid, torch.tanh, F.tanh, F.hardtanh, F.dropout, F.dropout2d,
    F.batch_norm, F.local_response_norm, torch.exp, torch.abs, torch.neg, operator.neg,
)
_POINTWISE_METHODS = (
    "relu", "relu_", "sigmoid", "tanh", "contiguous", "clone", "float", "double", "to",
    "detach", "exp", "abs", "neg", "pow", "sqrt", "clamp", "clamp_", "mul", "mul_", "add",
    "add_", "sub", "div", "sigmoid_", "tanh_",
)
_MERGE_FUNCTIONS = (operator.add, operator.iadd, operator.mul, operator.imul, operator.sub,
                    operator.truediv, torch.add, torch.mul, torch.sub)

MODULE_RULES = {
    nn.Conv2d: conv_module,
    nn.MaxPool2d: pool_module,
    nn.AvgPool2d: pool_module,
    nn.AdaptiveAvgPool2d: adaptive,
    nn.AdaptiveMaxPool2d: adaptive,
    **dict.fromkeys((nn.ZeroPad2d, nn.ConstantPad2d, nn.ReflectionPad2d, nn.ReplicationPad2d), padding_module),
    **dict.fromkeys(_POINTWISE_MODULES, unchanged),
}
FUNCTION_RULES = {
    F.conv2d: conv_function,
    F.max_pool2d: pool_function,
    F.avg_pool2d: pool_function,
    F.adaptive_avg_pool2d: adaptive,
    F.adaptive_max_pool2d: adaptive,
    torch.cat: concat,
    torch.concat: concat,
    operator.getitem: getitem,
    **dict.fromkeys(_MERGE_FUNCTIONS, merge_or_unchanged),
    **dict.fromkeys(_POINTWISE_FUNCTIONS, unchanged),
}
METHOD_RULES = dict.fromkeys(_POINTWISE_METHODS, merge_or_unchanged)

# modules after which the output is no longer a feature map
ENDING_MODULES = (nn.Flatten, nn.Linear, nn.Bilinear, nn.Unflatten)
# functions that get a row of their own in the table (merges, functional conv/pooling)
ROW_FUNCTIONS = {*_MERGE_FUNCTIONS, torch.cat, torch.concat, F.conv2d, F.max_pool2d, F.avg_pool2d,
                 F.adaptive_avg_pool2d, F.adaptive_max_pool2d, torch.flatten}


def rule_for(call):
    """The rule for one traced operation; raises :class:`UnsupportedLayerError` if there is none."""
    if call.module is not None:
        if hasattr(call.module, "cnnlab_receptive"):
            return custom
        for cls in type(call.module).__mro__:       # a subclass follows its base's rule
            if cls in MODULE_RULES:
                return MODULE_RULES[cls]
        raise unsupported(type(call.module).__name__, call.name)
    target = call.node.target
    if call.node.op == "call_method":
        if target in METHOD_RULES:
            return METHOD_RULES[target]
        raise unsupported(f"method {target}", call.name)
    try:
        return FUNCTION_RULES[target]
    except (KeyError, TypeError):                   # TypeError: an unhashable target
        raise unsupported(getattr(target, "__name__", str(target)), call.name) from None

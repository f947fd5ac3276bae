"""Box labels of an architecture diagram, in the current language (中文 / English).

A layer module gives (kind, label): kind is one of conv pool linear norm act dropout
flatten block layer, the label says what it does and, for convolutions and pooling,
its kernel and stride ('conv 5×5 /2', '卷积 5×5 /2'). Functional operations that a
diagram shows (``torch.cat``, ``+``, ``flatten``, ``F.relu`` …) get kinds too.
"""

import operator

import torch
import torch.nn.functional as F
from torch import nn

from cnnlab.geometry import pair
from cnnlab.i18n import say
from cnnlab.tracing import (ADAPTIVE_AVG_POOLS, ADAPTIVE_MAX_POOLS, AVG_POOLS, BATCH_NORMS, CONVS, DROPOUTS,
                            INSTANCE_NORMS, MAX_POOLS, TRANSPOSED_CONVS, rule_for_layer, rule_table)

__all__ = ["module_label", "function_kind", "function_label", "short_label"]


def _kernel(module):
    """'5×5', plus ' /2' for a stride above 1."""
    k = pair(getattr(module, "kernel_size", 1), "kernel_size")
    s = pair(getattr(module, "stride", None) or 1, "stride")
    stride = "" if s == (1, 1) else (f" /{s[0]}" if s[0] == s[1] else f" /{s[0]}×{s[1]}")
    return f"{k[0]}×{k[1]}{stride}"


# cnnlab's own layers (cnnlab.models.lenet5_layers) that are not torch.nn classes
_CUSTOM = {
    "SparseConv2d": ("conv", lambda m: say(zh="稀疏卷积", en="sparse conv") + " " + _kernel(m)),
    "Subsampling": ("pool", lambda m: say(zh="下采样", en="subsampling") + " " + _kernel(m)),
    "RBFOutput": ("layer", lambda m: say(zh="RBF 输出", en="RBF output")),
}


def _adaptive_pool(module, output_shape):
    is_max = isinstance(module, ADAPTIVE_MAX_POOLS)
    if all(s == 1 for s in output_shape[1:]):
        return "pool", (say(zh="全局最大池化", en="global max pool") if is_max
                        else say(zh="全局平均池化", en="global avg pool"))
    return "pool", (say(zh="自适应最大池化", en="adaptive max pool") if is_max
                    else say(zh="自适应平均池化", en="adaptive avg pool"))


# layer type -> (kind, label) rule, looked up along the class hierarchy (as receptive/rules.py):
# adding a layer type is one entry here.
LABEL_RULES = rule_table(
    (TRANSPOSED_CONVS, lambda m, _: ("conv", say(zh="转置卷积", en="transposed conv") + " " + _kernel(m))),
    (CONVS, lambda m, _: ("conv", say(zh="卷积", en="conv") + " " + _kernel(m))),
    (MAX_POOLS, lambda m, _: ("pool", say(zh="最大池化", en="max pool") + " " + _kernel(m))),
    (AVG_POOLS, lambda m, _: ("pool", say(zh="平均池化", en="avg pool") + " " + _kernel(m))),
    (ADAPTIVE_AVG_POOLS + ADAPTIVE_MAX_POOLS, _adaptive_pool),
    ((nn.Linear,), lambda m, _: ("linear", say(zh="全连接", en="linear"))),
    (BATCH_NORMS + INSTANCE_NORMS, lambda m, _: ("norm", say(zh="批量归一化", en="batch norm"))),
    ((nn.LayerNorm, nn.GroupNorm, nn.LocalResponseNorm), lambda m, _: ("norm", type(m).__name__)),
    (DROPOUTS, lambda m, _: ("dropout", f"dropout p={m.p:g}")),      # the course keeps the English word
    ((nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.LeakyReLU), lambda m, _: ("act", type(m).__name__)),
    ((nn.Flatten,), lambda m, _: ("flatten", say(zh="展平", en="flatten"))),
    ((nn.ZeroPad2d, nn.ConstantPad2d, nn.ReflectionPad2d, nn.ReplicationPad2d),
     lambda m, _: ("layer", say(zh="填充", en="pad") + f" {m.padding[0]}")),
)


def module_label(module, output_shape):
    """(kind, label) of a layer module, in the current language."""
    name = type(module).__name__
    if name in _CUSTOM:
        kind, label = _CUSTOM[name]
        return kind, label(module)
    rule = rule_for_layer(LABEL_RULES, module)
    if rule is not None:
        return rule(module, output_shape)
    if type(module).__module__ == "torch.nn.modules.activation":     # every torch activation
        return "act", name
    return ("block" if any(module.children()) else "layer"), name


_FUNCTIONS = {
    torch.cat: "concat", torch.concat: "concat",
    operator.add: "add", operator.iadd: "add", torch.add: "add",
    torch.flatten: "flatten",
    F.relu: "act", torch.relu: "act", F.relu6: "act", torch.tanh: "act", torch.sigmoid: "act",
    F.max_pool2d: "pool", F.avg_pool2d: "pool", F.adaptive_avg_pool2d: "pool",
    F.adaptive_max_pool2d: "pool", F.dropout: "dropout",
}
_METHODS = {"add": "add", "add_": "add", "flatten": "flatten", "relu": "act", "relu_": "act"}


def function_kind(node):
    if node.op == "call_function":
        return _FUNCTIONS.get(node.target)
    if node.op == "call_method":
        return _METHODS.get(node.target)
    return None


def function_label(kind, node):
    name = getattr(node.target, "__name__", str(node.target)).rstrip("_")
    labels = {"concat": say(zh="拼接", en="concat"), "add": say(zh="相加", en="add"),
              "flatten": say(zh="展平", en="flatten"), "dropout": "dropout",
              "act": {"relu": "ReLU", "relu6": "ReLU6", "tanh": "Tanh", "sigmoid": "Sigmoid"}.get(name, name),
              "pool": {"max_pool2d": say(zh="最大池化", en="max pool"),
                       "avg_pool2d": say(zh="平均池化", en="avg pool"),
                       "adaptive_avg_pool2d": say(zh="自适应平均池化", en="adaptive avg pool"),
                       "adaptive_max_pool2d": say(zh="自适应最大池化", en="adaptive max pool")}.get(name, name)}
    return labels[kind]


def short_label(node):
    """What a folded layer adds to the label of the box above it (fuse=True): 'BN', 'ReLU' …"""
    if node.kind == "norm" and "Batch" in node.type:
        return "BN"
    return node.label

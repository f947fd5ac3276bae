"""One torch.fx tracer for the analyses that read a model layer by layer (receptive fields, diagrams).

``trace(model, is_leaf)`` records the forward pass as a graph of layers (it stops at the modules
``is_leaf`` names), in eval mode; ``propagate_shapes`` runs the graph once on an example input so
that every node knows its output shape; ``node_name`` names a node after its layer. Both
:func:`cnnlab.receptive_field` and :func:`cnnlab.architecture_graph` are built on them.
"""

import contextlib
import io
from contextlib import contextmanager

import torch
import torch.fx as fx
from torch import nn
from torch.fx.passes.shape_prop import ShapeProp

__all__ = ["trace", "propagate_shapes", "node_name", "example_input", "eval_mode", "CONVS", "TRANSPOSED_CONVS",
           "MAX_POOLS", "AVG_POOLS", "ADAPTIVE_MAX_POOLS", "ADAPTIVE_AVG_POOLS", "BATCH_NORMS", "INSTANCE_NORMS",
           "DROPOUTS", "rule_table", "rule_for_layer"]

# The layer families the analyses tell apart, as torch.nn's public classes (torch's private bases such
# as ``_ConvNd`` may change between releases; tests/test_tracing_families.py checks these cover them).
CONVS = (nn.Conv1d, nn.Conv2d, nn.Conv3d)
TRANSPOSED_CONVS = (nn.ConvTranspose1d, nn.ConvTranspose2d, nn.ConvTranspose3d)
MAX_POOLS = (nn.MaxPool1d, nn.MaxPool2d, nn.MaxPool3d)
AVG_POOLS = (nn.AvgPool1d, nn.AvgPool2d, nn.AvgPool3d)
ADAPTIVE_MAX_POOLS = (nn.AdaptiveMaxPool1d, nn.AdaptiveMaxPool2d, nn.AdaptiveMaxPool3d)
ADAPTIVE_AVG_POOLS = (nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d, nn.AdaptiveAvgPool3d)
BATCH_NORMS = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, nn.SyncBatchNorm,
               nn.LazyBatchNorm1d, nn.LazyBatchNorm2d, nn.LazyBatchNorm3d)
INSTANCE_NORMS = (nn.InstanceNorm1d, nn.InstanceNorm2d, nn.InstanceNorm3d,
                  nn.LazyInstanceNorm1d, nn.LazyInstanceNorm2d, nn.LazyInstanceNorm3d)
DROPOUTS = (nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d, nn.AlphaDropout, nn.FeatureAlphaDropout)


def rule_table(*entries):
    """``{layer class: rule}`` from ``(family of classes, rule)`` pairs: a type→rule table."""
    return {cls: rule for family, rule in entries for cls in family}


def rule_for_layer(table, module):
    """The rule of ``module``'s class in ``table``, looked up along its class hierarchy; None if none."""
    return next((table[cls] for cls in type(module).__mro__ if cls in table), None)


class LayerTracer(fx.Tracer):
    """A tracer that keeps the modules ``is_leaf(module, qualified_name)`` names as single nodes."""

    def __init__(self, is_leaf):
        super().__init__()
        self.is_leaf = is_leaf

    def is_leaf_module(self, module, qualified_name):
        return self.is_leaf(module, qualified_name)


def trace(model, is_leaf):
    """``model``'s forward as an ``fx.GraphModule`` of layers, traced in eval mode (no auxiliary heads).

    Raises what torch.fx raises for a forward it cannot trace (one that branches on data).
    """
    with eval_mode(model):
        graph = LayerTracer(is_leaf).trace(model)
    return fx.GraphModule(model, graph)


def propagate_shapes(graph_module, x):
    """Run ``graph_module`` once on ``x`` in eval mode; each node's ``meta["tensor_meta"]`` then holds
    its output shape. ShapeProp's own traceback is kept off the notebook; its error is raised."""
    with eval_mode(graph_module), contextlib.redirect_stderr(io.StringIO()):
        ShapeProp(graph_module).propagate(x)
    return graph_module


def node_name(node):
    """A node's layer name: the module path, or ``owner.function`` for a function call."""
    if node.op == "call_module":
        return node.target
    stack = node.meta.get("nn_module_stack") or {}
    owner = list(stack.values())[-1][0] if stack else ""
    return f"{owner}.{node.name}" if owner else node.name


def example_input(model, input_size, seed=0):
    """A random input for ``model``: ``input_size`` is (C, H, W), (N, C, H, W) or a tensor.

    Drawn from ``N(0, 1)`` with a fixed ``seed``, in the model's dtype and on its device.
    """
    if isinstance(input_size, torch.Tensor):
        return input_size
    size = tuple(input_size)
    if len(size) == 3:
        size = (1, *size)                      # (C, H, W) -> (1, C, H, W)
    param = next(iter(model.parameters()), None)
    dtype = param.dtype if param is not None and param.is_floating_point() else torch.float32
    x = torch.randn(size, dtype=dtype, generator=torch.Generator().manual_seed(seed))
    return x.to(param.device) if param is not None else x


@contextmanager
def eval_mode(model, grad=False):
    """Run ``model`` in eval mode (gradients only if ``grad``); restore each module's own mode after."""
    modes = {m: m.training for m in model.modules()}
    model.eval()
    try:
        with torch.set_grad_enabled(grad):
            yield model
    finally:
        for module, training in modes.items():
            module.training = training

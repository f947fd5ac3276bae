"""Running and tracing a model for its architecture diagram: arguments, example input, one block, the fx graph.

The first half of :func:`cnnlab.viz.archgraph.architecture_graph`, before any box
is made:

1. the arguments are checked, and ``input_shape`` becomes a batch of one;
2. for ``block="layer2.0"`` the model runs once and the block's input is kept;
3. the model is traced (:mod:`cnnlab.tracing`) down to its layers — modules
   without children, or counting themselves — or ``depth`` levels down, and run
   once more on the fx graph to record every output shape.

A model that cannot be traced raises ``TypeError``; an input the model cannot
run on raises ``ValueError`` with the model's own error, in the course language.
"""

import torch
from torch import nn

from cnnlab.i18n import say
from cnnlab.tracing import eval_mode, example_input, propagate_shapes, trace

__all__ = ["check_arguments", "example_batch", "block_input", "run_once", "is_layer", "in_container",
           "trace_layers", "output_shape"]


def check_arguments(model, input_shape, depth):
    """Raise TypeError / ValueError, in the course language, for arguments architecture_graph cannot use."""
    if not isinstance(model, nn.Module):
        raise TypeError(say(
            zh="architecture_graph 需要一个 nn.Module（例如 lenet5()），收到的是 {t}",
            en="architecture_graph needs an nn.Module (e.g. lenet5()), got {t}",
            t=type(model).__name__))
    if isinstance(input_shape, torch.Tensor):
        return
    shape = tuple(input_shape) if isinstance(input_shape, (tuple, list, torch.Size)) else None
    if (shape is None or len(shape) not in (1, 2, 3, 4)
            or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in shape)):
        raise ValueError(say(
            zh="input_shape 应是一张输入的形状 (C, H, W)（全连接网络：(特征数,)），或带批量维的 "
               "(N, C, H, W)，都是正整数，收到 {s!r}",
            en="input_shape must be the shape of one input, (C, H, W) ((features,) for a "
               "fully connected net), or (N, C, H, W), positive integers; got {s!r}", s=input_shape))
    if depth is not None and (not isinstance(depth, int) or depth < 1):
        raise ValueError(say(zh="depth 必须是 ≥ 1 的整数或 None，收到 {d!r}",
                             en="depth must be an integer >= 1 or None, got {d!r}", d=depth))


def example_batch(model, input_shape):
    """A batch of one for ``input_shape``; (features,) inputs of a linear model too."""
    if isinstance(input_shape, torch.Tensor):
        return input_shape
    shape = tuple(input_shape)
    return example_input(model, (1, *shape) if len(shape) in (1, 3) else shape)


def block_input(model, name, x):
    """``(block, its input)``: submodule ``name`` and what it receives when ``model(x)`` runs."""
    try:
        block = model.get_submodule(name)
    except AttributeError:
        children = [n for n, _ in model.named_modules() if n and "." not in n]
        raise ValueError(say(zh="模型里没有名为 {b!r} 的子模块；第一层的子模块有：{c}",
                             en="the model has no submodule {b!r}; its top-level submodules are: {c}",
                             b=name, c=", ".join(children))) from None
    seen = []
    handle = block.register_forward_pre_hook(lambda m, args: seen.append(args[0]))
    try:
        run_once(model, x)
    finally:
        handle.remove()
    if not seen:
        raise ValueError(say(zh="子模块 {b!r} 在 forward 中没有被调用", en="submodule {b!r} is not "
                             "called in forward", b=name))
    return block, seen[0]


def _does_not_fit(model, x, error):
    """The ValueError for an input the model cannot run on, with the first line of the model's error."""
    return ValueError(say(
        zh="{m} 不能处理形状为 {s} 的输入（{e}）：input_shape 与模型不符",
        en="{m} cannot run on an input of shape {s} ({e}): input_shape does not fit the model",
        m=type(model).__name__, s=tuple(x.shape), e=str(error).splitlines()[0]))


def run_once(model, x):
    """``model(x)`` in eval mode; an input that does not fit raises a ValueError that says so."""
    try:
        with eval_mode(model):
            model(x)
    except (RuntimeError, ValueError, IndexError) as error:
        raise _does_not_fit(model, x, error) from None


def is_layer(module):
    """A box of its own: a module without children, or one that counts itself (``cnnlab_counts``)."""
    return not any(module.children()) or hasattr(module, "cnnlab_counts")


class _Single(nn.Module):
    """A single layer inside a container, so that tracing stops at it (its box keeps its name)."""

    def __init__(self, name, layer):
        super().__init__()
        self.name = name
        self.add_module(name, layer)

    def forward(self, x):
        return getattr(self, self.name)(x)


def in_container(layer, block=None):
    """``(container, prefix)``: ``layer`` alone inside a container, named as ``block`` names it
    (``"features.0"`` → box ``0``, prefix ``"features."``), or by its class."""
    parent, _, name = (block or type(layer).__name__).rpartition(".")
    return _Single(name, layer), f"{parent}." if parent else ""


def _stops_at(depth):
    """Tracing stops at layers (no children, or counting themselves), and at ``depth``."""
    def is_leaf(module, qualified_name):
        return is_layer(module) or (depth is not None and qualified_name.count(".") + 1 >= depth)
    return is_leaf


def trace_layers(model, x, depth):
    """``model`` traced down to its layers (or to ``depth``), each fx node with its output shape."""
    try:
        module = trace(model, _stops_at(depth))
    except Exception as error:   # data-dependent control flow and the like
        raise TypeError(say(
            zh="无法追踪 {m} 的 forward（{e}）：forward 中不能有依赖数据的分支",
            en="could not trace the forward of {m} ({e}): the forward must not branch on data",
            m=type(model).__name__, e=error)) from error
    try:
        propagate_shapes(module, x)
    except (RuntimeError, ValueError, IndexError) as error:
        run_once(model, x)                            # the model's own error, said clearly
        raise _does_not_fit(model, x, error) from None
    return module


def output_shape(node):
    """The output shape an fx node recorded, without the batch dimension; () when it has none."""
    meta = node.meta.get("tensor_meta")
    if isinstance(meta, (tuple, list)) and not hasattr(meta, "shape"):   # a module returning a tuple
        meta = meta[0] if meta else None
    shape = getattr(meta, "shape", None)
    return tuple(shape[1:]) if shape is not None else ()

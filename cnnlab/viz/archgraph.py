"""The boxes and arrows of an architecture diagram, computed from the module itself.

:func:`architecture_graph` traces ``model.forward`` with ``torch.fx`` (stopping at
layers: modules without children), runs it once on an example input with
``ShapeProp`` to learn every output shape, and keeps one :class:`Node` per layer
call — plus the functional operations that change the picture: ``torch.cat``
(concatenation), ``+`` (a residual addition), ``flatten`` and functional
activations/pooling. Everything else (``view``, arithmetic on constants …) is
passed through.

The graph is then read as a *series–parallel* structure, the shape of every
CNN of the course: a list of items, each a node id, a :class:`Branches` (paths
that leave the same node and meet again at a merge, e.g. Inception's four
branches and their concatenation, or a residual block's layers and its
shortcut) or a :class:`Repeat` (identical consecutive blocks shown once, ×N).
A path meets its merge at the *immediate post-dominator* of the node it leaves:
the first node that every path from it must pass through.

Parameters are counted as :func:`cnnlab.summary` counts them: trainable ones,
a layer used twice at its first call. Output shapes have no batch dimension.
"""

import operator
from dataclasses import dataclass, field

import torch
import torch.fx as fx
import torch.nn.functional as F
from torch import nn
from torch.fx.passes.shape_prop import ShapeProp

from cnnlab.i18n import say
from cnnlab.receptive import _EvalMode, _node_name, example_input

__all__ = ["architecture_graph", "ArchGraph", "Node", "Branches", "Repeat"]

ELEMENTWISE = ("act", "norm", "dropout")     # kinds that ``fuse=True`` folds into the box above


@dataclass
class Node:
    """One box: a layer call, a merge, or the input."""
    id: int
    name: str                 # qualified module name ('features.0') or the function's node name
    kind: str                 # input conv pool linear norm act dropout concat add flatten block layer
    type: str                 # class or function name
    label: str                # in the current language: 'conv 5×5 /2', '卷积 5×5 /2'
    output_shape: tuple       # without the batch dimension
    params: int               # trainable parameters, counted at a layer's first call
    source: str = "module"    # 'module', 'function' or 'input'
    call: int = 1             # 2 for the second call of a shared layer
    branch: tuple = ()        # path index inside each enclosing Branches, outermost first
    repeat: int = 1           # N when the node stands for N identical copies (collapse=True)
    fused: list = field(default_factory=list)   # names of layers folded in (fuse=True)
    signature: tuple = ()     # what makes two layers identical (type, settings, shapes)


@dataclass
class Branches:
    """Paths leaving node ``source`` that meet again at node ``merge``.

    ``paths`` are lists of items; an empty path is an identity shortcut. The merge
    node itself is the item that follows the Branches in its list.
    """
    source: int
    paths: list
    merge: object             # node id, or None when the paths never meet


@dataclass
class Repeat:
    """``items`` drawn once, standing for ``times`` identical copies in a row."""
    items: list
    times: int


@dataclass
class ArchGraph:
    """What :func:`cnnlab.viz.draw_architecture` draws: nodes, arrows and their layout.

    * ``nodes`` — the boxes, in forward order (``node(name)`` finds one);
    * ``edges`` — arrows as (from id, to id);
    * ``body`` — the structure: a list of node ids, :class:`Branches` and :class:`Repeat`;
    * ``branches`` / ``repeats`` — every :class:`Branches` / :class:`Repeat` in ``body``.
    """
    nodes: list
    edges: list
    body: list
    input_shape: tuple
    total_params: int

    def __getitem__(self, node_id):
        return self._by_id()[node_id]

    def _by_id(self):
        return {n.id: n for n in self.nodes}

    def node(self, name, call=1):
        """The node of layer ``name`` (its ``call``-th use)."""
        for n in self.nodes:
            if n.name == name and n.call == call:
                return n
        raise KeyError(name)

    def _walk(self, items=None):
        for item in self.body if items is None else items:
            yield item
            if isinstance(item, Branches):
                for path in item.paths:
                    yield from self._walk(path)
            elif isinstance(item, Repeat):
                yield from self._walk(item.items)

    @property
    def branches(self):
        return [item for item in self._walk() if isinstance(item, Branches)]

    @property
    def repeats(self):
        return [item for item in self._walk() if isinstance(item, Repeat)]


# ----------------------------------------------------------------------------
# labels
# ----------------------------------------------------------------------------
def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _kernel(module):
    """'5×5', plus ' /2' for a stride above 1."""
    k = _pair(getattr(module, "kernel_size", 1))
    s = _pair(getattr(module, "stride", None) or 1)
    stride = "" if s == (1, 1) else (f" /{s[0]}" if s[0] == s[1] else f" /{s[0]}×{s[1]}")
    return f"{k[0]}×{k[1]}{stride}"


# cnnlab's own layers (cnnlab.models.lenet5) that are not torch.nn classes
_CUSTOM = {
    "SparseConv2d": ("conv", lambda m: say(zh="稀疏卷积", en="sparse conv") + " " + _kernel(m)),
    "Subsampling": ("pool", lambda m: say(zh="下采样", en="subsampling") + " " + _kernel(m)),
    "RBFOutput": ("layer", lambda m: say(zh="RBF 输出", en="RBF output")),
}


def _module_label(module, output_shape):
    """(kind, label) of a layer module, in the current language."""
    name = type(module).__name__
    if name in _CUSTOM:
        kind, label = _CUSTOM[name]
        return kind, label(module)
    if isinstance(module, nn.modules.conv._ConvTransposeNd):
        return "conv", say(zh="转置卷积", en="transposed conv") + " " + _kernel(module)
    if isinstance(module, nn.modules.conv._ConvNd):
        return "conv", say(zh="卷积", en="conv") + " " + _kernel(module)
    if isinstance(module, nn.modules.pooling._MaxPoolNd):
        return "pool", say(zh="最大池化", en="max pool") + " " + _kernel(module)
    if isinstance(module, nn.modules.pooling._AvgPoolNd):
        return "pool", say(zh="平均池化", en="avg pool") + " " + _kernel(module)
    if isinstance(module, (nn.modules.pooling._AdaptiveAvgPoolNd,
                           nn.modules.pooling._AdaptiveMaxPoolNd)):
        is_max = isinstance(module, nn.modules.pooling._AdaptiveMaxPoolNd)
        if all(s == 1 for s in output_shape[1:]):
            return "pool", (say(zh="全局最大池化", en="global max pool") if is_max
                            else say(zh="全局平均池化", en="global avg pool"))
        return "pool", (say(zh="自适应最大池化", en="adaptive max pool") if is_max
                        else say(zh="自适应平均池化", en="adaptive avg pool"))
    if isinstance(module, nn.Linear):
        return "linear", say(zh="全连接", en="linear")
    if isinstance(module, nn.modules.batchnorm._NormBase):
        return "norm", say(zh="批归一化", en="batch norm")
    if isinstance(module, (nn.LayerNorm, nn.GroupNorm, nn.LocalResponseNorm)):
        return "norm", name
    if isinstance(module, nn.modules.dropout._DropoutNd):
        return "dropout", say(zh="丢弃", en="dropout") + f" p={module.p:g}"
    if type(module).__module__ == "torch.nn.modules.activation" or isinstance(
            module, (nn.ReLU, nn.Tanh, nn.Sigmoid, nn.GELU, nn.LeakyReLU)):
        return "act", name
    if isinstance(module, nn.Flatten):
        return "flatten", say(zh="展平", en="flatten")
    if isinstance(module, (nn.ZeroPad2d, nn.ConstantPad2d, nn.ReflectionPad2d, nn.ReplicationPad2d)):
        return "layer", say(zh="填充", en="pad") + f" {module.padding[0]}"
    if any(module.children()):
        return "block", name
    return "layer", name


_FUNCTIONS = {
    torch.cat: "concat", torch.concat: "concat",
    operator.add: "add", operator.iadd: "add", torch.add: "add",
    torch.flatten: "flatten",
    F.relu: "act", torch.relu: "act", F.relu6: "act", torch.tanh: "act", torch.sigmoid: "act",
    F.max_pool2d: "pool", F.avg_pool2d: "pool", F.adaptive_avg_pool2d: "pool",
    F.adaptive_max_pool2d: "pool", F.dropout: "dropout",
}
_METHODS = {"add": "add", "add_": "add", "flatten": "flatten", "relu": "act", "relu_": "act"}


def _function_kind(node):
    if node.op == "call_function":
        return _FUNCTIONS.get(node.target)
    if node.op == "call_method":
        return _METHODS.get(node.target)
    return None


def _function_label(kind, node):
    name = getattr(node.target, "__name__", str(node.target)).rstrip("_")
    labels = {"concat": say(zh="拼接", en="concat"), "add": say(zh="相加", en="add"),
              "flatten": say(zh="展平", en="flatten"), "dropout": say(zh="丢弃", en="dropout"),
              "act": {"relu": "ReLU", "relu6": "ReLU6", "tanh": "Tanh", "sigmoid": "Sigmoid"}.get(name, name),
              "pool": {"max_pool2d": say(zh="最大池化", en="max pool"),
                       "avg_pool2d": say(zh="平均池化", en="avg pool"),
                       "adaptive_avg_pool2d": say(zh="自适应平均池化", en="adaptive avg pool"),
                       "adaptive_max_pool2d": say(zh="自适应最大池化", en="adaptive max pool")}.get(name, name)}
    return labels[kind]


def short_label(node):
    """What a folded layer adds to the label of the box above it (fuse=True)."""
    if node.kind == "norm":
        return "BN" if "Batch" in node.type or node.type == "batch_norm" else node.type
    if node.kind == "dropout":
        return node.label
    return node.label


# ----------------------------------------------------------------------------
# checking the arguments
# ----------------------------------------------------------------------------
def _check_arguments(model, input_shape, depth):
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


def _example(model, input_shape):
    """A batch of one for ``input_shape``; (features,) inputs of a linear model too."""
    if isinstance(input_shape, torch.Tensor):
        return input_shape
    shape = tuple(input_shape)
    return example_input(model, (1, *shape) if len(shape) in (1, 3) else shape)


def _block_input(model, name, x):
    """The input that submodule ``name`` receives when ``model(x)`` runs."""
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
        _run(model, x)
    finally:
        handle.remove()
    if not seen:
        raise ValueError(say(zh="子模块 {b!r} 在 forward 中没有被调用", en="submodule {b!r} is not "
                             "called in forward", b=name))
    return block, seen[0]


def _run(model, x):
    try:
        with _EvalMode(model):
            model(x)
    except (RuntimeError, ValueError, IndexError) as error:
        raise ValueError(say(
            zh="{m} 不能处理形状为 {s} 的输入（{e}）：input_shape 与模型不符",
            en="{m} cannot run on an input of shape {s} ({e}): input_shape does not fit the model",
            m=type(model).__name__, s=tuple(x.shape), e=str(error).splitlines()[0])) from None


# ----------------------------------------------------------------------------
# tracing
# ----------------------------------------------------------------------------
def _is_layer(module):
    return not any(module.children()) or hasattr(module, "cnnlab_counts")


class _Single(nn.Module):
    """A single layer inside a container, so that tracing stops at it (its box keeps its name)."""

    def __init__(self, name, layer):
        super().__init__()
        self.name = name
        self.add_module(name, layer)

    def forward(self, x):
        return getattr(self, self.name)(x)


class _Tracer(fx.Tracer):
    """Stops at layers (no children, or counting themselves), and at ``depth``."""

    def __init__(self, depth=None):
        super().__init__()
        self.depth = depth

    def is_leaf_module(self, module, qualified_name):
        if _is_layer(module):
            return True
        return self.depth is not None and qualified_name.count(".") + 1 >= self.depth


def _trace(model, x, depth):
    try:
        graph = _Tracer(depth).trace(model)
    except Exception as error:   # data-dependent control flow and the like
        raise TypeError(say(
            zh="无法追踪 {m} 的 forward（{e}）：forward 中不能有依赖数据的分支",
            en="could not trace the forward of {m} ({e}): the forward must not branch on data",
            m=type(model).__name__, e=error)) from error
    module = fx.GraphModule(model, graph)
    try:
        with _EvalMode(model):
            ShapeProp(module).propagate(x)
    except (RuntimeError, ValueError, IndexError) as error:
        raise ValueError(say(
            zh="{m} 不能处理形状为 {s} 的输入（{e}）：input_shape 与模型不符",
            en="{m} cannot run on an input of shape {s} ({e}): input_shape does not fit the model",
            m=type(model).__name__, s=tuple(x.shape), e=str(error).splitlines()[0])) from None
    return module


def _shape(node):
    meta = node.meta.get("tensor_meta")
    if isinstance(meta, (tuple, list)) and not hasattr(meta, "shape"):   # a module returning a tuple
        meta = meta[0] if meta else None
    shape = getattr(meta, "shape", None)
    return tuple(shape[1:]) if shape is not None else ()


def _nodes(module, prefix=""):
    """One Node per kept fx node, and each kept node's kept predecessors.

    ``prefix`` ('layer2.') makes the names of a block's layers those of the whole model."""
    nodes, preds, reach, calls, seen = {}, {}, {}, {}, set()
    for fx_node in module.graph.nodes:
        inputs = []
        for arg in fx_node.all_input_nodes:
            for p in reach.get(arg, []):
                if p not in inputs:
                    inputs.append(p)
        if fx_node.op == "placeholder":
            kind, label, type_, params, source = "input", say(zh="输入", en="input"), "input", 0, "input"
            name = "input"
        elif fx_node.op == "call_module":
            layer = module.get_submodule(fx_node.target)
            kind, label = _module_label(layer, _shape(fx_node))
            fresh = [p for p in layer.parameters() if id(p) not in seen]
            seen.update(id(p) for p in fresh)
            params = sum(p.numel() for p in fresh if p.requires_grad)
            type_, source, name = type(layer).__name__, "module", fx_node.target
            settings = repr(layer)
        elif _function_kind(fx_node):
            kind = _function_kind(fx_node)
            label, params, source = _function_label(kind, fx_node), 0, "function"
            type_ = getattr(fx_node.target, "__name__", str(fx_node.target))
            name, settings = _node_name(fx_node), type_
        else:
            reach[fx_node] = inputs
            continue
        name = prefix + name if source != "input" else name
        calls[name] = calls.get(name, 0) + 1
        node = Node(id=len(nodes), name=name, kind=kind, type=type_, label=label,
                    output_shape=_shape(fx_node), params=params, source=source, call=calls[name])
        in_shapes = tuple(nodes[p].output_shape for p in inputs)
        node.signature = (type_, settings if source != "input" else "", in_shapes,
                          node.output_shape, params)
        nodes[node.id] = node
        preds[node.id] = inputs
        reach[fx_node] = [node.id]
    return nodes, preds


# ----------------------------------------------------------------------------
# the series-parallel structure
# ----------------------------------------------------------------------------
_EXIT = -1


def _post_dominators(order, succ):
    """Immediate post-dominator of every node (``_EXIT`` when paths from it never meet)."""
    pdom = {}
    for n in reversed(order):
        after = [pdom[s] for s in succ[n]]
        pdom[n] = {n} | (set.intersection(*after) if after else {_EXIT})
    rank = {n: i for i, n in enumerate(order)}
    rank[_EXIT] = len(order)
    return {n: min(pdom[n] - {n}, key=rank.__getitem__) for n in order}


def _structure(nodes, preds):
    order = sorted(nodes)
    succ = {n: [] for n in order}
    for n in order:
        for p in preds[n]:
            succ[p].append(n)
    ipdom = _post_dominators(order, succ)
    placed = set()

    def chain(node, end):
        items = []
        while node is not None and node != end and node not in placed:
            placed.add(node)
            items.append(node)
            after = succ[node]
            if len(after) == 1:
                node = after[0]
                continue
            if not after:
                break
            merge = ipdom[node]
            merge = None if merge == _EXIT else merge
            paths = [[] if s == merge else chain(s, merge) for s in after]
            items.append(Branches(source=node, paths=paths, merge=merge))
            node = merge
        return items

    return chain(order[0], None)


# ----------------------------------------------------------------------------
# fuse and collapse
# ----------------------------------------------------------------------------
def _last_node(item):
    """The node an item ends with (its merge for Branches), or None."""
    if isinstance(item, int):
        return item
    if isinstance(item, Branches):
        return item.merge
    return _last_node(item.items[-1]) if item.items else None


def _fuse(items, nodes):
    """Fold element-wise layers (BN, activations, dropout) into the box above them."""
    out = []
    for item in items:
        if isinstance(item, Branches):
            item.paths = [_fuse(path, nodes) for path in item.paths]
        host = _last_node(out[-1]) if out else None
        if (isinstance(item, int) and nodes[item].kind in ELEMENTWISE and host is not None
                and nodes[host].kind != "input"):
            layer, box = nodes.pop(item), nodes[host]
            box.fused.append(layer.name)
            box.label += " + " + short_label(layer)
            box.output_shape = layer.output_shape
            box.params += layer.params
            box.signature = box.signature + (layer.signature,)
            continue
        out.append(item)
    return out


def _signature(item, nodes):
    if isinstance(item, int):
        return nodes[item].signature
    if isinstance(item, Branches):
        return ("branches", tuple(tuple(_signature(i, nodes) for i in path) for path in item.paths),
                nodes[item.merge].signature if item.merge is not None else None)
    return ("repeat", item.times, tuple(_signature(i, nodes) for i in item.items))


def _can_start(item, nodes):
    """A repeated block starts with a layer that has weights, or a block of branches."""
    if isinstance(item, int):
        return nodes[item].kind not in ELEMENTWISE + ("input", "flatten", "add", "concat")
    return True


def _collapse(items, nodes):
    """Replace k ≥ 2 identical consecutive runs of items by one Repeat(run, k)."""
    for item in items:
        if isinstance(item, Branches):
            item.paths = [_collapse(path, nodes) for path in item.paths]
    sigs = [_signature(item, nodes) for item in items]
    out, i = [], 0
    while i < len(items):
        best = (1, 1)                                  # (period, times)
        if _can_start(items[i], nodes):
            for period in range(1, (len(items) - i) // 2 + 1):
                times = 1
                while sigs[i + times * period:i + (times + 1) * period] == sigs[i:i + period]:
                    times += 1
                if times > 1 and period * times > best[0] * best[1]:
                    best = (period, times)
        period, times = best
        if times > 1:
            out.append(Repeat(items=items[i:i + period], times=times))
            for copy in items[i + period:i + period * times]:
                _drop(copy, nodes)
        else:
            out.append(items[i])
        i += period * times
    return out


def _drop(item, nodes):
    """Remove the nodes of a hidden copy."""
    if isinstance(item, int):
        nodes.pop(item, None)
    elif isinstance(item, Branches):
        for path in item.paths:
            for i in path:
                _drop(i, nodes)
    else:
        for i in item.items:
            _drop(i, nodes)


# ----------------------------------------------------------------------------
# edges, branch indices, repeat counts
# ----------------------------------------------------------------------------
def _link(items, prev, nodes, edges, branch=(), times=1):
    """Add the arrows of ``items`` after the nodes ``prev``; return the nodes they end with."""
    for item in items:
        if isinstance(item, int):
            edges.extend((p, item) for p in prev)
            nodes[item].branch, nodes[item].repeat = branch, times
            prev = [item]
        elif isinstance(item, Branches):
            item.source = prev[-1] if prev else item.source
            ends = []
            for k, path in enumerate(item.paths):
                ends += _link(path, prev, nodes, edges, branch + (k,), times) if path else prev
            prev = ends                  # the merge is the next item: it links them
        else:
            prev = _link(item.items, prev, nodes, edges, branch, times * item.times)
    return prev


def architecture_graph(model, input_shape, *, block=None, depth=None, collapse=False, fuse=False):
    """The boxes and arrows of ``model``'s diagram, computed by running it once.

    Args:
        model: an ``nn.Module``.
        input_shape: one input's shape, ``(C, H, W)`` (or ``(N, C, H, W)``, or a tensor).
        block: draw only this submodule, e.g. ``"features.0"``, ``"inception3a"``,
            ``"layer2.0"``; its input is what it receives when ``model`` runs.
        depth: draw modules ``depth`` levels down as single boxes (``depth=1``:
            GoogLeNet's stem layers and its Inception blocks); ``None`` = every layer.
        collapse: show a run of identical consecutive blocks once, with ×N.
        fuse: fold batch norm, activations and dropout into the box above them.

    Returns:
        :class:`ArchGraph`.
    """
    _check_arguments(model, input_shape, depth)
    x = _example(model, input_shape)
    if block is not None:
        model, x = _block_input(model, block, x)
    else:
        _run(model, x)
    prefix = f"{block}." if block else ""
    if _is_layer(model):                              # one layer: draw it inside a container
        parent, _, name = (block or type(model).__name__).rpartition(".")
        model, prefix = _Single(name, model), f"{parent}." if parent else ""
    graph_module = _trace(model, x, depth)
    nodes, preds = _nodes(graph_module, prefix)
    body = _structure(nodes, preds)
    if fuse:
        body = _fuse(body, nodes)
    if collapse:
        body = _collapse(body, nodes)
    edges = []
    _link(body, [], nodes, edges)
    params = {id(p): p for p in model.parameters()}.values()
    return ArchGraph(nodes=[nodes[i] for i in sorted(nodes)], edges=edges, body=body,
                     input_shape=tuple(x.shape[1:]),
                     total_params=sum(p.numel() for p in params if p.requires_grad))

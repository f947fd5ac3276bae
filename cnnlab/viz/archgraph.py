"""The boxes and arrows of an architecture diagram, computed from the module itself.

:func:`architecture_graph` traces ``model.forward`` with :mod:`cnnlab.tracing` (stopping at
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
the first node that every path from it must pass through (see
:mod:`cnnlab.viz.archstructure`; the labels are in :mod:`cnnlab.viz.archlabels`,
and checking the arguments, running and tracing the model in :mod:`cnnlab.viz.archtrace`).

Parameters are counted as :func:`cnnlab.summary` counts them: trainable ones,
a layer used twice at its first call. Output shapes have no batch dimension.
"""

from dataclasses import dataclass, field

from cnnlab.i18n import say
from cnnlab.text import table
from cnnlab.tracing import node_name
from cnnlab.viz.archlabels import function_kind, function_label, module_label
from cnnlab.viz import archstructure
from cnnlab.viz.archstructure import Branches, Repeat
from cnnlab.viz.archtrace import (block_input, check_arguments, example_batch, in_container, is_layer,
                                  output_shape, trace_layers)

__all__ = ["architecture_graph", "ArchGraph", "Node", "Branches", "Repeat"]


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

    def __str__(self):
        """One line per box: id, name, label, output shape, parameters, branch path, ×N."""
        header = ("id", say(zh="名称", en="name"), say(zh="标签", en="label"),
                  say(zh="输出", en="output"), say(zh="参数", en="params"),
                  say(zh="分支", en="branch"), "×N")
        rows = [(str(n.id), n.name, n.label, "×".join(map(str, n.output_shape)), f"{n.params:,}",
                 ".".join(str(b) for b in n.branch) or "–", str(n.repeat) if n.repeat > 1 else "")
                for n in self.nodes]
        lines = table(header, rows, strip=True)
        lines.append(say(zh="箭头 {e} 条；分支块 {b} 个；重复块 {r} 个",
                         en="{e} arrows; {b} blocks of branches; {r} repeated blocks",
                         e=len(self.edges), b=len(self.branches), r=len(self.repeats)))
        return "\n".join(lines)

    __repr__ = __str__


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
            kind, label = module_label(layer, output_shape(fx_node))
            fresh = [p for p in layer.parameters() if id(p) not in seen]
            seen.update(id(p) for p in fresh)
            params = sum(p.numel() for p in fresh if p.requires_grad)
            type_, source, name = type(layer).__name__, "module", fx_node.target
            settings = repr(layer)
        elif function_kind(fx_node):
            kind = function_kind(fx_node)
            label, params, source = function_label(kind, fx_node), 0, "function"
            type_ = getattr(fx_node.target, "__name__", str(fx_node.target))
            name, settings = node_name(fx_node), type_
        else:
            reach[fx_node] = inputs
            continue
        name = prefix + name if source != "input" else name
        calls[name] = calls.get(name, 0) + 1
        node = Node(id=len(nodes), name=name, kind=kind, type=type_, label=label,
                    output_shape=output_shape(fx_node), params=params, source=source, call=calls[name])
        in_shapes = tuple(nodes[p].output_shape for p in inputs)
        node.signature = (type_, settings if source != "input" else "", in_shapes,
                          node.output_shape, params)
        nodes[node.id] = node
        preds[node.id] = inputs
        reach[fx_node] = [node.id]
    return nodes, preds


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
    check_arguments(model, input_shape, depth)
    x = example_batch(model, input_shape)
    if block is not None:
        model, x = block_input(model, block, x)
    prefix = f"{block}." if block else ""
    if is_layer(model):                              # one layer: draw it inside a container
        model, prefix = in_container(model, block)
    graph_module = trace_layers(model, x, depth)
    nodes, preds = _nodes(graph_module, prefix)
    body = archstructure.structure(nodes, preds)
    if fuse:
        body = archstructure.fuse(body, nodes)
    if collapse:
        body = archstructure.collapse(body, nodes)
    edges = []
    archstructure.link(body, [], nodes, edges)
    params = {id(p): p for p in model.parameters()}.values()
    return ArchGraph(nodes=[nodes[i] for i in sorted(nodes)], edges=edges, body=body,
                     input_shape=tuple(x.shape[1:]),
                     total_params=sum(p.numel() for p in params if p.requires_grad))

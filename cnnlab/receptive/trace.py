"""Tracing a model with torch.fx and applying each layer's rule in order, one FieldRow per layer."""

from cnnlab.i18n import say
from cnnlab.receptive.field import Field, squeeze
from cnnlab.receptive.records import FieldRow, ReceptiveFields
from cnnlab.receptive.rules import ENDING_MODULES, ROW_FUNCTIONS, Call, UnsupportedLayerError, rule_for
from cnnlab.tracing import example_input, node_name, propagate_shapes, trace

__all__ = ["receptive_field"]


def _is_layer(module, qualified_name):
    """Tracing stops at layers: modules without children, or with ``cnnlab_receptive``."""
    return not any(module.children()) or hasattr(module, "cnnlab_receptive")


def _type_name(node, module):
    if module is not None:
        return type(module).__name__
    return getattr(node.target, "__name__", str(node.target))


def _spatial_size(node):
    meta = node.meta.get("tensor_meta")
    shape = getattr(meta, "shape", None)
    return tuple(shape[2:]) if shape is not None and len(shape) == 4 else None


def _trace(model):
    try:
        return trace(model, _is_layer)
    except Exception as error:   # data-dependent control flow and the like
        raise UnsupportedLayerError(say(
            zh="receptive_field 无法追踪 {m} 的 forward（{e}）：forward 中不能有依赖数据的分支",
            en="receptive_field could not trace the forward of {m} ({e}): the forward must not "
               "branch on data", m=type(model).__name__, e=error)) from error


def _step(node, module, fields):
    """``(field, aligned, note)`` after one traced operation; field None once not spatial."""
    spatial_in = [fields.get(arg) for arg in node.all_input_nodes
                  if fields.get(arg) is not None and _spatial_size(arg) is not None]
    out_size = _spatial_size(node)
    if not spatial_in or isinstance(module, ENDING_MODULES) or out_size is None:
        return None, True, ""
    call = Call(node=node, module=module, name=node_name(node), inputs=spatial_in,
                in_size=_spatial_size(node.all_input_nodes[0]), out_size=out_size)
    return rule_for(call)(call)


def _is_row(node):
    """Modules, and the functions worth a row: merges of branches and functional conv/pooling."""
    return node.op == "call_module" or (node.op == "call_function" and node.target in ROW_FUNCTIONS)


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
    propagate_shapes(graph_module, x)

    fields, rows, calls = {}, [], {}
    for node in graph_module.graph.nodes:
        if node.op == "placeholder":
            fields[node] = Field.of_input()
            continue
        if node.op in ("get_attr", "output"):
            fields[node] = None
            continue
        module = graph_module.get_submodule(node.target) if node.op == "call_module" else None
        result, aligned, note = _step(node, module, fields)
        fields[node] = result
        if _is_row(node):
            name = node_name(node)
            calls[name] = calls.get(name, 0) + 1
            rows.append(FieldRow(
                name=name, type=_type_name(node, module), output_size=squeeze(_spatial_size(node)),
                r=squeeze(result.r) if result else None,
                jump=squeeze(result.jump) if result else None,
                start=squeeze(result.start) if result else None,
                call=calls[name], aligned=aligned, note=note))
    return ReceptiveFields(rows=rows, input_size=tuple(x.shape[1:]))

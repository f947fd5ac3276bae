"""The truth table of a model, layer by layer: what a student predicts before cnnlab shows it.

``layer_facts(model, input_shape)`` joins what the library already computes:

* output shape, parameters and MACs from :func:`cnnlab.model_summary.collect`
  (forward hooks: the shapes are what torch itself produced);
* receptive field extent ``r`` and ``jump`` from :func:`cnnlab.receptive.receptive_field`
  (the recurrence ``r_out = r_in + (k' − 1)·jump_in``, ``jump_out = jump_in · s``);
* the label a diagram gives the layer, from :func:`cnnlab.viz.archlabels.module_label`.

Rows are the layers (modules without children) in the order ``forward`` calls them;
a layer called twice has two rows (``call`` 1 and 2).

Never a wrong truth: a value that cannot be computed exactly is ``None`` and the
row says why in ``untraceable`` (``{"rf": reason, "macs": reason}``) — a model
fx cannot trace, a layer type without a receptive-field rule, merged branches
that disagree, adaptive pooling with uneven windows, a custom layer with
parameters that does not count its own MACs. ``rf is None`` without a reason
means the layer is not spatial any more (after ``Flatten``/``Linear``).
"""

from dataclasses import dataclass, field

from torch import nn

from cnnlab.i18n import say
from cnnlab.model_summary import collect
from cnnlab.receptive import UnsupportedLayerError, example_input, receptive_field
from cnnlab.tracing import BATCH_NORMS, CONVS, INSTANCE_NORMS, TRANSPOSED_CONVS
from cnnlab.viz.archlabels import module_label

__all__ = ["layer_facts", "LayerFact", "LayerFacts"]


@dataclass
class LayerFact:
    """One call of one layer; numbers for ONE image, shapes without the batch dimension."""
    name: str
    call: int
    type: str
    kind: str                    # conv pool linear norm act dropout flatten layer (as diagrams)
    label: str                   # 'conv 3×3 /2', '卷积 3×3 /2' …
    output_shape: tuple          # (C, H, W), or (features,) after Flatten
    input_shape: tuple           # of the layer's first input, likewise
    params: int                  # trainable parameters (a shared layer: at its first call)
    macs: object                 # int, or None when untraceable
    rf: object                   # extent r: int, (h, w), or None (not spatial or untraceable)
    jump: object                 # effective stride, like rf
    untraceable: dict = field(default_factory=dict)    # quantity -> reason, in the course language

    def known(self, quantity):
        """False when ``quantity`` ('shape', 'params', 'macs', 'rf') cannot be given exactly."""
        return quantity not in self.untraceable


@dataclass
class LayerFacts:
    """The rows of :func:`layer_facts`; ``print`` shows them as a table."""
    rows: list
    input_shape: tuple
    module_of: dict = field(default_factory=dict, repr=False)   # row name -> module

    def module(self, row):
        """The ``nn.Module`` a row describes (for rules that need its settings)."""
        return self.module_of.get(row.name)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def __str__(self):
        def cell(v):
            return "–" if v is None else ("×".join(map(str, v)) if isinstance(v, tuple) else f"{v:,}")
        lines = [f"{r.name:<24} {r.label:<22} {cell(r.output_shape):>14} {cell(r.params):>10} "
                 f"{cell(r.macs):>14} {cell(r.rf):>7} {cell(r.jump):>5}" for r in self.rows]
        return "\n".join(lines)

    __repr__ = __str__


# ----------------------------------------------------------------------------
# receptive fields, joined to the hook rows by (name, call)
# ----------------------------------------------------------------------------
def _fields(model, x):
    """({(name, call): FieldRow}, reason) — reason is set when no field can be computed."""
    try:
        rows = receptive_field(model, x)
    except UnsupportedLayerError as error:
        return {}, str(error)
    return {(row.name, row.call): row for row in rows}, ""


def _rf_of(found, reason):
    """(rf, jump, why-untraceable) of one layer from its FieldRow (or None)."""
    if reason:
        return None, None, reason
    if found is None:
        return None, None, say(zh="感受野分析没有经过这一层", en="the receptive-field analysis does not see this layer")
    if not found.aligned or found.note:
        return None, None, found.note or say(zh="合并的分支感受野不对齐", en="merged branches are not aligned")
    return found.r, found.jump, ""


# ----------------------------------------------------------------------------
# MACs: exact for convolutions, Linear and layers that count themselves
# ----------------------------------------------------------------------------
_NO_MACS = BATCH_NORMS + INSTANCE_NORMS + (nn.GroupNorm, nn.LayerNorm, nn.PReLU)


def _macs_known(module):
    """True when model_summary's count is exact: conv/linear, a self-counting layer, or a layer
    without parameters or with only affine normalisation (counted as 0 MACs by convention)."""
    if hasattr(module, "cnnlab_counts") or isinstance(module, CONVS + TRANSPOSED_CONVS + (nn.Linear,) + _NO_MACS):
        return True
    return next(module.parameters(recurse=False), None) is None


def _check_arguments(model, input_shape):
    if not isinstance(model, nn.Module):
        raise TypeError(say(zh="layer_facts 需要一个 nn.Module（例如 lenet5()），收到的是 {t}",
                            en="layer_facts needs an nn.Module (e.g. lenet5()), got {t}",
                            t=type(model).__name__))
    shape = tuple(input_shape) if isinstance(input_shape, (tuple, list)) else None
    if (shape is None or len(shape) not in (3, 4)
            or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in shape)):
        raise ValueError(say(
            zh="input_shape 应是一张图的形状 (C, H, W) 或带批量维的 (N, C, H, W)，都是正整数，收到 {s!r}",
            en="input_shape must be the shape of one image, (C, H, W), or (N, C, H, W), positive "
               "integers; got {s!r}", s=input_shape))


def layer_facts(model, input_shape):
    """Per layer of ``model`` (execution order): name, label, output shape, parameters, MACs, r, jump.

    Args:
        model: any ``nn.Module`` (a student's own included).
        input_shape: ``(C, H, W)`` or ``(N, C, H, W)``.

    Returns:
        :class:`LayerFacts`, rows of :class:`LayerFact`. A value that cannot be computed
        exactly is ``None``, with the reason in ``row.untraceable``.

    Example::

        layer_facts(nn.Sequential(nn.Conv2d(3, 8, 3, padding=1)), (3, 32, 32))[0].output_shape  # (8, 32, 32)
    """
    _check_arguments(model, input_shape)
    x = example_input(model, input_shape)
    modules = dict(model.named_modules())
    hook_rows = collect(model, x)
    fields, reason = _fields(model, x)
    facts = []
    for row in hook_rows:
        module = modules.get(row.name, model)
        shape = tuple(row.output_shape[1:])
        kind, label = module_label(module, shape)
        rf, jump, rf_why = _rf_of(fields.get((row.name, row.call)), reason)
        untraceable = {"rf": rf_why} if rf_why else {}
        if not _macs_known(module):
            untraceable["macs"] = say(zh="{t} 有参数，但没有 cnnlab_counts：不知道它的乘加次数",
                                      en="{t} has parameters but no cnnlab_counts: its MACs are unknown",
                                      t=row.type)
        facts.append(LayerFact(name=row.name, call=row.call, type=row.type, kind=kind, label=label,
                               output_shape=shape, input_shape=tuple((row.input_shape or (1,))[1:]), params=row.params,
                               macs=None if "macs" in untraceable else row.macs,
                               rf=rf, jump=jump, untraceable=untraceable))
    return LayerFacts(rows=facts, input_shape=tuple(x.shape[1:]),
                      module_of={row.name: modules.get(row.name, model) for row in hook_rows})

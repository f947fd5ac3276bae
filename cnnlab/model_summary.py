"""A per-layer summary of a model: output shapes, parameters, MACs, connections and receptive fields.

Three separate steps, as in torchinfo:

1. **collect** — forward hooks record one plain :class:`LayerRow` per layer call
   (hooks are always removed, and every module's train/eval mode restored);
2. **compute** — totals (:class:`Summary`) and the receptive-field columns;
3. **render** — :func:`render_text` for ``print`` and :func:`render_html` for
   notebooks; neither touches a torch module (they are in :mod:`cnnlab.summary_table`).

Rows are the *layers*: modules without children, plus custom modules that count
themselves (below); containers (``Sequential``, blocks) are not rows.

What is counted, for ONE image
------------------------------
* ``params`` — trainable parameters of the layer (a layer used twice is counted
  at its first call); ``Summary.total_params == sum(p.numel() for p in model.parameters())``.
* ``macs`` — multiply–accumulates of convolutions (all dims, groups, transposed)
  and ``Linear`` layers only; every other layer counts 0. This is what
  torchvision's "GFLOPS" column reports (AlexNet 0.714, VGG-16 15.47, ResNet-18
  1.814, ResNet-50 4.089) and half of ``torch.utils.flop_counter`` FLOPs::

      conv:   MACs = out_elements · (c_in / groups) · k_h · k_w
      linear: MACs = out_elements · in_features

* ``connections`` (LeCun's term) — summed over output values, the number of
  inputs each one reads, plus 1 for a bias: ``MACs + outputs`` for a
  convolution or linear layer with bias, ``outputs · k_h · k_w`` for pooling,
  0 for element-wise layers (activations, normalisation, dropout).

Custom layers
-------------
A module may count itself by defining::

    def cnnlab_counts(self, inputs, output):
        # inputs: tuple of input tensors, output: output tensor (batch dim included)
        return {"macs": ..., "connections": ...}     # ints, for one image

``summary`` then uses these numbers instead of its own rules (and does not list
the module's children). For receptive fields a module may define
``cnnlab_receptive(self)``, see :mod:`cnnlab.receptive`.
"""

import math
from dataclasses import dataclass, field

import torch
from torch import nn

from cnnlab.geometry import adaptive_windows, ntuple
from cnnlab.receptive import UnsupportedLayerError, receptive_field
from cnnlab.summary_table import render_html, render_text
from cnnlab.tracing import (ADAPTIVE_AVG_POOLS, ADAPTIVE_MAX_POOLS, AVG_POOLS, CONVS, MAX_POOLS, TRANSPOSED_CONVS,
                            eval_mode, example_input, rule_for_layer, rule_table)

__all__ = ["summary", "Summary", "LayerRow", "layer_counts", "render_text", "render_html"]


@dataclass
class LayerRow:
    """One call of one layer; numbers are for ONE image."""
    name: str
    type: str
    output_shape: tuple          # batch dimension included
    params: int                  # trainable parameters
    all_params: int              # trainable + frozen
    macs: int
    connections: int
    r: object = None             # receptive field size (int or (h, w)); None if not spatial
    jump: object = None          # effective stride
    call: int = 1                # 2 for the second call of a shared layer
    input_shape: tuple = None    # of the first input, batch dimension included


@dataclass
class Summary:
    """The table of :func:`summary`: ``print`` it, or show it in a notebook."""
    rows: list
    input_size: tuple
    total_params: int
    trainable_params: int
    total_macs: int
    total_connections: int
    notes: list = field(default_factory=list)

    @property
    def non_trainable_params(self):
        return self.total_params - self.trainable_params

    def __str__(self):
        return render_text(self)

    __repr__ = __str__

    def _repr_html_(self):
        return render_html(self)


# ----------------------------------------------------------------------------
# 1. collect
# ----------------------------------------------------------------------------
def _windows(in_size, out_size):
    """Total window length of adaptive pooling along one axis (PyTorch's windows)."""
    return sum(end - start for start, end in adaptive_windows(in_size, out_size))


def _transposed_conv_macs(module, inputs, output):
    kernel = math.prod(module.kernel_size)                  # each input value is scattered
    return inputs[0][0].numel() * (module.out_channels // module.groups) * kernel


def _conv_macs(module, inputs, output):
    return output[0].numel() * (module.in_channels // module.groups) * math.prod(module.kernel_size)


def _linear_macs(module, inputs, output):
    return output[0].numel() * module.in_features


def _pool_reads(module, inputs, output):
    return output[0].numel() * math.prod(ntuple(module.kernel_size, output.dim() - 2, "kernel_size"))


def _adaptive_pool_reads(module, inputs, output):
    return output.shape[1] * math.prod(_windows(n, m) for n, m in zip(inputs[0].shape[2:], output.shape[2:]))


# layer type -> how it counts, looked up along the class hierarchy (as receptive/rules.py): adding a
# layer type is one entry. MACS: multiply–accumulates per image (connections = MACs + biases);
# READS: connections of a layer without weights (each output reads its window).
MACS = rule_table((TRANSPOSED_CONVS, _transposed_conv_macs), (CONVS, _conv_macs), ((nn.Linear,), _linear_macs))
READS = rule_table((MAX_POOLS + AVG_POOLS, _pool_reads), (ADAPTIVE_AVG_POOLS + ADAPTIVE_MAX_POOLS, _adaptive_pool_reads))


def layer_counts(module, inputs, output):
    """(macs, connections) of one layer call, for ONE image."""
    if hasattr(module, "cnnlab_counts"):
        counts = module.cnnlab_counts(inputs, output)
        return int(counts["macs"]), int(counts["connections"])
    macs, reads = rule_for_layer(MACS, module), rule_for_layer(READS, module)
    if macs is not None:
        count = macs(module, inputs, output)
        has_bias = getattr(module, "bias", None) is not None
        return count, count + (output[0].numel() if has_bias else 0)
    return (0, reads(module, inputs, output)) if reads is not None else (0, 0)


def _layers(model):
    """{module: name} of the rows: childless modules and self-counting modules."""
    layers, inside_counted = {}, set()
    for name, module in model.named_modules():
        if module in inside_counted:
            continue
        if hasattr(module, "cnnlab_counts"):
            layers[module] = name
            inside_counted.update(m for m in module.modules() if m is not module)
        elif not any(module.children()):
            layers[module] = name
    return layers


def _count_params(module, seen):
    """(trainable, all) parameters of ``module`` not counted before."""
    fresh = [p for p in module.parameters() if id(p) not in seen]
    seen.update(id(p) for p in fresh)
    return sum(p.numel() for p in fresh if p.requires_grad), sum(p.numel() for p in fresh)


def collect(model, x):
    """Run ``model(x)`` with forward hooks; one :class:`LayerRow` per layer call."""
    rows, calls, seen = [], {}, set()
    layers = _layers(model)

    def record(module, inputs, output):
        output = output[0] if isinstance(output, (tuple, list)) else output
        name = layers[module]
        calls[name] = calls.get(name, 0) + 1
        trainable, total = _count_params(module, seen)
        macs, connections = layer_counts(module, inputs, output)
        rows.append(LayerRow(name=name or type(module).__name__, type=type(module).__name__,
                             output_shape=tuple(output.shape), params=trainable, all_params=total,
                             macs=macs, connections=connections, call=calls[name],
                             input_shape=tuple(getattr(inputs[0], "shape", ())) if inputs else None))

    handles = [module.register_forward_hook(record) for module in layers]
    try:
        with eval_mode(model):
            model(x)
    finally:
        for handle in handles:
            handle.remove()
    return rows


# ----------------------------------------------------------------------------
# 2. compute
# ----------------------------------------------------------------------------
def _add_receptive_fields(rows, model, x):
    """Fill the r / jump columns; returns a note when the model cannot be analysed."""
    try:
        fields = receptive_field(model, x)
    except UnsupportedLayerError as error:
        return str(error)
    by_call = {(f.name, f.call): f for f in fields}
    for row in rows:
        found = by_call.get((row.name, row.call))
        if found is not None:
            row.r, row.jump = found.r, found.jump
    return None


def summary(model, input_size):
    """Per-layer table of ``model`` for one input of ``input_size``.

    Args:
        model: any ``nn.Module``.
        input_size: ``(C, H, W)`` (a batch of one is added) or ``(N, C, H, W)``.

    Returns:
        :class:`Summary` with ``.rows`` (:class:`LayerRow`), ``.total_params``,
        ``.trainable_params``, ``.total_macs`` (per image) and
        ``.total_connections``. ``print`` it, or leave it last in a notebook cell.

    Example::

        summary(alexnet, (3, 224, 224)).total_params     # 61,100,840
    """
    x = example_input(model, input_size)
    rows = collect(model, x)
    notes = [note for note in [_add_receptive_fields(rows, model, x)] if note]
    params = {id(p): p for p in model.parameters()}.values()
    return Summary(
        rows=rows, input_size=tuple(x.shape),
        total_params=sum(p.numel() for p in params),
        trainable_params=sum(p.numel() for p in params if p.requires_grad),
        total_macs=sum(row.macs for row in rows),
        total_connections=sum(row.connections for row in rows),
        notes=notes)

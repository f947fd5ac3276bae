"""Receptive fields of a CNN's layers: which input pixels one output unit can see.

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

The package, one job per module:

* :mod:`~cnnlab.receptive.field`   — the recurrence (:class:`Field`) and the merge of branches
* :mod:`~cnnlab.receptive.rules`   — the table from layer type to rule
* :mod:`~cnnlab.receptive.trace`   — tracing a model with torch.fx: :func:`receptive_field`
* :mod:`~cnnlab.receptive.records` — the rows it returns (:class:`FieldRow`, :class:`ReceptiveFields`)
* :mod:`~cnnlab.receptive.render`  — printing them as a table
* :mod:`~cnnlab.receptive.effective` — :func:`effective_receptive_field`
"""

from cnnlab.receptive.effective import effective_receptive_field
from cnnlab.receptive.field import Field
from cnnlab.receptive.records import FieldRow, ReceptiveFields
from cnnlab.receptive.render import table_header
from cnnlab.receptive.rules import UnsupportedLayerError
from cnnlab.tracing import eval_mode, example_input
from cnnlab.receptive.trace import receptive_field

__all__ = ["receptive_field", "effective_receptive_field", "Field", "FieldRow", "ReceptiveFields",
           "UnsupportedLayerError"]

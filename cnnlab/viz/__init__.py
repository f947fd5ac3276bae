"""Interactive figures for the lessons.

* :mod:`~cnnlab.viz.explorer` — ``ConvolutionExplorer``, the convolution explorer of
  lesson 03: sliders for input size, kernel size, padding, stride and dilation; the
  padded input with the current window, the output filling in, the size formula live.
* :mod:`~cnnlab.viz.diagram` — ``draw_architecture``, a block diagram computed from a
  model (boxes with output shapes and parameters, branches, shortcuts, ×N);
  :mod:`~cnnlab.viz.archgraph` — ``architecture_graph``, the same boxes and arrows as data
  (with :mod:`~cnnlab.viz.archtrace`, :mod:`~cnnlab.viz.archlabels` and
  :mod:`~cnnlab.viz.archstructure`);
  :mod:`~cnnlab.viz.diagramlayout` places the boxes.
"""

from cnnlab.viz.archgraph import architecture_graph
from cnnlab.viz.diagram import draw_architecture
from cnnlab.viz.explorer import ConvolutionExplorer

__all__ = ["ConvolutionExplorer", "architecture_graph", "draw_architecture"]

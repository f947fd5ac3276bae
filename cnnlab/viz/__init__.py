"""Interactive figures for the lessons.

* :mod:`~cnnlab.viz.explorer` — ``ConvolutionExplorer``, the convolution explorer of
  lesson 03: sliders for input size, kernel size, padding, stride and dilation; the
  padded input with the current window, the output filling in, the size formula live.
"""

from cnnlab.viz.explorer import ConvolutionExplorer

__all__ = ["ConvolutionExplorer"]

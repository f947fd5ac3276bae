"""Interactive figures for the lessons.

* :mod:`~cnnlab.viz.explorer` — ``ConvolutionExplorer``, the convolution explorer of
  lesson 03: sliders for input size, kernel size, padding, stride and dilation; the
  padded input with the current window, the output filling in, the size formula live.

Names are imported on first use, so ``import cnnlab.viz`` does not load ipywidgets.
"""

_PUBLIC = {
    "ConvolutionExplorer": "cnnlab.viz.explorer",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'cnnlab.viz' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_PUBLIC[name]), name)


def __dir__():
    return __all__

"""cnnlab — the helper library of a bilingual course on convolutional networks.

Each public name below lives in a small module you can open and read
(``cnnlab.arith``, ``cnnlab.ops``, ``cnnlab.data`` …). ``import cnnlab`` itself
is cheap: a name is imported from its module the first time you use it, so
the command line starts without loading PyTorch.
"""

__version__ = "0.1.0"

# public name -> module that defines it
_PUBLIC = {
    "set_language": "cnnlab.i18n",
    "get_language": "cnnlab.i18n",
    "start_lesson": "cnnlab.course",
    "quick_mode": "cnnlab.course",
    "conv_output_size": "cnnlab.arith",
    "pool_output_size": "cnnlab.arith",
    "transposed_conv_output_size": "cnnlab.arith",
    "same_padding": "cnnlab.arith",
    "conv_params": "cnnlab.arith",
    "conv_macs": "cnnlab.arith",
    "neuron_count": "cnnlab.arith",
    "receptive_field": "cnnlab.receptive",
    "effective_receptive_field": "cnnlab.receptive",
    "summary": "cnnlab.model_summary",
    "draw_architecture": "cnnlab.viz.diagram",
    "architecture_graph": "cnnlab.viz.archgraph",
    "fashion_mnist": "cnnlab.data",
    "mnist": "cnnlab.data",
    "loaders": "cnnlab.data",
    "loader": "cnnlab.data",
    "fit": "cnnlab.train",
    "evaluate": "cnnlab.train",
    "accuracy": "cnnlab.train",
    "confusion_matrix": "cnnlab.train",
    "plot_confusion_matrix": "cnnlab.train",
    "best_device": "cnnlab.train",
    "device": "cnnlab.train",
    "seed": "cnnlab.train",
    "show_source": "cnnlab.course",
    "recipe": "cnnlab.recipes",
    "train_recipe": "cnnlab.recipes",
    "progress": "cnnlab.exercises.progress",
}

__all__ = sorted(_PUBLIC) + ["__version__"]


def __getattr__(name):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'cnnlab' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_PUBLIC[name]), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__():
    return __all__

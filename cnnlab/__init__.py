"""cnnlab — the helper library of a bilingual course on convolutional networks.

Each public name below lives in a small module you can open and read
(``cnnlab.arith``, ``cnnlab.ops``, ``cnnlab.data`` …). ``import cnnlab`` itself
is cheap: a name is imported from its module the first time you use it, so
the command line starts without loading PyTorch.

The modules, one line each::

    settings        quick mode ($CNNLAB_QUICK) with its limits, and the course language
    i18n            bilingual messages: say(zh=..., en=...)
    manifest        reading and checking course/manifest.toml; finding the course folder
    lesson          a lesson's first cell (start_lesson) and show_source
    course          old import path: re-exports manifest, lesson and quick mode
    train/          machine (device, threads, seed) · metrics · history · loop (fit)
    cpu             how many CPU threads PyTorch should use: the idle cores
    liveplot        a live loss/accuracy plot that redraws one figure in place
    data/           data sets found offline or downloaded, loaders, tiny synthetic images
    …               arith, receptive, model_summary, ops/, models/, viz/, exercises/,
                    recipes, fonts; the course tools pipeline/, grading/, site/, lab, cli
"""

__version__ = "0.1.0"

# public name -> module that defines it
_PUBLIC = {
    "set_language": "cnnlab.settings",
    "get_language": "cnnlab.settings",
    "start_lesson": "cnnlab.lesson",
    "quick_mode": "cnnlab.settings",
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
    "show_source": "cnnlab.lesson",
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

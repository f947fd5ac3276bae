"""cnnlab — the helper library of a bilingual course on convolutional networks.

Each public name below lives in a small module you can open and read
(``cnnlab.arith``, ``cnnlab.ops``, ``cnnlab.data`` …). ``import cnnlab`` itself
is cheap: a name is imported from its module the first time you use it, so
the command line starts without loading PyTorch.

The package has two halves. The **teaching library** is what lessons call and
students may open, one line per module::

    settings        quick mode ($CNNLAB_QUICK) with its limits
    i18n            the course language and bilingual messages: say(zh=..., en=...)
    geometry        convolution geometry in one place: int-or-pair, output sizes, padding rules
    arith           convolution arithmetic worked out step by step (sizes, parameters, MACs)
    derivation      arith's worked derivations as text: the formula, then the same with the numbers in
    receptive/      receptive fields: the recurrence, tracing a model, the effective field
    model_summary   a per-layer table of a model: shapes, parameters, MACs, receptive fields
    summary_table   how that table is shown: plain text for print, HTML for a notebook
    tracing         one torch.fx tracer for the analyses: layers, shapes, names, example input, eval mode
    facts           layer_facts(): the truth table a student predicts: per layer its label, shape, params, MACs, field
    ops/            convolution, pooling, im2col and batch norm written out in NumPy/PyTorch
    models/         LeNet, LeNet-5, AlexNet, VGG, NiN, GoogLeNet, ResNet as the course builds them
    data/           data sets found offline or downloaded, loaders, tiny synthetic images
    train/          machine (device, threads, seed) · metrics · history · loop (fit)
    recipes         the tuned full-mode training settings of each network
    viz/            architecture diagrams and the interactive explorers
    exercises/      quick checks and code exercises as widgets, answers, progress
    manifest        reading course/manifest.toml (lesson titles, objectives, exercises)
    lesson          a lesson's first cell (start_lesson) and show_source
    lesson_table    the lesson table of the READMEs: titles, minutes, computing time, exercises
    doctor          `cnnlab doctor`: is this machine ready for the course (torch, data, font, answers)?
    cpu             how many CPU threads PyTorch should use: the idle cores
    liveplot        a live loss/accuracy plot that redraws one figure in place
    fonts           a CJK font for Chinese text in figures
    cells           a notebook cell's exercise tags, its code with magics masked, its printed text
    files           safe file writes: an atomic replace and a lock between processes
    text            shortening text, display width and aligned text tables (Chinese columns line up)

The **course tools** are what authors and instructors run; they import the
library, never the other way round::

    tools/markers     the ### BEGIN SOLUTION / HIDDEN TESTS markers, shared by build, check, grader and site
    tools/pipeline/   build the student lessons, check the course, execute solutions, release
    tools/grading/    grade submissions in sandboxed kernels: gradebook, feedback, dashboard, export
    tools/site/       the static HTML site of the course
    tools/lab         `cnnlab lab`: JupyterLab on the course
    tools/cli         the `cnnlab` command: puts the subcommands together and runs one
    tools/commands/   each subcommand's arguments beside the function that runs it
    tools/kernelclient  nbclient's notebook runner, waiting for kernel messages in short slices
"""

__version__ = "0.1.0"

# public name -> module that defines it
_PUBLIC = {
    "set_language": "cnnlab.i18n",
    "get_language": "cnnlab.i18n",
    "start_lesson": "cnnlab.lesson",
    "set_student": "cnnlab.exercises.identity",
    "student_id": "cnnlab.exercises.identity",
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
    "layer_facts": "cnnlab.facts",
    "predict_layers": "cnnlab.exercises.layers",
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

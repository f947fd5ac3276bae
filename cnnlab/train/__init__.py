"""Train and evaluate a classifier: ``fit`` → :class:`History`; accuracy and confusion matrix.

One epoch of minibatch training, for each batch (X, y) of size B::

    ŷ = model(X)                           # (B, classes) logits
    ℓ = (1/B) Σ_i −log softmax(ŷ_i)[y_i]   # cross-entropy
    θ ← optimizer step with ∇_θ ℓ

and, after the epoch, the test accuracy  acc = (1/N) Σ_i 1[argmax ŷ_i = y_i].

``fit`` shows a progress bar (``tqdm.auto``: a widget in JupyterLab, text in a
terminal) and a live plot (one figure updated in place in a notebook, one
printed line per epoch elsewhere). In quick mode (``CNNLAB_QUICK=1``) it runs
at most 2 epochs on at most 2,000 training images, and says so.

The package, one job per module:

    machine.py   where to train: the device, PyTorch's CPU threads, the seed
    metrics.py   accuracy, loss and confusion matrix of a model on data, and its plot
    history.py   History: the per-epoch record of a run, as a table or one line
    loop.py      the training loop: the optimizer by name and ``fit``, one epoch at a time
"""

from cnnlab.settings import QUICK_EPOCHS, QUICK_TEST, QUICK_TRAIN  # noqa: F401
from cnnlab.train.history import History
from cnnlab.train.loop import fit, make_optimizer
from cnnlab.train.machine import best_device, device, seed, threads
from cnnlab.train.metrics import Evaluation, accuracy, confusion_matrix, evaluate, plot_confusion_matrix

__all__ = ["History", "Evaluation", "fit", "make_optimizer", "best_device", "device", "seed", "threads",
           "accuracy", "evaluate", "confusion_matrix", "plot_confusion_matrix"]

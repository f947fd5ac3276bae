"""How good a model is on some data: accuracy, mean loss, the confusion matrix and its plot."""

from typing import NamedTuple

import torch
from torch import nn

from cnnlab.i18n import say


def accuracy(logits, y):
    """Fraction of rows whose largest logit is the true class: (1/N) Σ 1[argmax ŷ_i = y_i]."""
    return (logits.argmax(dim=1) == y).float().mean().item()


class Evaluation(NamedTuple):
    loss: float        # mean cross-entropy
    accuracy: float    # fraction correct
    count: int         # examples seen


def _model_device(model):
    p = next(model.parameters(), None)
    return p.device if p is not None else torch.device("cpu")


def _predictions(model, data, dev, max_examples=None):
    """Yield (logits, y) batch by batch in eval mode, restoring the model's mode after."""
    was_training = model.training
    model.eval()
    seen = 0
    try:
        with torch.inference_mode():
            for X, y in data:
                if max_examples is not None and seen >= max_examples:
                    break
                X, y = X.to(dev), y.to(dev)
                yield model(X), y
                seen += len(y)
    finally:
        model.train(was_training)


def evaluate(model, data, device=None, loss_fn=None, max_examples=None):
    """Mean loss and accuracy of ``model`` over the batches of ``data`` → Evaluation(loss, accuracy, count)."""
    dev = device or _model_device(model)
    loss_fn = loss_fn or nn.CrossEntropyLoss(reduction="sum")
    total, correct, n = 0.0, 0, 0
    for logits, y in _predictions(model, data, dev, max_examples):
        total += float(loss_fn(logits, y))
        correct += int((logits.argmax(1) == y).sum())
        n += len(y)
    return Evaluation(total / max(n, 1), correct / max(n, 1), n)


def confusion_matrix(model, data, num_classes=None, device=None):
    """Count matrix C with C[i, j] = number of images of true class i predicted as class j.

    Its diagonal holds the correct predictions: accuracy = trace(C) / sum(C).
    """
    dev = device or _model_device(model)
    truth, guess = [], []
    for logits, y in _predictions(model, data, dev):
        truth.append(y.cpu())
        guess.append(logits.argmax(1).cpu())
    truth, guess = torch.cat(truth), torch.cat(guess)
    k = num_classes or int(max(truth.max(), guess.max())) + 1
    return torch.bincount(truth * k + guess, minlength=k * k).reshape(k, k)


def plot_confusion_matrix(cm, classes=None, normalize=True, ax=None):
    """Draw a confusion matrix (rows: true class, columns: prediction); return the Axes.

    ``normalize=True`` divides each row by its total, so the diagonal is each class's recall.
    """
    import matplotlib.pyplot as plt

    cm = torch.as_tensor(cm).double()
    shown = cm / cm.sum(1, keepdim=True).clamp(min=1) if normalize else cm
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 5))
    k = len(shown)
    ax.imshow(shown.numpy(), cmap="Blues", vmin=0)
    labels = classes if classes is not None else [str(i) for i in range(k)]
    ax.set_xticks(range(k), labels, rotation=45, ha="right")
    ax.set_yticks(range(k), labels)
    ax.set_xlabel(say(zh="预测类别", en="predicted class"))
    ax.set_ylabel(say(zh="真实类别", en="true class"))
    for i in range(k):
        for j in range(k):
            value = f"{shown[i, j]:.2f}" if normalize else f"{int(shown[i, j])}"
            ax.text(j, i, value, ha="center", va="center", fontsize=7,
                    color="white" if shown[i, j] > 0.6 * shown.max() else "black")
    return ax

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
"""

import itertools
import math
import os
import random
import time
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from cnnlab.course import quick_mode
from cnnlab.cpu import idle_threads
from cnnlab.i18n import say
from cnnlab.liveplot import LivePlot

QUICK_EPOCHS, QUICK_TRAIN, QUICK_TEST = 2, 2_000, 1_000


# ---------------------------------------------------------------------------- machine

def threads(n=None):
    """Set PyTorch's CPU threads to ``n`` and return it.

    By default: the usable cores that other processes leave idle right now
    (``cnnlab.cpu.idle_threads``), never more than PyTorch started with. PyTorch
    starts with one thread per physical core of the machine, which in a container
    can exceed the cores we may use, and on a busy machine two threads on two
    loaded cores wait for each other (a step can take ten times longer). When
    ``OMP_NUM_THREADS`` is set, PyTorch's choice from it is kept.
    """
    if n is None:
        n = torch.get_num_threads()
        if not os.environ.get("OMP_NUM_THREADS"):
            n = max(1, min(n, idle_threads()))
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)
    return n


def best_device(verbose=True):
    """The fastest device here — CUDA GPU, then Apple MPS, then the CPU — and say which.

    Also available as ``cnnlab.device()``.
    """
    if torch.cuda.is_available():
        dev = torch.device("cuda")
        msg = say(zh="使用 GPU：{n}（cuda）", en="using the GPU {n} (cuda)", n=torch.cuda.get_device_name(0))
    elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        dev = torch.device("mps")
        msg = say(zh="使用 Apple GPU（mps）", en="using the Apple GPU (mps)")
    else:
        dev = torch.device("cpu")
        n = threads()
        msg = say(zh="使用 CPU（{t} 个线程）", en="using the CPU ({t} thread{s})", t=n, s="" if n == 1 else "s")
    if verbose:
        print(msg)
    return dev


device = best_device        # cnnlab.device()


def seed(n=0):
    """Seed Python, NumPy and PyTorch (CPU and GPU) so that a run can be repeated; return ``n``.

    On the CPU, the same seed gives the same initial weights, batch order and
    results; GPU kernels may still differ in the last bits.
    """
    random.seed(n)
    np.random.seed(n % 2**32)
    torch.manual_seed(n)           # also seeds every CUDA device
    return n


# ---------------------------------------------------------------------------- measuring

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


# ---------------------------------------------------------------------------- history

@dataclass
class History:
    """Per-epoch record of a training run; ``seconds`` is wall time since the start."""

    epoch: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    examples_per_s: list = field(default_factory=list)
    seconds: list = field(default_factory=list)
    device: str = "cpu"
    quick: bool = False

    def add(self, **row):
        for key, value in row.items():
            getattr(self, key).append(value)

    def table(self):
        """The history as a text table, one row per epoch."""
        head = say(zh="轮次    损失  训练准确率  测试准确率   样本/秒     秒",
                   en="epoch    loss  train acc   test acc   examples/s  seconds")
        rows = [head]
        for e, l, a, b, r, s in zip(self.epoch, self.loss, self.train_acc, self.test_acc,
                                    self.examples_per_s, self.seconds):
            b = "      -" if b is None else f"{b:7.4f}"
            rows.append(f"{e:5d}  {l:6.4f}    {a:7.4f}    {b}   {r:10,.0f}  {s:7.1f}")
        return "\n".join(rows)

    def __repr__(self):
        if not self.epoch:
            return say(zh="History（空）", en="History(empty)")
        test = "-" if self.test_acc[-1] is None else f"{self.test_acc[-1]:.3f}"
        return say(
            zh="History（{e} 轮，设备 {dev}{quick}：损失 {loss:.4f}，训练准确率 {tr:.3f}，测试准确率 {te}，"
               "每秒 {rate:,.0f} 个样本，用时 {sec:.1f} 秒）",
            en="History({e} epochs on {dev}{quick}: loss {loss:.4f}, train acc {tr:.3f}, test acc {te}, "
               "{rate:,.0f} examples/s, {sec:.1f} s)",
            e=len(self.epoch), dev=self.device,
            quick=(say(zh="，快速模式", en=", quick mode") if self.quick else ""),
            loss=self.loss[-1], tr=self.train_acc[-1], te=test, rate=self.examples_per_s[-1],
            sec=self.seconds[-1])


# ---------------------------------------------------------------------------- fit

def make_optimizer(name, params, lr, weight_decay=0.0):
    """'sgd' (w ← w − η∇), 'momentum' (SGD, momentum 0.9), 'adam' or 'adamw'."""
    makers = {
        "sgd": lambda: torch.optim.SGD(params, lr=lr, weight_decay=weight_decay),
        "momentum": lambda: torch.optim.SGD(params, lr=lr, momentum=0.9, nesterov=True,
                                            weight_decay=weight_decay),
        "adam": lambda: torch.optim.Adam(params, lr=lr, weight_decay=weight_decay),
        "adamw": lambda: torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay),
    }
    if name not in makers:
        raise ValueError(say(zh="未知优化器 {n!r}：可用 {k}", en="unknown optimizer {n!r}: use one of {k}",
                             n=name, k=", ".join(makers)))
    return makers[name]()


def _batches_per_epoch(train, max_examples):
    size = getattr(train, "batch_size", None)
    n = len(train)
    if max_examples is None or not size:
        return n
    return min(n, math.ceil(max_examples / size))


def fit(model, train, test=None, epochs=10, lr=0.1, optimizer="sgd", device=None, *,
        schedule=None, weight_decay=0.0, loss_fn=None, channels_last=False, quick=None, progress=True,
        plot=True, verbose=True):
    """Train ``model`` on the batches of ``train``, measure ``test`` after each epoch → History.

    ``device``: where to train (default: :func:`best_device`).
    ``optimizer``: a name for :func:`make_optimizer` or a ready ``torch.optim`` optimizer.
    ``schedule``: None (constant ``lr``) or 'onecycle' (warm up to ``lr`` then anneal,
    stepped every batch). Train accuracy is counted during the epoch, while the
    weights still change (as in d2l); test accuracy after it, in eval mode.
    ``channels_last=True`` stores the model's convolution weights and each
    training batch as (N, H, W, C) in memory — the same tensors and numbers,
    another order of the bytes, in which PyTorch's CPU max pooling runs
    several times faster (``benchmarks/bench_models.py`` trains this way).
    ``quick`` (default: ``CNNLAB_QUICK``): at most 2 epochs, 2,000 train and
    1,000 test images per epoch.
    """
    from tqdm.auto import tqdm

    quick = quick_mode() if quick is None else quick
    dev = torch.device(device) if device is not None else best_device(verbose)
    threads()
    say_line = (lambda text: tqdm.write(text)) if verbose else (lambda text: None)
    max_train = max_test = None
    if quick:
        max_train, max_test = QUICK_TRAIN, QUICK_TEST
        say_line(say(zh="快速模式：最多 {e} 轮（原定 {o} 轮），每轮最多 {n:,} 张训练图像",
                     en="quick mode: at most {e} epochs (asked for {o}), at most {n:,} training images each",
                     e=QUICK_EPOCHS, o=epochs, n=QUICK_TRAIN))
        epochs = min(epochs, QUICK_EPOCHS)
    steps = _batches_per_epoch(train, max_train)
    model.to(dev)
    if channels_last:
        model.to(memory_format=torch.channels_last)
    opt = optimizer if isinstance(optimizer, torch.optim.Optimizer) else \
        make_optimizer(optimizer, model.parameters(), lr, weight_decay)
    sched = None
    if schedule == "onecycle":
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, epochs=epochs, steps_per_epoch=steps)
    elif schedule is not None:
        raise ValueError(say(zh="schedule 只能是 None 或 'onecycle'", en="schedule must be None or 'onecycle'"))
    loss_fn = loss_fn or nn.CrossEntropyLoss()

    history = History(device=str(dev), quick=quick)
    live = LivePlot(epochs, write=say_line) if (plot and verbose) else None
    bar = tqdm(total=epochs * steps, unit="batch", disable=not (progress and verbose),
               dynamic_ncols=True, leave=False)
    start = time.perf_counter()
    try:
        for epoch in range(1, epochs + 1):
            bar.set_description(say(zh="第 {e}/{n} 轮", en="epoch {e}/{n}", e=epoch, n=epochs))
            model.train()
            loss_sum = torch.zeros((), device=dev)
            correct = torch.zeros((), device=dev, dtype=torch.long)
            n, t0 = 0, time.perf_counter()
            for i, (X, y) in enumerate(itertools.islice(train, steps)):
                X, y = X.to(dev, non_blocking=True), y.to(dev, non_blocking=True)
                if channels_last and X.dim() == 4:
                    X = X.contiguous(memory_format=torch.channels_last)
                logits = model(X)                                  # (B, classes)
                loss = loss_fn(logits, y)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
                if sched is not None:
                    sched.step()
                loss_sum += loss.detach() * len(y)
                correct += (logits.detach().argmax(1) == y).sum()
                n += len(y)
                bar.update(1)
                if i % 25 == 0:
                    bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
            train_seconds = time.perf_counter() - t0
            test_acc = evaluate(model, test, dev, max_examples=max_test).accuracy if test is not None else None
            history.add(epoch=epoch, loss=loss_sum.item() / n, train_acc=correct.item() / n,
                        test_acc=test_acc, examples_per_s=n / train_seconds,
                        seconds=time.perf_counter() - start)
            if live is not None:
                live.update(history)
    finally:
        bar.close()
        if live is not None:
            live.close()
    return history

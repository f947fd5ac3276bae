"""The training loop: ``fit`` trains a model epoch by epoch, measures it, and records a History."""

import itertools
import math
import time
from typing import NamedTuple

import torch
from torch import nn

from cnnlab.i18n import say
from cnnlab.liveplot import LivePlot
from cnnlab.settings import QUICK_EPOCHS, QUICK_TEST, QUICK_TRAIN, quick_mode
from cnnlab.train.history import History
from cnnlab.train.machine import best_device, threads
from cnnlab.train.metrics import evaluate


def make_optimizer(name, params, lr, weight_decay=0.0):
    """'sgd', 'momentum', 'adam' or 'adamw' (the last two: torch.optim's Adam and AdamW).

    'sgd':       w ← w − η·g
    'momentum':  SGD with Nesterov momentum μ = 0.9 (torch's ``nesterov=True``):
                 b ← μ·b + g,  w ← w − η·(g + μ·b)
    with g the gradient (plus ``weight_decay``·w) and η = ``lr``.
    """
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


def make_schedule(schedule, opt, lr, epochs, steps):
    """None (constant ``lr``) or 'onecycle': warm up to ``lr`` then anneal, stepped every batch."""
    if schedule == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, epochs=epochs, steps_per_epoch=steps)
    if schedule is not None:
        raise ValueError(say(zh="schedule 只能是 None 或 'onecycle'", en="schedule must be None or 'onecycle'"))
    return None


def quick_limits(epochs, say_line):
    """Quick mode's limits → (epochs, max train images, max test images), and say so."""
    say_line(say(zh="快速模式：最多 {e} 轮（原定 {o} 轮），每轮最多 {n:,} 张训练图像",
                 en="quick mode: at most {e} epochs (asked for {o}), at most {n:,} training images each",
                 e=QUICK_EPOCHS, o=epochs, n=QUICK_TRAIN))
    return min(epochs, QUICK_EPOCHS), QUICK_TRAIN, QUICK_TEST


def _batches_per_epoch(train, max_examples):
    size = getattr(train, "batch_size", None)
    n = len(train)
    if max_examples is None or not size:
        return n
    return min(n, math.ceil(max_examples / size))


class EpochResult(NamedTuple):
    loss: float        # mean training loss over the epoch
    accuracy: float    # fraction of training examples right, counted while the weights changed
    count: int         # training examples seen
    seconds: float     # time spent in the epoch's steps


def train_epoch(model, batches, opt, loss_fn, dev, sched=None, channels_last=False, bar=None):
    """One pass over ``batches``, one optimizer step per batch → EpochResult.

    For each batch: ŷ = model(X), ℓ = loss_fn(ŷ, y), then θ ← step(θ, ∇_θ ℓ)
    (and one step of the learning-rate schedule, if any).
    """
    model.train()
    loss_sum = torch.zeros((), device=dev)
    correct = torch.zeros((), device=dev, dtype=torch.long)
    n, t0 = 0, time.perf_counter()
    for i, (X, y) in enumerate(batches):
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
        if bar is not None:
            bar.update(1)
            if i % 25 == 0:
                bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
    seconds = time.perf_counter() - t0
    return EpochResult(loss_sum.item() / n, correct.item() / n, n, seconds)


def _test_accuracy(model, test, dev, max_examples=None):
    """Accuracy on ``test`` in eval mode (None without test data)."""
    return evaluate(model, test, dev, max_examples=max_examples).accuracy if test is not None else None


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
    if device is not None or dev.type != "cpu":
        threads()                         # best_device has already chosen the CPU threads (one 0.3 s sample)
    say_line = (lambda text: tqdm.write(text)) if verbose else (lambda text: None)
    max_train = max_test = None
    if quick:
        epochs, max_train, max_test = quick_limits(epochs, say_line)
    steps = _batches_per_epoch(train, max_train)
    model.to(dev)
    if channels_last:
        model.to(memory_format=torch.channels_last)
    opt = optimizer if isinstance(optimizer, torch.optim.Optimizer) else \
        make_optimizer(optimizer, model.parameters(), lr, weight_decay)
    sched = make_schedule(schedule, opt, lr, epochs, steps)
    loss_fn = loss_fn or nn.CrossEntropyLoss()

    history = History(device=str(dev), quick=quick)
    live = LivePlot(epochs, write=say_line) if (plot and verbose) else None
    bar = tqdm(total=epochs * steps, unit="batch", disable=not (progress and verbose),
               dynamic_ncols=True, leave=False)
    start = time.perf_counter()
    try:
        for epoch in range(1, epochs + 1):
            bar.set_description(say(zh="第 {e}/{n} 轮", en="epoch {e}/{n}", e=epoch, n=epochs))
            done = train_epoch(model, itertools.islice(train, steps), opt, loss_fn, dev,
                               sched, channels_last, bar)
            history.add(epoch=epoch, loss=done.loss, train_acc=done.accuracy,
                        test_acc=_test_accuracy(model, test, dev, max_test),
                        examples_per_s=done.count / done.seconds, seconds=time.perf_counter() - start)
            if live is not None:
                live.update(history)
    finally:
        bar.close()
        if live is not None:
            live.close()
    return history

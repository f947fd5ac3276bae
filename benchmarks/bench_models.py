"""Benchmark (issue 7): the course's seven CNNs trained in full mode on a 2-core CPU.

Each model is trained on the FULL Fashion-MNIST training set (60,000 images)
and tested on its 10,000 test images — except the faithful LeNet-5, which
trains on the 4,000 / 1,000 split of the MNIST sample shipped with cnnlab, padded
to 32×32 as in the paper. CNNLAB_QUICK is ignored. Goals on this machine:

    model            d2l (GPU, 10 epochs)   goal
    modern LeNet     0.779 (LeNet)          ≥ 0.90 in ≤ 90 s
    scaled AlexNet   0.883                  ≥ 0.90 in ≤ 180 s
    scaled VGG       0.920                  ≥ 0.92 in ≤ 180 s
    scaled NiN       0.790                  ≥ 0.88 in ≤ 180 s
    scaled GoogLeNet 0.886                  ≥ 0.90 in ≤ 180 s
    scaled ResNet    0.893                  ≥ 0.92 in ≤ 180 s
    LeNet-5 (1998)   0.95 % error, full MNIST   ≥ 0.97 on the held-out 1,000 in ≤ 60 s

    python benchmarks/bench_models.py [--only NAME ...] [--threads N] [--budget-scale X]
                                      [--epochs N] [--seed S]

NAME is one of: lenet, alexnet, vgg, nin, googlenet, resnet, lenet5.

How the wall-clock budget is kept: before training, a throw-away copy of the
model is timed on a few training and test batches; from that estimate of one
epoch (training + the test pass ``fit`` makes after it) the script picks the
largest number of epochs, at most the recipe's, that fits the budget, and
trains once with a OneCycle schedule over exactly those epochs (a schedule
cut short would end at a high learning rate). The seconds reported include
that calibration. ``--budget-scale 2`` doubles every budget (for a loaded
machine); ``--epochs N`` ignores the budget and trains N epochs.

The recipes themselves (model, optimizer, learning rate, epochs, loss) are
``cnnlab.recipes.RECIPES``, shared with the lessons (``print(cnnlab.recipe("nin"))``)
and with ``cnnlab.train_recipe``. Every recipe trains in the channels-last
memory layout (``fit(channels_last=True)``): PyTorch's CPU max pooling is 7-12×
faster on NHWC tensors (GoogLeNet's 3×3 stride-1 pools took 36 % of its time
in NCHW), convolutions are not slower.

The machine may be shared: the load average (before and after each model) and
the CPU seconds of this process (``time.process_time()``) are printed next to
the wall seconds. With one thread, CPU seconds ≈ the wall seconds the same run
would take on an idle core. On a loaded 2-core machine 2 threads collapse (OpenMP
threads wait for each other: AlexNet fell from 6,500 to 700 images/s when the load
average rose from 1.4 to 5.7), so unless ``--threads`` is given each model runs
with as many threads as there are usable cores left idle by *other* processes
(at least one). That is measured, just before each model, by sampling
``/proc/stat`` for one second while this process waits — not with the load
average, which still counts this script's own threads for a minute after a
model has finished (a first version of this script therefore trained NiN on one
thread on an otherwise idle machine).
"""

import argparse
import math
import os
import time

import torch
from torch import nn

import cnnlab
from cnnlab.data import loaders
from cnnlab.recipes import RECIPES as RECIPE_TABLE
from cnnlab.cpu import busy_cores, choose_threads, cpu_ticks, load_average, usable_cpus  # noqa: F401
from cnnlab.train import fit, threads

RECIPES = list(RECIPE_TABLE.values())   # the recipes live in the library: cnnlab/recipes.py


def calibrate(recipe, train, test, min_seconds=2.0, max_batches=40):
    """Estimated wall seconds of one ``fit`` epoch: time training steps and test batches
    of a throw-away model (its own optimizer, same layout) on this machine, now."""
    model = recipe.build().to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    timed, seconds = 0, 0.0
    for i, (X, y) in enumerate(train):
        if i >= max_batches + 2:
            break
        t = time.perf_counter()
        loss = loss_fn(model(X.contiguous(memory_format=torch.channels_last)), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if i >= 2:                                          # two warm-up steps
            seconds += time.perf_counter() - t
            timed += 1
            if seconds >= min_seconds:
                break
    train_batch = seconds / timed
    model.eval()
    timed, seconds = 0, 0.0
    with torch.inference_mode():
        for i, (X, _) in enumerate(test):
            t = time.perf_counter()
            model(X)
            if i >= 1:
                seconds += time.perf_counter() - t
                timed += 1
            if timed >= 5:
                break
    test_batch = seconds / max(timed, 1)
    return len(train) * train_batch + len(test) * test_batch


def run(recipe, args):
    """Train one recipe; return a dict for the summary."""
    print(f"\n=== {recipe.title_en} ({recipe.name}) — goal ≥ {recipe.goal_acc:.2f} in "
          f"≤ {recipe.budget_s * args.budget_scale:.0f} s ===")
    load_before = load_average()
    others = None if args.threads else busy_cores()
    n_threads = threads(choose_threads(args.threads, len(usable_cpus()), others, load_before))
    train, test = loaders(recipe.data, recipe.batch_size, quick=False)
    budget = recipe.budget_s * args.budget_scale
    start, cpu_start = time.perf_counter(), time.process_time()
    if args.epochs:
        epochs, estimate = args.epochs, None
    else:
        estimate = calibrate(recipe, train, test)
        left = budget - (time.perf_counter() - start)
        epochs = max(1, min(recipe.epochs, math.floor(0.97 * left / estimate)))
    cnnlab.seed(args.seed)
    model = recipe.build()
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    plan = f"estimated {estimate:.1f} s/epoch → " if estimate else ""
    print(f"{params:,} parameters; {plan}{epochs} epochs (recipe: at most {recipe.epochs}); "
          f"{recipe.optimizer} lr {recipe.lr} OneCycle, batch {recipe.batch_size}, "
          f"weight decay {recipe.weight_decay}, loss {recipe.loss}"
          + (f" (label smoothing {recipe.smoothing})" if recipe.smoothing else "")
          + f"; model {recipe.model_text}", flush=True)
    history = fit(model, train, test, epochs=epochs, device="cpu", quick=False, progress=False, plot=True,
                  **recipe.fit_options())
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(history.table())
    acc = history.test_acc[-1]
    met = acc >= recipe.goal_acc and wall <= recipe.budget_s
    busy = "" if others is None else f"other processes kept {others:.2f} cores busy before; "
    print(f"threads {n_threads}; {busy}load average before {load_before:.2f}, after {load_average():.2f}; "
          f"{wall:.1f} s wall, {cpu:.1f} CPU s; test accuracy {acc:.4f} → goal {'met' if met else 'NOT met'}",
          flush=True)
    return dict(model=recipe.title_en, params=params, epochs=len(history.epoch), seconds=wall, cpu=cpu,
                acc=acc, d2l=recipe.reference_en, goal=f"≥ {recipe.goal_acc:.2f}, ≤ {recipe.budget_s:.0f} s",
                met=met)


def summary(rows):
    head = ("model", "parameters", "epochs", "seconds", "CPU seconds", "test accuracy",
            "compare with", "goal", "met?")
    cells = [[r["model"], f"{r['params']:,}", str(r["epochs"]), f"{r['seconds']:.1f}", f"{r['cpu']:.1f}",
              f"{r['acc']:.4f}", r["d2l"], r["goal"], "yes" if r["met"] else "NO"] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(head)]
    line = lambda values: "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths)) + " |"
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
                     + [line(c) for c in cells])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    names = [r.name for r in RECIPES]
    parser.add_argument("--only", nargs="+", choices=names, metavar="NAME",
                        help=f"run only these models ({', '.join(names)})")
    parser.add_argument("--threads", type=int, default=None,
                        help="CPU threads (default, chosen per model: the usable cores that other "
                             "processes leave idle, at least 1)")
    parser.add_argument("--budget-scale", type=float, default=1.0,
                        help="multiply every training budget by X (the goals keep the issue's seconds)")
    parser.add_argument("--epochs", type=int, default=None, help="train N epochs, ignoring the budget")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    n_threads = threads(args.threads) if args.threads else "per model (the usable cores other processes leave idle)"
    print(f"load average before: {os.getloadavg()} on {os.cpu_count()} CPUs "
          f"(usable: {len(usable_cpus())}); threads: {n_threads}; torch {torch.__version__}; "
          f"budget scale {args.budget_scale}; seed {args.seed}")
    rows = []
    total, cpu_total = time.perf_counter(), time.process_time()
    for recipe in RECIPES:
        if args.only and recipe.name not in args.only:
            continue
        rows.append(run(recipe, args))
    print(f"\nload average after: {os.getloadavg()}; threads: {n_threads}; "
          f"total {time.perf_counter() - total:.0f} s wall, {time.process_time() - cpu_total:.0f} CPU s")
    print(summary(rows))
    return 0 if all(r["met"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())

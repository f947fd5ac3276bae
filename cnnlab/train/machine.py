"""Where to train: the fastest device, PyTorch's CPU threads, and the seed that makes a run repeatable."""

import os
import random

import numpy as np
import torch

from cnnlab.cpu import idle_threads
from cnnlab.i18n import say


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

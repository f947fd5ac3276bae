"""fit measures the idle cores once per run; make_optimizer's 'momentum' is the Nesterov SGD its docstring names."""

import torch
from torch import nn

import cnnlab
from cnnlab.train import loop, machine


def _tiny_batches():
    torch.manual_seed(0)
    return [(torch.randn(8, 4), torch.randint(0, 3, (8,))) for _ in range(2)]


def test_fit_samples_the_cpu_load_once_on_the_cpu(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)       # else the thread count is PyTorch's, unmeasured
    samples = []
    monkeypatch.setattr(machine, "idle_threads", lambda: samples.append(1) or 1)
    cnnlab.fit(nn.Linear(4, 3), _tiny_batches(), epochs=1, quick=False, progress=False, plot=False, verbose=False)
    assert len(samples) == 1
    cnnlab.fit(nn.Linear(4, 3), _tiny_batches(), epochs=1, device="cpu", quick=False, progress=False, plot=False,
               verbose=False)
    assert len(samples) == 2                                      # a device given: fit measures itself, once


def test_momentum_is_nesterov_sgd_as_the_docstring_says():
    opt = loop.make_optimizer("momentum", [nn.Parameter(torch.zeros(1))], lr=0.1)
    group = opt.param_groups[0]
    assert isinstance(opt, torch.optim.SGD) and group["nesterov"] and group["momentum"] == 0.9
    assert "Nesterov" in loop.make_optimizer.__doc__ and "μ = 0.9" in loop.make_optimizer.__doc__

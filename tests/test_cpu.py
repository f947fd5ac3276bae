"""cnnlab.cpu and train.threads(): PyTorch gets the cores other processes leave idle."""

import subprocess
import sys
import time

import pytest
import torch

from cnnlab import cpu, train


def test_threads_keeps_what_omp_num_threads_asks_for(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    monkeypatch.setattr(cpu, "busy_cores", lambda *a, **k: pytest.fail("must not measure"))
    before = torch.get_num_threads()
    try:
        assert train.threads() == torch.get_num_threads() == before
        assert train.threads(1) == 1
    finally:
        torch.set_num_threads(before)


@pytest.mark.parametrize("busy, expected", [(0.0, 2), (0.6, 1), (1.9, 1), (None, 2)])
def test_threads_leave_out_busy_cores(monkeypatch, busy, expected):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setattr(cpu, "usable_cpus", lambda: [0, 1])
    monkeypatch.setattr(cpu, "busy_cores", lambda seconds=0.3, stat="/proc/stat": busy)
    monkeypatch.setattr(cpu, "load_average", lambda: 0.0)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        assert train.threads() == expected == torch.get_num_threads()
    finally:
        torch.set_num_threads(before)


@pytest.mark.skipif(not __import__("os").path.exists("/proc/stat"), reason="needs Linux /proc/stat")
def test_idle_threads_sees_a_real_busy_process():
    if len(cpu.usable_cpus()) != 2:
        pytest.skip("the arithmetic below is for the course's 2-core machines")
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        time.sleep(0.5)
        assert cpu.idle_threads(1.0) == 1
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()

"""The benchmark scripts are not run in full here (they take minutes and depend on
the machine), but their parts are: that each script starts, that bench_models
knows the seven models of issue 7 with the right shapes and sizes, how it
measures other processes' CPU use, chooses threads, estimates an epoch and
prints its table."""

import importlib.util
import subprocess
import sys
import time

import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from tests.helpers import ROOT

BENCHMARKS = ROOT / "benchmarks"


def load(name):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return load("bench_models")


@pytest.mark.parametrize("script", ["bench_models", "bench_lenet", "bench_grading", "bench_lessons"])
def test_script_starts_and_explains_its_options(script, monkeypatch, capsys):
    """``SCRIPT --help``, in this process: it prints its usage and exits with 0."""
    module = load(script)
    monkeypatch.setattr(sys, "argv", [f"{script}.py", "--help"])
    with pytest.raises(SystemExit) as exit_:
        module.main()
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("usage:")


def test_the_seven_benchmarked_models_come_from_the_library(bench):
    from cnnlab.recipes import RECIPES

    assert bench.RECIPES == list(RECIPES.values())
    names = [r.name for r in bench.RECIPES]
    assert names == ["lenet", "alexnet", "vgg", "nin", "googlenet", "resnet", "lenet5"]
    goals = {r.name: (r.goal_acc, r.budget_s) for r in bench.RECIPES}
    assert goals == {"lenet": (0.90, 90), "alexnet": (0.90, 180), "vgg": (0.92, 180),
                     "nin": (0.88, 180), "googlenet": (0.90, 180), "resnet": (0.92, 180),
                     "lenet5": (0.97, 60)}


def write_stat(path, rows):
    """A /proc/stat with one ``cpuN`` line per (user, idle) pair; other fields 0."""
    total_user = sum(u for u, _ in rows)
    total_idle = sum(i for _, i in rows)
    lines = [f"cpu  {total_user} 0 0 {total_idle} 0 0 0 0 0 0"]
    lines += [f"cpu{n} {u} 0 0 {i} 0 0 0 0 0 0" for n, (u, i) in enumerate(rows)]
    path.write_text("\n".join(lines + ["intr 1 2 3", "ctxt 99"]) + "\n")


def test_cpu_ticks_counts_only_the_usable_cpus(bench, tmp_path):
    stat = tmp_path / "stat"
    write_stat(stat, [(30, 70), (5, 95), (100, 0)])
    assert bench.cpu_ticks([0, 1], stat) == (35, 200)
    assert bench.cpu_ticks([2], stat) == (100, 100)


def test_busy_cores_from_two_samples(bench, tmp_path, monkeypatch):
    stat = tmp_path / "stat"
    cpus = bench.usable_cpus()
    write_stat(stat, [(0, 0)] * (max(cpus) + 1))

    def one_second_later(seconds):                      # during the wait: one usable CPU at 75 %
        rows = [(0, 0)] * (max(cpus) + 1)
        for cpu in cpus:
            rows[cpu] = (75, 25) if cpu == cpus[0] else (0, 100)
        write_stat(stat, rows)

    monkeypatch.setattr(bench.time, "sleep", one_second_later)
    assert bench.busy_cores(1.0, stat) == pytest.approx(0.75, abs=0.05)


def test_busy_cores_without_proc_stat(bench, tmp_path):
    assert bench.busy_cores(0.01, tmp_path / "missing") is None


@pytest.mark.skipif(not __import__("os").path.exists("/proc/stat"), reason="needs Linux /proc/stat")
def test_busy_cores_sees_a_real_busy_process(bench):
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        assert bench.busy_cores(1.0) >= 0.5
    finally:
        spinner.kill()
        spinner.wait()


@pytest.mark.parametrize("requested, usable, busy, load, expected", [
    (3, 2, 1.9, 9.0, 3),        # asked for: kept
    (None, 2, 0.1, 2.0, 2),     # idle machine, however high the load average (our own threads)
    (None, 2, 0.6, 0.0, 1),     # another process takes more than half a core
    (None, 2, 5.0, 5.0, 1),     # at least one
    (None, 8, 2.2, 0.0, 6),
    (None, 2, None, 2.0, 1),    # no measurement: the load average decides
    (None, 2, None, 0.5, 2),
])
def test_choose_threads(bench, requested, usable, busy, load, expected):
    assert bench.choose_threads(requested, usable, busy, load) == expected


def test_calibrate_estimates_one_epoch(bench):
    recipe = next(r for r in bench.RECIPES if r.name == "lenet")
    data = TensorDataset(torch.rand(96, 1, 28, 28), torch.randint(0, 10, (96,)))
    train = DataLoader(data, batch_size=16)             # 6 batches, fewer than max_batches
    test = DataLoader(data, batch_size=32)              # 3 batches
    start = time.perf_counter()
    estimate = bench.calibrate(recipe, train, test, min_seconds=60)
    spent = time.perf_counter() - start
    assert 0 < estimate < 10 * spent


def test_summary_table(bench):
    rows = [dict(model="scaled NiN", params=112_646, epochs=10, seconds=150.04, cpu=290.0,
                 acc=0.90123, d2l="0.790", goal="≥ 0.88, ≤ 180 s", met=True),
            dict(model="LeNet-5", params=60_000, epochs=20, seconds=61.0, cpu=60.0,
                 acc=0.969, d2l="x", goal="≥ 0.97, ≤ 60 s", met=False)]
    lines = bench.summary(rows).splitlines()
    assert lines[0].split("|")[1].strip() == "model"
    assert len(lines) == 4 and len({len(line) for line in lines}) == 1
    cells = [c.strip() for c in lines[2].split("|")[1:-1]]
    assert cells == ["scaled NiN", "112,646", "10", "150.0", "290.0", "0.9012", "0.790",
                     "≥ 0.88, ≤ 180 s", "yes"]
    assert lines[3].rstrip("| ").endswith("NO")


@pytest.mark.slow  # trains LeNet-5
def test_bench_models_end_to_end_on_lenet5_for_two_epochs():
    # The whole script on the smallest model: data, recipe, fit, table, exit status.
    result = subprocess.run([sys.executable, str(BENCHMARKS / "bench_models.py"), "--only", "lenet5",
                             "--epochs", "2", "--threads", "1"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    out = result.stdout
    assert "60,000 parameters" in out and "2 epochs (recipe: at most 20)" in out, out + result.stderr
    row = next(line for line in out.splitlines() if line.startswith("| LeNet-5 (1998), MNIST sample"))
    cells = [c.strip() for c in row.split("|")[1:-1]]
    assert cells[1:3] == ["60,000", "2"]
    accuracy = float(cells[5])
    assert 0.1 < accuracy <= 1.0
    assert result.returncode == (0 if cells[-1] == "yes" else 1)
    assert cells[-1] == ("yes" if accuracy >= 0.97 and float(cells[3]) <= 60 else "NO")

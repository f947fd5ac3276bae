"""benchmarks/bench_lessons.py: its parts, and one real lesson run end to end (quick mode)."""

import importlib.util
import subprocess
import sys

import nbformat
import pytest

from tests.helpers import ROOT

SCRIPT = ROOT / "benchmarks" / "bench_lessons.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_lessons", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cell(text, start="2026-11-29T10:00:00.000000Z", end="2026-11-29T10:00:02.500000Z"):
    cell = nbformat.v4.new_code_cell("fit(model)\n")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    cell.metadata["execution"] = {"iopub.execute_input": start, "shell.execute_reply": end}
    return cell


def test_accuracies_are_read_from_lines_about_accuracy_only(bench):
    cells = [_cell("MLP test accuracy 0.881, CNN 0.904\nloss 0.35 after 5 epochs\n"),
             _cell("置换后 CNN 准确率：0.868\n"), _cell("lr 0.1, momentum 0.9\n")]
    assert bench.accuracies(cells) == [0.881, 0.904, 0.868]


def test_cell_seconds_and_table(bench):
    assert bench.cell_seconds(_cell("")) == pytest.approx(2.5)
    assert bench.cell_seconds(nbformat.v4.new_code_cell("x")) == 0.0
    row = bench.lesson_row("01_fc_baseline", [_cell("acc 0.9\n")], 12.0, 900.0, 2)
    text = bench.table([row])
    assert "| 01_fc_baseline | 12.0 | 2 | 2.5 s `fit(model)` | 0.900 | 900 |" in text
    assert "course: 12 s" in text and "goal ≤ 300 s" in text


def test_peak_memory_of_a_real_process(bench):
    import os
    assert bench.peak_mib(os.getpid()) > 10
    assert bench.peak_mib(2**30) is None


@pytest.mark.slow  # runs lesson 00 in a kernel
def test_one_lesson_end_to_end_in_quick_mode():
    result = subprocess.run([sys.executable, str(SCRIPT), "00", "--quick", "--threads", "1"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "quick mode" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 00_tour |"))
    seconds, peak = float(row.split("|")[2]), float(row.split("|")[-2])
    assert 0 < seconds < 200 and 50 < peak < 2048

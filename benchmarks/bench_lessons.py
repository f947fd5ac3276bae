"""Benchmark: every lesson run top to bottom as a student runs it, timed cell by cell.

Each solution notebook (``solutions/LANG/NN_slug``, the newer of the .py/.ipynb
pair) is executed by a real kernel with nbclient, in FULL mode (``CNNLAB_QUICK``
unset: full data, the epochs the lesson's code asks for) unless ``--quick`` is
given. Nothing is written back unless ``--store`` is given: then each executed
solution is written back as ``cnnlab execute --full`` writes it (the pair, with
``cnnlab.mode`` = full in its metadata), so that one full run both measures the
course and stores the outputs a reader sees. One table at the end::

    lesson | seconds | slowest cell (seconds, first line) | accuracies printed | peak MiB

* seconds: wall time from the first cell to the last, kernel start excluded;
* accuracies: the numbers between 0 and 1 printed on lines that mention
  accuracy (accuracy / acc / 准确率), in order, so the table shows what the
  lesson taught (e.g. lesson 01: MLP vs CNN, original vs permuted pixels);
* peak MiB: the kernel process's peak resident memory (VmHWM in
  /proc/PID/status, read just before the kernel shuts down; Linux only).
  Goal of issue 14: every lesson ≤ 300 s, the course ≤ 45 min, peak ≤ 2 GB.

Threads: as ``bench_models.py`` does (``cnnlab.cpu``), each kernel gets as many PyTorch threads
(``OMP_NUM_THREADS``) as there are usable cores that *other* processes leave
idle, measured from /proc/stat for one second before each lesson; ``--threads N``
fixes it.

    python benchmarks/bench_lessons.py [LESSON ...] [--lang en|zh|both] [--quick] [--threads N] [--store]
"""

import argparse
import re
import sys
import time
from datetime import datetime
from pathlib import Path

from cnnlab.manifest import load_manifest
from cnnlab.settings import QUICK_ENV
from cnnlab.cells import printed_text
from cnnlab.cpu import busy_cores, choose_threads, load_average, usable_cpus
from cnnlab.tools.kernelclient import SteadyNotebookClient
from cnnlab.tools.pipeline.execute import environment, mark_mode, newer_of_pair
from cnnlab.tools.pipeline.notebooks import normalize, read_notebook, write_pair

ACCURACY_LINE = re.compile(r"accura|\bacc\b|准确率", re.IGNORECASE)
FRACTION = re.compile(r"(?<![\d.])(0\.\d+|1\.0+)(?![\d.])")
GOAL_LESSON_SECONDS, GOAL_COURSE_SECONDS, GOAL_PEAK_MIB = 300, 45 * 60, 2048


def cell_seconds(cell):
    """Seconds a code cell ran, from the timestamps nbclient records in its metadata."""
    stamps = cell.get("metadata", {}).get("execution", {})
    start, end = stamps.get("iopub.execute_input"), stamps.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    parse = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00"))  # noqa: E731
    return max(0.0, (parse(end) - parse(start)).total_seconds())


def accuracies(cells):
    """Numbers in [0, 1] printed on lines about accuracy, in the order printed."""
    found = []
    for cell in cells:
        for line in printed_text(cell).splitlines():
            if ACCURACY_LINE.search(line):
                found += [float(x) for x in FRACTION.findall(line)]
    return found


def peak_mib(pid):
    """Peak resident memory (VmHWM) of process ``pid`` in MiB, or None off Linux."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def run_lesson(path, env, timeout=1800, store=False, full=True):
    """Execute one notebook cell by cell; returns (cells, seconds, peak MiB).
    ``store``: write the executed notebook back as its pair (mode recorded)."""
    nb = normalize(read_notebook(newer_of_pair(path)))
    client = SteadyNotebookClient(nb, timeout=timeout, kernel_name="python3", coalesce_streams=True,
                                  resources={"metadata": {"path": str(path.parent)}})
    with environment(env), client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - started
        peak = peak_mib(client.km.provisioner.pid)
    if store:
        write_pair(mark_mode(nb, full, seconds), path)
    return [c for c in nb.cells if c.cell_type == "code"], seconds, peak


def first_line(cell, limit=48):
    line = next((l for l in cell.source.splitlines() if l.strip() and not l.startswith("#")), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def lesson_row(stem, cells, seconds, peak, threads):
    slowest = max(cells, key=cell_seconds) if cells else None
    return {"lesson": stem, "seconds": seconds, "threads": threads, "peak": peak,
            "slowest": (cell_seconds(slowest), first_line(slowest)) if slowest else (0.0, ""),
            "accuracies": accuracies(cells)}


def table(rows):
    lines = ["| lesson | seconds | threads | slowest cell | accuracies printed | peak MiB |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        acc = ", ".join(f"{a:.3f}" for a in row["accuracies"][:8]) + (" …" if len(row["accuracies"]) > 8 else "")
        peak = "?" if row["peak"] is None else f"{row['peak']:.0f}"
        lines.append(f"| {row['lesson']} | {row['seconds']:.1f} | {row['threads']} | "
                     f"{row['slowest'][0]:.1f} s `{row['slowest'][1]}` | {acc or '–'} | {peak} |")
    total = sum(row["seconds"] for row in rows)
    worst = max((row["peak"] or 0 for row in rows), default=0)
    lines.append("")
    lines.append(f"course: {total:.0f} s ({total / 60:.1f} min); slowest lesson "
                 f"{max((r['seconds'] for r in rows), default=0):.0f} s (goal ≤ {GOAL_LESSON_SECONDS} s); "
                 f"course goal ≤ {GOAL_COURSE_SECONDS // 60} min; peak {worst:.0f} MiB (goal ≤ {GOAL_PEAK_MIB})")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lessons", nargs="*", help="lesson numbers or slugs (default: all)")
    parser.add_argument("--lang", choices=("en", "zh", "both"), default="en")
    parser.add_argument("--quick", action="store_true", help="quick mode (CNNLAB_QUICK=1), for a smoke test")
    parser.add_argument("--threads", type=int, default=0, help="PyTorch threads per kernel (default: idle cores)")
    parser.add_argument("--store", action="store_true",
                        help="write the outputs back into solutions/ (as `cnnlab execute --full` does)")
    args = parser.parse_args(argv)
    manifest = load_manifest()
    lessons = [manifest.lesson(key) for key in args.lessons] if args.lessons else list(manifest.lessons)
    print(f"{'quick' if args.quick else 'full'} mode, {args.lang}, load average {load_average():.2f}, "
          f"{len(usable_cpus())} usable cores", flush=True)
    rows = []
    langs = ("en", "zh") if args.lang == "both" else (args.lang,)
    for lesson in lessons:
        for lang in langs:
            n = choose_threads(args.threads, len(usable_cpus()), busy_cores(), load_average())
            env = {QUICK_ENV: "1" if args.quick else None, "OMP_NUM_THREADS": str(n)}
            cells, seconds, peak = run_lesson(lesson.path(manifest.root, "solutions", lang), env,
                                              store=args.store, full=not args.quick)
            stem = lesson.stem if len(langs) == 1 else f"{lesson.stem} ({lang})"
            rows.append(lesson_row(stem, cells, seconds, peak, n))
            print(f"{stem}: {seconds:.1f} s on {n} thread(s), load average {load_average():.2f}", flush=True)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

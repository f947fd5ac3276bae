"""Throughput of ``cnnlab grade``: N copies of a perfect lesson-02 submission, graded with --jobs J.

    python benchmarks/bench_grading.py [--copies 40] [--jobs 2]

Builds the submissions in a temporary folder from the real notebooks (as the
tests do), runs the real CLI once, prints its summary and the wall time, then
runs it again to time the skip path (every submission unchanged).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cnnlab.manifest import load_manifest  # noqa: E402
from tests import grading_cases as cases  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    manifest = load_manifest(ROOT)
    lesson = manifest.lesson("02")
    nb = cases.perfect_notebook(manifest, lesson)
    answers = cases.answers_file(lesson, cases.solution_answers(manifest, lesson))
    with tempfile.TemporaryDirectory() as tmp:
        subs, out = Path(tmp) / "submissions", Path(tmp) / "out"
        for number in range(args.copies):
            cases.write_submission(subs, f"student{number:03d}", lesson, nb, answers)
        command = [sys.executable, "-m", "cnnlab.tools.cli", "grade", "02", str(subs), "--out", str(out),
                   "--jobs", str(args.jobs)]
        print(f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f}; "
              f"$ cnnlab grade 02 <{args.copies} copies> --out <out> --jobs {args.jobs}")
        for label in ("first run", "re-run (unchanged)"):
            started = time.monotonic()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            seconds = time.monotonic() - started
            summary = done.stdout[done.stdout.find("cnnlab grade ·"):]
            print(f"--- {label}: exit {done.returncode}, {seconds:.1f} s wall "
                  f"({seconds / args.copies:.2f} s per submission)\n{summary}")
            if done.returncode:
                print(done.stderr[-2000:])
                return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The per-submission worker: ``python -m cnnlab.tools.grading.worker JOB RESULT`` runs one plan's cells.

The grader starts it with ``launch.execute_plan``. This worker is the **trusted reference
process** (``reference.py``): it runs the solution's setup cells in its own namespace (no
student code ever runs in it), and drives the **student's kernel** (``session.py``), where the
setup cells, the student's answer cells and the public part of each check cell run. Each
exercise's hidden tests then run here, with the exercise's functions bound to proxies that call
into the kernel and get back only data.

A kernel that times out or dies ends its exercise; a fresh kernel replays the setup
cells and grading goes on with the next exercise.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from cnnlab.files import write_atomically
from cnnlab.i18n import LANGUAGES, set_language
from cnnlab.tools import skip_optional_slow_imports
from cnnlab.tools.grading.limits import SETUP_TIMEOUT, Limits
from cnnlab.tools.grading.reference import Calls, Reference
from cnnlab.tools.grading.session import KernelSession, blank, install_kernelspec, worker_environment


def run_plan(plan, workdir, limits, comm, pid_file=None):
    """Outcomes of the plan's cells (dicts with role/exercise/source), one per cell, in order."""
    cells, calls = plan["cells"], plan.get("calls", {})
    deadline = time.monotonic() + limits.total_timeout
    reference = Reference(c.get("reference") or c["source"] for c in cells
                          if c["role"] == "setup" and c.get("trusted", True))
    session = KernelSession(workdir, comm, limits, pid_file)
    outcomes, lost = [None] * len(cells), set()
    try:
        for index, cell in enumerate(cells):
            remaining = deadline - time.monotonic()
            exercise, role = cell["exercise"], cell["role"]
            if remaining <= 0:
                outcomes[index] = blank("timeout", limit="total")
                continue
            if exercise in lost:
                outcomes[index] = blank("skipped")
                continue
            if role == "setup" and not cell.get("kernel", True):
                outcomes[index] = blank("skipped")   # no student cell needs it (harness.mark_kernel_setup)
                continue
            if role == "hidden":
                wanted = calls.get(exercise, {})
                budget = Calls(session, wanted.get("forbid", []), limits.cell_timeout, deadline)
                outcome = reference.run_hidden(cell["source"], wanted.get("names", []), budget,
                                               solution=cell.get("solution", ""))
            else:
                allowed = limits.cell_timeout if exercise else max(limits.cell_timeout, SETUP_TIMEOUT)
                outcome = session.run(cell["source"], min(allowed, remaining))
                if outcome["status"] == "timeout":
                    outcome["limit"] = "cell" if allowed <= remaining else "total"
                if role == "setup" and outcome["status"] == "ok":
                    session.replay.append(cell["source"])
            outcomes[index] = outcome
            if outcome["status"] in ("timeout", "dead") and exercise:
                lost.add(exercise)
    finally:
        session.stop()
    return outcomes


def cap_own_memory(mib):
    """The trusted worker's own address-space cap (soft: the kernel it starts sets its own)."""
    import resource
    if mib > 0:
        resource.setrlimit(resource.RLIMIT_AS, (mib * 2**20, resource.getrlimit(resource.RLIMIT_AS)[1]))


def main(argv=None):
    skip_optional_slow_imports()
    job_path, result_path = (argv or sys.argv[1:])[:2]
    job = json.loads(Path(job_path).read_text())
    limits = Limits(**job["limits"])
    base = Path(job_path).parent
    comm = Path(tempfile.mkdtemp(prefix="comm-", dir=base))
    reference_dir = Path(tempfile.mkdtemp(prefix="reference-", dir=base))
    folder = Path(tempfile.mkdtemp(prefix="kernelspec-", dir=base))
    cap_own_memory(limits.trusted_memory_mib)
    install_kernelspec(folder, limits, Path(job["workdir"]), comm, prefix=job.get("kernel_prefix", []))
    worker_environment(folder, comm)
    os.chdir(reference_dir)
    set_language(job["plan"].get("lang") if job["plan"].get("lang") in LANGUAGES else "en")   # the hidden tests' words
    outcomes = run_plan(job["plan"], Path(job["workdir"]), limits, comm, pid_file=base / "kernel.pid")
    write_atomically(result_path, json.dumps(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())

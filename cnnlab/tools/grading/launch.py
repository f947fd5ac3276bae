"""The grader's side of one submission: the worker process, in its own group, killed at the deadline.

``execute_plan(plan_json, workdir, limits)`` makes the kernel's cgroup (``cgroups.py``: memory,
tasks and CPU of the kernel and all it forks, where the machine offers one), starts ``python -m cnnlab.tools.grading.worker
JOB RESULT`` in a new session (its own process group), waits at most the total limit plus a
margin, then kills the group and the kernel, and removes the cgroup with whatever is left in it. Whatever the submission does (``os._exit``, an
endless loop, flooding stdout, eating memory), the grader gets a list of cell outcomes or a
one-line reason why there is none.
"""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from cnnlab.tools.grading import cgroups
from cnnlab.tools.grading.limits import START_MARGIN
from cnnlab.tools.grading.safetext import safe_data
from cnnlab.tools.grading.status import Status

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def execute_plan(plan_json, workdir, limits, env=None):
    """Run ``plan_json`` (Plan.to_json()) in a worker process; returns ``(outcomes, problem)``.

    ``outcomes`` is a list (one per cell) or None; ``problem`` (a ``Status``) says why it is None.
    """
    workdir = Path(workdir)
    job, result, log = workdir.parent / "job.json", workdir.parent / "result.json", workdir.parent / "worker.log"
    group = kernel_group(limits)
    try:
        job.write_text(json.dumps({"plan": plan_json, "workdir": str(workdir), "limits": vars(limits),
                                   "kernel_prefix": group.prefix() if group else []}))
        return _run_worker(job, result, log, workdir, limits, env)
    finally:
        if group:
            group.close()


def kernel_group(limits):
    """A cgroup for the submission's kernel (cgroups.py), or None where the machine offers none."""
    mechanism = cgroups.detect()
    if not mechanism.available:
        return None
    return cgroups.KernelGroup(mechanism, limits.memory_mib, limits.tasks, limits.cpus)


def _run_worker(job, result, log, workdir, limits, env):
    with open(log, "wb") as log_file:
        worker = subprocess.Popen([sys.executable, "-m", "cnnlab.tools.grading.worker", str(job), str(result)],
                                  stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
                                  env=env, cwd=str(workdir.parent))
        try:
            worker.wait(timeout=limits.total_timeout + START_MARGIN)
        except subprocess.TimeoutExpired:
            kill_group(worker.pid)
            worker.wait()
            return None, Status.of("timeout.total", seconds=limits.total_timeout)
        finally:
            kill_kernel(workdir.parent / "kernel.pid")
    if result.is_file():
        return safe_data(json.loads(result.read_text())), None
    tail = ANSI.sub("", log.read_bytes()[-2000:].decode("utf-8", "replace")).strip().splitlines()
    if tail:
        return None, Status.of("error.worker_exit", code=worker.returncode, last=tail[-1][:200])
    return None, Status.of("error.worker_exit_silent", code=worker.returncode)


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_kernel(pid_file):
    """The kernel runs in its own session (jupyter_client does that): end it by its pid."""
    try:
        kill_group(int(pid_file.read_text()))
    except (FileNotFoundError, ValueError):
        pass

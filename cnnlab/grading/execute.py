"""Run one graded notebook in its own process, under time, memory and output limits.

Two halves:

* ``execute_plan(plan_json, workdir, limits)`` — called by the grader: starts
  ``python -m cnnlab.grading.execute JOB RESULT`` in a new session (its own
  process group), waits at most the total limit plus a margin, then kills the
  group and the kernel. Whatever the submission does (``os._exit``, an endless
  loop, flooding stdout, eating memory), the grader gets a list of cell outcomes
  or a one-line reason why there is none.
* ``run_plan(...)`` — inside that process: nbclient runs the cells one by one in
  a kernel started by ``cnnlab.grading.kernel`` (memory cap). A cell that times
  out or kills the kernel ends its exercise; the kernel is restarted, the setup
  cells are replayed, and grading goes on with the next exercise.

A cell outcome is a dict: ``status`` (ok, error, timeout, dead, skipped),
``ename``/``evalue`` (from the kernel's execute reply), ``text`` (printed output,
capped), ``seconds``, ``limit`` (which time limit ended it).
"""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

KERNEL_NAME = "cnnlab-grader"
TEXT_KEPT = 20_000           # characters of printed output kept per cell for feedback
START_MARGIN = 90            # seconds the worker gets beyond the total limit (kernel starts)
SETUP_TIMEOUT = 120          # seconds for a solution setup cell (trusted code: imports, data)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30.0      # seconds per cell
    total_timeout: float = 300.0    # seconds per submission
    memory_mib: int = 3072          # address-space cap of the kernel
    output_bytes: int = 1_000_000   # output kept per cell while running


# --- the grader's side -------------------------------------------------------------------------

def execute_plan(plan_json, workdir, limits, env=None):
    """Run ``plan_json`` (Plan.to_json()) in a worker process; returns ``(outcomes, problem)``.

    ``outcomes`` is a list (one per cell) or None; ``problem`` names why it is None.
    """
    workdir = Path(workdir)
    job, result, log = workdir.parent / "job.json", workdir.parent / "result.json", workdir.parent / "worker.log"
    job.write_text(json.dumps({"plan": plan_json, "workdir": str(workdir), "limits": vars(limits)}))
    with open(log, "wb") as log_file:
        worker = subprocess.Popen([sys.executable, "-m", "cnnlab.grading.execute", str(job), str(result)],
                                  stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
                                  env=env)
        try:
            worker.wait(timeout=limits.total_timeout + START_MARGIN)
        except subprocess.TimeoutExpired:
            _kill_group(worker.pid)
            worker.wait()
            return None, f"timeout: the submission ran past {limits.total_timeout:g} s"
        finally:
            _kill_kernel(workdir.parent / "kernel.pid")
    if result.is_file():
        return json.loads(result.read_text()), None
    tail = _ANSI.sub("", log.read_bytes()[-2000:].decode("utf-8", "replace")).strip().splitlines()
    return None, f"error: grader worker exited with code {worker.returncode}" + (f" ({tail[-1][:200]})" if tail else "")


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_kernel(pid_file):
    """The kernel runs in its own session (jupyter_client does that): end it by its pid."""
    try:
        _kill_group(int(pid_file.read_text()))
    except (FileNotFoundError, ValueError):
        pass


# --- the worker's side --------------------------------------------------------------------------

def install_kernelspec(folder, memory_mib):
    """A kernelspec that starts ipykernel through cnnlab.grading.kernel (the memory cap)."""
    spec = Path(folder) / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "cnnlab.grading.kernel", str(memory_mib), "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "cnnlab grader",
                                                  "language": "python"}))
    return Path(folder)


def kernel_environment(folder):
    """Environment of the grading kernel: quick mode, no GUI, one thread, nothing from ~/.ipython."""
    package_root = str(Path(__file__).resolve().parents[2])
    os.environ.update({
        "JUPYTER_PATH": str(folder), "IPYTHONDIR": str(Path(folder) / "ipython"),
        "CNNLAB_QUICK": "1", "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p),
    })


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """nbclient, keeping at most ``output_bytes`` of each cell's output."""
        output_bytes = Limits.output_bytes

        def output(self, outs, msg, display_id, cell_index):
            kept = self._kept.get(cell_index, 0)
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
            if kept + size > self.output_bytes and msg["msg_type"] != "error":
                if kept <= self.output_bytes:
                    outs.append(_stream(f"\n[… output cut by the grader after {self.output_bytes:,} bytes]\n"))
                    self._kept[cell_index] = self.output_bytes + 1
                return None
            self._kept[cell_index] = kept + size
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _stream(text):
    from nbformat.v4 import new_output
    return new_output("stream", name="stdout", text=text)


def cell_text(cell):
    """Printed output and results of an executed cell, as plain text (capped)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(str(out.get("data", {}).get("text/plain", "")) + "\n")
    text = "".join(parts)
    return text if len(text) <= TEXT_KEPT else text[:TEXT_KEPT] + "\n[…]\n"


def _traceback(cell):
    for out in cell.get("outputs", []):
        if out.output_type == "error":
            return _ANSI.sub("", "\n".join(out.get("traceback", [])))[-4000:]
    return ""


def run_one(client, nb, index, replies):
    """Execute cell ``index``; its outcome dict."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    cell, started = nb.cells[index], time.monotonic()
    outcome = {"status": "ok", "ename": "", "evalue": ""}
    client._kept = {}
    try:
        client.execute_cell(cell, index)
        reply = replies.get(index, {}).get("content", {})
        if reply.get("status") != "ok":
            outcome.update(status="error", ename=reply.get("ename", "?"), evalue=str(reply.get("evalue", ""))[:500])
    except CellTimeoutError:
        outcome["status"] = "timeout"
    except DeadKernelError:
        outcome["status"] = "dead"
    except Exception as err:  # the kernel stopped answering in some other way
        outcome.update(status="dead", ename=type(err).__name__, evalue=str(err)[:300])
    outcome.update(text=cell_text(cell), traceback=_traceback(cell), seconds=round(time.monotonic() - started, 3))
    return outcome


def run_plan(cells, workdir, limits, pid_file=None):
    """Outcomes of ``cells`` (dicts with role/exercise/source), one per cell, in order."""
    import nbformat
    deadline = time.monotonic() + limits.total_timeout
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c["source"]) for c in cells])
    outcomes, replay, index = [None] * len(cells), [], 0
    Client = _client_class()
    while index < len(cells):
        replies = {}
        client = Client(nb, timeout=limits.cell_timeout, kernel_name=KERNEL_NAME, allow_errors=True,
                        shutdown_kernel="immediate", iopub_timeout=10, startup_timeout=120,
                        resources={"metadata": {"path": str(workdir)}},
                        on_cell_executed=lambda cell_index, execute_reply, **_: replies.__setitem__(
                            cell_index, execute_reply))
        client.output_bytes = limits.output_bytes
        try:
            with client.setup_kernel(cwd=str(workdir)):
                if pid_file:
                    pid_file.write_text(str(_kernel_pid(client)))
                for done in replay:  # a fresh kernel after a crash: setup cells again
                    run_one(client, nb, done, replies)
                index = _run_until_fatal(client, nb, cells, outcomes, replay, index, deadline, limits, replies)
        except Exception as err:  # the kernel did not start (e.g. a memory cap too small for torch)
            for rest in range(index, len(cells)):
                outcomes[rest] = outcomes[rest] or {"status": "dead", "ename": type(err).__name__,
                                                    "evalue": f"kernel failed: {err}"[:300], "text": "",
                                                    "traceback": "", "seconds": 0}
            break
    return outcomes


def _run_until_fatal(client, nb, cells, outcomes, replay, index, deadline, limits, replies):
    """Run cells from ``index`` until the end or a dead/timed-out kernel; the next index."""
    while index < len(cells):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            for rest in range(index, len(cells)):
                outcomes[rest] = {"status": "timeout", "limit": "total", "ename": "", "evalue": "",
                                  "text": "", "traceback": "", "seconds": 0}
            return len(cells)
        exercise = cells[index]["exercise"]
        allowed = limits.cell_timeout if exercise else max(limits.cell_timeout, SETUP_TIMEOUT)
        client.timeout = max(1, min(allowed, remaining))
        outcome = run_one(client, nb, index, replies)
        if outcome["status"] == "timeout":
            outcome["limit"] = "cell" if client.timeout == allowed else "total"
        outcomes[index] = outcome
        index += 1
        if outcome["status"] in ("timeout", "dead"):
            while exercise and index < len(cells) and cells[index]["exercise"] == exercise:
                outcomes[index] = {"status": "skipped", "ename": "", "evalue": "", "text": "",
                                   "traceback": "", "seconds": 0}
                index += 1
            return index
        if not exercise and outcome["status"] == "ok":
            replay.append(index - 1)
    return index


def _kernel_pid(client):
    provisioner = getattr(client.km, "provisioner", None)
    return getattr(getattr(provisioner, "process", None), "pid", "") or getattr(provisioner, "pid", "")


def main(argv=None):
    job_path, result_path = (argv or sys.argv[1:])[:2]
    job = json.loads(Path(job_path).read_text())
    limits = Limits(**job["limits"])
    folder = Path(tempfile.mkdtemp(prefix="kernelspec-", dir=Path(job_path).parent))
    install_kernelspec(folder, limits.memory_mib)
    kernel_environment(folder)
    outcomes = run_plan(job["plan"]["cells"], Path(job["workdir"]), limits,
                        pid_file=Path(job_path).parent / "kernel.pid")
    tmp = Path(result_path).with_suffix(".tmp")
    tmp.write_text(json.dumps(outcomes))
    os.replace(tmp, result_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

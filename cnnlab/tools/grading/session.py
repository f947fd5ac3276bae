"""The student's kernel as the worker drives it: sandboxed kernelspec, output-capped nbclient, cell outcomes.

``KernelSession`` starts the kernel (``cnnlab.tools.grading.kernel`` in the bubblewrap sandbox of
``sandbox.py``) on first use and, after a cell that times out or kills it, starts a fresh one that
replays the setup cells.

A cell outcome is a dict: ``status`` (ok, error, timeout, dead, forbidden, skipped),
``ename``/``evalue``, ``text`` (printed output, capped), ``seconds``, ``limit`` (which
time limit ended it), ``student`` (the error came from the student's function), ``start_failed``
(the kernel did not start: ``steps.py`` asks ``canary.py`` whose fault that is).
"""

import contextlib
import json
import os
import sys
import time
from pathlib import Path

from cnnlab.text import clip
from cnnlab.tools.grading import sandbox
from cnnlab.tools.grading.launch import ANSI, kill_kernel
from cnnlab.tools.grading.limits import SETUP_TIMEOUT, TEXT_KEPT, Limits

KERNEL_NAME = "cnnlab-grader"
PACKAGE_DIR = Path(__file__).resolve().parents[2]      # the cnnlab package: cnnlab/tools/grading/session.py


def install_kernelspec(folder, limits, workdir, comm, prefix=()):
    """A kernelspec that starts ipykernel through cnnlab.tools.grading.kernel (memory cap), in the sandbox,
    after ``prefix`` (the command that puts it in its cgroup: ``cgroups.KernelGroup.prefix``)."""
    spec = Path(folder) / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    home = ["--home-from", sandbox.SUBMISSION_MOUNT] if limits.sandbox else []
    argv = [sys.executable, "-m", "cnnlab.tools.grading.kernel", str(limits.memory_mib), *home,
            "-f", "{connection_file}"]
    if limits.sandbox:
        argv = sandbox.wrap(argv, workdir, comm, PACKAGE_DIR, tmp_mib=limits.tmp_mib, home_mib=limits.home_mib)
    argv = list(prefix) + argv
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "cnnlab grader",
                                                  "language": "python"}))
    return Path(folder)


def worker_environment(folder, comm):
    """Environment of this worker (and of an unsandboxed kernel): quick mode, no GUI, one thread."""
    os.environ.update({
        "JUPYTER_PATH": str(folder), "JUPYTER_RUNTIME_DIR": str(comm),
        "IPYTHONDIR": str(Path(folder) / "ipython"),
        "CNNLAB_QUICK": "1", "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "PYTHONPATH": os.pathsep.join(p for p in (str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH")) if p),
    })


# nbclient has no public hook that sees a cell's output while the cell runs (on_cell_* run
# before or after it), so the cap overrides ``NotebookClient.output`` — the one method every
# output message goes through. pyproject.toml pins nbclient to the releases whose ``output``
# has this signature, and tests/test_grading_internals.py fails loudly if it changes.
OUTPUT_SIGNATURE = ("self", "outs", "msg", "display_id", "cell_index")
COMM_SIGNATURE = ("self", "outs", "msg", "cell_index")   # ``NotebookClient.handle_comm_msg``, dropped


def _client_class():
    from traitlets import Dict, Integer

    from cnnlab.tools.kernelclient import SteadyNotebookClient

    class CappedClient(SteadyNotebookClient):
        """nbclient, keeping at most ``output_bytes`` of each cell's output."""
        output_bytes = Integer(Limits.output_bytes, help="output kept per cell while it runs").tag(config=True)
        kept_bytes = Dict(help="bytes of output kept so far, by cell index")

        def output(self, outs, msg, display_id, cell_index):
            kept = self.kept_bytes.get(cell_index, 0)
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
            if kept + size > self.output_bytes and msg["msg_type"] != "error":
                if kept <= self.output_bytes:
                    outs.append(_stream(f"\n[… 评分程序在 {self.output_bytes:,} 字节后截断了输出 / "
                                        f"output cut by the grader after {self.output_bytes:,} bytes]\n"))
                    self.kept_bytes[cell_index] = self.output_bytes + 1
                return None
            self.kept_bytes[cell_index] = kept + size
            return super().output(outs, msg, display_id, cell_index)

        def handle_comm_msg(self, outs, msg, cell_index):
            """Widget messages are dropped: nbclient would keep every widget's state (and buffers) for
            the client's life, so a kernel sending comm_open with large state could fill the worker."""
            return None

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
    return clip(text, TEXT_KEPT, mark="\n[…]\n")


def _traceback(cell):
    for out in cell.get("outputs", []):
        if out.output_type == "error":
            return ANSI.sub("", "\n".join(out.get("traceback", [])))[-4000:]
    return ""


def blank(status, **extra):
    """An outcome with nothing in it but ``status`` (and ``extra``)."""
    return {"status": status, "ename": "", "evalue": "", "text": "", "traceback": "", "seconds": 0, **extra}


def run_one(client, nb, index, replies):
    """Execute cell ``index``; its outcome dict."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    cell, started = nb.cells[index], time.monotonic()
    outcome = {"status": "ok", "ename": "", "evalue": ""}
    client.kept_bytes = {}
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


class KernelSession:
    """The student's kernel: started on first use, restarted (setup replayed) after a fatal cell."""

    def __init__(self, workdir, comm, limits, pid_file=None):
        import nbformat
        self.workdir, self.comm, self.limits, self.pid_file = Path(workdir), Path(comm), limits, pid_file
        self.nb = nbformat.v4.new_notebook()
        self.client, self.stack, self.replay, self.replies = None, None, [], {}

    def _config(self):
        from traitlets.config import Config
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(self.comm / "kernel")
        config.KernelManager.connection_file = str(self.comm / "connection.json")
        return config

    def _start(self):
        self.replies = {}
        client = _client_class()(self.nb, timeout=self.limits.cell_timeout, kernel_name=KERNEL_NAME,
                                 allow_errors=True, shutdown_kernel="immediate", iopub_timeout=10, store_widget_state=False,
                                 startup_timeout=120, resources={"metadata": {"path": str(self.workdir)}},
                                 on_cell_executed=lambda cell_index, execute_reply, **_: self.replies.__setitem__(
                                     cell_index, execute_reply), output_bytes=self.limits.output_bytes,
                                 config=self._config())
        self.stack = contextlib.ExitStack()
        self.stack.enter_context(client.setup_kernel(cwd=str(self.workdir)))
        self.client = client
        if self.pid_file:
            self.pid_file.write_text(str(_kernel_pid(client)))
        for source in self.replay:  # a fresh kernel after a crash: the setup cells again
            self._run(source, SETUP_TIMEOUT)

    def run(self, source, timeout, output_bytes=None):
        """The outcome of running ``source`` in the kernel (started if needed)."""
        if self.client is None:
            try:
                self._start()
            except Exception as err:  # the kernel did not start (a memory cap too small for torch, no bwrap…)
                self.stop()
                return blank("dead", ename=type(err).__name__, evalue=f"kernel failed: {err}"[:300],
                             start_failed=True)
        outcome = self._run(source, timeout, output_bytes)
        if outcome["status"] in ("timeout", "dead"):
            self.stop()
        return outcome

    def _run(self, source, timeout, output_bytes=None):
        from nbformat.v4 import new_code_cell
        self.nb.cells.append(new_code_cell(source))
        index = len(self.nb.cells) - 1
        self.client.timeout = max(1, int(timeout + 0.999))
        self.client.output_bytes = output_bytes or self.limits.output_bytes
        outcome = run_one(self.client, self.nb, index, self.replies)
        outcome["result"] = next((str(out.get("data", {}).get("text/plain", "")) for out in self.nb.cells[index].outputs
                                  if out.output_type == "execute_result"), None)
        self.nb.cells[index].outputs = []   # what the grader needed is in the outcome
        return outcome

    def stop(self):
        if self.stack is not None:
            try:
                self.stack.close()
            except Exception:  # a kernel that is already gone
                pass
        if self.pid_file:
            kill_kernel(self.pid_file)
        self.client, self.stack = None, None


def _kernel_pid(client):
    provisioner = getattr(client.km, "provisioner", None)
    return getattr(getattr(provisioner, "process", None), "pid", "") or getattr(provisioner, "pid", "")

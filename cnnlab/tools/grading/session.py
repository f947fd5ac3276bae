"""Run one submission's plan: the student's kernel (sandboxed) and the trusted reference process.

Two halves:

* ``execute_plan(plan_json, workdir, limits)`` — called by the grader: starts
  ``python -m cnnlab.tools.grading.execute JOB RESULT`` in a new session (its own
  process group), waits at most the total limit plus a margin, then kills the
  group and the kernel. Whatever the submission does (``os._exit``, an endless
  loop, flooding stdout, eating memory), the grader gets a list of cell outcomes
  or a one-line reason why there is none.
* ``main`` — that worker process, which is the **trusted reference process**: it runs
  the solution's setup cells in its own namespace (no student code ever runs in it),
  and drives the **student's kernel** (``cnnlab.tools.grading.kernel`` in the bubblewrap
  sandbox of ``sandbox.py``), where the setup cells, the student's answer cells and
  the public part of each check cell run. Each exercise's hidden tests then run here,
  with the exercise's functions bound to ``Proxy`` objects: a call sends its arguments
  to the kernel as data (``wire``), the kernel runs the student's function under the
  time limit and the call monitor (``serve``), and only data comes back.

A kernel that times out or dies ends its exercise; a fresh kernel replays the setup
cells and grading goes on with the next exercise.

A cell outcome is a dict: ``status`` (ok, error, timeout, dead, forbidden, skipped),
``ename``/``evalue``, ``text`` (printed output, capped), ``seconds``, ``limit`` (which
time limit ended it), ``student`` (the error came from the student's function).
"""

import ast
import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cnnlab.files import write_atomically
from cnnlab.tools.grading import sandbox, wire
from cnnlab.text import clip

KERNEL_NAME = "cnnlab-grader"
TEXT_KEPT = 20_000           # characters of printed output kept per cell for feedback
START_MARGIN = 90            # seconds the worker gets beyond the total limit (kernel starts)
SETUP_TIMEOUT = 120          # seconds for a solution setup cell (trusted code: imports, data)
CALL_MARGIN = 5              # seconds the kernel gets beyond a call's own time limit
ANSWER_BYTES = 64 * 2**20    # the largest answer of one call read back
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
PACKAGE_DIR = Path(__file__).resolve().parents[2]      # the cnnlab package: cnnlab/tools/grading/execute.py


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30.0      # seconds per cell (and for an exercise's calls together)
    total_timeout: float = 300.0    # seconds per submission
    memory_mib: int = 3072          # address-space cap of the kernel
    output_bytes: int = 1_000_000   # output kept per cell while running
    sandbox: bool = True            # run the kernel under bwrap (False: --no-sandbox)


# --- the grader's side -------------------------------------------------------------------------

def execute_plan(plan_json, workdir, limits, env=None):
    """Run ``plan_json`` (Plan.to_json()) in a worker process; returns ``(outcomes, problem)``.

    ``outcomes`` is a list (one per cell) or None; ``problem`` names why it is None.
    """
    workdir = Path(workdir)
    job, result, log = workdir.parent / "job.json", workdir.parent / "result.json", workdir.parent / "worker.log"
    job.write_text(json.dumps({"plan": plan_json, "workdir": str(workdir), "limits": vars(limits)}))
    with open(log, "wb") as log_file:
        worker = subprocess.Popen([sys.executable, "-m", "cnnlab.tools.grading.execute", str(job), str(result)],
                                  stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
                                  env=env, cwd=str(workdir.parent))
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


# --- the worker's side: the student's kernel ------------------------------------------------------

def install_kernelspec(folder, limits, workdir, comm):
    """A kernelspec that starts ipykernel through cnnlab.tools.grading.kernel (memory cap), in the sandbox."""
    spec = Path(folder) / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "cnnlab.tools.grading.kernel", str(limits.memory_mib), "-f", "{connection_file}"]
    if limits.sandbox:
        argv = sandbox.wrap(argv, workdir, comm, PACKAGE_DIR)
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


def _client_class():
    from nbclient import NotebookClient
    from traitlets import Dict, Integer

    class CappedClient(NotebookClient):
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
            return _ANSI.sub("", "\n".join(out.get("traceback", [])))[-4000:]
    return ""


def _blank(status, **extra):
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
                                 allow_errors=True, shutdown_kernel="immediate", iopub_timeout=10,
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
                return _blank("dead", ename=type(err).__name__, evalue=f"kernel failed: {err}"[:300])
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
            _kill_kernel(self.pid_file)
        self.client, self.stack = None, None


def _kernel_pid(client):
    provisioner = getattr(client.km, "provisioner", None)
    return getattr(getattr(provisioner, "process", None), "pid", "") or getattr(provisioner, "pid", "")


# --- the worker's side: the trusted reference process --------------------------------------------

class StudentError(Exception):
    """The student's function raised (in the kernel); its type name and message, as data."""

    def __init__(self, ename, message):
        super().__init__(f"{ename}: {message}" if message else ename)
        self.ename, self.message = ename, message


class Stop(BaseException):
    """Ends the hidden tests of an exercise at once: ``status`` and ``evalue`` say why."""

    def __init__(self, status, evalue="", ename=""):
        super().__init__(evalue)
        self.status, self.evalue, self.ename = status, evalue, ename


class Calls:
    """What the proxies of one exercise share: the kernel, the time budget, what was printed."""

    def __init__(self, session, forbid, budget, deadline):
        self.session, self.forbid, self.budget, self.deadline = session, list(forbid), budget, deadline
        self.printed = []


class Proxy:
    """Stands for the student's function ``name`` in the hidden tests: calls it in the kernel."""

    def __init__(self, name, calls):
        self.__name__, self._calls = name, calls

    def __repr__(self):
        return f"<the student's {self.__name__}>"

    def __call__(self, *args, **kwargs):
        calls = self._calls
        seconds = min(calls.budget, calls.deadline - time.monotonic())
        if seconds <= 0:
            raise Stop("timeout", ename="total" if calls.deadline - time.monotonic() <= 0 else "cell")
        request = {"name": self.__name__, "args": wire.to_data(list(args)), "kwargs": wire.to_data(dict(kwargs)),
                   "forbid": calls.forbid, "seconds": seconds}
        code = f"__import__('cnnlab.tools.grading.serve', fromlist=['call']).call({json.dumps(request)!r})"
        started = time.monotonic()
        outcome = calls.session.run(code, seconds + CALL_MARGIN, output_bytes=ANSWER_BYTES)
        calls.budget -= time.monotonic() - started
        if outcome["status"] == "timeout":
            raise Stop("timeout", ename="cell")
        if outcome["status"] == "dead":
            raise Stop("dead", ename=outcome.get("ename", ""), evalue=outcome.get("evalue", ""))
        answer = _read_answer(outcome)
        calls.printed.append(str(answer.get("stdout", ""))[:TEXT_KEPT])
        if answer.get("forbidden"):
            raise Stop("forbidden", evalue=str(answer["forbidden"])[:200])
        if answer.get("timeout"):
            raise Stop("timeout", ename="cell")
        if answer.get("error"):
            ename, message = (list(answer["error"]) + ["", ""])[:2]
            if ename == "NotImplementedError":
                raise NotImplementedError(str(message))
            raise StudentError(str(ename)[:80], str(message)[:500])
        if answer.get("not_data"):
            raise Stop("error", ename="NotData", evalue=f"{self.__name__} returned {str(answer['not_data'])[:80]}, "
                                                        "which cannot be graded")
        try:
            return wire.from_data(answer.get("value"))
        except (ValueError, TypeError, KeyError) as err:
            raise Stop("error", ename="NotData", evalue=f"{self.__name__}'s answer could not be read ({err})")


def _read_answer(outcome):
    """The JSON answer ``serve.call`` returned as the cell's result (untrusted: parsed as data only)."""
    text = outcome.get("result")
    if outcome["status"] != "ok" or not text:
        raise Stop("error", ename="NoAnswer",
                   evalue=f"the call did not answer ({outcome.get('ename') or 'no result'}: "
                          f"{outcome.get('evalue', '')[:120]}); was the grader's module in the kernel changed?")
    try:
        answer = json.loads(ast.literal_eval(text))
        if not isinstance(answer, dict):
            raise ValueError("not an object")
        return answer
    except (ValueError, SyntaxError, MemoryError, RecursionError) as err:
        raise Stop("error", ename="NoAnswer", evalue=f"the call's answer could not be read ({type(err).__name__})")


def _no_check(*args, **kwargs):
    """``check_function`` in the trusted process: the public cases already ran in the kernel."""
    return None


class Reference:
    """The trusted namespace: the solution's setup cells, run in a thread while the kernel starts."""

    def __init__(self, sources):
        self.namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        self.problems = []
        self.thread = threading.Thread(target=self._setup, args=(list(sources),), daemon=True)
        self.thread.start()

    def _setup(self, sources):
        for source in sources:
            try:   # (what it prints goes to the worker's log: redirecting would affect every thread)
                exec(compile(source, "<solution setup>", "exec"), self.namespace)
            except BaseException as err:  # a setup cell that fails here fails the tests that need it
                self.problems.append(f"{type(err).__name__}: {err}"[:300])

    def run_hidden(self, source, names, calls):
        """The outcome of the check cell ``source`` with ``names`` bound to proxies."""
        self.thread.join()
        namespace = dict(self.namespace)
        namespace["check_function"] = _no_check
        namespace.update({name: Proxy(name, calls) for name in names})
        started = time.monotonic()
        outcome = _blank("ok")
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(source, "<hidden tests>", "exec"), namespace)
        except Stop as stop:
            outcome.update(status=stop.status, ename=stop.ename, evalue=stop.evalue)
        except StudentError as err:
            outcome.update(status="error", ename=err.ename, evalue=err.message, student=True)
        except AssertionError as err:   # or NamedMistake, a hidden test naming what the answer got wrong
            outcome.update(status="error", ename=type(err).__name__, evalue=str(err)[:500])
        except Exception as err:  # a test that cannot use what came back (a list without .shape, …)
            outcome.update(status="error", ename=type(err).__name__, evalue=str(err)[:500])
        outcome["text"] = "".join(calls.printed)[:TEXT_KEPT]
        outcome["seconds"] = round(time.monotonic() - started, 3)
        if outcome["status"] == "timeout" and outcome["ename"] in ("cell", "total"):
            outcome["limit"], outcome["ename"] = outcome["ename"], ""
        return outcome


# --- the worker's side: the plan ---------------------------------------------------------------

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
                outcomes[index] = _blank("timeout", limit="total")
                continue
            if exercise in lost:
                outcomes[index] = _blank("skipped")
                continue
            if role == "hidden":
                wanted = calls.get(exercise, {})
                budget = Calls(session, wanted.get("forbid", []), limits.cell_timeout, deadline)
                outcome = reference.run_hidden(cell["source"], wanted.get("names", []), budget)
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


# jsonschema (imported by nbformat) imports the optional rfc3987_syntax when it is installed, and
# that builds a URI grammar at import time (about 1 s per process here, 3-4 s on slow machines)
# for an "iri" format check nbformat never uses. The worker is one process per submission, so it
# marks that module as absent (Python's import system: a None in sys.modules makes the import raise
# ImportError), which jsonschema treats as "not installed". Only this process, never on import.
OPTIONAL_SLOW_IMPORTS = ("rfc3987_syntax",)


def skip_optional_slow_imports():
    """Make the optional modules of OPTIONAL_SLOW_IMPORTS absent, unless jsonschema is loaded already."""
    if "jsonschema" not in sys.modules:
        for name in OPTIONAL_SLOW_IMPORTS:
            sys.modules.setdefault(name, None)


def main(argv=None):
    skip_optional_slow_imports()
    job_path, result_path = (argv or sys.argv[1:])[:2]
    job = json.loads(Path(job_path).read_text())
    limits = Limits(**job["limits"])
    base = Path(job_path).parent
    comm = Path(tempfile.mkdtemp(prefix="comm-", dir=base))
    reference_dir = Path(tempfile.mkdtemp(prefix="reference-", dir=base))
    folder = Path(tempfile.mkdtemp(prefix="kernelspec-", dir=base))
    install_kernelspec(folder, limits, Path(job["workdir"]), comm)
    worker_environment(folder, comm)
    os.chdir(reference_dir)
    outcomes = run_plan(job["plan"], Path(job["workdir"]), limits, comm, pid_file=base / "kernel.pid")
    write_atomically(result_path, json.dumps(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Watch what a student's function calls: forbidden helpers and attempts to stop the watching.

An exercise can declare in ``course/manifest.toml`` what its answer may not call
(``forbid = ["cnnlab.ops", "torch.nn.functional.conv2d"]``: modules, functions, classes;
``cnnlab.exercises.forbid`` resolves the list into ``Rules``).
``watch(func, args, forbid)`` runs ``func(*args)`` under ``sys.setprofile`` (and
``threading.setprofile`` for threads it starts), which sees a ``call`` event for every
Python function and a ``c_call`` event for every built-in called from Python code.

Around the same call, ``cnnlab.exercises.operators`` enters two torch modes that torch asks
about every torch function and every ATen operator however it was reached (``map``,
``functools.partial``, ``torch.convolution``); a forbid entry ``"aten.convolution"`` names the
operation below all its spellings.

Some calls are never allowed inside an answer, whatever the exercise: switching the
monitor off or reading it (``sys.setprofile``, ``sys.settrace``, ``threading.setprofile``,
``sys.getprofile`` …, popping the torch modes), starting processes (``os.fork``, ``os.system``,
``subprocess``) and starting threads (torch keeps its modes per thread); a profile function or
a torch mode that is no longer installed when the call returns counts as switching it off.
A thread alive beside the call that is not the kernel's own (``helper_thread``) voids the result.

Limits (said plainly, in the instructor README too): this runs in the student's own
process. A NumPy/SciPy built-in called *by C code* (``map(f, …)``, ``functools.partial``)
produces no event; the kernel's own threads are trusted by where their code lives; and a
determined student can rewrite this module from their cell. The grader adds a text check of
the answer for the monitor's names; what the monitor can never do is reveal expected
values, which do not exist in the student's process.
"""

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from cnnlab.cells import parse_python
from cnnlab.exercises.forbid import Rules, builtins_by_name, forbidden_for  # noqa: F401  (importable here too)

# Calls an answer may never make (built-ins matched by identity, resolved at import time).
_TAMPER_NAMES = ["sys.setprofile", "sys.settrace", "sys.getprofile", "sys.gettrace", "threading.setprofile",
                 "threading.settrace", "sys._setprofileallthreads", "sys._settraceallthreads"]
_THREAD_NAMES = ["_thread.start_new_thread", "_thread.start_new"]   # a helper thread is out of the modes' sight
_PROCESS_NAMES = _THREAD_NAMES + ["os.fork", "os.forkpty", "os.system", "os.popen", "os.posix_spawn", "os.posix_spawnp",
                  "os.execv", "os.execve", "os.spawnv", "_posixsubprocess.fork_exec", "os.kill", "os.killpg"]
# words that, in an answer's source, mean it reaches for the monitor itself
TAMPER_WORDS = ("setprofile", "settrace", "getprofile", "gettrace", "monitoring", "_setprofileallthreads",
                "DisableTorchDispatch", "torch_dispatch_stack", "_python_dispatch", "_pop_mode", "torch_function_mode",
                "DisableTorchFunction", "_disable_current_modes")
# packages whose own threads run beside every answer in a kernel (the kernel's I/O, heartbeat, history)
KERNEL_PACKAGES = ("ipykernel", "IPython", "jupyter_client", "zmq", "tornado", "anyio", "comm", "ipywidgets", "debugpy",
                   "tqdm", "execnet", "jupyter_core")


@dataclass
class Watched:
    """What ``watch`` saw: the value or the exception, and the first forbidden call."""
    value: object = None
    error: BaseException = None
    forbidden: str = ""        # "cnnlab.ops.corr2d"
    tampered: str = ""         # "sys.setprofile"

    @property
    def verdict(self):
        """``forbidden: called …`` (or the tampering), or '' when every call was allowed."""
        if self.tampered:
            return f"forbidden: tampered with the call monitor ({self.tampered})"
        if self.forbidden:
            return f"forbidden: called {self.forbidden}"
        return ""


_ALWAYS = {}


def _always():
    if not _ALWAYS:
        for key, names in (("tamper", _TAMPER_NAMES), ("process", _PROCESS_NAMES)):
            _ALWAYS[key] = builtins_by_name(names)
    return _ALWAYS


def watch(func, args=(), kwargs=None, forbid=(), rules=None):
    """Call ``func(*args, **kwargs)`` under the monitor; a ``Watched`` (exceptions are caught
    and kept, BaseExceptions such as a time limit too)."""
    rules = rules or Rules.from_names(forbid)
    always = _always()
    seen = Watched()
    outermost, active = [None], [True]

    def profile(frame, event, arg):
        if not active[0]:
            return
        if event == "call":
            for (_, codes), slot in ((always["tamper"], "tampered"), (always["process"], "forbidden")):
                name = codes.get(id(frame.f_code))
                if name and not getattr(seen, slot):
                    setattr(seen, slot, name)
            if not seen.forbidden:
                hit = rules.python_call(frame.f_code, frame.f_globals.get("__name__"))
                if hit:
                    seen.forbidden = hit
        elif event == "c_call":
            key = id(arg)
            for (table, _), slot in ((always["tamper"], "tampered"), (always["process"], "forbidden")):
                known = table.get(key)
                if known is not None and known[0] is arg and not getattr(seen, slot):
                    setattr(seen, slot, known[1])
            if not seen.forbidden:
                hit = rules.c_call(arg)
                if hit:
                    seen.forbidden = hit

    def operator(name):   # a forbidden torch operation, seen by the torch modes
        if active[0] and not seen.forbidden:
            seen.forbidden = name

    from cnnlab.exercises.operators import TorchWatch
    outermost[0] = profile
    helper = helper_thread()
    previous, previous_threads = sys.getprofile(), threading.getprofile()
    threading.setprofile(profile)
    sys.setprofile(profile)
    torch_watch, intact = TorchWatch(rules, operator), [True]
    try:
        with torch_watch:
            try:
                seen.value = func(*args, **(kwargs or {}))
            finally:
                intact[0] = torch_watch.intact()
    except BaseException as err:  # kept for the caller, who decides (time limits are BaseExceptions)
        seen.error = err
    finally:
        active[0] = False
        still = sys.getprofile()
        sys.setprofile(previous)
        threading.setprofile(previous_threads)
    if still is not outermost[0] and not seen.tampered:
        seen.tampered = "the profile function was replaced"
    if not intact[0] and not seen.tampered:
        seen.tampered = "the torch mode stack was changed"
    helper = helper or helper_thread()
    if helper and not seen.forbidden:
        seen.forbidden = f"threading.Thread (a helper thread, {helper!r}, ran beside the answer)"
    return seen


def _kernel_folders():
    folders = []
    for name in KERNEL_PACKAGES:
        module = sys.modules.get(name)
        origin = getattr(module, "__file__", None)
        if origin:
            folders.append(str(Path(origin).parent) + os.sep)
    return tuple(folders) + (str(Path(__file__).parent / "limits.py"),)


def _thread_code(thread):
    """The code object a ``threading.Thread`` runs: its target's, or its class's ``run``."""
    target = getattr(thread, "_target", None)
    if target is None:
        return getattr(getattr(type(thread), "run", None), "__code__", None)
    return getattr(target, "__code__", None) or getattr(getattr(target, "__func__", None), "__code__", None)


def helper_thread():
    """The name of a thread other than this one and the kernel's own that is alive now, or ''.

    A thread is the kernel's when the code it runs lives in one of ``KERNEL_PACKAGES``; any other
    thread (started by the student's cells, a thread pool, a raw ``_thread``) could run a
    forbidden operation where neither the monitor nor the torch modes look.
    """
    folders, current = _kernel_folders(), threading.get_ident()
    known = {thread.ident: thread for thread in threading.enumerate()}
    for ident, frame in sys._current_frames().items():
        if ident == current or ident == threading.main_thread().ident:
            continue
        thread = known.get(ident)
        if thread is not None:
            code = _thread_code(thread)
            name = thread.name
        else:   # a raw _thread: the code at the bottom of its stack
            while frame.f_back is not None:
                frame = frame.f_back
            code, name = frame.f_code, f"thread {ident}"
        if code is None or not code.co_filename.startswith(folders):
            return name
    return ""


def source_tampers(source):
    """The first monitor-related name an answer's source mentions (``setprofile``…), ``cnnlab.tools``
    when it imports or names the course tools (the grader among them), or ''."""
    import ast
    try:
        tree = parse_python(source)
    except SyntaxError:
        return ""
    for node in ast.walk(tree):
        modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else (
            [f"{node.module}.{alias.name}" for alias in node.names] if isinstance(node, ast.ImportFrom) else [])
        if any(module and (module + ".").startswith("cnnlab.tools.") for module in modules):
            return "cnnlab.tools"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "cnnlab.tools" in node.value:
            return "cnnlab.tools"
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else "")
        for word in TAMPER_WORDS:
            if any(word in text for text in [name] + modules):
                return word
    return ""

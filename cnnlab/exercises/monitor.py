"""Watch what a student's function calls: forbidden helpers and attempts to stop the watching.

An exercise can declare in ``course/manifest.toml`` what its answer may not call::

    forbid = ["cnnlab.ops", "torch.nn.functional.conv2d", "scipy.signal"]

Each entry names a module (everything defined in it, by module name or source file), a
function (Python: its code object; built-in, as torch operations are: the object itself
or its ``module.name``) or a class (its methods, ``forward`` included).
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

import importlib
import importlib.util
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cnnlab.cells import parse_python

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


def _resolve(name):
    """The object a dotted name leads to (importing only modules already loaded), or None;
    ``aten.<op>`` leads to torch's ATen operator ``torch.ops.aten.<op>``."""
    if name.startswith("aten.") and "torch" in sys.modules:
        return getattr(sys.modules["torch"].ops.aten, name[len("aten."):], None)
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        obj = module
        for part in parts[cut:]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj
    return None


def _builtins_by_name(names):
    """``{id: (object, name)}`` of built-ins and ``{id(code): name}`` of Python functions."""
    found, codes = {}, {}
    for name in names:
        obj = _resolve(name)
        if obj is None:
            continue
        code = getattr(obj, "__code__", None)
        if code is not None:
            codes[id(code)] = name
        else:
            found[id(obj)] = (obj, name)
    return found, codes


def _c_name(func):
    """``module.name`` of a built-in function (``torch.conv2d``, ``torch._C._nn.avg_pool2d``)."""
    module = getattr(func, "__module__", None)
    if module is None:
        owner = getattr(func, "__self__", None)
        module = getattr(owner, "__name__", None) if isinstance(owner, type(sys)) else None
    return f"{module}.{getattr(func, '__name__', '?')}" if module else getattr(func, "__qualname__", "?")


def _module_files(name):
    """Source file or package folder of a module (found without importing it), or ''."""
    module = sys.modules.get(name)
    origin = getattr(module, "__file__", None)
    if origin is None:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError, AttributeError):
            spec = None
        origin = getattr(spec, "origin", None)
    if not origin or not origin.endswith(".py"):
        return ""
    path = Path(origin)
    return str(path.parent) + os.sep if path.name == "__init__.py" else str(path)


@dataclass
class Rules:
    """The forbid list, resolved into what the profile function compares against."""
    modules: list = field(default_factory=list)      # (name prefix, file or folder prefix)
    codes: dict = field(default_factory=dict)        # id(code object) -> reported name
    builtins: dict = field(default_factory=dict)     # id(builtin) -> (object, reported name)
    c_names: dict = field(default_factory=dict)      # "torch.conv2d" -> reported name
    aten: frozenset = frozenset()                     # ATen operators ("aten.convolution"), seen by torch modes

    @classmethod
    def from_names(cls, forbid):
        from cnnlab.exercises.operators import aten_names, warm_up
        rules = cls(aten=aten_names(forbid))
        warm_up(cls())   # the torch modes' first use costs time: spent here, before any time limit starts
        for entry in forbid or ():
            if entry.startswith("aten."):
                continue
            obj = _resolve(entry)
            if obj is None or isinstance(obj, type(sys)):
                rules.modules.append((entry, _module_files(entry)))
                if obj is not None:
                    rules._add_module_builtins(entry, obj)
            elif isinstance(obj, type):
                for attr in list(vars(obj).values()) + [getattr(obj, "forward", None)]:
                    attr = getattr(attr, "__func__", attr)
                    code = getattr(attr, "__code__", None)
                    if code is not None:
                        rules.codes.setdefault(id(code), entry)
            else:
                rules._add_function(entry, obj)
        return rules

    def _add_function(self, entry, obj):
        code = getattr(obj, "__code__", None) or getattr(getattr(obj, "_implementation", None), "__code__", None)
        if code is not None:   # the first name declared for an object is the one reported
            self.codes.setdefault(id(code), entry)
        else:
            self.builtins.setdefault(id(obj), (obj, entry))
            self.c_names.setdefault(_c_name(obj), entry)

    def _add_module_builtins(self, entry, module):
        for attr, value in list(vars(module).items()):
            if type(value).__name__ == "builtin_function_or_method":
                self.builtins.setdefault(id(value), (value, f"{entry}.{attr}"))

    def python_call(self, code, module_name):
        """The reported name if a Python function with ``code`` (in ``module_name``) is forbidden."""
        hit = self.codes.get(id(code))
        if hit:
            return hit
        if code.co_name == "<module>":   # importing a module runs its body: not a call of its helpers
            return None
        for prefix, files in self.modules:
            if (module_name == prefix or (module_name or "").startswith(prefix + ".")
                    or (files and code.co_filename.startswith(files))):
                return f"{module_name}.{code.co_qualname}"
        return None

    def c_call(self, func):
        known = self.builtins.get(id(func))
        if known is not None and known[0] is func:
            return known[1]
        name = _c_name(func)
        if name in self.c_names:
            return self.c_names[name]
        for prefix, _ in self.modules:
            if name.startswith(prefix + "."):
                return name
        return None


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
            _ALWAYS[key] = _builtins_by_name(names)
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


def forbidden_for(exercise, lesson=None):
    """The forbid list the course manifest declares for ``exercise`` ([] when there is none or no manifest)."""
    try:
        from cnnlab.manifest import load_manifest
        manifest = load_manifest()
    except Exception:  # a notebook outside the course folder: no rules to show
        return []
    for item in manifest.lessons:
        if lesson not in (None, item.stem, item.number):
            continue
        for candidate in item.exercises:
            if candidate.id == exercise:
                return list(getattr(candidate, "forbid", ()) or ())
    return []

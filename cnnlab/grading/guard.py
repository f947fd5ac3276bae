"""Runs inside the grading kernel: keep the hidden tests' tools pristine.

A submission's code runs in the same process as the hidden tests that judge it,
so it could replace ``numpy.allclose``, ``torch.allclose``, ``check_function`` or
rebind ``np`` in the notebook to make every check pass. The harness therefore

1. ``Guard(user_ns)`` — after the solution's setup cells and *before* any student
   code: records the attributes of the modules and classes the tests use
   (``PROTECTED``, every loaded ``cnnlab`` module, the public classes they export)
   and the names the setup cells bound in the notebook namespace;
2. ``restore()`` — before each hidden-test cell: puts every recorded object back
   and returns the names it had to restore (the student tampered with them);
3. ``verify()`` — after each hidden-test cell: the names replaced *while the tests
   ran* (the student's function patched something when called); the grader
   then refuses to trust that verdict.

Identity (``is``) is compared, never equality, so a replaced object cannot pretend
to be the original. This protects against monkeypatching, not against a student
who rewrites the kernel itself; see course/instructor/README.md.
"""

import sys
import types

PROTECTED = ("builtins", "math", "numpy", "numpy.testing", "numpy.linalg", "torch", "torch.nn",
             "torch.nn.functional", "torch.testing", "scipy.signal")
# Entries that change on their own while code runs (warnings, IPython's display hook).
NOT_RECORDED = ("In", "Out", "exit", "quit", "get_ipython")
IGNORED = {"__warningregistry__", "input", "getpass", "_", "__", "___", "_dh", "_oh", "_ih", "_i", "_ii", "_iii"}


def _owners():
    """The modules and classes whose attributes the hidden tests may rely on."""
    owners = {name: sys.modules[name] for name in PROTECTED if name in sys.modules}
    owners.update({name: module for name, module in list(sys.modules.items())
                   if name == "cnnlab" or name.startswith("cnnlab.")})
    for name, module in list(owners.items()):
        for attr, value in list(vars(module).items()):
            if isinstance(value, type) and not attr.startswith("_") and value.__module__.split(".")[0] in (
                    "torch", "cnnlab", "numpy") and not value.__module__.startswith("numpy"):
                owners.setdefault(f"{value.__module__}.{value.__qualname__}", value)
    return owners


def _copy(value):
    """Arrays and tensors are copied (a student could change them in place)."""
    torch, numpy = sys.modules.get("torch"), sys.modules.get("numpy")
    if torch is not None and isinstance(value, torch.Tensor):
        return value.detach().clone()
    if numpy is not None and isinstance(value, numpy.ndarray):
        return value.copy()
    return value


class Guard:
    def __init__(self, user_ns):
        self.user_ns = user_ns
        self.owners, self.saved, self.bindings = {}, {}, {}
        self.record()

    def record(self):
        """Remember modules loaded and names bound since (after a solution setup cell)."""
        for name, owner in _owners().items():
            if name not in self.owners:
                self.owners[name] = owner
                self.saved[name] = dict(vars(owner))
        self.bindings.update({name: _copy(value) for name, value in self.user_ns.items()
                              if not name.startswith("_") and name not in NOT_RECORDED})

    def _changed(self):
        changed = []
        for name, owner in self.owners.items():
            current = vars(owner)
            for attr, value in self.saved[name].items():
                if attr not in IGNORED and current.get(attr, _MISSING) is not value:
                    changed.append((name, owner, attr, value))
        return changed

    def restore(self, keep=()):
        """Put every recorded object back (except the exercise's own names in ``keep``)."""
        replaced = []
        for name, owner, attr, value in self._changed():
            setattr(owner, attr, value)
            replaced.append(f"{name}.{attr}")
        for name, value in self.bindings.items():
            if name in keep:
                continue
            current = self.user_ns.get(name, _MISSING)
            if current is not value and (callable(value) or isinstance(value, types.ModuleType)) and not _same_array(current, value):
                replaced.append(name)  # rebinding np, F or check_function; a changed X is restored quietly
            self.user_ns[name] = _copy(value)
            self.bindings[name] = value
        return replaced

    def verify(self):
        """Names replaced since the last ``restore()`` (they are put back too)."""
        replaced = [f"{name}.{attr}" for name, _, attr, _ in self._changed()]
        self.restore()
        return replaced


def _same_array(a, b):
    torch, numpy = sys.modules.get("torch"), sys.modules.get("numpy")
    try:
        if torch is not None and isinstance(b, torch.Tensor):
            return type(a) is type(b) and a.shape == b.shape and bool(torch.equal(a, b))
        if numpy is not None and isinstance(b, numpy.ndarray):
            return type(a) is type(b) and a.shape == b.shape and bool(numpy.array_equal(a, b))
    except Exception:
        return False
    return False


class _Missing:
    def __repr__(self):
        return "<missing>"


_MISSING = _Missing()

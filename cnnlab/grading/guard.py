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

4. ``restore(keep=…)`` after the answer cell also wraps the exercise's functions,
   so that what they return is inspected: an object whose class comes from the
   submission and redefines how it compares or converts (``__eq__``, ``__bool__``,
   ``__float__``, ``__array__`` … — a value "equal" to every expected answer)
   is reported by ``verify()`` like a patched module.

Identity (``is``) is compared, never equality, so a replaced object cannot pretend
to be the original. This protects against monkeypatching, not against a student
who rewrites the kernel itself; see course/instructor/README.md.
"""

import functools
import sys
import types

PROTECTED = ("builtins", "math", "numpy", "numpy.testing", "numpy.linalg", "torch", "torch.nn",
             "torch.nn.functional", "torch.testing", "scipy.signal")
# Entries that change on their own while code runs (warnings, IPython's display hook).
NOT_RECORDED = ("In", "Out", "exit", "quit", "get_ipython")
IGNORED = {"__warningregistry__", "input", "getpass", "_", "__", "___", "_dh", "_oh", "_ih", "_i", "_ii", "_iii"}


# Methods through which an answer object could make a wrong result pass a check.
COMPARING = frozenset({
    "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__bool__", "__len__", "__hash__",
    "__float__", "__int__", "__index__", "__complex__", "__abs__", "__sub__", "__rsub__", "__round__",
    "__array__", "__array_ufunc__", "__array_function__", "__torch_function__", "__getattr__",
    "__getattribute__", "__iter__", "__getitem__", "__contains__", "__instancecheck__",
})
_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class created at run time, not one written in C


def _library_class(cls):
    """True for a class written in C, or the very class its module and name lead to."""
    if not cls.__flags__ & _HEAP_TYPE:
        return True
    module = sys.modules.get(cls.__module__)
    if module is None or cls.__module__ == "__main__":
        return False
    found = module
    for part in cls.__qualname__.split("."):
        found = getattr(found, part, None)
    return found is cls


def lying_class(value, depth=0):
    """The name of a class of ``value`` (or of an item in it) that the notebook defined and
    that redefines a method of ``COMPARING``; None when there is none."""
    for cls in type(value).__mro__:
        if not _library_class(cls) and COMPARING & set(vars(cls)):
            return type(value).__name__
    if depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        items = list(value)[:1000]
    elif depth < 3 and isinstance(value, dict):
        items = [*list(value.keys())[:1000], *list(value.values())[:1000]]
    else:
        return None
    for item in items:
        name = lying_class(item, depth + 1)
        if name:
            return name
    return None


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
        self.lies = []
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

    def _inspect_results(self, name, func):
        """``func`` that reports, through ``verify()``, a returned object of a lying class."""
        @functools.wraps(func)
        def inspected(*args, **kwargs):
            result = func(*args, **kwargs)
            liar = lying_class(result)
            if liar:
                note = (f"{name} returned an object of class {liar}, which the submission defined "
                        "and which redefines comparisons")
                if note not in self.lies:
                    self.lies.append(note)
            return result
        inspected._cnnlab_inspected = True
        return inspected

    def restore(self, keep=()):
        """Put every recorded object back (except the exercise's own names in ``keep``);
        wrap the functions among ``keep`` so that their results are inspected."""
        for name in keep:
            func = self.user_ns.get(name)
            if isinstance(func, types.FunctionType) and not getattr(func, "_cnnlab_inspected", False):
                self.user_ns[name] = self._inspect_results(name, func)
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
        replaced = [f"{name}.{attr}" for name, _, attr, _ in self._changed()] + self.lies
        self.lies = []
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

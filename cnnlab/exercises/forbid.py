"""What an exercise forbids its answer to call, resolved into what the call monitor compares against.

``course/manifest.toml`` declares the list (``forbidden_for`` reads it)::

    forbid = ["cnnlab.ops", "torch.nn.functional.conv2d", "scipy.signal"]

Each entry names a module (everything defined in it, by module name or source file), a
function (Python: its code object; built-in, as torch operations are: the object itself
or its ``module.name``), a class (its methods, ``forward`` included) or an ATen operator
(``aten.<name>``, watched by ``operators``). ``Rules.from_names`` resolves the list once, before
any call is watched; ``Rules.python_call`` and ``Rules.c_call`` then say, for one call the monitor
sees, whether it is forbidden and under which name.
"""

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path


def resolve(name):
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


def builtins_by_name(names):
    """``{id: (object, name)}`` of built-ins and ``{id(code): name}`` of Python functions."""
    found, codes = {}, {}
    for name in names:
        obj = resolve(name)
        if obj is None:
            continue
        code = getattr(obj, "__code__", None)
        if code is not None:
            codes[id(code)] = name
        else:
            found[id(obj)] = (obj, name)
    return found, codes


def c_name(func):
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
            obj = resolve(entry)
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
            self.c_names.setdefault(c_name(obj), entry)

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
        name = c_name(func)
        if name in self.c_names:
            return self.c_names[name]
        for prefix, _ in self.modules:
            if name.startswith(prefix + "."):
                return name
        return None


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

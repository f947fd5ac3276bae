"""Forbidden torch operations caught where they run: two torch modes beside the call monitor.

The call monitor (``monitor``) sees calls made *from Python code*. A call made by C code —
``next(map(torch.conv2d, …))``, a ``functools.partial`` — or one spelled another way
(``torch.convolution``, ``torch.ops.aten.convolution``) escapes it. Torch itself sees every one:

* a ``TorchFunctionMode`` is asked about every call of a torch function with tensor
  arguments, however it was reached (``torch.conv2d``, ``F.adaptive_avg_pool2d``,
  ``Tensor.unfold``): it is matched against the forbid list like the monitor's calls;
* a ``TorchDispatchMode`` is asked about every ATen operator that runs, below every Python
  spelling: ``F.conv1d``, ``F.conv2d``, ``nn.Conv2d``, ``torch.convolution`` all run
  ``aten.convolution``. A forbid entry ``"aten.convolution"`` names the operation itself.

Both modes are entered around the call in the thread that calls the answer (torch keeps
modes per thread). Threads are handled by the monitor: an answer may not start one, and a
helper thread started *before* the call (other than the kernel's own) voids the result.
"""

import sys

# The forbid-list spellings whose operation is one ATen operator (what torch runs below them).
ATEN_OF = {
    "torch.nn.functional.conv2d": "aten.convolution", "torch.conv2d": "aten.convolution",
    "torch.nn.Conv2d": "aten.convolution",
    "torch.nn.functional.max_pool2d": "aten.max_pool2d_with_indices", "torch.max_pool2d": "aten.max_pool2d",
    "torch.nn.MaxPool2d": "aten.max_pool2d_with_indices",
    "torch.nn.functional.avg_pool2d": "aten.avg_pool2d", "torch.nn.AvgPool2d": "aten.avg_pool2d",
    "torch.nn.functional.batch_norm": "aten.native_batch_norm", "torch.nn.BatchNorm2d": "aten.native_batch_norm",
    "torch.nn.functional.pad": "aten.constant_pad_nd", "torch.nn.ZeroPad2d": "aten.constant_pad_nd",
}


def _torch():
    return sys.modules.get("torch")


def aten_names(forbid):
    """The ATen operator names (``"aten.convolution"``) a forbid list names or implies."""
    names = {entry for entry in forbid or () if entry.startswith("aten.")}
    names |= {ATEN_OF[entry] for entry in forbid or () if entry in ATEN_OF}
    return frozenset(names)


def _modes():
    """The two mode classes (made on first use: torch is imported only by lessons that use it)."""
    if "classes" in _MODES:
        return _MODES["classes"]
    from torch.overrides import TorchFunctionMode
    from torch.utils._python_dispatch import TorchDispatchMode

    class OperatorWatch(TorchDispatchMode):
        """Records the first forbidden ATen operator that runs."""

        def __init__(self, report, aten):
            super().__init__()
            self.report, self.aten = report, aten

        @classmethod
        def _should_skip_dynamo(cls):   # no torch._dynamo import (seconds) for a mode that compiles nothing
            return False

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            name = f"aten.{getattr(getattr(func, 'overloadpacket', func), '__name__', func)}"
            if name in self.aten:
                self.report(name)
            return func(*args, **(kwargs or {}))

    class FunctionWatch(TorchFunctionMode):
        """Records the first torch function the forbid list names, however it was called."""

        def __init__(self, report, match):
            super().__init__()
            self.report, self.match = report, match

        def __torch_function__(self, func, types, args=(), kwargs=None):
            name = self.match(func)
            if name:
                self.report(name)
            return func(*args, **(kwargs or {}))

    _MODES["classes"] = (OperatorWatch, FunctionWatch)
    return _MODES["classes"]


_MODES = {}


class TorchWatch:
    """A context manager: both modes around a call when torch is loaded (nothing otherwise).

    ``report(name)`` is called for each forbidden operation seen; ``intact()`` says whether the
    dispatch mode stack still holds this watch's modes at the end (an answer that popped them
    tampered with the monitor).
    """

    def __init__(self, rules, report):
        self.rules, self.report, self.entered = rules, report, []

    def _match(self, func):
        code = getattr(func, "__code__", None)
        if code is not None:
            return self.rules.python_call(code, getattr(func, "__module__", None))
        return self.rules.c_call(func)

    def __enter__(self):
        torch = _torch()
        if torch is None:
            return self
        operator_watch, function_watch = _modes()
        self.depth = torch._C._len_torch_dispatch_stack()
        for mode in (function_watch(self.report, self._match), operator_watch(self.report, self.rules.aten)):
            mode.__enter__()
            self.entered.append(mode)
        return self

    def intact(self):
        torch = _torch()
        return not self.entered or torch._C._len_torch_dispatch_stack() == self.depth + 1

    def __exit__(self, *exc):
        for mode in reversed(self.entered):
            try:
                mode.__exit__(None, None, None)
            except Exception:  # a stack the answer emptied: nothing left to pop
                pass
        return False


def warm_up(rules):
    """Make the mode classes and run one tiny operation under them (watching ``rules``, an empty
    ``forbid.Rules``), outside any time limit."""
    torch = _torch()
    if torch is None or "warm" in _MODES:
        return
    with TorchWatch(rules, lambda name: None):
        torch.zeros(1) + 1
    _MODES["warm"] = True

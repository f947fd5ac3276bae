"""Forbidden operations caught where they run (issue 20 §4), in-process: the call monitor with its
torch modes, on every spelling of a convolution that used to slip past it, and on helper threads."""

import functools
import queue
import threading

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from cnnlab.exercises.forbid import resolve
from cnnlab.exercises.monitor import Rules, helper_thread, source_tampers, watch
from cnnlab.exercises.operators import aten_names
from tests.helpers import course_manifest

FORBID = ["cnnlab.ops", "torch.nn.functional.conv2d", "torch.conv2d", "torch.nn.modules.conv", "aten.convolution",
          "torch.Tensor.unfold", "aten.unfold", "numpy.lib.stride_tricks.sliding_window_view"]
X, K = np.arange(25.0).reshape(5, 5), np.ones((3, 3))
WANT = np.array([[54.0, 63, 72], [99, 108, 117], [144, 153, 162]])


def t(array):
    return torch.tensor(array)[None, None]


def honest(X, K):
    h, w = K.shape
    return np.array([[(X[i:i + h, j:j + w] * K).sum() for j in range(X.shape[1] - w + 1)]
                     for i in range(X.shape[0] - h + 1)])


CHEATS = {
    "torch.convolution": lambda X, K: torch.convolution(t(X), t(K), None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1),
    "map": lambda X, K: next(map(torch.conv2d, [t(X)], [t(K)])),
    "partial": lambda X, K: functools.partial(F.conv2d, t(X))(t(K)),
    "torch.ops": lambda X, K: torch.ops.aten.convolution.default(t(X), t(K), None, [1, 1], [0, 0], [1, 1], False,
                                                                 [0, 0], 1),
    "conv1d": lambda X, K: torch.cat([F.conv1d(torch.tensor(X[i:i + 3])[None], torch.tensor(K)[None])[0]
                                      for i in range(3)]),
    "module": lambda X, K: torch.nn.Conv2d(1, 1, 3, bias=False).double().requires_grad_(False)(t(X)) * 0
                           + sum(t(X)[..., a:a + 3, b:b + 3] for a in range(3) for b in range(3)),
    "unfold": lambda X, K: (t(X)[0, 0].unfold(0, 3, 1).unfold(1, 3, 1) * torch.tensor(K)).sum((-1, -2)),
    "sliding_window_view": lambda X, K: np.einsum("ijkl,kl->ij", np.lib.stride_tricks.sliding_window_view(X, K.shape), K),
}


def test_an_honest_answer_is_allowed():
    seen = watch(honest, (X, K), forbid=FORBID)
    assert seen.verdict == "" and seen.error is None and np.array_equal(seen.value, WANT)


@pytest.mark.parametrize("name", sorted(CHEATS))
def test_every_spelling_of_the_operation_is_forbidden(name):
    assert np.asarray(CHEATS[name](X, K)).reshape(-1)[0] == 54.0 or name == "module"   # the cheat works
    seen = watch(CHEATS[name], (X, K), forbid=FORBID)
    assert seen.verdict.startswith("forbidden: called "), (name, seen.verdict)


def test_the_operator_names_come_from_the_forbid_list():
    assert aten_names(["aten.convolution", "torch.nn.functional.conv2d", "numpy.pad"]) == {"aten.convolution"}
    assert aten_names(["torch.nn.functional.max_pool2d"]) == {"aten.max_pool2d_with_indices"}
    assert watch(CHEATS["torch.convolution"], (X, K), forbid=["aten.convolution"]).verdict == \
        "forbidden: called aten.convolution"
    assert watch(CHEATS["torch.convolution"], (X, K), forbid=["aten.avg_pool2d"]).verdict == ""


def test_starting_a_thread_in_an_answer_is_forbidden():
    def threaded(X, K):
        out = []
        worker = threading.Thread(target=lambda: out.append(functools.partial(F.conv2d, t(X))(t(K))))
        worker.start()
        worker.join()
        return out[0]

    assert watch(threaded, (X, K), forbid=FORBID).verdict == "forbidden: called _thread.start_new_thread"


def test_a_helper_thread_started_before_the_call_voids_the_result():
    jobs, results = queue.Queue(), queue.Queue()

    def helper():
        function, args = jobs.get()
        results.put(function(*args))

    worker = threading.Thread(target=helper, daemon=True, name="the-helper")
    worker.start()
    try:
        assert helper_thread() == "the-helper"

        def delegated(X, K):
            jobs.put((F.conv2d, (t(X), t(K))))
            return results.get()

        seen = watch(delegated, (X, K), forbid=FORBID)
        assert seen.verdict.startswith("forbidden: called threading.Thread") and "the-helper" in seen.verdict
    finally:
        worker.join(5)
    assert helper_thread() == ""
    assert watch(honest, (X, K), forbid=FORBID).verdict == ""


def test_popping_the_torch_modes_is_tampering():
    def pops(X, K):
        torch._C._pop_torch_dispatch_stack(None)
        return honest(X, K)

    assert watch(pops, (X, K), forbid=FORBID).verdict == "forbidden: tampered with the call monitor " \
                                                           "(the torch mode stack was changed)"
    assert source_tampers("from torch.utils._python_dispatch import _disable_current_modes") == "_python_dispatch"
    assert source_tampers("torch._C._DisableTorchDispatch()") == "DisableTorchDispatch"


def test_every_manifest_forbid_list_names_operations_the_monitor_can_resolve():
    """Each code exercise's list resolves (no typo that silently forbids nothing) and names the
    ATen operator of the ready-made helper it forbids, where there is one."""
    import scipy.ndimage  # noqa: F401  (modules the lists name, loaded as in a lesson)
    import scipy.signal  # noqa: F401
    manifest = course_manifest()
    needs_aten = {"corr2d": "aten.convolution", "corr2d_multi_in": "aten.convolution",
                  "strided_corr2d": "aten.convolution", "conv1x1_as_matmul": "aten.convolution",
                  "max_pool2d_single": "aten.max_pool2d_with_indices", "batch_norm_train": "aten.native_batch_norm",
                  "gap": "aten.avg_pool2d", "pad2d": "aten.constant_pad_nd"}
    for lesson in manifest.lessons:
        for exercise in lesson.exercises:
            if exercise.kind != "code":
                continue
            assert exercise.forbid, exercise.id
            rules = Rules.from_names(exercise.forbid)
            if exercise.id in needs_aten:
                assert needs_aten[exercise.id] in rules.aten, exercise.id
            for entry in exercise.forbid:
                if entry.startswith("aten."):
                    assert hasattr(torch.ops.aten, entry[5:]), entry
                elif entry.startswith(("torch", "numpy.lib.stride_tricks")):
                    assert resolve(entry) is not None, (exercise.id, entry)

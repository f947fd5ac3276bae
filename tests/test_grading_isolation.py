"""What crosses between the student's kernel and the grader (wire), the call monitor, the sandbox."""

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from cnnlab.exercises.code import run_cases
from cnnlab.exercises.forbid import resolve
from cnnlab.exercises.monitor import Rules, source_tampers, watch
from cnnlab.tools.grading import sandbox, wire
from tests.helpers import ROOT, course_manifest, needs_bwrap

MANIFEST = course_manifest()


# ---------------------------------------------------------------------------- wire: data only

@pytest.mark.parametrize("value", [
    None, True, 0, -7, 2**70, 2.5, float("inf"), "text ✓", b"\x00\xff", 1 + 2j,
    [1, [2.5, None]], (1, (2, "x")), {"a": 1, 2: [3], (4, 5): "t"},
    np.float64(0.1), np.int64(-3), np.bool_(True),
    np.arange(12.0).reshape(3, 4), np.array([[True, False]]), np.zeros((0, 3), dtype=np.int32),
    np.arange(6).reshape(2, 3)[:, ::2],
])
def test_data_round_trips_exactly(value):
    back = wire.loads(wire.dumps(value))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and back.shape == value.shape and np.array_equal(back, value)
    else:
        assert back == value


def test_tensors_keep_dtype_shape_and_values_and_nan_survives():
    for tensor in (torch.randn(2, 3, dtype=torch.float64), torch.arange(5), torch.tensor([True, False]),
                   torch.ones(2, 2, requires_grad=True) * 3, torch.randn(3).to(torch.bfloat16)):
        back = wire.loads(wire.dumps(tensor))
        assert type(back) is torch.Tensor and back.dtype == tensor.dtype and back.shape == tensor.shape
        assert torch.equal(back, tensor.detach()) and not back.requires_grad
    assert math.isnan(wire.loads(wire.dumps(float("nan"))))


def test_objects_that_are_not_data_are_refused():
    class Anything(int):
        def __eq__(self, other):
            return True
        __hash__ = int.__hash__

    for value in (Anything(0), [1, Anything(2)], {"k": Anything(1)}, object(), torch.nn.Linear(2, 2),
                  np.array([object()]), lambda x: x, torch.Size([2, 3])):
        with pytest.raises(wire.NotData):
            wire.dumps(value)


def test_malformed_or_hostile_messages_are_refused():
    for text in ('{"ndarray": "|O", "shape": [1], "data": ""}',            # object dtype: never
                 '{"ndarray": "<f8", "shape": [3], "data": "AAAA"}',        # data too short
                 '{"ndarray": "<f8", "shape": [100000, 100000], "data": ""}',
                 '{"pickle": "gASV"}', '{"dict": [[[1], 2]]}'):
        with pytest.raises((ValueError, TypeError)):
            wire.loads(text)


# ---------------------------------------------------------------------------- the call monitor

def _corr_cheat(X, K):
    from cnnlab.ops import corr2d
    return corr2d(X, K)


def _conv_cheat(X, K):
    import torch.nn.functional as F
    return F.conv2d(torch.tensor(X)[None, None], torch.tensor(K)[None, None])[0, 0].numpy()


def _honest(X, K):
    out = np.zeros((X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (X[i:i + K.shape[0], j:j + K.shape[1]] * K).sum()
    return torch.zeros(1).sum().item() + out


def test_monitor_names_forbidden_calls_and_allows_basics():
    forbid = next(e.forbid for e in MANIFEST.lesson("02").exercises if e.id == "corr2d")
    X, K = np.arange(9.0).reshape(3, 3), np.ones((2, 2))
    # Imported for the first time inside the watch, cnnlab.ops's own module code (a class it defines)
    # is the first forbidden call; imported before, corr2d is. Either way the answer is forbidden.
    import cnnlab.ops  # noqa: F401  (the named call below does not depend on the tests run before)
    assert watch(_corr_cheat, (X, K), forbid=forbid).verdict == "forbidden: called cnnlab.ops.conv.corr2d"
    assert watch(_conv_cheat, (X, K), forbid=forbid).verdict == "forbidden: called torch.nn.functional.conv2d"
    alias = torch.conv2d
    seen = watch(lambda X, K: alias(torch.tensor(X)[None, None], torch.tensor(K)[None, None]), (X, K), forbid=forbid)
    assert seen.verdict == "forbidden: called torch.nn.functional.conv2d"     # the same object
    honest = watch(_honest, (X, K), forbid=forbid)
    assert honest.verdict == "" and honest.error is None and honest.value[0, 0] == 8
    layer = watch(lambda: torch.nn.MaxPool2d(2)(torch.zeros(1, 1, 4, 4)), forbid=["torch.nn.MaxPool2d"])
    assert layer.verdict == "forbidden: called torch.nn.MaxPool2d"


def test_monitor_catches_switching_it_off_and_processes():
    def off():
        sys.setprofile(None)
        return 1

    def sneaky():
        import threading
        threading.setprofile(None)

    assert watch(off).verdict == "forbidden: tampered with the call monitor (sys.setprofile)"
    assert watch(sneaky).verdict.startswith("forbidden: tampered with the call monitor")
    assert watch(lambda: os.system("true")).verdict == "forbidden: called os.system"
    assert source_tampers("import sys\nsys.settrace(None)") == "settrace"
    assert source_tampers("f = getattr(sys, 'setprofile')") == "setprofile"
    assert source_tampers("def f(x):\n    return x.sum()") == ""
    assert source_tampers("from cnnlab.tools.grading import serve") == "cnnlab.tools"
    assert source_tampers("m = __import__('cnnlab.tools.grading.serve')") == "cnnlab.tools"
    assert source_tampers("from cnnlab import tools") == "cnnlab.tools"


def test_every_declared_forbidden_name_exists_and_every_code_exercise_declares_some():
    import cnnlab.arith, cnnlab.model_summary, cnnlab.models, cnnlab.ops, cnnlab.receptive  # noqa: E401,F401
    import scipy.ndimage, scipy.signal  # noqa: E401,F401
    for lesson in MANIFEST.lessons:
        for exercise in lesson.exercises:
            if exercise.kind == "code":
                assert exercise.forbid, (lesson.stem, exercise.id)
            for name in exercise.forbid:
                assert resolve(name) is not None, (lesson.stem, exercise.id, name)
            Rules.from_names(exercise.forbid)


def test_the_inline_checker_warns_about_a_forbidden_helper():
    forbid = next(e.forbid for e in MANIFEST.lesson("02").exercises if e.id == "corr2d")
    cases = [((np.arange(9.0).reshape(3, 3), np.ones((2, 2))), [[8, 12], [20, 24]])]
    report = run_cases("corr2d", _corr_cheat, cases, forbid=forbid)
    assert report.status == "forbidden" and "cnnlab.ops.conv.corr2d" in str(report)
    assert run_cases("corr2d", _honest, cases, forbid=forbid).status == "ok"


# ---------------------------------------------------------------------------- the sandbox

def test_the_private_tmp_comes_before_the_binds_that_may_live_under_tmp(tmp_path):
    """A checkout under /tmp (CI clones can live there) must stay visible: bwrap applies mounts in
    order, so a --tmpfs /tmp after the venv's bind would hide the interpreter and the kernel would die."""
    args = sandbox.wrap(["python"], tmp_path / "work", tmp_path / "comm", ROOT / "cnnlab", bwrap="bwrap")
    tmpfs = args.index("--tmpfs")
    assert args[tmpfs + 1] == "/tmp"
    bound = [i for i, a in enumerate(args[:-2]) if a in ("--ro-bind", "--bind")]
    python_binds = [i for i in bound if args[i + 1] in (sys.prefix, str(Path(sys.prefix).resolve()))]
    assert python_binds and all(i > tmpfs for i in bound)


@needs_bwrap
def test_sandbox_hides_the_repository_secrets_and_the_network(tmp_path, monkeypatch):
    scratch, comm = tmp_path / "work", tmp_path / "comm"
    scratch.mkdir(), comm.mkdir()
    monkeypatch.setenv("CNNLAB_TEST_SECRET", "s3cret")
    probe = ("import os, socket, pathlib, cnnlab\n"
             f"print(pathlib.Path({str(ROOT / 'solutions')!r}).exists(), os.environ.get('CNNLAB_TEST_SECRET'),"
             " cnnlab.__file__, os.getpid())\n"
             "try:\n    socket.create_connection(('127.0.0.1', 22), timeout=1); print('net')\n"
             "except OSError: print('no net')\n"
             f"try:\n    open({str(ROOT / 'planted.txt')!r}, 'w'); print('wrote')\n"
             "except OSError: print('read-only')\n"
             f"open({str(tmp_path / 'outside.txt')!r}, 'w').write('x')\n"   # lands in the private /tmp
             "open('inside.txt', 'w').write('ok'); print(os.listdir('/opt/cnnlab'))\n"
             "try:\n    open('../planted.txt', 'w'); print('wrote')\n"
             "except OSError: print('read-only')\n")
    argv = sandbox.wrap([sys.executable, "-c", probe], scratch, comm, ROOT / "cnnlab")
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["False", "None", "/opt/cnnlab/cnnlab/__init__.py", "2"]
    # Writing into the checkout fails (read-only), or, for a checkout under /tmp, lands in the
    # sandbox's private /tmp: either way nothing reaches the real file (checked below).
    assert lines[1] == "no net" and sorted(eval(lines[3])) == ["cnnlab", "course", "submission"]
    assert lines[2] == "read-only" or (lines[2] == "wrote" and str(ROOT.resolve()).startswith("/tmp/"))
    assert lines[4] == "read-only"                                   # beside the scratch folder
    # the home is a private tmpfs: what the kernel writes there never reaches the grader's disk
    assert not (scratch / "inside.txt").exists() and not (tmp_path / "outside.txt").exists()
    assert not (ROOT / "planted.txt").exists()


def test_missing_bwrap_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(sandbox.SandboxUnavailable, match="apt-get install bubblewrap"):
        sandbox.require()


def test_without_bwrap_grading_stops_before_anything_unless_no_sandbox(tmp_path, monkeypatch, capsys):
    from cnnlab.tools.grading.batch import grade_batch
    from cnnlab.tools.grading.limits import Limits
    from cnnlab.tools.grading.gradebook import read_rows
    from tests import grading_cases as cases

    lesson = MANIFEST.lesson("02")
    answers = cases.answers_file(lesson, cases.solution_answers(MANIFEST, lesson, student="ann"))
    cases.write_submission(tmp_path / "subs", "ann", lesson, cases.perfect_notebook(MANIFEST, lesson), answers)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(sandbox.SandboxUnavailable):
        grade_batch(MANIFEST, lesson, tmp_path / "subs", tmp_path / "out", log=lambda *_: None)
    assert not (tmp_path / "out").exists()
    grade_batch(MANIFEST, lesson, tmp_path / "subs", tmp_path / "out", limits=Limits(sandbox=False),
                log=lambda *_: None)
    assert "WARNING: --no-sandbox" in capsys.readouterr().err
    assert sum(float(row["points"]) for row in read_rows(tmp_path / "out")) == lesson.max_points

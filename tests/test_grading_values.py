"""Issue 20 §1 and §4, end to end: whole values checked once, forbidden operations caught where they run.

Real submission folders (``tests/grading_cases``), one ``cnnlab grade`` batch per lesson, in the
sandbox. In every lesson an honest submission keeps every point, and each attack earns 0 on the
exercise it attacks, with a status that names why. Each attack earned points (or, for the huge
shape, got a verdict that does not say what was wrong) before issue 20:

* an empty result (``np.empty((0, 1, 1))``, ``torch.empty(0, 1, 1, 1, 1)``): ``allclose``
  broadcast it against any expected value and said True;
* the right values under extra singleton axes (``want[None, None, None]``): broadcast, True;
* a result of shape ``(N, 1, 1, 1, 1)``: broadcast in the trusted process (memory), now refused
  on its shape;
* a result that changes between calls (the right shape on one call, an empty tensor on the
  next): hidden tests that called the function twice per case passed it;
* ``torch.convolution``, ``next(map(torch.conv2d, …))``, ``functools.partial(torch.batch_norm, …)``,
  ``map(torch._C._nn.avg_pool2d, …)``, ``map(torch.max_pool2d, …)``: built-ins called by C code, or
  spellings the forbid lists did not name — the call monitor saw nothing;
* ``Tensor.unfold`` and NumPy's ``sliding_window_view`` doing the sliding window of the exercise;
* a helper thread started before the call doing the forbidden work (``F.conv2d``, ``np.pad``).
"""

import csv

import pytest

from cnnlab.tools.grading.status import status_word
from tests import grading_cases as cases
from tests.helpers import course_manifest, needs_bwrap, run_cli

MANIFEST = course_manifest()
pytestmark = [needs_bwrap, pytest.mark.slow]

HELPER_THREAD = """import threading, queue
_jobs, _results = queue.Queue(), queue.Queue()
def _helper():
    while True:
        _function, _args = _jobs.get()
        _results.put(_function(*_args))
threading.Thread(target=_helper, daemon=True).start()
"""

STATEFUL = """_calls = [0]
"""

# {lesson: {student: {exercise: (answer cell source, or None to keep the solution's; a part of the status)}}}
ATTACKS = {
    "02": {
        "empty_array": {"corr2d": ("def my_corr2d(X, K):\n    return np.empty((0, 1, 1))", "shape should be")},
        "singleton_axes": {"corr2d_multi_in": (
            "def corr2d_multi_in(X, K):\n    return sum(corr2d(x, k) for x, k in zip(X, K))[None, None, None]",
            "shape should be")},
        "huge_singletons": {"corr2d_multi_in": (
            "def corr2d_multi_in(X, K):\n    return np.zeros((2_000_000, 1, 1, 1, 1))", "shape should be")},
        "convolution": {"corr2d": (
            "def my_corr2d(X, K):\n    t = lambda a: torch.tensor(np.ascontiguousarray(a))[None, None]\n"
            "    return torch.convolution(t(X), t(K), None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1)[0, 0].numpy()",
            "forbidden: called")},
        "map_conv2d": {"corr2d": (
            "def my_corr2d(X, K):\n    t = lambda a: torch.tensor(np.ascontiguousarray(a))[None, None]\n"
            "    return next(map(torch.conv2d, [t(X)], [t(K)]))[0, 0].numpy()", "forbidden: called"),
                       "corr2d_multi_in": (
            "import functools\ndef corr2d_multi_in(X, K):\n"
            "    return functools.partial(F.conv2d, torch.tensor(X)[None])(torch.tensor(K)[None])[0, 0].numpy()",
            "forbidden: called")},
    },
    "03": {
        "helper_thread": {"strided_corr2d": (HELPER_THREAD + "def strided_corr2d(X, K, p=0, s=1):\n"
            "    _jobs.put((F.conv2d, (torch.tensor(X)[None, None], torch.tensor(K)[None, None], None, s, p)))\n"
            "    return _results.get()[0, 0].numpy()", "helper thread")},
        "helper_thread_numpy": {"pad2d": (HELPER_THREAD + "def pad2d(X, p):\n"
            "    _jobs.put((np.pad, (X, p)))\n    return _results.get()", "helper thread"),
                                # the thread is still alive when the next exercise is called: voided too
                                "strided_corr2d": (None, "helper thread")},
        "sliding_window": {"strided_corr2d": (
            "def strided_corr2d(X, K, p=0, s=1):\n    X = np.pad(X, p)\n"
            "    windows = np.lib.stride_tricks.sliding_window_view(X, K.shape)[::s, ::s]\n"
            "    return np.einsum('ijkl,kl->ij', windows, K)", "forbidden: called numpy.lib.stride_tricks")},
    },
    "05": {
        "convolution": {"conv1x1_as_matmul": (
            "def conv1x1_as_matmul(X, W, b):\n"
            "    return torch.convolution(X, W[:, :, None, None], b, [1, 1], [0, 0], [1, 1], False, [0, 0], 1)",
            "forbidden: called")},
        "empty_tensor": {"conv1x1_as_matmul": (
            "def conv1x1_as_matmul(X, W, b):\n    return torch.empty(0, 1, 1, 1, 1)", "shape should be")},
    },
    "06": {
        "map_max_pool": {"max_pool2d_single": (
            "def max_pool2d_single(X, k, s):\n    return next(map(torch.max_pool2d, [X[None, None]], [k], [s]))[0, 0]",
            "forbidden: called")},
        "unfold": {"max_pool2d_single": (
            "def max_pool2d_single(X, k, s):\n    return X.unfold(0, k, s).unfold(1, k, s).amax(dim=(-1, -2))",
            "forbidden: called")},
    },
    "07": {
        "partial_batch_norm": {"batch_norm_train": (
            "import functools\ndef batch_norm_train(X, gamma, beta, eps=1e-5):\n"
            "    return functools.partial(torch.batch_norm, X, gamma, beta, None, None, True, 0.1, eps, False)()",
            "forbidden: called")},
    },
    "09": {
        "empty_tensor": {"lrn": ("def lrn(a, n=5, alpha=1e-4, beta=0.75, k=2.0):\n    return torch.empty(0, 1, 1, 1, 1)",
                                 "shape should be")},
    },
    "11": {
        "changing_result": {"gap": (STATEFUL + "def gap(x):\n    _calls[0] += 1\n"
            "    return torch.zeros(x.shape[:2]) if _calls[0] % 2 else torch.empty(0, 1, 1)", "")},
        "map_avg_pool": {"gap": (
            "def gap(x):\n    return next(map(torch._C._nn.avg_pool2d, [x], [tuple(x.shape[2:])])).flatten(1)",
            "forbidden: called")},
    },
}


def _grade(tmp_path_factory, number):
    lesson = MANIFEST.lesson(number)
    root = tmp_path_factory.mktemp(f"values{number}")
    subs, out = root / "submissions", root / "out"
    def answers(student):
        return cases.answers_file(lesson, cases.solution_answers(MANIFEST, lesson, student=student))

    cases.write_submission(subs, "honest", lesson, cases.perfect_notebook(MANIFEST, lesson), answers("honest"))
    for student, edits in ATTACKS[number].items():
        nb = cases.perfect_notebook(MANIFEST, lesson)
        for exercise, (source, _) in edits.items():
            if source is not None:
                cases.answer_cells(nb, exercise)[0].source = source
        cases.write_submission(subs, student, lesson, nb, answers(student))
    done = run_cli("grade", number, str(subs), "--out", str(out), "--jobs", "2", "--timeout", "20",
                   "--memory", "3072", timeout=1200)
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return lesson, done, {(row["student"], row["exercise"]): row for row in rows}


@pytest.fixture(scope="module", params=sorted(ATTACKS))
def graded(request, tmp_path_factory):
    return _grade(tmp_path_factory, request.param)


def test_honest_submission_keeps_every_point_and_the_batch_ends_well(graded):
    lesson, done, rows = graded
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    for exercise in lesson.exercises:
        row = rows[("honest", exercise.id)]
        assert status_word(row["status"]) == "ok" and float(row["points"]) == exercise.points, row


def test_every_attack_earns_nothing_and_the_status_says_why(graded):
    lesson, _, rows = graded
    problems = []
    for student, edits in ATTACKS[lesson.stem[:2]].items():
        for exercise in lesson.exercises:
            row = rows[(student, exercise.id)]
            if exercise.id in edits:
                part = edits[exercise.id][1]
                word = "forbidden" if "forbidden" in part or "helper thread" in part else "wrong"
                if float(row["points"]) != 0 or status_word(row["status"]) != word or part not in row["status"]:
                    problems.append(f"{student}/{exercise.id}: {row['points']} points, {row['status']!r}, "
                                    f"wanted {part!r}")
            elif float(row["points"]) != exercise.points:      # the exercises it left alone keep their points
                problems.append(f"{student}/{exercise.id} (not attacked): {row['status']!r}")
    assert not problems, "\n".join(problems)


def test_there_are_enough_attacks_across_the_lessons():
    attacked = [(number, student, exercise) for number, students in ATTACKS.items()
                for student, edits in students.items() for exercise in edits]
    assert len(attacked) >= 18 and {"02", "03", "05", "07", "09", "11"} <= set(ATTACKS)

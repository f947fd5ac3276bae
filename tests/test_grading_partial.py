"""Points per hidden case (``partial = true`` in the manifest): lesson 04's ``receptive_field_of``.

The hidden tests check 12 random stacks of (kernel, stride) layers. The expected counts below are
worked out here, from the receptive-field recursion, on the same random stacks; the grader counts
the cases on the reference solution and the student's passes in the trusted process.
"""

import csv
import json

import numpy as np
import pytest

from cnnlab.exercises.expect import expect_value, tally_cases
from cnnlab.i18n import latin_words
from cnnlab.tools.grading.score import partial_points
from cnnlab.tools.grading.status import Status
from tests import grading_cases as cases
from tests.helpers import course_manifest, needs_bwrap, run_cli

MANIFEST = course_manifest()
LESSON = MANIFEST.lesson("04")
EXERCISE = next(e for e in LESSON.exercises if e.id == "receptive_field_of")

IGNORES_STRIDE = ("def receptive_field_of(layers):\n"
                  "    return 1 + sum(k - 1 for k, s in layers)\n")
RAISES_ON_DEEP = ("def receptive_field_of(layers):\n"
                  "    if len(layers) > 4:\n"
                  "        raise ValueError('too deep for me')\n"
                  "    r, j = 1, 1\n"
                  "    for k, s in layers:\n"
                  "        r, j = r + (k - 1) * j, j * s\n"
                  "    return r\n")
FORBIDDEN = ("def receptive_field_of(layers):\n"
             "    import cnnlab.receptive\n"
             "    net = torch.nn.Sequential(*[torch.nn.Conv2d(1, 1, k, stride=s) for k, s in layers])\n"
             "    return cnnlab.receptive.receptive_field(net, (1, 600, 600)).final.r\n")


def _stacks():
    """The hidden tests' 12 stacks (the same generator and seed as the lesson's hidden cell)."""
    rng = np.random.default_rng(4)
    return [[(int(rng.integers(1, 8)), int(rng.integers(1, 4))) for _ in range(int(rng.integers(1, 6)))]
            for _ in range(12)]


def _field(layers):
    r, jump = 1, 1
    for k, s in layers:
        r, jump = r + (k - 1) * jump, jump * s
    return r


def test_the_manifest_asks_for_points_per_case_on_this_exercise_only():
    assert EXERCISE.partial and EXERCISE.kind == "code"
    assert not any(e.partial for lesson in MANIFEST.lessons for e in lesson.exercises if e is not EXERCISE)


def test_a_tally_counts_cases_and_keeps_going_only_when_asked():
    with tally_cases(keep_going=True) as tally:
        expect_value(3, 3, case="a")
        expect_value(4, 3, case="b")
        expect_value((1, 2), (1, 2), case="c")     # a tuple is one case, not one per item
        expect_value(2.0, 2, case="d")             # a float where an int is expected
    assert (tally.passed, len(tally.failures), tally.total) == (2, 2, 4)
    assert "b" in str(tally.failures[0])
    with tally_cases() as tally, pytest.raises(AssertionError):
        expect_value(4, 3)
    with pytest.raises(AssertionError):            # outside a tally: the first failure raises, as always
        expect_value(4, 3)


@pytest.mark.parametrize("passed, total, points", [(12, 12, 3.0), (7, 12, 1.75), (0, 12, 0.0), (1, 3, 1.0),
                                                   (13, 12, 3.0), (-1, 12, 0.0), (2, 3, 2.0)])
def test_points_are_in_proportion_and_rounded_to_a_hundredth(passed, total, points):
    got, note = partial_points(3, {"passed": passed, "total": total})
    assert got == points and note.text("en") == f"{max(0, min(passed, total))} of {total} hidden cases passed"
    assert partial_points(3, {"passed": 0, "total": 0})[0] == 0.0


def test_the_flag_reads_in_chinese():
    status = Status.of("wrong.hidden_case", case="case [(3, 2)]: should be 3, got 4")
    zh = status.flagged(partial_points(3, {"passed": 7, "total": 12})[1]).text("zh")
    assert "12 个用例中的 7 个" in zh and "hidden" not in zh


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("partial")
    subs, out = root / "submissions", root / "out"
    for student, source, lang in [("honest", None, "en"), ("no_stride", IGNORES_STRIDE, "en"),
                                  ("raises_deep", RAISES_ON_DEEP, "en"), ("forbidden", FORBIDDEN, "en"),
                                  ("no_stride_zh", IGNORES_STRIDE, "zh")]:
        nb = cases.perfect_notebook(MANIFEST, LESSON, lang)
        if source is not None:
            cases.answer_cells(nb, EXERCISE.id)[0].source = source
        answers = cases.answers_file(LESSON, cases.solution_answers(MANIFEST, LESSON, student=student))
        cases.write_submission(subs, student, LESSON, nb, answers)
    done = run_cli("grade", "04", str(subs), "--out", str(out), "--jobs", "2", "--timeout", "20",
                   "--memory", "3072", timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle) if row["exercise"] == EXERCISE.id}
    stored = json.loads((out / "results" / LESSON.stem / "no_stride_zh.json").read_text(encoding="utf-8"))
    rows["no_stride_zh"]["status_data"] = next(r for r in stored["results"] if r["exercise"] == EXERCISE.id)["status_data"]
    return rows


@needs_bwrap
@pytest.mark.slow
def test_each_hidden_case_earns_its_share_and_cheating_still_earns_nothing(graded):
    stacks = _stacks()
    assert len(stacks) == 12
    right_without_stride = sum(1 + sum(k - 1 for k, _ in layers) == _field(layers) for layers in stacks)
    before_first_deep = next(i for i, layers in enumerate(stacks + [[0] * 5]) if len(layers) > 4)
    assert 0 < right_without_stride < 12 and 0 < before_first_deep < 12     # the cases tell them apart

    honest = graded["honest"]
    assert (honest["status"], float(honest["points"])) == ("ok", 3.0)

    no_stride = graded["no_stride"]
    assert no_stride["status"].startswith("wrong: hidden test failed for case")
    assert f"{right_without_stride} of 12 hidden cases passed" in no_stride["status"]
    assert float(no_stride["points"]) == round(3 * right_without_stride / 12, 2)

    in_chinese = graded["no_stride_zh"]   # a zh notebook: the hidden tests speak its language, the points are the same
    assert in_chinese["status"].startswith("wrong: hidden test failed for 用例 ") and in_chinese["points"] == no_stride["points"]
    zh = Status.from_data(in_chinese["status_data"]).text("zh")
    assert zh.startswith("答案不对：隐藏测试没有通过（用例 ") and f"12 个用例中的 {right_without_stride} 个" in zh, zh
    assert latin_words(zh, {"int"}) == [], zh

    deep = graded["raises_deep"]     # the cases after the one that raised were not reached
    assert deep["status"].startswith("error: ValueError (raised by your function)")
    assert f"{before_first_deep} of 12 hidden cases passed" in deep["status"]
    assert float(deep["points"]) == round(3 * before_first_deep / 12, 2)

    forbidden = graded["forbidden"]
    assert forbidden["status"].startswith("forbidden:") and float(forbidden["points"]) == 0

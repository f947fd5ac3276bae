"""Grading a ``layers`` exercise from a recorded submission: first predictions count, the reference
model comes from the manifest, named mistakes per row reach the dashboard."""

import pytest

from cnnlab.exercises.answers import answers_path, load_answers
from cnnlab.exercises.layers import LayerPrediction
from cnnlab.exercises.layerspec import LayerSpecError, build_model
from cnnlab.tools.grading.status import Status
from cnnlab.manifest import Exercise, ManifestError, _parse_exercise
from cnnlab.tools.grading import overview
from cnnlab.tools.grading.score_recorded import score_layers

pytestmark = pytest.mark.usefixtures("scratch")

LAYERS = ("Conv2d(3, 8, 3, padding=1)", "Conv2d(8, 4, 1)", "MaxPool2d(2)")
EXERCISE = Exercise(id="l05_layers", kind="layers", points=6, layers=LAYERS, input_shape=(3, 16, 16),
                    ask=("shape", "params"))


def student(model=None):
    return LayerPrediction("l05_layers", model or build_model(LAYERS), (3, 16, 16), ("shape", "params"))


def predict(row, **values):
    for quantity, value in values.items():
        row.boxes[quantity].value = value
    row.button.click()


def submission():
    return load_answers(answers_path("test_lesson"))


def test_all_right_earns_every_point():
    ex = student()
    predict(ex.rows[0], shape="8x16x16", params="224")
    predict(ex.rows[1], shape="4x16x16", params="36")
    predict(ex.rows[2], shape="4x8x8", params="0")
    result = score_layers(EXERCISE, submission(), "")
    assert (result.status, result.points, result.mistake) == ("ok", 6, "")


def test_points_per_box_by_the_first_prediction_and_mistakes_per_row():
    ex = student()
    predict(ex.rows[0], shape="8x15x15", params="216")   # padding once, no bias
    predict(ex.rows[0], shape="8x16x16", params="224")   # retyped after seeing the truth: no point
    predict(ex.rows[1], shape="4x16x16")                 # right; params left empty
    result = score_layers(EXERCISE, submission(), "")
    assert result.points == 1.0 and result.status == "wrong: 1 of 6 predictions right"
    assert result.mistake == "row1:padding_one_side row1:no_bias"
    assert "padding counts on both sides" in result.details["mistake_hints"]["row1:padding_one_side"]


def test_nothing_counts_after_reveal_all_and_the_flag_is_shown():
    ex = student()
    predict(ex.rows[0], shape="8x16x16")
    ex.reveal_button.click()
    predict(ex.rows[1], shape="4x16x16", params="36")
    result = score_layers(EXERCISE, submission(), "")
    assert result.points == 1.0 and result.status.endswith("; revealed")


def test_a_forged_correct_mark_earns_nothing():
    ex = student()
    predict(ex.rows[0], shape="1x1x1")
    data = submission()
    data["records"][0].update(status="correct", correct=True, marks={"shape": "correct"})
    assert score_layers(EXERCISE, data, "").points == 0


def test_the_students_own_model_does_not_set_the_truth():
    """A student who built the wrong model predicts its layers right: the reference decides."""
    ex = student(build_model(["Conv2d(3, 8, 3)", "Conv2d(8, 4, 1)", "MaxPool2d(2)"]))
    predict(ex.rows[0], shape="8x14x14")
    assert ex.rows[0].message.startswith("✓")
    assert score_layers(EXERCISE, submission(), "").points == 0


def test_unanswered_missing_file_and_a_broken_reference():
    assert score_layers(EXERCISE, {"records": []}, "").status == "unanswered"
    no_file = Status.of("unanswered.no_file", file="02_convolution.answers.json")
    assert score_layers(EXERCISE, None, no_file).status == "unanswered: no 02_convolution.answers.json"
    broken = Exercise(id="l05_layers", kind="layers", points=1, layers=("Conv2d(3, 8, 99)",),
                      input_shape=(3, 8, 8), ask=("shape",))
    assert score_layers(broken, {"records": []}, "").status.startswith("error: the reference model")


def test_dashboard_counts_each_row_mistake():
    rows = [{"student": s, "lesson": "05", "exercise": "l05_layers", "mistake": m}
            for s, m in [("a", "row1:no_bias row3:jump_forgotten"), ("b", "row1:no_bias"), ("c", "")]]
    shares = overview.mistake_shares(rows)[("05", "l05_layers")]
    assert shares[0][:2] == ("row1:no_bias", 2) and ("row3:jump_forgotten", 1, 1 / 3) in shares
    assert any("row1:no_bias" in line for line in overview.mistake_lines(rows))


def test_manifest_reads_and_checks_layers_exercises():
    raw = {"id": "x", "kind": "layers", "points": 2, "layers": list(LAYERS), "input_shape": [3, 16, 16]}
    exercise = _parse_exercise(raw, "lesson 05")
    assert exercise.layers == LAYERS and exercise.ask == ("shape", "params", "rf")
    for bad in ({"layers": ["__import__('os').system('x')"]}, {"layers": []}, {"input_shape": [16, 16]},
                {"ask": ["flops"]}):
        with pytest.raises(ManifestError):
            _parse_exercise({**raw, **bad}, "lesson 05")
    with pytest.raises(LayerSpecError):
        build_model(["Sequential()"])


def test_feedback_page_lists_each_row_mistake():
    from cnnlab.tools.grading.feedback import render_feedback
    ex = student()
    predict(ex.rows[0], shape="8x15x15", params="216")
    result = score_layers(EXERCISE, submission(), "")
    page = render_feedback([{"student": "ann", "lesson": "05_channels", "lang": "en", "graded_at": "t",
                             "results": [result.to_record()]}], {"05_channels": {"en": "Channels", "zh": "通道"}})
    assert "row1:padding_one_side" in page and "row1:no_bias" in page
    assert "bias: one per output channel" in page


def test_lesson_05_exercise_is_graded_through_the_grading_steps():
    """The manifest's exercise, a submission recorded by the widget, the grader's score step."""
    from types import SimpleNamespace

    from cnnlab.tools.grading import steps
    from tests.helpers import course_manifest
    lesson = course_manifest().lesson("05")
    exercise = next(e for e in lesson.exercises if e.id == "bottleneck_layers")
    ex = LayerPrediction(exercise.id, build_model(exercise.layers), exercise.input_shape, exercise.ask)
    predict(ex.rows[0], shape="16x28x28", params="3088")       # right
    predict(ex.rows[2], shape="32x24x24", params="12800")      # padding forgotten (no rule), no bias
    ex.reveal_button.click()
    job = SimpleNamespace(lesson=SimpleNamespace(exercises=[exercise]), answers=submission(),
                          answers_problem=None, results=[])
    (result,) = steps.score_exercises(job).results
    assert result.status == "wrong: 2 of 8 predictions right; revealed"
    assert result.points == 0.5 and result.mistake == "row3:no_bias"


def test_hints_are_in_the_submissions_language():
    import cnnlab
    ex = student()
    predict(ex.rows[0], params="216")
    result = score_layers(EXERCISE, submission(), "", lang="zh")
    assert result.details["mistake_hints"]["row1:no_bias"] == "偏置：每个输出通道一个"
    assert cnnlab.get_language() == "en"                     # the grader's own language is put back


def test_cnnlab_check_flags_a_broken_reference_model_and_a_missing_call():
    import dataclasses

    from cnnlab.tools.pipeline.check import check_layers_exercises
    from tests.helpers import ROOT, course_manifest
    manifest = course_manifest()
    lesson = manifest.lesson("05")
    path = lesson.path(ROOT, "solutions", "en")
    assert check_layers_exercises(manifest, lesson, path) == []
    exercise = next(e for e in lesson.exercises if e.kind == "layers")
    broken = dataclasses.replace(exercise, input_shape=(3, 28, 28))          # 192 channels expected
    renamed = dataclasses.replace(exercise, id="weight_shape")               # a cell that calls shape()
    problems = check_layers_exercises(manifest, dataclasses.replace(lesson, exercises=(broken, renamed)), path)
    assert len(problems) == 2
    assert "does not run" in str(problems[0]) and "does not call" in str(problems[1])


def test_cnnlab_check_reports_a_broken_reference_model_once_for_both_languages():
    import dataclasses

    from cnnlab.tools.pipeline.check import check
    from cnnlab.tools.pipeline.check_exercises import layers_exercises
    from tests.helpers import course_manifest
    manifest = course_manifest()
    lesson = manifest.lesson("05")
    broken = tuple(dataclasses.replace(e, input_shape=(3, 28, 28)) if e.kind == "layers" else e
                   for e in lesson.exercises)
    lessons = tuple(dataclasses.replace(each, exercises=broken) if each is lesson else each for each in manifest.lessons)
    problems = check(dataclasses.replace(manifest, lessons=lessons), rules=[layers_exercises])
    assert len(problems) == 1 and "does not run" in str(problems[0]), problems    # zh and en solutions read it

"""The course's ``layers`` exercises (issue 25): in lessons 03, 05, 08, 10 and 12, each notebook
shows the very model the manifest specifies (the grader scores against the manifest), and the
student-built one (lesson 08) asks for the model until the student writes it."""

import pytest

from cnnlab.cells import exercise_cells
from cnnlab.exercises.layerspec import build_model
from cnnlab.facts import layer_facts
from cnnlab.i18n import LANGUAGES
from cnnlab.tools.pipeline.notebooks import read_notebook
from tests.helpers import ROOT, course_manifest

MANIFEST = course_manifest()
LAYERS = [(lesson, exercise) for lesson in MANIFEST.lessons for exercise in lesson.exercises
          if exercise.kind == "layers"]


def _row_values(facts):
    return [(f.type, f.output_shape, f.params, f.macs, f.rf, f.jump) for f in facts]


def _shown_model(kind, lesson, exercise, lang):
    """Run the exercise's cells of the ``kind`` notebook with ``predict_layers`` replaced by a
    function that keeps what the cell passes it (the model, or the function that builds it)."""
    nb = read_notebook(lesson.path(ROOT, kind, lang))
    shown = []
    namespace = {"predict_layers": lambda model, shape, ask=(), **kw: shown.append((model, shape, ask, kw))}
    exec("import torch\nfrom torch import nn", namespace)
    for cell in exercise_cells(nb)[exercise.id]:
        if cell.cell_type == "code":
            source = cell.source.replace("from cnnlab.exercises import predict_layers", "")
            exec(compile(source, f"{lesson.stem}:{exercise.id}", "exec"), namespace)
    assert len(shown) == 1, f"{lesson.stem} {exercise.id}: one predict_layers call"
    return shown[0]


def test_lessons_03_05_08_10_and_12_have_a_layers_exercise():
    assert {lesson.stem[:2] for lesson, _ in LAYERS} >= {"03", "05", "08", "10", "12"}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("lesson, exercise", LAYERS, ids=[e.id for _, e in LAYERS])
def test_each_notebook_shows_the_model_the_manifest_specifies(lesson, exercise, lang):
    model, shape, ask, options = _shown_model("solutions", lesson, exercise, lang)
    if not hasattr(model, "forward"):
        model = model()                                  # a function the student completes
    assert tuple(shape) == tuple(exercise.input_shape) and tuple(ask) == tuple(exercise.ask)
    assert options.get("exercise") == exercise.id
    mine = _row_values(layer_facts(model, shape))
    wanted = _row_values(layer_facts(build_model(exercise.layers), exercise.input_shape))
    assert mine == wanted


def test_lesson_08_students_build_the_model_themselves():
    lesson = MANIFEST.lesson("08")
    exercise = next(e for _, e in LAYERS if e.id == "color_lenet_layers")
    builder, *_ = _shown_model("lessons", lesson, exercise, "en")
    with pytest.raises(NotImplementedError):
        builder()                                        # the student's stub
    from cnnlab.exercises.layers import LayerPrediction
    ex = LayerPrediction(exercise.id, builder, tuple(exercise.input_shape), exercise.ask, lesson=lesson.stem)
    assert ex.rows == [] and ex.problem.startswith("Build the model first")
    params = [f.params for f in layer_facts(build_model(exercise.layers), exercise.input_shape)]
    assert params == [456, 0, 0, 2416, 0, 0, 0, 48120, 0, 10164, 0, 850]     # worked out by hand

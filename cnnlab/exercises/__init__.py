"""Exercises students answer inside a lesson, and the answers file that records them.

Five kinds, each one call in a code cell (see ``course/authoring.md``):

    numeric("id", answer=34944, digits=0, unit="...", prompt=..., hint=..., explanation=...)
    choice("id", options=[...], answer=1, prompt=..., ...)        # or answer=[0, 2], multiple=True
    shape("id", answer=(96, 55, 55), prompt=..., ...)
    numeric("id", variants=vary(make_check, n=[27, 28, 31, 32]), ...)   # each student their numbers
    check_function("id", my_function, [((args...), expected), ...])   # code
    predict_layers(model, (C, H, W), ask=("shape", "params"), exercise="id")   # layers

Modules: ``keys`` (canonical forms, salted keys, sealed explanations), ``spec``
(a quick check read from source with ``ast``; ``score_quick_check``), ``answers`` (the
answers file), ``widgets`` (quick checks), ``code`` (the code exercise's widget), ``cases``
(running its public cases), ``compare`` (a result against the expected value, and what differs
in words), ``typical`` (typical mistakes, named by the notebook's own check), ``timelimit`` (time limit),
``monitor`` (the call monitor), ``forbid`` (an exercise's forbid list, resolved for the monitor),
``operators`` (forbidden torch operators, caught by dispatch modes), ``expect`` (the one
assertion of hidden tests: ``expect_value``), ``mistakes`` (named mistakes in hidden tests),
``messages`` (the feedback's wording), ``hide`` (the build step that replaces answers by keys in student
notebooks), ``layers`` (predict each layer, then reveal), ``layerchecks`` (judging a
prediction, named mistakes), ``layerspec`` (the manifest's reference model of a layers
exercise), ``variants`` (quick checks whose numbers differ per student), ``identity`` (the
student id that picks them), ``progress`` (what the answers files say has been done).
Names are imported on first use, so the grader can import ``answers`` without ipywidgets.
"""

_PUBLIC = {
    "numeric": "cnnlab.exercises.widgets",
    "choice": "cnnlab.exercises.widgets",
    "shape": "cnnlab.exercises.widgets",
    "vary": "cnnlab.exercises.variants",
    "set_student": "cnnlab.exercises.identity",
    "student_id": "cnnlab.exercises.identity",
    "predict_layers": "cnnlab.exercises.layers",
    "check_function": "cnnlab.exercises.code",
    "run_cases": "cnnlab.exercises.cases",
    "CaseResult": "cnnlab.exercises.cases",
    "CheckReport": "cnnlab.exercises.cases",
    "score_quick_check": "cnnlab.exercises.spec",
    "quick_check_specs": "cnnlab.exercises.spec",
    "expect_value": "cnnlab.exercises.expect",
    "load_answers": "cnnlab.exercises.answers",
    "answers_path": "cnnlab.exercises.answers",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'cnnlab.exercises' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_PUBLIC[name]), name)


def __dir__():
    return __all__

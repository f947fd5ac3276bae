"""Scoring what the answers file records: quick checks and ``layers`` predictions.

Nothing here runs student code: a recorded raw answer is read again exactly as the widget read
it and compared with the solution (quick checks) or with the manifest's reference model
(``layers``); the recorded "correct" flags are never trusted. Statuses and ``Result`` are
``score.py``'s.
"""

from cnnlab.tools.grading.score import Result
from cnnlab.tools.grading.status import Status, one_line, part


def score_quick(exercise, spec, answers, answers_problem, student="", others=()):
    """The Result of one quick check, re-scored from the recorded raw answer (never its flag).

    ``spec`` comes from the solution's widget call (None if the solution lacks it); a check with
    variants is scored against the variant of ``student``, the id being graded (never the
    variant the answers file records; a different one is flagged, and so is an answer right for
    the variant it was given for). ``others``: the same check in the course's other languages,
    whose unit (``个参数`` / ``parameters``) a student who switched language may have typed.
    ``answers`` is the loaded answers file (None if missing or malformed, then
    ``answers_problem`` says why).
    """
    from cnnlab.exercises.answers import latest
    from cnnlab.exercises.spec import mistake_of, score_quick_check
    from cnnlab.exercises.variants import VariantSpecs
    result = Result(exercise.id, exercise.kind, exercise.points, Status.of("unanswered"))
    record = latest(answers, exercise.id) if answers is not None else None
    flags, variant, mismatch = [], "", False
    if isinstance(spec, VariantSpecs):
        variant, chosen = spec.choose(student)
        index = spec.labels.index(variant)
        others = [other.specs[index] for other in others if isinstance(other, VariantSpecs)
                  and other.labels == spec.labels]
        answered = record.get("variant") if isinstance(record, dict) else None
        if answered is not None and answered != variant:
            mismatch = True
            flags.append(variant_flag(answered, record.get("student"), variant, student))
            if answered in spec.labels and score_quick_check(spec.specs[spec.labels.index(answered)],
                                                             record.get("answer")):
                flags.append(part("flag.right_for_variant"))
        spec = chosen
    else:
        others = [other for other in others if other is not None and not isinstance(other, VariantSpecs)]
    if spec is None:
        result.state = Status.of("error.no_quick_check", exercise=exercise.id)
    elif answers is None:
        result.state = answers_problem
    else:
        if record is None or record.get("answer") in (None, "", []):
            result.state = Status.of("unanswered")
        elif any(score_quick_check(each, record.get("answer")) for each in [spec, *others]):
            result.state, result.points = Status.of("ok"), exercise.points
        else:
            claims = record.get("correct") is True or record.get("status") == "correct"
            result.state = Status.of("wrong")
            if claims and not mismatch:
                result.state = result.state.flagged(part("flag.claims_correct"))
            result.mistake, hint = mistake_of(spec, record.get("answer"), with_hint=True)
        if record is not None:
            result.details = {"answer": one_line(repr(record.get("answer")), 200), "tries": record.get("try")}
            if result.mistake:
                result.details["mistake_hint"] = hint
    if variant:
        result.details["variant"] = variant
    result.state = result.state.flagged(*flags)
    return result


def _quoted(text, limit):
    """Untrusted text inside a status's double quotes: one line, clipped, no ``;`` (it separates
    the parts of the gradebook's status) and no double quote."""
    return one_line(str(text), limit).replace(";", ",").replace('"', "'")


def variant_flag(answered, answered_as, variant, student):
    """The flag of a quick check answered with other numbers than the graded student's variant."""
    values = dict(answered=_quoted(answered, 40), variant=_quoted(variant, 40), student=_quoted(student, 30))
    if isinstance(answered_as, str) and answered_as.strip():
        return part("flag.variant", answered_as=_quoted(answered_as, 30), **values)
    return part("flag.variant_no_id", **values)


def _layers_truth(exercise):
    """(facts, modules) of a layers exercise's reference model (from the manifest, never the student)."""
    from cnnlab.exercises.layerspec import build_model
    from cnnlab.facts import layer_facts
    facts = layer_facts(build_model(exercise.layers), exercise.input_shape)
    return facts


def _first_predictions(records):
    """{(row, quantity): raw} — each box's first prediction made before any "reveal all"."""
    first = {}
    for record in records:
        if record.get("status") == "revealed":
            break
        answer, row = record.get("answer"), record.get("row")
        if record.get("status") == "invalid" or not isinstance(answer, dict) or not isinstance(row, int):
            continue
        for quantity, raw in answer.items():
            if isinstance(raw, str):
                first.setdefault((row, quantity), raw)
    return first


def score_layers(exercise, answers, answers_problem, lang=None):
    """The Result of a ``layers`` exercise: points per predicted box, each judged by its FIRST
    prediction (later ones were typed after seeing the truth), none after "reveal all".

    The truth is ``layer_facts`` of the manifest's reference model; the recorded marks are never
    trusted. ``mistake`` lists the named mistakes per row (``row3:no_bias row5:jump_forgotten``);
    their hints are in ``lang`` (the submission's language), default the current one.
    """
    from cnnlab.i18n import get_language, set_language
    before = get_language()
    try:
        if lang:
            set_language(lang)
        return _score_layers(exercise, answers, answers_problem)
    finally:
        set_language(before)


def _score_layers(exercise, answers, answers_problem):
    from cnnlab.exercises.layerchecks import judge, truth
    result = Result(exercise.id, exercise.kind, exercise.points, answers_problem)
    if answers is None:
        return result
    try:
        facts = _layers_truth(exercise)
    except Exception as err:   # the course's mistake, not the student's
        result.state = Status.of("error.no_reference_model", exercise=exercise.id, why=err)
        return result
    records = [r for r in answers.get("records", []) if r.get("exercise") == exercise.id]
    first = _first_predictions(records)
    boxes = [(i, q) for i, fact in enumerate(facts) for q in exercise.ask if truth(fact, q) is not None]
    right, mistakes, hints = 0, [], {}
    for i, q in boxes:
        if (i, q) not in first:
            continue
        word, mistake, hint = judge(facts[i], facts.module(facts[i]), q, first[(i, q)])
        right += word == "correct"
        if mistake:
            mistakes.append(f"row{i + 1}:{mistake}")
            hints[f"row{i + 1}:{mistake}"] = hint
    revealed = any(r.get("status") == "revealed" for r in records)
    flags = [part("flag.revealed")] if revealed else []
    if not first:
        result.state = Status.of("unanswered").flagged(*flags)
        return result
    result.points = round(exercise.points * right / len(boxes), 2) if boxes else 0.0
    verdict = Status.of("ok") if right == len(boxes) else Status.of("wrong.predictions", right=right, total=len(boxes))
    result.state = verdict.flagged(*flags)
    result.mistake = " ".join(dict.fromkeys(mistakes))
    result.details = {"right": right, "boxes": len(boxes), "revealed": revealed, "mistake_hints": hints}
    return result

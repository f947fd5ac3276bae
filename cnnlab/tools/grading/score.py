"""From what happened to a verdict: one ``Result`` per exercise, with its status.

Statuses start with one word, optionally followed by ``: detail`` and by
``; note`` flags (the dashboard groups by the first word)::

    ok                      the hidden tests passed (full points)
    wrong                   a hidden test failed (its assertion message follows)
    unanswered              the answer still raises NotImplementedError / no answer recorded
    forbidden: …            the function called a helper the exercise forbids (``called cnnlab.ops.corr2d``),
                            started a process, or tampered with the call monitor
    timeout                 a cell ran past --timeout, or the submission past its total limit
    error: grader failed: … the grading machine failed (not the submission): not cached, the next run grades it
    error: …                anything else: an exception, the kernel died (os._exit, the memory
                            cap), a value that is not data, a worker that crashed
    missing: …              no notebook, or no cell of the exercise defines the function
    malformed: …            the notebook or the answers file cannot be read

An exercise with ``partial = true`` in the manifest earns ``points × passed / total`` when its
hidden tests fail or the function raises (flag ``7 of 12 hidden cases passed``); a timeout, a
forbidden call or a dead kernel still earns nothing.

Flags (what the grader did; ``student_cells.py``): ``duplicated cells: …``, ``graded the last one
above its check cell``, ``answer found below its check cell``, ``answer found in a cell without the
tag …``, ``used from your other cells: …``, ``the answers file claims 'correct'``.
"""

from dataclasses import dataclass, field

from cnnlab.exercises.mistakes import parse as parse_mistake
from cnnlab.text import clip

STATUS_WORDS = ("ok", "wrong", "unanswered", "forbidden", "timeout", "error", "missing", "malformed")
MAX_STATUS = 240
_OUT_OF_MEMORY = ("can't allocate memory", "unable to allocate", "out of memory", "cannot allocate memory")


@dataclass
class Result:
    exercise: str
    kind: str
    max_points: float
    status: str
    points: float = 0.0
    seconds: float = 0.0
    details: dict = field(default_factory=dict)   # public report, failure, traceback (for feedback)
    mistake: str = ""                              # the named mistake a wrong answer makes (if declared)

    @property
    def word(self):
        return status_word(self.status)


def status_word(status):
    """The first word of a status: ok, wrong, unanswered, timeout, error, missing or malformed."""
    return status.split(":")[0].split(";")[0].split(" ")[0].strip()


def one_line(text, limit=160):
    text = " ".join(str(text).split())
    return clip(text, limit)


def _with_flags(status, flags):
    return (status + "".join(f"; {flag}" for flag in flags))[:MAX_STATUS]


def _error_status(outcome, limits, where=""):
    """The status of a cell that did not end well (dead, timeout, exception)."""
    if outcome.get("start_failed"):
        return one_line(f"error: the kernel did not start with your files ({outcome.get('evalue', '')})")
    if outcome["status"] == "dead":
        return f"error: kernel died{where} (os._exit, a crash or the {limits.memory_mib} MiB memory cap)"
    if outcome["status"] == "timeout":
        if outcome.get("limit") == "total":
            return f"timeout: the submission ran past {limits.total_timeout:g} s in all"
        return f"timeout: a cell ran past {limits.cell_timeout:g} s{where}"
    ename, evalue = outcome.get("ename", "?"), outcome.get("evalue", "")
    if ename.endswith("MemoryError") or any(text in evalue.lower() for text in _OUT_OF_MEMORY):
        return f"error: MemoryError{where} (memory cap {limits.memory_mib} MiB)"
    if ename == "SystemExit":
        return f"error: SystemExit{where} (the code called sys.exit or exit)"
    return one_line(f"error: {ename}: {evalue}" if evalue else f"error: {ename}") + where


def _hidden_status(hidden, limits):
    """The status of an exercise from the outcome of its hidden tests (run in the trusted process)."""
    if hidden["status"] == "ok":
        return "ok"
    if hidden["status"] == "forbidden":
        return one_line(hidden["evalue"] or "forbidden")
    if hidden["status"] == "timeout":
        if hidden.get("limit") == "total":
            return f"timeout: the submission ran past {limits.total_timeout:g} s in all"
        return f"timeout: your function ran past {limits.cell_timeout:g} s"
    if hidden["status"] == "dead":
        return f"error: kernel died while your function ran (os._exit, a crash or the {limits.memory_mib} MiB memory cap)"
    if hidden["ename"] == "AssertionError":
        return one_line("wrong: hidden test failed" + (f" for {hidden['evalue']}" if hidden["evalue"] else ""))
    if hidden["ename"] == "NamedMistake":
        return one_line(f"wrong: {parse_mistake(hidden['evalue'])[0]}")
    if hidden["ename"] == "NotData":
        return one_line(f"error: {hidden['evalue']}")
    return _error_status(hidden, limits)


def partial_points(points, cases):
    """Points for ``cases["passed"]`` of ``cases["total"]`` hidden cases (an exercise with
    ``partial = true``): ``points × passed / total``, rounded to 0.01; and the status flag that says so.
    A case after one where the function raised was not reached, so it counts as failed."""
    passed, total = int(cases.get("passed", 0)), int(cases.get("total", 0))
    if total <= 0:
        return 0.0, "no hidden case counted"
    passed = max(0, min(passed, total))
    return round(points * passed / total, 2), f"{passed} of {total} hidden cases passed"


def score_code(exercise, plan, outcomes, limits):
    """The Result of one code exercise from the plan and the cell outcomes."""
    flags = list(plan.flags.get(exercise.id, []))
    result = Result(exercise.id, exercise.kind, exercise.points, status="")
    if exercise.id in plan.settled:
        result.status = _with_flags(plan.settled[exercise.id], flags)
        return result
    mine = [(cell, outcome) for cell, outcome in zip(plan.cells, outcomes) if cell.exercise == exercise.id]
    result.seconds = round(sum(o["seconds"] for _, o in mine if o), 3)
    by_role = {}
    for cell, outcome in mine:
        by_role.setdefault(cell.role, []).append(outcome)
    answers = by_role.get("support", []) + by_role.get("answer", [])   # the student's own code
    public, hidden = by_role.get("public", [None])[0], by_role.get("hidden", [None])[0]
    result.details = {"public": (public or {}).get("text", ""), "failure": "", "traceback": ""}

    fatal = [o for o in answers + [public] if o and o["status"] in ("dead", "timeout")]
    answer_error = next((o for o in answers if o and o["status"] == "error"), None)
    if fatal:
        where = " in your exercise cell" if fatal[0] in answers else ""
        result.status = _error_status(fatal[0], limits, where)
    elif hidden is None or hidden["status"] == "skipped":
        result.status = "error: the hidden tests did not run"
    elif hidden["status"] == "ok":
        result.status, result.points = "ok", exercise.points
    elif hidden["status"] == "forbidden":
        result.status = _hidden_status(hidden, limits)
    elif hidden["ename"] == "NotImplementedError" and not answer_error:
        result.status = "unanswered"
    elif answer_error:
        result.status = _error_status(answer_error, limits, " in your exercise cell")
        result.details["traceback"] = answer_error.get("traceback", "")
    else:
        result.status = _hidden_status(hidden, limits)
        if hidden["ename"] == "NamedMistake":
            result.mistake, result.details["mistake_hint"] = parse_mistake(hidden["evalue"])
        if hidden["status"] == "error" and hidden.get("cases"):
            result.points, note = partial_points(exercise.points, hidden["cases"])
            flags.insert(0, note)
    if hidden and hidden.get("status") in ("error", "forbidden"):
        result.details["failure"] = one_line(f"{hidden['ename']}: {hidden['evalue']}" if hidden["ename"]
                                             else hidden["evalue"], 500)
    result.status = _with_flags(result.status, flags)
    return result


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
    result = Result(exercise.id, exercise.kind, exercise.points, status="")
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
                flags.append("the answer is right for the variant it was given for")
        spec = chosen
    else:
        others = [other for other in others if other is not None and not isinstance(other, VariantSpecs)]
    if spec is None:
        result.status = f"error: the solution has no quick check {exercise.id!r}"
    elif answers is None:
        result.status = answers_problem
    else:
        if record is None or record.get("answer") in (None, "", []):
            result.status = "unanswered"
        elif any(score_quick_check(each, record.get("answer")) for each in [spec, *others]):
            result.status, result.points = "ok", exercise.points
        else:
            claims = record.get("correct") is True or record.get("status") == "correct"
            result.status = "wrong" + ("; the answers file claims 'correct'" if claims and not mismatch else "")
            result.mistake, hint = mistake_of(spec, record.get("answer"), with_hint=True)
        if record is not None:
            result.details = {"answer": one_line(repr(record.get("answer")), 200), "tries": record.get("try")}
            if result.mistake:
                result.details["mistake_hint"] = hint
    if variant:
        result.details["variant"] = variant
    result.status = _with_flags(result.status, flags)
    return result


def _quoted(text, limit):
    """Untrusted text inside a status: one line, clipped, no ``;`` (it separates status parts)
    and no double quote (it delimits the text), between double quotes."""
    return '"' + one_line(str(text), limit).replace(";", ",").replace('"', "'") + '"'


def variant_flag(answered, answered_as, variant, student):
    """The flag of a quick check answered with other numbers than the graded student's variant."""
    who = (f" (student id {_quoted(answered_as, 30)})" if isinstance(answered_as, str) and answered_as.strip()
           else " (no student id set)")
    return (f"answered variant {_quoted(answered, 50)}{who}, graded with variant {_quoted(variant, 50)} "
            f"of student id {_quoted(student, 30)}")


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
    result = Result(exercise.id, exercise.kind, exercise.points, status="")
    if answers is None:
        result.status = answers_problem
        return result
    try:
        facts = _layers_truth(exercise)
    except Exception as err:   # the course's mistake, not the student's
        result.status = one_line(f"error: the reference model of {exercise.id!r} cannot be built: {err}")
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
    if not first:
        result.status = "unanswered" + ("; revealed" if revealed else "")
        return result
    result.points = round(exercise.points * right / len(boxes), 2) if boxes else 0.0
    result.status = "ok" if right == len(boxes) else f"wrong: {right} of {len(boxes)} predictions right"
    if revealed:
        result.status += "; revealed"
    result.mistake = " ".join(dict.fromkeys(mistakes))
    result.details = {"right": right, "boxes": len(boxes), "revealed": revealed, "mistake_hints": hints}
    return result

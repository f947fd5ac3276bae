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


def with_flags(status, flags):
    """``status; flag; flag…`` within ``MAX_STATUS`` characters; a flag that does not fit whole is left out."""
    text = status[:MAX_STATUS]
    for flag in flags:          # whole flags only: a flag cut in the middle reads (and translates) as nonsense
        if len(text) + 2 + len(flag) > MAX_STATUS:
            break
        text += f"; {flag}"
    return text


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
        result.status = with_flags(plan.settled[exercise.id], flags)
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
    result.status = with_flags(result.status, flags)
    return result

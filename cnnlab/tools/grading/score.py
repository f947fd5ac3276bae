"""From what happened to a verdict: one ``Result`` per exercise, with its status.

A status is data (``status.Status``: a code and its values, then flags), written in the
gradebook as stable English that starts with one word, optionally followed by ``: detail``
and by ``; flag`` parts (the dashboard groups by the first word)::

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
tag …``, ``used from your other cells: …``, ``the answers file claims 'correct'``. Every code's
wording, in both languages, is in ``status_messages.py``.
"""

from dataclasses import asdict, dataclass, field

from cnnlab.exercises.mistakes import parse as parse_mistake
from cnnlab.tools.grading.status import Status, one_line, part

_OUT_OF_MEMORY = ("can't allocate memory", "unable to allocate", "out of memory", "cannot allocate memory")


@dataclass
class Result:
    exercise: str
    kind: str
    max_points: float
    state: Status                                  # what happened, as data (status.py)
    points: float = 0.0
    seconds: float = 0.0
    details: dict = field(default_factory=dict)   # public report, failure, traceback (for feedback)
    mistake: str = ""                              # the named mistake a wrong answer makes (if declared)

    @property
    def status(self):
        """The status in the gradebook's stable English words."""
        return self.state.text("en")

    @property
    def word(self):
        return self.state.word

    def to_record(self):
        """The result as the stored results keep it: the English status and the Status as data."""
        record = {name: value for name, value in asdict(self).items() if name != "state"}
        return {**record, "status": self.status, "status_data": self.state.to_data()}


def _error_status(outcome, limits, in_cell=False):
    """The status of a cell that did not end well (dead, timeout, exception); ``in_cell``: the
    student's exercise cell."""
    where = "_in_cell" if in_cell else ""
    if outcome.get("start_failed"):
        return Status.of("error.kernel_start", why=outcome.get("evalue", ""))
    if outcome["status"] == "dead":
        return Status.of("error.died" + where, mib=limits.memory_mib)
    if outcome["status"] == "timeout":
        if outcome.get("limit") == "total":
            return Status.of("timeout.total", seconds=limits.total_timeout)
        return Status.of("timeout.exercise_cell" if in_cell else "timeout.cell", seconds=limits.cell_timeout)
    ename, evalue = outcome.get("ename", "?"), outcome.get("evalue", "")
    if ename.endswith("MemoryError") or any(text in evalue.lower() for text in _OUT_OF_MEMORY):
        return Status.of("error.memory" + where, mib=limits.memory_mib)
    if ename == "SystemExit":
        return Status.of("error.exit" + where)
    if outcome.get("raised"):        # the student's own exception, raised in a call from the hidden tests
        if not evalue:
            return Status.of("error.function_raised_bare", name=outcome["raised"])
        return Status.of("error.function_raised", name=outcome["raised"], message=evalue)
    return Status.of("error.raised" + where, what=f"{ename}: {evalue}" if evalue else ename)


def forbidden_status(outcome):
    """The status of a forbidden call the call monitor saw (``outcome["forbidden"]``: what it saw)."""
    seen = outcome.get("forbidden") or {}
    if seen.get("tampered"):
        return Status.of("forbidden.tampered", what=seen["tampered"])
    if seen.get("called"):
        return Status.of("forbidden.called", what=seen["called"])
    return Status.of("forbidden.other", what=outcome.get("evalue") or "?")


def _hidden_status(hidden, limits):
    """The status of an exercise from the outcome of its hidden tests (run in the trusted process)."""
    if hidden["status"] == "ok":
        return Status.of("ok")
    if hidden["status"] == "forbidden":
        return forbidden_status(hidden)
    if hidden["status"] == "timeout":
        if hidden.get("limit") == "total":
            return Status.of("timeout.total", seconds=limits.total_timeout)
        return Status.of("timeout.function", seconds=limits.cell_timeout)
    if hidden["status"] == "dead":
        return Status.of("error.died_in_function", mib=limits.memory_mib)
    if hidden["ename"] == "AssertionError":
        return Status.of("wrong.hidden_case", case=hidden["evalue"]) if hidden["evalue"] else Status.of("wrong.hidden")
    if hidden["ename"] == "NamedMistake":
        return Status.of("wrong.mistake", mistake=parse_mistake(hidden["evalue"])[0])
    if hidden.get("code"):           # the hidden tests' own reason (reference.Stop): what came back is not data
        return Status.of(hidden["code"], **hidden.get("values", {}))
    return _error_status(hidden, limits)


def partial_points(points, cases):
    """Points for ``cases["passed"]`` of ``cases["total"]`` hidden cases (an exercise with
    ``partial = true``): ``points × passed / total``, rounded to 0.01; and the status flag that says so.
    A case after one where the function raised was not reached, so it counts as failed."""
    passed, total = int(cases.get("passed", 0)), int(cases.get("total", 0))
    if total <= 0:
        return 0.0, part("flag.no_case")
    passed = max(0, min(passed, total))
    return round(points * passed / total, 2), part("flag.partial", passed=passed, total=total)


def score_code(exercise, plan, outcomes, limits):
    """The Result of one code exercise from the plan and the cell outcomes."""
    flags = list(plan.flags.get(exercise.id, []))
    result = Result(exercise.id, exercise.kind, exercise.points, plan.settled.get(exercise.id))
    if result.state is not None:
        result.state = result.state.flagged(*flags)
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
        result.state = _error_status(fatal[0], limits, in_cell=fatal[0] in answers)
    elif hidden is None or hidden["status"] == "skipped":
        result.state = Status.of("error.hidden_not_run")
    elif hidden["status"] == "ok":
        result.state, result.points = Status.of("ok"), exercise.points
    elif hidden["status"] == "forbidden":
        result.state = _hidden_status(hidden, limits)
    elif hidden["ename"] == "NotImplementedError" and not answer_error:
        result.state = Status.of("unanswered")
    elif answer_error:
        result.state = _error_status(answer_error, limits, in_cell=True)
        result.details["traceback"] = answer_error.get("traceback", "")
    else:
        result.state = _hidden_status(hidden, limits)
        if hidden["ename"] == "NamedMistake":
            result.mistake, result.details["mistake_hint"] = parse_mistake(hidden["evalue"])
        if hidden["status"] == "error" and hidden.get("cases"):
            result.points, note = partial_points(exercise.points, hidden["cases"])
            flags.insert(0, note)
    if hidden and hidden.get("status") in ("error", "forbidden"):
        result.details["failure"] = one_line(f"{hidden['ename']}: {hidden['evalue']}" if hidden["ename"]
                                             else hidden["evalue"], 500)
    result.state = result.state.flagged(*flags)
    return result

"""The trusted reference process's namespace, where hidden tests call the student's functions through proxies.

``Reference`` runs the solution's setup cells in a namespace of its own (no student code ever
runs in it). Each exercise's hidden tests then run there, with the exercise's functions bound
to ``Proxy`` objects: a call sends its arguments to the kernel as data (``wire``), the kernel
runs the student's function under the time limit and the call monitor (``serve``), and only
data comes back.
"""

import ast
import contextlib
import io
import json
import threading
import time

from cnnlab.exercises.expect import tally_cases
from cnnlab.tools.grading import wire
from cnnlab.tools.grading.limits import ANSWER_BYTES, CALL_MARGIN, TEXT_KEPT
from cnnlab.tools.grading.session import blank


class StudentError(Exception):
    """The student's function raised (in the kernel); its type name and message, as data."""

    def __init__(self, ename, message):
        super().__init__(f"{ename}: {message}" if message else ename)
        self.ename, self.message = ename, message


def student_type_name(name):
    """An exception type name chosen by the student's code, marked as theirs (``NamedMistake`` or
    ``AssertionError`` from a student must not read as the hidden tests' own verdict)."""
    return f"{name} (raised by your function)"


class Stop(BaseException):
    """Ends the hidden tests of an exercise at once: ``status`` and ``evalue`` say why; ``code`` and
    ``values`` are the grading status it leads to (``status_messages.py``), ``seen`` what the call
    monitor saw (a forbidden call)."""

    def __init__(self, status, evalue="", ename="", code="", values=None, seen=None):
        super().__init__(evalue)
        self.status, self.evalue, self.ename = status, evalue, ename
        self.code, self.values, self.seen = code, dict(values or {}), seen


class Calls:
    """What the proxies of one exercise share: the kernel, the time budget, what was printed."""

    def __init__(self, session, forbid, budget, deadline):
        self.session, self.forbid, self.budget, self.deadline = session, list(forbid), budget, deadline
        self.printed = []


class Proxy:
    """Stands for the student's function ``name`` in the hidden tests: calls it in the kernel."""

    def __init__(self, name, calls):
        self.__name__, self._calls = name, calls

    def __repr__(self):
        return f"<the student's {self.__name__}>"

    def __call__(self, *args, **kwargs):
        calls = self._calls
        seconds = min(calls.budget, calls.deadline - time.monotonic())
        if seconds <= 0:
            raise Stop("timeout", ename="total" if calls.deadline - time.monotonic() <= 0 else "cell")
        request = {"name": self.__name__, "args": wire.to_data(list(args)), "kwargs": wire.to_data(dict(kwargs)),
                   "forbid": calls.forbid, "seconds": seconds}
        code = f"__import__('cnnlab.tools.grading.serve', fromlist=['call']).call({json.dumps(request)!r})"
        started = time.monotonic()
        outcome = calls.session.run(code, seconds + CALL_MARGIN, output_bytes=ANSWER_BYTES)
        calls.budget -= time.monotonic() - started
        if outcome["status"] == "timeout":
            raise Stop("timeout", ename="cell")
        if outcome["status"] == "dead":
            raise Stop("dead", ename=outcome.get("ename", ""), evalue=outcome.get("evalue", ""))
        answer = _read_answer(outcome)
        calls.printed.append(str(answer.get("stdout", ""))[:TEXT_KEPT])
        if answer.get("forbidden"):
            seen = {"called": str(answer.get("forbidden_call") or "")[:200], "tampered": str(answer.get("tampered") or "")[:200]}
            raise Stop("forbidden", evalue=str(answer["forbidden"])[:200], seen=seen)
        if answer.get("timeout"):
            raise Stop("timeout", ename="cell")
        if answer.get("error"):
            ename, message = (list(answer["error"]) + ["", ""])[:2]
            if ename == "NotImplementedError":
                raise NotImplementedError(str(message))
            raise StudentError(str(ename)[:80], str(message)[:500])
        if answer.get("not_data"):
            values = {"name": self.__name__, "value": str(answer["not_data"])[:80]}
            raise Stop("error", ename="NotData", evalue=f"{values['name']} returned {values['value']}, which cannot be graded",
                       code="error.not_data", values=values)
        try:
            return wire.from_data(answer.get("value"))
        except (ValueError, TypeError, KeyError) as err:
            values = {"name": self.__name__, "why": str(err)}
            raise Stop("error", ename="NotData", evalue=f"{self.__name__}'s answer could not be read ({err})",
                       code="error.unreadable_answer", values=values)


def _read_answer(outcome):
    """The JSON answer ``serve.call`` returned as the cell's result (untrusted: parsed as data only)."""
    text = outcome.get("result")
    if outcome["status"] != "ok" or not text:
        why = f"{outcome.get('ename') or 'no result'}: {outcome.get('evalue', '')[:120]}"
        raise Stop("error", ename="NoAnswer", evalue=f"the call did not answer ({why}); was the grader's module "
                   "in the kernel changed?", code="error.no_answer", values={"why": why})
    try:
        answer = json.loads(ast.literal_eval(text))
        if not isinstance(answer, dict):
            raise ValueError("not an object")
        return answer
    except (ValueError, SyntaxError, MemoryError, RecursionError) as err:
        raise Stop("error", ename="NoAnswer", evalue=f"the call's answer could not be read ({type(err).__name__})",
                   code="error.call_unreadable", values={"why": type(err).__name__})


def _no_check(*args, **kwargs):
    """``check_function`` in the trusted process: the public cases already ran in the kernel."""
    return None


class Reference:
    """The trusted namespace: the solution's setup cells, run in a thread while the kernel starts."""

    def __init__(self, sources):
        self.namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        self.problems = []
        self.thread = threading.Thread(target=self._setup, args=(list(sources),), daemon=True)
        self.thread.start()

    def _setup(self, sources):
        for source in sources:
            try:   # (what it prints goes to the worker's log: redirecting would affect every thread)
                exec(compile(source, "<solution setup>", "exec"), self.namespace)
            except BaseException as err:  # a setup cell that fails here fails the tests that need it
                self.problems.append(f"{type(err).__name__}: {err}"[:300])

    def count_cases(self, source, solution):
        """How many cases the hidden tests ``source`` check, counted on the reference ``solution``
        (trusted code, from the solution notebook); None when it cannot run here."""
        self.thread.join()
        namespace = dict(self.namespace)
        namespace["check_function"] = _no_check
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(solution, "<solution>", "exec"), namespace)
                with tally_cases(keep_going=True) as tally:
                    exec(compile(source, "<hidden tests>", "exec"), namespace)
        except Exception as err:
            self.problems.append(f"counting the hidden cases: {type(err).__name__}: {err}"[:300])
            return None
        return tally.total or None

    def run_hidden(self, source, names, calls, solution=""):
        """The outcome of the check cell ``source`` with ``names`` bound to proxies.

        With ``solution`` (an exercise with points per hidden case), a failed case does not stop
        the tests: ``outcome["cases"]`` says how many of the cases (counted on the solution)
        passed, and the first failure is the outcome's message.
        """
        total = self.count_cases(source, solution) if solution else None
        namespace = dict(self.namespace)
        namespace["check_function"] = _no_check
        namespace.update({name: Proxy(name, calls) for name in names})
        started = time.monotonic()
        outcome = blank("ok")
        tally = None
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                    tally_cases(keep_going=total is not None) as tally:
                exec(compile(source, "<hidden tests>", "exec"), namespace)
            if tally.failures:
                first = tally.failures[0]
                outcome.update(status="error", ename=type(first).__name__, evalue=str(first)[:500])
        except Stop as stop:
            outcome.update(status=stop.status, ename=stop.ename, evalue=stop.evalue)
            outcome.update({"code": stop.code, "values": stop.values} if stop.code else {})
            outcome.update({"forbidden": stop.seen} if stop.seen else {})
        except StudentError as err:   # the type name is the student's: marked, so no status rule matches it
            outcome.update(status="error", ename=student_type_name(err.ename), evalue=err.message, student=True,
                           raised=err.ename)
        except AssertionError as err:   # or NamedMistake, a hidden test naming what the answer got wrong
            outcome.update(status="error", ename=type(err).__name__, evalue=str(err)[:500])
        except Exception as err:  # a test that cannot use what came back (a list without .shape, …)
            outcome.update(status="error", ename=type(err).__name__, evalue=str(err)[:500])
        if total is not None and tally is not None:
            outcome["cases"] = {"passed": min(tally.passed, total), "total": total}
        outcome["text"] = "".join(calls.printed)[:TEXT_KEPT]
        outcome["seconds"] = round(time.monotonic() - started, 3)
        if outcome["status"] == "timeout" and outcome["ename"] in ("cell", "total"):
            outcome["limit"], outcome["ename"] = outcome["ename"], ""
        return outcome

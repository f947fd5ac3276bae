"""Inside the student's kernel: call one of the student's functions on data, answer with data.

The trusted grader sends, as the code of one cell::

    __import__("cnnlab.tools.grading.serve", fromlist=["call"]).call('<request JSON>')

``call`` decodes the arguments (``wire``: data only), looks the function up by name in
the notebook's namespace, runs it under the time limit and the call monitor
(``cnnlab.exercises.monitor``), and returns the answer as JSON text — the cell's
result, which the grader reads back::

    {"value": <wire data> | null, "error": [type name, message] | null,
     "not_data": "", "forbidden": "forbidden: called …" | "", "forbidden_call": "cnnlab.ops.corr2d" | "",
     "tampered": "sys.setprofile" | "", "stdout": "what the function printed (cut)"}

Nothing of the grader's reaches this process but the request: no expected value,
no hidden test. Everything this module answers is untrusted on the other side.
"""

import io
import json
from contextlib import redirect_stderr, redirect_stdout

from cnnlab.exercises.timelimit import TookTooLong, call_with_time_limit
from cnnlab.exercises.monitor import Rules, watch
from cnnlab.tools.grading import wire

PRINTED_KEPT = 4000   # characters of what the function printed that go back


class _Capped(io.TextIOBase):
    """A text sink that keeps the first ``PRINTED_KEPT`` characters and drops the rest."""

    def __init__(self):
        self.parts, self.size = [], 0

    def write(self, text):
        if self.size < PRINTED_KEPT:
            self.parts.append(str(text)[: PRINTED_KEPT - self.size])
        self.size += len(text)
        return len(text)

    def getvalue(self):
        return "".join(self.parts) + ("\n[…]" if self.size > PRINTED_KEPT else "")


def _namespace():
    from IPython import get_ipython
    shell = get_ipython()
    if shell is not None:
        return shell.user_ns
    import __main__
    return vars(__main__)


def call(request_text):
    """Run the requested call; the answer as JSON text (see the module docstring)."""
    request = json.loads(request_text)
    answer = {"value": None, "error": None, "not_data": "", "forbidden": "", "forbidden_call": "", "tampered": "",
              "stdout": "", "timeout": False}
    func = _namespace().get(request["name"])
    if not callable(func):
        answer["error"] = ["NameError", f"name {request['name']!r} is not defined"]
        return json.dumps(answer)
    args, kwargs = wire.from_data(request["args"]), wire.from_data(request["kwargs"])
    rules = Rules.from_names(request.get("forbid", []))
    printed = _Capped()
    with redirect_stdout(printed), redirect_stderr(printed):
        try:
            seen = call_with_time_limit(lambda: watch(func, args, kwargs, rules=rules), (),
                                        float(request.get("seconds", 30)))
        except TookTooLong:
            seen = None
    answer["stdout"] = printed.getvalue()
    if seen is None or isinstance(seen.error, TookTooLong):
        answer["timeout"] = True
        return json.dumps(answer)
    answer["forbidden"], answer["forbidden_call"], answer["tampered"] = seen.verdict, seen.forbidden, seen.tampered
    if seen.error is not None:
        answer["error"] = [type(seen.error).__name__, _message(seen.error)]
    else:
        try:
            answer["value"] = wire.to_data(seen.value)
        except wire.NotData as err:
            answer["not_data"] = str(err)
        except Exception as err:  # a tensor subclass whose conversion raises, …
            answer["not_data"] = f"a {type(seen.value).__name__} ({type(err).__name__})"
    return json.dumps(answer, allow_nan=True)


def _message(err):
    try:
        return str(err)[:500]
    except Exception:  # an exception whose __str__ raises
        return ""

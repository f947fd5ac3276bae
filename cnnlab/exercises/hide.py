"""The build step that takes quick-check answers out of student notebooks.

In a solution, a quick check is written with its answer in plain sight::

    numeric("conv1_params", answer=34944, explanation="(11·11·3 + 1)·96 = 34,944", ...)

``hide_quick_check_answers`` (a ``cnnlab build`` step, signature ``step(nb, lang)``)
rewrites each such call in the student version: ``answer=34944`` becomes
``key="<salted sha-256>"`` and the explanation string is sealed with the answer
(or veiled, when ``reveal_after=`` asks for it after N tries); each named mistake
``(id, wrong_answer, hint)`` becomes ``(key, sealed id and hint)``; see
``cnnlab.exercises.keys``. Only those two spans of the source change, so the
rest of the cell (and the zh/en code-cell equality) is untouched.
"""

import ast
import json

from cnnlab.cells import mask_magics, parse_python
from cnnlab.exercises.keys import mistake_key, seal, veil
from cnnlab.exercises.spec import SpecError, canonical_answer, quick_check_calls, spec_from_call
from cnnlab.i18n import say


def _offsets(source):
    """Byte offset of the start of each line (ast positions are UTF-8 byte columns)."""
    starts, total = [], 0
    for line in source.encode().split(b"\n"):
        starts.append(total)
        total += len(line) + 1
    return starts


def _span(node, starts):
    return (starts[node.lineno - 1] + node.col_offset, starts[node.end_lineno - 1] + node.end_col_offset)


def hide_answers_in_source(source):
    """``source`` with every quick check's ``answer=`` replaced by ``key=`` and its explanation sealed."""
    try:
        tree = parse_python(mask_magics(source))
    except SyntaxError:
        return source
    starts, edits = _offsets(source), []
    for kind, call in quick_check_calls(tree):
        keywords = {kw.arg: kw for kw in call.keywords}
        if "answer" not in keywords:
            continue
        spec = spec_from_call(kind, call)
        answer = ast.literal_eval(keywords["answer"].value)
        edits.append((_span(keywords["answer"], starts), f"key={json.dumps(spec.key)}"))
        if "explanation" in keywords:
            try:
                text = ast.literal_eval(keywords["explanation"].value)
            except ValueError:
                raise SpecError(say(zh="快速检查 {x!r}：explanation= 必须是字符串字面值",
                                    en="quick check {x!r}: explanation= must be a string literal",
                                    x=spec.exercise)) from None
            if text:
                hidden = (veil(text, spec.exercise) if "reveal_after" in keywords
                          else seal(text, spec.exercise, canonical_answer(kind, answer, spec.digits)))
                edits.append((_span(keywords["explanation"].value, starts), json.dumps(hidden)))
        if "mistakes" in keywords:
            sealed = _sealed_mistakes(kind, spec, ast.literal_eval(keywords["mistakes"].value))
            edits.append((_span(keywords["mistakes"].value, starts), sealed))
    data = source.encode()
    for (first, last), text in sorted(edits, reverse=True):
        data = data[:first] + text.encode() + data[last:]
    return data.decode()


def _sealed_mistakes(kind, spec, mistakes):
    """The student form of ``mistakes=``: ``[(key, sealed "id\\nhint"), ...]``."""
    entries = []
    for mistake_id, wrong, hint in mistakes:
        canonical = canonical_answer(kind, wrong, spec.digits)
        entries.append(f"({json.dumps(mistake_key(spec.exercise, canonical))}, "
                       f"{json.dumps(seal(mistake_id + chr(10) + hint, spec.exercise + '#mistake', canonical))})")
    return "[" + ", ".join(entries) + "]"


def hide_quick_check_answers(nb, lang):
    """Build step: hide the answers of every quick check in the notebook's code cells."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = hide_answers_in_source(cell.source)
    return nb

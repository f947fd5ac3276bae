"""The build step that takes quick-check answers out of student notebooks.

In a solution, a quick check is written with its answer in plain sight::

    numeric("conv1_params", answer=34944, explanation="(11·11·3 + 1)·96 = 34,944", ...)

``hide_quick_check_answers`` (a ``cnnlab build`` step, signature ``step(job) -> job``
over a ``cnnlab.tools.pipeline.steps.NotebookJob``) rewrites each such call in the
student version: ``answer=34944`` becomes ``key="<salted sha-256>"`` and the
explanation string is sealed with the answer (or veiled, when ``reveal_after=``
asks for it after N tries); each named mistake ``(id, wrong_answer, hint)``
becomes ``(key, sealed id and hint)``; see ``cnnlab.exercises.keys``. Only those
two spans of the source change, so the rest of the cell (and the zh/en code-cell
equality) is untouched.
"""

import ast
import base64
import json
import zlib

from cnnlab.cells import mask_magics, parse_python
from cnnlab.exercises.keys import answer_key, mistake_key, seal, veil
from cnnlab.exercises.spec import (SpecError, canonical_answer, quick_check_calls, spec_from_call, variant_problems,
                                   variants_of_call)
from cnnlab.exercises.variants import PACKED, function_definition
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
        if "variants" in keywords:
            edits.extend(_variant_edits(kind, tree, call, keywords, source))
            continue
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


def _variant_edits(kind, tree, call, keywords, source):
    """A call with ``variants=vary(function, ...)``: the packed variants (keys, sealed explanations)
    in place of ``vary(...)``, and the function's definition (with the blank lines after it)
    removed from the cell: it computes the answers."""
    if isinstance(keywords["variants"].value, ast.Constant):    # already packed (built twice)
        return []
    variants, spec = variants_of_call(kind, call, tree)    # SpecError for a function that cannot make them
    definition = function_definition(tree, call)
    problems = variant_problems(kind, variants, spec)
    if problems:
        raise SpecError(say(zh="快速检查 {x!r}：{p}", en="quick check {x!r}: {p}",
                            x=spec.exercise, p=say(zh="；", en="; ").join(problems)))
    packed = pack_variants(kind, spec.exercise, variants, spec.specs[0].digits, reveal="reveal_after" in keywords)
    starts, lines = _offsets(source), source.split("\n")
    first = min([definition.lineno] + [d.lineno for d in definition.decorator_list]) - 1   # 0-based lines
    after = definition.end_lineno
    while after < len(lines) and not lines[after].strip():
        after += 1
    end = starts[after] if after < len(lines) else len(source.encode())
    return [(_span(keywords["variants"].value, starts), json.dumps(packed)), ((starts[first], end), "")]


def pack_variants(kind, exercise, variants, digits=0, reveal=False):
    """The ``variants=`` string of a student version (``cnnlab.exercises.variants``): per variant its
    label, prompt, hint, answer key, sealed explanation and sealed named mistakes, compressed."""
    entries = []
    for variant in variants:
        fields = variant.fields
        canonical = canonical_answer(kind, fields["answer"], digits)
        explanation = fields.get("explanation", "")
        if explanation:
            explanation = veil(explanation, exercise) if reveal else seal(explanation, exercise, canonical)
        mistakes = []
        for mistake_id, wrong, hint in fields.get("mistakes", ()):
            wrong_canonical = canonical_answer(kind, wrong, digits)
            mistakes.append([mistake_key(exercise, wrong_canonical),
                             seal(mistake_id + "\n" + hint, exercise + "#mistake", wrong_canonical)])
        entry = {"label": variant.label, "key": answer_key(exercise, canonical), "prompt": fields.get("prompt", ""),
                 "hint": fields.get("hint", ""), "explanation": explanation, "mistakes": mistakes}
        if "options" in fields:
            entry["options"] = list(fields["options"])
        entries.append(entry)
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
    return PACKED + base64.b64encode(zlib.compress(data, 9)).decode()


def _sealed_mistakes(kind, spec, mistakes):
    """The student form of ``mistakes=``: ``[(key, sealed "id\\nhint"), ...]``."""
    entries = []
    for mistake_id, wrong, hint in mistakes:
        canonical = canonical_answer(kind, wrong, spec.digits)
        entries.append(f"({json.dumps(mistake_key(spec.exercise, canonical))}, "
                       f"{json.dumps(seal(mistake_id + chr(10) + hint, spec.exercise + '#mistake', canonical))})")
    return "[" + ", ".join(entries) + "]"


def hide_quick_check_answers(job):
    """Build step: hide the answers of every quick check in the code cells of ``job.nb``.

    ``job`` is a ``cnnlab.tools.pipeline.steps.NotebookJob``; this module is shipped to students
    and the pipeline is not, so it only reads ``job.nb`` and imports nothing from the pipeline."""
    for cell in job.nb.cells:
        if cell.cell_type == "code":
            cell.source = hide_answers_in_source(cell.source)
    return job

"""What a quick check is, read from a cell's source without running it; scoring an answer.

A quick-check cell calls ``numeric``, ``choice`` or ``shape`` with literal
arguments only (the solution has ``answer=``, the student version ``key=``)::

    _ = numeric("conv1_params", answer=34944, digits=0, unit="parameters",
                prompt="...", hint="...", explanation="...")

``quick_check_specs(source)`` parses such a cell with ``ast`` (nothing is
executed) and returns one ``QuickCheckSpec`` per call. The grader calls
``score_quick_check(spec, recorded_answer)``: a pure function that re-reads the
recorded raw answer exactly as the widget did and compares its key; the
recorded "correct" flag is never trusted. Specs of the zh and en solutions are
equal (same keys); only ``unit``, a display string that the student may type
after a number, differs: score with the solution in the notebook's language.
"""

import ast
from dataclasses import dataclass, field

from cnnlab.cells import mask_magics, parse_python
from cnnlab.i18n import say
from cnnlab.exercises.keys import (NotAnAnswer, answer_key, canonical_choice, canonical_number,
                                   canonical_shape, mistake_key, number_candidates, parse_number,
                                   parse_shape)

QUICK_KINDS = ("numeric", "choice", "shape")


class SpecError(ValueError):
    """A quick-check call whose arguments are not literals, or that lacks its id or answer."""


@dataclass(frozen=True)
class QuickCheckSpec:
    """Everything needed to score an answer; no display text."""
    exercise: str
    kind: str  # numeric | choice | shape
    key: str
    digits: int = 0
    tolerance: float = 0
    unit: str = field(default="", compare=False)  # display text: differs between zh and en
    multiple: bool = False
    options: int = 0  # number of options of a choice
    mistakes: tuple = ()  # keys of the named wrong answers (the same in solution and student versions)
    mistake_ids: tuple = field(default=(), compare=False)  # their ids; "" in student versions
    mistake_hints: tuple = field(default=(), compare=False)  # their targeted hints; "" in student versions


def canonical_answer(kind, answer, digits=0):
    """The canonical form of an author's answer (a literal of the solution)."""
    if kind == "numeric":
        return canonical_number(parse_number(str(answer)), digits)
    if kind == "shape":
        return canonical_shape(parse_shape(answer))
    if kind == "choice":
        return canonical_choice(answer)
    raise SpecError(say(zh="未知的快速检查类型 {k!r}", en="unknown quick-check kind {k!r}", k=kind))


def mistake_entries(kind, exercise, mistakes, digits=0, right_key=None):
    """``((id, key, hint), ...)`` from a quick check's ``mistakes=`` argument.

    A solution writes ``[(id, wrong_answer, hint), ...]``; the student version
    (``cnnlab build``) holds ``[(key, sealed_id_and_hint), ...]`` instead.
    """
    entries = []
    for entry in mistakes or ():
        if not isinstance(entry, (tuple, list)) or len(entry) not in (2, 3):
            raise SpecError(say(zh="快速检查 {x!r}：每个常见错误写成 (id, wrong_answer, hint)",
                                en="quick check {x!r}: each mistake is (id, wrong_answer, hint)", x=exercise))
        if len(entry) == 2:
            entries.append(("", str(entry[0]), ""))
            continue
        mistake_id, wrong, hint = entry
        if not isinstance(mistake_id, str) or not mistake_id.isidentifier():
            raise SpecError(say(zh="快速检查 {x!r}：常见错误的 id 必须是简短的名字，如 'forgot_bias'",
                                en="quick check {x!r}: a mistake id must be a short name like 'forgot_bias'",
                                x=exercise))
        key = mistake_key(exercise, canonical_answer(kind, wrong, digits))
        if right_key is not None and answer_key(exercise, canonical_answer(kind, wrong, digits)) == right_key:
            raise SpecError(say(zh="快速检查 {x!r}：常见错误 {m!r} 就是正确答案",
                                en="quick check {x!r}: mistake {m!r} is the right answer", x=exercise, m=mistake_id))
        entries.append((mistake_id, key, str(hint)))
    ids = [i for i, _, _ in entries if i]
    if len(set(ids)) != len(ids):
        raise SpecError(say(zh="快速检查 {x!r}：两个常见错误的 id 相同",
                            en="quick check {x!r}: two mistakes have the same id", x=exercise))
    return tuple(entries)


def make_spec(kind, exercise, *, answer=None, key=None, digits=0, tolerance=0, unit="",
              multiple=False, options=(), mistakes=()):
    """A spec from keyword values (the widget and the source parser both use this)."""
    if not isinstance(exercise, str) or not exercise:
        raise SpecError(say(zh="快速检查的第一个参数必须是练习 id，例如 numeric(\"conv1_params\", ...)",
                            en="a quick check needs its exercise id as first argument, "
                               "e.g. numeric(\"conv1_params\", ...)"))
    if (answer is None) == (key is None):
        raise SpecError(say(zh="快速检查 {x!r}：answer=（解答版）和 key=（学生版）必须恰好给出一个",
                            en="quick check {x!r}: give exactly one of answer= (solution) or key= (student)",
                            x=exercise))
    if kind == "choice" and answer is not None and not isinstance(answer, int) and not multiple:
        raise SpecError(say(zh="快速检查 {x!r}：有多个答案时需要 multiple=True",
                            en="quick check {x!r}: several answers need multiple=True", x=exercise))
    if answer is not None:
        key = answer_key(exercise, canonical_answer(kind, answer, digits))
    return QuickCheckSpec(exercise=exercise, kind=kind, key=key, digits=int(digits),
                          tolerance=tolerance or 0, unit=unit or "", multiple=bool(multiple),
                          options=len(options), **_mistake_fields(mistake_entries(kind, exercise, mistakes, digits, key)))


def _mistake_fields(entries):
    return {"mistakes": tuple(key for _, key, _ in entries), "mistake_ids": tuple(i for i, _, _ in entries),
            "mistake_hints": tuple(hint for _, _, hint in entries)}


def candidates(spec, answer):
    """Canonical forms the raw ``answer`` may match; raises NotAnAnswer for input that is no answer."""
    if spec.kind == "numeric":
        return number_candidates(parse_number(answer, spec.unit), spec.digits, spec.tolerance)
    if spec.kind == "shape":
        return [canonical_shape(parse_shape(answer))]
    if spec.kind == "choice":
        picked = [answer] if isinstance(answer, int) else list(answer or [])
        if not picked or not all(isinstance(i, int) and not isinstance(i, bool) for i in picked):
            raise NotAnAnswer("请先选择一个选项", "pick an option first")
        if spec.options and not all(0 <= i < spec.options for i in picked):
            raise NotAnAnswer("没有这个选项", "there is no such option")
        return [canonical_choice(picked)]
    raise SpecError(say(zh="未知的快速检查类型 {k!r}", en="unknown quick-check kind {k!r}", k=spec.kind))


def matching_canonical(spec, answer):
    """The canonical form of ``answer`` whose key is the spec's key, or None (wrong answer)."""
    for canonical in candidates(spec, answer):
        if answer_key(spec.exercise, canonical) == spec.key:
            return canonical
    return None


def matching_mistake(spec, answer):
    """``(index, canonical)`` of the first named mistake that ``answer`` makes, or None."""
    for canonical in candidates(spec, answer):
        wanted = mistake_key(spec.exercise, canonical)
        for index, key in enumerate(spec.mistakes):
            if key == wanted:
                return index, canonical
    return None


def mistake_of(spec, recorded_answer, with_hint=False):
    """The id of the named mistake a recorded answer makes ("" if none, or if the spec is a
    student version without ids); ``(id, hint)`` with ``with_hint``. Pure; never raises for garbage."""
    if isinstance(recorded_answer, dict):
        recorded_answer = recorded_answer.get("answer")
    try:
        found = matching_mistake(spec, recorded_answer)
    except (NotAnAnswer, TypeError, ValueError, ArithmeticError):
        found = None
    if found is None:
        return ("", "") if with_hint else ""
    index = found[0]
    return (spec.mistake_ids[index], spec.mistake_hints[index]) if with_hint else spec.mistake_ids[index]


def score_quick_check(spec, recorded_answer):
    """True when ``recorded_answer`` (raw text, option indices, or a record dict) is correct.

    Pure and safe: never raises for garbage answers (they score False).
    """
    if isinstance(recorded_answer, dict):
        recorded_answer = recorded_answer.get("answer")
    try:
        return matching_canonical(spec, recorded_answer) is not None
    except (NotAnAnswer, TypeError, ValueError, ArithmeticError):
        return False


# --- reading specs from a cell's source ----------------------------------------------------

_FIELDS = {"answer", "key", "digits", "tolerance", "unit", "multiple", "options", "mistakes"}


def quick_check_calls(tree):
    """``[(kind, ast.Call)]`` for every ``numeric(...)``/``choice(...)``/``shape(...)`` call."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in QUICK_KINDS:
                found.append((name, node))
    return sorted(found, key=lambda item: (item[1].lineno, item[1].col_offset))


def _literal(node, exercise, name):
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise SpecError(say(zh="快速检查 {x!r}：{n}= 必须是字面值（直接写出值，不要写表达式）",
                            en="quick check {x!r}: {n}= must be a literal (write the value, not an expression)",
                            x=exercise, n=name)) from None


def spec_from_call(kind, call, tree=None):
    """The QuickCheckSpec of one parsed call (only its literal arguments are read), or the
    VariantSpecs of a call with ``variants=`` (``tree``: the cell, which defines the variant function)."""
    if any(kw.arg == "variants" for kw in call.keywords):
        return variants_of_call(kind, call, tree)[1]
    exercise = _literal(call.args[0], "?", "the id") if call.args else None
    return make_spec(kind, exercise, **_call_values(call, exercise))


def _call_values(call, exercise):
    return {kw.arg: _literal(kw.value, exercise, kw.arg) for kw in call.keywords if kw.arg in _FIELDS}


def variants_of_call(kind, call, tree=None):
    """``([Variant], VariantSpecs)`` of a call with ``variants=``: its variant function runs once
    (``cnnlab.exercises.variants.variants_in_source``); SpecError when it cannot make them."""
    from cnnlab.exercises.variants import VariantError, variants_in_source
    exercise = _literal(call.args[0], "?", "the id") if call.args else None
    try:
        variants = variants_in_source(tree or ast.Module(body=[], type_ignores=[]), call)
    except VariantError as err:
        raise SpecError(say(zh="快速检查 {x!r}：{e}", en="quick check {x!r}: {e}", x=exercise, e=err)) from None
    return variants, variant_specs(kind, exercise, variants, **_call_values(call, exercise))


def variant_specs(kind, exercise, variants, **values):
    """``VariantSpecs``: one spec per variant (solution variants carry answers, student ones keys)."""
    from cnnlab.exercises.variants import VariantSpecs
    specs = []
    for variant in variants:
        fields = {name: variant.fields[name] for name in ("answer", "key", "mistakes") if name in variant.fields}
        options = variant.fields.get("options", values.get("options", ()))
        specs.append(make_spec(kind, exercise, **{**values, **fields, "options": options}))
    return VariantSpecs(exercise, kind, tuple(v.label for v in variants), tuple(specs))


def variant_problems(kind, variants, specs):
    """What is wrong with a solution's variants (for ``cnnlab build`` and ``cnnlab check``):
    fewer than ``MIN_VARIANTS`` distinct answers, a named mistake equal to the answer or to another
    mistake, a text left empty or with an unfilled ``{placeholder}``, or an answer that the
    variant's own check does not accept."""
    from cnnlab.exercises.variants import MIN_VARIANTS, typed_answer
    problems = []
    if len({spec.key for spec in specs.specs}) < MIN_VARIANTS:
        problems.append(say(zh="{v} 个变体中只有 {n} 个不同的答案；至少要有 {m} 个",
                            en="{n} distinct answers among {v} variants; give at least {m}",
                            n=len({s.key for s in specs.specs}), v=len(variants), m=MIN_VARIANTS))
    for variant, spec in zip(variants, specs.specs):
        fields = variant.fields
        if not str(fields.get("prompt", "")).strip():
            problems.append(say(zh="变体 {v!r}：prompt= 是空的", en="variant {v!r}: empty prompt", v=variant.label))
        for name in ("prompt", "hint", "explanation"):
            text = str(fields.get(name, ""))
            if "{" in text or "}" in text:
                problems.append(say(zh="变体 {v!r}：{name}= 里留着一个 {{占位符}}（f 字符串漏写了 f？）",
                                    en="variant {v!r}: the {name} has a {{placeholder}} left "
                                       "(an f-string without its f?)",
                                    v=variant.label, name=name))
        if len(set(spec.mistakes)) != len(spec.mistakes):
            problems.append(say(zh="变体 {v!r}：两个常见错误给出同一个错误答案",
                                en="variant {v!r}: two named mistakes give the same wrong answer", v=variant.label))
        if not score_quick_check(spec, typed_answer(kind, fields["answer"])):
            problems.append(say(zh="变体 {v!r}：它的检查不接受它自己的答案 {a!r}",
                                en="variant {v!r}: its check does not accept its own answer {a!r}",
                                v=variant.label, a=fields["answer"]))
    return problems


def quick_check_specs(source):
    """Every quick check in a cell's source, in order; raises SpecError for a malformed call."""
    try:
        tree = parse_python(mask_magics(source))
    except SyntaxError as err:
        raise SpecError(say(zh="单元格不是有效的 Python 代码：{e}", en="cell is not valid Python: {e}", e=err)) from None
    return [spec_from_call(kind, call, tree) for kind, call in quick_check_calls(tree)]

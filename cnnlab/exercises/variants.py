"""Quick checks with variants: each student gets their own numbers.

A solution writes one function that makes the whole check from its numbers, and lists the
values each number may take::

    def conv2_params_check(kernels, size):
        weights = size * size * 96
        return dict(answer=(weights + 1) * kernels,
                    prompt=f"... {kernels} kernels of {size}×{size} ...",
                    hint="...", explanation=f"({size}·{size}·96 + 1)·{kernels} = ...",
                    mistakes=[("forgot_bias", weights * kernels, "each kernel also has a bias")])

    numeric("conv2_params", digits=0, unit="parameters",
            variants=vary(conv2_params_check, kernels=[256, 128, 384, 192], size=[5, 3]))

``vary`` calls the function for every combination of the values (8 variants here; the first
value of each list makes variant 1, the *default*). The function may return ``answer``,
``prompt``, ``hint``, ``explanation``, ``mistakes`` and (for ``choice``) ``options``; a named
mistake's wrong answer is computed by making the mistake with the variant's numbers. The
function must use nothing but its arguments (``cnnlab build`` runs it on its own).

Which variant a student sees::

    variant = 0                                           with no student id (the default)
    variant = int(SHA-256(SALT|exercise|normalized id)) mod number of variants

``cnnlab build`` replaces the function and the ``vary(...)`` call in the student version by
``variants="cnnlab-variants/1:<data>"``: for each variant its label, prompt, hint, answer key,
sealed explanation and sealed named mistakes (``cnnlab.exercises.keys``), zlib-compressed
and base64-encoded, so no variant's answer is readable. The grader computes the variant from
the student id it grades (``VariantSpecs.choose``) and never trusts the one recorded.
"""

import ast
import base64
import builtins
import hashlib
import itertools
import json
import zlib
from dataclasses import dataclass, field

from cnnlab.exercises.identity import normalized_id
from cnnlab.exercises.keys import SALT
from cnnlab.i18n import say

PACKED = "cnnlab-variants/1:"
FIELDS = ("answer", "prompt", "hint", "explanation", "mistakes", "options")
MIN_VARIANTS = 4  # each check with variants has at least this many, with distinct answers (cnnlab check)


class VariantError(ValueError):
    """A variant function or a ``variants=`` argument that cannot make a check."""


@dataclass(frozen=True)
class Variant:
    label: str      # "kernels=256, size=5"
    fields: dict    # answer (or key), prompt, hint, explanation, mistakes, options
    values: dict = field(default_factory=dict)   # {"kernels": 256, "size": 5} (solution side only)


def label_of(values):
    """``"kernels=256, size=5"``: a variant's numbers, as shown to the student and recorded."""
    return ", ".join(f"{name}={value}" for name, value in values.items())


def vary(function, **choices):
    """``[Variant, ...]``: ``function(**values)`` for every combination of the ``choices``
    (``name=[value, ...]``), the first values first."""
    if not callable(function):
        raise VariantError(say(zh="vary(function, ...)：第一个参数必须是生成练习的函数",
                               en="vary(function, ...): the first argument must be the function that makes the check"))
    if not choices or not all(isinstance(values, (list, tuple)) and values for values in choices.values()):
        raise VariantError(say(zh="vary({f})：为每个参数给出一个非空的取值列表，例如 size=[5, 3]",
                               en="vary({f}): give each parameter a non-empty list of values, e.g. size=[5, 3]",
                               f=function.__name__))
    names = list(choices)
    variants = []
    for combination in itertools.product(*(choices[name] for name in names)):
        values = dict(zip(names, combination))
        fields = function(**values)
        if not isinstance(fields, dict) or "answer" not in fields or set(fields) - set(FIELDS):
            raise VariantError(say(zh="{f}({v}) 必须返回一个含 answer 的 dict，可用的键：{k}",
                                   en="{f}({v}) must return a dict with an answer; allowed keys: {k}",
                                   f=function.__name__, v=label_of(values), k=", ".join(FIELDS)))
        variants.append(Variant(label_of(values), dict(fields), values))
    return variants


def variant_index(exercise, student, count):
    """Which of ``count`` variants the student sees: 0 without an id, else a hash of the id."""
    student = normalized_id(student)
    if not student or count <= 1:
        return 0
    digest = hashlib.sha256(f"{SALT}|variant|{exercise}|{student}".encode()).hexdigest()
    return int(digest, 16) % count


# --- the student version: keys and sealed text instead of answers (``hide.pack_variants``) ---

def unpack(packed):
    """``[Variant, ...]`` of a student version's ``variants=`` string (keys instead of answers)."""
    if not isinstance(packed, str) or not packed.startswith(PACKED):
        raise VariantError(say(zh="variants= 不是 cnnlab build 生成的变体数据", en="variants= is not variant data made by cnnlab build"))
    try:
        entries = json.loads(zlib.decompress(base64.b64decode(packed[len(PACKED):])).decode())
    except (ValueError, zlib.error) as err:
        raise VariantError(say(zh="变体数据已损坏（{e}）", en="the variant data is damaged ({e})", e=err)) from None
    variants = []
    for entry in entries:
        fields = {"key": entry["key"], "prompt": entry.get("prompt", ""), "hint": entry.get("hint", ""),
                  "explanation": entry.get("explanation", ""), "mistakes": [tuple(m) for m in entry.get("mistakes", ())]}
        if "options" in entry:
            fields["options"] = entry["options"]
        variants.append(Variant(entry["label"], fields))
    return variants


def as_variants(variants):
    """A solution's ``[Variant, ...]`` or a student version's packed string, as ``[Variant, ...]``."""
    if isinstance(variants, str):
        return unpack(variants)
    if isinstance(variants, (list, tuple)) and variants and all(isinstance(v, Variant) for v in variants):
        return list(variants)
    raise VariantError(say(zh="variants= 要写成 vary(函数, 参数=[取值, ...])",
                           en="variants= takes vary(function, name=[value, ...])"))


# --- reading a solution's variants from source, without running the notebook ---------------

def variants_in_source(tree, call):
    """``[Variant, ...]`` of a solution's ``variants=vary(function, name=[...])`` call: runs only
    the cell's definition of ``function`` (trusted: the author's solution), with no globals."""
    node = next((kw.value for kw in call.keywords if kw.arg == "variants"), None)
    if isinstance(node, ast.Constant):
        return unpack(node.value)
    if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "vary" and node.args
            and isinstance(node.args[0], ast.Name)):
        raise VariantError(say(zh="variants= 必须写成 vary(函数名, 参数=[取值, ...])",
                               en="variants= must be written vary(function_name, name=[value, ...])"))
    name = node.args[0].id
    definition = next((item for item in tree.body if isinstance(item, ast.FunctionDef) and item.name == name), None)
    if definition is None:
        raise VariantError(say(zh="vary({f}, ...)：函数 {f} 必须定义在同一个单元格里",
                               en="vary({f}, ...): define {f} in the same cell", f=name))
    try:
        choices = {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
    except ValueError:
        raise VariantError(say(zh="vary({f}, ...)：取值列表必须是字面值", en="vary({f}, ...): the value lists must be literals",
                               f=name)) from None
    namespace = {"__builtins__": builtins}
    exec(compile(ast.Module(body=[definition], type_ignores=[]), f"<variants of {name}>", "exec"), namespace)
    return vary(namespace[name], **choices)


def function_definition(tree, call):
    """The ``def`` node of the function a ``variants=vary(...)`` call names (None otherwise)."""
    node = next((kw.value for kw in call.keywords if kw.arg == "variants"), None)
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name):
        return next((item for item in tree.body if isinstance(item, ast.FunctionDef)
                     and item.name == node.args[0].id), None)
    return None


@dataclass(frozen=True)
class VariantSpecs:
    """The scoring specs of every variant of one quick check (what the grader needs)."""
    exercise: str
    kind: str
    labels: tuple
    specs: tuple   # QuickCheckSpec per variant, in order

    def choose(self, student):
        """``(label, spec)`` of the student's variant, computed from the id (never from a record)."""
        index = variant_index(self.exercise, student, len(self.specs))
        return self.labels[index], self.specs[index]


def typed_answer(kind, answer):
    """What a student types (or picks) for ``answer``: ``"(96, 55, 55)"``, ``"34944"``, an index."""
    if kind == "shape":
        return "(" + ", ".join(str(n) for n in answer) + ")"
    if kind == "choice":
        return answer
    return str(answer)

"""``predict_layers``: the student predicts each layer of a model, then cnnlab reveals it.

One row per layer (execution order, from :func:`cnnlab.layer_facts`): the label a diagram
gives it, one box per asked quantity, a Check button and a feedback line. Check marks each
filled box ✓ or ✗ (empty boxes wait for a later check; a ✗ that is a named mistake names its rule, see ``layerchecks``) and only then
shows the true values. "Reveal all" shows every value and records that it did. A value that
cannot be computed exactly says so and has no box.

Every check is one record in the answers file (kind ``layers``)::

    {"exercise": "l05_layers", "kind": "layers", "row": 3, "layer": "features.3",
     "answer": {"shape": "16x14x14", "params": "448"}, "status": "wrong",
     "marks": {"shape": "correct", "params": "wrong"}, "mistakes": {"params": "no_bias"}, ...}

and "reveal all" appends ``{"exercise": ..., "status": "revealed", "answer": null}``. The grader
scores each box by its first prediction (later ones were made after seeing the truth).

Tests drive it without a browser: ``ex.rows[i].boxes["shape"].value = "8x32x32"``,
``ex.rows[i].button.click()``, then read ``ex.rows[i].message``.
"""

import ipywidgets as widgets

from cnnlab.exercises import messages
from cnnlab.exercises.answers import record
from cnnlab.exercises.layerchecks import QUANTITIES, judge, quantity_label, truth
from cnnlab.facts import layer_facts
from cnnlab.i18n import get_language, say

__all__ = ["predict_layers", "LayerPrediction"]


def _placeholder(quantity):
    """What to type, never a value: a format for shapes, the kind of number otherwise."""
    return "(C, H, W)" if quantity == "shape" else say(zh="整数", en="a whole number")


def _shown(value):
    if isinstance(value, tuple):
        return "×".join(map(str, value))
    return f"{value:,}" if isinstance(value, int) else str(value)


class LayerRowWidget:
    """One layer: label, boxes, Check, messages."""

    def __init__(self, owner, index, fact, module):
        self.owner, self.index, self.fact, self.module = owner, index, fact, module
        self.asked = [q for q in owner.ask if truth(fact, q) is not None]
        self.boxes = {q: widgets.Text(value="", placeholder=_placeholder(q), description=quantity_label(q),
                                      continuous_update=False, style={"description_width": "initial"})
                      for q in self.asked}
        self.button = widgets.Button(description=messages.button_label(), button_style="primary",
                                     disabled=not self.asked)
        self.button.on_click(self._on_click)
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class("cnnlab-feedback")
        self.message, self.marks = "", {}
        skipped = [q for q in owner.ask if q in fact.untraceable]
        if skipped:
            self._show("\n".join(say(zh="{q}：cnnlab 无法准确算出（{why}），这一项跳过",
                                     en="{q}: cnnlab cannot compute it exactly ({why}); skipped",
                                     q=quantity_label(q), why=fact.untraceable[q]) for q in skipped), "warn")
        head = widgets.HTML(value=f"<b>{index + 1}. {fact.label}</b> <code>{fact.name}</code>")
        self.box = widgets.VBox([head, widgets.HBox([*self.boxes.values(), self.button]), self.feedback])
        self.box.add_class("cnnlab-layer-row")

    def _on_click(self, _button=None):
        try:
            self.check()
        except Exception as err:  # never a traceback in the widget's callback
            self._show(messages.internal_error(f"{type(err).__name__}: {err}"), "warn")

    def check(self):
        raw = {q: self.boxes[q].value for q in self.asked if self.boxes[q].value.strip()}
        if not raw:
            return self._show(messages.invalid(say(zh="还没有输入答案", en="type an answer first")), "warn")
        verdicts = {q: judge(self.fact, self.module, q, raw[q]) for q in raw}
        invalid = [f"{quantity_label(q)}: {v[2]}" for q, v in verdicts.items() if v[0] == "invalid"]
        if invalid:
            return self._show(messages.invalid("; ".join(invalid)), "warn")
        self.marks = {q: v[0] for q, v in verdicts.items()}
        mistakes = {q: v[1] for q, v in verdicts.items() if v[1]}
        status = "correct" if all(v[0] == "correct" for v in verdicts.values()) else "wrong"
        lines = []
        for q, (word, _, hint) in verdicts.items():
            mark = "✓" if word == "correct" else "✗"
            line = say(zh="{m} {q}：{v}", en="{m} {q}: {v}", m=mark, q=quantity_label(q),
                       v=_shown(truth(self.fact, q)))
            if hint:
                line += " — " + messages.mistake_line(hint)
            lines.append(line)
        text = "\n".join(lines)
        try:
            self.owner.saved_to = record(self.owner.exercise, "layers", raw, status, stem=self.owner.lesson,
                                         row=self.index, layer=self.fact.name, marks=self.marks,
                                         mistakes=mistakes, lang=get_language())
        except OSError as err:
            text += "\n" + messages.not_saved(err)
        self._show(text, "ok" if status == "correct" else "bad")

    def reveal(self):
        """Show the truth of every box not checked yet; a checked row keeps its ✓ / ✗ and hints."""
        lines = [say(zh="{q}：{v}", en="{q}: {v}", q=quantity_label(q), v=_shown(truth(self.fact, q)))
                 for q in self.asked if q not in self.marks]
        if lines:
            kept = self.message if self.marks else ""
            self._show("\n".join(([kept] if kept else []) + lines), "bad" if kept and "✗" in kept else "info")

    def _show(self, text, tone):
        self.message = text
        self.feedback.value = messages.as_html(text, tone)


class LayerPrediction:
    """The widget of :func:`predict_layers`: ``rows`` (one per layer), ``reveal_button``."""

    def __init__(self, exercise, model, input_shape, ask, lesson=None):
        unknown = [q for q in ask if q not in QUANTITIES]
        if isinstance(ask, str) or unknown or not ask:
            raise ValueError(say(zh="ask 应是 {all} 中若干项的元组，收到 {a!r}",
                                 en="ask must be a tuple of some of {all}, got {a!r}", all=QUANTITIES, a=ask))
        self.exercise, self.ask, self.lesson, self.saved_to = exercise, tuple(ask), lesson, None
        self.rows, self.problem = [], ""
        model = built_model(model)
        if model is None:
            self.problem = say(zh="先搭出模型：补全上面构造模型的函数，运行它的单元格，再运行这个单元格",
                               en="Build the model first: complete the function above that builds it, run its "
                                  "cell, then run this cell again")
        else:
            self.facts = layer_facts(model, input_shape)
            self.problem = differs_from_specification(self.facts, specified_layers(exercise, lesson), input_shape)
        if not self.problem:
            self.rows = [LayerRowWidget(self, i, fact, self.facts.module(fact)) for i, fact in enumerate(self.facts)]
        self.reveal_button = widgets.Button(description=say(zh="显示全部答案", en="Reveal all"),
                                            button_style="warning", disabled=bool(self.problem))
        self.reveal_button.on_click(self._reveal_all)
        self.reveal_button.add_class("cnnlab-reveal-all")
        notice = [widgets.HTML(value=messages.as_html(self.problem, "warn"))] if self.problem else []
        self.box = widgets.VBox(notice + [row.box for row in self.rows] + [self.reveal_button])
        self.box.add_class("cnnlab-exercise")
        self.box.add_class(f"cnnlab-exercise-{exercise}")
        self.revealed = False
        self._displayed = False

    def _reveal_all(self, _button=None):
        self.revealed = True
        try:
            self.saved_to = record(self.exercise, "layers", None, "revealed", stem=self.lesson,
                                   lang=get_language())
        except OSError:
            pass
        for row in self.rows:
            if row.asked:
                row.reveal()

    def text(self):
        if self.problem:
            return self.problem
        return say(zh="（逐层预测练习 {ex}：在 JupyterLab 中运行本笔记本即可作答）",
                   en="(layers exercise {ex}: run this notebook in JupyterLab to answer)", ex=self.exercise)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.text()
        return bundle

    def _ipython_display_(self):
        if not self._displayed:
            from cnnlab.exercises.widgets import show
            show(self)


def built_model(model):
    """``model`` itself, or the model a function without arguments builds; None while that function
    is still the exercise's stub (raises ``NotImplementedError``)."""
    from torch import nn
    if isinstance(model, nn.Module):
        return model
    if callable(model):
        try:
            built = model()
        except NotImplementedError:
            return None
        if isinstance(built, nn.Module):
            return built
        model = built
    raise TypeError(say(zh="model 应是 nn.Module，或不带参数、返回 nn.Module 的函数；收到 {t}",
                        en="model must be an nn.Module, or a function without arguments that returns one; got {t}",
                        t=type(model).__name__))


def specified_layers(exercise, lesson=None):
    """``(layers, input_shape)`` the course manifest gives for the ``layers`` exercise (the model the
    grader scores against), or None (no manifest, or no such exercise)."""
    try:
        from cnnlab.manifest import load_manifest
        manifest = load_manifest()
    except Exception:  # a notebook outside the course: nothing to compare with
        return None
    for item in manifest.lessons:
        if lesson in (None, item.stem, item.number):
            for candidate in item.exercises:
                if candidate.id == exercise and candidate.kind == "layers" and candidate.layers:
                    return candidate.layers, tuple(candidate.input_shape)
    return None


def _signature(fact):
    return (fact.type, fact.output_shape, fact.params, fact.macs, fact.rf, fact.jump)


def differs_from_specification(facts, specified, input_shape):
    """"" when the model's rows are those of the specified model (what the grader scores against),
    else what differs, in the course language, without giving away any value to predict."""
    if specified is None:
        return ""
    from cnnlab.exercises.layerspec import build_model
    lines, wanted_shape = specified
    wanted = layer_facts(build_model(lines), wanted_shape)
    if tuple(input_shape) != tuple(wanted_shape):
        return say(zh="输入形状应是 {w}，这里是 {g}", en="the input shape should be {w}, not {g}",
                   w=tuple(wanted_shape), g=tuple(input_shape))
    for index, (mine, theirs) in enumerate(zip(facts, wanted)):
        if _signature(mine) != _signature(theirs):
            return say(zh="你的模型与题目的规格不一致：第 {i} 层（{label}）不是规格要求的那一层。请对照上面的说明"
                          "检查它的类型、卷积核、步幅、填充和通道数，运行构造模型的单元格，再运行这个单元格",
                       en="Your model differs from the specification: layer {i} ({label}) is not the layer the "
                          "specification asks for. Compare its type, kernel, stride, padding and channels with the "
                          "text above, run the cell that builds the model, then run this cell again",
                       i=index + 1, label=mine.label)
    if len(facts) != len(wanted):
        return say(zh="你的模型有 {g} 层，题目的规格是 {w} 层：请对照上面的说明补齐或删去多余的层",
                   en="Your model has {g} layers and the specification {w}: compare it with the text above",
                   g=len(facts), w=len(wanted))
    return ""


def predict_layers(model, input_shape, ask=("shape", "params", "rf"), *, exercise="layers", lesson=None):
    """Predict each layer of ``model`` (one image of ``input_shape``), then check: ✓ or ✗ with the rule.

    ``model``: an ``nn.Module``, or a function without arguments that builds one (a model the
    student writes: until the function is answered, the widget asks for it first).
    ``ask``: some of ``"shape"`` (output C×H×W), ``"params"``, ``"macs"``, ``"rf"`` (field extent r).
    ``exercise``: the id the answers file and the grader use (the manifest's ``layers`` exercise).
    Where the manifest specifies the exercise's model, a model whose layers differ from it gets no
    rows, only what differs: the grader scores the predictions against the specified model.
    """
    from cnnlab.exercises.widgets import show
    return show(LayerPrediction(exercise, model, input_shape, ask, lesson=lesson))

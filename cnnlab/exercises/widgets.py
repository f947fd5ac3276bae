"""Quick-check widgets: ``numeric``, ``choice`` and ``shape``.

Each call builds an ipywidgets box (prompt, input, Check button, feedback),
shows it, and returns the exercise object. A click reads the input, compares
its key with the exercise's key, answers in the course language (a hint after
a wrong try, the worked explanation after a correct one, or after
``reveal_after`` wrong tries), and appends the check to the answers file
(``cnnlab.exercises.answers``). Input that is not an answer (empty, a word in
a number field, ``1e309``, 10,000 characters) gets a friendly message and does
not count as a try. Nothing here raises into the notebook after construction.

``mistakes=[(id, wrong_answer, hint), ...]`` names typical wrong answers: a
student who types one gets its targeted hint instead of the generic one, and
the answers file records the mistake's id (``cnnlab build`` seals them, see
``cnnlab.exercises.keys``).

Tests drive a widget without a browser: set ``ex.input.value`` (choices:
``ex.input.value = 2``; several answers: ``ex.boxes[i].value = True``), call
``ex.button.click()``, read ``ex.message`` (plain text of the feedback).
"""

import html

import ipywidgets as widgets

from cnnlab.exercises import messages
from cnnlab.exercises.answers import record
from cnnlab.exercises.keys import NotAnAnswer, unseal
from cnnlab.exercises.identity import student_id
from cnnlab.exercises.spec import make_spec, matching_canonical, matching_mistake
from cnnlab.exercises.variants import as_variants, variant_index
from cnnlab.i18n import get_language, say

RECORDED_INPUT = 1000  # characters of a (possibly huge) input kept in the answers file
KIND_ZH = {"numeric": "数值", "choice": "选择", "shape": "形状"}


class QuickCheck:
    kind = ""

    def __init__(self, exercise, *, prompt="", hint="", explanation="", answer=None, key=None,
                 digits=0, tolerance=0, unit="", multiple=False, options=(), reveal_after=None,
                 lesson=None, mistakes=(), variants=None):
        self.variant, self.variant_note, self.student = "", "", ""
        if variants is not None:   # this student's numbers: their prompt, answer (or key) and mistakes
            chosen = choose_variant(exercise, variants)
            self.variant, self.variant_note, self.student = chosen["label"], chosen["note"], chosen["student"]
            prompt, hint, explanation = chosen.get("prompt", ""), chosen.get("hint", ""), chosen.get("explanation", "")
            answer, key = chosen.get("answer"), chosen.get("key")
            mistakes, options = chosen.get("mistakes", ()), chosen.get("options", options)
        self.spec = make_spec(self.kind, exercise, answer=answer, key=key, digits=digits,
                              tolerance=tolerance, unit=unit, multiple=multiple, options=options,
                              mistakes=mistakes)
        self.mistakes = [tuple(entry) for entry in mistakes or ()]
        self.exercise, self.prompt, self.hint = exercise, prompt, hint
        self.explanation, self.reveal_after, self.lesson = explanation, reveal_after, lesson
        self.options, self.unit = list(options), unit
        self.tries, self.solved, self.message, self.saved_to = 0, False, "", None
        self.input = self._make_input()
        self.button = widgets.Button(description=messages.button_label(), button_style="primary")
        self.button.on_click(self._on_click)
        self.feedback = widgets.HTMLMath(value="")
        row = [self.input] + ([widgets.Label(unit)] if unit else []) + [self.button]
        parts = [widgets.HTMLMath(value=prompt)]
        if self.variant_note:
            note = widgets.HTML(value=f"<small>{html.escape(self.variant_note)}</small>")
            note.add_class("cnnlab-variant")
            parts.append(note)
        self.box = widgets.VBox(parts + [widgets.HBox(row), self.feedback])
        # CSS classes: a stable handle for the browser test and for course themes.
        self.box.add_class("cnnlab-exercise")
        self.box.add_class(f"cnnlab-exercise-{exercise}")
        self.feedback.add_class("cnnlab-feedback")
        self._displayed = False

    # --- input ------------------------------------------------------------------------------
    def _make_input(self):
        return widgets.Text(value="", placeholder=say(zh="在这里输入答案", en="your answer"),
                            continuous_update=False)

    def raw_answer(self):
        return self.input.value

    # --- checking ---------------------------------------------------------------------------
    def check(self, value=None):
        """Set the input to ``value`` (if given), click Check, return the feedback text."""
        if value is not None:
            self.input.value = value
        self.button.click()
        return self.message

    def _on_click(self, _button=None):
        try:
            self._check()
        except Exception as err:  # never a traceback in the widget's callback
            self._show(messages.internal_error(f"{type(err).__name__}: {err}"), "warn")

    def _check(self):
        raw = self.raw_answer()
        try:
            canonical = matching_canonical(self.spec, raw)
        except NotAnAnswer as err:
            return self._save_and_show(raw, "invalid", messages.invalid(str(err)), "warn")
        self.tries += 1
        if canonical is not None:
            self.solved = True
            text = unseal(self.explanation, self.exercise, canonical) or ""
            return self._save_and_show(raw, "correct", messages.correct(text), "ok")
        mistake, targeted = self.named_mistake(raw)
        if self.reveal_after and self.tries >= self.reveal_after:
            text = unseal(self.explanation, self.exercise) or ""
            if targeted:
                text = messages.mistake_line(targeted) + "\n" + text
            return self._save_and_show(raw, "wrong", messages.revealed(self.tries, text), "bad", mistake)
        if targeted:
            return self._save_and_show(raw, "wrong", messages.mistake(self.tries, targeted), "bad", mistake)
        return self._save_and_show(raw, "wrong", messages.wrong(self.tries, self.hint), "bad")

    def named_mistake(self, raw):
        """``(id, targeted hint)`` of the typical mistake ``raw`` makes, or ``("", "")``."""
        found = matching_mistake(self.spec, raw)
        if found is None:
            return "", ""
        index, canonical = found
        entry = self.mistakes[index]
        if len(entry) == 3:                                  # the solution: id, wrong answer, hint
            return entry[0], entry[2]
        opened = unseal(entry[1], f"{self.exercise}#mistake", canonical) or ""
        mistake_id, _, hint = opened.partition("\n")
        return mistake_id, hint

    def _save_and_show(self, raw, status, text, tone, mistake=""):
        recorded = raw[:RECORDED_INPUT] if isinstance(raw, str) else raw
        details = {"try": self.tries, "lang": get_language()}
        if mistake:
            details["mistake"] = mistake
        if self.variant:
            details.update(variant=self.variant, student=self.student)   # the id that picked the variant
        try:
            self.saved_to = record(self.exercise, self.kind, recorded, status, stem=self.lesson, **details)
        except OSError as err:
            text += "\n" + messages.not_saved(err)
        self._show(text, tone)

    def _show(self, text, tone):
        self.message = text
        self.feedback.value = messages.as_html(text, tone)

    # --- display ----------------------------------------------------------------------------
    def text(self):
        """What a viewer without widgets shows (deterministic, so nbval can compare it)."""
        note = say(zh="（{kind_zh}练习 {ex}：在 JupyterLab 中运行本笔记本即可作答）",
                   en="({kind} exercise {ex}: run this notebook in JupyterLab to answer)",
                   kind=self.kind, kind_zh=KIND_ZH[self.kind], ex=self.exercise)
        lines = [self.prompt] if self.prompt else []
        return "\n".join(lines + ([self.variant_note] if self.variant_note else []) + [note])

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.text()
        return bundle

    def _ipython_display_(self):
        if not self._displayed:
            show(self)

    def __repr__(self):
        return f"<{type(self).__name__} {self.exercise!r}: {self.tries} tries, solved={self.solved}>"


class Numeric(QuickCheck):
    kind = "numeric"


class Shape(QuickCheck):
    kind = "shape"

    def _make_input(self):
        # A neutral placeholder: an example shape could be (or look like) the answer.
        return widgets.Text(value="", placeholder=say(zh="形如 (C, H, W)", en="like (C, H, W)"),
                            continuous_update=False)


class Choice(QuickCheck):
    kind = "choice"

    def _make_input(self):
        pairs = [(label, index) for index, label in enumerate(self.options)]
        if self.spec.multiple:
            self.boxes = [widgets.Checkbox(value=False, description=label, indent=False)
                          for label, _ in pairs]
            return widgets.VBox(self.boxes)
        return widgets.RadioButtons(options=pairs, value=None)

    def raw_answer(self):
        if self.spec.multiple:
            return [index for index, box in enumerate(self.boxes) if box.value]
        return self.input.value


def show(exercise):
    """Display ``exercise`` once (no-op outside IPython, e.g. in plain pytest)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return exercise
    if get_ipython() is not None:
        display(exercise._repr_mimebundle_(), raw=True)
        exercise._displayed = True
    return exercise


def numeric(exercise, *, answer=None, key=None, digits=0, tolerance=0, unit="", prompt="", hint="",
            explanation="", reveal_after=None, lesson=None, mistakes=(), variants=None):
    """A number to type: correct when, rounded half-up to ``digits`` decimals, it is within
    ``tolerance`` of the answer (also rounded); ``unit`` is shown and may be typed after it."""
    return show(Numeric(exercise, answer=answer, key=key, digits=digits, tolerance=tolerance, unit=unit,
                        prompt=prompt, hint=hint, explanation=explanation, reveal_after=reveal_after,
                        lesson=lesson, mistakes=mistakes, variants=variants))


def choice(exercise, *, options=(), answer=None, key=None, multiple=False, prompt="", hint="",
           explanation="", reveal_after=None, lesson=None, mistakes=(), variants=None):
    """Pick one option (``answer`` = its index) or several (``multiple=True``, ``answer`` = list)."""
    return show(Choice(exercise, options=options, answer=answer, key=key, multiple=multiple,
                       prompt=prompt, hint=hint, explanation=explanation, reveal_after=reveal_after,
                       lesson=lesson, mistakes=mistakes, variants=variants))


def shape(exercise, *, answer=None, key=None, prompt="", hint="", explanation="", reveal_after=None,
          lesson=None, mistakes=(), variants=None):
    """A tensor shape: ``(96, 55, 55)``, ``96x55x55``, ``[96, 55, 55]`` and ``96×55×55`` all count."""
    return show(Shape(exercise, answer=answer, key=key, prompt=prompt, hint=hint,
                      explanation=explanation, reveal_after=reveal_after, lesson=lesson, mistakes=mistakes,
                      variants=variants))


def choose_variant(exercise, variants):
    """The fields of this student's variant (``cnnlab.exercises.variants``), with its label and
    the line shown under the prompt: whose numbers these are, or how to get one's own."""
    variants = as_variants(variants)
    student = student_id()
    index = variant_index(exercise, student, len(variants))
    if student:
        note = say(zh="你的数字：变体 {i}/{n}，学号 {s}。", en="Your numbers: variant {i} of {n}, for student id {s}.",
                   i=index + 1, n=len(variants), s=student)
    else:
        note = say(zh="默认数字（变体 1/{n}）：还没有设置学号，而评分使用你学号对应的数字。"
                      "运行一次 cnnlab.set_student(\"你的学号\")（见第 00 课），再重新运行这个单元格。",
                   en="Default numbers (variant 1 of {n}): no student id is set, and your grade uses the numbers "
                      "of your id. Run cnnlab.set_student(\"your id\") once (lesson 00), then rerun this cell.",
                   n=len(variants))
    return {**variants[index].fields, "label": variants[index].label, "note": note, "student": student}

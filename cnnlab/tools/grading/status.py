"""A grading status as data: what happened (a code and its values), rendered in either language.

A ``Status`` is a list of ``Part``s: the verdict first, then flags (what the grader did)::

    Status.of("timeout.cell", seconds=5).flagged(Part("flag.graded_last"))

The gradebook keeps ``status.text("en")``: stable English, whose first word (``ok``, ``wrong``,
``unanswered``, ``forbidden``, ``timeout``, ``error``, ``missing``, ``malformed``) dashboards and
exports group by; the feedback page and the terminal show ``status.text(lang)``. Every code's
wording in both languages is one entry of ``status_messages.MESSAGES``, filled with ``say()``.
The stored results keep ``status.to_data()``, so a page is rendered from the data, never by
reading the English back.
"""

from dataclasses import dataclass, field

from cnnlab.i18n import say
from cnnlab.text import clip
from cnnlab.tools.grading.status_messages import MESSAGES

STATUS_WORDS = ("ok", "wrong", "unanswered", "forbidden", "timeout", "error", "missing", "malformed")
MAX_STATUS = 240      # characters of the verdict kept in a status (flags are added whole or not at all)
VALUE_CHARS = 160     # characters kept of one value (an exception's message, a file name)


def one_line(text, limit=VALUE_CHARS):
    """``text`` (any object) as one line of at most ``limit`` characters."""
    try:
        text = str(text)
    except Exception:          # an object whose __str__ raises
        text = f"<{type(text).__name__}>"
    return clip(" ".join(text.split()), limit)


def _clean(value):
    """A value as a status holds it: numbers as they are, any other value as one clipped line."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return one_line(value)


@dataclass
class Part:
    """One part of a status: a code of ``MESSAGES`` and the values its wording needs."""
    code: str
    values: dict = field(default_factory=dict)

    def text(self, lang=None):
        """The part in words: ``MESSAGES[code]`` filled with the values (an unknown code: the code)."""
        zh, en = MESSAGES.get(self.code, ("", ""))
        try:
            return say(zh=zh, en=en, lang=lang, **self.values) if en else self._plain()
        except (KeyError, ValueError, IndexError, TypeError):    # values that do not fit the wording
            return self._plain()

    def _plain(self):
        return " ".join(str(v) for v in [self.code, *self.values.values()])

    @property
    def word(self):
        """The status word of a verdict code: ``timeout.cell`` → ``timeout`` (of a stored text: its first word)."""
        return status_word(self.values.get("text", "")) if self.code == "text" else self.code.split(".")[0]


def status_word(text):
    """The first word of a status text: ok, wrong, unanswered, timeout, error, missing or malformed."""
    return str(text).split(":")[0].split(";")[0].split(" ")[0].strip()


def part(code, /, **values):
    """A ``Part`` whose text values are one clipped line each (``code`` is positional only, so a
    value may be called ``code``: a worker's exit code)."""
    return Part(code, {name: _clean(value) for name, value in values.items()})


@dataclass
class Status:
    """The verdict of one exercise and its flags."""
    parts: list

    @classmethod
    def of(cls, code, /, **values):
        return cls([part(code, **values)])

    @property
    def verdict(self):
        return self.parts[0]

    @property
    def word(self):
        """ok, wrong, unanswered, forbidden, timeout, error, missing or malformed."""
        return self.verdict.word

    def flagged(self, *flags):
        """This status with ``flags`` (Parts) added after the ones it has."""
        return Status([*self.parts, *flags])

    def text(self, lang=None):
        """``verdict; flag; flag…`` within ``MAX_STATUS`` characters: a flag that does not fit whole is
        left out (a flag cut in the middle reads as nonsense)."""
        text = clip(self.verdict.text(lang), MAX_STATUS)
        separator = say(zh="；", en="; ", lang=lang)
        for flag in self.parts[1:]:
            flag_text = flag.text(lang)
            if len(text) + len(separator) + len(flag_text) > MAX_STATUS:
                break
            text += separator + flag_text
        return text

    def __str__(self):
        return self.text("en")

    def map_values(self, change):
        """This status with ``change(values)`` applied to every part's values (to make them safe)."""
        return Status([Part(p.code, change(dict(p.values))) for p in self.parts])

    def to_data(self):
        """JSON data: ``[[code, {values}], …]``."""
        return [[p.code, dict(p.values)] for p in self.parts]

    @classmethod
    def from_data(cls, data, text=""):
        """The Status stored by ``to_data``; a record without one (an older results file) keeps its
        English ``text`` as it is."""
        try:
            parts = [Part(str(code), dict(values)) for code, values in data]
        except (TypeError, ValueError):
            parts = []
        return cls(parts) if parts else cls([Part("text", {"text": str(text)})])

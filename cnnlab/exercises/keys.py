"""Reading quick-check answers, their canonical forms, salted keys and sealed explanations.

A quick-check answer is compared through its *canonical form*, a short string
that every reasonable spelling of the same answer maps to:

    numeric  34944, "34,944", "3.4944e4 parameters" (digits=0)   -> "34944e0"
    shape    (96, 55, 55), "96x55x55", "[96, 55, 55]", "96×55×55" -> "96,55,55"
    choice   option indices {2, 0}                                -> "0,2"

The student notebook holds only ``answer_key(exercise, canonical)``, never the answer.
Every key comes from one deliberately slow, standard key derivation (``hashlib.pbkdf2_hmac``,
SHA-256, ``ITERATIONS`` rounds, salted with the course salt and the exercise id)::

    material   = PBKDF2-HMAC-SHA256(canonical, salt = SALT|exercise, ITERATIONS)
    answer key = HMAC-SHA256(material, "key")[:16 bytes]       mistake key = HMAC(material, "mistake")
    keystream  = SHA-256(HMAC(material, "seal") | counter) …   (sealed explanations)

The worked explanation, which would give the answer away, is *sealed*: XOR-ed with that
keystream, so it opens only for someone who typed a correct answer. Trade-off: this hides
answers from reading, grepping and quick searching, not from a patient student: answer spaces
are small. What the slow derivation buys, measured with ``benchmarks/bench_keys.py`` (CPU time
of one core of the CI machine, Python 3.11, ITERATIONS = 80,000)::

    one derivation                             18.3 ms
    checking one answer in the widget          19.0 ms   (worst of right, named mistake, wrong;
                                                          a tolerance of ±1 step: 3 candidates, ~57 ms)
    a numeric check's whole range, searched    614,657 guesses x 18.9 ms = 3.2 hours on one core
    a 3-D shape answer, sides up to 64         262,144 guesses = 1.4 hours

(the salted SHA-256 keys before issue 20 fell in 0.47 s and 0.16 s). A choice among 4 options
still falls at once: its key protects nothing but the effort of reading. ``cnnlab build``
derives 140 keys for the 13 lessons in both languages (one per quick check and named mistake;
the key, the mistake key and the seal of one canonical answer share one derivation), 3 s in all.
An explanation meant to be shown after N wrong tries cannot depend on the
answer; it is *veiled* (keystream from the exercise id only): not greppable,
but decodable by anyone who reads this module.

A *named mistake* (a typical wrong answer, e.g. the parameter count without the
biases) is stored the same way: the student version holds ``mistake_key`` of
the wrong answer and its id and targeted hint sealed with that wrong answer, so
the hint opens only for a student who typed that very mistake.
"""

import base64
import hashlib
import hmac
import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from cnnlab.i18n import say
from cnnlab.text import clip

SALT = "cnnlab/answers/2"
ITERATIONS = 80_000  # PBKDF2 rounds: ~19 ms of one core a key (figures in the module docstring)
MAX_INPUT = 200  # characters: longer input is not an answer
SHOWN_INPUT = 40  # characters of a rejected input quoted back
LARGEST = Decimal("1e15")  # no quick-check answer is this big; 1e309 is rejected, not overflowed
MAX_CANDIDATES = 1001  # grid points a numeric tolerance may span


class NotAnAnswer(ValueError):
    """Input that cannot be read as an answer of its kind; ``str()`` is in the course language."""

    def __init__(self, zh, en):
        super().__init__(en)
        self.zh, self.en = zh, en

    def __str__(self):
        return say(zh=self.zh, en=self.en)


def _text(raw):
    text = "" if raw is None else str(raw)
    if len(text) > MAX_INPUT:
        raise NotAnAnswer(f"输入太长（{len(text):,} 个字符），答案最多 {MAX_INPUT} 个字符",
                          f"that is {len(text):,} characters long; an answer has at most {MAX_INPUT}")
    text = text.strip()
    if not text:
        raise NotAnAnswer("还没有输入答案", "type an answer first")
    return text


# --- numbers -------------------------------------------------------------------------------

_THOUSANDS = re.compile(r"(?<=\d)[,_ \u00a0\u2009'](?=\d{3}(\D|$))")


def parse_number(raw, unit=None):
    """A finite Decimal from text like ``34944``, ``34,944``, ``3.5e-2`` or ``55 px`` (unit removed)."""
    text = _text(raw).replace("−", "-").replace("，", ",")
    if unit and text.lower().endswith(unit.strip().lower()):
        text = text[: -len(unit.strip())].strip()
    text = _THOUSANDS.sub("", text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise NotAnAnswer(f"“{clip(text, SHOWN_INPUT)}”不是一个数，请输入例如 42 或 3.5e-2",
                          f"{clip(text, SHOWN_INPUT)!r} is not a number; type e.g. 42 or 3.5e-2") from None
    if not value.is_finite():
        raise NotAnAnswer("请输入一个有限的数", "type a finite number")
    if value and value.adjusted() >= LARGEST.adjusted():   # before abs(): 1e1000000 would overflow it
        raise NotAnAnswer("这个数太大了，不可能是答案（绝对值应小于 10¹⁵）",
                          "that number is far too large to be the answer (it must be below 10^15)")
    if abs(value) >= LARGEST:
        raise NotAnAnswer("这个数太大了，不可能是答案（绝对值应小于 10¹⁵）",
                          "that number is far too large to be the answer (it must be below 10^15)")
    return value


def _grid(value, digits):
    """``value`` rounded half-up to ``digits`` decimal places, as an integer count of steps."""
    return int((Decimal(value) * (Decimal(10) ** digits)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def canonical_number(value, digits=0):
    """``"<steps>e<-digits>"``: the number rounded half-up to ``digits`` decimal places."""
    return f"{_grid(value, digits)}e{-digits}"


def number_candidates(value, digits=0, tolerance=0):
    """Canonical forms of every grid point within ``tolerance`` of ``value`` (rounded first)."""
    centre = _grid(value, digits)
    steps = int(Decimal(str(tolerance or 0)) * (Decimal(10) ** digits))
    steps = min(steps, MAX_CANDIDATES // 2)
    return [f"{centre + k}e{-digits}" for k in range(-steps, steps + 1)]


# --- shapes --------------------------------------------------------------------------------

_SHAPE_SEPARATORS = re.compile(r"[\s,x×X*，、;]+")


def parse_shape(raw):
    """A tuple of ints from ``(96, 55, 55)``, ``96x55x55``, ``[96, 55, 55]``, ``torch.Size([96, 55, 55])``…"""
    if isinstance(raw, (tuple, list)):
        raw = ", ".join(str(v) for v in raw)
    text = _text(raw)
    inner = re.sub(r"^(torch\.)?size", "", text, flags=re.IGNORECASE).strip()
    inner = inner.strip("()[]{}（）【】 ")
    parts = [p for p in _SHAPE_SEPARATORS.split(inner) if p]
    if not parts or not all(p.isdigit() and len(p) <= 9 for p in parts):
        raise NotAnAnswer(f"“{clip(text, SHOWN_INPUT)}”不是一个形状，请输入例如 (96, 55, 55) 或 96x55x55",
                          f"{clip(text, SHOWN_INPUT)!r} is not a shape; type e.g. (96, 55, 55) or 96x55x55")
    return tuple(int(p) for p in parts)


def canonical_shape(shape):
    return ",".join(str(int(n)) for n in shape)


# --- choices -------------------------------------------------------------------------------

def canonical_choice(indices):
    """Sorted option indices joined by commas; one index (an int) is a one-element answer."""
    if isinstance(indices, int):
        indices = [indices]
    return ",".join(str(i) for i in sorted({int(i) for i in indices}))


# --- keys and sealed text ------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _material(exercise, canonical):
    """PBKDF2-HMAC-SHA256 of the canonical answer, salted with the exercise: the slow step."""
    return hashlib.pbkdf2_hmac("sha256", canonical.encode(), f"{SALT}|{exercise}".encode(), ITERATIONS)


def _label(exercise, canonical, label):
    return hmac.new(_material(exercise, str(canonical)), label.encode(), hashlib.sha256).hexdigest()


def answer_key(exercise, canonical):
    """The key (32 hex digits) stored in student notebooks instead of the answer (slow: see ``ITERATIONS``)."""
    return _label(exercise, canonical, "key")[:32]


def mistake_key(exercise, canonical):
    """The key of a named mistake's wrong answer (another label than the answer's key)."""
    return _label(exercise, canonical, "mistake")[:32]


def _keystream(seed, length):
    out, counter = bytearray(), 0
    while len(out) < length:
        out += hashlib.sha256(f"{seed}|{counter}".encode()).digest()
        counter += 1
    return bytes(out[:length])


def _xor(data, seed):
    return bytes(a ^ b for a, b in zip(data, _keystream(seed, len(data))))


def seal(text, exercise, canonical):
    """``"sealed:<base64>"``: ``text`` readable only with the right canonical answer."""
    data = text.encode()
    return "sealed:" + base64.b64encode(_xor(data, _label(exercise, canonical, "seal"))).decode()


def veil(text, exercise):
    """``"veiled:<base64>"``: not greppable, but readable without the answer (reveal after N tries)."""
    return "veiled:" + base64.b64encode(_xor(text.encode(), f"{SALT}|veil|{exercise}")).decode()


def unseal(text, exercise, canonical=None):
    """The plain text of a sealed, veiled or plain ``text`` (None when it cannot be opened)."""
    if not text:
        return ""
    for prefix in ("sealed:", "veiled:"):
        if text.startswith(prefix):
            if prefix == "sealed:" and canonical is None:
                return None
            seed = _label(exercise, canonical, "seal") if prefix == "sealed:" else f"{SALT}|veil|{exercise}"
            try:
                return _xor(base64.b64decode(text[len(prefix):]), seed).decode()
            except (ValueError, UnicodeDecodeError):
                return None
    return text


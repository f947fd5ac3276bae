"""The course language (中文 / English) and bilingual messages.

Every message a student or instructor can see is written in both languages
next to the code that raises or prints it::

    from cnnlab.i18n import say
    raise ValueError(say(zh="步幅 stride 必须 ≥ 1，收到 {s}",
                         en="stride must be >= 1, got {s}", s=stride))

The current language is kept here: it starts as ``$CNNLAB_LANG`` (``zh`` or ``en``) and
defaults to English; a lesson's first cell calls ``cnnlab.set_language``.
"""

import os

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "en"
_language = None          # read from $CNNLAB_LANG on first use


class LanguageError(ValueError):
    """Raised for a language code that is neither 'zh' nor 'en'."""


def check_language(lang):
    """Return ``lang`` if it is a course language, else raise LanguageError."""
    if lang not in LANGUAGES:
        raise LanguageError(say(zh="未知的语言 {code!r}：请用 'zh'（中文）或 'en'（English）",
                                en="unknown language {code!r}: use 'zh' (中文) or 'en' (English)", code=lang))
    return lang


def get_language():
    """The current course language: 'zh' or 'en' (at first ``$CNNLAB_LANG``, else English)."""
    global _language
    if _language is None:
        env = os.environ.get("CNNLAB_LANG", DEFAULT_LANGUAGE).strip().lower()
        _language = env if env in LANGUAGES else DEFAULT_LANGUAGE
    return _language


def set_language(lang):
    """Switch every cnnlab message to ``lang`` ('zh' or 'en'); returns it."""
    global _language
    _language = check_language(lang)
    return _language


def say(zh, en, lang=None, **values):
    """Pick the message in the current (or given) language and fill ``{names}``."""
    text = zh if (lang or get_language()) == "zh" else en
    return text.format(**values) if values else text


# ---------------------------------------------------------------------------- checking zh text
import re as _re

_CODE_MARKS = set("/_.()=$'\"[]{}<>`")
_CHUNKS = _re.compile(r"[\s\u2E80-\uFFFF]+")     # split at spaces and at Chinese / full-width signs
_WORD = _re.compile(r"[A-Za-z]{3,}")
_CODE_SPAN = _re.compile(r"`[^`\n]*`")


def latin_words(text, allowed=()):
    """English words left in Chinese output: runs of 3+ ASCII letters, in order.

    A chunk between spaces and Chinese characters counts as code, and is skipped,
    when it holds a sign that prose does not use (``/ _ . ( ) = $ ' [ ]`` …: a
    path, ``cnnlab.fit(...)``, ``c_in``) or starts with ``--`` (a command-line
    flag), and so is an inline code span between backticks (`` `cnnlab execute --full 02` ``).
    ``allowed`` lists further words or whole chunks to skip (class names
    such as ``Conv2d``, units such as ``MACs``, proper nouns such as ``Debian``).
    """
    allowed = set(allowed)
    found = []
    for chunk in _CHUNKS.split(_CODE_SPAN.sub(" ", text)):
        if not chunk or chunk in allowed or chunk.startswith("--") or _CODE_MARKS & set(chunk):
            continue
        found += [word for word in _WORD.findall(chunk) if word not in allowed]
    return found

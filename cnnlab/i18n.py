"""The course language (中文 / English) and bilingual messages.

Every message a student or instructor can see is written in both languages
next to the code that raises or prints it::

    from cnnlab.i18n import say
    raise ValueError(say(zh="步幅 stride 必须 ≥ 1，收到 {s}",
                         en="stride must be >= 1, got {s}", s=stride))

The current language starts as ``$CNNLAB_LANG`` (``zh`` or ``en``) and
defaults to English; a lesson's first cell calls ``cnnlab.set_language``.
"""

import os

LANGUAGES = ("zh", "en")
_DEFAULT = "en"
_current = None


class LanguageError(ValueError):
    """Raised for a language code that is neither 'zh' nor 'en'."""


def check_language(lang):
    """Return ``lang`` if it is a course language, else raise LanguageError."""
    if lang not in LANGUAGES:
        raise LanguageError(
            f"unknown language {lang!r}: use 'zh' (中文) or 'en' (English)")
    return lang


def get_language():
    """The current course language: 'zh' or 'en'."""
    global _current
    if _current is None:
        env = os.environ.get("CNNLAB_LANG", _DEFAULT).strip().lower()
        _current = env if env in LANGUAGES else _DEFAULT
    return _current


def set_language(lang):
    """Switch every cnnlab message to ``lang`` ('zh' or 'en'); returns it."""
    global _current
    _current = check_language(lang)
    return _current


def say(zh, en, lang=None, **values):
    """Pick the message in the current (or given) language and fill ``{names}``."""
    text = zh if (lang or get_language()) == "zh" else en
    return text.format(**values) if values else text

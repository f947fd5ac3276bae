"""The settings a lesson can change: quick mode (``$CNNLAB_QUICK``) with its limits, and the language.

Quick mode shrinks data sets and epochs so that a lesson runs in seconds on a
laptop CPU; the tests and ``cnnlab execute`` turn it on. Its limits live here,
once, for the data loaders (``cnnlab.data``) and the training loop (``cnnlab.train``)::

    at most QUICK_EPOCHS = 2 epochs,
    at most QUICK_TRAIN = 2,000 training images and QUICK_TEST = 1,000 test images.

The course language ('zh' or 'en') is set with ``cnnlab.set_language`` and read
with ``cnnlab.get_language``; every message picks its text with ``cnnlab.i18n.say``.
"""

import os


QUICK_ENV = "CNNLAB_QUICK"
QUICK_EPOCHS = 2          # epochs ``fit`` runs at most
QUICK_TRAIN = 2_000       # training images kept per data set / seen per epoch
QUICK_TEST = 1_000        # test images kept per data set / measured per epoch


def quick_mode():
    """True when ``$CNNLAB_QUICK`` is set to 1/true/yes/on (tests set it automatically).

    Quick mode shrinks data sets and epochs so that a lesson runs in seconds on a
    laptop CPU; every lesson that trains says so in its output.
    """
    return os.environ.get(QUICK_ENV, "").strip().lower() in ("1", "true", "yes", "on")


LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "en"
_language = None          # read from $CNNLAB_LANG on first use


def get_language():
    """The current course language: 'zh' or 'en' (at first ``$CNNLAB_LANG``, else English)."""
    global _language
    if _language is None:
        env = os.environ.get("CNNLAB_LANG", DEFAULT_LANGUAGE).strip().lower()
        _language = env if env in LANGUAGES else DEFAULT_LANGUAGE
    return _language


def set_language(lang):
    """Switch every cnnlab message to ``lang`` ('zh' or 'en'); returns it."""
    from cnnlab.i18n import check_language   # i18n imports this module: import it when called
    global _language
    _language = check_language(lang)
    return _language

"""The course itself: its manifest, the lesson header, and quick mode."""

import os

QUICK_ENV = "CNNLAB_QUICK"


def quick_mode():
    """True when ``$CNNLAB_QUICK`` is set to 1/true/yes (tests set it automatically).

    Quick mode shrinks data sets and epochs so that a lesson runs in seconds on a
    laptop CPU; every lesson that trains says so in its output.
    """
    return os.environ.get(QUICK_ENV, "").strip().lower() in ("1", "true", "yes", "on")

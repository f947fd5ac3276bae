"""Settings for the whole test run (unit tests and the nbval notebook runs).

Quick mode is switched on here, before any kernel starts, so every notebook that
trains uses its small, fast configuration and says so in its output. `cnnlab execute`
stores solution outputs under the same settings.
"""

import json
import os
from functools import cache

import pytest

os.environ.setdefault("CNNLAB_QUICK", "1")
# The suite runs on two workers (pytest-xdist); one PyTorch thread per process (and per
# notebook kernel, which inherits this) keeps them from fighting over the two cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.pop("CNNLAB_LANG", None)  # each lesson sets its own language


# ---------------------------------------------------------------- which notebook runs are slow
# A lesson whose stored full-mode run took longer than this trains a network; its quick-mode run
# under nbval still takes tens of seconds, so its cells are marked slow (left out by -m "not slow").
SLOW_LESSON_SECONDS = 10


@cache
def stored_run_seconds(path):
    """The seconds a solution notebook's stored full-mode run took (its metadata ``cnnlab.seconds``); 0 if unknown."""
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return 0
    return metadata.get("cnnlab", {}).get("seconds", 0)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.suffix == ".ipynb" and stored_run_seconds(item.path) > SLOW_LESSON_SECONDS:
            item.add_marker(pytest.mark.slow)

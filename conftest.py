"""Settings for the whole test run (unit tests and the nbval notebook runs).

Quick mode is switched on here, before any kernel starts, so every notebook that
trains uses its small, fast configuration and says so in its output.
"""

import os

os.environ.setdefault("CNNLAB_QUICK", "1")
os.environ.pop("CNNLAB_LANG", None)  # each lesson sets its own language

"""Settings for the whole test run (unit tests and the nbval notebook runs).

Quick mode is switched on here, before any kernel starts, so every notebook that
trains uses its small, fast configuration and says so in its output. `cnnlab execute`
stores solution outputs under the same settings.
"""

import os

os.environ.setdefault("CNNLAB_QUICK", "1")
# The suite runs on two workers (pytest-xdist); one PyTorch thread per process (and per
# notebook kernel, which inherits this) keeps them from fighting over the two cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.pop("CNNLAB_LANG", None)  # each lesson sets its own language

"""The one rule for tests that need Debian packages: skip with a reason off CI, never skip on CI."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # each test starts Python in a subprocess that imports the test helpers (torch)

PROBE = ("from tests.helpers import needs_apt, ON_DEBIAN; mark = needs_apt('fonts-x', {present}, 'font X'); "
         "print(mark.args[0], '|', mark.kwargs['reason'])")


def _probe(present, ci):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": "/tmp", "MPLBACKEND": "Agg"}
    if ci:
        env["CI"] = "true"
    done = subprocess.run([sys.executable, "-c", PROBE.format(present=present)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    skip, reason = done.stdout.strip().split(" | ")
    return skip == "True", reason


def test_a_missing_package_skips_with_its_name_off_ci():
    skip, reason = _probe(False, ci=False)
    assert skip and "font X" in reason
    if Path("/etc/debian_version").exists():
        assert reason == "needs font X: apt-get install fonts-x"
    else:
        assert reason == "needs font X from the Debian package fonts-x, and this is not Debian (no /etc/debian_version)"


def test_a_missing_package_never_skips_on_ci():
    assert _probe(False, ci=True)[0] is False


def test_a_present_package_runs():
    assert _probe(True, ci=False)[0] is False

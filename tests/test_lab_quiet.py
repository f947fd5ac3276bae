"""`cnnlab lab` prints the address and little else; the server's own log only with --verbose
(else it goes to a file in the user cache, whose last lines are shown if the server fails)."""

import os
import re
import signal
import subprocess
import sys

import pytest

from cnnlab.tools import lab
from tests.helpers import ROOT, course_manifest
from tests.test_lab import URL_LINE, _free_port

pytestmark = pytest.mark.slow


def _run(tmp_path, *options):
    """Start `cnnlab lab`, read until its URL line, stop it; (lines before the URL, all output)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"))
    process = subprocess.Popen([sys.executable, "-m", "cnnlab.tools.cli", "lab", "--lang", "en", "--no-browser",
                                "--port", str(_free_port()), *options], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    before = []
    try:
        for line in process.stdout:
            if re.search(URL_LINE, line):
                break
            before.append(line)
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    return before, "".join(before) + rest


def test_lab_prints_the_address_and_keeps_the_server_log_in_a_file(tmp_path):
    before, output = _run(tmp_path)
    assert before == [], before                                     # the URL is the first line
    assert "[I " not in output and "ServerApp" not in output, output
    assert "JupyterLab stopped" in output
    log = (tmp_path / "cache" / "cnnlab" / "jupyterlab" / "server-en.log").read_text()
    assert "ServerApp" in log or "Jupyter Server" in log


def test_verbose_shows_the_server_log(tmp_path):
    before, output = _run(tmp_path, "--verbose")
    assert any("[I " in line or "ServerApp" in line for line in before), output


def test_a_server_that_fails_to_start_shows_its_log_tail(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(lab.LabError) as info:
        lab.run_lab(course_manifest(), "en", port=_free_port(), open_browser=False,
                    extra_args=["--ServerApp.no_such_option_x=1", "--LabApp.no_such_flag"])
    message = str(info.value)
    assert "did not start" in message and "last lines of the server log" in message, message

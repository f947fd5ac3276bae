"""`cnnlab lab` starts a real JupyterLab that serves the first lesson, and stops on Ctrl-C."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from cnnlab.course import load_manifest
from tests.helpers import ROOT


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(lang, tmp_path):
    port = _free_port()
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"))
    process = subprocess.Popen([sys.executable, "-m", "cnnlab.cli", "lab", "--lang", lang, "--no-browser",
                                "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    # What cnnlab prints before the server's log: the URL, how to stop, and (in the authoring
    # repository) the note. Read here: communicate() later reads the pipe past this buffer.
    head = "".join(process.stdout.readline() for _ in range(3))
    match = re.search(r"(http://127\.0\.0\.1:\d+/lab/tree/\S+)", head)
    assert match, head
    return process, match.group(1), head


def _get(url, deadline=60):
    start = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except OSError:
            if time.monotonic() - start > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lab_serves_the_first_lesson_and_stops_on_ctrl_c(lang, tmp_path):
    manifest = load_manifest(ROOT)
    first = manifest.lessons[0].path(ROOT, "lessons", lang).relative_to(ROOT).as_posix()
    process, url, head = _start(lang, tmp_path)
    try:
        assert f"/lab/tree/{first}?token=" in url
        status, page = _get(url)
        assert status == 200 and "JupyterLab" in page
        # The notebook itself is served through the contents API with the same token.
        token = url.split("token=")[1]
        status, body = _get(f"{url.split('/lab/')[0]}/api/contents/{first}?token={token}&content=0")
        assert status == 200 and json.loads(body)["type"] == "notebook"
        settings = tmp_path / "cache" / "cnnlab" / "jupyterlab" / lang
        locale = json.loads((settings / "@jupyterlab" / "translation-extension" /
                             "plugin.jupyterlab-settings").read_text())["locale"]
        assert locale == {"zh": "zh_CN", "en": "en"}[lang]
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=40)
    assert process.returncode == 0, output
    assert ("JupyterLab stopped" in output) or ("JupyterLab 已停止" in output)
    # The authoring repository serves the solutions too: the server says so (students use the release).
    assert ("authoring repository" in head) or ("作者仓库" in head)

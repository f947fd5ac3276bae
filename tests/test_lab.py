"""`cnnlab lab` starts a real JupyterLab that serves the first lesson, and stops on Ctrl-C."""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from cnnlab.tools.lab import port_is_free, server_answers, wait_until_ready
from tests.helpers import ROOT


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# cnnlab's own line (the server logs its URL too, with the token masked, before it is ready).
URL_LINE = r"(?:JupyterLab is running at |JupyterLab 已启动：)(http://127\.0\.0\.1:\d+/lab/tree/\S+)"


def _start(lang, tmp_path, port=None, preexec_fn=None):
    """Start `cnnlab lab`; return (process, URL, what it printed up to its note).

    The URL line must come only once the server answers: right when it is read, one
    request (no retry) must get an HTTP answer.
    """
    port = port or _free_port()
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"))
    process = subprocess.Popen([sys.executable, "-m", "cnnlab.tools.cli", "lab", "--lang", lang, "--no-browser",
                                "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, preexec_fn=preexec_fn)
    # The server's own log comes first, then cnnlab's lines: the URL, how to stop, and (in the
    # authoring repository) the note. Read here: communicate() later reads the pipe past this buffer.
    # A watchdog interrupts the command if it never prints (readline would wait forever).
    watchdog = threading.Timer(180, process.send_signal, [signal.SIGINT])
    watchdog.start()
    head = ""
    try:
        while not re.search(URL_LINE, head):
            line = process.stdout.readline()
            assert line, head         # EOF: the command ended without printing the URL
            head += line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=5) as response:
            assert response.status == 200, head   # no retry: the server already answers
        for _ in range(40):           # the note follows the URL (server log lines may come between)
            line = process.stdout.readline()
            head += line
            if not line or "authoring repository" in line or "作者仓库" in line:
                break
    except BaseException:
        _stop(process)
        raise
    finally:
        watchdog.cancel()
    url = re.search(URL_LINE, head).group(1)
    return process, url, head


def _stop(process):
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=40)
    return output


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


@pytest.mark.slow  # starts JupyterLab
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lab_serves_the_first_lesson_and_stops_on_ctrl_c(lang, tmp_path, manifest):
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
        output = _stop(process)
    assert process.returncode == 0, output
    assert ("JupyterLab stopped" in output) or ("JupyterLab 已停止" in output)
    # The authoring repository serves the solutions too: the server says so (students use the release).
    assert ("authoring repository" in head) or ("作者仓库" in head)


@pytest.mark.slow  # starts JupyterLab
def test_ctrl_c_stops_the_lab_even_when_it_was_started_with_ctrl_c_ignored(tmp_path):
    """A background job of a shell script starts with SIGINT ignored (and so does every process it
    starts); `cnnlab lab` blocks until Ctrl-C, so it puts Ctrl-C back."""
    process, _, _ = _start("en", tmp_path, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    output = _stop(process)
    assert process.returncode == 0 and "JupyterLab stopped" in output, output


@pytest.mark.slow  # starts JupyterLab
def test_lab_starts_again_at_once_on_the_same_port(tmp_path):
    """Stop and start on one port: connections the server closed (TIME_WAIT) do not block it."""
    process, url, _ = _start("en", tmp_path)
    port = int(re.search(r":(\d+)/", url).group(1))
    # A keep-alive connection left open: the server closes it when it stops, which leaves
    # the server's side of it in TIME_WAIT on `port` (a plain bind then fails for ~60 s).
    held = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    held.request("GET", "/api")
    assert held.getresponse().read()
    try:
        output = _stop(process)
    finally:
        held.close()
    assert process.returncode == 0, output
    again, url_again, head = _start("en", tmp_path, port=port)
    try:
        assert f"127.0.0.1:{port}/" in url_again
        assert "in use" not in head
        status, _ = _get(url_again)
        assert status == 200
    finally:
        output = _stop(again)
    assert again.returncode == 0, output


def test_port_check_ignores_time_wait_but_not_a_listener():
    """`port_is_free`: False while something listens, True once only TIME_WAIT remains."""
    with socket.socket() as server:
        # As Tornado (Jupyter's server) listens: Linux lets a later bind reuse the port's
        # TIME_WAIT connections only when both sockets set SO_REUSEADDR.
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert not port_is_free(port)
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()              # the server side closes first: it goes to TIME_WAIT
        client.close()
    time.sleep(0.2)
    with socket.socket() as plain:    # the situation the check must accept: a plain bind fails
        with pytest.raises(OSError):
            plain.bind(("127.0.0.1", port))
    assert port_is_free(port)


def test_wait_until_ready_tells_ready_exited_and_timeout_apart():
    """The three outcomes `run_lab` acts on: the server answers, it died, or it never answers."""
    port = _free_port()
    silent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert wait_until_ready(silent, port, timeout=1.0, poll=0.1) == "timeout"
    finally:
        silent.kill()
        silent.wait()
    dead = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    assert wait_until_ready(dead, port, timeout=30, poll=0.1) == "exited"
    # Any HTTP answer counts, even an error status (a bare http.server answers /api with 404).
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until_ready(server, port, timeout=60, poll=0.1) == "ready"
        assert server_answers(port)
    finally:
        server.kill()
        server.wait()
    assert not server_answers(port)

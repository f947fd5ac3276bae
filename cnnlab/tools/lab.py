"""``cnnlab lab``: open the course in JupyterLab, in Chinese or English.

Starts a real JupyterLab server rooted at the course folder, with the chosen
language's first lesson open and JupyterLab's own interface in that language
(the ``jupyterlab-language-pack-zh-CN`` package). Ctrl-C stops it cleanly.

The link is printed only once the server answers HTTP on ``/api`` (a click on it
never meets "connection refused"), and the port check binds with ``SO_REUSEADDR``
as the server itself does, so the course can be stopped and started again on the
same port at once (a closed connection's TIME_WAIT does not count as "in use").

The command prints the address and little else: the server's own log goes to
``server_log(lang)`` in the user cache (its last lines are shown when the server
fails to start), or to the terminal with ``--verbose``.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from cnnlab.i18n import say

LOCALES = {"zh": "zh_CN", "en": "en"}
READY_TIMEOUT = 120.0   # seconds the server may take to answer its first request


class LabError(RuntimeError):
    """The server cannot start (for example: the port is taken)."""


def port_is_free(port, host="127.0.0.1"):
    """True when a server could listen on ``host:port`` now.

    The probe binds with ``SO_REUSEADDR``, as Tornado (Jupyter's server) does on
    POSIX, so a port held only by closed connections in TIME_WAIT counts as free;
    a listening socket still makes the bind fail. (On Windows ``SO_REUSEADDR``
    would let the bind succeed even on a listening port, and a plain bind already
    ignores TIME_WAIT, so it is not set there.)
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def settings_dir(lang):
    """A JupyterLab user-settings folder for the course in ``lang``.

    It sets the interface language, starts the lessons' kernel without asking,
    and turns off the news and update checks (the course must work offline). It lives in the user cache, so the
    student's own JupyterLab settings elsewhere are not touched.
    """
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cnnlab" / "jupyterlab" / lang
    files = {
        "@jupyterlab/translation-extension/plugin.jupyterlab-settings": {"locale": LOCALES[lang]},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        # Every lesson names the python3 kernel: start it without a "Select Kernel" dialog.
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    }
    for name, content in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return base


def server_log(lang):
    """The file the server's own log goes to when ``--verbose`` is not given."""
    return settings_dir(lang).parent / f"server-{lang}.log"


def log_tail(path, lines=20):
    """The last ``lines`` lines of the log file ``path`` ('' when there is none)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def lab_command(root, first_notebook, port, token, open_browser, lang):
    """The ``jupyter lab`` command line that ``run_lab`` starts."""
    # `python -m jupyterlab`, not `jupyter lab`: the server (and so the lessons' python3 kernel)
    # runs on this interpreter, the one cnnlab is installed in, whatever `jupyter` is on PATH.
    return [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.open_browser={open_browser}",
        f"--LabApp.default_url=/lab/tree/{first_notebook}" if first_notebook else "--LabApp.default_url=/lab",
        f"--LabApp.user_settings_dir={settings_dir(lang)}",
        "--LabApp.news_url=",
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups: the course works offline
    ] + (["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])


def lesson_url(port, first_notebook, token):
    where = f"lab/tree/{first_notebook}" if first_notebook else "lab"
    return f"http://127.0.0.1:{port}/{where}?token={token}"


def server_answers(port, timeout=1.0):
    """True when ``http://127.0.0.1:<port>/api`` answers (any HTTP status counts)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True                 # it answered, if only with an error status
    except (OSError, ValueError):
        return False


def wait_until_ready(server, port, timeout=READY_TIMEOUT, poll=0.25):
    """Poll the server until it answers HTTP; ``"ready"``, ``"exited"`` or ``"timeout"``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return "exited"
        if server_answers(port):
            return "ready"
        time.sleep(poll)
    return "exited" if server.poll() is not None else "timeout"


def _stop(server):
    server.terminate()                  # SIGTERM on POSIX, TerminateProcess on Windows
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _first_notebook(manifest, lang):
    """The first lesson's notebook relative to the course root, or None (a folder without lessons/)."""
    path = manifest.lessons[0].path(manifest.root, "lessons", lang)
    return path.relative_to(manifest.root).as_posix() if path.is_file() else None


def _start_server(command, root, env, verbose, log_path):
    """The server process; its output goes to the terminal (``verbose``) or to ``log_path``."""
    if verbose:
        output = None
    else:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        output = open(log_path, "w", encoding="utf-8")
    # A new session (process group on Windows): Ctrl-C reaches only us, and we stop the server
    # without its y/n prompt.
    detach = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt"
              else {"start_new_session": True})
    try:
        return subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=output, **detach)
    finally:
        if output is not None:
            output.close()      # the server holds its own copy


def _failure(message, verbose, log_path):
    """A LabError whose message ends with the server log's last lines (unless it was shown)."""
    tail = "" if verbose else log_tail(log_path)
    if tail:
        message += "\n" + say(zh="服务器日志（{p}）的最后几行：", en="last lines of the server log ({p}):",
                              p=log_path) + "\n" + tail
    return LabError(message)


def run_lab(manifest, lang, port=8888, open_browser=True, token=None, extra_args=(), verbose=False):
    """Start JupyterLab on the course and block until Ctrl-C; returns the exit code.

    Prints the address once the server answers; the server's own log goes to
    ``server_log(lang)``, or to the terminal when ``verbose``.
    """
    if not port_is_free(port):
        raise LabError(say(zh="端口 {port} 已被占用：请用 --port 换一个端口",
                           en="port {port} is in use: choose another with --port", port=port))
    first = _first_notebook(manifest, lang)
    token = token or secrets.token_hex(16)
    command = lab_command(manifest.root, first, port, token, open_browser, lang) + list(extra_args)
    env = dict(os.environ, CNNLAB_LANG=lang)
    log_path = server_log(lang)
    server = _start_server(command, manifest.root, env, verbose, log_path)
    # `kill` (SIGTERM) stops the server too, as Ctrl-C does: it must not outlive us. Ctrl-C itself is put
    # back: a background job of a shell script starts with SIGINT ignored, and we block until Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        state = wait_until_ready(server, port)
        if state == "exited":
            raise _failure(say(zh="JupyterLab 没有启动（退出码 {code}）", en="JupyterLab did not start (exit code {code})",
                               code=server.returncode), verbose, log_path)
        if state == "timeout":
            _stop(server)
            raise _failure(say(zh="JupyterLab 在 {s:g} 秒内没有在 http://127.0.0.1:{port}/api 应答，已停止它",
                               en="JupyterLab did not answer at http://127.0.0.1:{port}/api within {s:g} s, "
                                  "so it was stopped", s=READY_TIMEOUT, port=port), verbose, log_path)
        print(say(zh="JupyterLab 已启动：{url}\n按 Ctrl-C 停止。",
                  en="JupyterLab is running at {url}\nPress Ctrl-C to stop.",
                  url=lesson_url(port, first, token)), flush=True)
        if (Path(manifest.root) / "solutions").is_dir():
            print(say(zh="注意：这是作者仓库，含全部答案；学生请用 cnnlab release 生成的学生版。",
                      en="Note: this is the authoring repository, every answer included; students use the "
                         "student release that cnnlab release writes."), flush=True)
        return server.wait()
    except KeyboardInterrupt:
        _stop(server)
        print(say(zh="JupyterLab 已停止。", en="JupyterLab stopped."), flush=True)
        return 0

"""Is the grading machine able to grade? One canary kernel, before a batch and when a kernel will not start.

A student's kernel that cannot start is nearly always the machine's fault (bubblewrap not
allowed to make namespaces inside a container, a memory cap too small for torch, a broken
environment), and must never become a student's 0. So:

* ``require_working_machine(limits)`` runs before a batch (``cnnlab grade``) and alone
  (``cnnlab grade --check``): a canary kernel starts the way a submission's does — the worker
  process, the sandbox, the memory cap, the batch's limits — in an empty scratch folder and
  imports what every lesson imports. If that fails, ``GraderBroken`` carries the sandbox's own
  error and the fix, and the batch writes nothing.
* ``machine_problem(limits)`` is the same check as a sentence (or None), ``machine_problems`` as a
  sentence in each language; ``steps.py`` asks the latter when a submission's kernel did not start: when the canary fails too, the submission is
  ``error: grader failed: …`` (not cached, so the next run grades it); when the canary starts, the
  submission's own folder stopped its kernel.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cnnlab.i18n import say
from cnnlab.tools.grading import sandbox
from cnnlab.tools.grading.launch import execute_plan
from cnnlab.tools.grading.limits import Limits

CANARY_SOURCE = "import cnnlab, numpy, torch\nprint('canary', 1 + 1)"
CANARY_PRINTS = "canary 2"
PROBE_SECONDS = 60
_NAMESPACE_WORDS = ("uid map", "namespace", "operation not permitted", "permission denied", "clone")


class GraderBroken(RuntimeError):
    """The grading machine cannot start a student's kernel (the message says why and the fix)."""


def canary_limits(limits):
    """The batch's limits, with time enough for one kernel start."""
    return Limits(cell_timeout=max(limits.cell_timeout, 120.0), total_timeout=max(limits.total_timeout, 180.0),
                  memory_mib=limits.memory_mib, output_bytes=limits.output_bytes, sandbox=limits.sandbox)


def _plan():
    return {"cells": [{"role": "answer", "source": CANARY_SOURCE, "exercise": "canary", "trusted": False,
                       "reference": ""}], "calls": {}}


def sandbox_error():
    """What bwrap itself says when it runs ``python -c pass`` the way the grader wraps a kernel ('' if it runs)."""
    if not sandbox.bwrap_path():
        return "bwrap is not installed"
    scratch = Path(tempfile.mkdtemp(prefix="cnnlab-canary-"))
    try:
        (scratch / "home").mkdir()
        (scratch / "comm").mkdir()
        argv = sandbox.wrap([sys.executable, "-c", "pass"], scratch / "home", scratch / "comm",
                            Path(sandbox.__file__).resolve().parents[2])
        done = subprocess.run(argv, capture_output=True, text=True, timeout=PROBE_SECONDS)
        return "" if done.returncode == 0 else " ".join((done.stderr or f"exit code {done.returncode}").split())[:300]
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"{type(err).__name__}: {err}"[:300]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _fix(error, limits, lang=None):
    lowered = error.lower()
    if "not installed" in lowered:
        return say(zh="安装 bubblewrap（Debian/Ubuntu：apt-get install bubblewrap）",
                   en="install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap)", lang=lang)
    if any(word in lowered for word in _NAMESPACE_WORDS):
        return say(zh="这台机器不允许普通用户创建命名空间（容器里常见）：允许非特权用户命名空间"
                      "（sysctl kernel.unprivileged_userns_clone=1 或 user.max_user_namespaces），"
                      "或让容器以 --security-opt seccomp=unconfined 运行，或在学生读不到任何重要文件的机器上用 --no-sandbox",
                   en="this machine does not let bwrap create namespaces (common inside containers): allow "
                      "unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 or "
                      "user.max_user_namespaces), run the container with --security-opt seccomp=unconfined, or, "
                      "only where students cannot read anything that matters, grade with --no-sandbox", lang=lang)
    if "memory" in lowered or "memoryerror" in lowered:
        return say(zh="把 --memory 调大（现在是 {m} MiB；torch 需要大约 1 GiB 以上）",
                   en="raise --memory (now {m} MiB; torch needs about 1 GiB or more)", m=limits.memory_mib,
                   lang=lang)
    return say(zh="先修好这台机器：用 cnnlab grade --check 再试",
               en="fix the machine first, then try again with cnnlab grade --check", lang=lang)


def machine_problem(limits, lang=None):
    """None when a canary kernel starts and runs under ``limits``; else a sentence: what failed, and the fix
    (in ``lang``)."""
    error = machine_error(limits)
    return None if error is None else _sentence(error, limits, lang)


def machine_problems(limits):
    """None when a canary kernel starts; else the sentence in each language: ``{"en": …, "zh": …}``
    (one canary run: the gradebook keeps English, the student's page shows the lesson's language)."""
    error = machine_error(limits)
    return None if error is None else {lang: _sentence(error, limits, lang) for lang in ("en", "zh")}


def machine_error(limits):
    """None when a canary kernel starts and runs under ``limits``; else what failed (the sandbox's own
    error, the worker's, or the kernel's)."""
    scratch = Path(tempfile.mkdtemp(prefix="cnnlab-canary-"))
    try:
        (scratch / "work").mkdir()
        outcomes, problem = execute_plan(_plan(), scratch / "work", canary_limits(limits))
        log = (scratch / "worker.log").read_text(encoding="utf-8", errors="replace") \
            if (scratch / "worker.log").is_file() else ""
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    outcome = (outcomes or [None])[0] or {}
    if not problem and outcome.get("status") == "ok" and CANARY_PRINTS in outcome.get("text", ""):
        return None
    error = (sandbox_error() if limits.sandbox else "") or str(problem or "") or " ".join(
        filter(None, [outcome.get("status", ""), outcome.get("ename", ""), outcome.get("evalue", "")]))
    if not error.strip():
        error = (log.strip().splitlines() or ["no output"])[-1][:300]
    return error


def _sentence(error, limits, lang):
    return say(zh="评分机器无法启动学生的内核（{where}）：{e}。解决办法：{fix}",
               en="the grading machine cannot start a student's kernel ({where}): {e}. Fix: {fix}",
               where=say(zh="bubblewrap 沙箱", en="bubblewrap sandbox", lang=lang) if limits.sandbox else
               say(zh="无沙箱", en="no sandbox", lang=lang), e=error.strip(), fix=_fix(error, limits, lang), lang=lang)


def require_working_machine(limits):
    """Raise GraderBroken (the sandbox's own error and the fix) unless a canary kernel starts under ``limits``."""
    problem = machine_problem(limits)
    if problem:
        raise GraderBroken(problem)

"""Limits for a student's whole kernel — every process it forks included — through a control group.

``RLIMIT_AS`` (``kernel.py``) caps one process; four forked children each get their own cap. A
control group (cgroup) caps them together: memory (``tmpfs`` pages the kernel writes included),
the number of tasks (processes and threads: no fork bomb) and CPU time. ``detect()`` finds what
this machine offers, first match wins:

    v2      cgroup v2 where the grader's own cgroup is delegated to it (its ``cgroup.subtree_control``
            already enables memory, pids and cpu): one child cgroup per kernel
    systemd cgroup v2 with ``systemd-run`` working (as root, or ``--user`` with a user manager):
            each kernel starts in a transient scope with MemoryMax, MemorySwapMax=0, TasksMax, CPUQuota
    v1      cgroup v1 controllers ``memory``, ``pids`` and ``cpu`` mounted under /sys/fs/cgroup and
            writable (root in a container, CI): one child cgroup per kernel in each, under the
            grader's own cgroup of that controller
    none    nothing usable: the per-process limits only (``grade`` says so when it starts)

A ``KernelGroup`` is made per submission before its kernel starts; ``prefix()`` is the command the
kernel's argv starts with (a shell line that moves itself into the group, then ``exec``s the
sandbox), and ``close()`` kills whatever is left in the group and removes it.
"""

import os
import shlex
import shutil
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from cnnlab.i18n import say

ROOT = Path("/sys/fs/cgroup")
V1_CONTROLLERS = ("memory", "pids", "cpu")
CPU_PERIOD_US = 100_000


@dataclass(frozen=True)
class Mechanism:
    kind: str                                  # v2 | systemd | v1 | none
    where: dict = field(default_factory=dict)  # controller (or "v2") -> our own cgroup folder
    systemd_run: tuple = ()                    # the systemd-run command and its --user flag, if any
    reason: str = ""                           # why nothing is usable (kind none)

    @property
    def available(self):
        return self.kind != "none"


def _own_paths(text=None):
    """``{controller: path}`` of this process from /proc/self/cgroup (``""`` is the v2 entry)."""
    text = Path("/proc/self/cgroup").read_text() if text is None else text
    paths = {}
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for name in (parts[1].split(",") if parts[1] else [""]):
                paths[name] = parts[2]
    return paths


def _writable_child(folder):
    """Whether a child cgroup can be made (and removed) in ``folder``."""
    probe = Path(folder) / f"cnnlab-probe-{uuid.uuid4().hex[:8]}"
    try:
        probe.mkdir()
        probe.rmdir()
        return True
    except OSError:
        return False


def _detect_v1(paths):
    where = {}
    for name in V1_CONTROLLERS:
        folder = ROOT / name / paths.get(name, "/").lstrip("/")
        if not (folder / "cgroup.procs").is_file() or not _writable_child(folder):
            return None
        where[name] = folder
    return Mechanism("v1", where)


def _detect_v2(paths):
    if "" not in paths or not (ROOT / "cgroup.controllers").is_file():
        return None
    folder = ROOT / paths[""].lstrip("/")
    try:
        enabled = set((folder / "cgroup.subtree_control").read_text().split())
    except OSError:
        return None
    if {"memory", "pids", "cpu"} <= enabled and _writable_child(folder):
        return Mechanism("v2", {"v2": folder})
    return None


def _detect_systemd():
    run = shutil.which("systemd-run")
    if not run:
        return None
    for command in ([run] if os.geteuid() == 0 else []) + [[run, "--user"]]:
        command = command if isinstance(command, list) else [command]
        try:
            done = subprocess.run([*command, "--scope", "--quiet", "--collect", "-p", "MemoryMax=64M",
                                   "-p", "TasksMax=8", "--", "true"], capture_output=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return Mechanism("systemd", systemd_run=tuple(command))
    return None


_detected = {}


def detect():
    """The Mechanism this machine offers (looked up once per process)."""
    if "mechanism" not in _detected:
        try:
            paths = _own_paths()
        except OSError:
            paths = {}
        found = (_detect_v2(paths) if paths else None) or _detect_systemd() or (_detect_v1(paths) if paths else None)
        _detected["mechanism"] = found or Mechanism("none", reason=say(
            zh="没有委派给评分程序的 cgroup v2 子树，systemd-run 不能用，也没有可写的 cgroup v1 memory/pids/cpu",
            en="no cgroup v2 subtree delegated to the grader, no working systemd-run, no writable cgroup v1 "
               "memory/pids/cpu"))
    return _detected["mechanism"]


def _write(path, value):
    Path(path).write_text(f"{value}\n")


class KernelGroup:
    """The cgroup(s) of one submission's kernel: made with the limits, entered by ``prefix()``, removed by ``close()``."""

    def __init__(self, mechanism, memory_mib, tasks, cpus, name=None):
        self.mechanism, self.memory_mib, self.tasks, self.cpus = mechanism, memory_mib, tasks, cpus
        self.name = name or f"cnnlab-kernel-{uuid.uuid4().hex[:12]}"
        self.folders = []
        try:
            if mechanism.kind == "v1":
                self._make_v1()
            elif mechanism.kind == "v2":
                self._make_v2()
        except OSError:
            self.close()
            raise

    def _make_v1(self):
        for controller, parent in self.mechanism.where.items():
            folder = Path(parent) / self.name
            folder.mkdir()
            self.folders.append(folder)
            if controller == "memory" and self.memory_mib > 0:
                _write(folder / "memory.limit_in_bytes", self.memory_mib * 2**20)
                if (folder / "memory.memsw.limit_in_bytes").exists():   # swap included, where accounted
                    _write(folder / "memory.memsw.limit_in_bytes", self.memory_mib * 2**20)
            elif controller == "pids":
                _write(folder / "pids.max", self.tasks)
            elif controller == "cpu":
                _write(folder / "cpu.cfs_period_us", CPU_PERIOD_US)
                _write(folder / "cpu.cfs_quota_us", int(CPU_PERIOD_US * self.cpus))

    def _make_v2(self):
        folder = Path(self.mechanism.where["v2"]) / self.name
        folder.mkdir()
        self.folders.append(folder)
        if self.memory_mib > 0:
            _write(folder / "memory.max", self.memory_mib * 2**20)
            if (folder / "memory.swap.max").exists():
                _write(folder / "memory.swap.max", 0)
        _write(folder / "pids.max", self.tasks)
        _write(folder / "cpu.max", f"{int(CPU_PERIOD_US * self.cpus)} {CPU_PERIOD_US}")

    def prefix(self):
        """The argv the kernel's command is appended to: it enters the group, then runs the command."""
        if self.mechanism.kind == "systemd":
            memory = [f"MemoryMax={self.memory_mib}M", "MemorySwapMax=0"] if self.memory_mib > 0 else []
            properties = memory + [f"TasksMax={self.tasks}", f"CPUQuota={int(self.cpus * 100)}%"]
            return [*self.mechanism.systemd_run, "--scope", "--quiet", "--collect", f"--unit={self.name}",
                    *[arg for item in properties for arg in ("-p", item)], "--"]
        if not self.folders:
            return []
        moves = " && ".join(f"echo $$ > {shlex.quote(str(folder / 'cgroup.procs'))}" for folder in self.folders)
        return ["/bin/sh", "-c", f'{moves} && exec "$@"', "cnnlab-kernel"]

    def pids(self):
        found = set()
        for folder in self.folders:
            try:
                found.update(int(line) for line in (folder / "cgroup.procs").read_text().split())
            except (OSError, ValueError):
                pass
        return found

    def close(self):
        """Kill every process left in the group (a few tries: forks race the kill), then remove it."""
        if self.mechanism.kind == "systemd":
            systemctl = shutil.which("systemctl")
            if systemctl:
                user = ["--user"] if "--user" in self.mechanism.systemd_run else []
                try:
                    subprocess.run([systemctl, *user, "kill", "--signal=KILL", f"{self.name}.scope"],
                                   capture_output=True, timeout=20)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            return
        for _ in range(50):
            alive = self.pids()
            if not alive:
                break
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.02)
        for folder in reversed(self.folders):
            for _ in range(50):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:   # busy: a killed process not reaped yet
                    time.sleep(0.02)
        self.folders = []


def describe(mechanism):
    """One line for the instructor: which mechanism limits the kernels, or why none does."""
    if mechanism.kind == "v1":
        where = ", ".join(f"{name}: {path}" for name, path in mechanism.where.items())
    elif mechanism.kind == "v2":
        where = str(mechanism.where["v2"])
    elif mechanism.kind == "systemd":
        where = " ".join(mechanism.systemd_run) + " --scope"
    else:
        return say(zh="只有单个进程的限制（没有可用的 cgroup：{why}）",
                   en="per process only (no usable cgroups: {why})", why=mechanism.reason)
    return say(zh="每个内核一个 cgroup（{kind}：{where}），内存、进程数和 CPU 对内核的所有进程一起计算",
               en="one cgroup per kernel ({kind}: {where}): memory, tasks and CPU count all its processes together",
               kind={"v1": "cgroup v1", "v2": "cgroup v2", "systemd": "cgroup v2, systemd"}[mechanism.kind],
               where=where)

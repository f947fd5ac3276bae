"""The student's kernel runs in a bubblewrap sandbox (``bwrap``, Debian package ``bubblewrap``).

What the kernel's file system holds (everything else of the machine is absent)::

    /usr, /bin, /lib*, a few files of /etc       read-only (the system, the C libraries)
    the Python environment (venv + base)         read-only
    /opt/cnnlab/cnnlab                           the cnnlab package, read-only, on its own
    /opt/cnnlab/course/manifest.toml             the course manifest, read-only (lessons, points,
                                                 sealed quick-check keys: what students receive too)
                                                 — not the authoring repository: no solutions/,
                                                 no other file of course/, no gradebook, no job files
    /opt/cnnlab/submission = SCRATCH (a copy of  read-only: what the kernel copies into its home
        the student's regular files)                 before it starts (``kernel.py``)
    /home/student                                a private tmpfs of ``home_mib`` MiB: the cwd and HOME
    COMM (the kernel's Unix sockets)             read-write: the connection file and sockets
    /tmp                                         a private tmpfs of ``tmp_mib`` MiB (gone with the sandbox)
    everything else                              read-only (``--remount-ro /``)
    /proc, /dev                                  the sandbox's own (a new PID namespace)

and it has no network (``--unshare-all``: own network, PID, IPC, UTS, user and cgroup
namespaces; the kernel talks to the grader over Unix sockets in COMM), a cleared
environment (no variable of the grader's reaches it), ``--die-with-parent`` and
``--new-session``. The memory, file-size and core limits are set by ``kernel.py`` inside; the
limits of the kernel's processes together by the cgroup it starts in (``cgroups.py``). A bwrap
older than 0.6 has no ``--size``: its tmpfs folders are then unsized (``tmpfs_sizes_supported``).
"""

import os
import shutil
import sys
from pathlib import Path

from cnnlab.i18n import say

PACKAGE_MOUNT = "/opt/cnnlab"
SUBMISSION_MOUNT = "/opt/cnnlab/submission"
HOME = "/home/student"
_ETC = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime", "/etc/fonts",
        "/etc/nsswitch.conf", "/etc/alternatives"]


class SandboxUnavailable(RuntimeError):
    """bwrap is not installed (or cannot start here)."""


def bwrap_path():
    return shutil.which("bwrap")


def require():
    """The path of bwrap, or SandboxUnavailable with what the instructor should do."""
    path = bwrap_path()
    if not path:
        raise SandboxUnavailable(say(
            zh="评分程序在 bubblewrap 沙箱里运行每份提交，但没有安装 bwrap：请安装它（Debian/Ubuntu："
               "apt-get install bubblewrap）；只有在学生读不到任何重要文件的机器上，才可以改用 --no-sandbox",
            en="the grader runs every submission in a bubblewrap sandbox, and bwrap is not installed: "
               "install it (Debian/Ubuntu: apt-get install bubblewrap) or, only on a machine where "
               "students cannot read anything that matters, pass --no-sandbox"))
    return path


_sizes = {}


def tmpfs_sizes_supported(bwrap=None):
    """Whether this bwrap takes ``--size`` before ``--tmpfs`` (bubblewrap 0.6 and later)."""
    bwrap = bwrap or bwrap_path()
    if bwrap not in _sizes:
        try:
            import subprocess
            done = subprocess.run([bwrap, "--help"], capture_output=True, text=True, timeout=20)
            _sizes[bwrap] = "--size" in done.stdout + done.stderr
        except (OSError, subprocess.SubprocessError):
            _sizes[bwrap] = False
    return _sizes[bwrap]


def _tmpfs(path, mib, bwrap):
    sized = mib > 0 and tmpfs_sizes_supported(bwrap)
    return (["--size", str(mib * 2**20)] if sized else []) + ["--tmpfs", path]


def _system_binds():
    args = []
    for name in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        path = Path(name)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), name]
        elif path.is_dir():
            args += ["--ro-bind", name, name]
    for name in _ETC:
        if os.path.exists(name):
            args += ["--ro-bind", name, name]
    if os.path.isdir("/sys/devices/system/cpu"):   # torch reads the CPU layout
        args += ["--ro-bind", "/sys/devices/system/cpu", "/sys/devices/system/cpu"]
    return args


def _python_binds():
    """The Python environment: the venv (as named and resolved) and the interpreter it points to."""
    paths = []
    for path in (sys.prefix, sys.base_prefix, sys.exec_prefix, Path(sys.executable).resolve().parent.parent):
        for variant in (str(Path(path).absolute()), str(Path(path).resolve())):
            if variant not in paths and variant != "/usr" and not variant.startswith("/usr/"):
                paths.append(variant)
    return [arg for path in paths for arg in ("--ro-bind", path, path)]


def kernel_environment(quick=True):
    """The whole environment of the sandboxed kernel (nothing else of the grader's)."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": HOME, "USER": "student", "LANG": "C.UTF-8",
        "PYTHONPATH": PACKAGE_MOUNT, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        "IPYTHONDIR": "/tmp/ipython", "MPLCONFIGDIR": "/tmp/matplotlib", "MPLBACKEND": "Agg",
        "CNNLAB_QUICK": "1" if quick else "0", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }


def _manifest_bind(package_dir):
    manifest = Path(package_dir).resolve().parent / "course" / "manifest.toml"
    return ["--ro-bind", str(manifest), f"{PACKAGE_MOUNT}/course/manifest.toml"] if manifest.is_file() else []


def wrap(argv, scratch, comm, package_dir, bwrap=None, tmp_mib=0, home_mib=0):
    """``argv`` (a command run inside) wrapped in bwrap with the binds of the module docstring."""
    scratch, comm = str(Path(scratch).resolve()), str(Path(comm).resolve())
    bwrap = bwrap or require()
    args = [bwrap, "--die-with-parent", "--new-session", "--unshare-all", "--cap-drop", "ALL"]
    # The private /tmp first: binds made after it stay visible, so a Python environment that
    # lives under /tmp (a CI checkout, a scratch venv) is still there inside.
    args += ["--proc", "/proc", "--dev", "/dev", *_tmpfs("/tmp", tmp_mib, bwrap)]
    args += _system_binds() + _python_binds()
    args += ["--ro-bind", str(Path(package_dir).resolve()), f"{PACKAGE_MOUNT}/cnnlab",
             *_manifest_bind(package_dir), "--ro-bind", scratch, SUBMISSION_MOUNT, *_tmpfs(HOME, home_mib, bwrap),
             "--bind", comm, comm, "--remount-ro", "/", "--chdir", HOME, "--clearenv"]
    for key, value in kernel_environment().items():
        args += ["--setenv", key, value]
    return args + ["--"] + list(argv)

"""The grading kernel: ipykernel started under resource limits.

    python -m cnnlab.tools.grading.kernel MEMORY_MIB [--home-from FOLDER] -f CONNECTION_FILE

``RLIMIT_AS`` caps the kernel's address space, so a submission that allocates
too much gets a ``MemoryError`` (or dies) quickly instead of swapping the
machine; ``RLIMIT_FSIZE`` caps any file it writes, ``RLIMIT_CORE`` disables core
dumps. PyTorch with NumPy, SciPy and Matplotlib needs about 1 GiB of address
space just to import, so the cap should stay at 2 GiB or more.

The grader starts this module inside the bubblewrap sandbox (``sandbox.py``), so these limits
apply to a process that already sees nothing of the grader's files, environment or network.
With ``--home-from`` (the sandbox's read-only copy of the submission) it first copies that folder
into the current one (the sandbox's sized tmpfs home), so what the kernel writes stays in memory
the cgroup counts, within the home's size, and never reaches the grader's disk.
"""

import os
import resource
import shutil
import sys

FILE_SIZE_CAP = 256 * 2**20


def limit(memory_mib):
    cap = memory_mib * 2**20 if memory_mib > 0 else resource.RLIM_INFINITY   # (the worker's own cap is soft)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_CAP, FILE_SIZE_CAP))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def copy_home(source, dest="."):
    """Copy the folders and regular files of ``source`` into ``dest`` (links are skipped, and so is a
    file that does not fit in the home: the kernel still starts)."""
    for entry in os.scandir(source):
        target = os.path.join(dest, entry.name)
        try:
            if entry.is_dir(follow_symlinks=False):
                os.makedirs(target, exist_ok=True)
                copy_home(entry.path, target)
            elif entry.is_file(follow_symlinks=False):
                shutil.copyfile(entry.path, target)
        except OSError:
            continue


def ascii_packer(message):
    """jupyter_client's JSON message packer, but pure ASCII: text that UTF-8 cannot hold (a lone
    surrogate in an exception message or in printed output) is sent as an escape (``\\ud800``)
    instead of making the message fail to serialize, which would lose the reply."""
    import json
    from jupyter_client.session import json_clean, json_default
    try:
        return json.dumps(message, default=json_default, ensure_ascii=True, allow_nan=False).encode("ascii")
    except (TypeError, ValueError):
        return json.dumps(json_clean(message), default=json_default, ensure_ascii=True,
                          allow_nan=False).encode("ascii")


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    limit(int(argv.pop(0)))
    if argv[:1] == ["--home-from"]:
        argv.pop(0)
        copy_home(argv.pop(0))
    from ipykernel.kernelapp import launch_new_instance
    launch_new_instance(argv + ["--Session.packer=cnnlab.tools.grading.kernel.ascii_packer"])


if __name__ == "__main__":
    main()

"""The grading kernel: ipykernel started under resource limits.

    python -m cnnlab.tools.grading.kernel MEMORY_MIB -f CONNECTION_FILE

``RLIMIT_AS`` caps the kernel's address space, so a submission that allocates
too much gets a ``MemoryError`` (or dies) quickly instead of swapping the
machine; ``RLIMIT_FSIZE`` caps any file it writes, ``RLIMIT_CORE`` disables core
dumps. PyTorch with NumPy, SciPy and Matplotlib needs about 1 GiB of address
space just to import, so the cap should stay at 2 GiB or more.

The grader starts this module inside the bubblewrap sandbox (``sandbox.py``), so these limits
apply to a process that already sees nothing of the grader's files, environment or network.
"""

import resource
import sys

FILE_SIZE_CAP = 256 * 2**20


def limit(memory_mib):
    if memory_mib > 0:
        cap = memory_mib * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_CAP, FILE_SIZE_CAP))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    limit(int(argv.pop(0)))
    from ipykernel.kernelapp import launch_new_instance
    launch_new_instance(argv)


if __name__ == "__main__":
    main()

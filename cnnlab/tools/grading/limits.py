"""The limits of grading one submission: seconds per cell and in total, memory, tasks, disk, output kept.

``memory_mib``, ``tasks`` and ``cpus`` hold for the student's whole kernel (every process it forks,
and the tmpfs pages it writes) where the machine offers cgroups (``cgroups.py``); ``memory_mib`` is
also each kernel process's address-space cap. ``tmp_mib`` and ``home_mib`` size the sandbox's
``/tmp`` and home (tmpfs). ``trusted_memory_mib`` caps the trusted worker's own address space.
"""

from dataclasses import dataclass

TEXT_KEPT = 20_000           # characters of printed output kept per cell for feedback
START_MARGIN = 90            # seconds the worker gets beyond the total limit (kernel starts)
SETUP_TIMEOUT = 120          # seconds for a solution setup cell (trusted code: imports, data)
CALL_MARGIN = 5              # seconds the kernel gets beyond a call's own time limit
ANSWER_BYTES = 64 * 2**20    # the largest answer of one call read back


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30.0      # seconds per cell (and for an exercise's calls together)
    total_timeout: float = 300.0    # seconds per submission
    memory_mib: int = 3072          # memory of the kernel (each process; all together under cgroups)
    output_bytes: int = 1_000_000   # output kept per cell while running
    sandbox: bool = True            # run the kernel under bwrap (False: --no-sandbox)
    tasks: int = 128                # processes and threads of the kernel together (cgroup pids)
    cpus: float = 1.0               # CPU time of the kernel together, in cores (cgroup cpu)
    tmp_mib: int = 256              # the sandbox's /tmp (tmpfs)
    home_mib: int = 256             # the sandbox's home, a copy of the student's folder (tmpfs)
    trusted_memory_mib: int = 4096  # address space of the trusted worker (reference, hidden tests)

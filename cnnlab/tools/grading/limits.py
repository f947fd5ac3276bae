"""The limits of grading one submission: seconds per cell and in total, the kernel's memory, output kept."""

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
    memory_mib: int = 3072          # address-space cap of the kernel
    output_bytes: int = 1_000_000   # output kept per cell while running
    sandbox: bool = True            # run the kernel under bwrap (False: --no-sandbox)

"""How many CPU threads PyTorch should use: the cores that other processes leave idle.

On a busy 2-core machine two OpenMP threads wait for each other and a training
step can take ten times longer than on one thread (measured: an MLP epoch 27 s
on an idle machine, 397 s with both cores loaded by other work). So instead of
one thread per core, ``idle_threads()`` measures how much of each usable core
*other* processes use, from Linux's ``/proc/stat``, and leaves those cores out::

    threads = max(1, round(usable cores − cores busy with other processes))

The load average is no substitute: it still counts this process's own threads
for a minute after they stopped. ``cnnlab.train.threads()`` and the benchmark
scripts use this module.
"""

import os
import time


def load_average():
    """The 1-minute load average (0.0 where the system does not report one)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def usable_cpus():
    """The CPU numbers this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return sorted(os.sched_getaffinity(0))
    return list(range(os.cpu_count() or 1))


def cpu_ticks(cpus, stat="/proc/stat"):
    """(busy, total) clock ticks summed over ``cpus``, read from Linux's /proc/stat.

    A line ``cpuN user nice system idle iowait irq softirq steal ...`` counts the
    ticks CPU N spent in each state since boot; idle and iowait are not busy.
    """
    busy = total = 0
    with open(stat) as f:
        for line in f:
            name, *fields = line.split()
            if not name.startswith("cpu") or name == "cpu" or int(name[3:]) not in cpus:
                continue
            ticks = [int(v) for v in fields[:8]]
            idle = ticks[3] + ticks[4]
            busy += sum(ticks) - idle
            total += sum(ticks)
    return busy, total


def busy_cores(seconds=1.0, stat="/proc/stat"):
    """How many of the usable cores other processes keep busy, measured over ``seconds``.

    busy cores = Δbusy ticks / Δtotal ticks × usable cores − this process's CPU seconds / seconds.
    None where /proc/stat cannot be read (not Linux).
    """
    cpus = usable_cpus()
    try:
        busy0, total0 = cpu_ticks(cpus, stat)
        own0 = time.process_time()
        time.sleep(seconds)
        busy1, total1 = cpu_ticks(cpus, stat)
    except (OSError, ValueError):
        return None
    own = (time.process_time() - own0) / seconds
    if total1 <= total0:
        return None
    return max(0.0, (busy1 - busy0) / (total1 - total0) * len(cpus) - own)


def choose_threads(requested, usable, busy, load):
    """Threads for the next job: ``requested`` if given; else the usable cores that
    other processes leave idle, rounded, at least 1 (``busy`` cores busy); without
    a measurement (``busy`` None), 1 if the load average is at least ``usable``."""
    if requested:
        return requested
    if busy is None:
        return 1 if load >= usable else usable
    return max(1, min(usable, round(usable - busy)))


def idle_threads(seconds=0.3):
    """Threads for this process now: the usable cores that other processes leave idle (≥ 1)."""
    return choose_threads(None, len(usable_cpus()), busy_cores(seconds), load_average())


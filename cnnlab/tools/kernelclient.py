"""nbclient's notebook runner, made never to sit out a whole cell timeout on a message already there.

What it fixes, measured on this course's machines: run headless with nbclient, a notebook whose
cells display ipywidgets (the instructor dashboard, every lesson's quick checks) sometimes stalls
after a cell for *exactly* the cell timeout and then goes on as if nothing happened: no error, the
outputs are right, only the time is lost. The kernel is idle the whole time (seen with py-spy); its
reply waits on the client's socket. jupyter_client waits for a message with one asyncio poll of the
ZeroMQ socket for the whole timeout. The likely mechanism (not traced further): ZeroMQ signals a
socket's readiness on an edge-triggered file descriptor; when that edge is missed (busy iopub
traffic, as widgets make) the poll wakes up only at its timeout, looks once more and finds the message.

Under two CPU-bound processes on the 2 cores, the dashboard at 120 students ran in 5 s or in
timeout + 5 s (4 runs of 6 stalled with timeout 25; with ``timeout=600`` one stall cost the test suite
10 minutes). Without its widget cells: no stall in 8 runs. With this client: no stall in 6 runs.

The fix: wait in short slices (``POLL_SLICE`` seconds) up to the same deadline, so a missed edge
costs at most one slice. Every timeout keeps its meaning.
"""

import inspect
import time
from queue import Empty

from nbclient import NotebookClient

POLL_SLICE = 0.25   # seconds: the most a missed wake-up can cost


def sliced_wait(get_msg, slice_seconds=POLL_SLICE):
    """``get_msg(timeout=…)`` of a kernel channel, waiting in slices of ``slice_seconds`` up to the same deadline.

    Raises ``queue.Empty`` at the deadline, as the original does; ``timeout=None`` waits forever.
    """
    async def get(timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = slice_seconds if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await get_msg(timeout=min(slice_seconds, left))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise
    return get


class SteadyNotebookClient(NotebookClient):
    """``NotebookClient`` whose shell and iopub waits are sliced (:func:`sliced_wait`); otherwise the same.

    Only the asynchronous channels are sliced: a blocking client (from a ``KernelManager`` the
    caller passes as ``km``) waits with ZeroMQ's own blocking poll, which does not miss its wake-up.
    """

    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        for channel in (client.shell_channel, client.iopub_channel):
            if inspect.iscoroutinefunction(channel.get_msg):
                channel.get_msg = sliced_wait(channel.get_msg)
        return client

"""The steady notebook client: a wait in slices ends when the message comes, or at the same deadline as one long wait."""

import asyncio
import time
from queue import Empty

import pytest

from cnnlab.tools.kernelclient import sliced_wait


class LateSocket:
    """A channel whose message is there from ``ready_at`` on, but whose wake-up is missed:
    a wait sees it only when it ends (as a ZeroMQ poll that missed its edge does)."""

    def __init__(self, ready_in):
        self.ready_at = time.monotonic() + ready_in
        self.waits = []

    async def get_msg(self, timeout=None):
        self.waits.append(timeout)
        await asyncio.sleep(timeout)
        if time.monotonic() >= self.ready_at:
            return {"msg": "reply"}
        raise Empty


def test_a_message_missed_by_its_wake_up_is_found_within_a_slice():
    socket = LateSocket(ready_in=0.1)
    started = time.monotonic()
    got = asyncio.run(sliced_wait(socket.get_msg, slice_seconds=0.05)(timeout=30))
    assert got == {"msg": "reply"}
    assert time.monotonic() - started < 1.0          # one long wait would have taken the whole 30 s
    assert all(wait <= 0.05 for wait in socket.waits)


def test_the_deadline_is_kept_and_empty_raised():
    socket = LateSocket(ready_in=60)
    started = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(sliced_wait(socket.get_msg, slice_seconds=0.05)(timeout=0.3))
    assert 0.29 <= time.monotonic() - started < 1.0


def test_no_timeout_waits_until_the_message_comes():
    socket = LateSocket(ready_in=0.2)
    assert asyncio.run(sliced_wait(socket.get_msg, slice_seconds=0.05)(timeout=None)) == {"msg": "reply"}
    assert len(socket.waits) >= 4


def test_a_blocking_channel_is_left_as_it_is(monkeypatch):
    """A client from a blocking KernelManager (``km=``) keeps its own get_msg; only async waits are sliced."""
    import nbformat
    from nbclient import NotebookClient

    from cnnlab.tools.kernelclient import SteadyNotebookClient

    class BlockingChannel:
        def get_msg(self, timeout=None):
            return {"msg": "reply"}

    class AsyncChannel:
        async def get_msg(self, timeout=None):
            return {"msg": "reply"}

    class Client:
        shell_channel, iopub_channel = BlockingChannel(), AsyncChannel()

    async def start(self):
        return Client()

    monkeypatch.setattr(NotebookClient, "async_start_new_kernel_client", start)
    client = asyncio.run(SteadyNotebookClient(nbformat.v4.new_notebook()).async_start_new_kernel_client())
    assert client.shell_channel.get_msg() == {"msg": "reply"}                 # still the blocking one
    assert client.iopub_channel.get_msg.__qualname__.startswith("sliced_wait")
    assert asyncio.run(client.iopub_channel.get_msg(timeout=1)) == {"msg": "reply"}

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

"""Pushing changes to browsers over channels, after the data is stored.

Rooms, notifications and jobs store their state in PostgreSQL first; this
module only carries the change to whoever listens on a group (issue 6 adds
the consumers). Nothing here holds state.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from copy import deepcopy
from typing import Any

from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer as StockInMemoryChannelLayer
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def encode(event_type: str, payload: dict[str, Any]) -> str:
    """The frame clients receive: ``{"type": event_type, "data": payload}`` as JSON text."""
    return json.dumps({"type": event_type, "data": payload}, ensure_ascii=False, separators=(",", ":"), default=str)


def push(group: str, event_type: str, payload: dict[str, Any]) -> None:
    """Send *payload* to every consumer in *group*; a delivery problem never breaks the caller.

    The frame is encoded once here, not once per listener: the layer then copies
    a string to each of a room's thousand consumers, which forward it as it is.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        message = {"type": "push", "event": event_type, "text": encode(event_type, payload)}
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # the stored state is the truth; a client catches up on reconnect
        logger.warning("could not push %s to %s", event_type, group, exc_info=True)


_IMMUTABLE = frozenset({str, int, float, bool, bytes, type(None)})


class InMemoryChannelLayer(StockInMemoryChannelLayer):
    """channels' in-memory layer (one process) without its quadratic fan-out.

    The stock layer sweeps every queued channel and every group membership for
    expired entries on *each* ``receive`` (a push to a room of N consumers costs
    O(N²)), builds a throwaway ``asyncio.Queue`` on every send and receive, and
    starts a task per member on ``group_send``. Here the sweep runs at most once
    a second (expiry only frees memory) and also drops idle queues, queues live
    as long as their consumer waits on them, ``group_send`` queues directly, and
    flat messages are copied shallowly.
    Measured with bench/bench_fanout.py.
    """

    sweep_every = 1.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._swept_at = 0.0

    def _queue(self, channel: str) -> asyncio.Queue:
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        return queue

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._swept_at < self.sweep_every:
            return
        self._swept_at = now
        super()._clean_expired()
        # A queue nobody waits on and nothing is in belongs to a consumer that left.
        for channel, queue in list(self.channels.items()):
            if queue.empty() and not queue._getters:
                del self.channels[channel]

    async def send(self, channel, message):
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_channel_name(channel)
        assert "__asgi_channel__" not in message
        # A flat message of strings and numbers (every push is one) needs no deep copy.
        flat = all(type(v) in _IMMUTABLE for v in message.values())
        try:
            self._queue(channel).put_nowait((time.time() + self.expiry, dict(message) if flat else deepcopy(message)))
        except asyncio.QueueFull:
            raise ChannelFull(channel)

    async def receive(self, channel):
        self.require_valid_channel_name(channel)
        self._clean_expired()
        _, message = await self._queue(channel).get()
        return message

    async def group_send(self, group, message):
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._clean_expired()
        for channel in list(self.groups.get(group, ())):
            with contextlib.suppress(ChannelFull):  # as the stock layer: a full consumer misses it
                await self.send(channel, message)

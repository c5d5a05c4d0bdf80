"""The in-memory channel layer (one process): same behaviour as channels' own,
without the sweep on every receive."""

from __future__ import annotations

import asyncio

import pytest

from backend.live import InMemoryChannelLayer, encode


async def test_group_send_reaches_every_member_once_with_its_own_copy():
    layer = InMemoryChannelLayer()
    channels = [await layer.new_channel() for _ in range(3)]
    for channel in channels[:2]:
        await layer.group_add("event.1", channel)
    await layer.group_send("event.1", {"type": "push", "text": "a", "nested": {"n": 1}})
    first = await layer.receive(channels[0])
    first["nested"]["n"] = 99  # a consumer changing its message does not change the others'
    second = await layer.receive(channels[1])
    assert second == {"type": "push", "text": "a", "nested": {"n": 1}}
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.05):
            await layer.receive(channels[2])


async def test_messages_keep_their_order_and_wait_for_a_late_receiver():
    layer = InMemoryChannelLayer()
    channel = await layer.new_channel()
    await layer.group_add("g", channel)
    for n in range(3):
        await layer.group_send("g", {"type": "push", "n": n})
    assert [(await layer.receive(channel))["n"] for _ in range(3)] == [0, 1, 2]


async def test_the_sweep_drops_expired_messages_and_idle_queues():
    layer = InMemoryChannelLayer(expiry=0)
    layer.sweep_every = 0
    gone, alive = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("g", gone)
    await layer.send(gone, {"type": "push"})
    await asyncio.sleep(0.01)
    waiting = asyncio.ensure_future(layer.receive(alive))
    await asyncio.sleep(0)
    layer._clean_expired()
    assert gone not in layer.groups.get("g", {})  # as channels does: an expired message ends membership
    assert gone not in layer.channels
    assert alive in layer.channels  # someone waits on it
    await layer.send(alive, {"type": "push", "n": 7})
    assert (await waiting)["n"] == 7


async def test_a_full_member_misses_a_group_message_without_breaking_the_others():
    layer = InMemoryChannelLayer(capacity=1)
    full, fine = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("g", full)
    await layer.group_add("g", fine)
    await layer.send(full, {"type": "push", "n": 0})
    await layer.group_send("g", {"type": "push", "n": 1})
    assert (await layer.receive(fine))["n"] == 1
    assert (await layer.receive(full))["n"] == 0


def test_frames_are_json_with_type_and_data():
    import json

    assert json.loads(encode("room", {"a": "路演"})) == {"type": "room", "data": {"a": "路演"}}

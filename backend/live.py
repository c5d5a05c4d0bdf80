"""Pushing changes to browsers over channels, after the data is stored.

Rooms, notifications and jobs store their state in PostgreSQL first; this
module only carries the change to whoever listens on a group (issue 6 adds
the consumers). Nothing here holds state.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from asgiref.sync import async_to_sync
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

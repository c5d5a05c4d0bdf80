"""channels' WebsocketCommunicator, without daphne.

``channels.testing/__init__`` imports daphne for ``ChannelsLiveServerTestCase``,
which we do not use (our server is uvicorn; daphne would pull in Twisted and a
dozen packages). The communicator modules themselves need only asgiref, so they
are loaded from the package's folder without running its ``__init__``.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

try:
    from channels.testing import WebsocketCommunicator
except ModuleNotFoundError as missing:  # daphne is not installed
    if missing.name != "daphne":
        raise
    import channels

    sys.modules.pop("channels.testing", None)
    package = types.ModuleType("channels.testing")
    package.__path__ = [str(Path(channels.__file__).parent / "testing")]
    sys.modules["channels.testing"] = package
    from channels.testing.websocket import WebsocketCommunicator

__all__ = ["WebsocketCommunicator"]

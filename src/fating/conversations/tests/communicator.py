"""Channels' WebsocketCommunicator without daphne.

`channels.testing/__init__` imports its live-server test case, which needs daphne (not a
dependency of this project). The communicator itself does not, so when daphne is missing the
package is registered without running its __init__ and the communicator is imported directly.
Adding `daphne` to the dev dependencies makes this fallback unused.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

try:
    from channels.testing import WebsocketCommunicator
except ModuleNotFoundError:  # daphne missing
    import channels

    package = types.ModuleType("channels.testing")
    package.__path__ = [str(Path(channels.__file__).parent / "testing")]
    sys.modules["channels.testing"] = package
    from channels.testing.websocket import WebsocketCommunicator

__all__ = ["WebsocketCommunicator"]

"""What every Passerelle channel needs from Rasa's server: a bound memory of the message ids
it has run (platforms and the widget both send a message again when unsure it arrived), and the
conversation's tracker, read from the tracker store the running agent uses."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Optional, Text

from sanic import Sanic

MAX_MESSAGE_CHARS = 2000      # longer messages are cut: nobody's question needs more
REMEMBERED_IDS = 10_000


class RecentIds:
    """Message ids seen lately by this process (bounded); the tracker is the longer memory."""

    def __init__(self, size: int = REMEMBERED_IDS) -> None:
        self.size = size
        self._ids: "OrderedDict[tuple, None]" = OrderedDict()

    def add(self, key: tuple) -> bool:
        """False if the key was already there."""
        if key in self._ids:
            return False
        self._ids[key] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True

    def discard(self, key: tuple) -> None:
        self._ids.pop(key, None)


async def stored_tracker(app: Optional[Sanic], sender_id: Text) -> Any:
    """The conversation's tracker as the tracker store has it, or None (no agent or store yet)."""
    agent = getattr(app.ctx, "agent", None) if app else None
    if agent is None or agent.tracker_store is None:
        return None
    return await agent.tracker_store.retrieve(sender_id)

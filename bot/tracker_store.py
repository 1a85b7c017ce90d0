"""Rasa's SQL tracker store, plus forgetting: when a turn ran action_forget_me, the
conversation is deleted instead of saved (endpoints.yml `tracker_store: type: ...`).

It has to happen here: an action cannot delete the tracker itself, because Rasa saves the
turn after the action and would write the whole conversation back."""
from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import forget

FORGET_ACTION = "action_forget_me"


def asked_to_forget(tracker: DialogueStateTracker) -> bool:
    """Did the latest turn (since the person's last message) run the forget action?"""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    async def save(self, tracker: DialogueStateTracker) -> None:
        if not asked_to_forget(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            forget(session, tracker.sender_id)

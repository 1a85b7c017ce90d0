"""Forgetting a conversation and its tickets in Rasa's own SQL tracker store (bot/tracker_store.py), on a real
database: the turn that ran action_forget_me deletes the conversation instead of saving it."""
from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db import new_session
from bot.handoff.models import TicketRow
from bot.handoff.tickets import open_ticket
from bot.migrate import upgrade
from bot.tracker_store import ForgetfulSQLTrackerStore


def turn(tracker: DialogueStateTracker, text: str, action: str) -> None:
    tracker.update(UserUttered(text, {"name": "x", "confidence": 1.0}))
    tracker.update(ActionExecuted(action))
    tracker.update(BotUttered("ok"))
    tracker.update(ActionExecuted("action_listen"))


async def test_a_conversation_is_kept_until_the_person_asks_to_forget_it(db_url):
    upgrade(db_url)
    store = ForgetfulSQLTrackerStore(domain=Domain.empty(), host=db_url)
    mine, theirs = DialogueStateTracker("mine", []), DialogueStateTracker("theirs", [])
    for tracker in (mine, theirs):
        turn(tracker, "an incubator in Liège", "action_search_directory")
        await store.save(tracker)
    assert len((await store.retrieve("mine")).events) == 4
    with new_session(db_url) as session:
        for who in ("mine", "theirs"):
            open_ticket(session, conversation_id=who, channel="rest", language="en", topic=None, place=None,
                        urgent=False, reach_by="chat", contact=None, events=[])

    turn(mine, "forget me", "utter_confirm_forget")
    await store.save(mine)
    assert len((await store.retrieve("mine")).events) == 8      # asking is not yet forgetting

    turn(mine, "yes", "action_forget_me")
    await store.save(mine)
    assert await store.retrieve("mine") is None                 # nothing left, not even the request
    assert len((await store.retrieve("theirs")).events) == 4    # other people's conversations stay
    with new_session(db_url) as session:
        assert [t.conversation_id for t in session.query(TicketRow)] == ["theirs"]   # and their tickets
    store.engine.dispose()

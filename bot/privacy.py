"""Forgetting a person: their conversation (Rasa's tracker events) and their tickets, at once.

Rasa's SQL tracker store appends events and never deletes them, so forgetting is done here,
on the same database (DATABASE_URL holds both). bot.tracker_store calls it when a turn ran
action_forget_me; the web app can call it directly."""
from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from bot.handoff.models import TicketRow

RASA_EVENTS = "events"


def forget(session: Session, conversation_id: str) -> int:
    """Delete everything kept about one conversation; returns how many rows went."""
    deleted = session.query(TicketRow).filter(TicketRow.conversation_id == conversation_id).delete()
    if inspect(session.get_bind()).has_table(RASA_EVENTS):
        deleted += session.execute(text(f"DELETE FROM {RASA_EVENTS} WHERE sender_id = :sender"),
                                   {"sender": conversation_id}).rowcount
    session.commit()
    return deleted

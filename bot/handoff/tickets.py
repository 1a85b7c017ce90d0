"""Opening a ticket: what staff need to take over a conversation without asking again."""
from __future__ import annotations

from datetime import datetime
from typing import Dict, Iterable, List, Optional

from sqlalchemy.orm import Session

from bot.handoff.models import TicketRow

SUMMARY_MESSAGES = 3
SUMMARY_CHARS = 300


def transcript(events: Iterable[Dict]) -> List[Dict]:
    """The conversation as staff read it: who said what, when, and what the assistant understood.
    Button payloads become the button's meaning ("[inform: handoff_method=chat]") rather than raw
    "/intent{...}" text; a staff member's replies and take-overs are marked as such."""
    lines = []
    for event in events:
        kind, when = event.get("event"), event.get("timestamp")
        if kind == "user":
            parsed = event.get("parse_data") or {}
            intent = parsed.get("intent") or {}
            text = event.get("text") or ""
            if text.startswith("/"):
                values = ", ".join(f"{e.get('entity')}={e.get('value')}" for e in parsed.get("entities") or [])
                text = f"[{intent.get('name', text)}{': ' + values if values else ''}]"
            lines.append({"who": "user", "text": text, "time": when, "intent": intent.get("name"),
                          "confidence": intent.get("confidence")})
        elif kind == "bot" and event.get("text"):
            staff = (event.get("metadata") or {}).get("kind") == "staff_reply"
            lines.append({"who": "staff" if staff else "bot", "text": event["text"], "time": when})
        elif kind in ("pause", "resume"):
            lines.append({"who": "system", "event": kind, "text": "", "time": when})
    return lines


def summary(lines: List[Dict]) -> str:
    """The person's last few messages, oldest first: what they asked, in their words."""
    said = [line["text"] for line in lines if line["who"] == "user" and not line["text"].startswith("[")]
    text = " / ".join(said[-SUMMARY_MESSAGES:])
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1] + "…"


def open_ticket(session: Session, *, conversation_id: str, channel: Optional[str], language: str,
                topic: Optional[str], place: Optional[str], urgent: bool, reach_by: str,
                contact: Optional[str], events: Iterable[Dict]) -> TicketRow:
    lines = transcript(events)
    now = datetime.utcnow()
    ticket = TicketRow(conversation_id=conversation_id, channel=channel or "rest", language=language,
                       topic=topic, place=place, urgent=urgent, reach_by=reach_by, contact=contact,
                       summary=summary(lines), transcript=lines, status="open", created_at=now, updated_at=now)
    session.add(ticket)
    session.commit()
    return ticket

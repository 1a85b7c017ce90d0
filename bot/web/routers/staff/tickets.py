"""The queue of tickets, one ticket with its live conversation and suggestions, and what staff do
with it: take over, reply, hand back, note, resolve (through Rasa's HTTP API)."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.handoff.models import TicketRow
from bot.handoff.tickets import transcript
from bot.i18n.catalogues import gettext
from bot.i18n.languages import language_name
from bot.settings import Settings
from bot.staff.audit import audit
from bot.staff.models import TicketNoteRow
from bot.staff.rasa_api import RasaUnavailable
from bot.staff.suggestions import suggest
from bot.web.dependencies import get_session, get_settings, rasa_api
from bot.web.routers.staff.common import RASA_UNREACHABLE, STATUSES, client_ip, page
from bot.web.staff_auth import Staff, checked_form, current_staff

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def queue(request: Request, status: str = "open", language: str = "", topic: str = "", place: str = "",
          urgent: str = "", staff: Staff = Depends(current_staff), db: Session = Depends(get_session)):
    query = select(TicketRow)
    if status in STATUSES:
        query = query.where(TicketRow.status == status)
    if language:
        query = query.where(TicketRow.language == language)
    if topic:
        query = query.where(TicketRow.topic == topic)
    if place:
        query = query.where(TicketRow.place == place)
    if urgent in ("yes", "no"):
        query = query.where(TicketRow.urgent.is_(urgent == "yes"))
    tickets = db.scalars(query.order_by(TicketRow.urgent.desc(), TicketRow.created_at).limit(500)).all()
    choices = {name: sorted(v for v in db.scalars(select(column).distinct()) if v)
               for name, column in (("language", TicketRow.language), ("topic", TicketRow.topic),
                                    ("place", TicketRow.place))}
    return page(request, "staff/queue.html", staff.language, staff, tickets=tickets, choices=choices,
                 filters={"status": status, "language": language, "topic": topic, "place": place, "urgent": urgent},
                 statuses=STATUSES, language_name=lambda code: language_name(code, staff.language))


# One ticket

def _ticket(db: Session, ticket_id: int) -> TicketRow:
    ticket = db.get(TicketRow, ticket_id)
    if ticket is None:
        raise HTTPException(404, "No such ticket.")
    return ticket


@router.get("/tickets/{ticket_id}", response_class=HTMLResponse)
def ticket_page(request: Request, ticket_id: int, staff: Staff = Depends(current_staff),
                db: Session = Depends(get_session), settings: Settings = Depends(get_settings),
                error: Optional[str] = None, status_code: int = 200):
    ticket = _ticket(db, ticket_id)
    try:
        conversation, live = transcript(rasa_api(settings).events(ticket.conversation_id)), True
    except RasaUnavailable:
        conversation, live = [], False
    notes = db.scalars(select(TicketNoteRow).where(TicketNoteRow.ticket_id == ticket.id)
                       .order_by(TicketNoteRow.created_at)).all()
    return page(request, "staff/ticket.html", staff.language, staff, status_code=status_code, ticket=ticket,
                 conversation=conversation, live=live, notes=notes, error=error,
                 suggestions=suggest(db, ticket.topic, ticket.place, staff.language),
                 language_name=lambda code: language_name(code, staff.language))


def _act(request: Request, ticket_id: int, staff: Staff, db: Session, settings: Settings, action: str,
         form: dict):
    """Does one thing to a ticket (and, through Rasa, to its conversation), audits it, and goes
    back to the ticket. If Rasa cannot be reached, nothing changes and the page says so."""
    ticket = _ticket(db, ticket_id)
    rasa = rasa_api(settings)
    text = str(form.get("text", "")).strip()
    try:
        if action == "take":
            rasa.take_over(ticket.conversation_id)
            ticket.assignee, ticket.held = staff.name, True
        elif action == "reply":
            if not text:
                return RedirectResponse(f"/staff/tickets/{ticket.id}", status_code=303)
            if not ticket.held:
                rasa.take_over(ticket.conversation_id)
                ticket.assignee, ticket.held = staff.name, True
            rasa.reply(ticket.conversation_id, text[:4000], ticket.language, staff.name)
        elif action == "hand_back":
            rasa.hand_back(ticket.conversation_id)
            ticket.held = False
        elif action == "resolve":
            if ticket.held:
                rasa.hand_back(ticket.conversation_id)
            ticket.held, ticket.status = False, "resolved"
        elif action == "note":
            if not text:
                return RedirectResponse(f"/staff/tickets/{ticket.id}", status_code=303)
            db.add(TicketNoteRow(ticket_id=ticket.id, author=staff.name, text=text[:4000]))
    except RasaUnavailable:
        db.rollback()
        return ticket_page(request, ticket_id, staff, db, settings, status_code=503,
                           error=gettext(staff.language, RASA_UNREACHABLE))
    ticket.updated_at = datetime.utcnow()
    audit(db, staff.name, f"ticket_{action}", f"ticket:{ticket.id}", {"length": len(text)} if text else None, client_ip(request))
    db.commit()
    return RedirectResponse(f"/staff/tickets/{ticket.id}", status_code=303)


ACTIONS = {"take": "take", "reply": "reply", "hand-back": "hand_back", "resolve": "resolve", "note": "note"}


@router.post("/tickets/{ticket_id}/{verb}")
def ticket_action(request: Request, ticket_id: int, verb: str, form: dict = Depends(checked_form),
                  staff: Staff = Depends(current_staff), db: Session = Depends(get_session),
                  settings: Settings = Depends(get_settings)):
    if verb not in ACTIONS:
        raise HTTPException(404)
    return _act(request, ticket_id, staff, db, settings, ACTIONS[verb], form)

"""Triage: what the assistant makes of a question (language, intent, entities) and what the
directory suggests for it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.handoff.models import TicketRow
from bot.i18n.catalogues import gettext
from bot.i18n.languages import language_name
from bot.settings import Settings
from bot.staff.audit import audit
from bot.staff.rasa_api import RasaUnavailable
from bot.conversation import place_from_message
from bot.directory.places import Gazetteer
from bot.staff.suggestions import suggest, topic_of
from bot.web.dependencies import get_session, get_settings, rasa_api
from bot.web.routers.staff.common import RASA_UNREACHABLE, client_ip, page
from bot.web.staff_auth import Staff, checked_form, current_staff

router = APIRouter(prefix="/staff", include_in_schema=False)


@router.get("/triage", response_class=HTMLResponse)
def triage_page(request: Request, staff: Staff = Depends(current_staff), db: Session = Depends(get_session)):
    recent = db.scalars(select(TicketRow).where(TicketRow.status == "open")
                        .order_by(TicketRow.created_at.desc()).limit(20)).all()
    return page(request, "staff/triage.html", staff.language, staff, recent=recent, result=None, text="")


@router.post("/triage", response_class=HTMLResponse)
def triage(request: Request, form: dict = Depends(checked_form), staff: Staff = Depends(current_staff),
           db: Session = Depends(get_session), settings: Settings = Depends(get_settings)):
    text = str(form.get("text", "")).strip()[:2000]
    if not text:
        return RedirectResponse("/staff/triage", status_code=303)
    try:
        parsed = rasa_api(settings).parse(text)
    except RasaUnavailable:
        return page(request, "staff/triage.html", staff.language, staff, status_code=503, recent=[], result=None,
                     text=text, error=gettext(staff.language, RASA_UNREACHABLE))
    intent = parsed.get("intent") or {}
    entities = parsed.get("entities") or []
    detection = parsed.get("language_detection") or {}
    topic = topic_of(intent.get("name"), entities)
    gazetteer = Gazetteer.from_db(db)
    place = place_from_message(gazetteer, text, entities)
    result = {"intent": intent.get("name"), "confidence": intent.get("confidence") or 0.0,
              "ranking": (parsed.get("intent_ranking") or [])[1:4], "entities": entities,
              "language": detection.get("language"), "topic": topic, "place": place,
              "suggestions": suggest(db, topic, place, staff.language, gazetteer=gazetteer)}
    audit(db, staff.name, "triage", detail={"length": len(text)}, ip=client_ip(request))
    db.commit()
    return page(request, "staff/triage.html", staff.language, staff, recent=[], result=result, text=text,
                 language_name=lambda code: language_name(code, staff.language) if code else "—")

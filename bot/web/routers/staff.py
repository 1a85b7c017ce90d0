"""The staff dashboard at /staff: sign in, the queue of tickets, one ticket with its live
conversation, and taking over, replying and handing back through Rasa's HTTP API.

Every page needs a session and every form its CSRF token (bot/web/staff_auth.py); every action
is written to the audit log with the change it makes."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Dict, List, Optional

from babel.dates import format_datetime
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation import decode_place
from bot.directory.models import EntryRow
from bot.directory.places import Gazetteer
from bot.handoff.models import TicketRow
from bot.i18n.catalogues import N_, gettext
from bot.i18n.languages import direction, language_name, supported
from bot.settings import Settings
from bot.staff.accounts import SESSION_LIFETIME, authenticate, close_session, open_session, too_many_failures
from bot.staff.audit import audit
from bot.staff.models import TicketNoteRow
from bot.staff.rasa_api import RasaAPI, RasaUnavailable
from bot.staff.charts import stacked_bars
from bot.staff.directory_edits import as_yaml, entry_as_dict, export_yaml, history, save_entry, set_archived
from bot.staff.insights import DIMENSIONS, UNKNOWN, as_csv, by_week, conversations, unanswered_groups
from bot.staff.suggestions import place_of, suggest, topic_of
from bot.web.dependencies import get_session, get_settings
from bot.web.staff_auth import (LOGIN_CSRF_COOKIE, SESSION_COOKIE, Staff, checked_form, current_admin, current_staff,
                                set_cookie)
from bot.text import fold
from bot.topics import TOPIC_LABELS
from bot.web.templating import templates

router = APIRouter(prefix="/staff", include_in_schema=False)

# The dashboard's own languages (its strings are in every catalogue; these two are checked).
STAFF_LANGUAGES = ("en", "fr")
STATUSES = ("open", "resolved")
TOO_MANY_FAILURES = N_("Too many failed attempts. Wait a quarter of an hour, then try again.")
WRONG_PASSWORD = N_("Wrong user name or password.")
RASA_UNREACHABLE = N_("The assistant could not be reached: nothing was sent or changed. Try again.")


def _lang(code: Optional[str]) -> str:
    code = supported(code)
    return code if code in STAFF_LANGUAGES else "en"


def _page(request: Request, name: str, lang: str, staff: Optional[Staff] = None, status_code: int = 200,
          **context) -> HTMLResponse:
    context.update(request=request, staff=staff, lang=lang, dir=direction(lang), csrf=staff.session.csrf_token if staff else "",
                   languages=[(code, language_name(code)) for code in STAFF_LANGUAGES],
                   _=lambda message: gettext(lang, message),
                   when=lambda moment: format_datetime(moment, "short", locale=lang) if moment else "")
    return templates.TemplateResponse(name, context, status_code=status_code)


def _ip(request: Request) -> Optional[str]:
    return request.client.host if request.client else None


def _rasa(settings: Settings) -> RasaAPI:
    return RasaAPI(settings.rasa_url, settings.rasa_token())


# Signing in and out

def _browser_language(request: Request) -> str:
    """The first of the browser's languages that the dashboard speaks."""
    for part in request.headers.get("accept-language", "").split(","):
        code = supported(part.split(";")[0].strip())
        if code in STAFF_LANGUAGES:
            return code
    return "en"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, lang: Optional[str] = None):
    token = secrets.token_urlsafe(32)
    response = _page(request, "staff/login.html", _lang(lang) if lang else _browser_language(request), login_csrf=token)
    set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, db: Session = Depends(get_session)):
    form = await request.form()
    lang = _lang(str(form.get("lang", "")))
    username, password = str(form.get("username", ""))[:80], str(form.get("password", ""))
    # The sign-in form's CSRF token is checked against its cookie (there is no session yet).
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, str(form.get("csrf", ""))):
        raise HTTPException(403, "The form has expired: reload the page and try again.")

    def again(message: str, status: int):
        return _page(request, "staff/login.html", lang, status_code=status, login_csrf=cookie,
                     error=gettext(lang, message), username=username)

    if too_many_failures(db, username, _ip(request)):
        return again(TOO_MANY_FAILURES, 429)
    user = authenticate(db, username, password, _ip(request))
    if user is None:
        return again(WRONG_PASSWORD, 401)
    token, _session = open_session(db, user, lang)
    response = RedirectResponse("/staff", status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/staff")
    return response


@router.post("/logout")
def logout(request: Request, form: dict = Depends(checked_form), staff: Staff = Depends(current_staff),
           db: Session = Depends(get_session)):
    audit(db, staff.name, "logout", ip=_ip(request))
    close_session(db, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/staff")
    return response


@router.post("/language")
def choose_language(form: dict = Depends(checked_form), staff: Staff = Depends(current_staff),
                    db: Session = Depends(get_session)):
    staff.session.language = _lang(str(form.get("lang", "")))
    db.commit()
    return RedirectResponse(str(form.get("back") or "/staff") if str(form.get("back", "")).startswith("/staff") else "/staff",
                            status_code=303)


# The queue

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
    every = db.execute(select(TicketRow.language, TicketRow.topic, TicketRow.place)).all()
    choices = {"language": sorted({r[0] for r in every if r[0]}), "topic": sorted({r[1] for r in every if r[1]}),
               "place": sorted({r[2] for r in every if r[2]})}
    return _page(request, "staff/queue.html", staff.language, staff, tickets=tickets, choices=choices,
                 filters={"status": status, "language": language, "topic": topic, "place": place, "urgent": urgent},
                 statuses=STATUSES, language_name=lambda code: language_name(code, staff.language))


# One ticket

def _ticket(db: Session, ticket_id: int) -> TicketRow:
    ticket = db.get(TicketRow, ticket_id)
    if ticket is None:
        raise HTTPException(404, "No such ticket.")
    return ticket


def _conversation(events: List[Dict]) -> List[Dict]:
    """The person's and the assistant's messages, with what the assistant understood."""
    lines = []
    for event in events:
        if event.get("event") == "user":
            intent = (event.get("parse_data") or {}).get("intent") or {}
            lines.append({"who": "user", "text": event.get("text") or "", "intent": intent.get("name"),
                          "confidence": intent.get("confidence"), "time": datetime.utcfromtimestamp(event["timestamp"])})
        elif event.get("event") == "bot" and event.get("text"):
            staff = (event.get("metadata") or {}).get("kind") == "staff_reply"
            lines.append({"who": "staff" if staff else "bot", "text": event["text"],
                          "time": datetime.utcfromtimestamp(event["timestamp"])})
        elif event.get("event") in ("pause", "resume"):
            lines.append({"who": "system", "event": event["event"], "time": datetime.utcfromtimestamp(event["timestamp"])})
    return lines


@router.get("/tickets/{ticket_id}", response_class=HTMLResponse)
def ticket_page(request: Request, ticket_id: int, staff: Staff = Depends(current_staff),
                db: Session = Depends(get_session), settings: Settings = Depends(get_settings),
                error: Optional[str] = None, status_code: int = 200):
    ticket = _ticket(db, ticket_id)
    try:
        conversation, live = _conversation(_rasa(settings).events(ticket.conversation_id)), True
    except RasaUnavailable:
        conversation, live = [], False
    notes = db.scalars(select(TicketNoteRow).where(TicketNoteRow.ticket_id == ticket.id)
                       .order_by(TicketNoteRow.created_at)).all()
    return _page(request, "staff/ticket.html", staff.language, staff, status_code=status_code, ticket=ticket,
                 conversation=conversation, live=live, notes=notes, error=error,
                 suggestions=suggest(db, ticket.topic, ticket.place, staff.language),
                 language_name=lambda code: language_name(code, staff.language))


def _act(request: Request, ticket_id: int, staff: Staff, db: Session, settings: Settings, action: str,
         form: dict):
    """Does one thing to a ticket (and, through Rasa, to its conversation), audits it, and goes
    back to the ticket. If Rasa cannot be reached, nothing changes and the page says so."""
    ticket = _ticket(db, ticket_id)
    rasa = _rasa(settings)
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
    audit(db, staff.name, f"ticket_{action}", f"ticket:{ticket.id}", {"length": len(text)} if text else None, _ip(request))
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


# Triage: what the assistant makes of a question

@router.get("/triage", response_class=HTMLResponse)
def triage_page(request: Request, staff: Staff = Depends(current_staff), db: Session = Depends(get_session)):
    recent = db.scalars(select(TicketRow).where(TicketRow.status == "open")
                        .order_by(TicketRow.created_at.desc()).limit(20)).all()
    return _page(request, "staff/triage.html", staff.language, staff, recent=recent, result=None, text="")


@router.post("/triage", response_class=HTMLResponse)
def triage(request: Request, form: dict = Depends(checked_form), staff: Staff = Depends(current_staff),
           db: Session = Depends(get_session), settings: Settings = Depends(get_settings)):
    text = str(form.get("text", "")).strip()[:2000]
    if not text:
        return RedirectResponse("/staff/triage", status_code=303)
    try:
        parsed = _rasa(settings).parse(text)
    except RasaUnavailable:
        return _page(request, "staff/triage.html", staff.language, staff, status_code=503, recent=[], result=None,
                     text=text, error=gettext(staff.language, RASA_UNREACHABLE))
    intent = parsed.get("intent") or {}
    entities = parsed.get("entities") or []
    detection = parsed.get("language_detection") or {}
    topic = topic_of(intent.get("name"), entities)
    place = place_of(db, text, entities)
    result = {"intent": intent.get("name"), "confidence": intent.get("confidence") or 0.0,
              "ranking": (parsed.get("intent_ranking") or [])[1:4], "entities": entities,
              "language": detection.get("language"), "topic": topic, "place": place,
              "suggestions": suggest(db, topic, place, staff.language)}
    audit(db, staff.name, "triage", detail={"length": len(text)}, ip=_ip(request))
    db.commit()
    return _page(request, "staff/triage.html", staff.language, staff, recent=[], result=result, text=text,
                 language_name=lambda code: language_name(code, staff.language) if code else "—")


# Insights: what people ask, and what the assistant could not answer

DIMENSION_TITLES = {"language": N_("Conversations by language"), "topic": N_("Conversations by topic"),
                    "place": N_("Conversations by place")}


def _labeller(db: Session, lang: str):

    gazetteer = Gazetteer.from_db(db)

    def label(dimension: str, value: str) -> str:
        if value == UNKNOWN or value == "other":
            return gettext(lang, "not known") if value == UNKNOWN else gettext(lang, "other")
        if dimension == "language":
            return language_name(value, lang)
        if dimension == "topic":
            return gettext(lang, TOPIC_LABELS.get(value, value))
        place = decode_place(gazetteer, value)
        return place.name(lang) if place else value
    return label


def _since(days: int) -> datetime:
    return datetime.utcnow() - timedelta(days=max(1, min(days, 3660)))


@router.get("/insights", response_class=HTMLResponse)
def insights(request: Request, days: int = 90, staff: Staff = Depends(current_staff), db: Session = Depends(get_session)):
    found = conversations(db, _since(days))
    charts = [{"dimension": d, "title": gettext(staff.language, DIMENSION_TITLES[d]),
               "chart": stacked_bars(by_week(found, d))} for d in DIMENSIONS]
    return _page(request, "staff/insights.html", staff.language, staff, days=days, total=len(found), charts=charts,
                 groups=unanswered_groups(found), label=_labeller(db, staff.language))


@router.get("/insights.csv")
def insights_csv(request: Request, days: int = 90, staff: Staff = Depends(current_staff),
                 db: Session = Depends(get_session)):
    body = as_csv(conversations(db, _since(days)))
    audit(db, staff.name, "insights_export", detail={"days": days}, ip=_ip(request))
    db.commit()
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="passerelle-insights-{days}d.csv"'})


# The directory, for admins: edit, create, archive, export

NEW_ENTRY = """id: new-entry-id
name: ""
organization: ""
category: information_point
description:
  en: ""
city: null
country: null
service_area: local
contacts: {}
sources:
  - file: 003_3f3b38f85375b88f.txt
    lines: [1, 1]
    quote: ""
"""


@router.get("/directory", response_class=HTMLResponse)
def directory(request: Request, q: str = "", staff: Staff = Depends(current_admin), db: Session = Depends(get_session)):

    rows = db.scalars(select(EntryRow).order_by(EntryRow.archived, EntryRow.name)).all()
    if q:
        rows = [r for r in rows if fold(q) in r.search_text or q.lower() in r.id]
    return _page(request, "staff/directory.html", staff.language, staff, entries=rows, q=q)


@router.get("/directory/export.yaml")
def directory_export(request: Request, staff: Staff = Depends(current_admin), db: Session = Depends(get_session)):

    body = export_yaml(db)
    audit(db, staff.name, "directory_export", ip=_ip(request))
    db.commit()
    return Response(body, media_type="application/yaml; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="passerelle-directory.yml"'})


def _entry_page(request: Request, staff: Staff, db: Session, entry_id: Optional[str], text: str,
                errors: List[str], status_code: int = 200, saved: bool = False) -> HTMLResponse:

    row = db.get(EntryRow, entry_id) if entry_id else None
    return _page(request, "staff/entry.html", staff.language, staff, status_code=status_code, entry=row, text=text,
                 errors=errors, saved=saved, changes=history(db, entry_id) if entry_id else [])


@router.get("/directory/new", response_class=HTMLResponse)
def new_entry(request: Request, staff: Staff = Depends(current_admin), db: Session = Depends(get_session)):
    return _entry_page(request, staff, db, None, NEW_ENTRY, [])


@router.post("/directory/new", response_class=HTMLResponse)
def create_entry(request: Request, form: dict = Depends(checked_form), staff: Staff = Depends(current_admin),
                 db: Session = Depends(get_session), settings: Settings = Depends(get_settings)):

    text = str(form.get("yaml", ""))
    row, errors = save_entry(db, text, staff.name, settings.seeds_dir)
    if errors:
        return _entry_page(request, staff, db, None, text, errors, status_code=422)
    return RedirectResponse(f"/staff/directory/{row.id}?saved=1", status_code=303)


@router.get("/directory/{entry_id}", response_class=HTMLResponse)
def edit_entry(request: Request, entry_id: str, saved: int = 0, staff: Staff = Depends(current_admin),
               db: Session = Depends(get_session)):

    row = db.get(EntryRow, entry_id)
    if row is None:
        raise HTTPException(404, "No such entry.")
    return _entry_page(request, staff, db, entry_id, as_yaml(entry_as_dict(row)), [], saved=bool(saved))


@router.post("/directory/{entry_id}", response_class=HTMLResponse)
def update_entry(request: Request, entry_id: str, form: dict = Depends(checked_form),
                 staff: Staff = Depends(current_admin), db: Session = Depends(get_session),
                 settings: Settings = Depends(get_settings)):

    action = str(form.get("action", "save"))
    if action in ("archive", "restore"):
        if set_archived(db, entry_id, action == "archive", staff.name) is None:
            raise HTTPException(404, "No such entry.")
        return RedirectResponse(f"/staff/directory/{entry_id}?saved=1", status_code=303)
    text = str(form.get("yaml", ""))
    row, errors = save_entry(db, text, staff.name, settings.seeds_dir, entry_id=entry_id)
    if errors:
        return _entry_page(request, staff, db, entry_id, text, errors, status_code=422)
    return RedirectResponse(f"/staff/directory/{entry_id}?saved=1", status_code=303)

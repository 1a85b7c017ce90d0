"""Signing in (sign-in attempts limited and audited), out, and choosing the dashboard's language."""
from __future__ import annotations

import secrets
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from bot.i18n.catalogues import gettext
from bot.i18n.languages import supported
from bot.staff.accounts import SESSION_LIFETIME, authenticate, close_session, open_session, too_many_failures
from bot.staff.audit import audit
from bot.web.dependencies import get_session
from bot.web.routers.staff.common import (STAFF_LANGUAGES, TOO_MANY_FAILURES, WRONG_PASSWORD, client_ip, page,
                                          staff_language)
from bot.web.staff_auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE, Staff, checked_form, current_staff, set_cookie

router = APIRouter(prefix="/staff", include_in_schema=False)


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
    response = page(request, "staff/login.html", staff_language(lang) if lang else _browser_language(request), login_csrf=token)
    set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, db: Session = Depends(get_session)):
    form = await request.form()
    lang = staff_language(str(form.get("lang", "")))
    username, password = str(form.get("username", ""))[:80], str(form.get("password", ""))
    # The sign-in form's CSRF token is checked against its cookie (there is no session yet).
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, str(form.get("csrf", ""))):
        raise HTTPException(403, "The form has expired: reload the page and try again.")

    def again(message: str, status: int):
        return page(request, "staff/login.html", lang, status_code=status, login_csrf=cookie,
                     error=gettext(lang, message), username=username)

    if too_many_failures(db, username, client_ip(request)):
        return again(TOO_MANY_FAILURES, 429)
    user = authenticate(db, username, password, client_ip(request))
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
    audit(db, staff.name, "logout", ip=client_ip(request))
    close_session(db, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/staff/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/staff")
    return response


@router.post("/language")
def choose_language(form: dict = Depends(checked_form), staff: Staff = Depends(current_staff),
                    db: Session = Depends(get_session)):
    staff.session.language = staff_language(str(form.get("lang", "")))
    db.commit()
    return RedirectResponse(str(form.get("back") or "/staff") if str(form.get("back", "")).startswith("/staff") else "/staff",
                            status_code=303)

"""Who is signed in to the staff dashboard, and the checks every staff route makes: a session
(else the sign-in page, or 401 for anything but a page), the admin role where asked, and the
CSRF token on every form."""
from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from bot.staff.accounts import find_session
from bot.staff.models import StaffSessionRow, StaffUserRow
from bot.web.dependencies import get_session

SESSION_COOKIE = "passerelle_staff"
LOGIN_CSRF_COOKIE = "passerelle_login_csrf"


@dataclass
class Staff:
    user: StaffUserRow
    session: StaffSessionRow

    @property
    def name(self) -> str:
        return self.user.username

    @property
    def language(self) -> str:
        return self.session.language

    @property
    def is_admin(self) -> bool:
        return self.user.role == "admin"


def set_cookie(request: Request, response, name: str, value: str, max_age: int) -> None:
    # HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it; Secure
    # whenever the dashboard is reached over HTTPS.
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/staff")


def current_staff(request: Request, db: Session = Depends(get_session)) -> Staff:
    found = find_session(db, request.cookies.get(SESSION_COOKIE))
    if found is None:
        if request.method == "GET":
            raise HTTPException(303, headers={"Location": "/staff/login"})
        raise HTTPException(401, "Sign in first.")
    return Staff(*found)


def current_admin(staff: Staff = Depends(current_staff)) -> Staff:
    if not staff.is_admin:
        raise HTTPException(403, "This needs the admin role.")
    return staff


async def checked_form(request: Request, staff: Staff = Depends(current_staff)) -> dict:
    """The submitted form, once its CSRF token matches the session's."""
    form = dict(await request.form())
    if not hmac.compare_digest(str(form.get("csrf", "")), staff.session.csrf_token):
        raise HTTPException(403, "The form has expired: reload the page and try again.")
    return form

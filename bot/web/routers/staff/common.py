"""What every staff page shares: its language, how a page is rendered, the client's address,
and the Rasa API client."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from babel.dates import format_datetime, get_timezone
from fastapi import Request
from fastapi.responses import HTMLResponse

from bot.i18n.catalogues import N_, gettext
from bot.i18n.languages import direction, language_name, supported
from bot.settings import load_settings
from bot.web.staff_auth import Staff
from bot.web.templating import templates

# The dashboard's own languages (its strings are in every catalogue; these two are checked).
STAFF_LANGUAGES = ("en", "fr")
STATUSES = ("open", "resolved")
TOO_MANY_FAILURES = N_("Too many failed attempts. Wait a quarter of an hour, then try again.")
WRONG_PASSWORD = N_("Wrong user name or password.")
RASA_UNREACHABLE = N_("The assistant could not be reached: nothing was sent or changed. Try again.")


def staff_language(code: Optional[str]) -> str:
    code = supported(code)
    return code if code in STAFF_LANGUAGES else "en"


def page(request: Request, name: str, lang: str, staff: Optional[Staff] = None, status_code: int = 200,
          **context) -> HTMLResponse:
    zone = get_timezone(load_settings().timezone)     # once per page, not per time shown
    context.update(request=request, staff=staff, lang=lang, dir=direction(lang), csrf=staff.session.csrf_token if staff else "",
                   languages=[(code, language_name(code)) for code in STAFF_LANGUAGES],
                   _=lambda message: gettext(lang, message),
                   when=lambda moment: _when(moment, lang, zone))
    return templates.TemplateResponse(name, context, status_code=status_code)


def _when(moment, lang: str, zone) -> str:
    """A stored moment (a naive UTC datetime, or Rasa's seconds since the epoch) in the desk's
    time zone, as the language writes it, with the zone's abbreviation ("24/11/2026 16:05 CET")."""
    if not moment:
        return ""
    if isinstance(moment, (int, float)):
        moment = datetime.fromtimestamp(moment, timezone.utc)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return f"{format_datetime(moment, 'short', tzinfo=zone, locale=lang)} {moment.astimezone(zone).tzname()}"


def client_ip(request: Request) -> Optional[str]:
    return request.client.host if request.client else None


"""Pages: the demo page at / (a city's information page with the widget on it), the full-page
chat at /chat for phones and shared links, and health."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from bot.i18n.languages import supported
from bot.settings import Settings
from bot.web.dependencies import get_settings
from bot.web.templating import templates

router = APIRouter(tags=["pages"])


def _widget_tag(request: Request, settings: Settings, lang: Optional[str], mode: Optional[str]) -> dict:
    # Browsers reach Rasa's socket.io on this host at Rasa's port, unless a proxy says otherwise.
    socket_url = settings.public_rasa_url or f"{request.url.scheme}://{request.url.hostname}:{settings.rasa_port}"
    return {"request": request, "lang": supported(lang), "mode": mode, "socket_url": socket_url,
            "widget_url": request.url_for("built_file", name="passerelle.js").path}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def demo_page(request: Request, lang: Optional[str] = None, settings: Settings = Depends(get_settings)):
    return templates.TemplateResponse("demo.html", _widget_tag(request, settings, lang, None))


@router.get("/chat", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request, lang: Optional[str] = None, settings: Settings = Depends(get_settings)):
    return templates.TemplateResponse("chat.html", _widget_tag(request, settings, lang, "page"))


@router.get("/health", tags=["health"])
def health() -> dict:
    return {"status": "ok"}

"""The FastAPI application, assembled from its routers ("bigger applications" layout)."""
from __future__ import annotations

from babel.dates import get_timezone
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from bot.settings import load_settings
from bot.web.routers import directory, pages, staff, widget


def create_app() -> FastAPI:
    zone = load_settings().timezone
    try:
        get_timezone(zone)
    except LookupError:
        raise SystemExit(f"PASSERELLE_TIMEZONE={zone!r} is not a time zone: use an IANA name such as Europe/Brussels.")
    app = FastAPI(title="Passerelle", version="0.1.0",
                  description="Directory of social and solidarity economy initiatives and contact points for migrants.")
    app.include_router(pages.router)
    app.include_router(directory.router)
    app.include_router(widget.router)
    app.include_router(staff.router)
    # The widget runs on other sites' pages: it fetches its strings and deletes its conversation
    # from there. No credentials cross origins, so staff sessions are not exposed.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_credentials=False)
    # The widget is a third of its size gzipped: it matters on a phone with a weak signal.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    return app


app = create_app()

"""Pages and health: the demo page at / (the widget arrives with its own issue)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["pages"])

DEMO_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Passerelle</title></head>
<body><main><h1>Passerelle</h1>
<p>A multilingual guidance assistant for migrants: one-stop shops, incubators, mentoring,
cooperatives, and routes to a residence permit through the social and solidarity economy.</p>
<ul><li><a href="/docs">Directory API (OpenAPI)</a></li>
<li><a href="/api/entries">All directory entries (JSON)</a></li></ul></main></body></html>"""


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def demo_page() -> str:
    return DEMO_PAGE


@router.get("/health", tags=["health"])
def health() -> dict:
    return {"status": "ok"}

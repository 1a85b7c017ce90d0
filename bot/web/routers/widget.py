"""What the widget needs from the web app: its built files, its strings per language, and
"delete my conversation"."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Path as P
from fastapi.responses import FileResponse, Response

from bot.i18n.languages import DEFAULT, supported
from bot.settings import ROOT, Settings
from bot.staff.rasa_api import RasaUnavailable
from bot.web.dependencies import get_settings, rasa_api
from bot.widget import CONVERSATION_ID
from bot.widget.strings import catalogue

router = APIRouter(tags=["widget"])

DIST = ROOT / "bot" / "widget" / "dist"
BUILT_FILES = {"passerelle.js": "text/javascript; charset=utf-8"}


@router.get("/widget/{name}", include_in_schema=False)
def built_file(name: str) -> FileResponse:
    if name not in BUILT_FILES:
        raise HTTPException(404)
    path: Path = DIST / name
    if not path.exists():
        raise HTTPException(503, "The widget is not built: run scripts/setup.sh.")
    # Short caching: a phone on a weak connection revalidates instead of downloading again.
    return FileResponse(path, media_type=BUILT_FILES[name], headers={"Cache-Control": "public, max-age=300"})


@router.get("/widget/i18n/{languages}.json")
def widget_strings(languages: str) -> dict:
    """The widget's strings in the first language of a comma-separated list that we speak
    ("fr-BE,nl,en"), else in English."""
    wanted = (supported(code) for code in languages.split(",")[:20])
    return catalogue(next((code for code in wanted if code), DEFAULT))


@router.post("/api/conversations/{conversation_id}/forget", status_code=204, response_class=Response)
def forget_conversation(conversation_id: str = P(..., pattern=CONVERSATION_ID),
                        settings: Settings = Depends(get_settings)) -> Response:
    """Run action_forget_me in Rasa, under Rasa's lock for that conversation: the tracker store
    then deletes the conversation and its tickets (bot/tracker_store.py). The conversation id is
    a random id only the person's browser holds, as it is for sending messages."""
    try:
        rasa_api(settings).run_action(conversation_id, "action_forget_me")
    except RasaUnavailable:
        raise HTTPException(503, "The assistant could not delete the conversation: nothing was deleted.")
    return Response(status_code=204)

"""Rasa's HTTP API, as staff and the web app use it: a person takes a conversation over (the bot
pauses), replies reach the person on the channel they wrote from (Rasa's output channels, the
widget included), and the conversation is handed back. Nothing here talks to a channel itself."""
from __future__ import annotations

from typing import Any, Dict, List
from urllib.parse import quote

import httpx

from bot.i18n.languages import direction


def _path(conversation_id: str) -> str:
    # Messaging channels' ids hold ":" and "+" ("whatsapp:+32..."), which a path may carry as
    # they are; Sanic does not unquote path parameters, so only what would break the path is quoted.
    return quote(conversation_id, safe=":+@")


class RasaUnavailable(RuntimeError):
    """Rasa did not answer, or refused: nothing was done."""


class RasaAPI:
    def __init__(self, url: str, token: str, timeout: float = 30) -> None:
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout

    def _post(self, path: str, json: Any, **params: str) -> Dict:
        try:
            answer = httpx.post(f"{self.url}{path}", params={"token": self.token, **params}, json=json,
                                timeout=self.timeout)
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error
        if answer.status_code != 200:
            raise RasaUnavailable(f"HTTP {answer.status_code}: {answer.text[:200]}")
        return answer.json()

    def parse(self, text: str) -> Dict:
        """What the model understands of a message (intent, entities, language), changing nothing."""
        return self._post("/model/parse", {"text": text})

    def events(self, conversation_id: str) -> List[Dict]:
        try:
            answer = httpx.get(f"{self.url}/conversations/{_path(conversation_id)}/tracker",
                               params={"token": self.token}, timeout=self.timeout)
        except httpx.HTTPError as error:
            raise RasaUnavailable(str(error)) from error
        if answer.status_code != 200:
            raise RasaUnavailable(f"HTTP {answer.status_code}")
        return answer.json().get("events", [])

    def _append(self, conversation_id: str, events: List[Dict]) -> None:
        # output_channel=latest: the channel the person last wrote from; execute_side_effects
        # makes Rasa send the bot events through it.
        self._post(f"/conversations/{_path(conversation_id)}/tracker/events", events,
                   output_channel="latest", execute_side_effects="true")

    def take_over(self, conversation_id: str) -> None:
        self._append(conversation_id, [{"event": "pause"}])

    def hand_back(self, conversation_id: str) -> None:
        self._append(conversation_id, [{"event": "resume"}])

    def reply(self, conversation_id: str, text: str, language: str, staff: str) -> None:
        metadata = {"kind": "staff_reply", "language": language, "direction": direction(language), "staff": staff}
        self._append(conversation_id, [{"event": "bot", "text": text, "metadata": metadata}])

    def run_action(self, conversation_id: str, action: str) -> None:
        self._post(f"/conversations/{_path(conversation_id)}/execute", {"name": action})

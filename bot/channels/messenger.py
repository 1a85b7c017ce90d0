"""Facebook Messenger, through the Messenger Platform's Send API
(https://developers.facebook.com/docs/messenger-platform).

- Authenticated by `X-Hub-Signature-256`: HMAC-SHA256 of the raw body with the app secret.
  Rasa 3.6's connector checks only the older SHA-1 `X-Hub-Signature` (and answers 200 when it
  is wrong); here a request without a valid SHA-256 signature gets 403.
- The subscription check (`GET ...?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...`)
  answers the challenge only for the configured verify token.
- Buttons become quick replies (at most 13, titles of at most 20 characters); when they do not
  fit, the choices are numbered in the text and the quick replies carry the numbers.
- The language: the person's `locale` from the User Profile API (it needs the page's
  `pages_user_locale` permission), asked once per person and process; without it, the text.
- A staff member's reply is sent with the HUMAN_AGENT tag, which Messenger allows for 7 days
  after the person's last message (other answers are within the 24-hour window).
"""
from __future__ import annotations

import hashlib
import hmac
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text, Tuple

import httpx
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.chat_text import ChatMessage, Choice
from bot.channels.messaging import (BadPayload, Inbound, MessagingInput, MessagingOutput, NotSigned, json_object,
                                    request)

API_URL = "https://graph.facebook.com"
API_VERSION = "v23.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"
QUICK_REPLIES = 13
QUICK_REPLY_TITLE = 20
KNOWN_LOCALES = 10_000


class MessengerOutput(MessagingOutput):
    limit = 2000

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    def __init__(self, page_access_token: str, api_url: str, api_version: str) -> None:
        self.url = f"{api_url.rstrip('/')}/{api_version}/me/messages"
        self.token = page_access_token

    def numbers(self, choices: Tuple[Choice, ...]) -> bool:
        return len(choices) > QUICK_REPLIES or any(len(c.title) > QUICK_REPLY_TITLE for c in choices)

    def _message(self, part: ChatMessage) -> Dict[str, Any]:
        if not part.choices:
            return {"text": part.text}
        # Choices written out as numbers in the text (numbers()) get the numbers as quick replies.
        numbered = self.numbers(part.choices)
        return {"text": part.text, "quick_replies": [
            {"content_type": "text", "title": str(i) if numbered else c.title, "payload": c.payload}
            for i, c in enumerate(part.choices[:QUICK_REPLIES], start=1)]}

    async def send_chat(self, recipient_id: Text, part: ChatMessage, message: Dict[Text, Any]) -> None:
        body: Dict[str, Any] = {"recipient": {"id": recipient_id},
                                "message": self._message(part)}
        if message.get("kind") == "staff_reply":
            body.update(messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT")
        else:
            body["messaging_type"] = "RESPONSE"
        await self.post(self.url, params={"access_token": self.token}, json=body)


class MessengerInput(MessagingInput):
    """credentials.yml: `bot.channels.messenger.MessengerInput:` with page_access_token, app_secret,
    verify_token and, optionally, api_url and api_version."""

    @classmethod
    def name(cls) -> Text:
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "MessengerInput":
        credentials = credentials or {}
        return cls(credentials.get("page_access_token") or "", credentials.get("app_secret") or "",
                   credentials.get("verify_token") or "", credentials.get("api_url") or API_URL,
                   credentials.get("api_version") or API_VERSION)

    def __init__(self, page_access_token: str, app_secret: str, verify_token: str, api_url: str = API_URL,
                 api_version: str = API_VERSION) -> None:
        super().__init__()
        self.page_access_token, self.app_secret, self.verify_token = page_access_token, app_secret, verify_token
        self.api_url, self.api_version = api_url.rstrip("/"), api_version
        self._locales: "OrderedDict[str, Optional[str]]" = OrderedDict()

    @property
    def configured(self) -> bool:
        return bool(self.page_access_token and self.app_secret and self.verify_token)

    def make_output(self) -> MessengerOutput:
        return MessengerOutput(self.page_access_token, self.api_url, self.api_version)

    def add_routes(self, webhook: Blueprint) -> None:
        @webhook.route("/webhook", methods=["GET"])
        async def subscription_check(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token") or ""
            if (self.configured and request.args.get("hub.mode") == "subscribe"
                    and hmac.compare_digest(token.encode(), self.verify_token.encode())):
                return response.text(request.args.get("hub.challenge") or "")
            return response.text("Forbidden", status=403)

    def verify(self, request: Request) -> None:
        header = request.headers.get(SIGNATURE_HEADER) or ""
        method, _, given = header.partition("=")
        if method != "sha256" or not given:
            raise NotSigned(f"no {SIGNATURE_HEADER} header")
        expected = hmac.new(self.app_secret.encode(), request.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(given.lower().encode(), expected.encode()):
            raise NotSigned(f"wrong {SIGNATURE_HEADER}")

    def read(self, request: Request) -> List[Inbound]:
        body = json_object(request)
        if body.get("object") != "page" or not isinstance(body.get("entry"), list):
            raise BadPayload("not a page event")
        found = []
        for entry in body["entry"]:
            for event in (entry.get("messaging") or []) if isinstance(entry, dict) else []:
                inbound = _inbound(event) if isinstance(event, dict) else None
                if inbound:
                    found.append(inbound)
        return found

    async def locale_of(self, inbound: Inbound) -> Optional[str]:
        if inbound.sender_id not in self._locales:
            self._locales[inbound.sender_id] = await self._profile_locale(inbound.sender_id)
            if len(self._locales) > KNOWN_LOCALES:
                self._locales.popitem(last=False)
        return self._locales[inbound.sender_id]

    async def _profile_locale(self, psid: str) -> Optional[str]:
        try:
            answer = await request(self.client, "GET", f"{self.api_url}/{self.api_version}/{psid}", timeout=5,
                                   params={"fields": "locale", "access_token": self.page_access_token})
            locale = answer.json().get("locale") if answer.status_code == 200 else None
            return locale if isinstance(locale, str) else None
        except (httpx.HTTPError, ValueError):
            return None     # without the permission, or unreachable: the text decides


def _inbound(event: Dict[str, Any]) -> Optional[Inbound]:
    """A message or a pressed button; echoes of our own messages, deliveries and reads are not."""
    sender = (event.get("sender") or {}).get("id")
    message, postback = event.get("message"), event.get("postback")
    if not sender:
        return None
    if isinstance(message, dict) and not message.get("is_echo"):
        quick = message.get("quick_reply") or {}
        text = quick.get("payload") or message.get("text")
        message_id = message.get("mid") or f"{sender}-{event.get('timestamp')}"
        return Inbound(str(sender), message_id, text if isinstance(text, str) and text.strip() else None)
    if isinstance(postback, dict):
        text = postback.get("payload") or postback.get("title")
        message_id = postback.get("mid") or f"{sender}-{event.get('timestamp')}"
        return Inbound(str(sender), message_id, text if isinstance(text, str) else None)
    return None

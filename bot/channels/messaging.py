"""The part Telegram, WhatsApp (Twilio) and Messenger share: a webhook that refuses anything the
platform did not sign, reads the platform's payload, and runs each new message once; and an
output that sends whole answers (text, card as text, choices) through the platform's HTTP API.

Rasa 3.6's own connectors for these platforms check no signature (Telegram, Twilio) or only
Messenger's old SHA-1 one, answer 200 to forged requests, and send upstream to fixed addresses,
which is why Passerelle has its own (see docs/channels.md). Their names and webhook paths are
Rasa's (`/webhooks/telegram/webhook` ...), so Rasa's API can still answer "through" them: a
staff member's reply is sent with `output_channel=latest` and reaches the person here.

A channel whose secrets are not set is off: its webhook answers 403 to everything and it sends
nothing. credentials.yml reads them from the environment; `python -m bot run` sets the unset
ones to "" so that Rasa can read the file.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

import httpx
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.chat_text import (TEXT_ONLY, ChatMessage, Choice, chat_messages, choices_of, chosen, is_number,
                                    pending_choices)
from bot.channels.common import MAX_MESSAGE_CHARS, RecentIds, stored_tracker
from bot.i18n.catalogues import gettext
from bot.i18n.languages import DEFAULT, direction, supported

logger = logging.getLogger(__name__)

RETRIES = 3            # on a network error, 429 or 5xx from the platform
TIMEOUT_S = 15
MAX_WAIT_S = 10        # longest wait a rate limit may impose before a retry


class NotSigned(Exception):
    """The request does not carry the platform's valid signature."""


class BadPayload(Exception):
    """The request is signed but is not a payload we can read."""


def json_object(request: Request) -> Dict[str, Any]:
    try:
        body = request.json
    except Exception as error:   # sanic raises its own error for a body that is not JSON
        raise BadPayload("not JSON") from error
    if not isinstance(body, dict):
        raise BadPayload("not a JSON object")
    return body


@dataclass(frozen=True)
class Inbound:
    """One thing a person sent, as read from a platform's webhook payload."""
    sender_id: str           # the conversation: Telegram chat, WhatsApp number, Messenger PSID
    message_id: str          # the platform's id, to run each message once
    text: Optional[str]      # None: something we cannot read (a photo, a voice note, a sticker)
    locale: Optional[str] = None


async def request(client: Optional[httpx.AsyncClient], method: str, url: str, **kwargs: Any) -> httpx.Response:
    """Through the channel's client (its connections to the platform are kept between messages),
    or a client of its own outside a running server."""
    if client is not None:
        return await client.request(method, url, **kwargs)
    async with httpx.AsyncClient(timeout=TIMEOUT_S) as own:
        return await own.request(method, url, **kwargs)


class MessagingOutput(OutputChannel):
    """Sends each answer as the platform's messages; subclasses say how one message is sent."""

    limit = 1600              # per message, in UTF-16 code units
    client: Optional[httpx.AsyncClient] = None    # the input channel's, set by MessagingInput.output()

    def numbers(self, choices: Tuple[Choice, ...]) -> bool:
        """Whether these choices are written out as numbered options (the platform has no
        buttons for them); decided before splitting, so the numbered text keeps to the limit."""
        return False

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        # Whole messages, unlike Rasa's default, which splits text and sends custom payloads apart.
        for part in chat_messages(message, self.limit, self.numbers(choices_of(message))):
            await self.send_chat(recipient_id, part, message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, **kwargs})

    async def send_chat(self, recipient_id: Text, part: ChatMessage, message: Dict[Text, Any]) -> None:
        raise NotImplementedError

    async def post(self, url: str, **kwargs: Any) -> Optional[httpx.Response]:
        """POST to the platform, retried on errors that may pass. An answer that does not get
        through is logged, not raised: the turn has run and is in the tracker (staff see it),
        and failing the webhook would make the platform send the message again."""
        for attempt in range(RETRIES):
            try:
                answer = await request(self.client, "POST", url, **kwargs)
                if answer.status_code < 400:
                    return answer
                if answer.status_code != 429 and answer.status_code < 500:
                    logger.error("%s refused a message: HTTP %s %s", self.name(), answer.status_code,
                                 answer.text[:300])
                    return None
            except httpx.HTTPError as error:
                logger.warning("%s: %s (attempt %s)", self.name(), error, attempt + 1)
                answer = None
            if attempt < RETRIES - 1:
                await asyncio.sleep(_wait(answer, attempt))
        logger.error("%s: a message could not be sent after %s attempts", self.name(), RETRIES)
        return None


def _wait(answer: Optional[httpx.Response], attempt: int) -> float:
    """Seconds before the next attempt: what a rate limit asks (Twilio's Retry-After header,
    Telegram's parameters.retry_after), up to MAX_WAIT_S, or an exponential back-off."""
    asked = None
    if answer is not None and answer.status_code == 429:
        asked = answer.headers.get("Retry-After")
        try:
            asked = asked or (answer.json().get("parameters") or {}).get("retry_after")
        except ValueError:
            pass
    try:
        return min(float(asked), MAX_WAIT_S)
    except (TypeError, ValueError):
        return 0.5 * 2 ** attempt


class MessagingInput(InputChannel):
    """A platform's webhook: verify, read, run each message once, answer the platform."""

    def __init__(self) -> None:
        self.app: Optional[Sanic] = None
        self.client: Optional[httpx.AsyncClient] = None   # one per server, made in its event loop
        self._seen = RecentIds()

    @property
    def configured(self) -> bool:
        raise NotImplementedError

    def verify(self, request: Request) -> None:
        """Raises NotSigned unless the request carries the platform's valid signature."""
        raise NotImplementedError

    def read(self, request: Request) -> List[Inbound]:
        """The messages in a verified request; raises BadPayload when it cannot be read."""
        raise NotImplementedError

    def make_output(self) -> MessagingOutput:
        raise NotImplementedError

    def output(self) -> MessagingOutput:
        output = self.make_output()
        output.client = self.client
        return output

    async def received(self, request: Request) -> None:
        """Called once a request is verified and read, before the turns (e.g. to stop
        Telegram's spinner on a pressed button)."""

    async def locale_of(self, inbound: Inbound) -> Optional[str]:
        return inbound.locale

    def ok(self) -> HTTPResponse:
        return response.text("")

    def get_output_channel(self) -> Optional[OutputChannel]:
        # Rasa's HTTP API sends through this, e.g. a staff member's reply (output_channel=latest).
        return self.output() if self.configured else None

    def add_routes(self, webhook: Blueprint) -> None:
        """More routes a platform needs (Messenger's subscription check)."""

    async def _text_for_turn(self, inbound: Inbound) -> Text:
        text = inbound.text[:MAX_MESSAGE_CHARS]
        if not is_number(text):      # only a bare number may pick a choice: no need to read the tracker
            return text
        tracker = await stored_tracker(self.app, inbound.sender_id)
        return chosen(text, pending_choices(tracker.events if tracker else [])) or text

    async def _unreadable(self, inbound: Inbound) -> None:
        tracker = await stored_tracker(self.app, inbound.sender_id)
        lang = supported(tracker.get_slot("language") if tracker else None) or supported(
            await self.locale_of(inbound)) or DEFAULT
        await self.output().send_response(inbound.sender_id, {
            "text": gettext(lang, TEXT_ONLY), "language": lang, "direction": direction(lang), "kind": "text_only"})

    async def _run(self, inbound: Inbound, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        key = (inbound.sender_id, inbound.message_id)
        if not self._seen.add(key):
            return     # the platform sent it again: it has run already
        try:
            if inbound.text is None or not inbound.text.strip():
                await self._unreadable(inbound)
                return
            locale = await self.locale_of(inbound)
            await on_new_message(UserMessage(
                await self._text_for_turn(inbound), self.output(), inbound.sender_id, input_channel=self.name(),
                message_id=inbound.message_id, metadata={"locale": locale} if locale else {}))
        except Exception:
            self._seen.discard(key)    # not run: the platform's retry must run it
            raise

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"passerelle_{self.name()}_webhook", __name__)
        if not self.configured:
            logger.info("The %s channel is off: its secrets are not set (docs/channels.md).", self.name())

        @webhook.listener("before_server_start")
        async def start(app: Sanic, _loop: Any) -> None:
            self.app = app
            self.client = httpx.AsyncClient(timeout=TIMEOUT_S)

        @webhook.listener("after_server_stop")
        async def stop(_app: Sanic, _loop: Any) -> None:
            if self.client is not None:
                await self.client.aclose()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "off"})

        self.add_routes(webhook)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.text("This channel is not configured.", status=403)
            try:
                self.verify(request)
            except NotSigned as refused:
                logger.warning("%s webhook: refused a request (%s)", self.name(), refused)
                return response.text("Forbidden", status=403)
            try:
                messages = self.read(request)
            except BadPayload as bad:
                return response.text(f"Bad request: {bad}", status=400)
            await self.received(request)
            for inbound in messages:
                try:
                    await self._run(inbound, on_new_message)
                except Exception:
                    logger.exception("%s webhook: a message could not be run", self.name())
                    # 500: the platform sends it again, and then it runs (its id was forgotten).
                    return response.text("Not processed", status=500)
            return self.ok()

        return webhook

"""Telegram, through the Bot API (https://core.telegram.org/bots/api).

- Authenticated by the secret token given to `setWebhook`: Telegram sends it back in the
  `X-Telegram-Bot-Api-Secret-Token` header of every update.
- Buttons become an inline keyboard; the pressed button's `callback_data` is its payload
  (Telegram allows 64 bytes: a longer payload travels as the button's number instead).
- The language: `from.language_code`, the language of the person's Telegram app.
- `api_url` points elsewhere for a self-hosted Bot API server, or for the tests' fake.
"""
from __future__ import annotations

import hmac
from typing import Any, Dict, List, Optional, Text

from sanic.request import Request

from bot.channels.chat_text import ChatMessage
from bot.channels.messaging import BadPayload, Inbound, MessagingInput, MessagingOutput, NotSigned, json_object

API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CALLBACK_DATA_BYTES = 64
# Telegram's own commands, said as what they mean here.
COMMANDS = {"/start": "/greet", "/help": "/greet"}


class TelegramOutput(MessagingOutput):
    limit = 4096

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, access_token: str, api_url: str) -> None:
        self.base = f"{api_url.rstrip('/')}/bot{access_token}"

    async def call(self, method: str, payload: Dict[str, Any]) -> None:
        await self.post(f"{self.base}/{method}", json=payload)

    async def send_chat(self, recipient_id: Text, part: ChatMessage, message: Dict[Text, Any]) -> None:
        # Plain text (no parse_mode): nothing in an answer can be taken for markup.
        payload: Dict[str, Any] = {"chat_id": recipient_id, "text": part.text}
        if part.choices:
            payload["reply_markup"] = {"inline_keyboard": [
                [{"text": choice.title[:64],
                  "callback_data": choice.payload if len(choice.payload.encode()) <= CALLBACK_DATA_BYTES else str(i)}]
                for i, choice in enumerate(part.choices, start=1)]}
        await self.call("sendMessage", payload)


class TelegramInput(MessagingInput):
    """credentials.yml: `bot.channels.telegram.TelegramInput:` with access_token, secret_token
    and, optionally, api_url."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        credentials = credentials or {}
        return cls(credentials.get("access_token") or "", credentials.get("secret_token") or "",
                   credentials.get("api_url") or API_URL)

    def __init__(self, access_token: str, secret_token: str, api_url: str = API_URL) -> None:
        super().__init__()
        self.access_token, self.secret_token, self.api_url = access_token, secret_token, api_url

    @property
    def configured(self) -> bool:
        return bool(self.access_token and self.secret_token)

    def make_output(self) -> TelegramOutput:
        return TelegramOutput(self.access_token, self.api_url)

    def verify(self, request: Request) -> None:
        given = request.headers.get(SECRET_HEADER)
        if not given:
            raise NotSigned(f"no {SECRET_HEADER} header")
        if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
            raise NotSigned(f"wrong {SECRET_HEADER}")

    def read(self, request: Request) -> List[Inbound]:
        update = json_object(request)
        update_id = update.get("update_id")
        if not isinstance(update_id, int):
            raise BadPayload("no update_id")
        if isinstance(update.get("callback_query"), dict):
            query = update["callback_query"]
            chat = ((query.get("message") or {}).get("chat") or {}).get("id") or (query.get("from") or {}).get("id")
            text = query.get("data") if isinstance(query.get("data"), str) else None
            sender = query.get("from") or {}
        elif isinstance(update.get("message"), dict):
            message = update["message"]
            chat = (message.get("chat") or {}).get("id")
            text = message.get("text") if isinstance(message.get("text"), str) else None
            sender = message.get("from") or {}
            if text:
                command, _, _ = text.partition(" ")
                text = COMMANDS.get(command.split("@")[0], text)
        else:
            return []     # edits, channel posts, membership changes: nothing to answer
        if chat is None:
            raise BadPayload("no chat")
        return [Inbound(str(chat), f"update-{update_id}", text, sender.get("language_code"))]

    async def received(self, request: Request) -> None:
        query = (request.json or {}).get("callback_query")
        if isinstance(query, dict) and query.get("id"):
            output = self.output()
            # Stops the spinner on the pressed button.
            await output.call("answerCallbackQuery", {"callback_query_id": query["id"]})
            # And takes the keyboard off the answer it belonged to: as on the widget, only the last
            # answer's buttons stay, and an old "Yes" cannot be pressed out of its context.
            pressed = query.get("message") or {}
            chat = (pressed.get("chat") or {}).get("id")
            if chat is not None and pressed.get("message_id") is not None:
                await output.call("editMessageReplyMarkup", {"chat_id": chat, "message_id": pressed["message_id"],
                                                             "reply_markup": {"inline_keyboard": []}})


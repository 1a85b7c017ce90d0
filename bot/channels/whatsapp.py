"""WhatsApp through Twilio's Messaging API (https://www.twilio.com/docs/whatsapp/api).

- Authenticated by `X-Twilio-Signature`: HMAC-SHA1 with the account's auth token over the webhook
  address Twilio was given and the sorted form fields, checked with Twilio's own validator.
  Behind a proxy the address Twilio called is not the one Rasa sees: set `webhook_url`.
- WhatsApp through Twilio has no buttons without pre-approved templates, so choices are numbered
  options; the person answers with the number (bot/channels/chat_text.py).
- Twilio gives no locale: the language comes from the text, as on the widget.
- Twilio caps a WhatsApp message body at 1,600 characters.
- The channel is named `twilio`, as Rasa's own: SMS through Twilio works the same way.
"""
from __future__ import annotations

import hmac
from typing import Any, Dict, List, Optional, Text, Tuple
from urllib.parse import parse_qsl

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels.chat_text import ChatMessage, Choice
from bot.channels.messaging import BadPayload, Inbound, MessagingInput, MessagingOutput, NotSigned

API_URL = "https://api.twilio.com"
SIGNATURE_HEADER = "X-Twilio-Signature"


class WhatsAppOutput(MessagingOutput):
    limit = 1600

    def numbers(self, choices: Tuple[Choice, ...]) -> bool:
        return True     # no buttons without pre-approved templates

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    def __init__(self, account_sid: str, auth_token: str, sender: str, api_url: str) -> None:
        self.url = f"{api_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self.auth = (account_sid, auth_token)
        self.sender = sender

    async def send_chat(self, recipient_id: Text, part: ChatMessage, message: Dict[Text, Any]) -> None:
        await self.post(self.url, auth=self.auth, data={"From": self.sender, "To": recipient_id, "Body": part.text})


class WhatsAppInput(MessagingInput):
    """credentials.yml: `bot.channels.whatsapp.WhatsAppInput:` with account_sid, auth_token,
    whatsapp_number ("whatsapp:+14155238886") and, optionally, webhook_url and api_url."""

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WhatsAppInput":
        credentials = credentials or {}
        return cls(credentials.get("account_sid") or "", credentials.get("auth_token") or "",
                   credentials.get("whatsapp_number") or "", credentials.get("webhook_url") or "",
                   credentials.get("api_url") or API_URL)

    def __init__(self, account_sid: str, auth_token: str, whatsapp_number: str, webhook_url: str = "",
                 api_url: str = API_URL) -> None:
        super().__init__()
        self.account_sid, self.auth_token, self.webhook_url, self.api_url = account_sid, auth_token, webhook_url, api_url
        number = whatsapp_number.strip()
        self.sender = number if not number or number.startswith("whatsapp:") else f"whatsapp:{number}"

    @property
    def configured(self) -> bool:
        return bool(self.account_sid and self.auth_token and self.sender)

    def make_output(self) -> WhatsAppOutput:
        return WhatsAppOutput(self.account_sid, self.auth_token, self.sender, self.api_url)

    @staticmethod
    def _fields(request: Request) -> Dict[str, str]:
        return dict(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))

    def verify(self, request: Request) -> None:
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            raise NotSigned(f"no {SIGNATURE_HEADER} header")
        address = self.webhook_url or request.url
        if not RequestValidator(self.auth_token).validate(address, self._fields(request), signature):
            raise NotSigned(f"wrong {SIGNATURE_HEADER} for {address}")

    def read(self, request: Request) -> List[Inbound]:
        fields = self._fields(request)
        if not hmac.compare_digest(fields.get("AccountSid", "").encode(), self.account_sid.encode()):
            raise BadPayload("another account's message")
        sender, message_id = fields.get("From"), fields.get("MessageSid") or fields.get("SmsMessageSid")
        if not sender or not message_id:
            raise BadPayload("no From or MessageSid")
        text = fields.get("ButtonPayload") or fields.get("Body")
        # A photo, voice note or location without words comes with an empty body.
        return [Inbound(sender, message_id, text if text and text.strip() else None)]

    def ok(self) -> HTTPResponse:
        # Empty TwiML: the answers go through the API, not in the webhook's response.
        return response.text("<Response/>", content_type="text/xml")

"""The socket.io channel the web widget talks to: Rasa's own socket.io transport, made reliable.

Rasa 3.6's `socketio` channel is kept as the transport (same events, same session rooms, same
name, so Rasa's API can still answer "through the socketio channel"), with the changes the
widget needs:

- one message per bot utterance, whole: text, buttons, the directory card and the marks the
  NLG and actions add (`kind`, `language`, `direction`). Rasa's output splits text on blank
  lines, drops the marks, and passes a custom payload to `emit` as keyword arguments, which
  breaks on our cards;
- every user message carries the widget's `message_id`; the event is acknowledged once the
  turn has run, and a message sent again after a dropped connection is answered only once;
- the socket joins its conversation's room (Rasa 3.6's channel calls python-socketio's
  `enter_room` coroutine without awaiting it, so with session persistence nothing arrives);
- `sync`: after reconnecting, the widget asks for the bot messages it may have missed, read
  from the tracker store.
"""
from __future__ import annotations

import hashlib
import json
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, Sanic, response
from socketio import AsyncServer

from bot.channels.chat_text import choices_of
from bot.channels.common import MAX_MESSAGE_CHARS, RecentIds, stored_tracker
from bot.widget import CONVERSATION_ID



def widget_message(message: Dict[Text, Any]) -> Dict[Text, Any]:
    """A bot utterance (`BotUttered.message()`) as the widget renders it, live or synced."""
    custom = message.get("custom")
    card = custom.get("card") if isinstance(custom, dict) and custom.get("type") == "directory_card" else None
    buttons = [{"title": c.title, "payload": c.payload} for c in choices_of(message)]
    body = {"text": message.get("text") or "", "buttons": buttons, "card": card}
    digest = hashlib.sha1(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()[:10]
    timestamp = float(message.get("timestamp") or 0)
    return {**body, "id": f"{timestamp:.6f}-{digest}", "timestamp": timestamp,
            "kind": message.get("kind"), "language": message.get("language"),
            "direction": message.get("direction") or "ltr"}


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and re.match(CONVERSATION_ID, value) is not None


class WidgetOutput(OutputChannel):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def __init__(self, sio: AsyncServer, bot_message_evt: Text) -> None:
        self.sio = sio
        self.bot_message_evt = bot_message_evt

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        # The room is the session id: every tab and reconnection of this conversation gets it.
        await self.sio.emit(self.bot_message_evt, widget_message(message), room=recipient_id)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, **kwargs})


class WidgetInput(InputChannel):
    """credentials.yml: `bot.channels.widget.WidgetInput:` with Rasa's socketio keys."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(credentials.get("user_message_evt", "user_uttered"),
                   credentials.get("bot_message_evt", "bot_uttered"),
                   credentials.get("socketio_path", "/socket.io"),
                   credentials.get("metadata_key", "metadata"))

    def __init__(self, user_message_evt: Text = "user_uttered", bot_message_evt: Text = "bot_uttered",
                 socketio_path: Text = "/socket.io", metadata_key: Text = "metadata") -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.socketio_path = socketio_path
        self.metadata_key = metadata_key
        self.sio: Optional[AsyncServer] = None
        self.app: Optional[Sanic] = None
        self._seen = RecentIds()

    def get_output_channel(self) -> Optional[OutputChannel]:
        # Used by Rasa's HTTP API (`output_channel=socketio`), e.g. for a staff member's reply.
        return WidgetOutput(self.sio, self.bot_message_evt) if self.sio else None

    async def _already_handled(self, sender_id: Text, message_id: Text, resent: bool) -> bool:
        if not self._seen.add((sender_id, message_id)):
            return True
        if not resent:
            return False
        # A message sent again may have been run by another process, or by this one before a
        # restart: only then is the tracker read (not on every message's path).
        tracker = await stored_tracker(self.app, sender_id)
        return bool(tracker) and any(isinstance(e, UserUttered) and e.message_id == message_id
                                     for e in tracker.events)

    async def missed(self, sender_id: Text, after: float) -> List[Dict[Text, Any]]:
        tracker = await stored_tracker(self.app, sender_id)
        if tracker is None:
            return []
        return [widget_message(e.message()) for e in tracker.events
                if isinstance(e, BotUttered) and (e.timestamp or 0) >= after]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # cors_allowed_origins=[] leaves CORS to Rasa's --cors, as Rasa's own channel does.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        self.sio = sio
        webhook = SocketBlueprint(sio, self.socketio_path, "widget_socketio_webhook", __name__)

        @webhook.listener("before_server_start")
        async def keep_app(app: Sanic, _loop: Any) -> None:
            self.app = app

        @webhook.route("/", methods=["GET"])
        async def health(_: Any) -> Any:
            return response.json({"status": "ok"})

        @sio.on("session_request")
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not _valid_id(session_id):
                session_id = uuid.uuid4().hex
            # A coroutine in python-socketio 5.x: Rasa 3.6's own channel forgets to await it, so
            # its replies never reach a persistent session's room.
            await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: Text, data: Any) -> Dict[Text, Any]:
            if not isinstance(data, dict) or not _valid_id(data.get("session_id")):
                return {"status": "rejected", "reason": "no session_id"}
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                return {"status": "rejected", "reason": "empty message"}
            sender_id = data["session_id"]
            message_id = data.get("message_id")
            if not isinstance(message_id, str) or not 0 < len(message_id) <= 64:
                message_id = uuid.uuid4().hex
            if await self._already_handled(sender_id, message_id, data.get("resent") is True):
                return {"status": "duplicate", "message_id": message_id}
            metadata = data.get(self.metadata_key)
            try:
                await on_new_message(UserMessage(
                    text[:MAX_MESSAGE_CHARS], WidgetOutput(sio, self.bot_message_evt), sender_id,
                    input_channel=self.name(), message_id=message_id,
                    metadata=metadata if isinstance(metadata, dict) else {}))
            except Exception:
                # Not run: forget the id, so that the widget's next try is run, not called a duplicate.
                self._seen.discard((sender_id, message_id))
                raise
            return {"status": "handled", "message_id": message_id}

        @sio.on("sync")
        async def sync(sid: Text, data: Any) -> Dict[Text, Any]:
            if not isinstance(data, dict) or not _valid_id(data.get("session_id")):
                return {"messages": []}
            try:
                after = float(data.get("after") or 0)
            except (TypeError, ValueError):
                after = 0.0
            return {"messages": await self.missed(data["session_id"], after)}

        return webhook

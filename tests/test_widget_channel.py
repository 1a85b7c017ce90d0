"""The widget's socket.io channel (bot/channels/widget.py) spoken to directly, as the widget
does, with python-socketio's client against the running Rasa server: whole messages with their
language, acknowledgements, a resent message answered once, and catching up after a drop."""
from __future__ import annotations

import threading
import uuid

import httpx
import pytest
import socketio

pytestmark = pytest.mark.integration


class WidgetClient:
    def __init__(self, passerelle, conversation_id: str):
        self.conversation_id = conversation_id
        self.received = []
        self.confirmed = threading.Event()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", self.received.append)
        self.sio.on("session_confirm", lambda _id: self.confirmed.set())
        self.sio.connect(passerelle["rasa"], transports=["polling"], wait_timeout=20)
        self.sio.emit("session_request", {"session_id": conversation_id})
        assert self.confirmed.wait(20)

    def say(self, text: str, message_id: str, language: str = "en", resent: bool = False) -> dict:
        return self.sio.call("user_uttered", {"session_id": self.conversation_id, "message_id": message_id,
                                              "message": text, "metadata": {"language": language},
                                              "resent": resent}, timeout=60)

    def close(self):
        self.sio.disconnect()


@pytest.fixture
def client(widget_passerelle):
    made = []

    def connect(conversation_id=None):
        made.append(WidgetClient(widget_passerelle, conversation_id or uuid.uuid4().hex))
        return made[-1]

    yield connect
    for c in made:
        c.close()


def user_events(passerelle, conversation_id):
    events = httpx.get(f"{passerelle['rasa']}/conversations/{conversation_id}/tracker",
                       params={"token": "test-token"}).json()["events"]
    return [e for e in events if e["event"] == "user"]


def test_a_message_is_acknowledged_after_its_answer_and_arrives_whole(client):
    widget = client()
    ack = widget.say("un incubateur à Liège", "m1", language="fr")
    assert ack == {"status": "handled", "message_id": "m1"}
    assert widget.received, "the answer arrives before the acknowledgement"
    cards = [m for m in widget.received if m["card"]]
    assert cards and cards[0]["card"]["city"] == "liege"
    assert all(m["language"] == "fr" and m["direction"] == "ltr" and m["id"] for m in widget.received)
    assert len({m["id"] for m in widget.received}) == len(widget.received)


def test_the_same_message_sent_twice_is_answered_once(client, widget_passerelle):
    widget = client()
    assert widget.say("hello", "same-id")["status"] == "handled"
    answered = len(widget.received)
    assert widget.say("hello", "same-id") == {"status": "duplicate", "message_id": "same-id"}
    assert len(widget.received) == answered
    assert [e["text"] for e in user_events(widget_passerelle, widget.conversation_id)] == ["hello"]
    # Also after a reconnection, from another connection.
    again = client(widget.conversation_id)
    assert again.say("hello", "same-id", resent=True)["status"] == "duplicate"


def test_a_resent_message_the_server_never_saw_is_run(client, widget_passerelle):
    # Resent after a drop that lost it on the way: the tracker does not have it, so it runs.
    widget = client()
    assert widget.say("hello", "lost-on-the-way", resent=True)["status"] == "handled"
    assert [e["text"] for e in user_events(widget_passerelle, widget.conversation_id)] == ["hello"]


def test_messages_missed_while_away_are_caught_up(client):
    conversation = uuid.uuid4().hex
    first = client(conversation)
    first.say("mentoring in Belgium", "a1")
    live = first.received
    first.close()
    # A new connection asks for everything since the start: what it gets is what was sent live.
    back = client(conversation)
    caught_up = back.sio.call("sync", {"session_id": conversation, "after": 0}, timeout=20)["messages"]
    assert [m["id"] for m in caught_up] == [m["id"] for m in live]
    # And only what came after a given moment.
    later = back.sio.call("sync", {"session_id": conversation, "after": live[-1]["timestamp"]}, timeout=20)
    assert [m["id"] for m in later["messages"]] == [live[-1]["id"]]


def test_bad_input_is_refused_with_a_reason_and_breaks_nothing(client):
    widget = client()
    assert widget.sio.call("user_uttered", "not a dict", timeout=10)["status"] == "rejected"
    assert widget.sio.call("user_uttered", {"session_id": "../../etc", "message": "hi"}, timeout=10)["status"] == "rejected"
    assert widget.sio.call("user_uttered", {"session_id": widget.conversation_id, "message": "  "},
                           timeout=10)["status"] == "rejected"
    assert widget.sio.call("sync", {"session_id": widget.conversation_id, "after": "soon"}, timeout=10) == {"messages": []}
    assert widget.say("hello", "after-bad-input")["status"] == "handled"

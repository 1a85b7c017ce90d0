"""Handing a conversation to staff and forgetting it: the real actions with real rasa_sdk
Trackers, tickets in a real SQLite file, and Rasa's real SQL tracker store."""
from __future__ import annotations

import uuid

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionOpenTicket, ValidateHandoffForm
from bot.db import new_session
from bot.handoff import reach
from bot.handoff.models import TicketRow


@pytest.fixture(autouse=True)
def database(loaded_sqlite, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", loaded_sqlite)


def conversation_id() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


def tracker(text="", intent="inform", entities=None, slots=None, earlier=(), sender=None) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    events = []
    for said, meant in earlier:
        events.append({"event": "user", "text": said, "timestamp": 1.0,
                       "parse_data": {"intent": {"name": meant}, "entities": []}})
        events.append({"event": "bot", "text": f"(answer to {said})", "timestamp": 2.0})
    events.append({"event": "user", "text": text, "parse_data": message, "timestamp": 3.0,
                   "input_channel": "socketio"})
    slots = {"language": "fr", **(slots or {})}
    return Tracker(sender or conversation_id(), slots, message, events, False, None,
                   {"name": "handoff_form"}, "action_listen")


def tickets(sender):
    from bot.settings import load_settings

    with new_session(load_settings().database_url) as session:
        return session.query(TicketRow).filter(TicketRow.conversation_id == sender).all()


@pytest.mark.parametrize("text, method, contact", [
    ("par téléphone svp", "phone", None), ("by e-mail", "email", None), ("hier in de chat", "chat", None),
    ("بالهاتف", "phone", None), ("por correo", "email", None),
    ("appelez-moi au 0470 12 34 56", "phone", "0470 12 34 56"),
    ("mi email es amina.b@example.org", "email", "amina.b@example.org"),
    ("+32 4 123 45 67", "phone", "+32 4 123 45 67"),
])
async def test_the_way_to_be_reached_is_understood_in_the_persons_words(text, method, contact):
    form = ValidateHandoffForm()
    result = await form.extract_handoff_method(CollectingDispatcher(), tracker(
        text, slots={"requested_slot": "handoff_method"}), {})
    assert result.get("handoff_method") == method
    assert result.get("handoff_contact") == contact


async def test_a_button_or_a_no_chooses_the_chat_and_nothing_more_is_asked():
    form = ValidateHandoffForm()
    button = tracker("/inform", entities=[{"entity": "handoff_method", "value": "email"}],
                     slots={"requested_slot": "handoff_method"})
    assert await form.extract_handoff_method(CollectingDispatcher(), button, {}) == {"handoff_method": "email"}
    no = tracker("non merci", intent="deny", slots={"requested_slot": "handoff_method"})
    assert await form.extract_handoff_method(CollectingDispatcher(), no, {}) == {"handoff_method": "chat"}
    chat = tracker(slots={"handoff_method": "chat"})
    assert await form.required_slots(["handoff_method", "handoff_contact"], CollectingDispatcher(), chat, {}) == \
        ["handoff_method"]
    phone = tracker(slots={"handoff_method": "phone"})
    assert await form.required_slots(["handoff_method", "handoff_contact"], CollectingDispatcher(), phone, {}) == \
        ["handoff_method", "handoff_contact"]


async def test_a_contact_that_is_neither_number_nor_address_is_asked_again_in_the_persons_language():
    form = ValidateHandoffForm()
    dispatcher = CollectingDispatcher()
    result = await form.extract_handoff_contact(dispatcher, tracker(
        "demain matin", slots={"requested_slot": "handoff_contact", "handoff_method": "phone"}), {})
    assert result == {}
    assert dispatcher.messages[0]["kind"] == "handoff_invalid_contact"
    assert dispatcher.messages[0]["language"] == "fr" and "téléphone" in dispatcher.messages[0]["text"]
    declined = await form.extract_handoff_contact(CollectingDispatcher(), tracker(
        "non", intent="deny", slots={"requested_slot": "handoff_contact", "handoff_method": "phone"}), {})
    assert declined == {"handoff_method": "chat", "handoff_contact": None}


async def test_a_ticket_holds_what_staff_need_and_the_person_is_told_what_happens_next():
    sender = conversation_id()
    t = tracker("/affirm", intent="affirm", sender=sender,
                slots={"handoff_method": "phone", "handoff_contact": "0470 12 34 56", "topic": "rights_at_work",
                       "place": "city:liege"},
                earlier=[("mon patron ne me paie pas depuis 3 mois", "report_exploitation"), ("Liège", "inform")])
    dispatcher = CollectingDispatcher()
    events = await ActionOpenTicket().run(dispatcher, t, {})
    [ticket] = tickets(sender)
    assert ticket.urgent and ticket.reach_by == "phone" and ticket.contact == "0470 12 34 56"
    assert (ticket.language, ticket.topic, ticket.place, ticket.channel) == ("fr", "rights_at_work", "city:liege",
                                                                             "socketio")
    assert ticket.summary.startswith("mon patron ne me paie pas") and "Liège" in ticket.summary
    assert [line["who"] for line in ticket.transcript][:2] == ["user", "bot"]
    assert ticket.transcript[-1]["text"] == "[affirm]"   # a button press, shown as what it means
    said = dispatcher.messages[0]
    assert said["kind"] == "handoff_phone" and str(ticket.id) in said["text"] and "0470 12 34 56" in said["text"]
    assert said["language"] == "fr"
    assert {e["name"]: e["value"] for e in events} == {"handoff_method": None, "handoff_contact": None}


async def test_a_question_that_is_not_urgent_opens_a_normal_ticket_answered_in_the_chat():
    sender = conversation_id()
    t = tracker("je veux parler à quelqu'un", intent="request_human", sender=sender,
                slots={"handoff_method": "chat", "language": "ar"})
    dispatcher = CollectingDispatcher()
    await ActionOpenTicket().run(dispatcher, t, {})
    [ticket] = tickets(sender)
    assert not ticket.urgent and ticket.reach_by == "chat" and ticket.contact is None
    assert dispatcher.messages[0]["kind"] == "handoff_chat" and dispatcher.messages[0]["direction"] == "rtl"


async def test_a_ticket_that_cannot_be_written_is_reported_not_pretended(monkeypatch, tmp_path):
    # A database without the tickets table: the write fails, and the person is told so.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    dispatcher = CollectingDispatcher()
    await ActionOpenTicket().run(dispatcher, tracker("humain svp", intent="request_human",
                                                     slots={"handoff_method": "chat"}), {})
    assert [m["kind"] for m in dispatcher.messages] == ["handoff_failed"]


async def test_forget_me_says_it_is_done_in_the_persons_language():
    # The deleting itself is the tracker store's (tests/test_tracker_store.py).
    from actions.actions import ActionForgetMe

    dispatcher = CollectingDispatcher()
    await ActionForgetMe().run(dispatcher, tracker("/affirm", intent="affirm", slots={"language": "nl"}), {})
    assert [m["kind"] for m in dispatcher.messages] == ["forgotten"] and dispatcher.messages[0]["language"] == "nl"


def test_contact_details_are_recognised_and_other_numbers_are_not():
    assert reach.contact_in("write to me: amina@example.org please") == ("email", "amina@example.org")
    assert reach.contact_in("0032 470 12 34 56") == ("phone", "0032 470 12 34 56")
    assert reach.contact_in("I have 3 kids") is None
    assert reach.contact_in("room 12") is None


async def test_not_understood_twice_offers_a_person_in_the_persons_language():
    from actions.actions import ActionDefaultFallback

    dispatcher = CollectingDispatcher()
    events = await ActionDefaultFallback().run(dispatcher, tracker("qsdkj qsd", intent="nlu_fallback",
                                                                   slots={"language": "es"}), {})
    assert dispatcher.messages[0]["response"] == "utter_default"
    offer = dispatcher.messages[1]
    assert offer["kind"] == "fallback_offer" and offer["language"] == "es" and "persona" in offer["text"]
    assert [b["payload"] for b in offer["buttons"]] == ["/request_human"]
    assert offer["buttons"][0]["title"] != "Talk to a person"    # translated
    assert events == [{"event": "rewind", "timestamp": None}]

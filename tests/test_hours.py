"""Opening hours (HSDS regular_schedule): checked like every field, said in each language through
CLDR, shown on cards, and given in the "what happens next" of a handoff when a document gives
the nearest contact point's hours. No document does yet: these tests give one entry hours."""
from __future__ import annotations

import uuid

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionOpenTicket
from bot.db import new_session
from bot.directory.hours import hours_text
from bot.directory.models import EntryRow
from bot.directory.places import Gazetteer
from bot.directory.render import card, card_text
from bot.directory.schema import Entry
from bot.directory.search import nearest_contact_point
from bot.directory.loader import load
from bot.staff.directory_edits import as_yaml, entry_as_dict, save_entry
from tests.conftest import KB_DIR, SEEDS_DIR

WEEKDAYS = [{"days": [1, 2, 3, 4, 5], "opens": "09:00", "closes": "17:00"}, {"days": [1, 3], "opens": "18:00", "closes": "20:00"}]


def test_hours_are_said_as_each_language_says_them():
    # CLDR puts a narrow no-break space before AM and PM.
    assert hours_text(WEEKDAYS, "en") == "Monday–Friday 9:00\u202fAM–5:00\u202fPM; Monday and Wednesday 6:00\u202fPM–8:00\u202fPM"
    assert hours_text(WEEKDAYS, "fr") == "lundi–vendredi 09:00–17:00; lundi et mercredi 18:00–20:00"
    assert hours_text(WEEKDAYS, "ar").startswith("الاثنين–الجمعة") and "؛ " in hours_text(WEEKDAYS, "ar")
    assert hours_text(None, "en") is None and hours_text([], "fr") is None


@pytest.mark.parametrize("opening", [
    {"days": [1], "opens": "17:00", "closes": "09:00"},
    {"days": [8], "opens": "09:00", "closes": "17:00"},
    {"days": [], "opens": "09:00", "closes": "17:00"},
    {"days": [1], "opens": "25:00", "closes": "26:00"},
])
def test_impossible_hours_are_refused(opening):
    base = {"id": "x", "name": "X", "category": "information_point", "description": {"en": "x"},
            "service_area": "local", "sources": [{"file": "003_3f3b38f85375b88f.txt", "lines": [1, 1]}]}
    Entry.parse_obj({**base, "hours": [WEEKDAYS[0]]})
    with pytest.raises(ValueError):
        Entry.parse_obj({**base, "hours": [opening]})


@pytest.fixture
def liege_with_hours(sqlite_url, monkeypatch):
    """The directory, with hours given to the contact point nearest to Liège (as staff would)."""
    assert not load(sqlite_url, KB_DIR, SEEDS_DIR).errors
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    with new_session(sqlite_url) as session:
        gazetteer = Gazetteer.from_db(session)
        contact = nearest_contact_point(session, gazetteer.cities["liege"], gazetteer).entry
        data = entry_as_dict(contact)
        data["hours"] = WEEKDAYS
        row, errors = save_entry(session, as_yaml(data), "ada", SEEDS_DIR, entry_id=contact.id)
        assert errors == []
        return sqlite_url, contact.id, contact.name


def test_a_card_gives_the_hours(liege_with_hours):
    url, entry_id, _ = liege_with_hours
    with new_session(url) as session:
        shown = card(session.get(EntryRow, entry_id), "fr")
    assert shown["hours_text"] == hours_text(WEEKDAYS, "fr")
    assert "Horaires : lundi–vendredi" in card_text(shown, "fr")


async def test_what_happens_next_gives_the_nearest_contact_points_hours(liege_with_hours):
    _, _, name = liege_with_hours
    message = {"text": "/affirm", "intent": {"name": "affirm", "confidence": 1.0}, "entities": []}
    tracker = Tracker(uuid.uuid4().hex, {"language": "fr", "handoff_method": "chat", "place": "city:liege"}, message,
                      [{"event": "user", "text": "/affirm", "parse_data": message, "timestamp": 1.0}], False, None,
                      {"name": "handoff_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    await ActionOpenTicket().run(dispatcher, tracker, {})
    kinds = [m["kind"] for m in dispatcher.messages]
    assert kinds == ["handoff_chat", "handoff_hours", "handoff_kept"]
    said = dispatcher.messages[1]["text"]
    assert name in said and hours_text(WEEKDAYS, "fr") in said


async def test_without_known_hours_nothing_is_made_up(loaded_sqlite, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", loaded_sqlite)
    message = {"text": "/affirm", "intent": {"name": "affirm", "confidence": 1.0}, "entities": []}
    tracker = Tracker(uuid.uuid4().hex, {"language": "en", "handoff_method": "chat", "place": "city:liege"}, message,
                      [], False, None, {"name": "handoff_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    await ActionOpenTicket().run(dispatcher, tracker, {})
    assert [m["kind"] for m in dispatcher.messages] == ["handoff_chat", "handoff_kept"]

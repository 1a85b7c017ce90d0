"""The whole of Passerelle as `scripts/run.sh` starts it (`python -m bot run`): the Rasa server,
the action server and the web app, on a fresh SQLite file, holding REST conversations."""
from __future__ import annotations

import os
import signal
import subprocess
import uuid

import httpx
import pytest

from tests.servers import start_passerelle, stop_passerelle

pytestmark = pytest.mark.integration


# The embedded default, and the production configuration: PostgreSQL for the directory and
# Rasa's tracker store.
@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def passerelle(request, tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    url = f"sqlite:///{var / 'passerelle.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_database")
    handle = start_passerelle(var, url)
    yield handle
    stop_passerelle(handle)


@pytest.fixture(scope="module")
def pg_database():
    from tests.conftest import create_pg_database, drop_pg_database

    url = create_pg_database()
    yield url
    drop_pg_database(url)


def say(passerelle, sender: str, text: str) -> list:
    url = f"http://127.0.0.1:{passerelle['ports']['RASA']}/webhooks/rest/webhook"
    response = httpx.post(url, json={"sender": sender, "message": text}, timeout=60)
    response.raise_for_status()
    return response.json()


def cards(messages):
    return [m["custom"]["card"] for m in messages if isinstance(m.get("custom"), dict) and "card" in m["custom"]]


def test_three_processes_answer(passerelle):
    ports = passerelle["ports"]
    assert httpx.get(f"http://127.0.0.1:{ports['WEB']}/health").json() == {"status": "ok"}
    assert httpx.get(f"http://127.0.0.1:{ports['ACTIONS']}/health").status_code == 200
    assert httpx.get(f"http://127.0.0.1:{ports['WEB']}/api/entries").json()["total"] > 100
    assert httpx.get(f"http://127.0.0.1:{ports['RASA']}/").status_code == 200


def test_rasa_http_api_needs_the_token(passerelle):
    base = f"http://127.0.0.1:{passerelle['ports']['RASA']}"
    assert httpx.get(f"{base}/status").status_code == 401
    assert httpx.get(f"{base}/status", params={"token": "wrong"}).status_code == 401
    assert httpx.get(f"{base}/status", params={"token": "test-token"}).status_code == 200


def test_the_rasa_token_is_on_no_command_line(passerelle):
    """`ps` shows every process's command line to every user of the machine."""
    from pathlib import Path

    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            pass      # a process that ended meanwhile
    assert any("bot.rasa_server" in line and str(passerelle["ports"]["RASA"]) in line for line in lines)
    assert not [line for line in lines if "test-token" in line]


def test_messaging_channels_without_secrets_are_off_and_refuse_everything(passerelle):
    """The default run sets no platform secret: Rasa still starts, and each channel is off."""
    base = f"http://127.0.0.1:{passerelle['ports']['RASA']}/webhooks"
    update = {"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"},
                                          "text": "hello"}}
    for name in ("telegram", "twilio", "facebook"):
        assert httpx.get(f"{base}/{name}/").json() == {"status": "off"}
        assert httpx.post(f"{base}/{name}/webhook", json=update,
                          headers={"X-Telegram-Bot-Api-Secret-Token": ""}).status_code == 403
    assert httpx.get(f"{base}/facebook/webhook", params={"hub.mode": "subscribe", "hub.verify_token": "",
                                                          "hub.challenge": "42"}).status_code == 403


def test_greet_then_incubator_the_bot_asks_where(passerelle):
    user = uuid.uuid4().hex
    greeting = say(passerelle, user, "hello")
    assert greeting and "Passerelle" in greeting[0]["text"]
    asked = say(passerelle, user, "I am looking for an incubator to start my business")
    assert "city or country" in asked[-1]["text"]
    answer = say(passerelle, user, "Liège")
    found = cards(answer)
    assert found and found[0]["city"] == "liege"
    assert "Liège" in answer[0]["text"]


def test_one_stop_shop_in_lisbon_and_the_nearest_contact_that_has_details(passerelle):
    answer = say(passerelle, uuid.uuid4().hex, "is there a one-stop shop in Lisbon?")
    found = cards(answer)
    assert found[0]["city"] == "lisbon" and "Lisbon" in answer[0]["text"]
    # The documents give no contact for it: said, and the nearest contact point with details follows.
    assert any("no contact details" in (m.get("text") or "") for m in answer)
    assert found[-1]["contacts"] and found[-1]["distance_km"] > 0


def test_nothing_local_gives_the_nearest_said_as_such(passerelle):
    answer = say(passerelle, uuid.uuid4().hex, "an incubator in Warsaw please")
    assert "nothing" in answer[0]["text"] and "nearest" in answer[0]["text"]
    found = cards(answer)
    assert found and all(c["city"] != "warsaw" and c["distance_km"] > 0 for c in found)


def test_mentoring_in_belgium(passerelle):
    answer = say(passerelle, uuid.uuid4().hex, "mentoring in Belgium")
    found = cards(answer)
    assert found and all(c["country"] == "BE" for c in found)


def test_how_the_oacas_route_works(passerelle):
    answer = say(passerelle, uuid.uuid4().hex, "how does the OACAS route work?")
    found = cards(answer)
    assert found and found[0]["country"] == "FR" and found[0]["conditions"]
    assert any("differ" in m.get("text", "") for m in answer)
    assert found[-1]["country"] == "FR" and found[-1]["contacts"], "a contact point that can advise"


def test_the_conversation_is_kept_in_the_tracker_store(passerelle):
    user = uuid.uuid4().hex
    say(passerelle, user, "hello")
    base = f"http://127.0.0.1:{passerelle['ports']['RASA']}"
    tracker = httpx.get(f"{base}/conversations/{user}/tracker", params={"token": "test-token"}).json()
    assert any(e["event"] == "user" and e["text"] == "hello" for e in tracker["events"])


def test_a_process_that_dies_is_reported_and_the_others_stopped(tmp_path):
    handle = start_passerelle(tmp_path, f"sqlite:///{tmp_path / 'passerelle.db'}")
    web = httpx.get(f"http://127.0.0.1:{handle['ports']['WEB']}/health")
    assert web.status_code == 200
    children = subprocess.run(["pgrep", "-f", f"uvicorn bot.web.app:app .*--port {handle['ports']['WEB']}"],
                              capture_output=True, text=True)
    os.kill(int(children.stdout.split()[0]), signal.SIGKILL)
    assert handle["process"].wait(timeout=60) == 1
    assert "web app stopped unexpectedly" in handle["log"].read_text()
    for port in handle["ports"].values():
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_a_french_question_is_answered_in_french_with_local_entries(passerelle):
    answer = say(passerelle, uuid.uuid4().hex, "bonjour, je cherche un incubateur pour créer mon entreprise à Liège")
    found = cards(answer)
    assert found and found[0]["city"] == "liege"
    assert answer[0]["text"].startswith("Voici")
    assert found[0]["description_lang"] == "fr"


def test_arabic_is_answered_in_arabic_and_one_latin_word_does_not_flip_it(passerelle):
    user = uuid.uuid4().hex
    first = say(passerelle, user, "مرحبا")
    assert any("\u0600" <= ch <= "\u06ff" for ch in first[0]["text"])
    again = say(passerelle, user, "merci")   # lingua alone would call this Italian
    assert any("\u0600" <= ch <= "\u06ff" for ch in again[0]["text"])
    base = f"http://127.0.0.1:{passerelle['ports']['RASA']}"
    tracker = httpx.get(f"{base}/conversations/{user}/tracker", params={"token": "test-token"}).json()
    assert tracker["slots"]["language"] == "ar"
    bot_events = [e for e in tracker["events"] if e["event"] == "bot"]
    assert bot_events and all(e["metadata"].get("direction") == "rtl" for e in bot_events)


def test_the_page_locale_sets_the_language_and_a_button_changes_it(passerelle):
    user = uuid.uuid4().hex
    url = f"http://127.0.0.1:{passerelle['ports']['RASA']}/webhooks/rest/webhook"
    hello = httpx.post(url, json={"sender": user, "message": "hi", "metadata": {"language": "nl"}}, timeout=60).json()
    assert hello[0]["text"].startswith("Hallo")
    switched = say(passerelle, user, '/set_language{"language": "es"}')
    assert "español" in switched[0]["text"]


def test_a_language_we_do_not_speak_gets_the_list_in_english_and_french(passerelle):
    answer = say(passerelle, uuid.uuid4().hex, "Guten Tag, ich suche Arbeit in Berlin und brauche Hilfe")
    assert "Sorry, I speak only" in answer[0]["text"] and "Désolé" in answer[0]["text"]
    assert len(answer[0]["buttons"]) == 6


def tickets_of(passerelle, sender):
    from bot.db import new_session
    from bot.handoff.models import TicketRow

    with new_session(passerelle["url"]) as session:
        return session.query(TicketRow).filter(TicketRow.conversation_id == sender).all()


def events_of(passerelle, sender):
    base = f"http://127.0.0.1:{passerelle['ports']['RASA']}"
    tracker = httpx.get(f"{base}/conversations/{sender}/tracker", params={"token": "test-token"}).json()
    return [e for e in tracker["events"] if e["event"] in ("user", "bot")]


def arabic(text):
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_a_person_asked_for_in_arabic_gets_a_ticket_answered_in_the_chat(passerelle):
    user = uuid.uuid4().hex
    asked = say(passerelle, user, "أريد التحدث مع شخص حقيقي من فضلك")
    assert arabic(asked[-1]["text"]) and len(asked[-1]["buttons"]) == 3
    chat = asked[-1]["buttons"][0]["payload"]
    done = say(passerelle, user, chat)
    [ticket] = tickets_of(passerelle, user)
    assert (ticket.language, ticket.reach_by, ticket.urgent, ticket.status) == ("ar", "chat", False, "open")
    assert "أريد التحدث مع شخص حقيقي" in ticket.summary
    assert arabic(done[0]["text"]) and str(ticket.id) in done[0]["text"]


def test_exploitation_gets_112_contact_points_and_a_person_by_phone(passerelle):
    user = uuid.uuid4().hex
    urgent = say(passerelle, user, "my boss took my passport and makes me work 14 hours a day without pay")
    assert "112" in urgent[0]["text"] and "city or country" in urgent[-1]["text"]
    contacts = say(passerelle, user, "Liège")
    assert cards(contacts) and contacts[-1]["buttons"], "contact points, then the offer of a person"
    assert "person" in contacts[-1]["text"]
    assert "reach you" in say(passerelle, user, contacts[-1]["buttons"][0]["payload"])[-1]["text"]
    assert "number" in say(passerelle, user, "by phone")[-1]["text"]
    done = say(passerelle, user, "0470 12 34 56")
    [ticket] = tickets_of(passerelle, user)
    assert ticket.urgent and ticket.reach_by == "phone" and ticket.contact == "0470 12 34 56"
    assert ticket.topic == "rights_at_work" and ticket.place == "city:liege"
    assert "0470 12 34 56" in done[0]["text"]


def test_forget_me_deletes_the_conversation_and_its_ticket(passerelle):
    user, other = uuid.uuid4().hex, uuid.uuid4().hex
    for who in (user, other):
        say(passerelle, who, "I want to talk to a human")
        say(passerelle, who, '/inform{"handoff_method": "chat"}')
        assert tickets_of(passerelle, who)
    confirm = say(passerelle, user, "forget me")
    assert len(confirm[-1]["buttons"]) == 2
    assert events_of(passerelle, user), "asking is not yet forgetting"
    said = say(passerelle, user, confirm[-1]["buttons"][0]["payload"])
    assert "deleted" in said[0]["text"]
    assert tickets_of(passerelle, user) == [] and events_of(passerelle, user) == []
    assert tickets_of(passerelle, other) and events_of(passerelle, other)
    # Writing again starts afresh.
    assert "Passerelle" in say(passerelle, user, "hello")[0]["text"]


# Last: it stops the module's Passerelle.
def test_ctrl_c_stops_all_three(passerelle):
    process, ports = passerelle["process"], passerelle["ports"]
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=60) == 0
    for port in ports.values():
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_tickets_and_conversations_survive_a_restart(tmp_path):
    from bot.db import new_session
    from bot.handoff.models import TicketRow

    url = f"sqlite:///{tmp_path / 'passerelle.db'}"
    first = start_passerelle(tmp_path, url)
    user = uuid.uuid4().hex
    try:
        say(first, user, "I want to talk to a person")
        say(first, user, '/inform{"handoff_method": "chat"}')
    finally:
        stop_passerelle(first)
    second = start_passerelle(tmp_path, url)
    try:
        with new_session(url) as session:
            assert session.query(TicketRow).filter_by(conversation_id=user).count() == 1
        base = f"http://127.0.0.1:{second['ports']['RASA']}"
        events = httpx.get(f"{base}/conversations/{user}/tracker", params={"token": "test-token"}).json()["events"]
        assert [e["text"] for e in events if e["event"] == "user"][0] == "I want to talk to a person"
        assert say(second, user, "hello")
    finally:
        stop_passerelle(second)


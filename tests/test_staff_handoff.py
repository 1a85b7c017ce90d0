"""A person takes over, in two real browsers: a migrant in the widget asks for a person in
Arabic; the ticket appears in the staff dashboard; the staff member takes over and replies; the
reply reaches the widget; while the staff member holds the conversation the bot stays quiet;
handed back, the bot answers again. Passerelle runs as scripts/run.sh starts it."""
from __future__ import annotations

import os
import re
import subprocess
import uuid

import httpx
import pytest
import yaml
from sqlalchemy import select

from bot.db import new_session
from bot.handoff.models import TicketRow
from bot.i18n.catalogues import gettext
from bot.settings import load_settings
from tests.servers import python
from tests.test_widget import PHONE, SCREENSHOTS, _axe, chat, tracker_events

pytestmark = pytest.mark.integration

PASSWORD = "a desk password 42"
MODELS = load_settings().model_dir


@pytest.fixture(scope="module")
def staff_account(widget_passerelle):
    env = {**os.environ, "DATABASE_URL": widget_passerelle["url"]}
    done = subprocess.run(python("-m", "bot", "staff", "add", "salma", "--password-stdin"), input=PASSWORD + "\n",
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return "salma"


def staff_page(browser, passerelle, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(passerelle["web"] + "/staff")
    assert page.url.endswith("/staff/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/staff$"))
    return page


def test_a_person_takes_over_an_arabic_conversation_and_hands_it_back(browser, widget_passerelle, staff_account):
    with chat(browser, widget_passerelle, "/chat?lang=ar", viewport=PHONE) as migrant:
        widget = migrant.page
        migrant.say("أريد التحدث مع شخص من فضلك")
        widget.get_by_role("button", name=gettext("ar", "Here, in this chat")).click()
        migrant.wait_delivered()
        conversation = migrant.conversation_id()
        with new_session(widget_passerelle["url"]) as session:
            ticket = session.scalars(select(TicketRow).where(TicketRow.conversation_id == conversation)).one()
            assert ticket.language == "ar" and ticket.channel == "socketio"

        staff = staff_page(browser, widget_passerelle, staff_account)
        # The ticket is in the queue; the staff member opens it and takes over.
        staff.locator(f'tr.ticket[data-id="{ticket.id}"] a').click()
        assert "أريد التحدث مع شخص" in staff.locator(".conversation").inner_text()
        staff.locator(f'form[action="/staff/tickets/{ticket.id}/take"] button').click()
        staff.locator(f'form[action="/staff/tickets/{ticket.id}/hand-back"]').wait_for()

        reply = "مرحبا، أنا سلمى من مكتب النقابة. كيف أساعدك؟"
        staff.fill("#reply", reply)
        staff.locator(f'form[action="/staff/tickets/{ticket.id}/reply"] button').click()
        # The reply reaches the widget, through Rasa's socket.io output channel, marked as a person's.
        answer = widget.locator(".pw-staff").last
        answer.wait_for(timeout=30_000)
        assert answer.locator(".pw-text").inner_text() == reply
        assert answer.locator(".pw-speaker").inner_text() == gettext("ar", "A person from the contact point")

        # While the staff member holds the conversation, the bot says nothing.
        bot_messages = widget.locator(".pw-bot").count()
        migrant.say("شكرا، أعمل في مطعم ولم أتقاض أجري")
        widget.wait_for_timeout(2000)
        assert widget.locator(".pw-bot").count() == bot_messages
        staff.reload()
        assert "ولم أتقاض أجري" in staff.locator(".conversation").inner_text()

        # Handed back, the bot answers again.
        staff.locator(f'form[action="/staff/tickets/{ticket.id}/hand-back"] button').click()
        staff.locator(f'form[action="/staff/tickets/{ticket.id}/take"]').wait_for()
        migrant.say("أبحث عن حاضنة أعمال في لييج")
        widget.locator(".pw-card").first.wait_for()
        assert widget.locator(".pw-bot").count() > bot_messages

        events = [e["event"] for e in tracker_events(widget_passerelle, conversation)]
        assert events.index("pause") < events.index("resume")
        staff.context.close()


def test_triage_shows_language_intent_entities_and_suggestions(browser, widget_passerelle, staff_account):
    staff = staff_page(browser, widget_passerelle, staff_account)
    staff.goto(widget_passerelle["web"] + "/staff/triage")
    staff.fill("#question", "Bonjour, je cherche un incubateur à Liège pour créer mon entreprise")
    staff.locator("form[action='/staff/triage'] button").click()
    staff.locator("dd.intent").wait_for()
    assert staff.locator("dd.intent").inner_text().startswith("ask_incubator")
    assert staff.locator("html").get_attribute("lang") == "fr"
    assert staff.locator("dd.language").inner_text() == "français"
    assert staff.locator("dd.place").inner_text() == "city:liege"
    assert "city" in staff.locator("dd.entities").inner_text()
    assert staff.locator(".suggestions li").count() >= 1 and staff.locator(".contact-point").count() == 1
    staff.context.close()


def test_an_entry_edited_in_the_dashboard_changes_the_next_answer_without_retraining(browser, widget_passerelle):
    env = {**os.environ, "DATABASE_URL": widget_passerelle["url"]}
    made = subprocess.run(python("-m", "bot", "staff", "add", "amira", "--role", "admin", "--password-stdin"),
                          input=PASSWORD + "\n", env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    models_before = sorted(p.name for p in MODELS.iterdir())

    def ask() -> list:
        answer = httpx.post(f"{widget_passerelle['rasa']}/webhooks/rest/webhook",
                            json={"sender": uuid.uuid4().hex, "message": "an incubator in Liège"}, timeout=60)
        return [m["custom"]["card"] for m in answer.json() if isinstance(m.get("custom"), dict)]

    first = ask()[0]
    admin = staff_page(browser, widget_passerelle, "amira")
    admin.goto(f"{widget_passerelle['web']}/staff/directory/{first['id']}")
    data = yaml.safe_load(admin.locator("#yaml").input_value())
    data["description"]["en"] = "Edited by the contact point today."
    admin.locator("#yaml").fill(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    admin.locator("button[value=save]").click()
    admin.locator(".saved").wait_for()

    after = {card["id"]: card for card in ask()}
    assert after[first["id"]]["description"] == "Edited by the contact point today."
    assert sorted(p.name for p in MODELS.iterdir()) == models_before, "no model was trained"
    admin.context.close()


TABLET = {"width": 820, "height": 1180}


def test_the_dashboard_reads_on_a_tablet_and_passes_axe(browser, widget_passerelle):
    # An admin sees every page; a ticket exists from a REST conversation asking for a person.
    env = {**os.environ, "DATABASE_URL": widget_passerelle["url"]}
    subprocess.run(python("-m", "bot", "staff", "add", "tariq", "--role", "admin", "--password-stdin"),
                   input=PASSWORD + "\n", env=env, capture_output=True, text=True, check=True)
    sender = uuid.uuid4().hex
    for text in ("I want to talk to a person", '/inform{"handoff_method": "chat"}'):
        httpx.post(f"{widget_passerelle['rasa']}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                   timeout=60).raise_for_status()
    with new_session(widget_passerelle["url"]) as session:
        ticket = session.scalars(select(TicketRow).where(TicketRow.conversation_id == sender)).one()

    context = browser.new_context(viewport=TABLET, locale="fr-FR", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(widget_passerelle["web"] + "/staff/login")
    page.fill("input[name=username]", "tariq")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/staff$"))
    for path in ("/staff", f"/staff/tickets/{ticket.id}", "/staff/triage", "/staff/insights?days=365",
                 "/staff/directory", "/staff/directory/diomcoop"):
        page.goto(widget_passerelle["web"] + path)
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth"), path
        assert _axe(page) == [], path
        if path == f"/staff/tickets/{ticket.id}":
            page.screenshot(path=str(SCREENSHOTS / "staff-ticket-tablet.png"), full_page=True)
        if path == "/staff":
            page.screenshot(path=str(SCREENSHOTS / "staff-queue-tablet.png"))
    context.close()

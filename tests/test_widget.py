"""The chat widget in a real browser: Debian's Chromium driven by Playwright, on the demo page
and the full-page chat, against Passerelle as scripts/run.sh starts it (Rasa, action server,
web app), with a TCP relay between the browser and Rasa that a test can cut."""
from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import text

from bot.db import new_session
from bot.handoff.models import TicketRow
from bot.i18n.catalogues import gettext
from bot.settings import ROOT
from bot.widget.strings import catalogue

pytestmark = pytest.mark.integration

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
SCREENSHOTS = ROOT / "docs" / "screenshots"
AXE = ROOT / "bot" / "widget" / "node_modules" / "axe-core" / "axe.min.js"
ARABIC = re.compile(r"[\u0600-\u06FF]")


def strings(lang: str) -> dict:
    return catalogue(lang)["strings"]


class Chat:
    """One person's browser tab with the widget, and what it asked of the network."""

    def __init__(self, page, passerelle):
        self.page, self.passerelle = page, passerelle
        self.requests, self.errors = [], []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self):
        self.page.locator(".pw-launcher").click()
        self.page.locator(".pw-input").wait_for(state="visible")

    def say(self, message: str):
        """Types a message, sends it with Enter, and waits until the server ran the turn (the
        acknowledgement comes after the answer's messages)."""
        self.page.locator(".pw-input").fill(message)
        self.page.locator(".pw-input").press("Enter")
        self.wait_delivered()

    def wait_delivered(self, timeout: float = 60_000):
        self.page.wait_for_function(
            "() => { const root = document.getElementById('passerelle-widget').shadowRoot;"
            " const users = root.querySelectorAll('.pw-user');"
            " return users.length && !users[users.length - 1].classList.contains('pw-pending'); }",
            timeout=timeout)

    def bot_texts(self) -> list:
        return self.page.locator(".pw-bot .pw-text").all_inner_texts()

    def stored(self) -> dict:
        return self.page.evaluate(
            "() => { const key = Object.keys(sessionStorage).find(k => k.startsWith('passerelle:'));"
            " return key ? JSON.parse(sessionStorage.getItem(key)) : null; }")

    def conversation_id(self) -> str:
        return self.stored()["conversationId"]


@contextmanager
def chat(browser, passerelle, path: str = "/", viewport=DESKTOP, locale: str = "en-GB"):
    context = browser.new_context(viewport=viewport, locale=locale, is_mobile=viewport is PHONE,
                                  has_touch=viewport is PHONE)
    page = context.new_page()
    tab = Chat(page, passerelle)
    page.goto(passerelle["web"] + path)
    page.locator(".pw").wait_for(state="attached")
    try:
        yield tab
        assert not tab.errors, tab.errors
    finally:
        context.close()


def tracker_events(passerelle, conversation_id: str) -> list:
    answer = httpx.get(f"{passerelle['rasa']}/conversations/{conversation_id}/tracker",
                       params={"token": "test-token"}, timeout=30)
    answer.raise_for_status()
    return answer.json()["events"]


def user_texts(events: list) -> list:
    return [e["text"] for e in events if e["event"] == "user"]


def screenshot(page, name: str):
    """The conversation from the person's last question on, as they would read it."""
    page.locator(".pw-log").evaluate(
        "log => { const users = log.querySelectorAll('.pw-user');"
        " if (users.length) log.scrollTop = users[users.length - 1].offsetTop - log.offsetTop - 8; }")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_a_french_conversation_with_a_directory_card_and_a_button(browser, widget_passerelle):
    fr = strings("fr")
    with chat(browser, widget_passerelle, "/?lang=fr") as tab:
        page = tab.page
        # The interface speaks French from the catalogue, before anything is said.
        assert page.locator(".pw-launcher").get_attribute("aria-label") == fr["open"]
        tab.open()
        assert page.locator(".pw-input").get_attribute("placeholder") == fr["placeholder"]
        assert page.locator(".pw-welcome").inner_text() == fr["welcome"]

        tab.say("Je cherche un incubateur à Liège")
        card = page.locator(".pw-card").first
        card.wait_for()
        expected = httpx.get(f"{widget_passerelle['web']}/api/entries",
                             params={"place": "Liège", "category": "incubator", "lang": "fr"}).json()["items"]
        assert card.locator(".pw-card-name").inner_text() in {e["name"] for e in expected}
        assert page.locator(".pw-bot").last.get_attribute("lang") == "fr"
        # Contacts are links to call, write or visit; the source is cited.
        links = page.locator(".pw-card a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert links and all(re.match(r"^(tel:\+?\d{6,}|mailto:[^@]+@[^@]+|https?://)", href) for href in links)
        assert all(source.startswith(fr["source"].split("{")[0]) for source in page.locator(".pw-card-source").all_inner_texts())
        screenshot(page, "widget-fr-desktop")

        # A person asked for: the question comes with buttons; one click answers it.
        tab.say("Je voudrais parler à une personne")
        in_this_chat = gettext("fr", "Here, in this chat")
        page.get_by_role("button", name=in_this_chat).click()
        tab.wait_delivered()
        assert page.locator(".pw-user").last.inner_text().endswith(in_this_chat)
        assert page.get_by_role("button", name=in_this_chat).is_disabled(), "an answered question's buttons are done"
        events = tracker_events(widget_passerelle, tab.conversation_id())
        assert any(e["event"] == "action" and e["name"] == "action_open_ticket" for e in events)


def test_arabic_is_laid_out_right_to_left_and_answered_in_arabic(browser, widget_passerelle):
    with chat(browser, widget_passerelle, "/chat?lang=ar", viewport=PHONE) as tab:
        page = tab.page
        box = page.locator(".pw")
        assert box.get_attribute("dir") == "rtl" and box.get_attribute("lang") == "ar"
        assert box.evaluate("b => getComputedStyle(b).direction") == "rtl"
        tab.say("أبحث عن حاضنة أعمال في لييج")
        page.locator(".pw-card").first.wait_for()
        answer = page.locator(".pw-bot").first
        assert answer.get_attribute("lang") == "ar" and answer.get_attribute("dir") == "rtl"
        assert ARABIC.search(answer.inner_text())
        # Mirrored: the person's bubble on the left, the assistant's on the right, send on the left.
        user_box = page.locator(".pw-user").first.bounding_box()
        bot_box = answer.bounding_box()
        assert user_box["x"] < bot_box["x"]
        assert page.locator(".pw-send").bounding_box()["x"] < page.locator(".pw-input").bounding_box()["x"]
        # Latin names and numbers inside Arabic text keep their own direction.
        assert page.locator(".pw-card a[href^='tel:'], .pw-card a[href^='mailto:']").first.get_attribute("dir") == "ltr"
        screenshot(page, "widget-ar-phone")


def test_reload_restores_the_history_and_the_same_conversation(browser, widget_passerelle):
    with chat(browser, widget_passerelle, "/?lang=fr") as tab:
        tab.open()
        tab.say("bonjour")
        before = tab.page.locator(".pw-message").all_inner_texts()
        conversation = tab.conversation_id()
        tab.page.reload()
        tab.page.locator(".pw-bot").first.wait_for()
        assert tab.page.locator(".pw-message").all_inner_texts() == before
        assert tab.conversation_id() == conversation
        assert tab.page.locator(".pw-input").is_visible(), "the panel stays open across a reload"
        tab.say("merci")
        assert user_texts(tracker_events(widget_passerelle, conversation)) == ["bonjour", "merci"]


def test_a_message_sent_while_the_connection_is_cut_is_delivered_once_it_is_back(browser, widget_passerelle):
    relay = widget_passerelle["relay"]
    offline = strings("en")["offline"]
    with chat(browser, widget_passerelle, "/?lang=en") as tab:
        page = tab.page
        tab.open()
        tab.say("hello")
        relay.cut()
        try:
            page.locator(".pw-status", has_text=offline).wait_for(timeout=30_000)
            page.locator(".pw-input").fill("mentoring in Belgium")
            page.locator(".pw-input").press("Enter")
            pending = page.locator(".pw-user.pw-pending .pw-status-note")
            assert pending.inner_text() == strings("en")["sending"]
            page.wait_for_timeout(1500)
        finally:
            relay.restore()
        tab.wait_delivered()
        page.locator(".pw-card").first.wait_for()
        assert page.locator(".pw-user").all_inner_texts().count(page.locator(".pw-user").last.inner_text()) == 1
        events = tracker_events(widget_passerelle, tab.conversation_id())
        assert user_texts(events) == ["hello", "mentoring in Belgium"]
        # Each answer the assistant gave is shown once.
        said = [e["text"] for e in events
                if e["event"] == "bot" and e.get("text") and not (e.get("data") or {}).get("custom")]
        assert tab.bot_texts() == said


def test_html_in_a_message_is_shown_as_text_and_runs_nothing(browser, widget_passerelle):
    attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> incubator in <i>Liège</i>'
    with chat(browser, widget_passerelle, "/?lang=en") as tab:
        page = tab.page
        tab.open()
        tab.say(attack)
        shown = page.locator(".pw-user .pw-text").last
        assert shown.inner_text() == attack
        assert page.locator(".pw-log img, .pw-log script, .pw-log b, .pw-log i").count() == 0
        assert page.evaluate("() => window.__pwned") is None


def test_delete_my_conversation_deletes_it_in_the_browser_and_on_the_server(browser, widget_passerelle):
    fr = strings("fr")
    with chat(browser, widget_passerelle, "/?lang=fr") as tab:
        page = tab.page
        tab.open()
        tab.say("Je voudrais parler à une personne")
        page.get_by_role("button", name=gettext("fr", "Here, in this chat")).click()
        tab.wait_delivered()
        conversation = tab.conversation_id()
        with new_session(widget_passerelle["url"]) as session:
            assert session.query(TicketRow).filter_by(conversation_id=conversation).count() == 1

        page.get_by_role("button", name=fr["delete"]).click()
        page.get_by_role("button", name=fr["delete_yes"]).click()
        page.locator(".pw-status", has_text=fr["deleted"]).wait_for()

        assert page.locator(".pw-user, .pw-bot").count() == 0
        stored = tab.stored()
        assert stored is None or (not stored["messages"] and stored["conversationId"] != conversation)
        with new_session(widget_passerelle["url"]) as session:
            assert session.query(TicketRow).filter_by(conversation_id=conversation).count() == 0
            assert session.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = :id"),
                                   {"id": conversation}).scalar() == 0
        assert user_texts(tracker_events(widget_passerelle, conversation)) == []
        # A new conversation starts, under a new id.
        tab.say("bonjour")
        assert tab.conversation_id() != conversation


def test_the_keyboard_alone_opens_talks_and_closes(browser, widget_passerelle):
    with chat(browser, widget_passerelle, "/?lang=en") as tab:
        page = tab.page
        focused_class = ("() => { const root = document.getElementById('passerelle-widget').shadowRoot;"
                         " return root.activeElement ? root.activeElement.className : null; }")
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate(focused_class) == "pw-launcher":
                break
        assert page.evaluate(focused_class) == "pw-launcher"
        # The focus can be seen.
        outline = page.locator(".pw-launcher").evaluate("b => getComputedStyle(b).outlineStyle")
        assert outline not in ("none", "")
        page.keyboard.press("Enter")
        assert page.evaluate(focused_class) == "pw-input"
        page.keyboard.type("I need an incubator")
        page.keyboard.press("Enter")
        tab.wait_delivered()
        page.keyboard.type("Liège")
        page.keyboard.press("Enter")
        tab.wait_delivered()
        assert page.locator(".pw-card").count() >= 1
        page.keyboard.press("Escape")
        assert page.locator(".pw-panel").is_hidden()
        assert page.evaluate(focused_class) == "pw-launcher"


def _axe(page) -> list:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang, question, viewport", [
    ("fr", "un incubateur à Liège", DESKTOP),
    ("ar", "أبحث عن حاضنة أعمال في لييج", PHONE),
])
def test_no_serious_accessibility_violation(browser, widget_passerelle, lang, question, viewport):
    with chat(browser, widget_passerelle, f"/?lang={lang}", viewport=viewport) as tab:
        tab.open()
        tab.say(question)
        tab.page.locator(".pw-card").first.wait_for()
        assert _axe(tab.page) == []


def test_no_third_party_no_cookie_and_what_is_kept_is_said(browser, widget_passerelle):
    with chat(browser, widget_passerelle, "/?lang=en") as tab:
        tab.open()
        tab.say("an incubator in Liège")
        ours = {urlsplit(widget_passerelle["web"]).netloc,
                urlsplit(f"http://127.0.0.1:{widget_passerelle['relay'].port}").netloc}
        assert {urlsplit(url).netloc for url in tab.requests if not url.startswith("data:")} <= ours
        assert tab.page.context.cookies() == []
        assert tab.page.evaluate("() => document.cookie") == ""
        assert tab.page.locator(".pw-privacy").inner_text() == strings("en")["privacy_session"]


def test_several_cards_stay_readable_on_a_360_pixel_screen(browser, widget_passerelle):
    with chat(browser, widget_passerelle, "/?lang=fr", viewport=PHONE) as tab:
        page = tab.page
        tab.open()
        tab.say("du mentorat en Belgique")
        page.locator(".pw-card").nth(1).wait_for()
        panel = page.locator(".pw-panel").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"]
        overflow = page.locator(".pw-log").evaluate("log => log.scrollWidth - log.clientWidth")
        assert overflow <= 0
        for card in page.locator(".pw-card").all():
            box = card.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        screenshot(page, "widget-fr-phone")
        # A long description is cut to a few lines; one tap shows it all.
        long_card = page.locator(".pw-card", has=page.locator(".pw-more")).first
        more, description = long_card.locator(".pw-more"), long_card.locator(".pw-card-description")
        height = description.bounding_box()["height"]
        more.click()
        assert more.get_attribute("aria-expanded") == "true" and more.inner_text() == strings("fr")["less"]
        assert description.bounding_box()["height"] > height


def test_arabic_on_the_desktop_demo_page(browser, widget_passerelle):
    with chat(browser, widget_passerelle, "/?lang=ar") as tab:
        # The bubble keeps the page's corner (this page is left to right); the chat is mirrored.
        assert tab.page.locator(".pw-launcher").bounding_box()["x"] > DESKTOP["width"] / 2
        tab.open()
        tab.say("أريد مرشدا لمشروعي في بلجيكا")
        tab.page.locator(".pw-bot").first.wait_for()
        assert ARABIC.search(tab.page.locator(".pw-bot").first.inner_text())
        screenshot(tab.page, "widget-ar-desktop")


def test_the_language_picker_switches_the_interface_and_the_assistant(browser, widget_passerelle):
    with chat(browser, widget_passerelle, "/?lang=en") as tab:
        page = tab.page
        tab.open()
        tab.say("hello")
        page.locator(".pw-select").select_option("fr")
        page.wait_for_function(
            "() => document.getElementById('passerelle-widget').shadowRoot.querySelector('.pw').lang === 'fr'")
        assert page.locator(".pw-input").get_attribute("placeholder") == strings("fr")["placeholder"]
        page.locator(".pw-bot[lang='fr']").first.wait_for()
        tab.say("un incubateur à Liège")
        assert page.locator(".pw-bot").last.get_attribute("lang") == "fr"
        assert tab.stored()["language"] == "fr"

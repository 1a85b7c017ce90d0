"""Telegram, WhatsApp through Twilio, and Messenger, end to end.

Passerelle runs as scripts/run.sh starts it, with each platform's upstream API pointed at a fake
(tests/fake_upstream.py: a real HTTP server on loopback that records what it is sent). The
payloads posted to the webhooks are the platforms' documented formats, signed as each platform
signs them (Twilio's signature with Twilio's own library); what reaches the fakes is read back.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import os
import re
import subprocess
import time
import uuid

import httpx
import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot.db import new_session
from bot.handoff.models import TicketRow
from bot.i18n.catalogues import gettext
from bot.messages import render
from bot.staff.rasa_api import RasaAPI
from tests.fake_upstream import FakeUpstream
from tests.servers import python, start_passerelle, stop_passerelle

pytestmark = pytest.mark.integration

TELEGRAM_TOKEN = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
TELEGRAM_SECRET = "passerelle-test_secret-42"
TWILIO_SID = "AC" + "0123456789abcdef" * 2
TWILIO_TOKEN = "b7d1f0c2a9e84c3d9f6e5a4b3c2d1e0f"
TWILIO_NUMBER = "whatsapp:+14155238886"
# The address Twilio is given (a proxy in front of Rasa): what it signs, not what Rasa sees.
TWILIO_PUBLIC_URL = "https://passerelle.example.org/webhooks/twilio/webhook"
MESSENGER_TOKEN = "EAAGm0PX4ZCpsBAtestpagetoken"
MESSENGER_SECRET = "3f6a8c1e9b2d4f7a0c5e8b1d4a7f0c3e"
MESSENGER_VERIFY = "passerelle-verify-me"
FRENCH_PSID = "6543210987654321"       # these two profiles give a locale; the others' lookups are refused
SPANISH_PSID = "6543210987650000"
LOCALES = {FRENCH_PSID: "fr_FR", SPANISH_PSID: "es_ES"}
PASSWORD = "a desk password 42"

GREETING = ("Hello! I am Passerelle. I can tell you where to find one-stop shops, incubators, mentoring, "
            "cooperatives that hire, training and language courses, and how taking part in the social and "
            "solidarity economy can lead to a residence permit. What are you looking for?")


RATE_LIMITED = {2006}     # chats whose first message Telegram refuses with 429, as under load


def telegram_api(request):
    chat = request.json().get("chat_id") if request.path.endswith("/sendMessage") else None
    if chat is not None and int(chat) in RATE_LIMITED:
        RATE_LIMITED.discard(int(chat))
        return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                     "parameters": {"retry_after": 1}}
    sent = request.path.endswith("/sendMessage")
    result = {"message_id": len(upstreams["telegram"].requests)} if sent else True
    return 200, {"ok": True, "result": result}


def twilio_api(request):
    return 201, {"sid": "SM" + uuid.uuid4().hex, "status": "queued"}


def messenger_api(request):
    if request.method == "GET":      # the User Profile API
        psid = request.path.rsplit("/", 1)[1]
        if psid in LOCALES:
            return 200, {"locale": LOCALES[psid], "id": psid}
        return 400, {"error": {"message": "(#230) Requires pages_messaging permission", "code": 230}}
    return 200, {"recipient_id": request.json()["recipient"]["id"], "message_id": "m_" + uuid.uuid4().hex}


upstreams = {}


def channel_env() -> dict:
    """The three channels' secrets, and their upstream APIs pointed at the fakes."""
    return {
        "PASSERELLE_TELEGRAM_TOKEN": TELEGRAM_TOKEN, "PASSERELLE_TELEGRAM_SECRET": TELEGRAM_SECRET,
        "PASSERELLE_TELEGRAM_API_URL": upstreams["telegram"].url,
        "PASSERELLE_TWILIO_ACCOUNT_SID": TWILIO_SID, "PASSERELLE_TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "PASSERELLE_TWILIO_WHATSAPP_NUMBER": TWILIO_NUMBER, "PASSERELLE_TWILIO_WEBHOOK_URL": TWILIO_PUBLIC_URL,
        "PASSERELLE_TWILIO_API_URL": upstreams["twilio"].url,
        "PASSERELLE_MESSENGER_PAGE_TOKEN": MESSENGER_TOKEN, "PASSERELLE_MESSENGER_APP_SECRET": MESSENGER_SECRET,
        "PASSERELLE_MESSENGER_VERIFY_TOKEN": MESSENGER_VERIFY, "PASSERELLE_MESSENGER_API_URL": upstreams["messenger"].url,
    }


@pytest.fixture(scope="module")
def passerelle(tmp_path_factory):
    upstreams.update(telegram=FakeUpstream(telegram_api).start(), twilio=FakeUpstream(twilio_api).start(),
                     messenger=FakeUpstream(messenger_api).start())
    var = tmp_path_factory.mktemp("channels")
    url = f"sqlite:///{var / 'passerelle.db'}"
    handle = start_passerelle(var, url, channel_env())
    env = {**os.environ, "DATABASE_URL": url}
    added = subprocess.run(python("-m", "bot", "staff", "add", "yusuf", "--password-stdin"), input=PASSWORD + "\n",
                           env=env, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    handle.update(rasa=f"http://127.0.0.1:{handle['ports']['RASA']}", web=f"http://127.0.0.1:{handle['ports']['WEB']}")
    yield handle
    stop_passerelle(handle)
    for fake in upstreams.values():
        fake.stop()


# --- what each platform sends -------------------------------------------------------------------

def telegram_update(text=None, chat_id=1111111, language="fr", **extra):
    """An update as https://core.telegram.org/bots/webhooks#testing-your-bot-with-updates shows it."""
    message = {"date": int(time.time()), "chat": {"last_name": "Test Lastname", "id": chat_id, "type": "private",
                                                  "first_name": "Test Firstname", "username": "Testusername"},
               "message_id": 1365, "from": {"last_name": "Test Lastname", "id": chat_id, "is_bot": False,
                                            "first_name": "Test Firstname", "username": "Testusername",
                                            "language_code": language}}
    if text is not None:
        message["text"] = text
    message.update(extra)
    return {"update_id": next_id(), "message": message}


def telegram_button(data, chat_id, language="fr"):
    person = {"id": chat_id, "is_bot": False, "first_name": "Test Firstname", "language_code": language}
    return {"update_id": next_id(), "callback_query": {
        "id": str(uuid.uuid4().int)[:19], "from": person, "chat_instance": "-1234567890123456789", "data": data,
        "message": {"message_id": 1366, "date": int(time.time()), "from": {"id": 110201543, "is_bot": True},
                    "chat": {"id": chat_id, "type": "private"}, "text": "..."}}}


_ids = iter(range(10000, 10**9))


def next_id() -> int:
    return next(_ids)


def post_telegram(passerelle, update, secret=TELEGRAM_SECRET):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    return httpx.post(f"{passerelle['rasa']}/webhooks/telegram/webhook", json=update, headers=headers, timeout=120)


def twilio_message(body, number="+32470123456"):
    """An incoming WhatsApp message's fields as Twilio posts them
    (https://www.twilio.com/docs/messaging/guides/webhook-request)."""
    sid = "SM" + uuid.uuid4().hex
    return {"SmsMessageSid": sid, "NumMedia": "0", "ProfileName": "Amina", "MessageType": "text", "SmsSid": sid,
            "WaId": number.lstrip("+"), "SmsStatus": "received", "Body": body, "To": TWILIO_NUMBER,
            "NumSegments": "1", "ReferralNumMedia": "0", "MessageSid": sid, "AccountSid": TWILIO_SID,
            "From": f"whatsapp:{number}", "ApiVersion": "2010-04-01"}


def post_twilio(passerelle, fields, token=TWILIO_TOKEN, signed_url=TWILIO_PUBLIC_URL, sign=True, tamper=None):
    signature = RequestValidator(token).compute_signature(signed_url, fields)
    headers = {"X-Twilio-Signature": signature} if sign else {}
    sent = {**fields, **(tamper or {})}
    return httpx.post(f"{passerelle['rasa']}/webhooks/twilio/webhook", data=sent, headers=headers, timeout=120)


def messenger_event(psid, text=None, quick_reply=None):
    """A messages event as https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
    shows it."""
    message = {"mid": "m_" + uuid.uuid4().hex, "text": text}
    if quick_reply:
        message["quick_reply"] = {"payload": quick_reply}
    now = int(time.time() * 1000)
    return {"object": "page", "entry": [{"id": "112233445566778", "time": now, "messaging": [
        {"sender": {"id": psid}, "recipient": {"id": "112233445566778"}, "timestamp": now, "message": message}]}]}


def post_messenger(passerelle, body, secret=MESSENGER_SECRET, header="X-Hub-Signature-256", algorithm="sha256"):
    raw = json.dumps(body).encode() if not isinstance(body, bytes) else body
    digest = hmac.new(secret.encode(), raw, getattr(hashlib, algorithm)).hexdigest()
    headers = {"Content-Type": "application/json", header: f"{algorithm}={digest}"}
    return httpx.post(f"{passerelle['rasa']}/webhooks/facebook/webhook", content=raw, headers=headers, timeout=120)


# --- reading back -------------------------------------------------------------------------------

def telegram_sent(mark, chat_id):
    return [r.json() for r in upstreams["telegram"].since(mark, "/sendMessage") if r.json()["chat_id"] == str(chat_id)]


def twilio_sent(mark, number):
    return [r.form() for r in upstreams["twilio"].since(mark, "/Messages.json") if r.form()["To"] == f"whatsapp:{number}"]


def messenger_sent(mark, psid):
    return [r.json() for r in upstreams["messenger"].since(mark, "/me/messages") if r.json()["recipient"]["id"] == psid]


def user_turns(passerelle, conversation_id):
    events = RasaAPI(passerelle["rasa"], "test-token").events(conversation_id)
    return [e["text"] for e in events if e["event"] == "user"]


def ticket_of(passerelle, conversation_id):
    with new_session(passerelle["url"]) as session:
        return session.scalars(select(TicketRow).where(TicketRow.conversation_id == conversation_id)).one()


def sign_in(staff: httpx.Client) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', staff.get("/staff/login").text).group(1)
    signed = staff.post("/staff/login", data={"username": "yusuf", "password": PASSWORD, "csrf": csrf})
    assert signed.status_code == 303, signed.text[:300]


def staff_reply(passerelle, ticket_id, text):
    """A staff member signs in to the dashboard and replies, over real HTTP."""
    with httpx.Client(base_url=passerelle["web"], timeout=60) as staff:
        sign_in(staff)
        csrf = re.search(r'name="csrf" value="([^"]+)"', staff.get(f"/staff/tickets/{ticket_id}").text).group(1)
        answer = staff.post(f"/staff/tickets/{ticket_id}/reply", data={"text": text, "csrf": csrf})
        assert answer.status_code == 303, answer.text[:500]


def words(text):
    return text.split()


# --- Telegram -----------------------------------------------------------------------------------

def test_telegram_answers_in_the_apps_language_and_cards_as_text(passerelle):
    fake = upstreams["telegram"]
    mark = len(fake.requests)
    assert post_telegram(passerelle, telegram_update("/start", chat_id=2001, language="ar")).status_code == 200
    [greeting] = telegram_sent(mark, 2001)
    assert greeting["text"] == gettext("ar", GREETING) != GREETING
    assert "parse_mode" not in greeting        # plain text: nothing in an answer is read as markup
    assert all(f"/bot{TELEGRAM_TOKEN}/" in r.path for r in fake.requests[mark:])

    mark = len(fake.requests)
    post_telegram(passerelle, telegram_update("Je cherche un incubateur pour créer mon entreprise à Liège",
                                              chat_id=2002, language="fr"))
    sent = telegram_sent(mark, 2002)
    intro = gettext("fr", "Here is what I found for {topic_label} in {place_name}:").split("{")[0]
    assert sent[0]["text"].startswith(intro)
    cards = [m["text"] for m in sent[1:] if gettext("fr", "Source: {sources}").split("{")[0] in m["text"]]
    assert cards and all("Liège" in c.split("\n")[0] for c in cards)
    assert all(len(m["text"]) <= 4096 for m in sent)


def test_telegram_buttons_are_an_inline_keyboard_and_a_press_runs_the_handoff(passerelle):
    fake, chat = upstreams["telegram"], 2003
    mark = len(fake.requests)
    post_telegram(passerelle, telegram_update("Je voudrais parler à une personne s'il vous plaît", chat_id=chat))
    asked = telegram_sent(mark, chat)[-1]
    keyboard = asked["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == [gettext("fr", t) for t in ("Here, in this chat", "By phone",
                                                                                 "By e-mail")]
    assert keyboard[0][0]["callback_data"] == '/inform{"handoff_method": "chat"}'

    mark = len(fake.requests)
    press = telegram_button(keyboard[0][0]["callback_data"], chat)
    assert post_telegram(passerelle, press).status_code == 200
    answered = fake.since(mark, "/answerCallbackQuery")
    assert [r.json()["callback_query_id"] for r in answered] == [press["callback_query"]["id"]]
    [unkeyed] = [r.json() for r in fake.since(mark, "/editMessageReplyMarkup")]
    assert unkeyed == {"chat_id": chat, "message_id": press["callback_query"]["message"]["message_id"],
                       "reply_markup": {"inline_keyboard": []}}
    ticket = ticket_of(passerelle, str(chat))
    assert (ticket.channel, ticket.language, ticket.reach_by) == ("telegram", "fr", "chat")
    assert any(re.search(rf"\b{ticket.id}\b", m["text"]) for m in telegram_sent(mark, chat))

    mark = len(fake.requests)
    staff_reply(passerelle, ticket.id, "Bonjour, je suis Yusuf du point de contact. Que se passe-t-il ?")
    [reply] = telegram_sent(mark, chat)
    assert reply["text"] == (f"{gettext('fr', 'A person from the contact point')}:\n"
                             "Bonjour, je suis Yusuf du point de contact. Que se passe-t-il ?")


def test_telegram_refuses_unsigned_updates_and_runs_each_update_once(passerelle):
    fake, chat = upstreams["telegram"], 2004
    mark = len(fake.requests)
    for secret in (None, "wrong-secret", TELEGRAM_SECRET + "x"):
        answer = post_telegram(passerelle, telegram_update("Bonjour, un incubateur à Liège ?", chat_id=chat), secret)
        assert answer.status_code == 403
    assert fake.since(mark) == [] and user_turns(passerelle, str(chat)) == []

    update = telegram_update("Bonjour !", chat_id=chat)
    assert post_telegram(passerelle, update).status_code == 200
    assert post_telegram(passerelle, update).status_code == 200     # Telegram delivers it again
    assert user_turns(passerelle, str(chat)) == ["Bonjour !"]
    assert len(telegram_sent(mark, chat)) == 1

    assert httpx.post(f"{passerelle['rasa']}/webhooks/telegram/webhook", content=b"{not json",
                      headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}).status_code == 400


def test_telegram_a_photo_gets_a_clear_answer_in_the_persons_language(passerelle):
    mark = len(upstreams["telegram"].requests)
    photo = [{"file_id": "AgACAgQAAxkBAAIB", "file_unique_id": "AQADb7ExG", "width": 90, "height": 67}]
    assert post_telegram(passerelle, telegram_update(None, chat_id=2005, language="es", photo=photo)).status_code == 200
    [said] = telegram_sent(mark, 2005)
    assert said["text"] == gettext("es", "I can only read written messages. Please write your question in words.")
    assert user_turns(passerelle, "2005") == []


def test_telegram_a_rate_limited_answer_is_sent_again_after_the_wait_telegram_asks(passerelle):
    fake = upstreams["telegram"]
    mark = len(fake.requests)
    start = time.monotonic()
    assert post_telegram(passerelle, telegram_update("Bonjour !", chat_id=2006)).status_code == 200
    tries = [r for r in fake.since(mark, "/sendMessage") if r.json()["chat_id"] == "2006"]
    assert len(tries) == 2 and tries[0].body == tries[1].body
    assert time.monotonic() - start >= 1        # retry_after: 1


# --- WhatsApp through Twilio --------------------------------------------------------------------

def test_whatsapp_numbers_the_choices_and_the_number_answers_them(passerelle):
    number = "+32470111222"
    mark = len(upstreams["twilio"].requests)
    assert post_twilio(passerelle, twilio_message("I would like to talk to a person please", number)).status_code == 200
    sent = twilio_sent(mark, number)
    assert all(m["From"] == TWILIO_NUMBER for m in sent)
    assert sent[-1]["Body"].endswith("1. Here, in this chat\n2. By phone\n3. By e-mail\n"
                                     "Reply with the number of your choice.")
    request = upstreams["twilio"].since(mark)[0]
    assert request.path == f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"
    assert request.headers["authorization"] == "Basic " + base64.b64encode(
        f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()

    mark = len(upstreams["twilio"].requests)
    answer = post_twilio(passerelle, twilio_message("1", number))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/xml")
    ticket = ticket_of(passerelle, f"whatsapp:{number}")
    assert (ticket.channel, ticket.reach_by) == ("twilio", "chat")
    assert any(re.search(rf"\b{ticket.id}\b", m["Body"]) for m in twilio_sent(mark, number))

    # The staff member sees the WhatsApp conversation live (its id holds ":" and "+").
    with httpx.Client(base_url=passerelle["web"], timeout=60) as staff:
        sign_in(staff)
        page = html.unescape(staff.get(f"/staff/tickets/{ticket.id}").text)
        assert "I would like to talk to a person please" in page
        # Named as staff know it, with the platform's rule on late replies.
        assert re.search(r"<dd>\s*WhatsApp\s*</dd>", page)
        assert "WhatsApp delivers a reply only within 24 hours of the person's last message." in page

    # A long staff reply arrives whole, in messages within Twilio's 1,600 characters.
    paragraphs = [f"Paragraphe {i} : " + " ".join(["les démarches prennent du temps"] * 12) for i in range(8)]
    long_reply = "\n\n".join(paragraphs)
    assert len(long_reply) > 3000
    mark = len(upstreams["twilio"].requests)
    staff_reply(passerelle, ticket.id, long_reply)
    parts = [m["Body"] for m in twilio_sent(mark, number)]
    assert len(parts) >= 2 and all(len(p) <= 1600 for p in parts)
    assert words(" ".join(parts)) == words(f"{gettext('en', 'A person from the contact point')}:\n{long_reply}")


def test_whatsapp_forget_me_deletes_the_conversation_and_its_ticket(passerelle):
    number = "+32470333444"
    post_twilio(passerelle, twilio_message("I would like to talk to a person please", number))
    post_twilio(passerelle, twilio_message("1", number))
    assert ticket_of(passerelle, f"whatsapp:{number}")
    mark = len(upstreams["twilio"].requests)
    post_twilio(passerelle, twilio_message("Forget me, delete everything I said", number))
    [confirm] = twilio_sent(mark, number)
    assert confirm["Body"].endswith("1. Yes, delete it\n2. No, keep it\nReply with the number of your choice.")
    mark = len(upstreams["twilio"].requests)
    post_twilio(passerelle, twilio_message("1", number))
    assert [m["Body"] for m in twilio_sent(mark, number)] == [render("en", "forgotten")]
    assert user_turns(passerelle, f"whatsapp:{number}") == []
    with new_session(passerelle["url"]) as session:
        assert session.scalars(select(TicketRow).where(TicketRow.conversation_id == f"whatsapp:{number}")).all() == []


def test_whatsapp_refuses_what_twilio_did_not_sign(passerelle):
    number = "+32470999888"
    mark = len(upstreams["twilio"].requests)
    message = twilio_message("I am looking for an incubator in Liège", number)
    refused = [
        post_twilio(passerelle, message, sign=False),
        post_twilio(passerelle, message, token="0" * 32),                       # another account's token
        post_twilio(passerelle, message, signed_url="https://elsewhere.example.org/webhooks/twilio/webhook"),
        post_twilio(passerelle, message, tamper={"Body": "I want to delete everything"}),
    ]
    assert [r.status_code for r in refused] == [403] * 4
    assert upstreams["twilio"].since(mark) == [] and user_turns(passerelle, f"whatsapp:{number}") == []
    assert post_twilio(passerelle, message).status_code == 200
    assert user_turns(passerelle, f"whatsapp:{number}") == [message["Body"]]


# --- Messenger ----------------------------------------------------------------------------------

def test_messenger_subscription_check_answers_only_the_verify_token(passerelle):
    url = f"{passerelle['rasa']}/webhooks/facebook/webhook"
    ok = httpx.get(url, params={"hub.mode": "subscribe", "hub.verify_token": MESSENGER_VERIFY, "hub.challenge": "1158201444"})
    assert (ok.status_code, ok.text) == (200, "1158201444")
    wrong = httpx.get(url, params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1158201444"})
    assert wrong.status_code == 403 and "1158201444" not in wrong.text


def test_messenger_language_comes_from_the_profile_locale_then_the_text(passerelle):
    mark = len(upstreams["messenger"].requests)
    post_messenger(passerelle, messenger_event(FRENCH_PSID, "hello"))
    [greeting] = messenger_sent(mark, FRENCH_PSID)
    assert greeting["message"]["text"] == gettext("fr", GREETING) and greeting["messaging_type"] == "RESPONSE"
    profile = [r for r in upstreams["messenger"].since(mark) if r.method == "GET"]
    assert profile and profile[0].query["fields"] == ["locale"]

    other = "7777777777777777"      # its profile lookup is refused: the text decides
    mark = len(upstreams["messenger"].requests)
    post_messenger(passerelle, messenger_event(other, "hello"))
    assert [m["message"]["text"] for m in messenger_sent(mark, other)] == [GREETING]


def test_messenger_quick_replies_handoff_and_a_staff_reply_tagged_human_agent(passerelle):
    psid = "5555555555555555"
    mark = len(upstreams["messenger"].requests)
    assert post_messenger(passerelle, messenger_event(psid, "I would like to talk to a person please")).status_code == 200
    asked = messenger_sent(mark, psid)[-1]["message"]
    assert [(q["title"], q["payload"]) for q in asked["quick_replies"]] == [
        ("Here, in this chat", '/inform{"handoff_method": "chat"}'), ("By phone", '/inform{"handoff_method": "phone"}'),
        ("By e-mail", '/inform{"handoff_method": "email"}')]

    post_messenger(passerelle, messenger_event(psid, "Here, in this chat", quick_reply=asked["quick_replies"][0]["payload"]))
    ticket = ticket_of(passerelle, psid)
    assert (ticket.channel, ticket.reach_by) == ("facebook", "chat")

    mark = len(upstreams["messenger"].requests)
    staff_reply(passerelle, ticket.id, "Hello, this is Yusuf from the desk.")
    [reply] = messenger_sent(mark, psid)
    assert (reply["messaging_type"], reply["tag"]) == ("MESSAGE_TAG", "HUMAN_AGENT")
    assert reply["message"]["text"] == "A person from the contact point:\nHello, this is Yusuf from the desk."


def test_messenger_titles_too_long_for_quick_replies_are_numbered(passerelle):
    mark = len(upstreams["messenger"].requests)
    post_messenger(passerelle, messenger_event(SPANISH_PSID, "Quisiera hablar con una persona, por favor"))
    asked = messenger_sent(mark, SPANISH_PSID)[-1]["message"]
    titles = [gettext("es", t) for t in ("Here, in this chat", "By phone", "By e-mail")]
    assert max(map(len, titles)) > 20       # "Por correo electrónico"
    assert asked["text"].endswith("\n".join(f"{i}. {t}" for i, t in enumerate(titles, start=1))
                                  + "\n" + gettext("es", "Reply with the number of your choice."))
    assert [(q["title"], q["payload"]) for q in asked["quick_replies"]] == [
        (str(i), f'/inform{{"handoff_method": "{m}"}}') for i, m in enumerate(("chat", "phone", "email"), start=1)]

    # Typed rather than tapped, the number picks the same choice: "by phone" asks for the number.
    mark = len(upstreams["messenger"].requests)
    post_messenger(passerelle, messenger_event(SPANISH_PSID, "2"))
    [ask] = messenger_sent(mark, SPANISH_PSID)
    assert ask["message"]["text"] == gettext("es", "What number or e-mail address should they use? If you would "
                                                   "rather not say, answer \"no\" and they will write to you here.")


def test_messenger_refuses_sha1_or_wrong_signatures_and_runs_each_message_once(passerelle):
    psid = "4444444444444444"
    mark = len(upstreams["messenger"].requests)
    event = messenger_event(psid, "I am looking for a cooperative in Barcelona")
    refused = [post_messenger(passerelle, event, header="X-Hub-Signature", algorithm="sha1"),   # Rasa's only check
               post_messenger(passerelle, event, secret="not-the-app-secret"),
               httpx.post(f"{passerelle['rasa']}/webhooks/facebook/webhook", json=event)]
    assert [r.status_code for r in refused] == [403] * 3
    assert upstreams["messenger"].since(mark) == [] and user_turns(passerelle, psid) == []

    assert post_messenger(passerelle, event).status_code == 200
    assert post_messenger(passerelle, event).status_code == 200      # Messenger delivers it again
    assert user_turns(passerelle, psid) == [event["entry"][0]["messaging"][0]["message"]["text"]]
    assert post_messenger(passerelle, b"not json").status_code == 400

"""The staff dashboard's security and queue, over real HTTP: the web app served by uvicorn on
its own SQLite file, accounts made with the real CLI command. Rasa is not running here, which
is how the "assistant unreachable" path is tested; taking over a live conversation is in
tests/test_staff_handoff.py."""
from __future__ import annotations

import html
import os
import re
import subprocess
import uuid
from datetime import datetime

import httpx
import pytest
from sqlalchemy import select

from bot.db import new_session
from bot.handoff.models import TicketRow
from bot.handoff.tickets import open_ticket
from bot.directory.loader import load
from bot.staff.models import AuditRow, StaffSessionRow
from bot.web.app import create_app
from bot.web.routers.staff.tickets import ACTIONS
from tests.conftest import KB_DIR, SEEDS_DIR, free_port
from tests.servers import python, running

PASSWORD = "correct horse battery"


def add_account(env: dict, username: str, role: str = "staff", password: str = PASSWORD) -> subprocess.CompletedProcess:
    return subprocess.run(python("-m", "bot", "staff", "add", username, "--role", role, "--password-stdin"),
                          input=password + "\n", env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    var = tmp_path_factory.mktemp("staff")
    url = f"sqlite:///{var / 'passerelle.db'}"
    assert not load(url, KB_DIR, SEEDS_DIR).errors   # the directory, for the suggestions
    port = free_port()
    env = {"PASSERELLE_VAR_DIR": str(var), "DATABASE_URL": url, "PASSERELLE_RASA_TOKEN": "test-token",
           # Rasa is not running: a port nobody listens on.
           "PASSERELLE_RASA_PORT": str(free_port()), "PASSERELLE_TIMEZONE": "Europe/Brussels"}
    full_env = {**os.environ, **env}
    assert add_account(full_env, "sam").returncode == 0
    assert add_account(full_env, "ada", "admin").returncode == 0
    command = python("-m", "uvicorn", "bot.web.app:app", "--port", str(port), "--ws", "none", "--proxy-headers")
    with running(command, env, f"http://127.0.0.1:{port}/health"):
        yield {"base": f"http://127.0.0.1:{port}", "url": url, "env": full_env}


def login_form(client: httpx.Client) -> str:
    page = client.get("/staff/login")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def signed_in(web, username: str = "sam", password: str = PASSWORD) -> httpx.Client:
    client = httpx.Client(base_url=web["base"], follow_redirects=False)
    csrf = login_form(client)
    answer = client.post("/staff/login", data={"username": username, "password": password, "csrf": csrf})
    assert answer.status_code == 303 and answer.headers["location"] == "/staff", answer.text[:300]
    return client


def csrf_of(client: httpx.Client, path: str = "/staff") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def ticket(web, **fields) -> int:
    events = [{"event": "user", "text": fields.pop("text", "I need help"), "timestamp": 1.0}]
    values = {"conversation_id": uuid.uuid4().hex, "channel": "socketio", "language": "en", "topic": None,
              "place": None, "urgent": False, "reach_by": "chat", "contact": None, **fields}
    with new_session(web["url"]) as session:
        return open_ticket(session, events=events, **values).id


def test_no_staff_route_answers_without_a_session(web):
    routes = [r for r in create_app().routes if getattr(r, "path", "").startswith("/staff")]
    client = httpx.Client(base_url=web["base"], follow_redirects=False)
    ticket_id = ticket(web, text="secret question")
    probed = set()
    for route in routes:
        if route.path == "/staff/login":
            continue
        for verb in (ACTIONS if "{verb}" in route.path else [None]):
            path = route.path.replace("{ticket_id}", str(ticket_id)).replace("{verb}", verb or "")
            for method in route.methods - {"HEAD"}:
                answer = client.request(method, path, data={"csrf": "x", "text": "hello"})
                probed.add((method, path))
                assert answer.status_code in (303, 401), (method, path, answer.status_code)
                if answer.status_code == 303:
                    assert answer.headers["location"] == "/staff/login"
                assert "secret question" not in answer.text
    assert {("GET", "/staff"), ("GET", f"/staff/tickets/{ticket_id}"), ("POST", f"/staff/tickets/{ticket_id}/reply"),
            ("POST", "/staff/logout")} <= probed and len(probed) >= 9


def test_no_account_without_a_real_password(web):
    short = add_account(web["env"], "newbie", password="short")
    assert short.returncode == 1 and "No account created" in short.stderr
    twice = add_account(web["env"], "sam")
    assert twice.returncode == 1 and "already exists" in twice.stderr
    client = httpx.Client(base_url=web["base"], follow_redirects=False)
    answer = client.post("/staff/login", data={"username": "newbie", "password": "short", "csrf": login_form(client)})
    assert answer.status_code == 401


def test_signing_in_sets_a_safe_session_cookie_and_keeps_no_token_in_the_database(web):
    client = signed_in(web)
    cookie = client.cookies["passerelle_staff"]
    header = next(v for k, v in client.get("/staff/login").request.headers.items() if k == "cookie")
    assert "passerelle_staff" in header
    with new_session(web["url"]) as session:
        assert cookie not in {row.token_hash for row in session.scalars(select(StaffSessionRow))}
    # Over HTTPS (here: a proxy says so) the cookie is Secure too.
    https = httpx.Client(base_url=web["base"], follow_redirects=False, headers={"X-Forwarded-Proto": "https"})
    form = https.get("/staff/login")
    assert "secure" in form.headers["set-cookie"].lower()
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    # (httpx keeps a Secure cookie for https only: the browser's side is played by hand.)
    answer = https.post("/staff/login", data={"username": "sam", "password": PASSWORD, "csrf": csrf},
                        headers={"Cookie": f"passerelle_login_csrf={csrf}"})
    flags = answer.headers["set-cookie"].lower()
    assert "httponly" in flags and "samesite=strict" in flags and "secure" in flags and "path=/staff" in flags


def test_the_session_cookie_is_not_secure_over_plain_http_but_httponly_and_strict(web):
    client = httpx.Client(base_url=web["base"], follow_redirects=False)
    answer = client.post("/staff/login", data={"username": "sam", "password": PASSWORD, "csrf": login_form(client)})
    flags = answer.headers["set-cookie"].lower()
    assert "httponly" in flags and "samesite=strict" in flags and "secure" not in flags


def test_failed_sign_ins_are_limited_and_audited(web):
    add_account(web["env"], "mallory-target")
    client = httpx.Client(base_url=web["base"], follow_redirects=False)
    for _ in range(5):
        wrong = client.post("/staff/login", data={"username": "mallory-target", "password": "guess-guess-guess",
                                                  "csrf": login_form(client)})
        assert wrong.status_code == 401
    # Now even the right password is refused for a while.
    locked = client.post("/staff/login", data={"username": "mallory-target", "password": PASSWORD,
                                               "csrf": login_form(client)})
    assert locked.status_code == 429
    with new_session(web["url"]) as session:
        actions = [a.action for a in session.scalars(select(AuditRow).where(AuditRow.actor == "mallory-target"))]
    assert actions.count("login_failed") == 5 and "login_ok" not in actions


def test_every_form_needs_its_csrf_token(web):
    client = signed_in(web)
    ticket_id = ticket(web)
    assert client.post(f"/staff/tickets/{ticket_id}/note", data={"text": "hi"}).status_code == 403
    assert client.post(f"/staff/tickets/{ticket_id}/note", data={"text": "hi", "csrf": "forged"}).status_code == 403
    assert client.post("/staff/logout", data={}).status_code == 403
    fresh = httpx.Client(base_url=web["base"], follow_redirects=False)
    assert fresh.post("/staff/login", data={"username": "sam", "password": PASSWORD, "csrf": "x"}).status_code == 403
    # With the token, it works.
    ok = client.post(f"/staff/tickets/{ticket_id}/note", data={"text": "called back", "csrf": csrf_of(client)})
    assert ok.status_code == 303
    assert "called back" in client.get(f"/staff/tickets/{ticket_id}").text


def test_the_queue_puts_urgent_first_and_filters(web):
    client = signed_in(web)
    calm = ticket(web, language="fr", topic="incubator", place="city:liege")
    urgent = ticket(web, language="ar", topic="exploitation", place="city:liege", urgent=True)
    page = client.get("/staff").text
    order = [int(i) for i in re.findall(r'class="ticket" data-id="(\d+)"', page)]
    assert order.index(urgent) < order.index(calm)
    arabic = client.get("/staff", params={"language": "ar"}).text
    ids = {int(i) for i in re.findall(r'class="ticket" data-id="(\d+)"', arabic)}
    assert urgent in ids and calm not in ids
    only_urgent = client.get("/staff", params={"urgent": "yes"}).text
    assert all(int(i) != calm for i in re.findall(r'class="ticket" data-id="(\d+)"', only_urgent))


def test_what_people_wrote_is_shown_as_text(web):
    client = signed_in(web)
    ticket_id = ticket(web, text='<script>alert("x")</script><img src=x onerror=alert(1)>')
    page = client.get(f"/staff/tickets/{ticket_id}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_when_the_assistant_is_unreachable_nothing_changes_and_it_is_said(web):
    client = signed_in(web)
    ticket_id = ticket(web)
    answer = client.post(f"/staff/tickets/{ticket_id}/take", data={"csrf": csrf_of(client)})
    assert answer.status_code == 503 and 'role="alert"' in answer.text
    with new_session(web["url"]) as session:
        row = session.get(TicketRow, ticket_id)
        assert not row.held and row.assignee is None
        assert not session.scalars(select(AuditRow).where(AuditRow.target == f"ticket:{ticket_id}",
                                                          AuditRow.action == "ticket_take")).all()


def test_signing_out_ends_the_session(web):
    client = signed_in(web)
    old = client.cookies["passerelle_staff"]
    assert client.post("/staff/logout", data={"csrf": csrf_of(client)}).status_code == 303
    stale = httpx.Client(base_url=web["base"], follow_redirects=False, cookies={"passerelle_staff": old})
    assert stale.get("/staff").status_code == 303


def test_the_dashboard_speaks_french(web):
    client = signed_in(web)
    assert client.post("/staff/language", data={"lang": "fr", "csrf": csrf_of(client)}).status_code == 303
    page = html.unescape(client.get("/staff").text)
    assert '<html lang="fr"' in page and "File d'attente" in page


def test_times_are_shown_in_the_desks_time_zone(web):
    ticket_id = ticket(web, text="winter question")
    with new_session(web["url"]) as session:
        row = session.get(TicketRow, ticket_id)
        row.created_at = datetime(2026, 1, 15, 9, 30)          # stored in UTC
        session.commit()
    page = html.unescape(signed_in(web).get("/staff").text)
    row_html = re.search(rf'<tr class="ticket[^"]*" data-id="{ticket_id}".*?</tr>', page, re.S).group(0)
    assert "1/15/26, 10:30\u202fAM CET" in row_html or "1/15/26, 10:30 AM CET" in row_html, row_html


def test_an_unknown_time_zone_stops_the_web_app_with_a_clear_message(web):
    env = {**web["env"], "PASSERELLE_TIMEZONE": "Europe/Bruxelles"}
    done = subprocess.run(python("-c", "import bot.web.app"), env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "PASSERELLE_TIMEZONE='Europe/Bruxelles' is not a time zone" in done.stderr


def test_a_ticket_comes_with_the_entries_and_contact_point_that_answer_it(web):
    client = signed_in(web)
    ticket_id = ticket(web, topic="incubator", place="city:liege")
    page = html.unescape(client.get(f"/staff/tickets/{ticket_id}").text)
    with new_session(web["url"]) as session:
        from bot.directory.search import Query, search
        from bot.topics import topic_tags
        expected = [h.entry.name for h in search(session, Query(city="liege", any_tags=topic_tags("incubator"), limit=5)).hits]
    assert expected and all(name in page for name in expected)
    assert 'class="contact-point"' in page


def test_triage_says_so_when_the_assistant_is_unreachable(web):
    client = signed_in(web)
    answer = client.post("/staff/triage", data={"text": "un incubateur à Liège", "csrf": csrf_of(client, "/staff/triage")})
    assert answer.status_code == 503 and 'role="alert"' in answer.text

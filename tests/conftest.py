"""Shared fixtures: the real directory loaded into a real SQLite file, and into a fresh
PostgreSQL database where a server is reachable on 127.0.0.1:5432."""
from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

from bot.settings import ROOT, load_settings

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

KB_DIR = ROOT / "data" / "kb"
SEEDS_DIR = load_settings().seeds_dir
PG_ADMIN_URL = os.environ.get("PASSERELLE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_reachable() -> bool:
    try:
        import psycopg2

        psycopg2.connect(PG_ADMIN_URL, connect_timeout=3).close()
        return True
    except Exception:
        return False


POSTGRES = _postgres_reachable()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'passerelle.db'}"


def _admin(statement: str) -> None:
    import psycopg2

    admin = psycopg2.connect(PG_ADMIN_URL)
    admin.autocommit = True
    try:
        admin.cursor().execute(statement)
    finally:
        admin.close()


def create_pg_database() -> str:
    """A fresh, empty PostgreSQL database for one test (or module); skips without a server."""
    if not POSTGRES:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    name = f"passerelle_test_{uuid.uuid4().hex[:10]}"
    _admin(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def drop_pg_database(url: str) -> None:
    from bot.db import get_engine

    get_engine(url).dispose()
    _admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


@pytest.fixture
def postgresql_url():
    url = create_pg_database()
    yield url
    drop_pg_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture(scope="session")
def loaded_sqlite(tmp_path_factory) -> str:
    """The real directory in a SQLite file, loaded once for the read-only tests."""
    from bot.directory.loader import load

    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'passerelle.db'}"
    report = load(url, KB_DIR, SEEDS_DIR)
    assert not report.errors, report.errors
    return url


@pytest.fixture
def session(loaded_sqlite):
    from bot.db import new_session

    with new_session(loaded_sqlite) as s:
        yield s


CHROMIUM = os.environ.get("PASSERELLE_CHROMIUM", "/usr/bin/chromium")
# Flags for a sandboxed, offline machine: no first-run, no background calls to any service.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


@pytest.fixture(scope="session")
def widget_passerelle(tmp_path_factory):
    """Passerelle as scripts/run.sh starts it, on SQLite, with browsers reaching Rasa's socket.io
    through a TCP relay that a test can cut (tests/tcp_proxy.py)."""
    from tests.servers import start_passerelle, stop_passerelle
    from tests.tcp_proxy import TcpProxy

    var = tmp_path_factory.mktemp("widget")
    relay_port = free_port()
    handle = start_passerelle(var, f"sqlite:///{var / 'passerelle.db'}",
                              {"PASSERELLE_PUBLIC_RASA_URL": f"http://127.0.0.1:{relay_port}"})
    relay = TcpProxy(relay_port, handle["ports"]["RASA"]).start()
    handle.update(relay=relay, web=f"http://127.0.0.1:{handle['ports']['WEB']}",
                  rasa=f"http://127.0.0.1:{handle['ports']['RASA']}")
    yield handle
    relay.stop()
    stop_passerelle(handle)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (scripts/test.sh installs it; nothing is downloaded).
    Per module: Playwright's sync API keeps an event loop set while it runs, which the async
    tests of later modules could not start theirs beside."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

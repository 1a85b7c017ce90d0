"""The production configuration beyond one machine: two Rasa replicas sharing PostgreSQL (the
directory, tickets and Rasa's tracker store) and Redis (Rasa's lock store), as docs/architecture.md
describes. Messages of one conversation sent to both replicas at once are run one at a time:
none is lost and each is answered before the next is read."""
from __future__ import annotations

import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import httpx
import pytest

from bot.launcher import child_environment, services
from bot.model_cache import model_path
from bot.settings import load_settings
from tests.conftest import create_pg_database, drop_pg_database, free_port
from tests.servers import running, start_passerelle, stop_passerelle

pytestmark = pytest.mark.integration

REDIS_DB = 7
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"


def _redis():
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_timeout=3)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return client


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    """Passerelle as scripts/run.sh starts it on PostgreSQL and Redis, plus a second Rasa server
    started as the launcher starts its own, on the same database, lock store and action server."""
    redis = _redis()
    database = create_pg_database()
    var = tmp_path_factory.mktemp("scale")
    first = start_passerelle(var, database, {"PASSERELLE_LOCK_STORE_URL": REDIS_URL})
    overrides = {"DATABASE_URL": database, "PASSERELLE_LOCK_STORE_URL": REDIS_URL, "PASSERELLE_VAR_DIR": str(var),
                 "PASSERELLE_RASA_TOKEN": "test-token", "PASSERELLE_RASA_PORT": str(free_port()),
                 "PASSERELLE_ACTIONS_PORT": str(first["ports"]["ACTIONS"])}
    with mock.patch.dict(os.environ, overrides):
        settings = load_settings()
        rasa = next(s for s in services(settings, model_path(settings.model_dir)) if s.name == "Rasa server")
        env = child_environment(settings)
    try:
        with running(rasa.command, env, rasa.health_url, timeout=300):
            yield {"rasa": [f"http://127.0.0.1:{first['ports']['RASA']}", settings.rasa_url], "redis": redis}
    finally:
        stop_passerelle(first)
        drop_pg_database(database)


def test_one_conversation_on_two_replicas_runs_one_message_at_a_time(replicas):
    conversation = uuid.uuid4().hex
    texts = [f"{word} {i}" for i, word in enumerate(["hello", "thank you"] * 5)]

    # Every command the replicas send to Redis while they run the messages.
    commands, stop = [], threading.Event()

    def watch():
        with replicas["redis"].monitor() as monitor:
            for command in monitor.listen():
                commands.append(command["command"])
                if stop.is_set():
                    return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()

    def send(i: int) -> list:
        url = replicas["rasa"][i % 2] + "/webhooks/rest/webhook"
        answer = httpx.post(url, json={"sender": conversation, "message": texts[i]}, timeout=180)
        answer.raise_for_status()
        return answer.json()

    with ThreadPoolExecutor(len(texts)) as pool:
        answers = list(pool.map(send, range(len(texts))))
    stop.set()
    replicas["redis"].ping()      # one more command, so that the watcher sees `stop`
    watcher.join(timeout=10)

    assert all(answers), "every message is answered"
    events = httpx.get(f"{replicas['rasa'][0]}/conversations/{conversation}/tracker",
                       params={"token": "test-token"}, timeout=60).json()["events"]
    said = [e for e in events if e["event"] in ("user", "bot")]
    assert sorted(e["text"] for e in said if e["event"] == "user") == sorted(texts), "none lost, none doubled"
    # One at a time: each message is answered before the next one is read.
    kinds = [e["event"] for e in said]
    assert kinds[0] == "user" and all(not (a == b == "user") for a, b in zip(kinds, kinds[1:])), kinds
    # And it is Redis that kept them apart: both replicas took the conversation's lock there.
    assert any(conversation in c and "lock" in c for c in commands), commands[:20]

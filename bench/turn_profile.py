"""Where the time of a turn goes: Rasa's message processor in this process, with the real action
server, tracker store (SQLite), NLG and model, each stage timed by wrapping Rasa's own methods.

    .venv/bin/python bench/turn_profile.py [CONVERSATIONS]     # default 30

Stages (wall time, summed per turn; "action server" is the HTTP round trip of the custom actions,
including the slot-mapping action_resolve_language that runs on every turn):
  tracker load, NLU, slot extraction (its custom action included), policies, action server,
  NLG, tracker save (stages overlap where one calls another; the whole turn is given too).
Writes bench/results/turn_profile.json and prints the mean milliseconds per turn of each stage.
"""
from __future__ import annotations

import asyncio
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "bench"))
from turn_cost import PASSERELLE_CONVERSATIONS  # noqa: E402
from tests.conftest import free_port  # noqa: E402
from tests.servers import wait_until_answers  # noqa: E402

OUT = ROOT / "bench" / "results" / "turn_profile.json"
spent: dict = defaultdict(float)


def timed(owner, name: str, stage: str) -> None:
    original = getattr(owner, name)
    if asyncio.iscoroutinefunction(original):
        @functools.wraps(original)
        async def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - started
    else:
        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - started
    setattr(owner, name, wrapper)


async def run(conversations: int) -> dict:
    import bot  # noqa: F401
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.processor import MessageProcessor
    from rasa.core.utils import AvailableEndpoints

    from bot import rasa_patches
    from bot.directory.loader import load
    from bot.i18n.nlg import PasserelleNLG
    from bot.model_cache import ensure_model
    from bot.settings import load_settings
    from bot.tracker_store import ForgetfulSQLTrackerStore

    rasa_patches.apply()   # as bot/rasa_server.py does
    settings = load_settings()
    var = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    database = f"sqlite:///{var / 'passerelle.db'}"
    load(database, settings.kb_dir, settings.seeds_dir)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database, "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{port}/webhook",
           "LOCK_STORE_URL": "", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "ACTION_ENDPOINT_URL", "LOCK_STORE_URL")})
    actions = subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/health", actions)
        endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
        agent = await load_agent(str(ensure_model(settings.model_dir)), endpoints=endpoints)
        timed(ForgetfulSQLTrackerStore, "retrieve", "tracker load")
        timed(ForgetfulSQLTrackerStore, "save", "tracker save")
        timed(MessageProcessor, "parse_message", "NLU")
        timed(MessageProcessor, "run_action_extract_slots", "slot extraction")
        timed(MessageProcessor, "_predict_next_with_tracker", "policies")
        timed(RemoteAction, "run", "action server")
        timed(PasserelleNLG, "generate", "NLG")
        turns, total = 0, 0.0
        for i in range(conversations + 2):
            for text in PASSERELLE_CONVERSATIONS[i % len(PASSERELLE_CONVERSATIONS)]:
                if i == 2 and not turns:   # the first two conversations warm up
                    spent.clear()
                    total = 0.0
                started = time.perf_counter()
                await agent.handle_message(UserMessage(text, CollectingOutputChannel(), f"profile-{i}"))
                total += time.perf_counter() - started
                turns += i >= 2
    finally:
        actions.terminate()
        actions.wait(timeout=30)
    per_turn = {stage: round(1000 * seconds / turns, 1) for stage, seconds in spent.items()}
    per_turn["whole turn"] = round(1000 * total / turns, 1)
    return {"turns": turns, "ms_per_turn": per_turn,
            "note": "stages overlap: 'action server' counts every custom action's HTTP round trip, "
                    "including action_resolve_language's inside 'slot extraction'"}


if __name__ == "__main__":
    result = asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    for stage, ms in sorted(result["ms_per_turn"].items(), key=lambda kv: -kv[1]):
        print(f"{ms:8.1f} ms  {stage}")
    print(f"over {result['turns']} turns; written to {OUT.relative_to(ROOT)}")

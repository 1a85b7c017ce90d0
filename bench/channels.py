"""Messaging channels benchmark: how long a signed webhook takes to be answered upstream, and
how many messages a second Passerelle runs when many people write at once.

    .venv/bin/python bench/channels.py

Starts Passerelle as scripts/run.sh does (SQLite), with Telegram's, Twilio's and Messenger's
APIs replaced by the tests' recording fakes on loopback. A webhook returns once the turn has run
and its answers were sent upstream, so its round trip is the whole turn. For each platform: the
median and 95th percentile of 30 turns one after the other, then 8 conversations writing at once
(5 turns each). Writes bench/results/channels.json.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import test_channels as channels  # noqa: E402
from tests.fake_upstream import FakeUpstream  # noqa: E402
from tests.servers import start_passerelle, stop_passerelle  # noqa: E402

QUESTIONS = ["Je cherche un incubateur à Liège", "I need a one-stop shop in Brussels",
             "¿Hay cooperativas que contraten en Barcelona?", "Bonjour", "Thank you"]
SEQUENTIAL = 30
PARALLEL, EACH = 8, 5


def post(passerelle, platform: str, conversation: int, text: str) -> float:
    start = time.perf_counter()
    if platform == "telegram":
        answer = channels.post_telegram(passerelle, channels.telegram_update(text, chat_id=conversation))
    elif platform == "twilio":
        answer = channels.post_twilio(passerelle, channels.twilio_message(text, f"+3247{conversation:07d}"))
    else:
        answer = channels.post_messenger(passerelle, channels.messenger_event(str(conversation), text))
    assert answer.status_code == 200, answer.text
    return time.perf_counter() - start


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    channels.upstreams.update(telegram=FakeUpstream(channels.telegram_api).start(),
                              twilio=FakeUpstream(channels.twilio_api).start(),
                              messenger=FakeUpstream(channels.messenger_api).start())
    var = Path(tempfile.mkdtemp(prefix="bench-channels-"))
    passerelle = start_passerelle(var, f"sqlite:///{var / 'passerelle.db'}", channels.channel_env())
    passerelle["rasa"] = f"http://127.0.0.1:{passerelle['ports']['RASA']}"
    results = {}
    try:
        for platform in ("telegram", "twilio", "messenger"):
            base = {"telegram": 300000, "twilio": 400000, "messenger": 500000}[platform]
            post(passerelle, platform, base, "hello")                    # warm up
            times = [post(passerelle, platform, base + 1 + i % 10, QUESTIONS[i % len(QUESTIONS)])
                     for i in range(SEQUENTIAL)]
            start = time.perf_counter()
            with ThreadPoolExecutor(PARALLEL) as pool:
                list(pool.map(lambda n: [post(passerelle, platform, base + 100 + n, QUESTIONS[k % len(QUESTIONS)])
                                         for k in range(EACH)], range(PARALLEL)))
            elapsed = time.perf_counter() - start
            results[platform] = {"turn_median_ms": round(statistics.median(times) * 1000),
                                 "turn_p95_ms": round(percentile(times, 0.95) * 1000),
                                 "parallel_conversations": PARALLEL,
                                 "parallel_messages_per_s": round(PARALLEL * EACH / elapsed, 1)}
            print(platform, results[platform], flush=True)
    finally:
        stop_passerelle(passerelle)
        for fake in channels.upstreams.values():
            fake.stop()
    results["setup"] = ("python -m bot run on SQLite, 2 cores; upstream APIs are loopback fakes; "
                        f"{SEQUENTIAL} sequential turns, then {PARALLEL} conversations x {EACH} turns at once")
    out = ROOT / "bench" / "results" / "channels.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"-> {out}")


if __name__ == "__main__":
    main()

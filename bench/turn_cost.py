"""What one REST turn costs, against a bare Rasa moodbot on the same machine, measured interleaved
(Passerelle, moodbot, Passerelle, moodbot...) in one run so that both see the same load.

    .venv/bin/python bench/turn_cost.py [TURNS]     # default 80 turns each

The moodbot is what `rasa init` makes, trained in a scratch folder (kept in bench/.moodbot, which
git ignores, so later runs reuse it). Passerelle runs as scripts/run.sh starts it (SQLite, its own
scratch database). Each side plays short conversations in every language (Passerelle: a greeting,
a question about a place, a follow-up, thanks; moodbot: its own story). Reports, per side, the
median and 95th percentile of a turn, their ratios, and the resident memory of each Rasa server
after loading its model and after the run. Writes bench/results/turn_cost.json.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import free_port  # noqa: E402
from tests.servers import start_passerelle, stop_passerelle, wait_until_answers  # noqa: E402

OUT = ROOT / "bench" / "results" / "turn_cost.json"
MOODBOT = ROOT / "bench" / ".moodbot"
PASSERELLE_CONVERSATIONS = [
    ["Bonjour", "je cherche un incubateur à Liège", "et à Bruxelles ?", "merci beaucoup"],
    ["hello", "I need a one-stop shop in Brussels", "what about Ghent?", "thanks"],
    ["hola", "¿Hay cooperativas que contraten en Barcelona?", "gracias"],
    ["hallo", "ik zoek een mentor in Antwerpen", "dank je"],
    ["ciao", "cerco un corso di italiano a Prato", "grazie"],
    ["مرحبا", "أبحث عن سكن في بروكسل", "شكرا"],
]
MOODBOT_CONVERSATION = ["hello", "I am very sad", "yes it did", "bye"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024)
    return 0.0


def rasa_pid(parent: int, marker: str) -> int:
    """The process under `parent` whose command line contains `marker`."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                stat = (entry / "stat").read_text().split()
            except OSError:
                continue
            if marker in cmd and int(stat[3]) == parent:
                return int(entry.name)
    raise LookupError(marker)


def moodbot(python: str) -> Path:
    if not (MOODBOT / "models").is_dir() or not any((MOODBOT / "models").glob("*.tar.gz")):
        MOODBOT.mkdir(parents=True, exist_ok=True)
        subprocess.run([python, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(MOODBOT)],
                       cwd=MOODBOT, check=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    return MOODBOT


def turns(conversations, count: int, prefix: str):
    """`count` (sender, text) turns, conversation after conversation, each with its own sender."""
    out, n = [], 0
    while len(out) < count:
        for conversation in conversations:
            n += 1
            out += [(f"{prefix}-{n}", text) for text in conversation]
    return out[:count]


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed_turn(client: httpx.Client, url: str, sender: str, text: str) -> float:
    started = time.perf_counter()
    answer = client.post(url, json={"sender": sender, "message": text}, timeout=60)
    elapsed = time.perf_counter() - started
    answer.raise_for_status()
    if not answer.json():
        raise RuntimeError(f"no answer to {text!r}")
    return elapsed


def main(count: int = 80) -> dict:
    python = sys.executable
    mood_dir = moodbot(python)
    mood_port = free_port()
    mood = subprocess.Popen([python, "-m", "rasa", "run", "--port", str(mood_port), "--interface", "127.0.0.1"],
                            cwd=mood_dir, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    var = Path(tempfile.mkdtemp(prefix="bench-turn-"))
    passerelle = start_passerelle(var, f"sqlite:///{var / 'passerelle.db'}")
    try:
        wait_until_answers(f"http://127.0.0.1:{mood_port}/", mood, timeout=300)
        urls = {"passerelle": f"http://127.0.0.1:{passerelle['ports']['RASA']}/webhooks/rest/webhook",
                "moodbot": f"http://127.0.0.1:{mood_port}/webhooks/rest/webhook"}
        pids = {"passerelle": rasa_pid(passerelle["process"].pid, "bot.rasa_server"), "moodbot": mood.pid}
        memory = {side: {"after_load_mb": rss_mb(pid)} for side, pid in pids.items()}
        plays = {"passerelle": turns(PASSERELLE_CONVERSATIONS, count, "bench"),
                 "moodbot": turns([MOODBOT_CONVERSATION], count, "bench")}
        times = {side: [] for side in urls}
        with httpx.Client() as client:
            for side in urls:   # warm up: first turns load lazily
                for sender, text in turns(PASSERELLE_CONVERSATIONS if side == "passerelle" else [MOODBOT_CONVERSATION],
                                          8, "warm"):
                    timed_turn(client, urls[side], sender, text)
            for i in range(count):
                for side in urls:
                    sender, text = plays[side][i]
                    times[side].append(timed_turn(client, urls[side], sender, text))
        for side, pid in pids.items():
            memory[side]["after_run_mb"] = rss_mb(pid)
    finally:
        stop_passerelle(passerelle)
        os.killpg(mood.pid, signal.SIGTERM)
        mood.wait(timeout=30)
    result = {"turns_each": count}
    for side, values in times.items():
        result[side] = {"p50_ms": round(1000 * percentile(values, 0.5), 1),
                        "p95_ms": round(1000 * percentile(values, 0.95), 1), **memory[side]}
    result["ratio_p50"] = round(result["passerelle"]["p50_ms"] / result["moodbot"]["p50_ms"], 2)
    result["ratio_p95"] = round(result["passerelle"]["p95_ms"] / result["moodbot"]["p95_ms"], 2)
    return result


if __name__ == "__main__":
    figures = main(int(sys.argv[1]) if len(sys.argv) > 1 else 80)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2) + "\n")
    for side in ("passerelle", "moodbot"):
        f = figures[side]
        print(f"{side:11} p50 {f['p50_ms']:7} ms  p95 {f['p95_ms']:7} ms  "
              f"memory after load {f['after_load_mb']} MB, after the run {f['after_run_mb']} MB")
    print(f"ratio       p50 {figures['ratio_p50']}  p95 {figures['ratio_p95']}")
    print(f"written to {OUT.relative_to(ROOT)}")

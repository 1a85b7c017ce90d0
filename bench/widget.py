"""Widget benchmark: its size, and how soon its bubble shows on a slow phone.

    .venv/bin/python bench/widget.py

Starts the web app alone (the bubble needs no Rasa), opens the demo page in Debian's Chromium
with a phone-sized window, the CPU slowed 4 times and a slow 3G network (400 ms round trip,
400 kbit/s down, 400 kbit/s up, through Chromium's DevTools protocol), with an empty cache each
time, and measures when the bubble is on screen with its label (its strings loaded). Writes the
median of 5 runs, and the bytes on the wire, to bench/results/widget.json.
"""
from __future__ import annotations

import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

RUNS = 5
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8}
CPU_SLOWDOWN = 4
BUILT = ROOT / "bot" / "widget" / "dist" / "passerelle.js"
CHROMIUM = os.environ.get("PASSERELLE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
BUBBLE_SHOWN = ("() => { const host = document.getElementById('passerelle-widget');"
                " const b = host && host.shadowRoot.querySelector('.pw-launcher');"
                " return b && b.getAttribute('aria-label') && b.getBoundingClientRect().width > 0; }")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_load(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    wire = {}
    cdp.on("Network.responseReceived", lambda e: wire.setdefault(e["requestId"], {"url": e["response"]["url"]}))
    cdp.on("Network.loadingFinished",
           lambda e: wire.get(e["requestId"], {}).update(bytes=e["encodedDataLength"]))
    page.goto(url, wait_until="commit")
    page.wait_for_function(BUBBLE_SHOWN, polling=20, timeout=60_000)
    shown_ms = page.evaluate("() => performance.now()")
    page.wait_for_load_state("load")
    context.close()
    return {"bubble_ms": shown_ms, "requests": {v["url"].split("/", 3)[-1]: v.get("bytes", 0) for v in wire.values()}}


def main() -> None:
    port = free_port()
    var = tempfile.mkdtemp()
    env = {**os.environ, "PASSERELLE_VAR_DIR": var, "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "bot.web.app:app", "--port", str(port), "--ws", "none",
                               "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            loads = [one_load(browser, f"{base}/?lang=ar") for _ in range(RUNS)]
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    raw = BUILT.read_bytes()
    results = {
        "widget_bytes": len(raw),
        "widget_bytes_gzipped": len(gzip.compress(raw, compresslevel=9)),
        "budget_bytes_gzipped": 80 * 1024,
        "conditions": {"viewport": "360x740", "cpu_slowdown": CPU_SLOWDOWN, "network": "400 ms RTT, 400 kbit/s",
                       "cache": "empty", "runs": RUNS},
        "bubble_shown_ms": {"median": round(statistics.median(r["bubble_ms"] for r in loads)),
                            "max": round(max(r["bubble_ms"] for r in loads))},
        "bytes_on_the_wire": loads[0]["requests"],
    }
    out = ROOT / "bench" / "results" / "widget.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()

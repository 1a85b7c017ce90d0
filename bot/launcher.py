"""`python -m bot run`: load the directory, make sure a trained model exists, start the Rasa
server, the action server and the web app, wait until all three answer, and supervise them.

Ctrl-C (or SIGTERM) stops all three; if one dies, it is reported and the others are stopped,
so nothing is left running half-broken.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from bot.settings import ROOT, Settings

READY_TIMEOUT_S = float(os.environ.get("PASSERELLE_READY_TIMEOUT", "600"))


@dataclass
class Service:
    name: str
    command: List[str]
    health_url: str
    process: Optional[subprocess.Popen] = None


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def services(settings: Settings, model: Path) -> List[Service]:
    bin_dir = Path(sys.executable).parent
    token = settings.rasa_token()
    return [
        Service("action server", [str(bin_dir / "python"), "-m", "rasa_sdk", "--actions", "actions",
                                  "--port", str(settings.actions_port)],
                f"http://{settings.host}:{settings.actions_port}/health"),
        # The token reaches Rasa through its environment (child_environment), not its command line.
        Service("Rasa server", [str(bin_dir / "python"), "-m", "bot.rasa_server", "--model", str(model),
                                "--enable-api", "--interface", settings.host,
                                "--port", str(settings.rasa_port), "--endpoints", "endpoints.yml",
                                "--credentials", str(CREDENTIALS), "--cors", "*"],
                # /status answers only once the model is loaded, and only with the token.
                f"{settings.rasa_url}/status?token={token}"),
        Service("web app", [str(bin_dir / "python"), "-m", "uvicorn", "bot.web.app:app", "--host", settings.host,
                            "--port", str(settings.web_port), "--ws", "none"],
                f"http://{settings.host}:{settings.web_port}/health"),
    ]


CREDENTIALS = ROOT / "credentials.yml"


def credential_variables(path: Path = CREDENTIALS) -> List[str]:
    """The environment variables credentials.yml reads (`${NAME}`)."""
    return sorted(set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", path.read_text(encoding="utf-8"))))


def child_environment(settings: Settings) -> Dict[str, str]:
    # Rasa refuses to start on a ${VARIABLE} that is not set; an unset channel secret means
    # "this channel is off" here, so it is given as "".
    env = {**{name: "" for name in credential_variables()}, **os.environ}
    env.update(DATABASE_URL=settings.database_url, ACTION_ENDPOINT_URL=settings.actions_url,
               LOCK_STORE_URL=settings.lock_store_url, PASSERELLE_RASA_TOKEN=settings.rasa_token(),
               PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
               SQLALCHEMY_SILENCE_UBER_WARNING="1")
    return env


def stop(running: List[Service]) -> None:
    for service in running:
        if service.process and service.process.poll() is None:
            os.killpg(service.process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for service in running:
        if service.process:
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(service.process.pid, signal.SIGKILL)
                service.process.wait()


def _dead(running: List[Service]) -> Optional[Service]:
    return next((s for s in running if s.process and s.process.poll() is not None), None)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run(settings: Settings) -> int:
    from bot.directory.loader import load
    from bot.model_cache import ensure_model

    report = load(settings.database_url, settings.kb_dir, settings.seeds_dir)
    if report.errors:
        print("\n".join(report.errors), file=sys.stderr)
        print("The directory has errors: nothing started.", file=sys.stderr)
        return 1
    entries = report.counts.get("entries", {})
    print(f"Directory loaded: {sum(entries.values()) - entries.get('removed', 0)} entries.", flush=True)
    model = ensure_model(settings.model_dir)

    # SIGTERM is handled like Ctrl-C so that a supervisor (or a test) stops everything cleanly;
    # SIGINT is set explicitly because a shell starts background jobs with it ignored.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    running = services(settings, model)
    env = child_environment(settings)
    try:
        for service in running:
            service.process = subprocess.Popen(service.command, cwd=ROOT, env=env, start_new_session=True)
        deadline = time.monotonic() + READY_TIMEOUT_S
        waiting = list(running)
        while waiting:
            dead = _dead(running)
            if dead:
                print(f"{dead.name} exited with code {dead.process.returncode} while starting.", file=sys.stderr)
                return 1
            if time.monotonic() > deadline:
                print(f"Timed out waiting for: {', '.join(s.name for s in waiting)}", file=sys.stderr)
                return 1
            waiting = [s for s in waiting if not _answers(s.health_url)]
            time.sleep(0.5)
        print(f"Passerelle is ready.\n"
              f"  Web app and directory API: http://{settings.host}:{settings.web_port}/  (API docs: /docs)\n"
              f"  Rasa server (REST, socket.io): {settings.rasa_url}  (HTTP API token in var/rasa_token)\n"
              f"  Action server: http://{settings.host}:{settings.actions_port}\n"
              f"Press Ctrl-C to stop.", flush=True)
        while True:
            dead = _dead(running)
            if dead:
                print(f"{dead.name} stopped unexpectedly (exit code {dead.process.returncode}); "
                      f"stopping the others.", file=sys.stderr)
                return 1
            time.sleep(1)
    except KeyboardInterrupt:
        print("Stopping Passerelle...", flush=True)
        return 0
    finally:
        stop(running)

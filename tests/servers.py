"""Starting real servers for tests, and waiting until they answer."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import httpx
import pytest

from bot.settings import ROOT


def wait_until_answers(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


@contextmanager
def running(command: List[str], env: Dict[str, str], health_url: str, timeout: float = 120) -> Iterator[subprocess.Popen]:
    full_env = {**os.environ, "SQLALCHEMY_SILENCE_UBER_WARNING": "1", **env}
    process = subprocess.Popen(command, cwd=ROOT, env=full_env, start_new_session=True)
    try:
        wait_until_answers(health_url, process, timeout)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def python(*args: str) -> List[str]:
    return [sys.executable, *args]


def start_passerelle(var: Path, database_url: str, extra_env: Optional[Dict[str, str]] = None) -> dict:
    """`python -m bot run` (what scripts/run.sh starts) on free ports and its own database;
    returns once it says it is ready: {"ports", "process", "log", "url"}."""
    from tests.conftest import free_port

    ports = {name: free_port() for name in ("RASA", "ACTIONS", "WEB")}
    env = {**os.environ, "PASSERELLE_VAR_DIR": str(var), "DATABASE_URL": database_url,
           "PASSERELLE_RASA_TOKEN": "test-token", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
           **{f"PASSERELLE_{name}_PORT": str(port) for name, port in ports.items()}, **(extra_env or {})}
    log_path = var / "run.log"
    log = open(log_path, "w+")
    process = subprocess.Popen(python("-m", "bot", "run"), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 600
    while "Passerelle is ready" not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("Passerelle did not start:\n" + log_path.read_text()[-5000:])
        time.sleep(1)
    return {"ports": ports, "process": process, "log": log_path, "url": database_url}


def stop_passerelle(handle: dict) -> None:
    if handle["process"].poll() is None:
        os.killpg(handle["process"].pid, signal.SIGINT)
        handle["process"].wait(timeout=60)

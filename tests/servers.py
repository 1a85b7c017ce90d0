"""Starting real servers for tests, and waiting until they answer."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Dict, Iterator, List

import httpx

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

"""Nothing leaves the machine: Rasa's telemetry and crash reporting stay off."""
from __future__ import annotations

import subprocess

from bot.settings import ROOT
from tests.servers import python


def test_rasa_telemetry_is_off_in_every_process_we_start(monkeypatch):
    # Even with telemetry switched on in the environment we inherit, our entry points turn it off.
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "true")
    code = "import bot, rasa.telemetry as t; print(t.is_telemetry_enabled())"
    out = subprocess.run(python("-c", code), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr

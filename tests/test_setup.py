"""The set-up script: it finds a Python 3.10, or stops with a message that says how to get one."""
from __future__ import annotations

import shutil
import subprocess

from bot.settings import ROOT


def test_setup_without_python_310_stops_with_a_clear_message(tmp_path):
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", repo / "scripts" / "setup.sh")
    shutil.copy(ROOT / "requirements.lock", repo / "requirements.lock")
    # A machine with no pyenv, no python3.10 on PATH and an empty home.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")}
    result = subprocess.run(["bash", "scripts/setup.sh"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "needs Python 3.10" in result.stderr and "pyenv install 3.10" in result.stderr
    assert not (repo / ".venv").exists()


def test_setup_rejects_a_python_that_is_not_310(tmp_path):
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", repo / "scripts" / "setup.sh")
    shutil.copy(ROOT / "requirements.lock", repo / "requirements.lock")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"), "PASSERELLE_PYTHON": "/usr/bin/python3"}
    result = subprocess.run(["bash", "scripts/setup.sh"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "needs Python 3.10" in result.stderr


def test_every_dependency_is_pinned():
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, line
    for line in (ROOT / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, line

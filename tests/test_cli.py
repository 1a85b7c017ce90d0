"""The command line, as a person runs it."""
from __future__ import annotations

import subprocess

from bot.settings import ROOT
from tests.servers import python


def cli(*args, env=None):
    import os

    return subprocess.run(python("-m", "bot", *args), cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def test_validate_reports_ok_with_counts():
    result = cli("kb", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ") and "entries" in result.stdout and "citations checked" in result.stdout


def test_validate_fails_on_a_broken_entry(tmp_path):
    (tmp_path / "entries").mkdir()
    (tmp_path / "cities.yml").write_text((ROOT / "data/kb/cities.yml").read_text())
    (tmp_path / "entries" / "bad.yml").write_text(
        "entries:\n  - id: bad\n    name: Bad\n    category: bakery\n    description: {en: x}\n"
        "    service_area: local\n    sources: [{file: 003_3f3b38f85375b88f.txt, lines: [1, 1]}]\n")
    result = cli("kb", "validate", env={"PASSERELLE_KB_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "bad.yml: entry 'bad' (#1): field category: unknown category 'bakery'" in result.stderr


def test_load_then_search_prints_readable_cards(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"}
    first = cli("kb", "load", env=env)
    assert first.returncode == 0 and " added" in first.stdout
    again = cli("kb", "load", env=env)
    assert "0 added, 0 updated" in again.stdout
    found = cli("kb", "search", "--place", "Lieja", "--category", "incubator", env=env)
    assert found.returncode == 0
    assert "for Liège [local]" in found.stdout and "Source: " in found.stdout
    unknown = cli("kb", "search", "--place", "Atlantis", env=env)
    assert unknown.returncode == 2 and "Unknown place" in unknown.stderr

"""The directory's schema: the real data is valid and cited; broken entries are named precisely."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.directory.loader import load
from bot.directory.schema import validate_kb
from tests.conftest import KB_DIR, SEEDS_DIR

GOOD = {
    "id": "test-diomcoop",
    "name": "Diomcoop",
    "organization": "Diomcoop",
    "category": "cooperative",
    "description": {"en": "A cooperative in Barcelona."},
    "city": "barcelona",
    "country": "ES",
    "service_area": "local",
    "contacts": {"websites": ["http://diomcoop.org/?lang=fr"]},
    "sources": [{"file": "003_3f3b38f85375b88f.txt", "lines": [1, 1500], "quote": "Diomcoop"}],
}


def test_the_real_directory_is_valid_and_every_citation_holds():
    assert SEEDS_DIR.is_dir(), "the source documents (../shared/seeds) are needed to check citations"
    kb = validate_kb(KB_DIR, SEEDS_DIR)
    assert kb.errors == []
    assert len(kb.entries) > 100
    assert len({e.id for e in kb.entries}) == len(kb.entries)


def test_every_entry_cites_a_source_and_every_city_is_located():
    kb = validate_kb(KB_DIR, SEEDS_DIR)
    cities = {c.id for c in kb.cities}
    for entry in kb.entries:
        assert entry.sources and all(s.quote for s in entry.sources), entry.id
        assert entry.city is None or entry.city in cities


def _kb_with(tmp_path: Path, *entries: dict) -> Path:
    kb_dir = tmp_path / "kb"
    (kb_dir / "entries").mkdir(parents=True)
    shutil.copy(KB_DIR / "cities.yml", kb_dir / "cities.yml")
    (kb_dir / "entries" / "test.yml").write_text(yaml.safe_dump({"entries": list(entries)}, allow_unicode=True))
    return kb_dir


def test_a_good_entry_passes(tmp_path):
    kb = validate_kb(_kb_with(tmp_path, GOOD), SEEDS_DIR)
    assert kb.errors == [] and [e.id for e in kb.entries] == ["test-diomcoop"]


@pytest.mark.parametrize("change, field, message", [
    ({"category": "bakery"}, "category", "unknown category 'bakery'"),
    ({"needs": ["money"]}, "needs.0", "unknown need 'money'"),
    ({"description": {"fr": "Une coopérative."}}, "description", "English description"),
    ({"id": "Not A Slug"}, "id", "string does not match regex"),
    ({"city": "atlantis"}, "city", "unknown city 'atlantis'"),
    ({"service_area": "galactic"}, "service_area", "unknown service_area"),
    ({"sources": []}, "sources", "ensure this value has at least 1 items"),
    ({"colour": "blue"}, "colour", "extra fields not permitted"),
    ({"contacts": {"websites": ["http://diomcoop.example.org"]}}, "contacts.websites",
     "'http://diomcoop.example.org' is not in any cited document"),
    ({"sources": [{"file": "003_3f3b38f85375b88f.txt", "lines": [1, 3], "quote": "Diomcoop"}]},
     "sources.0.quote", "not found in 003_3f3b38f85375b88f.txt lines 1-3"),
    ({"sources": [{"file": "003_3f3b38f85375b88f.txt", "lines": [1, 99999]}]},
     "sources.0.lines", "has only"),
])
def test_a_broken_entry_is_rejected_naming_file_entry_and_field(tmp_path, change, field, message):
    kb = validate_kb(_kb_with(tmp_path, {**GOOD, **change}), SEEDS_DIR)
    assert kb.entries == []
    assert len(kb.errors) == 1, kb.errors
    error = kb.errors[0]
    assert "test.yml" in error and "(#1)" in error
    assert f"field {field}:" in error
    assert message in error


def test_duplicate_ids_are_rejected(tmp_path):
    kb = validate_kb(_kb_with(tmp_path, GOOD, GOOD), SEEDS_DIR)
    assert len(kb.entries) == 1
    assert any("field id: duplicate" in e and "(#2)" in e for e in kb.errors)


def test_invalid_yaml_is_reported(tmp_path):
    kb_dir = _kb_with(tmp_path, GOOD)
    (kb_dir / "entries" / "broken.yml").write_text("entries:\n  - id: [unclosed\n")
    kb = validate_kb(kb_dir, SEEDS_DIR)
    assert any("broken.yml: not valid YAML" in e for e in kb.errors)


def test_a_broken_entry_never_reaches_the_database(tmp_path, sqlite_url):
    from sqlalchemy import inspect

    from bot.db import get_engine

    kb_dir = _kb_with(tmp_path, GOOD, {**GOOD, "id": "broken", "category": "bakery"})
    report = load(sqlite_url, kb_dir, SEEDS_DIR)
    assert report.errors and "broken" in report.errors[0]
    assert "entries" not in inspect(get_engine(sqlite_url)).get_table_names()

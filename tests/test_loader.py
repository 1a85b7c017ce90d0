"""Loading the directory into SQLite and PostgreSQL: complete, idempotent, in step with the YAML."""
from __future__ import annotations

import shutil

import yaml
from sqlalchemy import func, select

from bot.db import new_session
from bot.directory.loader import load
from bot.directory.models import CityRow, EntryRow, EntryTag
from bot.directory.schema import validate_kb
from tests.conftest import KB_DIR, SEEDS_DIR


def test_load_twice_changes_nothing(db_url):
    kb = validate_kb(KB_DIR, SEEDS_DIR)
    first = load(db_url, KB_DIR, SEEDS_DIR)
    assert first.errors == []
    assert first.counts["entries"]["added"] == len(kb.entries)
    assert first.counts["cities"]["added"] == len(kb.cities)
    with new_session(db_url) as session:
        assert session.scalar(select(func.count()).select_from(EntryRow)) == len(kb.entries)
        assert session.scalar(select(func.count()).select_from(CityRow)) == len(kb.cities)
        tags_before = session.scalar(select(func.count()).select_from(EntryTag))
    second = load(db_url, KB_DIR, SEEDS_DIR)
    assert not second.changed
    assert second.counts["entries"]["unchanged"] == len(kb.entries)
    with new_session(db_url) as session:
        assert session.scalar(select(func.count()).select_from(EntryTag)) == tags_before


def test_the_database_follows_edits_and_removals_in_the_yaml(db_url, tmp_path):
    kb_dir = tmp_path / "kb"
    shutil.copytree(KB_DIR, kb_dir)
    load(db_url, kb_dir, SEEDS_DIR)
    path = sorted((kb_dir / "entries").glob("*.yml"))[0]
    data = yaml.safe_load(path.read_text())
    edited, removed = data["entries"][0], data["entries"][1]
    edited["description"]["en"] = "An edited description."
    data["entries"].remove(removed)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))

    report = load(db_url, kb_dir, SEEDS_DIR)
    assert report.counts["entries"]["updated"] == 1
    assert report.counts["entries"]["removed"] == 1
    with new_session(db_url) as session:
        assert session.get(EntryRow, edited["id"]).description["en"] == "An edited description."
        assert session.get(EntryRow, removed["id"]) is None
        assert session.scalar(select(func.count()).select_from(EntryTag).where(
            EntryTag.entry_id == removed["id"])) == 0


def test_tags_hold_categories_needs_and_languages(db_url):
    load(db_url, KB_DIR, SEEDS_DIR)
    kb = validate_kb(KB_DIR, SEEDS_DIR)
    entry = next(e for e in kb.entries if e.needs and len(e.all_categories) >= 1)
    with new_session(db_url) as session:
        row = session.get(EntryRow, entry.id)
        assert row.tag_values("category") == sorted(set(entry.all_categories))
        assert row.tag_values("need") == sorted(set(entry.needs))
        assert row.tag_values("language") == sorted(set(entry.languages))

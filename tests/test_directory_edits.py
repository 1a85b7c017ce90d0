"""Staff edit the directory: the same rules as the YAML, every change kept with who and when,
edits that survive the next `kb load`, archiving, and an export the YAML validator accepts. On a
real SQLite file loaded with the real directory, and over real HTTP for the admin role."""
from __future__ import annotations

import html
import re
import shutil

import httpx
import yaml
from sqlalchemy import select

from bot.db import new_session
from bot.directory.loader import load
from bot.directory.models import EntryRow
from bot.directory.schema import validate_kb
from bot.directory.search import Query, search
from bot.staff.directory_edits import as_yaml, entry_as_dict, export_yaml, save_entry, set_archived
from bot.staff.models import AuditRow, EntryChangeRow
from tests.conftest import KB_DIR, SEEDS_DIR
from tests.test_staff import add_account, csrf_of, signed_in, web  # noqa: F401  (the web app fixture)

ENTRY = "diomcoop"


def edited(session, change) -> str:
    data = entry_as_dict(session.get(EntryRow, ENTRY))
    change(data)
    return as_yaml(data)


def test_an_edit_is_checked_saved_recorded_and_kept_by_the_next_load(sqlite_url):
    assert not load(sqlite_url, KB_DIR, SEEDS_DIR).errors
    with new_session(sqlite_url) as session:
        text = edited(session, lambda d: d["description"].update(en="Cooperative of street vendors in Barcelona."))
        row, errors = save_entry(session, text, "ada", SEEDS_DIR, entry_id=ENTRY)
        assert errors == [] and row.description["en"] == "Cooperative of street vendors in Barcelona."
        change = session.scalars(select(EntryChangeRow).where(EntryChangeRow.entry_id == ENTRY)).one()
        assert change.actor == "ada" and change.action == "edit"
        assert change.before["description"]["en"] != change.after["description"]["en"]
        assert session.scalars(select(AuditRow).where(AuditRow.action == "entry_edit")).one().actor == "ada"
    report = load(sqlite_url, KB_DIR, SEEDS_DIR)
    assert report.counts["entries"]["kept_staff_edit"] == 1
    with new_session(sqlite_url) as session:
        assert session.get(EntryRow, ENTRY).description["en"] == "Cooperative of street vendors in Barcelona."


def test_what_the_yaml_refuses_the_dashboard_refuses_and_nothing_is_saved(sqlite_url):
    assert not load(sqlite_url, KB_DIR, SEEDS_DIR).errors
    with new_session(sqlite_url) as session:
        before = entry_as_dict(session.get(EntryRow, ENTRY))
        cases = {
            "category": edited(session, lambda d: d.update(category="bakery")),
            "contacts.phones": edited(session, lambda d: d.update(contacts={"phones": ["+34 600 000 000"]})),
            "city": edited(session, lambda d: d.update(city="atlantis")),
            "an entry's id cannot change": edited(session, lambda d: d.update(id="other-id")),
            "not valid YAML": "id: [unclosed",
        }
        for expected, text in cases.items():
            row, errors = save_entry(session, text, "ada", SEEDS_DIR, entry_id=ENTRY)
            assert row is None and any(expected in e for e in errors), (expected, errors)
        session.expire_all()
        assert entry_as_dict(session.get(EntryRow, ENTRY)) == before
        assert session.scalars(select(EntryChangeRow)).all() == []


def test_an_archived_entry_is_no_longer_given(sqlite_url):
    assert not load(sqlite_url, KB_DIR, SEEDS_DIR).errors
    with new_session(sqlite_url) as session:
        def found():
            return [h.entry.id for h in search(session, Query(text="diomcoop")).hits]
        assert ENTRY in found()
        set_archived(session, ENTRY, True, "ada")
        assert ENTRY not in found()
        set_archived(session, ENTRY, False, "ada")
        assert ENTRY in found()
        actions = [c.action for c in session.scalars(select(EntryChangeRow).order_by(EntryChangeRow.id))]
        assert actions == ["archive", "restore"]


def test_the_export_is_a_directory_the_validator_accepts(sqlite_url, tmp_path):
    assert not load(sqlite_url, KB_DIR, SEEDS_DIR).errors
    with new_session(sqlite_url) as session:
        set_archived(session, ENTRY, True, "ada")
        exported = export_yaml(session)
        kept = session.scalars(select(EntryRow.id).where(EntryRow.archived.is_(False))).all()
    (tmp_path / "entries").mkdir()
    (tmp_path / "entries" / "export.yml").write_text(exported, encoding="utf-8")
    shutil.copy(KB_DIR / "cities.yml", tmp_path / "cities.yml")
    kb = validate_kb(tmp_path, SEEDS_DIR)
    assert kb.errors == []
    assert sorted(e.id for e in kb.entries) == sorted(kept) and ENTRY not in kept
    original = {e.id: e for e in validate_kb(KB_DIR, SEEDS_DIR).entries}
    assert all(e.dict() == original[e.id].dict() for e in kb.entries), "an export round-trips the YAML"


def test_only_admins_edit_the_directory_over_http(web):  # noqa: F811
    assert not load(web["url"], KB_DIR, SEEDS_DIR).errors
    staff = signed_in(web, "sam")
    assert staff.get("/staff/directory").status_code == 403
    assert staff.post(f"/staff/directory/{ENTRY}", data={"csrf": csrf_of(staff), "action": "archive"}).status_code == 403
    admin = signed_in(web, "ada")
    page = admin.get(f"/staff/directory/{ENTRY}")
    assert page.status_code == 200
    text = html.unescape(re.search(r'<textarea id="yaml"[^>]*>(.*?)</textarea>', page.text, re.S).group(1))
    data = yaml.safe_load(text)
    data["description"]["en"] = "Edited over HTTP."
    csrf = csrf_of(admin, f"/staff/directory/{ENTRY}")
    saved = admin.post(f"/staff/directory/{ENTRY}", data={"csrf": csrf, "yaml": as_yaml(data)})
    assert saved.status_code == 303
    assert httpx.get(f"{web['base']}/api/entries/{ENTRY}").json()["description"] == "Edited over HTTP."
    refused = admin.post(f"/staff/directory/{ENTRY}", data={"csrf": csrf, "yaml": "id: diomcoop\nname: x"})
    assert refused.status_code == 422 and 'role="alert"' in refused.text

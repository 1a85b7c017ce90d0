"""Staff edit the directory: an entry is written as the YAML writes it and checked by the same
rules (bot/directory/schema.validate_entry: schema, known city, every citation). The bot reads
the database on each question, so a change counts at once, with no retraining. Every change is
kept with who made it, and the whole directory can be exported back to YAML for review."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.loader import entry_fields, entry_tags
from bot.directory.models import CityRow, EntryRow
from bot.directory.schema import validate_entry
from bot.staff.audit import audit
from bot.staff.models import EntryChangeRow

# Keys in the order docs/kb-format.md gives them, so exports read like the hand-written files.
KEYS = ("id", "name", "alternate_names", "organization", "category", "categories", "description", "needs",
        "audience", "conditions", "city", "country", "service_area", "languages", "contacts", "hours", "sources")


def entry_as_dict(row: EntryRow) -> Dict:
    """An entry row in the YAML's own shape (empty optional fields left out)."""
    def tags(kind: str) -> List[str]:
        # In the order they were written (tag rows are made in the entry's own order).
        return [t.value for t in sorted(row.tags, key=lambda t: t.id or 0) if t.kind == kind]

    categories = [c for c in tags("category") if c != row.category]
    data = {"id": row.id, "name": row.name, "alternate_names": row.alternate_names, "organization": row.organization,
            "category": row.category, "categories": categories, "description": row.description,
            "needs": tags("need"), "audience": row.audience, "conditions": row.conditions,
            "city": row.city_id, "country": row.country, "service_area": row.service_area,
            "languages": tags("language"),
            "contacts": {k: v for k, v in (row.contacts or {}).items() if v}, "hours": row.hours or [],
            "sources": row.sources}
    return {k: data[k] for k in KEYS if data[k] not in (None, [], {}) or k in ("city", "country")}


def as_yaml(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def save_entry(session: Session, text: str, actor: str, seeds_dir: Optional[Path],
               entry_id: Optional[str] = None) -> Tuple[Optional[EntryRow], List[str]]:
    """Creates (entry_id None) or replaces an entry from its YAML; returns it, or what is wrong
    (and then nothing is saved)."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return None, [f"not valid YAML: {error}"]
    if not isinstance(raw, dict):
        return None, ["an entry is a mapping of fields (id, name, category, ...)"]
    where = f"entry {raw.get('id', '?')!r}"
    if entry_id is not None and raw.get("id") != entry_id:
        return None, [f"{where}: field id: an entry's id cannot change (it is {entry_id!r})"]
    existing = session.get(EntryRow, raw.get("id")) if isinstance(raw.get("id"), str) else None
    if entry_id is None and existing is not None:
        return None, [f"{where}: field id: an entry with this id exists already"]
    city_ids = set(session.scalars(select(CityRow.id)))
    entry, problems = validate_entry(raw, where, city_ids, seeds_dir if seeds_dir and seeds_dir.is_dir() else None)
    if problems:
        return None, problems
    city = session.get(CityRow, entry.city) if entry.city else None
    before = entry_as_dict(existing) if existing is not None else None
    fields = entry_fields(entry, city)
    row = existing or EntryRow(id=entry.id, archived=False)
    for key, value in fields.items():
        setattr(row, key, value)
    row.tags = entry_tags(entry)
    row.origin, row.updated_at = "staff", datetime.utcnow()
    session.add(row)
    session.flush()
    action = "edit" if existing is not None else "create"
    session.add(EntryChangeRow(entry_id=row.id, actor=actor, action=action, before=before, after=entry_as_dict(row)))
    audit(session, actor, f"entry_{action}", f"entry:{row.id}")
    session.commit()
    return row, []


def set_archived(session: Session, entry_id: str, archived: bool, actor: str) -> Optional[EntryRow]:
    """Archived entries stay in the database (and its history) but the bot no longer gives them."""
    row = session.get(EntryRow, entry_id)
    if row is None:
        return None
    if row.archived != archived:
        row.archived, row.origin, row.updated_at = archived, "staff", datetime.utcnow()
        action = "archive" if archived else "restore"
        session.add(EntryChangeRow(entry_id=row.id, actor=actor, action=action))
        audit(session, actor, f"entry_{action}", f"entry:{row.id}")
        session.commit()
    return row


def history(session: Session, entry_id: str) -> List[EntryChangeRow]:
    return list(session.scalars(select(EntryChangeRow).where(EntryChangeRow.entry_id == entry_id)
                                .order_by(EntryChangeRow.at.desc())))


def export_yaml(session: Session) -> str:
    """The directory as data/kb/entries/*.yml writes it: every entry that is not archived."""
    rows = session.scalars(select(EntryRow).where(EntryRow.archived.is_(False)).order_by(EntryRow.id))
    return as_yaml({"entries": [entry_as_dict(r) for r in rows]})

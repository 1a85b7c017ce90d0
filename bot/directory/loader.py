"""Load data/kb/ into the database: validate everything first, then bring the tables in line
with the YAML in one transaction. Loading the same YAML twice changes nothing."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional

from sqlalchemy import delete, select

from bot.db import new_session
from bot.directory.models import CityRow, EntryRow, EntryTag
from bot.directory.schema import KB, City, Entry, validate_kb
from bot.migrate import upgrade
from bot.text import fold


@dataclass
class LoadReport:
    errors: List[str] = field(default_factory=list)
    counts: Dict[str, Dict[str, int]] = field(default_factory=dict)

    def count(self, table: str, what: str) -> None:
        self.counts.setdefault(table, {"added": 0, "updated": 0, "unchanged": 0, "removed": 0, "kept_staff_edit": 0})
        self.counts[table][what] += 1

    @property
    def changed(self) -> bool:
        return any(c["added"] or c["updated"] or c["removed"] for c in self.counts.values())


def _hash(model) -> str:
    return hashlib.sha256(json.dumps(model.dict(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def search_text(entry: Entry, city: Optional[City]) -> str:
    parts = [entry.name, *entry.alternate_names, entry.organization or "", *entry.description.values()]
    if city:
        parts += [*city.names.values(), *city.aliases]
    return fold(" ".join(parts))


def entry_fields(entry: Entry, city: Optional[City]) -> dict:
    """The columns of an entry row, from a validated entry (used by the loader and staff edits)."""
    return dict(
        name=entry.name, alternate_names=entry.alternate_names, organization=entry.organization,
        category=entry.category, description=entry.description, audience=entry.audience,
        conditions=entry.conditions, city_id=entry.city, country=entry.country,
        service_area=entry.service_area, contacts=entry.contacts.dict(),
        hours=[h.dict() for h in entry.hours] or None,
        sources=[s.dict() for s in entry.sources], search_text=search_text(entry, city),
        content_hash=_hash(entry),
    )


def entry_tags(entry: Entry) -> List[EntryTag]:
    return ([EntryTag(kind="category", value=c) for c in entry.all_categories]
            + [EntryTag(kind="need", value=n) for n in dict.fromkeys(entry.needs)]
            + [EntryTag(kind="language", value=lang) for lang in dict.fromkeys(entry.languages)])


def sync(url: str, kb: KB, report: LoadReport) -> None:
    cities = {c.id: c for c in kb.cities}
    with new_session(url) as session, session.begin():
        rows = {r.id: r for r in session.scalars(select(CityRow))}
        for city in kb.cities:
            digest = _hash(city)
            row = rows.get(city.id)
            if row is None:
                session.add(CityRow(id=city.id, country=city.country, lat=city.lat, lon=city.lon,
                                    names=city.names, aliases=city.aliases, source=city.source,
                                    content_hash=digest))
                report.count("cities", "added")
            elif row.content_hash != digest:
                row.country, row.lat, row.lon = city.country, city.lat, city.lon
                row.names, row.aliases, row.source, row.content_hash = city.names, city.aliases, city.source, digest
                report.count("cities", "updated")
            else:
                report.count("cities", "unchanged")
        session.flush()

        rows = {r.id: r for r in session.scalars(select(EntryRow))}
        for entry in kb.entries:
            fields = entry_fields(entry, cities.get(entry.city))
            row = rows.pop(entry.id, None)
            if row is not None and row.origin == "staff":
                # Staff changed it in the dashboard: their version stands until it is exported
                # back into the YAML (python -m bot kb export) and the row reset.
                report.count("entries", "kept_staff_edit")
                continue
            if row is None:
                session.add(EntryRow(id=entry.id, origin="yaml", archived=False,
                                     updated_at=datetime.utcnow(), tags=entry_tags(entry), **fields))
                report.count("entries", "added")
            elif row.content_hash != fields["content_hash"] or row.archived:
                for key, value in fields.items():
                    setattr(row, key, value)
                row.tags = entry_tags(entry)
                row.archived = False
                row.updated_at = datetime.utcnow()
                report.count("entries", "updated")
            else:
                report.count("entries", "unchanged")
        # Entries deleted from the YAML leave the database too (staff-made ones stay).
        for row in rows.values():
            if row.origin == "yaml":
                session.delete(row)
                report.count("entries", "removed")
        session.flush()
        used = set(session.scalars(select(EntryRow.city_id).distinct()))
        stale = set(session.scalars(select(CityRow.id))) - set(cities) - used
        if stale:
            session.execute(delete(CityRow).where(CityRow.id.in_(stale)))
            for _ in stale:
                report.count("cities", "removed")


def load(url: str, kb_dir: Path, seeds_dir: Optional[Path]) -> LoadReport:
    """Validate data/kb/ and, only when all of it is valid, load it."""
    kb = validate_kb(kb_dir, seeds_dir if seeds_dir and seeds_dir.is_dir() else None)
    report = LoadReport(errors=kb.errors)
    if kb.errors:
        return report
    upgrade(url)
    sync(url, kb, report)
    return report

"""Entries named in a message: "tell me about Diomcoop", "how does the OACAS route work"."""
from __future__ import annotations

from typing import List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.models import EntryRow
from bot.text import fold

MIN_NAME_LENGTH = 4


def named_entries(session: Session, text: str, category: Optional[str] = None) -> List[EntryRow]:
    """Entries whose name or another name stands as whole words in the text, longest first."""
    padded = f" {fold(text)} "
    stmt = select(EntryRow).where(EntryRow.archived.is_(False))
    if category:
        stmt = stmt.where(EntryRow.category == category)
    found = []
    for entry in session.scalars(stmt).unique():
        names = [fold(n) for n in [entry.name, *entry.alternate_names]]
        best = max((len(n) for n in names if len(n) >= MIN_NAME_LENGTH and f" {n} " in padded), default=0)
        if best:
            found.append((best, entry))
    return [entry for _, entry in sorted(found, key=lambda x: (-x[0], x[1].name))]

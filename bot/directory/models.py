"""Database tables of the directory, named after HSDS concepts.

An entry is an HSDS service with its organization, location (city), contacts, eligibility
(audience, conditions) and taxonomy (categories, needs). Categories, needs and languages are
also written to `entry_tags` so that filters run in SQL.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class CityRow(Base):
    __tablename__ = "cities"

    id = Column(String(80), primary_key=True)
    country = Column(String(2), nullable=False, index=True)
    lat = Column(Float, nullable=False)
    lon = Column(Float, nullable=False)
    names = Column(JSON, nullable=False)       # {"en": "Liège", "nl": "Luik", ...}
    aliases = Column(JSON, nullable=False, default=list)
    source = Column(Text, nullable=False)
    content_hash = Column(String(64), nullable=False)


class EntryRow(Base):
    __tablename__ = "entries"

    id = Column(String(80), primary_key=True)
    name = Column(Text, nullable=False)
    alternate_names = Column(JSON, nullable=False, default=list)
    organization = Column(Text)
    category = Column(String(40), nullable=False, index=True)
    description = Column(JSON, nullable=False)
    audience = Column(JSON, nullable=False, default=dict)
    conditions = Column(JSON, nullable=False, default=dict)
    city_id = Column(String(80), ForeignKey("cities.id"), index=True)
    country = Column(String(2), index=True)
    service_area = Column(String(20), nullable=False)
    contacts = Column(JSON, nullable=False, default=dict)
    hours = Column(JSON)                       # [{"days": [1..7], "opens": "09:00", "closes": "17:00"}], None: not known
    sources = Column(JSON, nullable=False)
    # Normalised names and descriptions (no accents, lower case) for free-text search.
    search_text = Column(Text, nullable=False, default="")
    origin = Column(String(10), nullable=False, default="yaml")   # yaml | staff
    archived = Column(Boolean, nullable=False, default=False)
    content_hash = Column(String(64), nullable=False)
    updated_at = Column(DateTime, nullable=False, default=datetime.utcnow)

    city = relationship(CityRow, lazy="joined")
    # Loaded when read (by the staff editor): searches filter on tags in SQL and never read them,
    # and loading them with every entry doubled the cost of a directory answer.
    tags = relationship("EntryTag", cascade="all, delete-orphan", lazy="select")

    def tag_values(self, kind: str) -> list:
        return sorted(t.value for t in self.tags if t.kind == kind)


class EntryTag(Base):
    __tablename__ = "entry_tags"

    id = Column(Integer, primary_key=True)
    entry_id = Column(String(80), ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True)
    kind = Column(String(20), nullable=False)    # category | need | language
    value = Column(String(40), nullable=False)

    __table_args__ = (Index("ix_entry_tags_kind_value", "kind", "value"),)

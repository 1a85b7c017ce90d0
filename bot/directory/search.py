"""Directory search: by city, country, category, need, language and free text, ranked.

When nothing matches where the person is, the answer is the nearest cities that have
something, with their great-circle distance, and it says so (scope "nearest").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from rapidfuzz import fuzz, process
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.directory.geo import distance_km
from bot.directory.models import EntryRow, EntryTag
from bot.directory.places import Gazetteer, Place
from bot.text import search_tokens

NEAREST_CITIES = 3


@dataclass
class Query:
    text: Optional[str] = None
    city: Optional[str] = None        # city id
    country: Optional[str] = None     # ISO 3166-1 alpha-2
    category: Optional[str] = None
    need: Optional[str] = None
    language: Optional[str] = None
    any_tags: List[Tuple[str, str]] = field(default_factory=list)   # match ANY of these (kind, value)
    limit: int = 10
    offset: int = 0


@dataclass
class Hit:
    entry: EntryRow
    score: float
    distance_km: Optional[float] = None   # from the place asked about, for "nearest" answers


@dataclass
class Result:
    hits: List[Hit]
    total: int
    scope: str                       # local | country | nearest | everywhere
    place: Optional[Place] = None
    nearest: List[Dict] = field(default_factory=list)   # [{city, distance_km, count}]


def text_score(query_tokens: List[str], entry: EntryRow) -> float:
    """Share of the query's words found in the entry: exact 1, prefix 0.8, typo up to 0.7."""
    if not query_tokens:
        return 1.0
    doc = set(entry.search_text.split())
    total = 0.0
    for token in query_tokens:
        if token in doc:
            total += 1.0
        elif len(token) >= 4 and any(d.startswith(token) for d in doc):
            total += 0.8
        elif len(token) >= 4:
            match = process.extractOne(token, doc, scorer=fuzz.ratio, score_cutoff=80)
            if match:
                total += 0.7 * match[1] / 100
    return total / len(query_tokens)


def _filtered(session: Session, query: Query) -> List[EntryRow]:
    stmt = select(EntryRow).where(EntryRow.archived.is_(False))
    for kind, value in (("category", query.category), ("need", query.need), ("language", query.language)):
        if value:
            stmt = stmt.where(EntryRow.id.in_(
                select(EntryTag.entry_id).where(EntryTag.kind == kind, EntryTag.value == value)))
    if query.any_tags:
        stmt = stmt.where(EntryRow.id.in_(select(EntryTag.entry_id).where(
            or_(*[and_(EntryTag.kind == kind, EntryTag.value == value) for kind, value in query.any_tags]))))
    return list(session.scalars(stmt).unique())


def _rank(hits: List[Hit], query: Query) -> List[Hit]:
    wanted = {query.category} | {value for kind, value in query.any_tags if kind == "category"}

    def key(hit: Hit):
        primary = 0 if hit.entry.category in wanted else 1
        reachable = 0 if any((hit.entry.contacts or {}).values()) else 1   # what a person can act on first
        return (-round(hit.score, 3), hit.distance_km or 0.0, primary, reachable, hit.entry.name.casefold())
    return sorted(hits, key=key)


def _nearest(hits: List[Hit], origin: Place, gazetteer: Gazetteer, exclude_country: bool) -> Result:
    by_city: Dict[str, List[Hit]] = {}
    for hit in hits:
        city = hit.entry.city_id and gazetteer.cities.get(hit.entry.city_id)
        if not city or (exclude_country and city.country == origin.country):
            continue
        hit.distance_km = round(distance_km(origin.lat, origin.lon, city.lat, city.lon), 1)
        by_city.setdefault(city.id, []).append(hit)
    ordered = sorted(by_city.values(), key=lambda group: group[0].distance_km)[:NEAREST_CITIES]
    chosen = [h for group in ordered for h in group]
    nearest = [{"city": group[0].entry.city_id, "distance_km": group[0].distance_km, "count": len(group)}
               for group in ordered]
    return Result(chosen, len(chosen), "nearest", origin, nearest)


def search(session: Session, query: Query, gazetteer: Optional[Gazetteer] = None) -> Result:
    gazetteer = gazetteer or Gazetteer.from_db(session)
    q_tokens = search_tokens(query.text or "")
    hits = []
    for entry in _filtered(session, query):
        score = text_score(q_tokens, entry)
        if score >= 0.5:
            hits.append(Hit(entry, score))

    place: Optional[Place] = None
    if query.city:
        place = gazetteer.cities.get(query.city)
        if place is None:
            return Result([], 0, "local", None)
        local = [h for h in hits if h.entry.city_id == place.id]
        if local:
            national = [h for h in hits if h.entry.city_id is None and h.entry.country == place.country]
            result = Result(_rank(local, query) + _rank(national, query), 0, "local", place)
        else:
            result = _nearest(hits, place, gazetteer, exclude_country=False)
            result.hits = _rank(result.hits, query)
    elif query.country:
        place = gazetteer.country(query.country)
        inside = [h for h in hits if h.entry.country == query.country]
        if inside or place.lat is None:
            result = Result(_rank(inside, query), 0, "country", place)
        else:
            result = _nearest(hits, place, gazetteer, exclude_country=True)
            result.hits = _rank(result.hits, query)
    else:
        result = Result(_rank(hits, query), 0, "everywhere")
    result.total = len(result.hits)
    result.hits = result.hits[query.offset:query.offset + query.limit]
    return result


CONTACT_POINT_CATEGORIES = ("trade_union_contact_point", "one_stop_shop", "information_point", "legal_aid",
                            "migrant_association", "association", "employment_support")


def nearest_contact_point(session: Session, place: Place, gazetteer: Optional[Gazetteer] = None) -> Optional[Hit]:
    """The nearest contact point that gives contact details, for when what was found gives none."""
    if place is None or place.lat is None:
        return None
    gazetteer = gazetteer or Gazetteer.from_db(session)
    best: Optional[Hit] = None
    for entry in _filtered(session, Query(any_tags=[("category", c) for c in CONTACT_POINT_CATEGORIES])):
        city = gazetteer.cities.get(entry.city_id or "")
        if city is None or not any((entry.contacts or {}).values()):
            continue
        d = round(distance_km(place.lat, place.lon, city.lat, city.lon), 1)
        if best is None or d < best.distance_km or (d == best.distance_km and entry.name < best.entry.name):
            best = Hit(entry, 1.0, d)
    return best

"""The directory API: entries with filters and pagination, one entry, cities."""
from __future__ import annotations

from typing import Dict, List, Optional

from fastapi import APIRouter, Depends, HTTPException, Query as Q
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.models import CityRow, EntryRow
from bot.directory.places import Gazetteer
from bot.directory.render import card
from bot.directory.search import Query, search
from bot.directory.taxonomy import CATEGORIES, NEEDS
from bot.web.dependencies import get_session

router = APIRouter(prefix="/api", tags=["directory"])


class SourceOut(BaseModel):
    file: str
    lines: List[int]
    quote: Optional[str] = None
    label: str


class EntryOut(BaseModel):
    id: str
    name: str
    organization: Optional[str]
    category: str
    category_label: str
    city: Optional[str]
    city_name: Optional[str]
    country: Optional[str]
    country_name: Optional[str]
    description: str
    description_lang: str
    conditions: List[str]
    contacts: Dict[str, List[str]]
    sources: List[SourceOut]
    sources_text: str
    distance_km: Optional[float] = None
    distance_text: Optional[str] = None
    description_note: Optional[str] = None
    hours_text: Optional[str] = None


class NearestOut(BaseModel):
    city: str
    distance_km: float
    count: int


class EntryPage(BaseModel):
    total: int
    offset: int
    limit: int
    scope: str
    place: Optional[str]
    nearest: List[NearestOut]
    items: List[EntryOut]


class CityOut(BaseModel):
    id: str
    country: str
    lat: float
    lon: float
    names: Dict[str, str]


@router.get("/entries", response_model=EntryPage, summary="Search the directory")
def list_entries(
    q: Optional[str] = Q(None, max_length=200, description="free text; accents and small typos tolerated"),
    place: Optional[str] = Q(None, max_length=100, description="a city or country, in any supported language"),
    city: Optional[str] = Q(None, max_length=80, description="a city id (see /api/cities)"),
    country: Optional[str] = Q(None, regex="^[A-Za-z]{2}$"),
    category: Optional[str] = Q(None, enum=list(CATEGORIES)),
    need: Optional[str] = Q(None, enum=list(NEEDS)),
    language: Optional[str] = Q(None, regex="^[a-z]{2,3}$", description="a language the service works in"),
    lang: str = Q("en", regex="^[a-z]{2,3}$", description="language to show results in"),
    limit: int = Q(20, ge=1, le=100),
    offset: int = Q(0, ge=0),
    session: Session = Depends(get_session),
):
    for value, allowed, name in ((category, CATEGORIES, "category"), (need, NEEDS, "need")):
        if value and value not in allowed:
            raise HTTPException(422, f"unknown {name} {value!r}")
    gazetteer = Gazetteer.from_db(session)
    query = Query(text=q, city=city, country=country.upper() if country else None, category=category,
                  need=need, language=language, limit=limit, offset=offset)
    if city and city not in gazetteer.cities:
        raise HTTPException(404, f"unknown city {city!r}")
    if place:
        found = gazetteer.lookup(place)
        if found is None:
            raise HTTPException(404, f"unknown place {place!r}")
        query.city, query.country = (found.id, None) if found.kind == "city" else (None, found.id)
    result = search(session, query, gazetteer)
    return EntryPage(
        total=result.total, offset=offset, limit=limit, scope=result.scope,
        place=result.place.id if result.place else None,
        nearest=[NearestOut(**n) for n in result.nearest],
        items=[EntryOut(**card(h.entry, lang, h.distance_km)) for h in result.hits],
    )


@router.get("/entries/{entry_id}", response_model=EntryOut, summary="One entry")
def get_entry(entry_id: str, lang: str = Q("en", regex="^[a-z]{2,3}$"), session: Session = Depends(get_session)):
    entry = session.get(EntryRow, entry_id)
    if entry is None or entry.archived:
        raise HTTPException(404, f"no entry {entry_id!r}")
    return EntryOut(**card(entry, lang))


@router.get("/cities", response_model=List[CityOut], summary="Cities of the directory")
def list_cities(country: Optional[str] = Q(None, regex="^[A-Za-z]{2}$"), session: Session = Depends(get_session)):
    stmt = select(CityRow).order_by(CityRow.id)
    if country:
        stmt = stmt.where(CityRow.country == country.upper())
    return [CityOut(id=c.id, country=c.country, lat=c.lat, lon=c.lon, names=c.names) for c in session.scalars(stmt)]

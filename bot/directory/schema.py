"""The schema of data/kb/: what a valid entry and a valid city are.

`validate_kb` reads every file and returns the valid entries and cities together with a list of
errors, each naming the file, the entry and the field, so that a broken entry is reported and
never loaded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import yaml
from pydantic import BaseModel, Extra, ValidationError, conint, conlist, constr, root_validator, validator

from bot.directory.taxonomy import CATEGORIES, NEEDS, SERVICE_AREAS

Slug = constr(regex=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
LangCode = constr(regex=r"^[a-z]{2,3}$")
Text = constr(strip_whitespace=True, min_length=1)
Localized = Dict[LangCode, Text]


class Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


class Source(Strict):
    file: constr(regex=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")
    lines: conlist(int, min_items=2, max_items=2)
    quote: Optional[Text] = None

    @validator("lines")
    def _ordered(cls, v):
        if v[0] < 1 or v[1] < v[0]:
            raise ValueError("lines must be [first, last] with 1 <= first <= last")
        return v


class Contacts(Strict):
    websites: List[Text] = []
    emails: List[constr(regex=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] = []
    phones: List[Text] = []
    addresses: List[Text] = []

    def values(self) -> List[Tuple[str, str]]:
        return [(kind, v) for kind in ("websites", "emails", "phones", "addresses")
                for v in getattr(self, kind)]


Clock = constr(regex=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


class Opening(Strict):
    """One regular opening (HSDS regular_schedule): these ISO weekdays (1 = Monday), from-to."""
    days: conlist(conint(ge=1, le=7), min_items=1)
    opens: Clock
    closes: Clock

    @root_validator(skip_on_failure=True)
    def _closes_after_it_opens(cls, values):
        if values["closes"] <= values["opens"]:
            raise ValueError("closes must be later than opens")
        return values


class Entry(Strict):
    id: Slug
    name: Text
    alternate_names: List[Text] = []
    organization: Optional[Text] = None
    category: str
    categories: List[str] = []
    description: Localized
    needs: List[str] = []
    audience: Localized = {}
    conditions: Dict[LangCode, List[Text]] = {}
    city: Optional[Slug] = None
    country: Optional[constr(regex=r"^[A-Z]{2}$")] = None
    service_area: str
    languages: List[LangCode] = []
    contacts: Contacts = Contacts()
    hours: List[Opening] = []      # only as a cited document gives them
    sources: conlist(Source, min_items=1)

    @validator("category")
    def _category(cls, v):
        if v not in CATEGORIES:
            raise ValueError(f"unknown category {v!r}; one of: {', '.join(CATEGORIES)}")
        return v

    @validator("categories", each_item=True)
    def _categories(cls, v):
        return cls._category(v)

    @validator("needs", each_item=True)
    def _need(cls, v):
        if v not in NEEDS:
            raise ValueError(f"unknown need {v!r}; one of: {', '.join(NEEDS)}")
        return v

    @validator("service_area")
    def _area(cls, v):
        if v not in SERVICE_AREAS:
            raise ValueError(f"unknown service_area {v!r}; one of: {', '.join(SERVICE_AREAS)}")
        return v

    @validator("description")
    def _english(cls, v):
        if "en" not in v:
            raise ValueError("an English description (en) is required")
        return v

    @property
    def all_categories(self) -> List[str]:
        return [self.category] + [c for c in self.categories if c != self.category]


class City(Strict):
    id: Slug
    country: constr(regex=r"^[A-Z]{2}$")
    lat: float
    lon: float
    names: Localized
    aliases: List[Text] = []
    source: Text

    @root_validator(skip_on_failure=True)
    def _coordinates(cls, values):
        if not (-90 <= values["lat"] <= 90 and -180 <= values["lon"] <= 180):
            raise ValueError("lat must be within [-90, 90] and lon within [-180, 180]")
        if "en" not in values["names"]:
            raise ValueError("names must include en")
        return values


@dataclass
class KB:
    entries: List[Entry] = field(default_factory=list)
    cities: List[City] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _pydantic_errors(where: str, exc: ValidationError) -> List[str]:
    return [f"{where}: field {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]


def _read_list(path: Path, key: str, kb: KB) -> list:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        kb.errors.append(f"{path}: not valid YAML: {exc}")
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        kb.errors.append(f"{path}: expected a mapping with a list under '{key}'")
        return []
    return data[key]


def _check_sources(where: str, entry: Entry, seeds_dir: Path, cache: Dict[str, List[str]]) -> List[str]:
    """The citations must hold: the quote stands in the cited lines, every contact in a cited file."""
    errors = []
    texts = []
    for i, src in enumerate(entry.sources):
        if src.file not in cache:
            path = seeds_dir / src.file
            cache[src.file] = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
        lines = cache[src.file]
        if not lines:
            errors.append(f"{where}: field sources.{i}.file: no such source document {src.file}")
            continue
        first, last = src.lines
        if last > len(lines):
            errors.append(f"{where}: field sources.{i}.lines: {src.file} has only {len(lines)} lines")
            continue
        if src.quote and src.quote not in "\n".join(lines[first - 1:last]):
            errors.append(f"{where}: field sources.{i}.quote: not found in {src.file} lines {first}-{last}")
        texts.append("\n".join(lines))
    for kind, value in entry.contacts.values():
        if texts and not any(value in t for t in texts):
            errors.append(f"{where}: field contacts.{kind}: {value!r} is not in any cited document")
    return errors


def validate_kb(kb_dir: Path, seeds_dir: Optional[Path] = None) -> KB:
    """Validate data/kb/. With seeds_dir, also check every citation against the documents."""
    kb = KB()
    cities_path = kb_dir / "cities.yml"
    if cities_path.exists():
        for i, raw in enumerate(_read_list(cities_path, "cities", kb)):
            ident = raw.get("id", "?") if isinstance(raw, dict) else "?"
            where = f"{_display(cities_path)}: city {ident!r} (#{i + 1})"
            try:
                kb.cities.append(City.parse_obj(raw))
            except ValidationError as exc:
                kb.errors.extend(_pydantic_errors(where, exc))
    else:
        kb.errors.append(f"{cities_path}: missing")
    city_ids = {c.id for c in kb.cities}
    if len(city_ids) != len(kb.cities):
        kb.errors.append(f"{cities_path}: duplicate city ids")

    seen: Dict[str, str] = {}
    cache: Dict[str, List[str]] = {}
    for path in sorted((kb_dir / "entries").glob("*.yml")):
        for i, raw in enumerate(_read_list(path, "entries", kb)):
            ident = raw.get("id", "?") if isinstance(raw, dict) else "?"
            where = f"{_display(path)}: entry {ident!r} (#{i + 1})"
            entry, problems = validate_entry(raw, where, city_ids, seeds_dir, cache)
            if entry is not None and entry.id in seen:
                problems.append(f"{where}: field id: duplicate of the entry in {seen[entry.id]}")
            if problems:
                kb.errors.extend(problems)
                continue
            seen[entry.id] = path.name
            kb.entries.append(entry)
    return kb


def validate_entry(raw, where: str, city_ids: Set[str], seeds_dir: Optional[Path],
                   cache: Optional[Dict[str, List[str]]] = None) -> Tuple[Optional[Entry], List[str]]:
    """One entry, as the YAML gives it (or a staff member types it): the entry, or what is wrong.
    The same rules wherever an entry comes from: schema, known city, and (with seeds_dir)
    every citation."""
    try:
        entry = Entry.parse_obj(raw)
    except ValidationError as exc:
        return None, _pydantic_errors(where, exc)
    problems = []
    if entry.city and entry.city not in city_ids:
        problems.append(f"{where}: field city: unknown city {entry.city!r} (add it to cities.yml)")
    if seeds_dir is not None:
        problems += _check_sources(where, entry, seeds_dir, {} if cache is None else cache)
    return (None, problems) if problems else (entry, [])

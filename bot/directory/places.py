"""Places: find the cities and countries a person names, in any of our languages.

City names and aliases come from data/kb/cities.yml; country names from Babel's CLDR data,
so that 'Belgique', 'België', 'Bélgica' and 'بلجيكا' all mean BE without a hand-typed list.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Tuple

from babel import Locale
from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.models import CityRow
from bot.text import fold

PLACE_LANGUAGES = ("en", "fr", "nl", "es", "it", "ar", "de")


@dataclass(frozen=True)
class Place:
    kind: str                 # "city" | "country"
    id: str                   # city id, or ISO country code
    country: str
    lat: Optional[float]
    lon: Optional[float]
    names: Tuple[Tuple[str, str], ...] = ()   # a city's names by language

    def name(self, lang: str = "en") -> str:
        if self.kind == "country":
            return country_name(self.id, lang)
        names = dict(self.names)
        return names.get(lang) or names.get("en") or self.id


@lru_cache(maxsize=None)
def country_names() -> Dict[str, str]:
    """Folded country name in any supported language -> ISO code."""
    names: Dict[str, str] = {}
    for lang in PLACE_LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(fold(name), code)
    return names


def country_name(code: str, lang: str = "en") -> str:
    try:
        return Locale.parse(lang).territories.get(code, code)
    except (ValueError, TypeError):
        return Locale.parse("en").territories.get(code, code)


_BUILT: "OrderedDict[str, Gazetteer]" = OrderedDict()


class Gazetteer:
    """All place names, folded, mapped to places; built from the cities table."""

    def __init__(self, cities: Iterable[CityRow]):
        self.by_name: Dict[str, Place] = {}
        self.cities: Dict[str, Place] = {}
        for city in cities:
            place = Place("city", city.id, city.country, city.lat, city.lon, tuple(sorted(city.names.items())))
            self.cities[city.id] = place
            for name in [*city.names.values(), *city.aliases, city.id]:
                self.by_name.setdefault(fold(name), place)
        # Each country is located once, at the mean of its known cities.
        by_country: Dict[str, List[Place]] = {}
        for city in self.cities.values():
            by_country.setdefault(city.country, []).append(city)
        self._countries = {code: Place("country", code, code, sum(c.lat for c in own) / len(own),
                                       sum(c.lon for c in own) / len(own)) for code, own in by_country.items()}
        for name, code in country_names().items():
            self.by_name.setdefault(name, self.country(code))

    @classmethod
    def from_db(cls, session: Session) -> "Gazetteer":
        """Built once per version of the cities table (each city's content hash), not per request:
        a build folds some 1,500 names, 25-50 ms, and a directory question needs it twice a turn."""
        rows = session.execute(select(CityRow.id, CityRow.content_hash).order_by(CityRow.id)).all()
        version = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
        built = _BUILT.get(version)
        if built is None:
            built = _BUILT[version] = cls(session.scalars(select(CityRow)))
            while len(_BUILT) > 4:   # a few versions at most (one per database a process reads)
                _BUILT.popitem(last=False)
        return built

    def country(self, code: str) -> Place:
        """A country, located at the mean of its known cities (no coordinates when we know none)."""
        return self._countries.get(code) or Place("country", code, code, None, None)

    def lookup(self, name: str) -> Optional[Place]:
        """One place for a name as typed ('liege', 'Lüttich', 'belgique'), tolerating a typo."""
        key = fold(name)
        if not key:
            return None
        if key in self.by_name:
            return self.by_name[key]
        if len(key) >= 5:
            match = process.extractOne(key, self.by_name.keys(), scorer=fuzz.ratio, score_cutoff=85)
            if match:
                return self.by_name[match[0]]
        return None

    def find_in_text(self, text: str) -> List[Tuple[str, Place]]:
        """Places named in a sentence, longest names first, without overlaps."""
        words = fold(text).split()
        found: List[Tuple[str, Place]] = []
        used = [False] * len(words)
        for size in (4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                if any(used[start:start + size]):
                    continue
                phrase = " ".join(words[start:start + size])
                place = self.by_name.get(phrase)
                if place is None and size == 1 and len(phrase) >= 6:
                    match = process.extractOne(phrase, self.by_name.keys(), scorer=fuzz.ratio, score_cutoff=88)
                    place = self.by_name[match[0]] if match else None
                if place is not None:
                    found.append((phrase, place))
                    used[start:start + size] = [True] * size
        return found

"""Directory search on the real directory: place, category, need, language, free text, nearest."""
from __future__ import annotations

import pytest

from bot.directory.geo import distance_km
from bot.directory.places import Gazetteer
from bot.directory.search import Query, search
from bot.topics import topic_tags


@pytest.fixture
def gazetteer(session):
    return Gazetteer.from_db(session)


@pytest.mark.parametrize("name, expected", [
    ("Liège", "liege"), ("liege", "liege"), ("Luik", "liege"), ("Lüttich", "liege"), ("Lieja", "liege"),
    ("Liegi", "liege"), ("لييج", "liege"), ("BRUXELLES", "brussels"), ("Brussel", "brussels"),
    ("Barcelonna", "barcelona"), ("Lisboa", "lisbon"), ("Varsovie", "warsaw"),
])
def test_cities_are_found_by_any_of_their_names(gazetteer, name, expected):
    place = gazetteer.lookup(name)
    assert place is not None and place.kind == "city" and place.id == expected


@pytest.mark.parametrize("name, code", [
    ("Belgium", "BE"), ("Belgique", "BE"), ("België", "BE"), ("Bélgica", "BE"), ("بلجيكا", "BE"),
    ("Italia", "IT"), ("Espagne", "ES"), ("mali", "ML"),
])
def test_countries_come_from_cldr_in_every_language(gazetteer, name, code):
    place = gazetteer.lookup(name)
    assert place is not None and place.kind == "country" and place.id == code


def test_unknown_places_are_not_guessed(gazetteer):
    assert gazetteer.lookup("Atlantis") is None
    assert gazetteer.lookup("") is None


def test_places_are_found_inside_a_sentence(gazetteer):
    found = [p.id for _, p in gazetteer.find_in_text("any incubateur in liege? or Bruxelles")]
    assert found == ["liege", "brussels"]


def test_great_circle_distance_matches_a_known_figure():
    # Paris (48.8566, 2.3522) to London (51.5074, -0.1278): about 344 km.
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=2)


def test_city_search_returns_only_that_city_then_its_country(session):
    result = search(session, Query(city="liege", any_tags=topic_tags("incubator"), limit=100))
    assert result.scope == "local" and result.total > 0
    cities = [h.entry.city_id for h in result.hits]
    assert "liege" in cities
    local_done = False
    for hit in result.hits:
        tags = {(t.kind, t.value) for t in hit.entry.tags}
        assert tags & set(topic_tags("incubator"))
        if hit.entry.city_id != "liege":
            local_done = True
            assert hit.entry.city_id is None and hit.entry.country == "BE"
        else:
            assert not local_done, "local entries come first"


def test_country_search_stays_in_the_country(session):
    result = search(session, Query(country="BE", limit=500))
    assert result.total > 10
    assert all(h.entry.country == "BE" for h in result.hits)


def test_category_and_need_filters(session):
    result = search(session, Query(category="regularisation_route", limit=100))
    assert result.total >= 3
    assert all("regularisation_route" in h.entry.tag_values("category") for h in result.hits)
    result = search(session, Query(need="residence_permit", limit=500))
    assert result.total >= 3
    assert all("residence_permit" in h.entry.tag_values("need") for h in result.hits)


def test_language_filter(session):
    everything = search(session, Query(limit=1000)).hits
    langs = {lang for h in everything for lang in h.entry.tag_values("language")}
    assert langs, "some entries state their languages"
    lang = sorted(langs)[0]
    result = search(session, Query(language=lang, limit=1000))
    assert 0 < result.total < len(everything)
    assert all(lang in h.entry.tag_values("language") for h in result.hits)


@pytest.mark.parametrize("text, expected", [
    ("Diomcoop", "diomcoop"), ("diomcop", "diomcoop"),          # typo
    ("emmaus", "emmaus"), ("EMMAÜS", "emmaus"),                   # accents either way
    ("magdas hotel", "magdas"),
])
def test_free_text_tolerates_accents_and_typos(session, text, expected):
    result = search(session, Query(text=text, limit=5))
    assert result.hits, text
    assert any(expected in h.entry.id for h in result.hits[:3]), [h.entry.id for h in result.hits]


def test_nothing_local_gives_the_nearest_cities_with_distances(session, gazetteer):
    warsaw = gazetteer.cities["warsaw"]   # nothing in Warsaw
    result = search(session, Query(city="warsaw", any_tags=topic_tags("one_stop_shop")))
    assert result.scope == "nearest"
    assert result.hits and result.nearest
    distances = [n["distance_km"] for n in result.nearest]
    assert distances == sorted(distances) and distances[0] > 0
    for hit in result.hits:
        city = gazetteer.cities[hit.entry.city_id]
        assert hit.entry.city_id != "warsaw"
        assert hit.distance_km == pytest.approx(distance_km(warsaw.lat, warsaw.lon, city.lat, city.lon), abs=0.1)
    # No other city with a one-stop shop is nearer than the nearest one given.
    everywhere = search(session, Query(any_tags=topic_tags("one_stop_shop"), limit=1000)).hits
    all_distances = [distance_km(warsaw.lat, warsaw.lon, gazetteer.cities[h.entry.city_id].lat,
                                 gazetteer.cities[h.entry.city_id].lon) for h in everywhere if h.entry.city_id]
    assert distances[0] == pytest.approx(min(all_distances), abs=0.1)


def test_pagination_does_not_repeat_or_lose_entries(session):
    full = [h.entry.id for h in search(session, Query(limit=1000)).hits]
    pages = []
    for offset in range(0, len(full), 25):
        pages += [h.entry.id for h in search(session, Query(limit=25, offset=offset)).hits]
    assert pages == full


def test_the_gazetteer_is_built_once_per_version_of_the_cities(sqlite_url, tmp_path):
    import shutil

    import yaml

    from bot.db import new_session
    from bot.directory.loader import load
    from tests.conftest import KB_DIR, SEEDS_DIR

    kb_dir = tmp_path / "kb"
    shutil.copytree(KB_DIR, kb_dir)
    load(sqlite_url, kb_dir, SEEDS_DIR)
    with new_session(sqlite_url) as session:
        first = Gazetteer.from_db(session)
        assert Gazetteer.from_db(session) is first   # nothing changed: not built again
        assert first.lookup("Luttich-sur-Meuse") is None
    cities = yaml.safe_load((kb_dir / "cities.yml").read_text())
    cities["cities"][0]["aliases"].append("Luttich-sur-Meuse")
    (kb_dir / "cities.yml").write_text(yaml.safe_dump(cities, allow_unicode=True))
    assert load(sqlite_url, kb_dir, SEEDS_DIR).changed
    with new_session(sqlite_url) as session:
        rebuilt = Gazetteer.from_db(session)
    assert rebuilt is not first and rebuilt.lookup("Luttich-sur-Meuse").id == cities["cities"][0]["id"]

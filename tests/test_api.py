"""The directory API over real HTTP: uvicorn serving the app on a real SQLite file."""
from __future__ import annotations

import httpx
import pytest

from tests.conftest import free_port
from tests.servers import python, running


@pytest.fixture(scope="module")
def api(loaded_sqlite):
    port = free_port()
    with running(python("-m", "uvicorn", "bot.web.app:app", "--port", str(port), "--ws", "none"),
                 {"DATABASE_URL": loaded_sqlite}, f"http://127.0.0.1:{port}/health"):
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            yield client


def test_list_with_filters_and_pagination(api):
    first = api.get("/api/entries", params={"limit": 10}).json()
    assert first["total"] > 100 and len(first["items"]) == 10
    second = api.get("/api/entries", params={"limit": 10, "offset": 10}).json()
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    routes = api.get("/api/entries", params={"category": "regularisation_route", "limit": 100}).json()
    assert routes["total"] >= 3
    for item in routes["items"]:
        assert item["sources"] and item["sources"][0]["label"]


def test_place_in_any_language_and_nearest(api):
    liege = api.get("/api/entries", params={"place": "Luik", "limit": 100}).json()
    assert liege["place"] == "liege" and liege["scope"] == "local"
    assert liege["items"][0]["city"] == "liege"
    lisbon = api.get("/api/entries", params={"place": "Varsovie", "category": "one_stop_shop"}).json()
    assert lisbon["scope"] == "nearest" and lisbon["nearest"]
    assert all(i["distance_km"] > 0 for i in lisbon["items"])


def test_one_entry_and_its_language(api):
    some = api.get("/api/entries", params={"q": "diomcoop"}).json()["items"][0]
    entry = api.get(f"/api/entries/{some['id']}").json()
    assert entry["name"] == some["name"] and entry["description_lang"] == "en"
    french = api.get(f"/api/entries/{some['id']}", params={"lang": "fr"}).json()
    assert french["description_lang"] == "fr" and french["description"] != entry["description"]


def test_cities(api):
    cities = api.get("/api/cities", params={"country": "be"}).json()
    assert {"liege", "brussels"} <= {c["id"] for c in cities}
    assert all(c["country"] == "BE" for c in cities)


@pytest.mark.parametrize("path, status", [
    ("/api/entries/no-such-entry", 404),
    ("/api/entries?place=Atlantis", 404),
    ("/api/entries?city=atlantis", 404),
    ("/api/entries?category=bakery", 422),
    ("/api/entries?limit=100000", 422),
    ("/api/entries?country=Belgium", 422),
])
def test_bad_input_gets_a_clear_error_not_a_crash(api, path, status):
    response = api.get(path)
    assert response.status_code == status
    assert response.json()["detail"]


def test_openapi_docs(api):
    assert api.get("/docs").status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/entries", "/api/entries/{entry_id}", "/api/cities"} <= set(paths)

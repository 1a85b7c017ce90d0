"""The spaCy PhraseMatcher component: places and initiatives in any language, as ids."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.directory_matcher import DirectoryMatcher, Matcher, directory_names


@pytest.fixture(scope="module")
def matcher(loaded_sqlite):
    return Matcher(directory_names(loaded_sqlite)[1])


@pytest.mark.parametrize("text, expected", [
    ("incubateur à Luik", [("city", "liege", "Luik")]),
    ("incubateur a LIEGE stp", [("city", "liege", "LIEGE")]),
    ("je vis près d'Anvers", [("city", "antwerp", "Anvers")]),          # French elision split
    ("lavoro nell'Italia, a Liegi", [("country", "IT", "Italia"), ("city", "liege", "Liegi")]),
    ("lavoro dell’Italia", [("country", "IT", "Italia")]),               # with a typographic apostrophe
    ("je viens de Côte d'Ivoire", [("country", "CI", "Côte d'Ivoire")]),  # an elision inside a name
    ("ابحث عن عمل ببروكسل", [("city", "brussels", "ببروكسل")]),         # Arabic clitic
    ("mentoring in Belgium", [("country", "BE", "Belgium")]),
    ("tell me about diomcoop", [("initiative", "diomcoop", "diomcoop")]),
    ("Emmaus Roya", [("initiative", "emmaus-roya", "Emmaus Roya")]),    # longest match wins
    ("I need a job", []),
])
def test_names_are_found_folded_and_given_as_ids(matcher, text, expected):
    found = [(e["entity"], e["value"], e["text"]) for e in matcher.entities(text)]
    assert found == expected
    for e in matcher.entities(text):
        assert text[e["start"]:e["end"]] == e["text"]


def test_the_component_adds_entities_and_reads_the_database_it_is_given(loaded_sqlite, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", loaded_sqlite)
    component = DirectoryMatcher()
    message = Message(data={"text": "une coopérative à Lieja", "entities": [{"entity": "need", "value": "employment"}]})
    component.process([message])
    assert {"entity": "need", "value": "employment"} in message.get("entities")
    assert any(e["entity"] == "city" and e["value"] == "liege" for e in message.get("entities"))


def test_without_a_directory_it_recognises_nothing_and_does_not_fail(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    message = Message(data={"text": "incubator in Liège"})
    DirectoryMatcher().process([message])
    assert not message.get("entities")


def test_the_matchers_place_replaces_the_classifiers_on_the_same_span():
    from bot.nlu.directory_matcher import merge

    diet = [{"entity": "city", "value": "Luik", "start": 11, "end": 15},
            {"entity": "need", "value": "housing", "start": 0, "end": 7}]
    matched = [{"entity": "city", "value": "liege", "start": 11, "end": 15}]
    assert merge(diet, matched) == [diet[1], matched[0]]
    unknown_city = [{"entity": "city", "value": "Tromsø", "start": 20, "end": 26}]
    assert merge(unknown_city, matched) == unknown_city + matched

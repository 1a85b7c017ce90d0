"""The custom actions, run with real rasa_sdk Trackers against the real directory in SQLite."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionExplainRoutes, ActionSearchDirectory, ValidateSearchForm


@pytest.fixture(autouse=True)
def database(loaded_sqlite, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", loaded_sqlite)


def tracker(text: str, intent: str, slots=None, entities=None, requested_slot=None, earlier=()) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    events = [{"event": "user", "text": t, "parse_data": {"intent": {"name": i}, "entities": []}} for t, i in earlier]
    events.append({"event": "user", "text": text, "parse_data": message})
    slots = {"language": "en", "requested_slot": requested_slot, **(slots or {})}
    return Tracker("test-user", slots, message, events, False, None,
                   {"name": "search_form"} if requested_slot else {}, "action_listen")


def cards(dispatcher):
    return [m["custom"]["card"] for m in dispatcher.messages if m.get("custom")]


async def run(action, t):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, {"forms": {"search_form": {"required_slots": ["place"]}},
                                               "slots": {"place": {}}})
    return dispatcher, events


async def test_the_form_takes_the_place_from_the_question_in_any_language():
    form = ValidateSearchForm()
    for text, expected in [("incubateur à Luik", "city:liege"), ("mentoring in belgium", "country:BE"),
                           ("un guichet unique a lisboa", "city:lisbon"), ("بلجيكا", "country:BE")]:
        dispatcher = CollectingDispatcher()
        result = await form.extract_place(dispatcher, tracker(text, "ask_incubator"), {})
        assert result == {"place": expected}, text


async def test_the_form_accepts_anywhere_and_reports_an_unknown_place():
    form = ValidateSearchForm()
    dispatcher = CollectingDispatcher()
    assert await form.extract_place(dispatcher, tracker("anywhere", "inform", requested_slot="place"), {}) == \
        {"place": "anywhere"}
    dispatcher = CollectingDispatcher()
    assert await form.extract_place(dispatcher, tracker("Atlantis", "inform", requested_slot="place"), {}) == {}
    assert dispatcher.messages[0]["kind"] == "unknown_place"
    assert '"Atlantis"' in dispatcher.messages[0]["text"]
    # Not asked yet: a question without a place is not an error.
    dispatcher = CollectingDispatcher()
    assert await form.extract_place(dispatcher, tracker("an incubator please", "ask_incubator"), {}) == {}
    assert dispatcher.messages == []


async def test_search_lists_local_entries_with_contact_and_source():
    dispatcher, _ = await run(ActionSearchDirectory(), tracker(
        "liege", "inform", slots={"topic": "incubator", "place": "city:liege"},
        earlier=[("I need an incubator", "ask_incubator")]))
    assert dispatcher.messages[0]["kind"] == "results_local"
    assert "Liège" in dispatcher.messages[0]["text"]
    found = cards(dispatcher)
    assert found and found[0]["city"] == "liege"
    for c in found:
        assert c["sources"] and c["sources"][0]["label"]
        assert "Source:" in next(m["text"] for m in dispatcher.messages if m.get("custom", {}).get("card") == c)


async def test_nothing_local_is_said_as_such_with_the_nearest():
    dispatcher, _ = await run(ActionSearchDirectory(), tracker(
        "one-stop shop in Warsaw", "ask_one_stop_shop", slots={"topic": "one_stop_shop", "place": "city:warsaw"}))
    first = dispatcher.messages[0]
    assert first["kind"] == "results_nearest" and "Warsaw" in first["text"]
    assert " km)" in first["text"]
    assert all(c["city"] != "warsaw" and c["distance_km"] > 0 for c in cards(dispatcher))


async def test_without_contact_details_the_nearest_contact_point_that_has_some_is_given():
    # The guide describes Lisbon's one-stop shop but prints no contact for it.
    dispatcher, _ = await run(ActionSearchDirectory(), tracker(
        "one-stop shop in Lisbon", "ask_one_stop_shop", slots={"topic": "one_stop_shop", "place": "city:lisbon"}))
    assert dispatcher.messages[0]["kind"] == "results_local"
    found = cards(dispatcher)
    assert found[0]["city"] == "lisbon" and not found[0]["contacts"]
    note = next(m for m in dispatcher.messages if m.get("kind") == "no_contact_nearest")
    helper = found[-1]
    assert helper["contacts"] and helper["distance_km"] > 0
    assert helper["city_name"] in note["text"]


async def test_a_named_initiative_is_shown_directly():
    dispatcher, _ = await run(ActionSearchDirectory(), tracker(
        "tell me about Diomcoop", "find_initiative", slots={"topic": "initiative", "place": "anywhere"}))
    assert dispatcher.messages[0]["kind"] == "named_entries"
    assert any("diomcoop" in c["id"] for c in cards(dispatcher))


async def test_the_oacas_route_is_explained_with_its_conditions():
    dispatcher, _ = await run(ActionExplainRoutes(), tracker("how does the OACAS route work?", "ask_regularisation"))
    found = cards(dispatcher)
    assert found and found[0]["category"] == "regularisation_route" and found[0]["country"] == "FR"
    assert found[0]["conditions"], "the OACAS conditions are listed"
    kinds = [m["kind"] for m in dispatcher.messages]
    assert kinds.index("routes_note") < kinds.index("routes_advice")
    # The contact point that can advise: in France, with contact details.
    adviser = dispatcher.messages[kinds.index("routes_advice") + 1]["custom"]["card"]
    assert adviser["country"] == "FR" and adviser["contacts"] and adviser["category"] != "regularisation_route"


async def test_routes_without_a_name_lists_them_all_with_the_warning():
    dispatcher, _ = await run(ActionExplainRoutes(), tracker("can working give me papers?", "ask_regularisation"))
    assert dispatcher.messages[0]["kind"] == "routes_intro"
    countries = {c["country"] for c in cards(dispatcher)}
    assert {"FR", "ES", "IT"} <= countries


async def test_routes_for_a_country_without_one_say_so():
    dispatcher, _ = await run(ActionExplainRoutes(), tracker("papers through a coop in Portugal?", "ask_regularisation"))
    assert dispatcher.messages[0]["kind"] == "routes_none_in_country"
    assert "Portugal" in dispatcher.messages[0]["text"]


def language_tracker(text, intent="greet", slots=None, entities=None, metadata=None, detection=True):
    from bot.i18n.detection import detect

    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or [],
               "metadata": metadata or {}}
    if detection:
        message["language_detection"] = detect(text).as_dict()
    return Tracker("u", {"language": None, "language_source": None, **(slots or {})}, message,
                   [{"event": "user", "text": text, "parse_data": message}], False, None, {}, "action_listen")


async def resolved(t):
    from actions.actions import ActionResolveLanguage

    events = await ActionResolveLanguage().run(CollectingDispatcher(), t, {})
    return {e["name"]: e["value"] for e in events}


async def test_language_from_the_page_metadata_then_kept_on_one_word():
    assert await resolved(language_tracker("hello", metadata={"language": "nl"})) == \
        {"language": "nl", "language_source": "metadata"}
    assert await resolved(language_tracker("merci", slots={"language": "nl", "language_source": "metadata"})) == \
        {"language": "nl", "language_source": "metadata"}


async def test_language_switch_by_button_and_by_a_long_message():
    button = language_tracker("/set_language", intent="set_language", entities=[{"entity": "language", "value": "ar"}],
                              slots={"language": "fr", "language_source": "detected"})
    assert await resolved(button) == {"language": "ar", "language_source": "explicit"}
    long_french = language_tracker("bonjour je cherche un logement pour ma famille à Bruxelles",
                                   slots={"language": "en", "language_source": "detected"})
    assert (await resolved(long_french))["language"] == "fr"


async def test_language_is_detected_even_without_the_nlu_result():
    t = language_tracker("hola necesito ayuda con mis papeles en Madrid", detection=False)
    assert (await resolved(t))["language"] == "es"


async def test_the_affirmation_offers_the_two_likeliest_topics_in_the_users_language():
    from actions.actions import ActionAskAffirmation

    message = {"text": "xyz", "intent": {"name": "nlu_fallback"}, "entities": [], "intent_ranking": [
        {"name": "nlu_fallback"}, {"name": "greet"}, {"name": "ask_incubator"}, {"name": "ask_housing"},
        {"name": "ask_mentoring"}]}
    t = Tracker("u", {"language": "fr"}, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    await ActionAskAffirmation().run(dispatcher, t, {})
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/ask_incubator", "/ask_housing", "/out_of_scope"]
    from bot.i18n.catalogues import gettext
    assert buttons[0]["title"] == gettext("fr", "incubators and business support") != "incubators and business support"

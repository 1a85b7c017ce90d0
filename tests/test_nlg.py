"""Responses in the conversation's language: the NLG class Rasa loads, the catalogues, Babel."""
from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.i18n import workflow
from bot.i18n.catalogues import gettext, ngettext
from bot.i18n.formatting import PLACEHOLDER, fill
from bot.i18n.languages import SUPPORTED, language_name
from bot.messages import MESSAGES, PLURALS, render
from bot.i18n.nlg import PasserelleNLG, localize_response
from bot.settings import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def test_every_language_has_every_string_and_none_is_fuzzy():
    assert workflow.check() == []


def tracker_in(lang):
    tracker = DialogueStateTracker.from_events("t", [], slots=DOMAIN.slots)
    tracker.update(SlotSet("language", lang))
    return tracker


async def generate(name, lang, **kwargs):
    nlg = PasserelleNLG(domain=DOMAIN)
    return await nlg.generate(name, tracker_in(lang), "rest", **kwargs)


@pytest.mark.parametrize("lang", SUPPORTED)
async def test_responses_are_rendered_from_the_catalogue(lang):
    english = DOMAIN.responses["utter_greet"][0]["text"]
    message = await generate("utter_greet", lang)
    assert message["text"] == gettext(lang, english)
    assert (message["text"] == english) == (lang == "en")
    assert message["language"] == lang
    assert message["direction"] == ("rtl" if lang == "ar" else "ltr")


async def test_button_payloads_are_kept_as_they_are_and_no_error_is_logged(capfd):
    message = await generate("utter_ask_handoff_method", "fr")
    assert [b["payload"] for b in message["buttons"]] == [
        b["payload"] for b in DOMAIN.responses["utter_ask_handoff_method"][0]["buttons"]]
    assert message["buttons"][0]["title"] == gettext("fr", "Here, in this chat") != "Here, in this chat"
    said = capfd.readouterr()        # Rasa's interpolator logs through structlog, straight to the stream
    assert "KeyError" not in said.out + said.err and "interpolat" not in said.out + said.err


@pytest.mark.parametrize("lang", SUPPORTED)
async def test_the_language_is_named_in_itself_from_cldr(lang):
    message = await generate("utter_language_set", lang)
    assert language_name(lang, lang) in message["text"] and "{" not in message["text"]


@pytest.mark.parametrize("lang", SUPPORTED)
def test_what_actions_say_is_translated_and_filled(lang):
    # Every message an action can say, with every placeholder given a value.
    for kind in list(MESSAGES) + list(PLURALS):
        english = MESSAGES[kind] if kind in MESSAGES else PLURALS[kind][1]
        values = {name: f"<{name}>" for name in PLACEHOLDER.findall(english)}
        if kind in PLURALS:
            values["count"] = 3
        text = render(lang, kind, **values)
        assert "{" not in text, (lang, kind)
        assert all(str(v) in text for k, v in values.items() if k != "count"), (lang, kind)
        assert (text == fill(english, values, "en")) == (lang == "en"), (lang, kind)


def test_plurals_follow_each_languages_rules():
    assert "1 more result." in render("en", "results_more", count=1)
    assert "7 more results." in render("en", "results_more", count=7)
    # Arabic has six plural forms: 1, 2, 3-10, 11-99 and 100+ take different ones.
    singular, plural = PLURALS["results_more"]
    forms = {n: ngettext("ar", singular, plural, n) for n in (0, 1, 2, 5, 11, 100)}
    assert len(set(forms.values())) >= 4
    assert render("ar", "results_more", count=5).startswith(forms[5].split("{count}")[0])


def test_a_response_with_a_singular_is_a_plural_pair_for_the_nlg():
    singular, plural = PLURALS["results_more"]
    response = {"text": plural, "metadata": {"singular": singular}}
    assert localize_response(response, "en", {"count": 1})["text"] == singular
    arabic = localize_response(response, "ar", {"count": 5})["text"]
    assert arabic == ngettext("ar", singular, plural, 5) and arabic != plural
    assert "metadata" not in localize_response(response, "fr", {"count": 2})


def test_numbers_are_written_as_the_language_writes_them():
    assert "12" in render("ar", "results_more", count=12) or "١٢" in render("ar", "results_more", count=12)
    assert "1,234" in render("en", "results_more", count=1234)
    assert "1\u202f234" in render("fr", "results_more", count=1234) or "1 234" in render("fr", "results_more", count=1234)


async def test_the_unsupported_language_answer_stays_in_english_and_french():
    for lang in ("ar", "nl"):
        message = await generate("utter_unsupported_language", lang)
        assert "Sorry, I speak only" in message["text"] and "Désolé" in message["text"]
        assert [b["title"] for b in message["buttons"]] == ["English", "Français", "Nederlands", "Español",
                                                            "Italiano", "العربية"]

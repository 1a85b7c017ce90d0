"""Responses in the conversation's language: the NLG class Rasa loads, the catalogues, Babel."""
from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.i18n import workflow
from bot.i18n.catalogues import gettext, ngettext
from bot.i18n.languages import SUPPORTED
from bot.i18n.nlg import PasserelleNLG
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


@pytest.mark.parametrize("lang", SUPPORTED)
async def test_variables_fill_the_translated_text(lang):
    message = await generate("utter_results_local", lang, topic_label="X-TOPIC", place_name="Y-PLACE")
    assert "X-TOPIC" in message["text"] and "Y-PLACE" in message["text"]
    assert "{" not in message["text"]


async def test_plurals_follow_each_languages_rules():
    one, many = await generate("utter_results_more", "en", count=1), await generate("utter_results_more", "en", count=7)
    assert "1 more result." in one["text"] and "7 more results." in many["text"]
    # Arabic has six plural forms: 1, 2, 3-10, 11-99 and 100+ take different ones.
    forms = {n: ngettext("ar", "I have {count} more result. Ask me about a more precise city to narrow it down.",
                         "I have {count} more results. Ask me about a more precise city to narrow them down.", n)
             for n in (0, 1, 2, 5, 11, 100)}
    assert len(set(forms.values())) >= 4
    arabic = await generate("utter_results_more", "ar", count=5)
    assert arabic["text"].startswith(forms[5].split("{count}")[0])


async def test_numbers_are_written_as_the_language_writes_them():
    message = await generate("utter_results_more", "ar", count=12)
    assert "12" in message["text"] or "١٢" in message["text"]


async def test_the_unsupported_language_answer_stays_in_english_and_french():
    for lang in ("ar", "nl"):
        message = await generate("utter_unsupported_language", lang)
        assert "Sorry, I speak only" in message["text"] and "Désolé" in message["text"]
        assert [b["title"] for b in message["buttons"]] == ["English", "Français", "Nederlands", "Español",
                                                            "Italiano", "العربية"]

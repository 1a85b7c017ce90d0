"""Custom actions: thin. They ask bot/ and say what it found."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import conversation
from bot.db import new_session
from bot.directory.places import Gazetteer
from bot.i18n.detection import NOTHING, Detection, detect
from bot.i18n.languages import DEFAULT, direction, language_name, supported
from bot.i18n.resolution import explicit_choice, resolve
from bot.i18n.catalogues import gettext
from bot.settings import load_settings
from bot.topics import INTENT_CHOICES, SOMETHING_ELSE


def _session():
    # Settings are read per call: cheap, and the database can be switched without a restart.
    return new_session(load_settings().database_url)


def _say(dispatcher: CollectingDispatcher, replies: List[conversation.Reply], lang: str) -> None:
    # Texts made here carry their language and direction, as the NLG's responses do.
    marks = {"language": lang, "direction": direction(lang)}
    for reply in replies:
        if reply.card is not None:
            dispatcher.utter_message(text=reply.text, json_message={"type": "directory_card", "card": reply.card},
                                     **marks)
        elif reply.response:
            dispatcher.utter_message(response=reply.response, **reply.kwargs)
        else:
            dispatcher.utter_message(text=reply.text, **marks)


def _language(tracker: Tracker) -> str:
    return supported(tracker.get_slot("language")) or DEFAULT


class ValidateSearchForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_search_form"

    async def extract_place(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        with _session() as session:
            place = conversation.place_from_message(Gazetteer.from_db(session), text, message.get("entities", []))
        if place:
            return {"place": place}
        if tracker.get_slot("requested_slot") != "place":
            return {}
        if conversation.means_anywhere(text) or (message.get("intent") or {}).get("name") == "deny":
            return {"place": conversation.ANYWHERE}
        if text and not text.startswith("/"):
            dispatcher.utter_message(response="utter_unknown_place", place_text=text[:60])
        return {}

    async def validate_place(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        return {"place": slot_value}


class ActionSearchDirectory(Action):
    def name(self) -> Text:
        return "action_search_directory"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = self._question(tracker)
        with _session() as session:
            replies = conversation.search_replies(session, tracker.get_slot("topic"), tracker.get_slot("place"),
                                                  text, _language(tracker))
        _say(dispatcher, replies, _language(tracker))
        return []

    @staticmethod
    def _question(tracker: Tracker) -> str:
        """The message that asked the question (not the answer to "where?")."""
        for event in reversed(tracker.events):
            if event.get("event") == "user" and (event.get("parse_data") or {}).get("intent", {}).get("name") != "inform":
                return event.get("text") or ""
        return ""


class ActionExplainRoutes(Action):
    def name(self) -> Text:
        return "action_explain_routes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        with _session() as session:
            replies = conversation.route_replies(session, message.get("text") or "", message.get("entities", []),
                                                 _language(tracker))
        _say(dispatcher, replies, _language(tracker))
        return []


class ActionResolveLanguage(Action):
    """Runs on every user turn (the custom mapping of the `language` slot) and sets the
    conversation's language from an explicit choice, the page's locale or the message."""

    def name(self) -> Text:
        return "action_resolve_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        found = message.get("language_detection")
        detection = Detection(**found) if isinstance(found, dict) else (detect(text) if text else NOTHING)
        metadata = message.get("metadata") or {}
        locale = metadata.get("language") or metadata.get("locale") if isinstance(metadata, dict) else None
        resolution = resolve(
            current=tracker.get_slot("language"), source=tracker.get_slot("language_source"),
            explicit=explicit_choice((message.get("intent") or {}).get("name"), message.get("entities"), text),
            metadata_locale=locale, detection=detection)
        return [SlotSet("language", resolution.language), SlotSet("language_source", resolution.source)]


class ActionConfirmLanguage(Action):
    def name(self) -> Text:
        return "action_confirm_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = _language(tracker)
        dispatcher.utter_message(response="utter_language_set", language_name=language_name(lang, lang))
        return []


class ActionAskAffirmation(Action):
    """First stage of the two-stage fallback: offer the two likeliest topics as buttons."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = _language(tracker)
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        likely = [i["name"] for i in ranking if i.get("name") in INTENT_CHOICES][:2]
        buttons = [{"title": gettext(lang, INTENT_CHOICES[name]), "payload": f"/{name}"} for name in likely]
        buttons.append({"title": gettext(lang, SOMETHING_ELSE), "payload": "/out_of_scope"})
        dispatcher.utter_message(response="utter_ask_affirmation", buttons=buttons)
        return []

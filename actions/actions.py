"""Custom actions: thin. They ask bot/ and say what it found."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import conversation
from bot.db import new_session
from bot.directory.places import Gazetteer
from bot.settings import load_settings


def _session():
    # Settings are read per call: cheap, and the database can be switched without a restart.
    return new_session(load_settings().database_url)


def _say(dispatcher: CollectingDispatcher, replies: List[conversation.Reply]) -> None:
    for reply in replies:
        if reply.card is not None:
            dispatcher.utter_message(text=reply.text, json_message={"type": "directory_card", "card": reply.card})
        elif reply.response:
            dispatcher.utter_message(response=reply.response, **reply.kwargs)
        else:
            dispatcher.utter_message(text=reply.text)


def _language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or "en"


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
        _say(dispatcher, replies)
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
        _say(dispatcher, replies)
        return []

"""Custom actions: thin. They ask bot/ and say what it found."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from sqlalchemy.exc import SQLAlchemyError
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import conversation
from bot.db import new_session
from bot.directory.places import Gazetteer
from bot.handoff import reach
from bot.handoff.tickets import open_ticket
from bot.i18n.detection import NOTHING, Detection, detect
from bot.i18n.languages import DEFAULT, direction, supported
from bot.i18n.resolution import explicit_choice, resolve
from bot.i18n.catalogues import gettext
from bot.settings import load_settings
from bot.topics import INTENT_CHOICES, SOMETHING_ELSE


def _session():
    # Settings are read per call: cheap, and the database can be switched without a restart.
    return new_session(load_settings().database_url)


def _say(dispatcher: CollectingDispatcher, replies: List[conversation.Reply], lang: str) -> None:
    # Texts made here carry their kind, language and direction, as the NLG's responses do.
    marks = {"language": lang, "direction": direction(lang)}
    for reply in replies:
        custom = {"type": "directory_card", "card": reply.card} if reply.card is not None else None
        dispatcher.utter_message(text=reply.text, json_message=custom, buttons=reply.buttons or None,
                                 kind=reply.kind, **marks)


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
            _say(dispatcher, [conversation.say(_language(tracker), "unknown_place", place_text=text[:60])],
                 _language(tracker))
        return {}

    async def validate_place(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        return {"place": slot_value}


class ValidateExploitationForm(ValidateSearchForm):
    """The same question (where?) before the trade-union and legal contact points."""

    def name(self) -> Text:
        return "validate_exploitation_form"


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
        reply = conversation.say(lang, "ask_affirmation")
        reply.buttons = buttons
        _say(dispatcher, [reply], lang)
        return []


class ActionDefaultFallback(Action):
    """Replaces Rasa's default fallback, which the two-stage fallback runs when the person was
    not understood twice: besides the examples (utter_default), it offers a person."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = _language(tracker)
        dispatcher.utter_message(response="utter_default")
        offer = conversation.say(lang, "fallback_offer")
        intent = "request_human"
        offer.buttons = [{"title": gettext(lang, INTENT_CHOICES[intent]), "payload": f"/{intent}"}]
        _say(dispatcher, [offer], lang)
        # As Rasa's own: the message that was not understood does not shape what comes next.
        return [UserUtteranceReverted()]


class ValidateHandoffForm(FormValidationAction):
    """How the person wants to be reached: in the chat (nothing more to ask), or by phone or
    e-mail, then the number or address. Both optional: "no" means in the chat."""

    def name(self) -> Text:
        return "validate_handoff_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> List[Text]:
        if tracker.get_slot("handoff_method") in (reach.PHONE, reach.EMAIL):
            return ["handoff_method", "handoff_contact"]
        return ["handoff_method"]

    @staticmethod
    def _said(tracker: Tracker):
        message = tracker.latest_message or {}
        return message.get("text") or "", (message.get("intent") or {}).get("name"), message.get("entities") or []

    async def extract_handoff_method(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "handoff_method":
            return {}
        text, intent, entities = self._said(tracker)
        chosen = next((e.get("value") for e in entities if e.get("entity") == "handoff_method"), None)
        if chosen not in reach.METHODS:
            chosen = reach.CHAT if intent == "deny" else reach.method_in(text)
        if chosen is None:
            return {}
        found = reach.contact_in(text)
        return {"handoff_method": chosen, **({"handoff_contact": found[1]} if found else {})}

    async def extract_handoff_contact(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "handoff_contact":
            return {}
        text, intent, _ = self._said(tracker)
        found = reach.contact_in(text)
        if found:
            return {"handoff_method": found[0], "handoff_contact": found[1]}
        if intent == "deny":   # no number after all: staff answer in the chat
            return {"handoff_method": reach.CHAT, "handoff_contact": None}
        lang = _language(tracker)
        _say(dispatcher, [conversation.say(lang, "handoff_invalid_contact")], lang)
        return {}


def _forget_the_reach() -> List[Dict[Text, Any]]:
    # Emptied once used, so that a later handoff asks again.
    return [SlotSet("handoff_method", None), SlotSet("handoff_contact", None)]


class ActionOpenTicket(Action):
    """Opens the ticket that hands the conversation to staff, and says honestly what happens next."""

    def name(self) -> Text:
        return "action_open_ticket"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = _language(tracker)
        method = tracker.get_slot("handoff_method") or reach.CHAT
        contact = tracker.get_slot("handoff_contact") if method != reach.CHAT else None
        if method != reach.CHAT and not contact:
            method = reach.CHAT
        events = tracker.events_after_latest_restart()
        urgent = any((e.get("parse_data") or {}).get("intent", {}).get("name") == "report_exploitation"
                     for e in events if e.get("event") == "user")
        try:
            with _session() as session:
                ticket = open_ticket(session, conversation_id=tracker.sender_id,
                                     channel=tracker.get_latest_input_channel(), language=lang,
                                     topic=tracker.get_slot("topic"), place=tracker.get_slot("place"),
                                     urgent=urgent, reach_by=method, contact=contact, events=events)
        except SQLAlchemyError:
            # Never pretend: the person is told it failed and what to do instead.
            _say(dispatcher, [conversation.say(lang, "handoff_failed")], lang)
            return _forget_the_reach()
        with _session() as session:
            _say(dispatcher, conversation.handoff_replies(session, lang, method, ticket.id, contact,
                                                          tracker.get_slot("place")), lang)
        return _forget_the_reach()


class ActionForgetMe(Action):
    """Says it is done. The deleting (conversation and tickets, bot.privacy.forget) is done by
    bot/tracker_store.py once this turn ends: earlier, Rasa would save the conversation back."""

    def name(self) -> Text:
        return "action_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        lang = _language(tracker)
        _say(dispatcher, [conversation.say(lang, "forgotten")], lang)
        return []

"""What the assistant answers, decided here so that the Rasa actions stay thin.

Each function returns Replies: a message of bot/messages.py in the conversation's language, or a
directory card.
Places travel in the `place` slot as "city:<id>", "country:<ISO>" or "anywhere".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

from babel.lists import format_list
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.directory.hours import hours_text
from bot.directory.mentions import named_entries
from bot.directory.places import Gazetteer, Place
from bot.directory.render import card, card_text, distance_text
from bot.i18n.catalogues import gettext
from bot.messages import render
from bot.directory.search import Query, nearest_contact_point, search
from bot.text import fold
from bot.topics import TOPIC_LABELS, topic_tags

ANYWHERE = "anywhere"
ANYWHERE_WORDS = {fold(w) for w in (
    "anywhere", "everywhere", "any", "all", "doesn't matter", "does not matter", "no matter", "whatever",
    "partout", "n'importe où", "peu importe", "ça m'est égal", "n'importe",
    "overal", "maakt niet uit", "om het even", "waar dan ook",
    "en cualquier lugar", "en cualquier sitio", "donde sea", "da igual", "no importa", "todas partes",
    "ovunque", "dappertutto", "non importa", "qualsiasi posto",
    "في أي مكان", "أي مكان", "اي مكان", "في اي مكان", "كل مكان", "في كل مكان", "لا يهم", "مش مهم", "ما يهمش",
)}
RESULTS_SHOWN = 5


@dataclass
class Reply:
    kind: str                     # a key of bot.messages, or "directory_card"
    text: str
    card: Optional[Dict] = None
    buttons: List[Dict] = field(default_factory=list)


def say(lang: str, kind: str, **variables) -> Reply:
    return Reply(kind, render(lang, kind, **variables))


def encode_place(place: Place) -> str:
    return f"{place.kind}:{place.id}"


def decode_place(gazetteer: Gazetteer, value: Optional[str]) -> Optional[Place]:
    if not value or value == ANYWHERE or ":" not in value:
        return None
    kind, ident = value.split(":", 1)
    return gazetteer.cities.get(ident) if kind == "city" else gazetteer.country(ident)


def place_from_message(gazetteer: Gazetteer, text: str, entities: Iterable[Dict]) -> Optional[str]:
    """The place a message names: entities first, then any known place name in the text."""
    for entity in entities:
        if entity.get("entity") in ("city", "country") and isinstance(entity.get("value"), str):
            place = gazetteer.lookup(entity["value"])
            if place:
                return encode_place(place)
    found = [p for _, p in gazetteer.find_in_text(text or "")]
    for place in sorted(found, key=lambda p: p.kind != "city"):
        return encode_place(place)
    return None


def means_anywhere(text: str) -> bool:
    return fold(text) in ANYWHERE_WORDS


def _card_reply(entry, lang: str, distance_km: Optional[float] = None) -> Reply:
    c = card(entry, lang, distance_km)
    return Reply("directory_card", card_text(c, lang), card=c)


def topic_query(topic: Optional[str], place: Optional[Place], limit: int = RESULTS_SHOWN) -> Query:
    """The directory query that answers a topic where a place is (anywhere without one)."""
    query = Query(any_tags=topic_tags(topic), limit=limit)
    if place and place.kind == "city":
        query.city = place.id
    elif place:
        query.country = place.id
    return query


def search_replies(session: Session, topic: Optional[str], place_value: Optional[str], text: str,
                   lang: str = "en") -> List[Reply]:
    """Answer a directory question about a topic, where the person is."""
    topic = topic or "initiative"
    label = gettext(lang, TOPIC_LABELS.get(topic, topic))
    if topic == "initiative":
        named = named_entries(session, text)
        if named:
            return [say(lang, "named_entries")] + [_card_reply(e, lang) for e in named[:RESULTS_SHOWN]]
    gazetteer = Gazetteer.from_db(session)
    place = decode_place(gazetteer, place_value)
    result = search(session, topic_query(topic, place), gazetteer)
    if not result.hits:
        return [say(lang, "results_none", topic_label=label)]
    replies: List[Reply] = []
    if result.scope == "nearest":
        nearest = format_list([f"{gazetteer.cities[n['city']].name(lang)} ({distance_text(n['distance_km'], lang)})"
                               for n in result.nearest], locale=lang)
        replies.append(say(lang, "results_nearest", topic_label=label, place_name=place.name(lang),
                           nearest=nearest))
    elif place:
        replies.append(say(lang, "results_local", topic_label=label, place_name=place.name(lang)))
    else:
        replies.append(say(lang, "results_everywhere", topic_label=label))
    replies += [_card_reply(h.entry, lang, h.distance_km) for h in result.hits]
    if result.total > len(result.hits):
        replies.append(say(lang, "results_more", count=result.total - len(result.hits)))
    if place and not any(any((h.entry.contacts or {}).values()) for h in result.hits):
        replies += _contact_point_replies(session, gazetteer, place, lang)
    return replies


def _contact_point_replies(session: Session, gazetteer: Gazetteer, place: Place, lang: str) -> List[Reply]:
    """The documents give no contact for what was found: say so, and give the nearest that has one."""
    hit = nearest_contact_point(session, place, gazetteer)
    if hit is None:
        return [say(lang, "no_contact_details")]
    city = gazetteer.cities[hit.entry.city_id]
    return [say(lang, "no_contact_nearest", place_name=city.name(lang),
                distance=distance_text(hit.distance_km, lang)),
            _card_reply(hit.entry, lang, hit.distance_km)]


def _entry_place(gazetteer: Gazetteer, entry) -> Optional[Place]:
    if entry.city_id:
        return gazetteer.cities.get(entry.city_id)
    if entry.country and entry.country != "EU":
        return gazetteer.country(entry.country)
    return None


def _advice_replies(session: Session, gazetteer: Gazetteer, place: Optional[Place], lang: str) -> List[Reply]:
    """The contact point nearest to a route's place, which can check a person's own situation."""
    hit = nearest_contact_point(session, place, gazetteer) if place else None
    if hit is None:
        return []
    return [say(lang, "routes_advice"), _card_reply(hit.entry, lang, hit.distance_km)]


def route_replies(session: Session, text: str, entities: Iterable[Dict], lang: str = "en") -> List[Reply]:
    """Explain the routes from the SSE to a residence permit: the one named, those of the
    country named, or all of them; always with the warning that rules differ and change, and,
    where the place is known, the contact point that can advise."""
    gazetteer = Gazetteer.from_db(session)
    named = named_entries(session, text, category="regularisation_route")
    if named:
        return ([_card_reply(e, lang) for e in named] + [say(lang, "routes_note")]
                + _advice_replies(session, gazetteer, _entry_place(gazetteer, named[0]), lang))
    place = decode_place(gazetteer, place_from_message(gazetteer, text, entities))
    everywhere = search(session, Query(category="regularisation_route", limit=20), gazetteer).hits
    if place:
        inside = [h for h in everywhere if h.entry.country == place.country]
        if inside:
            return ([_card_reply(h.entry, lang) for h in inside] + [say(lang, "routes_note")]
                    + _advice_replies(session, gazetteer, place, lang))
        return ([say(lang, "routes_none_in_country", place_name=place.name(lang))]
                + [_card_reply(h.entry, lang) for h in everywhere] + [say(lang, "routes_note")]
                + _advice_replies(session, gazetteer, place, lang))
    return [say(lang, "routes_intro")] + [_card_reply(h.entry, lang) for h in everywhere]


def handoff_replies(session: Session, lang: str, method: str, ticket_id: int, contact: Optional[str],
                    place_value: Optional[str]) -> List[Reply]:
    """What happens next, honestly: who answers and how, the nearest contact point's opening
    hours when a document gives them, and that the conversation can be forgotten."""
    replies = [say(lang, f"handoff_{method}", ticket=str(ticket_id), contact=contact or "")]
    try:
        gazetteer = Gazetteer.from_db(session)
        place = decode_place(gazetteer, place_value)
        hit = nearest_contact_point(session, place, gazetteer) if place else None
    except SQLAlchemyError:
        hit = None      # the ticket is written: a failed look-up only leaves the hours out
    if hit is not None and hit.entry.hours:
        replies.append(say(lang, "handoff_hours", name=hit.entry.name, hours=hours_text(hit.entry.hours, lang)))
    return replies + [say(lang, "handoff_kept")]

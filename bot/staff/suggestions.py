"""What staff are shown beside a ticket or a question: the directory entries that answer it
and the nearest contact point with contact details, found as the assistant finds them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

from sqlalchemy.orm import Session

from bot.conversation import decode_place, topic_query
from bot.directory.places import Gazetteer
from bot.directory.render import card
from bot.directory.search import nearest_contact_point, search
from bot.topics import INTENT_TOPICS, NEED_TOPICS


@dataclass
class Suggestions:
    place_name: Optional[str] = None
    entries: List[Dict] = field(default_factory=list)
    contact_point: Optional[Dict] = None


def topic_of(intent: Optional[str], entities: Iterable[Dict]) -> Optional[str]:
    """The topic a question is about: its intent's, else a need it names ("papers")."""
    topic = INTENT_TOPICS.get(intent or "")
    if topic in (None, "initiative"):
        for entity in entities:
            if entity.get("entity") == "need" and entity.get("value") in NEED_TOPICS:
                return NEED_TOPICS[entity["value"]]
    return topic


def suggest(session: Session, topic: Optional[str], place_value: Optional[str], lang: str, limit: int = 5,
            gazetteer: Optional[Gazetteer] = None) -> Suggestions:
    gazetteer = gazetteer or Gazetteer.from_db(session)
    place = decode_place(gazetteer, place_value)
    found = Suggestions(place_name=place.name(lang) if place else None)
    if topic:
        result = search(session, topic_query(topic, place, limit), gazetteer)
        found.entries = [card(h.entry, lang, h.distance_km) for h in result.hits]
    contact = nearest_contact_point(session, place, gazetteer) if place else None
    if contact is not None:
        found.contact_point = card(contact.entry, lang, contact.distance_km)
    return found



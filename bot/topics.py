"""What each question is about: the directory tags that answer it.

A topic is matched by an entry that has ANY of its tags, so that "a cooperative that hires"
finds cooperatives and social enterprises alike.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from bot.i18n.catalogues import N_

Tag = Tuple[str, str]   # (kind, value): kind is "category" or "need"

TOPICS: Dict[str, List[Tag]] = {
    "one_stop_shop": [("category", "one_stop_shop")],
    "incubator": [("category", "incubator"), ("need", "business_creation")],
    "mentoring": [("category", "mentoring"), ("need", "mentoring")],
    "cooperative_work": [("category", "cooperative"), ("category", "social_enterprise")],
    "training": [("category", "training"), ("need", "training")],
    "language_course": [("category", "language_learning"), ("need", "language_learning")],
    "housing": [("category", "housing"), ("need", "housing")],
    "rights_at_work": [("category", "trade_union_contact_point"), ("need", "rights_at_work")],
    "skills_recognition": [("need", "skills_recognition")],
    "contact_point": [("category", "trade_union_contact_point"), ("category", "one_stop_shop"),
                      ("category", "information_point")],
    "regularisation": [("category", "regularisation_route")],
    "initiative": [],
}

# The intent that asks about each topic.
INTENT_TOPICS = {
    "ask_one_stop_shop": "one_stop_shop", "ask_incubator": "incubator", "ask_mentoring": "mentoring",
    "ask_cooperative_work": "cooperative_work", "ask_training": "training",
    "ask_language_course": "language_course", "ask_housing": "housing",
    "ask_rights_at_work": "rights_at_work", "ask_skills_recognition": "skills_recognition",
    "ask_contact_point": "contact_point", "ask_regularisation": "regularisation",
    "find_initiative": "initiative",
}

# Needs named in a message ("papers") narrow a generic question to a topic.
NEED_TOPICS = {
    "residence_permit": "regularisation", "housing": "housing", "employment": "cooperative_work",
    "training": "training", "language_learning": "language_course", "business_creation": "incubator",
    "mentoring": "mentoring", "rights_at_work": "rights_at_work", "skills_recognition": "skills_recognition",
}


def topic_tags(topic: Optional[str]) -> List[Tag]:
    return TOPICS.get(topic or "initiative", [])

# English labels, marked for the catalogues; translated where they are shown.
TOPIC_LABELS = {
    "one_stop_shop": N_("one-stop shops"), "incubator": N_("incubators and business support"),
    "mentoring": N_("mentoring schemes"), "cooperative_work": N_("cooperatives and social enterprises"),
    "training": N_("training"), "language_course": N_("language courses"), "housing": N_("housing help"),
    "rights_at_work": N_("help with rights at work"), "skills_recognition": N_("recognition of skills and diplomas"),
    "contact_point": N_("contact points"), "regularisation": N_("routes to a residence permit"),
    "initiative": N_("initiatives"),
}

# Buttons offered when the bot is unsure what was meant (two-stage fallback), by intent.
INTENT_CHOICES = {
    **{intent: TOPIC_LABELS[topic] for intent, topic in INTENT_TOPICS.items()},
    "request_human": N_("Talk to a person"),
    "report_exploitation": N_("Report exploitation or abuse"),
}
SOMETHING_ELSE = N_("Something else")

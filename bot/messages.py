"""What the custom actions say, in English, marked for the catalogues.

Responses that rules and stories use stay utter_* in domain.yml, rendered by the NLG class;
these are the texts only an action decides to say (results, routes, tickets), so they live
beside the code that chooses them. Both go through the same catalogues and formatting.
Each message has a kind, sent with it as metadata so that clients and tests can tell them apart.
"""
from __future__ import annotations

from typing import Any

from bot.i18n.catalogues import N_, gettext, ngettext
from bot.i18n.formatting import fill


def N_plural(singular: str, plural: str) -> tuple:
    """Marks a singular/plural pair for extraction (translated where it is shown)."""
    return singular, plural


MESSAGES = {
    "unknown_place": N_("I do not know the place \"{place_text}\" yet. Could you tell me a nearby city, "
                        "or the country?"),
    "results_local": N_("Here is what I found for {topic_label} in {place_name}:"),
    "results_everywhere": N_("Here is what I found for {topic_label}:"),
    "results_nearest": N_("I found nothing for {topic_label} in {place_name}. The nearest places that have "
                          "something are {nearest}:"),
    "results_none": N_("I found nothing for {topic_label} in my directory. A contact point can advise you: "
                       "ask me for a contact point in your city."),
    "no_contact_details": N_("My documents give no contact details for these. A trade-union contact point or "
                             "your municipality can tell you how to reach them."),
    "no_contact_nearest": N_("My documents give no contact details for these. The nearest contact point that "
                             "gives some is in {place_name} ({distance}):"),
    "named_entries": N_("Here is what I know about it:"),
    "routes_intro": N_("Some European places link taking part in the social and solidarity economy with a "
                       "residence permit. Rules differ from country to country and change over time: before you "
                       "decide anything, ask a contact point or a lawyer to check your situation."),
    "routes_note": N_("Rules differ from country to country and change over time: before you decide anything, "
                      "ask a contact point or a lawyer to check your own situation."),
    "routes_none_in_country": N_("The documents I know describe no such route in {place_name}. Here are the "
                                 "routes they describe elsewhere:"),
    "routes_advice": N_("The contact point that can advise you on this:"),
    "ask_affirmation": N_("I am not sure I understood. Did you mean one of these?"),
    "handoff_invalid_contact": N_("That does not look like a phone number or an e-mail address. Write it again, "
                                  "or say \"no\" and a person will answer you here in the chat."),
    "handoff_chat": N_("Done: I have passed your conversation to the staff of a contact point (ticket "
                       "{ticket}). A person will answer you here, in this chat, as soon as they can during "
                       "their working hours. Until then I can still look things up for you."),
    "handoff_phone": N_("Done: I have passed your conversation to the staff of a contact point (ticket "
                        "{ticket}). A person will call you at {contact} as soon as they can during their "
                        "working hours."),
    "handoff_email": N_("Done: I have passed your conversation to the staff of a contact point (ticket "
                        "{ticket}). A person will write to you at {contact} as soon as they can during their "
                        "working hours."),
    "handoff_hours": N_("The nearest contact point, {name}, is open {hours}."),
    "handoff_kept": N_("They see what you wrote in this conversation. Say \"forget me\" at any time and I will "
                       "delete it, and the ticket with it."),
    "handoff_failed": N_("Sorry, I could not pass your conversation on just now. Please try again in a few "
                         "minutes, or contact one of the contact points directly. If you are in danger, "
                         "call 112."),
    "fallback_offer": N_("If you prefer, a person at a contact point can answer you."),
    "forgotten": N_("Done: I have deleted this conversation and anything passed on to staff. If you write "
                    "again, we start afresh."),
}

PLURALS = {
    "results_more": N_plural("I have {count} more result. Ask me about a more precise city to narrow it down.",
                             "I have {count} more results. Ask me about a more precise city to narrow them down."),
}


def render(lang: str, kind: str, **variables: Any) -> str:
    """The message `kind` in `lang`, filled with its variables."""
    if kind in PLURALS:
        singular, plural = PLURALS[kind]
        template = ngettext(lang, singular, plural, int(variables["count"]))
    else:
        template = gettext(lang, MESSAGES[kind])
    return fill(template, variables, lang)

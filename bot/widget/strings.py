"""Every string the widget shows, marked for the catalogues and served per language as JSON
(bot/web/routers/widget.py); the widget itself holds no text of its own."""
from __future__ import annotations

from typing import Dict

from bot.directory.render import CONTACT_LABELS, HOURS, NO_CONTACTS, SOURCE
from bot.i18n.catalogues import N_, gettext
from bot.i18n.languages import SUPPORTED, direction, language_name

STRINGS = {
    "title": N_("Passerelle: help for newcomers"),
    "open": N_("Open the chat"),
    "close": N_("Close the chat"),
    "welcome": N_("Hello! I can help you find one-stop shops, incubators, mentoring, cooperatives, "
                  "and routes to a residence permit. Write your question in your own language."),
    "placeholder": N_("Write your message"),
    "send": N_("Send"),
    "language": N_("Language"),
    "you": N_("You"),
    "bot": N_("Passerelle"),
    "staff": N_("A person from the contact point"),
    "sending": N_("Not sent yet"),
    "offline": N_("You are offline. Your messages will be sent when the connection comes back."),
    "reconnected": N_("Connected again."),
    "delete": N_("Delete my conversation"),
    "delete_confirm": N_("Delete this conversation from this browser and from our server? "
                         "Any request passed to a person is deleted too."),
    "delete_yes": N_("Yes, delete it"),
    "delete_no": N_("No, keep it"),
    "deleted": N_("Your conversation has been deleted."),
    "delete_failed": N_("The conversation could not be deleted. Please try again in a moment."),
    "privacy_session": N_("Your messages are kept on our server until you delete them, and in this "
                          "browser until you close the tab. No cookies, no tracking."),
    "privacy_local": N_("Your messages are kept on our server and in this browser until you delete "
                        "them. No cookies, no tracking."),
    "more": N_("Show more"),
    "less": N_("Show less"),
    "source": SOURCE,
    "hours": HOURS,
    "no_contacts": NO_CONTACTS,
    **{f"contact_{kind}": label for kind, label in CONTACT_LABELS.items()},
}


def catalogue(lang: str) -> Dict:
    """What the widget needs to speak `lang`: its strings, direction and the language picker."""
    return {
        "language": lang,
        "direction": direction(lang),
        "strings": {key: gettext(lang, text) for key, text in STRINGS.items()},
        "languages": [{"code": code, "name": language_name(code), "direction": direction(code)}
                      for code in SUPPORTED],
    }

"""The NLG class Rasa loads in-process (endpoints.yml `nlg: type: bot.i18n.nlg.PasserelleNLG`).

Each utter_* keeps its English source text in domain.yml; this renders it in the conversation's
language from the gettext catalogue, with plurals (a response whose `metadata.singular` gives the
singular form is an ngettext pair, counted by its `count` variable) and numbers formatted for
that language by Babel. Every message carries `language` and `direction` ("rtl" for Arabic) so
that clients can set dir="rtl".
"""
from __future__ import annotations

import copy
from typing import Any, Dict, Optional

from rasa.core.nlg import TemplatedNaturalLanguageGenerator

from bot.i18n.catalogues import gettext as translate, ngettext as translate_plural   # (dynamic ids: not extracted)
from bot.i18n.formatting import format_variables
from bot.i18n.languages import DEFAULT, direction, language_name, supported


def localize_response(response: Dict[str, Any], lang: str, variables: Dict[str, Any]) -> Dict[str, Any]:
    """A response variation with its text and button titles in `lang` (still to be filled)."""
    response = copy.deepcopy(response)
    if (response.get("metadata") or {}).get("translate") is False:
        response.pop("metadata", None)
        return response
    singular = (response.get("metadata") or {}).get("singular")
    if singular and "count" in variables:
        response["text"] = translate_plural(lang, singular, response["text"], int(variables["count"]))
    elif response.get("text"):
        response["text"] = translate(lang, response["text"])
    for key in ("buttons", "quick_replies"):
        for button in response.get(key) or []:
            if button.get("title"):
                button["title"] = translate(lang, button["title"])
    response.pop("metadata", None)
    return response


class PasserelleNLG(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[Any] = None, domain: Optional[Any] = None) -> None:
        super().__init__(domain.responses if domain is not None else {})

    def _fill_response(self, response: Dict[str, Any], filled_slots: Optional[Dict[str, Any]] = None,
                       **kwargs: Any) -> Dict[str, Any]:
        lang = supported((filled_slots or {}).get("language")) or DEFAULT
        # {language_name}: the conversation's language named in itself ("français", "العربية").
        kwargs = {"language_name": language_name(lang, lang), **kwargs}
        variables = {**(filled_slots or {}), **kwargs}
        localized = localize_response(response, lang, variables)
        # Buttons are not templates: Rasa would read a payload's entities ('/inform{"handoff_method":
        # "chat"}') as a {placeholder} and log an error for each. Their titles are translated above.
        buttons = {key: localized.pop(key) for key in ("buttons", "quick_replies") if key in localized}
        filled = super()._fill_response(localized, filled_slots, **format_variables(kwargs, lang))
        filled.update(buttons)
        filled["language"] = lang
        filled["direction"] = direction(lang)
        return filled

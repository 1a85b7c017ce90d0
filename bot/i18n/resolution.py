"""Which language to answer in, resolved each turn as DESIGN.md orders it:

1. an explicit choice (a button, "parle français", "/set_language{"language": "fr"}");
2. once a language is in use, only a long, clear message in another language moves it;
   one word such as "ok", "merci" or "Diomcoop?" never does;
3. before any is in use: the page's or channel's locale sent as metadata, then a fair guess
   from the message, then English.

Where the design puts the page's locale above detection, we let a long, clear message win
over it: a Syrian on a French-language city page who writes three lines in Arabic wants Arabic.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Optional

from babel import Locale

from bot.i18n.detection import Detection
from bot.i18n.languages import DEFAULT, SUPPORTED, supported
from bot.text import fold

# To move a language in use, and to choose one when none is in use yet (bench/language.py).
# Choosing: any message of two words or more whose likeliest language stands out from a blind
# guess; English, the default, is no better a guess than the likeliest one.
TO_SWITCH = dict(min_words=4, min_confidence=0.8, min_margin=0.2)
TO_CHOOSE = dict(min_words=2, min_confidence=0.25, min_margin=0.0)

ESTABLISHED = ("explicit", "detected", "metadata")


@dataclass(frozen=True)
class Resolution:
    language: str
    source: str      # explicit | detected | metadata | default


@lru_cache(maxsize=1)
def _names() -> Dict[str, str]:
    """Every supported language's name in every supported language (CLDR), folded -> code."""
    names = {}
    for code in SUPPORTED:
        for lang in SUPPORTED:
            names[fold(Locale.parse(code).get_display_name(lang))] = code
        names[code] = code
    # Arabic writes "in Arabic" as one word: بالعربية, بالفرنسية ...
    for name, code in list(names.items()):
        if name and "\u0600" <= name[0] <= "\u06ff":
            names["بال" + name.removeprefix("ال")] = code
    names.update({fold(n): c for n, c in (("english", "en"), ("anglais", "en"), ("francais", "fr"),
                                            ("arabe", "ar"), ("darija", "ar"), ("vlaams", "nl"), ("flamand", "nl"),
                                            ("castellano", "es"), ("عربي", "ar"), ("العربي", "ar"),
                                            ("flemish", "nl"), ("italiana", "it"), ("espanol", "es"))})
    return names


def language_code(value: Optional[str]) -> Optional[str]:
    """A language named or coded ('fr', 'Français', 'arabe', 'بالعربية', 'EN') -> code."""
    if not value or not isinstance(value, str):
        return None
    return supported(value) or _names().get(fold(value))


def resolve(current: Optional[str], source: Optional[str], explicit: Optional[str],
            metadata_locale: Optional[str], detection: Detection, choose: Optional[dict] = None) -> Resolution:
    """(`choose`: other thresholds than TO_CHOOSE, for bench/language.py.)"""
    chosen = language_code(explicit)
    if chosen:
        return Resolution(chosen, "explicit")
    if current in SUPPORTED and source in ESTABLISHED:
        if source != "explicit":
            moved = detection.confident(**TO_SWITCH)
            if moved and moved != current:
                return Resolution(moved, "detected")
        return Resolution(current, source)
    locale = supported(metadata_locale)
    if locale:
        return Resolution(locale, "metadata")
    guess = detection.confident(**(choose or TO_CHOOSE)) or (None if detection.unsupported else detection.known_as)
    if guess:
        return Resolution(guess, "detected")
    return Resolution(DEFAULT, "default")


def language_named_in(text: str) -> Optional[str]:
    """The language a message asks for by name: "in English please", "بالعربية", "en français svp"."""
    words = fold(text).split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            code = _names().get(" ".join(words[i:i + size]))
            if code:
                return code
    return None


def explicit_choice(intent: Optional[str], entities, text: str) -> Optional[str]:
    """A language the person asked for: only with the set_language intent (a button sends
    /set_language{"language": "fr"}), from its entity or from a language named in the text."""
    if intent != "set_language":
        return None
    for entity in entities or []:
        if entity.get("entity") == "language":
            code = language_code(entity.get("value"))
            if code:
                return code
    return language_named_in(text)

"""The languages Passerelle speaks. Adding one: NLU files, a .po catalogue, and one entry here."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError

SUPPORTED = ("en", "fr", "nl", "es", "it", "ar")
DEFAULT = "en"
RIGHT_TO_LEFT = frozenset(code for code in SUPPORTED if Locale.parse(code).character_order == "right-to-left")


def supported(code: str | None) -> str | None:
    """The supported language a code or locale means ('fr_BE', 'FR', 'ar-MA' -> 'fr', 'fr', 'ar')."""
    if not code or not isinstance(code, str):
        return None
    base = code.replace("-", "_").split("_")[0].strip().lower()
    return base if base in SUPPORTED else None


def direction(lang: str) -> str:
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def language_name(code: str, in_lang: str | None = None) -> str:
    """'fr' -> 'français' (its own name) or, with in_lang='en', 'French' (from CLDR)."""
    try:
        return Locale.parse(code).get_display_name(in_lang or code) or code
    except (ValueError, UnknownLocaleError):
        return code

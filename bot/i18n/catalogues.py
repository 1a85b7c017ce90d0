"""gettext catalogues: locales/<lang>/LC_MESSAGES/messages.po.

The English text is the message id everywhere, so an untranslated string falls back to English
rather than to nothing. The .po files are compiled in memory when first used (fuzzy entries
left out, as msgfmt does), so a running process never reads a stale .mo.
"""
from __future__ import annotations

import io
from functools import lru_cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.i18n.languages import DEFAULT, supported
from bot.settings import ROOT

LOCALES_DIR = ROOT / "locales"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a string for extraction without translating it (translated where it is shown)."""
    return message


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    lang = supported(lang) or DEFAULT
    po = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not po.exists():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def gettext(lang: str, message: str) -> str:
    return translations(lang).ugettext(message) if message else message


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).ungettext(singular, plural, n)

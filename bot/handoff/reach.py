"""How a person wants to be reached: in the chat, by phone or by e-mail, from a button or from
what they type ("by phone", "par mail", "بالهاتف", or the number or address itself)."""
from __future__ import annotations

import re
from typing import Optional

from bot.text import fold

CHAT, PHONE, EMAIL = "chat", "phone", "email"
METHODS = (CHAT, PHONE, EMAIL)

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An international or national number: 8 to 15 digits, spaces, dots, dashes or brackets between.
PHONE_NUMBER = re.compile(r"(?<![\w+])\+?\d[\d .\-()/]{6,20}\d(?!\w)")

# What chooses a way, in the six languages, on folded words (no accents, lower case): whole
# words, word beginnings (for the many forms: "telefonisch", "llamame", "mailtje"), and, for
# Arabic, words found inside a word (clitics: "بالهاتف" = "by the phone").
_WORDS = {
    PHONE: {"tel", "gsm", "call", "bel", "bellen", "belle", "belt", "portable", "nummer", "numero", "number"},
    EMAIL: {"email", "courriel", "correo", "posta", "adres", "address", "adresse"},
    CHAT: {"chat", "here", "ici", "hier", "aqui", "qui", "qua", "ahi"},
}
_BEGINNINGS = {
    PHONE: ("phon", "telef", "telep", "llam", "chiam", "appel", "mobil", "movil", "cellul"),
    EMAIL: ("mail", "e-mail", "courriel", "correo"),
    CHAT: ("conversa", "gesprek", "mensaj", "messag", "bericht", "discus"),
}
_INSIDE = {
    PHONE: ("هاتف", "تلفون", "تليفون", "تيليفون", "اتصل", "اتصال", "موبايل", "جوال", "رقم", "عيط", "كلمني"),
    EMAIL: ("بريد", "ايميل", "إيميل", "اميل", "مايل", "ميل"),
    CHAT: ("هنا", "هون", "دردش", "محادث", "رسال", "شات"),
}


def contact_in(text: str) -> Optional[tuple]:
    """(method, value) when the text holds an e-mail address or a phone number."""
    found = EMAIL_ADDRESS.search(text or "")
    if found:
        return EMAIL, found.group(0)
    found = PHONE_NUMBER.search(text or "")
    if found and 8 <= sum(ch.isdigit() for ch in found.group(0)) <= 15:
        return PHONE, " ".join(found.group(0).split())
    return None


def method_in(text: str) -> Optional[str]:
    """The way of being reached that a message chooses, if any."""
    contact = contact_in(text)
    if contact:
        return contact[0]
    words = re.findall(r"[\w@-]+", fold(text or ""))
    for method in (PHONE, EMAIL, CHAT):
        if any(w in _WORDS[method] or w.startswith(_BEGINNINGS[method]) or any(a in w for a in _INSIDE[method])
               for w in words):
            return method
    return None

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

# Words that choose a way, in the six languages (folded: no accents, lower case).
_WORDS = {
    PHONE: ("phone", "telephone", "call", "tel", "gsm", "mobile", "portable", "appel", "appelez", "telefoon",
            "bellen", "bel", "telefono", "llamada", "llamame", "llamar", "movil", "cellulare", "chiamata",
            "chiamami", "هاتف", "الهاتف", "بالهاتف", "تلفون", "اتصال", "اتصل", "موبايل"),
    EMAIL: ("email", "e-mail", "mail", "courriel", "correo", "posta", "بريد", "ايميل", "إيميل", "الايميل"),
    CHAT: ("chat", "here", "ici", "hier", "aqui", "qui", "conversation", "gesprek", "هنا", "الدردشة", "المحادثة",
           "message", "messages", "bericht", "mensaje", "messaggio", "رسالة"),
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
    words = set(re.findall(r"[\w@.-]+", fold(text or "")))
    for method in (PHONE, EMAIL, CHAT):
        if any(fold(w) in words for w in _WORDS[method]):
            return method
    return None

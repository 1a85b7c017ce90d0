"""What a bot message becomes on a text-only chat platform (Telegram, WhatsApp, Messenger).

One place for what the three messaging channels share: the answer as plain text (directory
cards are already said as text by `card_text`; a staff member's reply is marked as theirs),
split to the platform's length limit at paragraph, line or word boundaries, with the buttons
kept as choices, or written out as numbered options where the platform has no buttons. A reply
of just that number is turned back into the button's payload (`chosen`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from bot.i18n.catalogues import N_, gettext
from bot.i18n.languages import DEFAULT, supported
from bot.widget.strings import STRINGS

REPLY_WITH_NUMBER = N_("Reply with the number of your choice.")
TEXT_ONLY = N_("I can only read written messages. Please write your question in words.")

SEPARATORS = ("\n\n", "\n", " ")
# "2", " 2. ", "2)", and Arabic-Indic or Persian digits ("٢", "۲").
NUMBER = re.compile(r"^\s*([0-9\u0660-\u0669\u06f0-\u06f9]{1,2})\s*[.)]?\s*$")


@dataclass(frozen=True)
class Choice:
    title: str
    payload: str


@dataclass(frozen=True)
class ChatMessage:
    text: str
    choices: Tuple[Choice, ...] = ()   # with the last part of an answer only


def utf16_len(text: str) -> int:
    """Length as Telegram and Messenger count it (UTF-16 code units): an emoji counts two."""
    return len(text.encode("utf-16-le")) // 2


def _hard_cut(text: str, limit: int) -> List[str]:
    parts, current, length = [], "", 0
    for char in text:
        size = utf16_len(char)
        if length + size > limit:
            parts.append(current)
            current, length = "", 0
        current, length = current + char, length + size
    return parts + [current] if current else parts


def split_text(text: str, limit: int, separators: Sequence[str] = SEPARATORS) -> List[str]:
    """`text` in parts of at most `limit` UTF-16 units, cut at the largest boundary that fits:
    paragraphs, then lines, then words, and only a single overlong word mid-word."""
    text = text.strip()
    if utf16_len(text) <= limit:
        return [text] if text else []
    if not separators:
        return _hard_cut(text, limit)
    separator, finer = separators[0], separators[1:]
    parts: List[str] = []
    current = ""
    for piece in text.split(separator):
        candidate = f"{current}{separator}{piece}" if current else piece
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        smaller = split_text(piece, limit, finer)
        parts.extend(smaller[:-1])
        current = smaller[-1] if smaller else ""
    if current:
        parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def choices_of(message: Dict[str, Any]) -> Tuple[Choice, ...]:
    buttons = message.get("buttons") or message.get("quick_replies") or []
    return tuple(Choice(str(b.get("title") or b.get("payload")), str(b.get("payload") or b.get("title")))
                 for b in buttons if isinstance(b, dict) and (b.get("payload") or b.get("title")))


def numbered(choices: Iterable[Choice], lang: str) -> str:
    lines = [f"{i}. {choice.title}" for i, choice in enumerate(choices, start=1)]
    return "\n".join(lines + [gettext(lang, REPLY_WITH_NUMBER)])


def message_language(message: Dict[str, Any]) -> str:
    return supported(message.get("language")) or DEFAULT


def chat_messages(message: Dict[str, Any], limit: int, number_choices: bool = False) -> List[ChatMessage]:
    """A Rasa bot message (`BotUttered.message()`, with the marks our NLG and actions add) as the
    messages to send, each within `limit`; its choices go with the last."""
    lang = message_language(message)
    text = (message.get("text") or "").strip()
    if message.get("kind") == "staff_reply":
        text = f"{gettext(lang, STRINGS['staff'])}:\n{text}"
    choices = choices_of(message)
    if choices and number_choices:
        text = f"{text}\n\n{numbered(choices, lang)}" if text else numbered(choices, lang)
    parts = split_text(text, limit)
    if not parts:
        return [ChatMessage("", choices)] if choices else []
    return [ChatMessage(p) for p in parts[:-1]] + [ChatMessage(parts[-1], choices)]


def pending_choices(events: Iterable[Any]) -> Tuple[Choice, ...]:
    """The buttons of the bot's last answer, if the person has not written since: a later reply
    of "2" means the second of those, and of no older ones."""
    choices: Tuple[Choice, ...] = ()
    for event in events:
        kind = getattr(event, "type_name", None)
        if kind == "user":
            choices = ()
        elif kind == "bot":
            found = choices_of(event.data or {})
            if found:
                choices = found
    return choices


def is_number(text: str) -> bool:
    return NUMBER.match(text or "") is not None


def chosen(text: str, choices: Sequence[Choice]) -> Optional[str]:
    """The payload a reply such as "2" picks among `choices`, or None."""
    match = NUMBER.match(text or "")
    if not match or not choices:
        return None
    number = int("".join(str(int(c)) for c in match.group(1)))   # int() reads any Unicode digit
    return choices[number - 1].payload if 1 <= number <= len(choices) else None

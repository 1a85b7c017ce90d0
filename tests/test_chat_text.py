"""Answers as text-only chat platforms receive them: split within their limits without losing a
word, choices numbered where there are no buttons, and a reply of a number read back."""
from __future__ import annotations

from rasa.shared.core.events import BotUttered, UserUttered
from sqlalchemy import select

from bot.channels.chat_text import (Choice, chat_messages, chosen, numbered, pending_choices, split_text,
                                    utf16_len)
from bot.directory.models import EntryRow
from bot.directory.render import card, card_text
from bot.i18n.catalogues import gettext

BUTTONS = [{"title": "Here, in this chat", "payload": '/inform{"handoff_method": "chat"}'},
           {"title": "By phone", "payload": '/inform{"handoff_method": "phone"}'}]


def words(text: str) -> list:
    return text.split()


def test_a_long_answer_is_split_at_paragraphs_within_the_limit_and_loses_nothing(session):
    entries = session.scalars(select(EntryRow).order_by(EntryRow.id)).all()
    text = "\n\n".join(card_text(card(e, "fr"), "fr") for e in entries[:12])
    for limit in (1600, 2000, 4096):
        parts = split_text(text, limit)
        assert len(parts) > 1 and all(utf16_len(p) <= limit for p in parts)
        assert words(" ".join(parts)) == words(text)
        # No entry's card is cut in two when a whole card fits within the limit.
        starts = [p.split("\n", 1)[0] for p in parts]
        assert all(any(s.startswith(e.name) for e in entries[:12]) for s in starts), starts


def test_lines_and_words_longer_than_the_limit_are_cut_at_the_next_boundary():
    line = " ".join(f"mot{i}" for i in range(400))          # one line of 2,690 characters
    parts = split_text(line, 500)
    assert all(utf16_len(p) <= 500 for p in parts) and words(" ".join(parts)) == words(line)
    assert all(not p.startswith("ot") for p in parts)        # cut between words, not inside
    word = "ب" * 1200                                        # a single word: cut inside it, nothing lost
    assert "".join(split_text(word, 500)) == word and max(map(len, split_text(word, 500))) == 500


def test_emoji_count_as_two_units_as_telegram_and_messenger_count_them():
    text = "🙂" * 30
    parts = split_text(text, 11)
    assert all(utf16_len(p) <= 11 for p in parts) and "".join(parts) == text
    assert len(parts[0]) == 5      # a pair is never cut in half


def test_choices_go_with_the_last_part_and_are_numbered_where_there_are_no_buttons():
    message = {"text": "Comment voulez-vous être contacté ?\n\n" + "x " * 1000, "buttons": BUTTONS, "language": "fr"}
    parts = chat_messages(message, 1600)
    assert all(not p.choices for p in parts[:-1]) and len(parts[-1].choices) == 2
    assert "1." not in parts[-1].text
    numbered_parts = chat_messages(message, 1600, number_choices=True)
    assert all(utf16_len(p.text) <= 1600 for p in numbered_parts)   # numbered before the split
    assert numbered_parts[-1].text.endswith(
        f"1. Here, in this chat\n2. By phone\n{gettext('fr', 'Reply with the number of your choice.')}")


def test_a_staff_reply_is_marked_in_the_persons_language():
    [part] = chat_messages({"text": "مرحبا", "kind": "staff_reply", "language": "ar"}, 1600)
    assert part.text == f"{gettext('ar', 'A person from the contact point')}:\nمرحبا"
    assert gettext("ar", "A person from the contact point") != "A person from the contact point"


def test_a_number_picks_among_the_last_answers_choices_only():
    choices = [Choice("a", "/affirm"), Choice("b", "/deny")]
    assert chosen("2", choices) == "/deny"
    assert chosen(" 1. ", choices) == "/affirm"
    assert chosen("٢", choices) == "/deny"                 # Arabic-Indic digit
    assert chosen("3", choices) is None and chosen("0", choices) is None
    assert chosen("2 personnes", choices) is None and chosen("2", []) is None

    asked = BotUttered("How?", {"buttons": BUTTONS})
    assert [c.payload for c in pending_choices([UserUttered("hi"), asked])] == [b["payload"] for b in BUTTONS]
    assert pending_choices([asked, UserUttered("Liège")]) == ()
    assert pending_choices([asked, BotUttered("And more")]) == pending_choices([asked])


def test_numbered_lists_every_title():
    assert numbered([Choice("Oui", "/affirm"), Choice("Non", "/deny")], "en") == \
        "1. Oui\n2. Non\nReply with the number of your choice."

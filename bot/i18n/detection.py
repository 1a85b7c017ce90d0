"""Which language a message is written in, and how clearly (resolution.py decides what is enough).

lingua is limited to our six languages plus the languages migrants in Europe most often write
that we do not support, so that "Ich suche Arbeit" is recognised as outside the six rather than
forced into Dutch. Script settles what letters alone can: a message with Arabic script in it
(not Persian or Urdu) is Arabic, even in one word and even among French terms ("logement ف لييج":
who types Arabic letters reads them); the word count travels with the result because lingua takes "merci"
for Italian and "incubateur liege?" for Dutch, so short Latin-script messages must not count.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import FrozenSet, Optional, Tuple

from lingua import Language, LanguageDetectorBuilder

from bot.i18n.languages import SUPPORTED
from bot.i18n.profile import LanguageProfile
from bot.text import fold

OURS = {"en": Language.ENGLISH, "fr": Language.FRENCH, "nl": Language.DUTCH, "es": Language.SPANISH,
        "it": Language.ITALIAN, "ar": Language.ARABIC}
# Languages we do not speak, written in the scripts ours use: lingua's high-accuracy models, to
# tell "Ich suche Arbeit" or "من دنبال کار هستم" from our six.
OTHERS = (Language.GERMAN, Language.PORTUGUESE, Language.TURKISH, Language.POLISH, Language.ROMANIAN,
          Language.PERSIAN, Language.URDU, Language.SOMALI, Language.SWAHILI, Language.ALBANIAN,
          Language.TAGALOG, Language.YORUBA)
# Written in other scripts, so never ours whatever lingua says: its low-accuracy (trigram) models
# only name the language. High accuracy for these five cost Rasa some 100 MB of memory.
OTHER_SCRIPTS = (Language.RUSSIAN, Language.UKRAINIAN, Language.BENGALI, Language.HINDI, Language.CHINESE)

# lingua's share when weighed with our own examples' statistics (a weighted geometric mean):
# alone, lingua takes "incubator in Liège" for Italian; alone, our examples know too few words
# outside this domain. bench/language.py measures the choice.
LINGUA_WEIGHT = 0.5
# How much less likely a language is for each place named in a form it does not use ("Bruselas"
# for Dutch): people mostly name places as their own language does (bench/nlu.py measures it).
OTHER_NAME_ODDS = 0.15
MIN_OTHER_CONFIDENCE = 0.6   # a language we do not speak, judged among all
MIN_OTHER_WORDS = 3
# Letters Persian and Urdu use and Arabic does not: without them, Arabic script is Arabic
# (lingua takes short dialect messages such as "اي اكيد" for Persian).
# (Not گ: Moroccan Arabic writes its "g" with it.)
PERSIAN_URDU_LETTERS = frozenset("پژکیےٹڈڑں")


@dataclass(frozen=True)
class Detection:
    language: Optional[str]        # the best of our languages (None: no letters, or a command)
    confidence: float              # its probability among our six (lingua, with our profile when given)
    margin: float                  # its lead over the second of our six
    words: int                     # words with letters
    arabic_script: bool            # written in Arabic script, and not Persian or Urdu
    unsupported: Optional[str]     # a language we do not speak, when clear ("und" if unknown)
    known_as: Optional[str] = None   # an opening word of one language ('bonjour', 'hola')

    def as_dict(self) -> dict:
        return {"language": self.language, "confidence": round(self.confidence, 3),
                "margin": round(self.margin, 3), "words": self.words,
                "arabic_script": self.arabic_script, "unsupported": self.unsupported, "known_as": self.known_as}

    def confident(self, min_words: int, min_confidence: float, min_margin: float) -> Optional[str]:
        """The language, if this message is long and clear enough by these standards."""
        if self.unsupported or not self.language:
            return None
        if self.arabic_script:
            return "ar"
        if self.words >= min_words and self.confidence >= min_confidence and self.margin >= min_margin:
            return self.language
        return None


NOTHING = Detection(None, 0.0, 0.0, 0, False, None)


@lru_cache(maxsize=None)
def _detector(kind: str):
    """"ours": our six; "all": ours and the others in our scripts; "scripts": other scripts."""
    if kind == "scripts":
        return LanguageDetectorBuilder.from_languages(*OTHER_SCRIPTS).with_low_accuracy_mode() \
            .with_preloaded_language_models().build()
    languages = list(OURS.values()) + (list(OTHERS) if kind == "all" else [])
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def warm_up() -> None:
    """Load lingua's models now (a few seconds) rather than on the first message."""
    for kind in ("ours", "all", "scripts"):
        _detector(kind)


def _scripts(text: str) -> dict:
    counts: dict = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = name.split(" ")[0] if name else "OTHER"
            counts[script] = counts.get(script, 0) + 1
    return counts


def words(text: str) -> int:
    """Words with letters in them."""
    return sum(1 for w in (text or "").split() if any(ch.isalpha() for ch in w))


def _code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def _weighed(lingua: dict, profile: dict) -> list:
    """(language, probability) of our six, best first: lingua and our profile together."""
    floor = 1e-6
    scores = {lang: max(lingua.get(lang, 0.0), floor) ** LINGUA_WEIGHT * max(profile.get(lang, 0.0), floor)
              ** (1 - LINGUA_WEIGHT) for lang in SUPPORTED}
    total = sum(scores.values())
    return sorted(((lang, s / total) for lang, s in scores.items()), key=lambda kv: -kv[1])


def _with_names(ranked: list, names: Tuple[FrozenSet[str], ...]) -> list:
    """Weigh in the places named: who writes "Bruselas" likely writes Spanish, "Brussel" Dutch."""
    scores = dict(ranked)
    for languages in names:
        if languages:
            scores = {lang: p * (1.0 if lang in languages else OTHER_NAME_ODDS) for lang, p in scores.items()}
    total = sum(scores.values()) or 1.0
    return sorted(((lang, p / total) for lang, p in scores.items()), key=lambda kv: -kv[1])


@lru_cache(maxsize=4096)
def detect(text: str, profile: Optional[LanguageProfile] = None,
           names: Tuple[FrozenSet[str], ...] = ()) -> Detection:
    """Which of our languages, from lingua and (when given) our own examples' statistics and the
    languages whose names for the places in the message were used (`text` is then the message
    without them). (Cached: the NLU pipeline and the actions ask about the same message.)"""
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return NOTHING
    scripts = _scripts(text)
    if not scripts:
        return NOTHING
    main_script, main_count = max(scripts.items(), key=lambda kv: kv[1])
    count = words(text)
    unsupported = None
    if main_script not in ("LATIN", "ARABIC") and main_count >= 2:
        # Cyrillic, Devanagari, Chinese...: not one of ours, whatever the length.
        named = _detector("scripts").detect_language_of(text)
        return Detection(None, 0.0, 0.0, count, False, _code(named) if named else "und")
    anything = _detector("all").compute_language_confidence_values(text)[0]
    other = _code(anything.language)
    in_arabic_script = scripts.get("ARABIC", 0) >= 2
    if in_arabic_script:
        if other in ("fa", "ur") and anything.value >= MIN_OTHER_CONFIDENCE and PERSIAN_URDU_LETTERS & set(text):
            unsupported = other
    elif other not in SUPPORTED and anything.value >= MIN_OTHER_CONFIDENCE and count >= MIN_OTHER_WORDS:
        unsupported = other
    lingua = {_code(c.language): c.value for c in _detector("ours").compute_language_confidence_values(text)}
    ranked = _weighed(lingua, profile.probabilities(text)) if profile else \
        sorted(lingua.items(), key=lambda kv: -kv[1])
    ranked = _with_names(ranked, names)
    (best, confidence), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    arabic = in_arabic_script and unsupported is None
    return Detection(best, confidence, confidence - second, count, arabic, unsupported, known_as(text))


# Greetings and thanks that open a conversation, each used by one of our languages: too short for
# lingua, but enough to choose the first answer's language when nothing else has chosen it
# (they never move a language already in use).
OPENING_WORDS = {
    "en": ("hello", "hi", "hey", "good morning", "good evening", "thanks", "thank you"),
    "fr": ("bonjour", "bonsoir", "salut", "coucou", "merci", "merci beaucoup", "bjr"),
    "nl": ("hallo", "hoi", "dag", "goedemorgen", "goeiemorgen", "goedenavond", "dank je", "dank u", "bedankt"),
    "es": ("hola", "buenos dias", "buenas", "buenas tardes", "gracias", "muchas gracias"),
    "it": ("ciao", "buongiorno", "buonasera", "salve", "grazie", "grazie mille"),
}
_OPENING = {fold(word): lang for lang, words in OPENING_WORDS.items() for word in words}


def known_as(text: str) -> Optional[str]:
    return _OPENING.get(fold(text))

"""Text normalisation shared by search and place recognition: people type without accents,
in any case, with typos, so everything is compared in one folded form."""
from __future__ import annotations

import re
import unicodedata
from typing import List

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Arabic short vowels and tatweel carry no meaning for matching.
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: 'Liège?' -> 'liege'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_MARKS.sub("", text)
    text = text.replace("_", " ")
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def tokens(text: str) -> List[str]:
    return fold(text).split()


# Words that carry no search meaning in our languages (folded form).
STOPWORDS = frozenset(
    "a an the of in on for to and or with at by from is are what where how who i me my we "
    "le la les l un une des de du d et ou en au aux a pour avec dans sur par qui que quoi ou est je "
    "el los las lo unos unas del y o con por para que donde como es en "
    "il lo gli i uno una di da e con per che dove come in "
    "de het een en of in op voor met van wat waar hoe is ik "
    "في من على الى إلى و عن ما".split()
)


def search_tokens(text: str) -> List[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and len(t) > 1]

"""A Rasa NLU component that finds the directory's places and initiatives in a message, with
spaCy: one blank multilingual tokenizer that also splits elisions (so "d'Anvers" and
"nell'Italia" give "Anvers" and "Italia"), each token compared in its folded form (no case, no
accents), and one PhraseMatcher holding every name: city names and aliases in all our languages
(data/kb/cities.yml), country names from CLDR, and the names of the directory's entries. (One
tokenizer for all languages, not one per language: the message's language need not be guessed
first, and six pipelines and matchers held some 85 MB of Rasa's memory.)

It emits `city` (value: the city id, so "Luik", "Lieja" and "لييج" all give `liege`), `country`
(value: the ISO code) and `initiative` (value: the entry id), each with the languages whose name
for the place was written (`name_languages`). Names are read from the database
the directory is loaded into, and re-read when it changes, so a place or an initiative that staff
add is recognised without retraining.
"""
from __future__ import annotations

import logging
import time
from typing import Any, Dict, FrozenSet, List, Optional, Set, Tuple

import spacy
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from bot.i18n.languages import SUPPORTED
from bot.text import fold

logger = logging.getLogger(__name__)

# Arabic writes "in", "to", "and", "for" as letters joined to the next word: ببروكسل, ولييج.
ARABIC_CLITICS = ("ب", "و", "ل", "ف", "وب", "ول", "فب")
REFRESH_SECONDS = 60
MIN_INITIATIVE_NAME = 4
# On a place found: the languages that write its name so ("Bruselas": es; "Lille": en, fr, es,
# it), which tell the language detector something about the words around it.
NAME_LANGUAGES = "name_languages"

# (entity, value, name as written, the languages whose name for it this is: none for aliases
# and initiatives)
Name = Tuple[str, str, str, FrozenSet[str]]


def directory_names(database_url: str) -> Tuple[str, List[Name]]:
    """Every name to recognise, and a version that changes when the directory does."""
    from babel import Locale
    from sqlalchemy import func, select

    from bot.db import new_session
    from bot.directory.models import CityRow, EntryRow
    from bot.directory.places import country_names

    languages: Dict[Tuple[str, str, str], Set[str]] = {}   # (entity, value, folded name) -> languages

    def add(entity: str, value: str, name: str, lang: Optional[str] = None) -> None:
        known = languages.setdefault((entity, value, fold(name)), set())
        if lang in SUPPORTED:
            known.add(lang)

    written: Dict[Tuple[str, str, str], str] = {}
    for name, code in country_names().items():
        add("country", code, name)
        written[("country", code, fold(name))] = name
    for lang in SUPPORTED:
        for code, name in Locale.parse(lang).territories.items():
            if fold(name) in country_names():
                add("country", code, name, lang)
    with new_session(database_url) as session:
        version = str(session.execute(select(func.count(EntryRow.id), func.max(EntryRow.updated_at),
                                             func.count(CityRow.id.distinct())).select_from(EntryRow)
                                      .join(CityRow, isouter=True)).one())
        for city in session.scalars(select(CityRow)):
            for lang, name in city.names.items():
                add("city", city.id, name, lang)
                written.setdefault(("city", city.id, fold(name)), name)
            for name in city.aliases:
                add("city", city.id, name)
                written.setdefault(("city", city.id, fold(name)), name)
        for entry in session.scalars(select(EntryRow).where(EntryRow.archived.is_(False))):
            for name in {entry.name, *entry.alternate_names}:
                if len(fold(name)) >= MIN_INITIATIVE_NAME:
                    add("initiative", entry.id, name)
                    written.setdefault(("initiative", entry.id, fold(name)), name)
    names = [(entity, value, written[(entity, value, folded)], frozenset(langs))
             for (entity, value, folded), langs in languages.items() if (entity, value, folded) in written]
    return version, names


# A word's elided article or preposition, split off as a prefix: l'asbl, d'Anvers, nell'Italia, dell’Italia.
ELISION = r"[^\W\d_]{1,6}['’](?=[^\W\d_])"


def tokenizer_nlp():
    nlp = spacy.blank("xx")
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex([ELISION, *nlp.Defaults.prefixes]).search
    return nlp


class Matcher:
    """A PhraseMatcher over folded tokens, the same for every language."""

    def __init__(self, names: List[Name]):
        self.names = names
        self.nlp = tokenizer_nlp()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.labels: Dict[str, Tuple[str, str, FrozenSet[str]]] = {}
        for entity, value, name, languages in names:
            variants = [name] + ([c + name for c in ARABIC_CLITICS] if name and "\u0600" <= name[0] <= "\u06ff" else [])
            key = f"{entity}:{value}:{','.join(sorted(languages))}"
            self.labels[key] = (entity, value, languages)
            self.matcher.add(key, [self._folded(v) for v in variants])

    def _folded(self, text: str) -> Doc:
        doc = self.nlp.make_doc(text)
        for token in doc:
            token.norm_ = fold(token.text) or token.text
        return doc

    def entities(self, text: str) -> List[Dict[str, Any]]:
        doc = self._folded(text)
        spans = spacy.util.filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])   # longest, no overlap
        found = []
        for span in spans:
            for match_id, s, e in self.matcher(doc[span.start:span.end].as_doc()):
                if s == 0 and e == len(span):
                    entity, value, languages = self.labels[self.nlp.vocab.strings[match_id]]
                    found.append({"entity": entity, "value": value, "start": span.start_char,
                                  "end": span.end_char, "confidence_entity": 1.0,
                                  "extractor": DirectoryMatcher.__name__, "text": span.text,
                                  NAME_LANGUAGES: sorted(languages)})
                    break
        return found


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class DirectoryMatcher(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DirectoryMatcher":
        component = cls()
        component._current()   # build the matcher now, not on the first message
        return component

    def __init__(self) -> None:
        self._matcher: Optional[Matcher] = None
        self._version: Optional[str] = None
        self._checked = 0.0

    def _current(self) -> Optional[Matcher]:
        if time.monotonic() - self._checked < REFRESH_SECONDS and self._matcher is not None:
            return self._matcher
        self._checked = time.monotonic()
        try:
            from bot.settings import load_settings

            version, names = directory_names(load_settings().database_url)
        except Exception as error:   # no directory loaded: recognise nothing rather than fail
            logger.warning("Directory names unavailable (%s); places are left to the other extractors.", error)
            return self._matcher
        if version != self._version:
            self._matcher, self._version = Matcher(names), version
        return self._matcher

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        matcher = self._current()
        if matcher is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            found = matcher.entities(text)
            if found:
                message.set(ENTITIES, merge(message.get(ENTITIES) or [], found), add_to_output=True)
        return messages


def merge(extracted: List[Dict[str, Any]], matched: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """One entity per place: where the classifier also marked a place the matcher knows, the
    matcher's (with the normalised id as value) replaces it; other entities are kept."""
    def overlaps(a, b):
        return a.get("start", -1) < b["end"] and b["start"] < a.get("end", -1)

    kept = [e for e in extracted
            if not (e.get("entity") in ("city", "country") and any(overlaps(e, m) for m in matched))]
    return kept + matched

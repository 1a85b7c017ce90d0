"""A Rasa NLU component that finds the directory's places and initiatives in a message, with
spaCy: a blank pipeline of the message's language tokenises it (so "d'Anvers" and "nell'Italia"
split as French and Italian do), each token is compared in its folded form (no case, no accents),
and a PhraseMatcher holds every name: city names and aliases in all our languages (data/kb/
cities.yml), country names from CLDR, and the names of the directory's entries.

It emits `city` (value: the city id, so "Luik", "Lieja" and "لييج" all give `liege`), `country`
(value: the ISO code) and `initiative` (value: the entry id). Names are read from the database
the directory is loaded into, and re-read when it changes, so a place or an initiative that staff
add is recognised without retraining.
"""
from __future__ import annotations

import logging
import time
from typing import Any, Dict, List, Optional, Tuple

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

from bot.i18n.detection import detect
from bot.i18n.languages import SUPPORTED
from bot.text import fold

logger = logging.getLogger(__name__)

# Arabic writes "in", "to", "and", "for" as letters joined to the next word: ببروكسل, ولييج.
ARABIC_CLITICS = ("ب", "و", "ل", "ف", "وب", "ول", "فب")
REFRESH_SECONDS = 60
MIN_INITIATIVE_NAME = 4

Name = Tuple[str, str, str]   # (entity, value, name as written)


def directory_names(database_url: str) -> Tuple[str, List[Name]]:
    """Every name to recognise, and a version that changes when the directory does."""
    from sqlalchemy import func, select

    from bot.db import new_session
    from bot.directory.models import CityRow, EntryRow
    from bot.directory.places import country_names

    names: List[Name] = [("country", code, name) for name, code in country_names().items()]
    with new_session(database_url) as session:
        version = str(session.execute(select(func.count(EntryRow.id), func.max(EntryRow.updated_at),
                                             func.count(CityRow.id.distinct())).select_from(EntryRow)
                                      .join(CityRow, isouter=True)).one())
        for city in session.scalars(select(CityRow)):
            names += [("city", city.id, n) for n in {*city.names.values(), *city.aliases}]
        for entry in session.scalars(select(EntryRow).where(EntryRow.archived.is_(False))):
            names += [("initiative", entry.id, n) for n in {entry.name, *entry.alternate_names}
                      if len(fold(n)) >= MIN_INITIATIVE_NAME]
    return version, names


class Matcher:
    """PhraseMatchers over folded tokens, one per language's tokenizer."""

    def __init__(self, names: List[Name]):
        self.names = names
        self._by_lang: Dict[str, Tuple[Any, PhraseMatcher, Dict[str, Tuple[str, str]]]] = {}

    @staticmethod
    def _folded(nlp, text: str) -> Doc:
        doc = nlp.make_doc(text)
        for token in doc:
            token.norm_ = fold(token.text) or token.text
        return doc

    def _for(self, lang: str):
        if lang not in self._by_lang:
            nlp = spacy.blank(lang if lang in SUPPORTED else "xx")
            matcher = PhraseMatcher(nlp.vocab, attr="NORM")
            labels: Dict[str, Tuple[str, str]] = {}
            for entity, value, name in self.names:
                variants = [name] + ([c + name for c in ARABIC_CLITICS]
                                     if name and "\u0600" <= name[0] <= "\u06ff" else [])
                key = f"{entity}:{value}"
                labels[key] = (entity, value)
                matcher.add(key, [self._folded(nlp, v) for v in variants])
            self._by_lang[lang] = (nlp, matcher, labels)
        return self._by_lang[lang]

    def entities(self, text: str, lang: str) -> List[Dict[str, Any]]:
        nlp, matcher, labels = self._for(lang)
        doc = self._folded(nlp, text)
        spans = spacy.util.filter_spans([doc[s:e] for _, s, e in matcher(doc)])   # longest, no overlap
        found = []
        for span in spans:
            for match_id, s, e in matcher(doc[span.start:span.end].as_doc()):
                if s == 0 and e == len(span):
                    entity, value = labels[nlp.vocab.strings[match_id]]
                    found.append({"entity": entity, "value": value, "start": span.start_char,
                                  "end": span.end_char, "confidence_entity": 1.0,
                                  "extractor": DirectoryMatcher.__name__, "text": span.text})
                    break
        return found


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class DirectoryMatcher(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DirectoryMatcher":
        component = cls()
        matcher = component._current()
        for lang in SUPPORTED if matcher else ():   # build the matchers now, not on first messages
            matcher._for(lang)
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
            lang = detect(text).language or "xx"
            found = matcher.entities(text, lang)
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

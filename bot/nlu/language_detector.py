"""A Rasa NLU component that tells which language each message is written in.

It adds `language_detection` to the parse result (read by the action that resolves the
conversation's language), and when a message is clearly in a language we do not speak it
replaces the intent with `unsupported_language`, so that the answer says which languages we do
speak instead of guessing a topic from words it cannot read.

Trained: it learns how people write to Passerelle in each language from the NLU examples of
each language's folder (bot/i18n/profile.py), and weighs that with lingua (detection.py).
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.i18n.detection import detect, warm_up, words
from bot.i18n.languages import SUPPORTED
from bot.i18n.profile import LanguageProfile
from bot.nlu.directory_matcher import NAME_LANGUAGES
from bot.settings import ROOT

DETECTION = "language_detection"
NAMES = ("city", "country", "initiative")
UNSUPPORTED_INTENT = "unsupported_language"
PROFILE_FILE = "profile.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LanguageDetector(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # One folder per language (data/nlu/fr/...): the language of an example is its folder's,
        # which Rasa's training data does not keep, so the folders are read here.
        return {"examples": "data/nlu"}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 profile: Optional[LanguageProfile] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self.profile = profile

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageDetector":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LanguageDetector":
        warm_up()
        profile = None
        try:
            with model_storage.read_from(resource) as directory:
                profile = LanguageProfile(json.loads((directory / PROFILE_FILE).read_text()))
        except (ValueError, FileNotFoundError):   # a model trained without examples: lingua alone
            pass
        return cls(config, model_storage, resource, profile)

    def train(self, training_data: TrainingData) -> Resource:
        folder = Path(self.config["examples"])
        self.profile = LanguageProfile.from_folders(folder if folder.is_absolute() else ROOT / folder, SUPPORTED)
        with self._storage.write_to(self._resource) as directory:
            (directory / PROFILE_FILE).write_text(json.dumps(self.profile.to_dict(), ensure_ascii=False))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            entities = message.get(ENTITIES) or []
            detection = detect(without_names(text, entities), self.profile, name_languages(entities))
            # Judged on the words left once names are set aside, but the person wrote the whole
            # message: "nachtopvang amsterdam" is two words, of which one tells the language.
            detection = replace(detection, words=max(detection.words, words(text)))
            message.set(DETECTION, detection.as_dict(), add_to_output=True)
            if detection.unsupported:
                intent = {"name": UNSUPPORTED_INTENT, "confidence": 1.0}
                ranking = [intent] + [i for i in (message.get(INTENT_RANKING_KEY) or [])
                                      if i.get("name") != UNSUPPORTED_INTENT]
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages


def without_names(text: str, entities: List[Dict[str, Any]]) -> str:
    """The text without the places and initiatives found in it: "French course in Liège" is
    English, but lingua hears French in "Liège" (the directory matcher runs first). Names in
    Arabic script stay: they tell the script ("logement ف لييج" is written by who reads Arabic)."""
    spans = sorted((e["start"], e["end"]) for e in entities
                   if e.get("entity") in NAMES and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
                   and not any("\u0600" <= ch <= "\u06ff" for ch in text[e["start"]:e["end"]]))
    if not spans:
        return text
    kept, position = [], 0
    for start, end in spans:
        if start >= position:
            kept.append(text[position:start])
            position = end
    kept.append(text[position:])
    remainder = " ".join(" ".join(kept).split())
    return remainder if any(ch.isalpha() for ch in remainder) else text


def name_languages(entities: List[Dict[str, Any]]) -> Tuple[FrozenSet[str], ...]:
    """For each place found, the languages that name it so (the directory matcher says)."""
    return tuple(frozenset(e[NAME_LANGUAGES]) for e in entities
                 if e.get("entity") in NAMES and e.get(NAME_LANGUAGES))

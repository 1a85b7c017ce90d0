"""A Rasa NLU component that tells which language each message is written in.

It adds `language_detection` to the parse result (read by the action that resolves the
conversation's language), and when a message is clearly in a language we do not speak it
replaces the intent with `unsupported_language`, so that the answer says which languages we do
speak instead of guessing a topic from words it cannot read.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.i18n.detection import detect, warm_up

DETECTION = "language_detection"
NAMES = ("city", "country", "initiative")
UNSUPPORTED_INTENT = "unsupported_language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageDetector(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageDetector":
        warm_up()
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            detection = detect(without_names(message.get(TEXT) or "", message.get(ENTITIES) or []))
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
    English, but lingua hears French in "Liège" (the directory matcher runs first)."""
    spans = sorted((e["start"], e["end"]) for e in entities
                   if e.get("entity") in NAMES and isinstance(e.get("start"), int) and isinstance(e.get("end"), int))
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

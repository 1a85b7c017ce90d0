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
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.i18n.detection import detect, warm_up

DETECTION = "language_detection"
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
            detection = detect(message.get(TEXT) or "")
            message.set(DETECTION, detection.as_dict(), add_to_output=True)
            if detection.unsupported:
                intent = {"name": UNSUPPORTED_INTENT, "confidence": 1.0}
                ranking = [intent] + [i for i in (message.get(INTENT_RANKING_KEY) or [])
                                      if i.get("name") != UNSUPPORTED_INTENT]
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

"""A Rasa intent classifier that trains in seconds: TF-IDF of character and word n-grams of the
folded text (no case, no accents: people type "liege", "cooperativa", "incubateur" every way),
and a linear support vector machine whose scores are calibrated into probabilities.

Why not DIET: on our ~9,000 examples in six languages, DIET took 17-30 minutes to train and
learnt the style of our own examples; this reaches higher accuracy on messages written by other
people (docs/architecture.md gives the figures of each candidate, from bench/train.py and
bench/nlu.py). Character n-grams carry typos, missing accents and unknown inflections; word
n-grams carry short phrases ("no thanks", "not now"). It reads the message's text itself, so the
pipeline needs no featurizer for it.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.text import fold

logger = logging.getLogger(__name__)
MODEL_FILE = "classifier.joblib"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "char_ngrams": [1, 5],     # within words, padded by spaces (char_wb)
            "word_ngrams": [1, 2],
            "C": 0.5,                  # the SVM's regularisation: smaller is smoother
            "calibration_folds": 3,    # cross-validated sigmoid calibration of the scores
            "ranking_length": 10,
            "random_seed": 42,
        }

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 pipeline: Optional[Any] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self.pipeline = pipeline

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        import joblib

        try:
            with model_storage.read_from(resource) as directory:
                pipeline = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("No trained intent classifier in the model: intents are left unset.")
            pipeline = None
        return cls(config, model_storage, resource, pipeline)

    def _build(self):
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC

        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.config["char_ngrams"]),
                            sublinear_tf=True, min_df=2),
            TfidfVectorizer(analyzer="word", ngram_range=tuple(self.config["word_ngrams"]),
                            sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"))
        svm = LinearSVC(C=self.config["C"], class_weight="balanced", random_state=self.config["random_seed"])
        # One SVM trained on all examples; the folds only fit the sigmoids that turn its scores into
        # probabilities (averaging one SVM per fold instead lost a point of accuracy).
        return make_pipeline(features, CalibratedClassifierCV(svm, cv=self.config["calibration_folds"],
                                                              method="sigmoid", ensemble=False))

    def train(self, training_data: TrainingData) -> Resource:
        import joblib
        import numpy as np

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.warning("Fewer than two intents to learn: the intent classifier is not trained.")
            return self._resource
        self.pipeline = self._build()
        # (An array: scikit-learn's calibration counts each class with `y == class_`.)
        self.pipeline.fit([fold(e.get(TEXT)) for e in examples], np.array([e.get(INTENT) for e in examples]))
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(self.pipeline, directory / MODEL_FILE)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        if self.pipeline is None:
            return messages
        texts = [fold(m.get(TEXT) or "") for m in messages]
        probabilities = self.pipeline.predict_proba(texts)
        intents = self.pipeline.classes_
        for message, row in zip(messages, probabilities):
            ranking = sorted(({"name": str(name), "confidence": float(p)} for name, p in zip(intents, row)),
                             key=lambda r: -r["confidence"])
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True)
        return messages

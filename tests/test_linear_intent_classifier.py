"""The intent classifier of config.yml, trained, persisted and loaded through Rasa's own model
storage, as `rasa train` and `rasa run` do."""
from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear_intent_classifier import LinearIntentClassifier

EXAMPLES = {
    "ask_housing": ["i need a room", "looking for a flat", "where can i sleep tonight", "cheap apartment",
                    "je cherche un logement", "logement social", "aide au logement", "busco piso"],
    "ask_incubator": ["i want to start my business", "help to create my company", "business incubator",
                      "je veux créer mon entreprise", "créer une activité", "lancer mon entreprise",
                      "quiero montar un negocio", "incubateur"],
    "greet": ["hello", "hello there", "hi there", "good morning", "bonjour", "bonjour madame", "hola", "salut"],
}


def _context():
    return ExecutionContext(GraphSchema({}), "test")


def _train(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intent_classifier")
    component = LinearIntentClassifier.create({**LinearIntentClassifier.get_default_config(), "calibration_folds": 2},
                                              storage, resource, _context())
    data = TrainingData([Message(data={"text": t, "intent": i}) for i, texts in EXAMPLES.items() for t in texts])
    component.train(data)
    return storage, resource


def _parse(component, text):
    message = Message(data={"text": text})
    component.process([message])
    return message


def test_trained_persisted_and_loaded_it_classifies_unseen_wording(tmp_path):
    storage, resource = _train(tmp_path)
    loaded = LinearIntentClassifier.load({**LinearIntentClassifier.get_default_config()}, storage, resource, _context())
    # Unseen wordings, without accents, in capitals: folded text and character n-grams.
    assert _parse(loaded, "LOGEMENT pas cher").get("intent")["name"] == "ask_housing"
    assert _parse(loaded, "creer une entreprise").get("intent")["name"] == "ask_incubator"
    message = _parse(loaded, "Hello!")
    assert message.get("intent")["name"] == "greet"
    ranking = message.get("intent_ranking")
    assert [r["name"] for r in ranking][0] == "greet" and len(ranking) == 3
    assert abs(sum(r["confidence"] for r in ranking) - 1) < 1e-6
    assert ranking == sorted(ranking, key=lambda r: -r["confidence"])


def test_a_model_without_a_trained_classifier_leaves_intents_unset(tmp_path):
    component = LinearIntentClassifier.load(LinearIntentClassifier.get_default_config(), LocalModelStorage(tmp_path),
                                            Resource("missing"), _context())
    assert _parse(component, "hello").get("intent") is None

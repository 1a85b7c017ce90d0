"""The held-out NLU test sets stay held out: no test message is also a training example, in
any language, once case, accents and punctuation are set aside (bench/nlu.py's figures would
otherwise flatter the model).

tests/nlu/fresh/ was written by people shown neither the training data nor the other test sets;
its messages never move into training. Short everyday phrases ("ja", "merci", "talk to a
person") came to its writers as they had come to ours: those already in training when the sets
were written are listed in tests/nlu/fresh/coincidences.yml; any other must not be there.
"""
from __future__ import annotations

import yaml
from rasa.shared.nlu.training_data.loading import load_data

from bot.i18n.languages import SUPPORTED
from bot.settings import ROOT
from bot.text import fold
from tests.nlu_languages import TEST_SETS, exceptions

FRESH = ROOT / "tests" / "nlu" / "fresh"


def _training():
    return {fold(ex.get("text")) for ex in load_data(str(ROOT / "data" / "nlu")).intent_examples}


def test_no_test_message_is_a_training_example():
    training = _training()
    leaked = [(lang, ex.get("text")) for lang in SUPPORTED
              for ex in load_data(str(ROOT / "tests" / "nlu" / f"{lang}.yml")).intent_examples
              if fold(ex.get("text")) in training]
    assert leaked == []


def test_fresh_messages_stay_out_of_training():
    training = _training()
    known = set(yaml.safe_load((FRESH / "coincidences.yml").read_text())["coincidences"])
    fresh = {lang: load_data(str(FRESH / f"{lang}.yml")).intent_examples for lang in SUPPORTED}
    assert all(len(examples) >= 100 for examples in fresh.values())
    leaked = [(lang, ex.get("text")) for lang, examples in fresh.items() for ex in examples
              if len(fold(ex.get("text")).split()) > 2 and fold(ex.get("text")) in training - known]
    assert leaked == []


def test_each_message_given_another_language_is_in_its_file():
    # A typo in written_in.yml would silently leave a message judged against its file's language.
    for name, messages in exceptions().items():
        texts = {ex.get("text") for ex in load_data(str(TEST_SETS / name)).intent_examples}
        assert set(messages) <= texts, (name, set(messages) - texts)
        assert set(messages.values()) <= set(SUPPORTED), name

"""The held-out NLU test sets stay held out: no test message is also a training example, in
any language, once case, accents and punctuation are set aside (bench/nlu.py's figures would
otherwise flatter the model)."""
from __future__ import annotations

from rasa.shared.nlu.training_data.loading import load_data

from bot.i18n.languages import SUPPORTED
from bot.settings import ROOT
from bot.text import fold


def test_no_test_message_is_a_training_example():
    training = {fold(ex.get("text")) for ex in load_data(str(ROOT / "data" / "nlu")).intent_examples}
    leaked = [(lang, ex.get("text")) for lang in SUPPORTED
              for ex in load_data(str(ROOT / "tests" / "nlu" / f"{lang}.yml")).intent_examples
              if fold(ex.get("text")) in training]
    assert leaked == []

"""How people write to Passerelle in each language: character n-gram statistics of the NLU
training examples (data/nlu/<lang>/), a small naive Bayes language model.

lingua knows each language in general, from books and the web; it does not know that
"incubator in Liège" is how our English users write, and takes it for Italian. Our own examples
know the words of this domain in each language ("incubateur", "broedplaats", "incubatrice"), their
typos and their missing accents. detection.py weighs the two together.
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Mapping

from bot.text import fold

ORDERS = (1, 2, 3, 4)
# How strongly the mean log-likelihood separates languages: the naive Bayes posterior of a whole
# message is far too sure of itself (each n-gram is not independent evidence), so it is tempered
# to the per-n-gram mean, times this, before being turned into probabilities.
SHARPNESS = 4.0


def ngrams(text: str) -> List[str]:
    """Character n-grams of each word, padded with spaces, in folded form (people drop accents)."""
    grams: List[str] = []
    for word in fold(text).split():
        padded = f" {word} "
        for n in ORDERS:
            grams += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return grams


class LanguageProfile:
    """Per-language n-gram counts, with add-one smoothing over the union vocabulary."""

    def __init__(self, counts: Mapping[str, Mapping[str, int]]):
        self.counts: Dict[str, Dict[str, int]] = {lang: dict(c) for lang, c in counts.items()}
        vocabulary = set()
        for c in self.counts.values():
            vocabulary.update(c)
        size = len(vocabulary) + 1
        self._log_denominator = {lang: math.log(sum(c.values()) + size) for lang, c in self.counts.items()}

    @classmethod
    def from_examples(cls, examples: Mapping[str, Iterable[str]]) -> "LanguageProfile":
        return cls({lang: Counter(g for text in texts for g in ngrams(text)) for lang, texts in examples.items()})

    @classmethod
    def from_folders(cls, folder: Path, languages: Iterable[str]) -> "LanguageProfile":
        """From the NLU examples of each language's folder (data/nlu/fr/...)."""
        from rasa.shared.nlu.training_data.loading import load_data

        return cls.from_examples({lang: [m.get("text") for m in load_data(str(folder / lang)).intent_examples]
                                  for lang in languages if (folder / lang).is_dir()})

    def probabilities(self, text: str) -> Dict[str, float]:
        """Each language's probability for this text (empty when the text has no letters)."""
        grams = ngrams(text)
        if not grams:
            return {}
        means = {lang: sum(math.log(c.get(g, 0) + 1) for g in grams) / len(grams) - self._log_denominator[lang]
                 for lang, c in self.counts.items()}
        top = max(means.values())
        weights = {lang: math.exp(SHARPNESS * (m - top)) for lang, m in means.items()}
        total = sum(weights.values())
        return {lang: w / total for lang, w in weights.items()}

    def to_dict(self) -> Dict[str, Dict[str, int]]:
        return self.counts

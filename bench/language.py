"""How the language-switch thresholds trade keeping a conversation's language against following
a person who changes language, measured on the held-out NLU test sets (no model needed).

    .venv/bin/python bench/language.py

For each setting of TO_SWITCH (min words, confidence, margin) it measures, per language:
  keep    a conversation in the message's language stays in it (every message, one word included)
  switch  a conversation in another language moves to it (messages of 4 words or more)
Writes bench/results/language.json and prints the settings that keep >= 0.99 everywhere, best
switch first; bot/i18n/resolution.py's TO_SWITCH is chosen from this table.
"""
from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot  # noqa: E402,F401
from bot.i18n.detection import detect  # noqa: E402
from bot.i18n.languages import SUPPORTED  # noqa: E402

OUT = ROOT / "bench" / "results" / "language.json"
JUDGED_WORDS = 4
KEEP_FLOOR = 0.99


def messages():
    from rasa.shared.nlu.training_data.loading import load_data

    for lang in SUPPORTED:
        for ex in load_data(str(ROOT / "tests" / "nlu" / f"{lang}.yml")).intent_examples:
            yield lang, ex.get("text")


def main():
    found = [(lang, detect(text), len(text.split())) for lang, text in messages()]
    rows = []
    for words, conf, margin in itertools.product((3, 4, 5), (0.4, 0.5, 0.6, 0.7, 0.8), (0.1, 0.2, 0.3, 0.4, 0.5)):
        row = {"min_words": words, "min_confidence": conf, "min_margin": margin, "keep": {}, "switch": {}}
        for lang in SUPPORTED:
            mine = [(d, n) for l, d, n in found if l == lang]
            moved = [d.confident(words, conf, margin) for d, _ in mine]
            row["keep"][lang] = round(sum(m in (None, lang) for m in moved) / len(mine), 4)
            long = [m for m, (_, n) in zip(moved, mine) if n >= JUDGED_WORDS]
            row["switch"][lang] = round(sum(m == lang for m in long) / len(long), 4) if long else None
        row["min_keep"] = min(row["keep"].values())
        row["mean_switch"] = round(sum(row["switch"].values()) / len(SUPPORTED), 4)
        rows.append(row)
    good = sorted((r for r in rows if r["min_keep"] >= KEEP_FLOOR), key=lambda r: -r["mean_switch"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keep_floor": KEEP_FLOOR, "settings": rows}, indent=1) + "\n")
    print("words conf margin  min_keep mean_switch  " + " ".join(f"{l:>5}" for l in SUPPORTED))
    for r in good[:12]:
        print(f"{r['min_words']:5} {r['min_confidence']:4} {r['min_margin']:6}  {r['min_keep']:8} {r['mean_switch']:11}  "
              + " ".join(f"{r['switch'][l]:5}" for l in SUPPORTED))
    print(f"written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

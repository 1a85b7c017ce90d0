"""How the language thresholds trade keeping a conversation's language against following a person
who writes in another one, and how well the first message chooses the language, measured on both
test sets of every language (ours, tests/nlu/<lang>.yml, and the fresh ones, tests/nlu/fresh/). No
trained model is needed: detection uses lingua and the language profile of data/nlu/ as the
trained LanguageDetector does (but does not set names of places aside, as the pipeline does).

    .venv/bin/python bench/language.py

TO_SWITCH settings (min words, confidence, margin), per language:
  keep    a conversation in the message's language stays in it (every message, one word included)
  switch  a conversation in another language moves to it (messages of 4 words or more)
TO_CHOOSE settings, per language:
  first   a first message of two words or more, with no page locale, is answered in its language
Writes bench/results/language.json and prints the best settings of each; bot/i18n/resolution.py's
TO_SWITCH and TO_CHOOSE are chosen from these tables.
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
from bot.i18n.profile import LanguageProfile  # noqa: E402
from bot.i18n.resolution import TO_CHOOSE, TO_SWITCH, resolve  # noqa: E402

OUT = ROOT / "bench" / "results" / "language.json"
SETS = {"ours": ROOT / "tests" / "nlu", "fresh": ROOT / "tests" / "nlu" / "fresh"}
JUDGED_WORDS = 4
KEEP_FLOOR = 0.99


def messages():
    from rasa.shared.nlu.training_data.loading import load_data

    for name, folder in SETS.items():
        for lang in SUPPORTED:
            for ex in load_data(str(folder / f"{lang}.yml")).intent_examples:
                yield name, lang, ex.get("text")


def rate(hits) -> float:
    hits = list(hits)
    return round(sum(hits) / len(hits), 4) if hits else None


def main():
    profile = LanguageProfile.from_folders(ROOT / "data" / "nlu", SUPPORTED)
    found = [(name, lang, detect(text, profile), len(text.split())) for name, lang, text in messages()]
    switching, choosing = [], []
    for words, conf, margin in itertools.product((3, 4, 5), (0.6, 0.7, 0.75, 0.8, 0.85, 0.9), (0.2, 0.4, 0.6)):
        row = {"min_words": words, "min_confidence": conf, "min_margin": margin, "keep": {}, "switch": {}}
        for name, lang in itertools.product(SETS, SUPPORTED):
            mine = [(d, n) for s, l, d, n in found if (s, l) == (name, lang)]
            moved = [d.confident(words, conf, margin) for d, _ in mine]
            row["keep"][f"{name}/{lang}"] = rate(m in (None, lang) for m in moved)
            row["switch"][f"{name}/{lang}"] = rate(m == lang for m, (_, n) in zip(moved, mine) if n >= JUDGED_WORDS)
        row["min_keep"] = min(row["keep"].values())
        row["mean_switch"] = round(sum(row["switch"].values()) / len(row["switch"]), 4)
        switching.append(row)
    for conf, margin in itertools.product((0.0, 0.25, 0.3, 0.35, 0.4, 0.45), (0.0, 0.05, 0.1, 0.15)):
        setting = dict(min_words=2, min_confidence=conf, min_margin=margin)
        row = {**setting, "first": {}}
        for name, lang in itertools.product(SETS, SUPPORTED):
            row["first"][f"{name}/{lang}"] = rate(
                resolve(None, None, None, None, d, choose=setting).language == lang
                for s, l, d, n in found if (s, l) == (name, lang) and n >= 2)
        row["min_first_fresh"] = min(v for k, v in row["first"].items() if k.startswith("fresh/"))
        row["mean_first"] = round(sum(row["first"].values()) / len(row["first"]), 4)
        choosing.append(row)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"keep_floor": KEEP_FLOOR, "in_use": {"TO_SWITCH": TO_SWITCH, "TO_CHOOSE": TO_CHOOSE},
                               "switch_settings": switching, "choose_settings": choosing}, indent=1) + "\n")
    keys = [f"{n}/{l}" for n in SETS for l in SUPPORTED]
    print("TO_SWITCH: settings that keep >= 0.99 everywhere, best mean switch first")
    print("words conf margin  min_keep mean_switch  " + " ".join(f"{k:>8}" for k in keys))
    good = sorted((r for r in switching if r["min_keep"] >= KEEP_FLOOR), key=lambda r: -r["mean_switch"])
    for r in good[:8]:
        print(f"{r['min_words']:5} {r['min_confidence']:4} {r['min_margin']:6}  {r['min_keep']:8} {r['mean_switch']:11}  "
              + " ".join(f"{r['switch'][k]:8}" for k in keys))
    print("TO_CHOOSE (two words or more): first message answered in its language")
    print(" conf margin  mean_first  " + " ".join(f"{k:>8}" for k in keys))
    for r in sorted(choosing, key=lambda r: -r["mean_first"])[:8]:
        print(f"{r['min_confidence']:5} {r['min_margin']:6}  {r['mean_first']:10}  "
              + " ".join(f"{r['first'][k]:8}" for k in keys))
    print(f"written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

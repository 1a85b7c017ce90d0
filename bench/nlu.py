"""NLU benchmark: the trained model on the held-out test sets, per language.

    .venv/bin/python bench/nlu.py            # uses (or trains) the model for the current data
    .venv/bin/python bench/nlu.py MODEL      # or a given model file

Writes bench/results/nlu.json (and the misclassified messages to nlu_errors.json) and prints a table: intent accuracy and macro F1, entity F1, and
language-resolution accuracy. Entities are compared by type and span (the text they cover),
since values are normalised differently by the extractors (DIET keeps "Luik", the directory
matcher gives "liege"). Language resolution is measured three ways on every test message:
  keep    a conversation already in the message's language stays in it (one-word messages included)
  switch  a conversation in another language moves to it (messages of 4 words or more)
  first   the first message of a conversation, with no page locale, is answered in it
"""
from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot  # noqa: E402,F401  (telemetry off)
from bot.i18n.detection import Detection, detect  # noqa: E402
from bot.i18n.languages import SUPPORTED  # noqa: E402
from bot.i18n.resolution import TO_SWITCH, resolve  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.text import fold  # noqa: E402

OUT = ROOT / "bench" / "results" / "nlu.json"
ERRORS = ROOT / "bench" / "results" / "nlu_errors.json"


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def spans(text: str, entities) -> set:
    return {(e["entity"], fold(text[e["start"]:e["end"]])) for e in entities
            if e.get("entity") in ("city", "country", "need", "language")}


async def main(model_file: str = "") -> dict:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data
    from sklearn.metrics import f1_score

    from bot.model_cache import ensure_model

    model = Path(model_file) if model_file else ensure_model(load_settings().model_dir)
    started = time.monotonic()
    agent = Agent.load(str(model))
    load_s = time.monotonic() - started
    results = {"model": model.name, "model_load_s": round(load_s, 1), "languages": {}}
    errors = {}
    for lang in SUPPORTED:
        path = ROOT / "tests" / "nlu" / f"{lang}.yml"
        if not path.exists():
            continue
        examples = load_data(str(path)).intent_examples
        truth, predicted, tp, fp, fn, wrong = [], [], 0, 0, 0, []
        keep = switch = switch_n = first = 0
        parse_s = 0.0
        for ex in examples:
            text = ex.get("text")
            t = time.monotonic()
            parsed = await agent.parse_message(text)
            parse_s += time.monotonic() - t
            truth.append(ex.get("intent"))
            predicted.append(parsed["intent"]["name"])
            if predicted[-1] != truth[-1]:
                wrong.append({"text": text, "intent": truth[-1], "predicted": predicted[-1],
                              "confidence": round(parsed["intent"].get("confidence") or 0.0, 3)})
            want, got = spans(text, ex.get("entities") or []), spans(text, parsed.get("entities") or [])
            tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
            # The pipeline's own detection (it leaves out the places and names it found).
            found = parsed.get("language_detection")
            d = Detection(**found) if isinstance(found, dict) else detect(text)
            keep += resolve(lang, "detected", None, None, d).language == lang
            other = "fr" if lang == "en" else "en"
            if len(text.split()) >= TO_SWITCH["min_words"]:
                switch_n += 1
                switch += resolve(other, "detected", None, None, d).language == lang
            first += resolve(None, None, None, None, d).language == lang
        n = len(examples)
        results["languages"][lang] = {
            "examples": n,
            "intent_accuracy": round(sum(a == b for a, b in zip(truth, predicted)) / n, 4),
            # Over the test set's intents, as `rasa test nlu` reports it: a message predicted as
            # nlu_fallback still counts against its true intent's recall.
            "intent_macro_f1": round(f1_score(truth, predicted, labels=sorted(set(truth)), average="macro",
                                              zero_division=0), 4),
            "entity_f1": round(f1(tp, fp, fn), 4),
            "language_keep": round(keep / n, 4),
            "language_switch": round(switch / switch_n, 4) if switch_n else None,
            "language_first_message": round(first / n, 4),
            "parse_ms_mean": round(1000 * parse_s / n, 1),
        }
        errors[lang] = wrong
    ERRORS.parent.mkdir(parents=True, exist_ok=True)
    ERRORS.write_text(json.dumps(errors, indent=1, ensure_ascii=False) + "\n")
    return results


if __name__ == "__main__":
    results = asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else ""))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    cols = ["examples", "intent_accuracy", "intent_macro_f1", "entity_f1", "language_keep", "language_switch",
            "language_first_message", "parse_ms_mean"]
    print(f"model {results['model']} (loaded in {results['model_load_s']} s)")
    print("lang " + " ".join(f"{c:>22}" for c in cols))
    for lang, row in results["languages"].items():
        print(f"{lang:4} " + " ".join(f"{str(row[c]):>22}" for c in cols))
    print(f"written to {OUT.relative_to(ROOT)}")

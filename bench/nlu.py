"""NLU benchmark: the trained model on the held-out test sets, per language.

    .venv/bin/python bench/nlu.py            # uses (or trains) the model for the current data
    .venv/bin/python bench/nlu.py MODEL      # or a given model file

Two test sets per language: ours (tests/nlu/<lang>.yml) and the fresh one (tests/nlu/fresh/, written by
people who saw neither our training data nor our test sets); the gap between their accuracies says
how much our own set flatters the model. Writes bench/results/nlu.json (nlu-<model>.json for a
given model; the misclassified messages to nlu_errors*.json) and prints a table: intent accuracy
and macro F1, entity F1 (our sets: the fresh ones are not annotated), and
language-resolution accuracy (against the language each message is written in: its file's, or
the one tests/nlu/written_in.yml names). Entities are compared by type and span (the text they cover),
since values are normalised differently by the extractors (DIET keeps "Luik", the directory
matcher gives "liege"). Language resolution is measured three ways on every test message:
  keep    a conversation already in the message's language stays in it (one-word messages included)
  switch  a conversation in another language moves to it (messages of 4 words or more)
  first   the first message of a conversation, with no page locale, is answered in it (all, and
          those of two words or more)
"""
from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bot  # noqa: E402,F401  (telemetry off)
from bot.i18n.detection import Detection, detect  # noqa: E402
from bot.i18n.languages import SUPPORTED  # noqa: E402
from bot.i18n.resolution import TO_SWITCH, resolve  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.text import fold  # noqa: E402
from tests.nlu_languages import written_in  # noqa: E402

OUT = ROOT / "bench" / "results" / "nlu.json"
ERRORS = ROOT / "bench" / "results" / "nlu_errors.json"


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def spans(text: str, entities) -> set:
    return {(e["entity"], fold(text[e["start"]:e["end"]])) for e in entities
            if e.get("entity") in ("city", "country", "need", "language")}


SETS = {"ours": ROOT / "tests" / "nlu", "fresh": ROOT / "tests" / "nlu" / "fresh"}


async def evaluate(agent, path: Path, lang: str):
    """One language's test file: the figures, and the misclassified messages."""
    from rasa.shared.nlu.training_data.loading import load_data
    from sklearn.metrics import f1_score

    examples = load_data(str(path)).intent_examples
    truth, predicted, tp, fp, fn, wrong = [], [], 0, 0, 0, []
    keep = switch = switch_n = first = first2 = first2_n = 0
    parse_s = 0.0
    annotated = any(ex.get("entities") for ex in examples)
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
        written = written_in(path, text, lang)
        keep += resolve(written, "detected", None, None, d).language == written
        other = "fr" if written == "en" else "en"
        words = len(text.split())
        if words >= TO_SWITCH["min_words"]:
            switch_n += 1
            switch += resolve(other, "detected", None, None, d).language == written
        answered_in = resolve(None, None, None, None, d).language
        first += answered_in == written
        if words >= 2:
            first2_n += 1
            first2 += answered_in == written
    n = len(examples)
    row = {
        "examples": n,
        "intent_accuracy": round(sum(a == b for a, b in zip(truth, predicted)) / n, 4),
        # Over the test set's intents, as `rasa test nlu` reports it: a message predicted as
        # nlu_fallback still counts against its true intent's recall.
        "intent_macro_f1": round(f1_score(truth, predicted, labels=sorted(set(truth)), average="macro",
                                          zero_division=0), 4),
        "entity_f1": round(f1(tp, fp, fn), 4) if annotated else None,
        "language_keep": round(keep / n, 4),
        "language_switch": round(switch / switch_n, 4) if switch_n else None,
        "language_first_message": round(first / n, 4),
        "language_first_message_2_words": round(first2 / first2_n, 4) if first2_n else None,
        "parse_ms_mean": round(1000 * parse_s / n, 1),
    }
    return row, wrong


async def main(model_file: str = "") -> dict:
    from rasa.core.agent import Agent

    from bot.model_cache import ensure_model

    model = Path(model_file) if model_file else ensure_model(load_settings().model_dir)
    started = time.monotonic()
    agent = Agent.load(str(model))
    load_s = time.monotonic() - started
    results = {"model": model.name, "model_load_s": round(load_s, 1), "languages": {}}
    errors = {}
    for lang in SUPPORTED:
        row = {}
        for name, folder in SETS.items():
            if (folder / f"{lang}.yml").exists():
                row[name], errors[f"{name}/{lang}"] = await evaluate(agent, folder / f"{lang}.yml", lang)
        if "ours" in row and "fresh" in row:
            # How much our own test sets flatter the model: their accuracy minus the fresh one's.
            row["gap"] = round(row["ours"]["intent_accuracy"] - row["fresh"]["intent_accuracy"], 4)
        results["languages"][lang] = row
    errors_file = ERRORS if not model_file else ERRORS.with_name(f"nlu_errors-{model.name.split('.')[0]}.json")
    errors_file.write_text(json.dumps(errors, indent=1, ensure_ascii=False) + "\n")
    return results


if __name__ == "__main__":
    given = sys.argv[1] if len(sys.argv) > 1 else ""
    results = asyncio.run(main(given))
    # The current model's figures are the project's; another model's go beside them.
    out = OUT if not given else OUT.with_name(f"nlu-{Path(given).name.split('.')[0]}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    cols = ["examples", "intent_accuracy", "intent_macro_f1", "entity_f1", "language_keep", "language_switch",
            "language_first_message_2_words", "parse_ms_mean"]
    print(f"model {results['model']} (loaded in {results['model_load_s']} s)")
    print("lang set   " + " ".join(f"{c[:16]:>16}" for c in cols))
    for lang, row in results["languages"].items():
        for name in SETS:
            if name in row:
                print(f"{lang:4} {name:5} " + " ".join(f"{str(row[name][c]):>16}" for c in cols))
        if "gap" in row:
            print(f"{lang:4} gap between our test set and the fresh one: {row['gap']}")
    print(f"written to {out.relative_to(ROOT)}")

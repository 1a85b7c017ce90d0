"""`rasa test` on the test stories (tests/stories/): every flow, in every language, from the
user's words; any wrong intent, entity or action fails."""
from __future__ import annotations

import os
import re
import subprocess

import yaml

from bot.model_cache import model_path
from bot.settings import ROOT, load_settings
from tests.servers import python


def test_the_stories_hold_in_every_language(loaded_sqlite, tmp_path):
    model = model_path(load_settings().model_dir)
    assert model.exists(), "scripts/test.sh trains the model before the tests"
    result = subprocess.run(
        python("-m", "rasa", "test", "core", "--model", str(model), "--stories", "tests/stories",
               "--fail-on-prediction-errors", "--out", str(tmp_path / "results")),
        cwd=ROOT, env={**os.environ, "DATABASE_URL": loaded_sqlite}, capture_output=True, text=True, timeout=900)
    failed = (tmp_path / "results" / "failed_test_stories.yml")
    details = failed.read_text() if failed.exists() else result.stderr[-3000:]
    assert result.returncode == 0, details


def test_rasa_data_validate_is_clean():
    """No error, no conflict, every intent used; the only responses no rule utters are those
    Rasa's own loops say: a form's question for each of its slots, and the two-stage fallback's."""
    result = subprocess.run(python("-m", "rasa", "data", "validate", "--data", "data/nlu", "data/rules", "data/stories"),
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "No story structure conflicts found" in output
    warnings = set(re.findall(r"UserWarning: (.*)", output))
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    said_by_rasa = {f"utter_ask_{slot}" for form in domain["forms"].values() for slot in form["required_slots"]}
    said_by_rasa |= {"utter_ask_rephrase", "utter_default"}
    unused = {re.match(r"The utterance '(\w+)' is not used in any story or rule\.", w) for w in warnings}
    assert {m.group(1) for m in unused if m} <= said_by_rasa
    # ("Slot auto-fill has been removed" is printed by Rasa 3.6 for every domain.)
    assert [w for w in warnings if "is not used in any story or rule" not in w and "Slot auto-fill" not in w] == []
    assert not any("intent" in w and "not used" in w for w in warnings)

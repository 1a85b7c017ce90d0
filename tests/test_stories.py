"""`rasa test` on the test stories (tests/stories/): every flow, in every language, from the
user's words; any wrong intent, entity or action fails."""
from __future__ import annotations

import os
import subprocess

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


def test_rasa_data_validate_finds_no_error():
    result = subprocess.run(python("-m", "rasa", "data", "validate", "--data", "data/nlu", "data/rules", "data/stories"),
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "conflict" not in result.stdout.lower().replace("no story structure conflicts", "")

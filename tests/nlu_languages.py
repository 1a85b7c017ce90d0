"""The language each NLU test message is written in: its file's, unless tests/nlu/written_in.yml
names another (for the language metrics of bench/nlu.py and tests/test_nlu_quality.py)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

TEST_SETS = Path(__file__).resolve().parent / "nlu"
WRITTEN_IN = TEST_SETS / "written_in.yml"


@lru_cache(maxsize=1)
def exceptions() -> Dict[str, Dict[str, str]]:
    """{"en.yml": {"bonjour bonjour": "fr"}, "fresh/en.yml": {...}}"""
    return yaml.safe_load(WRITTEN_IN.read_text(encoding="utf-8")) or {}


def written_in(test_file: Path, text: str, file_language: str) -> str:
    return exceptions().get(test_file.resolve().relative_to(TEST_SETS).as_posix(), {}).get(text, file_language)

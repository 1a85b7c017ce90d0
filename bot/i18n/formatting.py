"""Filling a translated text: numbers as the language writes them (Babel), and {placeholders}
replaced the way Rasa's templated NLG does, so that actions and responses read alike."""
from __future__ import annotations

import re
from typing import Any, Dict

from babel.numbers import format_decimal

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def format_variables(variables: Dict[str, Any], lang: str) -> Dict[str, Any]:
    """Numbers as the language writes them; everything else as it comes."""
    return {key: format_decimal(value, locale=lang) if isinstance(value, (int, float)) and not isinstance(value, bool)
            else value for key, value in variables.items()}


def fill(template: str, variables: Dict[str, Any], lang: str) -> str:
    """Replace {name} with its value; a name without a value is left visible rather than dropped."""
    values = format_variables(variables, lang)
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)

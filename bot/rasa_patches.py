"""Fixes to Rasa Open Source 3.6's speed that change nothing it does, applied where we start Rasa
(bot/rasa_server.py) and in the benchmarks that run Rasa in-process.

Every custom action's answer is checked against Rasa's response schema with
`jsonschema.validate()`, which first checks that schema itself against the JSON Schema meta-schema,
on every call: most of a custom action's cost in Rasa's process (bench/turn_profile.py: about
20 ms of each round trip, and a turn makes two to four). The same check, with the schema's
validator built once.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _response_validator():
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    from jsonschema.exceptions import best_match

    error = best_match(_response_validator().iter_errors(result))   # what jsonschema.validate raises
    if error is not None:
        error.message += (". Failed to validate Action server response from API, make sure your response "
                          f"from the Action endpoint is valid. For more information about the format visit "
                          f"{DOCS_BASE_URL}/custom-actions")
        raise error
    return True


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result

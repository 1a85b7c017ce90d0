"""bot/rasa_patches.py changes how fast Rasa checks an action server's answer, not what it accepts."""
from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import rasa_patches

VALID = {"events": [{"event": "slot", "name": "language", "value": "fr"}],
         "responses": [{"text": "Bonjour", "buttons": []}]}
INVALID = [{"events": "not a list"}, {"events": [{"name": "language"}]}, {"events": None}]


@pytest.fixture
def patched(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", rasa_patches._validate_action_result)
    return RemoteAction("action_x", None)


def test_a_valid_answer_passes(patched):
    assert patched._validate_action_result(VALID) is True


@pytest.mark.parametrize("answer", INVALID)
def test_an_invalid_answer_fails_as_jsonschema_validate_would(patched, answer):
    with pytest.raises(jsonschema.ValidationError) as unpatched:
        jsonschema.validate(answer, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError) as ours:
        patched._validate_action_result(answer)
    assert ours.value.path == unpatched.value.path and ours.value.validator == unpatched.value.validator
    assert "Failed to validate Action server response" in ours.value.message

#!/usr/bin/env bash
# Set up, load the directory, train the model if its data changed, and start Passerelle:
# Rasa (5005), the action server (5055) and the web app (8000), on the embedded SQLite default.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/python -m bot run

#!/usr/bin/env bash
# Set up, then run the whole test suite (training the model once if its data changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
.venv/bin/python -m bot model ensure
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected no test: that is a failure, not a pass.
if [ "$status" -eq 5 ]; then
  echo "No test was collected: failing." >&2
  exit 1
fi
exit "$status"

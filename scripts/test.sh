#!/usr/bin/env bash
# Set up, then run the whole test suite (training the model once if its data changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# The widget's tests drive Debian's Chromium through Playwright: no browser is downloaded.
if [ ! -x "${PASSERELLE_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's Chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "The browser tests need Chromium: apt-get install chromium (or set PASSERELLE_CHROMIUM)." >&2
    exit 1
  fi
fi
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

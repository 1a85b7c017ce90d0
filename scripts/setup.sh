#!/usr/bin/env bash
# Set up everything Passerelle needs, from nothing: a Python 3.10 virtual environment in .venv
# with the pinned dependencies of requirements.lock. Re-running is cheap: it reinstalls only
# when requirements.lock changed. Sourced by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

find_python310() {
  # An explicit choice first, then the usual places: PATH, pyenv, the system.
  local candidates=("${PASSERELLE_PYTHON:-}" python3.10)
  if command -v pyenv >/dev/null 2>&1; then
    local v
    for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -V -r); do
      candidates+=("$(pyenv root)/versions/$v/bin/python3.10")
    done
  fi
  candidates+=("$HOME/.pyenv/versions"/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10)
  local c
  for c in "${candidates[@]}"; do
    [ -n "$c" ] || continue
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
      command -v "$c"
      return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
  if ! PYTHON=$(find_python310); then
    cat >&2 <<'MSG'
Passerelle needs Python 3.10 (Rasa Open Source 3.6 runs on Python 3.8-3.10 only), and none was found.
Install one, then run this command again:
  - with pyenv:   pyenv install 3.10
  - on Debian/Ubuntu: apt-get install python3.10 python3.10-venv (where your release has it)
  - or point to one: PASSERELLE_PYTHON=/path/to/python3.10
MSG
    exit 1
  fi
  echo "Creating .venv with $PYTHON"
  rm -rf .venv
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.lock | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing the pinned dependencies (requirements.lock)..."
  # (This machine's pip configuration names local index folders that may be absent: drop that noise.)
  quiet() { "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }; }
  quiet .venv/bin/python -m pip install --quiet --disable-pip-version-check "pip==24.0" "setuptools==70.3.0" "wheel==0.45.1"
  quiet .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip check
  echo "$want" > "$stamp"
fi

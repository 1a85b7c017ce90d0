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

# The chat widget: npm packages pinned by bot/widget/package-lock.json, bundled by esbuild into
# bot/widget/dist/passerelle.js. Rebuilt only when its sources or lock file changed.
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Node.js and npm (Debian packages) to build the widget..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "Passerelle needs Node.js 18+ and npm to build its chat widget: install them (e.g. apt-get install nodejs npm), then run this command again." >&2
    exit 1
  fi
fi
widget=bot/widget
lock_want=$(sha256sum "$widget/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$widget/node_modules/.lock.sha256" 2>/dev/null)" != "$lock_want" ]; then
  echo "Installing the widget's npm packages (bot/widget/package-lock.json)..."
  # --ignore-scripts: nothing runs at install time (esbuild's binary comes as its own package).
  (cd "$widget" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$lock_want" > "$widget/node_modules/.lock.sha256"
fi
build_want=$(cat "$widget/package-lock.json" "$widget/build.mjs" "$widget"/src/* | sha256sum | cut -d' ' -f1)
if [ ! -f "$widget/dist/passerelle.js" ] || [ "$(cat "$widget/dist/.build.sha256" 2>/dev/null)" != "$build_want" ]; then
  echo "Building the widget..."
  (cd "$widget" && node build.mjs)
  echo "$build_want" > "$widget/dist/.build.sha256"
fi

#!/usr/bin/env bash
# Install everything the project needs, idempotently, on a fresh Debian machine with Python 3.11+.
#
#   bash scripts/setup.sh            # Python environment (.venv) with opendata and its test tools
#   bash scripts/setup.sh --browser  # also Debian's chromium, for the page and report browser tests
#
# Re-running is cheap: the venv is reinstalled only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "opendata needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
  exit 2
fi

stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "==> Python environment (.venv)"
  "$python" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The editable install leaves opendata's own modules uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set (as in many containers) Python compiles them again at
# every start: ~0.1 s of each `opendata` command.  Compiled here, once per change.
.venv/bin/python -m compileall -q src

apt_install() {
  # Install Debian packages that are missing; `apt-get update` only when needed.
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

if [ "$want_browser" = 1 ]; then
  apt_install chromium fonts-dejavu-core
fi

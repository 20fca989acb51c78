#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, lints, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
export PATH="$PWD/.venv/bin:$PATH"

echo "==> ruff"
ruff check src tests scripts
ruff format --check src
echo "==> pytest (slow tests included)"
pytest -q -p no:cacheprovider -n 2 --dist loadgroup --durations=15 "$@"

#!/usr/bin/env bash
# The main job on built-in defaults: set up, rebuild the plan from the decision, validate it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

echo "==> opendata import-plan (rebuild datapackage/ from the decision's text)"
opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage
echo "==> opendata validate datapackage"
opendata validate datapackage
echo "==> opendata report datapackage (progress per campaign and quarter)"
opendata report datapackage
echo "==> opendata build datapackage --out dist (CSV, JSON, XLSX, dictionary, plan page)"
opendata build datapackage --out dist

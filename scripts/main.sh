#!/usr/bin/env bash
# The main job on built-in defaults, from a fresh clone:
#   install, rebuild the plan from the decision, validate it, report progress, build the downloads,
#   start a real local CKAN portal, publish the plan to it, then audit a seeded demo organisation.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
lab=${OPENDATA_CKAN_LAB:-$PWD/.lab/ckan}

echo "==> opendata import-plan (rebuild datapackage/ from the decision's text)"
opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage
echo "==> opendata validate datapackage"
opendata validate datapackage
echo "==> opendata report datapackage (progress per campaign and quarter)"
opendata report datapackage
echo "==> opendata build datapackage --out dist (CSV, JSON, XLSX, dictionary, plan page, zip)"
opendata build datapackage --out dist

echo "==> the local CKAN portal (real CKAN 2.11 on 127.0.0.1:58050; the first start installs it)"
bash scripts/ckan/portal.sh up
echo "==> opendata publish to the LOCAL TEST portal (a real one: CKAN_API_TOKEN=... --portal URL --org ORG)"
CKAN_API_TOKEN="$(cat "$lab/token")" opendata publish datapackage --create-org --build-dir dist

echo "==> seed the local portal with 20 realistic demo datasets (deliberate defects, for the audit)"
python scripts/seed_portal.py
echo "==> opendata audit of the demo organisation on the local portal"
opendata audit --portal http://127.0.0.1:58050 --org kolomyia-audit-demo \
  --register examples/audit-portal/register.csv --out dist/audit

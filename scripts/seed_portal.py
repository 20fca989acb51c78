#!/usr/bin/env python3
"""Seed a CKAN portal with ~20 realistic Kolomyia datasets, each with a deliberate defect, for the audit.

The data come from the national example structures of Resolution No. 835 (copied
into examples/audit-portal/). Idempotent: a dataset already seeded today by this
version is left alone; anything else of the same name is purged and recreated,
so dates relative to today (fresh / overdue) stay right.

    python scripts/seed_portal.py --portal http://127.0.0.1:58050 --token-file .lab/ckan/token

The expected findings per dataset are in DATASETS[...]["defect"]; the tests use them.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

import ckanapi

from opendata.config import LOCAL_PORTAL

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "examples" / "audit-portal"
# The sysadmin token that scripts/ckan/portal.sh writes for the local portal.
LOCAL_TOKEN_FILE = Path(os.environ.get("OPENDATA_CKAN_LAB") or ROOT / ".lab" / "ckan") / "token"
ORG = "kolomyia-audit-demo"
GROUP = "misto-i-dovkillia"
SEED_VERSION = "1"

PASSPORT = {
    "notes": "Набір даних Коломийської міської ради, оприлюднений відповідно до постанови КМУ № 835.",
    "maintainer": "Качанський Михайло Юрійович",
    "maintainer_email": "opendata@kolomyia-rada.example.gov.ua",
    "license_id": "cc-by",
    "update_frequency": "Щомісяця",
    "language": "українська",
    "purpose_of_collecting_information": "Постанова КМУ від 21.10.2015 № 835 «Про затвердження Положення про набори даних»",
    "spatial": "Коломия",
    "temporal_start": "2021-01-01",
    "age_days": 3,  # last_modified = today - age_days
}


def ds(name: str, title: str, tags: list[str], resources: list[dict], defect: str, **changes) -> dict:
    return {"name": name, "title": title, "tags": tags, "resources": resources, "defect": defect,
            **PASSPORT, **changes}  # fmt: skip


def csv_res(fixture: str, name: str | None = None, **extra) -> dict:
    return {"name": name or f"{fixture}.csv", "format": "CSV", "file": f"{fixture}.csv", **extra}


def schema_res(fixture: str) -> dict:
    return {"name": "Структура набору (schema.json)", "format": "JSON", "file": f"{fixture}.schema.json"}


DATASETS = [
    ds("public-toilets", "Громадські вбиральні комунальної власності", ["вбиральні", "благоустрій"],
       [csv_res("public-toilets"), schema_res("public-toilets")], "none", groups=[GROUP]),
    ds("parking-operators", "Оператори паркування", ["паркування", "транспорт"],
       [csv_res("parking-operators"), schema_res("parking-operators")], "none", update_frequency="Щокварталу"),
    ds("utility-tariffs", "Тарифи на комунальні послуги", ["тарифи", "комунальні послуги"],
       [csv_res("tariffs"), schema_res("tariffs")], "none", update_frequency="Щороку", age_days=100),
    ds("budget-projects", "Проєкти громадського бюджету", ["громадський бюджет"],
       [csv_res("budget-projects"), schema_res("budget-projects")], "validity-errors"),
    ds("e-petitions", "Електронні петиції", ["петиції"],
       [{"name": "petitions.csv", "format": "CSV", "file": "petitions.csv", "encoding": "cp1251"},
        schema_res("petitions")], "validity-encoding"),
    ds("tariffs-monthly-overdue", "Тарифи (щомісячне оновлення)", ["тарифи"],
       [csv_res("tariffs"), schema_res("tariffs")], "freshness-overdue", age_days=75),
    ds("toilets-no-passport", "Вбиральні (без паспорта)", [],
       [csv_res("public-toilets"), schema_res("public-toilets")], "passport-missing",
       notes="", maintainer="", maintainer_email="", update_frequency="", language="",
       purpose_of_collecting_information=""),
    ds("parking-bad-frequency", "Паркування (нестандартна частота)", ["паркування"],
       [csv_res("parking-operators"), schema_res("parking-operators")], "passport-bad-frequency",
       update_frequency="раз на місяць"),
    ds("stops-broken-link", "Зупинки громадського транспорту", ["транспорт", "зупинки"],
       [{"name": "stops.csv", "format": "CSV", "url": "{portal}/opendata-audit-missing/stops.csv"}],
       "link-broken"),
    ds("council-decisions-pdf", "Рішення виконавчого комітету (PDF)", ["рішення"],
       [{"name": "rishennia.pdf", "format": "PDF", "bytes": "pdf"}], "stars-not-machine-readable"),
    ds("tariffs-closed-licence", "Тарифи (закрита ліцензія)", ["тарифи"],
       [csv_res("tariffs"), schema_res("tariffs")], "stars-closed-licence", license_id="other-closed"),
    ds("tariffs-xlsx-only", "Тарифи (лише Excel)", ["тарифи"],
       [{"name": "tariffs.xlsx", "format": "XLSX", "file": "tariffs.csv", "convert": "xlsx"}],
       "stars-proprietary"),
    ds("toilets-no-schema", "Вбиральні (без структури)", ["вбиральні"],
       [csv_res("public-toilets")], "passport-no-schema"),
    ds("parking-no-email", "Паркування (без e-mail відповідальної особи)", ["паркування"],
       [csv_res("parking-operators"), schema_res("parking-operators")], "passport-missing-email",
       maintainer_email=""),
    ds("toilets-html-as-csv", "Вбиральні (сторінка замість CSV)", ["вбиральні"],
       [{"name": "toilets.csv", "format": "CSV", "url": "{portal}/dataset/public-toilets"},
        schema_res("public-toilets")], "link-content-type"),
    ds("toilets-linked-data", "Вбиральні (пов'язані дані)", ["вбиральні", "RDF"],
       [{"name": "toilets.ttl", "format": "TTL", "bytes": "ttl"}], "none-5-stars", groups=[GROUP]),
    ds("parking-unregistered", "Паркування (поза реєстром)", ["паркування"],
       [csv_res("parking-operators"), schema_res("parking-operators")], "register-unregistered"),
    ds("toilets-register-mismatch", "Вбиральні (частота не як у реєстрі)", ["вбиральні"],
       [csv_res("public-toilets"), schema_res("public-toilets")], "register-frequency",
       update_frequency="Щокварталу"),
    ds("parking-no-last-modified", "Паркування (без дати оновлення)", ["паркування"],
       [{"name": "operators.csv", "format": "CSV", "url": "{portal}/dataset/parking-operators"}],
       "passport-missing-last-modified", age_days=None),
    ds("parking-json", "Оператори паркування (JSON)", ["паркування", "JSON"],
       [{"name": "operators.json", "format": "JSON", "file": "parking-operators.csv", "convert": "json"},
        schema_res("parking-operators")], "none"),
]  # fmt: skip

TTL = """@prefix schema: <https://schema.org/> .
<https://kolomyia.example/toilet/10000123> a schema:PublicToilet ; schema:name "Громадська вбиральня, парк" .
"""
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _content(spec: dict) -> tuple[str, bytes] | None:
    """(file name, bytes) to upload, or None for a link resource."""
    if spec.get("bytes") == "pdf":
        return spec["name"], PDF
    if spec.get("bytes") == "ttl":
        return spec["name"], TTL.encode()
    if "file" not in spec:
        return None
    text = (FIXTURES / spec["file"]).read_text(encoding="utf-8")
    if spec.get("convert") == "json":
        return spec["name"], json.dumps(list(csv.DictReader(io.StringIO(text))), ensure_ascii=False).encode()
    if spec.get("convert") == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for row in csv.reader(io.StringIO(text)):
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return spec["name"], buffer.getvalue()
    return spec["name"], text.encode(spec.get("encoding", "utf-8"))


def _package(spec: dict, org_id: str, today: date) -> dict:
    extras = {k: spec[k] for k in ("update_frequency", "language", "purpose_of_collecting_information",
                                   "spatial", "temporal_start") if spec.get(k)}  # fmt: skip
    if spec["age_days"] is not None:
        extras["last_modified"] = (today - timedelta(days=spec["age_days"])).isoformat()
    extras.update(seed_version=SEED_VERSION, seed_date=today.isoformat())
    return {
        "name": spec["name"], "title": spec["title"], "notes": spec["notes"], "owner_org": org_id,
        "maintainer": spec["maintainer"], "maintainer_email": spec["maintainer_email"],
        "license_id": spec["license_id"], "tags": [{"name": t} for t in spec["tags"]],
        "groups": [{"name": g} for g in spec.get("groups", [])],
        "extras": [{"key": k, "value": v} for k, v in extras.items()],
    }  # fmt: skip


class SeededElsewhere(Exception):
    """A demo dataset's name is taken in another organisation: names are the portal's, so
    the demo lives in one organisation at a time."""

    def __init__(self, name: str, holder: str | None, org: str) -> None:
        super().__init__(
            f"dataset {name} belongs to organisation {holder}, not {org}: the demo's dataset names "
            f"are the portal's, so it is seeded into one organisation; purge {holder}'s demo datasets "
            "first, or seed that organisation"
        )


def seed(api: ckanapi.RemoteCKAN, portal: str, org: str = ORG, today: date | None = None) -> list[dict]:
    """Create (or refresh) the organisation, the group and the datasets; return the specs."""
    today = today or date.today()
    try:
        org_id = api.action.organization_show(id=org)["id"]
    except ckanapi.NotFound:
        org_id = api.action.organization_create(name=org, title="Коломийська міська рада (демо аудиту)")["id"]
    try:
        api.action.group_show(id=GROUP)
    except ckanapi.NotFound:
        api.action.group_create(name=GROUP, title="Місто і довкілля")
    for spec in DATASETS:
        try:
            current = api.action.package_show(id=spec["name"])
            if current["owner_org"] != org_id:
                raise SeededElsewhere(spec["name"], (current.get("organization") or {}).get("name"), org)
            marks = {e["key"]: e["value"] for e in current.get("extras", [])}
            if marks.get("seed_version") == SEED_VERSION and marks.get("seed_date") == today.isoformat():
                continue
            api.action.dataset_purge(id=spec["name"])
        except ckanapi.NotFound:
            pass
        package = api.action.package_create(**_package(spec, org_id, today))
        for resource in spec["resources"]:
            meta = {"package_id": package["id"], "name": resource["name"], "format": resource["format"]}
            content = _content(resource)
            if content is None:
                api.action.resource_create(**meta, url=resource["url"].format(portal=portal.rstrip("/")))
            else:
                api.action.resource_create(**meta, url="", upload=(content[0], io.BytesIO(content[1])))
    return DATASETS


def add_portal_options(parser: argparse.ArgumentParser) -> None:
    """--portal and --token-file, defaulting to the local portal (also used by bench_audit.py)."""
    parser.add_argument("--portal", default=LOCAL_PORTAL)
    parser.add_argument(
        "--token-file",
        type=Path,
        default=LOCAL_TOKEN_FILE,
        help="File with a sysadmin API token (default: the local portal's, $OPENDATA_CKAN_LAB/token).",
    )


def portal_api(args: argparse.Namespace) -> ckanapi.RemoteCKAN:
    try:
        token = args.token_file.read_text().strip()
    except OSError as error:
        sys.exit(
            f"cannot read the API token from {args.token_file} ({error.strerror}): start the local "
            "portal (bash scripts/ckan/portal.sh up), set OPENDATA_CKAN_LAB, or pass --token-file"
        )
    return ckanapi.RemoteCKAN(args.portal, apikey=token)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_portal_options(parser)
    parser.add_argument("--org", default=ORG)
    args = parser.parse_args()
    api = portal_api(args)
    try:
        specs = seed(api, args.portal, args.org)
    except (ckanapi.CKANAPIError, OSError, SeededElsewhere) as error:
        sys.exit(f"seeding failed: {error}")
    print(f"{args.portal}: organisation {args.org} holds {len(specs)} seeded datasets")


if __name__ == "__main__":
    main()

"""Compare the portal with the publisher's dataset register (Resolution No. 835, Appendix 7).

A register row matches a dataset when its `uid` is the dataset's name, or its
`url` ends with /dataset/<name>. Frequencies are compared case-insensitively.
"""

from __future__ import annotations

import csv
from pathlib import Path

from opendata.audit.model import DatasetResult, Finding
from opendata.national import csvw_schema

# the national register structure (Appendix 7), the same file the register export uses
REGISTER_COLUMNS = [c["name"].strip() for c in csvw_schema("register")["tableSchema"]["columns"]]


class RegisterUnreadable(Exception):
    """The register file is missing or not in the Appendix 7 structure."""


def read_register(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
    except (OSError, UnicodeDecodeError) as error:
        raise RegisterUnreadable(f"{path}: {error}") from error
    header = {k.strip() for k in (rows[0].keys() if rows else [])}
    missing = [c for c in REGISTER_COLUMNS if c not in header]
    if rows and missing:
        raise RegisterUnreadable(f"{path}: not an Appendix 7 register, missing columns {', '.join(missing)}")
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in rows]


def _key(row: dict) -> str:
    url = row.get("url", "").rstrip("/")
    return url.rsplit("/dataset/", 1)[1] if "/dataset/" in url else row.get("uid", "")


def compare(register: list[dict], datasets: list[DatasetResult]) -> list[Finding]:
    by_name = {d.name: d for d in datasets}
    registered = {}
    for row in register:
        name = row["uid"] if row.get("uid") in by_name or _key(row) not in by_name else _key(row)
        registered[name] = row
    findings = []
    for name, row in registered.items():
        dataset = by_name.get(name)
        if dataset is None:
            findings.append(
                Finding(
                    "register",
                    "register-missing",
                    "error",
                    None,
                    params={"uid": row["uid"], "title": row["title"]},
                )
            )
        # no frequency on the portal at all is the passport's finding, not a mismatch with «»
        elif (
            dataset.update_frequency
            and dataset.update_frequency.lower() != row.get("accrualPeriodicity", "").lower()
        ):
            findings.append(
                Finding(
                    "register",
                    "register-frequency",
                    "warning",
                    name,
                    params={"portal": dataset.update_frequency, "register": row.get("accrualPeriodicity")},
                )
            )
    findings += [
        Finding("register", "register-unregistered", "warning", d.name)
        for d in datasets
        if d.name not in registered
    ]
    return findings

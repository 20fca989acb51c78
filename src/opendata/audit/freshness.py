"""Freshness: the passport's last-modified date against the declared update frequency.

The date is the `last_modified` extra (data.gov.ua's passport field), else the
newest resource `last_modified`; CKAN's own `metadata_modified` changes on any
edit of the metadata, so it says nothing about the data and is not used.
"""

from __future__ import annotations

from datetime import date, datetime

from opendata.audit.checks.passport import frequency_days
from opendata.audit.model import DatasetResult, Finding


def parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def check(result: DatasetResult, audit_day: date) -> list[Finding]:
    day = parse_day(result.last_modified)
    if day is None:
        return []
    result.days_since_modified = (audit_day - day).days
    limit = frequency_days(result.update_frequency)
    if limit is None or result.days_since_modified <= limit:
        return []
    result.overdue = True
    return [
        Finding(
            "freshness",
            "freshness-overdue",
            "error",
            result.name,
            params={"days": result.days_since_modified, "frequency": result.update_frequency, "limit": limit},
        )
    ]

"""Freshness: the passport's last-modified date against the declared update frequency.

The date is the `last_modified` extra (data.gov.ua's passport field), else the
newest resource `last_modified`; CKAN's own `metadata_modified` changes on any
edit of the metadata, so it says nothing about the data and is not used.  A date
that cannot be read, or one after the audit, leaves the freshness unknown (the
passport check names it), never "fresh".

A dataset whose temporal coverage ended before the audit (last year's plan) needs no
more updates: it is fresh if it was updated within its frequency of the period's end.
"""

from __future__ import annotations

from datetime import date

from opendata.audit.checks.passport import credible_day, frequency_days
from opendata.audit.model import DatasetResult, Finding


def check(result: DatasetResult, audit_day: date) -> list[Finding]:
    day = credible_day(result.last_modified, audit_day)
    if day is None:  # no date, or one the passport check calls unreadable or future: freshness unknown
        return []
    result.days_since_modified = (audit_day - day).days
    limit = frequency_days(result.update_frequency)
    if limit is None:
        return []
    ended = _day(result.temporal_end)
    if ended is not None and ended < audit_day:
        result.overdue = (ended - day).days > limit
    else:
        result.overdue = result.days_since_modified > limit
    if not result.overdue:
        return []
    return [
        Finding(
            "freshness",
            "freshness-overdue",
            "error",
            result.name,
            params={"days": result.days_since_modified, "frequency": result.update_frequency, "limit": limit},
        )
    ]


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "")[:10])
    except ValueError:
        return None

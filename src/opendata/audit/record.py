"""Append the audit to the plan's execution records (progress_reports, task 5.2).

The plan validator rejects a record dated outside the plan period, so a record
that would make the plan invalid is refused here, with the reason; the plan's
period must be extended (a new decision) before later audits can be recorded.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from opendata.package import csv_bytes
from opendata.quarters import quarter_label

TASK = "5.2"


class RecordRefused(Exception):
    """The record cannot be added without making the plan invalid."""


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        return list(reader.fieldnames or []), list(reader)


def record(plan: Path, day: date, summary: dict, report_path: Path, reported_by: str | None = None) -> dict:
    """Append one row for task 5.2 and return it; RecordRefused if the date is outside the plan."""
    try:
        _, decision = _read(plan / "decision.csv")
        start, end = (date.fromisoformat(decision[0][k]) for k in ("period_start", "period_end"))
        header, reports = _read(plan / "progress_reports.csv")
        _, roles = _read(plan / "task_roles.csv")
    except (OSError, KeyError, IndexError, ValueError) as error:
        raise RecordRefused(f"{plan}: not the plan's data package ({error})") from error
    if not start <= day <= end:
        raise RecordRefused(
            f"the audit date {day} lies outside the plan period {start}…{end}; the plan validator would "
            "reject the record. Extend the plan (a new decision with a later period) or pass --date "
            "inside the period."
        )
    leader = next((r["person_id"] for r in roles if r["task_id"] == TASK and r["role"] == "leader"), "")
    quarter = quarter_label(day)
    taken = {r["report_id"] for r in reports}
    number = 1
    while f"{quarter}-{TASK}-audit-{number:02d}" in taken:
        number += 1
    row = {
        "report_id": f"{quarter}-{TASK}-audit-{number:02d}",
        "task_id": TASK,
        "period": quarter,
        "report_date": day.isoformat(),
        "status": "done",
        "summary": (
            f"Щорічний аудит наборів відкритих даних: {summary['datasets']} наборів, {summary['resources']} "
            f"ресурсів, {summary['findings']} зауважень, "
            f"оцінка якості метаданих {summary['overall_score']}/405; "
            f"звіт: {report_path}"
        ),
        "evidence_url": "",
        "channel": "website",
        "reach": "",
        "reported_by": reported_by or leader,
    }
    (plan / "progress_reports.csv").write_bytes(csv_bytes(header, [*reports, row]))
    return row

"""Append the audit to the plan's execution records (progress_reports, task 5.2).

The new row is checked with the plan validator's own rules for a report: one
they would reject (a date outside the plan period, say) is refused here, with
the reason; the plan's period must be extended (a new decision) before later
audits can be recorded.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from opendata.messages import counted
from opendata.package import csv_bytes
from opendata.plan_rules import Table, one_report_problems
from opendata.quarters import quarter_label

TASK = "5.2"


class RecordRefused(Exception):
    """The record cannot be added without making the plan invalid."""


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        return list(reader.fieldnames or []), list(reader)


def record(
    plan: Path,
    day: date,
    summary: dict,
    report_path: Path,
    reported_by: str | None = None,
    lang: str = "en",
) -> dict:
    """Append one row for task 5.2 and return it; RecordRefused if the plan's rules reject it."""
    try:
        _, decision = _read(plan / "decision.csv")
        start, end = (date.fromisoformat(decision[0][k]) for k in ("period_start", "period_end"))
        header, reports = _read(plan / "progress_reports.csv")
        _, roles = _read(plan / "task_roles.csv")
    except (OSError, KeyError, IndexError, ValueError) as error:
        raise RecordRefused(f"{plan}: not the plan's data package ({error})") from error
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
            "Щорічний аудит наборів відкритих даних: "
            + ", ".join(counted(summary[noun], "uk", noun) for noun in ("datasets", "resources", "findings"))
            + f", оцінка якості метаданих {summary['overall_score']}/405; "
            f"звіт: {report_path}"
        ),
        "evidence_url": "",
        "channel": "website",
        "reach": "",
        "reported_by": reported_by or leader,
    }
    table = Table("progress_reports", "progress_reports.csv", [])
    errors = [
        problem
        for problem in one_report_problems(table, {**row, "__row": len(reports) + 2}, (start, end))
        if problem.severity == "error"
    ]
    if errors:
        reasons = " ".join(" ".join(problem.render(lang)) for problem in errors)
        raise RecordRefused(
            f"{reasons} The plan validator would reject the record: extend the plan "
            "(a new decision with a later period) or pass --date inside the period."
        )
    (plan / "progress_reports.csv").write_bytes(csv_bytes(header, [*reports, row]))
    return row

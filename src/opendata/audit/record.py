"""Append the audit to the plan's execution records (progress_reports, the plan's audit task).

The task is the plan's own: found by its title (`AUDIT_TASK`: Kolomyia's 5.2 «Проведення
щорічного аудиту наборів відкритих даних…»; another council numbers it otherwise), or
named with --task.

The new row is checked with the plan validator's own rules for a report: one
they would reject (a date outside the plan period, say) is refused here, with
the reason; the plan's period must be extended (a new decision) before later
audits can be recorded.  The tables are read and the row written by the package's
schemas: a council whose dates are «15.11.2021» (``format: %d.%m.%Y``) gets its
record's date so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import frictionless

from opendata import tables
from opendata.messages import counted
from opendata.plan_rules import Table, one_report_problems, plan_period, read_table
from opendata.problems import Problem
from opendata.quarters import quarter_label
from opendata.suggest import day_meant

# a title that speaks of an audit or an inventory of open data: «Проведення щорічного аудиту
# наборів відкритих даних», «Інвентаризація відкритих даних»; not «хартії відкритих даних»
AUDIT_TASK = re.compile(r"(аудит|інвентаризаці)\w*\b.*\bвідкрит\w* дан", re.IGNORECASE)
REFUSED = {
    "uk": "Перевірка плану відхилила б такий запис: продовжте період плану (нове рішення) або "
    "вкажіть --date у межах періоду.",
    "en": "The plan validator would reject the record: extend the plan (a new decision with a "
    "later period) or pass --date inside the period.",
}


NOTHING_AUDITED = {
    "uk": "Аудит не знайшов жодного набору даних, тож його не записано як виконаний: найімовірніше, "
    "назву організації (--org) вказано неправильно. Перевірте її і проведіть аудит знову.",
    "en": "The audit found no dataset, so it is not recorded as done: most likely the organisation's "
    "name (--org) is wrong. Check it and run the audit again.",
}


class RecordRefused(Exception):
    """The record cannot be added without making the plan invalid."""


class NotAPlan(RecordRefused):
    """--plan names no plan's data package: `audit` checks it before its crawl, which
    may take minutes on a real portal."""

    def __init__(self, plan: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"{plan}: not the plan's data package ({reason} {detail})".strip())
        self.plan, self.reason, self.detail = plan, reason, detail


class PlanPeriodUnreadable(RecordRefused):
    """The plan's period is there, but a cell of it is not in its schema's date format (an
    ISO «2021-04-01» under «%d.%m.%Y»): the folder is the plan's, the cell is what to fix.
    ``cell`` names it for the message: its field, value, the schema's format and an example
    (the day written as the schema wants it)."""

    def __init__(self, plan: Path, field: str, value: str, date_format: str, example: str) -> None:
        super().__init__(f"{plan}: decision.csv {field} {value!r} is not a date in the format {date_format}")
        self.plan = plan
        self.cell = {"field": field, "value": value, "format": date_format, "example": example}


class NoAuditTask(RecordRefused):
    """The plan's audit task is not known: no task's title speaks of an audit of open
    data, several do (``found``), or --task names none of the plan's (``task``).  Said
    before the crawl, with the tasks to choose from."""

    def __init__(self, plan: Path, found: list[dict], task: str | None = None) -> None:
        super().__init__(f"{plan}: the audit task is not known ({task or [t['task_id'] for t in found]})")
        self.plan, self.found, self.task = plan, found, task


@dataclass
class PlanTables:
    package: frictionless.Package
    period: tuple[date, date]
    reports: Table
    roles: list[dict]
    task: str  # the plan's audit task, which the record is of


class AlreadyRecorded(Exception):
    """The plan already holds this day's audit record (its report_id)."""


def _same_audit(reports: Table, report: dict, day: date, task: str) -> bool:
    return (
        report.get("task_id") == task
        and reports.date_of(report, "report_date") == day
        and f"-{task}-audit-" in (report.get("report_id") or "")
    )


def audit_task(plan: Path, tasks: list[dict], task: str | None = None) -> str:
    """The plan's audit task: TASK_ID given (--task) if the plan has it, else the one task
    whose title speaks of an audit of open data (`AUDIT_TASK`); NoAuditTask if none or
    several do, or the plan has no task TASK_ID."""
    found = [row for row in tasks if AUDIT_TASK.search(row.get("title_uk") or "")]
    if task is not None and not any(row.get("task_id") == task for row in tasks):
        raise NoAuditTask(plan, found, task)
    if task is None and len(found) != 1:
        raise NoAuditTask(plan, found)
    return task or found[0]["task_id"]


def read_plan(plan: Path, task: str | None = None) -> PlanTables:
    """The plan's tables a record needs, or NotAPlan saying what is missing (or
    PlanPeriodUnreadable); and its audit task (`audit_task`), or NoAuditTask."""
    if not (plan / "datapackage.json").is_file():
        raise NotAPlan(plan, "no-descriptor")
    try:
        package = frictionless.Package(str(plan / "datapackage.json"))
        decision = _read(package, "decision")
        period = plan_period(decision)
        reports = _read(package, "progress_reports")
        roles = _read(package, "task_roles").rows
        tasks = _read(package, "tasks").rows
    except (OSError, frictionless.FrictionlessException) as error:
        raise NotAPlan(plan, "unreadable", str(error)) from error
    if period is None:
        _refuse_an_unreadable_period(plan, decision)
        raise NotAPlan(plan, "no-period")
    if not {"report_id", "task_id", "period", "report_date"} <= reports.columns:
        raise NotAPlan(plan, "no-columns")
    return PlanTables(package, period, reports, roles, audit_task(plan, tasks, task))


def _refuse_an_unreadable_period(plan: Path, decision: Table) -> None:
    """Raise PlanPeriodUnreadable for a period cell written but not in its schema's date
    format: told apart from a missing period, whose fix is another --plan."""
    row = decision.rows[0] if decision.rows else {}
    for name in ("period_start", "period_end"):
        value = (row.get(name) or "").strip()
        if value and decision.date_of(row, name) is None:
            example = decision.written_date(name, day_meant(value) or date.today())
            raise PlanPeriodUnreadable(plan, name, value, decision.date_format(name), example)


def _read(package: frictionless.Package, name: str) -> Table:
    """A plan table as the validator reads it (its dialect: a Ukrainian Excel's
    semicolons; a byte-order mark; its schema's date format)."""
    if not package.has_resource(name):
        raise NotAPlan(Path(package.basepath or "."), "no-table", name)
    table = read_table(package.get_resource(name))
    if table is None:
        raise NotAPlan(Path(package.basepath or "."), "no-table", name)
    return table


def _written(resource: frictionless.Resource, row: dict) -> dict[str, str]:
    """The row's cells as the table's schema writes them: the date in the field's format,
    an empty reach as the schema's missing value."""
    table = tables.Table(resource.name, {}, resource.schema.to_descriptor(), [row])
    return tables.written_rows(table)[0]


def _append(path: Path, table: Table, row: dict) -> None:
    """Add the row at the end of the file, in its own delimiter and line ends: the
    rows already there are left byte for byte as the officer saved them."""
    data = path.read_bytes()
    line_end = "\r\n" if b"\r\n" in data else "\n"
    line = io.StringIO()
    csv.writer(line, delimiter=table.delimiter, lineterminator=line_end).writerow(
        [row.get(name, "") for name in table.header]
    )
    with path.open("ab") as stream:
        if data and not data.endswith((b"\n", b"\r")):
            stream.write(line_end.encode())
        stream.write(line.getvalue().encode("utf-8"))


def record(
    plan: Path,
    day: date,
    summary: dict,
    report_path: Path,
    reported_by: str | None = None,
    lang: str = "en",
    evidence_url: str = "",
    task: str | None = None,
) -> dict:
    """Append one row for the plan's audit task (TASK, or the one its title names: `audit_task`) and
    return it; RecordRefused if the plan's rules reject it.  EVIDENCE_URL: where the
    report is published (a record of done work without one is the plan's warning).  An audit
    of no dataset is refused: most likely of the wrong organisation, it audited nothing."""
    if not summary["datasets"]:
        raise RecordRefused(NOTHING_AUDITED[lang])
    found = read_plan(plan, task)
    package, period, reports_table, roles = found.package, found.period, found.reports, found.roles
    task = found.task
    reports = reports_table.rows
    leader = next(
        (r.get("person_id", "") for r in roles if r.get("task_id") == task and r.get("role") == "leader"), ""
    )
    quarter = quarter_label(day)
    earlier = next((r for r in reports if _same_audit(reports_table, r, day, task)), None)
    if earlier is not None:  # a run again: one audit, one record
        raise AlreadyRecorded(earlier["report_id"])
    taken = {r["report_id"] for r in reports}
    number = 1
    while f"{quarter}-{task}-audit-{number:02d}" in taken:
        number += 1
    row = {
        "report_id": f"{quarter}-{task}-audit-{number:02d}",
        "task_id": task,
        "period": quarter,
        "report_date": day,
        "status": "done",
        "summary": (
            "Щорічний аудит наборів відкритих даних: "
            + ", ".join(counted(summary[noun], "uk", noun) for noun in ("datasets", "resources", "findings"))
            + f", оцінка якості метаданих {summary['overall_score']}/405"
            # the local file only where no public address is given: a path on this computer
            # means nothing to the plan's readers
            + ("" if evidence_url else f"; звіт: {report_path}")
        ),
        "evidence_url": evidence_url,
        "channel": "website",
        "reach": None,
        "reported_by": reported_by or leader,
    }
    resource = package.get_resource("progress_reports")
    row = {**_written(resource, row), "__row": len(reports) + 2}
    errors = [p for p in one_report_problems(reports_table, row, period) if p.severity == "error"]
    if evidence_url and not evidence_url.lower().startswith(("http://", "https://")):
        # not a link at all, which the schema's uri type (not the plan's rules) refuses
        where = {
            "resource": reports_table.resource,
            "path": reports_table.path,
            "row": row["__row"],
            "field": "evidence_url",
        }
        errors.append(Problem("plan-evidence-not-http", cell=evidence_url, **where))
    if errors:
        reasons = " ".join(" ".join(problem.render(lang)) for problem in errors)
        in_period = any(problem.field in ("period", "report_date") for problem in errors)
        raise RecordRefused(f"{reasons} {REFUSED[lang]}" if in_period else reasons)
    del row["__row"]
    _append(Path(resource.normpath), reports_table, row)
    return row

"""The `opendata` command line: parses arguments, calls the library, prints.

Exit codes are stable so scripts can rely on them:
0 success / valid, 1 the data has errors, 2 nothing could be read or used
(missing path, broken descriptor, unreachable portal, bad credentials).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from opendata import __version__
from opendata.messages import UI
from opendata.package import import_plan
from opendata.plan_import import SourceError
from opendata.validate import ValidationReport, validate

DEFAULT_PACKAGE = "datapackage"
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["uk", "en"]),
    default="uk",
    envvar="OPENDATA_LANG",
    show_default=True,
    help="Language of messages (or set OPENDATA_LANG).",
)
FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts (printed to stdout).",
)

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="opendata")
def main() -> None:
    """Publish and check the city's open data.

    \b
    Typical year of an open-data officer:
      opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage
      opendata validate                  # check datapackage/ after editing a CSV
      opendata validate --lang en --format json

    Run `opendata COMMAND --help` for the details of each command.
    """


@main.command("import-plan")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_PACKAGE,
    show_default=True,
    help="Folder of the data package to write.",
)
def import_plan_command(source: Path, out_dir: Path) -> None:
    """Build the plan's data package from the decision's text export.

    SOURCE is the plain-text export of the decision (UTF-8). The command writes
    decision.csv, campaigns.csv, tasks.csv, people.csv, task_roles.csv, their
    schemas and datapackage.json into --out, and keeps a copy of SOURCE under
    sources/. An existing progress_reports.csv is never overwritten.

    Rerunning it on the same text reproduces the same files byte for byte. Any
    line of the text it cannot place is listed (with its line number) and the
    exit code is 1, so nothing is silently dropped.

    \b
    Example:
      opendata import-plan datapackage/sources/kolomyia-2021-communication-plan.txt --out datapackage
    """
    if not source.is_file():
        err.print(f"error: {source} does not exist or is not a file", markup=False)
        sys.exit(2)
    try:
        plan = import_plan(source, out_dir)
    except SourceError as error:
        err.print(f"error: cannot import {source}: {error}", markup=False)
        sys.exit(2)
    out.print(
        f"{out_dir}: {len(plan.campaigns)} campaigns, {len(plan.tasks)} tasks, "
        f"{len(plan.people)} people, "
        f"{sum(len(t.leaders) + len(t.executors) for t in plan.tasks)} roles",
        markup=False,
    )
    for line in plan.unplaced:
        err.print(f"line {line.line_number}: {line.reason}: {line.text!r}", markup=False)
    if plan.unplaced:
        err.print(f"{len(plan.unplaced)} line(s) could not be placed; the tables may be incomplete.")
        sys.exit(1)


@main.command("validate")
@click.argument("path", default=DEFAULT_PACKAGE, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    type=click.Path(path_type=Path),
    help="Table Schema (JSON) for a single table file given as PATH.",
)
@click.option(
    "--limit-errors",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Stop a table after N errors (0 = report all).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Follow resource paths that are http(s) URLs (refused by default).",
)
@FORMAT_OPTION
@LANG_OPTION
def validate_command(
    path: Path,
    schema: Path | None,
    limit_errors: int,
    allow_remote: bool,
    output_format: str,
    lang: str,
) -> None:
    """Check a data package, a resource or a table against its schema and the plan's rules.

    PATH is a package folder (default: datapackage/), a datapackage.json, a
    resource descriptor (resource.json), or a CSV file with --schema.

    \b
    What is checked:
      - files: present, not empty, UTF-8 (windows-1251 is named, never read as mojibake);
      - structure: header, blank/duplicate labels, extra or missing cells, blank rows;
      - schema: types, required, unique, enum, pattern, min/max, primary and foreign keys;
      - the plan: each task has a leader and an executor, report dates inside the plan
        period and their quarter, http(s) evidence links; a number printed twice is a warning.

    \b
    Exit codes: 0 valid, 1 errors found, 2 nothing could be read.
    \b
    Examples:
      opendata validate
      opendata validate datapackage --lang en --format json
      opendata validate budget.csv --schema budget.schema.json --limit-errors 100
    """
    with _progress(output_format) as on_progress:
        report = validate(
            path,
            schema=schema,
            limit_errors=limit_errors,
            allow_remote=allow_remote,
            on_progress=on_progress,
        )
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(lang), ensure_ascii=False, indent=2, default=str))
    else:
        print_report(report, lang)
    sys.exit(report.exit_code)


class _progress:
    """A rows-per-table progress bar on stderr, shown only on a terminal."""

    def __init__(self, output_format: str):
        self.enabled = err.is_terminal and output_format == "text"
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:,} rows"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not self.enabled,
        )
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.bar.__enter__()
        return self.update if self.enabled else None

    def update(self, resource: str, rows: int) -> None:
        if resource not in self.tasks:
            self.tasks[resource] = self.bar.add_task(resource, total=None)
        self.bar.update(self.tasks[resource], completed=rows)

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


def print_report(report: ValidationReport, lang: str) -> None:
    """Problems grouped by file, each with its row, field, message and fix."""
    ui = UI[lang]
    if not report.readable:
        problem = report.problems[0]
        message, fix = problem.render(lang)
        out.print(Text(ui["unreadable"], style="bold red"))
        out.print(Text(message))
        out.print(Text(f"  {ui['fix']}: {fix}", style="dim"))
        return
    by_file: dict[str, list] = {}
    for problem in report.problems:
        by_file.setdefault(problem.path or problem.resource or "", []).append(problem)
    for path, problems in by_file.items():
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        heading = Text(path or "—", style="bold")
        heading.append(f"  ({errors} {ui['errors']}, {warnings} {ui['warnings']})", style="dim")
        out.print(heading)
        for problem in problems:
            out.print(_problem_line(problem, lang))
        out.print()
    for table in report.tables:
        note = f" — {table.fallback_reason}" if table.fallback_reason else ""
        out.print(
            Text(
                f"{ui['checked']} {table.path}: {table.rows or 0:,} {ui['rows']} "
                f"({ui['engine']}: {table.engine}{note})",
                style="dim",
            )
        )
    summary = Text(ui["valid"] if report.valid else ui["invalid"], style="bold")
    summary.stylize("green" if report.valid else "red")
    summary.append(f" {len(report.errors)} {ui['errors']}, {len(report.warnings)} {ui['warnings']}.")
    out.print(summary)


def _problem_line(problem, lang: str) -> Text:
    ui = UI[lang]
    message, fix = problem.render(lang)
    where = []
    if problem.row is not None:
        where.append(f"{ui['row']} {problem.row}")
    elif problem.code.endswith("-label"):
        where.append(ui["header"])
    if problem.field:
        where.append(f"{ui['field']} «{problem.field}»")
    style = "red" if problem.severity == "error" else "yellow"
    line = Text("  ")
    line.append("✗ " if problem.severity == "error" else "! ", style=style)
    if where:
        line.append(", ".join(where) + ": ", style="bold")
    line.append(message)
    line.append(f"\n      {ui['fix']}: {fix}", style="dim")
    return line


# --- build and report: the downloads and the progress summary -------------------------------------

BUILD_UI = {
    "uk": {
        "not_package": "потрібна тека пакета даних або datapackage.json",
        "invalid": "пакет містить помилки, тому файли не зібрано; подробиці: opendata validate",
        "publisher": "не вдалося прочитати файл видавця",
        "written": "файлів записано до",
        "gap": "порожня обов'язкова клітинка в національному експорті",
        "draft-decision": "рішення — проєкт: ще немає дати, номера і статусу",
        "needs-publisher": "пакет цього не містить; вкажіть у файлі --publisher",
        "campaign": "Кампанія",
        "tasks": "Завдань",
        "total": "Усього",
        "legend": "у клітинках: завдань зі звітами / з них виконано",
        "no_reports": "Записів про виконання ще немає.",
        "summary": "Разом: {reported} із {tasks} завдань зі звітами, {done} виконано; записів: {reports}.",
    },
    "en": {
        "not_package": "expected a data package folder or a datapackage.json",
        "invalid": "the package has errors, so nothing was built; see: opendata validate",
        "publisher": "cannot read the publisher file",
        "written": "files written to",
        "gap": "required cell left empty in a national export",
        "draft-decision": "the decision is a draft: no date, number or status yet",
        "needs-publisher": "not in the package; give it in the --publisher file",
        "campaign": "Campaign",
        "tasks": "Tasks",
        "total": "Total",
        "legend": "cells: tasks with reports / of them done",
        "no_reports": "There are no execution records yet.",
        "summary": "In all: {reported} of {tasks} tasks reported on, {done} done; {reports} records.",
    },
}


def _valid_package_dir(path: Path, lang: str) -> Path:
    """The package folder behind PATH, after `validate`; exits 2 if unreadable, 1 if invalid."""
    ui = BUILD_UI[lang]
    folder = path.parent if path.name == "datapackage.json" else path
    if not (folder / "datapackage.json").is_file():
        report = validate(path)
        if not report.readable:
            print_report(report, lang)
            sys.exit(2)
        err.print(f"error: {path}: {ui['not_package']}", markup=False)
        sys.exit(2)
    report = validate(folder)
    if not report.readable:
        print_report(report, lang)
        sys.exit(2)
    if not report.valid:
        err.print(f"error: {folder}: {ui['invalid']}", markup=False)
        sys.exit(1)
    return folder


@main.command("build")
@click.argument("path", default=DEFAULT_PACKAGE, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default="dist",
    show_default=True,
    help="Folder to write the downloads into.",
)
@click.option(
    "--publisher",
    "publisher_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON with facts the package lacks for the national exports "
    "(executant_id, publisher_id, program_url, legal_act_url, reports_url, dataset_url, "
    "contact_name, contact_email).",
)
@FORMAT_OPTION
@LANG_OPTION
def build_command(
    path: Path, out_dir: Path, publisher_file: Path | None, output_format: str, lang: str
) -> None:
    """Write everything analysts download from a valid data package.

    \b
    Into --out (default dist/):
      csv/*.csv, csv-excel/*.csv (UTF-8 with BOM), json/*.json  every table;
      plan.json            the whole plan nested: campaigns → tasks → people, reports;
      NAME.xlsx            a sheet per table and a `dictionary` sheet;
      dictionary.md/.html  the data dictionary from the schemas;
      national/*.csv       Додаток 62 (programme, reports) and Додаток 7 (register row);
      index.html           the plan page (static, offline);
      datapackage.json     the built files with bytes and sha256; NAME.zip all of them.
    The same package gives the same bytes. The package is validated first and
    nothing is built if it has errors.

    \b
    Exit codes: 0 built, 1 the package has errors, 2 nothing could be read.
    \b
    Examples:
      opendata build
      opendata build datapackage --out dist --publisher publisher.json --format json
    """
    from opendata.build import build
    from opendata.national import Publisher

    ui = BUILD_UI[lang]
    folder = _valid_package_dir(path, lang)
    try:
        publisher = Publisher.from_file(publisher_file) if publisher_file else None
    except (OSError, ValueError, TypeError) as error:
        err.print(f"error: {ui['publisher']}: {error}", markup=False)
        sys.exit(2)
    result = build(folder, out_dir, publisher)
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    for built in result.files:
        out.print(f"{built.path}  ({built.format}, {built.bytes:,} B)", markup=False)
    for gap in result.gaps:
        out.print(Text(f"! {gap.path} «{gap.column}»: {ui['gap']} — {ui[gap.reason]}", style="yellow"))
    out.print(Text(f"{len(result.files)} {ui['written']} {out_dir}", style="bold green"))


@main.command("report")
@click.argument("path", default=DEFAULT_PACKAGE, type=click.Path(path_type=Path))
@FORMAT_OPTION
@LANG_OPTION
def report_command(path: Path, output_format: str, lang: str) -> None:
    """Show how far the plan has got, per campaign and quarter.

    For each campaign and quarter: how many of its tasks have execution records
    and how many of those are done (a record with status `done`). Every task runs
    for the whole plan period, so a campaign's tasks count as planned in each quarter.

    \b
    Exit codes: 0 shown, 1 the package has errors, 2 nothing could be read.
    \b
    Examples:
      opendata report
      opendata report datapackage --format json
    """
    from rich.table import Table

    from opendata.progress import progress
    from opendata.tables import read_package

    ui = BUILD_UI[lang]
    summary = progress(read_package(_valid_package_dir(path, lang)))
    if output_format == "json":
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    table = Table(caption=ui["legend"])
    table.add_column(ui["campaign"])
    table.add_column(ui["tasks"], justify="right")
    for period in summary.quarters:
        table.add_column(period, justify="right")
    table.add_column(ui["total"], justify="right")
    for campaign in summary.campaigns:
        title = campaign.title_uk if lang == "uk" else campaign.title_en
        table.add_row(
            f"{campaign.campaign_id}. {title}",
            str(campaign.tasks),
            *(f"{q.reported} / {q.done}" for q in campaign.quarters),
            f"{campaign.reported} / {campaign.done}",
        )
    out.print(table)
    if not summary.reports:
        out.print(ui["no_reports"])
    out.print(ui["summary"].format(**summary.to_dict()))


if __name__ == "__main__":
    main()


# --- audit (plan tasks 5.2 and 5.3) ------------------------------------------------------


@main.command("audit")
@click.option("--portal", help="CKAN portal address, e.g. http://127.0.0.1:58050.")
@click.option(
    "--dump", type=click.Path(dir_okay=False, path_type=Path), help="Audit a `ckanapi dump` file instead."
)
@click.option("--org", help="Only this organisation's datasets (default: the whole portal).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the report and the audit data package.",
)
@click.option("--year", type=int, help="Audit year for the titles (default: the year of --date).")
@click.option("--date", "audit_date", type=click.DateTime(["%Y-%m-%d"]), help="Audit date (default: today).")
@click.option(
    "--register",
    "register_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Dataset register (Appendix 7 of Resolution No. 835, CSV) to compare with.",
)
@click.option(
    "--compare",
    "previous_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder of a previous audit: adds the year-over-year change.",
)
@click.option(
    "--links/--no-links",
    default=None,
    help="Fetch resource links (default: yes for a portal, no for a dump).",
)
@click.option(
    "--concurrency", type=click.IntRange(1, 64), default=8, show_default=True, help="Parallel downloads."
)
@click.option("--timeout", type=float, default=15.0, show_default=True, help="Seconds per request.")
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Download cap per file, in MB; bigger files are sampled.",
)
@click.option(
    "--record", is_flag=True, help="Append a task 5.2 execution record to the plan's progress_reports."
)
@click.option(
    "--plan",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_PACKAGE,
    show_default=True,
    help="The plan's data package, for --record.",
)
@FORMAT_OPTION
@LANG_OPTION
def audit_command(
    portal,
    dump,
    org,
    out_dir,
    year,
    audit_date,
    register_file,
    previous_dir,
    links,
    concurrency,
    timeout,
    max_size,
    record,
    plan,
    output_format,
    lang,
) -> None:
    """Annual audit of the portal's datasets: passport, metadata quality, stars, links, data, freshness.

    Writes into --out: report.html (for people; opens offline), report.md, and the
    results as an open-data package (datapackage.json, datasets.csv, resources.csv,
    findings.csv, recommendations.csv, with schemas) that `opendata validate` accepts.

    \b
    Exit codes: 0 audited (whatever was found), 1 --record refused, 2 portal or input unreadable.
    \b
    Examples:
      opendata audit --portal http://127.0.0.1:58050 --org kolomyia-audit-demo --out audit-2026
      opendata audit --portal URL --out audit-2027 --compare audit-2026 --register register.csv
      opendata audit --dump portal.jsonl --out audit-offline --lang en --format json
    """
    from datetime import date

    from opendata.audit import PortalUnreadable, run_audit
    from opendata.audit.compare import PreviousUnreadable, load_previous
    from opendata.audit.mqa import BAND_LABELS
    from opendata.audit.record import RecordRefused
    from opendata.audit.record import record as record_audit
    from opendata.audit.register import RegisterUnreadable
    from opendata.audit.report import write_outputs

    if bool(portal) == bool(dump):
        err.print("error: give exactly one of --portal URL or --dump FILE", markup=False)
        sys.exit(2)
    day = audit_date.date() if audit_date else None
    try:
        previous = load_previous(previous_dir) if previous_dir else None
        with _audit_progress(output_format) as on_progress:
            audit = run_audit(
                portal=portal,
                dump=dump,
                org=org,
                audit_day=day,
                register_file=register_file,
                check_links=links if links is not None else bool(portal),
                lang=lang,
                concurrency=concurrency,
                timeout=timeout,
                size_cap=max_size << 20,
                on_progress=on_progress,
            )
    except (PortalUnreadable, RegisterUnreadable, PreviousUnreadable) as error:
        err.print(f"error: {error}", markup=False)
        sys.exit(2)
    if year:
        audit.year = year
    audit.previous = previous
    summary = write_outputs(audit, out_dir, lang)
    if output_format == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        line = {
            "uk": "Аудит завершено: {datasets} наборів, {resources} ресурсів, {findings} зауважень "
            "({errors} помилок); оцінка {overall_score}/405 ({band}).",
            "en": "Audit done: {datasets} datasets, {resources} resources, {findings} findings "
            "({errors} errors); score {overall_score}/405 ({band}).",
        }[lang]
        out.print(line.format(**summary, band=BAND_LABELS[summary["overall_band"]][lang]), markup=False)
        out.print(f"Report: {(out_dir / 'report.html').resolve()}", markup=False)
    if record:
        try:
            row = record_audit(plan, day or date.today(), summary, out_dir / "report.html")
        except RecordRefused as error:
            err.print(f"error: --record refused: {error}", markup=False)
            sys.exit(1)
        err.print(f"recorded {row['report_id']} in {plan / 'progress_reports.csv'}", markup=False)


class _audit_progress:
    """Crawl and link-check progress bars on stderr, only on a terminal."""

    def __init__(self, output_format: str):
        self.enabled = err.is_terminal and output_format == "text"
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:,}/{task.total:,}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not self.enabled,
        )
        self.tasks: dict[str, int] = {}

    def __enter__(self):
        self.bar.__enter__()
        return self.update if self.enabled else None

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task({"crawl": "datasets", "links": "links"}[stage], total=total)
        self.bar.update(self.tasks[stage], completed=done, total=total)

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

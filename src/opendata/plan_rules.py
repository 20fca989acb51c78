"""The plan's own rules, beyond what a Table Schema can say.

- every task has at least one leader and one executor;
- a report's quarter lies in the plan period, its date in the plan period and
  in its stated quarter;
- evidence links are http(s) (Table Schema's `uri` format allows any scheme);
- a number printed twice in the decision is a warning, not an error;
- task «N.x» belongs to campaign N (a heading the import missed moves tasks);
- an adopted decision has its date and number;
- a report marked done without evidence is a warning;
- no cell or column name of any table holds an invisible control character (Ctrl-Z, NUL:
  left by copying from other programs, unseen in a spreadsheet, refused by the XLSX download);
- a cell longer than Excel holds is a warning: the XLSX download cuts it;
- a cell or a column's name starting with "=" is a warning: Excel runs it as a formula when
  it opens the CSV.
- each plan table's schema has the fields build, report and publish read from it, of the
  shipped schema's type (a field renamed, dropped or retyped stopped them with a traceback);
  the user's own fields beside them are welcome.

The tables are read as text, with no type conversion, so that a cell the
schema check already rejected does not stop the rules from running on others; a
date is read by its field, in the format the schema declares («15.06.2021»).
Row numbers follow Frictionless: the file's first line is row 1, the header's unless a title
stands above it.
"""

from __future__ import annotations

import csv
import ipaddress
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import frictionless

from opendata.plan_schema import plan_schema
from opendata.problems import Problem
from opendata.quarters import quarter_bounds, quarter_label
from opendata.tables import written_cell
from opendata.text import formula_sign

PLAN_RESOURCES = {"decision", "tasks", "task_roles", "progress_reports"}
QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$")
# the task a report id names, as the sample's «2021-Q2-1.10-01» or «…-1.8-2-01» do
REPORT_TASK_RE = re.compile(r"(?:^|-)(\d+\.\d+(?:-[2-9])?)-\d+$")
SNIFF_CHARS = 16_384  # the sample a delimiter is guessed from
URI_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# C0 controls but tab and line breaks (a cell may hold several lines), and DEL
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EXCEL_CELL_CHARS = 32_767  # the most an Excel cell holds
ISO_DATE = frictionless.fields.DateField(name="date")  # a date column the schema does not describe
BOOLEAN = frictionless.fields.BooleanField(name="number_is_duplicate")  # where the schema says no type
# the fields build, report and publish read from each plan table (the nested plan, the progress
# summary, the plan page, the workbook's `about` sheet, the national exports)
PLAN_FIELDS = {
    "decision": (
        "decision_id",
        "title",
        "city",
        "issuing_body",
        "status",
        "date",
        "number",
        "period_start",
        "period_end",
    ),
    "campaigns": ("campaign_id", "numeral", "title_uk", "title_en"),
    "tasks": ("task_id", "campaign_id", "source_number", "number_is_duplicate", "title_uk"),
    "people": ("person_id", "display_name", "name_latin"),
    "task_roles": ("task_id", "role", "person_id", "position"),
    "progress_reports": (
        "report_id",
        "task_id",
        "period",
        "report_date",
        "status",
        "summary",
        "evidence_url",
    ),
}


def is_plan(package: frictionless.Package) -> bool:
    """The plan's tables, all but one at most: a table whose path was refused (outside
    the package, a URL) is left out of the package, and the others' rules still hold."""
    return len(set(package.resource_names) & PLAN_RESOURCES) >= len(PLAN_RESOURCES) - 1


def check(package: frictionless.Package, readable: set[str]) -> list[Problem]:
    tables = {name: read_table(package.get_resource(name)) for name in sorted(readable)}
    problems = [p for table in tables.values() if table for p in _plan_field_problems(table)]
    problems += [p for table in tables.values() if table for p in _cell_problems(table)]
    if tables.get("decision"):
        problems += _adopted_without_date_or_number(tables["decision"])
    if "tasks" in tables:
        problems += _duplicate_numbers(tables["tasks"])
        problems += _tasks_in_other_campaigns(tables["tasks"])
        if "task_roles" in tables:
            problems += _tasks_without_roles(tables["tasks"], tables["task_roles"])
    if "progress_reports" in tables:
        period = plan_period(tables.get("decision"))
        problems += _report_problems(tables["progress_reports"], period, _task_ids(tables.get("tasks")))
    return problems


def _task_ids(tasks: Table | None) -> frozenset[str]:
    """The plan's tasks, by id (none where tasks.csv cannot be read)."""
    if tasks is None or "task_id" not in tasks.columns:
        return frozenset()
    return frozenset(record["task_id"] for record in tasks.rows)


@dataclass
class Table:
    resource: str
    path: str
    rows: list[dict]  # cell texts by column name, plus "__row"
    header: list[str] = field(default_factory=list)
    delimiter: str = ","  # the file's own: what a row appended must use
    fields: dict[str, frictionless.Field] = field(default_factory=dict)  # the schema's, by name

    @property
    def columns(self) -> set[str]:
        return set(self.header)

    @property
    def required(self) -> frozenset[str]:
        return frozenset(name for name, described in self.fields.items() if described.required)

    def date_of(self, record: dict, name: str) -> date | None:
        """The cell as a date, read in its field's format («15.06.2021» for ``%d.%m.%Y``;
        ISO 8601 where the schema declares none), or None if it is not one."""
        value, errors = self._date_field(name).read_cell(record.get(name) or "")
        return value if not errors and isinstance(value, date) else None

    def written_date(self, name: str, day: date) -> str:
        """The date as the field's format writes it: what a cell of the column must hold."""
        return written_cell(self._date_field(name), day)

    def date_format(self, name: str) -> str:
        """The format the column's dates are read in («%d.%m.%Y»; ISO 8601's by default)."""
        declared = self._date_field(name).format
        return "%Y-%m-%d" if declared in (None, "default") else declared

    def _date_field(self, name: str) -> frictionless.Field:
        described = self.fields.get(name)
        return described if described is not None and described.type == "date" else ISO_DATE


def read_table(resource: frictionless.Resource) -> Table | None:
    """A plan table's cells as text (`read_cells`).  None if it cannot be read.

    Python's csv module, not Frictionless: opening a resource costs ~50 ms, and
    `validate` reads four plan tables after the schema check."""
    try:
        cells = read_cells(resource)
    except (OSError, UnicodeDecodeError, ValueError, csv.Error):
        return None
    header = cells.header
    # a short row's missing cells as empty ones: the schema check reports them
    # rows of empty cells are Frictionless' blank rows, not tasks or reports with no id
    rows = [
        {**{name: row[i] if i < len(row) else "" for i, name in enumerate(header)}, "__row": number}
        for number, row in cells.numbered()
        if any(row)
    ]
    schema = getattr(resource, "schema", None)
    fields = {described.name: described for described in schema.fields} if schema is not None else {}
    return Table(resource.name, resource.path, rows, header, cells.delimiter, fields)


@dataclass(frozen=True)
class Cells:
    """A table's rows as text, and where its header is."""

    delimiter: str
    header_row: int  # as Frictionless numbers rows: the file's first is 1
    header: list[str]
    rows: list[tuple[int, list[str]]]  # those below the header, each with its number

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        """The rows below the header with their numbers, as Frictionless gives them."""
        return iter(self.rows)


def read_cells(resource: frictionless.Resource) -> Cells:
    """A table's cells as text, UTF-8 (a byte-order mark allowed), in the delimiter its
    descriptor declares or Frictionless would sniff (a file a Ukrainian Excel saved as
    "CSV UTF-8" has semicolons), the header in the row its dialect says: `validate`
    declares the one below a title line, and Frictionless reads it there too (from
    line 1, the rules found none of their columns and checked nothing). The dialect's
    comment lines are left out, as Frictionless leaves them."""
    delimiter = delimiter_of(resource)
    header_row = header_row_of(resource)
    with open(resource.normpath, encoding="utf-8-sig", newline="") as stream:
        records = _uncommented(resource.dialect, enumerate(csv.reader(stream, delimiter=delimiter), start=1))
        header = next(itertools.islice(records, header_row - 1, None), None)
        if header is None:
            raise ValueError(f"{resource.path} has no row {header_row} to be its header")
        return Cells(delimiter, header[0], header[1], list(records))


def _uncommented(
    dialect: frictionless.Dialect, records: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    """The numbered records but the dialect's comments (``commentRows``, and rows whose first
    cell starts with ``commentChar``): Frictionless skips them, yet counts them in the rows'
    numbers, and the header is the first row of the others (its ``headerRows``)."""
    char, skipped = dialect.comment_char, set(dialect.comment_rows or ())
    return (
        (number, cells)
        for number, cells in records
        if number not in skipped and not (char and cells and cells[0].startswith(char))
    )


def header_row_of(resource: frictionless.Resource) -> int:
    """The row the table's header is in: 1, unless its dialect says another."""
    return (resource.dialect.header_rows or [1])[0]


def delimiter_of(resource: frictionless.Resource) -> str:
    """The delimiter a table's descriptor declares, or the one Frictionless would sniff."""
    if resource.dialect.has_control("csv") and resource.dialect.get_control("csv").delimiter:
        return resource.dialect.get_control("csv").delimiter
    with open(resource.normpath, encoding="utf-8-sig", errors="replace", newline="") as stream:
        return _sniffed_delimiter(stream.read(SNIFF_CHARS))


def _sniffed_delimiter(sample: str) -> str:
    """The delimiter as Frictionless' CSV parser guesses it (``csv.Sniffer`` among
    ",\t;|"), or a comma."""
    lines = sample[: sample.rfind("\n") + 1] or sample  # whole lines, as Frictionless samples
    try:
        return csv.Sniffer().sniff(lines, ",\t;|").delimiter
    except csv.Error:
        return ","


def _problem(table: Table, code: str, row, field: str, cell, severity="error", **params):
    """A problem of a table's cell; ``params`` fill its message, and a ``suggestion`` among
    them is the value meant, which the fix names («Імовірно, …») and JSON gives."""
    return Problem(
        code,
        severity=severity,
        resource=table.resource,
        path=table.path,
        row=row,
        field=field,
        cell=None if cell is None else str(cell),
        params=params,
    )


def problem_of_link(link: str) -> str | None:
    """Why an http(s) link would not open the page for others: two links in one cell,
    spaces (typed inside, a no-break space from Word, or only around it), no site in
    it ("https://"), or a site only this computer or its network reaches."""
    if not link.lower().startswith(("http://", "https://")):
        return None
    # a second address begins the cell's text or follows a space or separator: one inside
    # a link (a web archive's copy, a share link) is part of that link
    if len(re.findall(r"(?:^|[\s,;])https?://", link, flags=re.IGNORECASE)) > 1:
        return "plan-evidence-two-links"
    if any(character.isspace() for character in link):
        inside = any(character.isspace() for character in link.strip())
        return "plan-evidence-spaces" if inside else "plan-evidence-padded"
    host = urlsplit(link).hostname
    if not host:
        return "plan-evidence-no-host"
    if _local(host):
        return "plan-evidence-local"
    return None


def _local(host: str) -> bool:
    """This computer, or an address of a private network («192.168.1.5», «server.local»)."""
    if host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local


def _plan_field_problems(table: Table) -> list[Problem]:
    """The fields of PLAN_FIELDS a plan table's schema lacks, or types otherwise than the
    shipped schema: its rows pass the schema check, and build, report and publish then stop
    on the field they read ("KeyError: 'summary'", a date read as text)."""
    if table.resource not in PLAN_FIELDS:  # the user's own table, or a built copy («json-tasks.json»)
        return []
    shipped = {described["name"]: described["type"] for described in plan_schema(table.resource)["fields"]}
    problems = []
    for name in PLAN_FIELDS[table.resource]:
        described = table.fields.get(name)
        if described is None:
            problems.append(_missing_plan_field(table, name, list(shipped), shipped[name]))
        elif described.type != shipped[name]:
            problems.append(
                _problem(
                    table, "plan-field-type", None, name, None, type=shipped[name], actual=described.type
                )
            )
    return problems


def _missing_plan_field(table: Table, name: str, shipped: list[str], wanted: str) -> Problem:
    """A plan field the schema lacks; where a name of the user's own stands in its place
    («text» where the shipped schema has «summary»), the field was renamed, and that name
    is given to rename back."""
    place, names = shipped.index(name), list(table.fields)
    renamed = names[place] if place < len(names) and names[place] not in shipped else None
    params = {"variant": "renamed", "renamed": renamed} if renamed else {}
    return _problem(table, "plan-field-missing", None, name, None, type=wanted, **params)


def _cell_problems(table: Table) -> list[Problem]:
    """Cells the downloads cannot carry as they are: control characters, text longer
    than an Excel cell, and text Excel would run as a formula (column names too)."""
    problems = _header_problems(table)
    for record in table.rows:
        for name in table.header:
            text = record.get(name) or ""
            if formula_sign(text):  # the csv-excel copy opened in Excel: a formula, run
                formula = _problem(
                    table, "plan-formula", record["__row"], name, text, severity="warning", sign=text[0]
                )
                problems.append(formula)
            if text and not text.strip():
                severity = "error" if name in table.required else "warning"
                problems.append(_problem(table, "plan-blank-cell", record["__row"], name, text, severity))
            if len(text) > EXCEL_CELL_CHARS:
                too_long = _problem(
                    table, "plan-cell-too-long", record["__row"], name, None, severity="warning"
                )
                problems.append(too_long)
            if character := _control_character(text):
                problems.append(
                    _problem(
                        table, "plan-control-character", record["__row"], name, None, character=character
                    )
                )
    return problems


def _header_problems(table: Table) -> list[Problem]:
    """Column names the downloads cannot carry: one Excel would run as a formula, and one
    with a control character, which the XLSX download refuses as its header cell."""
    problems = []
    for name in table.header:
        if formula_sign(name):
            problems.append(
                _problem(table, "plan-formula-field", 1, name, name, severity="warning", sign=name[0])
            )
        if character := _control_character(name):
            problems.append(
                _problem(table, "plan-control-character-field", 1, name, None, character=character)
            )
    return problems


def _control_character(text: str) -> str | None:
    """The first control character of the text, as its code point («U+001A»), if any."""
    found = CONTROL_RE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


# warnings that record a fact of the decision and ask for nothing: `validate` shows them,
# commands that go on with the package (build, report, publish) do not repeat them each time
NOTHING_TO_FIX = frozenset({"plan-duplicate-number"})


def _duplicate_numbers(tasks: Table | None) -> list[Problem]:
    """Rows sharing a source_number. The decision's own slip (Kolomyia's 1.8 printed twice) is
    a warning where the rows are marked number_is_duplicate, as the importer marks them; an
    unmarked one is an error: a number a spreadsheet shortened («1.10» saved as 1.1, another
    task's) or typed by hand."""
    if tasks is None or not {"source_number", "task_id", "number_is_duplicate"} <= tasks.columns:
        return []
    by_number: dict[str, list[dict]] = {}
    for record in _identified(tasks):
        by_number.setdefault(record["source_number"], []).append(record)
    problems = []
    for number, records in by_number.items():
        if len(records) < 2:
            continue
        slipped = [r for r in records if not _marked_duplicate(tasks, r) and _id_number(r) != number]
        problems += [_not_its_number(tasks, record, records) for record in slipped]
        shared = [record for record in records if record not in slipped]
        if len(shared) > 1:
            problems += _shared_number(tasks, number, shared)
    return problems


def _identified(tasks: Table) -> Iterator[dict]:
    """The tasks with a task_id: one left empty is its field's error, and a rule about the
    task named it «завдання  — …», «номер «»»."""
    return (record for record in tasks.rows if (record["task_id"] or "").strip())


def _marked_duplicate(tasks: Table, record: dict) -> bool:
    """number_is_duplicate as its schema reads a boolean («true», or a true value of its own)."""
    described = tasks.fields.get("number_is_duplicate")
    field = described if described is not None and described.type == "boolean" else BOOLEAN
    return field.read_cell(record["number_is_duplicate"] or "")[0] is True


def _id_number(record: dict) -> str:
    """The number in the task's id: «1.8» of «1.8-2», the importer's id of the second 1.8."""
    return re.sub(r"-\d+$", "", record["task_id"] or "")


def _not_its_number(tasks: Table, record: dict, records: list[dict]) -> Problem:
    others = ", ".join(other["task_id"] for other in records if other is not record)
    params = {"task_id": record["task_id"], "others": others, "suggestion": _id_number(record)}
    return _problem(
        tasks, "plan-number-not-its-task", record["__row"], "source_number", record["source_number"], **params
    )


def _shared_number(tasks: Table, number: str, records: list[dict]) -> list[Problem]:
    """The decision's slip, all its rows marked: a warning on the second and after. Else an
    error on each row left unmarked."""
    ids = ", ".join(record["task_id"] for record in records)
    if all(_marked_duplicate(tasks, record) for record in records):
        return [
            _problem(
                tasks, "plan-duplicate-number", r["__row"], "source_number", number, "warning", task_ids=ids
            )
            for r in records[1:]
        ]
    return [
        _problem(
            tasks,
            "plan-duplicate-number-unmarked",
            record["__row"],
            "number_is_duplicate",
            record["number_is_duplicate"],
            number=number,
            task_ids=ids,
        )
        for record in records
        if not _marked_duplicate(tasks, record)
    ]


def _tasks_in_other_campaigns(tasks: Table) -> list[Problem]:
    """Task «3.1» under campaign 2: the decision numbers tasks by their campaign, so a
    campaign heading lost in the import (or a row moved by hand) shows here."""
    if not {"source_number", "campaign_id", "task_id"} <= tasks.columns:
        return []
    problems = []
    for record in tasks.rows:
        number, campaign = record["source_number"].partition(".")[0], record["campaign_id"]
        if number.isdigit() and campaign.isdigit() and int(number) != int(campaign):
            problems.append(
                _problem(
                    tasks,
                    "plan-task-in-other-campaign",
                    record["__row"],
                    "campaign_id",
                    campaign,
                    task_id=record["task_id"],
                    number_campaign=str(int(number)),
                )
            )
    return problems


def _tasks_without_roles(tasks: Table | None, roles: Table | None) -> list[Problem]:
    if (
        tasks is None
        or roles is None
        or "task_id" not in tasks.columns
        or not {"task_id", "role"} <= roles.columns
    ):
        return []
    present = {(record["task_id"], record["role"]) for record in roles.rows}
    problems = []
    for record in _identified(tasks):
        for role, code in (
            ("leader", "plan-task-without-leader"),
            ("executor", "plan-task-without-executor"),
        ):
            if (record["task_id"], role) not in present:
                problems.append(
                    _problem(
                        tasks,
                        code,
                        record["__row"],
                        "task_id",
                        record["task_id"],
                        task_id=record["task_id"],
                    )
                )
    return problems


def _adopted_without_date_or_number(decision: Table) -> list[Problem]:
    """A decision adopted (or since repealed) has its date and number: the national
    exports name the act by them, and a published plan without them cannot be cited."""
    return [
        _problem(
            decision, "plan-adopted-without", record["__row"], name, None, status=record["status"].strip()
        )
        for record in decision.rows
        if (record.get("status") or "").strip() in ("adopted", "repealed")
        for name in ("date", "number")
        if name in decision.columns and not (record.get(name) or "").strip()
    ]


def plan_period(decision: Table | None) -> tuple[date, date] | None:
    """The plan's first and last day, read in their fields' format; None if unknown."""
    if decision is None or not decision.rows:
        return None
    start, end = (decision.date_of(decision.rows[0], name) for name in ("period_start", "period_end"))
    return (start, end) if start and end else None


def _report_problems(reports: Table | None, period, task_ids: frozenset[str]) -> list[Problem]:
    needed = {"report_id", "period", "report_date", "status", "evidence_url"}
    if reports is None or not needed <= reports.columns:
        return []
    problems = []
    for record in reports.rows:
        problems += one_report_problems(reports, record, period, task_ids)
    return problems


def one_report_problems(
    table: Table, record: dict, period: tuple[date, date] | None, task_ids: frozenset[str] = frozenset()
) -> list[Problem]:
    """The rules for one report (a row of ``table`` as text, with its ``__row`` number);
    ``task_ids``: the plan's tasks, which a report id may name."""
    problems = []
    row = record["__row"]
    quarter = QUARTER_RE.match(record["period"] or "")
    day = table.date_of(record, "report_date")
    if period and quarter:
        q_start, _ = quarter_bounds(int(quarter.group(1)), int(quarter.group(2)))
        if not period[0] <= q_start <= period[1]:
            problems.append(
                _problem(
                    table,
                    "plan-period-outside-plan",
                    row,
                    "period",
                    record["period"],
                    first=quarter_label(period[0]),
                    last=quarter_label(period[1]),
                )
            )
    if day and period and not period[0] <= day <= period[1]:
        problems.append(
            _problem(
                table,
                "plan-date-outside-period",
                row,
                "report_date",
                record["report_date"],
                start=table.written_date("report_date", period[0]),
                end=table.written_date("report_date", period[1]),
            )
        )
    elif day and quarter:
        q_start, q_end = quarter_bounds(int(quarter.group(1)), int(quarter.group(2)))
        if not q_start <= day <= q_end:
            problems.append(
                _problem(
                    table,
                    "plan-date-outside-quarter",
                    row,
                    "report_date",
                    record["report_date"],
                    period=record["period"],
                    start=table.written_date("report_date", q_start),
                    end=table.written_date("report_date", q_end),
                    actual=quarter_label(day),
                )
            )
    problems += _task_id_read_as_a_number(table, record, task_ids)
    written = record["evidence_url"] or ""
    url = written.strip()
    # a link without a scheme is no URI: the schema's type error says so, with its fix
    if URI_SCHEME_RE.match(url) and not url.lower().startswith(("http://", "https://")):
        problems.append(_problem(table, "plan-evidence-not-http", row, "evidence_url", url))
    elif url and (code := problem_of_link(written)):
        # the uri format lets these through, and a page's link breaks; a padded one is meant trimmed
        meant = {"suggestion": url} if code == "plan-evidence-padded" else {}
        problems.append(_problem(table, code, row, "evidence_url", written, **meant))
    if record["status"] == "done" and not url:
        problems.append(
            _problem(
                table,
                "plan-done-without-evidence",
                row,
                "evidence_url",
                None,
                severity="warning",
                report_id=record["report_id"],
            )
        )
    return problems


def _task_id_read_as_a_number(table: Table, record: dict, task_ids: frozenset[str]) -> list[Problem]:
    """A spreadsheet that opened the CSV read the task id «1.10» as the number 1.1, and
    saved it so: another task, which exists.  A report id that names its task
    («2021-Q2-1.10-01») tells the two apart, where the plan has the task it names."""
    named = REPORT_TASK_RE.search(record["report_id"] or "")
    meant, task = named.group(1) if named else "", record["task_id"] or ""
    if meant not in task_ids or not _shortened(meant, task):
        return []
    params = {"named": meant, "report_id": record["report_id"], "suggestion": meant}
    return [_problem(table, "plan-task-id-as-number", record["__row"], "task_id", task, "warning", **params)]


def _shortened(meant: str, task: str) -> bool:
    """Whether TASK is MEANT as a spreadsheet writes its number: «1.10» saved as «1.1»,
    never the other way round."""
    try:
        return len(task) < len(meant) and float(meant) == float(task)
    except ValueError:
        return False

"""Validate a data package, a resource or a single table.

The report is data first: `Problem`s, each naming the file, row, field and
cell, rendered in Ukrainian or English only when shown. A table's problems are
made from the engine's errors as they are read (`TableProblems`): a big file can
have millions, which the engine keeps on disk. Three layers of checks run in
order:

1. reading: the path, the descriptor, paths that leave the package, encoding;
2. the tables: Frictionless' structure and schema checks (types, constraints,
   unique, primary and foreign keys), by the engine in `opendata.engine`;
3. the plan's own rules (`opendata.plan_rules`) when the package is the plan.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import heapq
import itertools
import json
import os
import re
import shlex
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from textwrap import shorten
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import urlsplit
from xml.etree import ElementTree

import frictionless
import polars as pl
from frictionless.formats import CsvControl, ExcelControl
from frictionless.resources import TableResource
from frictionless.settings import COMPRESSION_FORMATS

from opendata import engine, integrity, plan_rules
from opendata.engine import head_start
from opendata.engine.table import type_group
from opendata.messages import LANGUAGES
from opendata.neighbours import Folders
from opendata.paths import escapes_folder, is_web_address, leaves_folder
from opendata.problems import SHARED_PARAMS, PartRow, Problem, ProblemLog, RowMerged
from opendata.suggest import KeyGuesser
from opendata.text import ARCHIVES, binary_kind, encoding_name, guess_encoding, lookalike_letters

FOREIGN_KEY_NOTE = re.compile(
    r'for "(?P<fields>[^"]+)": values "(?P<values>[^"]*)" not found in the lookup table "(?P<target>[^"]*)"'
)
# Frictionless' note on a repeated key or unique value: the row that holds it first
DUPLICATE_NOTE = re.compile(r"the same as in the row at position (?P<row>\d+)")
# an address of any scheme (https, ftp, file): as a Path it lost a slash and was «missing»;
# of two letters at least, as «C://» is a Windows drive
WEB_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]+://", re.IGNORECASE)
# the file an address is downloaded to, when its last part is no plain file name
# («export?format=csv»), by the refusal's code
DOWNLOADED_AS = {"path-is-url": "table.csv", "schema-is-url": "schema.json"}
PLAIN_FILE_NAME = re.compile(r"\w[\w.-]*\.\w+")
TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".json", ".ndjson"}
UTF8_WINDOW = 16 << 20  # bytes; at least 4, the longest character
UTF8_FIRST = 1 << 20  # bytes checked before a table is read: the engine decodes the rest
# the separators a row can be pasted with, by their messages' names (`_row_causes`); the
# file is read again up to this size
SEPARATORS = {"\t": "tab", ";": "semicolon", ",": "comma", "|": "pipe"}
PASTED_ROWS_MAX_BYTES = 32 << 20
TITLE_SHOWN = 60  # characters of a line above the header, quoted in its cause
# Frictionless' candidates but the comma: a comma file is left to its sniffing, which
# reads it right, and a declared dialect would cost the engine's head start
HEADER_DELIMITERS = (";", "\t", "|")
HEADER_MAX_BYTES = 1 << 16  # of a line
HEADER_LINES = 2  # the header is looked for in these first lines: below a title, at most
# a dialect's properties that say there is no header, or lines above it that are comments
# (no title: `_title_above_header`), and with its row, where the header is (`_declare_header_row`,
# which declares the row itself)
NO_TITLE_SAYERS = ("header", "comment_char", "comment_rows")
HEADER_SAYERS = ("header_rows", *NO_TITLE_SAYERS)
BLANK_MAX_BYTES = 4096  # a file of only line breaks and spaces is looked at up to this size
SQLITE_MAGIC = b"SQLite format 3\x00"  # the first bytes of a SQLite database (a build's .sqlite)
HTML_SNIFF_BYTES = 1024  # where a web page saved as a table shows its <html>
# the first bytes of the files an officer saves in place of a CSV (messages.FILE_KINDS)


@dataclass
class TableSummary:
    resource: str
    path: str
    rows: int | None
    engine: str | None
    fallback_reason: str | None = None
    stopped_at: int | None = None  # --limit-errors, when the check stopped there


@dataclass
class ValidationReport:
    target: str
    problems: ProblemLog = field(default_factory=ProblemLog)
    tables: list[TableSummary] = field(default_factory=list)
    readable: bool = True  # False: nothing could be read (exit code 2)

    @property
    def errors(self) -> ProblemLog:
        return self.problems.of("error")

    @property
    def warnings(self) -> ProblemLog:
        return self.problems.of("warning")

    @property
    def valid(self) -> bool:
        return self.readable and not self.errors

    @property
    def exit_code(self) -> int:
        return 2 if not self.readable else (0 if self.valid else 1)

    def to_dict(self, lang: str = "uk", *, lazy: bool = False) -> dict:
        """The report as JSON-ready data; ``lazy``: errors and warnings as iterators,
        for output that streams them (a report can hold millions of problems)."""
        if lang not in LANGUAGES:  # a bare KeyError, from the first message, said nothing
            raise ValueError(f"no messages in {lang!r}: the report is in {' or '.join(LANGUAGES)}")
        errors, warnings = self.errors, self.warnings
        error_dicts = (p.to_dict(lang) for p in errors)
        warning_dicts = (p.to_dict(lang) for p in warnings)
        return {
            "valid": self.valid,
            "readable": self.readable,
            "target": self.target,
            "error_count": len(errors),
            "warning_count": len(warnings),
            "tables": [asdict(t) for t in self.tables],
            "errors": error_dicts if lazy else list(error_dicts),
            "warnings": warning_dicts if lazy else list(warning_dicts),
        }


class Unreadable(Exception):
    """Nothing could be read; carries the problem that says why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def validate(
    source: str | Path,
    *,
    schema: str | Path | None = None,
    sheet: str | None = None,
    limit_errors: int = 0,
    allow_remote: bool = False,
    on_progress: Callable[[str, int], None] | None = None,
) -> ValidationReport:
    """Validate a package folder, a datapackage.json, a resource.json or a table file (of a
    workbook, its SHEET: by default the one named as the SCHEMA file, else the first)."""
    report = ValidationReport(target=str(source))
    try:
        _refuse_web_addresses(source, schema)
        package, resources, unusable, dropped_keys = _open(Path(source), schema, sheet, allow_remote, report)
    except Unreadable as unreadable:
        report.readable = False
        report.problems.append(unreadable.problem)
        head_start.discard()  # the command's head start (cli) has nothing to read
        return report

    # every file first: a table whose foreign key refers to one that cannot be read
    # (missing, empty, not UTF-8) is checked without that key, and says so, rather than
    # fail on the other table's bytes with an error that names the wrong file
    # the files' sizes and checksums, against the descriptor's, while the tables are checked
    with integrity.InBackground(resources) as promised:
        # each folder of the tables listed once (every part of a multipart one), for files saved
        # under another name
        folders = Folders(path for resource in resources for path in resource.paths)
        files = [resource for resource in resources if _check_file(resource, report, folders)]
        unread = unusable | {resource.name for resource in resources} - {resource.name for resource in files}
        readable_tables: set[str] = set()
        keys = KeyGuesser(package)  # one for the package: each lookup table is read once
        for resource in filter(_is_table, files):
            # a note beyond the last column belongs in no key column, checked or not
            key_fields = dropped_keys.get(resource.name, frozenset()) | _foreign_key_fields(resource)
            if unread:
                _drop_foreign_keys(resource, report, "foreign-key-target-unread", to=unread)
            if _check_table(resource, package, limit_errors, on_progress, report, keys, key_fields):
                readable_tables.add(resource.name)
        head_start.discard()  # if not claimed: the engine did not read the table with Polars
        found = promised.problems()  # first in their files: they say why the rest may be wrong
    if package is not None and plan_rules.is_plan(package):
        found += plan_rules.check(package, readable_tables)
    report.problems.merge(found)
    return report


# --- a package to build or publish from -------------------------------------------------


class InvalidPackage(ValueError):
    """The package has errors or cannot be read: nothing is built or published from it
    (a workbook or a database would be made of bad rows, or fail half-way).  ``report``
    says why: its ``errors``, ``readable`` and ``exit_code``."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(f"{report.target} {self.what(report)}")
        self.report = report

    @staticmethod
    def what(report: ValidationReport) -> str:
        """Why, in English: the first problem, where it is and its fix."""
        from opendata.messages import counted

        if not report.readable:
            message, fix = report.problems[0].render("en")
            return f"cannot be read: {message} {fix}"
        first = next(iter(report.errors))
        message, fix = first.render("en")
        parts = (first.path, first.row and f"row {first.row}", first.field and f"field «{first.field}»")
        where = ", ".join(part for part in parts if part)
        errors = counted(len(report.errors), "en", "errors")
        return f"has {errors}; the first, {where}: {message} {fix} (`opendata validate` lists every one)"


class NotAPackage(InvalidPackage):
    """PATH is a table or a resource, not a package folder or its datapackage.json: the
    report may be clean, but there is no package to build or publish."""

    @staticmethod
    def what(report: ValidationReport) -> str:
        return (
            "is not a data package folder or its datapackage.json: give the package's folder, "
            "the one holding datapackage.json"
        )


@dataclass(frozen=True)
class ValidPackage:
    """A package folder `validate` found no errors in, with its report (its warnings):
    what `build` and `plan_publish` take without validating it again."""

    folder: Path
    report: ValidationReport

    @property
    def warnings(self) -> list[Problem]:
        return list(self.report.warnings)


def valid_package(path: str | Path | ValidPackage) -> ValidPackage:
    """The package at PATH (a folder or its datapackage.json), validated: raises
    InvalidPackage when it cannot be read or has errors, NotAPackage for a table."""
    if isinstance(path, ValidPackage):
        return path
    path = Path(path)
    folder = path.parent if path.name == "datapackage.json" else path
    report = validate(folder if (folder / "datapackage.json").is_file() else path)
    if report.readable and not (folder / "datapackage.json").is_file():
        raise NotAPackage(report)
    if not report.valid:
        raise InvalidPackage(report)
    return ValidPackage(folder, report)


# --- reading ---------------------------------------------------------------------------


class Opened(NamedTuple):
    package: frictionless.Package | None  # for the foreign keys between tables
    resources: list  # the tables to check
    unusable: frozenset[str] = frozenset()  # the package's tables whose schema is unreadable
    # the fields of the foreign keys dropped on opening, by table (a table checked alone)
    dropped_keys: Mapping[str, frozenset[str]] = MappingProxyType({})


def _refuse_web_addresses(source: str | Path, schema: str | Path | None) -> None:
    """A web address as SOURCE or SCHEMA is named for what it is: as a ``Path`` its «//»
    became «/», and the address was reported as a file missing, even with --allow-remote."""
    for value, code in ((source, "path-is-url"), (schema, "schema-is-url")):
        if isinstance(value, str) and WEB_ADDRESS.match(value):
            download = _download_command(value, DOWNLOADED_AS[code])
            raise Unreadable(Problem(code, path=value, params={"download": download}))


def _download_command(address: str, default_name: str) -> str:
    """curl's command that saves ADDRESS, as a shell takes it: quoted (an «&» in it sent
    curl to the background) and into a file named as the address's last part when that
    is a plain file name, else DEFAULT_NAME (``-O`` named one «export?format=csv»)."""
    name = PurePosixPath(urlsplit(address).path).name
    if not PLAIN_FILE_NAME.fullmatch(name):
        name = default_name
    return shlex.join(["curl", "-L", "-o", name, address])


def _open(
    path: Path, schema: str | Path | None, sheet: str | None, allow_remote: bool, report: ValidationReport
) -> Opened:
    if not path.exists():
        raise Unreadable(Problem("path-missing", path=str(path)))
    if sheet is not None and (path.is_dir() or path.suffix.lower() != ".xlsx"):
        raise Unreadable(Problem("sheet-not-a-workbook", path=str(path), params={"sheet": sheet}))
    if path.is_dir():
        if not (path / "datapackage.json").is_file():
            raise Unreadable(Problem("no-descriptor", path=str(path)))
        path = path / "datapackage.json"
    if path.suffix.lower() == ".json":
        descriptor = _read_json(path)
        is_descriptor = isinstance(descriptor, dict) and ("resources" in descriptor or "path" in descriptor)
        if is_descriptor and schema is not None:  # not a JSON table to check against it
            raise Unreadable(Problem("schema-with-descriptor", path=str(path)))
        if isinstance(descriptor, dict) and "resources" in descriptor:
            return _open_package(path, descriptor, allow_remote, report)
        if isinstance(descriptor, dict) and "path" in descriptor:
            return _open_resource(path, descriptor, allow_remote, report)
        if not isinstance(descriptor, list) and schema is None:
            raise Unreadable(Problem("not-a-descriptor", path=str(path)))
    return _open_table(path, schema, sheet, report)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as error:
        raise Unreadable(
            Problem(
                "descriptor-not-json",
                path=str(path),
                params={"detail": "not UTF-8", "line": 1, "column": error.start},
            )
        ) from error
    except json.JSONDecodeError as error:
        raise Unreadable(
            Problem(
                "descriptor-not-json",
                path=str(path),
                params={"detail": error.msg, "line": error.lineno, "column": error.colno},
            )
        ) from error


def _unsafe_reason(value: object, allow_remote: bool) -> str | None:
    """'remote' or 'unsafe' for a descriptor path that must not be followed."""
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, str):
            continue
        if "://" in item:
            if not (allow_remote and item.lower().startswith(("http://", "https://"))):
                return "remote"
        elif escapes_folder(item):
            return "unsafe"
    return None


def _checked_descriptors(
    resources: list, allow_remote: bool, report: ValidationReport, folder: Path | None = None
) -> list:
    """Resource descriptors whose data and schema paths stay inside the package (and,
    given its FOLDER, inside it once links are followed), those with a schema as tables
    (``_as_table``)."""
    safe = []
    for index, descriptor in enumerate(resources):
        if not isinstance(descriptor, dict):
            continue
        name = descriptor.get("name") or f"#{index + 1}"
        for key in ("path", "schema", "dialect"):
            reason = _unsafe_reason(descriptor.get(key), allow_remote)
            if reason:
                code = "remote-path" if reason == "remote" else "unsafe-path"
                report.problems.append(Problem(code, resource=name, path=str(descriptor[key])))
                break
            if folder is not None and (linked := _linked_out(folder, descriptor.get(key), name)):
                report.problems.append(linked)
                break
        else:
            safe.append(_as_table(descriptor))
    return safe


def _linked_out(folder: Path, value: object, resource: str | None = None) -> Problem | None:
    """The problem of a local path in FOLDER that is a link to a file outside it: a build
    or a publication would copy that file (a secret, another package's) as the package's."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and "://" not in item and leaves_folder(folder, item):
            target = str((folder / item).resolve())
            return Problem("path-links-out", resource=resource, path=item, params={"target": target})
    return None


def _descriptor_problems(descriptor: dict, path: Path) -> list[Problem]:
    """A package's own facts a build would follow: sources that are links out of the
    package, and licences whose path is no http(s) address (the plan page links them:
    «javascript:…» would run in the reader's browser)."""
    sources = descriptor.get("sources")
    problems = [
        linked
        for source in (sources if isinstance(sources, list) else [])
        if isinstance(source, dict) and (linked := _linked_out(path.parent, source.get("path")))
    ]
    licences = descriptor.get("licenses")
    for licence in licences if isinstance(licences, list) else []:
        if isinstance(licence, dict) and "path" in licence and not is_web_address(licence["path"]):
            name = str(licence.get("title") or licence.get("name") or "")
            problems.append(
                Problem("licence-not-http", path=str(path), cell=str(licence["path"]), params={"name": name})
            )
    return problems


def _open_package(path: Path, descriptor: dict, allow_remote: bool, report: ValidationReport):
    if not isinstance(descriptor.get("resources"), list):
        raise Unreadable(
            Problem(
                "descriptor-invalid",
                path=str(path),
                # as JSON Schema says it, for messages.descriptor_reason
                params={
                    "reasons": [
                        f"{descriptor.get('resources')!r} is not of type 'array' at property 'resources'"
                    ]
                },
            )
        )
    report.problems.extend(_descriptor_problems(descriptor, path))
    descriptor = dict(
        descriptor, resources=_checked_descriptors(descriptor["resources"], allow_remote, report, path.parent)
    )
    try:
        package = frictionless.Package(descriptor, basepath=str(path.parent))
    except frictionless.FrictionlessException as error:
        raise Unreadable(Problem("descriptor-invalid", path=str(path), params=_detail(error))) from error
    written = {
        d.get("name"): d["schema"] for d in descriptor["resources"] if isinstance(d.get("schema"), str)
    }
    usable = [r for r in package.resources if _schema_readable(r, written.get(r.name), report)]
    return Opened(package, usable, frozenset(package.resource_names) - {r.name for r in usable})


def _open_resource(path: Path, descriptor: dict, allow_remote: bool, report: ValidationReport):
    safe = _checked_descriptors([descriptor], allow_remote, report)
    if not safe:
        return Opened(None, [])
    try:
        resource = frictionless.Resource(safe[0], basepath=str(path.parent))
    except frictionless.FrictionlessException as error:
        raise Unreadable(Problem("descriptor-invalid", path=str(path), params=_detail(error))) from error
    written = safe[0].get("schema")
    if not _schema_readable(resource, written if isinstance(written, str) else None, report):
        return Opened(None, [])
    # outside a package there is no other table to look up: say so, check the rest (as `_open_table`)
    _drop_foreign_keys(resource, report, "foreign-key-skipped")
    return Opened(None, [resource])


def shown_path(resource: frictionless.Resource) -> str | None:
    """The resource's file as the report names it: a multipart resource's parts, all of
    them («a.csv, b.csv»), where Frictionless' ``path`` is the first part's."""
    return ", ".join(resource.paths) if resource.multipart else resource.path


def _missing_folder(resource: frictionless.Resource, schema_path: str) -> str | None:
    """The folder SCHEMA_PATH names that is not beside the descriptor («schemas»): the
    tables were downloaded one by one (from a portal's page), not as a package."""
    folder = PurePosixPath(schema_path).parent
    if folder == PurePosixPath(".") or "://" in schema_path:
        return None
    return None if (Path(resource.basepath or ".") / folder).is_dir() else folder.as_posix()


def _schema_readable(resource: frictionless.Resource, written: str | None, report: ValidationReport) -> bool:
    """Whether the table's schema can be read (Frictionless reads a schema file when
    first asked for it, from inside its checks); if not, the problem names the schema
    file and why (missing, not JSON, not a Table Schema), and the table is not checked:
    the tables whose foreign keys refer to it are checked without them, as for a table
    whose file cannot be read."""
    try:
        bounds = _unreadable_bounds(resource.schema)  # reads the file
    except frictionless.FrictionlessException as error:
        where = written or resource.path
        cause = error.__cause__
        if isinstance(cause, FileNotFoundError | IsADirectoryError):
            folder = _missing_folder(resource, where)
            params = {"variant": "folder", "folder": folder} if folder else {}
            problem = Problem("schema-missing", resource=resource.name, path=where, params=params)
        elif isinstance(cause, json.JSONDecodeError):
            params = {"detail": cause.msg, "line": cause.lineno, "column": cause.colno}
            problem = Problem("descriptor-not-json", resource=resource.name, path=where, params=params)
        elif isinstance(cause, UnicodeDecodeError):
            params = {"detail": "not UTF-8", "line": 1, "column": cause.start}
            problem = Problem("descriptor-not-json", resource=resource.name, path=where, params=params)
        else:
            problem = Problem("schema-invalid", resource=resource.name, path=where, params=_detail(error))
        report.problems.append(problem)
        return False
    if bounds:
        where = written or resource.path
        report.problems.append(
            Problem("schema-bound", resource=resource.name, path=where, params={"bounds": bounds})
        )
        return False
    return True


BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _unreadable_bounds(schema: frictionless.Schema) -> list[dict]:
    """The bounds and allowed values (enum) their own field does not read: a minimum
    «01.01.2024» of an ISO date, «2024-01-01» of a «%d.%m.%Y» one.  Frictionless stops
    comparing a cell with nothing, and the engine would find nearly every cell out of
    bounds: the schema is wrong, not the rows (docs/engine.md)."""
    found = []
    for each in schema.fields:
        constraints = each.constraints or {}
        missing = each.missing_values if each.has_defined("missing_values") else schema.missing_values
        values = [(name, constraints[name]) for name in BOUNDS if constraints.get(name) is not None]
        enum = constraints.get("enum")
        values += [("enum", v) for v in enum if v is not None and str(v) not in missing] if enum else []
        read = each.create_value_reader()
        kind = {"field_type": each.type, "field_format": getattr(each, "format", None), **_notation(each)}
        for name, value in values:
            try:
                readable = read(value) is not None
            except Exception:  # any JSON may stand there; unread is what counts
                readable = False
            if not readable:
                found.append({"field": each.name, "constraint": name, "value": str(value), **kind})
    return found


def _as_table(descriptor: dict) -> dict:
    """A resource with a schema is a table.  Frictionless makes a .txt or .json one a
    text or JSON resource and checks none of its rows (valid, 0 rows)."""
    if "schema" not in descriptor or "type" in descriptor:
        return descriptor
    return {**_txt_as_csv(descriptor.get("path")), **descriptor, "type": "table"}  # its format wins


def _txt_as_csv(path: object) -> dict:
    """A .txt table is delimited text: read it as CSV (Frictionless sniffs the delimiter)."""
    return {"format": "csv"} if isinstance(path, str) and path.lower().endswith(".txt") else {}


def _detail(error: frictionless.FrictionlessException) -> dict:
    """Why Frictionless found a descriptor not valid: the reasons after its note
    ("descriptor is not valid"), which say what ("'fields' is a required property"),
    or the note alone when it says it (rendered by ``messages.descriptor_reason``)."""
    reasons = [reason.note for reason in getattr(error, "reasons", []) if reason.note]
    return {"reasons": reasons or [error.error.note]}


def _open_table(path: Path, schema: str | Path | None, sheet: str | None, report: ValidationReport) -> Opened:
    unpacked = _unpacked(path)
    if unpacked.suffix.lower() not in TABLE_SUFFIXES:
        params = {"detail": unpacked.suffix or path.suffix or "no extension", **_build_file(path)}
        raise Unreadable(Problem("unsupported-table", path=str(path), params=params))
    if schema is None:
        in_package = _in_its_package(path, report)
        if in_package is not None:
            return in_package
    options: dict = {"path": path.name, "basepath": str(path.parent), **_txt_as_csv(unpacked.name)}
    if schema is not None:
        schema_path = Path(schema)
        if schema_path.is_dir():
            raise Unreadable(Problem("schema-not-a-file", path=str(schema_path)))
        if not schema_path.is_file():
            raise Unreadable(Problem("schema-path-missing", path=str(schema_path)))
        try:
            options["schema"] = frictionless.Schema.from_descriptor(_table_schema(schema_path, report))
        except frictionless.FrictionlessException as error:
            problem = Problem("schema-invalid", path=str(schema_path), params=_detail(error))
            raise Unreadable(problem) from error
        bounds = _unreadable_bounds(options["schema"])
        if bounds:
            raise Unreadable(Problem("schema-bound", path=str(schema_path), params={"bounds": bounds}))
    if unpacked.suffix.lower() == ".xlsx":
        options["control"] = ExcelControl(sheet=_sheet(path, sheet, schema, report))
    # a table, whatever the suffix: Frictionless would make a .txt file a text resource
    # and a .json one a JSON resource, and check neither's rows
    resource = TableResource(**options)
    resource.name = resource.name or unpacked.stem
    if schema is None:  # only the structure can be checked: "valid" says little more
        given = shlex.quote(str(path))  # as a command line takes it: «мій звіт.csv» has a space
        report.problems.append(
            Problem("schema-none", "warning", resource.name, path.name, params={"given": given})
        )
    # outside a package there is no other table to look up: say so, check the rest
    dropped = _foreign_key_fields(resource)
    _drop_foreign_keys(resource, report, "foreign-key-skipped")
    return Opened(None, [resource], dropped_keys={resource.name: dropped})


def _sheet(path: Path, wanted: str | None, schema: str | Path | None, report: ValidationReport) -> str | int:
    """The workbook's sheet to check: the one WANTED, else the one named as the schema's
    file («tasks» for schemas/tasks.json), else the first one shown (not a hidden sheet, nor
    a chart's, which holds no table). Of a workbook of several, which one was checked is
    said, and the others named: the first alone was checked, unsaid, and a build's workbook
    of eight tables was «valid, 1 row»."""
    sheets = _worksheets(path)
    if not sheets:
        if _text(path):  # a CSV named .xlsx: Frictionless' «invalid excel file», «save it as CSV»
            params = {"csv_name": path.with_suffix(".csv").name}
            raise Unreadable(Problem("text-as-workbook", path=str(path), params=params))
        return 1  # another file, or a workbook without a table: Frictionless says what it is
    if wanted is not None:
        if wanted not in sheets:
            params = {"sheet": wanted, "sheets": ", ".join(f"«{name}»" for name in sheets)}
            raise Unreadable(Problem("sheet-missing", path=str(path), params=params))
        return wanted
    shown = [name for name, visible in sheets.items() if visible] or list(sheets)
    chosen = Path(schema).stem if schema is not None and Path(schema).stem in sheets else shown[0]
    if len(shown) > 1:
        others = ", ".join(f"«{name}»" for name in shown if name != chosen)
        params = {"sheet": chosen, "others": others, "given": shlex.quote(str(path))}
        report.problems.append(Problem("workbook-sheets", "warning", path=path.name, params=params))
    return chosen


def _text(path: Path) -> bool:
    """Whether the file begins as text (UTF-8 or a Cyrillic code page), not as some binary file."""
    try:
        with path.open("rb") as stream:
            start = stream.read(HTML_SNIFF_BYTES)
    except OSError:
        return False
    return bool(start) and binary_kind(start) is None and b"\x00" not in start


SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _worksheets(path: Path) -> dict[str, bool]:
    """The workbook's sheets of cells, in order, each with whether it is shown (not hidden);
    none where it cannot be read as a workbook. A chart's sheet is left out: Frictionless
    failed on it with «'Chartsheet' object has no attribute 'iter_rows'»."""
    try:
        with zipfile.ZipFile(path) as archive:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return {}
    kinds = {link.get("Id"): (link.get("Type") or "").rsplit("/", 1)[-1] for link in links}
    return {
        sheet.get("name", ""): sheet.get("state", "visible") == "visible"
        for sheet in book.iter(f"{SPREADSHEET_NS}sheet")
        if kinds.get(sheet.get(RELATIONSHIP_ID)) == "worksheet"
    }


def _build_file(path: Path) -> dict:
    """What to check instead of a file that is a whole package in one: the archive of a
    package (a build's download, with its datapackage.json) is to be unpacked and its folder
    checked; a SQLite database (a build's) is made from a package, which is what to check.
    Saving either "as CSV", the fix for another file, would lose the package."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
            if any(PurePosixPath(name).name == "datapackage.json" for name in names):
                folder = shlex.quote(str(path.with_suffix("")))  # unzip would spill the files where it runs
                return {"variant": "package-archive", "folder": folder, "archive": shlex.quote(str(path))}
        with path.open("rb") as stream:
            start = stream.read(len(SQLITE_MAGIC))
    except (OSError, zipfile.BadZipFile):
        return {}  # what it is not, the message says without this
    if start == SQLITE_MAGIC:
        beside = path.parent if (path.parent / "datapackage.json").is_file() else "datapackage"
        return {"variant": "database", "folder": shlex.quote(str(beside))}
    return {}


def _table_schema(path: Path, report: ValidationReport):
    """The schema file's descriptor; a CSV on the Web one (``tableSchema.columns``, as the
    Ministry's national structures are) converted to a Table Schema, with a note that
    says so, or, if it cannot be, a problem that says what it is and what to do."""
    descriptor = _read_json(path)
    if not (isinstance(descriptor, dict) and isinstance(descriptor.get("tableSchema"), dict)):
        return descriptor
    from opendata import national

    try:
        converted = national.from_csvw(descriptor)
    except national.CsvwError as error:
        params = {"column": error.column, "datatype": error.datatype}
        raise Unreadable(Problem("schema-csvw-unconvertible", path=str(path), params=params)) from error
    except (KeyError, TypeError, AttributeError) as error:  # no list of columns
        params = {"column": "?", "datatype": "?", "variant": "columns"}
        raise Unreadable(Problem("schema-csvw-unconvertible", path=str(path), params=params)) from error
    report.problems.append(Problem("schema-csvw", "warning", path=str(path)))
    return converted


def _unpacked(path: Path) -> Path:
    """The table's path without a compression suffix («t.csv» of «t.csv.gz»): Frictionless
    reads the table inside the archive, as a package's resource."""
    return path.with_suffix("") if path.suffix.lstrip(".").lower() in COMPRESSION_FORMATS else path


def _in_its_package(path: Path, report: ValidationReport) -> Opened | None:
    """A table of a package given alone, without --schema: checked with the package's
    schema for it and its foreign keys, not with one Frictionless would guess from the
    cells (by which a report with a wrong status or date passed as valid).  None if the
    folder holds no package that lists the table, or one that cannot be opened."""
    descriptor_path = path.parent / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    listed = descriptor.get("resources") if isinstance(descriptor, dict) else None
    names = {
        resource.get("name")
        for resource in (listed if isinstance(listed, list) else [])
        if isinstance(resource, dict)
        and isinstance(resource.get("path"), str)
        and (path.parent / resource["path"]).resolve() == path.resolve()
    }
    if not names:
        return None
    scratch = ValidationReport(target=str(descriptor_path))  # what it finds of the other tables
    try:
        package, resources, unusable, _ = _open_package(descriptor_path, descriptor, False, scratch)
    except Unreadable:
        return None
    report.problems.extend(problem for problem in scratch.problems if problem.resource in names)
    return Opened(package, [r for r in resources if r.name in names], unusable)


def _key_fields(foreign_key: dict) -> list[str]:
    """A foreign key's fields: Table Schema allows one name as a string for a list (which
    Frictionless makes a list when it reads a descriptor, not in a schema built in code)."""
    fields = foreign_key.get("fields", [])
    return [fields] if isinstance(fields, str) else list(fields)


def _foreign_key_fields(resource) -> frozenset[str]:
    """The fields of the table's foreign keys (those not dropped so far)."""
    schema = getattr(resource, "schema", None)
    return frozenset(name for fk in (schema.foreign_keys if schema else []) for name in _key_fields(fk))


def _drop_foreign_keys(resource, report: ValidationReport, code: str, to: set[str] | None = None) -> None:
    """Check the table without its foreign keys to the tables ``to`` (default: every
    other table), with a warning ``code`` for each."""
    schema = getattr(resource, "schema", None)
    if schema is None or not schema.foreign_keys:
        return
    kept = []
    for fk in schema.foreign_keys:
        target = fk.get("reference", {}).get("resource")
        if target and (to is None or target in to):
            report.problems.append(
                Problem(
                    code,
                    severity="warning",
                    resource=resource.name,
                    path=resource.path,
                    field=",".join(_key_fields(fk)),
                    params={"target": target},
                )
            )
        else:
            kept.append(fk)
    schema.foreign_keys = kept


def _is_table(resource: frictionless.Resource) -> bool:
    """Whether the resource has rows to check.  A package lists other files too (a build's
    JSON, database, data dictionary, text): Frictionless checks none of their contents, and
    counted as tables they read «0 rows»; only their files, sizes and checksums are checked."""
    return isinstance(resource, TableResource)


def _check_file(resource: frictionless.Resource, report: ValidationReport, folders: Folders) -> bool:
    """File-level checks of each of the table's files (a multipart table's parts, each named:
    Frictionless, which reads them, named none); False when the table must not be read further."""
    if resource.remote or resource.path is None:  # inline data has no file
        return True
    checked = [
        _check_part(resource, display, Path(file), report, folders)
        for display, file in zip(resource.paths, resource.normpaths, strict=True)
    ]
    if not all(checked):
        return False
    report.problems.extend(_unterminated_parts(resource))
    if _read_as_utf8(resource):
        file = Path(resource.normpath)
        _declare_delimiter_of_header(resource, file)
        _declare_header_row(resource, file)
    return True


def _unterminated_parts(resource: frictionless.Resource) -> list[Problem]:
    """A multipart table's part, but the last, that does not end with a line break:
    Frictionless glues its last row to the next part's first row of data, and every row
    after is named one place off."""
    parts = list(zip(resource.paths, resource.normpaths, strict=True))
    problems = []
    for (display, file), (following, _) in itertools.pairwise(parts):
        with open(file, "rb") as stream:
            stream.seek(-1, os.SEEK_END)
            if stream.read(1) != b"\n":
                params = {"next": following}
                problems.append(
                    Problem("part-unterminated", resource=resource.name, path=display, params=params)
                )
    return problems


def _check_part(
    resource: frictionless.Resource, display: str, file: Path, report: ValidationReport, folders: Folders
) -> bool:
    """The checks of one of the table's files (``display``: its path in the descriptor)."""
    if not file.is_file():
        report.problems.append(_missing(resource, display, file, folders))
        return False
    # her new rows may be there, left out without a word (a workbook is saved as CSV)
    workbook = folders.newer_workbook(file, display) if resource.format in ("csv", "tsv") else None
    if workbook is not None:
        params = {"neighbour": workbook.path}
        report.problems.append(Problem("newer-workbook", "warning", resource.name, display, params=params))
    if _blank(file):
        header = ",".join(resource.schema.field_names) if getattr(resource, "schema", None) else "…"
        report.problems.append(
            Problem("file-empty", resource=resource.name, path=display, params={"header": header})
        )
        return False
    if _read_as_utf8(resource):
        with file.open("rb") as stream:
            start = stream.read(HTML_SNIFF_BYTES)
        kind = binary_kind(start)
        if kind is not None:  # a workbook saved under the table's name: not "an unknown encoding"
            params = {"kind": kind}
            if kind in ARCHIVES:  # a compressed table, not declared so: unpacked or declared, it is read
                params.update(variant="archive", compression=ARCHIVES[kind])
            problem = Problem("binary-file", resource=resource.name, path=display, params=params)
            report.problems.append(problem)
            return False
        # The first window only: the engine decodes the rest strictly, and a byte it
        # cannot decode sends the whole file through the same check (_check_table).
        # Frictionless reads a multipart table, and names no part: each is checked whole.
        not_utf8 = _not_utf8(file, first=None if resource.multipart else UTF8_FIRST)
        if not_utf8:
            _wrong_encoding(resource, display, not_utf8, report)
            return False
        if start.startswith(codecs.BOM_UTF8):
            resource.encoding = "utf-8-sig"  # accepted; the BOM is not part of the header
        elif not resource.encoding:
            resource.encoding = "utf-8"  # as checked, and not Frictionless' guess from a sample
        if start.removeprefix(codecs.BOM_UTF8).lstrip().lower().startswith((b"<!doctype html", b"<html")):
            # a page saved in place of the file: a one-column table of markup would pass
            report.problems.append(Problem("html-page", resource=resource.name, path=display))
            return False
    elif _utf8_declared_single_byte(resource, file):
        params = {"declared": resource.encoding, "variant": "declared"}
        report.problems.append(Problem("wrong-encoding", resource=resource.name, path=display, params=params))
        return False
    return True


def _missing(resource: frictionless.Resource, display: str, file: Path, folders: Folders) -> Problem:
    """The table's file (``display`` in its descriptor) is missing: a file beside it that is
    probably the table under another name («progress_reports.csv.csv», «progress_reports.xlsx»)
    is named, with how to make it the table; without one, «put it back or fix the path»."""
    neighbour = folders.instead_of(file, display)
    params = {}
    if neighbour is not None:
        params = {"neighbour": neighbour.path, "variant": "workbook" if neighbour.is_workbook else "renamed"}
    return Problem("file-missing", resource=resource.name, path=display, params=params)


def _first_lines(file: Path) -> list[str]:
    """The file's first lines, as far as a header and a line above it go (``HEADER_LINES``);
    a line may end in a lone CR (an old Mac's)."""
    with file.open("rb") as stream:
        start = b"".join(stream.readline(HEADER_MAX_BYTES) for _ in range(HEADER_LINES))
    return start.decode("utf-8-sig", errors="replace").splitlines()[:HEADER_LINES]


def _holds_every_name(cells: list[str], names: list[str]) -> bool:
    """Whether a line's cells hold every name of the schema (spaces around them aside):
    the header, though a column may stand out of place."""
    return set(names) <= {cell.strip() for cell in cells}


def _declare_delimiter_of_header(resource: frictionless.Resource, file: Path) -> None:
    """A file whose header is the schema's names, separated by a semicolon (as a
    Ukrainian Excel saves "CSV UTF-8") or a tab, has that delimiter: declare it, as
    the descriptor would.  Frictionless guesses it from the first rows, and with a
    few of them, one with a separator too many or too few, it guessed none: each
    line was one cell, and every column "missing".  The control is added to the dialect
    declared: its comment lines and header rows stay."""
    if resource.format not in ("csv", None) or resource.dialect.has_control("csv"):
        return
    names = getattr(resource, "schema", None) and resource.schema.field_names
    if not names or len(names) < 2:
        return
    for header in _first_lines(file):  # the header may stand below a title
        for delimiter in HEADER_DELIMITERS:
            if next(csv.reader([header], delimiter=delimiter), None) == names:
                resource.dialect.add_control(CsvControl(delimiter=delimiter))
                return


def _declare_header_row(resource: frictionless.Resource, file: Path) -> None:
    """A CSV table whose first line holds every name of its schema has its header there,
    or in line 2 when that one does (below a title or a blank line), unless its dialect
    says otherwise (or declares comment lines, which Frictionless looks past for the
    header).  Frictionless guesses the header row from the rows' widths: in a file of a
    few rows one with a note typed across spare cells was the header (every column
    "named" by a data row's values), and a title line was, where in a longer file it
    found the header below it.  The plan's rules read the header where it is declared
    (`plan_rules.read_cells`); a title above it is named (`_title_above_header`)."""
    schema = getattr(resource, "schema", None)
    if resource.format not in ("csv", "tsv") or schema is None or not schema.fields:
        return
    dialect = resource.dialect
    if any(map(dialect.has_defined, HEADER_SAYERS)):
        return
    control = dialect.get_control("csv") if dialect.has_control("csv") else None
    delimiter = control.delimiter if control is not None else ("\t" if resource.format == "tsv" else ",")
    for number, line in enumerate(_first_lines(file), start=1):
        if _holds_every_name(next(csv.reader([line], delimiter=delimiter), []), schema.field_names):
            dialect.header_rows = [number]
            return


def _blank(file: Path) -> bool:
    """Empty, or only a byte-order mark and line breaks (a spreadsheet's save of an empty
    sheet): Frictionless says "the source is empty" in English, with no header to add."""
    size = file.stat().st_size
    if size > BLANK_MAX_BYTES:
        return False
    return size == 0 or not file.read_bytes().removeprefix(codecs.BOM_UTF8).strip()


def _read_as_utf8(resource: frictionless.Resource) -> bool:
    """Whether the table is a local text file that must be UTF-8 (declared so, or not declared).

    Not a compressed one (``"compression": "gz"``, or inferred from a .gz or .zip path):
    its bytes are the archive's, and Frictionless reads the text inside it."""
    if resource.remote or resource.compression:
        return False
    if not (resource.format in ("csv", "tsv", "txt") or resource.format is None):
        return False
    return (resource.encoding or "utf-8").lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")


def _utf8_declared_single_byte(resource: frictionless.Resource, file: Path) -> bool:
    """Whether the descriptor declares a single-byte encoding (windows-1251) for a local text
    file whose first bytes are UTF-8 letters: read so, every letter was mojibake, reported
    as a dozen wrong values («С‚Р°Рє» is not a boolean) and never as the encoding."""
    if resource.remote or resource.compression or resource.format not in ("csv", "tsv", "txt", None):
        return False
    try:
        single_byte = len(bytes(range(256)).decode(resource.encoding or "", errors="replace")) == 256
    except LookupError:  # an encoding Python does not know: Frictionless names it
        return False
    with file.open("rb") as stream:
        start = stream.read(UTF8_FIRST)
    return single_byte and not start.isascii() and _not_utf8(file, first=UTF8_FIRST) is None


@dataclass(frozen=True)
class NotUtf8:
    """Where a file stops being UTF-8, and what its bytes there look like."""

    line: int  # the file's line (1 = the header) with the first byte that is not UTF-8
    encoding: str | None  # the name people know it by ("windows-1251"); None: no guess
    after_utf8: bool  # UTF-8 letters come before it: only a part is in another encoding
    truncated: bool  # the file ends in the middle of a UTF-8 character


def _wrong_encoding(
    resource: frictionless.Resource, display: str, found: NotUtf8, report: ValidationReport
) -> None:
    """The message of the table's file ``display`` says what happened: a file saved in another
    encoding, a UTF-8 file with lines pasted from one (saving it again would garble the rest),
    or a file cut off in the middle of a letter."""
    if found.truncated:
        variant = "truncated"
    elif found.after_utf8:
        variant = "mixed"
    elif found.encoding is None:
        variant = "unknown"
    else:
        variant = None  # a file saved in another encoding, named
    params = {"detected": found.encoding, "line": found.line, "variant": variant}
    report.problems.append(Problem("wrong-encoding", resource=resource.name, path=display, params=params))


def _not_utf8(file: Path, *, first: int | None = None) -> NotUtf8 | None:
    """None if the file is UTF-8; else where it is not, and the best guess of the
    encoding of the lines that are not.  ``first``: check only about that many bytes
    at the start (ending between characters).

    Polars checks a window at a time (SIMD, ~5× Python's decoder, which would take a
    quarter of a second per 160 MiB); only a window that fails is decoded by Python,
    to find where.  Windows are read, not memory-mapped: a mapping would count the
    whole file in the process' resident memory."""
    size = file.stat().st_size
    step = UTF8_WINDOW if first is None else min(first, UTF8_WINDOW)
    lines_before, letters_before = 0, False  # in the windows already checked
    with file.open("rb") as stream:
        fd, start = stream.fileno(), 0
        while start < size:
            end = min(start + step, size)
            if end < size:  # end the window between characters
                low = max(start + 1, end - 3)
                around = os.pread(fd, end - low + 1, low)  # the bytes up to the one at `end`
                k = len(around) - 1
                while k > 0 and 0x80 <= around[k] < 0xC0:
                    k -= 1
                end -= len(around) - 1 - k
            window = os.pread(fd, end - start, start)
            try:
                pl.Series([window], dtype=pl.Binary).cast(pl.String)
            except pl.exceptions.ComputeError:
                try:
                    window.decode("utf-8")
                except UnicodeDecodeError as error:
                    before = window[: error.start]
                    lines = before[: before.rfind(b"\n") + 1]  # the whole lines before its line
                    return NotUtf8(
                        line=lines_before + lines.count(b"\n") + 1,
                        encoding=encoding_name(
                            guess_encoding(_lines_not_utf8(os.pread(fd, 65536, start + len(lines))))
                        ),
                        # not the bytes before it on its line: in windows-1251, "Кі" of
                        # "Кіровоград" happens to be a UTF-8 letter
                        after_utf8=letters_before or not lines.isascii(),
                        truncated=end == size and error.reason == "unexpected end of data",
                    )
            if first is not None:
                break
            lines_before += window.count(b"\n")
            letters_before = letters_before or not window.isascii()
            start = end
    return None


def _lines_not_utf8(sample: bytes) -> bytes:
    """The lines of ``sample`` that are not UTF-8: a guess from the whole sample would
    read the UTF-8 lines around them too, and a file with a few lines pasted in
    windows-1251 would look like no encoding at all."""
    bad = []
    for line in sample.split(b"\n"):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(line)
    return b"\n".join(bad)


# --- tables ------------------------------------------------------------------------------


def _check_table(
    resource,
    package,
    limit_errors,
    on_progress,
    report: ValidationReport,
    keys: KeyGuesser,
    key_fields: frozenset[str],
) -> bool:
    """Validate the table; False when it turned out not to be text in UTF-8 after all.
    ``key_fields``: the fields of its foreign keys as declared, checked or not.

    --limit-errors counts the problems shown: the engine is asked for one error more (to
    tell whether any are left out), and for every error of the header (a cause is found
    from all of them, `_shifted_columns`: there is one a column, but for extra ones), and
    for more while those a cause explains (not shown) leave too few; what is shown is
    cut to the limit."""
    progress = (lambda rows: on_progress(resource.name, rows)) if on_progress else None
    wanted = limit_errors + 1 if limit_errors else 0
    schema = getattr(resource, "schema", None)
    asked = wanted + len(schema.fields) if limit_errors and schema is not None else wanted
    title = _title_above_header(resource)
    while True:
        # the engine's call stays here, not in a helper: one measured 5–8 % slower at 1M rows
        options = {"package": package, "limit_errors": asked, "on_progress": progress}
        try:
            result = engine.validate_resource(resource, allow_fallback=False, **options)
        except engine.UnsupportedSchema as unsupported:
            # a byte past the first window the engine could not decode: name the encoding,
            # as for a file that is wrong from its start, rather than fall back
            not_utf8 = _not_utf8(Path(resource.normpath)) if _read_as_utf8(resource) else None
            if not_utf8:
                _wrong_encoding(resource, resource.path, not_utf8, report)
                return False
            result = engine.fall_back(resource, str(unsupported), **options)
        stopped = bool(asked) and len(result.errors) >= asked  # at the limit asked: more may follow
        causes = [
            title,
            _unclosed_quote(resource, result),
            _shifted_columns(resource, result),
            *_row_causes(resource, result, key_fields, stopped),
        ]
        found = [cause for cause in causes if cause is not None]
        errors = _unexplained(result.errors, found, plan_rules.header_row_of(resource))
        hidden = len(result.errors) - len(errors)
        if not (stopped and (asked < wanted + hidden or _ends_in_header(result.errors))):
            break
        asked = max(wanted + hidden, 2 * asked)  # a few runs, however many are hidden
    whole = [cause for cause in found if cause.code not in ROW_CAUSES]
    in_rows = [cause for cause in found if cause.code in ROW_CAUSES]
    shown = len(whole) + len(in_rows) + len(errors)
    cut = bool(limit_errors) and shown > limit_errors and isinstance(errors, list)
    if cut:
        whole, in_rows, errors = _first_shown(limit_errors, whole, in_rows, errors)
    report.tables.append(
        TableSummary(
            resource.name,
            shown_path(resource) or resource.name,  # inline data has no path
            result.row_count,
            result.engine,
            result.fallback_reason,
            limit_errors if cut else None,
        )
    )
    parts = PartRows.of(resource)
    if parts is not None:
        whole, in_rows = list(map(parts.name, whole)), list(map(parts.name, in_rows))
    report.problems.extend(whole)  # before what follows from them
    source = TableProblems(errors, resource, keys, result.schema, parts)
    report.problems.add_source(RowMerged(source, in_rows, leading=True) if in_rows else source)
    return True


class PartRows:
    """Where a multipart table's rows are in its files: Frictionless numbers the rows of the
    stream of its parts, each part's first line (its header) left out but the first's, and a
    clerk looks for a row in the part she opens."""

    def __init__(self, paths: Sequence[str], ends: Sequence[int], header: int) -> None:
        self.paths = paths
        self.ends = ends  # the stream's row each part ends in
        self.header = header  # the rows each part but the first loses: its header's, or none

    @classmethod
    def of(cls, resource: frictionless.Resource) -> PartRows | None:
        """None for a table of one file, of parts Frictionless reads as no CSV (their rows are
        not counted here), or of a part that cannot be read."""
        if not resource.multipart or resource.format != "csv":
            return None
        header = 0 if resource.dialect.header is False else 1
        control = resource.dialect.get_control("csv") if resource.dialect.has_control("csv") else CsvControl()
        reading = {"delimiter": plan_rules.delimiter_of(resource), "quotechar": control.quote_char}
        ends, end = [], 0
        try:
            for number, file in enumerate(resource.normpaths):
                end += _records(Path(file), resource.encoding, reading) - (header if number else 0)
                ends.append(end)
        except (OSError, LookupError, csv.Error):
            return None
        return cls(resource.paths, ends, header)

    def name(self, problem: Problem) -> Problem:
        """The problem, with the part and the part's row of its row (if it has one)."""
        if problem.row is not None:
            index = min(bisect.bisect_left(self.ends, problem.row), len(self.ends) - 1)
            before = self.ends[index - 1] - self.header if index else 0
            problem.part = PartRow(self.paths[index], problem.row - before)
        return problem


def _records(file: Path, encoding: str | None, reading: dict[str, str]) -> int:
    """How many rows Frictionless reads in a CSV file: records, not lines (a quoted cell may
    hold a line break), blank ones too."""
    with file.open(encoding=encoding or "utf-8", errors="replace", newline="") as stream:
        return sum(1 for _ in csv.reader(stream, **reading))


def _ends_in_header(errors: list[engine.TableError] | engine.SpilledErrors) -> bool:
    """Whether the errors fetched end in the header's, whose others may be left out (errors
    kept on disk are too many to be the header's alone)."""
    return isinstance(errors, list) and bool(errors) and errors[-1].row_number is None


def _first_shown(
    limit: int, whole: list[Problem], in_rows: list[Problem], errors: list[engine.TableError]
) -> tuple[list[Problem], list[Problem], list[engine.TableError]]:
    """The first ``limit`` of a table's problems in the order shown: the whole table's
    causes, then the rows' causes and the errors by row, a cause before its row's errors."""
    whole = whole[:limit]
    first = list(itertools.islice(heapq.merge(in_rows, errors, key=_row_of), limit - len(whole)))
    kept = [item for item in first if isinstance(item, Problem)]
    return whole, kept, [item for item in first if not isinstance(item, Problem)]


def _row_of(item: Problem | engine.TableError) -> int:
    """Where a problem or an error stands in its file: the header's (no row) first."""
    return (item.row if isinstance(item, Problem) else item.row_number) or 0


def _row_causes(
    resource, result: engine.EngineResult, key_fields: frozenset[str], stopped: bool
) -> list[Problem]:
    """Why a row's cells are not the header's, named once for the row before what
    follows from it (Frictionless reports each cell shifted or missing, each required
    one empty, and the first cell's type):

    - a row pasted from another table or a text editor keeps its own separator, a tab,
      a semicolon (or a comma, in a file of semicolons): the whole row lands in the
      first cell ("pasted-row");
    - a text holding the file's separator without quotes is split in two, and the values
      after it move ("split-row", for a row with a value of the wrong type);
    - a note typed beyond the last column moves nothing: its cells are quoted ("extra-cells",
      in place of Frictionless' "extra-cell"); an empty extra cell is only a separator
      left at the row's end;
    - the header copied again below holds no values ("header-repeated", for a row with
      an error whose cell is its field's name: in a table of one column of words, «word»
      under the header «word» is data): the row's errors are not shown (`_unexplained`).

    The rows are read again from the file (one small enough to be edited by hand) when
    the errors show such a row or a header that is not the schema's, or when the engine
    ``stopped`` at the errors --limit-errors asked for, which may leave out those that
    show the cause of the last ones (its rows are looked at up to theirs)."""
    errors = result.errors
    schema = getattr(resource, "schema", None)
    if not isinstance(errors, list) or resource.remote or schema is None:
        return []
    # rows holding the field's name where values should be: maybe the header repeated
    named = {e.row_number for e in errors if _a_fields_name(e)}
    if not (stopped or named or any(_shows_a_cause(e) for e in errors)):
        return []
    if os.path.getsize(resource.normpath) > PASTED_ROWS_MAX_BYTES:
        return []
    try:
        table = plan_rules.read_cells(resource)
    except (OSError, UnicodeDecodeError, ValueError, csv.Error):
        return []
    header, delimiter = table.header, table.delimiter
    where = {"resource": resource.name, "path": resource.path}
    # rows with a value of the wrong type or out of bounds: maybe moved by a split text
    misfit = {e.row_number for e in errors if e.type in SHARED_PARAMS}
    text_field = _text_field(schema, key_fields)  # where a note beyond the last column may go
    last = (errors[-1].row_number or 0) if stopped else None  # the rows past it: errors not fetched
    problems = []
    for number, cells in table.numbered():
        if last is not None and number > last:
            break
        while len(cells) > len(header) and not cells[-1].strip():
            cells = cells[:-1]  # a separator left at the row's end
        if _same_words(cells, schema.field_names):
            if number in named:
                problems.append(Problem("header-repeated", row=number, **where))
        elif len(cells) == 1 and len(header) > 1:
            variant = next(
                (
                    name
                    for separator, name in SEPARATORS.items()
                    if separator != delimiter and cells[0].count(separator) + 1 >= min(3, len(header))
                ),
                None,
            )
            if variant is not None:
                params = {"variant": variant}
                problems.append(Problem("pasted-row", row=number, field=header[0], params=params, **where))
        elif header and len(cells) > len(header):
            if number in misfit and _split_text(cells, schema.fields, delimiter):
                if delimiter in SEPARATORS:
                    params = {"variant": SEPARATORS[delimiter]}
                    problems.append(Problem("split-row", row=number, params=params, **where))
            else:
                problems.append(_extra_cells(number, cells, header, text_field, delimiter, where))
    return problems


def _shows_a_cause(error: engine.TableError) -> bool:
    """Whether the error may follow from a row's cause (or the header's): a cell missing
    or extra, or a header that is not the schema's."""
    return error.type in ("missing-cell", "extra-cell", *LABEL_ERRORS)


def _a_fields_name(error: engine.TableError) -> bool:
    """Whether the error's cell is its field's name (but for letter case and spaces around
    it, as `_same_words` compares): a header where values should be."""
    return bool(error.row_number and error.field_name and _same_words([error.cell or ""], [error.field_name]))


def _same_words(cells: list[str], words: list[str]) -> bool:
    """Whether the cells are the words, but for letter case, spaces around them and empty
    cells after them (a spreadsheet that saved an empty column ends each line with «,»)."""
    return _folded(cells) == _folded(words)


def _folded(cells: list[str]) -> list[str]:
    """The cells as compared: without letter case, spaces around them, or empty cells at the end."""
    folded = [cell.strip().casefold() for cell in cells]
    while folded and not folded[-1]:
        folded.pop()
    return folded


def _split_text(cells: list[str], fields: list[frictionless.Field], delimiter: str) -> bool:
    """Whether the row is a text split by the separator in it, its values after it moved:
    joined back at some cell, more of the row's values are what their fields take."""
    extra = len(cells) - len(fields)
    as_read = _misfits(cells, fields)
    return any(
        _misfits([*cells[:at], delimiter.join(cells[at : at + extra + 1]), *cells[at + extra + 1 :]], fields)
        < as_read
        for at in range(len(fields))
    )


def _misfits(cells: list[str], fields: list[frictionless.Field]) -> int:
    """How many of the cells their fields (by place) do not take: a wrong type, a bound."""
    return sum(1 for each, cell in zip(fields, cells, strict=False) if _misfit(each, cell))


def _misfit(field: frictionless.Field, cell: str) -> bool:
    """Whether FIELD does not take CELL. A datetime without a zone against a bound with one
    is not taken, as the engine reports it: Frictionless cannot compare them (TypeError),
    and a row with an extra cell crashed the whole validation."""
    try:
        return bool(field.read_cell(cell)[1])
    except TypeError:
        return True


def _extra_cells(
    number: int, cells: list[str], header: list[str], text_field: str | None, delimiter: str, where: dict
) -> Problem:
    """A note beyond the table's last column: its cells, their numbers, and a column of
    free text it may belong in."""
    beyond = enumerate(cells[len(header) :], start=len(header) + 1)
    written = [(place, cell) for place, cell in beyond if cell.strip()]
    numbers = ", ".join(str(place) for place, _ in written)
    params = {"numbers": numbers, "last": header[-1], "text_field": text_field}
    if len(written) > 1:
        params["variant"] = "several"
    text = delimiter.join(cell for _, cell in written)
    return Problem("extra-cells", row=number, cell=text, params=params, **where)


def _text_field(schema: frictionless.Schema, key_fields: frozenset[str]) -> str | None:
    """The first field of free text: a string of no format, pattern, allowed values or key
    (``key_fields``: the foreign keys' as declared, not only those checked)."""
    keys = set(schema.primary_key) | key_fields
    bounded = ("pattern", "enum", "minLength", "maxLength")
    return next(
        (
            each.name
            for each in schema.fields
            if each.type == "string"
            and getattr(each, "format", "default") in (None, "default")
            and not any(name in (each.constraints or {}) for name in bounded)
            and each.name not in keys
        ),
        None,
    )


def _unexplained(errors, causes: list[Problem], header_row: int):
    """The engine's errors but those a cause says all of: the "extra-cell" of a row whose
    note beyond the last column is quoted ("extra-cells"); every error of a row that
    repeats the header ("header-repeated"); where a line above the header was read as
    the header (``header_row`` 1: a dialect that says so), its names and the errors of
    the header read as the row after it ("header-titles")."""
    said: dict[int | None, frozenset[str] | None] = {}  # by row (None: the header): types, None for all
    for cause in causes:
        if cause.code == "extra-cells":
            said[cause.row] = frozenset({"extra-cell"})
        elif cause.code == "header-repeated":
            said[cause.row] = None
        elif cause.code == "header-titles" and header_row == 1:
            said.update({None: frozenset(LABEL_ERRORS), 2: None})
    if not said:
        return errors  # maybe spilled to disk: not read here
    return [e for e in errors if not _said(said, e)]


def _said(said: dict[int | None, frozenset[str] | None], error: engine.TableError) -> bool:
    if error.row_number not in said or _blank_column(error):
        return False
    types = said[error.row_number]
    return types is None or error.type in types


def _blank_column(error: engine.TableError) -> bool:
    """Whether the error names an empty column a spreadsheet saved: a problem of its own,
    not one of the header's titles."""
    return error.type == "extra-label" and not (error.cell or "").strip()


def _title_above_header(resource) -> Problem | None:
    """A line above the header: the schema's titles, or one of its own (the sheet's title,
    a note).  A portal's DataStore and a reader's program take line 1 for the header, and
    Frictionless did in a file of a few rows: name it, with the fix to delete it."""
    schema = getattr(resource, "schema", None)
    if resource.format not in ("csv", "tsv") or resource.remote or schema is None or not schema.fields:
        return None
    if any(map(resource.dialect.has_defined, NO_TITLE_SAYERS)):
        return None
    lines = _first_lines(Path(resource.normpath))
    if len(lines) < 2 or not lines[0].strip():  # a blank line above the header is no title
        return None
    delimiter = plan_rules.delimiter_of(resource)
    above, header = (next(csv.reader([line], delimiter=delimiter), []) for line in lines)
    if _holds_every_name(above, schema.field_names) or not _holds_every_name(header, schema.field_names):
        return None
    where = {"resource": resource.name, "path": resource.path}
    titles = [each.title or "" for each in schema.fields]
    if all(titles) and _same_words(above, titles):
        return Problem("header-titles", row=1, params={"title": titles[0]}, **where)
    first = next((cell.strip() for cell in above if cell.strip()), "")
    params = {"variant": "line", "title": shorten(first, TITLE_SHOWN, placeholder="…")}
    return Problem("header-titles", row=1, params=params, **where)


def _unclosed_quote(resource, result: engine.EngineResult) -> Problem | None:
    """A quote opened and never closed takes the rest of the file into one cell, and
    Frictionless reports only what follows from it: the last row lacks its other
    cells.  Name the cell where the quote opened: the one before the first missing.

    Only for a table with few errors (a hand-edited one); its quotes are counted only
    when its last row is short, to tell this from a row that is short by itself."""
    errors = result.errors
    if not isinstance(errors, list) or not errors or resource.remote:
        return None
    last_row = result.row_count + plan_rules.header_row_of(resource)  # below the header
    short = [e for e in errors[-len(resource.schema.fields) :] if e.row_number == last_row]
    missing = [e.field_number for e in short if e.type == "missing-cell" and e.field_number]
    if not missing or min(missing) < 2:
        return None
    quote = b'"'
    with open(resource.normpath, "rb") as stream:
        quotes = sum(chunk.count(quote) for chunk in iter(lambda: stream.read(1 << 20), b""))
    if quotes % 2 == 0:
        return None
    field = resource.schema.fields[min(missing) - 2].name
    return Problem("unclosed-quote", resource=resource.name, path=resource.path, row=last_row, field=field)


# the causes named in their rows, before the row's errors (`_row_causes`); the others
# concern the whole table and come first
ROW_CAUSES = frozenset({"header-repeated", "extra-cells", "split-row", "pasted-row"})
LABEL_ERRORS = {"blank-label", "duplicate-label", "extra-label", "incorrect-label", "missing-label"}


def _shifted_columns(resource, result: engine.EngineResult) -> Problem | None:
    """A column deleted, added, copied or moved in the middle of a table shifts the
    ones after it, and Frictionless reports each shifted name and each cell of the
    wrong type that follows from it (a missing evidence_url made "channel" hold the
    reach).  Name the one column that, put back, taken out or moved, makes the header
    the schema's; or say that the header row is missing, when the first row is data.

    The header is rebuilt from the label errors (the file is not read again): the
    schema's names, but the label given where one is wrong, extra or missing.  Only where
    the header must match the fields exactly: with ``fieldsMatch`` "subset", "equal" and
    the others Frictionless matches the columns by name, and their places say nothing."""
    schema = getattr(resource, "schema", None)
    if schema is None or schema.fields_match != "exact":
        return None
    fields = list(schema.field_names)
    header, wrong = list(fields), False
    for error in result.errors:
        if error.type not in LABEL_ERRORS:
            break  # the header's errors come first
        wrong = True
        place = (error.field_number or 0) - 1
        if error.type == "missing-label":
            header = header[: min(place, len(header))]
        elif error.type == "extra-label":
            header.append(error.cell or "")
        elif 0 <= place < len(header):
            header[place] = error.cell or ""
    if not wrong:
        return None
    where = {"resource": resource.name, "path": resource.path}
    if _first_row_is_data(header, fields):
        return Problem("header-missing", params={"header": ",".join(fields)}, **where)
    if len(header) == len(fields) and sorted(header) == sorted(fields):
        for place, label in enumerate(header):  # the one column that, moved, puts all in order
            rest = header[:place] + header[place + 1 :]
            wanted = fields.index(label)
            if wanted != place and [*rest[:wanted], label, *rest[wanted:]] == fields:
                params = {"label": label, "field_number": place + 1, "expected": wanted + 1}
                return Problem("column-moved", field=label, params=params, **where)
    # not the last column: Frictionless' own missing or extra label says that one well
    for place in range(len(fields) - 1):
        if len(header) == len(fields) - 1 and fields[:place] + fields[place + 1 :] == header:
            return Problem("column-missing", field=fields[place], params={"field_number": place + 1}, **where)
    for place in reversed(range(len(header) - 1)):  # of two copies, the second
        if len(header) == len(fields) + 1 and header[:place] + header[place + 1 :] == fields:
            label = header[place]
            params = {"label": label, "field_number": place + 1}
            if label in fields:
                params.update(variant="copy", first=header.index(label) + 1)
            return Problem("column-extra", field=label, params=params, **where)
    return None


def _first_row_is_data(labels: list[str], fields: list[str]) -> bool:
    """Whether the header row was deleted: the first row, read as the labels, names no
    field, and half its cells are what only data holds: a date, an id, a count (digits
    and no space) or a link.  Column titles in place of the names («Ідентифікатор
    звіту», «Рік 2021») are words."""
    names = {field.strip().casefold() for field in fields}
    written = [label.strip() for label in labels if label.strip()]
    if not written or any(label.casefold() in names for label in written):
        return False
    data = [w for w in written if "://" in w or (any(map(str.isdigit, w)) and " " not in w)]
    return len(data) * 2 >= len(written)


class FieldFacts(NamedTuple):
    """What the messages about a field's cells need, looked up once per table (not per
    error: Frictionless' has_field walks the fields)."""

    type: str
    format: str | None
    constraints: dict
    labels: dict[str, str]  # the values' labels (`_labels`)
    booleans: tuple[tuple[str, ...], tuple[str, ...]] | None  # a boolean's true and false values
    notation: dict[str, str]  # a number's decimal_char and group_char (`_notation`)
    example: str | None  # a value that matches the field's pattern (`_example`)
    field: frictionless.Field  # to write a key's value as the field does (`_as_written`)
    missing: tuple[str, ...]  # the cells read as no value: the field's missingValues, else its schema's


class TableProblems:
    """A table's problems, made from the engine's errors each time they are read."""

    def __init__(
        self,
        errors: list[engine.TableError] | engine.SpilledErrors,
        resource,
        keys: KeyGuesser,
        schema: frictionless.Schema | None = None,
        parts: PartRows | None = None,
    ) -> None:
        """``schema``: the one the engine used, inferred from the cells where the table has
        none (its type errors name the type inferred); by default the resource's.  ``parts``:
        a multipart table's, each problem's row is named in its part too."""
        self.errors = errors
        self.parts = parts
        self.keys = keys
        self.name, self.path = resource.name, shown_path(resource)
        if schema is None:
            schema = getattr(resource, "schema", None)
        self.fields = (
            {
                f.name: FieldFacts(
                    f.type,
                    getattr(f, "format", None),
                    f.constraints or {},
                    _labels(f),
                    _booleans(f),
                    _notation(f),
                    _example(f),
                    f,
                    tuple(f.missing_values if f.has_defined("missing_values") else schema.missing_values),
                )
                for f in schema.fields
            }
            if schema is not None
            else {}
        )
        self.key_fields = tuple(schema.primary_key) if schema is not None else ()
        self.shared: dict[tuple, dict] = {}
        # a single field's foreign key: the table and field it refers to
        self.references = {
            fk["fields"][0]: (fk["reference"].get("resource") or self.name, fk["reference"]["fields"][0])
            for fk in (schema.foreign_keys if schema is not None else [])
            if len(fk.get("fields", [])) == 1 and len(fk.get("reference", {}).get("fields", [])) == 1
        }
        self.mismatched = _mismatched_keys(resource, schema)

    def __len__(self) -> int:
        return len(self.errors)

    def __iter__(self) -> Iterator[Problem]:
        row, unread = None, {}  # the row's key cells not read as their type, by field
        for error in self.errors:
            if error.row_number != row:
                row, unread = error.row_number, {}
            if error.type == "type-error" and error.field_name in self.key_fields:
                unread[error.field_name] = error.cell or ""
            problem = _problem_from(error, self.name, self.path, self.fields, self.key_fields, self.shared)
            if problem.code == "foreign-key" and problem.field in self.mismatched:
                problem.params.update(variant="types", **self.mismatched[problem.field])
            elif problem.code == "foreign-key" and problem.field in self.references and problem.cell:
                self._guess_key(problem, *self.references[problem.field])
            if problem.code == "primary-key" and unread:
                self._name_unread_key(problem, unread)
            yield problem if self.parts is None else self.parts.name(problem)

    def _name_unread_key(self, problem: Problem, unread: dict[str, str]) -> None:
        """A key with a cell Frictionless read as no value for its type («abc» as an
        integer): the cell's text, where the message would call it empty."""
        parts = problem.params.get("key_parts") or (None,) * len(self.key_fields)
        named = zip(self.key_fields, parts, strict=True)
        problem.params["key_parts"] = tuple(unread.get(key) if part is None else part for key, part in named)
        if problem.params.get("variant") == "blank":
            problem.params["variant"] = "unreadable"

    def _guess_key(self, problem: Problem, target: str, field: str) -> None:
        """The key meant, or the keys of a cell that names several («Качанський М.Ю.,
        Коба І.Ю.» for one reporter); its params are its own (not shared, as a cell error's)."""
        key = self.keys.guess(target, field, problem.cell)
        if key == problem.cell:  # the value is there, as another type: the types differ, not the value
            return
        if key is not None:
            problem.params["suggestion"] = key
            return
        guessed = [self.keys.guess(target, field, part) for part in re.split(r"[,;]", problem.cell)]
        keys = list(dict.fromkeys(guessed))  # one person named twice is one person
        if len(guessed) > 1 and all(guessed) and len(keys) == 1:
            problem.params["suggestion"] = keys[0]
        elif len(keys) > 1 and all(keys):
            problem.params.update(variant="several", keys=", ".join(f"«{key}»" for key in keys))


def _mismatched_keys(resource, schema: frictionless.Schema | None) -> dict[str, dict]:
    """The foreign keys comparing a field with one of a type whose values never match it (an
    integer with a string: «1» is not found beside «1»), by their fields as their problems
    name them: the first such pair's types and the field referred to."""
    package = getattr(resource, "package", None)
    found = {}
    for fk in schema.foreign_keys if schema is not None else []:
        reference = fk.get("reference", {})
        target = reference.get("resource") or resource.name
        if target == resource.name:
            other = schema
        elif package is not None and package.has_resource(target):
            other = getattr(package.get_resource(target), "schema", None)
        else:
            continue
        names, referred = _key_fields(fk), _key_fields(reference)
        for name, each in zip(names, referred, strict=False):
            if not (schema.has_field(name) and other is not None and other.has_field(each)):
                continue
            field_type, other_type = schema.get_field(name).type, other.get_field(each).type
            if type_group(field_type) != type_group(other_type):
                params = {"field_type": field_type, "other": each, "other_type": other_type}
                found[", ".join(names)] = params
                break
    return found


def _problem_from(
    error: engine.TableError,
    name: str,
    path: str,
    fields: dict[str, FieldFacts],
    key_fields: tuple[str, ...],
    shared: dict[tuple, dict],
) -> Problem:
    """The engine's error as a Problem; ``fields``: what each field's messages need.

    A cell's type or constraint error has the same parameters as every other one of
    its field and kind, so they share one dict from ``shared`` (~0.35 kB less per
    problem, and a big file can have millions)."""
    field_name, cell = error.field_name, error.cell
    if error.type in SHARED_PARAMS:
        key = (error.type, field_name, error.constraint, error.note)
        params = shared.get(key)
        if params is None:
            params = shared[key] = _problem_params(error, fields, key_fields)
    else:
        params = _problem_params(error, fields, key_fields)
    if error.type == "foreign-key":
        # Frictionless names the fields, values and lookup table only in the note.
        found = FOREIGN_KEY_NOTE.search(error.note or "")
        if found:
            field_name, cell = found.group("fields"), found.group("values")
            params["target"] = found.group("target") or name
        parts = error.key_values or (cell,)
        names = (field_name or "").split(", ")
        if len(names) == len(parts):
            parts = _written_key(parts, names, fields)
        params["values"] = _quoted_key(parts)
    return Problem(
        error.type,
        resource=name,
        path=path,
        row=error.row_number,
        field=field_name,
        cell=cell,
        params=params,
    )


def _quoted_key(parts: tuple[str | None, ...]) -> str:
    """A key's values as a foreign key's message quotes them, one by one: a value may hold
    «, » itself («вул. Франка, 7»), and an empty one (no value read) is «», not «None»."""
    return ", ".join(f"«{part or ''}»" for part in parts)


def _written_key(
    parts: tuple[str | None, ...], names: Sequence[str], fields: dict[str, FieldFacts]
) -> tuple[str | None, ...]:
    """A key's values (of the fields ``names``) as their fields write them (`_as_written`)."""
    return tuple(
        _as_written(fields[name].field, part) if name in fields else part
        for name, part in zip(names, parts, strict=True)
    )


# how Python prints a yearmonth Frictionless read: «yearmonth(year=2024, month=1)»
YEARMONTH_VALUE = re.compile(r"yearmonth\(year=(?P<year>-?\d+), month=(?P<month>\d+)\)")
# the value read back from how Python prints it, by the field's type
READ_BACK: dict[str, Callable[[str], object]] = {
    "number": Decimal,
    "boolean": lambda text: {"True": True, "False": False}[text],
    "date": date.fromisoformat,
    "datetime": datetime.fromisoformat,
    "time": time.fromisoformat,
}


def _as_written(field: frictionless.Field, text: str | None) -> str | None:
    """A key's value as its field writes it («2024-01», «так», «1,5», «2024-01-05T08:00:00Z»),
    where Frictionless quotes it as Python prints the value read («yearmonth(year=2024,
    month=1)», «True», «1.5», «2024-01-05 08:00:00+00:00»): the messages quote what a user
    types. None (no value read) stays None; a value not read back stays as it is."""
    found = YEARMONTH_VALUE.fullmatch(text or "") if field.type == "yearmonth" else None
    if found:
        return f"{found['year']}-{int(found['month']):02}"
    if text is None or field.type not in READ_BACK:
        return text
    try:
        value = READ_BACK[field.type](text)
    except (KeyError, ValueError, InvalidOperation):
        return text
    if getattr(field, "format", None) == "any":  # Frictionless would write the word «any»
        return value.isoformat()
    written, notes = field.write_cell(value)
    return text if written is None or notes else written


def _labels(field: frictionless.Field) -> dict[str, str]:
    """A field's values' labels, from Table Schema's ``categories`` (``{"value": "done",
    "label": "виконано"}``): what an officer reads and writes for a code."""
    categories = (getattr(field, "custom", None) or {}).get("categories")
    if not isinstance(categories, list):
        return {}
    return {
        str(c["value"]): str(c["label"])
        for c in categories
        if isinstance(c, dict) and "value" in c and c.get("label") is not None
    }


def _booleans(field: frictionless.Field) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A boolean field's true and false values, as its type errors name them."""
    if field.type != "boolean":
        return None
    return tuple(map(str, field.true_values)), tuple(map(str, field.false_values))


# «наприклад «2021-Q3-1.1-01»», «e.g. 2021-Q3.»: an example a field's description gives
DESCRIBED_EXAMPLE = re.compile(
    r"(?:наприклад|e\.g\.),?\s+(?:«(?P<quoted>[^»]+)»|(?P<bare>\S+?))[.,;:)]?(?:\s|$)", re.IGNORECASE
)


def _example(field: frictionless.Field) -> str | None:
    """A value of the field an officer can copy the form of, where its pattern is a regular
    expression she does not read: the field's ``example``, or the one its description
    gives; only one the pattern matches."""
    pattern = (field.constraints or {}).get("pattern")
    if not isinstance(pattern, str):
        return None
    found = DESCRIBED_EXAMPLE.search(field.description or "")
    written = field.example or (found and (found["quoted"] or found["bare"]))
    try:
        return str(written) if written and re.fullmatch(pattern, str(written)) else None
    except re.error:
        return None


def _notation(field: frictionless.Field) -> dict[str, str]:
    """A number field's decimal mark and group separator, as its suggestions are written;
    an integer field's as its descriptor declares them: Frictionless reads neither there,
    but they tell whether «1,000» meant a thousand (`suggest._integer`); a list's delimiter
    and its items' type: its type error says how to write one."""
    if field.type == "list":
        return {"delimiter": field.delimiter, "item_type": field.item_type}
    if field.type == "number":
        return {"decimal_char": field.decimal_char, "group_char": field.group_char}
    if field.type == "integer":
        declared = field.to_descriptor()
        return {"decimal_char": declared.get("decimalChar", "."), "group_char": declared.get("groupChar", "")}
    return {}


def _problem_params(
    error: engine.TableError, fields: dict[str, FieldFacts], key_fields: tuple[str, ...]
) -> dict:
    """What the messages about an engine error need to say; ``key_fields``: the primary key's."""
    params: dict = {
        "note": error.note,
        "field_number": error.field_number,
        "frictionless_type": error.type,
    }
    schema_field = fields.get(error.field_name) if error.field_name else None
    if schema_field is not None:
        params["field_type"], params["field_format"] = schema_field.type, schema_field.format
        if schema_field.booleans is not None:
            params["true_values"], params["false_values"] = schema_field.booleans
        params.update(schema_field.notation)
        if error.type == "type-error" and schema_field.missing and "" not in schema_field.missing:
            params["missing_values"] = ", ".join(schema_field.missing)  # an empty cell is no value
        if error.constraint:
            params["constraint"] = error.constraint
            limit = schema_field.constraints.get(error.constraint)
            params["limit"] = limit
            if error.constraint == "pattern" and schema_field.example:
                params["example"] = schema_field.example
            if error.constraint == "enum":
                params["allowed"] = ", ".join(str(value) for value in limit or [])
                params["labels"] = schema_field.labels
    elif error.constraint:
        params["constraint"] = error.constraint
    if error.type in ("blank-label", "duplicate-label", "extra-label", "incorrect-label"):
        params["label"] = error.cell
        params["expected_label"] = error.field_name or "?"
    if error.type == "extra-label" and not (error.cell or "").strip():
        params["variant"] = "blank"  # an empty column a spreadsheet saved
    if error.type == "incorrect-label":
        lookalikes = lookalike_letters(error.cell or "", error.field_name or "")
        if lookalikes:  # the two names show the same on screen: say what differs
            params.update(variant="lookalike", letters=lookalikes)
    if error.type == "missing-cell" and schema_field is not None and schema_field.constraints.get("required"):
        params["variant"] = "required"  # «(можна порожню)» would contradict its «порожнє» beside it
    if error.type in ("hash-count", "byte-count"):  # a remote or multipart file's, found by Frictionless
        params.update(integrity.frictionless_params(error.type, error.note))
    if error.type == "primary-key":
        params["key"] = ", ".join(key_fields)
    if error.type == "unique-error" and schema_field is not None:
        written = _as_written(schema_field.field, error.cell)
        if written != error.cell:  # the JSON's cell is Frictionless': str() of the value read
            params["written"] = written
    if error.type in ("primary-key", "unique-error"):
        found = DUPLICATE_NOTE.fullmatch(error.note or "")
        if found:
            params["first_row"] = int(found.group("row"))
        elif error.type == "primary-key":  # 'cells composing the primary keys are all "None"'
            params["variant"] = "blank"
    if error.type == "primary-key" and "first_row" in params:
        # the key's value says which row to look at; several fields' values are a combination
        if error.key_values is None:
            params["variant"] = "unnamed"
        else:
            params["key_parts"] = _written_key(error.key_values, key_fields, fields)
            if len(key_fields) > 1:
                params["variant"] = "composite"
    return params

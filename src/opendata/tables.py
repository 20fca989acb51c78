"""The package's tables as typed rows, read once for every output built from them.

Frictionless casts each cell by its Table Schema, so integers stay integers,
booleans booleans and dates `datetime.date`; exports never re-guess types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import frictionless

from opendata.plan_schema import plan_schema


@dataclass
class Table:
    name: str
    resource: dict  # the resource's descriptor: title, title_en, description, ...
    schema: dict
    rows: list[dict]

    @property
    def fields(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]


@dataclass
class PackageData:
    descriptor: dict
    tables: dict[str, Table]

    @property
    def name(self) -> str:
        return self.descriptor.get("name") or "datapackage"


# the types every download carries as values (CSV, JSON, XLSX, SQLite); the others
# (yearmonth, duration, geopoint, object, array, …) are kept as their Table Schema text
REPORTS = "progress_reports"
NATIVE_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "time", "year"}
# the integers a file holds exactly: SQLite's INTEGER and the DataStore's int8 are 64-bit,
# Excel keeps 15 significant digits (a longer number comes back with zeros for its last digits)
INT64 = range(-(2**63), 2**63)
EXCEL_INTEGERS = range(-(10**15) + 1, 10**15)


def read_package(package_dir: str | Path) -> PackageData:
    """Every table of the package in descriptor order, rows typed by their schemas.

    A resource with no schema (a PDF) is no table.  A table's missing titles and
    descriptions are its name and blank, as the dictionary writes them.  A plan with no
    reports yet gets an empty progress_reports table: every output counts its reports."""
    package = frictionless.Package(str(Path(package_dir) / "datapackage.json"))
    tables = {}
    for resource in package.resources:
        descriptor = resource.to_descriptor()
        if descriptor.pop("schema", None) is None:
            continue
        schema = resource.schema.to_descriptor()
        as_text = {field.name: field for field in resource.schema.fields if field.type not in NATIVE_TYPES}
        with resource:
            rows = [_portable(row.to_dict(), as_text) for row in resource.row_stream]
        tables[resource.name] = Table(resource.name, _described(descriptor), schema, rows)
    if "tasks" in tables and REPORTS not in tables:
        reports = {"name": REPORTS, "title": "Звіти про виконання", "title_en": "Progress reports"}
        tables[REPORTS] = Table(REPORTS, _described(reports), plan_schema(REPORTS), [])
    return PackageData(package.to_descriptor(), tables)


def _described(descriptor: dict) -> dict:
    """The resource with a title (its name) and descriptions (blank) where it has none."""
    title = descriptor.get("title") or descriptor["name"]
    defaults = {"title": title, "title_en": title, "description": "", "description_en": ""}
    return {**defaults, **{k: v for k, v in descriptor.items() if v is not None}}


def integers_outside(schema: dict, rows: Iterable[dict], integers: range) -> set[str]:
    """The integer and year columns holding a value outside INTEGERS.  A Table Schema
    integer has no bounds (100000000000000000000 is valid), but a file that stores it as
    a number of fewer bits would refuse it or change its last digits: such a column is
    stored as text there, every digit kept."""
    names = {field["name"] for field in schema["fields"] if field.get("type") in ("integer", "year")}
    return {
        name
        for row in rows
        for name in names
        if isinstance(row.get(name), int) and not isinstance(row[name], bool) and row[name] not in integers
    }


def written_rows(table: Table) -> list[dict[str, str]]:
    """The rows as the table's schema writes them: a boolean as its own true value
    («так»), a date in the field's format, a number with its decimal mark, a blank as
    the first missing value.  A CSV written so reads back by the same schema: one with
    canonical «true» against ``trueValues: ["так"]`` was read as false (the DataStore
    held false for every true), and with ISO dates against a ``%d.%m.%Y`` format did
    not validate.  What `_portable` already wrote as text stays as it is."""
    fields = frictionless.Schema.from_descriptor(table.schema).fields
    return [
        {
            field.name: value if isinstance(value, str) else written_cell(field, value)
            for field, value in ((field, row.get(field.name)) for field in fields)
        }
        for row in table.rows
    ]


def written_cell(field: frictionless.Field, value) -> str:
    """The value as its field writes it.  A date or time of ``format: any`` in ISO 8601,
    which that format reads: Frictionless takes the format for a strftime pattern, and
    wrote the word «any» in every cell."""
    if field.format == "any" and isinstance(value, date | time):
        return value.isoformat()
    return field.write_cell(value)[0]


def _portable(row: dict, as_text: dict[str, frictionless.Field]) -> dict:
    """The row with what a download cannot hold as a value as the schema's text: a
    yearmonth «2021-05», a duration «P1D», and a time of day with its UTC offset,
    which Excel cannot hold («2021-05-14T10:00:00+03:00»)."""
    for name, value in row.items():
        if value is None:
            continue
        if name in as_text:
            row[name] = written_cell(as_text[name], value)
        elif isinstance(value, datetime | time) and value.tzinfo is not None:
            row[name] = value.isoformat()
    return row

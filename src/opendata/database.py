"""The package as one SQLite database: what an analyst opens in DB Browser for
SQLite, Datasette, Python or R and joins with SQL.

Each table keeps its column order, types (INTEGER, REAL, TEXT; dates as ISO text,
booleans as 0/1), NOT NULL for required fields, its primary key, foreign keys and
enum values as CHECK constraints; a `dictionary` table says what every field means, and a
`metadata` table the title, publisher, licence and source, which a copy must carry.
Plain tables, not STRICT ones, so that SQLite before 3.37 opens the file too.
The same package gives the same bytes: SQLite stores no time or path.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from opendata.about import COLUMNS as ABOUT_COLUMNS
from opendata.about import about_rows
from opendata.dictionary import COLUMNS as DICTIONARY_COLUMNS
from opendata.dictionary import dictionary_rows
from opendata.tables import PackageData

COLUMN_TYPES = {"integer": "INTEGER", "year": "INTEGER", "boolean": "INTEGER", "number": "REAL"}


def database_bytes(package: PackageData) -> bytes:
    """Every table of the package, the dictionary and the metadata, in a SQLite database file."""
    with tempfile.TemporaryDirectory(prefix="opendata-sqlite-") as folder:
        path = Path(folder) / "package.sqlite"
        connection = sqlite3.connect(path)
        try:
            for table in package.tables.values():
                _add_table(connection, table.name, table.schema, table.rows)
            for name, columns, rows in (
                ("dictionary", DICTIONARY_COLUMNS, dictionary_rows(package)),
                ("metadata", ABOUT_COLUMNS, about_rows(package)),
            ):
                _add_table(
                    connection, name, {"fields": [{"name": c, "type": "string"} for c in columns]}, rows
                )
            connection.commit()
        finally:
            connection.close()
        return path.read_bytes()


def create_table_sql(name: str, schema: dict) -> str:
    """CREATE TABLE for a Table Schema: types, NOT NULL, enum CHECKs and the keys."""
    lines = []
    for field in schema["fields"]:
        column = f"{_quoted(field['name'])} {COLUMN_TYPES.get(field['type'], 'TEXT')}"
        constraints = field.get("constraints", {})
        if constraints.get("required"):
            column += " NOT NULL"
        if constraints.get("enum"):
            allowed = ", ".join(_literal(_cell(value)) for value in constraints["enum"])
            column += f" CHECK ({_quoted(field['name'])} IN ({allowed}))"
        lines.append(column)
    if schema.get("primaryKey"):
        lines.append(f"PRIMARY KEY ({_names(schema['primaryKey'])})")
    for key in schema.get("foreignKeys", []):
        target = key["reference"].get("resource") or name  # "" is the table itself
        lines.append(
            f"FOREIGN KEY ({_names(key['fields'])}) "
            f"REFERENCES {_quoted(target)} ({_names(key['reference']['fields'])})"
        )
    return f"CREATE TABLE {_quoted(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _add_table(connection: sqlite3.Connection, name: str, schema: dict, rows: list[dict]) -> None:
    connection.execute(create_table_sql(name, schema))
    columns = [field["name"] for field in schema["fields"]]
    insert = f"INSERT INTO {_quoted(name)} ({_names(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    connection.executemany(insert, ([_cell(row.get(column)) for column in columns] for row in rows))


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _names(fields: str | list[str]) -> str:
    return ", ".join(_quoted(name) for name in ([fields] if isinstance(fields, str) else fields))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"

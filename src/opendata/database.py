"""The package as one SQLite database: what an analyst opens in DB Browser for
SQLite, Datasette, Python or R and joins with SQL.

Each table keeps its column order, types (INTEGER, REAL, TEXT; dates as ISO text,
booleans as 0/1), NOT NULL for required fields, its primary key, foreign keys and
enum values as CHECK constraints; a `dictionary` table says what every field means, and a
`metadata` table the title, publisher, licence and source, which a copy must carry.
Plain tables, not STRICT ones, so that SQLite before 3.37 opens the file too.
An integer column holding a value beyond SQLite's 64-bit INTEGER (a Table Schema integer
has no bounds) is a TEXT column of its values' digits, and the dictionary says so: SQLite
refuses such a value, and as text in an INTEGER column would turn it into a REAL, its last
digits lost.  The whole column, so that it sorts and compares one way.
The same package gives the same bytes: SQLite stores no time or path.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Collection
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from opendata.about import COLUMNS as ABOUT_COLUMNS
from opendata.about import about_rows
from opendata.dictionary import COLUMNS as DICTIONARY_COLUMNS
from opendata.dictionary import dictionary_rows, with_note
from opendata.tables import INT64, PackageData, integers_outside

COLUMN_TYPES = {"integer": "INTEGER", "year": "INTEGER", "boolean": "INTEGER", "number": "REAL"}
AS_TEXT_NOTE = (
    "у базі SQLite — текстом: деякі значення більші, ніж ціле число SQLite (64 біти)",
    "text in the SQLite database: some values are beyond SQLite's 64-bit integer",
)


def database_bytes(package: PackageData) -> bytes:
    """Every table of the package, the dictionary and the metadata, in a SQLite database file."""
    with tempfile.TemporaryDirectory(prefix="opendata-sqlite-") as folder:
        path = Path(folder) / "package.sqlite"
        connection = sqlite3.connect(path)
        try:
            as_text = set()
            for table in package.tables.values():
                wide = integers_outside(table.schema, table.rows, INT64)
                _add_table(connection, table.name, table.schema, table.rows, wide)
                as_text |= {(table.name, name) for name in wide}
            dictionary = with_note(dictionary_rows(package), as_text, AS_TEXT_NOTE)
            for name, columns, rows in (
                ("dictionary", DICTIONARY_COLUMNS, dictionary),
                ("metadata", ABOUT_COLUMNS, about_rows(package)),
            ):
                _add_table(
                    connection, name, {"fields": [{"name": c, "type": "string"} for c in columns]}, rows
                )
            connection.commit()
        finally:
            connection.close()
        return path.read_bytes()


def create_table_sql(name: str, schema: dict, as_text: Collection[str] = ()) -> str:
    """CREATE TABLE for a Table Schema: types, NOT NULL, enum CHECKs and the keys; the
    columns AS_TEXT are TEXT whatever their type."""
    lines = []
    for field in schema["fields"]:
        text = field["name"] in as_text
        column = f"{_quoted(field['name'])} {'TEXT' if text else COLUMN_TYPES.get(field['type'], 'TEXT')}"
        constraints = field.get("constraints", {})
        if constraints.get("required"):
            column += " NOT NULL"
        if constraints.get("enum"):
            allowed = ", ".join(_literal(_cell(value, text)) for value in constraints["enum"])
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


def _add_table(
    connection: sqlite3.Connection, name: str, schema: dict, rows: list[dict], as_text: Collection[str] = ()
) -> None:
    connection.execute(create_table_sql(name, schema, as_text))
    columns = [field["name"] for field in schema["fields"]]
    insert = f"INSERT INTO {_quoted(name)} ({_names(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    connection.executemany(
        insert, ([_cell(row.get(column), column in as_text) for column in columns] for row in rows)
    )


def _cell(value: object, as_text: bool = False) -> object:
    if as_text and value is not None:
        return str(value)
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

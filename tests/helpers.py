"""Paths and the CLI runner shared by the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "datapackage"
SOURCE = PACKAGE / "sources" / "kolomyia-2021-communication-plan.txt"
EXAMPLES = ROOT / "examples"
OPENDATA = Path(sys.executable).parent / "opendata"


def run_cli(*args, cwd: Path | None = None, env: dict | None = None, timeout: int = 600):
    """Run the installed `opendata` entry point, as a user would."""
    return subprocess.run(
        [str(OPENDATA), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
    )


def save_as_ukrainian_excel(table: Path) -> None:
    """Save a CSV as a Ukrainian Excel saves "CSV UTF-8": a byte-order mark, semicolons
    (the list separator where the decimal mark is a comma) and CRLF line ends."""
    import csv

    with table.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    with table.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream, delimiter=";", lineterminator="\r\n").writerows(rows)


def write_cells_in_own_notation(package: Path) -> None:
    """Give the plan's tables a schema's own notation, as another community's data has:
    «так»/«ні» for a boolean (``trueValues``) and a day-first date (``format``)."""
    import csv
    import json

    def rewrite(table: str, field: str, descriptor: dict, text) -> None:
        schema_path = package / "schemas" / f"{table}.json"
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        next(f for f in schema["fields"] if f["name"] == field).update(descriptor)
        schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
        with (package / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        with (package / f"{table}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({**row, field: text(row[field])} for row in rows)

    rewrite(
        "tasks",
        "number_is_duplicate",
        {"trueValues": ["так"], "falseValues": ["ні"]},
        lambda cell: {"true": "так", "false": "ні"}[cell],
    )
    day_first = {"format": "%d.%m.%Y"}
    rewrite("decision", "period_start", day_first, lambda cell: ".".join(reversed(cell.split("-"))))

#!/usr/bin/env python3
"""Fuzz `opendata.validate`: it must report, never raise, whatever it is given.

Two kinds of input, each drawn from a seeded generator:

* the plan's package with one to three edits a spreadsheet or a hand can make (rows
  with too few or too many cells, cells from a menu of traps: quotes, dates written
  the Ukrainian way, Cyrillic digits, a BOM, NUL; a deleted row; a renamed column; a
  blank or half-quoted line), sometimes a table saved as a Ukrainian Excel saves it;
* a table and its schema made up at random (one to four columns of any type, a
  constraint or a primary key, any delimiter and line end, UTF-8 with or without a
  BOM, windows-1251, UTF-16, Latin-1, or random bytes, saved as .csv, .tsv, .txt,
  .json or .xlsx), or a schema that is no Table Schema.

Every problem is rendered in both languages. An input that raises is kept in its
temporary folder, and its traceback printed; the exit code is 1 if any did.

    python scripts/fuzz_validate.py --packages 300 --tables 1000 --seed 1
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from opendata.validate import validate

PACKAGE = Path(__file__).resolve().parent.parent / "datapackage"
PLAN_TABLES = [
    "progress_reports.csv",
    "tasks.csv",
    "task_roles.csv",
    "people.csv",
    "campaigns.csv",
    "decision.csv",
]
TRAPS = [
    "",
    "x",
    '"',
    '""',
    ",",
    "\n",
    "\r\n",
    "2021-Q2",
    "2021-06-15",
    "15.06.2021",
    "done",
    "виконано",
    "1.1",
    "9.9",
    "kachanskyi-m-yu",
    "Качанський М.Ю.",
    "https://a.ua",
    "www.a.ua",
    "-5",
    "1 200",
    "\ufeff",
    " ",
    "R-1",
    "2021-Q9",
    "NaN",
    "٣",
    "\x00",
]
CELLS = [
    "1",
    "",
    "x",
    "Київ",
    "2021-01-01",
    '"',
    '""',
    '"a,b"',
    'a"b',
    "\x00",
    "\ufeff",
    " ",
    "1,5",
    "٣",
    "\t",
    "NaN",
    "-0",
    "1e9",
    "true",
    "так",
    "a@b.ua",
    "http://x.ua",
    "\r",
    "\n",
    ";",
    "ї" * 50,
]
TYPES = [
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "datetime",
    "time",
    "year",
    "yearmonth",
    "geopoint",
    "any",
    "object",
]
CONSTRAINTS = [
    {"required": True},
    {"unique": True},
    {"enum": ["1", "x"]},
    {"minimum": 0},
    {"pattern": "[0-9]+"},
    {"maxLength": 2},
]
NOT_SCHEMAS = [
    {"fields": "x"},
    [],
    {"fields": [{"type": "integer"}]},
    {"fields": [{"name": "a", "type": "nope"}]},
]


def edited_package(rng: random.Random, folder: Path) -> Path:
    package = folder / "package"
    shutil.copytree(PACKAGE, package)
    for _ in range(rng.randint(1, 3)):
        table = package / rng.choice(PLAN_TABLES)
        lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
        edit = rng.random()
        if edit < 0.5:
            width = len(lines[0].split(","))
            row = ",".join(rng.choice(TRAPS) for _ in range(rng.randint(0, width + 2)))
            lines.append(row + rng.choice(["\n", "\r\n", ""]))
        elif edit < 0.7 and len(lines) > 1:
            at = rng.randrange(1, len(lines))
            cells = lines[at].rstrip("\r\n").split(",")
            cells[rng.randrange(len(cells))] = rng.choice(TRAPS)
            lines[at] = ",".join(cells) + "\n"
        elif edit < 0.8 and len(lines) > 1:
            del lines[rng.randrange(1, len(lines))]
        elif edit < 0.9:
            lines[0] = lines[0].replace(rng.choice(lines[0].split(",")).strip(), rng.choice(TRAPS), 1)
        else:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(["\n", ",,,\n", '"\n']))
        table.write_text("".join(lines), encoding="utf-8")
    if rng.random() < 0.2:  # as a Ukrainian Excel saves "CSV UTF-8": BOM, semicolons, CRLF
        table = package / rng.choice(PLAN_TABLES)
        with table.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        with table.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream, delimiter=";", lineterminator="\r\n").writerows(rows)
    return package


def random_table(rng: random.Random, folder: Path) -> tuple[Path, Path]:
    width = rng.randint(1, 4)
    header = [rng.choice(["id", "name", "назва", "", "id", "x y", '"q"']) for _ in range(width)]
    rows = [[rng.choice(CELLS) for _ in range(rng.randint(0, width + 1))] for _ in range(rng.randint(0, 6))]
    delimiter, line_end = rng.choice([",", ",", ";", "\t"]), rng.choice(["\n", "\r\n", "\r"])
    text = line_end.join(delimiter.join(row) for row in [header, *rows]) + rng.choice([line_end, ""])
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1251", "utf-16", "latin-1"])
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if rng.random() < 0.1:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    table = folder / ("table" + rng.choice([".csv", ".csv", ".tsv", ".txt", ".json", ".xlsx"]))
    table.write_bytes(data)
    fields = [{"name": name or f"f{i}", "type": rng.choice(TYPES)} for i, name in enumerate(header)]
    for field in fields:
        if rng.random() < 0.3:
            field["constraints"] = rng.choice(CONSTRAINTS)
    schema: object = {"fields": fields}
    if rng.random() < 0.3:
        schema["primaryKey"] = [fields[0]["name"]]
    if rng.random() < 0.1:
        schema = rng.choice(NOT_SCHEMAS)
    schema_path = folder / "schema.json"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    return table, schema_path


def survives(source: Path, schema: Path | None = None) -> bool:
    """Whether validating ``source`` and rendering its problems raised nothing."""
    try:
        report = validate(source, schema=schema)
        for problem in [*report.errors, *report.warnings]:
            problem.to_dict("uk")
            problem.to_dict("en")
    except Exception:
        traceback.print_exc(limit=8)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--packages", type=int, default=100, help="edited copies of the plan's package")
    parser.add_argument("--tables", type=int, default=300, help="random tables with random schemas")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    failed = 0
    for number in range(args.packages + args.tables):
        folder = Path(tempfile.mkdtemp(prefix="opendata-fuzz-"))
        if number < args.packages:
            ok = survives(edited_package(rng, folder))
        else:
            ok = survives(*random_table(rng, folder))
        if ok:
            shutil.rmtree(folder)
        else:
            failed += 1
            print(f"raised: {folder}", file=sys.stderr)
        if (number + 1) % 100 == 0:
            print(f"{number + 1} inputs, {failed} raised", file=sys.stderr)
    print(f"{args.packages} packages and {args.tables} tables: {failed} raised")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

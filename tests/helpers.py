"""Paths and the CLI runner shared by the tests."""

from __future__ import annotations

import json
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


def save_as_ukrainian_excel(table: Path, *, encoding: str = "utf-8-sig", booleans: bool = False) -> None:
    """Save a CSV as a Ukrainian Excel saves "CSV UTF-8": a byte-order mark, semicolons
    (the list separator where the decimal mark is a comma) and CRLF line ends.  Its plain
    "CSV" is ``encoding="cp1251"``; ``booleans``: true and false as Excel shows them, TRUE
    and FALSE (it does, whatever the column's format)."""
    import csv

    with table.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    if booleans:
        rows = [[{"true": "TRUE", "false": "FALSE"}.get(cell, cell) for cell in row] for row in rows]
    with table.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=";", lineterminator="\r\n").writerows(rows)


def rewrite_field(package: Path, table: str, field: str, descriptor: dict, text) -> None:
    """Give a field of a package's table ``descriptor``'s properties (a ``format``, say)
    and rewrite its column's cells with ``text`` (the notation they declare)."""
    import csv
    import json

    schema_path = package / "schemas" / f"{table}.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == field).update(descriptor)
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    with (package / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        header, rows = reader.fieldnames, list(reader)
    with (package / f"{table}.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, field: text(row[field])} for row in rows)


DAY_FIRST = {"format": "%d.%m.%Y"}


def day_first(iso: str) -> str:
    """«2021-04-01» as «01.04.2021», the notation of ``DAY_FIRST``."""
    return ".".join(reversed(iso.split("-")))


def write_cells_in_own_notation(package: Path) -> None:
    """Give the plan's tables a schema's own notation, as another community's data has:
    «так»/«ні» for a boolean (``trueValues``) and a day-first date (``format``)."""
    rewrite_field(
        package,
        "tasks",
        "number_is_duplicate",
        {"trueValues": ["так"], "falseValues": ["ні"]},
        lambda cell: {"true": "так", "false": "ні"}[cell],
    )
    rewrite_field(package, "decision", "period_start", DAY_FIRST, day_first)


def write_dates_day_first(package: Path) -> None:
    """Every date of the plan's period and reports in the schema's own «%d.%m.%Y»."""
    for table, field in (
        ("decision", "period_start"),
        ("decision", "period_end"),
        ("progress_reports", "report_date"),
    ):
        rewrite_field(package, table, field, DAY_FIRST, day_first)


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two "#rrggbb" colours (4.5 for text, 3 for graphics)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def add_counts_table(package: Path, rows: list[tuple[str, str, str]]) -> None:
    """A small table beside the plan: an id, an integer column with no maximum, a small one."""
    fields = [{"name": "id", "type": "string"}, {"name": "big", "type": "integer"}]
    fields.append({"name": "small", "type": "integer"})
    descriptor_path = package / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    descriptor["resources"].append(
        {"name": "counts", "path": "counts.csv", "format": "csv", "schema": {"fields": fields}}
    )
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")
    lines = ["id,big,small", *(",".join(row) for row in rows)]
    (package / "counts.csv").write_text("\n".join(lines) + "\n", "utf-8")


def untranslate_campaign_4(package: Path) -> None:
    """Campaign IV's English title left empty, as the importer leaves another council's."""
    campaigns = package / "campaigns.csv"
    text = campaigns.read_text("utf-8")
    campaigns.write_text(text.replace(",Covering the work of Kolomyia City Council,", ",,"), "utf-8")


def without_campaign_5s_tasks(tmp_path: Path) -> Path:
    """The Kolomyia text with campaign V's heading and none of its tasks, as another council
    prints a campaign it has yet to fill."""
    text = SOURCE.read_text("utf-8")
    heading = text.index("\nV. Комунікаційна кампанія")
    tasks = text.index("\n", heading + 1)
    source = tmp_path / "decision.txt"
    source.write_text(text[:tasks] + "\n" + text[text.index("\nНачальник відділу комунікації") :], "utf-8")
    return source


def plan_with_an_empty_campaign(tmp_path: Path) -> Path:
    """The package of that text with one execution record (on task 1.1), as the officer adds it."""
    package = tmp_path / "empty-campaign"
    result = run_cli("import-plan", without_campaign_5s_tasks(tmp_path), "--out", package)
    assert result.returncode == 0, result.stderr
    record = (EXAMPLES / "progress_reports.sample.csv").read_text("utf-8").splitlines()[1]
    with (package / "progress_reports.csv").open("a", encoding="utf-8") as reports:
        reports.write(record + "\n")
    return package

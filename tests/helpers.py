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

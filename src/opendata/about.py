"""What a download says about itself, so a copy found on its own can be cited and reused:
title, publisher, licence, version, the decision and the date of the latest record, and
the document the data comes from.

The plan page's "about" block, the workbook's `about` sheet and the SQLite `metadata`
table all come from `about_rows`, so they never disagree; the decision's text itself
(`source_texts`) is copied into the build beside them.
"""

from __future__ import annotations

import re
from pathlib import Path

from opendata.package import publisher_name
from opendata.paths import leaves_folder
from opendata.tables import PackageData
from opendata.text import ukrainian_date

COLUMNS = ["key", "label_uk", "label_en", "value_uk", "value_en"]
# where the build keeps a copy of a source text: the package's own place for it
SOURCE_PATH = re.compile(r"sources/[^/]+\.txt")
DECISION_STATUS = {  # (Ukrainian, English), after the date and number where it has them
    "draft": ("проєкт, без дати й номера", "a draft, not yet dated or numbered"),
    "adopted": ("ухвалене", "adopted"),
    "repealed": ("втратило чинність", "repealed"),
}


def about_rows(package: PackageData) -> list[dict]:
    """One row per fact, in both languages (a fact with no English, such as the
    publisher's name, is the same in both); a date as each language's reader writes it."""
    descriptor = package.descriptor
    decision = package.tables["decision"].rows[0]
    status_uk, status_en = DECISION_STATUS.get(decision["status"], (decision["status"],) * 2)
    if decision["date"] and decision["number"]:
        status_uk = f"№ {decision['number']} від {ukrainian_date(decision['date'])}, {status_uk}"
        status_en = f"No. {decision['number']} of {decision['date'].isoformat()}, {status_en}"
    licences = "; ".join(
        f"{item.get('title') or item.get('name')} ({item.get('name')}), {item.get('path')}"
        for item in descriptor.get("licenses", [])
    )
    facts = [
        ("title", "Назва", "Title", descriptor.get("title"), descriptor.get("title_en")),
        ("publisher", "Розпорядник інформації", "Publisher", publisher_name(descriptor), None),
        ("licence", "Ліцензія", "Licence", licences, None),
        ("version", "Версія", "Version", descriptor.get("version"), None),
        ("decision", "Рішення", "Decision", status_uk, status_en),
    ]
    dates = [r["report_date"] for r in package.tables["progress_reports"].rows]
    if dates:
        latest = max(dates)
        facts.append(
            (
                "latest_record",
                "Останній запис про виконання",
                "Latest execution record",
                ukrainian_date(latest),
                latest.isoformat(),
            )
        )
    for source in _sources(descriptor):
        text = f"{source.get('title')} — {source['path']}"
        facts.append(("source", "Джерело", "Source", text, None))
    return [
        dict(zip(COLUMNS, (key, uk, en, value or "", value_en or value or ""), strict=True))
        for key, uk, en, value, value_en in facts
    ]


def source_texts(package_dir: Path, descriptor: dict) -> dict[str, bytes]:
    """The source texts the build copies, by their path in the package and in the build."""
    return {
        source["path"]: (package_dir / source["path"]).read_bytes()
        for source in _sources(descriptor, package_dir)
    }


def _sources(descriptor: dict, package_dir: Path | None = None) -> list[dict]:
    """The descriptor's sources that are a text in the package's sources/ folder (and,
    given the folder, there: not a link to a file elsewhere, which `validate` refuses)."""
    return [
        source
        for source in descriptor.get("sources", [])
        if isinstance(source, dict)
        and SOURCE_PATH.fullmatch(str(source.get("path")))
        and (package_dir is None or _in_folder(package_dir, source["path"]))
    ]


def _in_folder(package_dir: Path, path: str) -> bool:
    return (package_dir / path).is_file() and not leaves_folder(package_dir, path)

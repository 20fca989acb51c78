"""Compare the portal with the publisher's dataset register (Resolution No. 835, Appendix 7).

A register row matches a dataset when its `uid` is the dataset's name (or id), or
its `url` ends with /dataset/<name or id>. Frequencies are compared as they read:
case and surrounding spaces aside.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from opendata.audit.model import DatasetResult, Finding
from opendata.failure import OwnWords
from opendata.national import csvw_schema
from opendata.text import NotUkrainianText, decode_ukrainian

# the national register structure (Appendix 7), the same file the register export uses
REGISTER_COLUMNS = [c["name"].strip() for c in csvw_schema("register")["tableSchema"]["columns"]]


ROW = "_row"  # a register row's own number, beside its columns
# every finding here needs the register: an audit without one makes none
FROM_REGISTER = frozenset(
    {"register-missing", "register-duplicate", "register-frequency", "register-unregistered"}
)


class RegisterUnreadable(OwnWords):
    """The register file is missing or not in the Appendix 7 structure."""


def read_register(path: Path) -> list[dict]:
    """The register's rows by column, as a spreadsheet saves them too: a Ukrainian
    Excel's ";" (the separator is read from the header line), a byte-order mark,
    CRLF line ends, windows-1251.  Rows of empty cells (Excel's ";;;") are skipped."""
    try:
        text, _ = decode_ukrainian(path.read_bytes())
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except NotUkrainianText as error:
        message = f"{path}: {error}; save the register as «CSV UTF-8»"
        raise RegisterUnreadable(message, "register_encoding", path=path) from error
    except (OSError, csv.Error) as error:
        raise RegisterUnreadable(f"{path}: {error}") from error
    if not lines:  # a save that failed, or the wrong file: not a register without rows
        raise RegisterUnreadable(
            f"{path}: the file is empty; save the register as «CSV UTF-8»", "register_empty", path=path
        )
    names = [name.strip() for name in lines[0]]
    missing = [c for c in REGISTER_COLUMNS if c not in names]
    if missing:
        raise RegisterUnreadable(
            f"{path}: not an Appendix 7 register, missing columns {', '.join(missing)}",
            "register_columns" if len(missing) < len(REGISTER_COLUMNS) else "register_no_columns",
            path=path,
            missing=", ".join(missing),
            columns=", ".join(REGISTER_COLUMNS),
        )
    # each row with its number as a spreadsheet shows it (the header is row 1), to name a repeated one
    return [
        {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(names)} | {ROW: number}
        for number, cells in enumerate(lines[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]


def _delimiter(text: str) -> str:
    """The header line's most frequent of ",", ";" (a Ukrainian Excel's CSV) and a tab
    (its "Unicode text"): column names have none of them."""
    header = text.partition("\n")[0]
    return max((",", ";", "\t"), key=header.count)


def _dataset(row: dict, by_key: dict[str, DatasetResult]) -> DatasetResult | None:
    """The dataset a row is about: its uid is the dataset's name or id, else its url
    ends with /dataset/<name or id> (the portal's address of a dataset shows either)."""
    url = row.get("url", "").strip().rstrip("/")
    keys = (row.get("uid", ""), url.rsplit("/dataset/", 1)[1] if "/dataset/" in url else "")
    return next((by_key[key] for key in keys if key in by_key), None)


# where a registered dataset is missing: a portal read without a token shows only its public ones
MISSING = {
    False: {"uk": "його немає на порталі", "en": "not on the portal"},
    True: {
        "uk": "серед публічних наборів порталу його немає (він може бути закритим або видаленим)",
        "en": "not among the portal's public datasets (it may be private or deleted)",
    },
}


def compare(
    register: list[dict], datasets: list[DatasetResult], *, public_only: bool = False
) -> list[Finding]:
    """Findings of the register against the datasets seen (only the public ones if PUBLIC_ONLY).
    A dataset registered twice is named, and compared by its first row."""
    by_key = {d.id: d for d in datasets if d.id} | {d.name: d for d in datasets}
    registered: dict[str, dict] = {}  # the dataset's name (the row's uid if none) -> its row
    findings = []
    for row in register:
        dataset = _dataset(row, by_key)
        name = dataset.name if dataset else row["uid"]
        if name in registered:
            findings.append(
                Finding(
                    "register",
                    "register-duplicate",
                    "warning",
                    dataset.name if dataset else None,
                    params={"uid": row["uid"], "first": registered[name].get(ROW), "row": row.get(ROW)},
                )
            )
        else:
            registered[name] = row
    for name, row in registered.items():
        dataset = by_key.get(name)
        if dataset is None:
            findings.append(
                Finding(
                    "register",
                    "register-missing",
                    "error",
                    None,
                    params={"uid": row["uid"], "title": row["title"], "missing": MISSING[public_only]},
                )
            )
        # no frequency on the portal at all is the passport's finding, not a mismatch with «»
        elif dataset.update_frequency.strip() and not _same(
            dataset.update_frequency, row.get("accrualPeriodicity", "")
        ):
            findings.append(
                Finding(
                    "register",
                    "register-frequency",
                    "warning",
                    name,
                    params={"portal": dataset.update_frequency, "register": row.get("accrualPeriodicity")},
                )
            )
    findings += [
        Finding("register", "register-unregistered", "warning", d.name)
        for d in datasets
        if d.name not in registered
    ]
    return findings


def _same(portal: str, register: str) -> bool:
    """Frequencies as they read: case and the spaces around them aside."""
    return portal.strip().lower() == register.strip().lower()

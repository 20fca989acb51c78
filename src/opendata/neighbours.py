"""Files beside a table that are probably the table under another name.

A clerk who edits a table in Excel or LibreOffice may save her rows where the package
does not read them: as a workbook («progress_reports.xlsx»), with a second ending that
Windows hides («progress_reports.csv.csv»), as a numbered copy («progress_reports (1).csv»)
or in other letter case.  `validate` names such a file, and what to do with it, instead of
«the file is missing» or, worse, «valid» without her rows.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xls", ".ods"})
TEXT_SUFFIXES = frozenset({".txt"})  # Notepad's «progress_reports.csv.txt»
COPY_NUMBER = re.compile(r"\s*\(\d+\)$")  # «progress_reports (1)»: a second download or copy


@dataclass(frozen=True)
class Neighbour:
    """A file beside a table, as its descriptor would name it («data/x.xlsx»)."""

    path: str
    modified: float

    @property
    def is_workbook(self) -> bool:
        return PurePosixPath(self.path).suffix.lower() in WORKBOOK_SUFFIXES


class Folders:
    """The files of the folders a package's tables are in, each folder listed once.
    ``resources``: the paths the descriptor lists, never another table's file under
    another name (a build's workbook beside its database, both its own files)."""

    def __init__(self, resources: Iterable[str] = ()) -> None:
        self._listed: dict[Path, dict[str, float]] = {}
        self._resources = frozenset(PurePosixPath(path) for path in resources)

    def instead_of(self, file: Path, path: str) -> Neighbour | None:
        """The newest file beside the missing ``file`` (``path`` in its descriptor) that
        is probably the table under another name."""
        found = self._meant(file, path)
        return max(found, key=lambda n: (n.modified, n.path)) if found else None

    def newer_workbook(self, file: Path, path: str) -> Neighbour | None:
        """The newest workbook beside ``file`` that is probably the table and was saved
        after it: new rows may be there and not in the file read."""
        saved = file.stat().st_mtime
        newer = [n for n in self._meant(file, path) if n.is_workbook and n.modified > saved]
        return max(newer, key=lambda n: (n.modified, n.path)) if newer else None

    def _meant(self, file: Path, path: str) -> list[Neighbour]:
        folder = PurePosixPath(path).parent
        return [
            Neighbour(str(folder / name), modified)
            for name, modified in self._files(file.parent).items()
            if is_same_table(name, file.name) and folder / name not in self._resources
        ]

    def _files(self, folder: Path) -> dict[str, float]:
        """Name → modification time of the folder's files; none if it cannot be listed."""
        if folder not in self._listed:
            self._listed[folder] = _listing(folder)
        return self._listed[folder]


def _listing(folder: Path) -> dict[str, float]:
    try:
        with os.scandir(folder) as entries:
            return {entry.name: entry.stat().st_mtime for entry in entries if entry.is_file()}
    except OSError:
        return {}


def is_same_table(name: str, table: str) -> bool:
    """Whether a file ``name`` is probably the file ``table`` saved under another name: in
    other letter case, as a workbook, with a second ending, or as a numbered copy."""
    if name == table:
        return False
    given, wanted = name.casefold(), table.casefold()
    if given == wanted:
        return True
    stem, suffix = os.path.splitext(given)
    wanted_stem, wanted_suffix = os.path.splitext(wanted)
    if suffix not in {wanted_suffix, *WORKBOOK_SUFFIXES, *TEXT_SUFFIXES}:
        return False
    return COPY_NUMBER.sub("", stem) in (wanted_stem, wanted)

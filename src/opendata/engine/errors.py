"""Error and result records shared by the fast engine and the reference adapter."""

from __future__ import annotations

import itertools
import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import frictionless

CHUNK = 4096  # errors per pickled chunk of a file: what a reader holds at a time


@dataclass(slots=True)
class TableError:
    """One validation error, shaped like a Frictionless v5 error.

    ``type`` is Frictionless' error code, ``row_number`` counts as Frictionless does
    (header = row 1; ``None`` for label errors), ``cell`` is what Frictionless reports.
    ``slots``: no per-instance ``__dict__`` (millions of errors are kept in memory);
    not frozen, whose ``__init__`` costs several times more per error.

    ``key_values``: a repeated primary key, or a foreign key the lookup table lacks, as
    the row's parsed values (``"7"`` for ``"007"``; None where Frictionless read no value:
    an empty or unreadable cell), for the messages; Frictionless keeps it only in the row's
    cells (and a foreign key's note, joined by «, »), so it is not compared.
    """

    type: str
    row_number: int | None
    field_name: str | None
    field_number: int | None
    cell: str | None
    note: str
    constraint: str | None = None
    key_values: tuple[str | None, ...] | None = None

    def key(self) -> tuple:
        """The comparable identity used by the differential tests."""
        return (self.type, self.row_number, self.field_name, self.field_number, self.cell, self.note)


# TableError's fields in order: TableError(*values) makes it again
FIELD_NAMES = ("type", "row_number", "field_name", "field_number", "cell", "note", "constraint", "key_values")


class SpilledErrors:
    """A table's errors in order, kept on disk and read back while iterated: a big
    file can have millions of errors, more than memory should hold.

    ``head`` (label errors), then the errors of the run files (``order.Run``), the
    first ``count`` of them.  Sized and re-iterable like a list; the files go with
    the object, and a copy (deepcopy, pickle, a process pool's result) has its own."""

    def __init__(self, head: list[TableError], paths: list[str], count: int, directory: str) -> None:
        self.head, self.paths, self.count = head, paths, count
        weakref.finalize(self, shutil.rmtree, directory, ignore_errors=True)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[TableError]:
        fields = itertools.chain.from_iterable(read_chunks(path, skip=3) for path in self.paths)
        errors = itertools.chain(self.head, itertools.starmap(TableError, fields))
        return itertools.islice(errors, self.count)

    def __reduce__(self) -> tuple:
        """The files' bytes travel with a copy, which writes them to a folder of its own:
        the original's folder goes with the original (in a process pool's worker, as soon
        as its result is sent)."""
        return _spilled_copy, (self.head, [Path(path).read_bytes() for path in self.paths], self.count)


def _spilled_copy(head: list[TableError], runs: list[bytes], count: int) -> SpilledErrors:
    """A `SpilledErrors` of the runs' bytes, written to a new private temporary folder."""
    directory = tempfile.mkdtemp(prefix="opendata-errors-")
    paths = [os.path.join(directory, f"run-{number}.pickle") for number in range(len(runs))]
    copy = SpilledErrors(head, paths, count, directory)  # owns the folder, even if a write fails
    for path, data in zip(paths, runs, strict=True):
        Path(path).write_bytes(data)
    return copy


def write_chunks(path: str, items: Iterator[tuple]) -> int:
    """Pickle ``items`` (tuples of one shape) to ``path``; how many were written."""
    count = 0

    def chunks() -> Iterator[tuple]:
        nonlocal count
        while chunk := list(itertools.islice(items, CHUNK)):
            count += len(chunk)
            yield tuple(zip(*chunk, strict=True))

    write_column_chunks(path, chunks())
    return count


def write_column_chunks(path: str, chunks: Iterable[tuple]) -> None:
    """Chunks of items, each given by column (a list per field, not a tuple per item:
    ~3× faster to write and read back).  The files are the engine's own, in a private
    temporary folder: nothing else writes what is unpickled."""
    with open(path, "wb") as stream:
        for columns in chunks:
            pickle.dump(columns, stream, protocol=pickle.HIGHEST_PROTOCOL)


def read_chunks(path: str, skip: int = 0) -> Iterator[tuple]:
    """The items written by ``write_chunks`` or ``write_column_chunks``, in order,
    without their first ``skip`` fields."""
    with open(path, "rb") as stream:
        while True:
            try:
                columns = pickle.load(stream)
            except EOFError:
                return
            yield from zip(*columns[skip:], strict=True)


@dataclass
class EngineResult:
    errors: list[TableError] | SpilledErrors
    row_count: int
    engine: str
    fallback_reason: str | None = None
    extra: dict = field(default_factory=dict)
    schema: frictionless.Schema | None = None  # the one used: declared, or inferred from the cells

    @property
    def valid(self) -> bool:
        return not self.errors


class UnsupportedSchema(Exception):
    """The resource uses a schema or dialect feature the fast engine does not implement."""

"""Frictionless' error order, and a compact log of errors waiting to be put in it.

Errors are found out of order (cell screens per batch, ragged rows, key checks at
the end) and sorted once: by row, then by where Frictionless appends them inside
the row (``order_row_errors``).  A table can have millions of errors (a column in
the wrong date format): between batches, past ``SPILL_AT`` errors, the log puts
them in order and writes them to disk as a *run*, so memory stays bounded.  Runs
of disjoint rows simply follow each other; late errors for rows already written
(key checks come last) are merged in.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import os
import shutil
import tempfile
import weakref
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import TypeVar

import numpy as np

from .errors import (
    CHUNK,
    FIELD_NAMES,
    SpilledErrors,
    TableError,
    read_chunks,
    write_chunks,
    write_column_chunks,
)

# sort phases inside one row, as Frictionless appends them
PHASE_CELL, PHASE_STRUCT, PHASE_BLANK, PHASE_UNIQUE, PHASE_PK, PHASE_FK = 0, 1, 5, 2, 3, 4
_PHASE_SHIFT, _INDEX_SHIFT = 48, 24  # (phase, field index, sequence) packed in one int64
_INDEX_MASK = (1 << _INDEX_SHIFT) - 1
T = TypeVar("T")
log = logging.getLogger(__name__)
SPILL_AT = 100_000  # errors held in memory (~200 B each) before a run goes to disk


@dataclass
class RowOrder:
    """The fields Frictionless reads first in a row (``order_row_errors``)."""

    unique_idx: list[int] = field(default_factory=list)
    pk_idx: list[int] = field(default_factory=list)
    fk_targets: list[list[int]] = field(default_factory=list)

    def cells_by_field(self) -> bool:
        """Whether a row with only cell errors lists them by field, as they sort: so
        when the fields read first are the first fields, in order (or none)."""
        first = [*self.unique_idx, *self.pk_idx, *(i for fields in self.fk_targets for i in fields)]
        return list(dict.fromkeys(first)) == list(range(len(set(first))))

    def arguments(self) -> dict[str, list]:
        return {"unique_idx": self.unique_idx, "pk_idx": self.pk_idx, "fk_targets": self.fk_targets}


@dataclass
class Run:
    """Errors on disk in Frictionless' order, as ``(row, place, when added, *fields)``."""

    path: str
    first_row: int
    last_row: int
    count: int


class ErrorLog:
    """Errors plus their sort keys, 16 bytes of key per error (two int64 arrays)
    rather than a tuple per error; past ``SPILL_AT`` errors, runs on disk."""

    def __init__(self, order: RowOrder | None = None) -> None:
        self.order = order or RowOrder()
        self._cells_by_field = self.order.cells_by_field()
        self.errors: list[TableError] = []
        self.rows = array("q")
        self.places = array("q")
        self.runs: list[Run] = []
        self.spilled = 0  # errors added, now on disk
        self._directory: str | None = None
        self._cleanup: weakref.finalize | None = None
        self._disk_refused = False

    def __len__(self) -> int:
        return self.spilled + len(self.errors)

    def add(self, row: int, phase: int, index: int, seq: int, error: TableError) -> None:
        self.errors.append(error)
        self.rows.append(row)
        self.places.append((phase << _PHASE_SHIFT) | (index << _INDEX_SHIFT) | seq)
        if len(self.errors) >= 4 * SPILL_AT:  # a wide batch, every cell wrong: spill inside it
            self.spill_if_full()

    def spill_if_full(self) -> None:
        """Between batches, where a batch's rows have all their cell errors and runs
        cover disjoint rows (no merge needed); inside one only past 4 × ``SPILL_AT``.

        If the disk refuses (full, read-only), the errors stay in memory, as they
        did before spilling existed: nothing is lost."""
        if len(self.errors) >= SPILL_AT and not self._disk_refused:
            try:
                self._spill()
            except OSError as error:
                self._warn("errors kept in memory", error)
                self._disk_refused = True

    def _spill(self) -> None:
        """Write the errors in memory, in order, as one more run; empty the memory."""
        if self._directory is None:
            self._directory = tempfile.mkdtemp(prefix="opendata-errors-")
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._directory, ignore_errors=True)
        # copies, not views: a failed write must leave the arrays free to grow
        rows = np.array(self.rows, dtype=np.int64)
        places = np.array(self.places, dtype=np.int64)
        order = self._final_order(rows, places)
        path = os.path.join(self._directory, f"run-{len(self.runs)}.pickle")
        try:
            write_column_chunks(path, self._entries(rows, places, order))
        except OSError:
            with contextlib.suppress(OSError):
                os.remove(path)
            raise
        self.runs.append(Run(path, int(rows.min()), int(rows.max()), len(order)))
        self.spilled += len(self.errors)
        self.errors, self.rows, self.places = [], array("q"), array("q")

    def _entries(self, rows: np.ndarray, places: np.ndarray, order: list[int]) -> Iterator[tuple]:
        """``(row, place, when added, *fields)`` for the errors at ``order``, a chunk of
        columns at a time.  No two entries tie before the fields, so runs merge as
        plain tuples."""
        for start in range(0, len(order), CHUNK):
            at = np.array(order[start : start + CHUNK], dtype=np.int64)
            errors = [self.errors[i] for i in at.tolist()]
            yield (
                rows[at].tolist(),
                places[at].tolist(),
                (at + self.spilled).tolist(),
                *(list(map(attrgetter(name), errors)) for name in FIELD_NAMES),
            )

    def keep_rows_up_to(self, cutoff: int) -> None:
        rows = np.frombuffer(self.rows, dtype=np.int64)
        keep = np.flatnonzero(rows <= cutoff)
        if len(keep) == len(rows):
            return
        places = np.frombuffer(self.places, dtype=np.int64)
        self.errors = [self.errors[i] for i in keep]
        self.rows, self.places = array("q", rows[keep].tobytes()), array("q", places[keep].tobytes())

    def error_rows(self) -> np.ndarray:
        return np.unique(np.frombuffer(self.rows, dtype=np.int64))

    def in_order(self, *, head: list[TableError], limit: int) -> list[TableError] | SpilledErrors:
        """``head`` (label errors), then all errors, rows ascending, each row's in
        Frictionless' order (``order_row_errors``); the first ``limit`` (0: all).

        A log that spilled returns its errors on disk."""
        if self.runs and self.errors:
            try:
                self._spill()
            except OSError as error:
                self._warn("errors read back into memory", error)
                self._take_back_runs()
        if not self.runs:
            rows = np.frombuffer(self.rows, dtype=np.int64)
            places = np.frombuffer(self.places, dtype=np.int64)
            errors = head + [self.errors[i] for i in self._final_order(rows, places)]
            return errors[:limit] if limit else errors
        assert self._directory is not None and self._cleanup is not None
        runs = self.runs
        if any(later.first_row <= earlier.last_row for earlier, later in itertools.pairwise(runs)):
            runs = [self._merged(runs)]
        self._cleanup.detach()  # the files now go with the result
        count = len(head) + sum(run.count for run in runs)
        return SpilledErrors(
            head, [run.path for run in runs], min(count, limit) if limit else count, self._directory
        )

    def _warn(self, what: str, error: OSError) -> None:
        # the text, not the exception: a handler that keeps records would keep its
        # traceback, and with it this log and its files
        log.warning("%s: cannot write to %s: %s", what, self._directory, str(error))

    def _take_back_runs(self) -> None:
        """The spilled errors back in memory, when the last run cannot be written."""
        for run in self.runs:
            for row, place, _added, *fields in read_chunks(run.path):
                self.errors.append(TableError(*fields))
                self.rows.append(row)
                self.places.append(place)
            os.remove(run.path)
        self.runs, self.spilled = [], 0

    def _merged(self, runs: list[Run]) -> Run:
        """One run from runs whose rows interleave (rows split between runs are put in
        order again)."""
        merged = heapq.merge(*(read_chunks(run.path) for run in runs), key=itemgetter(0))
        by_row = itertools.groupby(merged, itemgetter(0))
        entries = itertools.chain.from_iterable(self._reordered(list(group)) for _row, group in by_row)
        path = os.path.join(self._directory or "", "merged.pickle")
        count = write_chunks(path, entries)
        for run in runs:
            os.remove(run.path)
        return Run(path, min(run.first_row for run in runs), max(run.last_row for run in runs), count)

    def _reordered(self, entries: list[tuple]) -> list[tuple]:
        """One row's entries from several runs, in Frictionless' order."""
        if len(entries) == 1:
            return entries
        entries.sort(key=itemgetter(1, 2))  # place, then when added
        if self._cells_by_field and all(entry[1] >> _PHASE_SHIFT == PHASE_CELL for entry in entries):
            return entries
        keyed = [(*_phase_and_index(entry[1]), entry) for entry in entries]
        return order_row_errors(keyed, **self.order.arguments())

    def _final_order(self, rows: np.ndarray, places: np.ndarray) -> list[int]:
        """Indices of the errors in memory: rows ascending, each row's in Frictionless' order.

        Sorted by row and place, most rows are already in it (one error, or cell errors
        only with ``RowOrder.cells_by_field``); the others are put in order one by one."""
        if not len(rows):
            return []
        order = np.lexsort((places, rows))
        rows, places = rows[order], places[order]
        starts = np.flatnonzero(np.diff(rows, prepend=-1))
        counts = np.diff(np.append(starts, len(rows)))
        last_phase = np.maximum.reduceat(places >> _PHASE_SHIFT, starts)
        special = counts > 1
        if self._cells_by_field:
            special &= last_phase > PHASE_CELL
        order_l = order.tolist()
        if not special.any():
            return order_l
        out: list[int] = []
        done = 0
        for a, n in zip(starts[special].tolist(), counts[special].tolist(), strict=True):
            out.extend(order_l[done:a])
            entries = [(*_phase_and_index(int(places[i])), order_l[i]) for i in range(a, a + n)]
            out.extend(order_row_errors(entries, **self.order.arguments()))
            done = a + n
        out.extend(order_l[done:])
        return out


def _phase_and_index(place: int) -> tuple[int, int]:
    return place >> _PHASE_SHIFT, (place >> _INDEX_SHIFT) & _INDEX_MASK


def order_row_errors(
    entries: list[tuple[int, int, T]],
    *,
    unique_idx: list[int],
    pk_idx: list[int],
    fk_targets: list[list[int]],
) -> list[T]:
    """Put one row's errors in the order Frictionless appends them.

    ``entries`` are ``(phase, field index, error)``, sorted by phase, index and the
    order found (``ErrorLog`` sorts them so); the errors may be anything (indices,
    spilled entries): they are only moved.

    Frictionless reads the key cells first (``row[name]`` for unique fields, then the
    primary key, then foreign-key fields), and each such read appends that cell's
    errors; the first key error triggers processing of the whole row (remaining
    cells in field order, then extra/missing cells, and a blank row *replaces*
    everything collected so far) before the key error itself is appended.
    """
    cells: dict[int, list[T]] = {}
    struct: list[T] = []
    blank: T | None = None
    unique: dict[int, T] = {}
    pk: T | None = None
    fks: dict[int, T] = {}
    for phase, idx, err in entries:
        if phase == PHASE_CELL:
            cells.setdefault(idx, []).append(err)
        elif phase == PHASE_STRUCT:
            struct.append(err)
        elif phase == PHASE_BLANK:
            blank = err
        elif phase == PHASE_UNIQUE:
            unique[idx] = err
        elif phase == PHASE_PK:
            pk = err
        else:
            fks[idx] = err
    out: list[T] = []
    seen: set[int] = set()
    state = {"full": False}

    def access(i: int) -> None:
        if i not in seen:
            seen.add(i)
            out.extend(cells.get(i, []))

    def full() -> None:
        if state["full"]:
            return
        state["full"] = True
        for i in sorted(cells):
            access(i)
        out.extend(struct)
        if blank is not None:
            out[:] = [blank]

    for i in unique_idx:
        access(i)
        if i in unique:
            full()
            out.append(unique[i])
    if pk_idx:
        for i in pk_idx:
            access(i)
        if pk is not None:
            full()
            out.append(pk)
    for n, targets in enumerate(fk_targets):
        for i in targets:
            access(i)
        if n in fks:
            full()
            out.append(fks[n])
    full()
    return out

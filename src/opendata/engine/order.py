"""Frictionless' error order, and a compact log of errors waiting to be put in it.

Errors are found out of order (cell screens per batch, ragged rows, key checks at
the end) and sorted once: by row, then by where Frictionless appends them inside
the row (``order_row_errors``).
"""

from __future__ import annotations

from array import array

import numpy as np

from .errors import TableError

# sort phases inside one row, as Frictionless appends them
PHASE_CELL, PHASE_STRUCT, PHASE_BLANK, PHASE_UNIQUE, PHASE_PK, PHASE_FK = 0, 1, 5, 2, 3, 4
_PHASE_SHIFT, _INDEX_SHIFT = 48, 24  # (phase, field index, sequence) packed in one int64


class ErrorLog:
    """Errors plus their sort keys, 16 bytes of key per error (two int64 arrays)
    rather than a tuple per error: millions of errors fit in bounded memory."""

    def __init__(self) -> None:
        self.errors: list[TableError] = []
        self.rows = array("q")
        self.places = array("q")

    def __len__(self) -> int:
        return len(self.errors)

    def add(self, row: int, phase: int, index: int, seq: int, error: TableError) -> None:
        self.errors.append(error)
        self.rows.append(row)
        self.places.append((phase << _PHASE_SHIFT) | (index << _INDEX_SHIFT) | seq)

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

    def in_order(
        self, *, unique_idx: list[int], pk_idx: list[int], fk_targets: list[list[int]]
    ) -> list[TableError]:
        """All errors, rows ascending, each row's in Frictionless' order (``order_row_errors``)."""
        if not self.errors:
            return []
        rows = np.frombuffer(self.rows, dtype=np.int64)
        places = np.frombuffer(self.places, dtype=np.int64)
        order = np.lexsort((places, rows))
        rows, places = rows[order], places[order]
        starts = np.flatnonzero(np.diff(rows, prepend=-1)).tolist()
        ends = [*starts[1:], len(rows)]
        order_l = order.tolist()
        mask = (1 << _INDEX_SHIFT) - 1
        out: list[TableError] = []
        for a, b in zip(starts, ends, strict=True):
            if b - a == 1:  # most rows with errors: nothing to order
                out.append(self.errors[order_l[a]])
                continue
            entries = [
                (
                    int(places[i]) >> _PHASE_SHIFT,
                    (int(places[i]) >> _INDEX_SHIFT) & mask,
                    self.errors[order_l[i]],
                )
                for i in range(a, b)
            ]
            out.extend(order_row_errors(entries, unique_idx=unique_idx, pk_idx=pk_idx, fk_targets=fk_targets))
        return out


def order_row_errors(
    entries: list[tuple[int, int, TableError]],
    *,
    unique_idx: list[int],
    pk_idx: list[int],
    fk_targets: list[list[int]],
) -> list[TableError]:
    """Put one row's errors in the order Frictionless appends them.

    ``entries`` are ``(phase, field index, error)``, sorted by phase, index and the
    order found (``ErrorLog.in_order`` sorts them so).

    Frictionless reads the key cells first (``row[name]`` for unique fields, then the
    primary key, then foreign-key fields), and each such read appends that cell's
    errors; the first key error triggers processing of the whole row (remaining
    cells in field order, then extra/missing cells, and a blank row *replaces*
    everything collected so far) before the key error itself is appended.
    """
    cells: dict[int, list[TableError]] = {}
    struct: list[TableError] = []
    blank: TableError | None = None
    unique: dict[int, TableError] = {}
    pk: TableError | None = None
    fks: dict[int, TableError] = {}
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
    out: list[TableError] = []
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

"""Header (label) errors and the rare rows Arrow cannot place in columns.

Label errors come from Frictionless' own ``Header`` (it only needs the first row, so
this is cheap and exact).  Rows whose cell count differs from the header's are
evaluated with Frictionless' ``Row`` (extra-cell, missing-cell, blank-row and the
per-cell errors of that row, in its order); they are rare by construction.
"""

from __future__ import annotations

from typing import Any

import frictionless
from frictionless.table import Row, create_cell_handlers

from .errors import TableError
from .reference import convert_error


def header_errors(resource: frictionless.Resource) -> list[TableError]:
    return [convert_error(e) for e in resource.header.errors]


def _own_notes(reader: Any) -> Any:
    """Frictionless' Row pops the type note: give it a copy of the memoised, shared notes."""

    def read(raw: str) -> tuple[Any, dict | None]:
        value, notes = reader(raw)
        return value, dict(notes) if notes else notes

    return read


class RaggedEvaluator:
    def __init__(self, fields: list[frictionless.Field], readers: dict[str, Any] | None = None):
        handlers = create_cell_handlers(fields)
        if readers:  # the engine's memoised reader (same results, never raises TypeError)
            handlers = {
                k: h._replace(reader=_own_notes(readers[k])) if k in readers else h
                for k, h in handlers.items()
            }
        self.handlers = handlers
        self.fields = fields

    def evaluate(self, cells: list[str], row_number: int) -> tuple[list[TableError], dict[str, Any]]:
        row = Row(cells, handlers=self.handlers, row_number=row_number)
        errs = [_row_error(e) for e in row.errors]
        values = {f.name: row[f.name] for f in self.fields}
        raw = {f.name: (cells[i] if i < len(cells) else None) for i, f in enumerate(self.fields)}
        return errs, {"values": values, "raw": raw}


def _row_error(error: frictionless.errors.Error) -> TableError:
    return convert_error(error)

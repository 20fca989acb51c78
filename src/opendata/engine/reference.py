"""Run the reference implementation (frictionless-py) and convert its report."""

from __future__ import annotations

from collections.abc import Callable

import frictionless

from .errors import TableError
from .keys import PK_ALL_NULL_NOTE

PROGRESS_EVERY = 10_000  # rows between two progress reports: Frictionless reads 10,000-30,000 a second

LABEL_TYPES = {"blank-label", "duplicate-label", "extra-label", "missing-label", "incorrect-label"}
KEY_TYPES = {"primary-key", "foreign-key"}  # errors that carry the key's values


def _constraint_of(note: str) -> str | None:
    # Frictionless notes look like: constraint "minimum" is "0"
    if note.startswith('constraint "'):
        return note.split('"', 2)[1]
    return None


def convert_error(error: frictionless.errors.Error, schema: frictionless.Schema | None = None) -> TableError:
    """Convert one Frictionless error object into a :class:`TableError`; with the
    ``schema`` it was found with, a repeated primary key gets its values."""
    etype = error.type
    note = getattr(error, "note", "") or ""
    if etype in LABEL_TYPES:
        return TableError(
            etype,
            None,
            getattr(error, "field_name", None),
            getattr(error, "field_number", None),
            getattr(error, "label", None),
            note,
        )
    row_number = getattr(error, "row_number", None)
    field_name = getattr(error, "field_name", None)
    field_number = getattr(error, "field_number", None)
    cell = getattr(error, "cell", None)
    if etype in {"blank-row", "primary-key", "foreign-key"}:
        field_name = field_number = cell = None
    constraint = _constraint_of(note) if etype == "constraint-error" else None
    key_values = _key_values(error, schema) if etype in KEY_TYPES and schema is not None else None
    return TableError(etype, row_number, field_name, field_number, cell, note, constraint, key_values)


def _key_values(
    error: frictionless.errors.Error, schema: frictionless.Schema
) -> tuple[str | None, ...] | None:
    """A repeated primary key's values, or those of a foreign key the lookup table lacks,
    as Frictionless compared them: the row's cells of the key's fields, parsed, None
    where it read no value (the engine's ``KeyCells`` quotes them so)."""
    cells = getattr(error, "cells", None) or []
    names = error.field_names if error.type == "foreign-key" else schema.primary_key
    at = {name: place for place, name in enumerate(schema.field_names) if place < len(cells)}
    if error.note == PK_ALL_NULL_NOTE or any(name not in at for name in names):
        return None
    values = (schema.get_field(name).read_cell(cells[at[name]])[0] for name in names)
    return tuple(None if value is None else str(value) for value in values)


def run_reference(
    resource: frictionless.Resource,
    package: frictionless.Package | None = None,
    limit_errors: int = 0,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[list[TableError], int, frictionless.Schema]:
    """Validate with Frictionless itself; return (converted errors, row count, the schema
    it used: the declared one, or the one it inferred from the cells).

    ``on_progress`` hears 0 as the run starts and the rows read every ``PROGRESS_EVERY``
    while it runs: a big table takes Frictionless seconds, and a bar told only at the end
    stood blank, then showed millions of rows a second."""
    try:
        res = resource.to_copy()
    except frictionless.FrictionlessException:
        res = resource
    if package is not None:
        res.package = package
    on_row = None
    if on_progress is not None:
        on_progress(0)
        on_row = _every_rows(on_progress)
    report = res.validate(limit_errors=limit_errors or 10**12, on_row=on_row)
    out: list[TableError] = []
    rows = 0
    for task in report.tasks:
        out.extend(convert_error(e, res.schema) for e in task.errors)
        rows += task.stats.get("rows") or 0
    out.extend(convert_error(e) for e in report.errors)
    return out, rows, res.schema


def _every_rows(on_progress: Callable[[int], None]) -> Callable[[object], None]:
    """Frictionless' per-row callback, telling ``on_progress`` the count every ``PROGRESS_EVERY`` rows."""
    read = 0

    def on_row(_row: object) -> None:
        nonlocal read
        read += 1
        if read % PROGRESS_EVERY == 0:
            on_progress(read)

    return on_row


def reference_errors(
    resource: frictionless.Resource, package: frictionless.Package | None = None, limit_errors: int = 0
) -> list[TableError]:
    """Validate ``resource`` with Frictionless itself and return converted errors."""
    return run_reference(resource, package, limit_errors)[0]

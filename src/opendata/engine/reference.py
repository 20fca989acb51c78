"""Run the reference implementation (frictionless-py) and convert its report."""

from __future__ import annotations

import frictionless

from .errors import TableError
from .keys import PK_ALL_NULL_NOTE

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
    resource: frictionless.Resource, package: frictionless.Package | None = None, limit_errors: int = 0
) -> tuple[list[TableError], int, frictionless.Schema]:
    """Validate with Frictionless itself; return (converted errors, row count, the schema
    it used: the declared one, or the one it inferred from the cells)."""
    try:
        res = resource.to_copy()
    except frictionless.FrictionlessException:
        res = resource
    if package is not None:
        res.package = package
    report = frictionless.validate(res, limit_errors=limit_errors or 10**12)
    out: list[TableError] = []
    rows = 0
    for task in report.tasks:
        out.extend(convert_error(e, res.schema) for e in task.errors)
        rows += task.stats.get("rows") or 0
    out.extend(convert_error(e) for e in report.errors)
    return out, rows, res.schema


def reference_errors(
    resource: frictionless.Resource, package: frictionless.Package | None = None, limit_errors: int = 0
) -> list[TableError]:
    """Validate ``resource`` with Frictionless itself and return converted errors."""
    return run_reference(resource, package, limit_errors)[0]

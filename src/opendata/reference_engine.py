"""Table checks by Frictionless itself, in the shape the validate module uses.

Stand-in until the vectorised engine lands: same interface as `opendata.engine`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import frictionless


@dataclass(frozen=True)
class TableError:
    type: str
    row_number: int | None
    field_name: str | None
    field_number: int | None
    cell: str | None
    note: str
    constraint: str | None = None


@dataclass
class EngineResult:
    errors: list[TableError]
    row_count: int
    engine: str
    fallback_reason: str | None = None


def reference_errors(resource: frictionless.Resource, package=None, limit_errors: int = 0):
    report = resource.validate(limit_errors=limit_errors)
    task = report.tasks[0]
    errors = [_convert(error) for error in task.errors]
    return errors, task.stats.get("rows") or 0


def _convert(error) -> TableError:
    constraint = None
    note = error.note or ""
    if error.type == "constraint-error" and note.startswith('constraint "'):
        constraint = note.split('"')[1]
    field_name = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    if error.type == "foreign-key":
        field_name = ",".join(error.field_names)
        cell = ",".join(str(value) for value in error.field_cells)
    if error.type in (
        "blank-label",
        "duplicate-label",
        "extra-label",
        "incorrect-label",
        "missing-label",
    ):
        cell = getattr(error, "label", None)
    return TableError(
        error.type,
        getattr(error, "row_number", None),
        field_name,
        getattr(error, "field_number", None),
        cell,
        note,
        constraint,
    )


def validate_resource(
    resource,
    *,
    package=None,
    limit_errors: int = 0,
    on_progress: Callable[[int], None] | None = None,
    allow_fallback: bool = True,
) -> EngineResult:
    errors, rows = reference_errors(resource, package, limit_errors)
    return EngineResult(errors, rows, "frictionless")

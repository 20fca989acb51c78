"""Error and result records shared by the fast engine and the reference adapter."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class TableError:
    """One validation error, shaped like a Frictionless v5 error.

    ``type`` is Frictionless' error code, ``row_number`` counts as Frictionless does
    (header = row 1; ``None`` for label errors), ``cell`` is what Frictionless reports.
    ``slots``: no per-instance ``__dict__`` (millions of errors are kept in memory);
    not frozen, whose ``__init__`` costs several times more per error.
    """

    type: str
    row_number: int | None
    field_name: str | None
    field_number: int | None
    cell: str | None
    note: str
    constraint: str | None = None

    def key(self) -> tuple:
        """The comparable identity used by the differential tests."""
        return (self.type, self.row_number, self.field_name, self.field_number, self.cell, self.note)


@dataclass
class EngineResult:
    errors: list[TableError]
    row_count: int
    engine: str
    fallback_reason: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


class UnsupportedSchema(Exception):
    """The resource uses a schema or dialect feature the fast engine does not implement."""

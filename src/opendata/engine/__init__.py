"""Fast, vectorised Table Schema validation with Frictionless-identical error reports.

Public API::

    validate_resource(resource, package=None, limit_errors=0, on_progress=None,
                      allow_fallback=True) -> EngineResult
    fall_back(resource, reason, package=None, limit_errors=0, on_progress=None) -> EngineResult
    reference_errors(resource, package=None, limit_errors=0) -> list[TableError]

Errors are returned in Frictionless' order (not re-sorted): label errors first, then
by row number, and inside a row in the order Frictionless appends them -- cells
read for unique/primary/foreign keys first, then the other cells by field,
extra/missing cells, then unique, primary-key and foreign-key errors (see
``order.order_row_errors`` and ``docs/engine.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers; at run time ``__getattr__`` imports them
    from .errors import EngineResult as EngineResult
    from .errors import SpilledErrors as SpilledErrors
    from .errors import TableError as TableError
    from .errors import UnsupportedSchema as UnsupportedSchema
    from .reference import reference_errors as reference_errors
    from .resource import fall_back as fall_back
    from .resource import validate_resource as validate_resource


_HOMES = {
    "EngineResult": "errors",
    "SpilledErrors": "errors",
    "TableError": "errors",
    "UnsupportedSchema": "errors",
    "fall_back": "resource",
    "reference_errors": "reference",
    "validate_resource": "resource",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    """The API, imported when first used: it imports Frictionless (~0.3 s), which a head
    start (``head_start``) must not wait for."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)

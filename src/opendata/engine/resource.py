"""Validate one tabular resource: the fast engine, or Frictionless for what it declines."""

from __future__ import annotations

import logging
from collections.abc import Callable

import frictionless
import polars as pl

from opendata import collector

from . import head_start
from . import keys as keymod
from .errors import EngineResult, TableError, UnsupportedSchema
from .order import RowOrder
from .reader import UnreadableCSV
from .reference import run_reference
from .table import (
    ForeignKeyCheck,
    ReferencedAs,
    integer_keys,
    key_checks,
    key_schema,
    open_resource,
    scan,
    type_group,
)

log = logging.getLogger(__name__)


def _fast(
    resource: frictionless.Resource,
    package: frictionless.Package | None,
    limit_errors: int,
    on_progress: Callable[[int], None] | None,
) -> EngineResult:
    head_start.begin_for_resource(resource)
    op = open_resource(resource)
    schema = op.schema
    names = {f.name for f in op.fields}
    types = {f.name: f.type for f in op.fields}
    key_fields = {f.name for f in op.fields if f.constraints.get("unique")}
    if schema.primary_key and set(schema.primary_key) <= names:
        key_fields |= set(schema.primary_key)
    elif schema.primary_key:
        raise UnsupportedSchema("primary key field missing from the header")
    # the keys kept to the end of the scan: unique fields and the primary key; a foreign
    # key to another resource is looked up while streaming, against that resource's keys
    # (read first), and one to the resource itself is joined at the end of the scan
    kept_fields = set(key_fields)
    fk_plan = []
    for i, fk in enumerate(schema.foreign_keys):
        tfields = list(fk["fields"])
        ref = fk["reference"]
        src = ref.get("resource") or ""
        sfields = list(ref["fields"])
        if not set(tfields) <= names:
            continue
        if src == "" or src == resource.name:
            src_op, src_types = op, types
        else:
            if package is None:
                raise UnsupportedSchema("foreign key to another resource without a package")
            if not package.has_resource(src):
                raise UnsupportedSchema(f'foreign key resource "{src}" does not exist')
            try:
                src_op = open_resource(package.get_resource(src))
            except UnsupportedSchema as why:  # the reason is the other table's: say whose
                raise UnsupportedSchema(f'foreign key resource "{src}": {why}') from why
            src_types = {f.name: f.type for f in src_op.fields}
        if not set(sfields) <= set(src_types) or len(sfields) != len(tfields):
            raise UnsupportedSchema("foreign key reference fields missing")
        for t, s in zip(tfields, sfields, strict=True):
            if type_group(types[t]) != type_group(src_types[s]):
                raise UnsupportedSchema(f'foreign key compares {types[t]} "{t}" with {src_types[s]} "{s}"')
        key_fields |= set(tfields)
        fk_plan.append((i, src_op, sfields))
    index = {f.name: i for i, f in enumerate(op.fields)}
    fk_pos = {i: n for n, (i, _src, _sf) in enumerate(fk_plan)}
    self_references = [(fk_pos[i], schema.foreign_keys[i]) for i, src_op, _sf in fk_plan if src_op is op]
    for _position, fk in self_references:
        key_fields |= set(fk["reference"]["fields"])
    cache: dict[tuple[str, tuple[str, ...], tuple[str, ...]], pl.DataFrame] = {}

    def referenced(src_op, sfields: list[str], tfields: list[str]) -> pl.DataFrame | keymod.KeyJoin:
        """Another resource's tuples that a foreign key refers to, read before the scan:
        distinct, to be looked up batch by batch, or, when they are more than
        ``keys.LOOKUP_MAX_TUPLES``, to be joined at the end (on disk past ``keys.JOIN_BUDGET``)."""
        tcols = [f"k{index[t]}" for t in tfields]
        ck = (src_op.path, tuple(sfields), tuple(tcols))
        if ck in cache:
            return cache[ck]
        pos = {f.name: j for j, f in enumerate(src_op.fields)}
        integers = integer_keys([types[t] for t in tfields] + [src_op.fields[pos[s]].type for s in sfields])
        read = scan(
            src_op,
            key_fields=set(sfields),
            check=False,
            referenced_as=ReferencedAs([f"k{pos[s]}" for s in sfields], tcols, integers),
        ).referenced
        if read.on_disk:
            return read  # one join per foreign key: its targets are this key's
        distinct = read.referenced().unique()
        if distinct.height > keymod.LOOKUP_MAX_TUPLES:
            return read
        cache[ck] = distinct
        return distinct

    foreign_keys = []
    for i, src_op, sfields in fk_plan:
        fk = schema.foreign_keys[i]
        if src_op is not op:
            foreign_keys.append(ForeignKeyCheck(fk_pos[i], fk, referenced(src_op, sfields, fk["fields"])))
    hash_keys = None
    if kept_fields:
        # unique / primary key only: for a big file keep 64-bit hashes while streaming
        # and confirm the candidates (shared hashes, all-null primary keys) on exact keys
        hash_keys = [(f"u{index[f.name]}", [index[f.name]]) for f in op.fields if f.constraints.get("unique")]
        if schema.primary_key:
            hash_keys.append((keymod.PRIMARY_KEY, [index[n] for n in schema.primary_key]))
    row_order = RowOrder(
        unique_idx=[i for i, f in enumerate(op.fields) if f.constraints.get("unique")],
        pk_idx=[index[n] for n in schema.primary_key] if schema.primary_key else [],
        fk_targets=[[index[n] for n in schema.foreign_keys[i]["fields"]] for i, _src, _sf in fk_plan],
    )
    row_limit = max(0, limit_errors - len(op.header_errors)) if limit_errors else None
    res = scan(
        op,
        key_fields=key_fields,
        on_progress=on_progress,
        hash_keys=hash_keys,
        row_limit=row_limit,
        row_order=row_order,
        foreign_keys=foreign_keys,
        self_references=self_references,
        kept_fields=kept_fields,
    )
    if res.hashes is not None:
        cand = res.hashes.candidates()
        res.hashes = None
        if len(cand):
            res.keys = scan(op, key_fields=kept_fields, check=False, keep_rows=cand).keys
        else:
            res.keys = pl.DataFrame(schema=key_schema([res.plans[n] for n in index if n in kept_fields]))
    for row, phase, idx, seq, error in key_checks(op, res):
        res.errors.add(row, phase, idx, seq, error)
    errors = res.errors.in_order(head=list(op.header_errors), limit=limit_errors)
    return EngineResult(errors, res.row_count, "fast", None, schema=op.schema)


def validate_resource(
    resource: frictionless.Resource,
    *,
    package: frictionless.Package | None = None,
    limit_errors: int = 0,
    on_progress: Callable[[int], None] | None = None,
    allow_fallback: bool = True,
) -> EngineResult:
    """Validate one tabular resource; fall back to Frictionless for unsupported features.

    ``package`` defaults to the package the resource belongs to (for foreign keys).
    """
    if package is None:
        package = getattr(resource, "package", None)
    try:
        try:
            # the engine makes millions of small objects without cycles (errors, their
            # sort keys, the tuples it spills): ~30 % of a run with a million errors
            with collector.paused():
                return _fast(resource, package, limit_errors, on_progress)
        except (UnreadableCSV, UnicodeError) as exc:
            # undecodable bytes, unbalanced quotes at EOF, ...: let the reference report it
            raise UnsupportedSchema(f"the fast reader could not parse the file: {exc}") from exc
        except frictionless.FrictionlessException as exc:
            raise UnsupportedSchema(f"frictionless could not open the resource: {exc}") from exc
        finally:
            # a head start serves this validation only: one left behind (an error, an
            # interrupt) would hand the file's old batches to the next of the same query
            head_start.discard()
    except UnsupportedSchema as exc:
        if not allow_fallback:
            raise
        reason = str(exc)
    return fall_back(resource, reason, package=package, limit_errors=limit_errors, on_progress=on_progress)


def fall_back(
    resource: frictionless.Resource,
    reason: str,
    *,
    package: frictionless.Package | None = None,
    limit_errors: int = 0,
    on_progress: Callable[[int], None] | None = None,
) -> EngineResult:
    """Validate with Frictionless itself, saying why: what ``validate_resource`` does
    with a resource the fast engine declined (``reason``, its ``UnsupportedSchema``)."""
    # The result says so (engine, fallback_reason), hence every report: info, not a warning.
    log.info("fast engine: falling back to frictionless for %s: %s", resource.name, reason)
    try:
        errors, rows, schema = run_reference(
            resource, package=package, limit_errors=limit_errors, on_progress=on_progress
        )
    except TypeError as crash:
        # Frictionless stops the whole validation comparing a value with a bound it
        # cannot compare: one with a time zone and one without, or a bound its own
        # format does not read (None).  The fast engine reports the cells; this path can
        # only say that the table was not checked, and why.
        if "offset-naive and offset-aware" in str(crash):
            code = "incomparable-bound"
        elif "not supported between instances of" in str(crash) and "'NoneType'" in str(crash):
            code = "unreadable-bound"
        else:
            raise
        errors, rows, schema = [TableError(code, None, None, None, None, str(crash))], 0, None
    if on_progress is not None:
        on_progress(rows)
    return EngineResult(errors, rows, "frictionless", reason, schema=schema)

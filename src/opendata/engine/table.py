"""Scan one tabular resource: batches -> vector screens -> exact re-checks -> keys."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import frictionless
import numpy as np
import polars as pl

from . import head_start
from . import keys as keymod
from .cells import (
    NUMERIC_GROUP,
    FieldPlan,
    build_plan,
    keeps_raw,
    py_key,
    screen_query,
)
from .errors import TableError, UnsupportedSchema
from .order import (
    PHASE_BLANK,
    PHASE_CELL,
    PHASE_FK,
    PHASE_PK,
    PHASE_STRUCT,
    PHASE_UNIQUE,
    ErrorLog,
    RowOrder,
)
from .reader import (
    Batch,
    ByteShape,
    NeedRecordNumbers,
    ReaderMismatch,
    UnreadableCSV,
    byte_shape_in_background,
    coalesce,
    polars_batches,
    prefetch,
    read_batches,
)
from .structure import RaggedEvaluator, header_errors

PRUNE_MIN = 50_000  # with limit_errors, prune the kept errors once there are this many
# with hash_keys: exact keys are kept up to this many bytes (no second pass), beyond
# that only hashes (8 B per row and key) and the candidates are confirmed in a second pass
KEY_BUDGET = 160 << 20


@dataclass
class Opened:
    path: str
    fields: list[frictionless.Field]
    header_errors: list[TableError]
    delimiter: str
    quote_char: str
    encoding: str
    schema: frictionless.Schema
    name: str
    shape: Future[ByteShape]  # whether the Polars reader reads it exactly (still running)


@dataclass
class ScanResult:
    errors: ErrorLog = field(default_factory=ErrorLog)
    keys: pl.DataFrame | None = None
    hashes: keymod.KeyHashes | None = None
    referenced: keymod.KeyJoin | None = None  # with ``referenced_as``: the tuples read
    row_count: int = 0
    plans: dict[str, FieldPlan] = field(default_factory=dict)
    # with a row limit: errors of rows after ``cutoff`` cannot be in the report
    row_limit: int | None = None
    cutoff: int | None = None

    def prune(self) -> None:
        """Drop errors of rows beyond the first ``row_limit`` rows with errors.

        Every row with an entry yields at least one error and later key checks can
        only add rows, so those errors would be truncated anyway."""
        if self.row_limit is None:
            return
        rows = self.errors.error_rows()
        if len(rows) > self.row_limit:
            self.cutoff = int(rows[self.row_limit - 1]) if self.row_limit else 0
            self.errors.keep_rows_up_to(self.cutoff)


class ReferencedAs(NamedTuple):
    """How ``scan(check=False)`` hands a foreign key's referenced tuples to a ``keys.KeyJoin``."""

    columns: list[str]  # the referenced fields' key columns, in the foreign key's order
    named_as: list[str]  # the referencing table's key columns, in the same order
    integers: bool  # whether the fields on both sides are integers


@dataclass
class ForeignKeyCheck:
    """A foreign key to another resource, whose referenced tuples were read first.

    Held in memory, they are looked up batch by batch, so the referencing table's
    keys need not be kept to the end of the scan (a big table referencing a lookup
    table stays in bounded memory).  Too many to hold, they wait on disk in a
    ``keys.KeyJoin``, and the table's key tuples join them at the end of the scan."""

    position: int  # among the resource's foreign keys that are checked: orders its errors
    descriptor: dict  # the foreign key as declared (fields, reference), for the note
    referenced: pl.DataFrame | keymod.KeyJoin  # distinct tuples, named as the table's key columns


def open_resource(resource: frictionless.Resource) -> Opened:
    """Check support and gather what the fast scan needs, using Frictionless' header."""
    if resource.compression:
        raise UnsupportedSchema(f"compression {resource.compression!r} not supported")
    if resource.format not in ("csv", "tsv", None):
        raise UnsupportedSchema(f"format {resource.format!r} not supported")
    # a multipart resource's path is its first part's (its others are `extrapaths`)
    if resource.data is not None or resource.multipart or not isinstance(resource.path, str):
        raise UnsupportedSchema("inline or multipart data")
    if resource.path.startswith(("http://", "https://", "s3://")):
        raise UnsupportedSchema("remote path")
    try:
        res = resource.to_copy()
    except frictionless.FrictionlessException:  # e.g. absolute paths are "not safe" to copy
        res = resource
    if not res.has_defined("encoding") and os.path.isfile(res.normpath):
        res.encoding = _utf8_sample_encoding(res.normpath, res.detector.buffer_size)
    declared = res.schema  # before opening: empty when Frictionless is to infer it
    with_foreign_keys = bool(declared.foreign_keys)
    if with_foreign_keys:
        # Opened with foreign keys, Frictionless reads every row they refer to, in
        # Python (its lookup: a whole pass over the table, for a key to itself); the
        # engine checks them itself, so it opens the resource without them.
        res.schema = declared.to_copy()
        res.schema.foreign_keys = []
    try:
        with res:
            dialect = res.dialect
            if not dialect.header:
                raise UnsupportedSchema("dialect: no header row (header: false)")
            if (
                dialect.header_rows != [1]
                or dialect.comment_char
                or dialect.comment_rows
                or getattr(dialect, "skip_blank_rows", False)
                or not dialect.header_case
            ):
                raise UnsupportedSchema("dialect: only a single header row, no comments")
            control = dialect.get_control("csv") if dialect.has_control("csv") else None
            # quotes inside a quoted cell are doubled: Frictionless reads «doubleQuote» only
            # beside an «escapeChar» (its CsvControl), which the engine leaves to it
            delimiter, quote_char = ",", '"'
            if res.format == "tsv":
                delimiter = "\t"
            if control is not None:
                if control.escape_char or control.null_sequence or control.skip_initial_space:
                    raise UnsupportedSchema("dialect: escapeChar/nullSequence/skipInitialSpace")
                delimiter, quote_char = control.delimiter, control.quote_char
            schema = declared if with_foreign_keys else res.schema
            if schema.has_defined("fields_match") and schema.fields_match not in (None, "exact"):
                raise UnsupportedSchema(f"fieldsMatch {schema.fields_match}")
            fields = list(res.header.get_expected_fields())
            labels = list(res.labels)
            if len(labels) != len(schema.fields) or len(fields) != len(schema.fields):
                raise UnsupportedSchema(
                    f"header has {_counted(len(labels), 'label')} "
                    f"but schema has {_counted(len(schema.fields), 'field')}"
                )
            herrs = header_errors(res)
            path = res.normpath
            encoding = res.encoding or "utf-8"
    finally:
        if with_foreign_keys:
            res.schema = declared  # the caller's own resource, when it could not be copied
    if "" not in schema.missing_values and not all(fld.has_defined("missing_values") for fld in fields):
        raise UnsupportedSchema('schema: missingValues without ""')  # not its first field's
    for fld in fields:
        if fld.has_defined("missing_values") and "" not in fld.missing_values:
            raise UnsupportedSchema(f'field "{fld.name}": missingValues without ""')
    if not os.path.isfile(path):
        raise UnsupportedSchema("path is not a local file")
    shape = byte_shape_in_background(path, encoding=encoding, delimiter=delimiter, quote_char=quote_char)
    return Opened(path, fields, herrs, delimiter, quote_char, encoding, schema, resource.name or "", shape)


def _counted(count: int, noun: str) -> str:
    """«1 label», «3 labels»: a reason the JSON gives in English (``fallback_reason``)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _utf8_sample_encoding(path: str, buffer_size: int) -> str | None:
    """The encoding "utf-8" (or "utf-8-sig") when the sample Frictionless detects from is UTF-8.

    Decision (docs/engine.md): such a file is read as UTF-8 without chardet, whose
    first call costs ~0.1 s and which could, on a rare sample, name another encoding
    (Frictionless would then read mojibake).  Otherwise None: Frictionless guesses."""
    with open(path, "rb") as stream:
        sample = stream.read(buffer_size)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample)  # a cut last character is fine
    except UnicodeDecodeError:
        return None
    return "utf-8-sig" if sample.startswith(codecs.BOM_UTF8) else "utf-8"


def scan(
    op: Opened,
    *,
    key_fields: set[str],
    check: bool = True,
    on_progress: Callable[[int], None] | None = None,
    hash_keys: list[tuple[str, list[int]]] | None = None,
    keep_rows: np.ndarray | None = None,
    row_limit: int | None = None,
    row_order: RowOrder | None = None,
    foreign_keys: list[ForeignKeyCheck] | None = None,
    self_references: list[tuple[int, dict]] | None = None,
    kept_fields: set[str] | None = None,
    referenced_as: ReferencedAs | None = None,
) -> ScanResult:
    """Scan the file; ``check=False`` only computes key columns (for FK lookups).

    ``row_order`` says how Frictionless orders a row's errors (see ``ErrorLog``).
    With ``check``, ``foreign_keys`` to other resources are looked up batch by
    batch (or joined at the end, see ``ForeignKeyCheck``), and ``self_references``
    (position, foreign key to the table itself) are joined at the end
    (``keys.KeyJoin``); the keys of ``kept_fields`` only (default: every key field)
    are kept for the unique and primary-key checks.  ``referenced_as`` (with
    ``check=False``) hands the tuples a foreign key refers to, batch by batch, to a
    ``keys.KeyJoin`` instead (``ScanResult.referenced``).

    Key columns are kept in one of three ways: exact canonical keys of every row
    (default); with ``hash_keys``, once the exact keys exceed ``KEY_BUDGET``, only a
    64-bit hash per key tuple and row (``ScanResult.hashes``, see
    ``keys.KeyHashes``; ``hashes`` stays None for a small file); with ``keep_rows`` (a sorted
    array of record numbers) exact keys of those rows only -- the confirmation pass
    for hash candidates.

    Readers, fastest first: Polars' streaming engine (parse and screens together,
    when ``Opened.shape`` allows it), Arrow's multi-threaded reader, and Arrow
    single-threaded for a file with ragged rows (the only one that numbers them).
    A reader that meets what it cannot read exactly raises, and the scan starts again
    with the next (progress stays monotonic: a rescan is silent until it passes the
    furthest row already reported)."""
    if on_progress is not None:
        user_progress, best = on_progress, [0]

        def on_progress(rows: int) -> None:
            if rows > best[0]:
                best[0] = rows
                user_progress(rows)

    kw: dict[str, Any] = dict(
        key_fields=key_fields,
        check=check,
        on_progress=on_progress,
        hash_keys=hash_keys,
        keep_rows=keep_rows,
        row_limit=row_limit,
        row_order=row_order,
        foreign_keys=foreign_keys or [],
        self_references=self_references or [],
        kept_fields=key_fields if kept_fields is None else kept_fields,
        referenced_as=referenced_as,
    )
    if not (op.shape.done() and op.shape.result().polars_unsafe):
        try:
            return _scan(op, reader="polars", **kw)
        except ReaderMismatch:
            pass
        except NeedRecordNumbers:
            return _scan(op, reader="arrow-serial", **kw)
    head_start.discard()  # a head start reads with Polars only
    try:
        return _scan(op, reader="arrow", **kw)
    except NeedRecordNumbers:
        return _scan(op, reader="arrow-serial", **kw)


def _scan(
    op: Opened,
    *,
    key_fields: set[str],
    check: bool,
    on_progress: Callable[[int], None] | None,
    reader: str,
    hash_keys: list[tuple[str, list[int]]] | None,
    keep_rows: np.ndarray | None,
    row_limit: int | None,
    row_order: RowOrder | None,
    foreign_keys: list[ForeignKeyCheck],
    self_references: list[tuple[int, dict]],
    kept_fields: set[str],
    referenced_as: ReferencedAs | None,
) -> ScanResult:
    plans = [build_plan(f, i, op.schema) for i, f in enumerate(op.fields)]
    for p in plans:
        p.need_key = p.name in key_fields
    by_name = {p.name: p for p in plans}
    ragged_eval = RaggedEvaluator(op.fields, {p.name: p.read for p in plans})
    result = ScanResult(errors=ErrorLog(row_order), plans=by_name, row_limit=row_limit)
    if referenced_as is not None:  # made per pass: a pass that failed part-way is dropped whole
        result.referenced = keymod.KeyJoin(referenced_as.named_as, integers=referenced_as.integers)
    prune_at = None if row_limit is None else max(4 * row_limit, PRUNE_MIN)
    key_frames: list[pl.DataFrame] = []
    key_names = [p for p in plans if p.need_key]
    kept_names = [p for p in key_names if p.name in kept_fields]
    kept_columns = list(key_schema(kept_names))
    key_bytes = [0]
    lookups = []
    joins = []  # (position, descriptor, target plans, target columns, referenced columns or None, join)
    if check:
        for fk in foreign_keys:
            tplans = [by_name[name] for name in fk.descriptor["fields"]]
            keys_, tcols = target_columns(tplans)
            if isinstance(fk.referenced, keymod.KeyJoin):
                joins.append((fk.position, fk.descriptor, tplans, tcols, None, fk.referenced.for_targets()))
            else:
                lookups.append((fk, tplans, keys_, fk.referenced))
        for position, descriptor in self_references:
            tplans = [by_name[name] for name in descriptor["fields"]]
            splans = [by_name[name] for name in descriptor["reference"]["fields"]]
            keys_, tcols = target_columns(tplans)
            join = keymod.KeyJoin(keys_, integers=integer_keys([p.type for p in tplans + splans]))
            joins.append((position, descriptor, tplans, tcols, [f"k{p.index}" for p in splans], join))

    def foreign_key_errors(
        position: int, descriptor: dict, tplans: list[FieldPlan], kf: pl.DataFrame, rows: list[int]
    ) -> None:
        """The rows' foreign-key errors, the key cells quoted from ``kf``."""
        if result.cutoff is not None:
            rows = [r for r in rows if r <= result.cutoff]
        if rows:
            cells = KeyCells(kf, rows)
            for row in rows:
                error = foreign_key_error(row, descriptor, tuple(cells.value(p, row) for p in tplans))
                result.errors.add(row, PHASE_FK, position, 0, error)

    def look_up(kf: pl.DataFrame) -> None:
        """This batch's errors for foreign keys to other resources (its rows whose key the
        referenced resource lacks); its keys for those to the table itself."""
        for fk, tplans, tcols, referenced in lookups:
            missing = keymod.foreign_key_missing(kf, tcols, referenced)
            foreign_key_errors(fk.position, fk.descriptor, tplans, kf, missing)
        for *_, tcols, scols, join in joins:
            join.add_targets(kf.select("_row", *tcols))
            if scols is not None:
                join.add_referenced(kf, scols)

    def keep(kf: pl.DataFrame) -> None:
        if not kept_names:
            return
        kf = kf.select(kept_columns)
        if result.referenced is not None:
            result.referenced.add_referenced(kf, referenced_as.columns)
        elif result.hashes is not None:
            result.hashes.add(kf)
        elif hash_keys is not None:
            key_frames.append(kf)
            key_bytes[0] += kf.estimated_size()
            if key_bytes[0] > KEY_BUDGET:  # too many exact keys: switch to hashes
                result.hashes = keymod.KeyHashes(hash_keys)
                for f in key_frames:
                    result.hashes.add(f)
                key_frames.clear()
        elif keep_rows is not None:
            pos = kf.get_column("_row").to_numpy()
            if len(keep_rows) and len(pos):
                # the few wanted rows inside this batch's range, looked up in it (both sorted)
                lo, hi = np.searchsorted(keep_rows, [pos[0], pos[-1] + 1])
                wanted = keep_rows[lo:hi]
                at = np.minimum(np.searchsorted(pos, wanted), len(pos) - 1)
                found = at[pos[at] == wanted]
                if len(found):
                    key_frames.append(kf[found])
        else:
            key_frames.append(kf)

    query = screen_query(plans, check)
    active = query.active
    columns = None if check else [p.index for p in active]
    for batch in _batches(op, reader, query.evaluate, columns):
        ev = batch.frame
        result.row_count += ev.height + len(batch.ragged)
        if ev.height:
            # Series operations, not DataFrame ones: no query planning per batch
            mask = ev.get_column("_suspect")
            rows_s = ev.get_column("_row").filter(mask)
            blank_rows = set(rows_s.filter(ev.get_column("_blank").filter(mask)).to_list())
            past = result.cutoff  # errors of rows after it are not kept
            if check:
                for r in sorted(blank_rows):
                    if past is None or r <= past:
                        result.errors.add(
                            r, PHASE_BLANK, 0, 0, TableError("blank-row", r, None, None, None, "")
                        )
            patches: dict[int, dict[int, str | None]] = {}
            for p in active:
                flags = ev.get_column(f"s{p.index}").filter(mask)
                if not flags.any():
                    continue
                raws = ev.get_column(f"c{p.index}").filter(mask).filter(flags).to_list()
                patch: dict[int, str | None] = {}
                for raw, row in zip(raws, rows_s.filter(flags).to_list(), strict=True):
                    if past is not None and row > past and not p.need_key:
                        continue  # beyond the cutoff only keys are still needed
                    isblank = row in blank_rows
                    value, notes = p.read(raw)
                    type_note = notes.get("type") if notes else None
                    if p.need_key and not type_note and value is not None:
                        patch[row] = py_key(p.type, value, row)  # the screen left a null key
                    if not check or not notes or isblank:
                        continue
                    if type_note:
                        error = TableError("type-error", row, p.name, p.index + 1, raw, type_note)
                        result.errors.add(row, PHASE_CELL, p.index, 0, error)
                        continue
                    for seq, (cname, note) in enumerate(notes.items()):
                        error = TableError("constraint-error", row, p.name, p.index + 1, raw, note, cname)
                        result.errors.add(row, PHASE_CELL, p.index, seq, error)
                if p.need_key:
                    patches[p.index] = patch
            if key_names:
                kf = pl.DataFrame([ev.get_column(n) for n in ("_row", *query.key_columns)])
                if patches:
                    rows_ = ev.get_column("_row")
                    for i, patch in patches.items():
                        if not patch:
                            continue
                        # a Polars index, not numpy's: scatter turns an ndarray into a
                        # Series, and that imports numpy.ma (~20 ms) at the first bad key
                        idx = rows_.search_sorted(pl.Series(list(patch), dtype=pl.Int64))
                        kf = kf.with_columns(
                            kf.get_column(f"k{i}").scatter(
                                idx, pl.Series(list(patch.values()), dtype=pl.String)
                            )
                        )
                look_up(kf)
                keep(kf)
        rag_rows = []
        for rr in batch.ragged:
            errs, info = ragged_eval.evaluate(rr.cells, rr.row_number)
            if check:
                for seq, e in enumerate(errs):
                    if e.type == "blank-row":
                        phase, idx = PHASE_BLANK, 0
                    elif e.type in ("extra-cell", "missing-cell"):
                        phase, idx = PHASE_STRUCT, 0
                    else:
                        phase, idx = PHASE_CELL, (e.field_number or 1) - 1
                    result.errors.add(rr.row_number, phase, idx, seq, e)
            if key_names:
                rec = {"_row": rr.row_number}
                for p in key_names:
                    rec[f"k{p.index}"] = py_key(p.type, info["values"][p.name], rr.row_number)
                    if keeps_raw(p):
                        rec[f"r{p.index}"] = info["raw"][p.name]
                rag_rows.append(rec)
        if rag_rows:
            kf = pl.DataFrame(rag_rows, schema=key_schema(key_names))
            look_up(kf)
            keep(kf)
        if prune_at is not None and len(result.errors) > prune_at:
            result.prune()
            prune_at = max(prune_at, 2 * len(result.errors))
        result.errors.spill_if_full()
        if on_progress is not None:
            on_progress(result.row_count)
    result.prune()
    for position, descriptor, tplans, *_, join in joins:
        for targets, rows in join.missing():
            foreign_key_errors(position, descriptor, tplans, targets, rows)
    if kept_names and result.hashes is None:
        schema = key_schema(kept_names)
        frames = [f.select(list(schema)) for f in key_frames]
        # batches arrive in row order; only the duplicate subsets are sorted later
        result.keys = pl.concat(frames, rechunk=False) if frames else pl.DataFrame(schema=schema)
    return result


def _batches(
    op: Opened,
    reader: str,
    evaluate: Callable[[pl.LazyFrame], pl.LazyFrame],
    columns: list[int] | None,
) -> Iterator[Batch]:
    """Evaluated batches (raw cells, ``_row``, the screens' columns) from one reader."""
    n = len(op.fields)
    if reader == "polars":
        yield from polars_batches(
            op.path,
            n_columns=n,
            delimiter=op.delimiter,
            quote_char=op.quote_char,
            shape=op.shape,
            evaluate=evaluate,
            columns=columns,
        )
        return
    raw = read_batches(
        op.path,
        n_columns=n,
        delimiter=op.delimiter,
        quote_char=op.quote_char,
        encoding=op.encoding,
        threads=reader == "arrow",
        columns=columns,
    )
    import pyarrow as pa

    try:
        for batch in prefetch(coalesce(raw)):
            frame = evaluate(batch.frame.lazy()).collect() if batch.frame.height else batch.frame
            yield Batch(frame, batch.ragged)
    except pa.ArrowException as exc:
        raise UnreadableCSV(str(exc)) from exc
    finally:
        pa.default_memory_pool().release_unused()  # hand parse buffers back before key checks


def key_schema(key_plans: list[FieldPlan]) -> dict[str, Any]:
    return {
        "_row": pl.Int64,
        **{f"k{p.index}": pl.String for p in key_plans},
        **{f"r{p.index}": pl.String for p in key_plans if keeps_raw(p)},
    }


def _text_from_key(plan: FieldPlan, key: str | None) -> str | None:
    """The key's value as Frictionless quotes it; None where it read no value (an empty
    or unreadable cell), which the messages name."""
    if key is None:
        return None
    t = plan.type
    if t in ("string", "integer", "year"):
        return key
    if t == "boolean":
        return "True" if key == "1" else "False"
    if t == "date":
        return key
    if t == "yearmonth":
        return str(plan.value_reader(key))
    raise AssertionError(t)


def _cell_text(plan: FieldPlan, raw: str | None) -> str | None:
    """``str(value)`` as Frictionless stores it in the row (``"7"`` for ``"007"``); None
    where it read no value."""
    if raw is None:
        return None
    value, notes = plan.read(raw)
    if value is None or (notes and "type" in notes):
        return None
    return str(value)


def key_checks(op: Opened, res: ScanResult) -> list[tuple[int, int, int, int, TableError]]:
    """Unique and primary-key errors, on the keys kept to the end of the scan."""
    out: list[tuple[int, int, int, int, TableError]] = []
    kdf = res.keys
    if kdf is None:
        return out
    pending: list[tuple[int, int, FieldPlan, TableError]] = []  # unique errors: (row, idx, plan, error)
    for plan in res.plans.values():
        if plan.field.constraints.get("unique"):
            for row, e in keymod.unique_errors(
                kdf, f"k{plan.index}", plan.name, plan.index + 1, lambda r: ""
            ):
                pending.append((row, plan.index, plan, e))
    pk_plans = [res.plans[name] for name in op.schema.primary_key]
    repeated: list[tuple[int, TableError]] = []  # primary-key errors of a key with values
    if pk_plans:
        for row, e in keymod.primary_key_errors(kdf, [f"k{plan.index}" for plan in pk_plans]):
            if e.note == keymod.PK_ALL_NULL_NOTE:
                out.append((row, PHASE_PK, 0, 0, e))
            else:
                repeated.append((row, e))
    if res.cutoff is not None:
        cutoff = res.cutoff
        out = [e for e in out if e[0] <= cutoff]
        pending = [p for p in pending if p[0] <= cutoff]
        repeated = [r for r in repeated if r[0] <= cutoff]
    if not pending and not repeated:
        return out
    cells = KeyCells(kdf, sorted({p[0] for p in pending} | {r[0] for r in repeated}))
    for row, idx, plan, e in pending:
        out.append((row, PHASE_UNIQUE, idx, 0, replace(e, cell=cells.text(plan, row))))
    for row, e in repeated:
        key_values = tuple(cells.value(plan, row) for plan in pk_plans)
        out.append((row, PHASE_PK, 0, 0, replace(e, key_values=key_values)))
    return out


class KeyCells:
    """The key cells of some rows of a key frame, as Frictionless quotes them."""

    def __init__(self, kf: pl.DataFrame, rows: list[int]) -> None:
        self.rows = {r[0]: r for r in kf.filter(pl.col("_row").is_in(rows)).iter_rows()}
        self.position = {c: i for i, c in enumerate(kf.columns)}

    def value(self, plan: FieldPlan, row: int) -> str | None:
        """The cell's value as Frictionless quotes it; None where it read no value."""
        if keeps_raw(plan):
            return _cell_text(plan, self.rows[row][self.position[f"r{plan.index}"]])
        return _text_from_key(plan, self.rows[row][self.position[f"k{plan.index}"]])

    def text(self, plan: FieldPlan, row: int) -> str:
        """The cell as Frictionless' notes write it: «None» where it read no value."""
        return str(self.value(plan, row))


def foreign_key_error(row: int, fk: dict, values: tuple[str | None, ...]) -> TableError:
    """Frictionless' error for a key the lookup table lacks; its values also as a tuple
    (None where no value was read), since a note's «, » cannot tell the parts apart."""
    note = (
        f'for "{", ".join(fk["fields"])}": values "{", ".join(map(str, values))}" not found'
        f' in the lookup table "{fk["reference"]["resource"]}"'
        f' as "{", ".join(fk["reference"]["fields"])}"'
    )
    return TableError("foreign-key", row, None, None, None, note, key_values=values)


def type_group(t: str) -> str:
    return "numeric" if t in NUMERIC_GROUP else t


def integer_keys(types: list[str]) -> bool:
    """Whether a foreign key's fields, on both sides, are integers: then its canonical
    keys are the integers' decimal spelling, and a join may compare them as integers."""
    return all(t in ("integer", "year") for t in types)


def target_columns(tplans: list[FieldPlan]) -> tuple[list[str], list[str]]:
    """A foreign key's columns in a key frame: its canonical keys, and those followed by
    the raw cells kept to quote in the error (``keeps_raw``)."""
    keys = [f"k{p.index}" for p in tplans]
    return keys, keys + [f"r{p.index}" for p in tplans if keeps_raw(p)]

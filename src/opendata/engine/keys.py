"""Unique, primary-key and foreign-key checks on canonical key columns.

All three work on frames of ``_row`` (record number) plus canonical key strings
(see ``cells.py``), accumulated across batches, so they see the whole file.
Frictionless keeps, per key, the row number of the *latest* occurrence, so a third
duplicate points at the second one; ``shift().over()`` reproduces that.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from .errors import TableError, UnsupportedSchema

HASH_SEED = 7
_MAX_ROW = 2**32 - 1
PARTS = 16  # candidates(): hash-space slices (power of two)
_PART_SHIFT = np.uint64(64 - (PARTS.bit_length() - 1))


def _key(kcols: list[str]) -> pl.Expr:
    """A key tuple as one expression: the column itself, or a struct of several."""
    return pl.struct(kcols) if len(kcols) > 1 else pl.col(kcols[0])


def key_hash(kcols: list[str]) -> pl.Expr:
    """64-bit hash of a key tuple (tests replace it with a constant to force collisions)."""
    return _key(kcols).hash(seed=HASH_SEED)


class KeyHashes:
    """Per key (a unique field or the primary key): a 64-bit hash and the record number
    of every row whose key is not all-null, plus the rows whose key is all-null.

    8 bytes per row and key (hash) plus 4 bytes per row for the record number, or
    nothing when a batch's rows are consecutive (stored as ``(first, count)``).
    Equal keys have equal hashes, so the rows whose hash occurs more than once
    (``candidates``) include every duplicate; they are confirmed on exact keys in a
    second pass, so a collision can neither create nor hide an error.
    """

    def __init__(self, specs: list[tuple[str, list[int]]]):
        self.specs = [(name, [f"k{i}" for i in cols]) for name, cols in specs]
        self.chunks: dict[str, list[tuple[tuple[int, int] | np.ndarray, np.ndarray]]] = {
            name: [] for name, _ in self.specs
        }
        self.null_rows: dict[str, list[np.ndarray]] = {name: [] for name, _ in self.specs}

    def add(self, kf: pl.DataFrame) -> None:
        for name, kcols in self.specs:
            allnull = pl.all_horizontal(pl.col(kcols).is_null())
            d = kf.select("_row", key_hash(kcols).alias("_h"), allnull.alias("_n"))
            if d.height == 0:
                continue
            nulls = d.get_column("_n")
            if nulls.any():
                self.null_rows[name].append(d.filter(nulls).get_column("_row").to_numpy())
                d = d.filter(~nulls)
                if d.height == 0:
                    continue
            rows = d.get_column("_row").to_numpy()
            if rows[-1] > _MAX_ROW:
                raise UnsupportedSchema("more than 2**32 rows with key fields")
            first = int(rows[0])
            consecutive = int(rows[-1]) - first == len(rows) - 1  # rows are increasing
            packed = (first, len(rows)) if consecutive else rows.astype(np.uint32)
            self.chunks[name].append((packed, d.get_column("_h").to_numpy().astype(np.uint64, copy=False)))

    def candidates(self, with_null_rows: set[str]) -> np.ndarray:
        """Sorted record numbers whose key hash is shared with another row (for any key),
        plus the all-null rows of the keys named in ``with_null_rows``."""
        found: list[np.ndarray] = []
        for name, _ in self.specs:
            chunks = self.chunks[name]
            if with_null_rows and name in with_null_rows:
                found.extend(self.null_rows[name])
            if not chunks:
                continue
            # shared hashes, found one slice of the hash space at a time (top bits) so the
            # sorted copy is 1/PARTS of the hashes, not all of them
            dups = [
                shared_hashes(np.concatenate([h[(h >> _PART_SHIFT) == part] for _, h in chunks]))
                for part in range(PARTS)
            ]
            dup = np.concatenate(dups)  # sorted: parts are in order of their top bits
            if not len(dup):
                continue
            for packed, h in chunks:
                mask = _in_sorted(h, dup)
                if not mask.any():
                    continue
                if isinstance(packed, tuple):
                    rows = np.arange(packed[0], packed[0] + packed[1], dtype=np.int64)
                else:
                    rows = packed.astype(np.int64)
                found.append(rows[mask])
        if not found:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(found).astype(np.int64))

    def nbytes(self) -> int:
        total = 0
        for name, _ in self.specs:
            for packed, h in self.chunks[name]:
                total += h.nbytes + (0 if isinstance(packed, tuple) else packed.nbytes)
            total += sum(a.nbytes for a in self.null_rows[name])
        return total


def shared_hashes(hashes: np.ndarray) -> np.ndarray:
    """The sorted hash values that occur more than once (numpy's sort is ~5x faster
    than Polars' ``is_duplicated`` on a million hashes)."""
    ordered = np.sort(hashes)
    return np.unique(ordered[1:][ordered[1:] == ordered[:-1]])


def _in_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def _duplicates(keys: pl.DataFrame, kcols: list[str], exclude_all_null: bool = True) -> pl.DataFrame:
    """Rows (``_row`` + key columns) whose key tuple occurs more than once, sorted by row.

    A 64-bit hash pre-filter keeps the exact (string) duplicate search to candidates.
    """
    lf = keys.lazy().select("_row", *kcols)
    if exclude_all_null:
        lf = lf.filter(~pl.all_horizontal(pl.col(kcols).is_null()))
    hashed = lf.with_columns(key_hash(kcols).alias("_h")).collect()
    h = hashed.get_column("_h").to_numpy()
    shared = shared_hashes(h)
    if not len(shared):
        return hashed.clear().drop("_h")
    cand = hashed.filter(pl.col("_h").is_in(pl.Series(shared).implode())).drop("_h")
    return cand.filter(_key(kcols).is_duplicated()).sort("_row")


def unique_errors(
    keys: pl.DataFrame, kcol: str, field_name: str, field_number: int, cell_of: Callable[[int], str]
) -> list[tuple[int, TableError]]:
    df = _duplicates(keys, [kcol])
    df = df.with_columns(pl.col("_row").shift(1).over(kcol).alias("_prev"))
    df = df.filter(pl.col("_prev").is_not_null())
    out = []
    for row, prev in df.select("_row", "_prev").iter_rows():
        out.append(
            (
                row,
                TableError(
                    "unique-error",
                    row,
                    field_name,
                    field_number,
                    cell_of(row),
                    f"the same as in the row at position {prev}",
                ),
            )
        )
    return out


def primary_key_errors(keys: pl.DataFrame, kcols: list[str]) -> list[tuple[int, TableError]]:
    out = []
    allnull = (
        keys.lazy()
        .filter(pl.all_horizontal(pl.col(kcols).is_null()))
        .select("_row")
        .collect()
        .get_column("_row")
    )
    note = 'cells composing the primary keys are all "None"'
    out.extend((r, TableError("primary-key", r, None, None, None, note)) for r in allnull)
    df = _duplicates(keys, kcols).with_columns(_key(kcols).alias("_k"))
    df = df.with_columns(pl.col("_row").shift(1).over("_k").alias("_prev"))
    for row, prev in df.filter(pl.col("_prev").is_not_null()).select("_row", "_prev").iter_rows():
        out.append(
            (
                row,
                TableError(
                    "primary-key", row, None, None, None, f"the same as in the row at position {prev}"
                ),
            )
        )
    return out


def referenced_keys(lookup: pl.DataFrame, lcols: list[str], tcols: list[str]) -> pl.DataFrame:
    """The distinct key tuples of the referenced resource, named as the target's columns
    (made once, then looked up for every batch)."""
    lk = lookup.select([pl.col(s).alias(t_) for s, t_ in zip(lcols, tcols, strict=True)])
    return lk.filter(~pl.all_horizontal(pl.col(tcols).is_null())).unique()


def foreign_key_missing(target: pl.DataFrame, tcols: list[str], referenced: pl.DataFrame) -> list[int]:
    """Row numbers of target rows whose key tuple is absent from ``referenced``
    (``referenced_keys``); rows whose key is all null are not looked up."""
    t = target.select("_row", *tcols).filter(~pl.all_horizontal(pl.col(tcols).is_null()))
    miss = t.join(referenced, on=tcols, how="anti", nulls_equal=True)
    return sorted(miss.get_column("_row").to_list())

"""Unique, primary-key and foreign-key checks on canonical key columns.

All three work on frames of ``_row`` (record number) plus canonical key strings
(see ``cells.py``), accumulated across batches, so they see the whole file.
Frictionless keeps, per key, the row number of the *latest* occurrence, so a third
duplicate points at the second one; ``shift().over()`` reproduces that.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from .errors import TableError


def _duplicates(keys: pl.DataFrame, kcols: list[str], exclude_all_null: bool = True) -> pl.DataFrame:
    """Rows (``_row`` + key columns) whose key tuple occurs more than once, sorted by row.

    A 64-bit hash pre-filter keeps the exact (string) duplicate search to candidates.
    """
    key = pl.struct(kcols) if len(kcols) > 1 else pl.col(kcols[0])
    lf = keys.lazy().select("_row", *kcols)
    if exclude_all_null:
        lf = lf.filter(~pl.all_horizontal(pl.col(kcols).is_null()))
    cand = lf.filter(key.hash(seed=7).is_duplicated()).collect()
    return cand.filter(key.is_duplicated()).sort("_row")


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
    df = _duplicates(keys, kcols).with_columns(
        (pl.struct(kcols) if len(kcols) > 1 else pl.col(kcols[0])).alias("_k")
    )
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


def foreign_key_missing(
    target: pl.DataFrame, tcols: list[str], lookup: pl.DataFrame, lcols: list[str]
) -> list[int]:
    """Row numbers of target rows whose key tuple is absent from ``lookup``."""
    t = target.select("_row", *tcols).filter(~pl.all_horizontal(pl.col(tcols).is_null()))
    lk = lookup.select([pl.col(s).alias(t_) for s, t_ in zip(lcols, tcols, strict=True)])
    lk = lk.filter(~pl.all_horizontal(pl.col(tcols).is_null())).unique()
    miss = t.join(lk, on=tcols, how="anti", nulls_equal=True)
    return sorted(miss.get_column("_row").to_list())

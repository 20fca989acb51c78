"""Batched CSV reading with PyArrow's streaming reader.

Every cell is read as a string (no inference), empty stays "" (not null).  Rows
whose cell count differs from the header's are handed to ``invalid_row_handler``
by Arrow; we keep their text and re-parse them with Python's ``csv`` module, so
they can be checked by the reference's own row logic (extra/missing cells).

Row numbers: Frictionless counts *records* (header = 1, an empty line is a row, a
quoted multi-line cell is one row).  Arrow's single-threaded reader reports the
record number of each invalid row the same way, so valid rows are numbered by
interleaving them with the invalid ones.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

BLOCK_SIZE = 1 << 20  # Arrow's threaded reader parses several blocks ahead (memory: ~1 MiB each)
MIN_BATCH_ROWS = 100_000  # small Arrow batches are coalesced before the screens


class NeedRecordNumbers(Exception):
    """A ragged row was met by the multi-threaded reader, which cannot number it."""


@dataclass
class RaggedRow:
    row_number: int
    cells: list[str]


@dataclass
class Batch:
    frame: pl.DataFrame  # columns c0..c{n-1}, String, plus "_row" (Int64 record number)
    ragged: list[RaggedRow]


def read_batches(
    path: str,
    *,
    n_columns: int,
    delimiter: str = ",",
    quote_char: str = '"',
    double_quote: bool = True,
    encoding: str = "utf-8",
    block_size: int | None = None,
    threads: bool = False,
    columns: list[int] | None = None,
) -> Iterator[Batch]:
    """Yield batches; with ``threads=True`` raise NeedRecordNumbers at the first ragged row
    (Arrow only reports record numbers single-threaded), so the caller can rescan.
    ``columns``: convert only these column positions (every row is still tokenised,
    so ragged rows and record numbers are unchanged)."""
    names = [f"c{i}" for i in range(n_columns)]
    invalid: list[tuple[int, str]] = []
    ragged_seen: list[bool] = []

    def handler(row: pacsv.InvalidRow) -> str:
        if threads or row.number is None:
            ragged_seen.append(True)
            return "error"
        invalid.append((row.number, row.text))
        return "skip"

    enc = encoding.lower().replace("_", "-")
    read_opts = pacsv.ReadOptions(
        skip_rows=1,
        column_names=names,
        block_size=block_size or BLOCK_SIZE,
        use_threads=threads,
        encoding="utf8" if enc in ("utf-8", "utf8", "ascii", "us-ascii") else encoding,
    )
    parse_opts = pacsv.ParseOptions(
        delimiter=delimiter,
        quote_char=quote_char or False,
        double_quote=double_quote,
        newlines_in_values=True,
        ignore_empty_lines=False,
        invalid_row_handler=handler,
    )
    conv_opts = pacsv.ConvertOptions(
        column_types={n: pa.large_string() for n in names},
        include_columns=[names[i] for i in columns] if columns is not None else None,
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    try:
        reader = pacsv.open_csv(
            path, read_options=read_opts, parse_options=parse_opts, convert_options=conv_opts
        )
    except pa.ArrowInvalid:
        if ragged_seen:
            raise NeedRecordNumbers() from None
        raise
    next_record = 2  # record number of the next valid-or-invalid row (header is 1)
    pending: list[tuple[int, str]] = []  # invalid rows reported by the parser, not placed yet
    while True:
        try:
            rb = reader.read_next_batch()
        except StopIteration:
            rb = None
        except pa.ArrowInvalid:
            if ragged_seen:
                raise NeedRecordNumbers() from None
            raise
        if ragged_seen:
            raise NeedRecordNumbers()
        out_names = names if columns is None else [names[i] for i in columns]
        frame = (
            pl.from_arrow(rb) if rb is not None else pl.DataFrame(schema={n: pl.String for n in out_names})
        )
        assert isinstance(frame, pl.DataFrame)
        n = frame.height
        # Arrow may parse ahead, so `pending` can hold rows belonging to later batches.
        pending.extend(invalid)
        invalid.clear()
        pending.sort()
        if rb is None and not pending:
            return
        shift_at = np.zeros(n + 1, dtype=np.int64)  # invalid rows just before valid row i
        ragged: list[RaggedRow] = []
        used = 0
        for j, (number, text) in enumerate(pending):
            before = number - next_record - j  # valid rows of this batch preceding it
            if before >= n and rb is not None:
                break
            shift_at[min(before, n)] += 1
            cells = next(
                csv.reader(
                    io.StringIO(text),
                    delimiter=delimiter,
                    quotechar=quote_char or None,
                    doublequote=double_quote,
                ),
                [],
            )
            ragged.append(RaggedRow(number, cells))
            used += 1
        del pending[:used]
        rows = next_record + np.arange(n, dtype=np.int64) + np.cumsum(shift_at)[:n]
        frame = frame.with_columns(pl.Series("_row", rows, dtype=pl.Int64))
        next_record += n + used
        yield Batch(frame, ragged)
        if rb is None:
            return


def coalesce(batches: Iterator[Batch], min_rows: int | None = None) -> Iterator[Batch]:
    """Join consecutive small batches (without copying) so per-batch overhead stays low."""
    min_rows = MIN_BATCH_ROWS if min_rows is None else min_rows
    frames: list[pl.DataFrame] = []
    ragged: list[RaggedRow] = []
    rows = 0
    for b in batches:
        frames.append(b.frame)
        ragged.extend(b.ragged)
        rows += b.frame.height
        if rows >= min_rows:
            yield Batch(pl.concat(frames, rechunk=False), ragged)
            frames, ragged, rows = [], [], 0
    if frames or ragged:
        yield Batch(pl.concat(frames, rechunk=False) if frames else pl.DataFrame(), ragged)


def prefetch(batches: Iterator[Batch], depth: int = 2) -> Iterator[Batch]:
    """Read the next batches in a background thread while the caller checks this one.

    Arrow's CSV parser releases the GIL, so on two cores parsing overlaps with the
    Polars screens.  ``depth`` bounds memory to a few batches.
    """
    import queue
    import threading

    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def work() -> None:
        try:
            for b in batches:
                if stop.is_set():
                    return
                q.put(b)
            q.put(done)
        except BaseException as exc:  # re-raised in the consumer
            q.put(exc)

    t = threading.Thread(target=work, name="csv-prefetch", daemon=True)
    t.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while t.is_alive():
            try:
                q.get_nowait()
            except queue.Empty:
                t.join(0.05)

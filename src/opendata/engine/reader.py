"""Batched CSV reading: Polars' streaming reader when it is safe, else PyArrow's.

Two readers yield the same batches (columns ``c0..c{n-1}`` as strings, ``_row``):

* **Polars** (``polars_batches``) runs the whole scan -- parsing *and* the screens --
  in its streaming engine on every core, several times faster than the Arrow path.
  But it reads some bytes differently from Python's ``csv`` module (which
  Frictionless uses): it fills a short row with ``""``, drops a delimiter that ends
  the file, treats a lone CR as nothing and is lenient with text after a closing
  quote.  So ``byte_shape`` first checks the raw bytes (lone CR, quotes that do not
  simply enclose a field, a final delimiter) and counts the delimiters outside
  quotes; a short row shows as missing delimiters after the last batch
  (``NeedRecordNumbers``: Arrow single-threaded numbers it), anything else Polars
  rejects as ``ReaderMismatch``; either way the caller reads the file again.
* **Arrow** (``read_batches``): every cell is read as a string, empty stays "".  Rows
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
import os
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import polars as pl

from . import head_start

if TYPE_CHECKING:
    import numpy as np
    import pyarrow.csv as pacsv

# numpy is imported in the functions that use it: the command's head start imports this
# module for ``polars_source`` and should not wait ~0.08 s for numpy before it scans

BLOCK_SIZE = 1 << 20  # Arrow's threaded reader parses several blocks ahead (memory: ~1 MiB each)
MIN_BATCH_ROWS = 100_000  # small Arrow batches are coalesced before the screens


class UnreadableCSV(Exception):
    """Arrow could not parse the file (undecodable bytes, an unbalanced quote at the end)."""


class ReaderMismatch(Exception):
    """The Polars reader met a row it may read differently from Python's csv module."""


class NeedRecordNumbers(Exception):
    """A ragged row was met by the multi-threaded reader, which cannot number it."""


def is_utf8(encoding: str) -> bool:
    """Whether the text is UTF-8 (ASCII is a subset), as both readers read it natively."""
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8", "ascii", "us-ascii")


@dataclass
class RaggedRow:
    row_number: int
    cells: list[str]


@dataclass
class Batch:
    frame: pl.DataFrame  # columns c0..c{n-1}, String, plus "_row" (Int64 record number)
    ragged: list[RaggedRow]


class _QuietUndecodableRows:
    """``sys.unraisablehook`` that drops what Arrow raises decoding the text of an invalid
    row for a ``read_batches`` handler (a row cut off in the middle of a letter, or pasted
    from windows-1251), before the handler is called.  Python printed it as "Exception
    ignored in … Traceback … UnicodeDecodeError" beside the message `validate` gives for
    those bytes; Arrow then fails the read as for any byte it cannot decode.  Anything
    else goes to the hook it replaced."""

    handlers: ClassVar[weakref.WeakSet] = weakref.WeakSet()

    def __init__(self, previous: Callable) -> None:
        self.previous = previous

    def __call__(self, unraisable) -> None:
        ours = any(unraisable.object is handler for handler in self.handlers)
        if not (ours and isinstance(unraisable.exc_value, UnicodeDecodeError)):
            self.previous(unraisable)

    @classmethod
    def watch(cls, handler: Callable) -> None:
        cls.handlers.add(handler)
        if not isinstance(sys.unraisablehook, cls):
            sys.unraisablehook = cls(sys.unraisablehook)


def read_batches(
    path: str,
    *,
    n_columns: int,
    delimiter: str = ",",
    quote_char: str = '"',
    encoding: str = "utf-8",
    block_size: int | None = None,
    threads: bool = False,
    columns: list[int] | None = None,
) -> Iterator[Batch]:
    """Yield batches; with ``threads=True`` raise NeedRecordNumbers at the first ragged row
    (Arrow only reports record numbers single-threaded), so the caller can rescan.
    ``columns``: convert only these column positions (every row is still tokenised,
    so ragged rows and record numbers are unchanged)."""
    import numpy as np
    import pyarrow as pa  # imported here: 0.1 s of start-up that the Polars path does not need
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(n_columns)]
    invalid: list[tuple[int, str]] = []
    ragged_seen: list[bool] = []

    def handler(row: pacsv.InvalidRow) -> str:
        if threads or row.number is None:
            ragged_seen.append(True)
            return "error"
        invalid.append((row.number, row.text))
        return "skip"

    _QuietUndecodableRows.watch(handler)

    read_opts = pacsv.ReadOptions(
        skip_rows=1,
        column_names=names,
        block_size=block_size or BLOCK_SIZE,
        use_threads=threads,
        encoding="utf8" if is_utf8(encoding) else encoding,
    )
    parse_opts = pacsv.ParseOptions(
        delimiter=delimiter,
        quote_char=quote_char or False,
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


# bytes byte_shape reads at a time: 167 MB took 0.058 s of CPU in 512 KiB windows,
# 0.105-0.131 s in 1-16 MiB ones (copied out of the page cache into memory the CPU's
# cache no longer holds) and 0.073-0.094 s in 128-256 KiB ones (more windows)
CHECK_WINDOW = 512 << 10
_FEW = 20_000  # up to this many quotes per window, find them one by one (memchr)


@dataclass
class ByteShape:
    """What one pass over the raw bytes says about reading the file with Polars."""

    polars_unsafe: str | None  # why Polars might misread the file; None: it reads it exactly
    delimiters: int  # delimiter bytes outside quoted fields (n - 1 per record when none is ragged)


def _dialect_reason(encoding: str, delimiter: str, quote_char: str) -> str | None:
    """Why Polars cannot read this dialect at all (no need to look at the bytes)."""
    if not is_utf8(encoding):
        return f"encoding {encoding}"
    if not (delimiter.isascii() and len(delimiter) == 1) or (quote_char and len(quote_char) != 1):
        return "delimiter or quote is not one ASCII byte"
    return None


def byte_shape_in_background(
    path: str, *, encoding: str, delimiter: str, quote_char: str
) -> Future[ByteShape]:
    """``byte_shape`` in a thread, so the Polars scan need not wait for it.

    The pass is over by the time Polars has read a few batches (it is ~10x faster
    than the parse and mostly releases the GIL); ``polars_batches`` asks for the
    verdict at every batch and waits for the count at the end.  A dialect Polars
    cannot read at all is answered at once."""
    future: Future[ByteShape] = Future()
    reason = _dialect_reason(encoding, delimiter, quote_char)
    if reason is not None:
        future.set_result(ByteShape(reason, 0))
        return future

    def run() -> None:
        try:
            future.set_result(
                byte_shape(
                    path,
                    encoding=encoding,
                    delimiter=delimiter,
                    quote_char=quote_char,
                )
            )
        except BaseException as exc:  # re-raised by whoever asks for the result
            future.set_exception(exc)

    threading.Thread(target=run, name="byte-shape", daemon=True).start()
    return future


def byte_shape(path: str, *, encoding: str, delimiter: str, quote_char: str) -> ByteShape:
    """Check the bytes Polars' reader could read differently from Python's csv module.

    Read a window at a time into one buffer (``find`` is memchr-fast).  Not
    memory-mapped: a file cut short while it is mapped kills the process (SIGBUS),
    and a program may save over the file meanwhile; a file that shrinks while it is
    read gets the verdict "the file changed while it was read" (the Arrow reader
    then reads it).  A carriage return must start a CRLF, the file must not end with
    a delimiter (Polars drops it silently; it would hide a short row).  Quotes must
    be RFC 4180 shaped:
    numbering them through the file, an even (opening) quote follows a delimiter, a
    line feed, the start of the file or a quote; an odd (closing) one precedes a
    delimiter, a line break, the end of the file or a quote; their count is even.
    """
    import numpy as np

    reason = _dialect_reason(encoding, delimiter, quote_char)
    if reason is not None:
        return ByteShape(reason, 0)
    delim, quote = ord(delimiter), ord(quote_char) if quote_char else None
    size = os.path.getsize(path)
    n_quotes = 0  # quotes before this window: the parity of the next one
    delimiters = 0
    prev = 10  # the byte before the window; the start of the file acts like a line feed
    window = bytearray(min(size, CHECK_WINDOW + 1))
    matches = np.empty(len(window), dtype=bool)  # the window's comparisons, reused
    with open(path, "rb") as fh:
        for offset in range(0, size, CHECK_WINDOW):
            length = min(CHECK_WINDOW + 1, size - offset)  # one byte of look-ahead
            stop = min(CHECK_WINDOW, length)  # this window's own bytes
            if os.preadv(fh.fileno(), [memoryview(window)[:length]], offset) != length:
                return ByteShape("the file changed while it was read", 0)
            if offset + stop == size and window[stop - 1] == delim:
                return ByteShape("the file ends with a delimiter", 0)  # Polars drops it
            cr = window.find(b"\r", 0, stop)
            while cr != -1:
                if cr + 1 >= length or window[cr + 1] != 10:
                    return ByteShape("a carriage return without a line feed", 0)
                cr = window.find(b"\r", cr + 2, stop)
            ahead = np.frombuffer(window, dtype=np.uint8, count=length)
            data = ahead[:stop]
            delimiters += int(np.count_nonzero(np.equal(data, delim, out=matches[:stop])))
            if quote is not None:
                where = _positions(window, data, quote, stop)
                inside = n_quotes % 2 == 1
                if len(where):
                    before = np.where(where > 0, data[np.maximum(where - 1, 0)], prev)
                    behind = np.where(where + 1 < length, ahead[np.minimum(where + 1, length - 1)], delim)
                    opening = (n_quotes + np.arange(len(where))) % 2 == 0
                    ok_open = (before == delim) | (before == 10) | (before == quote)
                    ok_close = (behind == delim) | (behind == 10) | (behind == 13) | (behind == quote)
                    if ((opening & ~ok_open) | (~opening & ~ok_close)).any():
                        return ByteShape("quotes that do not simply enclose a field", 0)
                    n_quotes += len(where)
                if len(where) or inside:
                    # quoted spans in this window: [opening, closing) pairs, cut at its edges
                    bounds = np.concatenate(([0] if inside else [], where, [stop] if n_quotes % 2 else []))
                    delimiters -= _count_between(data, bounds.astype(np.int64), delim)
            prev = window[stop - 1]
    if n_quotes % 2:
        return ByteShape("a quoted field is not closed", 0)
    return ByteShape(None, delimiters)


def _positions(window: bytearray, data: np.ndarray, byte: int, stop: int) -> np.ndarray:
    """Offsets of ``byte`` in the window: memchr while they are few, else numpy."""
    import numpy as np

    needle = bytes([byte])
    found: list[int] = []
    at = window.find(needle, 0, stop)
    while at != -1:
        found.append(at)
        if len(found) > _FEW:
            return np.flatnonzero(data == byte)
        at = window.find(needle, at + 1, stop)
    return np.array(found, dtype=np.int64)


def _count_between(data: np.ndarray, bounds: np.ndarray, byte: int) -> int:
    """How many ``byte`` lie inside the spans ``bounds[0]:bounds[1]``, ``bounds[2]:bounds[3]``, ..."""
    import numpy as np

    starts, ends = bounds[0::2], bounds[1::2]
    if len(starts) < 1_000:
        return sum(int(np.count_nonzero(data[a:b] == byte)) for a, b in zip(starts, ends, strict=True))
    at = np.flatnonzero(data == byte)
    return int((np.searchsorted(at, ends) - np.searchsorted(at, starts)).sum())


def polars_source(
    path: str, *, n_columns: int, delimiter: str, quote_char: str, columns: list[int] | None = None
) -> pl.LazyFrame:
    """The file's raw cells as Polars scans them: ``c0..c{n-1}`` as strings, and ``_row``."""
    # Polars' CSV source reads ahead in chunks sized to the file (hundreds of MiB held
    # for a 5 GB file); 8 MiB chunks are as fast and keep ~200 MiB less resident.  An
    # undocumented setting, read when a scan starts; a value set by the user wins.
    os.environ.setdefault("POLARS_CSV_CHUNK_SIZE", str(8 << 20))
    names = [f"c{i}" for i in range(n_columns)]
    lf = pl.scan_csv(
        os.path.abspath(path),  # as a head start names it (``head_start.claim`` compares queries)
        has_header=True,
        new_columns=names,
        infer_schema=False,
        empty_string_is_null=False,
        truncate_ragged_lines=False,
        raise_if_empty=False,
        separator=delimiter,
        quote_char=quote_char or None,
    )
    if columns is not None:
        lf = lf.select([names[i] for i in columns])
    return lf.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))


def polars_batches(
    path: str,
    *,
    n_columns: int,
    delimiter: str,
    quote_char: str,
    shape: Future[ByteShape],
    evaluate: Callable[[pl.LazyFrame], pl.LazyFrame],
    columns: list[int] | None = None,
) -> Iterator[Batch]:
    """Stream the file through Polars, ``evaluate`` (the screens) included.

    ``shape`` is the file's ``byte_shape``, still running when the scan starts: once
    it says Polars may misread the file, the next batch raises ReaderMismatch.
    Polars pads a short row (or an empty line) with "" where Python's csv module sees
    fewer cells, and drops a delimiter at the very end of the file.  Both show in one
    sum: the file's delimiters outside quotes equal ``n - 1`` per record exactly when
    no record is short.  A mismatch, found after the last batch, raises
    ReaderMismatch, as does a file Polars rejects (e.g. a long row).

    The batches of a head start (``head_start.begin``) are taken over when its query
    is this one."""
    query = evaluate(
        polars_source(path, n_columns=n_columns, delimiter=delimiter, quote_char=quote_char, columns=columns)
    )
    records = 1  # the header
    try:
        for frame in head_start.claim(query) or query.collect_batches(chunk_size=MIN_BATCH_ROWS):
            if shape.done() and shape.result().polars_unsafe is not None:
                raise ReaderMismatch()
            records += frame.height
            yield Batch(frame, [])
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException) as exc:  # a panic is no Exception
        raise ReaderMismatch() from exc
    verdict = shape.result()
    if verdict.polars_unsafe is not None:
        raise ReaderMismatch()
    delimiters = verdict.delimiters
    expected = records * (n_columns - 1)
    if expected > delimiters:  # short rows: ragged rows that only the serial Arrow reader numbers
        raise NeedRecordNumbers()
    if expected != delimiters:
        raise ReaderMismatch()


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

"""The Polars reader either reads a file exactly as Python's csv module does, or says so.

Frictionless reads CSV with Python's ``csv`` module.  Polars' reader differs on short
rows, empty lines, lone carriage returns, a trailing delimiter and text after a
closing quote; ``byte_shape`` and ``polars_batches`` must catch every such file (the
scan then reads it with Arrow).  Hypothesis writes files from exactly those bytes.
"""

from __future__ import annotations

import csv
import io
import os
from concurrent.futures import Future
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.engine import table
from opendata.engine.reader import (
    NeedRecordNumbers,
    ReaderMismatch,
    byte_shape,
    byte_shape_in_background,
    polars_batches,
)

PIECES = ["a", "b", "я", " ", ",", '"', "\n", "\r", "\r\n", '""', ",,"]


def polars_rows(path: Path, n_columns: int) -> list[list[str]] | None:
    """Rows as the Polars path yields them, or None when it declines or gives up."""
    shape = byte_shape_in_background(
        str(path), encoding="utf-8", delimiter=",", quote_char='"'
    )
    names = [f"c{i}" for i in range(n_columns)]
    try:
        frames = [
            b.frame
            for b in polars_batches(
                str(path),
                n_columns=n_columns,
                delimiter=",",
                quote_char='"',
                shape=shape,
                evaluate=lambda lf: lf,
            )
        ]
    except (ReaderMismatch, NeedRecordNumbers):
        return None
    rows: list[list[str]] = []
    expected_row = 2
    for frame in frames:
        for record in frame.select("_row", *names).iter_rows():
            assert record[0] == expected_row  # record numbers count from the header's 1
            expected_row += 1
            rows.append(list(record[1:]))
    return rows


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n_columns=st.integers(1, 3),
    crlf=st.booleans(),
    body=st.lists(st.sampled_from(PIECES), max_size=25),
)
def test_polars_path_reads_like_python_csv_or_declines(tmp_path, n_columns, crlf, body):
    header = ",".join(f"h{i}" for i in range(n_columns)) + ("\r\n" if crlf else "\n")
    text = header + "".join(body)
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode())
    got = polars_rows(path, n_columns)
    if got is None:
        return
    expected = list(csv.reader(io.StringIO(text, newline="")))[1:]
    # an empty line is [] for Python and one empty cell for Polars: both are a blank row
    # only in a one-column file, where Frictionless reports them the same way
    expected = [r if r or n_columns > 1 else [""] for r in expected]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a,b\n1,2\r3,4\n", "a carriage return without a line feed"),
        ('a,b\n1,x"y\n', "quotes that do not simply enclose a field"),
        ('a,b\n1,"x"y\n', "quotes that do not simply enclose a field"),
        ('a,b\n1,"x\n', "a quoted field is not closed"),
        ("a,b\n\n1,2,", "the file ends with a delimiter"),
    ],
)
def test_byte_shape_names_what_polars_would_misread(tmp_path, text, reason):
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode())
    shape = byte_shape(str(path), encoding="utf-8", delimiter=",", quote_char='"')
    assert shape.polars_unsafe == reason


def test_byte_shape_counts_delimiters_outside_quotes(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b'a,b,c\n1,"x,y",3\r\n"",,"a\n,"\n')
    shape = byte_shape(str(path), encoding="utf-8", delimiter=",", quote_char='"')
    assert (shape.polars_unsafe, shape.delimiters) == (None, 6)


def test_byte_shape_of_a_file_cut_short_while_it_is_read(tmp_path, monkeypatch):
    """A program may save over the table while it is checked: that is a verdict (the
    Arrow reader then reads what is there), never a crash, as a memory-mapped file cut
    short would be (SIGBUS: it once killed this test suite's Hypothesis test, whose next
    example rewrote the file under the last one's check)."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 400_000)  # 1.6 MB: several windows
    reads = []
    real_preadv = os.preadv

    def read_then_cut(fd, buffers, offset):
        got = real_preadv(fd, buffers, offset)
        reads.append(got)
        os.truncate(path, offset + got + 3)  # the rest of the file is gone
        return got

    monkeypatch.setattr(os, "preadv", read_then_cut)
    shape = byte_shape(str(path), encoding="utf-8", delimiter=",", quote_char='"')
    assert shape.polars_unsafe == "the file changed while it was read"
    assert len(reads) == 2  # the first window whole, the second cut short


def verdict(shape: table.ByteShape) -> Future:
    future: Future = Future()
    future.set_result(shape)
    return future


def test_a_late_verdict_against_polars_still_stops_the_scan(tmp_path):
    """The byte check runs beside the scan: batches already read do not make it count."""
    path = tmp_path / "t.csv"
    path.write_bytes(b"a,b\n1,2\n")
    pending: Future = Future()
    batches = polars_batches(str(path), n_columns=2, delimiter=",", quote_char='"', shape=pending,
                             evaluate=lambda lf: lf)
    assert next(batches).frame.height == 1
    pending.set_result(table.ByteShape("a carriage return without a line feed", 0))
    with pytest.raises(ReaderMismatch):
        next(batches)


def test_byte_shape_across_windows(tmp_path, monkeypatch):
    # quoted fields and CRLFs cut by the window edges are still read as one
    import mmap

    from opendata.engine import reader

    monkeypatch.setattr(reader, "CHECK_WINDOW", mmap.ALLOCATIONGRANULARITY)
    text = 'a,b\r\n' + '"x,\r\n""y",2\r\n' * 1000  # 13 bytes a record: every cut differs
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode())
    shape = byte_shape(str(path), encoding="utf-8", delimiter=",", quote_char='"')
    assert (shape.polars_unsafe, shape.delimiters) == (None, 1001)
    (tmp_path / "u.csv").write_bytes(text.replace('""y', '"y').encode())
    bad = byte_shape(str(tmp_path / "u.csv"), encoding="utf-8", delimiter=",", quote_char='"')
    assert bad.polars_unsafe is not None


def readers_used(monkeypatch) -> list[str]:
    used: list[str] = []
    scan = table._scan

    def recording(op, **kw):
        used.append(kw["reader"])
        return scan(op, **kw)

    monkeypatch.setattr(table, "_scan", recording)
    return used


def test_plain_file_is_read_by_polars_and_a_short_row_by_arrow(same, monkeypatch):
    schema = {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "string"}]}
    used = readers_used(monkeypatch)
    same("a,b\n1,x\n2,\n3,y\n", schema)
    assert used == ["polars"]
    used.clear()
    res = same("a,b\n1,x\n2\n3,y\n", schema)  # row 3 is short: Polars would pad it with ""
    assert used == ["polars", "arrow-serial"]  # the count of delimiters says "short row"
    assert [(e.type, e.row_number) for e in res.errors] == [("missing-cell", 3)]


def test_lone_cr_file_is_read_by_arrow(same, monkeypatch):
    # Polars may start before the byte check has answered; its batches are then dropped
    used = readers_used(monkeypatch)
    same("a,b\r1,x\r2,y\r", {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "string"}]})
    assert used[-1] == "arrow" and set(used) <= {"polars", "arrow"}


def test_each_reader_matches_frictionless(same, monkeypatch):
    text = "id,v\n1,2024-02-29\n2,2023-02-29\n2,x\n,\n5,2024-01-01\n"
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "v", "type": "date", "constraints": {"minimum": "2024-01-01"}}],
              "primaryKey": ["id"]}
    used = readers_used(monkeypatch)
    by_polars = same(text, schema)
    forced = verdict(table.ByteShape("forced", 0))
    monkeypatch.setattr(table, "byte_shape_in_background", lambda *a, **k: forced)
    by_arrow = same(text, schema)
    assert used == ["polars", "arrow"]
    assert [e.key() for e in by_polars.errors] == [e.key() for e in by_arrow.errors]
    assert [(e.type, e.row_number) for e in by_polars.errors] == [
        ("type-error", 3), ("type-error", 4), ("primary-key", 4), ("blank-row", 5), ("primary-key", 5)]

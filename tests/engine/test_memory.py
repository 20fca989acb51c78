"""Bounded memory: key checks (hash + confirmation pass), early error truncation, and
errors spilled to disk."""

from __future__ import annotations

import gc
import json
import os
import tempfile
from pathlib import Path

import frictionless
import polars as pl
import pytest
from engine_helpers import assert_same, make_resource

from opendata.engine import SpilledErrors, reference_errors, validate_resource
from opendata.engine import keys as keys_mod
from opendata.engine import order as order_mod
from opendata.engine import reader as reader_mod
from opendata.engine.workload import generate

PK_UNIQUE = {
    "fields": [
        {"name": "id", "type": "integer"},
        {"name": "code", "type": "string", "constraints": {"unique": True}},
        {"name": "amount", "type": "number", "constraints": {"unique": True}},
        {"name": "day", "type": "date"},
    ],
    "primaryKey": ["id", "day"],
}
TEXT = (
    "id,code,amount,day\n"
    "1,a,1.5,2024-01-01\n"
    "2,b,1.50,2024-01-01\n"
    "01,c,2,2024-01-01\n"
    ",,,\n"
    "3,a,x,2024-01-02\n"
    ",d,3,\n"
    "1,e,4,2024-1-1\n"
    "4,f,5,2024-01-03,extra\n"
    "5\n"
    "\n"
    ",d,3,\n"
    "6,g,6e0,2024-01-04\n"
    "7,h,6,2024-01-05\n"
)


def _constant_hash(kcols):
    return pl.lit(42, dtype=pl.UInt64)


@pytest.fixture(autouse=True)
def _always_hash(monkeypatch):
    """Switch to hashed keys at the first batch (by default only past 64 MiB of keys)."""
    from opendata.engine import table as table_mod

    monkeypatch.setattr(table_mod, "KEY_BUDGET", 0)


@pytest.mark.parametrize("on_disk", [False, True])
@pytest.mark.parametrize("collide", [False, True])
def test_hashed_keys_match_reference(tmp_path, monkeypatch, collide, on_disk):
    if collide:  # every key collides: the exact confirmation alone must decide
        monkeypatch.setattr(keys_mod, "key_hash", _constant_hash)
    if on_disk:  # every batch's hashes go to disk, and the errors too
        monkeypatch.setattr(keys_mod, "HASH_BUDGET", 0)
        monkeypatch.setattr(order_mod, "SPILL_AT", 1)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    res = make_resource(tmp_path, TEXT, PK_UNIQUE)
    result = assert_same(res)
    assert result.engine == "fast"
    assert isinstance(result.errors, SpilledErrors) == on_disk
    assert {"unique-error", "primary-key"} <= {e.type for e in result.errors}
    # the repeated key's values, for the messages (not in ``key()``), parsed: "01" is 1
    # and "2024-1-1" is 2024-01-01, so rows 4 and 8 both repeat row 2's key
    assert [e.key_values for e in result.errors if e.key_values] == [("1", "2024-01-01")] * 2
    assert [e.key_values for e in result.errors] == [e.key_values for e in reference_errors(res)]


def test_forced_collisions_create_no_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(keys_mod, "key_hash", _constant_hash)
    seen = []
    real = keys_mod.KeyHashes.candidates
    monkeypatch.setattr(keys_mod.KeyHashes, "candidates", lambda self: seen.append(1) or real(self))
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "s", "type": "string",
              "constraints": {"unique": True}}], "primaryKey": ["id"]}
    res = make_resource(tmp_path, "id,s\n" + "".join(f"{i},v{i}\n" for i in range(1, 300)), schema)
    result = validate_resource(res, allow_fallback=False)
    assert result.errors == [] and result.row_count == 299
    assert seen  # the hashed path was taken


def test_small_file_keeps_exact_keys(tmp_path, monkeypatch):
    from opendata.engine import table as table_mod

    monkeypatch.setattr(table_mod, "KEY_BUDGET", 64 << 20)
    monkeypatch.setattr(keys_mod.KeyHashes, "candidates", lambda self: pytest.fail("hashed"))
    assert_same(make_resource(tmp_path, TEXT, PK_UNIQUE))


@pytest.mark.parametrize("fail_at", [1, 4, 9, 30])
def test_hashes_stay_in_memory_when_the_disk_refuses(tmp_path, monkeypatch, caplog, fail_at):
    """A write that fails (disk full) at once, or half-way through a batch's parts
    (even between a part's hashes and its record numbers), loses no key: the batch
    stays in memory, what was written whole only adds candidates, cleared by the
    exact check, and a torn part is not read."""
    monkeypatch.setattr(keys_mod, "HASH_BUDGET", 0)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    writes = []
    real_stream = keys_mod._PartFiles._stream

    class Refusing:
        def __init__(self, stream):
            self.stream = stream

        def write(self, data):
            writes.append(len(data))
            if len(writes) >= fail_at:
                self.stream.write(bytes(data)[:-1])  # torn: all but its last byte
                raise OSError(28, "No space left on device")
            return self.stream.write(data)

        def flush(self):
            self.stream.flush()

    monkeypatch.setattr(keys_mod._PartFiles, "_stream", lambda self, *key: Refusing(real_stream(self, *key)))
    assert_same(make_resource(tmp_path, TEXT, PK_UNIQUE))
    assert len(writes) == fail_at  # no write after the refusal
    assert "No space left on device" in caplog.text


def test_hash_files_go_with_the_scan(tmp_path, monkeypatch):
    monkeypatch.setattr(keys_mod, "HASH_BUDGET", 0)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    made = []
    real_init = keys_mod._PartFiles.__init__
    monkeypatch.setattr(keys_mod._PartFiles, "__init__",
                        lambda self, names: real_init(self, names) or made.append(self.directory))
    resource = make_resource(tmp_path, TEXT, PK_UNIQUE)
    assert_same(resource)
    gc.collect()
    assert made and not any(os.path.exists(d) for d in made)


def test_candidates_are_only_shared_hashes(tmp_path):
    """Rows of shared hashes, and the primary key's all-null rows (a unique field's
    empty cells are not kept: they are never duplicates)."""
    frames = [pl.DataFrame({"_row": [2, 3, 4, 5], "k0": ["a", "b", "a", None]}),
              pl.DataFrame({"_row": [7, 9], "k0": ["c", "b"]})]
    unique, primary = keys_mod.KeyHashes([("u0", [0])]), keys_mod.KeyHashes([(keys_mod.PRIMARY_KEY, [0])])
    for h in (unique, primary):
        for frame in frames:
            h.add(frame)
    assert unique.candidates().tolist() == [2, 3, 4, 9]
    assert primary.candidates().tolist() == [2, 3, 4, 5, 9]
    assert unique.nbytes() == 5 * 8 + 2 * 4  # hashes; the 2nd chunk's rows
    assert primary.nbytes() == 5 * 8 + 2 * 4 + 8  # and one all-null row


@pytest.mark.parametrize("on_disk", [False, True])
@pytest.mark.parametrize("collide", [False, True])
def test_workload_with_hashed_keys(tmp_path, monkeypatch, collide, on_disk):
    if collide:
        monkeypatch.setattr(keys_mod, "key_hash", _constant_hash)
    if on_disk:
        monkeypatch.setattr(keys_mod, "HASH_BUDGET", 0)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 500)
    path = generate(tmp_path / "w.csv", 3_000, 0.02, seed=3)
    schema = frictionless.Schema.from_descriptor(json.loads(path.with_suffix(".schema.json").read_text()))
    res = frictionless.Resource(path=path.name, basepath=str(tmp_path), schema=schema)
    result = assert_same(res)
    assert "primary-key" in {e.type for e in result.errors}


@pytest.mark.parametrize("limit", [1, 3, 7, 40])
def test_limit_errors_truncates_while_streaming(tmp_path, monkeypatch, limit):
    from opendata.engine import table as table_mod

    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 5)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    monkeypatch.setattr(table_mod, "PRUNE_MIN", 4)
    kept = []
    real_prune = table_mod.ScanResult.prune

    def spy(self):
        real_prune(self)
        kept.append(len(self.errors))

    monkeypatch.setattr(table_mod.ScanResult, "prune", spy)
    rows = "".join(
        f"{i % 37},{'x' if i % 3 == 0 else i},{'' if i % 11 == 0 else 'a'}\n" for i in range(1, 400)
    )
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "integer"},
                         {"name": "s", "type": "string", "constraints": {"required": True}}],
              "primaryKey": ["id"]}
    res = make_resource(tmp_path, "id,v,s\n" + rows + "1,2\n", schema)
    got = validate_resource(res, limit_errors=limit, allow_fallback=False).errors
    want = reference_errors(res, limit_errors=limit)
    assert [e.key() for e in got] == [e.key() for e in want]
    assert len(got) == limit
    assert kept and max(kept) <= 3 * limit  # at most 3 errors per row; never all ~170


@pytest.mark.parametrize("spill_at", [1, 2, 4])
def test_spilled_errors_match_reference(tmp_path, monkeypatch, spill_at):
    """Between batches, past SPILL_AT errors, the log writes them to disk in order;
    key errors, found last for early rows, are merged in.  Blank and ragged rows too."""
    monkeypatch.setattr(order_mod, "SPILL_AT", spill_at)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    result = assert_same(make_resource(tmp_path, TEXT, PK_UNIQUE))
    assert isinstance(result.errors, SpilledErrors)
    assert [p.rsplit("/", 1)[-1] for p in result.errors.paths] == ["merged.pickle"]
    assert len(result.errors) == len(list(result.errors)) == len(list(result.errors))  # re-iterable


def test_a_batch_with_too_many_errors_spills_inside_it(tmp_path, monkeypatch):
    """One batch (the whole file) past 4 × SPILL_AT errors: runs split its rows, and
    are merged."""
    monkeypatch.setattr(order_mod, "SPILL_AT", 2)
    spills = []
    real_spill = order_mod.ErrorLog._spill

    def spill(log):
        spills.append(len(log.errors))
        real_spill(log)

    monkeypatch.setattr(order_mod.ErrorLog, "_spill", spill)
    schema = {"fields": [{"name": n, "type": "integer"} for n in "abc"], "primaryKey": ["a"]}
    result = assert_same(make_resource(tmp_path, "a,b,c\n" + "x,y,z\n" * 5 + "1,2,3\n" * 2, schema))
    assert isinstance(result.errors, SpilledErrors) and result.errors.paths[0].endswith("merged.pickle")
    assert spills[0] == 8  # inside the batch, not at its end


def test_spilled_runs_of_disjoint_rows_are_read_in_turn(tmp_path, monkeypatch):
    monkeypatch.setattr(order_mod, "SPILL_AT", 10)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 20)
    schema = {"fields": [{"name": "n", "type": "integer"}, {"name": "d", "type": "date"},
                         {"name": "s", "type": "string", "constraints": {"required": True}}]}
    rows = "".join(f"{'x' if i % 2 else i},{'2024-13-01' if i % 3 else '2024-01-01'},{'' if i % 5 else 's'}\n"
                   for i in range(1, 200))
    result = assert_same(make_resource(tmp_path, "n,d,s\n" + rows + ",,\n", schema))
    assert isinstance(result.errors, SpilledErrors) and len(result.errors.paths) > 3
    assert all(p.rsplit("/", 1)[-1].startswith("run-") for p in result.errors.paths)


@pytest.mark.parametrize("limit", [0, 250])
def test_spilled_workload_matches_reference(tmp_path, monkeypatch, limit):
    monkeypatch.setattr(order_mod, "SPILL_AT", 100)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 200)
    path = generate(tmp_path / "w.csv", 1_500, 0.05, seed=11)
    schema = frictionless.Schema.from_descriptor(json.loads(path.with_suffix(".schema.json").read_text()))
    res = frictionless.Resource(path=path.name, basepath=str(tmp_path), schema=schema)
    got = validate_resource(res, limit_errors=limit, allow_fallback=False).errors
    want = reference_errors(res, limit_errors=limit)
    assert isinstance(got, SpilledErrors) and len(got) == len(want) > 100
    assert [e.key() for e in got] == [e.key() for e in want]


@pytest.fixture
def spill_dir(tmp_path, monkeypatch):
    """The temporary folder the errors' runs go to; a run every 2 errors, 3-row batches."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(order_mod, "SPILL_AT", 2)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    return folder


def test_spilled_errors_leave_no_files(tmp_path, spill_dir):
    """Runs go once merged; what is left goes with the result."""
    result = validate_resource(make_resource(tmp_path, TEXT, PK_UNIQUE), allow_fallback=False)
    [folder] = spill_dir.iterdir()
    assert folder.name.startswith("opendata-errors-")
    assert [f.name for f in folder.iterdir()] == ["merged.pickle"]
    assert len(result.errors) > 2
    del result
    gc.collect()
    assert not any(spill_dir.iterdir())


@pytest.mark.parametrize("refuse_from", [1, 3])
def test_a_disk_that_refuses_the_errors_loses_none(tmp_path, monkeypatch, spill_dir, refuse_from):
    """Disk full at the first run (errors stay in memory) or later (the runs written
    are read back when the last one cannot be)."""
    real_write = order_mod.write_column_chunks
    writes = []

    def write(path, chunks):
        writes.append(path)
        if len(writes) >= refuse_from:
            with open(path, "wb") as stream:
                stream.write(b"partial")
            raise OSError(28, "No space left on device")
        real_write(path, chunks)

    monkeypatch.setattr(order_mod, "write_column_chunks", write)
    result = assert_same(make_resource(tmp_path, TEXT, PK_UNIQUE))
    assert isinstance(result.errors, list) and len(writes) >= refuse_from
    gc.collect()
    assert not any(spill_dir.iterdir())


PAYMENTS = (
    "id,city,zip,rate\n"
    "1,kyiv,1,1.5\n"
    "2,lviv,02,2.50\n"
    "3,odesa,3,1.5\n"  # no such city
    "4,kyiv,9,1.5\n"  # the city exists, the (city, zip) pair does not
    "5,,,\n"  # nothing to look up
    "6,lviv,,2.5\n"  # a partly empty pair is looked up with None
    "7,kyiv,1,3\n"  # no such rate
    "\n"
    "8,odesa\n"  # ragged: read by Frictionless' Row
    "1,kyiv,1,1.5\n"  # a duplicate primary key
    "9,lviv,x,1.50\n"  # a type error in the pair
    "10,kyiv,1,1.5,extra\n"
    "11,odesa,3,7e0\n"
)
PAYMENTS_SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer"},
        {"name": "city", "type": "string"},
        {"name": "zip", "type": "integer"},
        {"name": "rate", "type": "number"},
    ],
    "primaryKey": ["id"],
    "foreignKeys": [
        {"fields": ["city"], "reference": {"resource": "cities", "fields": ["code"]}},
        {"fields": ["city", "zip"], "reference": {"resource": "cities", "fields": ["code", "zip"]}},
        {"fields": ["rate"], "reference": {"resource": "rates", "fields": ["value"]}},
    ],
}


def _payments_package(tmp_path) -> frictionless.Package:
    payments = make_resource(tmp_path, PAYMENTS, PAYMENTS_SCHEMA, name="payments")
    cities = make_resource(tmp_path, "code,zip\nkyiv,1\nlviv,2\nlviv,\n", name="cities", schema={
        "fields": [{"name": "code", "type": "string"}, {"name": "zip", "type": "integer"}]})
    rates = make_resource(tmp_path, "value\n1.50\n2.5\n7\n", name="rates",
                          schema={"fields": [{"name": "value", "type": "number"}]})
    return frictionless.Package(resources=[payments, cities, rates], basepath=str(tmp_path))


@pytest.mark.parametrize("spill_at", [2, 1000])
def test_foreign_keys_to_other_resources_are_looked_up_batch_by_batch(tmp_path, monkeypatch, spill_at):
    """A foreign key to another resource is looked up as the batches stream, so the
    referencing table keeps no keys for it: only its primary key's, hashed here
    (by default past KEY_BUDGET), as for a table without foreign keys."""
    from opendata.engine import table as table_mod

    monkeypatch.setattr(order_mod, "SPILL_AT", spill_at)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    hashed, kept = [], []
    real_candidates, real_key_checks = keys_mod.KeyHashes.candidates, table_mod.key_checks
    monkeypatch.setattr(keys_mod.KeyHashes, "candidates",
                        lambda self: hashed.append(self.specs) or real_candidates(self))

    def key_checks(op, res):
        kept.append(res.keys.columns)
        return real_key_checks(op, res)

    monkeypatch.setattr("opendata.engine.resource.key_checks", key_checks)
    package = _payments_package(tmp_path)
    result = assert_same(package.get_resource("payments"), package=package)
    assert [e.row_number for e in result.errors if e.type == "foreign-key"] == [4, 4, 5, 8, 10, 10, 14, 14]
    assert hashed == [[("pk", ["k0"])]]
    assert kept == [["_row", "k0"]]  # the primary key only


@pytest.mark.parametrize("fail_at", [None, 1, 2])
def test_another_resources_tuples_past_the_budget_wait_on_disk(tmp_path, monkeypatch, caplog, fail_at):
    """Too many to hold (past JOIN_BUDGET), the tuples that a foreign key refers to in
    another resource are read to disk, split by hash, and the table's tuples join
    them part by part at the end of the scan. A disk that refuses, at once or
    part-way, keeps the rest in memory. The report is Frictionless' either way."""
    monkeypatch.setattr(keys_mod, "JOIN_BUDGET", 0)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    joined, writes = [], []
    real_missing, real_write_ipc = keys_mod.KeyJoin.missing, pl.DataFrame.write_ipc
    monkeypatch.setattr(keys_mod.KeyJoin, "missing",
                        lambda self: joined.append(self.tcols) or real_missing(self))

    def write_ipc(frame, path, *args, **kwargs):
        writes.append(path)
        if fail_at is not None and len(writes) >= fail_at:
            raise OSError(28, "No space left on device")
        return real_write_ipc(frame, path, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_ipc", write_ipc)
    package = _payments_package(tmp_path)
    result = assert_same(package.get_resource("payments"), package=package)
    assert [e.row_number for e in result.errors if e.type == "foreign-key"] == [4, 4, 5, 8, 10, 10, 14, 14]
    # refused at once, a key's tuples are looked up batch by batch, as when they are few;
    # refused at the second file, the first key's tuples are already on disk and are
    # joined, and the other keys' stay in memory
    assert sorted(joined) == {None: [["k1"], ["k1", "k2"], ["k3"]], 1: [], 2: [["k1"]]}[fail_at]
    assert ("No space left on device" in caplog.text) == (fail_at is not None)
    gc.collect()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("opendata-join-")]


def test_many_referenced_tuples_are_joined_once_at_the_end(tmp_path, monkeypatch):
    """Past LOOKUP_MAX_TUPLES distinct tuples, a foreign key is joined once at the end
    of the scan, in memory under JOIN_BUDGET: a lookup builds its set again for every
    batch (20M transfers naming one of 10M accounts took 20 minutes that way).
    Here "city" names 2 distinct codes, and is looked up; (city, zip) names 3 pairs
    and "rate" 3 values, and are joined."""
    monkeypatch.setattr(keys_mod, "LOOKUP_MAX_TUPLES", 2)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    joined = []
    real_missing = keys_mod.KeyJoin.missing
    monkeypatch.setattr(keys_mod.KeyJoin, "missing",
                        lambda self: joined.append((self.tcols, self.on_disk)) or real_missing(self))
    package = _payments_package(tmp_path)
    result = assert_same(package.get_resource("payments"), package=package)
    assert [e.row_number for e in result.errors if e.type == "foreign-key"] == [4, 4, 5, 8, 10, 10, 14, 14]
    assert sorted(joined) == [(["k1", "k2"], False), (["k3"], False)]


@pytest.mark.parametrize("store", ["lookup", "join", "join on disk"])
@pytest.mark.parametrize("giving_up", ["cities.csv", "payments.csv"])
def test_a_pass_that_gives_up_leaves_nothing_behind(tmp_path, monkeypatch, giving_up, store):
    """The Polars reader may give up part-way (ReaderMismatch), and another reader
    reads the file again: what the pass that gave up read goes with it, so a
    referenced tuple it misread cannot hide an error, nor a row it misread make one
    (here its first batch names every city "odesa", or every payment's city "ghost")."""
    from opendata.engine import table as table_mod

    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    if store != "lookup":
        monkeypatch.setattr(keys_mod, "LOOKUP_MAX_TUPLES", 0)
    if store == "join on disk":
        monkeypatch.setattr(keys_mod, "JOIN_BUDGET", 0)
    real = table_mod.polars_batches

    passes_given_up = []

    def misreading(path, **kwargs):
        for batch in real(path, **kwargs):
            if path.endswith(giving_up):
                passes_given_up.append(giving_up)
                misread = {"cities.csv": ("k0", "odesa"), "payments.csv": ("k1", "ghost")}[giving_up]
                frame = batch.frame.with_columns(pl.lit(misread[1]).alias(misread[0]))
                yield reader_mod.Batch(frame, batch.ragged)
                raise reader_mod.ReaderMismatch()
            yield batch

    monkeypatch.setattr(table_mod, "polars_batches", misreading)
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "city", "type": "string"}],
              "foreignKeys": [{"fields": ["city"], "reference": {"resource": "cities", "fields": ["code"]}}]}
    payments = make_resource(tmp_path, "id,city\n1,kyiv\n2,odesa\n3,lviv\n4,odesa\n5,kyiv\n6,x\n", schema,
                             name="payments")
    cities = make_resource(tmp_path, "code\nkyiv\nlviv\n", name="cities",
                           schema={"fields": [{"name": "code", "type": "string"}]})
    package = frictionless.Package(resources=[payments, cities], basepath=str(tmp_path))
    result = assert_same(package.get_resource("payments"), package=package)
    assert [e.row_number for e in result.errors] == [3, 5, 7]
    assert passes_given_up == [giving_up]


@pytest.mark.parametrize("store", ["memory", "disk", "disk, parts split again", "disk, one hash"])
def test_a_foreign_key_to_the_resource_itself_is_joined_by_parts(tmp_path, monkeypatch, store):
    """Both sides wait for the end of the scan (a row may name one further down): in
    memory, or past JOIN_BUDGET on disk, split by hash and joined part by part; a
    part with more than PART_ROWS rows is split again by the hash's next bits, down
    to MAX_JOIN_LEVEL (where every tuple has the same hash, it is joined whole
    there). The primary key is hashed beside it, and the files go with the scan."""
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    levels = []
    real_init = keys_mod.KeyJoin.__init__

    def init(self, *args, level=0, **kwargs):
        levels.append(level)
        real_init(self, *args, level=level, **kwargs)

    monkeypatch.setattr(keys_mod.KeyJoin, "__init__", init)
    if store != "memory":
        monkeypatch.setattr(keys_mod, "JOIN_BUDGET", 0)
    if store != "disk":
        monkeypatch.setattr(keys_mod, "PART_ROWS", 4)
    if store == "disk, one hash":
        monkeypatch.setattr(keys_mod, "key_hash", _constant_hash)
    hashed = []
    real = keys_mod.KeyHashes.candidates
    monkeypatch.setattr(keys_mod.KeyHashes, "candidates", lambda self: hashed.append(1) or real(self))
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"},
                         {"name": "code", "type": "string"}, {"name": "up", "type": "string"},
                         {"name": "rate", "type": "number"}, {"name": "base", "type": "number"}],
              "primaryKey": ["id"],
              "foreignKeys": [
                  {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}},
                  {"fields": ["up", "base"], "reference": {"resource": "", "fields": ["code", "rate"]}}]}
    rows = "".join(f"{i},{i + 2 if i % 4 else ''},c{i},c{i + 1 if i % 5 else 9},{i}.5,{i + 1}.50\n"
                   for i in range(1, 30))
    text = "id,parent,code,up,rate,base\n" + rows + "30,99,c30,,1,\n\n31,x\n2,1,c2,c1,1.5,1.5\n"
    result = assert_same(make_resource(tmp_path, text, schema))
    fk_errors = [(e.row_number, e.note.split(":")[0]) for e in result.errors if e.type == "foreign-key"]
    assert fk_errors == [(r, 'for "up, base"') for r in (6, 11, 16, 21, 26, 30)] + [(31, 'for "parent"')]
    assert hashed == [1]
    deepest = {"memory": (0, 0), "disk": (0, 0), "disk, parts split again": (1, 2),
               "disk, one hash": (3, 3)}[store]
    assert deepest[0] <= max(levels) <= deepest[1]
    gc.collect()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("opendata-join-")]


@pytest.mark.parametrize("limit", [1, 3, 6])
def test_foreign_key_errors_found_while_streaming_respect_the_limit(tmp_path, monkeypatch, limit):
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    package = _payments_package(tmp_path)
    resource = package.get_resource("payments")
    got = validate_resource(resource, package=package, limit_errors=limit, allow_fallback=False).errors
    want = reference_errors(resource, package=package, limit_errors=limit)
    assert [e.key() for e in got] == [e.key() for e in want]


def test_frictionless_does_not_read_the_referenced_rows_when_the_engine_opens_a_table(tmp_path, monkeypatch):
    """Opened with foreign keys, Frictionless builds its lookup: it reads every row they
    refer to, in Python (a whole pass over the table for a key to itself; 2M rows
    took 30 s and 1.1 GB). The engine checks foreign keys itself, so it opens the
    resource without them; the caller's resource keeps them."""
    from frictionless.resources import TableResource

    lookups = []
    real_open_lookup = TableResource._TableResource__open_lookup

    def open_lookup(self):
        lookups.extend(self.schema.foreign_keys)
        return real_open_lookup(self)

    monkeypatch.setattr(TableResource, "_TableResource__open_lookup", open_lookup)
    package = _payments_package(tmp_path)
    payments = package.get_resource("payments")
    validate_resource(payments, package=package, allow_fallback=False)
    assert lookups == []
    assert len(payments.schema.foreign_keys) == 3
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
              "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}]}
    tree = make_resource(tmp_path, "id,parent\n1,\n2,1\n3,9\n", schema, name="tree")
    assert [e.row_number for e in validate_resource(tree, allow_fallback=False).errors] == [4]
    assert lookups == [] and len(tree.schema.foreign_keys) == 1


@pytest.mark.parametrize("big", [False, True])
def test_a_self_reference_of_integers_is_compared_as_integers_or_as_text(tmp_path, big):
    """Integer keys are compared as 64-bit integers; a value too big for one sends the
    comparison back to the canonical text (both exact: "02" names 2)."""
    value = "12345678901234567890123" if big else "123456789"
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
              "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}]}
    text = f"id,parent\n1,\n{value},1\n2,{value}\n3,{value[:-1]}4\n4,02\n5,-0\n0,1\n"
    result = assert_same(make_resource(tmp_path, text, schema))
    assert [e.row_number for e in result.errors] == [5]


@pytest.mark.parametrize("fail_at", [1, 6, 40])
def test_a_self_reference_stays_in_memory_when_the_disk_refuses(tmp_path, monkeypatch, caplog, fail_at):
    """A file that cannot be written (disk full) at once, or in the middle of a write
    (the sixth file: the third write's second side): what that write put on disk is
    removed, so no row is joined twice, and the rest of the keys stay in memory."""
    monkeypatch.setattr(keys_mod, "JOIN_BUDGET", 0)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 3)
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    writes = []
    real_write_ipc = pl.DataFrame.write_ipc

    def write_ipc(frame, path, *args, **kwargs):
        writes.append(path)
        if len(writes) >= fail_at:
            Path(path).write_bytes(b"torn")
            raise OSError(28, "No space left on device")
        return real_write_ipc(frame, path, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_ipc", write_ipc)
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
              "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}]}
    rows = "".join(f"{i},{i + 3 if i % 7 else 99}\n" for i in range(1, 60))
    result = assert_same(make_resource(tmp_path, "id,parent\n" + rows, schema))
    assert [e.row_number for e in result.errors] == [8, 15, 22, 29, 36, 43, 50, 57, 58, 59, 60]
    assert len(writes) == fail_at and "No space left on device" in caplog.text

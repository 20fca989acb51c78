"""The command's head start: the scan begins before Frictionless loads, and the engine
takes its batches over only when it would have run the very same query."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import frictionless
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from fuzz_engine import tables, write_csv  # scripts/, on pytest's path
from opendata import cli
from opendata.engine import head_start, validate_resource
from opendata.engine import reader as reader_mod
from opendata.engine.workload import SCHEMA, generate
from opendata.validate import validate

LOGGER = "opendata.engine.head_start"


@pytest.fixture
def debug_log(caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    return caplog


def _errors(report) -> list[tuple]:
    return [(p.code, p.row, p.field, p.cell, p.params.get("note")) for p in report.errors]


def _validate_with_head_start(table: Path, schema: Path):
    head_start.begin(table, schema)
    return validate(table, schema=schema)


def _workload(tmp_path: Path, rows: int = 3_000, defects: float = 0.01) -> tuple[Path, Path]:
    table = generate(tmp_path / "budget.csv", rows, defects, seed=5)
    return table, table.with_suffix(".schema.json")


def test_the_command_hands_its_head_start_to_the_engine(tmp_path, debug_log):
    table, schema = _workload(tmp_path)
    expected = validate(table, schema=schema)  # no head start: the library alone
    assert "head start" not in debug_log.text
    command = ["validate", str(table), "--schema", str(schema), "--format", "json"]
    result = CliRunner().invoke(cli.main, command)
    assert "head start claimed" in debug_log.text
    assert result.exit_code == 1
    printed = json.loads(result.output)["errors"]
    assert len(printed) == len(expected.errors) > 30
    assert [(e["type"], e["row"], e["field"], e["cell"]) for e in printed] == [
        (p.code, p.row, p.field, p.cell) for p in expected.errors
    ]


@pytest.mark.parametrize(
    "fields, extra",
    [
        ([{"name": "n", "type": "number", "constraints": {"minimum": 0.5, "maximum": 10}}], {}),
        ([{"name": "n", "type": "number", "decimalChar": ",", "groupChar": " "}], {}),
        ([{"name": "n", "type": "integer", "constraints": {"enum": [1, 2, 3], "unique": True}}], {}),
        ([{"name": "n", "type": "boolean", "trueValues": ["так"], "falseValues": ["ні"]}], {}),
        ([{"name": "n", "type": "date", "format": "%d.%m.%Y"}], {}),
        ([{"name": "n", "type": "string", "missingValues": ["", "-"]}], {"missingValues": ["", "n/a"]}),
        (
            [{"name": "n", "type": "year"}, {"name": "p", "type": "integer"}],
            {
                "primaryKey": ["n", "p"],
                "foreignKeys": [{"fields": "p", "reference": {"resource": "", "fields": "n"}}],
            },
        ),
    ],
)
def test_the_prediction_is_the_engines_query(tmp_path, debug_log, monkeypatch, fields, extra):
    """Plain schemas of every type are predicted exactly: a wrong prediction would
    not change a report, only lose the head start, so it is checked here."""
    table = tmp_path / "t.csv"
    names = [f["name"] for f in fields]
    table.write_text(",".join(names) + "\n" + "".join(",".join(["1"] * len(names)) + "\n" for _ in range(5)))
    schema = tmp_path / "t.schema.json"
    schema.write_text(json.dumps({"fields": fields, **extra}))
    assert _errors(_validate_with_head_start(table, schema)) == _errors(validate(table, schema=schema))
    assert "head start claimed" in debug_log.text
    debug_log.clear()  # the API's own head start, from Frictionless' reading of the schema
    monkeypatch.setattr(head_start, "RESOURCE_MIN_BYTES", 0)
    assert _errors(validate(table, schema=schema)) == _errors(_validate_with_head_start(table, schema))
    assert debug_log.text.count("head start claimed") == 2



@pytest.mark.parametrize("inline", [True, False])
def test_a_resource_descriptor_gets_a_head_start(tmp_path, debug_log, inline):
    table, schema = _workload(tmp_path, rows=800)
    descriptor = tmp_path / "budget.resource.json"
    schema_ref = json.loads(schema.read_text()) if inline else schema.name
    descriptor.write_text(json.dumps({"name": "budget", "path": table.name, "schema": schema_ref}))
    expected = validate(descriptor)
    result = CliRunner().invoke(cli.main, ["validate", str(descriptor), "--format", "json"])
    assert "head start claimed" in debug_log.text
    printed = json.loads(result.output)["errors"]
    assert len(printed) == len(expected.errors) > 5
    assert [(e["type"], e["row"], e["cell"]) for e in printed] == [
        (p.code, p.row, p.cell) for p in expected.errors
    ]


@pytest.mark.parametrize("path", ["../budget.csv", "{tmp}/budget.csv", "https://example.org/budget.csv"])
def test_a_path_the_command_refuses_starts_nothing(tmp_path, path):
    """The table exists, but outside the descriptor's folder: not read before the
    command refuses it."""
    folder = tmp_path / "package"
    folder.mkdir()
    _workload(tmp_path, rows=10)
    path = path.format(tmp=tmp_path)
    descriptor = folder / "resource.json"
    descriptor.write_text(json.dumps({"name": "budget", "path": path, "schema": SCHEMA}))
    head_start.begin_for_descriptor(descriptor)
    assert head_start._pending is None

def test_validate_resource_begins_its_own_head_start(tmp_path, debug_log, monkeypatch):
    """The API starts the scan before Frictionless opens the resource, for a file big
    enough to pay for it; the command's head start, if any, is kept."""
    table, schema = _workload(tmp_path, rows=30_000)  # ~4.8 MiB
    resource = frictionless.Resource(path=table.name, basepath=str(tmp_path), schema=str(schema))
    result = validate_resource(resource)
    assert "head start claimed" in debug_log.text
    monkeypatch.setattr(head_start, "RESOURCE_MIN_BYTES", table.stat().st_size + 1)
    debug_log.clear()
    assert [e.key() for e in validate_resource(resource).errors] == [e.key() for e in result.errors]
    assert "head start" not in debug_log.text
    assert len(result.errors) > 100

def test_a_validation_that_fails_leaves_no_head_start_to_the_next(tmp_path, debug_log, monkeypatch):
    """A head start belongs to one validation. One that raises (a disk error, an
    interrupt, a schema declined with ``allow_fallback=False``) must not leave its
    batches, read from the file as it was, for the next validation of the same file
    with the same schema -- say, after the officer has corrected it."""
    from opendata.engine import resource as resource_mod

    monkeypatch.setattr(head_start, "RESOURCE_MIN_BYTES", 0)
    table, schema = _workload(tmp_path, rows=500, defects=0)

    def resource():
        return frictionless.Resource(path=table.name, basepath=str(tmp_path), schema=str(schema))

    def unreadable(res):
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as failing:
        failing.setattr(resource_mod, "open_resource", unreadable)
        with pytest.raises(OSError):
            validate_resource(resource())
    if head_start._pending is not None:  # the old code: let it read the file as it was
        head_start._pending.pulled.wait(30)
    generate(table, 500, 0.05, seed=6)  # the same file, now with errors
    got = [e.key() for e in validate_resource(resource()).errors]
    assert "head start claimed" in debug_log.text  # the second validation's own
    monkeypatch.setattr(head_start, "RESOURCE_MIN_BYTES", table.stat().st_size + 1)
    assert got == [e.key() for e in validate_resource(resource()).errors]
    assert len(got) > 30


def test_a_query_the_engine_does_not_run_is_discarded(tmp_path, debug_log):
    """Frictionless finds the file's delimiter is ";", which the head start did not
    guess: its batches are dropped and the engine reads the file itself."""
    table, schema = _workload(tmp_path, rows=500)
    table.write_text(table.read_text().replace(",", ";"))
    report = _validate_with_head_start(table, schema)
    assert "the engine's query differs" in debug_log.text
    assert head_start._pending is None
    assert _errors(report) == _errors(validate(table, schema=schema))
    assert report.tables[0].engine == "fast"


def test_a_schema_the_engine_declines_discards_the_head_start(tmp_path, debug_log):
    table = tmp_path / "t.csv"
    table.write_text("#a comment\nid\n1\nx\n")
    schema = tmp_path / "t.schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"}]}))
    resource = tmp_path / "t.resource.json"  # a dialect the engine declines
    resource.write_text(json.dumps({"name": "t", "path": "t.csv", "schema": "t.schema.json",
                                    "dialect": {"commentChar": "#"}}))
    head_start.begin(table, schema)
    report = validate(resource)
    assert "head start discarded" in debug_log.text
    assert head_start._pending is None
    assert report.tables[0].engine == "frictionless"
    assert [(p.code, p.row) for p in report.errors] == [("type-error", 4)]


def test_a_schema_it_cannot_predict_starts_nothing(tmp_path, debug_log):
    table, _ = _workload(tmp_path, rows=10)
    schema = tmp_path / "odd.schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "geopoint"}]}))
    head_start.begin(table, schema)
    assert head_start._pending is None
    assert "no head start" in debug_log.text


def test_a_full_head_start_waits_and_the_engine_reads_on(tmp_path, debug_log, monkeypatch):
    """Past ``HELD_BYTES`` the head start stops pulling; the engine takes what it holds
    and reads the rest from the same query."""
    monkeypatch.setattr(head_start, "HELD_BYTES", 1)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 50)
    table, schema = _workload(tmp_path, rows=2_000)
    head_start.begin(table, schema)
    run = head_start._pending
    assert run is not None
    run.pulled.wait(30)
    assert len(run.frames) == 1 and not run.finished
    report = validate(table, schema=schema)
    assert "head start claimed" in debug_log.text
    assert report.tables[0].rows == 2_000
    assert _errors(report) == _errors(validate(table, schema=schema))


def test_an_error_of_the_head_starts_reader_reaches_the_engine(tmp_path, debug_log, monkeypatch):
    """A byte that is not UTF-8 past what Frictionless samples stops Polars in the head
    start's thread; the engine meets the same error where it reads, so the report names
    the problem as it does without a head start."""
    monkeypatch.setattr("opendata.validate.UTF8_FIRST", 64)
    table = tmp_path / "t.csv"
    head = "id,name\n" + "".join(f"{i},Коломия-{i}\n" for i in range(1, 8_000))  # 160 kB
    tail = "".join(f"{i},громада-{i}\n" for i in range(8_000, 8_400))
    table.write_bytes(head.encode() + tail.encode("cp1251"))
    schema = tmp_path / "t.schema.json"
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]
    schema.write_text(json.dumps({"fields": fields}))
    report = _validate_with_head_start(table, schema)
    assert "head start claimed" in debug_log.text
    assert [p.code for p in report.errors] == ["wrong-encoding"]
    assert report.errors[0].params == validate(table, schema=schema).errors[0].params


def test_SCHEMA_of_the_benchmark_is_predicted(tmp_path):
    """The benchmark's schema (every type the issue names) gets a head start."""
    plans = head_start.predicted_plans(SCHEMA)
    assert [p.name for p in plans if p.need_key] == SCHEMA["primaryKey"]
    assert not any(p.python_all for p in plans)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables())
def test_random_tables_report_the_same_with_a_head_start(tmp_path_factory, table):
    """Random small tables of the fuzzer (``scripts/fuzz_engine.py``): whatever the head
    start predicted, claimed or discarded, the report is the one without it."""
    folder = tmp_path_factory.mktemp("random")
    write_csv(table, folder / "t.csv")
    schema = folder / "t.schema.json"
    schema.write_text(json.dumps(table[0]))
    without = validate(folder / "t.csv", schema=schema)
    with_head_start = _validate_with_head_start(folder / "t.csv", schema)
    assert head_start._pending is None
    assert _errors(with_head_start) == _errors(without)
    tables_read = [(t.engine, t.rows) for t in without.tables]
    assert [(t.engine, t.rows) for t in with_head_start.tables] == tables_read

"""Public API behaviour: fallback, progress, limits, batching."""

from __future__ import annotations

import subprocess
import sys

import frictionless
import pytest
from engine_helpers import assert_same, make_resource

from opendata.engine import UnsupportedSchema, reference_errors, validate_resource
from opendata.engine import reader as reader_mod
from opendata.engine.workload import generate

SCHEMA = {"fields": [{"name": "id", "type": "integer"},
                     {"name": "tags", "type": "array"}]}


def test_unsupported_type_falls_back_visibly(tmp_path, caplog):
    caplog.set_level("INFO", logger="opendata.engine")
    res = make_resource(tmp_path, 'id,tags\n1,"[1]"\nx,"[2]"\n', SCHEMA)
    result = validate_resource(res)
    assert result.engine == "frictionless"
    assert "array" in result.fallback_reason
    assert [e.key() for e in result.errors] == [e.key() for e in reference_errors(res)]
    assert result.row_count == 2
    assert "falling back" in caplog.text


def test_no_fallback_raises(tmp_path):
    res = make_resource(tmp_path, 'id,tags\n1,"[1]"\n', SCHEMA)
    with pytest.raises(UnsupportedSchema):
        validate_resource(res, allow_fallback=False)


def test_unsupported_dialect_falls_back(tmp_path):
    res = make_resource(tmp_path, "#c\nid\n1\n", {"fields": [{"name": "id",
                                                            "type": "integer"}]},
                        dialect=frictionless.Dialect(comment_char="#"))
    result = validate_resource(res)
    assert result.engine == "frictionless"


def test_limit_errors(tmp_path):
    res = make_resource(tmp_path, "id\n" + "x\n" * 50, {"fields": [{"name": "id",
                                                                    "type": "integer"}]})
    assert len(validate_resource(res, limit_errors=7).errors) == 7
    assert len(validate_resource(res).errors) == 50


def test_progress_and_small_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_mod, "BLOCK_SIZE", 64)
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 20)
    rows = "".join(f"{i},{'x' if i % 7 == 0 else i}\n" for i in range(1, 400))
    res = make_resource(tmp_path, "id,v\n" + rows + "1,2,3\n5\n",
                        {"fields": [{"name": "id", "type": "integer",
                                     "constraints": {"unique": True}},
                                    {"name": "v", "type": "integer"}]})
    seen = []
    result = validate_resource(res, on_progress=seen.append)
    assert len(seen) > 5 and seen == sorted(seen) and seen[-1] == 401
    assert result.row_count == 401
    assert_same(res)


def test_a_fallback_reports_its_rows_while_frictionless_reads_them(tmp_path, monkeypatch):
    """Told only once Frictionless was done, a bar stood blank for a whole big table,
    then showed 13 million rows a second: it hears 0 at the start and a count as it goes."""
    from opendata.engine import reference

    monkeypatch.setattr(reference, "PROGRESS_EVERY", 100)
    rows = "".join(f'{i},"[{i}]"\n' for i in range(1, 351))
    res = make_resource(tmp_path, "id,tags\n" + rows, SCHEMA)
    seen = []
    result = validate_resource(res, on_progress=seen.append)
    assert result.engine == "frictionless"
    assert seen == [0, 100, 200, 300, 350]


@pytest.mark.parametrize(
    ("text", "schema", "options", "reason", "ukrainian"),
    [
        # the schema's missingValues, not its first field's
        ("id,v\n1,2\n", {"fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "integer"}],
                          "missingValues": ["NA"]}, {},
         'schema: missingValues without ""', "missingValues схеми не мають порожнього рядка"),
        ("id,v\n1,2\n", {"fields": [{"name": "id", "type": "integer"},
                                     {"name": "v", "type": "integer", "missingValues": ["NA"]}]}, {},
         'field "v": missingValues without ""', "missingValues поля «v» не мають порожнього рядка"),
        # no header row: not «several header rows or comments»
        ("1\n2\n", {"fields": [{"name": "id", "type": "integer"}]},
         {"dialect": frictionless.Dialect(header=False)},
         "dialect: no header row (header: false)", "у діалекті немає рядка заголовка (header: false)"),
        ("id\n1\n", {"fields": [{"name": "id", "type": "integer"}, {"name": "v", "type": "integer"}]}, {},
         "header has 1 label but schema has 2 fields", "стовпців у заголовку — 1, а полів у схемі — 2"),
    ],
)
def test_a_fallback_reason_names_what_the_descriptor_says(tmp_path, text, schema, options, reason, ukrainian):
    """«missingValues поля «id»» for a schema's missingValues, «only a single header row, no
    comments» for header: false, «header has 1 labels»."""
    from opendata.messages import fallback_reason

    result = validate_resource(make_resource(tmp_path, text, schema, **options))
    assert (result.engine, result.fallback_reason) == ("frictionless", reason)
    assert fallback_reason(reason, "uk") == ukrainian


def test_semicolon_dialect_and_encoding(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("id;назва\n1;Коломия\nx;Київ\n".encode("cp1251"))
    res = frictionless.Resource(path="t.csv", basepath=str(tmp_path), encoding="cp1251",
                                dialect=frictionless.Dialect.from_descriptor(
                                    {"csv": {"delimiter": ";"}}),
                                schema=frictionless.Schema.from_descriptor(
                                    {"fields": [{"name": "id", "type": "integer"},
                                                {"name": "назва", "type": "string"}]}))
    result = assert_same(res)
    assert result.engine == "fast"


@pytest.mark.parametrize(
    ("text", "csv_dialect"),
    [
        ('id,name\n1,"say ""hi"""\n', {"doubleQuote": False}),
        ("id,name\n1,'O''Hara'\n2,'O'Hara'\n", {"quoteChar": "'", "doubleQuote": False}),
        ("id,name\n1,'O''Hara'\n2,'O'Hara'\n", {"quoteChar": "'"}),
    ],
    ids=["doubleQuote-false", "quoteChar-doubleQuote-false", "quoteChar"],
)
def test_quotes_are_read_as_frictionless_reads_them(tmp_path, text, csv_dialect):
    """Frictionless reads «doubleQuote» only beside an «escapeChar»: a doubled quote is one
    quote whatever the dialect says. The engine read three quotes at the end of the cell, and
    called it too long."""
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]
    fields[1]["constraints"] = {"maxLength": 8}
    res = frictionless.Resource(path="t.csv", basepath=str(tmp_path),
                                dialect=frictionless.Dialect.from_descriptor({"csv": csv_dialect}),
                                schema=frictionless.Schema.from_descriptor({"fields": fields}))
    result = assert_same(res)
    assert result.engine == "fast"


@pytest.mark.parametrize(
    ("data", "buffer_size"),
    [
        ("id,назва\n1,Коломия\nx,Київ\n".encode("cp1251"), 100_000),  # not UTF-8: chardet guesses
        ("\ufeffid,назва\n1,Коломия\nx,Київ\n".encode(), 100_000),  # a BOM: utf-8-sig
        ("id,назва\n1,Коломия\nx,Київ\n".encode(), 12),  # the sample ends inside "и"
    ],
)
def test_undeclared_encoding_is_read_as_frictionless_reads_it(tmp_path, data, buffer_size):
    (tmp_path / "t.csv").write_bytes(data)
    res = frictionless.Resource(path="t.csv", basepath=str(tmp_path),
                                detector=frictionless.Detector(buffer_size=buffer_size),
                                schema=frictionless.Schema.from_descriptor(
                                    {"fields": [{"name": "id", "type": "integer"},
                                                {"name": "назва", "type": "string"}]}))
    result = assert_same(res)
    assert result.engine == "fast"
    assert [e.type for e in result.errors] == ["type-error"]


def test_a_file_without_suspects_never_loads_the_reference_checkers(tmp_path):
    """Frictionless imports ``rfc3986`` and ``validators`` (~0.12 s of CPU) on the first
    uri or e-mail it reads: only a file with a cell to re-check should pay for them, and
    rfc3986 not even then (the engine reads a uri as it does, see ``cells.uri_value``).
    Nor numpy.ma (~20 ms), which a Polars Series made from an ndarray imports."""
    probe = (  # the file is generated here: the generator itself imports numpy.ma
        "import sys; from pathlib import Path; from opendata.validate import validate\n"
        "report = validate(Path(sys.argv[1]), schema=Path(sys.argv[1]).with_suffix('.schema.json'))\n"
        "print(bool(report.errors), sorted({'rfc3986', 'validators', 'numpy.ma'} & set(sys.modules)))"
    )

    def loaded(name: str, defects: float) -> str:
        table = generate(tmp_path / name, 2_000, defects, seed=3)
        command = [sys.executable, "-c", probe, str(table)]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()

    assert loaded("valid.csv", 0) == "False []"
    assert loaded("bad.csv", 0.05) == "True ['validators']"

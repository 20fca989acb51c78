"""Differential: generated files with seeded defects of every kind vs Frictionless."""

from __future__ import annotations

import json
import random

import frictionless
import pytest
from engine_helpers import assert_same, make_resource

from opendata.engine import reader as reader_mod
from opendata.engine.workload import SCHEMA, generate


def _resource(path):
    schema = frictionless.Schema.from_descriptor(json.loads(
        path.with_suffix(".schema.json").read_text()))
    return frictionless.Resource(path=path.name, basepath=str(path.parent), schema=schema)


@pytest.mark.parametrize("defects", [0.0, 0.01, 0.05])
def test_workload_matches_reference(tmp_path, defects):
    path = generate(tmp_path / "w.csv", 1500, defects, seed=7)
    result = assert_same(_resource(path))
    assert result.engine == "fast"
    assert result.row_count == 1500
    if defects:
        kinds = {e.type for e in result.errors}
        assert {"type-error", "constraint-error", "primary-key"} <= kinds


@pytest.mark.parametrize("block", [None, 300])
def test_structure_defects(tmp_path, monkeypatch, block):
    if block:  # many tiny batches: ragged rows straddle batch boundaries
        monkeypatch.setattr(reader_mod, "BLOCK_SIZE", block)
        monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 7)
    rng = random.Random(3)
    names = [f["name"] for f in SCHEMA["fields"]]
    path = generate(tmp_path / "w.csv", 400, 0.02, seed=3)
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        r = rng.random()
        if r < 0.03:
            out.append(line + ",extra,more")          # extra cells
        elif r < 0.06:
            out.append(line.rsplit(",", 3)[0])         # missing cells
        elif r < 0.08:
            out.append("")                            # empty line
        elif r < 0.10:
            out.append("," * (len(names) - 1))         # blank row
        elif r < 0.12:
            cells = line.split(",")
            cells[2] = '"multi\nline name"'           # quoted newline
            out.append(",".join(cells))
        else:
            out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    result = assert_same(_resource(path))
    kinds = {e.type for e in result.errors}
    assert {"extra-cell", "missing-cell", "blank-row"} <= kinds


def test_composite_primary_key(same):
    schema = {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "string"},
                         {"name": "c", "type": "date"}], "primaryKey": ["a", "b"]}
    res = same("a,b,c\n1,x,2024-01-01\n1,y,2024-01-01\n01,x,2024-01-02\n,,2024-01-03\n"
               ",x,\n,x,\nz,x,2024-01-01\n", schema)
    assert [e.type for e in res.errors].count("primary-key") == 4


def test_unique_on_several_types(same):
    schema = {"fields": [
        {"name": "d", "type": "date", "constraints": {"unique": True}},
        {"name": "t", "type": "datetime", "constraints": {"unique": True}},
        {"name": "h", "type": "time", "constraints": {"unique": True}},
        {"name": "y", "type": "year", "constraints": {"unique": True}},
        {"name": "ym", "type": "yearmonth", "constraints": {"unique": True}},
        {"name": "b", "type": "boolean", "constraints": {"unique": True}},
    ]}
    same("d,t,h,y,ym,b\n"
         "2024-01-01,2024-01-01T10:00:00Z,10:00:00,2024,2024-01,true\n"
         "2024-01-01,2024-01-01T12:00:00+02:00,10:00:00,2024,2024-01,1\n"
         "2024-1-1,2024-01-01T10:00:00,10:00:00+00:00,0999,2024-1,false\n"
         "2024-01-02,2024-01-01T10:00:00,10:00,999,  2024-01,0\n", schema)


def test_foreign_keys_in_package(tmp_path):
    people = make_resource(tmp_path, "id,name,city\n1,Ann,kyiv\n2,Bob,lviv\n3,Eve,paris\n"
                           "4,Ivo,\n5,Max,Kyiv\n", name="people", schema={
                               "fields": [{"name": "id", "type": "integer"},
                                          {"name": "name", "type": "string"},
                                          {"name": "city", "type": "string"}],
                               "foreignKeys": [{"fields": ["city"], "reference": {
                                   "resource": "cities", "fields": ["code"]}}]})
    cities = make_resource(tmp_path, "code,title\nkyiv,Kyiv\nlviv,Lviv\n", name="cities",
                           schema={"fields": [{"name": "code", "type": "string"},
                                              {"name": "title", "type": "string"}]})
    package = frictionless.Package(resources=[people, cities], basepath=str(tmp_path))
    res = assert_same(package.get_resource("people"), package=package)
    assert [e.row_number for e in res.errors] == [4, 6]
    assert res.engine == "fast"


def test_composite_and_self_foreign_key(same):
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "parent", "type": "integer"},
                         {"name": "amount", "type": "number"}],
              "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "",
                                                                    "fields": ["id"]}}]}
    same("id,parent,amount\n1,,1\n2,1,2\n3,9,3\n4,x,4\n5,01,5\n", schema)


def test_numeric_cross_type_foreign_key(same):
    schema = {"fields": [{"name": "id", "type": "number"},
                         {"name": "parent", "type": "integer"}],
              "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "",
                                                                    "fields": ["id"]}}]}
    same("id,parent\n1.0,\n2.50,1\n3,2\n", schema)


@pytest.mark.slow
def test_larger_workload_matches_reference(tmp_path, monkeypatch):
    # several batches, several thousand errors of every cell kind
    monkeypatch.setattr(reader_mod, "MIN_BATCH_ROWS", 5_000)
    path = generate(tmp_path / "w.csv", 30_000, 0.05, seed=11)
    result = assert_same(_resource(path))
    assert len(result.errors) > 10_000


@pytest.mark.parametrize(
    ("key", "cells_by_field"),
    [
        ({}, True),
        ({"primaryKey": ["a"]}, True),
        ({"primaryKey": ["a", "b"]}, True),
        ({"primaryKey": ["c"]}, False),  # c's errors come before a's and b's
        ({"primaryKey": ["b", "a"]}, False),
    ],
)
def test_cell_errors_of_a_row_in_the_order_frictionless_reads_the_keys(same, key, cells_by_field):
    """Frictionless reads the key fields first: a row's cell errors are listed by
    field only when those are the first fields, in order (the engine then keeps the
    sorted order without replaying the row)."""
    from opendata.engine.order import RowOrder

    schema = {"fields": [{"name": n, "type": "integer"} for n in "abcd"], **key}
    index = {n: i for i, n in enumerate("abcd")}
    assert RowOrder(pk_idx=[index[n] for n in key.get("primaryKey", [])]).cells_by_field() is cells_by_field
    same("a,b,c,d\nx,y,z,w\n1,y,z,2\nx,2,3,w\n5,6,z,w\n", schema)

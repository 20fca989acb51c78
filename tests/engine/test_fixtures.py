"""Frictionless' own invalid fixtures (small equivalents in fixtures/) vs the reference."""

from __future__ import annotations

import shutil
from pathlib import Path

import frictionless
import pytest
from engine_helpers import assert_same, make_resource

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ["invalid.csv", "defective-rows.csv", "capital-invalid.csv",
         "invalid-on-structure.csv", "blank-rows.csv"]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_inferred_schema(tmp_path, name):
    shutil.copy(FIXTURES / name, tmp_path / name)
    resource = frictionless.Resource(path=name, basepath=str(tmp_path))
    result = assert_same(resource, fast=False)
    assert result.errors


def test_invalid_csv_is_checked_by_the_fast_engine(tmp_path):
    shutil.copy(FIXTURES / "invalid.csv", tmp_path / "invalid.csv")
    result = assert_same(frictionless.Resource(path="invalid.csv", basepath=str(tmp_path)))
    assert result.engine == "fast"
    assert {e.type for e in result.errors} == {"blank-label", "duplicate-label", "missing-cell",
                                               "blank-row", "extra-cell"}


def test_linked_errors_package(tmp_path):
    people = make_resource(tmp_path, "label,population\n1,8\n2,2\n", name="people", schema={
        "fields": [{"name": "label", "type": "integer"},
                   {"name": "population", "type": "integer"}],
        "foreignKeys": [{"fields": ["label"],
                         "reference": {"resource": "cities", "fields": ["id"]}}]})
    cities = make_resource(tmp_path, "id,name\n1,London\n3,Paris\n", name="cities", schema={
        "fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]})
    package = frictionless.Package(resources=[people, cities], basepath=str(tmp_path))
    result = assert_same(package.get_resource("people"), package=package)
    assert [e.type for e in result.errors] == ["foreign-key"]

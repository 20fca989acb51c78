"""Differential-test helpers: build a resource, run both engines, compare."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import frictionless
import pytest

from opendata.engine import reference_errors, validate_resource


def write_csv(path: Path, text: str | None = None, rows: list[list[str]] | None = None) -> Path:
    if rows is not None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        text = buf.getvalue()
    path.write_text(text or "", encoding="utf-8", newline="")
    return path


def make_resource(tmp_path: Path, text: str | None = None, schema: dict | None = None,
                  rows: list[list[str]] | None = None, name: str = "table",
                  **options) -> frictionless.Resource:
    path = write_csv(tmp_path / f"{name}.csv", text, rows)
    return frictionless.Resource(
        path=path.name, basepath=str(tmp_path), name=name,
        schema=frictionless.Schema.from_descriptor(schema) if schema else None, **options)


def keys(errors) -> list[tuple]:
    return [e.key() for e in errors]


def assert_same(resource: frictionless.Resource, package=None, *, fast: bool = True):
    """Engine errors == Frictionless errors (same order); returns the engine result."""
    result = validate_resource(resource, package=package, allow_fallback=not fast)
    expected = reference_errors(resource, package=package)
    got = keys(result.errors)
    want = keys(expected)
    if got != want:
        only_got = [e for e in got if e not in want]
        only_want = [e for e in want if e not in got]
        pytest.fail(f"engine differs from frictionless\nonly engine: {only_got[:10]}\n"
                    f"only frictionless: {only_want[:10]}\nengine order: {got[:10]}\n"
                    f"frictionless order: {want[:10]}")
    return result

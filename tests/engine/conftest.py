"""Fixtures for the engine's differential tests."""

from __future__ import annotations

import pytest
from engine_helpers import assert_same, make_resource


@pytest.fixture
def same(tmp_path):
    def run(text=None, schema=None, rows=None, fast=True, **options):
        return assert_same(make_resource(tmp_path, text, schema, rows, **options), fast=fast)
    return run

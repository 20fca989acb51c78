"""`opendata validate` reports, never raises: a seeded sample of the fuzzer's inputs
(``scripts/fuzz_validate.py`` draws as many as you ask for)."""

from __future__ import annotations

import random

import pytest

from fuzz_validate import edited_package, random_table, survives  # scripts/, on pytest's path


@pytest.mark.parametrize("seed", range(40))
def test_an_edited_package_is_reported_not_raised(seed, tmp_path):
    assert survives(edited_package(random.Random(seed), tmp_path))


@pytest.mark.parametrize("seed", range(80))
def test_a_made_up_table_is_reported_not_raised(seed, tmp_path):
    assert survives(*random_table(random.Random(seed), tmp_path))

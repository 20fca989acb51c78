"""Shared fixtures: a writable copy of the plan's package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, PACKAGE


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A copy of datapackage/ that a test may break."""
    target = tmp_path / "package"
    shutil.copytree(PACKAGE, target)
    return target


@pytest.fixture
def plan_with_reports(plan_copy: Path) -> Path:
    """The package plus the synthetic sample reports from examples/."""
    shutil.copyfile(EXAMPLES / "progress_reports.sample.csv", plan_copy / "progress_reports.csv")
    return plan_copy

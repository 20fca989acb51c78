"""What an installed opendata holds beside its code."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.helpers import ROOT


def test_the_wheel_marks_the_package_as_typed(tmp_path):
    """Without ``py.typed`` (PEP 561) a user's type checker ignores the library's hints: a
    ``build("a", "b")`` of strings where paths are wanted passed unflagged."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, project / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(project), "--no-deps", "-q", "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "installing build dependencies" in built.stderr.lower():  # offline, and no copy of setuptools cached
        pytest.skip(f"setuptools could not be installed to build the wheel: {built.stderr[-300:]}")
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("opendata-*.whl")
    assert "opendata/py.typed" in zipfile.ZipFile(wheel).namelist()

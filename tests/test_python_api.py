"""docs/python-api.md's examples, run as written: the documentation of the library stays true."""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import pytest

from tests.ckan_portal import Portal
from tests.helpers import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "python-api.md").read_text("utf-8"), re.S)
PORTAL_BLOCKS = [block for block in BLOCKS if "CkanClient" in block]
LOCAL_BLOCKS = [block for block in BLOCKS if block not in PORTAL_BLOCKS]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch) -> Path:
    for folder in ("datapackage", "examples"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_document_has_its_examples():
    assert len(LOCAL_BLOCKS) == 4 and len(PORTAL_BLOCKS) == 1


@pytest.mark.parametrize("block", LOCAL_BLOCKS, ids=lambda block: block.split("\n")[0][:40])
def test_an_example_without_a_portal_runs_as_written(workdir, block, capsys):
    exec(compile(block, "docs/python-api.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.strip()
    if "except InvalidPackage" in block:
        assert "is not a data package folder" in printed
    if "run_audit" in block:
        assert (workdir / "audit-out" / "report.html").is_file()


@pytest.mark.ckan
def test_the_portal_example_publishes_and_pulls(workdir, ckan_portal: Portal, ckan_org, monkeypatch, capsys):
    dataset = f"pyapi-doc-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("OPENDATA_PORTAL", ckan_portal.url)
    monkeypatch.setenv("CKAN_API_TOKEN", ckan_portal.token)
    monkeypatch.setenv("OPENDATA_ORG", ckan_org)
    monkeypatch.setenv("OPENDATA_DATASET", dataset)
    exec(compile(PORTAL_BLOCKS[0], "docs/python-api.md", "exec"), {})
    planned, published = capsys.readouterr().out.splitlines()
    assert planned.split()[0] == "create" and int(planned.split()[1]) > 10
    assert published.startswith("True ['")
    for table in ("tasks.csv", "people.csv"):
        assert (workdir / "pulled" / table).read_bytes() == (workdir / "datapackage" / table).read_bytes()

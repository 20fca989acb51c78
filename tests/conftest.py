"""Shared fixtures: a writable copy of the plan's package, and the local CKAN portal."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import ckanapi
import pytest

from tests.ckan_portal import Portal, PortalError, ensure_portal, stop_portal_if_started_here
from tests.helpers import EXAMPLES, PACKAGE

TEST_ORG = "kolomyia-test"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`-n 2 --dist loadgroup`, as scripts/test.sh runs), every test of
    the local portal runs on one worker, in order, as in a run without workers: they share
    its organisations, and audits count what other tests publish there."""
    for item in items:
        if "ckan_portal" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("portal"))


def pytest_configure(config: pytest.Config) -> None:
    """Refuse `--dist loadgroup` where pytest-xdist cannot group: from pytest 9.2 its groups
    are silently ignored (pytest-dev/pytest-xdist#1386), and the portal's tests, run on two
    workers at once, fail at random."""
    if config.getoption("dist", "no") == "loadgroup" and pytest.version_tuple >= (9, 2):
        raise pytest.UsageError(
            f"pytest {pytest.__version__} and pytest-xdist do not group tests together; install the "
            "versions pyproject.toml names (bash scripts/setup.sh)"
        )


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


@pytest.fixture(scope="session")
def ckan_portal() -> Iterator[Portal]:
    """The local CKAN portal (started on first use, stopped at the end if this session
    started it); errors, never skips."""
    try:
        portal = ensure_portal()
    except PortalError as exc:
        message = str(exc)
    else:
        yield portal
        stop_portal_if_started_here()
        return
    pytest.fail(message, pytrace=False)  # outside "except": no chained traceback


@pytest.fixture(scope="session")
def ckan_org(ckan_portal: Portal) -> str:
    """Name of the organisation ``kolomyia-test``, created if it is missing."""
    api = ckan_portal.api()
    try:
        api.action.organization_show(id=TEST_ORG)
    except ckanapi.NotFound:
        api.action.organization_create(
            name=TEST_ORG,
            title="Коломийська міська рада (тест)",
            description="Test organisation for the opendata test suite.",
        )
    return TEST_ORG

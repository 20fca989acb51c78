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
PORTAL_GROUP = "portal"  # the pytest-xdist group of the tests that use the local portal


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`-n 2 --dist loadgroup`, as scripts/test.sh runs), every test of
    the local portal runs on one worker, in order, as in a run without workers: they share
    its organisations, and audits count what other tests publish there."""
    for item in items:
        if "ckan_portal" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(PORTAL_GROUP))


def _ungrouped_portal_test(session: pytest.Session) -> str | None:
    """A test of the portal that pytest-xdist did not put in the portal's group, if any: it
    would run beside the others, on the other worker, and some would fail at random.
    (pytest 9.2 made the grouping a silent no-op, pytest-dev/pytest-xdist#1386.)"""
    if not getattr(session.config.option, "loadgroup", False):
        return None
    for item in session.items:
        uses_portal = "ckan_portal" in getattr(item, "fixturenames", ())
        if uses_portal and not item.nodeid.endswith(f"@{PORTAL_GROUP}"):
            return item.nodeid
    return None


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
def ckan_portal(request: pytest.FixtureRequest) -> Iterator[Portal]:
    """The local CKAN portal (started on first use, stopped at the end if this session
    started it); errors, never skips."""
    if ungrouped := _ungrouped_portal_test(request.session):
        pytest.fail(
            f"pytest-xdist did not put {ungrouped} in the group «{PORTAL_GROUP}»: install the pytest "
            "pyproject.toml names (bash scripts/setup.sh)",
            pytrace=False,
        )
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

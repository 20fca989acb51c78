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

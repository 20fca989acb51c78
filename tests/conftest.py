"""Shared pytest fixtures."""

from __future__ import annotations

import ckanapi
import pytest

from ckan_portal import Portal, PortalError, ensure_portal

TEST_ORG = "kolomyia-test"


@pytest.fixture(scope="session")
def ckan_portal() -> Portal:
    """The local CKAN portal (started on first use); errors, never skips."""
    try:
        return ensure_portal()
    except PortalError as exc:
        message = str(exc)
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

"""Read every dataset of a portal (CKAN Action API, paged) or of a `ckanapi dump` file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from opendata.ckan_client import CkanClient, NotAuthorised, NotFound, PortalError, PortalUnreachable
from opendata.failure import OwnWords

PAGE = 100


class PortalUnreadable(OwnWords):
    """The portal or the dump could not be read at all (exit code 2)."""


class MissingOrganisation(NotFound):
    """The portal has no organisation by the name or id given to --org (``params``: org, portal)."""

    reason = "on_portal"  # the message's first line says the rest


def organisation_name(url: str, org: str, *, timeout: float = 30.0, apikey: str | None = None) -> str:
    """The organisation's name for ORG given as its name or its id (the portal's pages
    show both): what an audit is recorded under, so that next year's compares."""
    try:
        found = CkanClient(url, apikey, timeout=timeout).call("organization_show", {"id": org})
    except NotFound as error:
        raise PortalUnreadable(f"{url}: organisation «{org}» not found") from MissingOrganisation(
            str(error), org=org, portal=url
        )
    except PortalError as error:
        raise PortalUnreadable(f"{url}: the portal could not be read: {_short(error)}") from error
    return str(found.get("name") or org)


def crawl_portal(
    url: str,
    org: str | None = None,
    *,
    timeout: float = 30.0,
    apikey: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[list[dict], int]:
    """All active datasets (with resources) of ORG or the whole portal; also the request count.

    package_search returns whole datasets, so paging it is enough: no per-dataset
    package_show, which keeps the audit to a handful of API calls per thousand datasets.
    The calls go through ``CkanClient``, so a busy or flaky portal is retried as for
    publishing, and a token never shows in a message.  A token the portal does not know is
    refused first: the portal would answer as to anyone, and the audit of its public datasets
    would pass for one of all of them.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise PortalUnreadable(f"{url}: only http(s) portals can be audited")
    client = CkanClient(url, apikey, timeout=timeout)
    query = {}
    datasets: list[dict] = []
    try:
        if apikey:
            _require_known_token(client)
        if org:  # by its name: the search knows no id, which the portal's pages show too
            found = client.call("organization_show", {"id": org, "include_datasets": False})
            query = {"fq": f'organization:"{found.get("name") or org}"'}
        while True:
            page = client.call(
                "package_search",
                {
                    "q": "*:*",
                    "rows": PAGE,
                    "start": len(datasets),
                    "sort": "name asc",
                    "include_private": True,
                    **query,
                },
            )
            if not isinstance(page, dict) or not isinstance(page.get("results"), list):
                raise PortalUnreadable(f"{url}: package_search did not answer a CKAN result")
            datasets += page["results"]
            if on_progress:
                on_progress(len(datasets), int(page.get("count") or 0))
            if not page["results"] or len(datasets) >= int(page.get("count") or 0):
                break
    except NotFound as error:
        raise PortalUnreadable(f"{url}: organisation «{org}» not found") from MissingOrganisation(
            str(error), org=org, portal=url
        )
    except PortalUnreachable as error:
        raise PortalUnreadable(f"{url}: the portal could not be read: {_short(error)}") from error
    except PortalError as error:
        raise PortalUnreadable(
            f"{url}: the portal's Action API answered an error: {_short(error)}"
        ) from error
    return datasets, client.requests


def _require_known_token(client: CkanClient) -> None:
    """Refuse a token the portal does not know (``CkanClient.token_organisations``)."""
    try:
        client.token_organisations()
    except NotAuthorised as error:
        raise PortalUnreadable(str(error), "token_unknown", portal=client.url) from error


def read_dump(path: Path, org: str | None = None) -> list[dict]:
    """Datasets from a `ckanapi dump datasets` JSON-lines file, optionally of one organisation."""
    try:
        return [d for d in _dump_lines(path) if not org or (d.get("organization") or {}).get("name") == org]
    except OSError as error:
        raise PortalUnreadable(f"{path}: {error.strerror or error}") from error


def _dump_lines(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                message = f"{path}, line {number}: not JSON ({error.msg})"
                raise PortalUnreadable(message, "dump_not_json", path=path, line=number) from error
            if not isinstance(record, dict) or "name" not in record:
                message = f"{path}, line {number}: not a CKAN dataset"
                raise PortalUnreadable(message, "dump_not_dataset", path=path, line=number)
            yield record


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) < 300 else text[:300] + "…"

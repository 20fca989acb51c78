"""Read every dataset of a portal (CKAN Action API, paged) or of a `ckanapi dump` file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from opendata.ckan_client import CkanClient, NotAuthorised, NotFound, PortalError, PortalUnreachable
from opendata.failure import OwnWords

PAGE = 100


class PortalUnreadable(OwnWords):
    """The portal or the dump could not be read at all (exit code 2)."""


class TokenUnknown(NotAuthorised):
    """The audit's token reads no organisation: the portal does not know it (CKAN takes it
    for an anonymous visitor), or its user is a member of none. A new token may help, or a
    membership; the audit's words say both."""


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


class Crawl(NamedTuple):
    datasets: list[dict]
    requests: int
    # only the public datasets were seen: no token, or one whose user is not in --org
    public_only: bool


def crawl_portal(
    url: str,
    org: str | None = None,
    *,
    timeout: float = 30.0,
    apikey: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Crawl:
    """All active datasets (with resources) of ORG or the whole portal, the request count,
    and whether only the public datasets could be seen.

    package_search returns whole datasets, so paging it is enough: no per-dataset
    package_show, which keeps the audit to a handful of API calls per thousand datasets.
    The calls go through ``CkanClient``, so a busy or flaky portal is retried as for
    publishing, and a token never shows in a message.  A token the portal does not know is
    refused first: the portal would answer as to anyone, and the audit of its public datasets
    would pass for one of all of them.  A token whose user is not in ORG (and not a sysadmin,
    whom the portal lists in every organisation) sees ORG's public datasets only, and one of
    the whole portal, not a sysadmin's, the private datasets of its own organisations only:
    the audit says so.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise PortalUnreadable(f"{url}: only http(s) portals can be audited")
    client = CkanClient(url, apikey, timeout=timeout)
    query = {}
    try:
        readable = _token_organisations(client) if apikey else set()
        if org:  # by its name: the search knows no id, which the portal's pages show too
            found = client.call("organization_show", {"id": org, "include_datasets": False})
            query = {"fq": f'organization:"{found.get("name") or org}"'}
            public_only = not {found.get("name"), found.get("id")} & readable
        else:  # a member reads the private datasets of its own organisations only
            public_only = not apikey or not _is_sysadmin(client)
        datasets = _search_pages(client, query, on_progress)
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
    return Crawl(datasets, client.requests, public_only)


def _search_pages(
    client: CkanClient, query: dict, on_progress: Callable[[int, int], None] | None
) -> list[dict]:
    """Every dataset package_search pages through, each once.  A portal is not trusted to
    end: the pages stop at the first answer's count, or at a page with no dataset not seen
    before (one that answers the same datasets for ever, claiming a billion, never ended)."""
    datasets: list[dict] = []
    seen: set[str] = set()
    total: int | None = None
    start = 0
    while total is None or start < total:
        page = client.call(
            "package_search",
            {"q": "*:*", "rows": PAGE, "start": start, "sort": "name asc", "include_private": True, **query},
        )
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise PortalUnreadable(f"{client.url}: package_search did not answer a CKAN result")
        total = int(page.get("count") or 0) if total is None else total
        new = [d for d in page["results"] if _identity(d) not in seen]
        seen.update(_identity(d) for d in new)
        datasets += new
        if on_progress:
            on_progress(len(datasets), total)
        if not new:
            break
        start += PAGE
    return datasets


def _identity(dataset: object) -> str:
    """A dataset's id on the portal (its name where it has none); the whole record otherwise."""
    if isinstance(dataset, dict) and (dataset.get("id") or dataset.get("name")):
        return str(dataset.get("id") or dataset.get("name"))
    return json.dumps(dataset, sort_keys=True, default=str)


def _token_organisations(client: CkanClient) -> set[str]:
    """The names and ids of the organisations the token's user reads; a token the portal
    does not know is refused (``CkanClient.token_organisations``)."""
    try:
        organisations = client.token_organisations()
    except NotAuthorised as error:
        raise PortalUnreadable(str(error), "token_unknown", portal=client.url) from TokenUnknown(str(error))
    return {str(o.get(key)) for o in organisations for key in ("name", "id") if o.get(key)}


def _is_sysadmin(client: CkanClient) -> bool:
    """Whether the token's user is the portal's sysadmin, who reads every private dataset.
    CKAN's user_show without an id shows the token's own user; a portal that shows none
    (an older CKAN) is taken as a member's, so the report never claims the private datasets."""
    return bool((client.find("user_show", {}) or {}).get("sysadmin"))


def read_dump(path: Path) -> list[dict]:
    """The datasets of a `ckanapi dump datasets` JSON-lines file (`of_organisation` picks one's)."""
    try:
        return list(_dump_lines(path))
    except OSError as error:
        raise PortalUnreadable(f"{path}: {error.strerror or error}") from error


def of_organisation(datasets: list[dict], org: str | None) -> list[dict]:
    """The DATASETS of organisation ORG (by its name), or all of them when ORG is None."""
    return [d for d in datasets if not org or (d.get("organization") or {}).get("name") == org]


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

"""Run the whole audit: crawl, fetch, check, score. Returns data; rendering is elsewhere."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from opendata.audit import freshness, links, mqa, register, stars, validity
from opendata.audit.checks import passport
from opendata.audit.crawl import crawl_portal, of_organisation, organisation_name, read_dump
from opendata.audit.formats import normal_format
from opendata.audit.model import Audit, DatasetResult, Finding, ResourceResult
from opendata.audit.worker import Checker

# on_progress(stage, done, total): stage is "crawl" or "links"
Progress = Callable[[str, int, int], None]


def run_audit(
    *,
    portal: str | None = None,
    dump: str | Path | None = None,
    org: str | None = None,
    audit_day: date | None = None,
    register_file: str | Path | None = None,
    check_links: bool = True,
    concurrency: int = 8,
    timeout: float = 15.0,
    size_cap: int = 50 << 20,
    apikey: str | None = None,
    internal_links: bool = False,
    check_timeout: float = 120.0,
    on_progress: Progress | None = None,
) -> Audit:
    """Audit a portal (or a dump file) and return every finding and score.

    With a dump, links are fetched only if `check_links` is true (the files may
    still be reachable); otherwise the link-dependent points and stars stay unknown.
    With an API token (APIKEY) the portal's private datasets are audited too, and their
    uploads fetched with it; without one, or with one whose user is not in ORG, only the
    public datasets can be seen.  Links to this computer or a private network are not
    fetched unless INTERNAL_LINKS, but for the portal's own address.  The files are
    downloaded into a temporary folder, deleted once they are checked: no resource's
    ``local_file`` names a copy (it is None).  Each file's validity check runs in a worker
    process and is killed after CHECK_TIMEOUT seconds (a zip bomb, a schema's pattern that
    backtracks for ever): the resource then has the finding validity-timeout.
    """
    if portal is None and dump is None:
        raise ValueError("run_audit() needs a portal's address (portal=...) or a dump file (dump=...)")
    dump = Path(dump) if dump is not None else None
    register_file = Path(register_file) if register_file is not None else None
    audit_day = audit_day or date.today()
    # read first: an unreadable register stops the audit before the crawl, not after it
    register_rows = register.read_register(register_file) if register_file else None
    dump_datasets = None  # the dump's, of every organisation: none at all is an empty dump, not a wrong --org
    if dump is not None:
        everything = read_dump(dump)
        raw, requests, public_only = of_organisation(everything, org), 0, False
        dump_datasets = len(everything)
    else:
        crawl_progress = (lambda done, total: on_progress("crawl", done, total)) if on_progress else None
        raw, requests, public_only = crawl_portal(
            portal, org, timeout=timeout, apikey=apikey, on_progress=crawl_progress
        )
    if org and dump is None:
        org = organisation_name(portal, org, timeout=timeout, apikey=apikey)
    audit = Audit(
        portal=portal or str(dump),
        organization=org,
        audit_date=audit_day.isoformat(),
        year=audit_day.year,
        requests=requests,
        links_checked=check_links,
        register_checked=register_file is not None,
        public_only=public_only,
        dump_datasets=dump_datasets,
    )
    results = [(_dataset_result(d, portal), d) for d in raw]
    all_resources = [r for result, _ in results for r in result.resources]
    with tempfile.TemporaryDirectory(prefix="opendata-audit-") as tmp, Checker(check_timeout) as checker:
        workdir = Path(tmp)
        if check_links and all_resources:
            checker.start()  # its imports go on while the files are downloaded
            done = [0]

            def tick() -> None:
                done[0] += 1
                if on_progress:
                    on_progress("links", done[0], len(all_resources))

            links.check_links(
                all_resources,
                workdir,
                concurrency=concurrency,
                timeout=timeout,
                size_cap=size_cap,
                on_done=tick,
                token=links.PortalToken(portal, apikey) if portal and apikey else None,
                portal=portal,
                internal=internal_links,
            )
            audit.requests += len(all_resources)
        for result, dataset in results:
            audit.findings += _check_dataset(result, dataset, audit_day, workdir, size_cap, checker)
            audit.datasets.append(result)
    for resource in all_resources:  # its copy went with the folder
        resource.local_file = None
    if register_rows is not None:
        audit.findings += register.compare(register_rows, audit.datasets, public_only=audit.public_only)
    return audit


def _dataset_result(dataset: dict, portal: str | None) -> DatasetResult:
    extra = passport.extras(dataset)
    base = (portal or "").rstrip("/")
    return DatasetResult(
        name=dataset["name"],
        title=dataset.get("title") or dataset["name"],
        organization=(dataset.get("organization") or {}).get("name", ""),
        url=f"{base}/dataset/{dataset['name']}" if base else "",
        license_id=dataset.get("license_id") or "",
        update_frequency=extra.get("update_frequency") or "",
        last_modified=passport.last_modified(dataset),
        id=dataset.get("id") or "",
        temporal_end=extra.get("temporal_end") or None,
        resources=[
            ResourceResult(
                dataset=dataset["name"],
                resource_id=r.get("id") or f"{dataset['name']}-{i}",
                name=r.get("name") or "",
                url=r.get("url") or "",
                format=r.get("format") or "",
            )
            for i, r in enumerate(dataset.get("resources") or [])
        ],
    )


def _schemas(result: DatasetResult, dataset: dict, workdir: Path) -> dict[str, Path | None]:
    """The dataset's structure resources (JSON), each with its Table Schema where the file
    was downloaded.  A downloaded file is one if its content is a Table Schema or CSVW,
    whatever its name (JSON data called «Організаційна структура» is data); one not
    downloaded, if its name says so."""
    found: dict[str, Path | None] = {}
    for resource, meta in zip(result.resources, dataset.get("resources") or [], strict=True):
        if normal_format(resource.format) != "json":
            continue
        if resource.local_file:
            schema = validity.table_schema(Path(resource.local_file), workdir)
            if schema is not None:
                found[resource.resource_id] = schema
        elif passport.names_a_schema(meta):
            found[resource.resource_id] = None
    return found


def _own_schemas(result: DatasetResult, dataset: dict, workdir: Path) -> dict[str, Path]:
    """The Table Schemas resources carry in their own ``schema`` field, as ckanext-validation
    (and `opendata publish`) keeps them: a dataset whose tables have one has its structure."""
    found = {}
    for resource, meta in zip(result.resources, dataset.get("resources") or [], strict=True):
        value = meta.get("schema")
        if isinstance(value, str):  # ckanext-validation keeps it as JSON text
            try:
                value = json.loads(value)
            except ValueError:
                continue
        schema = validity.schema_file(value, workdir)
        if schema is not None:
            found[resource.resource_id] = schema
    return found


def _check_dataset(
    result: DatasetResult, dataset: dict, audit_day: date, workdir: Path, size_cap: int, checker: Checker
) -> list[Finding]:
    schemas = _schemas(result, dataset, workdir)
    schema_ids = set(schemas)
    schema = next((path for path in schemas.values() if path), None)
    own = _own_schemas(result, dataset, workdir)
    has_schema = bool(schemas) or bool(own)
    findings, result.passport_missing = passport.check(dataset, audit_day, has_schema=has_schema)
    for resource in result.resources:
        findings += links.findings(resource, size_cap)
        if resource.local_file and resource.resource_id not in schema_ids:
            findings += checker.check(resource, own.get(resource.resource_id) or schema)
    result.stars, star_findings = stars.score(result.name, result.license_id, result.resources, schema_ids)
    result.mqa, mqa_findings = mqa.score(dataset, result.resources)
    return findings + star_findings + freshness.check(result, audit_day) + mqa_findings

#!/usr/bin/env python3
"""Benchmark `opendata audit` on a generated portal: N datasets with 3 resources each on the local CKAN.

    bash scripts/ckan/portal.sh up
    .venv/bin/python scripts/bench_audit.py --datasets 1000

Generation is skipped when the organisation already holds N datasets. Prints the
audit's wall time, requests per second (API calls + resource downloads) and the
peak resident memory of this process (the audit runs in-process). Goal on a
2-core machine: 1,000 datasets / 3,000 resources in under 5 minutes and 1 GB.
"""

from __future__ import annotations

import argparse
import io
import resource
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ckanapi

from opendata.audit import run_audit
from opendata.audit.report import write_outputs
from seed_portal import FIXTURES, add_portal_options, portal_api  # beside this script


def _files(api: ckanapi.RemoteCKAN, org: str) -> list[tuple[str, str]]:
    """Upload one CSV, one JSON schema and one PDF once; the generated resources link to them."""
    name = f"{org}-files"
    try:
        package = api.action.package_show(id=name)
    except ckanapi.NotFound:
        package = api.action.package_create(name=name, title="Bench files", owner_org=org, license_id="cc-by")
        uploads = [
            ("tariffs.csv", "CSV", (FIXTURES / "tariffs.csv").read_bytes()),
            ("schema.json", "JSON", (FIXTURES / "tariffs.schema.json").read_bytes()),
            ("report.pdf", "PDF", b"%PDF-1.4\n%%EOF\n"),
        ]
        for filename, fmt, data in uploads:
            api.action.resource_create(
                package_id=package["id"],
                name=filename,
                format=fmt,
                url="",
                upload=(filename, io.BytesIO(data)),
            )
        package = api.action.package_show(id=name)
    return [(r["url"], r["format"]) for r in package["resources"]]


def generate(api: ckanapi.RemoteCKAN, org: str, count: int) -> None:
    try:
        api.action.organization_show(id=org)
    except ckanapi.NotFound:
        api.action.organization_create(name=org, title=f"Benchmark {org}")
    files = _files(api, org)
    have = api.action.package_search(fq=f'organization:"{org}"', rows=0)["count"] - 1
    names = [f"{org}-{i:05d}" for i in range(max(have, 0), count)]

    def create(name: str) -> None:
        api.action.package_create(
            name=name,
            title=f"Набір {name}",
            owner_org=org,
            notes="Згенерований набір для вимірювання.",
            license_id="cc-by",
            maintainer="Бенчмарк",
            maintainer_email="bench@example.gov.ua",
            tags=[{"name": "бенчмарк"}],
            extras=[
                {"key": "update_frequency", "value": "Щомісяця"},
                {"key": "last_modified", "value": "2026-01-01"},
            ],
            resources=[{"name": f"{name}-{i}", "url": u, "format": f} for i, (u, f) in enumerate(files)],
        )

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(create, names))


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark opendata audit on a generated CKAN portal.")
    add_portal_options(parser)
    parser.add_argument("--datasets", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    org = f"bench-audit-{args.datasets}"
    api = portal_api(args)
    started = time.perf_counter()
    generate(api, org, args.datasets)
    print(f"portal ready: {org} ({time.perf_counter() - started:.0f} s to generate)")
    started = time.perf_counter()
    audit = run_audit(portal=args.portal, org=org, concurrency=args.concurrency)
    with tempfile.TemporaryDirectory() as out:
        summary = write_outputs(audit, Path(out))
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"audited {summary['datasets']} datasets, {summary['resources']} resources, "
        f"{summary['findings']} findings"
    )
    print(
        f"wall time {wall:.1f} s, {audit.requests} requests, {audit.requests / wall:.1f} requests/s, "
        f"peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()

"""The audit's results as tables with Table Schemas: the open-data side of the report."""

from __future__ import annotations

from opendata.audit.compare import changes
from opendata.audit.model import Audit
from opendata.audit.mqa import DIMENSIONS, band
from opendata.audit.summary import recommendations

# table -> [(field, type, description)]
SCHEMAS: dict[str, list[tuple[str, str, str]]] = {
    "datasets": [
        ("name", "string", "Dataset identifier on the portal"),
        ("title", "string", "Dataset title"),
        ("organization", "string", "Publisher (CKAN organisation)"),
        ("url", "string", "Dataset page"),
        ("license_id", "string", "Licence identifier"),
        ("update_frequency", "string", "Declared update frequency"),
        ("last_modified", "string", "Last modification per the passport"),
        ("days_since_modified", "integer", "Days between last modification and the audit"),
        ("overdue", "boolean", "Older than the update frequency allows (empty: unknown)"),
        ("stars", "integer", "Openness stars (best resource)"),
        ("mqa_score", "integer", "Metadata quality points (of 405)"),
        ("mqa_band", "string", "excellent, good, sufficient or bad"),
        *[(f"mqa_{d}", "integer", f"MQA points for {d}") for d in DIMENSIONS],
        ("passport_missing", "string", "Passport items missing or invalid, separated by spaces"),
        ("resources", "integer", "Number of resources"),
        ("findings", "integer", "Number of findings"),
    ],
    "resources": [
        ("dataset", "string", "Dataset identifier"),
        ("resource_id", "string", "Resource identifier"),
        ("name", "string", "Resource name"),
        ("format", "string", "Declared format"),
        ("url", "string", "Resource link"),
        ("status", "integer", "HTTP status (empty: not fetched)"),
        ("redirects", "integer", "Redirects followed"),
        ("final_url", "string", "Address after redirects"),
        ("content_type", "string", "Content-Type sent by the server"),
        ("size_bytes", "integer", "Size in bytes"),
        ("truncated", "boolean", "Over the download cap: only the link and size checked, not the data"),
        (
            "error",
            "string",
            "Why the file could not be fetched: not-http, internal-address, timeout, too-many-redirects, "
            "connection-refused, dns, tls or connection-dropped",
        ),
        ("stars", "integer", "Openness stars"),
        ("encoding", "string", "Detected text encoding of a table"),
        ("rows", "integer", "Data rows in a table"),
        ("valid", "boolean", "Table valid against its schema (empty: not checked)"),
        ("error_count", "integer", "Validation errors"),
    ],
    "findings": [
        ("finding_id", "integer", "Sequence number"),
        ("check", "string", "passport, links, stars, validity, freshness, register or mqa"),
        ("code", "string", "Finding type"),
        ("severity", "string", "error, warning or info"),
        ("dataset", "string", "Dataset identifier (empty: portal-wide)"),
        ("resource_id", "string", "Resource identifier"),
        ("resource_name", "string", "Resource name, as the portal shows it"),
        ("message", "string", "What is wrong"),
        ("recommendation", "string", "What to do"),
    ],
    "recommendations": [
        ("rank", "integer", "Priority (1 = first)"),
        ("code", "string", "Finding type"),
        ("severity", "string", "Highest severity among the findings"),
        ("action", "string", "What to do"),
        ("datasets", "integer", "Datasets concerned"),
        ("findings", "integer", "Findings resolved"),
        ("points", "integer", "Metadata quality points to gain"),
        ("examples", "string", "Some datasets concerned"),
    ],
    "changes": [
        ("name", "string", "Dataset identifier"),
        ("status", "string", "new, removed, improved, worse or same"),
        ("previous_score", "integer", "MQA points in the previous audit"),
        ("score", "integer", "MQA points now"),
        ("score_change", "integer", "Change in points"),
        ("previous_findings", "integer", "Findings in the previous audit"),
        ("findings", "integer", "Findings now"),
        ("findings_change", "integer", "Change in findings"),
    ],
}


def rows(audit: Audit, lang: str) -> dict[str, list[dict]]:
    counts = audit.findings_per_dataset()
    datasets = [
        {
            **{
                k: getattr(d, k)
                for k in (
                    "name",
                    "title",
                    "organization",
                    "url",
                    "license_id",
                    "update_frequency",
                    "last_modified",
                    "days_since_modified",
                    "overdue",
                    "stars",
                )
            },
            "mqa_score": d.mqa_total,
            "mqa_band": band(d.mqa_total),
            **{f"mqa_{dim}": d.mqa[dim] for dim in DIMENSIONS},
            "passport_missing": " ".join(d.passport_missing),
            "resources": len(d.resources),
            "findings": counts.get(d.name, 0),
        }
        for d in audit.datasets
    ]
    resources = [{name: getattr(r, name) for name, _, _ in SCHEMAS["resources"]} for r in audit.resources]
    resource_names = {r.resource_id: r.name or r.url for r in audit.resources}
    findings = []
    for number, finding in enumerate(audit.findings, start=1):
        message, fix = finding.render(lang)
        findings.append(
            {
                "finding_id": number,
                "check": finding.check,
                "code": finding.code,
                "severity": finding.severity,
                "dataset": finding.dataset,
                "resource_id": finding.resource_id,
                "resource_name": resource_names.get(finding.resource_id),
                "message": message,
                "recommendation": fix,
            }
        )
    tables = {
        "datasets": datasets,
        "resources": resources,
        "findings": findings,
        "recommendations": recommendations(audit, lang),
    }
    if audit.previous:
        tables["changes"] = changes(audit)
    return tables


def table_schema(name: str) -> dict:
    fields = [{"name": f, "type": t, "description": d} for f, t, d in SCHEMAS[name]]
    key = {"datasets": "name", "findings": "finding_id", "recommendations": "rank", "changes": "name"}.get(
        name
    )
    return {"fields": fields, **({"primaryKey": [key]} if key else {})}

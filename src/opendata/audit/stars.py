"""Tim Berners-Lee's openness stars per resource, scored the way ckanext-qa does.

0 broken link or non-open licence; 1 any format on the web (PDF, DOC, HTML…);
2 proprietary structured (XLS, XLSX); 3 open structured (CSV, JSON, XML, ODS);
5 linked data (RDF, TTL, JSON-LD). A dataset's stars are its best resource's; one
with no resources has no data (0 stars, an error).
"""

from __future__ import annotations

from opendata.audit.formats import served_formats
from opendata.audit.model import Finding, ResourceResult

FORMAT_STARS = {
    "xls": 2,
    "xlsx": 2,
    "csv": 3,
    "tsv": 3,
    "json": 3,
    "xml": 3,
    "ods": 3,
    "geojson": 3,
    "rdf": 5,
    "ttl": 5,
    "n3": 5,
    "jsonld": 5,
    "json-ld": 5,
    "nt": 5,
}
# CKAN's default licences that are open (od_conformance "approved"); others cap the score at 0.
OPEN_LICENCES = {
    "cc-by",
    "cc-by-4.0",
    "cc-by-sa",
    "cc-by-sa-4.0",
    "cc-zero",
    "cc0-1.0",
    "gfdl",
    "odc-by",
    "odc-odbl",
    "odc-pddl",
    "other-at",
    "other-open",
    "other-pd",
    "uk-ogl",
}
# the findings that follow from the download: the format the link serves, a link that does
# not answer, a JSON file that is a schema by its content (then not data to score)
FROM_DOWNLOAD = frozenset({"stars-only-schema", "stars-not-machine-readable", "stars-proprietary"})


def resource_stars(resource: ResourceResult, licence_open: bool) -> int:
    """Scored by what the link serves where its content type contradicts the declared
    format (the lower score where the type fits several formats)."""
    if not licence_open or resource.reachable is False:
        return 0
    return min(FORMAT_STARS.get(name, 1) for name in _served(resource))


def _served(resource: ResourceResult) -> list[str]:
    return served_formats(resource.format, resource.content_type)


def score(
    dataset: str, license_id: str, resources: list[ResourceResult], schema_ids: set
) -> tuple[int, list[Finding]]:
    """The dataset's stars (schema resources aside) and the findings that explain a low score."""
    licence_open = license_id in OPEN_LICENCES
    data = [r for r in resources if r.resource_id not in schema_ids]
    for resource in resources:
        resource.stars = resource_stars(resource, licence_open)
    best = max((r.stars for r in data), default=0)
    findings = []
    if not data:  # nothing to score, and no format to blame: no resource, or only the schema
        findings.append(
            Finding("stars", "stars-only-schema" if resources else "stars-no-resources", "error", dataset)
        )
    if not licence_open:
        # a missing licence (none, or CKAN's "notspecified") is the passport's finding, said once
        if license_id not in ("", "notspecified"):
            findings.append(
                Finding("stars", "stars-closed-licence", "error", dataset, params={"license": license_id})
            )
    elif data and best < 3 and any(r.reachable is not False for r in data):
        formats = ", ".join(sorted({"/".join(_served(r)).upper() or "?" for r in data}))
        # 2 stars: machine-readable, but proprietary (XLS, XLSX); 1: not machine-readable (PDF, HTML)
        code = "stars-proprietary" if best == 2 else "stars-not-machine-readable"
        findings.append(Finding("stars", code, "warning", dataset, params={"format": formats, "stars": best}))
    return best, findings

"""Portal-wide figures and the ranked list of fixes, computed from an `Audit`."""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction

from opendata.audit.compare import comparable_counts, differing
from opendata.audit.messages import action
from opendata.audit.model import SEVERITY_WEIGHT, Audit, Finding
from opendata.audit.mqa import DIMENSIONS, band, half_up


def _group_key(finding: Finding) -> tuple:
    return finding.code, finding.params.get("field") or finding.params.get("indicator")


def more(count: int, lang: str) -> str:
    """After the first few names: «… і ще 13», not a bare «…» that hides how many."""
    if count <= 0:
        return ""
    return f" … і ще {count}" if lang == "uk" else f" … and {count} more"


def recommendations(audit: Audit, lang: str) -> list[dict]:
    """One fix per kind of finding, ranked by severity then by how many datasets it helps."""
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for finding in audit.findings:
        groups[_group_key(finding)].append(finding)
    ranked = []
    for (code, _), found in groups.items():
        severity = max((f.severity for f in found), key=SEVERITY_WEIGHT.__getitem__)
        datasets = sorted({f.dataset or f.params.get("uid", "") for f in found})
        ranked.append(
            {
                "code": code,
                "severity": severity,
                "action": action(code, lang, found[0].params),
                "datasets": len(datasets),
                "findings": len(found),
                "examples": ", ".join(datasets[:5]) + more(len(datasets) - 5, lang),
                "names": datasets,  # for the report to name them by title
                "points": sum(f.params.get("points", 0) for f in found),
            }
        )
    ranked.sort(key=lambda r: (-SEVERITY_WEIGHT[r["severity"]], -r["datasets"], -r["points"], r["code"]))
    for rank, row in enumerate(ranked, start=1):
        row["rank"] = rank
    return ranked


def summary(audit: Audit) -> dict:
    """The headline figures a head of department reads first.  With no dataset there is no
    score (None: not applicable), not a 0 «погано» of datasets that may well exist."""
    datasets = audit.datasets
    scores = [d.mqa_total for d in datasets]
    severities = Counter(f.severity for f in audit.findings)
    overall = half_up(Fraction(sum(scores), len(scores))) if scores else None
    result = {
        "portal": audit.portal,
        "organization": audit.organization,
        "audit_date": audit.audit_date,
        "year": audit.year,
        "datasets": len(datasets),
        "resources": len(audit.resources),
        "findings": len(audit.findings),
        "errors": severities["error"],
        "warnings": severities["warning"],
        "infos": severities["info"],
        "overall_score": overall,
        "overall_band": band(overall) if overall is not None else None,
        "bands": dict(Counter(band(s) for s in scores)),
        "dimensions": {
            dim: half_up(Fraction(sum(d.mqa[dim] for d in datasets), len(datasets))) if datasets else None
            for dim in DIMENSIONS
        },
        "stars": {str(n): sum(d.stars == n for d in datasets) for n in range(6)},
        "overdue": sum(d.overdue is True for d in datasets),
        "passport_complete": sum(not d.passport_missing for d in datasets),
        "broken_links": sum(r.reachable is False for r in audit.resources),
        "invalid_tables": sum(r.valid is False for r in audit.resources),
        "links_checked": audit.links_checked,
        "register_checked": audit.register_checked,
        "public_only": audit.public_only,
        "dump_datasets": audit.dump_datasets,
        "requests": audit.requests,
    }
    if audit.previous:
        result["previous"] = _previous(audit, result)
    return result


def _previous(audit: Audit, result: dict) -> dict:
    """The change since the previous audit, on what both checked (`compare.differing`): the
    scores compared (`compared_before`, `compared_now`) are the ones its change is of."""
    before = audit.previous["summary"]
    keys = differing(audit)
    access = "links_checked" in keys  # then the accessibility points are no change
    now_score = _compared_score(result, access)
    then_score = _compared_score(before, access)
    now_counts, then_counts = comparable_counts(audit, keys)
    then_findings = sum(then_counts.values()) if then_counts is not None else int(before.get("findings") or 0)
    return {
        "audit_date": before.get("audit_date"),
        "overall_score": before.get("overall_score"),
        "compared_before": then_score,
        "compared_now": now_score,
        "overall_change": None if now_score is None or then_score is None else now_score - then_score,
        "findings_change": sum(now_counts.values()) - then_findings,
        "not_compared": keys,
    }


def _compared_score(summary: dict, without_access: bool) -> int | None:
    """An audit's overall score as compared: without the accessibility points when only one
    of the audits checked links (they then tell the settings apart, not the datasets).
    None for an audit of no dataset (an earlier version's summary said 0 for it)."""
    if not summary.get("datasets"):
        return None
    access = int((summary.get("dimensions") or {}).get("accessibility") or 0) if without_access else 0
    return int(summary.get("overall_score") or 0) - access

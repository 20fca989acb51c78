"""Findings and per-dataset/per-resource results: plain data, rendered later."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from opendata.audit.messages import render

SEVERITY_WEIGHT = {"error": 3, "warning": 2, "info": 1}


@dataclass
class Finding:
    check: str  # passport, links, stars, validity, freshness, register, mqa
    code: str
    severity: str  # error | warning | info
    dataset: str | None = None  # dataset name; None for portal-wide findings
    resource_id: str | None = None
    params: dict = field(default_factory=dict)

    def render(self, lang: str) -> tuple[str, str]:
        """(message, recommendation) in the chosen language."""
        return render(self.code, lang, {"dataset": self.dataset, **self.params})


@dataclass
class ResourceResult:
    dataset: str
    resource_id: str
    name: str
    url: str
    format: str
    status: int | None = None  # HTTP status; None if not fetched
    final_url: str | None = None
    redirects: int = 0
    content_type: str | None = None
    size_bytes: int | None = None
    truncated: bool = False  # over the download cap: only headers and a sample were read
    error: str | None = None  # network error, if any
    stars: int = 0
    encoding: str | None = None
    rows: int | None = None
    valid: bool | None = None  # None: not a table or not checked
    error_count: int = 0
    local_file: str | None = None  # downloaded copy, for the validity check; None after run_audit

    @property
    def reachable(self) -> bool | None:
        """None: not checked.  A fetch that failed, even after the headers came (a body
        that stalls), is unreachable everywhere: stars, MQA points, broken links."""
        if self.error is not None:
            return False
        if self.status is None:
            return None
        return 200 <= self.status < 400


@dataclass
class DatasetResult:
    name: str
    title: str
    organization: str
    url: str
    license_id: str
    update_frequency: str
    last_modified: str | None
    id: str = ""  # the portal's id: a register may link a dataset by it
    temporal_end: str | None = None  # the passport's end of temporal coverage: a finished period
    days_since_modified: int | None = None
    overdue: bool | None = None  # None: unknown (no credible date, or no official frequency)
    stars: int = 0
    mqa: dict[str, int] = field(default_factory=dict)  # dimension -> points
    passport_missing: list[str] = field(default_factory=list)
    resources: list[ResourceResult] = field(default_factory=list)

    @property
    def mqa_total(self) -> int:
        return sum(self.mqa.values())


@dataclass
class Audit:
    portal: str
    organization: str | None
    audit_date: str
    year: int
    datasets: list[DatasetResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    requests: int = 0
    links_checked: bool = True
    register_checked: bool = False
    public_only: bool = False  # a portal read without a token of ORG's user: its private datasets unseen
    dump_datasets: int | None = None  # in the --dump file, of every organisation (None: a portal's audit)
    previous: dict | None = None  # from --compare: {"dir", "datasets": {name: row}, "summary"}

    @property
    def resources(self) -> list[ResourceResult]:
        return [r for d in self.datasets for r in d.resources]

    def findings_per_dataset(self) -> Counter[str]:
        """How many findings each dataset has (portal-wide findings are not counted)."""
        return Counter(f.dataset for f in self.findings if f.dataset)

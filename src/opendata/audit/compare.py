"""Year-over-year comparison with a previous audit's output folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from opendata.audit.model import Audit


class PreviousUnreadable(Exception):
    """The --compare folder is not an audit output."""


def load_previous(folder: Path) -> dict:
    try:
        with (folder / "datasets.csv").open(encoding="utf-8", newline="") as stream:
            rows = {row["name"]: row for row in csv.DictReader(stream)}
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as error:
        missing = Path(getattr(error, "filename", None) or "datasets.csv").name
        detail = f"no {missing} there" if isinstance(error, OSError) else str(error)
        raise PreviousUnreadable(f"{folder}: not the output of a previous audit ({detail})") from error
    return {"dir": str(folder), "datasets": rows, "summary": summary}


def is_audit_output(folder: Path) -> bool:
    """Whether FOLDER holds an earlier audit's outputs, which a new audit may replace
    (the files of any other folder, a data package's say, it may not)."""
    try:
        load_previous(folder)
    except PreviousUnreadable:
        return False
    return True


def previous_organisation(previous: dict) -> str | None:
    """The organisation the previous audit covered (None: the whole portal).  Its
    datasets can only be compared with an audit of the same."""
    return previous["summary"].get("organization") or None


def changes(audit: Audit) -> list[dict]:
    """Per dataset: score and findings then and now (datasets new or gone included)."""
    if not audit.previous:
        return []
    before = audit.previous["datasets"]
    now = {d.name: d for d in audit.datasets}
    counts = audit.findings_per_dataset()
    rows = []
    for name in sorted(before.keys() | now.keys()):
        old, new = before.get(name), now.get(name)
        old_score = int(old["mqa_score"]) if old else None
        new_score = new.mqa_total if new else None
        old_findings = int(old["findings"]) if old else None
        new_findings = counts.get(name, 0) if new else None
        if old is None:
            status = "new"
        elif new is None:
            status = "removed"
        elif (new_score, -new_findings) > (old_score, -old_findings):
            status = "improved"
        elif (new_score, -new_findings) < (old_score, -old_findings):
            status = "worse"
        else:
            status = "same"
        rows.append(
            {
                "name": name,
                "status": status,
                "previous_score": old_score,
                "score": new_score,
                "score_change": None if old is None or new is None else new_score - old_score,
                "previous_findings": old_findings,
                "findings": new_findings,
                "findings_change": None if old is None or new is None else new_findings - old_findings,
            }
        )
    return rows

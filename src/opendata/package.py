"""Writing the plan's data package, and reading any data package safely.

CSV files are written the same way every time (UTF-8 without BOM, LF line
ends, minimal quoting, empty cell for null) so that a rerun of the importer
reproduces the committed files byte for byte and `git diff` shows only real
changes.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

from opendata.plan_import import ParsedPlan, parse_decision, person_rows, read_source

PLAN_RESOURCES = ["decision", "campaigns", "tasks", "people", "task_roles", "progress_reports"]
SOURCES_DIR = "sources"
SCHEMAS_DIR = "schemas"


def plan_schema(name: str) -> dict:
    """The Table Schema (or, for "package", the package template) shipped with opendata."""
    text = resources.files("opendata.plan_schema").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


def csv_bytes(header: list[str], rows: list[dict], *, delimiter: str = ",", line_end: str = "\n") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in header])
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def plan_tables(plan: ParsedPlan) -> dict[str, list[dict]]:
    """Rows of every plan table except progress_reports, in a fixed order."""
    return {
        "decision": [plan.decision],
        "campaigns": [
            {
                "campaign_id": c.campaign_id,
                "numeral": c.numeral,
                "title_uk": c.title_uk,
                "title_en": c.title_en,
                "decision_id": plan.decision["decision_id"],
            }
            for c in plan.campaigns
        ],
        "tasks": [
            {
                "task_id": t.task_id,
                "sequence": t.sequence,
                "campaign_id": t.campaign_id,
                "source_number": t.source_number,
                "number_is_duplicate": t.number_is_duplicate,
                "title_uk": t.title,
            }
            for t in plan.tasks
        ],
        "people": person_rows(plan.people),
        "task_roles": _role_rows(plan),
    }


def _role_rows(plan: ParsedPlan) -> list[dict]:
    ids = {p.display_name: p.person_id for p in plan.people}
    rows = []
    for task in plan.tasks:
        for role, names in (("leader", task.leaders), ("executor", task.executors)):
            for position, name in enumerate(names, start=1):
                rows.append(
                    {
                        "task_id": task.task_id,
                        "role": role,
                        "position": position,
                        "person_id": ids[name],
                    }
                )
    return rows


def publisher_name(descriptor: dict) -> str | None:
    """The title of the package's contributor with role "publisher", if any."""
    for contributor in descriptor.get("contributors", []):
        if contributor.get("role") == "publisher":
            return contributor.get("title")
    return None


def csv_resource(name: str, **metadata) -> dict:
    """Descriptor of a UTF-8 CSV table `NAME.csv` with its schema in schemas/NAME.json."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        **metadata,
        "schema": f"{SCHEMAS_DIR}/{name}.json",
    }


def package_descriptor() -> dict:
    template = plan_schema("package")
    resource_meta = template.pop("resources")
    template["resources"] = [csv_resource(name, **resource_meta[name]) for name in PLAN_RESOURCES]
    return template


def import_plan(source: Path, out_dir: Path) -> ParsedPlan:
    """Build the plan's data package in `out_dir` from the decision's text.

    Existing execution records (progress_reports.csv) are kept: the importer
    owns the plan, the communication department owns the reports.
    """
    text, codec = read_source(source)
    plan = parse_decision(text, source_name="")
    plan.source_encoding = codec
    # The copy's name comes from the content, not from where it was read.
    source_name = f"{SOURCES_DIR}/{plan.decision['decision_id']}.txt"
    plan.decision["source_file"] = source_name

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / SCHEMAS_DIR).mkdir(exist_ok=True)
    (out_dir / SOURCES_DIR).mkdir(exist_ok=True)
    source_copy = out_dir / source_name
    if codec != "utf-8":  # the package's copy is UTF-8, like every file in it
        _write_if_changed(source_copy, text.encode("utf-8"))
    elif not source_copy.exists() or source_copy.resolve() != source.resolve():
        shutil.copyfile(source, source_copy)

    schemas = {name: plan_schema(name) for name in PLAN_RESOURCES}
    headers = {name: [f["name"] for f in schema["fields"]] for name, schema in schemas.items()}
    for name, rows in plan_tables(plan).items():
        _write_if_changed(out_dir / f"{name}.csv", csv_bytes(headers[name], rows))
    reports = out_dir / "progress_reports.csv"
    if not reports.exists():
        reports.write_bytes(csv_bytes(headers["progress_reports"], []))
    for name, schema in schemas.items():
        _write_if_changed(out_dir / SCHEMAS_DIR / f"{name}.json", json_text(schema).encode("utf-8"))
    descriptor = package_descriptor()
    descriptor["sources"][0]["path"] = source_name
    _write_if_changed(out_dir / "datapackage.json", json_text(descriptor).encode("utf-8"))
    return plan


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)

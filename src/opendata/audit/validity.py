"""Data validity of the downloaded tabular resources, by `opendata.validate`.

The dataset's attached structure is used when there is one (a Table Schema, or
a CSVW `tableSchema` as the national 835 structures are published, converted);
otherwise Frictionless infers one. A file not in UTF-8 is reported with its
detected encoding and never read as mojibake.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from opendata.audit.model import Finding, ResourceResult
from opendata.messages import LANGUAGES, counted
from opendata.problems import Problem
from opendata.validate import validate

CSVW_TYPES = {
    "integer": "integer",
    "decimal": "number",
    "number": "number",
    "double": "number",
    "date": "date",
    "datetime": "datetime",
    "boolean": "boolean",
    "anyURL": "string",
}


def table_schema(file: Path, workdir: Path) -> Path | None:
    """A Table Schema file made from a downloaded schema resource, or None if it is not one."""
    try:
        descriptor = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return schema_file(descriptor, file.stem, workdir)


def schema_file(descriptor: object, name: str, workdir: Path) -> Path | None:
    """WORKDIR/NAME.tableschema.json from a Table Schema or a CSVW descriptor, or None if
    DESCRIPTOR is neither."""
    if not isinstance(descriptor, dict):
        return None
    if "fields" not in descriptor and isinstance(descriptor.get("tableSchema"), dict):
        columns = descriptor["tableSchema"].get("columns") or []
        descriptor = {
            "fields": [
                {
                    "name": c["name"].strip(),
                    "type": CSVW_TYPES.get(c.get("datatype", "string"), "string"),
                    **({"constraints": {"required": True}} if c.get("required") else {}),
                }
                for c in columns
                if isinstance(c, dict) and c.get("name")
            ]
        }
    if not isinstance(descriptor.get("fields"), list):
        return None
    target = workdir / f"{name}.tableschema.json"
    target.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return target


def check(result: ResourceResult, schema: Path | None) -> list[Finding]:
    """The file's validity findings; what they quote is in both languages (the
    report is read in either)."""
    where = {"dataset": result.dataset, "resource_id": result.resource_id}
    if _json_document(Path(result.local_file)):
        return []  # a JSON object (a nested document, a descriptor) is no table to check
    report = validate(result.local_file, schema=schema)
    # a file in another encoding is not read as a table: then there are few problems
    problems = () if report.tables else report.problems
    encoding = next((p for p in problems if p.code == "wrong-encoding"), None)
    result.encoding = encoding.params["detected"] if encoding else "utf-8"
    result.rows = report.tables[0].rows if report.tables else None
    result.error_count = len(report.errors)
    result.valid = report.valid
    if encoding and encoding.kind == "wrong-encoding":  # a file in another encoding, named
        return [
            Finding("validity", "validity-encoding", "error", **where, params={"detected": result.encoding})
        ]
    # a file partly in another encoding, in none recognised, or cut short, says so in
    # its own words, as does one that could not be read at all
    unreadable = encoding or (None if report.readable else report.problems[0])
    if unreadable is not None:
        return [
            Finding(
                "validity",
                "validity-unreadable",
                "error",
                **where,
                params={"detail": _message(unreadable, result), "format": result.format.upper()},
            )
        ]
    if report.errors:
        schema_name = (
            {"uk": "схемі набору", "en": "the dataset's schema"}
            if schema
            else {"uk": "виведеній структурі", "en": "the inferred structure"}
        )
        errors = len(report.errors)
        return [
            Finding(
                "validity",
                "validity-errors",
                "error",
                **where,
                params={
                    "count": {language: counted(errors, language, "errors") for language in LANGUAGES},
                    "first": _message(report.errors[0], result),
                    "schema": schema_name,
                },
            )
        ]
    return []


def _message(problem: Problem, result: ResourceResult) -> dict[str, str]:
    """The problem's message, naming the resource as the portal does, not the
    downloaded copy's temporary path."""
    shown = replace(problem, path=result.name or result.url)
    return {language: shown.render(language)[0] for language in LANGUAGES}


def _json_document(file: Path) -> bool:
    """Whether a .json download is an object, not an array of rows."""
    if file.suffix.lower() != ".json":
        return False
    with file.open("rb") as stream:
        return stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")

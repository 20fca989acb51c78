"""Data validity of the downloaded tabular resources, by `opendata.validate`.

The dataset's attached structure is used when there is one (a Table Schema, or
a CSVW `tableSchema` as the national 835 structures are published, converted);
otherwise Frictionless infers one. A file not in UTF-8 is reported with its
detected encoding and never read as mojibake.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from opendata.audit.formats import normal_format
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
    return schema_file(descriptor, workdir)


def schema_file(descriptor: object, workdir: Path) -> Path | None:
    """A Table Schema file in WORKDIR from a Table Schema or a CSVW descriptor, or None if
    DESCRIPTOR is neither.  It is named by a hash of its content, never by the portal's
    resource id, which could be a path out of WORKDIR («../../victim»)."""
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
    text = json.dumps(descriptor, ensure_ascii=False)
    target = workdir / f"{hashlib.sha256(text.encode()).hexdigest()}.tableschema.json"
    target.write_text(text, encoding="utf-8")
    return target


# a file the engine could not read as a table at all: damaged, empty, another kind of file
DAMAGED = {"file-empty", "binary-file", "html-page", "format-error", "source-error", "encoding-error"}
# the engine's own (English) note on these names the downloaded copy: said in our words instead
OPAQUE = {"format-error", "source-error", "encoding-error"}
TEXT_FORMATS = {"csv", "tsv", "json"}
# every finding here reads the downloaded file: an audit without the link check makes none
FROM_DOWNLOAD = frozenset(
    {"validity-encoding", "validity-errors", "validity-unreadable", "validity-timeout", "validity-broke-off"}
)
# the resource's fields `check` sets: a check in another process sends them back
CHECKED = ("encoding", "rows", "error_count", "valid")
ROW_FIELD = {"uk": ("рядок {}", "поле «{}»"), "en": ("row {}", "field «{}»")}


def check(result: ResourceResult, schema: Path | None) -> list[Finding]:
    """The file's validity findings; what they quote is in both languages (the
    report is read in either) and names the resource as the portal does."""
    where = {"dataset": result.dataset, "resource_id": result.resource_id}
    if _json_document(Path(result.local_file)):
        return []  # a JSON object (a nested document, a descriptor) is no table to check
    report = validate(result.local_file, schema=schema)
    # a file in another encoding is not read as a table: then there are few problems
    problems = () if report.tables else report.problems
    encoding = next((p for p in problems if p.code == "wrong-encoding"), None)
    if normal_format(result.format) in TEXT_FORMATS:  # a workbook has no text encoding
        result.encoding = encoding.params["detected"] if encoding else "utf-8"
    result.rows = report.tables[0].rows if report.tables else None
    result.error_count = len(report.errors)
    result.valid = report.valid
    if encoding and encoding.kind == "wrong-encoding":  # a file in another encoding, named
        return [
            Finding("validity", "validity-encoding", "error", **where, params={"detected": result.encoding})
        ]
    # a file partly in another encoding, in none recognised, cut short, damaged or empty
    # says so in its own words, as does one that could not be read at all
    damaged = next((p for p in report.errors if p.code in DAMAGED), None)
    unreadable = encoding or (None if report.readable else report.problems[0]) or damaged
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
                    "resource": _shown_name(result),
                    "count": {language: counted(errors, language, "errors") for language in LANGUAGES},
                    "first": _located(report.errors[0], result),
                    "schema": schema_name,
                },
            )
        ]
    return []


def timed_out(result: ResourceResult, limit: float) -> Finding:
    """A check stopped after LIMIT seconds: the data is not known to be valid or not."""
    return _unchecked(result, "validity-timeout", limit=f"{limit:g}")


def broke_off(result: ResourceResult) -> Finding:
    """A check whose process ended without an answer (the out-of-memory killer's work)."""
    return _unchecked(result, "validity-broke-off")


def _unchecked(result: ResourceResult, code: str, **params: str) -> Finding:
    where = {"dataset": result.dataset, "resource_id": result.resource_id}
    return Finding("validity", code, "warning", **where, params={"resource": _shown_name(result), **params})


def _shown_name(result: ResourceResult) -> str:
    return result.name or result.url


def _message(problem: Problem, result: ResourceResult) -> dict[str, str]:
    """The problem's message, naming the resource as the portal does, never the
    downloaded copy's temporary name."""
    name, kind = _shown_name(result), result.format.upper() or "?"
    if problem.code in OPAQUE:
        return {
            "uk": f"Файл «{name}» пошкоджений або не у форматі {kind}.",
            "en": f"File «{name}» is damaged or not in the {kind} format.",
        }
    shown = replace(problem, path=name)
    texts = {language: shown.render(language)[0] for language in LANGUAGES}
    if result.local_file:  # an engine's note may quote the copy: the resource's name instead
        copy = Path(result.local_file)
        texts = {lang: text.replace(str(copy), name).replace(copy.name, name) for lang, text in texts.items()}
    return texts


def _located(problem: Problem, result: ResourceResult) -> dict[str, str]:
    """The problem's message after its row and field, where it has them."""
    messages = _message(problem, result)
    located = {}
    for language, (row, field) in ROW_FIELD.items():
        place = [row.format(problem.row)] if problem.row else []
        place += [field.format(problem.field)] if problem.field else []
        located[language] = f"{', '.join(place)}: {messages[language]}" if place else messages[language]
    return located


def _json_document(file: Path) -> bool:
    """Whether a .json download is an object, not an array of rows."""
    if file.suffix.lower() != ".json":
        return False
    with file.open("rb") as stream:
        return stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")

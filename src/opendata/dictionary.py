"""The data dictionary: every field of every table, generated from the Table Schemas.

Analysts read it in Markdown, HTML (also inside the plan page) or the
workbook's `dictionary` sheet; all three come from `dictionary_rows`, so they
never disagree with each other or with the schemas.
"""

from __future__ import annotations

from opendata.render import render_template
from opendata.tables import PackageData

COLUMNS = [
    "table_name",  # not "table": an SQL keyword, which a query on the dictionary would have to quote
    "field",
    "type",
    "title_uk",
    "title_en",
    "description_uk",
    "description_en",
    "constraints",
]


def dictionary_rows(package: PackageData) -> list[dict]:
    """One row per field, in table and schema order."""
    rows = []
    for table in package.tables.values():
        keys = _key_notes(table.schema)
        for spec in table.schema["fields"]:
            kind = spec["type"] + (f" ({spec['format']})" if spec.get("format") else "")
            rows.append(
                {
                    "table_name": table.name,
                    "field": spec["name"],
                    "type": kind,
                    "title_uk": spec.get("title", ""),
                    "title_en": spec.get("title_en", ""),
                    "description_uk": spec.get("description", ""),
                    "description_en": spec.get("description_en", ""),
                    "constraints": "; ".join(
                        _constraint_notes(spec.get("constraints", {})) + keys.get(spec["name"], [])
                    ),
                }
            )
    return rows


def _constraint_notes(constraints: dict) -> list[str]:
    notes = []
    for name, value in constraints.items():
        if value is True:
            notes.append(name)
        elif isinstance(value, list):
            notes.append(f"{name}: {', '.join(map(str, value))}")
        else:
            notes.append(f"{name}: {value}")
    return notes


def _key_notes(schema: dict) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for name in _as_list(schema.get("primaryKey")):
        notes.setdefault(name, []).append("primary key")
    for key in schema.get("foreignKeys", []):
        target = key["reference"]
        for name, other in zip(_as_list(key["fields"]), _as_list(target["fields"]), strict=True):
            notes.setdefault(name, []).append(f"→ {target['resource']}.{other}")
    return notes


def _as_list(value: str | list[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def dictionary_markdown(package: PackageData) -> str:
    return render_template("dictionary.md.j2", package=package, rows=dictionary_rows(package))


def dictionary_html(package: PackageData) -> str:
    """A standalone HTML page; the plan page includes the same fragment."""
    return render_template("dictionary.html.j2", package=package, rows=dictionary_rows(package))

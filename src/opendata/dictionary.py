"""The data dictionary: every field of every table, generated from the Table Schemas.

Analysts read it in Markdown, HTML (also inside the plan page) or the
workbook's `dictionary` sheet; all three come from `dictionary_rows`, so they
never disagree with each other or with the schemas. The Markdown and HTML also
describe the national exports (`national_tables`), which the workbook does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from opendata.messages import pattern_words
from opendata.national import EXPORT_TITLES, EXPORTS, table_schema
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
    "constraints_uk",
    "constraints_en",
]


def dictionary_rows(package: PackageData) -> list[dict]:
    """One row per field, in table and schema order."""
    rows = []
    for table in package.tables.values():
        keys = _key_notes(table.schema)
        rows += [_field_row(table.name, spec, keys.get(spec["name"], [])) for spec in table.schema["fields"]]
    return rows


@dataclass(frozen=True)
class NationalTable:
    """A national export (national/*.csv) as the dictionary describes it."""

    path: str
    title_uk: str
    title_en: str
    rows: list[dict]


def national_tables() -> list[NationalTable]:
    """The national exports' fields, from the Ministry's structures (CSVW) they follow: an
    analyst of national/*.csv found «executantId» described nowhere. Their titles and
    descriptions are the Ministry's, in Ukrainian only."""
    return [
        NationalTable(
            path, *EXPORT_TITLES[path], [_field_row(path, spec) for spec in table_schema(name)["fields"]]
        )
        for path, name in EXPORTS.items()
    ]


def _field_row(table_name: str, spec: dict, keys: list[tuple[str, str]] = ()) -> dict:
    notes = _constraint_notes(spec) + list(keys)
    return {
        "table_name": table_name,
        "field": spec["name"],
        "type": _kind(spec),
        "title_uk": spec.get("title", ""),
        "title_en": spec.get("title_en", ""),
        "description_uk": spec.get("description", ""),
        "description_en": spec.get("description_en", ""),
        "constraints_uk": "; ".join(uk for uk, _ in notes),
        "constraints_en": "; ".join(en for _, en in notes),
    }


def with_note(rows: list[dict], columns: set[tuple[str, str]], note: tuple[str, str]) -> list[dict]:
    """The dictionary's ROWS with NOTE (Ukrainian, English) added to the constraints of the
    COLUMNS (table, field): what one download stores otherwise than the schema's type says."""
    noted = []
    for row in rows:
        if (row["table_name"], row["field"]) in columns:
            row = {
                **row,
                "constraints_uk": "; ".join(filter(None, (row["constraints_uk"], note[0]))),
                "constraints_en": "; ".join(filter(None, (row["constraints_en"], note[1]))),
            }
        noted.append(row)
    return noted


def _kind(spec: dict) -> str:
    """The type as written in the schema, with its format or, for a boolean that declares
    its own words, those words: "date (%d.%m.%Y)", "boolean (так / ні)"."""
    detail = spec.get("format")
    if spec["type"] == "boolean" and ("trueValues" in spec or "falseValues" in spec):
        trues, falses = spec.get("trueValues", ["true"]), spec.get("falseValues", ["false"])
        detail = f"{', '.join(trues)} / {', '.join(falses)}"
    return spec["type"] + (f" ({detail})" if detail else "")


# (Ukrainian, English) for each Table Schema constraint, "{}" its value: said in words,
# as the rest of the dictionary is, for a reader who does not know the JSON names
CONSTRAINTS = {
    "required": ("обов'язкове", "required"),
    "unique": ("унікальне", "unique"),
    "pattern": ("шаблон: {}", "pattern: {}"),
    "enum": ("допустимі значення: {}", "allowed values: {}"),
    "minimum": ("щонайменше {}", "at least {}"),
    "maximum": ("щонайбільше {}", "at most {}"),
    "minLength": ("довжина щонайменше {}", "length at least {}"),
    "maxLength": ("довжина щонайбільше {}", "length at most {}"),
}


def _constraint_notes(spec: dict) -> list[tuple[str, str]]:
    """(Ukrainian, English) note for each constraint of a field; enum codes with the labels
    its `categories` give them ("done (виконано)"), so a reader need not guess a code."""
    categories = {c.get("value"): c for c in spec.get("categories", []) if isinstance(c, dict)}

    def listed(values: list, label: str) -> str:
        return ", ".join(
            f"{v} ({categories[v][label]})" if categories.get(v, {}).get(label) else str(v) for v in values
        )

    notes = []
    for name, value in spec.get("constraints", {}).items():
        if value is False:  # a constraint switched off says nothing about the field
            continue
        uk, en = CONSTRAINTS.get(name, (f"{name}: {{}}", f"{name}: {{}}"))
        if isinstance(value, list):
            notes.append((uk.format(listed(value, "label")), en.format(listed(value, "label_en"))))
        else:
            notes.append((uk.format(value), en.format(value)))
    return notes


def _key_notes(schema: dict) -> dict[str, list[tuple[str, str]]]:
    """(Ukrainian, English) notes of the keys each field belongs to."""
    notes: dict[str, list[tuple[str, str]]] = {}
    primary = _as_list(schema.get("primaryKey"))
    for name in primary:
        if len(primary) == 1:
            notes.setdefault(name, []).append(("первинний ключ", "primary key"))
        else:
            listed = ", ".join(primary)
            note = (f"частина первинного ключа ({listed})", f"part of the primary key ({listed})")
            notes.setdefault(name, []).append(note)
    for key in schema.get("foreignKeys", []):
        target = key["reference"]
        for name, other in zip(_as_list(key["fields"]), _as_list(target["fields"]), strict=True):
            column = f"{target['resource']}.{other}"
            notes.setdefault(name, []).append((f"посилається на {column}", f"refers to {column}"))
    return notes


def _as_list(value: str | list[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def dictionary_markdown(package: PackageData) -> str:
    return render_template("dictionary.md.j2", **_described(package))


def dictionary_html(package: PackageData) -> str:
    """A standalone HTML page, in both languages at once; the plan page includes the same
    fragment, one language at a time."""
    return render_template("dictionary.html.j2", **_described(package))


def _described(package: PackageData) -> dict:
    rows, national = dictionary_rows(package), national_tables()
    return {"package": package, "rows": rows, "national": national, "type_uk": type_in_ukrainian}


# The Table Schema types in words, for a Ukrainian reader of the dictionary: «текст», not
# «рядок», which is a table's row
TYPES_UK = {
    "string": "текст",
    "integer": "ціле число",
    "number": "число",
    "boolean": "логічне",
    "date": "дата",
    "datetime": "дата й час",
    "time": "час",
    "year": "рік",
    "yearmonth": "рік і місяць",
    "duration": "тривалість",
    "object": "об'єкт JSON",
    "array": "масив JSON",
    "geopoint": "географічна точка",
    "geojson": "GeoJSON",
    "any": "будь-яке значення",
}
FORMATS_UK = {"uri": "посилання", "email": "адреса ел. пошти", "uuid": "UUID", "binary": "двійкові дані"}


def type_in_ukrainian(kind: str) -> str:
    """A row's "string (uri)" as «текст (посилання)», "boolean" as «логічне (true/false)» (the
    words a cell takes); a type or format not listed as written."""
    name, _, fmt = kind.partition(" (")
    fmt = fmt.removesuffix(")") or ("true/false" if name == "boolean" else "")
    words = TYPES_UK.get(name, name)
    if "%" in fmt:  # a date's own format, as the messages write it: «ДД.ММ.РРРР», not «%d.%m.%Y»
        return f"{words} ({pattern_words(fmt, 'uk')})"
    return f"{words} ({FORMATS_UK.get(fmt, fmt)})" if fmt else words

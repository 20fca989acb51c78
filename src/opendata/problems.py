"""A problem found in the data: what, where, and how to fix it, in two languages."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from opendata.messages import render, type_phrase


@dataclass(slots=True)  # no per-instance __dict__: a report can hold millions of problems
class Problem:
    code: str
    severity: str = "error"  # or "warning"
    resource: str | None = None
    path: str | None = None
    row: int | None = None
    field: str | None = None
    cell: str | None = None
    params: dict = dataclass_field(default_factory=dict)  # may be shared by many problems: read only

    def render(self, lang: str) -> tuple[str, str]:
        params = {
            "resource": self.resource,
            "path": self.path,
            "row": self.row,
            "field": self.field,
            "cell": self.cell,
            **self.params,
        }
        code = self.code
        if code == "type-error":
            field_type, field_format = params.get("field_type", ""), params.get("field_format")
            params["expected"] = type_phrase(lang, field_type, field_format)
            params["expected_fix"] = type_phrase(lang, field_type, field_format, in_fix=True)
        if code == "constraint-error" and params.get("constraint"):
            code = f"constraint-error:{params['constraint']}"
        return render(code, lang, params)

    def to_dict(self, lang: str) -> dict:
        message, fix = self.render(lang)
        return {  # spelled out, not asdict(): a report may hold half a million problems
            "type": self.code,
            "severity": self.severity,
            "resource": self.resource,
            "path": self.path,
            "row": self.row,
            "field": self.field,
            "cell": self.cell,
            "message": message,
            "fix": fix,
            **({"constraint": self.params["constraint"]} if "constraint" in self.params else {}),
        }

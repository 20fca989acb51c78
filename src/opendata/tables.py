"""The package's tables as typed rows, read once for every output built from them.

Frictionless casts each cell by its Table Schema, so integers stay integers,
booleans booleans and dates `datetime.date`; exports never re-guess types.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import frictionless


@dataclass
class Table:
    name: str
    resource: dict  # the resource's descriptor: title, title_en, description, ...
    schema: dict
    rows: list[dict]

    @property
    def fields(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]


@dataclass
class PackageData:
    descriptor: dict
    tables: dict[str, Table]

    @property
    def name(self) -> str:
        return self.descriptor.get("name") or "datapackage"


def read_package(package_dir: Path) -> PackageData:
    """Every table of the package in descriptor order, rows typed by their schemas."""
    package = frictionless.Package(str(package_dir / "datapackage.json"))
    tables = {}
    for resource in package.resources:
        descriptor = resource.to_descriptor()
        descriptor.pop("schema")
        schema = resource.schema.to_descriptor()
        with resource:
            rows = [row.to_dict() for row in resource.row_stream]
        tables[resource.name] = Table(resource.name, descriptor, schema, rows)
    return PackageData(package.to_descriptor(), tables)

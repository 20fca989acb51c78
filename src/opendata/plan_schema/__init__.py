"""The Table Schemas of the plan's tables and the package template, shipped with opendata.

A module of its own, apart from the importer (`package`): `validate` reads the schemas
and should not load the importer's patterns to do so."""

from __future__ import annotations

import json
from importlib import resources


def plan_schema(name: str) -> dict:
    """The Table Schema (or, for "package", the package template: null where the decision's
    own words go, `package.package_descriptor`) shipped with opendata."""
    return json.loads(resources.files(__name__).joinpath(f"{name}.json").read_text("utf-8"))

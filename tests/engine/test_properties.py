"""Hypothesis: random small tables compared cell-for-cell with Frictionless.

Also screen soundness: every cell a vectorised screen accepts must be accepted by
the reference with the same canonical key (a screen may be strict, never lenient).
"""

from __future__ import annotations

import frictionless
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_engine import difference, tables  # scripts/, on pytest's path
from opendata.engine.cells import (
    RE_DATE,
    RE_DATETIME,
    RE_EMAIL,
    RE_INT,
    RE_URI,
    RE_UUID,
    build_plan,
    field_exprs,
    py_key,
)


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(tables())
def test_random_tables_match_reference(table):
    """The comparison of ``scripts/fuzz_engine.py`` on a few hundred random tables
    (the script runs it on as many as asked)."""
    assert difference(table) is None


def _accepted(fdesc: dict, values: list[str]) -> list[str]:
    schema = frictionless.Schema.from_descriptor({"fields": [fdesc]})
    plan = build_plan(schema.fields[0], 0, schema)
    plan.need_key = True
    df = pl.DataFrame({"c0": values}).with_columns(field_exprs(plan, "c0"))
    ok = df.filter(~pl.col("s0") & ~pl.col("m0"))
    reader = schema.fields[0].create_cell_reader()
    for raw, key in ok.select("c0", "k0").iter_rows():
        value, notes = reader(raw)
        assert not notes, (fdesc, raw, notes)
        assert key == py_key(fdesc["type"], value), (fdesc, raw, key)
    return ok.get_column("c0").to_list()


SCREENS = [
    ({"name": "x", "type": "integer"}, RE_INT),
    ({"name": "x", "type": "date"}, RE_DATE),
    ({"name": "x", "type": "datetime"}, RE_DATETIME),
    ({"name": "x", "type": "string", "format": "email"}, RE_EMAIL),
    ({"name": "x", "type": "string", "format": "uri"}, RE_URI),
    ({"name": "x", "type": "string", "format": "uuid"}, RE_UUID),
    ({"name": "x", "type": "number"}, r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$"),
    ({"name": "x", "type": "time"}, r"^[0-9]{2}:[0-9]{2}:[0-9]{2}$"),
    ({"name": "x", "type": "yearmonth"}, r"^[0-9]{4}-[0-9]{2}$"),
    ({"name": "x", "type": "year"}, r"^[0-9]{4}$"),
]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_screens_are_sound(data):
    for fdesc, rx in SCREENS:
        values = data.draw(st.lists(st.from_regex(rx, fullmatch=True), min_size=1,
                                    max_size=30))
        _accepted(fdesc, values)


def test_screens_accept_the_common_case():
    assert _accepted({"name": "x", "type": "string", "format": "email"},
                     ["rada@kolomyia.gov.ua", "a.b@c.ua"]) == ["rada@kolomyia.gov.ua",
                                                              "a.b@c.ua"]
    assert len(_accepted({"name": "x", "type": "datetime"},
                         ["2024-01-05T10:00:00", "2024-01-05T10:00:00+02:00"])) == 2

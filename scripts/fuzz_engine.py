#!/usr/bin/env python3
"""Differential fuzzing: the fast engine against Frictionless on random small tables.

Wider than the property test in ``tests/engine/test_properties.py`` (which runs in CI
with a few hundred examples): more spellings per type, number, boolean and date
options, missing values, exclusive bounds, primary keys, foreign keys to the table
itself and to another resource, and the file's bytes (CRLF, ``;`` or tab
delimiters, every cell quoted, a byte-order mark, no final newline, a wrong
label).  Each table whose reports differ is written as one JSON line to ``--out``;
tables on which Frictionless itself crashes are skipped, but for its crash comparing
an aware time with a naive bound (see ``difference``).  The property test in CI
runs the same comparison on fewer tables.

    python scripts/fuzz_engine.py --examples 4000 --out fuzz-found.jsonl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import traceback
from pathlib import Path

import frictionless
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.engine import reference_errors, validate_resource

CELLS = {
    "integer": ["1", "007", "-3", "1.5", "٣", " 7", "+7", "x", "", "99999999999999999999", "1000",
                "-0", "1_000", "0x10", "1 000", "NA", "-", "12", "2", "1e3", "１"],
    "number": ["1.5", "1.50", "-0", "1e3", "NaN", "abc", "", "0.1", "1,5", " 2", "1000001", "1 000,5",
               "1.000,5", "-1,25", "inf", "-Infinity", "+3", ".5", "5.", "NA", "1_0", "0,0001",
               "999999999999999999.5", "1e-7", "1E3"],
    "boolean": ["true", "false", "1", "0", "yes", "True", "", "TRUE ", "так", "ні", "NA", "no"],
    "date": ["2024-01-05", "2024/01/05", "2024-1-5", "2024-02-29", "2023-02-29", "", "1999-12-31",
             "0000-01-01", "05.01.2024", "31.02.2024", "5.1.2024", "NA", "2024-01-05T00:00:00",
             "20240105", "1900-02-29", "2000-02-29"],
    "datetime": ["2024-01-05T10:00:00", "2024-01-05 10:00", "2024-01-05T10:00:00Z",
                 "2024-01-05T12:00:00+02:00", "2024-01-05T10:00:00.5", "", "x", "05.01.2024 10:00",
                 "2024-01-05T24:00:00", "2024-06-01T00:00:00", "2024-06-01T02:00:00+02:00",
                 "2024-01-05T10:00:00-00:00", "2024-01-05T10:00", "NA"],
    "time": ["10:00:00", "10:00", "24:00:00", "10:00:00+02:00", "08:00:00Z", "", "x", "09:00:00",
             "9:00:00", "10:00:00.123", "NA"],
    "year": ["2024", "0999", "999", "٢٠٢٤", "+999", "", "x", "1000", "-1", "NA", "10000"],
    "yearmonth": ["2024-01", "2024-13", "2024-1", " 2024-01", "", "x", "2023-12", "2024-00", "NA",
                  "0001-01", "2024-01-01"],
    "string": ["abc", "AB-1234", "1.2\n", "", "петро@mail.ua", "a@b.ua", "http://x.ua",
               "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "x" * 12, "Ab", "NA", " abc", "abc ",
               "ab\"c", "a,b", "ПЕТРО", "ftp://файли.укр/a b", "mailto:rada@k.ua", "urn:isbn:1",
               "6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "6ba7b8109dad11d180b400c04fd430c8",
               "a@b", "a..b@c.ua", "-", "AB-12345", "ab-1234", "AB-١٢٣٤"],
}
CONSTRAINTS = {
    "integer": [{"minimum": 0}, {"maximum": 100}, {"enum": [1, 7, 1000]}, {"unique": True},
                {"required": True}, {"exclusiveMinimum": 1}, {"exclusiveMaximum": 1000},
                {"enum": ["1", "12"]}],
    "number": [{"minimum": 0}, {"maximum": "1000000"}, {"unique": True}, {"enum": ["1.5"]},
               {"exclusiveMinimum": 0}, {"exclusiveMaximum": 1.5}, {"required": True},
               {"minimum": -0.5}],
    "boolean": [{"enum": [True]}, {"required": True}, {"unique": True}],
    "date": [{"minimum": "2000-01-01"}, {"unique": True}, {"maximum": "2024-02-29"},
             {"enum": ["2024-01-05"]}, {"exclusiveMinimum": "1999-12-31"}],
    "datetime": [{"maximum": "2024-06-01T00:00:00"}, {"unique": True},
                 {"minimum": "2024-01-05T10:00:00Z"}, {"exclusiveMaximum": "2024-06-01T00:00:00"}],
    "time": [{"minimum": "09:00:00"}, {"unique": True}, {"maximum": "10:00:00"}],
    "year": [{"minimum": 1000}, {"unique": True}, {"maximum": 2024}, {"enum": [2024]}],
    "yearmonth": [{"minimum": "2024-01"}, {"unique": True}, {"maximum": "2023-12"}],
    "string": [{"minLength": 2}, {"maxLength": 5}, {"pattern": "[A-Z]{2}-\\d{4}"},
               {"pattern": "\\d\\.\\d"}, {"enum": ["abc", "Ab"]}, {"unique": True},
               {"required": True}, {"pattern": "[а-яА-ЯіїєґІЇЄҐ]+"}, {"pattern": "a|b"},
               {"pattern": "[^,]*"}, {"minLength": 3, "maxLength": 3}],
}
OPTIONS = {
    "string": [{"format": f} for f in ("default", "email", "uri", "uuid")],
    "number": [{}, {"decimalChar": ","}, {"decimalChar": ",", "groupChar": " "},
               {"groupChar": ","}, {"bareNumber": False}],
    "integer": [{}, {"bareNumber": False}],
    "boolean": [{}, {"trueValues": ["так", "1"], "falseValues": ["ні", "0"]}],
    "date": [{}, {"format": "%d.%m.%Y"}, {"format": "any"}],
    "datetime": [{}, {"format": "%d.%m.%Y %H:%M"}],
    "time": [{}, {"format": "%H:%M"}],
}
MISSING = [None, ["", "NA"], ["", "-"], ["NA"]]


@st.composite
def tables(draw):
    ncols = draw(st.integers(1, 4))
    fields, columns = [], []
    for i in range(ncols):
        ftype = draw(st.sampled_from(sorted(CELLS)))
        fdesc = {"name": f"f{i}", "type": ftype}
        if ftype in OPTIONS:
            fdesc.update(draw(st.sampled_from(OPTIONS[ftype])))
        cons = draw(st.lists(st.sampled_from(CONSTRAINTS[ftype]), max_size=2))
        if cons:
            fdesc["constraints"] = {k: v for c in cons for k, v in c.items()}
        if draw(st.integers(0, 9)) == 0:
            fdesc["missingValues"] = draw(st.sampled_from([["", "NA"], ["-", ""]]))
        fields.append(fdesc)
        columns.append(CELLS[ftype])
    nrows = draw(st.integers(0, 14))
    rows = []
    for _ in range(nrows):
        shape = draw(st.sampled_from(["ok"] * 10 + ["short", "long", "empty", "blank"]))
        row = [draw(st.sampled_from(col)) for col in columns]
        if shape == "short":
            row = row[:-1]
        elif shape == "long":
            row = [*row, "extra"]
        elif shape == "empty":
            row = []
        elif shape == "blank":
            row = [""] * len(row)
        rows.append(row)
    schema = {"fields": fields}
    mv = draw(st.sampled_from(MISSING))
    if mv is not None:
        schema["missingValues"] = mv
    if ncols >= 2 and draw(st.integers(0, 3)) == 0:
        schema["primaryKey"] = ["f0", "f1"]
    elif draw(st.integers(0, 4)) == 0:
        schema["primaryKey"] = ["f0"]
    if ncols >= 2 and draw(st.integers(0, 5)) == 0:
        schema["foreignKeys"] = [{"fields": ["f1"], "reference": {"resource": "", "fields": ["f0"]}}]
    labels = [f["name"] for f in fields]
    if draw(st.integers(0, 15)) == 0:
        labels[0] = draw(st.sampled_from(["", "f1", "F0", " f0"]))
    lookup_cells = CELLS[fields[1]["type"]] if ncols >= 2 else ["x"]
    style = {"crlf": draw(st.booleans()), "delimiter": draw(st.sampled_from([",", ",", ";", "\t"])),
             "quote_all": draw(st.integers(0, 4)) == 0, "bom": draw(st.integers(0, 6)) == 0,
             "no_final_newline": draw(st.integers(0, 4)) == 0,
             "other_fk": ncols >= 2 and draw(st.integers(0, 4)) == 0,
             "lookup": draw(st.lists(st.sampled_from(lookup_cells), max_size=5))}
    return schema, labels, rows, style


def write_csv(table, path: Path) -> None:
    """The table's labels and rows, in its style (delimiter, line ends, quoting, BOM)."""
    _schema, labels, rows, style = table
    buf = io.StringIO()
    nl = "\r\n" if style["crlf"] else "\n"
    writer = csv.writer(buf, lineterminator=nl, delimiter=style["delimiter"],
                        quoting=csv.QUOTE_ALL if style["quote_all"] else csv.QUOTE_MINIMAL)
    writer.writerow(labels)
    for row in rows:
        if row:
            writer.writerow(row)
        else:
            buf.write(nl)
    text = buf.getvalue()
    if style["no_final_newline"]:
        text = text.rstrip("\r\n")
    if style["bom"]:
        text = "\ufeff" + text
    path.write_text(text, encoding="utf-8", newline="")


def difference(table) -> dict | None:
    """Write the table to a folder and validate it with both: the case, when they differ.

    Where Frictionless crashes comparing an aware date-time with a naive bound, the
    engine must report that cell (a constraint error), or, if it handed the table to
    Frictionless, that the table was not checked (docs/engine.md); other crashes of
    Frictionless are skipped."""
    schema, labels, rows, style = table
    with tempfile.TemporaryDirectory() as tmp:
        write_csv(table, Path(tmp, "t.csv"))
        package = None
        try:
            if style["other_fk"]:
                reference = {"resource": "lookup", "fields": ["code"]}
                schema = dict(schema, foreignKeys=[{"fields": ["f1"], "reference": reference}])
                lbuf = io.StringIO()
                lw = csv.writer(lbuf, lineterminator="\n")
                lw.writerow(["code"])
                for v in style["lookup"]:
                    lw.writerow([v])
                Path(tmp, "lookup.csv").write_text(lbuf.getvalue(), encoding="utf-8")
                ftype = schema["fields"][1]
                lookup_field = {k: v for k, v in ftype.items() if k not in ("constraints",)}
                lookup_field["name"] = "code"
                package = frictionless.Package.from_descriptor({"resources": [
                    {"name": "t", "path": "t.csv", "schema": schema},
                    {"name": "lookup", "path": "lookup.csv", "schema": {"fields": [lookup_field]}}]},
                    basepath=tmp)
                res = package.get_resource("t")
            else:
                res = frictionless.Resource(path="t.csv", basepath=tmp, name="t",
                                            schema=frictionless.Schema.from_descriptor(schema))
        except frictionless.FrictionlessException:
            return None
        try:
            want = [e.key() for e in reference_errors(res, package=package)]
        except Exception as exc:
            want = f"reference raised {type(exc).__name__}: {exc}"
        try:
            got = [e.key() for e in validate_resource(res, package=package).errors]
        except Exception:
            got = "engine raised " + traceback.format_exc(limit=3)
        if isinstance(want, str) and "TypeError" in want:
            if "offset-naive and offset-aware" not in want:
                return None
            if isinstance(got, list) and any(k[0] in ("constraint-error", "incomparable-bound") for k in got):
                return None
        elif got == want:
            return None
        return {"schema": schema, "labels": labels, "rows": rows, "style": style,
                "engine": str(got)[:2000], "frictionless": str(want)[:2000]}


PROGRESS_EVERY = 500  # tables


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=2000, help="random tables to compare")
    ap.add_argument("--out", default="fuzz-found.jsonl", help="where differing tables are appended")
    args = ap.parse_args(argv)
    found = Path(args.out)
    before = found.read_text().count("\n") if found.exists() else 0

    compared = [0, 0]  # tables, differing

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(tables())
    def run(table) -> None:
        case = difference(table)
        if case is not None:
            compared[1] += 1
            with found.open("a") as fh:
                fh.write(json.dumps(case, ensure_ascii=False) + "\n")
        compared[0] += 1
        if compared[0] % PROGRESS_EVERY == 0:  # a long run says how far it has got
            print(f"{compared[0]} tables compared, {compared[1]} differing", file=sys.stderr, flush=True)

    run()
    differing = (found.read_text().count("\n") if found.exists() else 0) - before
    print(f"{args.examples} tables compared, {differing} differing", f"(see {found})" if differing else "")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())

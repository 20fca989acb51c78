"""Synthetic city-budget workload: 12 typed, constrained columns and a primary key.

Used by ``scripts/bench_validate.py`` and by the differential tests.  Defects are
seeded per cell with probability ``defects``; every column has its own menu of
type and constraint defects (including the traps named in the engine docs:
"1.5" as integer, "2024/01/05" as date, "2024-01-05 10:00" as datetime, a
Cyrillic local part in an email, non-ASCII digits), plus duplicate keys and
blank rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl

SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]{2}-\\d{4}"}},
        {
            "name": "name",
            "type": "string",
            "constraints": {"required": True, "minLength": 2, "maxLength": 40},
        },
        {"name": "email", "type": "string", "format": "email"},
        {"name": "website", "type": "string", "format": "uri"},
        {"name": "amount", "type": "number", "constraints": {"minimum": 0, "maximum": 1000000}},
        {"name": "qty", "type": "integer", "constraints": {"minimum": 0, "maximum": 1000}},
        {"name": "active", "type": "boolean"},
        {"name": "day", "type": "date", "constraints": {"minimum": "2000-01-01"}},
        {"name": "updated", "type": "datetime"},
        {"name": "period", "type": "yearmonth"},
        {
            "name": "category",
            "type": "string",
            "constraints": {"enum": ["roads", "schools", "health", "culture", "transport"]},
        },
    ],
    "primaryKey": ["id"],
    "missingValues": [""],
}

DEFECTS = {
    "id": ["x1", "1.5", "", "٣", "+7"],
    "code": ["AB-12345", "ab-1234", "AB-1234\n", "XY_0001"],
    "name": ["", "A", "N" * 41],
    "email": ["петро@mail.ua", "no-at-sign", "a@b", "user@@x.ua", " user@x.ua"],
    "website": ["not a uri", "www.city.ua", "//city.ua/x", "mailto:rada@city.ua"],
    "amount": ["-5", "1e9", "abc", "1,5", "2000000.5", " 12.5"],
    "qty": ["-1", "1001", "1.5", "007", "٣"],
    "active": ["yes", "T", "", "TRUE"],
    "day": ["2024/01/05", "1999-12-31", "2024-02-30", "2024-1-5"],
    "updated": ["2024-01-05 10:00", "2024-01-05T25:00:00", "2024-01-05T10:00:00+02:00", "2024-01-05T10:00"],
    "period": ["2024-13", "2024-1", "202401", " 2024-01"],
    "category": ["parks", "Roads", ""],
}


def _valid_columns(rng: np.random.Generator, n: int) -> dict[str, pl.Series]:
    idx = np.arange(1, n + 1)
    letters = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    l1 = letters[rng.integers(0, 26, n)]
    l2 = letters[rng.integers(0, 26, n)]
    num4 = rng.integers(0, 10000, n)
    streets = np.array(["Шевченка", "Франка", "Коновальця", "Market", "Лесі Українки"])
    s = pl.DataFrame(
        {"l1": l1, "l2": l2, "n4": num4, "i": idx, "st": streets[rng.integers(0, len(streets), n)]}
    )
    cols = s.select(
        pl.col("i").cast(pl.String).alias("id"),
        pl.concat_str(
            [pl.col("l1"), pl.col("l2"), pl.lit("-"), pl.col("n4").cast(pl.String).str.zfill(4)]
        ).alias("code"),
        pl.concat_str([pl.col("st"), pl.lit(" "), pl.col("n4").cast(pl.String)]).alias("name"),
        pl.concat_str([pl.lit("user"), pl.col("i").cast(pl.String), pl.lit("@kolomyia.gov.ua")]).alias(
            "email"
        ),
        pl.concat_str([pl.lit("https://kolomyia.gov.ua/budget/"), pl.col("i").cast(pl.String)]).alias(
            "website"
        ),
    )
    amount = pl.Series(np.round(rng.uniform(0, 999999, n), 2)).cast(pl.String)
    days = pl.Series(rng.integers(10957, 20000, n)).cast(pl.Date)
    secs = pl.Series(rng.integers(946684800, 1767225600, n) * 1_000_000).cast(pl.Datetime("us"))
    ym = rng.integers(0, 12, n)
    out = {c: cols.get_column(c) for c in cols.columns}
    out["amount"] = amount
    out["qty"] = pl.Series(rng.integers(0, 1001, n)).cast(pl.String)
    out["active"] = pl.Series(np.array(["true", "false"])[rng.integers(0, 2, n)])
    out["day"] = days.dt.strftime("%Y-%m-%d")
    out["updated"] = secs.dt.strftime("%Y-%m-%dT%H:%M:%S")
    out["period"] = pl.Series([f"20{y:02d}-{m:02d}" for y in range(10, 26) for m in range(1, 13)])[
        pl.Series(ym + 12 * (idx % 16))
    ]
    cats = np.array(SCHEMA["fields"][11]["constraints"]["enum"])
    out["category"] = pl.Series(cats[rng.integers(0, len(cats), n)])
    return out


def generate(path: str | Path, rows: int, defects: float = 0.0, seed: int = 0, chunk: int = 500_000) -> Path:
    """Write ``rows`` data rows to ``path`` (and ``<path>.schema.json``) in chunks."""
    path = Path(path)
    rng = np.random.default_rng(seed)
    names = [f["name"] for f in SCHEMA["fields"]]
    with open(path, "wb") as fh:
        fh.write((",".join(names) + "\n").encode())
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            cols = _valid_columns(rng, n)
            cols["id"] = pl.Series(np.arange(start + 1, start + n + 1)).cast(pl.String)
            if defects:
                for name in names:
                    mask = rng.random(n) < defects
                    k = int(mask.sum())
                    if not k:
                        continue
                    menu = list(DEFECTS[name])
                    if name == "id":  # duplicates of an earlier key
                        menu.append("dup")
                    picks = np.array(menu, dtype=object)[rng.integers(0, len(menu), k)]
                    where = np.flatnonzero(mask)
                    values = cols[name].to_numpy().astype(object)
                    for w, v in zip(where, picks, strict=True):
                        values[w] = str(max(1, start + w - 3)) if v == "dup" else v
                    cols[name] = pl.Series(name, values.tolist(), dtype=pl.String)
                blank = np.flatnonzero(rng.random(n) < defects / 10)
                if len(blank):
                    for name in names:
                        v = cols[name].to_numpy().astype(object)
                        v[blank] = ""
                        cols[name] = pl.Series(name, v.tolist(), dtype=pl.String)
            frame = pl.DataFrame({k: cols[k].alias(k) for k in names})
            frame.write_csv(fh, include_header=False)
    path.with_suffix(".schema.json").write_text(json.dumps(SCHEMA, ensure_ascii=False))
    return path

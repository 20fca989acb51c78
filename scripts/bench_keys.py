#!/usr/bin/env python3
"""Benchmark: memory of `opendata validate` on big tables with keys.

Generates two packages and runs the command on each in a subprocess, printing wall
time, rows/s and peak RSS (the child's ``VmHWM``, as ``bench_validate.py``):

* ``narrow``: ``id,value`` rows with a primary key (the hashes of one key per row);
* ``payments``: payments with a primary key and a foreign key to a list of 2,000
  budget programmes (1 in 2,000 payments names a programme that does not exist);
* ``tree``: budget lines naming their parent line, a foreign key to the table
  itself;
* ``ledger``: transfers naming their account, a foreign key to another big resource
  (one account for every two transfers; 1 in 2,000 names an account that does not
  exist).

``--pythonpath SRC`` runs another checkout's code (``PYTHONPATH``), so one machine
compares two versions on the same files:

    python scripts/bench_keys.py --rows 20M --out /tmp/keys
    git worktree add /tmp/before <rev>
    python scripts/bench_keys.py --rows 20M --out /tmp/keys --pythonpath /tmp/before/src
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
import polars as pl

from bench_validate import parse_size, run_child  # beside this script

CHUNK_ROWS = 5_000_000
PROGRAMMES = [f"КПК-{i:05d}" for i in range(2000)]
MISSING_PROGRAMME = "КПК-99999"


def write_rows(path: Path, header: str, rows: int, make) -> None:
    """Write ``make(first_id, count, rng)`` frames of ``CHUNK_ROWS`` rows after the header."""
    rng = np.random.default_rng(rows)
    with path.open("wb") as out:
        out.write(header.encode() + b"\n")
        for start in range(0, rows, CHUNK_ROWS):
            count = min(CHUNK_ROWS, rows - start)
            out.write(make(start + 1, count, rng).write_csv(include_header=False).encode())


def narrow(folder: Path, rows: int) -> Path:
    def make(first: int, count: int, rng) -> pl.DataFrame:
        values = np.round(rng.random(count) * 1e5, 2)
        return pl.DataFrame({"id": np.arange(first, first + count), "value": values})

    write_rows(folder / "narrow.csv", "id,value", rows, make)
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "value", "type": "number"}],
              "primaryKey": ["id"]}
    return _package(folder, [{"name": "narrow", "path": "narrow.csv", "schema": schema}])


def payments(folder: Path, rows: int) -> Path:
    def make(first: int, count: int, rng) -> pl.DataFrame:
        programme = pl.Series(PROGRAMMES)[rng.integers(0, len(PROGRAMMES), count)]
        wrong = pl.Series(rng.random(count) < 0.0005)
        programme = pl.select(pl.when(wrong).then(pl.lit(MISSING_PROGRAMME)).otherwise(programme)).to_series()
        ids = pl.Series(np.arange(first, first + count))
        return pl.DataFrame({
            "id": ids,
            "programme": programme,
            "amount": np.round(rng.random(count) * 1e5, 2),
            "note": "платіж " + ids.cast(pl.String),
        })

    write_rows(folder / "payments.csv", "id,programme,amount,note", rows, make)
    pl.DataFrame({"code": PROGRAMMES, "title": [f"Програма {i}" for i in range(len(PROGRAMMES))]}).write_csv(
        folder / "programmes.csv")
    fields = [{"name": "id", "type": "integer"}, {"name": "programme", "type": "string"},
              {"name": "amount", "type": "number"}, {"name": "note", "type": "string"}]
    reference = {"resource": "programmes", "fields": ["code"]}
    return _package(folder, [
        {"name": "payments", "path": "payments.csv",
         "schema": {"fields": fields, "primaryKey": ["id"],
                    "foreignKeys": [{"fields": ["programme"], "reference": reference}]}},
        {"name": "programmes", "path": "programmes.csv",
         "schema": {"fields": [{"name": "code", "type": "string"}, {"name": "title", "type": "string"}],
                    "primaryKey": ["code"]}},
    ])


def tree(folder: Path, rows: int) -> Path:
    """Budget lines, each naming its parent line (a foreign key to the table itself)."""

    def make(first: int, count: int, rng) -> pl.DataFrame:
        ids = np.arange(first, first + count)
        parents = np.maximum(1, ids - rng.integers(1, 1000, count))
        parents[rng.random(count) < 0.0005] = rows + 1  # no such line
        return pl.DataFrame({"id": ids, "parent": parents, "amount": np.round(rng.random(count) * 1e5, 2)})

    write_rows(folder / "lines.csv", "id,parent,amount", rows, make)
    fields = [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"},
              {"name": "amount", "type": "number"}]
    foreign_key = {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}
    schema = {"fields": fields, "primaryKey": ["id"], "foreignKeys": [foreign_key]}
    return _package(folder, [{"name": "lines", "path": "lines.csv", "schema": schema}])


def ledger(folder: Path, rows: int) -> Path:
    """Transfers naming their account: a foreign key to another big resource."""
    accounts = max(1, rows // 2)

    def account(ids) -> pl.Series:
        return "UA" + pl.Series(ids).cast(pl.String).str.zfill(12)

    def make_accounts(first: int, count: int, rng) -> pl.DataFrame:
        return pl.DataFrame({"account": account(np.arange(first, first + count)),
                             "balance": np.round(rng.random(count) * 1e5, 2)})

    def make_transfers(first: int, count: int, rng) -> pl.DataFrame:
        named = rng.integers(1, accounts + 1, count)
        named[rng.random(count) < 0.0005] = accounts + 1  # no such account
        return pl.DataFrame({"id": np.arange(first, first + count), "account": account(named),
                             "amount": np.round(rng.random(count) * 1e4, 2)})

    write_rows(folder / "accounts.csv", "account,balance", accounts, make_accounts)
    write_rows(folder / "transfers.csv", "id,account,amount", rows, make_transfers)
    reference = {"resource": "accounts", "fields": ["account"]}
    return _package(folder, [
        {"name": "transfers", "path": "transfers.csv",
         "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "account", "type": "string"},
                               {"name": "amount", "type": "number"}],
                    "primaryKey": ["id"], "foreignKeys": [{"fields": ["account"], "reference": reference}]}},
        {"name": "accounts", "path": "accounts.csv",
         "schema": {"fields": [{"name": "account", "type": "string"}, {"name": "balance", "type": "number"}],
                    "primaryKey": ["account"]}},
    ])


def _package(folder: Path, resources: list[dict]) -> Path:
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps({"name": folder.name, "resources": resources}, ensure_ascii=False))
    return descriptor


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="20M", help="rows of the big table (e.g. 20M, 270M)")
    ap.add_argument("--cases", default="narrow,payments,tree,ledger",
                    help="comma list: narrow, payments, tree, ledger")
    ap.add_argument("--out", default="bench-keys", help="work directory for generated files")
    ap.add_argument("--pythonpath", help="run the command with this PYTHONPATH (another checkout's src)")
    args = ap.parse_args(argv)
    rows = parse_size(args.rows)
    makers = {"narrow": narrow, "payments": payments, "tree": tree, "ledger": ledger}
    command = [sys.executable, "-c", "from opendata.cli import run; run()", "validate"]
    env = {**os.environ, "PYTHONPATH": args.pythonpath} if args.pythonpath else None
    print(f"{'case':<10} {'rows':>13} {'MiB':>7} {'wall s':>8} {'rows/s':>12} {'peak MiB':>9} {'errors':>7}")
    for case in args.cases.split(","):
        folder = Path(args.out).resolve() / f"{case}-{rows}"
        descriptor = folder / "datapackage.json"
        if not descriptor.exists():
            folder.mkdir(parents=True, exist_ok=True)
            descriptor = makers[case](folder, rows)
        size = sum(f.stat().st_size for f in folder.glob("*.csv")) / 2**20
        report = folder / "report.json"
        run = run_child([*command, str(descriptor), "--format", "json"], folder, env, report)
        wall, peak = run.wall, run.peak
        if run.code not in (0, 1):
            print(f"{case}: opendata validate exited with {run.code}", file=sys.stderr)
            return 1
        errors = json.loads(report.read_text())["error_count"]
        print(f"{case:<10} {rows:>13,} {size:>7,.0f} {wall:>8.2f} {rows / wall:>12,.0f} {peak:>9,.0f}"
              f" {errors:>7,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

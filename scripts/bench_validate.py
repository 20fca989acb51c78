#!/usr/bin/env python3
"""Benchmark: `frictionless validate` vs the fast engine vs a bare Polars parse.

Generates the workload (12 typed, constrained columns, primary key; valid and with
seeded defects), runs each tool in its own subprocess on the same file (the engine
through its Python API, and the `opendata validate` command), measures wall time
and the child's peak RSS (``os.wait4`` rusage), checks that the engine's error list
equals Frictionless' (type, row, field, cell, note -- in order; the command's JSON
has no notes), and prints a table with rows/s and ratios.  The bare parse, the
engine and the command run ``--repeat`` rounds (default 3), taking turns in each;
the fastest run counts, and the median of the rounds' ratios is printed beside it.
The reference runs once.

    python scripts/bench_validate.py --rows 1000000 --defects 0.001 --out /tmp/bench
    python scripts/bench_validate.py --sizes 1M,5M --defects 0,0.001,0.05 --out /tmp/bench \
        --reference-max-rows 1000000
"""

from __future__ import annotations

import argparse
import atexit
import compileall
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve()


def parse_size(text: str) -> int:
    text = text.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * mult)


@dataclass
class ChildRun:
    wall: float  # seconds
    peak: float  # MiB
    code: int  # exit code
    cpu: float  # user + system seconds, every thread: steadier than wall on a shared machine


def run_child(cmd: list[str], cwd: Path, env: dict | None = None,
              stdout_path: Path | None = None) -> ChildRun:
    """Run a subprocess and measure it.

    Peak RSS is the child's ``VmHWM`` (polled; it is reset by exec) -- the rusage
    ``ru_maxrss`` of a child on Linux also counts the parent's RSS at fork time.
    The rusage figure is kept as an upper bound when polling missed the child.
    """
    with open(stdout_path or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, env=env)
        hwm = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                with open(f"/proc/{proc.pid}/status") as fh:
                    for line in fh:
                        if line.startswith("VmHWM:"):
                            hwm = max(hwm, int(line.split()[1]))
            except OSError:
                pass
            time.sleep(0.05)
        wall = time.perf_counter() - start
    peak_kib = hwm or usage.ru_maxrss
    return ChildRun(wall, peak_kib / 1024, os.waitstatus_to_exitcode(status),
                    usage.ru_utime + usage.ru_stime)


# --- child modes -------------------------------------------------------------------

def child_engine(csv_path: str, schema_path: str, out_path: str, one_core: bool) -> None:
    atexit.register(gc.freeze)  # the quick exit of the `opendata` command (cli.run)
    if one_core:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    import frictionless

    from opendata.engine import validate_resource

    path = Path(csv_path)
    schema = frictionless.Schema.from_descriptor(json.loads(Path(schema_path).read_text()))
    res = frictionless.Resource(path=path.name, basepath=str(path.parent), schema=schema)
    start = time.perf_counter()
    result = validate_resource(res, limit_errors=0)
    work = time.perf_counter() - start
    # written error by error: a list of lists plus one JSON string of millions of errors
    # would dominate the child's peak memory
    head = json.dumps({"engine": result.engine, "fallback": result.fallback_reason,
                       "rows": result.row_count, "work": work})
    with open(out_path, "w") as fh:
        fh.write(head[:-1] + ', "errors": [')
        for i, e in enumerate(result.errors):
            fh.write(("," if i else "") + json.dumps([e.type, e.row_number, e.field_name, e.cell, e.note]))
        fh.write("]}")


def child_parse(csv_path: str, out_path: str) -> None:
    import polars as pl

    start = time.perf_counter()
    df = pl.read_csv(csv_path, infer_schema=False)
    Path(out_path).write_text(json.dumps({"rows": df.height, "work": time.perf_counter() - start}))


# --- orchestration -------------------------------------------------------------------

def interleaved(repeat: int, children: dict[str, tuple[list[str], Path | None, Path | None]],
                cwd: Path) -> dict[str, list[tuple[float, float, float | None, float]]]:
    """Run each child ``repeat`` times, taking turns: (wall, peak MiB, in-process work, CPU s).

    ``children``: name -> (command, result file with a "work" figure or None, file
    for its stdout or None).  The machine is shared and its speed drifts by tens of
    percent within minutes; taking turns puts each tool's runs in the same moments,
    so the ratio of a round's runs compares like with like."""
    runs: dict[str, list[tuple[float, float, float | None, float]]] = {name: [] for name in children}
    for _ in range(repeat):
        for name, (cmd, result, stdout) in children.items():
            run = run_child(cmd, cwd, stdout_path=stdout)
            work = json.loads(result.read_text())["work"] if result else None
            runs[name].append((run.wall, run.peak, work, run.cpu))
    return runs


def fastest(runs: list[tuple[float, float, float | None, float]]) -> tuple[float, float, float | None, float]:
    """The run least disturbed, as ``timeit`` reports."""
    return min(runs, key=lambda run: run[0])


def paired_ratio(runs: list[tuple], base: list[tuple]) -> float:
    """The median over rounds of a run's wall time over the base's in the same round."""
    return statistics.median(run[0] / other[0] for run, other in zip(runs, base, strict=True))


def reference_keys(report_path: Path) -> tuple[list[list], int]:
    report = json.loads(report_path.read_text())
    task = report["tasks"][0]
    keys = [[e["type"], e.get("rowNumber"), e.get("fieldName"), e.get("cell"), e.get("note")]
            for e in task["errors"]]
    return row_level_without_cell(keys), task["stats"].get("rows", 0)


def cli_keys(report_path: Path) -> list[list]:
    """(type, row, field, cell) of each error `opendata validate --format json` printed."""
    keys = [[e["type"], e.get("row"), e.get("field"), e.get("cell")]
            for e in json.loads(report_path.read_text())["errors"]]
    return row_level_without_cell(keys)


def row_level_without_cell(keys: list[list]) -> list[list]:
    """Errors of a whole row name no field or cell; the tools spell that differently."""
    for k in keys:
        if k[0] in ("blank-row", "primary-key", "foreign-key"):
            k[2] = k[3] = None
    return keys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=None, help="one size (rows)")
    ap.add_argument("--sizes", default="1M", help="comma list, e.g. 1M,5M")
    ap.add_argument("--defects", default="0,0.001",
                    help="comma list of per-cell defect rates (0.001 = 0.1%%)")
    ap.add_argument("--out", default="bench-out", help="work directory for generated files")
    ap.add_argument("--reference-max-rows", type=int, default=10**12,
                    help="skip frictionless above this many rows (it needs ~6 min at 5M)")
    ap.add_argument("--one-core", action="store_true",
                    help="also run the engine pinned to one CPU")
    ap.add_argument("--repeat", type=int, default=3,
                    help="rounds: in each, the bare parse, the engine and the command run in turn;"
                         " the fastest run is reported, and the median ratio of the rounds")
    ap.add_argument("--child-engine", nargs=3, metavar=("CSV", "SCHEMA", "OUT"),
                    help=argparse.SUPPRESS)
    ap.add_argument("--child-one-core", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child-parse", nargs=2, metavar=("CSV", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_engine:
        child_engine(*args.child_engine, one_core=args.child_one_core)
        return 0
    if args.child_parse:
        child_parse(*args.child_parse)
        return 0

    from opendata.engine.workload import generate

    # as installed: a module edited since scripts/setup.sh compiled it would be compiled
    # again in every child where PYTHONDONTWRITEBYTECODE is set (~0.1 s of CPU a run)
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "src", quiet=1)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    sizes = [args.rows] if args.rows else [parse_size(s) for s in args.sizes.split(",")]
    rates = [float(x) for x in args.defects.split(",")]
    py = sys.executable
    fl = str(Path(py).with_name("frictionless"))
    table: list[dict] = []
    ok = True
    for rows in sizes:
        for rate in rates:
            name = f"budget_{rows}_{rate:g}.csv"
            csv_path = out / name
            if not csv_path.exists():
                t0 = time.perf_counter()
                generate(csv_path, rows, rate, seed=rows + int(rate * 1e6))
                print(f"generated {name} in {time.perf_counter() - t0:.1f}s", flush=True)
            schema_path = csv_path.with_suffix(".schema.json")
            mb = csv_path.stat().st_size / 2**20
            label = f"{rows:,} rows, {rate:.1%} defects, {mb:.0f} MiB"
            parse_out = out / (name + ".parse.json")
            parse_cmd = [py, str(HERE), "--child-parse", str(csv_path), str(parse_out)]
            children = {"parse": (parse_cmd, parse_out, None)}
            variants = [("engine", [])]
            if args.one_core:
                variants.append(("engine (1 core)", ["--child-one-core"]))
            for tool, extra in variants:
                res_path = out / (name + f".{len(extra)}.engine.json")
                children[tool] = ([py, str(HERE), "--child-engine", str(csv_path), str(schema_path),
                                   str(res_path), *extra], res_path, None)
            # the command itself, as a user runs it: descriptor, encoding check, engine,
            # a message per error in JSON
            cli_out = out / (name + ".cli.json")
            children["command"] = ([str(Path(py).with_name("opendata")), "validate", name, "--schema",
                                    schema_path.name, "--limit-errors", "0", "--format", "json"],
                                   None, cli_out)
            runs = interleaved(args.repeat, children, out)
            wall, rss, parse_work, cpu = fastest(runs["parse"])
            table.append({"case": label, "tool": "polars.read_csv (bare parse)",
                          "wall": wall, "work": parse_work, "rss": rss, "rows": rows, "cpu": cpu})
            parse_wall, parse_cpu = wall, cpu
            eng_keys = None
            for tool, _extra in variants:
                data = json.loads(children[tool][1].read_text())
                eng_keys = data["errors"]
                wall, rss, work, cpu = fastest(runs[tool])
                table.append({"case": label, "tool": f"{tool} [{data['engine']}]",
                              "wall": wall, "work": work, "rss": rss, "rows": rows, "cpu": cpu,
                              "cpu_vs_parse": cpu / parse_cpu,
                              "errors": len(eng_keys), "vs_parse": wall / parse_wall,
                              "work_vs_parse": work / parse_work,
                              "paired": paired_ratio(runs[tool], runs["parse"])})
            wall, rss, _work, cpu = fastest(runs["command"])
            cli_errors = cli_keys(cli_out)
            table.append({"case": label, "tool": "opendata validate (command)", "wall": wall, "rss": rss,
                          "rows": rows, "cpu": cpu, "cpu_vs_parse": cpu / parse_cpu,
                          "errors": len(cli_errors), "vs_parse": wall / parse_wall,
                          "paired": paired_ratio(runs["command"], runs["parse"])})
            if rows <= args.reference_max_rows:
                rep = out / (name + ".frictionless.json")
                ref = run_child([fl, "validate", name, "--schema", schema_path.name,
                                 "--limit-errors", "0", "--json"], out, stdout_path=rep)
                wall, rss = ref.wall, ref.peak
                ref_keys, _ = reference_keys(rep)
                same = ref_keys == eng_keys
                ok &= same
                table.append({"case": label, "tool": "frictionless validate",
                              "wall": wall, "rss": rss, "rows": rows, "cpu": ref.cpu,
                              "errors": len(ref_keys), "same": same})
                cli_same = cli_errors == [k[:4] for k in ref_keys]
                ok &= cli_same
                for row in table:
                    if row["case"] == label and row["tool"].startswith(("engine", "opendata")):
                        row["ratio"] = wall / row["wall"]
                        row["same"] = cli_same if row["tool"].startswith("opendata") else same
    print()
    print("\nwall s: the whole process (start-up, imports, output included), the fastest of the"
          " runs; work s: the call itself (read_csv / validate_resource), timed inside that run."
          "\nx parse: fastest / fastest; paired: the median of each round's ratio (the tools take"
          " turns, so a round's runs share the machine's state).  cpu s: user + system time of the"
          " fastest run, every thread; x parse cpu: against the bare parse's.")
    header = (f"{'case':<42} {'tool':<32} {'wall s':>8} {'work s':>7} {'rows/s':>12} {'peak MiB':>9} "
              f"{'errors':>8} {'x ref':>7} {'x parse':>8} {'paired':>7} {'x parse work':>13} {'cpu s':>6} "
              f"{'x parse cpu':>12} {'same':>5}")
    print(header)
    print("-" * len(header))

    def fmt(row: dict, key: str, spec: str) -> str:
        return format(row[key], spec) if key in row else ""

    for r in table:
        print(f"{r['case']:<42} {r['tool']:<32} {r['wall']:>8.2f} {fmt(r, 'work', '.2f'):>7} "
              f"{r['rows'] / r['wall']:>12,.0f} {r['rss']:>9.0f} {r.get('errors', ''):>8} "
              f"{fmt(r, 'ratio', '.1f'):>7} {fmt(r, 'vs_parse', '.2f'):>8} {fmt(r, 'paired', '.2f'):>7} "
              f"{fmt(r, 'work_vs_parse', '.2f'):>13} {fmt(r, 'cpu', '.2f'):>6} "
              f"{fmt(r, 'cpu_vs_parse', '.2f'):>12} {r.get('same', '')!s:>5}")
    (out / "results.json").write_text(json.dumps(table, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

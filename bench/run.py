"""Run every bench script in bench/ and print one table.

usage: python bench/run.py [--quick] [--only NAME ...]

Each ``bench_*.py`` runs in its own process (so memory and loaded caches do not leak between
them). Scripts that speak the row protocol (bench/_rows.py, ``--rows``) give table rows; the others'
output lines are taken as they are, one row each.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUICK = {"bench_sweep.py": ["--runs", "5"], "bench_bluebell.py": ["--runs", "5"],
         "bench_batch.py": ["--docs", "60", "--repeat", "1"], "bench_convert.py": ["--runs", "5"],
         "bench_html.py": ["--runs", "5"]}


def run_script(path: Path, quick: bool) -> tuple[list[tuple[str, str, str]], float, int]:
    text = path.read_text("utf-8")
    rows_protocol = "_rows" in text
    args = [sys.executable, str(path)] + (["--rows"] if rows_protocol else [])
    if quick:
        args += QUICK.get(path.name, [])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    t = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t
    rows = []
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH-ROW "):
            r = json.loads(line[len("BENCH-ROW "):])
            rows.append((r["metric"], r["value"], r["note"]))
        elif line.strip():
            rows.append((line.strip(), "", ""))
    if proc.returncode:
        err = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        rows.append(("FAILED", f"exit {proc.returncode}", err))
    return rows, took, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer runs and documents")
    ap.add_argument("--only", nargs="*", help="script names (bench_batch.py ...)")
    a = ap.parse_args()
    scripts = sorted(HERE.glob("bench_*.py"))
    if a.only:
        scripts = [s for s in scripts if s.name in a.only or s.stem in a.only]
    console = Console(width=None if sys.stdout.isatty() else 160)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    table = Table(title=f"unakn bench — {os.cpu_count()} cores, load average {load:.1f} at start, "
                        f"Python {sys.version.split()[0]}",
                  show_lines=False)
    for col, just in (("script", "left"), ("metric", "left"), ("value", "right"), ("note", "left")):
        table.add_column(col, justify=just, overflow="fold")
    failed = 0
    for s in scripts:
        console.print(f"running {s.name} …", style="dim")
        rows, took, rc = run_script(s, a.quick)
        failed += rc != 0
        for i, (metric, value, note) in enumerate(rows):
            table.add_row(s.stem if i == 0 else "", metric, value, note)
        table.add_row("", f"({took:.0f} s)", "", "", end_section=True)
    console.print(table)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

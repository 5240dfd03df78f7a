"""The small protocol between the bench scripts and bench/run.py: rows of (metric, value, note).

A script that supports it prints ``BENCH-ROW <json>`` lines when run with ``--rows``; bench/run.py
collects them into one table. Without ``--rows`` the same rows are printed as plain text.
"""
from __future__ import annotations

import json
import statistics
import sys
import time

ROWS_FLAG = "--rows"
PREFIX = "BENCH-ROW "


def emit(metric: str, value: str, note: str = "") -> None:
    """Print one result row, machine-readable with --rows, readable otherwise."""
    if ROWS_FLAG in sys.argv:
        print(PREFIX + json.dumps({"metric": metric, "value": value, "note": note}), flush=True)
    else:
        print(f"{metric:45s} {value:>14s}  {note}", flush=True)


def median_time(fn, runs: int, warm: int = 1) -> float:
    """Median wall time of ``fn()`` in seconds over ``runs`` calls, after ``warm`` unmeasured calls."""
    for _ in range(warm):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def median_times(fns: dict, runs: int, warm: int = 1) -> dict[str, tuple[float, float]]:
    """Median (CPU, wall) seconds of each function, the functions taking turns run by run so that
    all see the same machine (on a shared machine wall time mostly measures the neighbours; CPU
    time, ``time.process_time``, is this process's own work)."""
    for fn in fns.values():
        for _ in range(warm):
            fn()
    cpu: dict[str, list[float]] = {k: [] for k in fns}
    wall: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for k, fn in fns.items():
            c, w = time.process_time(), time.perf_counter()
            fn()
            cpu[k].append(time.process_time() - c)
            wall[k].append(time.perf_counter() - w)
    return {k: (statistics.median(cpu[k]), statistics.median(wall[k])) for k in fns}

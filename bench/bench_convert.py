"""Median time to convert and validate one resolution in process (schema loading excluded).

usage: python bench/bench_convert.py [FILE] [--runs N]

Times are CPU time of this process (``time.process_time``), the figure that means something on a
machine shared with other work; the wall-clock median is printed beside the total. The stage split
is the pipeline's own (report.timings), read on the CPU clock here.
"""
import argparse
import os
import statistics
import time
import types
from pathlib import Path

import converter.pipeline as pipeline
from converter.pipeline import convert_file
from converter.validate.schema import akn_schema

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples" / "A-RES-68-198.txt"))
    ap.add_argument("--runs", type=int, default=30)
    a = ap.parse_args()
    akn_schema()             # one-off load, not measured
    convert_file(a.file)     # warm-up
    # the pipeline reads time.perf_counter for its stage timings: give it the CPU clock
    pipeline.time = types.SimpleNamespace(perf_counter=time.process_time)
    cpu, wall, stages = [], [], {}
    try:
        for _ in range(a.runs):
            c, w = time.process_time(), time.perf_counter()
            conv = convert_file(a.file)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - w)
            for k, v in conv.timings.items():
                stages.setdefault(k, []).append(v)
    finally:
        pipeline.time = time
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cores: {os.cpu_count()}  load average: {load:.1f}  file: {Path(a.file).name}  runs: {a.runs}")
    print(f"convert+validate median: {statistics.median(cpu) * 1000:.1f} ms CPU "
          f"(wall {statistics.median(wall) * 1000:.1f} ms)")
    for k, v in stages.items():
        print(f"  {k:9s} {statistics.median(v) * 1000:6.1f} ms CPU")


if __name__ == "__main__":
    main()

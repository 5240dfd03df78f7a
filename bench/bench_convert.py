"""Median time to convert and validate one resolution in process (schema loading excluded).

usage: python bench/bench_convert.py [FILE] [--runs N]
"""
import argparse
import os
import statistics
import time
from pathlib import Path

from converter.pipeline import convert_file
from converter.validate.profile import profile
from converter.validate.schema import akn_schema

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples" / "A-RES-68-198.txt"))
    ap.add_argument("--runs", type=int, default=30)
    a = ap.parse_args()
    akn_schema(), profile()  # one-off loads, not measured
    convert_file(a.file)     # warm-up
    times, stages = [], {}
    for _ in range(a.runs):
        t = time.perf_counter()
        c = convert_file(a.file)
        times.append(time.perf_counter() - t)
        for k, v in c.timings.items():
            stages.setdefault(k, []).append(v)
    print(f"cores: {os.cpu_count()}  file: {Path(a.file).name}  runs: {a.runs}")
    print(f"convert+validate median: {statistics.median(times) * 1000:.1f} ms")
    for k, v in stages.items():
        print(f"  {k:9s} {statistics.median(v) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()

"""Convert+validate time per document: the seed, the corpus median, and a 1x/10x/100x size sweep.

usage: python bench/bench_sweep.py [--runs N] [--rows]

Schema and profile loading happen once before timing. The sweep documents are the seed with its
operative paragraphs repeated and renumbered (bench/synthetic.py); growth is linear when the time
per 100 kB stays flat. The dense sweep puts all of the growth in one paragraph, a citation, a
date, a symbol and a note call over and over: the case where a recogniser that rescans its
paragraph for each thing it finds turns quadratic.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rows import emit, median_time  # noqa: E402
from synthetic import SEED, dense, scaled  # noqa: E402

from converter.errors import UnaknError  # noqa: E402
from converter.pipeline import convert_text  # noqa: E402
from converter.validate.profile import profile  # noqa: E402
from converter.validate.schema import akn_schema  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rows", action="store_true", help="machine-readable rows for bench/run.py")
    a = ap.parse_args()
    akn_schema(), profile()
    seed = SEED.read_text("utf-8")
    emit("cores", str(os.cpu_count()))
    t = median_time(lambda: convert_text(seed, "seed"), a.runs)
    emit("convert+validate, seed", f"{t * 1000:.1f} ms", f"{SEED.name}, median of {a.runs}")

    per_doc, failed = [], 0
    files = sorted(p for d in ("ga", "sc", "hrc", "ecosoc") for p in (CORPUS / d).glob("*.txt"))
    for f in files:
        data = f.read_bytes()
        try:
            per_doc.append(median_time(lambda: convert_text(data, str(f)), 3))
        except UnaknError:
            failed += 1
    if per_doc:
        emit("convert+validate, corpus median", f"{statistics.median(per_doc) * 1000:.1f} ms",
             f"{len(per_doc)} documents that convert ({failed} fail and are left out), median of 3 each")
    else:
        emit("convert+validate, corpus median", "n/a", f"no corpus at {CORPUS}")

    for label, make in (("size sweep", scaled), ("dense sweep", dense)):
        base = None
        for factor, runs in ((1, a.runs), (10, max(3, a.runs // 4)), (100, 3)):
            text = make(factor)
            stages: dict[str, list[float]] = {}

            def run():
                c = convert_text(text, f"{factor}x")
                for k, v in c.timings.items():
                    stages.setdefault(k, []).append(v)
            t = median_time(run, runs)
            per_100k = t / (len(text) / 100_000)
            base = base or per_100k
            detail = ", ".join(f"{k} {statistics.median(v) * 1000:.0f}" for k, v in stages.items())
            emit(f"{label} {factor}x ({len(text) // 1000} kB)", f"{t * 1000:.0f} ms",
                 f"{per_100k * 1000:.0f} ms/100 kB = {per_100k / base:.2f}x the 1x rate; stages ms: {detail}")


if __name__ == "__main__":
    main()

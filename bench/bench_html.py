"""Median time to render one AKN document to HTML in process (template loading excluded).

usage: python bench/bench_html.py [FILE.xml ...] [--runs N] [--rows]

Without files: the UN example files in ../shared/reference/un-akn/examples/ and, when the
converter is there, the seed (examples/A-RES-68-198.txt converted once, outside the timing).
Two figures per document: from a parsed tree (the renderer alone) and from XML bytes (safe
parsing included); each the median of the runs, with the best run in brackets. With ``--rows``
(bench/run.py) the same figures come as table rows.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rows import ROWS_FLAG, emit  # noqa: E402
from converter.akn.xmlio import parse_xml  # noqa: E402
from converter.render.html import render_page, template_environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT.parent / "shared" / "reference" / "un-akn" / "examples"
SEED = ROOT / "examples" / "A-RES-68-198.txt"


def _documents(files: list[str]) -> list[tuple[str, bytes]]:
    if files:
        return [(Path(f).name, Path(f).read_bytes()) for f in files]
    docs = []
    if SEED.exists():
        from converter.pipeline import convert_file
        docs.append(("seed " + SEED.name, convert_file(SEED).xml))
    docs += [(p.name, p.read_bytes()) for p in sorted(EXAMPLES.glob("*.xml"))]
    return docs


def _times_ms(fn, runs: int) -> tuple[float, float]:
    """(median, best) of ``runs`` calls, in ms; the best run shows the cost on an idle machine."""
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, min(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument(ROWS_FLAG, action="store_true", help="print rows for bench/run.py")
    a = ap.parse_args()
    t = time.perf_counter()
    template_environment()  # one-off: templates compiled, not measured below
    load_ms = (time.perf_counter() - t) * 1000
    docs = _documents(a.files)
    if not docs:
        raise SystemExit(f"no documents: pass AKN files, or put the shared folder at {EXAMPLES}")
    say = (lambda *_: None) if a.rows else print
    say(f"cores: {os.cpu_count()}  runs: {a.runs}  template loading (once): {load_ms:.0f} ms")
    say(f"{'document':50s} {'KB':>5s} {'tree ms (best)':>15s} {'bytes ms (best)':>16s}")
    tree_all, bytes_all = [], []
    for name, data in docs:
        tree = parse_xml(data)
        tree_ms, tree_best = _times_ms(lambda: render_page(tree), a.runs)
        bytes_ms, bytes_best = _times_ms(lambda: render_page(data), a.runs)
        tree_all.append(tree_ms)
        bytes_all.append(bytes_ms)
        say(f"{name[:50]:50s} {len(data) / 1024:5.0f} {tree_ms:7.2f} ({tree_best:5.2f})"
            f" {bytes_ms:8.2f} ({bytes_best:5.2f})")
        if a.rows:
            emit(f"html {name[:40]}", f"{tree_ms:.2f} ms",
                 f"{len(data) / 1024:.0f} KB; {bytes_ms:.2f} ms with XML parsing")
    say(f"{'median over documents':50s} {'':5s} {statistics.median(tree_all):7.2f}"
        f" {'':7s} {statistics.median(bytes_all):8.2f}")
    if a.rows:
        emit("html median over documents", f"{statistics.median(tree_all):.2f} ms",
             f"{statistics.median(bytes_all):.2f} ms with XML parsing; templates once "
             f"{load_ms:.0f} ms")


if __name__ == "__main__":
    main()

"""PDF speed: seconds and pages per second for the seed and for a 20-resolution volume, and our
overhead against WeasyPrint's own ``HTML(...).write_pdf()`` on the same HTML.

usage: python bench/bench_pdf.py [--runs N] [--volume-size N] [--skip-volume]

"ours" is the whole of ``render_pdf`` / ``render_volume`` from a parsed AKN tree: print HTML,
masthead, layout (plus any re-layout that keeps a note on its call's page) and writing in the
tagged PDF/UA-1 variant. "WeasyPrint" is ``HTML(string=html).write_pdf(...)`` with the same HTML,
fetcher, fonts and variant. Overhead = ours / WeasyPrint - 1. Each figure is the median of the
runs (the first, warm-up run is not counted). The volume is the seed plus the UN's example AKN
files from ../shared/reference/un-akn/examples/, repeated to reach ``--volume-size`` documents.
"""
import argparse
import os
import statistics
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT.parent / "shared" / "reference" / "un-akn" / "examples"
SEED = ROOT / "examples" / "A-RES-68-198.txt"


def _median(fn, runs: int):
    result = fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def _weasyprint_alone(html: str) -> bytes:
    from weasyprint import HTML

    from converter.render.pdf import CSS_DIR, font_config, make_fetcher, variant
    return HTML(string=html, base_url=CSS_DIR.as_uri() + "/", url_fetcher=make_fetcher()) \
        .write_pdf(font_config=font_config(), **variant(False))


def _pages(pdf: bytes) -> int:
    import io

    import pikepdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def _row(name: str, ours: float, theirs: float, pages: int) -> None:
    print(f"{name:28s} {pages:6d} {ours:9.2f} {pages / ours:9.2f} {theirs:11.2f}"
          f" {100 * (ours / theirs - 1):+9.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--volume-size", type=int, default=20)
    ap.add_argument("--skip-volume", action="store_true")
    a = ap.parse_args()
    t = time.perf_counter()
    from converter.akn.xmlio import parse_xml
    from converter.pipeline import convert_file
    from converter.render.pdf import pdf_html, render_pdf, warm_up
    from converter.render.volume import render_volume, volume_html
    warm_up()
    print(f"cores: {os.cpu_count()}  load average: {os.getloadavg()[0]:.1f}  runs: {a.runs}"
          f"  import + fonts (once): {time.perf_counter() - t:.2f} s")
    print(f"{'document':28s} {'pages':>6s} {'ours s':>9s} {'pages/s':>9s} {'WeasyPrint s':>11s}"
          f" {'overhead':>10s}")
    seed = convert_file(SEED).tree
    ours, pdf = _median(lambda: render_pdf(seed), a.runs)
    html, _ = pdf_html(seed)
    theirs, _ = _median(lambda: _weasyprint_alone(html), a.runs)
    _row("seed A/RES/68/198", ours, theirs, _pages(pdf))
    if a.skip_volume:
        return
    files = sorted(EXAMPLES.glob("*.xml"))
    if not files:
        raise SystemExit(f"no UN example files at {EXAMPLES}")
    docs = [(seed, SEED.name)] + [(parse_xml(p.read_bytes(), source=p.name), p.name)
                                  for p in files]
    docs = list(islice(cycle(docs), a.volume_size))
    runs = max(1, a.runs // 3)
    ours, pdf = _median(lambda: render_volume(docs, title="Benchmark volume"), runs)
    vhtml = volume_html(docs, title="Benchmark volume")
    theirs, _ = _median(lambda: _weasyprint_alone(vhtml), runs)
    _row(f"volume of {len(docs)} resolutions", ours, theirs, _pages(pdf))


if __name__ == "__main__":
    main()

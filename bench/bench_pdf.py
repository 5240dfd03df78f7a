"""PDF speed: seconds and pages per second for the seed and for a 20-resolution volume, and our
overhead against WeasyPrint's own ``HTML(...).write_pdf()`` on the same HTML.

usage: python bench/bench_pdf.py [--runs N] [--volume-size N] [--skip-volume]

"ours" is the whole of ``render_pdf`` / ``render_volume`` from a parsed AKN tree: print HTML,
masthead, layout (notes kept on their call's page by ``notes_stay_with_calls``, with the check
that would lay out again if one were not) and writing in the tagged PDF/UA-1 variant with the
structure tree completed (``better_tags``). "WeasyPrint" is ``HTML(string=html).write_pdf(...)``
with the same HTML, fetcher, fonts and variant, unmodified: it may place some notes a page after
their call, so the two layouts need not be identical. Overhead = ours / WeasyPrint - 1, in wall-clock and in CPU time (the
CPU figure is the one to trust on a shared, loaded machine). The two are run alternately, after
one warm-up run each; each figure is the median of the runs. The volume is the seed plus the UN's example AKN
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


def _pair(ours, theirs, runs: int, warm: bool = True):
    """Median wall and CPU seconds of ``ours`` and ``theirs``, run alternately after a warm-up
    of each (so a change in the machine's load hits both alike); and our last result."""
    result = ours() if warm else None
    if warm:
        theirs()
    wall = {"ours": [], "theirs": []}
    cpu = {"ours": [], "theirs": []}
    for _ in range(runs):
        for key, fn in (("ours", ours), ("theirs", theirs)):
            w, c = time.perf_counter(), time.process_time()
            out = fn()
            wall[key].append(time.perf_counter() - w)
            cpu[key].append(time.process_time() - c)
            if key == "ours":
                result = out
    med = {k: statistics.median(v) for k, v in wall.items()}
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    return med, cmed, result


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


def _row(name: str, wall: dict, cpu: dict, pages: int) -> None:
    print(f"{name:28s} {pages:6d} {wall['ours']:8.2f} {pages / wall['ours']:8.2f}"
          f" {wall['theirs']:8.2f} {100 * (wall['ours'] / wall['theirs'] - 1):+8.1f}%"
          f" {cpu['ours']:8.2f} {pages / cpu['ours']:8.2f} {cpu['theirs']:8.2f}"
          f" {100 * (cpu['ours'] / cpu['theirs'] - 1):+8.1f}%")


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
    print(f"{'':35s} {'--------- wall clock ---------':>35s} {'---------- CPU time ----------':>35s}")
    print(f"{'document':28s} {'pages':>6s}" + 2 * f" {'ours s':>8s} {'pages/s':>8s} {'WP s':>8s} {'overhead':>9s}")
    seed = convert_file(SEED).tree
    html, _ = pdf_html(seed)
    wall, cpu, pdf = _pair(lambda: render_pdf(seed), lambda: _weasyprint_alone(html), a.runs)
    _row("seed A/RES/68/198", wall, cpu, _pages(pdf))
    if a.skip_volume:
        return
    files = sorted(EXAMPLES.glob("*.xml"))
    if not files:
        raise SystemExit(f"no UN example files at {EXAMPLES}")
    docs = [(seed, SEED.name)] + [(parse_xml(p.read_bytes(), source=p.name), p.name)
                                  for p in files]
    docs = list(islice(cycle(docs), a.volume_size))
    runs = max(1, a.runs // 3)         # the process is warm from the seed: no warm-up run
    vhtml = volume_html(docs, title="Benchmark volume")
    wall, cpu, pdf = _pair(lambda: render_volume(docs, title="Benchmark volume"),
                           lambda: _weasyprint_alone(vhtml), runs, warm=False)
    _row(f"volume of {len(docs)} resolutions", wall, cpu, _pages(pdf))


if __name__ == "__main__":
    main()

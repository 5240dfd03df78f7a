"""Our convert against bluebell-akn (Laws.Africa) on the same resolution, same process, same machine.

usage: python bench/bench_bluebell.py [--runs N] [--rows]      (pip install '.[bench]')

bluebell needs its own keyword-marked text, so the script makes it from our AKN of the seed with
bluebell's own ``unparse``; then it times bluebell's parse + XML serialisation of that text against
our convert of the plain seed (with and without our validation, which bluebell does not do).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rows import emit, median_times  # noqa: E402
from floor import convert as floor_convert  # noqa: E402
from synthetic import SEED  # noqa: E402

from converter.pipeline import convert_text  # noqa: E402
from converter.validate.schema import akn_schema  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rows", action="store_true", help="machine-readable rows for bench/run.py")
    a = ap.parse_args()
    try:
        from importlib.metadata import version

        from bluebell.parser import AkomaNtosoParser
        from cobalt import FrbrUri
        from lxml import etree
    except ImportError as exc:
        emit("bluebell ratio", "n/a", f"bluebell-akn not installed ({exc}); pip install '.[bench]'")
        return
    akn_schema()
    seed = SEED.read_text("utf-8")
    ours = convert_text(seed, "seed")
    uri = ours.tree.getroot().find(".//{*}FRBRWork/{*}FRBRuri").get("value")
    try:
        parser = AkomaNtosoParser(FrbrUri.parse(uri))
        marked = parser.unparse(ours.xml)
    except Exception as exc:
        emit("bluebell ratio", "n/a", f"bluebell unparse of our AKN failed: {type(exc).__name__}: {exc}")
        return
    out = Path(tempfile.gettempdir()) / "unakn-bench"
    out.mkdir(exist_ok=True)
    (out / "A-RES-68-198.bluebell.txt").write_text(marked, "utf-8")

    def theirs():
        return etree.tostring(parser.parse_to_xml(marked, "statement"), encoding="UTF-8")
    try:
        xml = theirs()
    except Exception as exc:
        emit("bluebell ratio", "n/a", f"bluebell parse of its own unparse failed: {type(exc).__name__}: {exc}")
        return
    count = lambda tree, tag: len(tree.findall(f".//{{*}}{tag}"))  # noqa: E731
    back = etree.fromstring(xml)
    # the three take turns run by run; CPU time (process_time) is the figure to compare on a
    # shared machine, wall time is shown beside it
    t = median_times({"theirs": theirs, "ours": lambda: convert_text(seed, "seed"),
                      "ours_nv": lambda: _no_validate(seed), "floor": lambda: floor_convert(seed)}, a.runs)
    (c_theirs, w_theirs), (c_ours, w_ours), (c_nv, w_nv) = t["theirs"], t["ours"], t["ours_nv"]
    c_floor, w_floor = t["floor"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    emit("bluebell version", version("bluebell-akn"),
         f"{len(marked)} chars of marked text; paragraphs ours {count(ours.tree, 'paragraph')}, "
         f"bluebell {count(back, 'paragraph')}")
    emit("machine", f"{os.cpu_count()} cores", f"load average {load:.1f}; medians of {a.runs} runs, taking turns")
    emit("bluebell parse+XML, seed", f"{c_theirs * 1000:.1f} ms", f"CPU; wall {w_theirs * 1000:.1f} ms")
    emit("ours convert+validate, seed", f"{c_ours * 1000:.1f} ms", f"CPU; wall {w_ours * 1000:.1f} ms")
    emit("ours convert without validation, seed", f"{c_nv * 1000:.1f} ms",
         f"CPU; wall {w_nv * 1000:.1f} ms; ingest+parse+akn+serialise")
    emit("ratio ours/bluebell (with validation)", f"{c_ours / c_theirs:.2f}",
         f"CPU; wall {w_ours / w_theirs:.2f}; target <= 0.20")
    emit("ratio ours/bluebell (like for like)", f"{c_nv / c_theirs:.2f}",
         f"CPU; wall {w_nv / w_theirs:.2f}; target <= 0.20")
    # what any Python design costs at least (bench/floor.py): the target's room above it
    emit("floor: minimal Python pass, seed", f"{c_floor * 1000:.2f} ms",
         f"CPU; ratio {c_floor / c_theirs:.2f}; lines, links, dates, lxml only (bench/floor.py)")
    emit("target's room above the floor", f"{(0.2 * c_theirs - c_floor) * 1000:.2f} ms",
         "CPU; for notes, furniture, cover page, metadata, eIds, languages, limits")


def _no_validate(seed: str) -> bytes:
    from converter import lang as languages
    from converter.akn.build import build_akn
    from converter.akn.xmlio import to_bytes
    from converter.ingest import ingest
    from converter.parse import parse
    table = languages.load("eng")
    doc, _, _ = parse(ingest(seed, "seed", table), table)
    return to_bytes(build_akn(doc, None))


if __name__ == "__main__":
    main()

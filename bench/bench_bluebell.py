"""Our convert against bluebell-akn (Laws.Africa) on the same resolution, same process, same machine.

usage: python bench/bench_bluebell.py [--runs N] [--rows]      (pip install '.[bench]')

bluebell needs its own keyword-marked text, so the script makes it from our AKN of the seed with
bluebell's own ``unparse``; then it times bluebell's parse + XML serialisation of that text against
our convert of the plain seed (with and without our validation, which bluebell does not do).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rows import emit, median_time  # noqa: E402
from synthetic import SEED  # noqa: E402

from converter.pipeline import convert_text  # noqa: E402
from converter.validate.profile import profile  # noqa: E402
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
    akn_schema(), profile()
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
    t_theirs = median_time(theirs, a.runs)
    t_ours = median_time(lambda: convert_text(seed, "seed"), a.runs)
    stages = ours.timings
    t_ours_nv = median_time(lambda: _no_validate(seed), a.runs)
    emit("bluebell version", version("bluebell-akn"),
         f"{len(marked)} chars of marked text; paragraphs ours {count(ours.tree, 'paragraph')}, "
         f"bluebell {count(back, 'paragraph')}")
    emit("bluebell parse+XML, seed", f"{t_theirs * 1000:.1f} ms", f"median of {a.runs}")
    emit("ours convert+validate, seed", f"{t_ours * 1000:.1f} ms",
         f"validate was {stages['validate'] * 1000:.0f} ms of the first run")
    emit("ours convert without validation, seed", f"{t_ours_nv * 1000:.1f} ms", "ingest+parse+akn+serialise")
    emit("ratio ours/bluebell (with validation)", f"{t_ours / t_theirs:.2f}", "target <= 0.20")
    emit("ratio ours/bluebell (like for like)", f"{t_ours_nv / t_theirs:.2f}", "target <= 0.20")


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

"""The floor under any pure-Python converter of the seed: the least work one can do and still
write AKN paragraphs with links and dates, timed. Not a converter: it knows nothing of notes,
cover pages, metadata, eIds, languages or hostile input, and gets the seed's structure only
roughly right. It answers one question of #6: what would a Python design cost at best?

It splits the text into lines, tells each line with one regular expression (furniture, a note,
a paragraph's opening, or a line going on), joins wrapped lines, finds citations and dates with
one ``finditer`` each per paragraph, builds the elements with lxml and serialises them.

usage: python bench/floor.py [--runs N] [--rows]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rows import emit, median_times  # noqa: E402
from synthetic import SEED  # noqa: E402

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: furniture (job number, running symbol, page number, note rule), a note's first line, or a
#: paragraph's opening (a number or a phrase): one match per line tells which
LINE_RE = re.compile(
    r"(?P<furniture>\d{2}-\d{4,5}\b.*|A/RES/\d+/\d+\s*|\d+/\d+\s*|_{5,})$|(?P<note>\d{1,3}\s{2,}\S.*)"
    r"|(?P<num>\d{1,3}\.\s)|(?P<phrase>(?:Recalling|Noting|Recognizing|Reaffirming|Welcoming|Taking note"
    r"|Expressing|Acknowledging|Decides|Requests|Invites|Calls upon|Stresses|Encourages|Urges|Emphasizes)\b)")
CITATION_RE = re.compile(r"\b(?:resolutions?|decisions?)\s+\d{1,4}/\d{1,4}|\b[ASE]/[A-Z0-9./]+\d")
DATE_RE = re.compile(r"\b\d{1,2}\s(?:January|February|March|April|May|June|July|August|September"
                     r"|October|November|December)\s\d{4}\b")


def convert(text: str) -> bytes:
    """The seed's paragraphs as AKN-shaped XML, with ref and date elements."""
    paragraphs: list[list[str]] = []
    current = None
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        m = LINE_RE.match(s)
        if m is not None and m.lastgroup in ("furniture", "note"):
            continue
        if current is None or m is not None:
            current = [s]
            paragraphs.append(current)
        else:
            current.append(s)
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN})
    body = etree.SubElement(etree.SubElement(root, f"{{{AKN}}}statement", name="resolution"), f"{{{AKN}}}mainBody")
    for i, lines in enumerate(paragraphs, 1):
        value = " ".join(lines)
        para = etree.SubElement(body, f"{{{AKN}}}paragraph", eId=f"para_{i}")
        p = etree.SubElement(etree.SubElement(para, f"{{{AKN}}}content"), f"{{{AKN}}}p")
        spans = sorted([(m.start(), m.end(), "ref") for m in CITATION_RE.finditer(value)]
                       + [(m.start(), m.end(), "date") for m in DATE_RE.finditer(value)])
        pos, last = 0, None
        for start, end, kind in spans:
            if start < pos:
                continue
            if last is None:
                p.text = value[pos:start]
            else:
                last.tail = value[pos:start]
            last = etree.SubElement(p, f"{{{AKN}}}{kind}", **({"href": "/akn/un/"} if kind == "ref" else {"date": ""}))
            last.text = value[start:end]
            pos = end
        if last is None:
            p.text = value[pos:]
        else:
            last.tail = value[pos:]
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def floor_time(runs: int) -> tuple[float, float]:
    """Median (CPU, wall) seconds of :func:`convert` on the seed."""
    seed = SEED.read_text("utf-8")
    return median_times({"floor": lambda: convert(seed)}, runs)["floor"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--rows", action="store_true", help="machine-readable rows for bench/run.py")
    a = ap.parse_args()
    cpu, wall = floor_time(a.runs)
    emit("floor: minimal Python pass, seed", f"{cpu * 1000:.2f} ms",
         f"CPU; wall {wall * 1000:.2f} ms; lines, one regex a line, links, dates, lxml; no notes or metadata")


if __name__ == "__main__":
    main()

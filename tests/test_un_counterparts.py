"""Our markup against the UN's own AKN for the same five resolutions (issue: real-world corpus, 8).

For each of A/RES/80/1, 80/3, 80/5, 80/11 and 80/53 we convert the extracted text and compare with
the UN's published file: the FRBR work IRI, the number, the adoption date, the counts of preambular
containers, operative paragraphs, points, footnotes and attachments, and the text of every
container, operative paragraph and footnote (whitespace ignored; notes matched by marker).

Deliberate differences, not compared:
- sub-paragraphs inside annexes: the UN files flatten them into plain paragraphs; we mark them as
  list/point as AKN4UN Part 3 models sub-paragraphs, so points are compared for the resolution's
  own body only;
- eIds (the UN counts blocks, we follow the naming convention), classification keywords, workflow
  and presentation metadata (not in the text);
- unnumbered headings in the operative part ("Peacebuilding Commission"): the UN files write them as
  paragraphs with no number holding one bold span; we write them as ``section``/``heading`` as
  AKN4UN Part 3 models headings. Their texts are compared as headings, not as paragraphs;
- sub-paragraph labels the extracted text lost: our points keep no ``num`` (class ``numberLost``),
  the UN's print theirs; points are counted, and their texts compared within their paragraph.
"""
from __future__ import annotations

import re

import pytest
from lxml import etree

from conftest import CORPUS, NS, SHARED
from converter.pipeline import convert_file

UN = SHARED / "reference" / "un-akn" / "corpus-counterparts"
PAIRS = {
    "80-1": "A_RES_80_1-2515106E.xml",
    "80-3": "A_RES_80_3-2516680E.xml",
    "80-5": "A_RES_80_5-2517700E.xml",
    "80-11": "A_RES_80_11-2519633E.xml",
    "80-53": "A_RES_80_53-2519996E.xml",
}
#: resolution -> why its extracted text cannot match the UN's markup yet
DAMAGED: dict[str, str] = {}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _text(el, drop=("authorialNote", "num")) -> str:
    clone = etree.fromstring(etree.tostring(el, with_tail=False))
    for child in (clone.xpath(" | ".join(f".//a:{d}" for d in drop), namespaces=NS) if drop else []):
        parent, prev, tail = child.getparent(), child.getprevious(), child.tail or ""
        parent.remove(child)
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    return _squash("".join(clone.itertext()))


#: The UN's way of writing an unnumbered heading: a paragraph with no num and one bold span.
UN_HEADING = ("not(a:num) and count(.//a:p) = 1 and .//a:p/a:span[@class='bold'] "
              "and normalize-space(.//a:p) = normalize-space(.//a:p/a:span[@class='bold'])")


def _facts(tree) -> dict:
    x = lambda xp: tree.xpath(xp, namespaces=NS)
    top = "/a:akomaNtoso/*"
    paragraphs = f"{top}/a:mainBody//a:paragraph[not(ancestor::a:paragraph)]"
    return {
        "work": x(f"string({top}/a:meta/a:identification/a:FRBRWork/a:FRBRuri/@value)"),
        "date": x(f"string({top}/a:meta/a:identification/a:FRBRWork/a:FRBRdate/@date)"),
        "number": _squash(x(f"string(({top}/a:preface//a:docNumber)[1])")),
        "containers": [_text(e) for e in x(f"{top}/a:preamble/a:container")],
        "paragraphs": [_text(e) for e in x(f"{paragraphs}[not({UN_HEADING})]")],
        "headings": [_text(e) for e in x(f"{paragraphs}[{UN_HEADING}] | {top}/a:mainBody//a:section[not(a:num)]/a:heading")],
        "points": len(x(f"{top}/a:mainBody//a:point")),
        "notes": {n.get("marker"): _text(n, drop=()) for n in x("//a:authorialNote")},
        "attachments": len(x("//a:attachment")),
    }


def _cases():
    for key in PAIRS:
        marks = [pytest.mark.xfail(strict=True, reason=DAMAGED[key])] if key in DAMAGED else []
        yield pytest.param(key, marks=marks, id=key)


@pytest.mark.corpus
@pytest.mark.parametrize("key", list(_cases()))
def test_same_as_the_uns_markup(key):
    if not UN.is_dir() or not CORPUS.is_dir():
        pytest.skip(f"needs {UN} and {CORPUS}")
    ours = _facts(convert_file(CORPUS / "ga" / f"A-RES-{key}.txt").tree)
    theirs = _facts(etree.parse(str(UN / PAIRS[key])))
    differences = [k for k in ours if ours[k] != theirs[k]]
    detail = {k: (ours[k], theirs[k]) for k in differences if not isinstance(ours[k], (list, dict))}
    for k in differences:
        if isinstance(ours[k], list):
            detail[k] = [(i, a[:60], b[:60]) for i, (a, b) in enumerate(zip(ours[k], theirs[k])) if a != b][:3] \
                or (len(ours[k]), len(theirs[k]))
        elif isinstance(ours[k], dict):
            detail[k] = {m: (ours[k].get(m, "")[:60], theirs[k].get(m, "")[:60])
                         for m in set(ours[k]) | set(theirs[k]) if ours[k].get(m) != theirs[k].get(m)}
    assert not differences, detail

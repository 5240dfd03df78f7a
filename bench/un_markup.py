"""Our markup against the UN's own, on the UN's six-language files: each file is written as text
with ``unakn text`` (``render_text``), converted back, and what the UN marks is looked for in our
conversion. Per language:

- links: the UN's links to undocs.org that ours link to the same document (the address, language,
  case and spaces aside), of the UN's;
- emphasis: the UN's italic and bold spans that ours have too, same class and text (phrases,
  italic or, in Chinese, bold; the titles a plain text tells by their fixed forms: the Treaty
  Series, Official Records; the rest are mostly titles of other publications, italic in print
  only, which a plain text cannot show, and headings, which ours mark as headings);
- dates: our ``date`` elements (the UN's files mark none in the text; a count to follow);
- closing date: files whose conclusions carry the date of adoption as a docDate (the UN's: all);
- committee: files whose docProponent refers to what the UN's refers to (#thirdCommittee…);
- session, agenda item: cover pages with the session (its value the UN's) and the agenda item
  (its number the UN's).

usage: python bench/un_markup.py [LANG ...]      (LANG: eng fra spa rus zho ara; default all)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converter.errors import ConversionError  # noqa: E402
from converter.pipeline import convert_text  # noqa: E402
from converter.render.text import render_text  # noqa: E402

SIX = ROOT.parent / "shared" / "reference" / "un-akn" / "six-languages"
FOLDERS = {"eng": "English", "fra": "French", "spa": "Spanish", "rus": "Russian", "zho": "Chinese", "ara": "Arabic"}


def _body(root) -> list:
    return [el for el in root.iter() if isinstance(el.tag, str)
            and not any(a.tag.endswith("}meta") for a in el.iterancestors())]


def _links(root) -> Counter:
    return Counter(re.sub(r"^https?://undocs\.org/(?:[a-z]{2}/)?", "", el.get("href", "")).replace(" ", "").lower()
                   for el in _body(root) if el.tag.endswith("}a") and "undocs.org" in el.get("href", ""))


def _emphasis(root) -> Counter:
    return Counter((el.get("class"), " ".join("".join(el.itertext()).split()).rstrip(",，"))
                   for el in _body(root) if el.tag.endswith("}span") and el.get("class") in ("italic", "bold"))


def _first(root, path: str, attr: str) -> str | None:
    el = root.find(path)
    return el.get(attr) if el is not None else None


def measure(code: str) -> dict:
    out = Counter()
    for path in sorted((SIX / FOLDERS[code]).glob("*.xml")):
        un = etree.parse(str(path)).getroot()
        if un.find(".//{*}FRBRlanguage").get("language") != code:
            continue  # a file of another language filed in this folder
        out["files"] += 1
        try:
            ours = convert_text(render_text(path), path.name, lang=code).tree.getroot()
        except ConversionError:
            out["failed"] += 1
            continue
        for name, read in (("links", _links), ("emphasis", _emphasis)):
            theirs, mine = read(un), read(ours)
            out[f"{name} UN"] += sum(theirs.values())
            out[f"{name} same"] += sum((theirs & mine).values())
        out["dates"] += sum(1 for el in _body(ours) if el.tag.endswith("}date"))
        out["closing date"] += ours.find(".//{*}conclusions//{*}docDate") is not None
        out["committee"] += (_first(un, ".//{*}docProponent", "refersTo")
                             == _first(ours, ".//{*}docProponent", "refersTo"))
        out["session"] += (_first(un, ".//{*}coverPage//{*}session", "value")
                           == _first(ours, ".//{*}coverPage//{*}session", "value") is not None)
        agenda = ".//{*}coverPage//{*}inline[@name='agenda item']"
        out["agenda item"] += _first(un, agenda, "title") == _first(ours, agenda, "title") is not None
    return out


def main() -> None:
    codes = sys.argv[1:] or list(FOLDERS)
    if not SIX.is_dir():
        sys.exit(f"{SIX} is absent")
    print(f"{'':5s} {'files':>5s} {'links (same document)':>22s} {'emphasis':>16s} {'dates':>6s} "
          f"{'closing date':>12s} {'committee':>9s} {'session':>7s} {'agenda item':>11s}")
    for code in codes:
        m = measure(code)
        n = m["files"]
        print(f"{code:5s} {n:5d} {m['links same']:>6d}/{m['links UN']:<4d} {m['links same'] / max(m['links UN'], 1):6.1%}   "
              f"{m['emphasis same']:>6d}/{m['emphasis UN']:<5d} {m['dates']:>6d} {m['closing date']:>9d}/{n:<2d} "
              f"{m['committee']:>6d}/{n:<2d} {m['session']:>4d}/{n:<2d} {m['agenda item']:>8d}/{n:<2d}"
              + (f"  ({m['failed']} failed)" if m["failed"] else ""))


if __name__ == "__main__":
    main()

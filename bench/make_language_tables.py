"""Regenerate the phrase lists of the French, Spanish, Russian, Arabic and Chinese tables.

The UN's own AKN marks each preambular paragraph's introductory phrase (``container/@name``) and
each operative paragraph's opening verb (the first ``span`` of the paragraph's first ``p``, italic
or, in Chinese, bold). This collects those phrases from the UN's files of the six-language set
(../shared/reference/un-akn/six-languages/<Language>/*.xml, plus the French ICT4SD example) and
writes them into converter/data/<code>.json, together with the phrases the table lists by hand
under ``_manual_phrases`` (forms seen in older or traditional-script texts). Everything else in the
tables is hand-written and left as it is.

usage: python bench/make_language_tables.py [../shared/reference/un-akn]
"""
import json
import re
import sys
from pathlib import Path

from lxml import etree

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
DATA = Path(__file__).resolve().parent.parent / "converter" / "data"
LANGUAGES = {"French": "fra", "Spanish": "spa", "Russian": "rus", "Arabic": "ara", "Chinese": "zho"}
EXTRA = {"fra": ["examples/official_ga_78-132_ict4sd_fra.xml"]}
#: punctuation around a phrase as the files mark it
STRIP = " \u00a0\u202f\t\n,:;،؛，：；、"


def clean(text: str | None) -> str | None:
    if not text:
        return None
    s = re.sub(r"\s+", " ", text).strip(STRIP)
    if not s or not re.search(r"[^\W\d_]", s) or len(s) > 60 or len(s.split()) > 6:
        return None
    return s


def collect(paths: list[Path], code: str | None = None) -> tuple[set[str], set[str]]:
    """(preambular phrases, operative phrases) marked in the UN files ``paths`` in language ``code``."""
    pre: set[str] = set()
    op: set[str] = set()
    for path in paths:
        root = etree.parse(str(path)).getroot()
        if code is not None and root.find(".//a:FRBRlanguage", NS).get("language") != code:
            continue  # a file of another language filed under this one
        for c in root.iterfind(".//a:preamble//a:container", NS):
            name = clean(c.get("name"))
            if name:
                pre.add(name)
        for para in root.iterfind(".//a:mainBody//a:paragraph", NS):
            p = para.find(".//a:p", NS)
            if p is None:
                continue
            span = p.find("a:span", NS)
            if span is None or (p.text or "").strip():
                continue  # the phrase is the p's opening span, nothing before it
            phrase = clean("".join(span.itertext()))
            if phrase:
                op.add(phrase)
    return pre, op


def main() -> None:
    ref = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/un-akn")
    for folder, code in LANGUAGES.items():
        paths = sorted((ref / "six-languages" / folder).glob("*.xml"))
        paths += [ref / p for p in EXTRA.get(code, []) if (ref / p).exists()]
        pre, op = collect(paths, code)
        path = DATA / f"{code}.json"
        table = json.loads(path.read_text(encoding="utf-8"))
        manual = table.get("_manual_phrases", {})
        table["preambular_phrases"] = sorted(pre | set(manual.get("preambular", [])))
        table["operative_phrases"] = sorted(op | set(manual.get("operative", [])))
        path.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{code}: {len(paths)} files, {len(table['preambular_phrases'])} preambular, "
              f"{len(table['operative_phrases'])} operative")


if __name__ == "__main__":
    main()

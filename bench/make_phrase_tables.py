"""Regenerate the English phrase lists in converter/data/eng.json from the UN's phrase counts.

The UN's published AKN marks the introductory phrase of every preambular and operative paragraph
in italics; ../shared/reference/un-akn/phrases/ counts those phrases over 1,923 resolutions. This
keeps the phrases seen at least MIN_COUNT times (a fact table, not text of any resolution) and
writes them into the language table, leaving the hand-written entries of the table as they are.

usage: python bench/make_phrase_tables.py [../shared/reference/un-akn/phrases]
"""
import csv
import json
import re
import sys
from pathlib import Path

MIN_COUNT = 2
#: A phrase longer than another of the list by its object or a preposition ("Takes note of",
#: "Stresses the importance", "Recalls its decision") is left out: the UN's files italicize the
#: shorter one there (1830 of their 1886 phrases are the longest of the table; the 56 others, but
#: two, are these).
OBJECT_WORDS = ("of", "the")
TABLE = Path(__file__).resolve().parent.parent / "converter" / "data" / "eng.json"


def phrases(path: Path) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            phrase = (row.get("phrase") or row.get("leading_phrase") or "").strip().rstrip(",")
            if int(row["count"]) >= MIN_COUNT and re.fullmatch(r"[A-Z][a-z]+(?:[ -][a-z]+){0,5}", phrase):
                out.append(phrase)
    kept = set(out)
    return sorted(p for p in kept if not any(p.startswith(q + " ") and p[len(q) + 1:].split(" ")[0] in OBJECT_WORDS
                                             for q in kept))


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/un-akn/phrases")
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    table["preambular_phrases"] = phrases(folder / "phrases_preambular_from_UNxml.tsv")
    table["operative_phrases"] = phrases(folder / "phrases_operative_from_UNxml.tsv")
    TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(table['preambular_phrases'])} preambular, {len(table['operative_phrases'])} operative")


if __name__ == "__main__":
    main()

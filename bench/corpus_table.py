"""The corpus at a glance: each text of ../shared/corpus (not bulk/ or multilingual/) converted,
with whether it is valid, the words lost, warnings, what was removed, and whether its structure
matches tests/corpus_expectations.json. Prints a Markdown table.

usage: python bench/corpus_table.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from converter.errors import UnaknError  # noqa: E402
from converter.pipeline import convert_file  # noqa: E402
from test_corpus import _counts  # noqa: E402  (the counts the corpus test compares)

CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    expect = json.loads((ROOT / "tests" / "corpus_expectations.json").read_text("utf-8"))["documents"]
    print("| document | valid | words lost | warnings | removed | counts = expectations |")
    print("|---|---|---|---|---|---|")
    for path in sorted(p for p in CORPUS.glob("*/*.txt") if p.parent.name not in ("bulk", "multilingual")):
        key = f"{path.parent.name}/{path.name}"
        try:
            result = convert_file(path)
        except UnaknError as exc:
            print(f"| {key} | refused: {str(exc)[:80]} | | | | |")
            continue
        r = result.report
        got = _counts(result.tree)
        want = {k: expect.get(key, {}).get(k) for k in got}
        same = "yes" if got == want else "no: " + ", ".join(f"{k} {got[k]}≠{want[k]}" for k in got if got[k] != want[k])
        valid = "yes" if not r.schema_errors and not r.profile_errors else "no"
        print(f"| {key} | {valid} | {r.words_lost} | {len(r.warnings)} | {len(r.removed)} | {same} |")


if __name__ == "__main__":
    main()

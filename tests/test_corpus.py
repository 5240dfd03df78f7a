"""Every corpus document (outside bulk/ and multilingual/): converts, is valid, loses no word, and
has the structure written down in corpus_expectations.json (facts read from each document).

Documents the converter does not yet handle are marked xfail(strict=True) with the reason: the
gap stays visible, and the day one starts passing the mark must come off.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS, NS, need_corpus
from converter.errors import UnaknError
from converter.pipeline import convert_file

EXPECT = json.loads((Path(__file__).parent / "corpus_expectations.json").read_text(encoding="utf-8"))["documents"]

#: document -> why it does not convert yet
NOT_YET_CONVERTED = {
    "ga/A-RES-217-A-III.txt": "declaration text only: no number, formula before the recitals, 'Article N' headings",
}
#: document -> which counts still differ, and why
NOT_YET_STRUCTURED = {
    "sc/S-RES-263-1969.txt": "annex of 'Rule N' headings not recognised",
    "sc/S-RES-47-1948.txt": "unnumbered operative clauses before lettered sections are read as preamble",
}


def docs():
    return sorted(EXPECT)


def _mark(doc, table):
    return pytest.param(doc, marks=pytest.mark.xfail(strict=True, reason=table[doc])) if doc in table else doc


@pytest.fixture(scope="module")
def converted():
    need_corpus()
    out = {}
    for doc in docs():
        try:
            out[doc] = convert_file(CORPUS / doc)
        except UnaknError as exc:
            out[doc] = exc
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("doc", [_mark(d, NOT_YET_CONVERTED) for d in docs()])
def test_converts_valid_and_lossless(converted, doc):
    result = converted[doc]
    assert not isinstance(result, Exception), str(result)
    assert result.report.schema_errors == [] and result.report.profile_errors == []
    assert result.report.words_lost == 0 and result.report.words_added == 0


def _counts(tree):
    c = lambda xp: int(tree.xpath(f"count({xp})", namespaces=NS))
    return {
        "preamble": c("/a:akomaNtoso/*/a:preamble/a:container"),
        "operative": c("/a:akomaNtoso/*/a:mainBody//a:paragraph[not(ancestor::a:paragraph)]"),
        "points": c("/a:akomaNtoso/*/a:mainBody//a:point"),
        "footnotes": c("//a:authorialNote"),
        "annexes": c("//a:attachment"),
    }


@pytest.mark.corpus
@pytest.mark.parametrize("doc", [_mark(d, {**NOT_YET_CONVERTED, **NOT_YET_STRUCTURED}) for d in docs()])
def test_structure_matches_expectations(converted, doc):
    result = converted[doc]
    assert not isinstance(result, Exception), str(result)
    want = EXPECT[doc]
    got = _counts(result.tree)
    assert got == {k: want[k] for k in got}
    if want.get("date"):
        dates = result.tree.xpath("/a:akomaNtoso/*/a:meta/a:identification/a:FRBRWork/a:FRBRdate/@date", namespaces=NS)
        assert dates == [want["date"]]
    if want.get("docNumber"):
        num = result.tree.xpath("string((//a:preface//a:docNumber | //a:coverPage//a:docTitle//a:docNumber)[1])",
                                namespaces=NS)
        assert " ".join(num.split()) == want["docNumber"]

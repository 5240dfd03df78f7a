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
NOT_YET_CONVERTED: dict[str, str] = {}
#: document -> which counts still differ, and why
NOT_YET_STRUCTURED = {
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
    # only the corpus's fragment stops before its end (SOURCES.tsv: "FRAGMENT ONLY")
    assert bool(result.report.truncated) == ("fragment" in doc), result.report.truncated


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


@pytest.mark.corpus
@pytest.mark.parametrize("doc", [d for d in docs() if "articles" in EXPECT[d] or "annex_articles" in EXPECT[d]])
def test_divisions_match_expectations(converted, doc):
    """Articles and rules, with their headings and paragraphs, where the expectations count them."""
    result = converted[doc]
    assert not isinstance(result, Exception), str(result)
    want = EXPECT[doc]
    root = result.tree.getroot()
    if "articles" in want:
        body = root.xpath("/a:akomaNtoso/*/a:mainBody", namespaces=NS)[0]
        found = body.xpath(".//*[self::a:article or self::a:rule or self::a:chapter or self::a:part]", namespaces=NS)
        assert len(found) == want["articles"]
        if "article_paragraphs" in want:
            assert sum(len(a.xpath("a:paragraph", namespaces=NS)) for a in found) == want["article_paragraphs"]
    if "annex_articles" in want:
        found = root.xpath("//a:attachment//*[self::a:article or self::a:rule]", namespaces=NS)
        assert len(found) == want["annex_articles"]
        if "annex_article_headings" in want:
            assert [" ".join("".join(a.find("a:num", NS).itertext()).split()) for a in found] == want["annex_article_headings"]

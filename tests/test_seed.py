"""The seed resolution, A/RES/68/198, end to end: the figures of the core converter issue."""
from __future__ import annotations

import re

from lxml import etree

from conftest import EXAMPLES, NS
from converter.pipeline import convert_file
from converter.validate.profile import profile_errors
from converter.validate.schema import schema_errors


def count(tree, xp):
    return int(tree.xpath(f"count({xp})", namespaces=NS))


def text(el):
    return " ".join("".join(t for t in el.itertext()).split())


def body_text(el):
    """Text of an element without its footnotes."""
    clone = etree.fromstring(etree.tostring(el))
    for n in clone.xpath(".//a:authorialNote", namespaces=NS):
        tail = n.tail
        parent = n.getparent()
        prev = n.getprevious()
        parent.remove(n)
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    return text(clone)


def test_structure_counts(seed):
    t = seed.tree
    assert t.getroot().tag == "{%s}akomaNtoso" % NS["a"]
    st = t.getroot()[0]
    assert st.get("name") == "resolution"
    assert [etree.QName(c).localname for c in st] == ["meta", "coverPage", "preface", "preamble", "mainBody", "conclusions"]
    assert count(t, "//a:preamble/a:container") == 39
    assert count(t, "//a:mainBody/a:paragraph") == 24
    assert count(t, "//a:authorialNote") == 13
    assert count(t, "//a:noteRef") == 3


def test_frbr_metadata(seed):
    ident = seed.tree.find(".//a:identification", NS)
    v = lambda xp: ident.find(xp, NS).get("value")
    work = "/akn/un/statement/deliberation/unga/2013-12-20/68-198/"
    assert v("a:FRBRWork/a:FRBRuri") == work
    assert v("a:FRBRWork/a:FRBRthis") == work + "!main/"
    assert v("a:FRBRExpression/a:FRBRuri") == work + "eng@/"
    assert v("a:FRBRManifestation/a:FRBRuri") == work + "eng@.xml"
    assert ident.find("a:FRBRWork/a:FRBRdate", NS).attrib == {"date": "2013-12-20", "name": "adoption"}
    assert ident.find("a:FRBRWork/a:FRBRcountry", NS).get("value") == "un"
    assert ident.find("a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "eng"
    author = ident.find("a:FRBRWork/a:FRBRauthor", NS).get("href")
    assert seed.tree.find(f".//a:references/*[@eId='{author[1:]}']", NS).get("showAs") == "General Assembly"


def test_every_reference_has_its_tlc(seed):
    t = seed.tree
    eids = set(t.xpath("//@eId"))
    for attr in t.xpath("//@refersTo | //@source | //a:FRBRauthor/@href", namespaces=NS):
        assert attr[1:] in eids, attr
    for name in ("secondCommittee", "unakn", "ga"):
        assert t.find(f".//a:references/*[@eId='{name}']", NS) is not None


def test_cover_page_and_preface(seed):
    t = seed.tree
    title = t.find(".//a:coverPage//a:docTitle", NS)
    assert text(title) == "Resolution adopted by the General Assembly on 20 December 2013"
    assert title.find("a:docDate", NS).get("date") == "2013-12-20"
    prop = t.find(".//a:coverPage//a:docProponent", NS)
    assert text(prop) == "[on the report of the Second Committee (A/68/435)]"
    assert prop.get("refersTo") == "#secondCommittee"
    assert prop.find(".//a:a", NS).get("href") == "https://undocs.org/en/A/68/435"
    assert text(t.find(".//a:preface//a:docNumber", NS)) == "68/198."
    assert text(t.find(".//a:preface//a:docTitle", NS)) == "Information and communications technologies for development"


def test_preamble_phrases(seed):
    t = seed.tree
    formula = t.find(".//a:preamble/a:formula", NS)
    assert formula.get("name") == "enactingFormula" and text(formula) == "The General Assembly,"
    containers = t.findall(".//a:preamble/a:container", NS)
    names = [c.get("name") for c in containers]
    assert names[:3] == ["Recalling", "Recalling also", "Recalling further"]
    assert "Stressing, however," in names
    for c in containers:
        phrase = c.find("a:p/a:span[@class='italic']", NS)
        assert phrase is not None and phrase.text == c.get("name")
        assert text(c).startswith(c.get("name"))


def test_paragraph_starts_hidden_by_page_breaks(seed):
    t = seed.tree
    texts = [body_text(c) for c in t.findall(".//a:preamble/a:container", NS)]
    assert any(x.startswith("Noting that cultural diversity is the common heritage") for x in texts)
    assert any(x.startswith("Recognizing also the importance of the Internet Governance Forum") for x in texts)
    assert any("towards achieving the Millennium Development Goals, convened by the President" in x for x in texts)
    assert any("to reform and strengthen the international financial system" in x for x in texts)


def test_operative_paragraphs(seed):
    t = seed.tree
    paras = t.findall(".//a:mainBody/a:paragraph", NS)
    assert [p.find("a:num", NS).text for p in paras] == [f"{i}." for i in range(1, 25)]
    assert [p.get("eId") for p in paras] == [f"para_{i}" for i in range(1, 25)]
    phrases = [p.find(".//a:p/a:span[@class='italic']", NS).text for p in paras]
    assert phrases[1] == "Also recognizes" and phrases[21] == "Decides" and phrases[23] == "Decides"
    assert body_text(paras[23].find("a:content", NS)) == (
        "Decides to include in the provisional agenda of its sixty-ninth session the item entitled "
        "“Information and communications technologies for development”.")


def test_footnotes_placed_and_joined(seed):
    t = seed.tree
    notes = t.findall(".//a:authorialNote", NS)
    assert [n.get("marker") for n in notes] == [str(i) for i in range(1, 14)]
    assert all(n.get("placement") == "bottom" for n in notes)
    assert text(notes[10]) == ("United Nations Educational, Scientific and Cultural Organization, Records of the General "
                               "Conference, Thirty-first Session, Paris, 15 October–3 November 2001, vol. 1 and corrigendum, "
                               "Resolutions, chap. V, resolution 25, annex I.")
    first = notes[0]
    assert first.get("eId") == "preamble__container_3__authorialNote_1"
    before = first.getprevious()  # "... held in Geneva from 10 to <date>12 December 2003</date>,<note>"
    assert before.tag == "{%s}date" % NS["a"] and before.text == "12 December 2003" and before.tail == ","
    # repeated markers become noteRefs to the first note
    para11 = t.find(".//a:paragraph[@eId='para_11']", NS)
    refs = para11.findall(".//a:noteRef", NS)
    assert [(r.get("marker"), r.get("href")) for r in refs] == [
        ("1", "#preamble__container_3__authorialNote_1"), ("3", "#preamble__container_3__authorialNote_3")]
    para14 = t.find(".//a:paragraph[@eId='para_14']", NS)
    assert [r.get("marker") for r in para14.findall(".//a:noteRef", NS)] == ["9"]
    # note 12 is cited in paragraph 4 ("Status of Women;12"); its block cuts paragraph 8 in two
    para4 = t.find(".//a:paragraph[@eId='para_4']", NS)
    assert para4.find(".//a:authorialNote", NS).get("marker") == "12"
    assert body_text(para4).endswith("the Status of Women;")
    para8 = t.find(".//a:paragraph[@eId='para_8']", NS)
    assert "triangular cooperation can be useful tools for promoting" in body_text(para8)


def test_conclusions(seed):
    ev = seed.tree.find(".//a:conclusions//a:event", NS)
    assert text(ev.find("a:location", NS)) == "71st plenary meeting"
    assert ev.find("a:docDate", NS).get("date") == "2013-12-20"


def test_links_and_dates(seed):
    t = seed.tree
    hrefs = set(t.xpath("//a:a/@href", namespaces=NS))
    for sym in ("A/RES/56/183", "E/RES/2013/9", "A/RES/57/270B", "A/68/435", "A/C.2/59/3", "A/68/65", "E/2011/27"):
        assert f"https://undocs.org/en/{sym}" in hrefs, sym
    first = t.find(".//a:preamble/a:container/a:p", NS)
    dates = first.findall("a:date", NS)
    assert dates[0].get("date") == "2001-12-21" and dates[0].text == "21 December 2001"


def test_valid_and_nothing_lost(seed):
    assert schema_errors(seed.tree) == []
    assert profile_errors(seed.tree) == []
    r = seed.report
    assert r.words_lost == 0 and r.words_added == 0 and r.words_source > 3000
    kinds = {}
    for x in r.removed:
        kinds[x.kind] = kinds.get(x.kind, 0) + 1
    # 13 first markers, 3 repeated ones, 13 note numbers, 5 rules above footnote blocks
    assert kinds == {"footnote-marker": 13, "footnote-ref": 3, "footnote-number": 13, "footnote-rule": 5}


def test_deterministic():
    a = convert_file(EXAMPLES / "A-RES-68-198.txt").xml
    b = convert_file(EXAMPLES / "A-RES-68-198.txt").xml
    assert a == b
    assert re.search(rb"20[2-9]\d-\d\d-\d\d", a) is None  # no clock date sneaks in

"""The HTML renderer without a browser: structure, outline, notes, links, escaping, no text lost."""
from __future__ import annotations

import base64
import copy
import hashlib
import re

import pytest
from click.testing import CliRunner
from lxml import etree

from converter.errors import XMLInputError
from converter.render.html import render_html, render_page
from converter.render.links import UndocsResolver, safe_url, symbol_from_iri
from html_support import (AKN, FIXTURES, MISSING_REFERENCE, ROOT, UN_AKN, akn_pieces,
                          construct_texts, convert_or_skip, corpus_texts, fixture_files, html_text,
                          missing_in_order, norm, parse_html, reference_files)

ALL_FILES = reference_files() + fixture_files()


def headings(doc) -> list[tuple[int, str]]:
    out = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if re.fullmatch(r"h[1-6]", el.tag):
            out.append((int(el.tag[1]), el.get("id")))
        elif el.get("role") == "heading":
            out.append((int(el.get("aria-level")), el.get("id")))
    return out


def assert_outline(doc) -> None:
    levels = [lv for lv, _ in headings(doc)]
    assert levels.count(1) == 1, f"expected one h1, got levels {levels}"
    assert levels[0] == 1, f"the h1 must come first, got {levels}"
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"skipped a level ({before} -> {after}) in {levels}"


def assert_no_text_lost(xml_path, page: str) -> None:
    """Body text in order in <main>, cover page text somewhere on the page, each footnote's text
    in order in its end note."""
    root = etree.parse(str(xml_path)).getroot()
    doc = parse_html(page)
    main = doc.find(".//main")
    body_pieces = akn_pieces(root, skip=("meta", "authorialNote", "coverPage"))
    missing = missing_in_order(body_pieces, html_text(main))
    assert not missing, f"text lost or out of order: {missing[:5]}"
    page_text = html_text(doc.find(".//body"))
    for cover in root.iter(AKN + "coverPage"):
        lost = [p for p in akn_pieces(cover) if p not in page_text]
        assert not lost, f"cover page text lost: {lost[:5]}"
    notes = doc.find(".//section[@role='doc-endnotes']")
    note_pieces = [p for n in root.iter(AKN + "authorialNote") for p in akn_pieces(n, skip=("meta",))]
    lost = missing_in_order(note_pieces, html_text(notes) if notes is not None else "")
    assert not lost, f"footnote text lost or out of order: {lost[:5]}"


# ---- every file: renders, one h1, correct outline, no text lost, nothing unknown -------------
@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_renders_with_outline_and_all_text(path):
    page = render_page(path)
    doc = parse_html(page.html)
    assert_outline(doc)
    assert_no_text_lost(path, page.html)
    if path.parent != FIXTURES:
        assert page.unknown == [], f"unknown elements in a reference file: {page.unknown}"


def test_reference_files_are_all_there():
    """Guards against a silently shrinking test set: every UN file and the AKN4ITU file."""
    if not UN_AKN.is_dir():
        pytest.skip(MISSING_REFERENCE)
    files = reference_files()
    counts = {folder: sum(1 for p in files if folder in p.parts)
              for folder in ("examples", "corpus-counterparts", "six-languages")}
    assert counts == {"examples": 15, "corpus-counterparts": 5, "six-languages": 120}
    assert files[-1].name == "akn4itu-itu-pp-res-2.xml"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_print_media_renders_notes_in_place(path):
    page = render_page(path, media="print")
    doc = parse_html(page.html)
    assert_outline(doc)
    assert doc.find(".//section[@role='doc-endnotes']") is None
    root = etree.parse(str(path)).getroot()
    notes = list(root.iter(AKN + "authorialNote"))
    assert len(doc.findall(".//span[@class='footnote']")) == len(notes)


def test_seed_converted_by_the_pipeline_renders(tmp_path):
    pipeline = pytest.importorskip("converter.pipeline")
    seed = ROOT / "examples" / "A-RES-68-198.txt"
    xml = tmp_path / "seed.xml"
    xml.write_bytes(pipeline.convert_file(seed).xml)
    page = render_page(xml)
    doc = parse_html(page.html)
    assert_outline(doc)
    assert_no_text_lost(xml, page.html)
    assert page.unknown == []
    assert page.title.startswith("68/198")
    assert doc.find(".//section[@role='doc-endnotes']") is not None


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus_texts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_conversions_render(path, tmp_path):
    xml = tmp_path / (path.stem + ".xml")
    xml.write_bytes(convert_or_skip(path))
    page = render_page(xml)
    assert_outline(parse_html(page.html))
    assert_no_text_lost(xml, page.html)
    assert page.unknown == []


# ---- language and direction -------------------------------------------------------------------
def test_arabic_page_is_rtl_with_bcp47_lang():
    doc = parse_html(render_html(FIXTURES / "rtl-arabic.xml"))
    assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"


@pytest.mark.parametrize("folder,lang", [("Arabic", "ar"), ("Chinese", "zh"), ("English", "en"),
                                         ("French", "fr"), ("Russian", "ru"), ("Spanish", "es")])
def test_six_languages_lang(folder, lang):
    files = sorted((UN_AKN / "six-languages" / folder).glob("*.xml"))
    if not files:
        pytest.skip(MISSING_REFERENCE)
    doc = parse_html(render_html(files[0]))
    assert doc.get("lang") == lang
    assert doc.get("dir") == ("rtl" if lang == "ar" else "ltr")


# ---- the page frame ---------------------------------------------------------------------------
def test_landmarks_skip_link_masthead_and_title():
    doc = parse_html(render_html(FIXTURES / "footnotes-noteref.xml"))
    body = doc.find("body")
    assert [c.tag for c in body if c.tag in ("header", "main", "footer", "nav")] == \
        ["header", "main", "footer"]
    skip = body[0]
    assert skip.tag == "a" and skip.get("href") == "#main"
    facts = {norm(div.findtext("dt")): [html_text(dd) for dd in div.iterfind("dd")]
             for div in doc.iterfind(".//header/dl/div")}
    assert facts["Symbol"] == ["A/RES/99/1"]
    assert facts["Organ"] == ["General Assembly"]
    assert facts["Session"] == ["Ninety-ninth session"]
    assert facts["Agenda item"] == ["Agenda item 12"]
    adopted = doc.find(".//header/dl//time")
    assert adopted.get("datetime") == "2024-12-20" and adopted.text == "20 December 2024"
    h1 = doc.find(".//main/h1")
    assert html_text(h1) == "99/1. Footnotes cited more than once"
    assert norm(doc.findtext(".//title")) == "99/1. Footnotes cited more than once"


def test_csp_has_no_script_and_hashes_the_inlined_style():
    page = render_html(FIXTURES / "footnotes-noteref.xml")
    doc = parse_html(page)
    assert doc.find(".//script") is None
    csp = doc.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in csp and "script-src" not in csp
    styles = doc.findall(".//style")
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].text.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp


def test_linked_stylesheet_instead_of_inline():
    page = render_page(FIXTURES / "nested-lists.xml", inline_css=False, stylesheet_href="s.css")
    doc = parse_html(page.html)
    assert doc.find(".//style") is None
    assert doc.find(".//link[@rel='stylesheet']").get("href") == "s.css"
    assert "style-src 'self'" in doc.find(".//meta[@http-equiv]").get("content")


# ---- outline and contents ---------------------------------------------------------------------
def test_sections_and_annex_outline_and_toc():
    doc = parse_html(render_html(FIXTURES / "sections-annex.xml"))
    found = [(lv, html_text(doc.get_element_by_id(i))) for lv, i in headings(doc)]
    assert found == [
        (1, "99/3. Sections and an annex"), (2, "Contents"),
        (2, "I Conditions of service"), (3, "A Salary scale"), (2, "II Pensions"),
        (2, "Annex"), (3, "Terms of reference")]
    toc = doc.find(".//main/nav")
    assert toc is not None and toc.get("aria-labelledby") == "toc-h"
    entries = [(a.get("href"), html_text(a)) for a in toc.iter("a")]
    assert entries == [("#sec_I-h", "I Conditions of service"), ("#sec_I__subsec_A-h", "A Salary scale"),
                       ("#sec_II-h", "II Pensions"), ("#doc-h", "Annex"),
                       ("#annex_sec_1-h", "Terms of reference")]
    for href, _ in entries:
        assert doc.get_element_by_id(href[1:]) is not None


def test_no_toc_without_sections():
    doc = parse_html(render_html(FIXTURES / "nested-lists.xml"))
    assert doc.find(".//nav") is None


def test_every_eid_is_an_id_and_paragraphs_have_permalinks():
    page = render_html(FIXTURES / "footnotes-noteref.xml")
    doc = parse_html(page)
    for eid in ("formula_1", "container_1", "para_1", "para_2"):
        assert doc.get_element_by_id(eid) is not None
    for eid in ("container_1", "para_1", "para_2"):
        link = doc.get_element_by_id(eid).find("a[@class='permalink']")
        assert link is not None and link.get("href") == f"#{eid}"
        assert "Link to paragraph" in html_text(link.find("span[@class='vh']"))
    ids = [el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids))


def test_duplicate_eids_get_unique_ids():
    itu = [p for p in reference_files() if p.name.startswith("akn4itu")]
    if not itu:
        pytest.skip(MISSING_REFERENCE)
    doc = parse_html(render_html(itu[0]))
    ids = [el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids))
    assert "para_2" in ids and "para_2-2" in ids


# ---- lists, italics ---------------------------------------------------------------------------
def test_nested_lists_keep_labels():
    doc = parse_html(render_html(FIXTURES / "nested-lists.xml"))
    outer = doc.get_element_by_id("para_1__list_1")
    points = outer.findall("ol/li")
    assert [html_text(p.find("span")) for p in points] == ["(a)", "(b)"]
    inner = doc.get_element_by_id("para_1__list_1__point_b__list_1")
    assert [html_text(li.find("span")) for li in inner.findall("ol/li")] == ["(i)", "(ii)"]
    assert html_text(inner).endswith("and to do so in good time;")
    block = doc.get_element_by_id("container_1")
    assert [html_text(li.find("span")) for li in block.iter("li")] == ["(a)", "(b)"]
    assert block.find(".//i").text == "Reaffirming"


def test_phrases_in_italics_and_numbers_kept():
    path = UN_AKN / "examples" / "official_ga_78-135_recorded_vote_eng.xml"
    if not path.exists():
        pytest.skip(MISSING_REFERENCE)
    doc = parse_html(render_html(path))
    assert doc.get_element_by_id("container_2").find("p/i").text == "Recalling"
    para = doc.get_element_by_id("para_13")
    assert para.find("span[@class='akn-num']").text == "1."
    assert para.find(".//i").text == "Takes note"
    assert doc.find(".//div[@class='akn-formula']/p/i").text == "The General Assembly"


# ---- votes ------------------------------------------------------------------------------------
def test_recorded_vote_table():
    path = UN_AKN / "examples" / "official_ga_78-135_recorded_vote_eng.xml"
    if not path.exists():
        pytest.skip(MISSING_REFERENCE)
    doc = parse_html(render_html(path))
    table = doc.find(".//table[@class='votes']")
    assert [html_text(th) for th in table.iterfind("thead/tr/th")] == ["Vote", "Votes", "Members"]
    rows = [[html_text(c) for c in tr] for tr in table.iterfind("tbody/tr")]
    assert [r[:2] for r in rows] == [["In favour", "128"], ["Against", "8"], ["Abstaining", "43"]]
    assert rows[1][2] == ("AUSTRALIA, CANADA, ISRAEL, LITHUANIA, NEW ZEALAND, UKRAINE, "
                          "UNITED KINGDOM, UNITED STATES")
    assert table.find("tbody/tr/th").get("scope") == "row"


def test_vote_table_in_conclusions_is_a_table():
    doc = parse_html(render_html(FIXTURES / "sections-annex.xml"))
    table = doc.get_element_by_id("conclusions__table_1")
    assert table.tag == "table"
    assert [[html_text(c) for c in tr] for tr in table.iter("tr")] == [
        ["Vote", "Count"], ["In favour", "120"], ["Against", "3"]]


# ---- footnotes --------------------------------------------------------------------------------
def test_footnotes_link_both_ways_including_noteref():
    doc = parse_html(render_html(FIXTURES / "footnotes-noteref.xml"))
    refs = doc.findall(".//a[@role='doc-noteref']")
    section = doc.find(".//section[@role='doc-endnotes']")
    assert section is not None and section.find("h2").text == "Notes"
    # note 1: cited by the authorialNote in container_1 and by a noteRef in para_1
    # note 2: cited first by a forward noteRef in container_1, then by its authorialNote
    assert [(a.get("href"), html_text(a)) for a in refs] == [
        ("#authorialNote_1", "Note 1"), ("#authorialNote_2", "Note 2"),
        ("#authorialNote_2", "Note 2"), ("#authorialNote_1", "Note 1")]
    for a in refs:
        assert a.getparent().tag == "sup"
        note = doc.get_element_by_id(a.get("href")[1:])
        assert note.getparent().getparent() is section
        back = [b.get("href") for b in note.iterfind("a[@role='doc-backlink']")]
        assert "#" + a.get("id") in back
    note1 = doc.get_element_by_id("authorialNote_1")
    backs = note1.findall("a[@role='doc-backlink']")
    assert len(backs) == 2
    assert [html_text(b.find("span[@class='vh']")) for b in backs] == [
        "Back to reference 1 (1)", "Back to reference 1 (2)"]
    for b in backs:
        target = doc.get_element_by_id(b.get("href")[1:])
        assert target.get("role") == "doc-noteref" and target.get("href") == "#authorialNote_1"
    assert "Resolution 98/7, adopted on 19 December 2023." in norm(note1.text_content())


def test_print_media_puts_notes_in_place():
    page = render_page(FIXTURES / "footnotes-noteref.xml", media="print")
    doc = parse_html(page.html)
    assert doc.find(".//section[@role='doc-endnotes']") is None
    note = doc.get_element_by_id("authorialNote_1")
    assert note.tag == "span" and note.get("class") == "footnote" and note.get("data-marker") == "1"
    assert doc.get_element_by_id("para_1") is not None
    style = doc.find(".//style").text
    assert "float: footnote" in style and "@page" in style
    screen = parse_html(render_html(FIXTURES / "footnotes-noteref.xml")).find(".//style").text
    assert "@page" not in screen and "float: footnote" not in screen


# ---- links and dates --------------------------------------------------------------------------
def test_refs_resolve_and_internal_links_point_to_ids():
    doc = parse_html(render_html(FIXTURES / "footnotes-noteref.xml"))
    hrefs = {html_text(a): a.get("href") for a in doc.iter("a")}
    assert hrefs["98/7"] == "https://undocs.org/A/RES/98/7"
    assert hrefs["A/99/100"] == "https://undocs.org/A/99/100"
    assert hrefs["paragraph 1"] == "#para_1"
    assert "unresolvable reference" not in hrefs
    assert "unresolvable reference" in html_text(doc.find(".//main"))


def test_custom_resolver():
    page = render_html(FIXTURES / "footnotes-noteref.xml",
                       resolver=lambda iri: "https://example.org/site" + iri)
    doc = parse_html(page)
    hrefs = {html_text(a): a.get("href") for a in doc.iter("a")}
    assert hrefs["98/7"] == "https://example.org/site/akn/un/statement/deliberation/unga/2023-12-19/98-7/"
    page = render_html(FIXTURES / "footnotes-noteref.xml", resolver=lambda iri: "javascript:x()")
    assert "javascript:" not in page


def test_resolver_and_url_rules():
    assert symbol_from_iri("/akn/un/statement/deliberation/unga/2023-12-19/78-132/eng@/") == "A/RES/78/132"
    assert symbol_from_iri("/akn/un/statement/deliberation/unsc/2023-01-09/2672-2023/") == "S/RES/2672(2023)"
    assert symbol_from_iri("/akn/un/statement/deliberation/itu-pp/2018-11-15/res-2") is None
    assert UndocsResolver()("/akn/un/statement/deliberation/unsc/2023-01-09/2672-2023/") == \
        "https://undocs.org/S/RES/2672(2023)"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "file:///etc/passwd",
                "//evil.example/x", "java\tscript:alert(1)", "https:///nohost", "ftp://x.org/", ""):
        assert safe_url(bad) is None, bad
    assert safe_url("https://undocs.org/en/A/RES/70/1") == "https://undocs.org/en/A/RES/70/1"


def test_dates_are_time_elements():
    doc = parse_html(render_html(FIXTURES / "footnotes-noteref.xml"))
    times = [(t.get("datetime"), html_text(t)) for t in doc.iter("time")]
    assert ("2024-12-20", "20 December 2024") in times
    assert ("2023-12-19", "19 December 2023") in times


# ---- unknown elements -------------------------------------------------------------------------
def test_unknown_elements_are_kept_and_reported():
    page = render_page(FIXTURES / "sections-annex.xml")
    assert [(u.tag, u.line) for u in page.unknown] == [
        ("{urn:example:extension}term", 49), ("mysteryElement", 49)]
    text = html_text(parse_html(page.html).get_element_by_id("para_2"))
    assert "the actuarial valuation and the unrecognised words kept here;" in text


# ---- hostile input ----------------------------------------------------------------------------
def test_hostile_text_is_inert():
    page = render_html(FIXTURES / "hostile.xml")
    doc = parse_html(page)
    assert doc.find(".//script") is None and doc.find(".//iframe") is None
    assert doc.find(".//img") is None and doc.find(".//svg") is None
    assert len(doc.findall(".//style")) == 1
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], (el.tag, el.attrib)
        assert "style" not in el.attrib
        href = el.get("href")
        if href is not None:
            assert href.startswith(("#", "https://", "http://")), href
    links = {html_text(a): a.get("href") for a in doc.iter("a")}
    for label in ("a javascript link", "a disguised one", "a data link", "a file link",
                  "a scheme-relative link", "a tab-split one"):
        assert label not in links, label
        assert label in html_text(doc.find(".//main"))
    assert links["a safe link"] == "https://undocs.org/A/RES/1/1"
    text = html_text(doc.find(".//main"))
    assert "<script>window.__unakn_pwned=1;alert(1)</script> as plain text" in text
    assert '"><img src=x onerror="window.__unakn_pwned=1;alert(1)">' in text
    assert norm(doc.findtext(".//title")).startswith("99/5. <script>")


def test_bad_input_raises_xml_input_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<akomaNtoso>\n<unclosed>")
    with pytest.raises(XMLInputError) as exc:
        render_html(bad)
    assert str(bad) in str(exc.value) and ":2:" in str(exc.value)
    xxe = tmp_path / "xxe.xml"
    xxe.write_bytes(b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&x;</akomaNtoso>')
    with pytest.raises(XMLInputError):
        render_html(xxe)


def test_media_is_checked():
    with pytest.raises(ValueError):
        render_html(FIXTURES / "nested-lists.xml", media="tv")


# ---- command line -----------------------------------------------------------------------------
def test_cli_html(tmp_path):
    from converter.cli import main
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["html", str(FIXTURES / "sections-annex.xml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "unknown element <mysteryElement>" in result.stderr
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<akomaNtoso>\n<unclosed>")
    result = CliRunner().invoke(main, ["html", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2:" in result.stderr


# ---- mutated AKN ------------------------------------------------------------------------------
_MUTANT_TAGS = ("section", "paragraph", "list", "point", "authorialNote", "noteRef", "heading",
                "num", "p", "span", "a", "table", "td", "doc", "attachment", "unknownThing",
                "preface", "coverPage", "docNumber", "docTitle", "hcontainer", "subheading",
                "blockList", "item", "recital", "documentCollection", "components")


def _mutate(root, rng) -> None:
    """Move, delete and rename elements, and give them clashing eIds and odd hrefs."""
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    for _ in range(rng.randint(1, 10)):
        el = rng.choice(elements)
        parent = el.getparent()
        if parent is None:
            continue
        op = rng.random()
        if op < 0.3:
            parent.remove(el)
        elif op < 0.5:
            target = rng.choice(elements)
            if target is not el and el not in target.iterancestors() \
                    and target not in el.iterancestors():
                target.append(el)
        elif op < 0.7:
            el.set("eId", rng.choice(["x", "para_1", '"<>', " ", "", "notes-h", "main", "title"]))
        elif op < 0.85:
            el.tag = AKN + rng.choice(_MUTANT_TAGS)
        else:
            el.set("href", rng.choice(["#x", "#para_1", "/akn/un/x", "javascript:x", "#",
                                       "http://a.example/c", "#notes-h"]))


def test_mutated_documents_render_with_unique_ids_and_one_h1():
    import random
    from lxml import html as lxml_html
    sources = fixture_files() + [p for p in reference_files() if "examples" in p.parts]
    rng = random.Random(20261129)
    for case in range(150):
        root = etree.parse(str(rng.choice(sources))).getroot()
        _mutate(root, rng)
        data = etree.tostring(root)
        for media in ("screen", "print"):
            page = render_page(data, media=media)
            doc = lxml_html.document_fromstring(page.html)
            ids = [el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")]
            assert len(ids) == len(set(ids)), f"case {case} ({media}): duplicate ids"
            assert len(doc.findall(".//h1")) == 1, f"case {case} ({media})"
            assert doc.find(".//script") is None


# ---- the converter's newer constructs (corpus texts converted here) ---------------------------
@pytest.fixture(scope="module")
def construct(tmp_path_factory):
    """construct(stem) -> (AKN path, RenderedPage, parsed page) for a CONSTRUCT_TEXTS file,
    converted from ../shared/corpus; skipped, saying why, when absent or not convertible."""
    folder = tmp_path_factory.mktemp("constructs")
    done: dict = {}

    def get(stem: str):
        if stem not in done:
            path = next(p for p in construct_texts() if p.stem == stem)
            xml = folder / f"{stem}.xml"
            xml.write_bytes(convert_or_skip(path))
            page = render_page(xml)
            done[stem] = (xml, page, parse_html(page.html))
        return done[stem]
    return get


def _toc(doc) -> list:
    """The contents as [(text, [sub-entry texts])]."""
    nav = doc.find(".//nav[@class='toc']")
    if nav is None:
        return []
    return [(html_text(li.find("a")), [html_text(a) for a in li.findall("ol/li/a")])
            for li in nav.findall("ol/li")]


def _visible_text(el) -> str:
    """Text a sighted reader sees (or copies): without visually hidden notes."""
    el = copy.deepcopy(el)
    for vh in el.xpath(".//*[contains(concat(' ', @class, ' '), ' vh ')]"):
        vh.drop_tree()
    return html_text(el)


@pytest.mark.parametrize("stem", [p.stem for p in construct_texts()])
def test_construct_pages_outline_text_and_lang(stem, construct):
    xml, page, doc = construct(stem)
    assert_outline(doc)
    assert_no_text_lost(xml, page.html)
    assert page.unknown == []
    arabic = "/ara/" in str(next(p for p in construct_texts() if p.stem == stem))
    assert (doc.get("lang"), doc.get("dir")) == (("ar", "rtl") if arabic else ("en", "ltr"))


def test_declaration_articles_are_headings_and_contents(construct):
    """The UDHR: 30 articles inside an embeddedStructure, each a section headed by its num."""
    _, page, doc = construct("A-RES-217-A-III")
    articles = doc.xpath("//section[contains(@class, 'akn-article')]")
    assert len(articles) == 30
    for n, section in enumerate(articles, 1):
        heading = section[0]
        assert heading.tag == "h2" and html_text(heading) == f"Article {n}"
        assert section.get("aria-labelledby") == heading.get("id")
    assert [t for t, _ in _toc(doc)] == [f"Article {n}" for n in range(1, 31)]
    # no number printed in the text: the symbol (from FRBRnumber) titles the page, and the
    # year-only date is a year, never a 1 January
    assert page.title == "A/RES/217 A (III)" == html_text(doc.find(".//h1"))
    facts = {html_text(d.find("dt")): d.find("dd") for d in doc.findall(".//dl[@class='facts']/div")}
    assert html_text(facts["Symbol"]) == "A/RES/217 A (III)"
    time = facts["Adopted"].find("time")
    assert time.get("datetime") == "1948" and html_text(time) == "1948"
    assert "1948-01-01" not in page.html.split("<footer")[0]


def test_annex_rules_are_headings_under_the_annex(construct):
    _, _, doc = construct("S-RES-263-1969")
    toc = _toc(doc)
    annex = [(t, sub) for t, sub in toc if t.startswith("ANNEX")]
    assert len(annex) == 1 and annex[0][1] == [f"Rule {n}" for n in (41, 42, 43, 44)]
    rules = doc.xpath("//section[contains(@class, 'akn-rule')]")
    assert [r[0].tag for r in rules] == ["h3"] * 4
    assert all(r.xpath("ancestor::section[h2]") for r in rules)


def test_collection_parts_are_titled_sections_with_contents(construct):
    """A resolution in parts: each component a section headed by its own title, in the contents
    with its own entries (part B's vote is a heading inside part B)."""
    _, _, doc = construct("S-RES-161-1961")
    parts = doc.xpath("//div[@class='akn-components']/div/section")
    assert [html_text(p[0]) for p in parts] == ["A", "B"]
    assert [p[0].tag for p in parts] == ["h2", "h2"]
    # the contents name each part as the collection does ("Resolution A"), the heading keeps
    # the text's own "A"; the note printed after part B's adoption line closes the page
    assert _toc(doc) == [("Resolution A", []), ("Resolution B", ["Voting"]), ("Notes", [])]
    vote = parts[1].find(".//section[@class='votes']")
    assert vote is not None and vote[0].tag == "h3"
    # the collection lists its parts, linked to them
    refs = doc.xpath("//div[@class='akn-collectionBody']//a")
    assert [(html_text(a), a.get("href")) for a in refs] == [
        ("Resolution A", "#comp_0"), ("Resolution B", "#comp_1")]
    assert {a.get("href")[1:] for a in refs} <= {e.get("id") for e in doc.iter() if
                                                  isinstance(e.tag, str)}


def test_un_collection_example_parts_have_their_headings_in_contents():
    path = UN_AKN / "examples" / "official_ga_75-101AB_documentCollection_eng.xml"
    if not path.exists():
        pytest.skip(MISSING_REFERENCE)
    doc = parse_html(render_html(path))
    toc = _toc(doc)
    assert [t for t, _ in toc][:2] == ["A Information in the service of humanity",
                                       "B United Nations global communications policies and "
                                       "activities"]
    assert "Introduction" in toc[1][1] and "Final remarks" in toc[1][1]


def test_lost_labels_are_marked_never_printed_as_text(construct, tmp_path):
    """A point whose label the text lost: the label its place implies is a CSS mark (nothing in
    the page's text, hidden from assistive technology) with a visually hidden note; `unakn text`
    prints nothing for it."""
    xml, page, doc = construct("A-RES-80-11")
    lost = doc.xpath("//li[contains(@class, 'akn-point')][span[@class='akn-num']"
                     "/span[contains(@class, 'akn-inferred')]]")
    assert len(lost) >= 5
    first = doc.get_element_by_id("sec_1__para_1__list_1__point_a")
    num = first.find("span[@class='akn-num']")
    mark = num.find("span[@data-mark]")
    assert mark.get("data-mark") == "a" and mark.get("aria-hidden") == "true"
    assert (mark.text or "") == "" and len(mark) == 0
    assert _visible_text(num) == ""
    assert html_text(num.find("span[@class='vh']")) == "label a, inferred: not printed in the source"
    assert doc.find(".//footer/p[@class='editorial']") is not None
    # the kept labels stay as printed
    kept = doc.get_element_by_id("sec_1__para_1__list_1__point_b__list_1__point_ii")
    assert _visible_text(kept.find("span[@class='akn-num']")) == "(ii)"
    from converter.render.text import render_text
    text = render_text(xml.read_bytes())
    assert "(a)" not in text and "label a" not in text
    assert "\nRequesting the Peacebuilding Commission to establish" in text


def test_misread_and_missing_numbers_keep_the_printed_number(construct):
    _, _, doc = construct("S-RES-591-1986")
    num = doc.get_element_by_id("para_5").find("span[@class='akn-num']")
    assert _visible_text(num) == "8."
    assert num.find("span[@data-mark]").get("data-mark") == "5"
    assert "number 5" in html_text(num.find("span[@class='vh']"))
    _, _, doc = construct("S-RES-346-1974")
    num = doc.get_element_by_id("para_6").find("span[@class='akn-num']")
    assert _visible_text(num) == "6."
    assert num.find("span[@data-mark]").get("data-mark") == "…"  # after the printed number
    assert doc.get_element_by_id("para_4").find("span[@class='akn-num']/span[@data-mark]") is None


def test_year_only_date_with_a_printed_number(construct):
    _, page, doc = construct("S-RES-462-1980")
    assert page.title == "Resolution 462 (1980)"
    facts = {html_text(d.find("dt")): d.find("dd") for d in doc.findall(".//dl[@class='facts']/div")}
    assert facts["Adopted"].find("time").get("datetime") == "1980"
    assert "Symbol" not in facts        # the number is printed in the title
    assert "1980-01-01" not in page.html.split("<footer")[0]
    assert doc.find(".//footer/p[@class='editorial']") is None


def test_marks_only_from_declared_classes():
    """An unnumbered point without class=labelLost gets no mark, and the mark is the eId's
    label, or '?' with a plain note when the eId gives none."""
    xml = (FIXTURES / "nested-lists.xml").read_text(encoding="utf-8")
    doc = parse_html(render_html(xml.encode("utf-8")))
    assert doc.xpath("//span[@data-mark]") == []
    root = etree.fromstring(xml.encode("utf-8"))
    point = next(root.iter(AKN + "point"))
    point.remove(point.find(AKN + "num"))
    point.set("class", "labelLost")
    del point.attrib["eId"]
    doc = parse_html(render_html(etree.tostring(root)))
    mark = doc.xpath("//span[@data-mark]")
    assert [m.get("data-mark") for m in mark] == ["?"]
    assert html_text(mark[0].getnext()) == "label not printed in the source"


def test_lost_paragraph_number_and_misread_format_only(construct):
    """A paragraph whose number was not printed gets the mark its eId implies (and a permalink
    named by it); a number 'misread' only in its form ('1-' for 1) gets no mark."""
    _, _, doc = construct("S-RES-484-1980")
    para = doc.get_element_by_id("para_2")
    num = para.find("span[@class='akn-num']")
    assert _visible_text(num) == "" and num.find("span[@data-mark]").get("data-mark") == "2"
    assert html_text(para.find("a[@class='permalink']")) == "¶ Link to paragraph 2"
    _, page, doc = construct("S-RES-338-1973_aljazeera")
    assert doc.get_element_by_id("para_1").find("span[@class='akn-num']/span[@data-mark]") is None
    assert doc.find(".//footer/p[@class='editorial']") is None
    facts = {html_text(d.find("dt")): d.find("dd") for d in doc.findall(".//dl[@class='facts']/div")}
    assert [t.get("datetime") for dd in facts.values() for t in dd.iter("time")] == ["1973"]


def test_parts_chapters_and_articles_nest_in_the_outline():
    """part > chapter > article, each with a num and a heading, inside an embeddedStructure:
    sections with headings one level deeper each, the first two levels in the contents."""
    xml = (FIXTURES / "nested-lists.xml").read_text(encoding="utf-8")
    root = etree.fromstring(xml.encode("utf-8"))
    p = next(root.iter(AKN + "p"))
    structure = etree.SubElement(p, AKN + "embeddedStructure", eId="es_1")
    for i in (1, 2):
        part = etree.SubElement(structure, AKN + "part", eId=f"es_1__part_{i}")
        etree.SubElement(part, AKN + "num").text = f"Part {'I' * i}"
        etree.SubElement(part, AKN + "heading").text = f"Heading of part {i}"
        chapter = etree.SubElement(part, AKN + "chapter", eId=f"es_1__part_{i}__chp_1")
        etree.SubElement(chapter, AKN + "num").text = "Chapter 1"
        article = etree.SubElement(chapter, AKN + "article", eId=f"es_1__part_{i}__chp_1__art_{i}")
        etree.SubElement(article, AKN + "num").text = f"Article {i}"
        etree.SubElement(article, AKN + "heading").text = "Scope"
        content = etree.SubElement(etree.SubElement(article, AKN + "paragraph",
                                                    eId=f"es_1__part_{i}__chp_1__art_{i}__para_1"),
                                   AKN + "content")
        etree.SubElement(content, AKN + "p").text = f"Text of article {i}."
    page = render_page(etree.tostring(root))
    doc = parse_html(page.html)
    assert_outline(doc)
    levels = [(lv, text) for lv, _, text in page.headings]
    assert levels == [(2, "Part I Heading of part 1"), (3, "Chapter 1"), (4, "Article 1 Scope"),
                      (2, "Part II Heading of part 2"), (3, "Chapter 1"), (4, "Article 2 Scope")]
    assert _toc(doc) == [("Part I Heading of part 1", ["Chapter 1"]),
                         ("Part II Heading of part 2", ["Chapter 1"])]
    article = doc.get_element_by_id("es_1__part_2__chp_1__art_2")
    assert article.tag == "section" and article[0].tag == "h4"
    assert [html_text(s) for s in article[0]] == ["Article 2", "Scope"]


def test_marks_in_print_have_no_hidden_note(construct):
    """Paged media shows what a screen hides: in print the mark stays, the note is left out."""
    xml, _, _ = construct("A-RES-80-11")
    doc = parse_html(render_html(xml, media="print"))
    num = doc.get_element_by_id("sec_1__para_1__list_1__point_a").find("span[@class='akn-num']")
    assert num.find("span[@data-mark]").get("data-mark") == "a"
    assert num.find("span[@class='vh']") is None and html_text(num) == ""

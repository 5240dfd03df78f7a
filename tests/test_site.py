"""`unakn site`: pages, downloads, index, cross-links, language versions, search data, safe names."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from converter.render.site import build_site
from html_support import FIXTURES, construct_texts, html_text, parse_html


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A site from our fixtures plus three made from them: the resolution 98/7 that fixture 99/1
    cites, a French version of 99/2, and a resolution whose symbol tries to leave the site."""
    src = tmp_path_factory.mktemp("in")
    out = tmp_path_factory.mktemp("site")
    for name in ("footnotes-noteref.xml", "nested-lists.xml", "sections-annex.xml", "rtl-arabic.xml",
                 "hostile.xml"):
        _write(src, name, (FIXTURES / name).read_text(encoding="utf-8"))
    nested = (FIXTURES / "nested-lists.xml").read_text(encoding="utf-8")
    _write(src, "res-98-7.xml", nested.replace("2024-12-20/99-2", "2023-12-19/98-7")
           .replace("99/2.", "98/7.").replace("Nested lists", "The resolution cited"))
    _write(src, "nested-fr.xml", nested.replace('language="eng"', 'language="fra"')
           .replace("eng@", "fra@").replace("Nested lists", "Listes imbriquées"))
    footnotes = (FIXTURES / "footnotes-noteref.xml").read_text(encoding="utf-8")
    _write(src, "escape.xml", footnotes.replace("A/RES/99/1", "../../etc/passwd")
           .replace("2024-12-20/99-1", "2024-12-20/99-9")
           .replace("https://undocs.org/A/99/100", "https://undocs.org/en/A/RES/98/7"))
    (src / "broken.xml").write_bytes(b"<akomaNtoso>\n<oops>")
    report = build_site(src, out)
    return out, report


def test_pages_and_downloads(site):
    out, report = site
    assert sorted(report.pages) == sorted([
        "A-RES-99-1.en.html", "A-RES-99-2.en.html", "A-RES-99-2.fr.html", "A-RES-99-3.en.html",
        "A-RES-99-4.ar.html", "A-RES-99-5.en.html", "A-RES-98-7.en.html", "etc-passwd.en.html"])
    for page in report.pages:
        assert (out / page).is_file()
        xml = out / page.replace(".html", ".xml")
        assert xml.is_file() and xml.read_bytes().lstrip().startswith(b"<?xml")
        doc = parse_html((out / page).read_text(encoding="utf-8"))
        nav = doc.find(".//header/nav[@class='site-nav']")
        hrefs = [a.get("href") for a in nav.iter("a")]
        assert "index.html" in hrefs and page.replace(".html", ".xml") in hrefs
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["vendor"]
    assert len(report.errors) == 1 and "broken.xml:2:" in report.errors[0]
    assert list(report.unknown) == ["A-RES-99-3.en.html"]


def test_cross_links_to_pages_in_the_site(site):
    out, _ = site
    doc = parse_html((out / "A-RES-99-1.en.html").read_text(encoding="utf-8"))
    links = {html_text(a): a.get("href") for a in doc.iter("a")}
    assert links["98/7"] == "A-RES-98-7.en.html"            # an AKN IRI in a ref
    assert links["A/99/100"] == "https://undocs.org/A/99/100"  # not in the site: unchanged
    doc = parse_html((out / "etc-passwd.en.html").read_text(encoding="utf-8"))
    links = {html_text(a): a.get("href") for a in doc.iter("a")}
    assert links["A/99/100"] == "A-RES-98-7.en.html"        # an undocs.org URL


def test_language_versions_link_each_other(site):
    out, _ = site
    en = parse_html((out / "A-RES-99-2.en.html").read_text(encoding="utf-8"))
    fr = parse_html((out / "A-RES-99-2.fr.html").read_text(encoding="utf-8"))
    assert fr.get("lang") == "fr"
    link = en.find(".//nav[@class='site-nav']//a[@hreflang='fr']")
    assert link.get("href") == "A-RES-99-2.fr.html" and link.get("lang") == "fr"
    assert html_text(link) == "Français"
    assert fr.find(".//nav[@class='site-nav']//a[@hreflang='en']").get("href") == "A-RES-99-2.en.html"


def test_index_by_organ_session_and_date(site):
    out, _ = site
    doc = parse_html((out / "index.html").read_text(encoding="utf-8"))
    headings = [(h.tag, html_text(h)) for h in doc.iter("h1", "h2", "h3")]
    assert headings == [("h1", "United Nations resolutions"), ("h2", "General Assembly"),
                        ("h3", "Session 98"), ("h3", "Session 99")]
    works = [(html_text(li.find("a")), html_text(li.find("span"))) for li in doc.iter("li")
             if li.find("span[@class='work-title']") is not None]
    assert works == [
        ("A/RES/98/7", "98/7. The resolution cited"),
        ("../../etc/passwd", "99/1. Footnotes cited more than once"),  # same date: by symbol
        ("A/RES/99/1", "99/1. Footnotes cited more than once"),
        ("A/RES/99/2", "99/2. Nested lists"),
        ("A/RES/99/3", "99/3. Sections and an annex"),
        ("A/RES/99/4", "99/4 تسخير تكنولوجيات المعلومات والاتصالات لأغراض التنمية المستدامة"),
        ("A/RES/99/5", "99/5. <script>window.__unakn_pwned=1;alert(1)</script> Hostile title")]
    arabic = doc.xpath("//li[a='A/RES/99/4']/span[@class='work-title']")[0]
    assert arabic.get("lang") == "ar" and arabic.get("dir") == "rtl"
    versions = doc.xpath("//li[a='A/RES/99/2']/span[@class='versions']/a")
    assert [(a.get("hreflang"), a.get("href")) for a in versions] == [
        ("en", "A-RES-99-2.en.html"), ("fr", "A-RES-99-2.fr.html")]
    fr = parse_html((out / "index.fr.html").read_text(encoding="utf-8"))
    assert [html_text(a) for a in fr.xpath("//ul[@class='works']/li/a[1]")] == ["A/RES/99/2"]
    csp = doc.find(".//meta[@http-equiv]").get("content")
    assert "script-src 'self'" in csp and "unsafe" not in csp
    assert all(s.get("src") and not (s.text or "").strip() for s in doc.iter("script"))


def test_search_data_has_every_page(site):
    out, report = site
    text = (out / "search-data.js").read_text(encoding="utf-8")
    assert text.startswith("window.UNAKN_SEARCH = ") and text.rstrip().endswith(";")
    docs = json.loads(text[len("window.UNAKN_SEARCH = "):].rstrip().rstrip(";"))
    assert sorted(d["url"] for d in docs) == sorted(report.pages)
    nested = next(d for d in docs if d["url"] == "A-RES-99-2.en.html")
    assert "To consult with:" in nested["text"] and nested["lang"] == "en"
    assert (out / "search.js").is_file() and (out / "vendor" / "minisearch-7.2.0.js").is_file()


def test_cli_site(tmp_path):
    from converter.cli import main
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.xml", (FIXTURES / "nested-lists.xml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["site", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "index.html").is_file()
    (src / "b.xml").write_bytes(b"not xml")
    result = CliRunner().invoke(main, ["site", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "b.xml:1:" in result.stderr


def test_site_with_pdfs(tmp_path):
    pytest.importorskip("weasyprint")
    src = tmp_path / "in"
    src.mkdir()
    _write(src, "a.xml", (FIXTURES / "nested-lists.xml").read_text(encoding="utf-8"))
    report = build_site(src, tmp_path / "out", pdf=True)
    assert report.errors == []
    pdf = tmp_path / "out" / "A-RES-99-2.en.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    doc = parse_html((tmp_path / "out" / "A-RES-99-2.en.html").read_text(encoding="utf-8"))
    link = doc.find(".//nav[@class='site-nav']//a[@type='application/pdf']")
    assert link.get("href") == "A-RES-99-2.en.pdf" and html_text(link) == "PDF"


# ---- the converter's newer constructs (../shared corpus texts, converted by the site) ----------
@pytest.fixture(scope="module")
def construct_site(tmp_path_factory):
    """A site from the CONSTRUCT_TEXTS present (articles, rules, a resolution in parts, lost
    labels, year-only dates, a symbol not printed)."""
    texts = [p for p in construct_texts() if p.exists()]
    if len(texts) < len(construct_texts()):
        pytest.skip("corpus texts missing: " + ", ".join(
            str(p) for p in construct_texts() if not p.exists()))
    src = tmp_path_factory.mktemp("constructs-in")
    out = tmp_path_factory.mktemp("constructs-site")
    for path in texts:
        (src / path.name).write_bytes(path.read_bytes())
    report = build_site(src, out)
    return out, report


def _index_works(doc) -> dict:
    return {html_text(li.find("a")): li for li in doc.iter("li")
            if li.find("span[@class='work-title']") is not None}


def test_construct_site_index(construct_site):
    out, report = construct_site
    assert report.errors == [] and report.unknown == {}
    doc = parse_html((out / "index.html").read_text(encoding="utf-8"))
    works = _index_works(doc)
    # no number printed: the symbol from FRBRnumber; a year-only date is the year; an old GA
    # resolution's session from its Roman numeral
    udhr = works["A/RES/217 A (III)"]
    assert udhr.find("time").get("datetime") == "1948" and html_text(udhr.find("time")) == "1948"
    assert html_text(udhr.find("span[@class='work-title']")) == "A/RES/217 A (III)"
    assert html_text(udhr.xpath("ancestor::section[1]/h3")[0]) == "Session 3"
    assert works["S/RES/462(1980)"].find("time").get("datetime") == "1980"
    assert "S/RES/161 A-B (1961)" in works
    assert "A/RES/80/11" in works
    assert not any(t.get("datetime", "").endswith("-01-01") for t in doc.iter("time"))


def test_construct_site_pages(construct_site):
    out, report = construct_site
    for page in report.pages:
        doc = parse_html((out / page).read_text(encoding="utf-8"))
        assert doc.get("lang") == page.split(".")[-2]
        assert len(doc.findall(".//h1")) == 1
    parts = parse_html((out / "S-RES-161-A-B-1961.en.html").read_text(encoding="utf-8"))
    toc = [html_text(a) for a in parts.xpath("//nav[@class='toc']/ol/li/a")]
    assert toc == ["Resolution A", "Resolution B", "Notes"]  # (the note after part B's adoption line)
    udhr = parse_html((out / "A-RES-217-A-III.en.html").read_text(encoding="utf-8"))
    assert len(udhr.xpath("//nav[@class='toc']/ol/li")) == 30


def test_construct_site_search_text_has_no_inferred_labels(construct_site):
    out, _ = construct_site
    text = (out / "search-data.js").read_text(encoding="utf-8")
    docs = json.loads(text[len("window.UNAKN_SEARCH = "):].rstrip().rstrip(";"))
    peace = next(d for d in docs if d["url"] == "A-RES-80-11.en.html")
    assert "fulfilment by: Requesting the Peacebuilding Commission" in peace["text"]
    assert "inferred" not in peace["text"]

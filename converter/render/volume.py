"""Many resolutions as one PDF volume, laid out as one HTML document.

Title page, a table of contents whose page numbers come from ``target-counter()``, each
resolution from a new page with its own masthead, continuous page numbers, the running head
naming the resolution on the pages after its first (``string(symbol, first-except)``), and PDF
bookmarks as a tree: volume (h1) → resolution (its h1 at level 2) → sections and annexes.
Separately rendered PDFs merged together could not number pages continuously, hence one document.
"""
from __future__ import annotations

import re

from lxml import html as lhtml

from converter.render.pdf import (Facts, _el, _serialise, add_pdf_css, layout, prepare_page,
                                  write)

#: Volume-only paged-media rules (front matter without running heads, page numbers as "n").
VOLUME_CSS = """
.vol-front { page: front; }
@page front { @top-left { content: none; } @top-right { content: none; }
  @bottom-left { content: none; } @bottom-right { content: none; } }
@page :left { @bottom-left { content: counter(page); } }
@page :right { @bottom-right { content: counter(page); } }
.vol-title { break-after: page; padding-top: 3in; text-align: center; }
.vol-title h1 { font-size: 20pt; line-height: 24pt; bookmark-level: 1; }
.vol-title p { font-size: 11pt; }
.vol-toc h2 { font-size: 12pt; text-align: center; bookmark-level: 2; margin-bottom: 12pt; }
.vol-toc { margin: 0 0.88in; }
.vol-toc ol { list-style: none; margin: 0; padding: 0; }
.vol-toc li { margin: 0 0 4pt; text-align: left; hyphens: manual; padding-right: 0.4in; }
.vol-toc li a { color: inherit; }
.vol-toc li a::after { content: leader('.') target-counter(attr(href url), page);
  margin-right: -0.4in; margin-left: -0.3in; }
.vol-toc .toc-title { margin-right: 0.3in; }   /* room for at least 0.3in of leader dots */
.vol-toc .toc-symbol { font-weight: bold; }
.vol-doc { break-before: page; counter-reset: footnote; }
.vol-doc main > h1 { bookmark-level: 2; }
.vol-doc h2 { bookmark-level: 3; }
.vol-doc h3 { bookmark-level: 4; }
.vol-doc h4 { bookmark-level: 5; }
.vol-doc h5, .vol-doc h6 { bookmark-level: 6; }
"""


def _number_key(facts: Facts, index: int) -> tuple:
    nums = tuple(int(n) for n in re.findall(r"\d+", facts.symbol or ""))
    return (0, nums, index) if nums else (1, (), index)


def volume_html(docs, *, title: str, sort: bool = False, paper: str = "a4") -> str:
    """The volume's HTML: ``docs`` is a list of ``(lxml tree, source name)``."""
    from converter.render.html import stylesheet
    prepared = []
    for n, (tree, source) in enumerate(docs, 1):
        root = tree.getroot() if hasattr(tree, "getroot") else tree
        page_doc, facts, page = prepare_page(root, source=source, prefix=f"r{n}-")
        prepared.append((facts, page_doc, page, n))
    if sort:
        prepared.sort(key=lambda p: _number_key(p[0], p[3]))
    langs = {p[2].lang for p in prepared}
    lang = langs.pop() if len(langs) == 1 else "en"

    doc = lhtml.document_fromstring(
        f'<html lang="{lang}"><head><meta charset="utf-8"><title></title></head><body></body></html>')
    head, body = doc.find("head"), doc.find("body")
    head.find("title").text = title
    head.append(_el("meta", name="author", content="United Nations"))
    head.append(_el("meta", name="description", content=f"{title}: {len(prepared)} resolutions"))
    style = _el("style")
    style.text = stylesheet("print")
    head.append(style)
    body.set("class", "media-print pdf-volume")

    front = _el("div", "vol-front")
    cover = _el("section", "vol-title")
    cover.append(_el("h1", None, title, id="volume-title"))
    cover.append(_el("p", None, f"{len(prepared)} resolutions"))
    front.append(cover)
    toc = _el("nav", "vol-toc", aria_labelledby="vol-toc-h")
    toc.append(_el("h2", None, "Contents", id="vol-toc-h"))
    entries = _el("ol")
    for facts, page_doc, page, n in prepared:
        li = _el("li")
        if page.lang != lang:
            li.set("lang", page.lang)
        a = _el("a", href=f"#r{n}-title")
        if facts.symbol:
            a.append(_el("span", "toc-symbol", facts.symbol))
            a[-1].tail = "  "
        a.append(_el("span", "toc-title", re.sub(r"^[\dA-Z/()\s]+\.\s+", "", page.title)
                     if facts.symbol else page.title))
        li.append(a)
        entries.append(li)
    toc.append(entries)
    front.append(toc)
    body.append(front)

    for facts, page_doc, page, n in prepared:
        article = _el("article", "vol-doc", id=f"r{n}", lang=page.lang)
        html_el = page_doc.getroot() if hasattr(page_doc, "getroot") else page_doc
        if html_el.get("dir"):
            article.set("dir", html_el.get("dir"))
        src_body = page_doc.find("body")
        for child in list(src_body):
            cls = child.get("class") or ""
            if child.tag in ("header", "main") and "skip-link" not in cls:
                article.append(child)
        body.append(article)
    add_pdf_css(doc, paper, VOLUME_CSS)       # after the text: it declares the fonts it needs
    return _serialise(doc)


def render_volume(docs, *, title: str, sort: bool = False, paper: str = "a4",
                  pdfa: bool = False) -> bytes:
    """One PDF of many resolutions (see the module docstring); ``docs`` as in :func:`volume_html`."""
    html = volume_html(docs, title=title, sort=sort, paper=paper)
    return write(layout(html, source="volume"), pdfa=pdfa, source="volume")

"""A static website for a folder of resolutions: ``unakn site INPUT_DIR -o SITE_DIR``.

Input: AKN files (``*.xml``) taken as they are, and plain texts (``*.txt``) converted first.
Output, all relative links, served by any static file server (or opened from disk):

- ``<symbol>.<lang>.html``: one page per resolution and language, with the AKN file beside it
  (``<symbol>.<lang>.xml``, and with ``pdf=True`` the PDF, ``<symbol>.<lang>.pdf``) for download, links to its other language versions and to the index;
  references to another resolution in the site link to its page (same language if there is one);
- ``index.html`` (all languages) and ``index.<lang>.html``: resolutions by organ, session and
  date, with their titles;
- ``search-data.js``, ``search.js`` and ``vendor/minisearch-7.2.0.js``: full-text search in the
  browser (MiniSearch, from npm, vendored under ``templates/site/vendor/``).
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from converter import AKN_NS, TEMPLATES_DIR
from converter.akn.xmlio import parse_xml
from converter.errors import UnaknError
from converter.lang import roman_value
from converter.render.html import (RenderedPage, Unknown, document_language, render_page,
                                   site_csp, stylesheet, template_environment)
from converter.render.labels import NATIVE_NAMES, RTL_LANGUAGES, labels_for
from converter.render.links import symbol_from_iri

_A = f"{{{AKN_NS}}}"
_NS = {"a": AKN_NS}
_ORGANS = {"unga": "General Assembly", "un-ga": "General Assembly", "ga": "General Assembly",
           "unsc": "Security Council", "un-sc": "Security Council", "sc": "Security Council"}
_IRI_ACTOR = re.compile(r"^/akn/un/[^/]+/[^/]+/(?P<actor>[^/]+)/(?P<date>[^/]+)/(?P<num>[^/!@]+)")
_UNDOCS = re.compile(r"^/(?:[a-z]{2}/)?(?P<symbol>[A-Z].+)$")
_SLUG = re.compile(r"[^A-Za-z0-9]+")
_GA_NUMBER = re.compile(r"^\d+-\d+[A-Z]*$")
_OLD_GA_SESSION = re.compile(r"\((?:ES-)?(?P<roman>[IVXLC]+)\)\s*$")
SITE_ASSETS = Path(TEMPLATES_DIR) / "site"


@dataclass
class Entry:
    """One resolution in one language, as the site shows it."""
    source: Path
    xml: bytes
    tree: etree._ElementTree
    lang: str
    work: str
    symbol: str
    organ: str
    session: str
    numbered_session: bool
    date: str
    page: str = ""
    xml_name: str = ""
    title: str = ""

    @property
    def language_name(self) -> str:
        return NATIVE_NAMES.get(self.lang, self.lang)


@dataclass
class SiteReport:
    """What ``build_site`` did: pages written, inputs that failed, unknown elements per page."""
    pages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unknown: dict[str, list[Unknown]] = field(default_factory=dict)


def _norm_symbol(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).upper()


def _first_text(tree, path: str) -> str | None:
    found = tree.xpath(path, namespaces=_NS)
    if not found:
        return None
    value = found[0] if isinstance(found[0], str) else "".join(found[0].itertext())
    return re.sub(r"\s+", " ", value).strip() or None


def _entry(source: Path, xml: bytes) -> Entry:
    tree = parse_xml(xml, source=str(source))
    work = (_first_text(tree, "//a:FRBRWork/a:FRBRuri/@value") or "").rstrip("/")
    m = _IRI_ACTOR.match(work)
    symbol = (_first_text(tree, "//a:coverPage//a:docNumber[@refersTo='#symbol']")
              or symbol_from_iri(work + "/")
              or _first_text(tree, "//a:FRBRWork/a:FRBRnumber/@value") or source.stem)
    actor = m["actor"].lower() if m else ""
    organ = (_ORGANS.get(actor)
             or _first_text(tree, "//a:coverPage//a:docAuthority[@refersTo='#issuingBody']")
             or actor or "—")
    date = _first_text(tree, "//a:FRBRWork/a:FRBRdate/@date") or ""
    if _first_text(tree, "//a:FRBRWork/a:FRBRdate/@name") == "adoptionYear":
        date = date[:4]                  # only the year is known: never show a day
    session = _first_text(tree, "//a:coverPage//a:session/@value")
    if not session and m and _ORGANS.get(actor) == "General Assembly":
        old = _OLD_GA_SESSION.search(symbol)
        if old:                          # A/RES/217 A (III): the session in Roman numerals
            session = str(roman_value(old["roman"]))
        elif _GA_NUMBER.match(m["num"]):
            session = m["num"].split("-")[0]
    numbered = bool(session)
    session = session or date[:4] or "—"
    return Entry(source=source, xml=xml, tree=tree, lang=document_language(tree.getroot()),
                 work=work or str(source), symbol=symbol, organ=organ, session=session,
                 numbered_session=numbered, date=date)


def _read_inputs(input_dir: Path, report: SiteReport) -> list[Entry]:
    entries = []
    for path in sorted(input_dir.rglob("*")):
        if path.suffix not in (".xml", ".txt") or any(p.startswith(".") for p in path.parts):
            continue
        try:
            if path.suffix == ".txt":
                from converter.pipeline import convert_file
                xml = convert_file(path).xml
            else:
                xml = path.read_bytes()
            entries.append(_entry(path, xml))
        except UnaknError as exc:
            report.errors.append(str(exc))
        except OSError as exc:
            report.errors.append(f"{path}: cannot read: {exc.strerror or exc}")
    return entries


def _name_pages(entries: list[Entry]) -> None:
    """File names from symbol and language, made unique; never a path outside the site."""
    used: set[str] = set()
    for e in entries:
        base = (_SLUG.sub("-", e.symbol).strip("-")[:80] or "document") + "." + e.lang
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        e.page, e.xml_name = name + ".html", name + ".xml"


class SiteLinks:
    """Resolves references to resolutions that are in the site to their pages."""

    def __init__(self, entries: list[Entry]):
        self.by_symbol: dict[str, dict[str, Entry]] = {}
        for e in entries:
            self.by_symbol.setdefault(_norm_symbol(e.symbol), {})[e.lang] = e

    def page_for(self, symbol: str | None, lang: str) -> str | None:
        versions = self.by_symbol.get(_norm_symbol(symbol)) if symbol else None
        if not versions:
            return None
        return (versions.get(lang) or next(iter(versions.values()))).page

    def for_entry(self, entry: Entry):
        """(resolver for AKN IRIs, rewriter for http(s) URLs) as seen from ``entry``'s page."""
        def iri(value: str) -> str | None:
            from converter.render.links import DEFAULT_RESOLVER
            return self.page_for(symbol_from_iri(value), entry.lang) or DEFAULT_RESOLVER(value)

        def url(value: str) -> str | None:
            parts = urlsplit(value)
            if parts.netloc.lower() not in ("undocs.org", "www.undocs.org"):
                return None
            m = _UNDOCS.match(unquote(parts.path))
            return self.page_for(m["symbol"], entry.lang) if m else None
        return iri, url


def _groups(entries: list[Entry], lang: str | None, site_lang: str) -> list:
    """[(organ, [(session, [work])])], works sorted by date then symbol; a session is "Session
    78" (in the site's language) for numbered sessions, else the year."""
    works: dict[str, dict] = {}
    word = labels_for(site_lang)["session"]
    for e in entries:
        if lang is not None and e.lang != lang:
            continue
        session = f"{word} {e.session}" if e.numbered_session else e.session
        w = works.setdefault(e.work, {"symbol": e.symbol, "date": e.date, "versions": [],
                                      "organ": e.organ, "session": session})
        w["versions"].append(e)
    organs: dict[str, dict[str, list]] = {}
    for w in works.values():
        w["versions"].sort(key=lambda v: v.lang)
        w["first"] = next((v for v in w["versions"] if v.lang == site_lang), w["versions"][0])
        organs.setdefault(w["organ"], {}).setdefault(w["session"], []).append(w)
    return [(organ, [(session, sorted(ws, key=lambda w: (w["date"], w["symbol"])))
                     for session, ws in sorted(sessions.items(), key=_session_key)])
            for organ, sessions in sorted(organs.items())]


def _session_key(item) -> tuple:
    number = re.search(r"\d+", item[0])
    return (int(number.group()) if number else 0, item[0])


def build_site(input_dir: Path | str, out_dir: Path | str, *, site_lang: str = "en",
               pdf: bool = False) -> SiteReport:
    """Build the site (see module docstring); inputs that fail are reported, not fatal.
    With ``pdf``, each page also gets its PDF (``unakn pdf``) beside it for download."""
    input_dir, out_dir = Path(input_dir), Path(out_dir)
    report = SiteReport()
    entries = _read_inputs(input_dir, report)
    _name_pages(entries)
    links = SiteLinks(entries)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_work: dict[str, list[Entry]] = {}
    for e in entries:
        by_work.setdefault(e.work, []).append(e)
    search_docs = []
    for e in entries:
        resolver, rewrite = links.for_entry(e)
        others = sorted((o for o in by_work[e.work] if o is not e), key=lambda o: o.lang)
        pdf_name = _write_pdf(e, out_dir, report) if pdf else None
        page: RenderedPage = render_page(
            e.tree, resolver=resolver, rewrite_url=rewrite, site={
                "index_href": "index.html", "xml_href": e.xml_name, "pdf_href": pdf_name,
                "languages": [(o.lang, o.language_name, o.page) for o in others]})
        e.title = page.title
        (out_dir / e.page).write_text(page.html, encoding="utf-8")
        (out_dir / e.xml_name).write_bytes(e.xml)
        report.pages.append(e.page)
        if page.unknown:
            report.unknown[e.page] = page.unknown
        search_docs.append({"id": e.page, "url": e.page, "symbol": e.symbol, "title": e.title,
                            "lang": e.lang, "text": _search_text(e.tree)})
    (out_dir / "search-data.js").write_text(
        "window.UNAKN_SEARCH = " + json.dumps(search_docs, ensure_ascii=False) + ";\n",
        encoding="utf-8")
    (out_dir / "vendor").mkdir(exist_ok=True)
    shutil.copyfile(SITE_ASSETS / "search.js", out_dir / "search.js")
    for name in ("minisearch-7.2.0.js", "minisearch-LICENSE.txt"):
        shutil.copyfile(SITE_ASSETS / "vendor" / name, out_dir / "vendor" / name)
    languages = sorted({e.lang for e in entries})
    for lang in [None, *languages]:
        name = "index.html" if lang is None else f"index.{lang}.html"
        (out_dir / name).write_text(_index_html(entries, lang, languages, site_lang),
                                    encoding="utf-8")
    return report


def _write_pdf(entry: Entry, out_dir: Path, report: SiteReport) -> str | None:
    """The entry's PDF beside its page; its file name, or None (reported) when it fails."""
    from converter.render.pdf import render_pdf
    name = entry.page[:-len(".html")] + ".pdf"
    try:
        (out_dir / name).write_bytes(render_pdf(entry.tree, source=str(entry.source)))
    except UnaknError as exc:
        report.errors.append(str(exc))
        return None
    return name


def _search_text(tree) -> str:
    """The reading text of a resolution (no metadata), for the search index."""
    texts = tree.xpath("//text()[not(ancestor::a:meta)]", namespaces=_NS)
    return re.sub(r"\s+", " ", " ".join(texts)).strip()


def _index_html(entries: list[Entry], lang: str | None, languages: list[str],
                site_lang: str) -> str:
    labels = labels_for(site_lang)
    template = template_environment().get_template("html/site-index.html.j2")
    return template.render(
        lang=site_lang, labels=labels, current=lang, css=stylesheet("screen"),
        csp=site_csp(), title=labels["site_title"] + (
            f" ({NATIVE_NAMES.get(lang, lang)})" if lang else ""),
        languages=[(code, NATIVE_NAMES.get(code, code)) for code in languages],
        rtl=RTL_LANGUAGES,
        groups=_groups(entries, lang, site_lang))

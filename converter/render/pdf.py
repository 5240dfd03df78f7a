"""AKN to PDF in the UN's print layout, through the print HTML and WeasyPrint.

The page is the one :func:`converter.render.html.render_page` makes with ``media="print"`` (notes
in place), with three PDF-only additions made here on the parsed HTML: the UN masthead (organ,
symbol, distribution, date, session, agenda item, read from the AKN), the metadata WeasyPrint puts
into the PDF (author = organ, description = subject = symbol) and the paged-media stylesheet
``templates/css/pdf.css`` (loaded after ``base.css`` and ``print.css``).

Nothing is fetched from the network or from arbitrary files: :class:`LocalFetcher` serves only
files under ``templates/`` and the font files named in :data:`FONT_FILES` (Debian's
``fonts-liberation2``, whitelisted by absolute path), plus ``data:`` URLs; everything else is
refused. Fonts are declared with ``@font-face`` to those files, so the output does not depend on
what fontconfig happens to find.

Accessibility: the default variant is PDF/UA-1 (WeasyPrint tags headings, paragraphs, lists,
links and tables, and writes ``/Lang`` and ``DisplayDocTitle``). ``pdfa=True`` gives PDF/A-3b
instead, also tagged (``pdf_tags``): WeasyPrint takes one ``pdf_variant``, so a file is either
PDF/UA-1 or PDF/A-3b, not both. See ``README.md (PDF and volumes)`` for the gaps left in the tagging.
"""
from __future__ import annotations

import bisect
import mimetypes
import re
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lhtml

from converter import AKN_NS, TEMPLATES_DIR
from converter.akn.xmlio import parse_xml
from converter.errors import UnaknError

_A = f"{{{AKN_NS}}}"
PAPERS = ("a4", "letter")
CSS_DIR = Path(TEMPLATES_DIR) / "css"
#: Fonts the install puts in place (Debian fonts-liberation2, fonts-noto-core, fonts-noto-cjk):
#: script, family, weight, style, file. Liberation Serif (Times-metric) covers Latin and
#: Cyrillic; Arabic and Chinese get a Noto face each. The families are our own names, so that
#: text is set in these files and not in whatever fontconfig finds under the usual names.
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FILES = (
    ("latin", "Liberation Serif", "normal", "normal", FONT_DIR / "LiberationSerif-Regular.ttf"),
    ("latin", "Liberation Serif", "bold", "normal", FONT_DIR / "LiberationSerif-Bold.ttf"),
    ("latin", "Liberation Serif", "normal", "italic", FONT_DIR / "LiberationSerif-Italic.ttf"),
    ("latin", "Liberation Serif", "bold", "italic", FONT_DIR / "LiberationSerif-BoldItalic.ttf"),
    ("arabic", "unakn Arabic", "normal", "normal", NOTO_DIR / "NotoNaskhArabic-Regular.ttf"),
    ("arabic", "unakn Arabic", "bold", "normal", NOTO_DIR / "NotoNaskhArabic-Bold.ttf"),
    ("cjk", "unakn CJK", "normal", "normal", NOTO_CJK_DIR / "NotoSerifCJK-Regular.ttc"),
    ("cjk", "unakn CJK", "bold", "normal", NOTO_CJK_DIR / "NotoSerifCJK-Bold.ttc"),
)
#: Characters that call for a script's fonts (the Latin ones are always declared).
_SCRIPTS = {
    "arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "cjk": re.compile("[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                      "\uff00-\uffef]"),
}
_WS = re.compile(r"\s+")
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


class PdfError(UnaknError):
    """The document could not be laid out as a PDF."""


# ---- fetching: templates and fonts only -----------------------------------------------------
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Serves ``file:`` URLs under ``templates/`` or naming a whitelisted font file, and
        ``data:`` URLs; refuses every other URL (http, https, ftp, other files)."""

        def __init__(self):
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if path.is_file() and (_under(path, TEMPLATES_DIR) or path in _FONT_PATHS):
                    return URLFetcherResponse(
                        url, path.read_bytes(),
                        {"Content-Type": mimetypes.guess_type(path.name)[0]
                         or "application/octet-stream"})
            self.refused.append(url)
            raise ValueError(f"unakn refuses to fetch {url[:200]!r}")

    return LocalFetcher


_FONT_PATHS = frozenset(p.resolve() for *_, p in FONT_FILES)


def _under(path: Path, root: Path) -> bool:
    try:
        path.relative_to(Path(root).resolve())
        return True
    except ValueError:
        return False


def make_fetcher():
    """A new fetcher limited to the project's templates and fonts (it records what it refused)."""
    return _fetcher_class()()


# ---- once per process: fonts, stylesheets ---------------------------------------------------
@lru_cache(maxsize=None)
def font_config():
    """The process-wide WeasyPrint ``FontConfiguration`` (one per process, reused)."""
    from weasyprint.text.fonts import FontConfiguration
    return FontConfiguration()


def scripts_in(text: str) -> frozenset:
    """The scripts beyond Latin and Cyrillic whose fonts ``text`` needs (``arabic``, ``cjk``)."""
    return frozenset(name for name, chars in _SCRIPTS.items() if chars.search(text))


def font_face_css(scripts=frozenset()) -> str:
    """``@font-face`` rules for the font files that are present (file URLs, whitelisted): Latin
    (and Cyrillic) always, the others for the ``scripts`` named (the CJK files are 26 MB each:
    they are loaded only by documents that need them, once per process)."""
    rules = []
    for script, family, weight, style, path in FONT_FILES:
        if (script == "latin" or script in scripts) and path.is_file():
            rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                         f'font-style: {style}; src: url("{path.as_uri()}"); }}')
    return "\n".join(rules)


def pdf_css(paper: str = "a4", extra: str = "", scripts=frozenset()) -> str:
    """The CSS added to the page's head after its own: fonts and paper (``pdf.css`` is linked).

    It goes into the document, not into WeasyPrint's ``stylesheets`` argument, because those are
    user stylesheets and lose to the page's own (author) rules whatever their specificity."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, not {paper!r}")
    return f"{font_face_css(scripts)}\n@page {{ size: {paper}; }}\n{extra}"


def warm_up() -> None:
    """Import WeasyPrint and load the fonts now (worker processes call this once)."""
    import weasyprint  # noqa: F401
    font_config()


# ---- the masthead, from the AKN -------------------------------------------------------------
@dataclass
class Facts:
    """What the UN masthead prints, as found in the AKN (None when absent)."""
    symbol: str | None = None
    organ: str | None = None
    distribution: str | None = None
    issued: str | None = None
    session: str | None = None
    agenda: list | None = None
    lang: str = "en"
    publisher: str | None = None      # "United Nations" as the document prints it


def _text(el) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


def document_element(root):
    """The AKN document element (statement, doc, …) under ``akomaNtoso``."""
    for child in root:
        if isinstance(child.tag, str) and child.tag.startswith(_A) and \
                child.find(_A + "meta") is not None:
            return child
    return root


def read_facts(root) -> Facts:
    """The masthead facts of an AKN document: cover page first, metadata as a fallback."""
    from converter.render.html import document_language
    doc = document_element(root)
    f = Facts(lang=document_language(root))
    cover = doc.find(_A + "coverPage")
    if cover is not None:
        for el in cover.iter(_A + "docNumber"):
            f.symbol = f.symbol or _text(el) or None
        for el in cover.iter(_A + "docAuthority"):
            if (el.get("refersTo") or "").lstrip("#") == "publisher":
                f.publisher = f.publisher or _text(el) or None
            elif _text(el):
                f.organ = f.organ or _text(el)
        for el in cover.iter(_A + "docStatus"):
            f.distribution = f.distribution or _text(el) or None
        for el in cover.iter(_A + "docDate"):
            adoption = (el.get("refersTo") or "").lstrip("#") == "dateOfAdoption" or any(
                a.tag in (_A + "docTitle", _A + "docProponent") for a in el.iterancestors())
            if not adoption:
                f.issued = f.issued or _text(el) or None
        for el in cover.iter(_A + "session"):
            f.session = f.session or _text(el) or None
        agenda = [_text(el) for el in cover.iter(_A + "inline")
                  if (el.get("name") or "").replace(" ", "").lower() in _AGENDA_NAMES
                  and _text(el)]
        f.agenda = agenda or None
    ident = doc.find(f"{_A}meta/{_A}identification/{_A}FRBRWork")
    if ident is not None:
        number = ident.find(_A + "FRBRnumber")
        if f.symbol is None and number is not None and "/" in (number.get("value") or ""):
            f.symbol = number.get("value")
        author = ident.find(_A + "FRBRauthor")
        if f.organ is None and author is not None:
            ref = (author.get("href") or "").lstrip("#")
            for org in doc.iter(_A + "TLCOrganization"):
                if org.get("eId") == ref and org.get("showAs"):
                    f.organ = org.get("showAs")
    if f.distribution is None and f.symbol and re.match(r"^[ASE]/RES/", f.symbol):
        f.distribution = "Distr.: General"      # resolutions are always issued for general distribution
    return f


def _el(tag: str, cls: str | None = None, text: str | None = None, **attrs):
    e = lhtml.Element(tag)
    if cls:
        e.set("class", cls)
    for k, v in attrs.items():
        e.set(k.replace("_", "-"), v)
    if text:
        e.text = text
    return e


def masthead(f: Facts):
    """The UN first-page masthead as an HTML element."""
    box = _el("div", "un-masthead")
    line1 = _el("div", "un-line1")
    line1.append(_el("span", "un-name", f.publisher or "United Nations"))
    if f.symbol:
        sym = _el("span", "un-symbol")
        sym.append(_el("span", "un-symbol-head", f.symbol[0]))
        sym[-1].tail = f.symbol[1:]
        line1.append(sym)
    box.append(line1)
    line2 = _el("div", "un-line2")
    line2.append(_el("span", "un-organ", f.organ or ""))
    distr = _el("span", "un-distr")
    for i, value in enumerate(v for v in (f.distribution, f.issued) if v):
        distr.append(_el("span", "un-distr-line", value))
        if not _RTL_CHARS.search(value):       # a Latin date in an Arabic masthead: its order
            distr[-1].set("dir", "ltr")
    line2.append(distr)
    box.append(line2)
    if f.session or f.agenda:
        sess = _el("div", "un-session")
        if f.session:
            sess.append(_el("span", "un-session-name", f.session))
        for item in f.agenda or ():
            sess.append(_el("span", "un-agenda", item))
        box.append(sess)
    if f.symbol:
        box.append(_el("span", "un-running", f.symbol, aria_hidden="true"))
    return box


_AGENDA_NAMES = ("agendaitem", "agendaitemname")
_COVER_FACT_CLASSES = ("akn-docAuthority", "akn-docNumber", "akn-session", "akn-docStatus",
                       "akn-docDate")


def prepare_page(root, *, source: str | None = None, prefix: str = ""):
    """The print page of one AKN document as a parsed HTML tree, with the UN masthead in place
    of the renderer's fact list; ids prefixed with ``prefix`` (for volumes). Returns
    ``(html_root, facts, page)``."""
    from converter.render.html import render_page
    page = render_page(root, media="print", source=source)
    doc = lhtml.document_fromstring(page.html)
    facts = read_facts(root)
    header = doc.find(".//header")
    if header is not None:
        for dl in header.findall("dl"):
            header.remove(dl)
        printed = sorted({v for v in (facts.symbol, facts.organ, facts.distribution, facts.issued,
                                      facts.session, facts.publisher or "United Nations",
                                      *(facts.agenda or ()))
                          if v}, key=len, reverse=True)
        for p in list(header):
            classes = {c for e in p.iter() if isinstance(e.tag, str)
                       for c in (e.get("class") or "").split()}
            if "akn-docTitle" in classes or "akn-docProponent" in classes:
                continue
            rest = _text(p)
            for value in printed:
                rest = rest.replace(value, " ")
            if not rest.strip():               # every word of the line is in the UN masthead
                header.remove(p)
        header.insert(0, masthead(facts))
    if prefix:
        _prefix_ids(doc, prefix)
    return doc, facts, page


def _prefix_ids(doc, prefix: str) -> None:
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id"):
            el.set("id", prefix + el.get("id"))
        href = el.get("href")
        if href and href.startswith("#"):
            el.set("href", "#" + prefix + href[1:])
        if el.get("aria-labelledby"):
            el.set("aria-labelledby", " ".join(prefix + i for i in el.get("aria-labelledby").split()))


#: Page rules for a right-to-left document (``@page`` cannot be selected by direction).
RTL_PAGE_CSS = "@page { @footnote { background-position: 100% 0; } }\n"


def add_pdf_css(doc, paper: str, extra: str = "") -> None:
    """Link ``pdf.css`` and add the font and paper rules at the end of the page's head; the
    fonts of the scripts found in the page's text are declared."""
    head = doc.find("head")
    head.append(_el("link", rel="stylesheet", href="pdf.css"))
    style = _el("style")
    if (doc.get("dir") or "").lower() == "rtl":        # the notes' area mirrored too
        extra = RTL_PAGE_CSS + extra
    style.text = pdf_css(paper, extra, scripts_in(doc.text_content()))
    head.append(style)


def _set_meta(doc, name: str, content: str | None) -> None:
    if not content:
        return
    head = doc.find("head")
    head.append(_el("meta", name=name, content=content))


def pdf_html(tree_or_bytes, *, paper: str = "a4", source: str | None = None) -> tuple[str, Facts]:
    """The HTML WeasyPrint lays out for one document, and its masthead facts."""
    root = _root(tree_or_bytes, source)
    doc, facts, _ = prepare_page(root, source=source)
    add_pdf_css(doc, paper)
    _set_meta(doc, "author", facts.organ)
    _set_meta(doc, "description", facts.symbol)
    body = doc.find("body")
    body.set("class", (body.get("class") or "") + " pdf-single")
    return _serialise(doc), facts


def _serialise(doc) -> str:
    return "<!DOCTYPE html>\n" + etree.tostring(doc, encoding="unicode", method="html")


def _root(tree_or_bytes, source):
    if isinstance(tree_or_bytes, etree._ElementTree):
        return tree_or_bytes.getroot()
    if isinstance(tree_or_bytes, etree._Element):
        return tree_or_bytes
    return parse_xml(tree_or_bytes, source=source).getroot()


# ---- layout and writing ---------------------------------------------------------------------
def variant(pdfa: bool) -> dict:
    """WeasyPrint options: PDF/UA-1 (default) or PDF/A-3b, both tagged."""
    if pdfa:
        return {"pdf_variant": "pdf/a-3b", "pdf_tags": True}
    return {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def layout(html: str, *, source: str | None = None, max_passes: int = 4):
    """Lay the HTML out with WeasyPrint (strict fetcher, shared fonts); returns the Document.

    Relative URLs resolve against ``templates/css/``. Footnotes stay on the page of their call
    in one layout thanks to :func:`notes_stay_with_calls`; should a note still end up on a page
    after its call (another WeasyPrint version, a case the patch does not cover), the paragraph
    concerned (one per page) is made to start a new page and the layout is done again (at most
    ``max_passes`` layouts in all)."""
    from weasyprint import HTML
    fixes: list[str] = []
    try:
        with notes_stay_with_calls():
            while True:
                page = html if not fixes else html.replace(
                    "</head>", "<style>" + "".join(f"#{i}{{break-before:page}}" for i in fixes)
                    + "</style></head>", 1)
                document = HTML(string=page, base_url=CSS_DIR.as_uri() + "/",
                                url_fetcher=make_fetcher()).render(font_config=font_config())
                new = [i for i in _splits_after_moved_notes(document) if i not in fixes]
                max_passes -= 1
                if not new or max_passes == 0:
                    return document
                fixes.extend(new)
    except UnaknError:
        raise
    except Exception as exc:  # WeasyPrint raises many kinds; name the document
        raise PdfError(f"layout failed: {type(exc).__name__}: {exc}",
                       source=source or "<input>") from exc


#: The line of WeasyPrint 70's ``layout.block._linebox_layout`` that lets it move the notes
#: already placed on a page to the next page so that the first line of a following paragraph
#: still fits ("report" them), and what it becomes: the paragraph goes to the next page instead,
#: as it would if the page had no notes.
_REPORT_LINE = "report = not context.in_column and can_break_now and not could_break_before"
_REPORT_FIXED = "report = False"


@lru_cache(maxsize=None)
def _linebox_layout_keeping_notes():
    """WeasyPrint's ``_linebox_layout`` with :data:`_REPORT_LINE` replaced, compiled from its
    own source against a copy of its module's globals; None if that line is not found (another
    WeasyPrint version: the re-layout in :func:`layout` then keeps the guarantee alone)."""
    import inspect
    try:
        from weasyprint.layout import block
        source = inspect.getsource(block._linebox_layout)
    except (ImportError, AttributeError, OSError, TypeError):
        return None
    if source.count(_REPORT_LINE) != 1:
        return None
    namespace: dict = {}
    exec(compile(source.replace(_REPORT_LINE, _REPORT_FIXED), block.__file__, "exec"),
         dict(block.__dict__), namespace)
    return block, block._linebox_layout, namespace["_linebox_layout"]


@contextmanager
def notes_stay_with_calls():
    """While laying out, WeasyPrint does not move notes whose calls are on the page to a later
    page to make room for the first line of a later paragraph; the paragraph moves instead.

    WeasyPrint 70 does that "reporting" when a line that overflows the page is the first at
    which the paragraph could break (the first line with ``orphans: 1``): it moves the page's
    notes, last first, until the line fits. The notes then print a page after their calls
    (4 of the UN's 15 example files, and a 20-resolution volume, had one). Undoing it after
    the fact needs a second layout (+60 % time for the volume); this avoids it. Only our own
    layouts are affected: the original function is put back on exit."""
    patched = _linebox_layout_keeping_notes()
    if patched is None:
        yield False
        return
    block, _, replacement = patched
    with _patched("notes", [(block, "_linebox_layout", replacement)]):
        yield True


_PATCH_LOCK = threading.Lock()
_PATCHES: dict = {}          # key -> [users, [(object, attribute, original value)]]


@contextmanager
def _patched(key: str, targets):
    """Set ``object.attribute = value`` for each of ``targets`` while any caller (any thread) is
    inside a ``_patched(key, ...)`` block; the originals come back when the last one leaves."""
    with _PATCH_LOCK:
        entry = _PATCHES.get(key)
        if entry is None:
            entry = _PATCHES[key] = [0, [(o, a, getattr(o, a)) for o, a, _ in targets]]
            for o, a, value in targets:
                setattr(o, a, value)
        entry[0] += 1
    try:
        yield
    finally:
        with _PATCH_LOCK:
            entry[0] -= 1
            if entry[0] == 0:
                for o, a, original in entry[1]:
                    setattr(o, a, original)
                del _PATCHES[key]


_BREAKABLE = frozenset({"akn-container", "akn-paragraph", "akn-recital", "akn-crossHeading",
                        "akn-formula"})


def note_pages(document) -> tuple[dict, dict]:
    """Where each footnote is called and printed: ``({note element: call page},
    {note element: page of its text})``, pages counted from 0."""
    from weasyprint.formatting_structure import boxes
    calls: dict = {}
    notes: dict = {}

    def walk(box, n, in_area):
        tag = getattr(box, "element_tag", None) or ""
        in_area = in_area or isinstance(box, boxes.FootnoteAreaBox)
        if tag.endswith("::footnote-call"):
            calls.setdefault(box.element, n)
        elif in_area and tag.endswith("::footnote-marker"):
            notes.setdefault(box.element, n)
        for child in getattr(box, "children", ()):
            walk(child, n, in_area)
    for n, page in enumerate(document.pages):
        walk(page._page_box, n, False)
    return calls, notes


def _splits_after_moved_notes(document) -> list[str]:
    """The ids of the paragraphs to push to a new page, one for each page from which a note
    moved on: the last numbered or preambular paragraph that starts there and goes on."""
    calls, notes = note_pages(document)
    out: list[str] = []
    for k in sorted({calls[el] for el in calls if el in notes and notes[el] > calls[el]}):
        if k + 1 >= len(document.pages):
            continue
        following = set(_block_ids(document.pages[k + 1]._page_box))
        candidates = [i for i in _block_ids(document.pages[k]._page_box) if i in following]
        if candidates:
            out.append(candidates[-1])
    return out


def _block_ids(box) -> list[str]:
    out: list[str] = []

    def walk(b):
        el = getattr(b, "element", None)
        if el is not None and el.get("id") and (el.get("class") or "").split() and \
                set(el.get("class").split()) & _BREAKABLE and getattr(b, "element_tag", "") in \
                ("div", "p") and el.get("id") not in out:
            out.append(el.get("id"))
        for child in getattr(b, "children", ()):
            walk(child)
    walk(box)
    return out


def write(document, *, pdfa: bool = False, source: str | None = None) -> bytes:
    """Write a laid-out Document as PDF bytes in the chosen variant, with the structure tree
    completed by :func:`better_tags` (notes, artifacts, languages)."""
    try:
        with better_tags(), marks_after_letters():
            return document.write_pdf(**variant(pdfa))
    except Exception as exc:
        raise PdfError(f"writing the PDF failed: {type(exc).__name__}: {exc}",
                       source=source or "<input>") from exc


# ---- text extraction: combining marks out of the run of letters -----------------------------
@contextmanager
def marks_after_letters():
    """While writing, each line's combining marks (Arabic vowel signs, shadda, tanwin: glyphs whose
    text is only characters of category Mn) are shown after the line's letters, each at the place
    where it was drawn, so the letters of a word are one run of glyphs in the content stream.

    The page looks the same (same glyphs at the same places; marks are drawn over letters anyway).
    What changes is text extraction: a right-to-left run is shown in visual order, each mark
    next to its letter but shifted over it and, above or below it, raised with a text rise; and
    pdftotext (poppler) ends a word at any glyph whose baseline moves by more than half a point
    or that steps back over the previous one, or that is too far ahead of it; the word came out in pieces, with marks between them or on a line of their own
    ('منشوراً إعلامياً' read 'منشورا إعل ً / ً / اميا'). With the marks after the letters the words
    are whole; the marks come out beside them. A mark whose letter carries its text as
    ``ActualText`` (:func:`_with_marks`: every mark of an Arabic letter) is left where WeasyPrint
    draws it, inside its empty replacement text, and only the others move.
    Done by wrapping WeasyPrint's ``draw_first_line``
    (``weasyprint.draw.text``) for the duration of our own writes; if it is not there (another
    version), the PDF is written as WeasyPrint makes it."""
    try:
        from weasyprint.draw import text as wtext
        original = wtext.draw_first_line
    except (ImportError, AttributeError):
        yield False
        return
    if getattr(original, "_unakn", False):              # already ours (another thread)
        original = _ORIGINAL_DRAW[0]
    _ORIGINAL_DRAW[:] = [original]
    with _patched("marks", [(wtext, "draw_first_line", _draw_first_line)]):
        yield True


_ORIGINAL_DRAW: list = [None]            # WeasyPrint's draw_first_line
_TJ_TOKEN = re.compile(rb"<([0-9a-fA-F]*)>|([-+0-9.eE]+)")


def _draw_first_line(stream, textbox, *args, **kwargs):
    start = len(stream.stream)
    current = getattr(stream, "_current_font", None)     # WeasyPrint sets it only on a change
    result = _ORIGINAL_DRAW[0](stream, textbox, *args, **kwargs)
    fonts = getattr(stream, "_fonts", None)
    if fonts and len(stream.stream) > start:
        by_name = {f.hash.encode(): f for f in fonts.values()}
        try:
            _actual_texts(stream, start, textbox, by_name)
        except (ValueError, TypeError, AttributeError, IndexError, UnicodeDecodeError):
            pass                        # something we do not read: no replacement text
        try:
            _move_marks_after_letters(stream, start, by_name, current)
        except (ValueError, TypeError):     # an operator we do not read: the line as it was
            pass
    return result


_draw_first_line._unakn = True


# ---- text extraction: replacement text (ActualText) for what poppler reads out of order -----
#: Lam followed by an alef (with or without hamza or madda) -> its presentation forms
#: (isolated, final), from the Unicode data: U+FEF5..U+FEFC.
_LAM_ALEF = {unicodedata.normalize("NFKC", chr(cp)): (chr(cp), chr(cp + 1))
             for cp in range(0xFEF5, 0xFEFD, 2)}
#: Arabic letters that do not join the letter after them (a lam after them is isolated/initial).
_RIGHT_JOINING = frozenset("\u0621\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631"
                           "\u0632\u0648\u0671\u0672\u0673\u0675\u0676\u0677\u06c0"
                           "\u06d2\u06d3")
_RLM, _LRM = "\u200f", "\u200e"


def _line_glyphs(textbox) -> list | None:
    """``(glyph id, logical offset, text)`` of each glyph WeasyPrint shows for the first line
    of ``textbox``, in the order it writes them (visual order, left to right), read from Pango
    as WeasyPrint's ``draw_first_line`` reads it; None if a glyph is one WeasyPrint replaces."""
    from weasyprint.text.ffi import ffi, pango
    line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    out = []
    run = line.runs[0]
    while run != ffi.NULL:
        item_glyphs = run.data
        run = run.next
        item = item_glyphs.item
        glyphs = item_glyphs.glyphs
        n, clusters = glyphs.num_glyphs, glyphs.log_clusters
        rtl = item.analysis.level % 2
        for i in range(n):
            gid = glyphs.glyphs[i].glyph
            if gid == pango.PANGO_GLYPH_EMPTY:
                continue
            if gid & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                return None
            t1 = clusters[i]
            if rtl:
                t2 = item.length if i == 0 else clusters[i - 1]
            else:
                t2 = item.length if i == n - 1 else clusters[i + 1]
            out.append((gid, item.offset + t1, utf8[item.offset + t1:item.offset + t2].decode()))
    return out


@lru_cache(maxsize=4096)
def _in_ltr_run(text: str) -> bool:
    """Whether a glyph's text can belong to a run read left to right inside right-to-left text
    (digits, Latin letters, the spaces and punctuation between them): no right-to-left letter,
    not a combining mark alone."""
    return bool(text) and not any(unicodedata.bidirectional(c) in ("R", "AL", "B", "S")
                                  for c in text) and not _is_mark(text)


def _spans(glyphs: list, rtl: bool, advance) -> list:
    """``(first, last, replacement text)`` for the glyphs of a line (indices into ``glyphs``)
    that pdftotext reads wrongly as drawn: in a right-to-left line, each run of digits, Latin
    letters and the spaces and punctuation between them (no space at either end; punctuation
    alone only when a run is next to it); a lam-alef drawn as lam and an alef of no advance
    (``advance(index)``: a glyph's width) at the same place; and the marks of Arabic letters."""
    out = []
    n = len(glyphs)
    k = 0
    left = None                  # what the last glyph but spaces was: a span, a letter, nothing
    while k < n:
        _, offset, text = glyphs[k]
        if rtl and _in_ltr_run(text) and not text.isspace():
            end = k
            while end + 1 < n and (_in_ltr_run(glyphs[end + 1][2]) or not glyphs[end + 1][2]):
                end += 1
            while end > k and (not glyphs[end][2] or glyphs[end][2].isspace()):
                end -= 1          # the spaces at its ends stay outside
            logical = "".join(t for _, _, t in sorted(glyphs[k:end + 1], key=lambda g: g[1]))
            strong = [unicodedata.bidirectional(c) in ("L", "EN", "AN") for c in logical]
            # punctuation alone is read in place unless a span is next to it on the left
            if left != "letter" or any(strong):
                glued = k > 0 and not glyphs[k - 1][2].isspace()   # to a letter on its left
                closed = any(strong) and not strong[-1]      # ends in punctuation: ')', '،'
                out.append((k, end, ("" if glued else _RLM) + logical + (_LRM if closed else "")))
                left = "span"
            else:
                left = "letter"
            k = end + 1
            continue
        if text and not text.isspace():
            left = "letter"
        if len(text) == 1 and text in "\u0622\u0623\u0625\u0627" and advance(k) == 0:
            lam = k + 1
            while lam < n and (not glyphs[lam][2] or _is_mark(glyphs[lam][2])):
                lam += 1
            if lam < n and glyphs[lam][2] == "\u0644" and \
                    glyphs[lam][1] + 2 == offset and "\u0644" + text in _LAM_ALEF:
                before = _previous_letter(glyphs, glyphs[lam][1])
                forms = _LAM_ALEF["\u0644" + text]
                joined = before is not None and before not in _RIGHT_JOINING and \
                    unicodedata.bidirectional(before) == "AL"
                out.append((k, lam, forms[1] if joined else forms[0]))
                k = lam + 1
                continue
        k += 1
    return _with_marks(glyphs, out)


def _is_mark(text: str) -> bool:
    """A glyph's text that is only combining marks (category Mn): vowel signs, shadda, tanwin."""
    return bool(text) and all(unicodedata.category(c) == "Mn" for c in text)


def _with_marks(glyphs: list, spans: list) -> list:
    """``spans`` with the combining marks of Arabic letters given to their letters: the letter's
    replacement text is the letter and its marks, the mark's is empty (the mark stays where it is
    drawn). pdftotext makes a mark, drawn above or below the line, a word of its own, which cut
    the line in two where it stood over a word ('وإذ' printed after its line, the marks on a line
    of their own); with no text of its own it is nothing to pdftotext, which reads the marks with
    their letters (before them: it reads a glyph's replacement text left to right)."""
    covered = {k: n for n, (first, last, _) in enumerate(spans) for k in range(first, last + 1)}
    texts = [[t] for _, _, t in spans]
    letters: dict = {}                     # glyph index -> [letter text, marks...]
    empty = []
    bases = sorted((g[1], k) for k, g in enumerate(glyphs)
                   if g[2] and not _is_mark(g[2]) and not g[2].isspace())
    offsets = [o for o, _ in bases]
    for k, (_, offset, text) in enumerate(glyphs):
        if not _is_mark(text):
            continue
        if k in covered:                   # drawn inside a span (a lam-alef): its text there
            texts[covered[k]].append(text)
            continue
        at = bisect.bisect_left(offsets, offset) - 1
        if at < 0:
            continue
        base = bases[at][1]
        if not any(unicodedata.bidirectional(c) == "AL" for c in glyphs[base][2]):
            continue                       # not an Arabic letter's mark: left as it is
        if base in covered:
            texts[covered[base]].append(text)
        else:
            letters.setdefault(base, [glyphs[base][2]]).append(text)
        empty.append(k)
    out = [(first, last, "".join(texts[n])) for n, (first, last, _) in enumerate(spans)]
    out += [(k, k, "".join(t)) for k, t in letters.items()]
    out += [(k, k, "") for k in empty]
    return sorted(out)


def _previous_letter(glyphs: list, offset: int) -> str | None:
    """The letter (not a combining mark) just before the text at byte ``offset`` of the line."""
    best = None
    for _, at, text in glyphs:
        if at < offset and text and (best is None or at > best[0]):
            letters = [c for c in text if unicodedata.category(c) != "Mn"]
            if letters:
                best = (at, letters[-1])
    return best[1] if best else None


def _actual_texts(stream, start: int, textbox, fonts: dict) -> None:
    """Wrap the glyphs of :func:`_spans` in the line WeasyPrint just wrote to ``stream`` (its
    operators from ``start``) in marked content with their text as ``ActualText``
    (``/Span <</ActualText (…)>> BDC … EMC``, inside the line's own tagged content).

    Why: WeasyPrint writes right-to-left text in visual order with each glyph's text, which is
    right, and pdftotext (poppler 22) turns each line back into logical order with a guess: it
    reads right-to-left letters from the right and runs of digits and Latin letters from the
    left, taking the punctuation next to a number ('-', ')') into the number. '(د-15)' is drawn
    ')15-د(' and came out 'د)15-'; 'كوفيد-19' as 'كوفيد )19-'; '2022-2025' as '2025-2022'. With
    the run's text given in logical order (poppler spreads it over the glyphs' place, left to
    right), between a right-to-left mark and a left-to-right mark (invisible; they end the run
    for poppler where it is on the page, so the space before it stays outside), the run reads
    '-15)', '2022-2025'. And Noto Naskh draws lam-alef as a lam and an alef of no advance at
    the lam's place: poppler takes the alef for a duplicate, ends the word there and, with a
    vowel mark raised over the word, put the word's halves on different lines ('إعلامياً');
    its replacement text is the lam-alef ligature's character (U+FEFB..., NFKC 'لا'), one
    character where poppler would otherwise put lam and alef the wrong way round. Vowel marks,
    shadda and tanwin go with their letters (:func:`_with_marks`).

    The page is drawn the same: same glyphs at the same places, the text operators split where a
    span begins or ends (a mark left in place is drawn in WeasyPrint's order, before its letter
    rather than after the line: anti-aliased pixels where they overlap may differ by one grey
    level)."""
    import pydyf
    rtl = textbox.style["direction"] == "rtl"
    if not rtl and not _RTL_CHARS.search(textbox.text):
        return
    glyphs = _line_glyphs(textbox)
    if not glyphs:
        return
    ops = stream.stream
    # the glyphs as written, checked against Pango's: {op index: (first glyph, font)}
    font = None
    written = {}
    seen = 0
    for i in range(start, len(ops)):
        op = ops[i]
        if not isinstance(op, bytes):
            continue
        if op.endswith(b" Tf"):
            font = op.split(b" ")[0][1:]
        elif op.endswith(b" TJ"):
            if not op.endswith(b"] TJ") or font not in fonts:
                return
            f = fonts[font]
            drawn = b"".join(h for h, _ in _TJ_TOKEN.findall(op[1:-4]))
            count = len(drawn) // (2 if f.bitmap else 4)
            expected = b"".join((b"%02x" if f.bitmap else b"%04x") % g
                                for g, _, _ in glyphs[seen:seen + count])
            if drawn.lower() != expected:
                return
            written[i] = (seen, f)
            seen += count
    if seen != len(glyphs):
        return
    advance = {}
    ends = sorted(written.items())
    for n, (i, (first, f)) in enumerate(ends):
        last = ends[n + 1][1][0] if n + 1 < len(ends) else seen
        for k in range(first, last):
            advance[k] = f.widths.get(glyphs[k][0], 0)
    spans = _spans(glyphs, rtl, advance.get)
    if not spans:
        return
    opens = {first: actual for first, _, actual in spans}
    closes = {last for _, last, _ in spans}
    out = []
    for i in range(start, len(ops)):
        if i not in written:
            out.append(ops[i])
            continue
        first, f = written[i]
        width = 2 if f.bitmap else 4
        tokens = _TJ_TOKEN.findall(ops[i][1:-4])
        count = sum(len(h) for h, _ in tokens) // width
        if not any(k in opens or k in closes for k in range(first, first + count)):
            out.append(ops[i])                     # no span begins or ends here: as it was
            continue
        body: list = []
        run: list = []

        def flush():
            if run:
                body.append(b"<" + b"".join(run) + b">")
                run.clear()

        def emit():
            flush()
            if body:
                out.append(b"[" + b" ".join(body) + b"] TJ")
                body.clear()
        index = first
        for hexa, number in tokens:
            if number:
                flush()
                body.append(number)
                continue
            for k in range(0, len(hexa), width):
                if index in opens:
                    emit()
                    out.extend(["/Span", pydyf.Dictionary(
                        {"ActualText": pydyf.String(opens[index])}), b"BDC"])
                run.append(hexa[k:k + width])
                if index in closes:
                    emit()
                    out.append(b"EMC")
                index += 1
        emit()
    ops[start:] = out


def _mark_glyphs(font) -> frozenset:
    """The glyph ids of ``font`` whose text (ToUnicode) is only combining marks (category Mn);
    kept on the font object until it maps more glyphs."""
    mapped = font.to_unicode
    cached = getattr(font, "_unakn_marks", None)
    if cached is not None and cached[0] == len(mapped):
        return cached[1]
    marks = frozenset(g for g, t in mapped.items() if _is_mark(t))
    font._unakn_marks = (len(mapped), marks)
    return marks


def _move_marks_after_letters(stream, start: int, fonts: dict, current=None) -> None:
    """Rewrite the text operators WeasyPrint appended to ``stream`` from ``start`` (one line,
    inside BT/ET; ``current``: the (font, size) in effect before it): mark glyphs leave their TJ
    arrays and are shown at the end, at the same pen position and rise, with the font they had;
    the font in effect at the end stays the same."""
    ops = stream.stream
    if not any(_mark_glyphs(f) for f in fonts.values()):
        return
    font = size = None
    if current:
        font, size = str(current[0]).encode(), float(current[1])
    rise = b"0"
    pen = 0.0                                  # text space units along the line
    moved = []                                 # (font name, size, rise, pen, glyph hex)
    out = []
    depth = 0                                  # inside a span of ActualText: left in place
    for op in ops[start:]:
        if not isinstance(op, bytes):
            out.append(op)
            continue
        if op in (b"BDC", b"BMC", b"EMC"):
            depth += 1 if op != b"EMC" else -1
            out.append(op)
        elif op.endswith(b" Tf"):
            name, size_b, _ = op.split(b" ")
            font, size = name[1:], float(size_b)
            out.append(op)
        elif op.endswith(b" Ts"):
            rise = op[:-3]
            out.append(op)
        elif op.endswith(b"] TJ") and font in fonts:
            f, marks = fonts[font], _mark_glyphs(fonts[font])
            width = 4 if not f.bitmap else 2
            body = []
            for hexa, number in _TJ_TOKEN.findall(op[1:-4]):
                if number:
                    body.append(b"%s" % number)
                    pen -= float(number) / 1000 * size
                    continue
                kept = []
                for k in range(0, len(hexa), width):
                    g = hexa[k:k + width]
                    gid = int(g, 16)
                    if gid in marks and not depth:
                        moved.append((font, size, rise, pen, g))
                        w = f.widths.get(gid, 0)
                        if w:                      # keep the pen where it was
                            if kept:
                                body.append(b"<" + b"".join(kept) + b">")
                                kept = []
                            body.append(b"%g" % -w)
                    else:
                        kept.append(g)
                    pen += f.widths.get(gid, 0) / 1000 * size
                if kept:
                    body.append(b"<" + b"".join(kept) + b">")
            if body:
                out.append(b"[" + b" ".join(body) + b"] TJ")
        else:
            if op.endswith(b" TJ"):
                return                             # a font we do not know: leave the line
            out.append(op)
    if not moved:
        return
    last_font, last_size, last_rise = font, size, rise
    cur_font, cur_size, cur_rise = font, size, rise
    for name, sz, r, at, g in moved:
        if (name, sz) != (cur_font, cur_size):
            out.append(b"/" + name + b" " + _num(sz) + b" Tf")
            cur_font, cur_size = name, sz
        if r != cur_rise:
            out.append(r + b" Ts")
            cur_rise = r
        out.append(b"[" + _num((pen - at) * 1000 / sz) + b"<" + g + b">] TJ")
        pen = at + fonts[name].widths.get(int(g, 16), 0) / 1000 * sz
    if cur_rise != last_rise:
        out.append(last_rise + b" Ts")
    if (cur_font, cur_size) != (last_font, last_size):
        out.append(b"/" + last_font + b" " + _num(last_size) + b" Tf")
    ops[start:] = out


def _num(value: float) -> bytes:
    return (b"%.3f" % value).rstrip(b"0").rstrip(b".") or b"0"


# ---- tagging: what WeasyPrint 70 leaves out of the structure tree ----------------------------
@contextmanager
def better_tags():
    """While writing a tagged PDF, complete WeasyPrint's structure tree (``weasyprint.pdf.tags``):

    - running heads and page numbers (margin boxes) become pagination artifacts in the content
      stream (``/Artifact <</Type /Pagination /Subtype /Header|/Footer>> BDC``) and leave the
      structure tree and the parent tree; WeasyPrint marks them as ``Span`` content whose
      structure elements hang nowhere;
    - each footnote printed at the foot of the page is a ``Note`` element with a unique ``ID``
      (PDF/UA-1 7.9), its printed number a ``Lbl``; WeasyPrint makes them ``Span``/``NonStruct``;
    - an element whose HTML ``lang`` differs from the document's gets ``Lang`` on its structure
      element (a volume of resolutions in several languages; WeasyPrint only sets the catalog's).

    Done by wrapping two functions of WeasyPrint's PDF writer for the duration of our own
    writes (the originals are put back on exit); if they are not there (another version), the
    PDF is written as WeasyPrint makes it."""
    try:
        import weasyprint.pdf as wpdf
        from weasyprint.pdf import tags as wtags
        original_add, original_build = wpdf.add_tags, wtags._build_box_tree
    except (ImportError, AttributeError):
        yield False
        return
    if getattr(original_add, "_unakn", False):          # already ours (another thread)
        original_add, original_build = _ORIGINAL_TAGS
    _ORIGINAL_TAGS[:] = [original_add, original_build]
    with _patched("tags", [(wpdf, "add_tags", _add_tags), (wtags, "_build_box_tree",
                                                           _tag_box_tree)]):
        yield True


_ORIGINAL_TAGS: list = [None, None]      # WeasyPrint's add_tags and _build_box_tree
_TAGGING = threading.local()             # the language of the document being written


def _add_tags(pdf, document, pdf_version, page_streams):
    """WeasyPrint's ``add_tags`` after the margin boxes' content is made artifacts."""
    _TAGGING.lang = (getattr(document.metadata, "lang", None) or "").lower()
    for page, stream in zip(document.pages, page_streams):
        _margin_content_as_artifacts(page._page_box, stream)
    return _ORIGINAL_TAGS[0](pdf, document, pdf_version, page_streams)


_add_tags._unakn = True


def _tag_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    return _build_box_tree(_ORIGINAL_TAGS[1], box, parent, pdf, page_number, nums, annotations,
                           tags, getattr(_TAGGING, "lang", ""))


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _margin_content_as_artifacts(page_box, stream) -> None:
    """Turn the marked content of the page's margin boxes into pagination artifacts, renumber
    the other marked-content ids of the page (0, 1, 2, ... in stream order, as the parent tree
    needs) and drop the margin boxes from the stream's tag map."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    tags = getattr(stream, "_tags", None)
    if not tags:
        return
    margin: dict = {}
    for child in page_box.children:
        if isinstance(child, boxes.MarginBox):
            kind = "/Header" if child.at_keyword.startswith("@top") else \
                "/Footer" if child.at_keyword.startswith("@bottom") else None
            for b in _descendants(child):
                if b in tags:
                    margin[tags[b]["mcid"]] = (b, kind)
    if not margin:
        return
    ops = stream.stream
    by_mcid = {op["MCID"]: i for i, op in enumerate(ops)
               if isinstance(op, pydyf.Dictionary) and "MCID" in op}
    if not set(margin) <= set(by_mcid):
        return                        # drawn somewhere else (a group): leave the page as it is
    renumber: dict = {}
    for mcid, i in sorted(by_mcid.items(), key=lambda kv: kv[1]):
        if mcid in margin:
            _, kind = margin[mcid]
            ops[i - 1] = "/Artifact"
            props = {"Type": "/Pagination"}
            if kind:
                props["Subtype"] = kind
            ops[i] = pydyf.Dictionary(props)
        else:
            renumber[mcid] = len(renumber)
            ops[i]["MCID"] = renumber[mcid]
    for b, _ in margin.values():
        del tags[b]
    for entry in tags.values():
        entry["mcid"] = renumber.get(entry["mcid"], entry["mcid"])


def _build_box_tree(original, box, parent, pdf, page_number, nums, annotations, tags,
                    doc_lang: str):
    """WeasyPrint's ``_build_box_tree`` with margin boxes left out when their content is an
    artifact, footnotes as ``Note`` (with ``ID``) and their numbers as ``Lbl``, and ``Lang``
    where an element's language differs from the document's."""
    import pydyf
    from weasyprint.formatting_structure import boxes
    if isinstance(box, boxes.MarginBox) and not any(b in tags for b in _descendants(box)):
        return
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", None) or ""
    for struct in original(box, parent, pdf, page_number, nums, annotations, tags):
        if element is not None and isinstance(box, boxes.BlockBox) and tag == "span" and \
                "footnote" in (element.get("class") or "").split() and \
                parent.get("S") != "/Note":
            struct["S"] = "/Note"
            note_id = element.get("id") or f"note-{id(element)}"
            struct["ID"] = pydyf.String(f"{note_id}-p{page_number + 1}")
        elif tag.endswith("::footnote-marker") and struct.get("S") == "/NonStruct":
            struct["S"] = "/Lbl"
        lang = element.get("lang") if element is not None and "::" not in tag else None
        if lang and lang.lower() != doc_lang and tag != "html":
            struct["Lang"] = pydyf.String(lang)
        yield struct


def render_pdf(tree_or_bytes, *, paper: str = "a4", pdfa: bool = False,
               source: str | None = None) -> bytes:
    """Render AKN (bytes, path, or lxml tree) to PDF bytes in the UN layout.

    ``paper``: ``a4`` or ``letter``. ``pdfa``: PDF/A-3b instead of PDF/UA-1.
    Raises :class:`converter.errors.UnaknError` subclasses naming ``source`` on failure.
    """
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, not {paper!r}")
    html, _ = pdf_html(tree_or_bytes, paper=paper, source=source)
    return write(layout(html, source=source), pdfa=pdfa, source=source)


def load_input(path: str):
    """An input for ``unakn pdf``/``volume`` as ``(lxml tree, source name)``: ``.txt`` files are
    converted first (with every check), anything else is read as AKN XML (``-``: stdin)."""
    import sys
    from converter.pipeline import convert_text
    if path == "-":
        data, source = sys.stdin.buffer.read(), "<stdin>"
    else:
        source = path
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise PdfError(f"cannot read: {exc.strerror or exc}", source=path) from None
    if path.lower().endswith(".txt"):
        return convert_text(data, source).tree, source
    return parse_xml(data, source=source), source

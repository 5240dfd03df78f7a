"""AKN XML to one accessible, self-contained HTML5 page.

The renderer reads Akoma Ntoso only (never the converter's internal model), so it renders AKN from
any source. It works in two steps:

1. :class:`_Builder` walks the lxml tree once and makes a light tree of :class:`Node` objects
   (``kind`` = the AKN construct, or a few page-level kinds), resolving ids, links, footnotes,
   heading levels and the masthead facts on the way. Elements it does not know keep their
   content and are reported in :attr:`RenderedPage.unknown`.
2. Jinja2 templates (``templates/html/``: a page layout and one macro per construct, autoescape
   on, loaded once per process) turn that tree into HTML.

``media="screen"`` (default) gives a web page with end notes; ``media="print"`` gives the same
text with the notes in place (for CSS paged media such as WeasyPrint's ``float: footnote``) and
the print stylesheet.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import markupsafe
from lxml import etree

from converter import AKN_NS, TEMPLATES_DIR
from converter.akn.xmlio import parse_xml
from converter.render.labels import RTL_LANGUAGES, bcp47, labels_for, outcome_label
from converter.render.links import DEFAULT_RESOLVER, Resolver, safe_url

_A = f"{{{AKN_NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA = ("screen", "print")

# --- what each AKN element becomes -------------------------------------------------------------
#: Document types: a page, or a sub-document (annex, component) inside one.
DOC_TYPES = frozenset("""statement doc act bill amendment amendmentList debate debateReport
    judgment officialGazette documentCollection portion""".split())
#: Hierarchical containers: a section with a heading in the outline.
HIER = frozenset("""section part chapter title subtitle division subdivision book tome article
    clause subclause subsection hcontainer level rule subrule proviso subchapter subpart
    transitional miscellaneous alinea""".split())
#: Block wrappers that render as a ``div`` around their children.
BLOCKS = frozenset("""preamble mainBody body judgmentBody debateBody amendmentBody collectionBody
    conclusions content intro wrapUp wrap formula recitals longTitle blockContainer
    quotedStructure embeddedStructure subFlow container citations citation
    attachments attachment components component listIntroduction listWrapUp""".split())
#: Inline wrappers that render as a ``span`` with a class naming the construct.
INLINE_SPANS = frozenset("""docNumber docTitle docType docAuthority docStatus docProponent
    docCommittee docPurpose docStage docJurisdiction docIntroducer legislature session
    shortTitle location event organization person role term concept object entity quantity
    def signature rref mref placeholder marker process argument affectedDocument relatedDocument
    opinion vote outcome courtType neutralCitation party judge lawyer change fillIn decoration
    listWrapUp""".split())
#: Inline elements with an HTML element of the same meaning.
HTML_INLINE = {"i": "i", "b": "b", "u": "u", "sup": "sup", "sub": "sub", "del": "del",
               "ins": "ins", "abbr": "abbr", "span": "span"}
#: Elements that carry no reading text (metadata) and are not rendered.
SKIPPED = frozenset({"meta", "eop", "componentRef"})
#: Elements whose children are one paragraph-like unit with a permalink.
PERMALINKED = frozenset({"paragraph", "container", "recital", "crossHeading"})
#: ``span class`` / ``inline name`` values with a visual meaning in UN files.
_CLASS_FLAGS = {"italic": "italic", "bold": "bold", "underline": "underline",
                "smallcaps": "smallcaps"}
_WITH_EID = etree.XPath("//*[@eId][not(ancestor-or-self::a:meta)]", namespaces={"a": AKN_NS})
_NOTES = etree.XPath("//a:authorialNote[not(ancestor::a:meta)] | //a:note[not(ancestor::a:meta)]",
                     namespaces={"a": AKN_NS})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
_WS = re.compile(r"\s+")


class Node:
    """One construct in the light tree the templates walk: ``kind`` (which macro), ``id``,
    ``cls`` (HTML class), ``link`` (permalink text, if any), ``a`` (other attributes of the
    construct) and ``c`` (children: nodes and strings)."""

    __slots__ = ("kind", "id", "cls", "link", "a", "c")

    def __init__(self, kind: str, c: list | None = None, id: str | None = None,
                 cls: str | None = None, **a):
        self.kind = kind
        self.id = id
        self.cls = cls
        self.link = None
        self.a = a
        self.c = c if c is not None else []

    def __repr__(self) -> str:
        return f"Node({self.kind!r}, id={self.id!r}, {len(self.c)} children)"


@dataclass
class Unknown:
    """An element the renderer does not know: its content was rendered, its tag reported."""
    tag: str
    line: int | None


@dataclass
class _Note:
    id: str
    marker: str
    label: str
    content: list = field(default_factory=list)
    refs: list = field(default_factory=list)


@dataclass
class RenderedPage:
    """The result of rendering: the HTML text and what the caller may want to report."""
    html: str
    lang: str
    title: str
    unknown: list[Unknown]
    notes: int
    headings: list[tuple[int, str, str]]
    """(level, id, text) of every heading below the h1, in document order."""


def _local(el) -> str:
    tag = el.tag
    return tag[len(_A):] if tag.startswith(_A) else ""


def _text(el) -> str:
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _safe_id(value: str) -> str:
    return _WS.sub("_", value.strip())


class _Builder:
    """Walks one AKN tree and makes the page model (see module docstring)."""

    def __init__(self, root, *, media: str, resolver: Resolver | None, labels_lang: str,
                 rewrite_url: Resolver | None = None):
        self.root = root
        self.print = media == "print"
        self.resolver = resolver or DEFAULT_RESOLVER
        self.rewrite_url = rewrite_url
        self.lang = labels_lang
        self.labels = labels_for(labels_lang)
        self.unknown: list[Unknown] = []
        self.used_ids: set[str] = set(_PAGE_IDS)
        self.id_of: dict = {}          # element -> html id
        self.eid_map: dict[str, str] = {}  # AKN eId -> html id (first occurrence)
        self.notes: dict = {}          # authorialNote element -> _Note
        self.note_by_eid: dict[str, _Note] = {}
        self.note_order: list[_Note] = []
        self.headings: list[tuple[int, str, str]] = []
        self.level = 1
        self.structural = False       # any section/annex/component heading: show a contents
        self.editorial = False        # any editorial mark (an inferred label): explain them
        self.toc_text: dict[str, str] = {}  # heading id -> fuller name for the contents
        self.link_depth = 0
        self._scan()

    # ---- ids -------------------------------------------------------------------------------
    def unique_id(self, wanted: str) -> str:
        base = _safe_id(wanted) or "x"
        candidate, n = base, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}-{n}"
        self.used_ids.add(candidate)
        return candidate

    def _scan(self) -> None:
        """Give every element with an eId its HTML id, and number the footnotes, up front (so
        that links and ``noteRef`` may point forwards). Metadata is not walked."""
        for el in _WITH_EID(self.root):
            html_id = self.unique_id(el.get("eId"))
            self.id_of[el] = html_id
            self.eid_map.setdefault(el.get("eId"), html_id)
        for n, el in enumerate(_NOTES(self.root), 1):
            note_id = self.id_of.get(el) or self.unique_id(f"note-{n}")
            note = _Note(id=note_id, marker=(el.get("marker") or str(n)).strip() or str(n),
                         label=self.labels["note"])
            self.notes[el] = note
            if el.get("eId"):
                self.note_by_eid.setdefault(el.get("eId"), note)

    # ---- walking ---------------------------------------------------------------------------
    def children(self, el, inline: bool) -> list:
        """Text and nodes of ``el`` in order; outside inline content, blank text is dropped."""
        out: list = []
        text = el.text
        if text and (inline or not text.isspace()):
            out.append(text)
        for child in el:
            if isinstance(child.tag, str):
                node = self.node(child, inline)
                if node is None:
                    pass
                elif node.kind == "a" and out and _same_link(out[-1], node):
                    out[-1].c.extend(node.c)     # one link split into pieces by the source
                else:
                    if node.kind == "a" and node.a.get("blank"):
                        node.kind, node.cls = "span", "akn-unlinked"  # nothing to name it
                    out.append(node)
            text = child.tail
            if text and (inline or not text.isspace()):
                out.append(text)
        return out

    def node(self, el, inline: bool):
        name = _local(el)
        if name in SKIPPED:
            return None
        handler = _HANDLERS.get(name)
        if handler is not None:
            return handler(self, el, inline)
        if name in HIER:
            return self.hier(el, inline)
        if name in BLOCKS:
            return self.block(el, name, inline)
        if name in INLINE_SPANS:
            return Node("span", self.children(el, True), self.id_of.get(el), cls="akn-" + name)
        if name in HTML_INLINE:
            return Node(HTML_INLINE[name], self.children(el, True), self.id_of.get(el))
        if name in DOC_TYPES:
            return self.subdoc(el, inline)
        return self.unknown_node(el, inline)

    def append_block(self, body: list, child, inline: bool) -> None:
        """Append a child's node, and its tail when the tail is more than blank."""
        node = self.node(child, inline)
        if node is not None:
            body.append(node)
        if child.tail and child.tail.strip():
            body.append(child.tail)

    def unknown_node(self, el, inline: bool) -> Node:
        q = etree.QName(el)
        tag = q.localname if q.namespace in (AKN_NS, None) \
            else f"{{{q.namespace}}}{q.localname}"
        self.unknown.append(Unknown(tag, el.sourceline))
        has_blocks = any(isinstance(c.tag, str) and _local(c) in _BLOCKISH for c in el)
        kind = "div" if has_blocks and not inline else "span"
        return Node(kind, self.children(el, inline or kind == "span"), self.id_of.get(el),
                    cls="akn-unknown")

    def block(self, el, name: str, inline: bool) -> Node:
        kind = "span" if inline else "div"
        node = Node(kind, self.children(el, inline), self.id_of.get(el), cls="akn-" + name)
        if name in PERMALINKED and not inline:
            self.permalink(node, el)
        return node

    def permalink(self, node: Node, el) -> None:
        if node.id is None:
            return
        num = el.find(_A + "num")
        label = _text(num) if num is not None else el.get("name") or \
            _inferred_label(el.get("eId")) or node.id
        node.link = self.labels["permalink"].format(n=label)

    # ---- structure -------------------------------------------------------------------------
    def heading_node(self, parts: list, level: int, id_hint: str) -> Node:
        """A heading whose text is known now; it takes its place in the outline."""
        return self.fill_heading(self.reserve_heading(level, id_hint), parts)

    def reserve_heading(self, level: int, id_hint: str) -> list:
        """Take the next place in the outline for a heading whose text comes later (a section's
        heading is known before, but built after, its content)."""
        entry = [level, self.unique_id(id_hint + "-h"), ""]
        self.headings.append(entry)
        return entry

    def fill_heading(self, entry: list, parts: list) -> Node:
        entry[2] = _WS.sub(" ", "".join(_plain(p) for p in parts)).strip()
        return Node("heading", parts, entry[1], level=entry[0])

    def hier(self, el, inline: bool) -> Node:
        """A hierarchical container: a ``section`` whose heading is its num/heading/subheadings
        (one outline level deeper), or a plain ``div`` when it has none."""
        first = next((c for c in el if isinstance(c.tag, str)), None)
        titled = first is not None and _local(first) in _HEAD_PARTS
        heads: list = []
        body: list = []
        hid = self.id_of.get(el) or self.unique_id(_local(el))
        if titled:
            self.level += 1
            entry = self.reserve_heading(self.level, hid)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if titled and not body and _local(child) in _HEAD_PARTS:
                heads.append(Node("span", self.children(child, True), cls="akn-" + _local(child)))
                heads.append(" ")
            else:
                self.append_block(body, child, inline)
                continue
            if child.tail and child.tail.strip():
                body.append(child.tail)
        if not titled:
            return Node("div", body, hid, cls="akn-" + _local(el))
        self.level -= 1
        self.structural = True
        heading = self.fill_heading(entry, heads[:-1])
        return Node("section", body, hid, heading=heading, cls="akn-" + _local(el))

    def paragraph(self, el, inline: bool) -> Node:
        """``paragraph`` (and ``point``/``item``): a number, then content, lists, headings."""
        num: list | None = None
        body: list = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = _local(child)
            if name == "num" and num is None:
                num = self.children(child, True)
            elif name in ("heading", "subheading"):
                body.append(self.heading_node(self.children(child, True), self.level + 1,
                                              self.id_of.get(el) or "h"))
            else:
                self.append_block(body, child, inline)
                continue
            if child.tail and child.tail.strip():
                body.append(child.tail)
        num = self.marked_num(el, num)
        kind = "point" if _local(el) in ("point", "item", "indent", "alinea") else "paragraph"
        node = Node(kind, body, self.id_of.get(el), num=num, cls="akn-" + _local(el))
        if kind == "paragraph":
            self.permalink(node, el)
        return node

    def marked_num(self, el, num: list | None) -> list | None:
        """A number the converter declared irregular (``class`` on the paragraph or point) gets
        an editorial mark: grey text in square brackets, generated by CSS from ``data-mark`` (so
        it is never copied or read as the document's words), with a visually hidden note.
        ``labelLost``/``numberLost``: no number printed; the label its place implies (the last
        part of the eId) is the mark. ``numberMisread``: the printed number is kept, the number
        it stands for is the mark under it. ``numberGap``: the numbers before it are missing
        (mark ``…`` under the number)."""
        marks = set((el.get("class") or "").split())
        if not marks & {"labelLost", "numberLost", "numberMisread", "numberGap"}:
            return num
        inferred = _inferred_label(el.get("eId"))
        if num is None and marks & {"labelLost", "numberLost"}:
            self.editorial = True
            note = self.labels["label_inferred"].format(n=inferred) if inferred \
                else self.labels["label_lost"]
            return [Node("mark", [], None, mark=inferred or "?", note=self.note(note),
                         cls="akn-inferred")]
        if num is not None and "numberMisread" in marks and inferred and \
                _label_core(_WS.sub("", "".join(_plain(p) for p in num))) != inferred.lower():
            self.editorial = True
            return num + [Node("mark", [], None, mark=inferred,
                               note=self.note(self.labels["number_misread"].format(n=inferred)))]
        if num is not None and "numberGap" in marks:
            self.editorial = True
            return num + [Node("mark", [], None, mark="…",
                               note=self.note(self.labels["number_gap"]))]
        return num

    def note(self, text: str) -> str | None:
        return None if self.print else text

    def list_(self, el, inline: bool) -> Node:
        """list, sublist, blockList: intro, the labelled points (anything else between points,
        such as a sublist, becomes an unlabelled entry in place), then the wrap-up."""
        nodes = [n for n in (self.node(c, inline) for c in el if isinstance(c.tag, str))
                 if n is not None]
        points = [i for i, n in enumerate(nodes) if n.kind == "point"]
        if not points:
            return Node("div", nodes, self.id_of.get(el), cls="akn-" + _local(el))
        first, last = points[0], points[-1]
        items = [n if n.kind == "point" else Node("point", [n], num=None, cls="akn-nested")
                 for n in nodes[first:last + 1]]
        return Node("list", items, self.id_of.get(el), before=nodes[:first],
                    after=nodes[last + 1:], cls="akn-" + _local(el))

    def p(self, el, inline: bool) -> Node:
        if not inline and any(_local(c) in _STRUCTURES and _holds_blocks(c) for c in el):
            return self.p_with_structure(el)
        return Node("span" if inline else "p", self.children(el, True), self.id_of.get(el),
                    cls="akn-p" if inline else _safe_class(el))

    def p_with_structure(self, el) -> Node:
        """A paragraph holding a whole document (a declaration adopted in an operative
        paragraph): its text runs as paragraphs, the structure laid out as blocks between them,
        since HTML cannot hold blocks inside a ``p``."""
        out: list = []
        run = etree.Element(el.tag)
        run.text = el.text

        def flush():
            parts = self.children(run, True)
            if any(not isinstance(p, str) or p.strip() for p in parts):
                out.append(Node("p", parts, None, cls="akn-p"))

        for child in el:
            if isinstance(child.tag, str) and _local(child) in _STRUCTURES and _holds_blocks(child):
                flush()
                out.append(Node("div", self.children(child, False), self.id_of.get(child),
                                cls="akn-" + _local(child)))
                run = etree.Element(el.tag)
                run.text = child.tail
            else:
                run.append(copy.deepcopy(child))
        flush()
        return Node("div", out, self.id_of.get(el), cls="akn-p-holder")

    def cross_heading(self, el, inline: bool) -> Node:
        node = Node("span" if inline else "p", self.children(el, True), self.id_of.get(el),
                    cls="akn-crossHeading")
        if not inline:
            self.permalink(node, el)
        return node

    def heading_el(self, el, inline: bool) -> Node:
        """A ``heading``/``subheading`` outside hierarchical containers."""
        if inline:
            return Node("span", self.children(el, True), self.id_of.get(el), cls="akn-heading")
        return self.heading_node(self.children(el, True), self.level + 1,
                                 self.id_of.get(el) or "h")

    def num(self, el, inline: bool) -> Node:
        return Node("span", self.children(el, True), self.id_of.get(el), cls="akn-num")

    # ---- inline ----------------------------------------------------------------------------
    def span(self, el, inline: bool) -> Node:
        flags = _flags(el.get("class", ""))
        if el.get("name", "").lower() == "smallcaps" or "small-caps" in el.get("style", ""):
            flags.add("smallcaps")
        kids = self.children(el, True)
        node = Node("emph", kids, self.id_of.get(el), italic="italic" in flags,
                    bold="bold" in flags, cls=" ".join(
                        "akn-" + f for f in sorted(flags - {"italic", "bold"})) or None)
        if not flags:
            node.kind = "span"
            node.cls = "akn-" + _local(el)
        return node

    def link(self, el, inline: bool) -> Node:
        href = (el.get("href") or "").strip()
        url = None
        if href.startswith("#"):
            url = "#" + fragment(self.eid_map[href[1:]]) if href[1:] in self.eid_map else None
        elif href.startswith("/akn/"):
            url = _checked(self.resolver(href))
        else:
            url = safe_url(href)
            if url is not None and self.rewrite_url is not None:
                url = _checked(self.rewrite_url(url)) or url
        if url is not None and self.link_depth == 0:
            self.link_depth += 1
            kids = self.children(el, True)
            self.link_depth -= 1
            blank = not "".join(el.itertext()).strip()
            return Node("a", kids, self.id_of.get(el), href=url, blank=blank)
        return Node("span", self.children(el, True), self.id_of.get(el), cls="akn-unlinked")

    def document_ref(self, el, inline: bool) -> Node:
        href = (el.get("href") or "").strip().lstrip("#")
        text = el.get("showAs") or href
        target = self.eid_map.get(href)
        if target:
            return Node("a", [text], self.id_of.get(el), href="#" + fragment(target))
        return Node("span", [text], self.id_of.get(el), cls="akn-documentRef")

    def time(self, el, inline: bool) -> Node:
        value = (el.get("date") or "").strip()
        kids = self.children(el, True)
        if _DATE.match(value):
            try:
                date.fromisoformat(value)
            except ValueError:
                value = ""
        else:
            value = ""
        return Node("time", kids, self.id_of.get(el), datetime=value or None)

    def eol(self, el, inline: bool) -> Node:
        return Node("br")

    def img(self, el, inline: bool):
        """Images are never fetched or embedded (the UN emblem is protected); alt text stays."""
        alt = (el.get("alt") or "").strip()
        return Node("span", [alt], cls="akn-img") if alt else None

    def inline(self, el, inline: bool) -> Node:
        return self.span(el, inline)

    def authorial_note(self, el, inline: bool) -> Node:
        note = self.notes[el]
        note.content = self.children(el, self.print)
        if note not in self.note_order:
            self.note_order.append(note)
        return self.noteref(note)

    def noteref(self, note: _Note) -> Node:
        ref_id = self.unique_id(f"ref-{note.id}")
        note.refs.append(ref_id)
        kind = "footnote" if self.print and len(note.refs) == 1 else "noteref"
        return Node(kind, note.content if kind == "footnote" else [], ref_id, note=note)


    def note_ref(self, el, inline: bool) -> Node:
        href = (el.get("href") or "").strip().lstrip("#")
        note = self.note_by_eid.get(href)
        if note is None:
            marker = el.get("marker") or href
            target = self.eid_map.get(href)
            if target:
                return Node("a", [marker], self.id_of.get(el), href="#" + fragment(target))
            return Node("span", [marker], self.id_of.get(el), cls="akn-noteRef")
        return self.noteref(note)

    def table(self, el, inline: bool) -> Node:
        return Node("table", self.children(el, False), self.id_of.get(el))

    def cell(self, el, inline: bool) -> Node:
        span = {k: el.get(k) for k in ("rowspan", "colspan") if (el.get(k) or "").isdigit()}
        return Node(_local(el), self.children(el, False), self.id_of.get(el), **span)

    def subdoc(self, el, inline: bool) -> Node:
        """An annex (``attachment/doc``) or a component of a collection: its own heading."""
        level = self.level + 1
        parent = el.getparent()
        hint = self.id_of.get(el) or (self.id_of.get(parent) if parent is not None else None) \
            or _local(el)
        entry = self.reserve_heading(level, hint)
        title_parts, rest_preface = self.title_parts(el)
        self.level = level
        body = self.doc_body(el, rest_preface)
        votes = self.votes(el, hint)           # a part's own vote, a heading inside the part
        if votes is not None:
            body.append(votes)
        self.level = level - 1
        if not title_parts:
            title_parts = self.annex_title(body, el)
        heading = self.fill_heading(entry, title_parts)
        self.structural = True
        fuller = self.part_name(el, parent)
        if fuller and entry[2] and fuller != entry[2] and fuller.endswith(" " + entry[2]):
            self.toc_text[entry[1]] = fuller     # "A" is "Resolution A" in the collection
        return Node("section", body, self.id_of.get(el), heading=heading,
                    cls="akn-" + (el.get("name") or _local(el)))

    def part_name(self, el, parent) -> str | None:
        """How the collection names a part (``documentRef showAs`` pointing to it), if it does."""
        for target in (el, parent):
            eid = target.get("eId") if target is not None else None
            if eid:
                for ref in self.root.iter(_A + "documentRef"):
                    if (ref.get("href") or "").strip() == "#" + eid and ref.get("showAs"):
                        return _WS.sub(" ", ref.get("showAs")).strip()
        return None

    def annex_title(self, body: list, el) -> list:
        """An annex's first block, when it is only a heading, is the annex's title."""
        blocks = body
        while blocks and isinstance(blocks[0], Node) and blocks[0].kind == "div":
            blocks = blocks[0].c             # mainBody and similar wrappers
        first = blocks[0] if blocks else None
        if isinstance(first, Node) and first.kind == "paragraph" and first.a["num"] is None \
                and len(first.c) == 1 and isinstance(first.c[0], Node) \
                and first.c[0].kind == "heading":
            head = first.c[0]
            self.headings = [h for h in self.headings if h[1] != head.id]
            del blocks[0]
            return head.c
        label = self.labels["annex"] if (el.get("name") or "").lower() == "annex" \
            else (el.get("name") or self.labels["document"])
        return [label]

    def title_parts(self, el) -> tuple[list, list]:
        """Split a document's preface into its title (number, type, title) and the rest."""
        preface = el.find(_A + "preface")
        title: list = []
        rest: list = []
        if preface is None:
            return title, rest
        for child in preface:
            if not isinstance(child.tag, str):
                continue
            is_title = _local(child) in ("longTitle", "docTitle", "docNumber") or (
                child.find(".//" + _A + "docTitle") is not None
                or child.find(".//" + _A + "docNumber") is not None
                or (_local(child) == "container" and child.get("name") == "title"))
            if is_title:
                if title:
                    title.append(Node("br"))
                title.extend(self.title_inline(child))
            else:
                node = self.node(child, False)
                if node is not None:
                    rest.append(node)
        return title, rest

    def title_inline(self, el) -> list:
        """A title block's content as inline nodes (block children become spans)."""
        out: list = []
        for node in self.children(el, True):
            out.append(node)
        return out

    def doc_body(self, el, preface_rest: list) -> list:
        body = list(preface_rest)
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = _local(child)
            if name in ("meta", "preface", "coverPage"):
                continue
            node = self.node(child, False)
            if node is not None:
                body.append(node)
        cover = el.find(_A + "coverPage")
        if cover is not None and el is not self.root_doc:
            body.insert(0, Node("div", self.children(cover, False), cls="akn-coverPage"))
        return body

    # ---- voting ----------------------------------------------------------------------------
    def votes(self, el, id_hint: str | None = None) -> Node | None:
        """meta/analysis/parliamentary/voting with counts, as a table; None if there are none."""
        voting = el.find(f"{_A}meta/{_A}analysis/{_A}parliamentary/{_A}voting")
        if voting is None:
            return None
        rows = []
        for count in voting.iter(_A + "count"):
            key = (count.get("refersTo") or "").lstrip("#")
            names = [_text(v) for v in count.iter(_A + "organization", _A + "person", _A + "party")]
            rows.append((outcome_label(key, self.labels) if key else "",
                         count.get("value") or str(len(names)), ", ".join(n for n in names if n)))
        if not rows:
            return None
        quorum = voting.find(_A + "quorum")
        quorum_value = (quorum.get("value") or "").strip() if quorum is not None else ""
        outcome = voting.get("outcome")
        level = self.level + 1
        heading = self.heading_node([self.labels["voting"]], level,
                                    (self.id_of.get(el) or id_hint or "doc") + "-voting")
        return Node("votes", [], None, heading=heading, rows=rows, quorum=quorum_value,
                    labels=self.labels,
                    outcome=outcome_label(outcome, self.labels) if outcome else None)

    def vote_outcome(self, el) -> str | None:
        voting = el.find(f"{_A}meta/{_A}analysis/{_A}parliamentary/{_A}voting")
        if voting is None or not voting.get("outcome"):
            return None
        return outcome_label(voting.get("outcome"), self.labels)

    # ---- the page --------------------------------------------------------------------------
    def page(self) -> dict:
        root = self.root
        doc = next((c for c in root if isinstance(c.tag, str) and _local(c) in DOC_TYPES), None)
        if doc is None:
            doc = root
        self.root_doc = doc
        facts, before, after, cover_title = self.masthead(doc)
        title_parts, preface_rest = self.title_parts(doc)
        if not title_parts and cover_title is not None:
            title_parts = cover_title
        if not title_parts:
            symbol = next((f[1] for f in facts if f[0] == self.labels["symbol"]), None)
            title_parts = [_WS.sub(" ", "".join(_plain(p) for p in symbol[0])).strip()
                           if symbol else self.labels["document"]]
        h1 = Node("heading", title_parts, "title", level=1)
        body = self.doc_body(doc, preface_rest)
        for child in (root if doc is not root else ()):
            if child is not doc and isinstance(child.tag, str):
                node = self.node(child, False)
                if node is not None:
                    body.append(node)
        votes = self.votes(doc)
        if votes is not None:
            body.append(votes)
        notes = [n for n in self.note_order if n.refs] if not self.print else []
        return {"facts": facts, "before": before, "after": after, "h1": h1, "body": body,
                "notes": notes,
                "title_text": _WS.sub(" ", "".join(_plain(p) for p in title_parts)).strip()}

    def masthead(self, doc) -> tuple[list, list, list, list | None]:
        """The cover page as (facts for a ``dl``, lines before and after the facts, the title
        line when there is no preface title)."""
        facts: dict[str, list] = {}
        before: list = []
        after: list = []
        cover_title = None
        cover = doc.find(_A + "coverPage")
        has_preface_title = bool(doc.find(_A + "preface") is not None and (
            doc.find(f"{_A}preface//{_A}docTitle") is not None
            or doc.find(f"{_A}preface//{_A}docNumber") is not None))
        if cover is not None:
            for block in cover:
                if not isinstance(block.tag, str):
                    continue
                key = _fact_key(block)
                if key == "title" and cover_title is None and not has_preface_title:
                    cover_title = self.title_inline(block)
                    continue
                if key in ("title", "publisher", None):
                    node = self.node(block, False)
                    if node is not None:
                        (before if key == "publisher" else after).append(node)
                    continue
                value = self.children(block, True) if _local(block) == "p" else [
                    self.node(block, True)]
                facts.setdefault(key, []).append([v for v in value if v is not None])
        adoption = doc.find(f"{_A}meta/{_A}identification/{_A}FRBRWork/{_A}FRBRdate")
        if adoption is not None and _DATE.match(adoption.get("date", "")) and \
                adoption.get("name") in ("adoption", None):
            facts.setdefault("adopted", []).insert(0, [Node(
                "time", [self.date_text(adoption.get("date"))],
                datetime=adoption.get("date"))])
        elif adoption is not None and adoption.get("name") == "adoptionYear" and \
                _YEAR.match(adoption.get("date", "")):
            year = adoption.get("date")[:4]      # only the year is known: never show a day
            facts.setdefault("adopted", []).insert(0, [Node("time", [year], datetime=year)])
        if "symbol" not in facts and not _prints_number(doc):
            number = doc.find(f"{_A}meta/{_A}identification/{_A}FRBRWork/{_A}FRBRnumber")
            if number is not None and (number.get("value") or "").strip():
                facts["symbol"] = [[number.get("value").strip()]]
        if "organ" not in facts:
            organ = self.organ_from_meta(doc)
            if organ:
                facts["organ"] = [[organ]]
        outcome = self.vote_outcome(doc)
        if outcome:
            facts.setdefault("vote", []).append([outcome])
        order = ("organ", "symbol", "doc_type", "adopted", "session", "agenda_item", "vote",
                 "distribution", "issued")
        dl = [(self.labels[k], facts[k]) for k in order if k in facts]
        return dl, before, after, cover_title

    def date_text(self, iso: str) -> str:
        """The document's own words for a date (from a docDate), else the ISO date."""
        for el in self.root.iter(_A + "docDate", _A + "date"):
            if el.get("date") == iso and _text(el):
                return _text(el)
        return iso

    def organ_from_meta(self, doc) -> str | None:
        author = doc.find(f"{_A}meta/{_A}identification/{_A}FRBRWork/{_A}FRBRauthor")
        if author is None:
            return None
        ref = (author.get("href") or "").lstrip("#")
        for org in doc.iter(_A + "TLCOrganization"):
            if org.get("eId") == ref:
                return org.get("showAs")
        return None


def _prints_number(doc) -> bool:
    """Whether the document's text prints its number (a docNumber in its cover or preface)."""
    return doc.find(f"{_A}coverPage//{_A}docNumber") is not None or \
        doc.find(f"{_A}preface//{_A}docNumber") is not None


def _fact_key(block) -> str | None:
    """Which masthead fact a cover page line states, by the AKN element it holds."""
    for el in block.iter():
        if not isinstance(el.tag, str):
            continue
        name = _local(el)
        refers = (el.get("refersTo") or "").lstrip("#")
        if name == "docNumber":
            return "symbol"
        if name == "docAuthority":
            return "organ" if refers == "issuingBody" else "publisher"
        if name == "docStatus":
            return "distribution"
        if name == "docDate":
            return "issued"
        if name == "session":
            return "session"
        if name == "docType":
            return "doc_type"
        if name == "inline" and el.get("name") in ("agenda item", "agenda item name"):
            return "agenda_item"
        if name == "docTitle":
            return "title"
    return None


#: Subflows that may hold a whole structure inside a paragraph's text.
_STRUCTURES = frozenset({"embeddedStructure", "quotedStructure"})


def _holds_blocks(el) -> bool:
    return any(isinstance(c.tag, str) and _local(c) in _BLOCKISH for c in el)


def _inferred_label(eid: str | None) -> str | None:
    """The label an eId gives an element (``sec_1__para_1__list_1__point_b`` -> ``b``)."""
    last = (eid or "").rsplit("__", 1)[-1]
    _, sep, label = last.partition("_")
    return label if sep and label else None


def _label_core(label: str) -> str:
    """A label's letters and digits, digits of any script as ASCII (``١-`` -> ``1``)."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c.lower()
                   for c in label if c.isalnum())


def _flags(classes: str) -> set[str]:
    return {_CLASS_FLAGS[c.lower()] for c in classes.split() if c.lower() in _CLASS_FLAGS}


def _safe_class(el) -> str | None:
    """``p class`` values worth keeping (alignment), as fixed class names."""
    c = (el.get("class") or "").lower()
    return "akn-center" if "center" in c else None


def _checked(url: str | None) -> str | None:
    """A resolver's answer, if it is an http(s) URL or a plain relative page (``x.html#id``)."""
    if url is None:
        return None
    return safe_url(url) or (url if _LOCAL_PAGE.match(url) else None)


_LOCAL_PAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.html(?:#[A-Za-z0-9._-]+)?$")


def _same_link(before, node: Node) -> bool:
    return before.__class__ is Node and before.kind == "a" and node.id is None \
        and before.a["href"] == node.a["href"]


def fragment(html_id: str) -> str:
    """An id as a URL fragment: percent-encoded where URLs do not allow the character."""
    return quote(html_id, safe=_FRAGMENT_SAFE)


_FRAGMENT_SAFE = "!$&'()*+,;=:@/?-._~"


def _plain(part) -> str:
    if isinstance(part, str):
        return part
    if part.kind == "br":
        return " "
    if part.kind in ("noteref", "footnote"):
        return ""
    return "".join(_plain(c) for c in part.c)


#: Ids the page layout uses itself.
_PAGE_IDS = frozenset({"main", "title", "toc-h", "notes-h"})
_HEAD_PARTS = frozenset({"num", "heading", "subheading"})
_BLOCKISH = BLOCKS | HIER | DOC_TYPES | {"p", "paragraph", "list", "blockList", "point", "item",
                                          "table", "heading", "subheading", "crossHeading"}

_HANDLERS = {
    "paragraph": _Builder.paragraph, "point": _Builder.paragraph, "item": _Builder.paragraph,
    "indent": _Builder.paragraph, "recital": _Builder.paragraph,
    "list": _Builder.list_, "sublist": _Builder.list_, "blockList": _Builder.list_,
    "p": _Builder.p, "crossHeading": _Builder.cross_heading,
    "heading": _Builder.heading_el, "subheading": _Builder.heading_el, "num": _Builder.num,
    "span": _Builder.span, "inline": _Builder.inline,
    "a": _Builder.link, "ref": _Builder.link, "documentRef": _Builder.document_ref,
    "date": _Builder.time, "docDate": _Builder.time,
    "eol": _Builder.eol, "br": _Builder.eol, "img": _Builder.img,
    "authorialNote": _Builder.authorial_note, "note": _Builder.authorial_note,
    "noteRef": _Builder.note_ref,
    "table": _Builder.table, "tr": _Builder.cell, "th": _Builder.cell, "td": _Builder.cell,
    "caption": _Builder.cell,
}


# ---- templates and CSS, loaded once per process ---------------------------------------------
@lru_cache(maxsize=None)
def template_environment() -> jinja2.Environment:
    """The Jinja2 environment over ``templates/`` (autoescape on), with the construct macros."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
        auto_reload=False)
    macros: dict = {}
    escape = markupsafe.escape

    def render(nodes) -> markupsafe.Markup:
        """Children to HTML: text escaped, each node through the macro of its kind."""
        return markupsafe.Markup("".join([
            escape(n) if n.__class__ is str else macros[n.kind](n) for n in nodes]))

    env.globals["render"] = render
    env.filters["fragment"] = fragment
    module = env.get_template("html/akn.html.j2").module
    for name in dir(module):
        if name.startswith("akn_"):
            macros[name[4:]] = getattr(module, name)
    env.get_template("html/page.html.j2")
    return env


@lru_cache(maxsize=None)
def stylesheet(media: str = "screen") -> str:
    """The CSS for a medium: ``css/base.css`` followed by ``css/<media>.css``."""
    if media not in MEDIA:
        raise ValueError(f"media must be one of {MEDIA}, not {media!r}")
    css_dir = Path(TEMPLATES_DIR) / "css"
    return (css_dir / "base.css").read_text(encoding="utf-8") + "\n" + \
        (css_dir / f"{media}.css").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _csp(media: str, inline_css: bool, scripts: bool = False) -> str:
    """Content-Security-Policy: nothing but the page's stylesheet (hashed when inlined) and,
    with ``scripts``, script files from the site itself (never inline script)."""
    if inline_css:
        digest = hashlib.sha256(stylesheet(media).encode("utf-8")).digest()
        style = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
    else:
        style = "'self'"
    script = " script-src 'self';" if scripts else ""
    return (f"default-src 'none';{script} style-src {style}; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'")


def site_csp() -> str:
    """The CSP of a site's index page: inlined screen CSS and the site's own script files."""
    return _csp("screen", True, scripts=True)


def document_language(root) -> str:
    """BCP 47 language of an AKN document, from FRBRlanguage (or xml:lang), ``en`` if absent."""
    lang = root.find(f".//{_A}FRBRExpression/{_A}FRBRlanguage")
    if lang is not None and lang.get("language"):
        return bcp47(lang.get("language"))
    for el in root.iter():
        if isinstance(el.tag, str) and el.get(_XML_LANG):
            return bcp47(el.get(_XML_LANG))
    return "en"


def render_page(tree_or_bytes, *, media: str = "screen", inline_css: bool = True,
                resolver: Resolver | None = None, source: str | None = None,
                stylesheet_href: str = "unakn.css", rewrite_url: Resolver | None = None,
                site: dict | None = None) -> RenderedPage:
    """Render AKN (bytes, str, a path, or a parsed lxml tree/element) to one HTML page.

    ``resolver`` maps AKN IRIs in references to addresses (default: undocs.org by symbol);
    ``rewrite_url`` may replace http(s) links (a site points links to pages it has). Both may
    answer http(s) URLs or plain relative pages (``x.html``); anything else is not emitted.
    With ``inline_css=False`` the page links ``stylesheet_href`` instead of embedding the CSS.
    ``site`` adds a site navigation (keys ``index_href``, ``xml_href``, ``pdf_href``,
    ``languages``: ``[(bcp47, name, href)]``).
    Raises :class:`converter.errors.XMLInputError` for input that is not safe, well-formed AKN.
    """
    if media not in MEDIA:
        raise ValueError(f"media must be one of {MEDIA}, not {media!r}")
    if isinstance(tree_or_bytes, etree._ElementTree):
        root = tree_or_bytes.getroot()
    elif isinstance(tree_or_bytes, etree._Element):
        root = tree_or_bytes
    else:
        root = parse_xml(tree_or_bytes, source=source).getroot()
    env = template_environment()
    lang = document_language(root)
    builder = _Builder(root, media=media, resolver=resolver, labels_lang=lang,
                       rewrite_url=rewrite_url)
    page = builder.page()
    html = env.get_template("html/page.html.j2").render(
        page=page, lang=lang, dir="rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr",
        labels=builder.labels, media=media,
        toc=_toc_tree(builder.headings, page["notes"], builder.labels, builder.toc_text)
        if builder.structural else None,
        css=stylesheet(media) if inline_css else None, stylesheet_href=stylesheet_href,
        csp=_csp(media, inline_css), source_iri=_expression_iri(root), site=site,
        editorial=builder.editorial)
    return RenderedPage(html=html, lang=lang, title=page["title_text"],
                        unknown=builder.unknown, notes=len(page["notes"]),
                        headings=[tuple(h) for h in builder.headings])


def render_html(tree_or_bytes, *, media: str = "screen", inline_css: bool = True,
                resolver: Resolver | None = None, source: str | None = None) -> str:
    """Render AKN to an HTML page and return its text (see :func:`render_page`)."""
    return render_page(tree_or_bytes, media=media, inline_css=inline_css, resolver=resolver,
                       source=source).html


def _expression_iri(root) -> str | None:
    el = root.find(f".//{_A}FRBRExpression/{_A}FRBRuri")
    return el.get("value") if el is not None else None


def _toc_tree(headings: list, notes: list, labels: dict, toc_text: dict | None = None) -> list:
    """Headings of levels 2 and 3 (and the notes) as a nested list ``[(id, text, [children])]``;
    ``toc_text`` may name a heading more fully in the contents (by heading id)."""
    tree: list = []
    toc_text = toc_text or {}
    for level, hid, text in headings:
        text = toc_text.get(hid, text)
        if level == 2:
            tree.append((hid, text, []))
        elif level == 3 and tree:
            tree[-1][2].append((hid, text, []))
    if notes:
        tree.append(("notes-h", labels["notes"], []))
    return tree

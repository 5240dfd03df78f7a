"""Akoma Ntoso back to plain text, in the UN's reading order.

:func:`render_text` writes any AKN document (ours or the UN's own files) as the plain text of the
resolution: cover page lines, preface, enacting formula, preambular and operative paragraphs,
lists, sections, conclusions, annexes and collection components, one paragraph per line and a
blank line between paragraphs. ``meta`` is skipped; every other element keeps its text (an element
this module does not know is written as its text, run on with the text around it).

Layout, chosen so that the converter reads the text back to the same structure:

- a ``num`` starts the line of what it numbers: ``1. Recognizes …``, ``(a) To promote …``,
  ``I. Global context …``;
- ``eol``/``br``/``eop`` end a line inside a paragraph (the conclusions' meeting and date lines);
- a footnote marker (``authorialNote`` or ``noteRef``) is written as its ``@marker`` glued to the
  text before it, as the UN's PDFs print it (``outcome document,7``); the note bodies go after a
  line of underscores, each as `` 7 Resolution 68/6.``, either once at the end (``notes="end"``) or
  after the paragraph that calls them (``notes="inline"``); a note without ``@marker`` is numbered
  by its position among the document's notes;
- table rows are one line each, cells separated by a tab.

Documents other than a ``statement`` (``act``, ``doc``, ``documentCollection`` …) are rendered on a
best-effort basis by the same rules, in document order: a ``documentCollection``'s components
follow its cover page and preface; ``documentRef`` has no text and writes nothing.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from converter.akn.xmlio import parse_xml

#: The line written before footnote bodies (as in the UN's extracted text).
NOTES_RULE = "__________________"

#: Elements of the AKN 3.0 schema's ``inlineCM`` group (plus the quoted elements inside ``mod``):
#: their text runs on inside the paragraph that holds them.
INLINE = frozenset({
    "a", "abbr", "affectedDocument", "argument", "authorialNote", "b", "br", "change", "concept",
    "courtType", "date", "decoration", "def", "del", "docAuthority", "docCommittee", "docDate",
    "docIntroducer", "docJurisdiction", "docNumber", "docProponent", "docPurpose", "docStage",
    "docStatus", "docTitle", "docType", "docketNumber", "embeddedStructure", "embeddedText",
    "entity", "eol", "eop", "event", "fillIn", "i", "img", "inline", "ins", "judge", "lawyer",
    "legislature", "location", "marker", "mmod", "mod", "mref", "neutralCitation", "noteRef",
    "object", "omissis", "opinion", "organization", "outcome", "party", "person", "placeholder",
    "process", "quantity", "recordedTime", "ref", "relatedDocument", "remark", "rmod", "role",
    "rref", "session", "shortTitle", "signature", "span", "sub", "subFlow", "sup", "term", "time",
    "u", "vote", "quotedText", "quotedStructure",
})
#: Blocks written as one line of text each.
LINE_BLOCKS = frozenset({
    "p", "heading", "subheading", "crossHeading", "listIntroduction", "listWrapUp", "num",
    "tocItem", "caption",
})
#: Blocks that, met inside inline content, are kept apart from the text around them by a space.
SEPARATE = LINE_BLOCKS | frozenset({
    "content", "intro", "wrapUp", "blockList", "item", "list", "point", "blockContainer", "tblock",
    "table", "tr", "td", "th", "ul", "ol", "li", "container", "longTitle",
})
LINE_BREAKS = frozenset({"eol", "br", "eop"})
NOTE_CALLS = frozenset({"authorialNote", "noteRef"})
SKIPPED = frozenset({"meta"})

_WHITESPACE = " \t\n\r\f\v"
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
#: Stands for a line break (``eol``) while a line is assembled; XML text cannot contain it.
_BREAK = "\x00"


@dataclass
class _Note:
    marker: str
    body: str


@dataclass
class _State:
    notes_mode: str
    notes: list[_Note] = field(default_factory=list)   # every note body, in reading order
    pending: list[_Note] = field(default_factory=list)  # bodies not yet written (inline mode)


def render_text(tree_or_bytes, *, notes: str = "end", source: str | None = None) -> str:
    """The resolution as plain text: one paragraph per line, blank lines between paragraphs.

    ``tree_or_bytes``: an lxml tree or element, XML bytes or str, or a :class:`~pathlib.Path`
    (read through the safe :func:`~converter.akn.xmlio.parse_xml`, which raises
    :class:`~converter.errors.XMLInputError` naming ``source``). ``notes``: ``"end"`` puts the
    footnote bodies after the text, ``"inline"`` after the paragraph that calls them.
    """
    if notes not in ("end", "inline"):
        raise ValueError(f"notes must be 'end' or 'inline', not {notes!r}")
    root = _root(tree_or_bytes, source)
    state = _State(notes)
    chunks: list[str] = []
    for block in _blocks(root, state):
        chunks.append(block)
        if state.pending:
            chunks.append(_notes_block(state.pending))
            state.pending = []
    if notes == "end" and state.notes:
        chunks.append(_notes_block(state.notes))
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _root(data, source: str | None) -> etree._Element:
    if isinstance(data, etree._ElementTree):
        return data.getroot()
    if isinstance(data, etree._Element):
        return data
    if isinstance(data, (bytes, bytearray, str, Path)):
        return parse_xml(bytes(data) if isinstance(data, bytearray) else data,
                         source=source).getroot()
    raise TypeError(f"expected an lxml tree, XML bytes or a Path, not {type(data).__name__}")


def _notes_block(notes: list[_Note]) -> str:
    return "\n".join([NOTES_RULE] + [f" {n.marker} {n.body}".rstrip() for n in notes])


def _local(el) -> str | None:
    """Local name of an element; None for comments and processing instructions."""
    if not isinstance(el.tag, str):
        return None
    return etree.QName(el).localname


# ---- blocks ----

def _blocks(el: etree._Element, state: _State):
    """Yield the lines (paragraphs) of ``el`` in reading order."""
    name = _local(el)
    if name is None or name in SKIPPED:
        return
    if name in LINE_BLOCKS and any(_local(c) in STRUCTURES for c in el):
        yield from _split_at_structures(el, state)
        return
    if name in LINE_BLOCKS or name in INLINE or _has_own_text(el):
        line = _line(el, state)
        if line:
            yield line
        return
    if name == "tr":
        cells = [_line(c, state).replace("\n", " ") for c in el if _local(c) in ("td", "th")]
        if any(cells):
            yield "\t".join(cells)
        return
    label = None
    for child in el:
        child_name = _local(child)
        if child_name == "num" and label is None:
            label = _line(child, state)
            continue
        for block in _blocks(child, state):
            if label:
                block, label = f"{label} {block}", None
            yield block
    if label:  # a num with nothing after it
        yield label


#: Whole structures inside a paragraph's text (a declaration adopted in an operative paragraph):
#: written as their own paragraphs between the text before and after them.
STRUCTURES = frozenset({"embeddedStructure", "quotedStructure"})


def _split_at_structures(el: etree._Element, state: _State):
    """The text of ``el`` around its embedded structures, each structure's blocks in between."""
    piece = etree.Element(el.tag)
    piece.text = el.text
    for child in el:
        if _local(child) in STRUCTURES:
            line = _line(piece, state)
            if line:
                yield line
            for grandchild in child:
                yield from _blocks(grandchild, state)
            piece = etree.Element(el.tag)
            piece.text = child.tail
        else:
            piece.append(copy.deepcopy(child))
    line = _line(piece, state)
    if line:
        yield line


def _has_own_text(el: etree._Element) -> bool:
    """Mixed content: text directly in ``el`` (not only in its children), or inline children."""
    if el.text and el.text.strip():
        return True
    for child in el:
        name = _local(child)
        if name in INLINE:
            return True
        if child.tail and child.tail.strip():
            return True
    return False


# ---- inline text ----

def _line(el: etree._Element, state: _State) -> str:
    """The text of one block: inline content, note calls as markers, whitespace collapsed."""
    parts: list[str] = []
    _inline(el, parts, state, top=True)
    lines = (_SPACE.sub(" ", raw).strip(" ") for raw in "".join(parts).split(_BREAK))
    return "\n".join(l for l in lines if l.strip())


def _inline(el: etree._Element, parts: list[str], state: _State, *, top: bool = False) -> None:
    name = _local(el)
    if name is None or name in SKIPPED:
        return
    if not top:
        if name in NOTE_CALLS:
            _note_call(el, name, parts, state)
            return
        if name in LINE_BREAKS:
            parts.append(_BREAK)
            return
        if name in SEPARATE:  # a block inside inline content: keep it apart from its neighbours
            parts.append(" ")
    if el.text:
        parts.append(el.text)
    for child in el:
        _inline(child, parts, state)
        if child.tail:
            parts.append(child.tail)
    if not top and name in SEPARATE:
        parts.append(" ")


def _note_call(el: etree._Element, name: str, parts: list[str], state: _State) -> None:
    """Write a footnote marker glued to the preceding text; keep an authorialNote's body."""
    marker = _SPACE.sub(" ", el.get("marker") or "").strip()
    if name == "authorialNote":
        note = _Note(marker or str(len(state.notes) + 1), "")
        state.notes.append(note)  # before the body, so that notes inside it come after it
        note.body = " ".join(_note_body(el, state)).replace("\n", " ")
        if state.notes_mode == "inline":
            state.pending.append(note)
        marker = note.marker
    elif not marker:
        marker = _SPACE.sub(" ", el.xpath("string()")).strip()
    while parts:  # glue the marker to the word before it
        stripped = parts[-1].rstrip(_WHITESPACE)
        if stripped:
            parts[-1] = stripped
            break
        parts.pop()
    if not parts or parts[-1][-1:].isdigit() or not parts[-1]:
        # "2015–2030" + note 3 would read "2015–20303": spell such a marker out as "[^3]"
        marker = f"[^{marker}]"
    parts.append(marker)


def _note_body(note: etree._Element, state: _State) -> list[str]:
    """The note's paragraphs as lines; a note holding bare text is one line."""
    if _has_own_text(note):
        return [_line(note, state)]
    lines = []
    for child in note:
        lines.extend(_blocks(child, state))
    return lines

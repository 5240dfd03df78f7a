"""Akoma Ntoso back to plain text, in the UN's reading order.

:func:`render_text` writes any AKN document (ours or the UN's own files) as the plain text of the
resolution: cover page lines, preface, enacting formula, preambular and operative paragraphs,
lists, sections, conclusions, annexes and collection components, one paragraph per line and a
blank line between paragraphs. ``meta`` is skipped; every other element keeps its text (an element
this module does not know is written as its text, run on with the text around it).

Layout, chosen so that the converter reads the text back to the same structure:

- a ``num`` starts the line of what it numbers: ``1. Recognizes …``, ``(a) To promote …``,
  ``I. Global context …``; before a numbered or hierarchical unit (section "A" over paragraphs
  2 to 4) it is a line of its own;
- ``eol``/``br``/``eop`` end a line inside a paragraph (the conclusions' meeting and date lines);
- a footnote marker (``authorialNote`` or ``noteRef``) is written as its ``@marker`` glued to the
  text before it, as the UN's PDFs print it (``outcome document,7``), where it can be told from
  that text; else spelled out as ``[^7]`` (after a digit, a full stop, a bracket, at a line's
  start, before a letter or a digit). Arabic's parenthesised markers stay: ``2023(1)،``;
- the note bodies go after a line of underscores, by number, each as `` 7 Resolution 68/6.``,
  either once at the end (``notes="end"``) or after the paragraph that calls them
  (``notes="inline"``). A note a reader of such blocks would not take for the next note (a
  volume's note 6 as the document's first) is written as a Markdown footnote, ``[^6]: …``, and
  called ``[^6]``. In the inline layout a group of notes whose last one does not read as complete
  (no text, no final stop), or that the next line would read as continuing (Arabic's "2 - …"
  after note 1), waits for the next group or the end. A note without ``@marker`` is numbered by
  its position among the document's notes;
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

from converter import lang
from converter.akn.xmlio import parse_xml
from converter.ingest.footnotes import NOTE_START_RE, note_is_complete

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
#: Stands for a note call (its index in ``_State.calls``) while a line is assembled.
_CALL = re.compile("\x01(\\d+)\x02")
#: A marker glued after one of these would be read as part of a number, a symbol or a bracket.
_NOT_BEFORE_GLUED = frozenset("0123456789/.-+−–([]^") | frozenset(_WHITESPACE)
#: A glued marker must be followed by one of these (or end the line).
_AFTER_GLUED = frozenset(" \n,;.:)”’]،؛")


@dataclass
class _Note:
    marker: str
    body: str
    #: Written as a Markdown footnote (``[^6]`` and ``[^6]: text``): its number does not follow
    #: the numbers before it, so a reader of UN footnote blocks would not take `` 6 text`` for it.
    explicit: bool = False


@dataclass
class _State:
    notes_mode: str
    table: lang.LanguageTable
    notes: list[_Note] = field(default_factory=list)   # every note body, in reading order
    pending: list[_Note] = field(default_factory=list)  # bodies not yet written (inline mode)
    #: the number a reader expects of the next numbered note; 0 when the document numbers its
    #: notes again from 1 (a collection's components), which no reader takes in turn
    expected: int = 1
    #: every note call: its marker, and its note when it is an authorialNote
    calls: list[tuple[str, _Note | None]] = field(default_factory=list)


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
    state = _State(notes, _table(root))
    blocks: list[tuple[str, list[_Note]]] = []
    for block in _blocks(root, state):
        blocks.append((block, state.pending))
        state.pending = []
    chunks: list[str | list[_Note]] = []  # lines, and groups of notes to write under a rule
    held: list[_Note] = []
    abbreviations = state.table.regex("note_abbreviations")
    later = _smallest_later(blocks)
    numbers = [n.marker for n in state.notes if n.marker.isdigit()]
    if len(set(numbers)) < len(numbers):
        state.expected = 0
    for i, (block, called) in enumerate(blocks):
        chunks.append(block)
        if called:
            held = _in_print_order(held + called)
        # A note runs on until it reads as complete, and the line after a complete one may start
        # the next note: a group that would take in the paragraph after it waits for the next
        # group of notes (or the end).
        if not held or not note_is_complete(_CALL.sub("", held[-1].body), abbreviations):
            continue
        if any(n.marker.isdigit() and int(n.marker) > later[i] for n in held):
            continue  # a note called later has a smaller number: a reader wants it first
        expected = state.expected
        for note in held:
            expected = _choose_form(note, expected)
        if i + 1 < len(blocks) and _read_as_note(blocks[i + 1][0].split("\n")[0], expected):
            continue
        chunks.append(held)
        held, state.expected = [], expected
    if notes == "end":
        held = _in_print_order(state.notes)
    for note in held:
        state.expected = _choose_form(note, state.expected)
    if held:
        chunks.append(held)
    text = "\n\n".join(_notes_block(c) if isinstance(c, list) else c for c in chunks)
    return _markers(text, state) + "\n" if chunks else ""


def _smallest_later(blocks: list[tuple[str, list[_Note]]]) -> list[float]:
    """For each block, the smallest note number called in the blocks after it (infinity if none,
    and everywhere when the notes are numbered again from 1: they are then read in order)."""
    numbers = [int(n.marker) for _, called in blocks for n in called if n.marker.isdigit()]
    later = [float("inf")] * len(blocks)
    if len(set(numbers)) < len(numbers):
        return later
    smallest = float("inf")
    for i in range(len(blocks) - 1, -1, -1):
        later[i] = smallest
        smallest = min([smallest] + [int(n.marker) for n in blocks[i][1] if n.marker.isdigit()])
    return later


def _in_print_order(notes: list[_Note]) -> list[_Note]:
    """A group of notes as the UN prints them at a page's foot: by number (a note found at the
    end of its paragraph may be called after a later one). Notes numbered again from 1 (in each
    component of a collection) or marked otherwise stay in reading order."""
    numbers = [int(n.marker) for n in notes if n.marker.isdigit()]
    if len(numbers) == len(notes) and len(set(numbers)) == len(numbers):
        return sorted(notes, key=lambda n: int(n.marker))
    return notes


def _table(root: etree._Element) -> lang.LanguageTable:
    """The language table of the document's FRBRlanguage (English when there is none): what a
    note cannot end on ("No.", "vol."), whether markers are printed in parentheses."""
    code = root.xpath("string(.//*[local-name()='FRBRExpression']"
                      "/*[local-name()='FRBRlanguage']/@language)").strip().lower()
    if not re.fullmatch(r"[a-z]{3}", code):  # untrusted input: a code, never a path
        code = "eng"
    try:
        return lang.load(code)
    except KeyError:
        return lang.load("eng")


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
    return "\n".join([NOTES_RULE] + [
        (f"[^{n.marker}]: {n.body}" if n.explicit else f" {n.marker} {n.body}").rstrip()
        for n in notes])


def _local(el) -> str | None:
    """Local name of an element; None for comments, processing instructions and no element."""
    if el is None or not isinstance(el.tag, str):
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
            if _starts_own_line(child.getnext()) or (
                    _local(child.getnext()) == "heading" and _BARE_LABEL.fullmatch(label or "")):
                # "A" over the section's numbered paragraphs or over its heading: alone, as
                # printed ("II. Follow-up" keeps its heading on its line)
                yield label
                label = ""
            continue
        for block in _blocks(child, state):
            if label:
                block, label = f"{label} {block}", None
            yield block
    if label:  # a num with nothing after it
        yield label


#: A bare letter or numeral ("A", "IV") over a heading: printed on a line of its own.
_BARE_LABEL = re.compile(r"[A-Z]{1,6}|\d{1,3}")

#: Hierarchical units: each starts its own line, so a ``num`` before one is written alone.
HIERARCHY = frozenset({
    "alinea", "article", "book", "chapter", "clause", "division", "hcontainer", "indent", "level",
    "list", "paragraph", "part", "point", "proviso", "rule", "section", "subchapter", "subclause",
    "subdivision", "subparagraph", "subpart", "subrule", "subsection", "subtitle", "title", "tome",
    "transitional",
})


def _starts_own_line(el) -> bool:
    """Whether ``el`` (the element after a ``num``) is a numbered unit or a hierarchical one,
    which its container's number must not be glued to. A ``list`` counts only with a number: a
    paragraph's unnumbered list starts with the paragraph's own text ("2. Decides:")."""
    while el is not None and _local(el) is None:
        el = el.getnext()
    if el is None:
        return False
    name = _local(el)
    numbered = any(_local(c) == "num" for c in el)
    return numbered or (name in HIERARCHY and name != "list")


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
    return "\n".join(l for l in lines if _CALL.sub("x", l).strip())


def _markers(text: str, state: _State) -> str:
    """Write each note call of ``text``: glued to the text before it (``Geneva2``,
    ``document,7``) where a reader can tell it from that text, else spelled out (``[^3]``): after
    a digit ("2015–2030" + 3), a full stop ("2.5" + 1), a bracket or a line's start, before a
    letter, a digit or another call, and for a note written as a Markdown footnote. In a
    language whose table says markers are printed in parentheses, "(" call ")" stays as it is."""
    out: list[str] = []
    pos = 0
    parenthesised = bool(state.table.get("parenthesised_markers"))
    spelled = {n.marker for n in state.notes if n.explicit}  # a noteRef follows its note's form
    for m in _CALL.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        marker, note = state.calls[int(m.group(1))]
        explicit = note.explicit if note is not None else marker in spelled
        before = next((piece[-1] for piece in reversed(out) if piece), "")
        after = text[pos:pos + 2]
        if before == "(" and after[:1] == ")" and parenthesised:
            glued = not explicit  # "2023(1)،", as Arabic texts print a marker
        else:
            glued = (not explicit and before != "" and before not in _NOT_BEFORE_GLUED
                     and not before.isdigit() and not before.isspace()
                     and (after == "" or after[0] in _AFTER_GLUED or after[0].isspace())
                     and not (after[:1] in ".," and after[1:2].isdigit()))
        out.append(marker if glued else f"[^{marker}]")
    out.append(text[pos:])
    return "".join(out)


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
    """Write a footnote marker against the preceding text; keep an authorialNote's body."""
    marker = _SPACE.sub(" ", el.get("marker") or "").strip()
    if name == "authorialNote":
        note = _Note(marker or str(len(state.notes) + 1), "")
        # listed before the body, so that notes inside it come after it
        state.notes.append(note)
        if state.notes_mode == "inline":
            state.pending.append(note)
        note.body = " ".join(_note_body(el, state)).replace("\n", " ")
        call = (note.marker, note)
    else:
        call = (marker or _SPACE.sub(" ", el.xpath("string()")).strip(), None)
    while parts:  # the marker goes against the word before it
        stripped = parts[-1].rstrip(_WHITESPACE)
        if stripped:
            parts[-1] = stripped
            break
        parts.pop()
    parts.append(f"\x01{len(state.calls)}\x02")  # written by _markers once the text is whole
    state.calls.append(call)


def _choose_form(note: _Note, expected: int) -> int:
    """A note is written `` 7 text`` when a reader of UN footnote blocks takes that for note 7
    here: the next number or one of the two after it (a note may be missing), and only the next
    number for a number alone. Other markers (stars…) are taken as they come. Any other number is
    written as a Markdown footnote, ``[^7]: text``, and called as ``[^7]``.
    Returns the number expected after it."""
    if not note.marker.isdigit() or not expected:
        return expected
    n = int(note.marker)
    note.explicit = not _takes(n, bool(_CALL.sub("", note.body).strip()), expected)
    return max(expected, n + 1) if note.explicit else n + 1


def _takes(n: int, has_text: bool, expected: int) -> bool:
    """Whether a reader expecting note ``expected`` takes a line starting with ``n`` for a note."""
    return expected <= n <= expected + (2 if has_text else 0)


def _read_as_note(line: str, expected: int) -> bool:
    """Whether a reader who has just read a complete note takes ``line`` for the next one."""
    m = NOTE_START_RE.match(line)
    if not m:
        return False
    num = m.group("num")
    if not expected:
        return False  # notes numbered again from 1: written in reading order, as they come
    return num.startswith("*") or _takes(int(num), bool(m.group("text")), expected)


def _note_body(note: etree._Element, state: _State) -> list[str]:
    """The note's paragraphs as lines; a note holding bare text is one line."""
    if _has_own_text(note):
        return [_line(note, state)]
    lines = []
    for child in note:
        lines.extend(_blocks(child, state))
    return lines

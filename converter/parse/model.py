"""The document model: a small typed tree between the text and the XML.

Text is kept as plain strings with the source lines it came from; what the recognisers found in
it (phrases, links, dates, footnote anchors) are spans and anchors by character offset.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field


@dataclass(slots=True)
class Span:
    """A recognised stretch of a text: ``kind`` is phrase, ref, date, committee, report..."""
    start: int
    end: int
    kind: str
    attrs: dict = field(default_factory=dict)


class Taken:
    """Stretches of a text already marked, so that a new span does not overlap one: sorted and
    merged, so each question costs a binary search (a text citing 10,000 documents stays linear)."""
    __slots__ = ("starts", "ends")

    def __init__(self, spans=()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):  # (in order, each goes at the end: no list shifted)
            self.add(a, b)

    def overlaps(self, a: int, b: int) -> bool:
        """Whether [a, b) meets a stretch taken."""
        k = bisect_left(self.starts, b) - 1  # the last stretch starting before b
        return k >= 0 and self.ends[k] > a

    def add(self, a: int, b: int) -> None:
        """Take [a, b) (an empty stretch takes nothing)."""
        if a >= b:
            return
        k = bisect_left(self.starts, a)
        # merged with the stretches it overlaps (one it only touches stays apart: a point
        # between two is not inside either)
        lo = k - 1 if k and self.ends[k - 1] > a else k
        hi = k
        while hi < len(self.starts) and self.starts[hi] < b:
            hi += 1
        if lo < hi:
            a, b = min(a, self.starts[lo]), max(b, max(self.ends[lo:hi]))
            del self.starts[lo:hi], self.ends[lo:hi]
        self.starts.insert(lo, a)
        self.ends.insert(lo, b)


@dataclass(slots=True)
class NoteAnchor:
    """A footnote marker at ``offset``: the note itself (first marker) or a reference to it."""
    offset: int
    marker: str
    first: bool


@dataclass(slots=True)
class Text:
    value: str
    lines: list[int] = field(default_factory=list)
    #: (offset in value, source line) for each source line joined into value
    offsets: list[tuple[int, int]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    anchors: list[NoteAnchor] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        line = self.lines[0] if self.lines else 0
        for start, no in self.offsets:
            if start > offset:
                break
            line = no
        return line


@dataclass(slots=True)
class Block:
    """A unit of the body: ``container`` (preambular), ``paragraph``, ``point``, ``section``,
    ``subheading`` or ``item`` (in a preambular list)."""
    kind: str
    text: Text | None = None
    num: str | None = None
    children: list["Block"] = field(default_factory=list)
    heading: Text | None = None
    wrap: Text | None = None
    name: str | None = None
    #: a document adopted inside this paragraph ("Adopts the following declaration:"), kept whole
    embedded: list["Block"] | None = None


@dataclass(slots=True)
class Masthead:
    lines: list[Text] = field(default_factory=list)
    symbol: str | None = None
    distribution_date: str | None = None
    session: str | None = None
    session_number: str | None = None
    agenda_item: str | None = None


@dataclass(slots=True)
class Annex:
    label: Text
    num: str | None
    title: list[Text] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Footnote:
    marker: str
    text: Text


@dataclass
class Document:
    source: str
    lang: str = "eng"
    organ: str | None = None          # FRBR actor: unga, unsc, unhrc, unecosoc
    kind: str = "resolution"          # or decision
    symbol: str | None = None         # A/RES/68/198
    number: str | None = None         # 68-198 (FRBR number)
    doc_number: Text | None = None    # "68/198."
    title: Text | None = None
    adoption_date: str | None = None
    #: when no date of adoption is printed: the year the symbol gives (the work is dated by it)
    adoption_year: str | None = None
    adoption_line: Text | None = None
    proponent_line: Text | None = None
    committee: str | None = None
    masthead: Masthead = field(default_factory=Masthead)
    formula: Text | None = None
    preamble: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    conclusions: list[Text] = field(default_factory=list)
    meeting: str | None = None
    annexes: list[Annex] = field(default_factory=list)
    notes: dict[str, Footnote] = field(default_factory=dict)
    extra_cover: list[Text] = field(default_factory=list)
    #: cover page lines in source order: (role, text), role in masthead, number, adoption, proponent
    cover: list[tuple[str, Text]] = field(default_factory=list)
    #: a resolution in parts ("A", "B", each with its formula): the parts, each a Document of its
    #: own under this one (AKN: a documentCollection of components)
    parts: list["Document"] = field(default_factory=list)

    def all_texts(self):
        """Every Text of the document in reading order (notes excluded)."""
        yield from self._own_texts()
        for part in self.parts:
            yield from part.all_texts()

    def _own_texts(self):
        for _, t in self.cover:
            yield t
        in_cover = {id(t) for _, t in self.cover}
        in_preamble = {id(b.text) for b in self.preamble}
        for t in (self.doc_number, self.title, self.formula):
            if t is not None and id(t) not in in_cover and id(t) not in in_preamble:
                yield t
        yield from self.extra_cover
        for b in self.preamble + self.body:
            yield from _block_texts(b)
        yield from self.conclusions
        for a in self.annexes:
            yield a.label
            yield from a.title
            for b in a.body:
                yield from _block_texts(b)


def _block_texts(b: Block):
    if b.heading is not None:
        yield b.heading
    if b.text is not None:
        yield b.text
    for c in b.children:
        yield from _block_texts(c)
    if b.wrap is not None:
        yield b.wrap
    for c in b.embedded or []:
        yield from _block_texts(c)

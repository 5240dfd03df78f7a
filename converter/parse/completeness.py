"""Is the text whole? A copy that stops before the resolution ends (a web page holding the start
of each page, a PDF extraction that lost its last pages) is reported as truncated, with the line
where the text stops and why it looks cut short; nothing is invented to end it."""
from __future__ import annotations

from converter.parse.model import Block, Document, Text

#: characters a resolution's last sentence can end with (after quotes and brackets are taken off)
SENTENCE_ENDS = frozenset(".!?…。！？．")
#: closing quotes and brackets, note calls and spaces that may follow the sentence's end
TRAILING = " \t\u00a0\"'”’»)]）」』0123456789¹²³⁴⁵⁶⁷⁸⁹⁰/"


def truncation(doc: Document) -> tuple[int, str] | None:
    """(line, reason) when the text stops before the resolution's end; None when it ends well:
    with its closing lines (meeting, adoption), or with an operative paragraph whose sentence ends."""
    if doc.parts:
        return truncation(doc.parts[-1])
    closing = max((t.lines[-1] for t in doc.conclusions if t.lines), default=None)
    annex = next((a for a in reversed(doc.annexes) if a.body), None)
    if annex is not None:
        return _unfinished(_last_text(annex.body), "the annex", closing)
    if doc.body:
        return _unfinished(_last_text(doc.body), "the operative part", closing)
    if doc.conclusions:
        return None
    if any(b.kind == "container" for b in doc.preamble):
        last = _last_text(doc.preamble)
        line = _last_line(last) if last is not None else 0
        return line, f"the text stops in the recitals at line {line}: no operative paragraph follows"
    return None


def _unfinished(t: Text | None, where: str, closing: int | None) -> tuple[int, str] | None:
    """Why ``t``, the last text of ``where``, is not the end of a resolution; None when its
    sentence ends, or when closing lines (meeting, date) follow it (a web copy may print them
    above the text instead)."""
    if t is None or closing is not None and closing >= _last_line(t):
        return None
    line = _last_line(t)
    if not t.value.strip():
        return line, f"the text stops at line {line} after the number of a paragraph, before its text"
    end = t.value.rstrip(TRAILING)
    if end[-1:] in SENTENCE_ENDS:
        return None
    tail = " ".join(t.value.split()[-4:])[-60:]
    return line, f"the text stops in the middle of a sentence in {where} at line {line} ('…{tail}')"


def _last_text(blocks: list[Block]) -> Text | None:
    """The text printed last among ``blocks``: the last point of the last paragraph, its wrap-up."""
    for b in reversed(blocks):
        if b.wrap is not None:
            return b.wrap
        for inner in (b.embedded, b.children):
            if inner:
                t = _last_text(inner)
                if t is not None:
                    return t
        if b.text is not None:
            return b.text
        if b.heading is not None:
            return b.heading
    return None


def _last_line(t: Text) -> int:
    return t.lines[-1] if t.lines else 0

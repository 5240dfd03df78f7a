"""Parse: clean lines to the document model (paragraphs, structure, inline constructs)."""
from __future__ import annotations

from converter.errors import ConversionError
from converter.limits import check
from converter.ingest import Ingested
from converter.ingest.lines import Removed
from converter.lang import LanguageTable
from converter.parse import inline
from converter.parse.chunks import chunk
from converter.parse.model import Document, Footnote, Text
from converter.parse.structure import build


def parse(ing: Ingested, table: LanguageTable) -> tuple[Document, list[tuple[int, str]], list[Removed]]:
    """The document model of an ingested text, the parser's warnings, and the markers it took out."""
    chunks = chunk(ing.body, table)
    doc, warnings = build(chunks, table, ing.source)
    removed: list[Removed] = []
    for num, note in ing.notes.items():
        lines = note.lines
        doc.notes[num] = Footnote(note.number, Text(note.text, lines, [(0, lines[0])]))
        removed.append(Removed(note.number_line or lines[0], "footnote-number", note.number))
    texts = list(doc.all_texts())
    if ing.notes and not texts:
        raise ConversionError("footnotes but no text to place them in", source=ing.source,
                              line=min(n.lines[0] for n in ing.notes.values()))
    inline.place_notes(doc, texts, {k: n.lines[0] for k, n in ing.notes.items()}, removed, warnings, table)
    for t in texts + [n.text for n in doc.notes.values()]:
        check(t.lines[0] if t.lines else None)
        inline.mark_references(t, table)
        inline.mark_dates(t, table)
    if doc.symbol is None:
        doc.symbol = doc.masthead.symbol or ing.symbol or _symbol_from_number(doc, table)
    if doc.number is None and doc.symbol:
        doc.number = _number_from_symbol(doc.symbol)
    return doc, warnings, removed


def _symbol_from_number(doc: Document, table: LanguageTable) -> str | None:
    """The symbol a number stands for, by the organ's symbol prefix in the language table."""
    if not doc.number:
        return None
    a, _, b = doc.number.partition("-")
    prefix = table["organs"].get(doc.organ or "", {}).get("symbol_prefix")
    if doc.kind == "decision" and doc.organ == "unhrc":
        prefix = "A/HRC/DEC/"
    return f"{prefix}{a}/{b}" if prefix else None


def _number_from_symbol(symbol: str) -> str:
    import re
    m = re.search(r"/(?:RES|DEC)/(.+)$", symbol)
    return re.sub(r"[^A-Za-z0-9]+", "-", m.group(1)).strip("-") if m else "0"

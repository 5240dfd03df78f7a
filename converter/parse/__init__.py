"""Parse: clean lines to the document model (paragraphs, structure, inline constructs)."""
from __future__ import annotations

import re
from pathlib import PurePath

from converter.errors import ConversionError
from converter.limits import check
from converter.ingest import Ingested
from converter.ingest.lines import Removed
from converter.lang import LanguageTable, roman_value
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
    own = table["organs"].get(doc.organ or "", {}).get("symbol_prefix")
    for t in texts + [n.text for n in doc.notes.values()]:
        check(t.lines[0] if t.lines else None)
        if t is not doc.doc_number:  # (the resolution's own number cites nothing: "第570(1985)号决议")
            inline.mark_references(t, table, own)
        inline.mark_dates(t, table)
        inline.mark_titles(t, table)
    if doc.symbol is None:
        doc.symbol = doc.masthead.symbol or ing.symbol or _symbol_from_number(doc, table)
    first = next((l.no for l in ing.lines if not l.blank), 1)
    if doc.symbol is None and doc.number is None:
        doc.symbol, organ = symbol_from_file_name(ing.source)
        if doc.symbol:
            doc.organ = doc.organ or organ
            warnings.append((first, f"no resolution number printed: symbol {doc.symbol} taken from the file name"))
    if doc.number is None and doc.symbol:
        doc.number = _number_from_symbol(doc.symbol)
    if doc.adoption_date is None and doc.symbol and year_from_symbol(doc.symbol) is None:
        named, _ = symbol_from_file_name(ing.source)  # "S/RES/338" in the text, "S-RES-338-1973" the file
        if named and re.sub(r"\D", " ", named).split()[:1] == re.sub(r"\D", " ", doc.symbol).split()[-1:]:
            doc.symbol = named
            warnings.append((first, f"symbol read as {named}: the year is the file name's"))
    if doc.adoption_date is None and doc.symbol:
        doc.adoption_year = year_from_symbol(doc.symbol)
        if doc.adoption_year:
            warnings.append((first, f"no date of adoption printed: the work is dated by the year "
                                    f"{doc.adoption_year} its symbol gives"))
    if doc.parts:
        _name_parts(doc)
    return doc, warnings, removed


def _name_parts(doc: Document) -> None:
    """A resolution in parts: A/RES/75/101 A and B, numbered 75-101A, 75-101B; the whole 75-101A-B."""
    letters = [p.doc_number.value for p in doc.parts]
    base = doc.number or "0"
    suffix = "-".join(letters)
    symbol = doc.symbol
    if symbol and symbol.endswith(" " + suffix):
        symbol = symbol[: -len(suffix) - 1]  # the masthead's "A/RES/75/101 A-B"
    if not base.endswith(suffix):
        doc.number = base + suffix
    base = doc.number[: -len(suffix)]
    for p, letter in zip(doc.parts, letters):
        p.number = base + letter
        p.symbol = _part_symbol(symbol, letter)
        p.adoption_year = doc.adoption_year
    doc.symbol = _part_symbol(symbol, suffix)


def _part_symbol(symbol: str | None, letter: str) -> str | None:
    """"A/RES/75/101" + "A" → "A/RES/75/101 A"; "S/RES/161 (1961)" + "B" → "S/RES/161 B (1961)"."""
    if not symbol:
        return None
    m = re.match(r"^(.*?)( \((?:19|20)\d\d\))$", symbol)
    return f"{m.group(1)} {letter}{m.group(2)}" if m else f"{symbol} {letter}"


#: Archive file names that spell a symbol (one table for every organ and era):
#: A-RES-68-198, A_RES_217_A_III, S-RES-26-1947, S_RES_0001_1946_EN, A-HRC-RES-34-35, E-RES-2018-27.
FILE_NAME_SYMBOLS = [
    (re.compile(r"^A[-_]HRC[-_](?P<k>RES|DEC)[-_](?P<s>\d{1,2})[-_](?P<n>\d{1,4})(?![\dA-Za-z])"),
     "A/HRC/{k}/{s}/{n}", "unhrc"),
    (re.compile(r"^A[-_]RES[-_](?P<s>\d{1,2})[-_](?P<n>\d{1,4})(?![\dA-Za-z])"), "A/RES/{s}/{n}", "unga"),
    (re.compile(r"^A[-_]RES[-_]ES[-_](?P<s>\d{1,2})[-_](?P<n>\d{1,4})(?![\dA-Za-z])"), "A/RES/ES-{s}/{n}", "unga"),
    (re.compile(r"^A[-_]RES[-_]0*(?P<n>\d{1,4})(?:[-_](?P<l>[A-H]))?[-_]\(?(?P<s>[IVXL]{1,7}|ES-[IVXL]{1,5})\)?(?![A-Za-z])"),
     "A/RES/{n}{l} ({s})", "unga"),
    (re.compile(r"^S[-_]RES[-_]0*(?P<n>\d{1,4})[-_]\(?(?P<y>(?:19|20)\d\d)\)?(?!\d)"), "S/RES/{n} ({y})", "unsc"),
    (re.compile(r"^E[-_]RES[-_](?P<y>(?:19|20)\d\d)[-_](?P<n>\d{1,4})(?!\d)"), "E/RES/{y}/{n}", "unecosoc"),
]


def symbol_from_file_name(source: str) -> tuple[str | None, str | None]:
    """The symbol and organ an archive file name spells, when the text prints no number."""
    stem = PurePath(source).name
    for rx, form, organ in FILE_NAME_SYMBOLS:
        m = rx.match(stem)
        if m:
            parts = {k: v or "" for k, v in m.groupdict().items()}
            if parts.get("l"):
                parts["l"] = " " + parts["l"]
            return form.format(**parts), organ
    return None, None


def year_from_symbol(symbol: str) -> str | None:
    """The year a symbol names: "S/RES/462 (1980)" → 1980, "E/RES/2018/27" → 2018; a General
    Assembly session in roman numerals → the year it opened (session III → 1948)."""
    m = re.search(r"\(((?:19|20)\d\d)\)$", symbol) or re.match(r"E/RES/((?:19|20)\d\d)/", symbol)
    if m:
        return m.group(1)
    m = re.search(r"\(([IVXL]+)\)$", symbol)
    if m and symbol.startswith("A/RES/"):
        return str(1945 + roman_value(m.group(1)))
    return None


def _symbol_from_number(doc: Document, table: LanguageTable) -> str | None:
    """The symbol a number stands for, by the organ's symbol prefix in the language table."""
    if not doc.number:
        return None
    a, _, b = doc.number.partition("-")
    prefix = table["organs"].get(doc.organ or "", {}).get("symbol_prefix")
    if doc.kind == "decision" and doc.organ == "unhrc":
        prefix = "A/HRC/DEC/"
    if prefix and doc.organ == "unsc" and re.fullmatch(r"(?:19|20)\d\d", b):
        return f"{prefix}{a} ({b})"  # Council numbers carry their year: S/RES/242 (1967)
    return f"{prefix}{a}/{b}" if prefix else None


def _number_from_symbol(symbol: str) -> str:
    import re
    m = re.search(r"/(?:RES|DEC)/(.+)$", symbol)
    return re.sub(r"[^A-Za-z0-9]+", "-", m.group(1)).strip("-") if m else "0"

"""Ingest: bytes to clean, numbered lines. Decoding, page furniture, footnote blocks.

The result keeps every line's source number; what was removed is listed with its line, so the
no-text-lost check can account for every word of the input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from converter.errors import InputError
from converter.ingest import furniture as fur
from converter.ingest.decode import decode
from converter.ingest.footnotes import cut_blocks, cut_trailing_notes
from converter.ingest.lines import Footnote, Line, Removed
from converter.limits import check
from converter.lang import LanguageTable


@dataclass
class Ingested:
    source: str
    encoding: str
    lines: list[Line]
    body: list[Line]
    notes: dict[str, Footnote]
    removed: list[Removed] = field(default_factory=list)
    symbol: str | None = None


#: Characters XML 1.0 cannot hold (tab, line feed and carriage return it can).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def split_lines(text: str) -> list[Line]:
    return [Line(i + 1, t.rstrip()) for i, t in enumerate(text.split("\n"))]


def find_symbol(lines: list[Line], limit: int = 40) -> str | None:
    """The document's own symbol as its masthead prints it (first lines only)."""
    for line in lines[:limit]:
        m = fur.SYMBOL_RE.search(line.text)
        if m:
            return re.sub(r"\s+", " ", m.group(0))
    return None


def cover_end(lines: list[Line], table: LanguageTable, limit: int = 80) -> int:
    """Index of the first line after the masthead (where the adoption line or number starts)."""
    adoption = table.regex("cover_start")
    for i, line in enumerate(lines[:limit]):
        if adoption.match(line.text):
            return i
    return 0


def _running_titles(lines: list[Line], furniture: set[int], removed: list[Removed], start: int = 0) -> None:
    """A running title printed on a line of its own: next to page furniture (with at most blank
    lines between), without final punctuation, and printed elsewhere in the document too (as
    the title)."""
    whole = None
    blank = [line.blank for line in lines]
    # whether the nearest text line after each line is furniture (or there is none); the one
    # before is followed as the loop goes, since a running title found becomes furniture
    after = [True] * len(lines)
    for k in range(len(lines) - 1, 0, -1):
        after[k - 1] = after[k] if blank[k] else lines[k].no in furniture
    prev_furniture = True  # (or no text line before)
    for i, line in enumerate(lines):
        if blank[i]:
            continue
        near, prev_furniture = prev_furniture or after[i], line.no in furniture
        if i < start or prev_furniture:
            continue  # (the masthead, "United Nations", "General Assembly", is not a running title)
        if not near:
            continue
        key = " ".join(line.text.split())
        if len(key) > 150 or not key[:1].isupper() or key[-1:] in ".,;:":
            continue
        if whole is None:
            whole = " ".join(" ".join(l.text.split()) for l in lines)
        if whole.count(key) < 2:
            continue
        furniture.add(line.no)
        prev_furniture = True
        removed.append(Removed(line.no, "running-title", line.text.strip()))


def ingest(data: bytes | str, source: str, table: LanguageTable) -> Ingested:
    if isinstance(data, bytes):
        text, encoding = decode(data, source)
    else:
        text, encoding = data.replace("\r\n", "\n").replace("\r", "\n"), "str"
        bad = SURROGATE_RE.search(text)
        if bad:  # a str that no encoding can write (lone surrogates, from a bad decode upstream)
            raise InputError(f"not text: lone surrogate U+{ord(bad.group()):04X}", source=source,
                             line=text.count("\n", 0, bad.start()) + 1)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = split_lines(text)
    removed: list[Removed] = []
    for line in (lines if CONTROL_RE.search(text) else ()):  # (most texts have none)
        if CONTROL_RE.search(line.text):
            # form feeds (page breaks) and other characters XML cannot hold: not words, but said
            removed.append(Removed(line.no, "control-character",
                                   " ".join(f"U+{ord(c):04X}" for c in CONTROL_RE.findall(line.text))))
            line.text = CONTROL_RE.sub(" ", line.text).rstrip()
    symbol = find_symbol(lines)
    ctx = fur.Context(symbol, recycle=table.regex("recycle"))
    start = cover_end(lines, table)
    furniture: set[int] = set()
    for i, line in enumerate(lines):
        if not i % 256:
            check(line.no)
        kind = fur.furniture_kind(line.text, ctx)
        if kind == "running-head" and i < start:
            continue  # the masthead's own symbol is cover-page text, not a running head
        if kind:
            furniture.add(line.no)
            removed.append(Removed(line.no, kind, line.text.strip()))
    _running_titles(lines, furniture, removed, start)
    months = {m.lower() for m in table["months"]}
    body, notes, rules = cut_blocks(lines, furniture, months, table.regex("note_abbreviations"))
    body = cut_trailing_notes(body, notes, table)
    removed.extend(Removed(r.no, "footnote-rule", r.text.strip()) for r in rules)
    removed.sort(key=lambda r: r.line)
    return Ingested(source, encoding, lines, body, notes, removed, symbol)

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
from converter.ingest.footnotes import cut_blocks, cut_inline_notes, cut_trailing_notes
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
    for i, line in enumerate(lines):
        if i < start or line.no in furniture or line.blank:
            continue  # (the masthead, "United Nations", "General Assembly", is not a running title)
        if not (_next_to(lines, i, -1, furniture) or _next_to(lines, i, 1, furniture)):
            continue
        key = " ".join(line.text.split())
        if len(key) > 150 or not key[:1].isupper() or key[-1:] in ".,;:":
            continue
        if whole is None:
            whole = " ".join(" ".join(l.text.split()) for l in lines)
        if whole.count(key) < 2:
            continue
        furniture.add(line.no)
        removed.append(Removed(line.no, "running-title", line.text.strip()))


INLINE_BOOKMARK_RE = re.compile(r"^\s*\[bookmark: [^\]]*\]|\[bookmark: [^\]]*\]\s*$")


def _inline_bookmarks(lines: list[Line], furniture: set[int], removed: list[Removed]) -> list[Line]:
    """Word's bookmarks (``[bookmark: _GoBack]``) the export glued to the start or end of a line of
    text: taken out of a copy of the line (the source lines stay as they were), and reported."""
    out = []
    for line in lines:
        if line.no in furniture or "[bookmark: " not in line.text:
            out.append(line)
            continue
        text = line.text
        for m in reversed(list(INLINE_BOOKMARK_RE.finditer(text))):
            removed.append(Removed(line.no, "word-bookmark-inline", m.group(0).strip()))
            text = text[: m.start()] + text[m.end():]
        out.append(Line(line.no, text.rstrip()) if text != line.text else line)
    return out


DATE_CODE_RE = re.compile(r"^\s*(?P<d>[0-3]\d)(?P<m>[01]\d)\d\d\s*$")


def _date_codes(lines: list[Line], furniture: set[int], removed: list[Removed], reach: int = 3) -> None:
    """The print date code (``021118``, day month year) a job number carries, printed on a line of
    its own by an extractor: within ``reach`` lines of text of a job number."""
    def job_near(i: int, step: int) -> bool:
        j, text_lines = i + step, 0
        while 0 <= j < len(lines) and text_lines < reach and abs(j - i) <= 40:
            if lines[j].no in furniture:
                if fur.JOB_RE.match(lines[j].text):
                    return True
            elif not lines[j].blank:
                text_lines += 1
            j += step
        return False

    for i, line in enumerate(lines):
        m = DATE_CODE_RE.match(line.text)
        if not m or line.no in furniture or not (1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12):
            continue
        if job_near(i, -1) or job_near(i, 1):
            furniture.add(line.no)
            removed.append(Removed(line.no, "date-code", line.text.strip()))


def _next_to(lines: list[Line], i: int, step: int, furniture: set[int]) -> bool:
    j = i + step
    while 0 <= j < len(lines) and lines[j].blank:
        j += step
    return not (0 <= j < len(lines)) or lines[j].no in furniture


def _note_key(marker: str):
    return (0, int(marker), "") if marker.isdigit() else (1, 0, marker)


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
    for line in lines:
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
    _date_codes(lines, furniture, removed)
    _running_titles(lines, furniture, removed, start)
    months = {m.lower() for m in table["months"]}
    text_lines, inline_notes = cut_inline_notes(lines, furniture)  # (spans: on the source lines)
    text_lines = _inline_bookmarks(text_lines, furniture, removed)
    body, notes, rules = cut_blocks(text_lines, furniture, months, table.regex("note_abbreviations"),
                                    operative=table.operative_re)
    if inline_notes:
        notes = dict(sorted({**inline_notes, **notes}.items(), key=lambda kv: _note_key(kv[0])))
    body = cut_trailing_notes(body, notes, table)
    removed.extend(Removed(r.no, "footnote-rule", r.text.strip()) for r in rules)
    removed.sort(key=lambda r: r.line)
    return Ingested(source, encoding, lines, body, notes, removed, symbol)

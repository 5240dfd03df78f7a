"""Inline recognisers: footnote markers, references to UN documents, dates.

They add spans and anchors to the model's texts; they never change a text except to take out a
footnote marker, which they report with its line so the no-text-lost check can account for it.
"""
from __future__ import annotations

import re

from converter.ingest.lines import Removed
from converter.lang import LanguageTable
from converter.parse.dates import date_pattern, to_iso
from converter.parse.model import Document, NoteAnchor, Span, Text

#: (The marker patterns start with what they match, the test of the character before it following
#: as a lookbehind: the regex engine then skips to candidates, 2-5x faster, with the same matches.)
#: A marker the text spells out: Markdown ``[^7]``, Word ``[footnoteRef:7]``.
EXPLICIT_RE = re.compile(r"\[(?:\^|footnoteRef:)(?P<n>\d{1,3})\]")
#: A marker glued to the word or punctuation before it: "Geneva1", "2003,1", "age”,10", "levels;9".
#: Chinese prints "报告1/": the slash belongs to the marker. Chinese and Arabic punctuation may follow.
GLUED_RE = re.compile(r"(?P<n>\d(?<=[^\s\d/.\-+−–(\[]\d)\d{0,2})(?:(?=[\s,;.:)”’\]،؛]|$)(?![.,]\d)|/(?=[^\W\d_]|[\s,;.:，。；：、]|$))")
#: A repeated marker must follow a real word (not "G20", "CO2") or punctuation after one.
REPEAT_BEFORE_RE = re.compile(r"(?:[^\W\d_][^\W\d_A-Z]{2,}[”’\"')]?|[^\W\d_A-Z][”’\"')]?[,;:.，；：。،؛][”’\"')]?|[”’\"')][,;:.]?)$")
#: A marker in parentheses, as Arabic texts print it: "2016(3)", "المسألة(1)،" (tables with
#: ``"parenthesised_markers": true`` only: elsewhere "(3)" is a sub-paragraph or a list item).
PAREN_RE = re.compile(r"\((?<=[^\s(\[)]\()(?P<n>\d{1,3})\)(?=[\s,;.:،؛)]|$)")
#: A detached marker: " 1 " after a word, not a number a word like "paragraph" asks for.
DETACHED_RE = re.compile(r"\s(?<=(?:[^\W\d_]|[,;.”’)،؛])\s)(?P<n>\d{1,3})(?=\s|$|[,;.،؛])")


#: A detached marker right after a year: " 3" in "of 1990 3 and 1995".
AFTER_YEAR_RE = re.compile(r"(?<=\b(?:1[89]|20)\d\d)\s(?P<n>\d{1,2})(?=\s+(?:and|or|to)\b|[,;.])")


def place_notes(doc: Document, texts: list[Text], note_lines: dict[str, int],
                removed: list[Removed], warnings: list[tuple[int, str]], table: LanguageTable) -> None:
    """Find each footnote's first marker in order, then later markers of the same notes."""
    numbers = [k for k in doc.notes if k.isdigit()]
    first_at: dict[str, tuple[int, int]] = {}
    _place_explicit(doc, texts, removed, first_at)
    _place_stars(doc, texts, removed, first_at)
    numbers = [n for n in numbers if n not in first_at]
    pos_text, pos_off = 0, 0
    for n in numbers:
        found, how = None, "glued"
        if table.get("parenthesised_markers"):
            found = _find_marker(texts, n, pos_text, pos_off, note_lines.get(n), PAREN_RE)
        if found is None:
            found = _find_marker(texts, n, pos_text, pos_off, note_lines.get(n), GLUED_RE)
        if found is None:
            found = _find_marker(texts, n, pos_text, pos_off, note_lines.get(n), DETACHED_RE,
                                 number_words=table.regex("number_words"))
            how = "detached"
        if found is None:
            # after a year, as in "the Review Conference of 1990 3 and 1995": only the next note
            found = _find_marker(texts, n, pos_text, pos_off, note_lines.get(n), AFTER_YEAR_RE)
            how = "after a year"
        if found is None:
            # printed out of order ("1993 3 … Weapons 4 … Agency, 2"): look again from the start
            found = _find_marker(texts, n, 0, 0, note_lines.get(n), GLUED_RE) or _find_marker(
                texts, n, 0, 0, note_lines.get(n), DETACHED_RE, number_words=table.regex("number_words"))
            how = "out of order"
        if found is None:
            # no marker: after the previous note's marker (the numbers run in reading order)
            ti = pos_text if first_at else _text_before_line(texts, note_lines.get(n, 0), pos_text)
            t = texts[ti]
            t.anchors.append(NoteAnchor(len(t.value), n, True))
            warnings.append((note_lines.get(n, 0), f"no marker found for footnote {n}: note placed at the end of the paragraph before it"))
            pos_text, pos_off = ti, len(t.value)
            first_at[n] = (ti, len(t.value))
            continue
        ti, m = found
        t = texts[ti]
        line = t.line_at(m.start("n"))
        start = m.start()  # the space before a detached marker, the "(" of a parenthesised one
        removed.append(Removed(line, "footnote-marker", t.value[start:m.end()]))
        _take_marker(t, start, m.end(), n, True)  # m.end(): with a Chinese marker's "/"
        if how in ("detached", "out of order", "after a year"):
            warnings.append((line, f"footnote marker {n} guessed ({how})"))
        first_at[n] = (ti, m.start("n"))
        pos_text, pos_off = ti, m.start("n")
    # a note no marker was found for (a star with no star in the text…) still gets a place
    for n in doc.notes:
        if n not in first_at:
            ti = _text_before_line(texts, note_lines.get(n, 0), 0)
            texts[ti].anchors.append(NoteAnchor(len(texts[ti].value), n, True))
            warnings.append((note_lines.get(n, 0), f"no marker found for footnote {n}: note placed at the end of the paragraph before it"))
            first_at[n] = (ti, len(texts[ti].value))
    # later markers of notes already placed
    for ti, t in enumerate(texts):
        for m in reversed(list(GLUED_RE.finditer(t.value))):
            n = m.group("n")
            if n not in first_at or (ti, m.start("n")) <= first_at[n]:
                continue
            if not REPEAT_BEFORE_RE.search(t.value[: m.start("n")]):
                continue
            if any(a.offset == m.start("n") for a in t.anchors):
                continue
            line = t.line_at(m.start("n"))
            _take_marker(t, m.start("n"), m.end(), n, False)
            removed.append(Removed(line, "footnote-ref", n))


STAR_RE = re.compile(r"(?P<n>\*(?<=[^\W\d_]\*)\*{0,2})(?=\s|$|[,;.:])")


def _place_stars(doc: Document, texts: list[Text], removed: list[Removed],
                 first_at: dict[str, tuple[int, int]]) -> None:
    """Star notes ("Council*"): the first star glued to a word."""
    for n in (k for k in doc.notes if k.startswith("*")):
        for ti, t in enumerate(texts):
            m = next((m for m in STAR_RE.finditer(t.value) if m.group("n") == n), None)
            if m:
                removed.append(Removed(t.line_at(m.start()), "footnote-marker", n))
                _take_marker(t, m.start(), m.end(), n, True)
                first_at[n] = (ti, m.start())
                break


def _place_explicit(doc: Document, texts: list[Text], removed: list[Removed],
                    first_at: dict[str, tuple[int, int]]) -> None:
    """Markers the text spells out: the first of each number is the note, later ones refer to it."""
    for ti, t in enumerate(texts):
        while True:
            m = next((m for m in EXPLICIT_RE.finditer(t.value) if m.group("n") in doc.notes), None)
            if m is None:
                break
            n = m.group("n")
            first = n not in first_at
            removed.append(Removed(t.line_at(m.start()), "footnote-marker" if first else "footnote-ref", m.group(0)))
            _take_marker(t, m.start(), m.end(), n, first)
            if first:
                first_at[n] = (ti, m.start())


def _find_marker(texts, n, pos_text, pos_off, note_line, pattern, number_words=None):
    for ti in range(pos_text, len(texts)):
        t = texts[ti]
        if note_line and t.lines and t.lines[0] > note_line:
            return None  # a note's first marker is on its own page, above it
        for m in pattern.finditer(t.value):
            if m.group("n") != n or (ti == pos_text and m.start("n") < pos_off):
                continue
            if any(a.offset == m.start("n") for a in t.anchors):
                continue
            if any(s.kind in LEAF_KINDS and s.start <= m.start("n") < s.end for s in t.spans):
                continue  # a vote count, a date, a meeting: never a marker
            if note_line and t.line_at(m.start("n")) > note_line:
                return None
            if number_words is not None and number_words.search(t.value[: m.start()].rstrip()):
                continue
            return ti, m
    return None


def _text_before_line(texts: list[Text], line: int, start: int) -> int:
    best = max(start, 0)
    for i, t in enumerate(texts):
        if t.lines and t.lines[0] <= line:
            best = max(best, i)
    return min(best, len(texts) - 1)


def _take_marker(t: Text, start: int, end: int, marker: str, first: bool) -> None:
    """Remove the marker's characters from the text, shifting spans and offsets after it."""
    width = end - start
    t.value = t.value[:start] + t.value[end:]
    t.offsets = [(o - width if o > start else o, no) for o, no in t.offsets]
    for s in t.spans:
        if s.start >= end:
            s.start -= width
            s.end -= width
    for a in t.anchors:
        if a.offset >= end:
            a.offset -= width
    t.anchors.append(NoteAnchor(start, marker, first))
    t.anchors.sort(key=lambda a: a.offset)


# --- references to UN documents --------------------------------------------------------------

DOC_SYMBOL_RE = re.compile(
    r"(?P<sym>[ASE](?<![\w/][ASE])/(?:[A-Z][A-Za-z0-9.]*/)*\d+(?:/(?:[A-Z][A-Za-z.]*\d*|\d+)(?:\.\d+)?)*"
    r"(?:-(?:A|S|E)/(?:[A-Z][A-Za-z0-9.]*/)*\d+(?:/[A-Za-z0-9.]*\d)*)?)")
RES_ITEM_RE = re.compile(r"(?P<num>\d{1,4}/\d{1,4}(?:\s[A-Z](?![\w]))?|\d{1,4}\s(?:[A-Z]\s)?\([IVXL]+\)|\d{1,4}\s\(\d{4}\))(?![A-Za-z\d_/])")


def mark_references(t: Text, table: LanguageTable) -> None:
    """Resolutions cited by number after "resolution(s)", and document symbols, as links."""
    taken: list[tuple[int, int]] = [(s.start, s.end) for s in t.spans if s.kind in LEAF_KINDS]
    glue_re = table.regex("citation_glue")
    found = table.literal("resolution_citation") in t.value  # (most paragraphs cite nothing)
    for key in table.regex("resolution_citation").finditer(t.value) if found else ():
        council = (key.group("council") or "").strip()
        prefix = table["councils"].get(council) if council else None
        pos = key.end()
        while True:
            item = RES_ITEM_RE.match(t.value, pos)
            if not item:
                break
            a, b = item.span("num")
            href = _resolution_href(item.group("num"), prefix)
            if href and not _overlaps(taken, a, b):
                t.spans.append(Span(a, b, "ref", {"href": href}))
                taken.append((a, b))
            glue = glue_re.match(t.value, b)
            if not glue:
                break
            pos = glue.end()
    for m in DOC_SYMBOL_RE.finditer(t.value) if "/" in t.value else ():  # (a symbol has a "/")
        a, b = m.span("sym")
        if not _overlaps(taken, a, b):
            sym = m.group("sym")
            first = sym.split("-")[0] if re.search(r"-(?:A|S|E)/", sym) else sym
            t.spans.append(Span(a, b, "ref", {"href": f"https://undocs.org/en/{first}"}))
            taken.append((a, b))


def _resolution_href(num: str, prefix: str | None) -> str | None:
    """The undocs.org address of a resolution cited by number; ``prefix`` from the council named."""
    num = num.strip()
    if re.fullmatch(r"(\d+)\s\(\d{4}\)", num) or prefix == "S/RES/":
        return f"https://undocs.org/en/S/RES/{num.replace(' ', '')}"
    m = re.fullmatch(r"(\d+)\s([A-Z]?)\s?\(([IVXL]+)\)", num)
    if m:
        return f"https://undocs.org/en/A/RES/{m.group(1)}{m.group(2)}({m.group(3)})"
    a, _, rest = num.partition("/")
    rest = rest.replace(" ", "")
    if prefix:
        return f"https://undocs.org/en/{prefix}{a}/{rest}"
    if len(a) == 4:
        return f"https://undocs.org/en/E/RES/{a}/{rest}"
    return f"https://undocs.org/en/A/RES/{a}/{rest}"


def mark_dates(t: Text, table: LanguageTable) -> None:
    taken = [(s.start, s.end) for s in t.spans if s.kind in LEAF_KINDS]
    for m in date_pattern(table).finditer(t.value):
        iso = to_iso(m, table)
        if iso and not _overlaps(taken, m.start(), m.end()):
            t.spans.append(Span(m.start(), m.end(), "date", {"date": iso}))


#: Spans nothing else may be marked inside (a link, a date); others (a phrase, an originating
#: document, a title) may hold links and dates.
LEAF_KINDS = {"ref", "date", "docDate", "issued", "symbol", "location", "session", "distribution", "vote", "number"}


def _overlaps(taken, a, b) -> bool:
    return any(a < e and s < b for s, e in taken)

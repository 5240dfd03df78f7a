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
#: Direction marks (LRM, RLM, ALM) Arabic word processors put around a paragraph's number
#: ("\u200f19 -\u200f تحيط"): invisible, not words; taken out of the number (and reported) so that
#: "19 -" reads as one. Marks elsewhere in the text stay.
BIDI_MARK_RE = re.compile("[\u200e\u200f\u061c]")
NUMBER_PREFIX_RE = re.compile("^[\\s\u200e\u200f\u061c]*(?:\\d{1,3}|\\([^\\W\\d_]{1,2}\\))[\\s\u200e\u200f\u061c]*[-–.]?[\\s\u200e\u200f\u061c]*")


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
    seen: dict[str, bool] = {}  # a line's text: whether the document prints it twice or more
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
        twice = seen.get(key)
        if twice is None:  # (the same title on every page: looked for once)
            first = whole.find(key)
            twice = seen[key] = first >= 0 and whole.find(key, first + len(key)) >= 0
        if not twice:
            continue
        furniture.add(line.no)
        prev_furniture = True
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


def _site_trailer(lines: list[Line], table: LanguageTable, furniture: set[int], removed: list[Removed]) -> None:
    """The hosting site's licence or source notice after the resolution (Wikisource's "本作品來自
    聯合國官方文件…" with its numbered list, "Este trabajo está extraído de un documento oficial…"):
    from a line the table's ``site_trailer`` recognises to the end of the text, when nothing of a
    resolution (formula, number, adoption, meeting or annex line, numbered decision) follows and the rest
    is less than half the text. Reported, never dropped silently."""
    opener = table.regex("site_trailer")
    resolution = (table.formula_re, table.regex("annex_line")) + table.regexes("meeting_lines") \
        + table.regexes("adoption_lines") + table.regexes("number_lines")
    text = [i for i, l in enumerate(lines) if not l.blank and l.no not in furniture]
    if not any(opener.match(lines[i].text) for i in text[1:]):
        return
    last = max((i for i in text if any(rx.match(lines[i].text.strip()) for rx in resolution)
                or _numbered_decision(lines[i].text, table)), default=-1)
    # the trailer is the small end of the page: never most of its text (a run-together copy of
    # the whole resolution on one line is not followed by the resolution lines these look for)
    size = sum(len(lines[i].text) for i in text)
    tail = size
    start = None
    for i in text:
        if i > last and i > 0 and tail * 2 <= size and opener.match(lines[i].text):
            start = i
            break
        tail -= len(lines[i].text)
    if start is None:
        return
    before = text[text.index(start) - 1] if text.index(start) > 0 else None
    if before is not None and before > last and _bare_heading(lines[before].text):
        start = before  # the page's empty section heading just above it ("Texto", then "Enlace externo")
    for i in text:
        if i >= start:
            furniture.add(lines[i].no)
            removed.append(Removed(lines[i].no, "site-trailer", lines[i].text.strip()))


NUMBERED_RE = re.compile(r"^\s*\d{1,3}\s?[.)-]\s*")


def _numbered_decision(text: str, table: LanguageTable) -> bool:
    """"12. Decides …": a numbered operative paragraph (a site's licence list "1. 官方紀錄…" is not)."""
    m = NUMBERED_RE.match(text)
    return bool(m) and bool(table.operative_re.match(text, m.end()))


LATIN_WORD_RE = re.compile(r"\b[A-Za-z]{2,}\b")


def _other_script_lines(lines: list[Line], table: LanguageTable, furniture: set[int], removed: list[Removed]) -> None:
    """A text in a script other than Latin with whole sentences in Latin letters between its own
    lines (a blog's English–Chinese bitext, paragraph by paragraph): the Latin lines are another
    language's text, not this expression's; reported as such. A Latin-script table has nothing
    to tell apart this way."""
    own = table.regex("own_script")
    if own.match("a") or own.match("A"):
        return
    text = [l for l in lines if not l.blank and l.no not in furniture]
    if sum(1 for l in text if own.search(l.text)) < 3:
        return
    # a sentence of Latin words between lines of the language's own, not a note (" 2 United Nations, …")
    latin = [i for i, l in enumerate(text) if not own.search(l.text) and len(LATIN_WORD_RE.findall(l.text)) >= 8
             and not re.match(r"\s*[\d(\[]", l.text)
             and any(0 <= j < len(text) and own.search(text[j].text) for j in (i - 1, i + 1))]
    if len(latin) < 2:
        return
    # with the bitext established, its short lines too: the English formula ("The General Assembly")
    latin += [i for i, l in enumerate(text) if i not in latin and not own.search(l.text)
              and len(LATIN_WORD_RE.findall(l.text)) >= 2 and not re.search(r"[\d/]", l.text)
              and any(j in latin for j in (i - 1, i + 1))]
    for i in sorted(latin):
        furniture.add(text[i].no)
        removed.append(Removed(text[i].no, "other-language", text[i].text.strip()))


#: a word broken at the line's end by a typesetter's hyphenation: a letter, then U+2010 HYPHEN (as
#: WeasyPrint prints it) or a soft hyphen; an ASCII hyphen may be the word's own ("co-operate")
HYPHENATED_RE = re.compile("[^\\W\\d_][\u2010\u00ad]$")


def _hyphenation(lines: list[Line], furniture: set[int], removed: list[Removed], across: bool = False) -> None:
    """Words a typesetter hyphenated at a line's end ("accord‐" / "ance with such law") made whole
    on the first line, the hyphen reported; the next line keeps the rest of its text (or, when the
    rest of the word is all it has, "sys‐" / "tems,", the word goes down to it whole). The next
    line is the next source line; with ``across``, the next line of text in ``lines`` (the body,
    once the notes are out: "tele‐" at a page's foot, then its notes and furniture, "phony")."""
    text = [l for l in lines if not l.blank and l.no not in furniture]
    for a, b in zip(text, text[1:]):
        end = a.text.rstrip()
        if not across and b.no != a.no + 1 or not HYPHENATED_RE.search(end):
            continue
        before, _, frag = end[:-1].rpartition(" ")
        head, _, rest = b.text.lstrip().partition(" ")
        if not (head[:1].islower() or head[:1].isupper() and frag.isupper()):
            continue  # a new sentence or name on the next line: the hyphen is not a break mark
        indent = b.text[:len(b.text) - len(b.text.lstrip())]  # (a layout's indents tell paragraphs)
        if rest.strip():
            a.text, b.text = end[:-1] + head, indent + rest
        elif before.strip():
            a.text, b.text = before, indent + frag + head
        else:
            continue  # (a line left empty would end the paragraph)
        removed.append(Removed(a.no, "hyphenation", end[-1]))


#: no line of page furniture (running head, job number, page number) is longer than this
FURNITURE_MAX = 300


def _bare_heading(text: str) -> bool:
    """A line of one or two words and no punctuation: a section heading, not a sentence."""
    words = text.split()
    return 0 < len(words) <= 2 and len(text.strip()) <= 30 and text.strip()[-1:].isalpha()


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
    for line in (lines if CONTROL_RE.search(text) else ()):  # (most texts have none)
        if CONTROL_RE.search(line.text):
            # form feeds (page breaks) and other characters XML cannot hold: not words, but said
            removed.append(Removed(line.no, "control-character",
                                   " ".join(f"U+{ord(c):04X}" for c in CONTROL_RE.findall(line.text))))
            line.text = CONTROL_RE.sub(" ", line.text).rstrip()
        prefix = NUMBER_PREFIX_RE.match(line.text) if "\u200e" in line.text or "\u200f" in line.text or "\u061c" in line.text else None
        if prefix and BIDI_MARK_RE.search(prefix.group(0)):
            removed.append(Removed(line.no, "control-character",
                                   " ".join(f"U+{ord(c):04X}" for c in BIDI_MARK_RE.findall(prefix.group(0)))))
            line.text = BIDI_MARK_RE.sub("", prefix.group(0)) + line.text[prefix.end():]
    symbol = find_symbol(lines)
    ctx = fur.Context(symbol, recycle=table.regex("recycle"))
    start = cover_end(lines, table)
    furniture: set[int] = set()
    for i, line in enumerate(lines):
        if not i % 256:
            check(line.no)
        if len(line.text) > FURNITURE_MAX:
            continue  # a page flattened onto one line: its furniture is inside the text, not the line
        kind = fur.furniture_kind(line.text, ctx)
        if kind == "running-head" and i < start:
            continue  # the masthead's own symbol is cover-page text, not a running head
        if kind:
            furniture.add(line.no)
            removed.append(Removed(line.no, kind, line.text.strip()))
    _date_codes(lines, furniture, removed)
    _running_titles(lines, furniture, removed, start)
    _site_trailer(lines, table, furniture, removed)
    _other_script_lines(lines, table, furniture, removed)
    if "\u2010" in text or "\u00ad" in text:
        _hyphenation(lines, furniture, removed)
    months = {m.lower() for m in table["months"]}
    text_lines, inline_notes = cut_inline_notes(lines, furniture)  # (spans: on the source lines)
    text_lines = _inline_bookmarks(text_lines, furniture, removed)
    body, notes, rules = cut_blocks(text_lines, furniture, months, table.regex("note_abbreviations"),
                                    operative=table.operative_re)
    if inline_notes:
        notes = dict(sorted({**inline_notes, **notes}.items(), key=lambda kv: _note_key(kv[0])))
    body = cut_trailing_notes(body, notes, table)
    if notes and ("\u2010" in text or "\u00ad" in text):
        _hyphenation(body, furniture, removed, across=True)  # (words broken across a page's notes)
    removed.extend(Removed(r.no, "footnote-rule", r.text.strip()) for r in rules)
    removed.sort(key=lambda r: r.line)
    return Ingested(source, encoding, lines, body, notes, removed, symbol)

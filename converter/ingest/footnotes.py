"""Footnote blocks: the lines under a ``____`` rule at a page's foot, cut out of the body.

A block holds numbered notes (`` 7 Resolution 68/6.``); a note runs on over lines (and blank
lines) until it reads as complete and the next line does not start a note, at which point the body
text resumes: the paragraph the block cut in two goes on, or a new one starts.
"""
from __future__ import annotations

import re

from converter.ingest.lines import Footnote, Line

RULE_RE = re.compile(r"^\s*(?:_{5,}|-{3,})\s*$")
#: Notes written out in the text's own syntax, anywhere: Markdown ``[^7]: text``, Word ``[7: text]``.
DEFINITION_RE = re.compile(r"^\s*\[(?:\^(?P<md>\d{1,3})\]:|(?P<word>\d{1,3}):)\s*(?P<text>.*?)\s*$")
#: " 7 Resolution 68/6."; Chinese "1/ A/52/855。"
NOTE_START_RE = re.compile(r"^\s*(?P<num>\d{1,3}|\*{1,3})/?(?:\s+(?P<text>\S.*))?$")
COMPLETE_RE = re.compile(r"[.!?。！？][”’\"')\]」]*$")


def is_rule(line: Line) -> bool:
    return bool(RULE_RE.match(line.text))


def note_is_complete(text: str, abbreviations: re.Pattern | None = None) -> bool:
    """A note reads as complete when it ends a sentence, not on an abbreviation ("No.", "vol.")."""
    t = text.rstrip()
    return bool(COMPLETE_RE.search(t)) and not (abbreviations is not None and abbreviations.search(t))


def _starts_note(line: Line, expected: int, months: set[str]) -> re.Match | None:
    m = NOTE_START_RE.match(line.text)
    if not m:
        return None
    num = m.group("num")
    if num.startswith("*"):
        return m
    if not m.group("text"):
        return m if num.isdigit() and int(num) == expected else None  # "1" alone, its text below
    first_word = m.group("text").split()[0].strip(",.").lower()
    if first_word in months:
        return None  # "10 December 2013 ..." is body text, not note 10
    if expected <= int(num) <= expected + 2:
        return m
    return None


def cut_blocks(lines: list[Line], furniture: set[int], months: set[str],
               abbreviations: re.Pattern | None = None, first_number: int = 1) -> tuple[list[Line], dict[str, Footnote], list[Line]]:
    """Split ``lines`` into body lines and footnotes.

    ``furniture`` holds the numbers of lines already known to be page furniture: they end a block.
    Returns (body lines, notes by marker in order, the rule lines consumed).
    """
    body: list[Line] = []
    rules: list[Line] = []
    notes: dict[str, Footnote] = {}
    expected = first_number
    current: Footnote | None = None
    in_block = False
    for line in lines:
        if line.no in furniture:
            in_block = False
            continue
        d = DEFINITION_RE.match(line.text)
        if d and current is not None and not (expected <= int(d.group("md") or d.group("word")) <= expected + 2):
            # "[^7]: February 1984." inside note 2: another tool's damage, not a new note
            current.text = _join(current.text, line.text)
            current.lines.append(line.no)
            continue
        if d:
            num = d.group("md") or d.group("word")
            text = d.group("text")
            if d.group("word") and text.endswith("]"):
                text = text[:-1].rstrip()  # Word's closing bracket
            current = Footnote(num, text, [line.no])
            notes[num] = current
            expected = max(expected, int(num) + 1)
            in_block = True
            continue
        if is_rule(line):
            in_block = True
            rules.append(line)
            continue
        if not in_block:
            body.append(line)
            continue
        if line.blank:
            continue
        m = _starts_note(line, expected, months)
        if m:
            num = m.group("num")
            current = Footnote(num, (m.group("text") or "").strip(), [line.no])
            notes[num] = current
            if not num.startswith("*"):
                expected = int(num) + 1
            continue
        if current is not None and not note_is_complete(current.text, abbreviations):
            current.text = _join(current.text, line.text)
            current.lines.append(line.no)
            continue
        # the body text resumes
        in_block = False
        body.append(line)
    return body, notes, rules


TRAILING_NOTE_RE = re.compile(r"^\s*(?P<num>\d{1,3}|\*{1,3})\.?\s+(?P<text>\S.*)$")


def cut_trailing_notes(body: list[Line], notes: dict[str, Footnote], table) -> list[Line]:
    """Notes printed after the closing meeting line, as in the Security Council's yearly volumes
    ("Adopted at the 1083rd meeting …" then "5. Ibid., Supplement …"), with no rule above them."""
    meeting = table.regexes("meeting_lines")
    annex = table.regex("annex_line")
    months = {m.lower() for m in table["months"]}

    def note_start(line: Line):
        m = TRAILING_NOTE_RE.match(line.text)
        if m and m.group("text").split()[0].strip(",.").lower() not in months and m.group("text")[:1].isupper():
            return m
        return None

    last = None
    for i in range(len(body) - 1, -1, -1):  # the last meeting line, from the end
        s = body[i].text.strip()
        if annex.match(s):
            return body  # an annex after the meeting line: numbered lines are its paragraphs
        if any(rx.match(s) for rx in meeting):
            last = i
            break
    if last is None:
        return body
    # the meeting line may run over a few lines ("Adopted at the 1083rd meeting / by 10 votes …")
    start = last + 1
    while start < len(body) and (body[start].blank or not note_start(body[start])):
        s = body[start].text.strip()
        if body[start].blank or s[:1].islower() or s[:1] in "([0123456789":
            start += 1  # the rest of the meeting line, its vote, its date
        else:
            return body
    kept, current = body[:start], None
    for line in body[start:]:
        if line.blank:
            continue
        m = note_start(line)
        if m and m.group("num") not in notes:
            current = Footnote(m.group("num"), m.group("text").strip(), [line.no])
            notes[current.number] = current
        elif current is not None:
            current.text = _join(current.text, line.text)
            current.lines.append(line.no)
        else:
            return body
    return kept


def _join(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if a.endswith("-") and a[-2:-1].isalpha():
        return a + b
    return f"{a} {b}"

"""Operative numbering as printed against the sequence 1, 2, 3 …

Extracted and OCR'd texts misprint numbers ("8." where 5 stands, "L." for "1.") and lose
paragraphs (4 then 6). Each irregular number is kept as printed, explained to the validator by a
mark on its paragraph, and reported as a guess with its source line:

- ``read:N``: the paragraph stands where N belongs and N follows on, but its number reads
  otherwise (a misread digit, an OCR letter);
- ``gap``: the number is higher than the one expected and the numbers after it follow from it:
  paragraphs are missing from the source text.

A numbered section or division (article, rule …) whose first paragraph is "1." starts its own numbering (parts A, B, C each
numbered from 1), as the profile allows. Anything else out of sequence is left to the profile,
which refuses it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from converter.lang import LanguageTable, number_value as numerals_value
from converter.parse.dates import OCR_DIGITS
from converter.parse.model import Block


def number_value(printed: str | None, table: LanguageTable | None = None) -> int | None:
    """The number a printed paragraph number stands for: "12." → 12, "ll." → 11, "5," → 5, and
    with the language's table its own numerals ("二." → 2)."""
    digits = re.sub(r"[.,\s\-–]", "", (printed or "").translate(OCR_DIGITS))  # (Arabic "12 -")
    if digits.isdigit():
        return int(digits)
    return numerals_value((printed or "").strip().rstrip(".,．、-– "), table) if table is not None else None


def _sequence(blocks: list[Block], in_section: bool = False) -> Iterator[tuple[Block, bool]]:
    """Top-level paragraphs in document order, each with whether it is the first numbered one of a
    numbered section."""
    first = in_section
    for b in blocks:
        if b.kind == "paragraph":
            yield b, first
            if b.num is not None or (b.name or "").startswith("lost:"):
                first = False
        elif b.kind in ("section", "division"):
            yield from _sequence(b.children, in_section=bool(b.num))
            first = False


def reconcile(blocks: list[Block], warn: Callable[[Block, str], None], table: LanguageTable | None = None) -> None:
    """Mark the irregular numbers of one body (see the module's docstring)."""
    seq = [(b, opens) for b, opens in _sequence(blocks)
           if b.num is not None or (b.name or "").startswith("lost:")]
    n = 0
    for i, (b, opens) in enumerate(seq):
        if b.num is None:  # lost: counted where it stood
            n += 1
            continue
        v = number_value(b.num, table)
        if opens and v == 1:
            n = 0
        if v == n + 1:
            n = v
            continue
        following = next((number_value(c.num, table) for c, _ in seq[i + 1:] if c.num is not None), None)
        if v is not None and v > n + 1 and following in (None, v + 1):
            b.name = "gap"
            warn(b, f"paragraph numbered {v} after {n}: paragraph(s) {n + 1}–{v - 1} are not in the source"
                 if v > n + 2 else f"paragraph numbered {v} after {n}: paragraph {n + 1} is not in the source")
            n = v
        elif following == n + 2 or following is None and v is None:
            b.name = f"read:{n + 1}"
            warn(b, f"paragraph number {b.num.strip()!r} read as {n + 1} (it stands between {n} and "
                    f"{following if following is not None else 'the end'})")
            n += 1
        else:
            n = v if v is not None else n + 1

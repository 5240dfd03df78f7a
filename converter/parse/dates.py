"""Dates as printed ("20 December 2013") to ISO 8601, by the language table's month names."""
from __future__ import annotations

import re
from datetime import date

from converter.lang import LanguageTable, number_value


def date_pattern(table: LanguageTable) -> re.Pattern:
    """The language's date as printed, with groups d, m (month name) and y."""
    return table._cached(("date_pattern",), lambda: _digit_first(table.regex("date_pattern")))


#: A pattern opening with a word boundary then a group of 1 to N digits, ``\b(?P<d>\d{1,2})``.
LEADING_DIGITS_RE = re.compile(r"\\b\(\?P<(\w+)>\\d\{1,([1-9])\}\)")


def _digit_first(pattern: re.Pattern) -> re.Pattern:
    r"""The same pattern, written so that the regex engine can skip to a digit when it scans a
    text (3-4x faster): ``\b(?P<d>\d{1,2})`` becomes ``(?P<d>\d(?<!\w\d)\d{0,1})``, the boundary
    tested after the first digit (before a digit, a boundary is a non-word character or the start)."""
    m = LEADING_DIGITS_RE.match(pattern.pattern)
    if not m:
        return pattern
    head = r"(?P<%s>\d(?<!\w\d)\d{0,%d})" % (m.group(1), int(m.group(2)) - 1)
    return re.compile(head + pattern.pattern[m.end():], pattern.flags)


def parse_date(text: str, table: LanguageTable) -> str | None:
    m = date_pattern(table).fullmatch(text.strip().rstrip(".")) if text else None
    if not m:
        m = date_pattern(table).search(text or "")
        if not m:
            return None
    return to_iso(m, table)


#: A day or year with a letter OCR read for a digit ("£964", "3f", "l990"): at least one digit.
OCR_NUMBER_RE = re.compile(r"(?<!\S)(?=\S*\d)[\d£fIlO]{2,4}(?!\S)")
#: What OCR reads for digits, in dates and paragraph numbers: "£964", "3f", "L." / "i9." / "ll.".
OCR_DIGITS = str.maketrans({"£": "1", "f": "1", "I": "1", "l": "1", "L": "1", "i": "1", "O": "0", "o": "0"})

LOOSE_RE = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>\S{3,12}?)\.?,?\s+(?P<y>\d{4})")


def parse_date_ocr(text: str, table: LanguageTable) -> tuple[str | None, bool]:
    """Like parse_date, and when that fails, a month name with one character misread by OCR
    ("3 Apri] 1991"). Returns (ISO date, whether OCR repair was needed)."""
    iso = parse_date(text, table)
    if iso or not text:
        return iso, False
    text = OCR_NUMBER_RE.sub(lambda d: d.group().translate(OCR_DIGITS), text)
    iso = parse_date(text, table)
    if iso:
        return iso, True
    m = LOOSE_RE.search(text)
    if not m:
        return None, False
    month = _nearest_month(m.group("m"), table)
    if month is None:
        return None, False
    try:
        return date(int(m.group("y")), month, int(m.group("d"))).isoformat(), True
    except ValueError:
        return None, False


def _nearest_month(token: str, table: LanguageTable) -> int | None:
    """The month whose name differs from ``token`` by one substituted character, if exactly one."""
    found = [i for name, i in table.month_numbers.items()
             if len(name) == len(token) and len(name) > 3
             and sum(a != b for a, b in zip(name, token.lower())) == 1]
    return found[0] if len(found) == 1 else None


def to_iso(m: re.Match, table: LanguageTable) -> str | None:
    try:
        month = m.group("m")
        number = number_value(month, table) or table.month_numbers[month.lower()]
        return date(number_value(m.group("y"), table), number, number_value(m.group("d"), table)).isoformat()
    except (ValueError, KeyError, TypeError):
        return None

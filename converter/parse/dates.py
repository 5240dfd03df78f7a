"""Dates as printed ("20 December 2013") to ISO 8601, by the language table's month names."""
from __future__ import annotations

import re
from datetime import date

from converter.lang import LanguageTable


def date_pattern(table: LanguageTable) -> re.Pattern:
    return _PATTERNS.setdefault(table.code, re.compile(
        r"\b(?P<d>\d{1,2}) (?P<m>%s),? (?P<y>\d{4})\b" % "|".join(table["months"])))


_PATTERNS: dict[str, re.Pattern] = {}


def parse_date(text: str, table: LanguageTable) -> str | None:
    m = date_pattern(table).fullmatch(text.strip().rstrip(".")) if text else None
    if not m:
        m = date_pattern(table).search(text or "")
        if not m:
            return None
    return to_iso(m, table)


def to_iso(m: re.Match, table: LanguageTable) -> str | None:
    try:
        return date(int(m.group("y")), table.month_numbers[m.group("m").lower()], int(m.group("d"))).isoformat()
    except ValueError:
        return None

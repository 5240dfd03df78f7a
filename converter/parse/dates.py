"""Dates as printed ("20 December 2013") to ISO 8601, by the language table's month names."""
from __future__ import annotations

import re
from datetime import date

from converter.lang import LanguageTable, number_value


def date_pattern(table: LanguageTable) -> re.Pattern:
    """The language's date as printed, with groups d, m (month name) and y."""
    return table.regex("date_pattern")


def parse_date(text: str, table: LanguageTable) -> str | None:
    m = date_pattern(table).fullmatch(text.strip().rstrip(".")) if text else None
    if not m:
        m = date_pattern(table).search(text or "")
        if not m:
            return None
    return to_iso(m, table)


def to_iso(m: re.Match, table: LanguageTable) -> str | None:
    try:
        month = m.group("m")
        number = number_value(month, table) or table.month_numbers[month.lower()]
        return date(number_value(m.group("y"), table), number, number_value(m.group("d"), table)).isoformat()
    except (ValueError, KeyError, TypeError):
        return None

"""Inline recognisers: footnote markers, references to UN documents, dates.

They add spans and anchors to the model's texts; they never change a text except to take out a
footnote marker, which they report with its line so the no-text-lost check can account for it.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from converter.ingest.lines import Removed
from converter.lang import LanguageTable, ascii_digits, required_literal, roman_numeral
from converter.limits import check
from converter.parse.dates import date_pattern, to_iso
from converter.parse.model import Document, NoteAnchor, Span, Taken, Text

#: (The marker patterns start with what they match, the test of the character before it following
#: as a lookbehind: the regex engine then skips to candidates, 2-5x faster, with the same matches.)
#: A marker the text spells out: Markdown ``[^7]``, Word ``[footnoteRef:7]``.
EXPLICIT_RE = re.compile(r"\[(?:\^|footnoteRef:)(?P<n>\d{1,3})\]")
#: A marker glued to the word or punctuation before it: "Geneva1", "2003,1", "age”,10", "levels;9".
#: Chinese prints "报告1/": the slash belongs to the marker. Chinese and Arabic punctuation may follow.
#: Not the first group of a number written with spaces ("约2 400万", "2 900 800").
GLUED_RE = re.compile(r"(?P<n>\d(?<=[^\s\d/.\-\u2010\u2011+−–(\[]\d)\d{0,2})(?!\s\d{3}(?!\d))(?:(?=[\s,;.:)”’\]،؛]|$)(?![.,]\d)|/(?=[^\W\d_]|[\s,;.:，。；：、]|$))")
#: A repeated marker must follow a real word (not "G20", "CO2") or punctuation after one.
REPEAT_BEFORE_RE = re.compile(r"(?:[^\W\d_][^\W\d_A-Z]{2,}[”’\"')]?|[^\W\d_A-Z][”’\"')]?[,;:.，；：。،؛][”’\"')]?|[”’\"')][,;:.]?)$")
#: A marker in parentheses, as Arabic texts print it: "2016(3)", "المسألة(1)،", "(للتنفيذ)(5)" (tables with
#: ``"parenthesised_markers": true`` only: elsewhere "(3)" is a sub-paragraph or a list item).
PAREN_RE = re.compile(r"\((?<=[^\s(\[]\()(?P<n>\d{1,3})\)(?=[\s,;.:،؛)]|$)")
#: A detached marker: " 1 " after a word, not a number a word like "paragraph" asks for.
DETACHED_RE = re.compile(r"\s(?<=(?:[^\W\d_]|[,;.”’)،؛])\s)(?P<n>\d{1,3})(?=\s|$|[,;.،؛])(?![.,]\d)")


#: A detached marker after a document's symbol: "contained in documents S/10182 11 and", "S/11052/Rev.1
#: 32 dated" (the symbol is checked: see _ends_with_symbol).
AFTER_SYMBOL_RE = re.compile(r"(?<=[\dA-Za-z])\s(?P<n>\d{1,3})(?=\s|$|[,;.])(?![.,]\d)")


#: A detached marker right after a year: " 3" in "of 1990 3 and 1995".
AFTER_YEAR_RE = re.compile(r"(?<=\b(?:1[89]|20)\d\d)\s(?P<n>\d{1,3})(?=\s+(?:and|or|to)\b|[,;.])")


#: A marker after a word and its space, glued to the next word: "Weapons 6and" (the next word is checked).
BEFORE_WORD_RE = re.compile(r"(?:(?<=[^\W\d_]\s)|(?<=[,;.”’)]\s))(?P<n>\d{1,3})(?=[^\W\d_])")
#: A marker glued to a sentence's full stop, after a word of three letters or more that stands
#: alone (not a symbol's part, "CP/Dec.8", nor capitals, "DEC.3"); abbreviations are checked.
AFTER_STOP_RE = re.compile(r"(?<=[^\W\d_A-Z]\.)(?P<n>\d{1,3})(?=\s|$)")
STOP_WORD_RE = re.compile(r"(?:^|\s)[^\W\d_][^\W\d_A-Z]{2,}\.$")
#: A detached marker right after a whole date, before a word of the sentence (the date is checked).
AFTER_DATE_RE = re.compile(r"(?<=\d\d\d\d)\s(?P<n>\d{1,3})(?=\s+[^\W\d_A-Z]|\s*$)")


#: A marker fused onto a year: the year's four digits, then the number (the text before is checked).
ON_YEAR_RE = re.compile(r"(?<=\b(?:1[89]|20)\d\d)(?P<n>\d{1,3})(?=[\s,;.:)”’]|$)")


def place_notes(doc: Document, texts: list[Text], note_lines: dict[str, int],
                removed: list[Removed], warnings: list[tuple[int, str]], table: LanguageTable) -> None:
    """Find each footnote's first marker in order, then later markers of the same notes."""
    # a note's key is its marker, or "1#2" for note 1 of a numbering that started again: each
    # run's markers are looked for after the previous run's
    printed = {k: note.marker for k, note in doc.notes.items()}
    numbers = [k for k in doc.notes if printed[k].isdigit()]
    first_at: dict[str, tuple[int, int]] = {}
    _place_explicit(doc, texts, removed, first_at)
    _place_stars(doc, texts, removed, first_at)
    numbers = [n for n in numbers if n not in first_at]
    pos_text, pos_off = 0, 0
    run, run_at = "", (0, 0)
    number_words = table.regex("number_words")
    not_a_day = _not_followed_by_month(table)  # "on 1 April 1993": a date's day, not a marker
    a_word_of = _a_word_of(texts, table)
    strategies = [(PAREN_RE, {}, "glued")] if table.get("parenthesised_markers") else []
    strategies += [
        (GLUED_RE, {}, "glued"),
        (DETACHED_RE, {"number_words": number_words, "after": not_a_day}, "detached"),
        # after a year, as in "the Review Conference of 1990 3 and 1995"
        (AFTER_YEAR_RE, {}, "after a year"),
        # after a whole date, before the sentence goes on: "of 12 February 2013 9 in which"
        (AFTER_DATE_RE, {"before": _ends_with_date(table)}, "after a date"),
        # fused onto the year of a date, a range of years or a year a word asks for:
        # "25 November 20242", "2014–20243", "of 19721"
        (ON_YEAR_RE, {"before": _ends_with_date_or_years(table)}, "fused onto a year"),
        # inside a date: "of 20 127 and 23 July 128 1993", "dated 1 September 30 and 8 September"
        (DETACHED_RE, {"before": _ends_with_day_month(table), "after": not_a_day}, "inside a date"),
        (DETACHED_AFTER_DAY_RE, {"before": _ends_with_day, "after": _day_month_follows(table)}, "inside a date"),
        (AFTER_SYMBOL_RE, {"before": _ends_with_symbol}, "after a document symbol"),
        # glued to the next word instead, its space lost: "Weapons 6and the opinion"
        (BEFORE_WORD_RE, {"number_words": number_words, "after": a_word_of}, "glued to the next word"),
        # after a sentence's full stop: "its annexes.5", "by 13 votes to none.49" (not "Corr.1")
        (AFTER_STOP_RE, {"before": _not_an_abbreviation(table)}, "after a full stop"),
    ]
    digit_runs = _DigitRuns(texts)
    indexes = {id(pattern): _MarkerIndex(texts, pattern, digit_runs) for pattern, _, _ in strategies}
    firsts = [t.lines[0] if t.lines else None for t in texts]
    for n in numbers:
        p, line_of_note = printed[n], note_lines.get(n)
        check(line_of_note)
        if n.partition("#")[2] != run:
            run, run_at = n.partition("#")[2], (pos_text, pos_off)
        found, how = None, "glued"
        # the first marker in reading order any recogniser finds (a glued one before the others
        # at the same place)
        best = None
        stop = _stop(firsts, pos_text, line_of_note)
        for pattern, kw, name in strategies:
            # a hit in a text after the best one's cannot win: look no further than that text (but
            # the words test reads the document's words when first asked: asked as before)
            bound = stop if best is None or kw.get("after") is a_word_of else min(stop, best[0][0] + 1)
            hit = _find_marker(texts, p, pos_text, pos_off, line_of_note, indexes[id(pattern)], bound, **kw)
            if hit is not None and (best is None or (hit[0], hit[1].start("n")) < (best[0][0], best[0][1].start("n"))):
                best = (hit, name)
        if best is not None:
            found, how = best
        else:
            # printed out of order ("1993 3 … Weapons 4 … Agency, 2"): look again from the start
            # (of the run)
            stop = _stop(firsts, run_at[0], line_of_note)
            for pattern, kw, name in strategies:
                found = _find_marker(texts, p, *run_at, line_of_note, indexes[id(pattern)], stop, **kw)
                if found is not None:
                    how = "out of order" if name in ("glued", "detached") else f"out of order, {name}"
                    break
        if found is None:
            # no marker: after the previous note's marker (the numbers run in reading order)
            ti = pos_text if first_at else _text_before_line(texts, note_lines.get(n, 0), pos_text)
            t = texts[ti]
            t.anchors.append(NoteAnchor(len(t.value), n, True))
            digit_runs.refresh(ti)  # (its anchors changed)
            warnings.append((note_lines.get(n, 0), f"no marker found for footnote {p}: note placed at the end of the paragraph before it"))
            if first_at:
                pos_text, pos_off = ti, len(t.value)
            # (else the note went to the paragraph above it, maybe far on: the next notes' markers
            # are still looked for from here)
            first_at[n] = (ti, len(t.value))
            continue
        ti, m = found
        t = texts[ti]
        line = t.line_at(m.start("n"))
        start = m.start()  # the space before a detached marker, the "(" of a parenthesised one
        removed.append(Removed(line, "footnote-marker-fused" if how.endswith("fused onto a year") else "footnote-marker",
                               t.value[start:m.end()]))
        _take_marker(t, start, m.end(), n, True)  # m.end(): with a Chinese marker's "/"
        digit_runs.refresh(ti)
        for index in indexes.values():
            index.refresh(ti)
        if how.endswith("glued to the next word"):
            # the note goes where its marker was printed, after the word before the space
            anchor = next(a for a in t.anchors if a.offset == start and a.marker == n)
            anchor.offset -= 1
            t.anchors.sort(key=lambda a: a.offset)
        if how != "glued":
            warnings.append((line, f"footnote marker {p} guessed ({how})"))
        first_at[n] = (ti, m.start("n"))
        pos_text, pos_off = ti, m.start("n")
    # a note no marker was found for (a star with no star in the text…) still gets a place
    for n in doc.notes:
        if n not in first_at:
            ti = _text_before_line(texts, note_lines.get(n, 0), 0)
            texts[ti].anchors.append(NoteAnchor(len(texts[ti].value), n, True))
            warnings.append((note_lines.get(n, 0), f"no marker found for footnote {printed[n]}: note placed at the end of the paragraph before it"))
            first_at[n] = (ti, len(texts[ti].value))
    # later markers of notes already placed: of the run whose note came last before them
    runs: dict[str, list[tuple[tuple[int, int], str]]] = {}
    for k, at in first_at.items():
        runs.setdefault(printed[k], []).append((at, k))
    for ti, t in enumerate(texts):
        anchored = {a.offset for a in t.anchors}
        cuts = []
        for m in GLUED_RE.finditer(t.value):
            here = (ti, m.start("n"))
            n = max(((at, k) for at, k in runs.get(m.group("n"), ()) if at < here), default=(None, None))[1]
            if n is None:
                continue
            # (the text's last characters: a match of REPEAT_BEFORE_RE at the end is 5 wide at most)
            if not REPEAT_BEFORE_RE.search(t.value[max(0, m.start("n") - 8): m.start("n")]):
                continue
            if m.start("n") in anchored:
                continue
            cuts.append((m.start("n"), m.end(), n, False))
        # (reported in the order the old one-by-one pass, from the text's end, found them)
        removed.extend(Removed(t.line_at(start), "footnote-ref", printed[n]) for start, _, n, _ in reversed(cuts))
        _take_markers(t, cuts)


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
        cuts, width = [], 0  # width: taken out before this marker
        for m in EXPLICIT_RE.finditer(t.value):
            n = m.group("n")
            if n not in doc.notes:
                continue
            first = n not in first_at
            removed.append(Removed(t.line_at(m.start()), "footnote-marker" if first else "footnote-ref", m.group(0)))
            if first:
                first_at[n] = (ti, m.start() - width)
            cuts.append((m.start(), m.end(), n, first))
            width += m.end() - m.start()
        _take_markers(t, cuts)


def _ends_with_date(table: LanguageTable):
    """A test that a text ends with a whole date (day, month and year)."""
    rx = re.compile(f"(?:{date_pattern(table).pattern})$", date_pattern(table).flags)
    return lambda before: rx.search(before) is not None


YEARS_RE = re.compile(r"\b(?:1[89]|20)\d\d\s?[–-]\s?(?:1[89]|20)\d\d$")
#: A detached marker after a lone day, before the rest of the date: "of 20 127 and 23 July".
DETACHED_AFTER_DAY_RE = re.compile(r"(?<=\d)\s(?P<n>\d{1,3})(?=\s)")


#: A year after a word ("of 1972", "the 2000") or after another year ("2021, 2022"), not after a
#: symbol's slash or an abbreviation's full stop ("S/19721", "No. 14860").
YEAR_AFTER_WORD_RE = re.compile(r"(?:[^\W\d_]{2}|\b(?:1[89]|20)\d\d,?|\b(?:1[89]|20)\d\d\s[^\W\d_]+)\s(?:1[89]|20)\d\d$")


def _ends_with_date_or_years(table: LanguageTable):
    """A test that a text ends with a year that is a whole date's, a range's, a list's or a year
    a word asks for ("of 1972")."""
    date = _ends_with_date(table)
    return lambda before: bool(date(before) or YEARS_RE.search(before) or YEAR_AFTER_WORD_RE.search(before))


#: The space a date pattern writes before its year, as the pattern writes it.
TRAILING_SPACE_RE = re.compile(r"(?: |\\s[+*]?)+$")


def _day_month_pattern(table: LanguageTable) -> str | None:
    """The language's date pattern without its year, when the year comes last ("20 July")."""
    pattern = date_pattern(table).pattern
    cut = pattern.find("(?P<y>")
    if cut < 0 or "(?P<m>" not in pattern[:cut] or "(?P<d>" not in pattern[:cut]:
        return None
    return TRAILING_SPACE_RE.sub("", pattern[:cut])  # (its space before the year: " ", "\\s", "\\s+")


def _ends_with_day_month(table: LanguageTable):
    """A test that a text ends with a day and a month, no year ("of 1 September")."""
    dm = _day_month_pattern(table)
    rx = re.compile(f"(?:{dm})$") if dm else None
    return lambda before: rx is not None and rx.search(before) is not None


def _not_followed_by_month(table: LanguageTable):
    """A test that a text does not go on with a month's name (the number before it is a day), as
    the language's dates join them: "1 April", "5 de octubre", "5\xa0de junio" (no-break space)."""
    months = "|".join(re.escape(m) for m in sorted(set(table["months"]) | set(table.get("month_aliases", {})), key=len, reverse=True))
    rx = re.compile(r"(?:%s)(?:%s)\b" % (_day_to_month(table), months))
    return lambda after: rx.match(after) is None


def _day_to_month(table: LanguageTable) -> str:
    """What the language's date pattern prints between the day and the month (``\\s+`` when the
    month comes first, as in Chinese)."""
    m = re.search(r"\(\?P<d>[^)]*\)(.*?)\(\?P<m>", table["date_pattern"])
    return m.group(1).replace(" ", r"\s+") if m and m.group(1).strip() else r"\s+"


def _a_word_of(texts: list[Text], table: LanguageTable):
    """A test that a text goes on with a word the document also prints on its own ("6and": "and";
    never an ordinal's ending, "2nd")."""
    words: set[str] = set()
    ordinal = table.regex("ordinal_suffix")

    def test(after: str) -> bool:
        if not words:
            words.update(re.findall(r"(?<![\w])[^\W\d_]+(?![\w])", " ".join(t.value for t in texts)))
        m = re.match(r"[^\W\d_]+", after)
        # (not an ordinal's ending that is also a word: Spanish "35o período", "o" being "or")
        return m is not None and m.group() in words and not ordinal.fullmatch(m.group())
    return test


def _not_an_abbreviation(table: LanguageTable):
    """A test that the word before a full stop is not an abbreviation ("No.", "Corr.", "vol.")."""
    rx = table.regex("note_abbreviations")
    return lambda before: STOP_WORD_RE.search(before) is not None and rx.search(before) is None


def _ends_with_symbol(before: str) -> bool:
    """Whether a text ends with a UN document's symbol ("S/10182", "S/Agenda/1606")."""
    return SYMBOL_END_RE.search(before) is not None


def _ends_with_day(before: str) -> bool:
    return re.search(r"(?:^|\s)(?:[12]?\d|3[01])$", before) is not None


def _day_month_follows(table: LanguageTable):
    """A test that a text goes on with a word and a day and month ("and 23 July")."""
    dm = _day_month_pattern(table)
    rx = re.compile(f"\\s+[^\\W\\d_]+\\s+(?:{dm})") if dm else None
    return lambda after: rx is not None and rx.match(after) is not None


#: A run of digits: every marker pattern's number is the end of one (a marker's number is followed
#: by no digit), so the index tries a pattern only where a run ends with the number sought.
DIGITS_RE = re.compile(r"\d+")
#: How many characters each marker pattern matches before its number (the space before a detached
#: marker, the "(" of a parenthesised one): where to try the pattern for a run of digits.
MARKER_LEAD = {PAREN_RE: 1, GLUED_RE: 0, DETACHED_RE: 1, AFTER_YEAR_RE: 1, AFTER_DATE_RE: 1, ON_YEAR_RE: 0,
               DETACHED_AFTER_DAY_RE: 1, BEFORE_WORD_RE: 0, AFTER_STOP_RE: 0, AFTER_SYMBOL_RE: 1}


class _MarkerIndex:
    """Where one marker pattern matches, by number and text, found once and kept up to date as
    markers are taken out (so that placing N notes does not scan the document N times).

    The pattern is not run over the texts: it is tried only where a run of digits ends with the
    number sought, at its ``MARKER_LEAD`` before the number. Two matches of a marker pattern
    cannot overlap (each holds one run of digits and at most a character either side, never a
    digit), so these are the matches ``finditer`` finds, at a fraction of the cost."""

    def __init__(self, texts: list[Text], pattern: re.Pattern, runs: "_DigitRuns"):
        self.texts, self.pattern, self.runs = texts, pattern, runs
        self.lead = MARKER_LEAD[pattern]
        self.by_text: dict[int, dict[str, list[re.Match]]] = {}  # found on first need

    def matches(self, ti: int, n: str) -> list[re.Match]:
        """The matches of number ``n`` in text ``ti``, in order."""
        found = self.by_text.setdefault(ti, {})
        matches = found.get(n)
        if matches is None:
            matches = found[n] = []
            value, match, lead = self.texts[ti].value, self.pattern.match, self.lead
            for end in self.runs.ends_with(ti, n):
                start = end - len(n)
                m = match(value, start - lead) if start >= lead else None
                if m is not None and m.start("n") == start and m.end("n") == end:
                    matches.append(m)
        return matches

    def refresh(self, ti: int) -> None:
        self.by_text.pop(ti, None)  # a marker was taken out: looked for again when asked

    def candidates(self, n: str, start: int, stop: int):
        """(text index, the matches of number n in it), for the texts from start to before stop
        that have a run of digits ending with n."""
        for ti in self.runs.texts_with(n, start, stop):
            matches = self.matches(ti, n)
            if matches:
                yield ti, matches


class _DigitRuns:
    """The runs of digits of each text, and where no marker can be: its anchors and its spans
    nothing is marked inside (each found on first need, again after a marker is taken out)."""

    def __init__(self, texts: list[Text]):
        self.texts = texts
        self.by_text: dict[int, dict[str, list[int]]] = {}
        self.ranges: dict[tuple[str, int, int], list[int]] = {}  # texts_with's answers (every recogniser asks)
        self.closed: dict[int, tuple[set[int], Taken]] = {}

    def closed_to_markers(self, ti: int) -> tuple[set[int], Taken]:
        """The offsets of text ``ti``'s anchors, and its spans a marker cannot be inside (a vote
        count, a date, a meeting): asked of every candidate, so kept (a masthead printed 4,000
        times holds 12,000 spans)."""
        found = self.closed.get(ti)
        if found is None:
            t = self.texts[ti]
            found = self.closed[ti] = ({a.offset for a in t.anchors},
                                       Taken((s.start, s.end) for s in t.spans if s.kind in LEAF_KINDS))
        return found

    def texts_with(self, n: str, start: int, stop: int) -> list[int]:
        """The texts from ``start`` to before ``stop`` with a run of digits that ends with ``n``
        (a text that does not hold n's characters has none)."""
        key = (n, start, stop)
        found = self.ranges.get(key)
        if found is None:
            texts = self.texts
            found = self.ranges[key] = [ti for ti in range(start, min(stop, len(texts)))
                                        if n in texts[ti].value and self.ends_with(ti, n)]
        return found

    def ends_with(self, ti: int, n: str) -> list[int]:
        """Where the runs of text ``ti`` that end with ``n`` (one to three digits) end."""
        ends = self.by_text.get(ti)
        if ends is None:
            ends = self.by_text[ti] = {}
            for m in DIGITS_RE.finditer(self.texts[ti].value):
                digits, end = m.group(), m.end()
                for k in range(1, min(3, len(digits)) + 1):
                    ends.setdefault(digits[-k:], []).append(end)
        return ends.get(n, [])

    def refresh(self, ti: int) -> None:
        self.by_text.pop(ti, None)
        self.closed.pop(ti, None)
        self.ranges.clear()


def _stop(firsts: list[int | None], start: int, note_line: int | None) -> int:
    """The first text from ``start`` that begins below the note's line (its marker is above it)."""
    if note_line:
        for ti in range(start, len(firsts)):
            if firsts[ti] is not None and firsts[ti] > note_line:
                return ti
    return len(firsts)


#: How many characters either side of a possible marker its tests read (the word or date before
#: it, the month or word after it: a few dozen at most). Not the whole text: a paragraph with
#: 20,000 candidates would be read 20,000 times.
MARKER_CONTEXT = 200


def _find_marker(texts, n, pos_text, pos_off, note_line, index, stop, number_words=None, before=None, after=None):
    for ti, matches in index.candidates(n, pos_text, stop):
        t = texts[ti]
        anchored, leaves = index.runs.closed_to_markers(ti)
        for m in matches:
            if ti == pos_text and m.start("n") < pos_off:
                continue
            if m.start("n") in anchored:
                continue
            if leaves.overlaps(m.start("n"), m.start("n") + 1):
                continue  # a vote count, a date, a meeting: never a marker
            if note_line and t.line_at(m.start("n")) > note_line:
                return None
            head = t.value[max(0, m.start() - MARKER_CONTEXT): m.start()]
            if number_words is not None and number_words.search(head.rstrip()):
                continue
            if before is not None and not before(head):
                continue
            if after is not None and not after(t.value[m.end(): m.end() + MARKER_CONTEXT]):
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
    _take_markers(t, [(start, end, marker, first)])


def _take_markers(t: Text, cuts: list[tuple[int, int, str, bool]]) -> None:
    """Remove markers (start, end, marker, first), in order and apart, from the text in one pass
    (a text with thousands of markers costs no more than its length): a span or anchor after a
    marker moves back by the widths taken before it, a line's offset inside one goes to its
    start, and each note is anchored where its marker was."""
    if not cuts:
        return
    starts, ends, before, pieces = [], [], [], []  # before[i]: the width taken by the cuts before cut i
    pos = total = 0
    for start, end, _, _ in cuts:
        starts.append(start)
        ends.append(end)
        before.append(total)
        total += end - start
        pieces.append(t.value[pos:start])
        pos = end
    pieces.append(t.value[pos:])
    t.value = "".join(pieces)

    def shift(p: int) -> int:  # the width taken by the cuts ending at or before p
        k = bisect_right(ends, p)
        return before[k] if k < len(before) else total

    def moved(o: int) -> int:  # a line's offset: inside a marker, its start
        k = bisect_right(ends, o)
        if k < len(starts) and starts[k] < o:
            return starts[k] - before[k]
        return o - shift(o)

    t.offsets = [(moved(o), no) for o, no in t.offsets]
    for s in t.spans:
        w = shift(s.start)
        s.start -= w
        s.end -= w
    for a in t.anchors:
        a.offset -= shift(a.offset)
    t.anchors.extend(NoteAnchor(start - before[i], marker, first) for i, (start, _, marker, first) in enumerate(cuts))
    t.anchors.sort(key=lambda a: a.offset)


# --- references to UN documents --------------------------------------------------------------

#: The series of UN document symbols other than the principal organs' (A, S, E) that a
#: resolution cites: conventions' bodies, treaty bodies, the Secretariat, UNCTAD, UN-Women...
SYMBOL_SERIES = ("APLC", "BWC", "CAT", "CBD", "CCPR", "CCW", "CD", "CED", "CEDAW", "CERD", "CMW", "CRC", "CRPD",
                 "CTOC", "DP", "FCCC", "ICCD", "ISBA", "NPT", "SPLOS", "ST", "TD", "UNEP", "UNW")
DOC_SYMBOL_RE = re.compile(
    r"(?P<sym>(?:[ASE](?<![A-Za-z0-9_/][ASE])|(?<![A-Za-z0-9_/])(?:%s))/(?:[A-Z][A-Za-z0-9.]*/)*\d+(?:/(?:[A-Z][A-Za-z.]*\d*|\d+)(?:\.\d+)?)*"
    r"(?:\s?\((?:Part\s[IVX]{1,4}|Sect\.\s\d{1,3}[A-Z]?)\)(?:/(?:Corr|Add)\.\d+)?)?"  # "A/CONF.157/24 (Part I)", "A/78/6 (Sect. 2)", "…(Part I)/Corr.1"
    r"(?:-(?:A|S|E)/(?:[A-Z][A-Za-z0-9.]*/)*\d+(?:/[A-Za-z0-9.]*\d)*)?)" % "|".join(sorted(SYMBOL_SERIES, key=len, reverse=True)))
#: A symbol ending a text (a marker may follow it: see _ends_with_symbol).
SYMBOL_END_RE = re.compile(f"(?:{DOC_SYMBOL_RE.pattern})\\Z")
#: How Arabic texts write an old resolution's session: "1514 (د-15)" is 1514 (XV), "1874 (دإ-4)"
#: (a special session's) 1874 (S-IV); and a special session's number: "دإ-19/2" is S-19/2.
ARABIC_SESSIONS = {"د": "", "دإ": "S-"}
ARABIC_SPECIAL = "دإ-"
ARABIC_SESSION_RE = re.compile(r"\((?P<kind>دإ|د)\s?-\s?(?P<n>\d{1,2})\)")
RES_ITEM_RE = re.compile(r"(?P<num>(?:E?S-|%s)?\d{1,4}/\d{1,4}(?:\s[A-Z](?![\w]))?|\d{1,4}\s?(?:[A-Z]\s?)?\((?:S-)?[IVXL]+\)|\d{1,4}\s?\(\d{4}\)"
                         r"|\d{1,4}\s?%s)(?![A-Za-z\d_/])"
                         % (ARABIC_SPECIAL, re.sub(r"\(\?P<\w+>", "(?:", ARABIC_SESSION_RE.pattern)))


def mark_references(t: Text, table: LanguageTable, own: str | None = None) -> None:
    """Resolutions cited by number after "resolution(s)", and document symbols, as links.
    ``own``: the symbol prefix of the citing body's resolutions ("A/HRC/RES/"), for a number no
    body is named for that cannot be the General Assembly's ("its resolution 7/34" in a Human
    Rights Council text); else such a number is not linked."""
    taken = Taken((s.start, s.end) for s in t.spans if s.kind in LEAF_KINDS)
    glue_re = table.derived("citation_glue", lambda: _citation_glue(table))
    found = table.literal("resolution_citation") in t.value  # (most paragraphs cite nothing)
    for key in table.regex("resolution_citation").finditer(t.value) if found else ():
        council = (key.group("council") or "").strip()
        prefix = table["councils"].get(council) if council else None
        pos = key.end()
        # (Chinese prints the date first: "人权理事会2011年9月29日第18/6号": the key's number has it)
        year_before = _year_before(t.value, key.end(), table)
        while True:
            item = RES_ITEM_RE.match(t.value, pos)
            if not item:
                break
            a, b = item.span("num")
            year = _cited_year(t.value, b, table)
            if year is None and pos == key.end():
                year = year_before
            linked, body = (True, prefix) if prefix else _body_after(t.value, b, table) or _unnamed_body(item.group("num"), year, own)
            href = _resolution_href(item.group("num"), body, year) if linked else None
            if href and not taken.overlaps(a, b):
                t.spans.append(Span(a, b, "ref", {"href": href}))
                taken.add(a, b)
            glue = glue_re.match(t.value, b)
            if not glue:
                break
            pos = glue.end()
    for m in DOC_SYMBOL_RE.finditer(t.value) if "/" in t.value else ():  # (a symbol has a "/")
        a, b = m.span("sym")
        if not taken.overlaps(a, b):
            sym = ascii_digits(m.group("sym"))
            first = sym.split("-")[0] if re.search(r"-(?:A|S|E)/", sym) else sym
            t.spans.append(Span(a, b, "ref", {"href": f"https://undocs.org/en/{WHITESPACE_RE.sub('', first)}"}))
            taken.add(a, b)


#: A cited resolution's number in any of RES_ITEM_RE's forms (no group), for the tables' citation
#: glue, which writes ``{cited}`` where one follows or may not stand (a cited title's words).
CITED = RES_ITEM_RE.pattern.replace("(?P<num>", "(?:", 1)


def _citation_glue(table: LanguageTable) -> re.Pattern:
    """The table's ``citation_glue`` with ``{cited}`` read as a cited number (see CITED)."""
    return re.compile(table.regex("citation_glue").pattern.replace("{cited}", f"(?:{CITED})"))


#: The first session whose resolutions the General Assembly numbers "session/number" (1976).
FIRST_SLASHED_SESSION = 31
#: The General Assembly's session n opens in the year FIRST_YEAR + n (its first in 1946).
FIRST_YEAR = 1945
#: The Human Rights Council's first year: its sessions run three a year from then.
HRC_FIRST_YEAR = 2006
#: The Council's resolutions, numbered "session/n" as the Assembly's are (the Security Council's and
#: the Economic and Social Council's are numbered otherwise).
HRC_PREFIX = "A/HRC/RES/"
#: A number "session/n" ("27/2", "57/284 A").
SESSION_NUMBER_RE = re.compile(r"(\d{1,3})/\d{1,4}(?:\s[A-Z])?")
#: No body has held this many sessions yet (the Assembly's 80th opened in 2025): "321/77" is a
#: misprint of 77/321 (Arabic, its digits' order lost), nobody's resolution.
MAX_SESSION = 99


def _cited_year(text: str, end: int, table: LanguageTable) -> int | None:
    """The year of the date a cited number ending at ``end`` is followed by, joined as the
    table's ``citation_date_lead`` says ("of", "du", "المؤرخ"); None without one."""
    lead = table.regex("citation_date_lead").match(text, end)
    return _year(date_pattern(table).match(text, lead.end()) if lead else None)


def _body_after(text: str, end: int, table: LanguageTable) -> tuple[bool, str | None] | None:
    """Whose a cited number is, when the body is named right after it, as the table's
    ``council_after`` reads it: (linked, symbol prefix) for a council or the Assembly ("52/6 del
    Consejo de Derechos Humanos" → A/HRC/RES/); not linked for another body, a commission's or a
    conference's ("32/1 de la Comisión de Prevención del Delito"); None when no body is named."""
    if not table.has("council_after"):
        return None
    m = table.regex("council_after").match(text, end)
    if m is None:
        return None
    return (True, table["councils"][m.group("council")]) if m.group("council") else (False, None)


def _year_before(text: str, start: int, table: LanguageTable) -> int | None:
    """The year of the date that ends at ``start``, in a language that prints a citation's date
    before its number ("2016年9月29日第33/3号"): the table's ``citation_date_first`` says what
    may stand between the date and the number ("第"); else None."""
    if not table.get("citation_date_first"):
        return None
    rx = table.derived("date_before", lambda: re.compile(f"(?:{date_pattern(table).pattern})\\s*{table['citation_date_first']}$"))
    return _year(rx.search(text, max(0, start - DATE_BEFORE_CHARS), start))


def _year(date: re.Match | None) -> int | None:
    """The year of a match of the date pattern, in ASCII digits (None for none, or for a year
    in the language's own numerals, "二〇一六")."""
    year = ascii_digits(date.group("y")) if date else ""
    return int(year) if year.isdigit() else None


#: How far back before a citation :func:`_year_before` looks for its date ("二〇一六年十二月二十九日").
DATE_BEFORE_CHARS = 24


def _unnamed_body(num: str, year: int | None, own: str | None) -> tuple[bool, str | None]:
    """Whose a resolution cited by number with no body named is: (linked, symbol prefix; None
    for the usual reading of the number's form). ``year``: of the date printed with it, if any
    (:func:`_cited_year`, :func:`_year_before`). A number "session/n" is the General Assembly's
    from its thirty-first session on, when adopted in the year its session opened or the next; else
    the Human Rights Council's, when it is the citing body (``own``) or the date is its session's
    (three a year from 2006: "18/6 du 29 septembre 2011"); else nobody's known ("resolution 27/2
    of 18 May 2018", a commission's): not linked; a session no body has held, not linked either.
    Other forms: as they read."""
    m = SESSION_NUMBER_RE.fullmatch(ascii_digits(num.strip()))
    if not m:
        return True, None
    session = int(m.group(1))
    if session > MAX_SESSION:
        return False, None
    if session >= FIRST_SLASHED_SESSION and (year is None or FIRST_YEAR + session <= year <= FIRST_YEAR + 1 + session):
        return True, None
    if own == HRC_PREFIX or year is not None and abs(year - (HRC_FIRST_YEAR + (session - 1) // 3)) <= 1:
        return True, HRC_PREFIX
    return False, None


#: Any run of spaces, no-break ones too (none belongs in an address).
WHITESPACE_RE = re.compile(r"\s+")


def _resolution_href(num: str, prefix: str | None, year: int | None = None) -> str | None:
    """The undocs.org address of a resolution cited by number; ``prefix`` from the council named;
    ``year``: of the date that follows the number, if one does.

    The address names a document. The lettered parts of a resolution adopted together are one
    document, the resolution's ("57/284 A", "217 A (III)" → A/RES/57/284, A/RES/217(III)); a
    part adopted in a later year, at a resumed session, is a document of its own ("57/270 B of
    23 June 2003" → A/RES/57/270B). So the UN's own English files link them (its French and
    Spanish files drop the letter of a later part too)."""
    num = WHITESPACE_RE.sub(" ", ascii_digits(num.strip()))  # (a no-break space: "72/266\xa0B")
    num = ARABIC_SESSION_RE.sub(lambda m: f"({ARABIC_SESSIONS[m.group('kind')]}{roman_numeral(int(m.group('n')))})", num)
    if num.startswith(ARABIC_SPECIAL):
        num = "S-" + num[len(ARABIC_SPECIAL):]
    if re.fullmatch(r"(\d+)\s?\(\d{4}\)", num) or prefix == "S/RES/":  # ("第1769(2007)号": no space)
        return f"https://undocs.org/en/S/RES/{num.replace(' ', '')}"
    m = re.fullmatch(r"(\d+)\s?([A-Z]?)\s?\(((?:S-)?[IVXL]+)\)", num)
    if m:
        return f"https://undocs.org/en/{prefix or 'A/RES/'}{m.group(1)}({m.group(3)})"  # (E/RES/2008(LX))
    a, _, rest = num.partition("/")
    rest, _, letter = rest.partition(" ")  # ("284 A": the letter)
    if letter and year is not None and a.isdigit() and year > FIRST_YEAR + int(a):
        rest += letter  # adopted after its session's first year
    if a.startswith(("S-", "ES-")):  # a special or emergency special session's: "S-19/2", "ES-10/19"
        return f"https://undocs.org/en/{prefix or 'A/RES/'}{a}/{rest}"
    if prefix:
        return f"https://undocs.org/en/{prefix}{a}/{rest}"
    if len(a) == 4:
        return f"https://undocs.org/en/E/RES/{a}/{rest}"
    return f"https://undocs.org/en/A/RES/{a}/{rest}"


def mark_dates(t: Text, table: LanguageTable) -> None:
    taken = Taken((s.start, s.end) for s in t.spans if s.kind in LEAF_KINDS)
    for m in date_pattern(table).finditer(t.value):
        iso = to_iso(m, table)
        if iso and not taken.overlaps(m.start(), m.end()):
            t.spans.append(Span(m.start(), m.end(), "date", {"date": iso}))


def mark_titles(t: Text, table: LanguageTable) -> None:
    """Titles of publications a note cites as the UN prints them, in italics: the table's
    ``italic_titles`` ("United Nations, *Treaty Series*, vol. 2221", "*Official Records of the
    General Assembly, Seventy-eighth Session, Supplement No. 23*", "Ibid., *Seventy-fourth Session,
    Supplement No. 26*"); a pattern's group ``title``, when it has one, is the title. A title
    over anything already marked (a link, a date) is not marked."""
    if not table.has("italic_titles"):
        return
    taken = None
    for rx, literal in table.derived("italic_titles", lambda: [(rx, required_literal(rx)) for rx in table.regexes("italic_titles")]):
        if literal not in t.value:
            continue  # (most paragraphs cite no publication)
        for m in rx.finditer(t.value):
            a, b = m.span("title") if "title" in rx.groupindex else m.span()
            if taken is None:
                taken = Taken((s.start, s.end) for s in t.spans)
            if b > a and not taken.overlaps(a, b):
                t.spans.append(Span(a, b, "title"))
                taken.add(a, b)


#: Spans nothing else may be marked inside (a link, a date); others (a phrase, an originating
#: document, a title) may hold links and dates.
LEAF_KINDS = {"ref", "date", "docDate", "issued", "symbol", "location", "session", "distribution", "vote", "number"}


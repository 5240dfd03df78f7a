"""Paragraphs to the document model, one recogniser per construct.

Each recogniser looks at the current paragraph (and the parser's state) and either consumes it
into the model or declines. They are tried in the order of RECOGNISERS; a paragraph nobody claims
goes where the parser currently is (preamble or body) as running text, with a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from converter.lang import LanguageTable, number_value, organ_for_formula, organ_for_name, roman_numeral
from converter.limits import check
from converter.ingest.furniture import SYMBOL_RE
from converter.parse.chunks import DASH_LEAD_RE, LABEL_RE, NUM_RE, heading_match, is_subheading, number_start, spaced
from converter.parse.model import Annex, Block, Document, Span, Taken, Text
from converter.parse.dates import parse_date, parse_date_ocr
from converter.parse.inline import EXPLICIT_RE
from converter.parse.lists import ROMAN, label_kind, list_kind, lost_labels
from converter.parse.numbering import number_value as number_value_printed, reconcile


@dataclass
class State:
    doc: Document
    table: LanguageTable
    where: str = "cover"   # cover, preamble, body, conclusions, annex
    last_num: int = 0
    warnings: list[tuple[int, str]] = field(default_factory=list)
    annex: Annex | None = None
    has_adoption: bool = False
    #: the paragraph whose embedded document is being read, and the numbering outside it
    embed: Block | None = None
    outer_num: int = 0
    #: a voters' label ("In favour:") whose list of States stands on the next line
    pending_voters: str | None = None
    #: the paragraphs still to read, the next one last
    queue: list[Text] = field(default_factory=list)
    #: a date line above a Council number: (text, start, end, ISO date), the adoption date if none
    date_guess: tuple | None = None
    #: a resolution in parts: the whole (its cover and number), while ``doc`` is the part being read
    whole: Document | None = None

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    @property
    def blocks(self) -> list[Block]:
        if self.embed is not None:
            return self.embed.embedded
        if self.annex is not None:
            return self.annex.body
        return self.doc.preamble if self.where in ("cover", "preamble") else self.doc.body


Recogniser = Callable[[Text, State], bool]


def _cut(t: Text, start: int) -> Text:
    """The rest of ``t`` from ``start`` (leading spaces dropped), lines kept."""
    while start < len(t.value) and t.value[start] == " ":
        start += 1
    offsets = [(max(0, o - start), n) for o, n in t.offsets if o >= start]
    first_line = t.line_at(start)
    if not offsets or offsets[0][0] != 0:
        offsets.insert(0, (0, first_line))
    lines = [n for n in t.lines if n >= first_line]
    return Text(t.value[start:], lines, offsets)


def _head(t: Text, end: int) -> Text:
    """``t`` up to ``end``, lines, offsets, spans and anchors kept."""
    head = Text(t.value[:end], [n for n in t.lines if n <= t.line_at(end)], [o for o in t.offsets if o[0] <= end])
    head.spans = [s for s in t.spans if s.end <= end]
    head.anchors = [a for a in t.anchors if a.offset <= end]
    return head


def _adoption_date(t: Text, m: re.Match, st: State) -> None:
    """Mark the date a number line or meeting line gives (read through OCR damage, with a
    warning) and take it as the adoption date when none is known yet."""
    if not m.groupdict().get("date"):
        return
    iso, repaired = parse_date_ocr(m.group("date"), st.table)
    year = (st.doc.number or "").rpartition("-")[2]
    if iso and repaired and re.fullmatch(r"(?:19|20)\d\d", year) and iso[:4] != year:
        iso = f"{year}{iso[4:]}"  # "of 14 October £964" under "226 (1966)": the symbol's year holds
    if repaired:
        st.warn(t.lines[0], f"date {m.group('date')!r} read as {iso} (OCR)")
    if iso:
        t.spans.append(Span(m.start("date"), m.end("date"), "docDate", {"date": iso}))
        st.doc.adoption_date = st.doc.adoption_date or iso


#: Markers spelled out at a line's end ("…1946[^21]").
EXPLICIT_TAIL_RE = re.compile(f"(?:{EXPLICIT_RE.pattern})+\\s*$")


def match_any(table: LanguageTable, key: str, text: str) -> re.Match | None:
    """The first of the table's ``key`` patterns matching ``text``, its no-break spaces read as
    spaces ("45th plenary meeting 7\xa0December 2023": the patterns write a space; the offsets
    are the same); a line ending with markers spelled out ("6 (1946). Resolution of 17 May
    1946[^21]", as ``unakn text`` writes a marker it cannot glue to a digit) is matched without
    them: they are never the line's words."""
    text = spaced(text)
    tail = EXPLICIT_TAIL_RE.search(text) if text.endswith("]") else None
    if tail:
        text = text[:tail.start()]
    for rx in table.regexes_opening(key, text[:1]):
        m = rx.match(text)
        if m:
            return m
    return None


def adoption_line(t: Text, st: State) -> bool:
    """"Resolution adopted by the General Assembly on …", "Adopted by the Security Council at its …"."""
    m = match_any(st.table, "adoption_lines", t.value)
    if not m or st.doc.adoption_line is not None or st.where not in ("cover",):
        return False
    st.doc.adoption_line = t
    st.doc.cover.append(("adoption", t))
    organ = organ_for_name(st.table, m.group("organ"))
    if organ:
        st.doc.organ = organ
    if m.groupdict().get("date"):  # else "Decision adopted by the Human Rights Council*": the date comes later
        _adoption_date(t, m, st)
        if st.doc.adoption_date is None:
            st.warn(t.lines[0], f"adoption date {m.group('date')!r} is not a calendar date")
    if "meeting" in m.groupdict() and m.group("meeting"):
        st.doc.meeting = f"{m.group('meeting')} meeting"
    if (m.groupdict().get("kind") or "").lower() == "decision":
        st.doc.kind = "decision"
    return True


def proponent_line(t: Text, st: State) -> bool:
    if st.where != "cover" or st.doc.proponent_line is not None:
        return False
    m = st.table.regex("committee_line").match(t.value)
    if m:
        st.doc.committee = m.group("committee")
        t.spans.append(Span(m.start("committee"), m.end("committee"), "committee",
                            {"name": m.group("committee"), "id": _committee_id(m.group("committee"), st.table)}))
        t.spans.append(Span(m.start("report"), m.end("report"), "originating", {}))
        st.doc.proponent_line = t
        st.doc.cover.append(("proponent", t))
        return True
    m = st.table.regex("proposal_line").match(t.value)
    if m:
        if st.table.regex("without_committee").match(spaced(m.group("text"))):
            t.spans.append(Span(m.start("text"), m.end("text"), "committee",
                                {"name": m.group("text"), "id": "noMainCommittee", "tlc": "TLCConcept"}))
        if m.group("report"):
            t.spans.append(Span(m.start("report"), m.end("report"), "originating", {}))
        st.doc.proponent_line = t
        st.doc.cover.append(("proponent", t))
        return True
    return False


def _committee_id(name: str, table: LanguageTable) -> str | None:
    """The id of a committee, the same in every language ("Troisième Commission", "Third Committee":
    thirdCommittee), as the UN's files name it: the longest of the table's committees the name
    holds; None for one the table does not know."""
    name = " ".join(spaced(name).split())
    known = [k for k in table["committees"] if k in name]
    return table["committees"][max(known, key=len)] if known else None


def doc_number(t: Text, st: State) -> bool:
    """"68/198. Title", "Resolution 242 (1967) of 22 November 1967", "1 (1946) Resolution of …"."""
    if st.where != "cover" or st.doc.doc_number is not None:
        return False
    m = match_any(st.table, "number_lines", t.value)
    if not m:
        return False
    whole = m.start("num") == 0 and m.end("num") == len(t.value)  # the line is the number alone
    st.doc.doc_number = t
    year_only_in_date = m.group("b") not in m.group("num")  # "Resolution 290 of 8 December 1970"
    if not m.groupdict().get("title") and ("(" in m.group("num") or year_only_in_date):
        # "Resolution 242 (1967) of 22 November 1967": a cover-page line holding the number
        if not whole:
            t.spans.append(Span(m.start("num"), m.end("num"), "number"))
        st.doc.cover.append(("number", t))
    b = m.group("b")
    if re.fullmatch(r"\d{3}-\d", b):
        b = b.replace("-", "")
        st.warn(t.lines[0], f"year {m.group('b')!r} in the number read as {b} (OCR)")
    old_style = "(" in m.group("num") or "（" in m.group("num")  # "2758 (XXVI)", "二七五八 (二十六)": b is the session
    st.doc.number = f"{_number_part(m.group('a'), st.table)}-{_number_part(b, st.table, session=old_style)}"
    if re.fullmatch(r"\d{4}", b) and (re.search(r"[(（]", m.group("num")) or year_only_in_date):
        st.doc.organ = st.doc.organ or "unsc"
        _date_above_number(st)
    _adoption_date(t, m, st)
    if m.groupdict().get("title"):
        # the number is the docNumber; the rest of the line is the title
        st.doc.doc_number = Text(m.group("num"), t.lines[:1], [(0, t.lines[0])])
        st.doc.title = _cut(t, m.start("title"))
        _date_ending_title(st)
    return True


def _date_above_number(st: State) -> None:
    """A web copy of a Council resolution ("1985年9月12日" / "第570(1985)号决议"): a line holding
    only a date of the number's year, right above the number, is the adoption date when nothing
    else gives one (see :func:`build`); kept as a candidate, used with a warning (a guess)."""
    if len(st.doc.cover) < 2 or st.doc.cover[-2][0] != "masthead":
        return
    t = st.doc.cover[-2][1]
    found = _last_line_date(t, st)
    if found and found[2][:4] == st.doc.number.split("-")[-1]:
        st.date_guess = (t, *found, "the date line above the number")


def _date_ending_title(st: State) -> None:
    """A title whose last line holds only a date ("Резолюция 68/262, принятая Генеральной
    Ассамблеей" / "…"Территориальная целостность Украины"" / "27 марта 2014 года"): the adoption
    date when nothing else gives one, used with a warning (a guess)."""
    t = st.doc.title
    if t is None or len(t.offsets) < 2 or st.date_guess is not None:
        return
    found = _last_line_date(t, st)
    if found:
        st.date_guess = (t, *found, "the date line ending the title")


def _last_line_date(t: Text, st: State) -> tuple[int, int, str] | None:
    """Where the last source line of ``t`` is a date and nothing else, its span and ISO date."""
    at = t.offsets[-1][0] if t.offsets else 0
    last = t.value[at:]
    date = last.strip(" .,")
    iso = parse_date(date, st.table)
    if not iso or not date_re(st.table).fullmatch(date):
        return None
    start = at + len(last) - len(last.lstrip())
    if any(s.start < start + len(date) and start < s.end for s in t.spans):
        return None
    return start, start + len(date), iso


def _dated_session(t: Text, st: State) -> bool:
    """A cover line opening with a date and naming the session ("1971年10月25日联合国大会第26届会议"),
    as a web copy heads a resolution: its date is the adoption date when nothing else gives one."""
    if st.date_guess is not None or st.doc.doc_number is not None:
        return False
    m = date_re(st.table).match(t.value)
    if not m or not st.table.regex("masthead.session").search(t.value, m.end()):
        return False
    iso = parse_date(m.group().strip(" .,"), st.table)
    if not iso:
        return False
    st.date_guess = (t, m.start(), m.start() + len(m.group().rstrip(" .,")), iso, "the dated session heading")
    st.doc.cover.append(("masthead", t))
    return True


def _use_date_guess(st: State) -> None:
    if st.date_guess is None or st.doc.adoption_date or st.doc.adoption_line is not None:
        return
    t, start, end, iso, where = st.date_guess
    t.spans.append(Span(start, end, "docDate", {"date": iso}))
    st.doc.adoption_date = iso
    st.warn(t.line_at(start), f"adoption date guessed from {where}: {iso}")


DOCNUM_RE = re.compile(r"^(?P<num>(?P<a>\d{1,4})/(?P<b>\d{1,4})(?:\s?[A-Z])?\.)(?:\s+(?P<title>.*))?$")


DRAFT_SYMBOL_RE = re.compile(
    r"^[\[(]\s*(?:[ASE]/[^\s\])]+)(?:\s*(?:,|and)\s*(?:[ASE]/[^\s\])]+|(?:Add|Corr|Rev)\.\d+))*\s*[\])]\.?$")


def draft_symbol(t: Text, st: State) -> bool:
    """"[S/726]", "(S/3139/Rev.2]": the draft a resolution was adopted from, under its number."""
    if st.where != "cover" or not DRAFT_SYMBOL_RE.match(t.value):
        return False
    t.spans.append(Span(1, len(t.value.rstrip(".")) - 1, "originating"))
    st.doc.cover.append(("masthead", t))
    return True


def _numbered_in_cover(st: State) -> bool:
    """The number stood on a cover line of its own ("Resolution 242 (1967)"), with no title."""
    return any(role == "number" for role, _ in st.doc.cover)


def leave_cover(t: Text, st: State) -> None:
    """Council texts with no enacting formula: after their number, the text itself begins."""
    if st.where == "cover" and st.doc.doc_number is not None and _numbered_in_cover(st):
        st.where = "preamble"


def connector(t: Text, st: State) -> bool:
    """"Therefore", "Now, therefore,": the words joining the recitals to what is decided."""
    if st.where not in ("preamble", "cover") or not st.table.has("connectors"):
        return False
    if t.value.strip() not in st.table["connectors"]:
        return False
    leave_cover(t, st)
    if st.where == "cover" and st.doc.formula is None and not st.doc.preamble:
        return False
    st.doc.preamble.append(Block("formula", t, name="connector"))
    st.where = "preamble"
    return True


def title_continuation(t: Text, st: State) -> bool:
    """A title line the joining left apart (a title printed over lines with a blank between)."""
    if st.where != "cover" or st.doc.doc_number is None or st.doc.formula is not None:
        return False
    if _numbered_in_cover(st):
        return False  # Council numbers carry no title: what follows is the text
    if st.doc.title is None:
        st.doc.title = t
        _date_ending_title(st)
    else:
        st.doc.extra_cover.append(t)
    return True


def formula(t: Text, st: State) -> bool:
    if st.where not in ("cover", "preamble") or st.doc.formula is not None:
        return False
    m = st.table.formula_re.match(t.value)
    if not m:
        m = st.table.opening_re.match(t.value)
        if not m or not _decision_at(t, m.end(), st):
            return False
        # "The Security Council / Finds that …" joined: the formula without its comma, then a decision
        st.queue.append(_cut(t, m.end()))
        t = _head(t, m.end("formula"))
    elif t.value[m.end():].strip() and m.group("end").strip():
        # "فإن الجمعية العامة، عملاً بتأدية …": the formula, then the first paragraph on its line
        start = m.end() + len(t.value[m.end():]) - len(t.value[m.end():].lstrip())
        st.queue.append(_cut(t, start))
        t = _head(t, m.end())
    st.doc.formula = t
    if st.doc.organ is None:
        st.doc.organ = organ_for_formula(st.table, m.group("formula"))
    if st.doc.preamble:
        # after the recitals ("Whereas …; Now, therefore, The General Assembly"): kept in place
        st.doc.preamble.append(Block("formula", t, name="enactingFormula"))
    st.where = "preamble"
    return True


def meeting(t: Text, st: State) -> bool:
    """"71st plenary meeting", "Adopted at the 2933rd meeting by 13 votes to none, …"."""
    if st.where == "cover" and not _numbered_in_cover(st):
        return False
    m = match_any(st.table, "meeting_lines", t.value)
    if not m:
        return False
    _close_embed(st)
    st.doc.meeting = m.group("location")
    t.spans.append(Span(m.start("location"), m.end("location"), "location", {"title": m.group("ordinal")}))
    _adoption_date(t, m, st)  # "52nd plenary meeting 1 December 2025", "1976e séance plénière, 25 octobre 1971"
    if m.groupdict().get("rest"):
        _mark_votes(t, m.start("rest"), st)
    st.doc.conclusions.append(t)
    st.where = "conclusions"
    st.annex = None
    return True


def adoption_note(t: Text, st: State) -> bool:
    """"[Adopted without a vote.]", "[Adopted by a recorded vote of …]": how it was adopted."""
    if st.where == "cover" or not st.table.has("adoption_notes"):
        return False
    m = match_any(st.table, "adoption_notes", t.value)
    if not m:
        return False
    _mark_votes(t, 0, st)
    t.spans.append(Span(m.start("outcome"), m.end("outcome"), "vote", {"name": "outcome"}))
    st.doc.conclusions.append(t)
    st.where = "conclusions"
    return True


def voter_list(t: Text, st: State) -> bool:
    """"In favour: Albania, Angola, …": the States voting one way, each marked as an organization.
    The list may stand on the lines after its label."""
    if st.where != "conclusions" or not st.table.has("voter_lists"):
        return False
    for role, pattern in st.table["voter_lists"].items():
        m = re.match(pattern, t.value)
        if m:
            t.spans.append(Span(0, m.end(), "voters_label", {"name": role}))
            rest = t.value[m.end():]
            if rest.strip():
                _mark_states(t, m.end(), role)
            else:
                st.pending_voters = role
            st.doc.conclusions.append(t)
            return True
    if st.pending_voters:
        _mark_states(t, 0, st.pending_voters)
        st.pending_voters = None
        st.doc.conclusions.append(t)
        return True
    return False


def _mark_states(t: Text, start: int, role: str) -> None:
    """The names in a list "Albania, Angola, Bolivia (Plurinational State of) and Cuba." as
    organization spans (commas inside parentheses do not separate names)."""
    text = t.value
    depth, begin = 0, start
    for i in range(start, len(text) + 1):
        c = text[i] if i < len(text) else ","
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        if (c in ",;" and depth == 0) or i == len(text):
            # names are separated by commas only: "Antigua and Barbuda" is one State
            name = text[begin:i].strip().rstrip(".]").strip()
            if name:
                a = text.index(name, begin)
                t.spans.append(Span(a, a + len(name), "state", {"role": role}))
            begin = i + 1


def _mark_votes(t: Text, base: int, st: State) -> None:
    """Counts in a vote line ("by 13 votes to none, with 2 abstentions") as vote spans."""
    for name, rx in st.table["vote_patterns"].items():
        v = re.search(rx, t.value[base:])
        if v:
            t.spans.append(Span(base + v.start("n"), base + v.end("n"), "vote", {"name": name}))


def conclusion_date(t: Text, st: State) -> bool:
    """The date under the meeting line; with no meeting line, a line holding only a date after
    the last paragraph (UN web pages: "…议程。" / "1998年6月4日")."""
    if st.annex is not None or st.where not in ("conclusions", "body"):
        return False
    if st.where == "body" and (st.doc.adoption_date or st.embed is not None or not st.doc.body):
        return False
    if not date_re(st.table).fullmatch(t.value.strip(" .,，")):
        return False  # a sentence with a date in it is not the date line
    iso = parse_date(t.value.strip(), st.table)
    if not iso:
        return False
    st.where = "conclusions"
    t.spans.append(Span(0, len(t.value), "docDate", {"date": iso}))
    st.doc.conclusions.append(t)
    st.doc.adoption_date = st.doc.adoption_date or iso  # no adoption line: the date under the meeting
    return True


COVER_DATE_RE = re.compile(r"^(?:(?:[Oo]f|ef|af|ot|0f)\s+)?(?P<date>\S{1,2} \S{3,12} \S{4})\.?$")


def cover_date(t: Text, st: State) -> bool:
    """"of 14 October 1966" / "20 December 1993" on the line under a Council number; or a
    heading that dates a session's meeting ("1971年10月25日联合国大会第26届会议")."""
    if st.where != "cover" or st.doc.adoption_date is not None:
        return False
    if not _numbered_in_cover(st):
        return _dated_session(t, st)
    m = COVER_DATE_RE.match(t.value.strip())
    if not m:
        return False
    _adoption_date(t, m, st)
    if st.doc.adoption_date is None:
        return False
    st.doc.cover.append(("masthead", t))
    return True


PART_RE = re.compile(r"^(?P<num>[A-H])(?:\.?\s+(?P<title>[A-Z“\"‘].{0,200}))?$")


def part(t: Text, st: State) -> bool:
    """"A" / "A Information in the service of humanity" followed by the enacting formula: one part
    of a resolution adopted in parts, with its own formula, preamble, body and conclusions."""
    m = PART_RE.match(t.value.strip())
    if not m or not st.queue or st.annex is not None or st.embed is not None:
        return False
    if not st.table.formula_re.match(st.queue[-1].value):
        return False
    if st.whole is None:
        if st.where != "cover" and not (st.doc.formula is None and not st.doc.body and not st.doc.preamble
                                        and not st.doc.conclusions):
            return False  # the first part opens the text, after the number and title (no recital before it)
        st.whole = st.doc
    elif st.doc.formula is None:
        return False
    new = Document(source=st.whole.source, lang=st.whole.lang, kind=st.whole.kind)
    new.doc_number = Text(m.group("num"), t.lines[:1], t.offsets[:1])  # its preface: "A", then its title
    if m.group("title"):
        new.title = _cut(t, m.start("title"))
    new.notes = st.whole.notes
    st.whole.parts.append(new)
    st.doc = new
    st.where, st.last_num, st.pending_voters = "preamble", 0, None
    return True


def annex(t: Text, st: State) -> bool:
    m = st.table.regex("annex_line").match(t.value)
    if not m or st.where == "cover":
        return False
    _close_embed(st)
    st.annex = Annex(label=t, num=m.group("num"))
    st.doc.annexes.append(st.annex)
    st.where = "annex"
    st.last_num = 0
    return True


#: How the hierarchical divisions nest: a division goes inside an open one of lower rank.
DIVISION_RANK = {"part": 0, "chapter": 1, "article": 2, "rule": 2}


def division(t: Text, st: State) -> bool:
    """"Article 5", "Rule 41", "CHAPTER XI. Title": the divisions of an instrument (a declaration,
    rules of procedure, an agreement) in an annex or adopted in the text, as AKN ``article``,
    ``rule``, ``chapter``, ``part``. Articles after an operative paragraph are the document that
    paragraph adopts ("Proclaims this Universal Declaration …"), kept inside it."""
    if st.where not in ("body", "annex", "preamble") or len(t.value) > 200:
        return False
    if st.where == "preamble" and st.annex is None and not st.doc.preamble:
        return False
    m = st.table.regex("division_line").match(t.value)
    if not m:
        return False
    title = m.group("title")
    if title and title.rstrip()[-1:] in ",;":
        return False
    element = st.table["division_words"].get(m.group("word").lower())
    if element is None:
        return False
    if st.where == "body" and st.embed is None and st.annex is None:
        last = _section_or_top(st)[-1:] or [None]
        if last[0] is not None and last[0].kind == "paragraph" and last[0].embedded is None \
                and not any(c.kind == "point" for c in last[0].children) \
                and not any(b.kind == "division" for b in st.doc.body):  # (a list's paragraph holds no document)
            last[0].embedded = []
            st.embed = last[0]
            st.outer_num = st.last_num
    if st.where == "preamble":
        st.where = "body"
    blocks = st.blocks
    while blocks and (blocks[-1].kind == "section"
                      or blocks[-1].kind == "division" and DIVISION_RANK[blocks[-1].name] < DIVISION_RANK[element]):
        blocks = blocks[-1].children
    num = t
    if title:
        num = Text(t.value[:m.start("title")].rstrip(), t.lines[:1], t.offsets[:1])
        num.spans = [s for s in t.spans if s.end <= len(num.value)]
        num.anchors = [a for a in t.anchors if a.offset <= len(num.value)]
    block = Block("division", num, num=num.value, name=element, heading=_cut(t, m.start("title")) if title else None)
    blocks.append(block)
    st.last_num = 0
    return True


def division_title(t: Text, st: State) -> bool:
    """The heading of a division printed on the line after it ("Article 1" / "Purpose")."""
    open_ = _open_division(st)
    if open_ is None or open_.heading is not None or open_.children:
        return False
    if NUM_RE.match(t.value) or LABEL_RE.match(t.value) or not is_subheading(t.value):
        return False
    open_.heading = t
    return True


def _open_division(st: State) -> Block | None:
    """The innermost division still open, if the last thing read is one."""
    blocks, found = st.blocks, None
    while blocks and blocks[-1].kind in ("section", "division"):
        if blocks[-1].kind == "division":
            found = blocks[-1]
        blocks = blocks[-1].children
    return found


def annex_title(t: Text, st: State) -> bool:
    if st.annex is None or st.annex.body or NUM_RE.match(t.value) or LABEL_RE.match(t.value):
        return False
    if len(t.value) > 200 or re.search(r"[,;]$", t.value):
        return False
    st.annex.title.append(t)
    return True


def operative(t: Text, st: State) -> bool:
    m = number_start(t.value, st.table)
    if m:
        leave_cover(t, st)
    if not m or st.where == "cover":
        return False
    n = number_value_printed(m.group("num"), st.table)
    if n is None:
        return False
    printed = t.value[m.start("num"):m.end("num") + 1]
    if t.value[m.end("num"):m.end()].strip() in ("-", "–"):
        printed = t.value[m.start("num"):m.end()].rstrip()  # Arabic "12 -", the dash with it
    elif printed.endswith(" "):
        printed = printed.rstrip()  # "7 Calls upon": OCR lost the full stop
    numerals = number_value(m.group("num"), st.table) == n  # as the language writes it: "12", "二"
    if not numerals or t.value[m.end("num"):m.end()].strip() not in (".", "-", "–", "．", "、"):  # "12." or, in Arabic, "12 -"
        st.warn(t.lines[0], f"paragraph number {printed.strip()!r} read as {n}. (OCR)")
    target = _section_or_top(st) if st.where != "cover" else []
    holder = _numbered_list_holder(target, n) if st.last_num == 0 else None
    if holder is not None:
        # "Décide :" then "1. D'approuver …", "2. D'adopter …": the items of an unnumbered clause
        holder.children.append(Block("point", _cut(t, m.end()), num=printed.strip()))
        return True
    if n == st.last_num + 2 and target and target[-1].kind == "paragraph" and target[-1].num is None \
            and target[-1].name is None:
        # the paragraph before stands where number last+1 should be: its number was lost
        target[-1].name = f"lost:{st.last_num + 1}"
        st.warn(target[-1].text.lines[0] if target[-1].text else t.lines[0],
                f"paragraph {st.last_num + 1} has no printed number (lost in extraction)")
        st.last_num += 1
    st.last_num = n
    if st.where in ("preamble", "conclusions") and st.annex is None:
        st.where = "body"
    block = Block("paragraph", _cut(t, m.end()), num=printed)
    if not numerals:
        block.name = f"read:{n}"  # an OCR letter for a digit: named by the number it stands for
    elif not m.group("num").isascii():
        block.name = f"value:{n}"  # "二.": its eId by the number (para_2)
    first = LABEL_RE.match(block.text.value)
    if first and (first.group("label") or first.group("bare")) in ("a", "i"):
        # "10. (a) The Government …": a paragraph that is only its list, the first point on its line
        point = Block("point", _cut(block.text, first.end()), num=block.text.value[:first.end()].strip())
        block.text = Text("", block.text.lines[:1], block.text.offsets[:1])
        block.children.append(point)
        _section_or_top(st).append(block)
        _open_embed(block, st)
        return True
    _mark_phrase(block.text, st.table.operative_re)
    _section_or_top(st).append(block)
    _open_embed(block, st)
    return True


def _numbered_list_holder(target: list[Block], n: int) -> Block | None:
    """The unnumbered clause ending with a colon whose numbered items ("1.", "2.") these are, in a
    text whose operative clauses carry no numbers."""
    last = target[-1] if target else None
    if last is None or last.kind != "paragraph" or last.num is not None or last.name or last.text is None:
        return None
    points = [c for c in last.children if c.kind == "point"]
    if not points:
        return last if n == 1 and last.text.value.rstrip().endswith(":") else None
    return last if number_value_printed(points[-1].num, None) == n - 1 else None


def point(t: Text, st: State) -> bool:
    m = LABEL_RE.match(t.value)
    if not m or st.where == "cover":
        return False
    if st.where == "conclusions" and st.annex is None:
        return False  # after the meeting line: the body's lists are closed (it would be read out of order)
    label = m.group("label") or m.group("bare") or m.group("dash")
    parent = _last_listable(st)
    if parent is None and _lettered_decisions(t, m.end(), label, st):
        # "The Security Council / (a) Resolves that …; and / (b) Requests that …": the decisions are
        # the points of one unnumbered operative paragraph
        parent = Block("paragraph", None)
        st.doc.body.append(parent)
        st.where = "body"
    if parent is None:
        return False
    if parent.kind == "text":
        parent.kind = "paragraph"  # "… as follows:" then (a), (b): an unnumbered paragraph with its list
    block = Block("point", _cut(t, m.end()), num=t.value[:m.end()].strip())  # as printed
    _attach_point(parent, block, label, st, t.lines[0])
    return True


def _lettered_decisions(t: Text, at: int, label: str, st: State) -> bool:
    """The first of lettered clauses opening with an operative phrase, right after the formula or
    the recitals, before any operative paragraph."""
    if st.where != "preamble" or st.doc.formula is None or st.doc.body or st.annex is not None or st.embed is not None:
        return False
    if label not in ("a", "а", "أ"):
        return False
    return _decision_at(t, at, st)


def _decision_at(t: Text, at: int, st: State) -> bool:
    """An operative phrase opens ``t`` at ``at``: one the tables list, or an unlisted verb
    ("Finds", "Hereby resolves")."""
    return bool(st.table.operative_re.match(t.value, at) or st.table.regex("generic_operative_phrase").match(t.value, at))


def heading(t: Text, st: State) -> bool:
    m = heading_match(t.value, st.table)
    if not m or st.where not in ("body", "annex", "preamble") or len(t.value) > 250:
        return False
    if st.where == "preamble" and st.annex is None and not st.doc.preamble:
        return False
    title = m.group("title") or m.group("title2")
    if title and title[-1:] in ",;":
        return False
    if title and (st.table.operative_re.match(title) or title[-1:] == "."):
        return False  # "L. Strongly condemns …": OCR's "1." before an operative phrase, not a heading
    section = Block("section", None, num=m.group("num") + ("." if t.value[len(m.group("num")):].startswith(".") else ""))
    section.heading = _cut(t, m.start("title") if m.group("title") else m.start("title2")) if title else None
    if st.where == "preamble" and st.annex is None:
        st.where = "body"
    st.blocks.append(section)
    return True


def section_title(t: Text, st: State) -> bool:
    """The heading text of a section printed on the line after its number ("I." / "Title")."""
    blocks = st.blocks
    if not blocks or blocks[-1].kind != "section" or blocks[-1].heading is not None or blocks[-1].children:
        return False
    if NUM_RE.match(t.value) or LABEL_RE.match(t.value) or len(t.value) > 250:
        return False
    blocks[-1].heading = t
    return True


def subheading(t: Text, st: State) -> bool:
    """An unnumbered heading ("Peacebuilding Commission", "Partnerships and support mechanisms"):
    a section of its own, inside the numbered section that is open, if any."""
    if st.where not in ("body", "annex", "preamble") or not is_subheading(t.value):
        return False
    if st.embed is not None and not any(b.kind in ("paragraph", "section") for b in st.embed.embedded):
        return False  # a subtitle under the embedded document's title
    if st.where == "preamble" and (st.annex is not None or not st.doc.preamble):
        return False
    if st.table.preambular_re.match(t.value) or st.table.operative_re.match(t.value):
        return False
    if st.where == "preamble" and st.queue and st.table.preambular_re.match(st.queue[-1].value):
        return False  # a heading among the recitals ("Transport and transit corridors"): a container
    if st.where == "preamble":
        st.where = "body"
    section = Block("section", None, heading=t)
    blocks = st.blocks
    if blocks and blocks[-1].kind == "section" and blocks[-1].num:
        blocks[-1].children.append(section)
    else:
        blocks.append(section)
    return True


def _open_embed(block: Block, st: State) -> None:
    """"Adopts the following political declaration …:": what follows, up to the meeting line,
    is that document, kept whole inside this paragraph with its own numbering."""
    if st.embed is not None or not st.table.has("embedding") or st.annex is not None:
        return
    text = block.text.value
    if st.table.literal("embedding") in text and st.table.regex("embedding").search(text):
        block.embedded = []
        st.embed = block
        st.outer_num, st.last_num = st.last_num, 0


def _close_embed(st: State) -> None:
    if st.embed is not None:
        st.embed = None
        st.last_num = st.outer_num


def unnumbered_operative(t: Text, st: State) -> bool:
    """"Adopts the Doha Political Declaration …", "Reaffirms …" (old Council texts): an operative
    paragraph without a number, after the formula (or the recitals of a text that has none) or
    among other operative paragraphs."""
    if st.where not in ("preamble", "body") or st.annex is not None \
            or st.doc.formula is None and not (st.doc.preamble and st.doc.preamble[0].kind == "container"):
        return False
    dash = DASH_LEAD_RE.match(t.value)  # "- يدعو …": a web copy's hyphen where the number was
    at = dash.end() if dash else 0
    if st.table.preambular_re.match(t.value, at):
        return False
    m = st.table.operative_re.match(t.value, at) or _generic_operative(t, st, at)
    if not m:
        return False
    st.where = "body"
    block = Block("paragraph", t)
    t.spans.insert(0, Span(at, m.end("phrase"), "phrase"))
    _section_or_top(st).append(block)
    _open_embed(block, st)
    return True



NOTE_CALL_END_RE = re.compile(r"(?<=,)\s?\d{1,3}$")


def _generic_operative(t: Text, st: State, at: int) -> re.Match | None:
    """A verb the tables do not list ("Dissolves", "Entrusts", "Hereby records"), taken as the
    operative phrase of a clause ending with a full stop or semicolon right after the recitals, or
    right after the formula ("The Security Council / Finds that …")."""
    if st.doc.body or t.value.rstrip()[-1:] not in ".;":
        return None
    if not st.doc.preamble:
        return st.table.regex("generic_operative_phrase").match(t.value, at) if st.doc.formula else None
    last = st.doc.preamble[-1].text
    if last is None or NOTE_CALL_END_RE.sub("", last.value.rstrip())[-1:] not in ",":
        return None  # (a recital ends with a comma, perhaps before a note's call: "(…), 1")
    return st.table.regex("generic_operative_phrase").match(t.value, at)


def preambular(t: Text, st: State) -> bool:
    opening = 0
    if t.value.rstrip()[-1:] in ",;:":
        leave_cover(t, st)  # a recital, in a text with no formula
        if st.where == "cover" and st.doc.formula is None and st.table.preambular_re.match(t.value):
            st.where = "preamble"  # recitals before the formula ("Whereas …, Now, therefore, The General Assembly")
    elif st.where == "cover" and st.doc.formula is None and not st.doc.preamble:
        opening = _recital_before_formula(t, st)
        if opening is None:
            return False
        st.where = "preamble"
    if st.where not in ("preamble", "cover") or st.doc.formula is None and st.where == "cover":
        return False
    # "回顾…的原则,考虑到,恢复…": two recitals on one line of a web copy with no formula (in the
    # UN's texts, "，还认识到，" goes on inside one recital)
    inner = st.table.inner_recital_re.search(t.value) if st.table.inner_recital_re and st.doc.formula is None else None
    if inner:
        st.queue.append(_cut(t, inner.end()))
        t = _head(t, inner.end())
    block = Block("container", t)
    if opening:
        m = st.table.preambular_re.match(t.value[opening:])
        t.spans.insert(0, Span(opening, opening + m.end("phrase"), "phrase"))
    else:
        _mark_phrase(t, st.table.preambular_re, generic=st.table.regex("generic_preambular_phrase"))
    phrase = next((s for s in t.spans if s.kind == "phrase"), None)
    block.name = t.value[phrase.start:phrase.end].strip() if phrase else None
    if phrase is None:
        st.warn(t.lines[0], "preambular paragraph without a known introductory phrase")
    st.where = "preamble"
    st.doc.preamble.append(block)
    return True


def _recital_before_formula(t: Text, st: State) -> int | None:
    """A recital printed before the formula that follows it, ended by a full stop as unofficial
    copies print them ("إذ تلاحظ … ." ... "فإن الجمعية العامة،"), perhaps after the organ's name
    opening the sentence ("إن الجمعية العامة وقد تسلمت …"); or in a text with no formula, before
    its decisions: where its phrase starts, or None."""
    opening = st.table.opening_re.match(t.value)
    at = opening.end() if opening else 0
    if not st.table.preambular_re.match(t.value[at:]):
        return None
    formula_re, operative_re = st.table.formula_re, st.table.operative_re
    ahead = st.queue[-RECITALS_AHEAD:]  # (the paragraphs still to read, the next one last)
    if any(formula_re.match(later.value) for later in ahead):
        return at
    # or in a text with no formula at all, before its decisions ("回顾…。" … "决定:恢复…。")
    if not at and any(operative_re.match(later.value) for later in ahead):
        return at
    return None


#: how many paragraphs ahead a formula (or a decision) is looked for after a recital printed before it
RECITALS_AHEAD = 60


SEPARATOR_RE = re.compile(r"(?:\*\s*){3,}")


def separator(t: Text, st: State) -> bool:
    """"* * *" between groups of recitals: a line of the preamble, not a recital."""
    if st.where != "preamble" or st.annex is not None or st.embed is not None or not SEPARATOR_RE.fullmatch(t.value.strip()):
        return False
    st.doc.preamble.append(Block("text", t))
    return True


def running_text(t: Text, st: State) -> bool:
    """Fallback: text where the parser is, so nothing is ever dropped."""
    if st.embed is not None and _open_division(st) is None:
        st.embed.embedded.append(Block("text", t))  # the embedded document's title, its chapeau
        return True
    if st.where == "cover":
        st.doc.extra_cover.append(t)
        return True
    if st.where == "conclusions" and st.annex is None:
        st.doc.conclusions.append(t)
        return True
    blocks = _section_or_top(st)
    if blocks and blocks[-1].kind == "paragraph" and blocks[-1].children and blocks[-1].wrap is None \
            and t.value[:1].islower():
        blocks[-1].wrap = t
        return True
    if st.where == "annex":
        kind = "paragraph"
    else:
        kind = "paragraph" if st.where == "body" else "container"
    if _open_division(st) is None:  # in an article or a rule, unnumbered paragraphs are the norm
        st.warn(t.lines[0], f"unnumbered text kept as {'an unnumbered ' + kind if kind == 'paragraph' else 'a preambular paragraph'}")
    block = Block(kind, t)
    _mark_phrase(t, st.table.operative_re if kind == "paragraph" else st.table.preambular_re)
    blocks.append(block)
    return True


def ordinal_value(word: str, table: LanguageTable) -> int | None:
    """A session's ordinal as a number by the language's ordinal words: "Seventy-third" → 73."""
    if not table.has("ordinals"):
        return None
    if number_value(word, table) is not None:
        return number_value(word, table)   # numerals: 七十八
    units = table["ordinals"]["units"]
    tens_table = table["ordinals"]["tens"]
    w = word.lower()
    if w in units:
        return units.index(w) + 1
    tens, _, unit = w.partition("-")
    for stem, value in tens_table.items():
        if tens.startswith(stem):
            if not unit:
                return value if tens.endswith(table["ordinals"]["tens_alone_suffix"]) else None
            return value + units.index(unit) + 1 if unit in units[:9] else None
    return None


#: (span kind, language-table key or None for the language-neutral symbol, attributes)
MASTHEAD_FIELDS = [
    ("authority", "masthead.publisher", {"role": "publisher"}),
    ("symbol", None, {}),
    ("distribution", "masthead.distribution", {}),
    ("session", "masthead.session", {}),
    ("agenda", "masthead.agenda", {}),
]


class _Ahead:
    """Whether a pattern matches in a text from a place on, asked at places that go forward: a
    match found answers later questions up to it, so a line holding 20,000 agenda items is read
    once, not once per item."""

    def __init__(self, text: str):
        self.text = text
        self.last: dict[re.Pattern, tuple[int, int | None]] = {}  # pattern: (asked from, match start)

    def found(self, rx: re.Pattern, pos: int) -> bool:
        asked, at = self.last.get(rx, (None, None))
        if asked is not None and asked <= pos and (at is None or at >= pos):
            return at is not None
        m = rx.search(self.text, pos)
        self.last[rx] = (pos, m.start() if m else None)
        return m is not None


def masthead(t: Text, st: State) -> bool:
    """Lines before the adoption line: organ, symbol, distribution, date, session, agenda item."""
    doc = st.doc
    if st.where != "cover" or doc.adoption_line is not None or doc.doc_number is not None or not st.has_adoption:
        return False
    if match_any(st.table, "adoption_lines", t.value) or match_any(st.table, "number_lines", t.value):
        return False
    mh = doc.masthead
    taken = Taken()
    line = spaced(t.value)  # (the same offsets)
    ahead = _Ahead(line)
    spans_before = len(t.spans)
    for kind, key, attrs in MASTHEAD_FIELDS:
        if key is not None and not st.table.has(key):
            continue
        rx = SYMBOL_RE if key is None else st.table.regex(key)
        for m in rx.finditer(line):
            if taken.overlaps(*m.span()):
                continue
            a = dict(attrs)
            if kind == "symbol":
                mh.symbol = mh.symbol or re.sub(r"\s+", " ", m.group(0))
            if kind == "session":
                value = ordinal_value(m.group("ord"), st.table) or _session_of(mh.symbol)
                if value is None:
                    continue  # (an ordinal the table cannot read, and no symbol to tell)
                a["value"] = str(value)
                mh.session, mh.session_number = m.group(0), str(value)
            if kind == "agenda":
                mh.agenda_item = m.group(0)
                a["item"] = m.groupdict().get("item") or ""
                # the rest of the line is the item's name, unless a session or a symbol follows
                if not ahead.found(st.table.regex("masthead.session"), m.end()) and not ahead.found(SYMBOL_RE, m.end()):
                    rest = line[m.end():]
                    name = rest.strip()
                    start = m.end() + len(rest) - len(rest.lstrip())
                    if name:
                        t.spans.append(Span(start, start + len(name), "agenda_name", {}))
                        taken.add(start, start + len(name))
            t.spans.append(Span(m.start(), m.end(), kind, a))
            taken.add(*m.span())
    for name in (n for o in st.table["organs"].values() for n in o["names"]):
        for m in re.finditer(re.escape(name), line):
            if not taken.overlaps(*m.span()):
                t.spans.append(Span(m.start(), m.end(), "authority", {"role": "issuingBody"}))
                taken.add(*m.span())
    dm = date_re(st.table).search(line)
    if dm and not taken.overlaps(*dm.span()) and ("Distr" in t.value or mh.distribution_date is None and mh.symbol):
        iso = parse_date(dm.group(0), st.table)
        if iso:
            mh.distribution_date = iso
            t.spans.append(Span(dm.start(), dm.end(), "issued", {"date": iso}))
    if len(t.spans) == spans_before and _agenda_item_ends(doc):
        name = t.value.strip()  # the item's name on the lines after "Agenda item 58"
        start = t.value.index(name)
        t.spans.append(Span(start, start + len(name), "agenda_name", {}))
    mh.lines.append(t)
    doc.cover.append(("masthead", t))
    return True


def _session_of(symbol: str | None) -> int | None:
    """The General Assembly session a resolution's symbol names ("A/RES/78/100" → 78), for a
    session line whose ordinal the language table cannot read ("Septuagésimo octavo período de
    sesiones")."""
    m = re.match(r"A/RES/(\d{1,3})/", symbol or "")
    return int(m.group(1)) if m else None


def _agenda_item_ends(doc: Document) -> bool:
    """The cover's last line is a masthead line ending with an agenda item, its name not on it."""
    if not doc.cover or doc.cover[-1][0] != "masthead":
        return False
    t = doc.cover[-1][1]
    last = max(t.spans, key=lambda s: s.end, default=None)
    return last is not None and last.kind == "agenda" and not t.value[last.end:].strip()


def date_re(table: LanguageTable) -> re.Pattern:
    from converter.parse.dates import date_pattern
    return date_pattern(table)


RECOGNISERS: list[Recogniser] = [
    masthead, adoption_line, proponent_line, doc_number, cover_date, part, formula, meeting, adoption_note, voter_list, conclusion_date, annex,
    division, division_title, operative, point, heading, annex_title, section_title, draft_symbol, connector, title_continuation, subheading,
    unnumbered_operative, separator, preambular,
    running_text,
]


MID_LINE_NUM_RE = re.compile(r"\s(?<=[^\d\s]\s)\s*(\d{1,3})\.\s+(?=[A-Z“\x22])")  # (space first: a faster scan)


def _split_mid_line_number(t: Text, st: State) -> tuple[Text, Text] | None:
    """A paragraph that swallowed the next one: "… commitments 3. We gather …" when 3 is the next
    number. Split before the number (a number a word like "paragraph" asks for is left alone)."""
    if st.where not in ("body", "annex") or len(t.value) < 8:
        return None
    expected = str(st.last_num + 1)
    for m in MID_LINE_NUM_RE.finditer(t.value):
        if m.group(1) != expected:
            continue
        before = t.value[: m.start()].rstrip()
        if st.table.regex("number_words").search(before) or m.start(1) < 3:
            continue
        head = Text(before, [n for n in t.lines if n <= t.line_at(m.start())], [o for o in t.offsets if o[0] <= m.start()])
        head.spans = [s for s in t.spans if s.end <= len(before)]
        st.warn(t.line_at(m.start(1)), f"paragraph {expected} starts in the middle of a line")
        return head, _cut(t, m.start(1))
    return None


def build(chunks: list[Text], table: LanguageTable, source: str) -> tuple[Document, list[tuple[int, str]]]:
    st = State(Document(source=source, lang=table.code), table)
    st.has_adoption = any(match_any(table, "adoption_lines", t.value) or match_any(table, "number_lines", t.value)
                          for t in chunks[:20])
    queue = st.queue = list(reversed(chunks))
    while queue:
        t = queue.pop()
        check(t.lines[0] if t.lines else None)
        split = _split_mid_line_number(t, st)
        if split:
            queue.append(split[1])
            t = split[0]
        for rec in RECOGNISERS:
            if rec(t, st):
                break
    whole = st.whole or st.doc
    for doc in [whole] + whole.parts:
        _closing_clause(doc, st)
        for blocks in [doc.body] + [a.body for a in doc.annexes]:
            lost_labels(blocks, st)
        _reconcile_numbering(st, doc)
    st.doc = whole
    _use_date_guess(st)
    if whole.parts:
        _finish_parts(whole)
    return whole, st.warnings


def _closing_clause(doc: Document, st: State) -> None:
    """A text with no operative paragraph whose last paragraph after the formula ends the sentence
    ("The General Assembly, on the recommendation of the Fifth Committee, appointed …."): that
    paragraph is what was decided, not a recital (recitals end with a comma)."""
    if doc.body or doc.formula is None or not doc.preamble:
        return
    last = doc.preamble[-1]
    if last.kind != "container" or last.children or last.text is None or last.text.value.rstrip()[-1:] != "." \
            or not last.text.value[:1].isalpha():
        return  # (not "60 Ibid., …", a note's text the page left among the recitals)
    doc.preamble.pop()
    last.kind = "paragraph"
    last.name = None
    doc.body.append(last)
    st.warn(last.text.lines[0] if last.text.lines else 0,
            "the paragraph ending the text after the formula is read as the operative part")


def _finish_parts(whole: Document) -> None:
    """What the parts of a resolution share: organ, dates of adoption and distribution."""
    whole.organ = whole.organ or next((p.organ for p in whole.parts if p.organ), None)
    whole.adoption_date = whole.adoption_date or next((p.adoption_date for p in whole.parts if p.adoption_date), None)
    for p in whole.parts:
        p.organ = p.organ or whole.organ
        p.adoption_date = p.adoption_date or whole.adoption_date
        p.masthead.distribution_date = whole.masthead.distribution_date


def _reconcile_numbering(st: State, doc: Document) -> None:
    """Irregular operative numbers, body by body (see converter.parse.numbering)."""
    def warn(b: Block, message: str) -> None:
        st.warn(b.text.lines[0] if b.text is not None and b.text.lines else 0, message)
    bodies = [doc.body] + [a.body for a in doc.annexes]
    while bodies:
        blocks = bodies.pop()
        reconcile(blocks, warn, st.table)
        bodies.extend(b.embedded for b in blocks if b.embedded)


# --- helpers -------------------------------------------------------------------------------

def _mark_phrase(t: Text, pattern: re.Pattern, generic: re.Pattern | None = None) -> None:
    m = pattern.match(t.value)
    if m:
        end = m.end("phrase")
        t.spans.insert(0, Span(0, end, "phrase"))
        return
    if generic is not None:
        g = generic.match(t.value)
        if g:
            t.spans.insert(0, Span(0, g.end(), "phrase"))


def _number_part(part: str, table: LanguageTable, session: bool = False) -> str:
    """A part of a resolution number in ASCII: "二七五八" → "2758"; a session in numerals
    ("二十六") → "XXVI", as symbols write it."""
    value = number_value(part, table)
    if value is None or part.isascii():
        return part
    if session and value < 1000:
        return roman_numeral(value)
    return str(value)


def _section_or_top(st: State) -> list[Block]:
    """Where the next paragraph goes: into the innermost open section, if any."""
    blocks = st.blocks
    while blocks and blocks[-1].kind in ("section", "division"):
        blocks = blocks[-1].children
    return blocks


def _last_listable(st: State) -> Block | None:
    blocks = _section_or_top(st)
    if not blocks or blocks[-1].kind == "formula":  # an enacting formula has no list
        return None
    return blocks[-1]



def _successor(label: str, table: LanguageTable | None = None) -> set[str]:
    """The labels that may follow ``label`` in the same list (letters in the table's
    ``list_letters`` order: Arabic lists run أ ب ج د ه و ز ح …, not in code-point order)."""
    out = set()
    if label in "—–•":
        return {label}  # dashes and bullets go on as they began
    if label.isdigit():
        return {str(int(label) + 1)}
    letters = table.get("list_letters", "") if table is not None else ""
    if len(label) == 1 and label in letters and letters.index(label) + 1 < len(letters):
        out.add(letters[letters.index(label) + 1])
    if label in ROMAN and ROMAN.index(label) + 1 < len(ROMAN):
        out.add(ROMAN[ROMAN.index(label) + 1])
    if len(label) == 1 and label < "z":
        out.add(chr(ord(label) + 1))
    elif len(label) == 2 and label[0] == label[1] and label[0] < "z":
        out.add(chr(ord(label[0]) + 1) * 2)     # (aa), (bb)
    if label == "z":
        out.add("aa")
    return out


def _attach_point(parent: Block, block: Block, label: str, st: State, line: int) -> None:
    """Put a point in the right list: the one it continues, or a new list in the last point."""
    chain: list[Block] = [parent]
    while chain[-1].children and chain[-1].children[-1].kind == "point":
        chain.append(chain[-1].children[-1])
    levels = chain[:-1]  # the holders of lists, outermost first
    for holder in levels:
        if label in _successor(holder.children[-1].num.strip("()"), st.table):
            holder.children.append(block)
            return
    if label in ("a", "i", "1", "aa", "—", "–", "•", "а", "أ"):
        chain[-1].children.append(block)  # a new list inside the last point (or the paragraph)
        return
    for holder in levels:
        first = next(c.num.strip("()") for c in holder.children if c.kind == "point")
        if list_kind(first) == label_kind(label):
            st.warn(line, f"label ({label}) out of sequence after {holder.children[-1].num}")
            holder.children.append(block)
            return
    st.warn(line, f"label ({label}) does not continue any open list")
    (levels[0] if levels else parent).children.append(block)

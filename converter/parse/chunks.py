"""Joining lines into paragraphs.

Extracted text wraps paragraphs over lines, and page breaks (footnote blocks, furniture) cut them
in two. A line starts a new paragraph when it opens one (a number, a preambular phrase, a list
label, a formula...) and the text before it can end one; blank lines and indentation help when
the layout has them. Everything else continues the paragraph before.
"""
from __future__ import annotations

import re

from converter.ingest.lines import Line
from converter.lang import LanguageTable, first_char_test
from converter.limits import check
from converter.parse.model import Text

#: "12." and, as Arabic texts print it, "12 -" / "12-" before a word.
#: Chinese web copies may print no space after the number ("1.决定").
NUM_RE = re.compile(r"^(?P<num>\d{1,3})(?:\.|\s?[-–](?=\s+[^\W\d_]))(?:\s+|$|(?=[\u4e00-\u9fff]))")
#: "(a)", "(iv)", "(12)"; "a)" as French, Spanish and Russian print it; Arabic and Cyrillic letters.
LABEL_RE = re.compile(r"^(?:\((?P<label>[a-z]{1,2}|[ivxl]{1,6}|\d{1,2}|[\u0621-\u064a]|[а-я])\)|(?P<bare>[a-z]|[ivxl]{1,6}|[а-я])\)|(?P<dash>[—–•]))(?:\s+|$)")
HEADING_RE = re.compile(r"^(?P<num>[IVXL]{1,6}|[A-H])(?:\.(?:\s+(?P<title>[A-Z“\x22‘(].*))?|\s+(?P<title2>[A-Z][a-z].*))?$")


def spaced(text: str) -> str:
    """The text with its no-break spaces as spaces (the same length): the language tables' line
    patterns write a space where the UN's texts print either ("Tema 58\xa0del programa")."""
    return text.replace("\xa0", " ") if "\xa0" in text else text


def heading_match(s: str, table: LanguageTable) -> re.Match | None:
    """A section number opening ``s`` ("I.", "II. Title"), or one as the language writes it: the
    table's ``section_heading`` (Chinese "一", "十二"; Arabic "أولا", "حادي عشر"), with the same
    groups (``num``, ``title``, ``title2``)."""
    return HEADING_RE.match(s) or table.regex("section_heading").match(s)


#: What a line LABEL_RE or HEADING_RE matches can start with (a bare label has its ")" by the 8th).
LABEL_FIRST = "(—–•"
HEADING_FIRST = "IVXLABCDEFGH"
#: The letters OCR_NUM_RE reads as a paragraph number's first digit ("L.", "i9.").
OCR_NUM_FIRST = "LlIi"
#: A paragraph can end here: final punctuation, maybe a closing quote and a glued footnote marker.
#: OCR's "1," for "1.", "L." or "l." for "1.", "7 " for "7.": a number only when an operative phrase
#: follows (see number_start).
OCR_NUM_RE = re.compile(r"^(?P<num>\d{1,3}|[LlIi]{1,2}|[LlIi]\d|\d[lIi])(?:[.,]\s+|\s+)(?=[A-Z])")


def number_start(s: str, table: LanguageTable) -> re.Match | None:
    """The paragraph number opening ``s``: "12." or, read by OCR ("12,", "l2.", "L.", "12 "), before an
    operative phrase, or in the language's own numerals ("二.")."""
    m = NUM_RE.match(s)
    if m:
        return m
    m = OCR_NUM_RE.match(s)
    if m and table.operative_re.match(s[m.end():]):
        return m
    return table.regex("numeral_paragraph_number").match(s)  # "一. 凡秘書長…": the language's numerals


LONE_NUM_RE = re.compile(r"^(?:\d{1,3}\.|\d{1,3} -|\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,2}|[\u0621-\u064a])\)|[a-z]\))$")
#: A sentence's end, maybe with a footnote marker after it (not a comma: "1976a. sesión plenaria,"
#: goes on with its date; lines wrapped at a comma go on).
SENTENCE_END_RE = re.compile(r"[.;!?。；！？؛][”’\"')\]」』]*(?:\s*\d{1,3})?\s*$")
#: Final punctuation, Chinese (，；。：) and Arabic (،؛) included, and a footnote marker after it
#: (detached "1960, 5" or spelled out "1960,[^5]" or "),[^9][^10]", as ``unakn text`` writes
#: those it cannot glue).
ENDS_RE = re.compile(r"[,;.:!?，；。：！？،؛][”’\"')\]」』]*(?:\s*\d{1,3}|(?:\s*\[\^\d{1,3}\])+)?\s*$|[.;:。；：][”’\"')\]」』]+\s*$")


#: A hyphen standing for a lost paragraph number ("- يدعو جميع الأطراف …").
DASH_LEAD_RE = re.compile(r"^[-‐‑]\s+")
LATIN_WORDS_RE = re.compile(r"\b[A-Za-z]{2,}\b")


class Openings:
    """The line patterns that can match a line opening with a given character (each None, or its
    tuple empty, when the pattern cannot): most lines open with a lower-case letter none of them
    matches, and are then asked nothing."""
    __slots__ = ("division", "formula", "strong", "prefix", "participle", "dash", "annex", "date",
                 "date_continuation", "section_heading", "voters", "cover", "meeting", "number", "nothing",
                 "goes_on", "plain")


#: How many first characters an Opener keeps its answers for (about 280 bytes each): every one a
#: Latin or Cyrillic text opens a line with, the common ones of a Chinese batch; past it the answer
#: is worked out again (a batch of hostile texts opening lines with any of 150,000 characters
#: would otherwise hold 40 MB for the rest of the run).
OPENINGS_KEPT = 4096


class Opener:
    """Knows which line openings start a paragraph, from the language table (made once a table:
    :func:`chunk` keeps it with the table's derived values)."""

    def __init__(self, table: LanguageTable):
        self.table = table
        self.date_re = table.regex("date_pattern")
        self.strong_re = table.regex("strong_openers")
        self.prefix_re = table.regex("operative_prefixes")
        self.participle_re = table.regex("participle")
        self.meeting_res = table.regexes("meeting_lines")
        self.annex_re = table.regex("annex_line")
        self.division_re = table.regex("division_line")
        self.embedding_re = table.regex("embedding")
        self.numerals = set(table.get("numerals") or ())  # first characters of numbers in the language's numerals
        self.section_heading_re = table.regex("section_heading")
        self.connectors = set(table["connectors"]) if table.has("connectors") else set()
        formulas = [f for organ in table["organs"].values() for f in organ["formula"]]
        numerals = "".join(sorted(table.get("numerals") or {}))
        n = r"(?:\d{1,4}|[%s]{1,6})" % re.escape(numerals) if numerals else r"\d{1,4}"
        self.inner_start_re = re.compile(
            r"\s(?=(?:%s)[,،，:]|%s(?:/\d{1,4}|\s\((?:[IVXLC]+|\d{4}|%s)\))\.(?:\s|[\u4e00-\u9fff]))"
            % ("|".join(map(re.escape, formulas)), n, n))
        own = table.regex("own_script")
        #: the script the language is written in, when it is not Latin (a Latin line is then another language)
        self.own_script = None if own.match("a") or own.match("A") else own
        self.number_res = table.regexes("number_lines")
        #: the number line's date on the line below it ("Resolution 242 (1967)" / "of 22 November 1967";
        #: Arabic "بتاريخ …", where no lower case tells that the line goes on)
        self.date_continuation_re = table.regex("number_date_continuation")
        self.cover_res = self.number_res + table.regexes("adoption_lines")
        self.voter_res = [re.compile(p) for p in (table.get("voter_lists") or {}).values()]
        # (looked up once: kind() runs on every line)
        self.formula_re, self.first_words = table.formula_re, table.phrase_first_words
        self.preambular_re, self.operative_re = table.preambular_re, table.operative_re
        self._openings: dict[str, Openings] = {}

    def at(self, c: str) -> Openings:
        """The patterns that can match a line opening with the character ``c`` ("" for a blank line)."""
        try:
            return self._openings[c]
        except KeyError:
            pass

        def can(rx: re.Pattern) -> bool:
            test = first_char_test(rx)
            return test is None or test(c)
        o = Openings()
        for name, rx in (("division", self.division_re), ("formula", self.formula_re), ("strong", self.strong_re),
                         ("prefix", self.prefix_re), ("participle", self.participle_re), ("dash", DASH_LEAD_RE),
                         ("annex", self.annex_re), ("date", self.date_re),
                         ("date_continuation", self.date_continuation_re),
                         ("section_heading", self.section_heading_re)):
            setattr(o, name, rx if can(rx) else None)
        for name, rxs in (("voters", self.voter_res), ("cover", self.cover_res), ("meeting", self.meeting_res),
                          ("number", self.number_res)):
            setattr(o, name, tuple(rx for rx in rxs if can(rx)))
        #: nothing kind() knows can open with c (but a list label, "a)", has its ")" further on)
        o.nothing = not (c.isdecimal() or c in OCR_NUM_FIRST or c in self.numerals or c in LABEL_FIRST
                         or c in HEADING_FIRST or o.section_heading or o.division or o.formula or o.strong
                         or o.voters or can(self.preambular_re) or can(self.operative_re) or o.prefix
                         or o.participle or o.dash)
        #: a line opening so goes on the paragraph before, unless that is a heading or formula
        #: (see _breaks): lower case, opening nothing, neither a date nor a resolution's number
        o.goes_on = c.islower() and o.nothing and not o.date and not o.number
        #: a text opening so is no annex, division or formula line
        o.plain = not (o.annex or o.division or o.formula)
        if len(self._openings) < OPENINGS_KEPT:
            self._openings[c] = o
        return o

    def script_changes(self, prev: str, s: str) -> bool:
        """The text before ends in Latin words and ``s`` opens in the language's own script, or
        the other way round (a bitext's lines)."""
        own = self.own_script
        last = None
        prev = prev[-200:]
        for last in own.finditer(prev):
            pass
        tail = prev[last.end():] if last else prev
        latin_tail = len(LATIN_WORDS_RE.findall(tail)) >= 2
        if latin_tail and own.match(s):
            return True
        return not latin_tail and len(LATIN_WORDS_RE.findall(s[:40])) >= 2 and not own.search(s[:40])

    def is_date_line(self, s: str) -> bool:
        rx = self.at(s[:1]).date
        m = rx.match(s) if rx else None
        return bool(m) and m.end() >= len(s.rstrip(" .,，"))

    def is_cover_line(self, s: str) -> bool:
        """A whole number line or adoption line: what follows is another line."""
        if len(s) >= 200:
            return False
        s = spaced(s)  # (as structure.match_any reads the line)
        for rx in self.at(s[:1]).cover:
            m = rx.fullmatch(s)
            if m and not m.groupdict().get("title"):
                return True
        return False

    def is_meeting(self, s: str) -> bool:
        if len(s) >= 120:
            return False
        s = spaced(s)  # (once, not for each pattern)
        return any(rx.match(s) for rx in self.at(s[:1]).meeting)

    def kind(self, s: str, can: Openings | None = None) -> str | None:
        """What ``s`` opens with, if it can open a paragraph; ``can``: ``self.at(s[:1])``, when known."""
        # (each pattern is only tried on a line whose start it could match)
        c0 = s[:1]
        can = can or self.at(c0)
        if can.nothing and ")" not in s[1:8]:
            return None  # (most lines: a sentence going on in lower case)
        if (c0.isdecimal() or c0 in OCR_NUM_FIRST or c0 in self.numerals) and number_start(s, self.table):
            return "num"
        if (c0 in LABEL_FIRST or ")" in s[1:8]) and LABEL_RE.match(s):
            return "label"
        if c0 in HEADING_FIRST and HEADING_RE.match(s) or can.section_heading and can.section_heading.match(s):
            return "heading"
        if can.division and can.division.match(s):
            return "division"
        if can.formula and can.formula.match(s):
            return "formula"
        if can.strong and can.strong.match(s):
            return "strong"
        for rx in can.voters:
            if rx.match(s):
                return "strong"
        first = s.split(" ", 1)[0].rstrip(",:")  # "Decides:" over its list
        if first in self.first_words and (self.preambular_re.match(s) or self.operative_re.match(s)):
            return "phrase"
        if can.prefix and can.prefix.match(s):
            return "phrase"
        if can.participle and can.participle.match(s):
            return "participle"
        d = can.dash.match(s) if can.dash else None
        if d and self.table.operative_re.match(s, d.end()):
            return "phrase"  # "- يدعو …": a web copy's dash where the number was
        return None


def one_paragraph_per_line(lines: list[Line]) -> bool:
    """True when the text is not wrapped: each paragraph is one (often long) line, so a line that
    ends a sentence or a heading ends its paragraph even with no blank line or indent after it."""
    text = [l.text.strip() for l in lines if not l.blank]
    long = [s for s in text if len(s) >= 60]
    if len(text) < 6 or sum(len(s) > 150 for s in text) < 0.2 * len(text):
        return False
    return sum(1 for s in long if ENDS_RE.search(s[-16:])) >= 0.85 * len(long)


def _line_ends_paragraph(prev: str, s: str, opener: "Opener") -> bool:
    """In one-paragraph-per-line text: the line before ended a sentence, or was a heading
    ("Preamble") before a paragraph's opening, or the line is a connector ("Now, therefore,")."""
    if s[:1].islower() or LONE_NUM_RE.match(prev) or _dangling(prev):
        return False
    if SENTENCE_END_RE.search(prev[-16:]) or s.strip() in opener.connectors:
        return True
    return is_subheading(prev) and opener.kind(s) is not None



def double_spaced(lines: list[Line], opener: "Opener | None" = None) -> bool:
    """True when nearly every text line is followed by a blank line *and* sentences run on across
    those blanks (a double-spaced extraction of wrapped lines), as opposed to one paragraph per
    line with blank lines between paragraphs. A line opening with a known phrase does not run
    on, though it starts in lower case (Russian recitals: "ссылаясь на …")."""
    text = [i for i, l in enumerate(lines[:-1]) if not l.blank]
    if len(text) < 6:
        return False
    followed = [i for i in text if lines[i + 1].blank]
    if len(followed) / len(text) <= 0.8:
        return False
    nxt = {}
    j = None
    for i in reversed(range(len(lines))):
        if not lines[i].blank:
            j = i
        nxt[i] = j
    runs_on = 0
    for i in followed:
        k = nxt.get(i + 1)
        if k is not None and lines[k].text.strip()[:1].islower() and (
                opener is None or opener.kind(lines[k].text.strip()) is None):
            runs_on += 1
    return runs_on / len(followed) >= 0.15


def join(text: str, more: str) -> str:
    """Join a wrapped line to the text before: one space, none after a hyphen that ends a word
    ("meet-" / "ing", "Secretary-" / "General", "Sub-" / "Committee")."""
    text = text.rstrip()
    more = more.strip()
    if not text:
        return more
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and more[:1].isalpha():
        return text + more
    return f"{text} {more}"


#: A line longer than this may be several paragraphs run together (a web page's copy); the
#: table's ``run_together_chars`` says it for its script (Chinese says as much in a third).
RUN_TOGETHER = 600
#: Where a paragraph can end inside a line: final punctuation, then space.
#: Chinese text may run on with no space after its punctuation, full-width or ASCII ("…报告,审议了").
INNER_END_RE = re.compile(r"[,;:.，；：。、،؛](?:[”’\"')\]]|\d{1,3})?\s+|[，；：。](?=\S)|[,;:](?=[\u4e00-\u9fff])")


BRACKETED_RE = re.compile(r"\s(\[[^\[\]]{1,300}\])")


def split_run_together(lines: list[Line], opener: "Opener") -> list[Line]:
    """Lines holding whole paragraphs run together ("…, Recalling …, Decides …; 2. Requests …")
    become one line per paragraph, each keeping its source line number. Only long lines with
    at least two places where a known opening follows a paragraph's end are split, and only
    when the line holds most of the document (a text laid out one paragraph per line keeps its
    lines: there an opening word after a comma belongs to the sentence)."""
    longest = max(opener.table.get("run_together_chars", RUN_TOGETHER), sum(len(l.text) for l in lines) // 2)
    if all(len(line.text) <= longest for line in lines):
        return list(lines)  # (most texts: no line long enough)
    out: list[Line] = []
    for line in lines:
        if len(line.text) <= longest:
            out.append(line)
            continue
        cuts = _inner_ends(line.text, opener)
        if len(cuts) < 2:
            out.append(line)
            continue
        # the formula and the resolution's number need no punctuation before them
        cuts += [m.start() + 1 for m in opener.inner_start_re.finditer(line.text)]
        # nor the committee or proposal line ("… 大会决议 [根据未经发交主要委员会而通过的决议(…)] 54/254.…")
        for m in BRACKETED_RE.finditer(line.text):
            if opener.table.regex("committee_line").match(m.group(1)) or opener.table.regex("proposal_line").match(m.group(1)):
                cuts += [m.start(1), m.end(1)]
        cuts = sorted(set(c for c in cuts if 0 < c < len(line.text)))
        if not cuts:
            out.append(line)
            continue
        start = 0
        for cut in cuts + [len(line.text)]:
            piece = line.text[start:cut].rstrip()
            if piece.strip():
                out.append(Line(line.no, piece))
            start = cut
    return out


def _inner_ends(text: str, opener: "Opener") -> list[int]:
    """Where paragraphs open after an end inside a run-together line.

    With no space after the punctuation (Chinese), only a number, a formula or a preambular
    phrase before the first decision ("…,审议了"): an operative verb there ("…其中除其他外,决定…"),
    or a recital's word inside a decision ("決定:恢復…,承認…"), is the sentence going on.
    The closing date after a full stop ("…作出决定。 2000年3月15日, 第93次全体会议") stands apart from
    the paragraph before and the meeting after, and the meeting line from what follows it."""
    cuts: list[int] = []
    preambular = opener.table.preambular_re
    # a line opening with a decision ("1. 决定…") has no recital after it
    deciding = bool(number_start(text, opener.table)) or bool(
        opener.table.operative_re.match(text) and not preambular.match(text))
    for m in INNER_END_RE.finditer(text):
        rest = text[m.end():m.end() + 200]
        kind = opener.kind(rest)
        if kind in ("num", "phrase", "formula", "strong"):
            if kind == "phrase" and not m.group(0)[-1:].isspace():
                if deciding or not preambular.match(rest):
                    continue
            elif kind == "num" or kind == "phrase" and not preambular.match(rest):
                deciding = True
            cuts.append(m.end())
            continue
        d = opener.date_re.match(text, m.end()) if text[m.start()] in ".;。；" else None
        if d:
            after = re.compile(r"[,，、]?\s*").match(text, d.end()).end()
            cuts += [m.end(), after]
            meeting = re.compile(r"[^.;。；]{1,60}[.;。；]\s+").match(text, after)
            if meeting and opener.is_meeting(meeting.group(0).strip()):
                cuts.append(meeting.end())
    return cuts


#: Runs of ordinary spaces inside a line (no-break and other spaces are kept as they are).
SPACES_RE = re.compile(r" {2,}")


def chunk(lines: list[Line], table: LanguageTable) -> list[Text]:
    """The paragraphs of ``lines``, each a Text remembering the source lines it came from."""
    opener = table.derived("opener", lambda: Opener(table))
    lines = split_run_together(lines, opener)
    dbl = double_spaced(lines, opener)
    per_line = one_paragraph_per_line(lines)
    body_indent = _typical_indent(lines)
    out: list[Text] = []
    cur: Text | None = None
    blank_before = True
    prev_indent = 0
    for line in lines:
        check(line.no)
        s = line.text.strip()
        if "  " in s:
            s = SPACES_RE.sub(" ", s)  # a layout extractor's justification: "The General Assembly        ,"
        if not s:  # a blank line
            blank_before = True
            continue
        indent = len(line.text) - len(line.text.lstrip())
        if cur is None or per_line and _line_ends_paragraph(cur.value, s, opener) \
                or _breaks(cur.value, s, indent, prev_indent, body_indent, blank_before, dbl, opener):
            cur = Text(s, [line.no], [(0, line.no)])
            out.append(cur)
        else:
            before = len(cur.value)
            cur.value = join(cur.value, s)
            cur.offsets.append((len(cur.value) - len(s) if len(cur.value) > before else before, line.no))
            cur.lines.append(line.no)
        blank_before = False
        prev_indent = indent
    return out


def _typical_indent(lines: list[Line]) -> int:
    counts: dict[int, int] = {}
    for l in lines:
        rest = l.text.lstrip()
        if rest:  # not blank
            indent = len(l.text) - len(rest)
            counts[indent] = counts.get(indent, 0) + 1
    return max(counts, key=counts.get) if counts else 0


def _breaks(prev: str, s: str, indent: int, prev_indent: int, body_indent: int,
            blank_before: bool, dbl: bool, opener: Opener) -> bool:
    can, can_prev = opener.at(s[:1]), opener.at(prev[:1])
    if can.goes_on and can_prev.plain and ")" not in s[1:8] and opener.own_script is None:
        return False  # (most lines: a sentence going on in lower case; every test below says so)
    if len(prev) < 10 and LONE_NUM_RE.match(prev):  # (it matches 9 characters at most)
        return False  # "1." or "(a)" alone on its line: the text follows on the next
    # (each test below asked only when its answer can matter, the cheaper first: most lines are
    # a lower-case continuation of the sentence before)
    lower = s[:1].islower()
    cover = None  # whether prev is a cover line, asked once at most
    if can.date_continuation and can.date_continuation.match(s):
        cover = opener.is_cover_line(prev)
        if cover:
            return False  # "قرار مجلس الأمن رقم 242 (1967)" / "بتاريخ 22 تشرين الثاني (نوفمبر) 1967": its date
    if can_prev.annex and can_prev.annex.match(prev) \
            or (not lower and (opener.is_cover_line(prev) if cover is None else cover)):
        return True   # "Annex I", "101 (1953). Resolution of 24 November 1953" stand on their own
    if can_prev.division and can_prev.division.match(prev):
        return True   # "Article 5", "Rule 41": a heading line of its own
    kind = opener.kind(s, can)
    if kind == "division":
        return not _dangling(prev)
    # whether prev can end a paragraph (only its end matters): a line in lower case that opens
    # nothing goes on whatever the end before, unless prev is a formula or a script changes
    ends = (not lower or kind is not None or can_prev.formula is not None or opener.own_script is not None) \
        and bool(ENDS_RE.search(prev[-24:]))
    if kind == "formula":
        return True
    f = can_prev.formula.match(prev) if can_prev.formula and (ends or kind is not None) else None
    if f and f.end() >= len(prev.rstrip()):
        # "فإن الجمعية العامة،" then a recital with no known phrase ("عملاً بتأدية …"); "The Security
        # Council" with its comma lost, then "Demands …"
        return True
    if kind == "strong":
        return not _dangling(prev)  # but not after "Adopted unanimously at the"
    if kind in ("num", "label") and (heading_match(prev, opener.table) and len(prev) < 250 or is_subheading(prev)):
        return True  # "I. Global context" or "Partnerships" (no final punctuation) then "3. We ..."
    # (asked only where it can matter: before a line in upper case, a date or another resolution's number)
    sentence_end = SENTENCE_END_RE.search(prev[-16:]) if not lower or can.date or can.number else None
    if can.date and opener.is_date_line(s) and (opener.is_meeting(prev) or sentence_end):
        return True  # the date under "71st plenary meeting", or closing the text ("…议程。" / "1998年6月4日")
    if not lower and can_prev.date and opener.is_date_line(prev):
        return True  # a line of its own after a date line
    if opener.own_script is not None and (ends or kind is not None) and opener.script_changes(prev, s):
        return True  # "The General Assembly" then "回顾…": the language changes, a paragraph opens
    if sentence_end and not lower and opener.is_meeting(prev.rstrip(" ,.;。；")) \
            and prev.count("(") <= prev.count(")"):
        return True  # the meeting line ended, whatever follows ("第一九七六次全體會議。" / a site's source note)
    if sentence_end and any(rx.match(s) for rx in can.number):
        return True  # "… 25 October 1971." then "二七五八 (二十六). 恢復…": another resolution's number
    if kind in ("num", "label", "phrase", "heading"):
        return ends or (blank_before and not dbl)
    if kind == "participle":
        return ends and (blank_before or indent > prev_indent)
    if not ends:
        # a title or heading line ends without punctuation; a blank line after it still breaks
        # unless the next line reads as the same sentence going on
        return blank_before and not dbl and not s[:1].islower() and _heading_like(prev)
    if s[:1].islower():
        return False
    if blank_before and not dbl:
        return True
    if prev.rstrip().endswith(":") and s[:1].isupper() and opener.embedding_re.search(prev):
        return True  # "… adopts the following declaration:" then its title, with no blank line between
    return indent > prev_indent + 1 and indent > body_indent


def is_subheading(s: str) -> bool:
    """A short capitalised line without final punctuation: an unnumbered heading. Scripts with no
    capitals (Chinese, Arabic) have only the length and the missing punctuation to tell."""
    s = s.strip()
    first = s[:1]
    capital = first.isupper() or (first.isalpha() and not first.islower())
    return (3 <= len(s) <= 110 and capital and s[-1:].isalnum() and not NUM_RE.match(s)
            and not LABEL_RE.match(s) and _heading_like(s) and not re.search(r"\d$", s))


DANGLING_RE = re.compile(r"\b(?:the|of|and|to|in|for|on|a|an|by|with|at|its)$")


def _dangling(prev: str) -> bool:
    """The text stops on a word that cannot end a line of its own ("… at the")."""
    return bool(DANGLING_RE.search(prev[-8:]))


def _heading_like(prev: str) -> bool:
    return len(prev) < 150 and not _dangling(prev)

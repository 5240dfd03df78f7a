"""Page furniture: job numbers, barcodes, page numbers, running heads, "Please recycle".

Each recogniser looks at one line and names the kind of furniture it is, or returns None.
They are tried in order; the first to answer wins.
"""
from __future__ import annotations

import re
from typing import Callable

from converter.lang import required_literal

#: A UN document symbol: A/RES/68/198, S/RES/1445 (2002), A/HRC/RES/34/35, E/RES/2018/27, A/C.2/68/L.5
SYMBOL = r"(?:A|S|E)/(?:[A-Z][A-Za-z0-9.]*/)*(?:RES|DEC)/[0-9A-Z]+(?:/[0-9A-Z]+)*(?:\s*\((?:\d{4}|[IVXLC]+)\))?"
SYMBOL_RE = re.compile(SYMBOL)
JOB = r"(?:GE\.)?\d{2}-\d{5}"
JOB_RE = re.compile(rf"^\s*{JOB}\s*(?:\([A-Z]\))?(?:\s+\d{{6}})?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\d{6,}\*\s*$")
PAGE_RE = re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})\s*$")
#: A footer or header line made of furniture tokens only: job number, page n/N, symbol, separators.
TOKENS_RE = re.compile(rf"(?:{JOB}\s*(?:\([A-Z]\))?(?:\s+\d{{6}})?|\b\d{{1,3}}/\d{{1,3}}\b|{SYMBOL}|\*\d{{6,}}\*)")
JOB_START_RE = re.compile(JOB)
BOOKMARK_RE = re.compile(r"^\s*\[bookmark: [^\]]*\]\s*$")
#: What a symbol or a job number holds: a running head has one or the other.
HEAD_HINT_RE = re.compile(r"[ASE]/|\d\d-\d")

Recogniser = Callable[[str, "Context"], str | None]


class Context:
    """What the furniture recognisers know about the document: its symbol and running titles."""

    def __init__(self, symbol: str | None = None, titles: tuple[str, ...] = (),
                 recycle: re.Pattern | None = None):
        self.symbol = symbol
        self.recycle = recycle
        #: text every match of ``recycle`` holds ("Please recycle"): a line without it is not one
        self.recycle_literal = required_literal(recycle) if recycle is not None else ""
        self.titles = tuple(_norm(t) for t in titles if t)


SPACES_RE = re.compile(r"\s+")


def _norm(s: str) -> str:
    return SPACES_RE.sub(" ", s).strip().lower()


# (each recogniser first asks for a character its pattern cannot match without: most lines
# of text stop there, at a fraction of the cost of the pattern)

def job_number(line: str, ctx: Context) -> str | None:
    return "job-number" if "-" in line and JOB_RE.match(line) else None


def barcode(line: str, ctx: Context) -> str | None:
    return "barcode" if "*" in line and BARCODE_RE.match(line) else None


def page_number(line: str, ctx: Context) -> str | None:
    m = PAGE_RE.match(line) if "/" in line else None
    if m and 0 < int(m.group(1)) <= int(m.group(2)) <= 500:
        return "page-number"
    return None


def recycle(line: str, ctx: Context) -> str | None:
    return "please-recycle" if ctx.recycle is not None and ctx.recycle_literal in line and ctx.recycle.match(line) \
        else None


def word_bookmark(line: str, ctx: Context) -> str | None:
    return "word-bookmark" if "[bookmark: " in line and BOOKMARK_RE.match(line) else None


def running_head(line: str, ctx: Context) -> str | None:
    """A header or footer: furniture tokens, and at most a running title between them."""
    if "/" not in line and "-" not in line and "*" not in line:
        return None  # every furniture token has one
    if not HEAD_HINT_RE.search(line):
        return None  # no symbol nor job number (most lines with a "-": "Secretary-General")
    tokens = TOKENS_RE.findall(line)
    if not tokens:
        return None
    if not any(SYMBOL_RE.fullmatch(t.strip()) or JOB_START_RE.match(t) for t in tokens):
        return None  # page numbers alone are the page-number recogniser's business
    rest = _norm(TOKENS_RE.sub(" ", line).replace("/", " "))
    if not rest:
        # a lone symbol is a running head only when it is not a sentence's word
        return "running-head"
    has_symbol = any(SYMBOL_RE.fullmatch(t.strip()) for t in tokens)
    starts_with_token = TOKENS_RE.match(line.strip()) is not None
    if has_symbol and starts_with_token and (rest in ctx.titles or len(tokens) >= 2):
        return "running-head"
    if has_symbol and starts_with_token and ctx.symbol and line.strip().startswith(ctx.symbol) \
            and any(rest and t.startswith(rest[:20]) for t in ctx.titles):
        return "running-head"
    return None


RECOGNISERS: list[Recogniser] = [job_number, barcode, page_number, recycle, word_bookmark, running_head]
#: the recognisers that can answer for a line without a digit
WORDS_ONLY: list[Recogniser] = [recycle, word_bookmark]


DIGIT_RE = re.compile(r"\d")


def furniture_kind(line: str, ctx: Context) -> str | None:
    """The kind of page furniture this line is, or None when it is text."""
    if not line or line.isspace():
        return None
    # job numbers, barcodes, page numbers and symbols all hold a digit, and a "-", "/" or "*"
    # (each recogniser of them asks for its own): most lines stop here, the cheaper test first
    special = "-" in line or "/" in line or "*" in line
    if special and DIGIT_RE.search(line):
        recognisers = RECOGNISERS
    elif ctx.recycle_literal in line or "[bookmark: " in line:
        recognisers = WORDS_ONLY
    else:
        return None  # (what the WORDS_ONLY recognisers look for first: most lines have neither)
    for rec in recognisers:
        kind = rec(line, ctx)
        if kind:
            return kind
    return None

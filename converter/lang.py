"""Language tables: the words each recogniser looks for, one JSON file per language in data/.

Recognisers never hold word lists of their own; they ask the table of the document's language.
"""
from __future__ import annotations

import json
import os
import re
try:  # the pattern's parse tree (CPython's own modules, there since 3.11)
    from re import _constants as _re_constants, _parser as _re_parser
except ImportError:  # pragma: no cover - then no literal is known and every text is scanned
    _re_constants = _re_parser = None
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from converter import DATA_DIR


@dataclass(frozen=True)
class LanguageTable:
    code: str
    bcp47: str
    raw: dict = field(repr=False, compare=False, hash=False)
    #: compiled look-ups, on the table itself (regex by its key, the rest by a tuple): recognisers
    #: ask for them hundreds of times a document, and the module-level caches hash the table each time
    _memo: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    def __getitem__(self, key):
        return self.raw[key]

    def get(self, key, default=None):
        return self.raw.get(key, default)

    def has(self, key: str) -> bool:
        try:
            _lookup(self, key)
            return True
        except KeyError:
            return False

    def derived(self, key: str, make):
        """A value made from the table alone (a recogniser's compiled state), made once: ``make()``
        the first time ``key`` is asked for."""
        return self._cached(("derived", key), make)

    # --- derived look-ups, compiled once ---
    def _cached(self, key, make):
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value

    @property
    def month_numbers(self) -> dict[str, int]:
        return self._cached(("month_numbers",), lambda: _months(self))

    def regex(self, key: str) -> re.Pattern:
        try:
            return self._memo[key]
        except KeyError:
            return self._cached(key, lambda: _regex(self, key))

    def regexes(self, key: str) -> tuple[re.Pattern, ...]:
        return self._cached(("regexes", key), lambda: _regexes(self, key))

    def regexes_opening(self, key: str, c: str) -> tuple[re.Pattern, ...]:
        """The patterns of ``regexes(key)`` whose match at a text's start can begin with the
        character ``c`` (see :func:`first_char_test`): the others need not be tried."""
        try:
            return self._memo[("opening", key, c)]
        except KeyError:
            return self._cached(("opening", key, c), lambda: tuple(
                rx for rx in self.regexes(key) if (test := first_char_test(rx)) is None or test(c)))

    @property
    def preambular_re(self) -> re.Pattern:
        return self._cached(("preambular_re",), lambda: _phrase_re(self, "preambular_phrases", True))

    @property
    def operative_re(self) -> re.Pattern:
        return self._cached(("operative_re",), lambda: _phrase_re(self, "operative_phrases", False))

    @property
    def phrase_first_words(self) -> frozenset[str] | "_Anything":
        """First words of every known phrase: a cheap test before the phrase patterns.

        Scripts written without spaces between words (Chinese) set ``"phrase_prefilter": false``:
        every first "word" then passes and the phrase patterns decide."""
        if not self.raw.get("phrase_prefilter", True):
            return ANYTHING
        return self._cached(("phrase_first_words",), lambda: _first_words(self))

    @property
    def formula_re(self) -> re.Pattern:
        return self._cached(("formula_re",), lambda: _formula_re(self))

    @property
    def inner_recital_re(self) -> re.Pattern | None:
        """In a script written without spaces, a comma followed by a preambular phrase and its own
        comma ("…的原则,考虑到,恢复…"): a second recital run onto the first one's line. None for
        scripts with spaces, where a phrase after a comma belongs to the sentence."""
        if self.raw.get("phrase_prefilter", True):
            return None
        return self._cached(("inner_recital_re",), lambda: re.compile(
            r"[,，](?=(?:%s)[,，])" % _alternation(phrase_list(self, "preambular_phrases"))))

    @property
    def opening_re(self) -> re.Pattern:
        """The words of a formula opening a sentence that goes on ("إن الجمعية العامة وقد تسلمت …",
        "The General Assembly having received …"): no comma after them."""
        return self._cached(("opening_re",), lambda: re.compile(_formula_re(self).pattern.split("(?P<end>")[0] + r"\s+"))

    def literal(self, key: str) -> str:
        """Text every match of ``regex(key)`` contains ("" when there is none to say): a text
        without it has no match, and a ``in`` test costs a fraction of a scan with the pattern."""
        return self._cached(("literal", key), lambda: required_literal(self.regex(key)))


def required_literal(pattern: re.Pattern) -> str:
    r"""The longest run of plain characters in the pattern's top-level sequence: every match
    holds it ("esolution" in ``\b(?:Council\s+)?[Rr]esolutions?\s+``). "" for a pattern that
    ignores case or has no such run."""
    if pattern.flags & re.IGNORECASE or _re_parser is None:
        return ""
    best = run = ""
    for op, value in _re_parser.parse(pattern.pattern, pattern.flags).data:
        if op is _re_constants.LITERAL:
            run += chr(value)
        else:
            best, run = max(best, run, key=len), ""
    return max(best, run, key=len)


@lru_cache(maxsize=None)
def first_char_test(pattern: re.Pattern) -> "Callable[[str], bool] | None":
    r"""A test of the character a match of ``pattern`` at a text's start can begin with, read from
    the pattern's parse tree: ``[ACPR]`` for ``^(?:Annex|Chapter|Part|Rule)``, a digit for
    ``\d+/\d+``. It may say yes where the pattern then fails, never no where it matches; a line
    it says no to needs no call of the pattern (every one, for ``(?!)``, the pattern of a language
    with no such line). None when any character can begin a match (the pattern can match an
    empty text, starts with ``.`` or a negated set, or ignores case)."""
    if _re_parser is None:
        return None
    chars: set[str] = set()
    ranges: list[tuple[int, int]] = []
    tests: list = []
    nullable = _first_chars(_re_parser.parse(pattern.pattern, pattern.flags).data, pattern.flags,
                            chars, ranges, tests)
    if nullable is None or nullable:
        return None
    chars_, ranges_, tests_ = frozenset(chars), tuple(ranges), tuple(tests)

    def test(c: str) -> bool:
        if c in chars_:
            return True
        if not c:
            return False
        o = ord(c[0])
        return any(lo <= o <= hi for lo, hi in ranges_) or any(t(c[0]) for t in tests_)
    return test


#: The character classes ``\d``, ``\s``, ``\w`` as tests of one character (as the re module reads
#: them in a str pattern; with re.ASCII they hold fewer, and a test that says yes to more is sound).
_CATEGORY_TESTS = {
    "CATEGORY_DIGIT": str.isdecimal,
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_",
}


def _first_chars(items, flags, chars, ranges, tests) -> bool | None:
    """Add what the sequence ``items`` can begin with to chars, ranges and tests; whether it can
    match nothing (True), or None when any character can begin it."""
    C = _re_constants
    for op, av in items:
        if flags & (re.IGNORECASE | re.LOCALE):
            return None
        if op is C.LITERAL:
            chars.add(chr(av))
            return False
        if op is C.IN:
            for o, a in av:
                if o is C.LITERAL:
                    chars.add(chr(a))
                elif o is C.RANGE:
                    ranges.append(a)
                elif o is C.CATEGORY and str(a) in _CATEGORY_TESTS:
                    tests.append(_CATEGORY_TESTS[str(a)])
                else:  # a negated set, a negated class
                    return None
            return False
        if op is C.BRANCH:
            empty = False
            for alt in av[1]:
                n = _first_chars(alt.data, flags, chars, ranges, tests)
                if n is None:
                    return None
                empty = empty or n
            if not empty:
                return False
        elif op is C.SUBPATTERN:
            _group, add, remove, sub = av
            n = _first_chars(sub.data, (flags | add) & ~remove, chars, ranges, tests)
            if not n:
                return n
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, sub = av
            n = _first_chars(sub.data, flags, chars, ranges, tests)
            if n is None:
                return None
            if not n and low > 0:
                return False
        elif op is C.ATOMIC_GROUP:
            n = _first_chars(av.data, flags, chars, ranges, tests)
            if not n:
                return n
        elif op is C.ASSERT_NOT and not av[1].data:
            return False  # "(?!)": never matches, so begins with nothing
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # takes no character: what follows begins the match
        else:  # any character, a negated literal, a back reference...
            return None
    return True


@lru_cache(maxsize=None)
def load(code: str = "eng") -> LanguageTable:
    """The table for an ISO 639-2 code (``eng``, ``fra`` ...)."""
    path = DATA_DIR / f"{code}.json"
    if not path.exists():
        raise KeyError(f"no language table for {code!r}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return LanguageTable(code=raw["language"], bcp47=raw["bcp47"], raw=raw)


class _Anything:
    """A set holding every string."""

    def __contains__(self, item) -> bool:
        return True


ANYTHING = _Anything()


@lru_cache(maxsize=None)
def _months(t: LanguageTable) -> dict[str, int]:
    """Month names (and the table's ``month_aliases``, other spellings) to month numbers."""
    out = {name.lower(): i + 1 for i, name in enumerate(t["months"])}
    out.update({name.lower(): n for name, n in t.get("month_aliases", {}).items()})
    return out


@lru_cache(maxsize=None)
def _first_words(t: LanguageTable) -> frozenset[str]:
    return frozenset(p.split(" ", 1)[0] for key in ("preambular_phrases", "operative_phrases") for p in phrase_list(t, key))


@lru_cache(maxsize=None)
def _regexes(t: LanguageTable, key: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(_expand(t, p)) for p in _lookup(t, key))


def _lookup(t: LanguageTable, key: str):
    """``masthead.session`` → ``t["masthead"]["session"]``."""
    value = t.raw
    for part in key.split("."):
        value = value[part]
    return value


def _expand(t: LanguageTable, pattern: str) -> str:
    """Patterns may say ``{months}``: the month names of the language, as an alternation."""
    return pattern.replace("{months}", "(?:%s)" % _alternation(list(t["months"]) + list(t.get("month_aliases", {}))))


@lru_cache(maxsize=None)
def _regex(t: LanguageTable, key: str) -> re.Pattern:
    return re.compile(_expand(t, _lookup(t, key)))


def _alternation(items) -> str:
    return "|".join(re.escape(p) for p in sorted(set(items), key=len, reverse=True))


def _grouped_alternation(items) -> str:
    """The same alternation as :func:`_alternation`, as a tree of the words' shared beginnings
    ("Re(?:calling(?:\\ also|)|affirming)|Noting…"): the regex engine tries the words that begin
    as the text does, not every word of the list (hundreds of phrases). Equivalent: a word that
    starts otherwise cannot match, and each branch keeps the longest-first order."""
    words = sorted(set(items), key=len, reverse=True)
    return _tree(words) if all(words) else _alternation(items)


def _tree(words: list[str]) -> str:
    """``words``, longest first (the last may be "": then nothing more is also a match)."""
    if len(words) < 4:
        return "|".join(re.escape(w) for w in words)
    groups: dict[str, list[str]] = {}
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for first, rests in groups.items():
        if len(rests) == 1:
            parts.append(re.escape(first + rests[0]))
            continue
        shared = os.path.commonprefix(rests)
        parts.append("%s(?:%s)" % (re.escape(first + shared), _tree([r[len(shared):] for r in rests])))
    if not words[-1]:
        parts.append("")
    return "|".join(parts)


@lru_cache(maxsize=None)
def _phrase_re(t: LanguageTable, key: str, modifiers: bool) -> re.Pattern:
    """Longest known phrase at the start of a paragraph, then (preamble) any modifiers.

    "Stressing, however," and "Recalling further" are a known lead plus modifiers; a generic
    capitalised participle ("Guided by") is recognised by the recogniser itself, not here.
    """
    mods = ""
    boundary = t.get("phrase_boundary", r"\b")
    if modifiers and t["preambular_modifiers"]:
        mods = r"(?:(?:,\s+(?:however|moreover|furthermore|nevertheless|in this regard),)|(?:\s+(?:%s)\b))*" % _alternation(t["preambular_modifiers"])
    return re.compile(r"(?P<phrase>(?:%s)%s%s)" % (_grouped_alternation(phrase_list(t, key)), boundary, mods))


def phrase_list(t: LanguageTable, key: str) -> list[str]:
    """A table's phrases (``preambular_phrases``, ``operative_phrases``), generated from the UN's
    files, and its hand-written ``older_phrases`` of the same kind: the words of older texts the
    UN's recent files do not count ("Whereas", "Directs", "Transmits")."""
    return list(t[key]) + list((t.get("older_phrases") or {}).get(key, []))


@lru_cache(maxsize=None)
def _formula_re(t: LanguageTable) -> re.Pattern:
    formulas = [f for organ in t["organs"].values() for f in organ["formula"]]
    return re.compile(r"^(?P<formula>(?:%s))(?P<end>\s?[,，،:：]|\s*$)" % _alternation(formulas))


def organ_for_formula(t: LanguageTable, formula: str) -> str | None:
    """The FRBR actor whose enacting formula is ``formula`` ("The General Assembly" → ``unga``)."""
    for actor, organ in t["organs"].items():
        if formula.strip() in organ["formula"]:
            return actor
    return None


#: Roman numerals as session numbers and symbols print them.
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


#: digits other scripts print (Arabic-Indic, Eastern Arabic-Indic, full-width) as ASCII digits
ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


def ascii_digits(text: str) -> str:
    """``text`` with its digits in ASCII ("٦٧/١٩٥" → "67/195"), as addresses and symbols write them."""
    return text.translate(ASCII_DIGITS)


def roman_value(numeral: str) -> int:
    """"XXVI" → 26 (the sessions of old General Assembly symbols: "2758 (XXVI)")."""
    values = [ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def roman_numeral(n: int) -> str:
    """26 → "XXVI"."""
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def number_value(text: str, t: LanguageTable) -> int | None:
    """A number as printed: digits of any script, or the table's ``numerals`` (Chinese 一九四六,
    四十二, 二十六) read positionally or with their multipliers (十, 百, 千)."""
    s = text.strip()
    if s.isdigit():
        return int(s)
    numerals = t.get("numerals")
    if not numerals or not s or any(c not in numerals for c in s):
        return None
    values = [numerals[c] for c in s]
    if all(v < 10 for v in values):
        return int("".join(str(v) for v in values))   # 一九四六 → 1946
    total, unit = 0, 0
    for v in values:
        if v >= 10:
            total += (unit or 1) * v
            unit = 0
        else:
            unit = v
    return total + unit


def organ_for_name(t: LanguageTable, name: str) -> str | None:
    """The FRBR actor (``unga``) for an organ's name as printed."""
    for actor, organ in t["organs"].items():
        if any(name.strip().lower() == n.lower() for n in organ["names"]):
            return actor
    return None

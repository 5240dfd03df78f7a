"""Language tables: the words each recogniser looks for, one JSON file per language in data/.

Recognisers never hold word lists of their own; they ask the table of the document's language.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from converter import DATA_DIR


@dataclass(frozen=True)
class LanguageTable:
    code: str
    bcp47: str
    raw: dict = field(repr=False, compare=False, hash=False)

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

    # --- derived look-ups, compiled once ---
    @property
    def month_numbers(self) -> dict[str, int]:
        return _months(self)

    def regex(self, key: str) -> re.Pattern:
        return _regex(self, key)

    def regexes(self, key: str) -> tuple[re.Pattern, ...]:
        return _regexes(self, key)

    @property
    def preambular_re(self) -> re.Pattern:
        return _phrase_re(self, "preambular_phrases", True)

    @property
    def operative_re(self) -> re.Pattern:
        return _phrase_re(self, "operative_phrases", False)

    @property
    def phrase_first_words(self) -> frozenset[str]:
        """First words of every known phrase: a cheap test before the phrase patterns."""
        return _first_words(self)

    @property
    def formula_re(self) -> re.Pattern:
        return _formula_re(self)


@lru_cache(maxsize=None)
def load(code: str = "eng") -> LanguageTable:
    """The table for an ISO 639-2 code (``eng``, ``fra`` ...)."""
    path = DATA_DIR / f"{code}.json"
    if not path.exists():
        raise KeyError(f"no language table for {code!r}")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return LanguageTable(code=raw["language"], bcp47=raw["bcp47"], raw=raw)


@lru_cache(maxsize=None)
def _months(t: LanguageTable) -> dict[str, int]:
    return {name.lower(): i + 1 for i, name in enumerate(t["months"])}


@lru_cache(maxsize=None)
def _first_words(t: LanguageTable) -> frozenset[str]:
    return frozenset(p.split(" ", 1)[0] for key in ("preambular_phrases", "operative_phrases") for p in t[key])


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
    return pattern.replace("{months}", "(?:%s)" % _alternation(t["months"]))


@lru_cache(maxsize=None)
def _regex(t: LanguageTable, key: str) -> re.Pattern:
    return re.compile(_expand(t, _lookup(t, key)))


def _alternation(items) -> str:
    return "|".join(re.escape(p) for p in sorted(set(items), key=len, reverse=True))


@lru_cache(maxsize=None)
def _phrase_re(t: LanguageTable, key: str, modifiers: bool) -> re.Pattern:
    """Longest known phrase at the start of a paragraph, then (preamble) any modifiers.

    "Stressing, however," and "Recalling further" are a known lead plus modifiers; a generic
    capitalised participle ("Guided by") is recognised by the recogniser itself, not here.
    """
    mods = ""
    if modifiers:
        mods = r"(?:(?:,\s+(?:however|moreover|furthermore|nevertheless|in this regard),)|(?:\s+(?:%s)\b))*" % _alternation(t["preambular_modifiers"])
    return re.compile(r"(?P<phrase>(?:%s)\b%s)" % (_alternation(t[key]), mods))


@lru_cache(maxsize=None)
def _formula_re(t: LanguageTable) -> re.Pattern:
    formulas = [f for organ in t["organs"].values() for f in organ["formula"]]
    return re.compile(r"^(?P<formula>(?:%s))(?P<end>,|\s*$)" % _alternation(formulas))


def organ_for_name(t: LanguageTable, name: str) -> str | None:
    """The FRBR actor (``unga``) for an organ's name as printed."""
    for actor, organ in t["organs"].items():
        if any(name.strip().lower() == n.lower() for n in organ["names"]):
            return actor
    return None

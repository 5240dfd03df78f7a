"""Which language a resolution's text is in, from its script and the language tables' own words.

Arabic, Chinese and Russian are told apart by their scripts. Texts in Latin script (English,
French, Spanish) are scored by the words each table knows: month names, organ names, modifiers,
resolution words and the first words of the preambular and operative phrases. No word lists of
its own: a new table is a new candidate.
"""
from __future__ import annotations

import re
from functools import lru_cache

from converter import DATA_DIR
from converter import lang as languages

#: The table a script stands for when it dominates the text.
SCRIPTS = {"ara": re.compile(r"[\u0600-\u06ff\u0750-\u077f]+"),
           "rus": re.compile(r"[\u0400-\u04ff]+"),
           "zho": re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")}  # one token per character
#: A character of any of those scripts: a text without one scores none (one scan instead of three).
ANY_SCRIPT_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u0400-\u04ff\u3400-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f’']+")
DEFAULT = "eng"


@lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """The languages there are tables for (read once: the tables ship with the package)."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.json")))


@lru_cache(maxsize=None)
def _vocabulary(code: str) -> frozenset[str]:
    """Lower-cased words the table ``code`` uses, three letters or more."""
    t = languages.load(code)
    words: set[str] = set()
    texts = list(t["months"]) + list(t.get("resolution_words", [])) + list(t["preambular_modifiers"])
    texts += [n for organ in t["organs"].values() for n in organ["names"] + organ["formula"]]
    texts += list(t["committees"])
    texts += [p.split(" ", 1)[0] for key in ("preambular_phrases", "operative_phrases") for p in languages.phrase_list(t, key)]
    for s in texts:
        words.update(w.lower() for w in LATIN_RE.findall(s) if len(w) >= 3)
    return frozenset(words)


def _latin_tables() -> list[str]:
    return [c for c in available() if c not in SCRIPTS]


def scores(text: str, sample: int = 6000) -> dict[str, float]:
    """Evidence per language: script tokens for non-Latin scripts, known words for Latin ones."""
    s = text[:sample]
    other = ANY_SCRIPT_RE.search(s) is not None
    out: dict[str, float] = {code: float(len(rx.findall(s)) if other else 0) for code, rx in SCRIPTS.items()}
    latin = [w.lower() for w in LATIN_RE.findall(s)]
    out["_latin"] = float(len(latin))
    for code in _latin_tables():
        vocab = _vocabulary(code)
        out[code] = float(sum(map(vocab.__contains__, latin)))
    return out


def detect(text: str | bytes) -> str:
    """The ISO 639-2 code of the table that fits ``text`` best (``eng`` when nothing speaks)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    sc = scores(text)
    codes = set(available())
    # a non-Latin script wins when it has more tokens than the Latin words (one CJK character
    # counts as one token: a mixed English-Chinese page is read as Chinese)
    script = max((c for c in SCRIPTS if c in codes), key=lambda c: sc[c], default=None)
    if script is not None and sc[script] > 0 and sc[script] >= sc["_latin"] * 0.5:
        return script
    latin = [c for c in _latin_tables() if c in codes]
    best = max(latin, key=lambda c: (sc[c], c == DEFAULT), default=DEFAULT)
    return best if sc.get(best, 0) > 0 else DEFAULT

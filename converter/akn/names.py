"""Names in one place: FRBR IRIs (AKN4UN as the UN's files write them) and eIds (AKN naming)."""
from __future__ import annotations

import re
from dataclasses import dataclass

#: How each organ's resolutions are numbered in a FRBR work IRI.
ORGAN_TLC = {
    "unga": ("ga", "generalAssembly", "General Assembly"),
    "unsc": ("sc", "securityCouncil", "Security Council"),
    "unhrc": ("hrc", "humanRightsCouncil", "Human Rights Council"),
    "unecosoc": ("ecosoc", "economicAndSocialCouncil", "Economic and Social Council"),
}


@dataclass(frozen=True)
class FRBRNames:
    work: str
    expression: str
    manifestation: str

    @property
    def work_this(self) -> str:
        return self.work + "!main/"

    @property
    def expression_this(self) -> str:
        return self.expression + "!main/"

    @property
    def manifestation_this(self) -> str:
        return self.expression + "!main.xml"


def frbr_names(actor: str, date: str, number: str, lang: str, kind: str = "resolution") -> FRBRNames:
    """``/akn/un/statement/deliberation/unga/2013-12-20/68-198/`` and its expression and manifestation."""
    doc_type = "deliberation"
    work = f"/akn/un/statement/{doc_type}/{actor}/{date}/{safe_number(number)}/"
    expression = f"{work}{lang}@/"
    return FRBRNames(work, expression, f"{work}{lang}@.xml")


def safe_number(number: str) -> str:
    """A number as an IRI segment: ``68/198`` → ``68-198``, ``242 (1967)`` → ``242-1967``."""
    s = re.sub(r"[()\s]+", "-", number.strip())
    s = re.sub(r"[^A-Za-z0-9.-]+", "-", s)
    return re.sub(r"-{2,}", "-", s).strip("-") or "0"


def num_id(num: str | None) -> str:
    """The eId fragment of a num: ``12.`` → ``12``, ``(a)`` → ``a``, ``II.`` → ``II``."""
    s = re.sub(r"[^A-Za-z0-9]+", "", num or "")
    return s or "x"


#: eId prefixes of the hierarchical divisions, by the AKN naming convention.
DIVISION_PREFIX = {"article": "art", "rule": "rule", "chapter": "chp", "part": "part"}


def division_num(num: str | None) -> str | None:
    """The number part of a division's num: "Article 12" → "12", "CHAPTER XI." → "XI", "第5条" → "5"."""
    m = re.search(r"(\d+|\b[IVXLC]+\b)(?!.*(?:\d|\b[IVXLC]+\b))", num or "")
    return m.group(1) if m else None


class EIds:
    """Hands out eIds by the AKN naming convention (``para_11__list_1__point_a``), never twice."""

    def __init__(self, prefix: str | None = None):
        self.used: set[str] = set()
        self.counters: dict[tuple[str, str], int] = {}
        #: the last "-N" given to an eId asked for again (a text numbering 5,000 paragraphs "8.")
        self.repeats: dict[str, int] = {}
        #: a component of a collection: its eIds start with the component's ("comp_1__para_3"), as
        #: the schema wants them unique in the whole collection
        self.prefix = prefix + "__" if prefix else ""

    def make(self, parent: str | None, name: str, num: str | None = None) -> str:
        if num is not None and not re.search(r"[^\W_]", num):
            num = None  # a dash or a bullet: counted, not named
        if num is None:
            key = (parent or "", name)
            self.counters[key] = self.counters.get(key, 0) + 1
            local = f"{name}_{self.counters[key]}"
        else:
            local = f"{name}_{num_id(num)}"
        eid = f"{parent}__{local}" if parent else local
        if self.prefix and not eid.startswith(self.prefix):
            eid = self.prefix + eid
        base, i = eid, self.repeats.get(eid, 1)
        while eid in self.used:
            i += 1
            eid = f"{base}-{i}"
        if i > 1:
            self.repeats[base] = i
        self.used.add(eid)
        return eid

"""The project's own profile for UN resolutions: ISO Schematron (schemas/un-resolution.sch)."""
from __future__ import annotations

from functools import lru_cache

from lxml import etree, isoschematron

from converter import AKN_NS, SCHEMAS_DIR

PROFILE = SCHEMAS_DIR / "un-resolution.sch"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@lru_cache(maxsize=1)
def profile() -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(PROFILE)), store_report=True)


def profile_failures(tree) -> list[tuple[str, str]]:
    """(XPath location, message) for every failed rule; empty when the document conforms."""
    sch = profile()
    failures = []
    if not sch.validate(tree):
        failures = [(fail.get("location") or "", " ".join("".join(fail.itertext()).split()))
                    for fail in sch.validation_report.xpath("//svrl:failed-assert", namespaces=SVRL)]
    return failures + numbering_failures(tree)


#: Misnumbered paragraphs reported per document (the first ones; a conversion fails on one).
MAX_NUMBERING_FAILURES = 100


def numbering_failures(tree) -> list[tuple[str, str]]:
    """Operative paragraphs numbered 1, 2, 3 … in each body, in one pass (see the .sch).

    Declared irregularities pass: ``numberLost`` (no number printed) and ``numberMisread``
    (printed otherwise) count as the next number; ``numberGap`` continues from its own, higher,
    number. A numbered section may start again at 1."""
    out = []
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    for body in root.iter(f"{{{AKN_NS}}}mainBody"):
        n = 0
        for para, opens in _top_paragraphs(body):
            num = para.find(f"{{{AKN_NS}}}num")
            mark = para.get("class")
            if num is None and mark != "numberLost":
                continue
            if num is None or mark == "numberMisread":
                n += 1
                continue
            printed = " ".join("".join(num.itertext()).split())
            digits = printed.replace(".", "").replace(",", "")
            value = int(digits) if digits.isdigit() else None
            if opens and value == 1:
                n = 0
            if mark == "numberGap" and value is not None and value > n + 1:
                n = value
                continue
            n += 1
            if value != n and len(out) < MAX_NUMBERING_FAILURES:
                # (capped: each location costs a walk over the preceding paragraphs)
                out.append((_path(para), f'operative paragraph numbered "{printed}" should be {n}.'))
    return out


def _path(el) -> str:
    """An XPath to ``el`` that reads well and evaluates: /*[local-name()='statement'][1]/…"""
    steps = []
    while el is not None:
        parent = el.getparent()
        name = etree.QName(el).localname
        index = 1 if parent is None else 1 + sum(
            1 for sib in el.itersiblings(preceding=True) if isinstance(sib.tag, str) and etree.QName(sib).localname == name)
        steps.append(f"*[local-name()='{name}' and namespace-uri()='{AKN_NS}'][{index}]")
        el = parent
    return "/" + "/".join(reversed(steps))


def _top_paragraphs(el, opens: bool = False):
    """Paragraphs under ``el`` in document order, not looking inside a paragraph, each with whether
    it is the first numbered paragraph of a numbered section (or article, rule …)."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == f"{{{AKN_NS}}}paragraph":
            yield child, opens
            if child.get("class") == "numberLost" or child.find(f"{{{AKN_NS}}}num") is not None:
                opens = False
        else:
            numbered = child.find(f"{{{AKN_NS}}}num") is not None  # a numbered section, article, rule …
            for found in _top_paragraphs(child, numbered):
                yield found
                opens = False


def profile_errors(tree) -> list[str]:
    """Messages for every failed assertion of the profile; empty when the document conforms."""
    return [f"{_short(location)}: {text}" for location, text in profile_failures(tree)]


def _short(location: str | None) -> str:
    """``/*[local-name()='akomaNtoso' and …]/*[local-name()='statement' …][2]`` (Schematron) or
    ``/*/*[2]/*[5]`` (lxml) → ``/akomaNtoso/statement/mainBody/paragraph[5]``-like paths."""
    import re
    location = re.sub(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]", r"\1", location or "")
    return re.sub(r"\{[^}]*\}", "", location)

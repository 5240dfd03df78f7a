"""The project's own profile for UN resolutions: ISO Schematron (schemas/un-resolution.sch).

The .sch file is the profile's definition (any Schematron processor can run it). Conversions check
it with :func:`rule_failures`, the same rules in Python (compiled XPath selections, then the few
elements each rule is about): the compiled Schematron XSLT took ~2 ms a document, this ~0.25 ms.
The two give identical failures, order, locations and messages (tests/test_profile.py compares
them on randomly broken documents); :func:`schematron_failures` runs the .sch itself.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lxml import etree, isoschematron

from converter import AKN_NS, SCHEMAS_DIR, lang

PROFILE = SCHEMAS_DIR / "un-resolution.sch"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@lru_cache(maxsize=1)
def profile() -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(PROFILE)), store_report=True)


def profile_failures(tree) -> list[tuple[str, str]]:
    """(XPath location, message) for every failed rule; empty when the document conforms."""
    return rule_failures(tree) + numbering_failures(tree)


def schematron_failures(tree) -> list[tuple[str, str]]:
    """The failed assertions of schemas/un-resolution.sch run by lxml's Schematron (XSLT)."""
    sch = profile()
    if sch.validate(tree):
        return []
    return [(fail.get("location") or "", " ".join("".join(fail.itertext()).split()))
            for fail in sch.validation_report.xpath("//svrl:failed-assert", namespaces=SVRL)]


A = f"{{{AKN_NS}}}"
_NS = {"a": AKN_NS}
_EID_VALUES = etree.XPath("descendant-or-self::*/@eId", smart_strings=False)
_WITH_EID = etree.XPath("descendant-or-self::*[@eId]")
_NOTES_WITH_EID = etree.XPath("descendant-or-self::a:authorialNote[@eId]", namespaces=_NS)
_REFERRING = etree.XPath("descendant-or-self::*[@refersTo or @source or @href]")
#: The elements the "references" pattern checks the href of (when they have no refersTo or source).
_HREF_TAGS = {A + name for name in ("FRBRauthor", "noteRef", "ref", "a")}
_NOTE_REFS = etree.XPath("descendant-or-self::a:noteRef", namespaces=_NS)
_STATEMENTS = etree.XPath("descendant-or-self::a:statement", namespaces=_NS)
_IDENTIFICATIONS = etree.XPath("descendant-or-self::a:identification", namespaces=_NS)


def _values(el, attr: str, *path: str) -> list[str]:
    """XPath ``a:p1/a:p2/@attr`` from ``el``: the attribute values, in document order."""
    return [v for v in (n.get(attr) for n in _children(el, *path)) if v is not None]


def _first(values: list[str]) -> str:
    """XPath's string() of a node-set: the first node's value, or ""."""
    return values[0] if values else ""


def rule_failures(tree) -> list[tuple[str, str]]:
    """The assertions of schemas/un-resolution.sch: (location, message) in the order
    Schematron reports them (pattern by pattern, each in document order; a pattern's first
    matching rule fires for a node)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    patterns: tuple[list, list, list, list, list] = ([], [], [], [], [])
    document, frbr, references, notes, eids = patterns
    # (each rule's nodes found by a compiled XPath, in document order: libxml2 walks the tree, and
    # Python looks only at the few elements a rule is about)
    eid_count = Counter(_EID_VALUES(root))
    note_markers: dict[str, list[str | None]] = {}
    for note in _NOTES_WITH_EID(root):
        note_markers.setdefault(note.get("eId"), []).append(note.get("marker"))
    with_ref = []
    # (one path, not a union of one per element name: libxml2 merges a union's node-sets in
    # quadratic time: 8 s for a text with 20,000 note references; an element with none of the
    # three attributes can fail no rule of the pattern)
    for el in _REFERRING(root):
        for attr in ("refersTo", "source"):  # pattern "references": the first matching rule
            value = el.get(attr)
            if value is not None:
                with_ref.append((el, attr, value))
                break
        else:
            if el.tag in _HREF_TAGS:
                with_ref.append((el, "href", el.get("href") or ""))
    statement, collection = A + "statement", A + "documentCollection"
    if root.tag == A + "akomaNtoso":
        if not any(c.tag == statement and c.get("name") in ("resolution", "decision")
                   or c.tag == collection and c.get("name") == "publication" for c in root):
            document.append((root, 'the document is a statement named "resolution" or "decision" '
                                   '(or a publication of parts)'))
    for el in _STATEMENTS(root):
        if next(el.iterdescendants(A + "docNumber"), None) is None \
                and not _children(el, "meta", "identification", "FRBRWork", "FRBRnumber"):
            document.append((el, "the resolution has a docNumber (its number or symbol)"))
        if (next(el.iterdescendants(A + "docDate"), None) is None
                and not any(next(c.iterdescendants(A + "date"), None) is not None
                            for c in el.iterchildren(A + "conclusions"))
                and not any(d.get("name") in ("adoption", "adoptionYear") and d.get("date") not in (None, "9999-01-01")
                            for w in _children(el, "meta", "identification", "FRBRWork")
                            for d in w.iterchildren(A + "FRBRdate"))):
            document.append((el, "the resolution has a date of adoption (docDate)"))
    for el in _IDENTIFICATIONS(root):
        frbr.extend((el, m) for m in _frbr_failures(el))
    note_refs = _NOTE_REFS(root)
    with_eid = _WITH_EID(root) if len(eid_count) < sum(eid_count.values()) else []  # duplicates only
    for el, attr, value in with_ref:
        if value.startswith("#") and value[1:] not in eid_count:
            what = {"refersTo": "an element or TLC", "source": "a TLC", "href": "an element"}[attr]
            references.append((el, f'{attr}="{value}" resolves to {what} in the document'))
    for el in note_refs:
        href = el.get("href") or ""
        markers = note_markers.get(href.partition("#")[2], [])
        marker = el.get("marker")
        if not markers:
            notes.append((el, f'noteRef "{marker or ""}" points at an authorialNote'))
        if marker is None or marker not in markers:
            notes.append((el, f'noteRef "{marker or ""}" has the marker of the note it points at'))
    for el in with_eid:
        if eid_count[el.get("eId")] != 1:
            eids.append((el, f'eId "{el.get("eId")}" is unique'))
    return [(_sch_path(el, root), " ".join(message.split())) for found in patterns for el, message in found]


def _children(el, *path: str) -> list:
    """XPath ``a:p1/a:p2`` from ``el``, in document order."""
    nodes = [el]
    for step in path:
        nodes = [c for n in nodes for c in n.iterchildren(A + step)]
    return nodes


def _frbr_failures(ident) -> list[str]:
    """The asserts of the "frbr" pattern on one identification block."""
    work_v = _values(ident, "value", "FRBRWork", "FRBRuri")
    expr_v = _values(ident, "value", "FRBRExpression", "FRBRuri")
    man_v = _values(ident, "value", "FRBRManifestation", "FRBRuri")
    work, expr, lang = _first(work_v), _first(expr_v), _first(_values(ident, "language", "FRBRExpression", "FRBRlanguage"))
    out = []
    if not work.startswith("/akn/un/"):
        out.append(f"the work IRI is an AKN4UN IRI (/akn/un/\u2026): {work}")
    if work + lang + "@/" not in expr_v:
        out.append(f'the expression IRI is the work IRI plus "{lang}@/": {expr}')
    if work + lang + "@.xml" not in man_v:
        out.append(f'the manifestation IRI is the work IRI plus "{lang}@.xml": {_first(man_v)}')
    if not _first(_values(ident, "value", "FRBRWork", "FRBRthis")).startswith(work):
        out.append("the work's FRBRthis starts with its FRBRuri")
    if not _first(_values(ident, "value", "FRBRExpression", "FRBRthis")).startswith(expr):
        out.append("the expression's FRBRthis starts with its FRBRuri")
    if not _first(_values(ident, "value", "FRBRManifestation", "FRBRthis")).startswith(expr):
        out.append("the manifestation's FRBRthis starts with the expression IRI")
    adoption = [d for d in _children(ident, "FRBRWork", "FRBRdate") if d.get("name") == "adoption"]
    if adoption and f"/{_first([v for v in (d.get('date') for d in adoption) if v is not None])}/" not in work:
        out.append("the work IRI carries the adoption date")
    year = [d for d in _children(ident, "FRBRWork", "FRBRdate") if d.get("name") == "adoptionYear"]
    if year and f"/{_first([v for v in (d.get('date') for d in year) if v is not None])[:4]}/" not in work:
        out.append("the work IRI carries the year of adoption")
    return out


def _sch_path(el, root) -> str:
    """The location Schematron's skeleton writes (mode schematron-get-full-path): a step per
    element, ``*[local-name()='x' and namespace-uri()='…']`` (or the name when it has no
    namespace), with ``[n]`` when it has siblings of the same name."""
    steps = []
    while True:
        ns = etree.QName(el).namespace
        if ns is None:
            key, step = _name, _name(el)
        else:
            key = _local
            step = f"*[local-name()='{_local(el)}' and namespace-uri()='{ns}']"
        if el is not root:
            k = key(el)
            before = sum(1 for sib in el.itersiblings(etree.Element, preceding=True) if key(sib) == k)
            if before or any(key(sib) == k for sib in el.itersiblings(etree.Element)):
                step += f"[{before + 1}]"
        steps.append(step)
        if el is root:
            return "/" + "/".join(reversed(steps))
        el = el.getparent()


def _local(el) -> str:
    return etree.QName(el).localname


def _name(el) -> str:
    q = etree.QName(el)
    return f"{el.prefix}:{q.localname}" if el.prefix else q.localname


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
            digits = printed.replace(".", "").replace(",", "").rstrip(" -–")  # (Arabic "12 -")
            value = int(digits) if digits.isdigit() else _numerals_value(printed, root)
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


def _numerals_value(printed: str, root) -> int | None:
    """A number printed in the document language's own numerals ("二." in Chinese)."""
    code = next((e.get("language") for e in root.iter(f"{{{AKN_NS}}}FRBRlanguage")), None) or ""
    if not re.fullmatch(r"[a-z]{3}", code):  # (the file is untrusted: a code, never a path)
        return None
    try:
        table = lang.load(code)
    except KeyError:
        return None
    return lang.number_value(printed.strip(" .,．、-–"), table)


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

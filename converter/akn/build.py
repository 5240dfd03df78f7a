"""The document model to Akoma Ntoso 3.0 XML (AKN4UN ``statement``), with lxml.

Markup follows the UN's own published files: coverPage, preface, preamble (formula, containers),
mainBody (paragraph, list/intro/point, section), conclusions, attachments. Names come from
:mod:`converter.akn.names`; every ``refersTo`` and ``source`` used gets its TLC in
``meta/references``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from lxml import etree

from converter import AKN_NS, __version__
from converter.akn.names import DIVISION_PREFIX, EIds, ORGAN_TLC, division_num, frbr_names
from converter.limits import check
from converter.parse.model import Annex, Block, Document, Span, Text

A = "{%s}" % AKN_NS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: vote span names -> the TLC of the voters' position (as the UN files name them)
COUNT_ROLES = {"for": "inFavour", "against": "against", "abstaining": "abstaining"}

#: TLCs this builder may refer to: eId -> (element, href, showAs)
TLC = {
    "inFavour": ("TLCConcept", "/akn/ontology/concept/un/voting/inFavour", "In favour"),
    "against": ("TLCConcept", "/akn/ontology/concept/un/voting/against", "Against"),
    "abstaining": ("TLCConcept", "/akn/ontology/concept/un/voting/abstaining", "Abstaining"),
    "unakn": ("TLCOrganization", "/akn/ontology/organization/unakn", "unakn converter " + __version__),
    "un": ("TLCOrganization", "/akn/ontology/organization/un", "United Nations"),
    "author": ("TLCRole", "/akn/ontology/role/un/author", "Author"),
    "issuingBody": ("TLCRole", "/akn/ontology/role/un/issuingBody", "Issuing body"),
    "publisher": ("TLCRole", "/akn/ontology/role/un/publisher", "Publisher"),
    "symbol": ("TLCConcept", "/akn/ontology/reference/un/symbol", "Symbol"),
    "generalDistribution": ("TLCConcept", "/akn/ontology/concept/un/generalDistribution", "General distribution"),
    "dateOfIssuance": ("TLCConcept", "/akn/ontology/concept/un/dateOfIssuance", "Date of issuance"),
    "dateOfAdoption": ("TLCConcept", "/akn/ontology/concept/un/dateOfAdoption", "Date of adoption"),
    "resolutionTitle": ("TLCTerm", "/akn/ontology/reference/un/resolutionTitle", "Resolution title"),
    "adoption": ("TLCEvent", "/akn/ontology/event/un/adoption", "Adoption"),
    "adoptionMeeting": ("TLCLocation", "/akn/ontology/location/un/adoptionMeeting", "Meeting of adoption"),
}


class Builder:
    def __init__(self, doc: Document, markup_date: str | None = None, lines: dict[str, int] | None = None,
                 table=None):
        self.doc = doc
        self.table = table
        #: how the language's files mark a paragraph's opening phrase: italic, bold (Chinese), or
        #: not at all (Arabic: "" in the table)
        self.phrase_class = table["phrase_class"] if table is not None and table.has("phrase_class") else "italic"
        #: eId -> first source line, so that a check failing on an element can name its line
        self.lines = lines if lines is not None else {}
        self.markup_date = markup_date
        self.ids = EIds()
        self.tlcs: dict[str, tuple[str, str, str]] = {}
        self.note_ids: dict[str, str] = {}

    def _line(self, eid: str, b: Block) -> None:
        t = b.text or b.heading
        if t is not None and t.lines:
            self.lines[eid] = t.lines[0]

    # -- references --------------------------------------------------------------------------
    def ref(self, eid: str, tlc: tuple[str, str, str] | None = None) -> str:
        self.tlcs.setdefault(eid, tlc or TLC[eid])
        return "#" + eid

    def organ_ref(self) -> str:
        eid, key, name = ORGAN_TLC.get(self.doc.organ or "", ("un", "unitedNations", "United Nations"))
        return self.ref(eid, ("TLCOrganization", f"/akn/ontology/organization/un/{key}", name))

    # -- document ------------------------------------------------------------------------------
    def build(self) -> etree._Element:
        root = etree.Element(A + "akomaNtoso", nsmap={None: AKN_NS})
        if self.doc.parts:
            self.collection(root)
        else:
            self.statement(root)
        return root

    def collection(self, root: etree._Element) -> None:
        """A resolution adopted in parts (A, B …): as the UN files model it, a documentCollection
        "publication" with the common cover and preface, and each part a component statement."""
        doc = self.doc
        coll = etree.SubElement(root, A + "documentCollection", name="publication")
        meta = etree.SubElement(coll, A + "meta")
        self.cover(coll)
        self.preface(coll)
        body = etree.SubElement(coll, A + "collectionBody")
        comps = etree.SubElement(root, A + "components")  # beside the collection, as in the UN's files
        for i, part in enumerate(doc.parts):
            label = part.doc_number.value if part.doc_number is not None else str(i + 1)
            ref = etree.SubElement(etree.SubElement(body, A + "component", eId=f"comp_def_{i}"), A + "documentRef",
                                   eId=f"compRef_{i}", href=f"#comp_{i}")
            ref.set("showAs", f"{doc.kind.capitalize()} {label}")
            comp = etree.SubElement(comps, A + "component", eId=f"comp_{i}")
            sub = Builder(part, self.markup_date, self.lines, self.table)
            sub.tlcs = self.tlcs  # one references block, in the collection's meta
            sub.ids = EIds(prefix=f"comp_{i}")
            sub.statement(comp, references=False)
        self.meta(meta)

    def statement(self, parent: etree._Element, references: bool = True) -> None:
        doc = self.doc
        st = etree.SubElement(parent, A + "statement", name=doc.kind)
        meta = etree.SubElement(st, A + "meta")
        self.cover(st)
        self.preface(st)
        if doc.formula is not None or doc.preamble:
            self.preamble(st)
        body = etree.SubElement(st, A + "mainBody")
        self.blocks(body, doc.body, None)
        if not len(body):
            # AKN requires a body; a resolution with no operative part (a text cut short) keeps an
            # empty container, not a paragraph the document does not have
            box = etree.SubElement(body, A + "hcontainer", name="noOperativePart", eId=self.ids.make(None, "hcontainer"))
            etree.SubElement(etree.SubElement(box, A + "content"), A + "p")
        if doc.conclusions:
            self.conclusions(st)
        if doc.annexes:
            self.attachments(st)
        self.meta(meta, references)

    def meta(self, meta: etree._Element, references: bool = True) -> None:
        """identification, workflow, analysis and (for the whole document) the TLCs referred to."""
        doc = self.doc
        names = self.names()
        ident = etree.SubElement(meta, A + "identification", source=self.ref("unakn"))
        work = etree.SubElement(ident, A + "FRBRWork")
        etree.SubElement(work, A + "FRBRthis", value=names.work_this)
        etree.SubElement(work, A + "FRBRuri", value=names.work)
        etree.SubElement(work, A + "FRBRdate", date=self.work_date(), name=self.work_date_name())
        etree.SubElement(work, A + "FRBRauthor", href=self.organ_ref(), **{"as": self.ref("author")})
        etree.SubElement(work, A + "FRBRcountry", value="un")
        if doc.symbol:
            etree.SubElement(work, A + "FRBRnumber", value=doc.symbol)
        expr = etree.SubElement(ident, A + "FRBRExpression")
        etree.SubElement(expr, A + "FRBRthis", value=names.expression_this)
        etree.SubElement(expr, A + "FRBRuri", value=names.expression)
        pub = doc.masthead.distribution_date
        etree.SubElement(expr, A + "FRBRdate", date=pub or self.work_date(),
                         name="publication" if pub else self.work_date_name())
        etree.SubElement(expr, A + "FRBRauthor", href=self.organ_ref(), **{"as": self.ref("author")})
        etree.SubElement(expr, A + "FRBRlanguage", language=doc.lang)
        man = etree.SubElement(ident, A + "FRBRManifestation")
        etree.SubElement(man, A + "FRBRthis", value=names.manifestation_this)
        etree.SubElement(man, A + "FRBRuri", value=names.manifestation)
        etree.SubElement(man, A + "FRBRdate", date=self.markup_date or pub or self.work_date(),
                         name="markup" if self.markup_date else ("publication" if pub else self.work_date_name()))
        etree.SubElement(man, A + "FRBRauthor", href=self.ref("unakn"), **{"as": self.ref("publisher")})
        if doc.adoption_date:
            wf = etree.SubElement(meta, A + "workflow", source=self.ref("unakn"))
            etree.SubElement(wf, A + "step", date=doc.adoption_date, by=self.organ_ref(),
                             refersTo=self.ref("adoption"))
        self.analysis(meta)
        if not references:
            return  # a component's TLCs are in the collection's meta
        refs = etree.SubElement(meta, A + "references", source=self.ref("unakn"))
        order = {"TLCOrganization": 0, "TLCPerson": 1, "TLCRole": 2, "TLCConcept": 3, "TLCEvent": 4,
                 "TLCLocation": 5, "TLCTerm": 6}
        for eid, (tag, href, show) in sorted(self.tlcs.items(), key=lambda kv: (order.get(kv[1][0], 9), kv[0])):
            etree.SubElement(refs, A + tag, eId=eid, href=href, showAs=show)

    def analysis(self, meta: etree._Element) -> None:
        """How the text says the resolution was adopted, as the UN files record it: the outcome
        ("adoptedWithoutVote", "adoptedByVote"…) and the counts in favour, against, abstaining."""
        table = self.table
        if table is None or not table.has("vote_outcomes"):
            return
        texts = list(self.doc.conclusions) + [t for _, t in self.doc.cover]
        outcome = None
        for name, pattern in table["vote_outcomes"].items():
            if any(re.search(pattern, t.value) for t in texts):
                outcome = name
                break
        counts = []
        for t in self.doc.conclusions:
            for s in t.spans:
                if s.kind == "vote" and s.attrs.get("name") in COUNT_ROLES:
                    word = t.value[s.start:s.end]
                    value = int(word) if word.isdigit() else table.get("count_words", {}).get(word.lower())
                    if value is not None:
                        counts.append((s.attrs["name"], value))
        if outcome is None and not counts:
            return
        analysis = etree.SubElement(meta, A + "analysis", source=self.ref("unakn"))
        voting = etree.SubElement(etree.SubElement(analysis, A + "parliamentary"), A + "voting",
                                  outcome=outcome or "adoptedByVote")
        for role, value in counts:
            etree.SubElement(voting, A + "count", value=str(value), refersTo=self.ref(COUNT_ROLES[role]))
        if not counts:
            etree.SubElement(voting, A + "quorum", value="")  # as the UN's files write it

    def work_date(self) -> str:
        """The adoption date; with only a year known, its first day (FRBRdate says "adoptionYear")."""
        if self.doc.adoption_date:
            return self.doc.adoption_date
        return f"{self.doc.adoption_year}-01-01" if self.doc.adoption_year else "9999-01-01"

    def work_date_name(self) -> str:
        return "adoptionYear" if self.doc.adoption_date is None and self.doc.adoption_year else "adoption"

    def names(self):
        doc = self.doc
        number = doc.number or "0"
        date = doc.adoption_date or doc.adoption_year or self.work_date()  # the IRI with the year alone
        return frbr_names(doc.organ or "un", date, number, doc.lang, doc.kind)

    # -- cover page and preface ----------------------------------------------------------------
    def cover(self, st: etree._Element) -> None:
        """The cover page, its lines in source order: masthead, number, adoption line, committee."""
        doc = self.doc
        after = {id(t) for _, t in self._cover_after_number()}
        lines = sorted([rt for rt in doc.cover if id(rt[1]) not in after]
                       + [("masthead", t) for t in self._extra_before_number()],
                       key=lambda rt: rt[1].lines[0] if rt[1].lines else 0)
        if not lines:
            return
        cover = etree.SubElement(st, A + "coverPage")
        for role, t in lines:
            self._cover_line(etree.SubElement(cover, A + "p"), role, t)

    def _cover_line(self, p: etree._Element, role: str, t: Text) -> None:
        """One line of the cover page (or of the preface, below a number printed above it)."""
        if role == "masthead":
            self.inline(p, t, None)
        elif role == "number":
            whole = not any(s.kind == "number" for s in t.spans)
            title = etree.SubElement(p, A + "docTitle")
            self.inline(etree.SubElement(title, A + "docNumber") if whole else title, t, None)
        elif role == "adoption":
            self.inline(etree.SubElement(p, A + "docTitle"), t, None)
        elif role == "proponent":
            prop = etree.SubElement(p, A + "docProponent")
            committee = next((s for s in t.spans if s.kind == "committee"), None)
            if committee:
                name = " ".join(committee.attrs["name"].split())
                eid = committee.attrs.get("id") or "".join(  # (a committee the table does not know)
                    w.capitalize() if i else w.lower() for i, w in enumerate(name.replace("(", " ").replace(")", " ").split()))
                tag = committee.attrs.get("tlc", "TLCOrganization")
                kind = "concept" if tag == "TLCConcept" else "organization"
                prop.set("refersTo", self.ref(eid, (tag, f"/akn/ontology/{kind}/un/{eid}", name)))
            self.inline(prop, t, None)

    def _cover_after_number(self) -> list[tuple[str, Text]]:
        """Cover lines printed below a number that stands in the preface ("Резолюция 68/262, …"
        then "[без передачи в главные комитеты …]"): they follow it there, in source order."""
        first = self._preface_number_line()
        if first is None:
            return []
        return [(role, t) for role, t in self.doc.cover if role != "masthead" and t.lines and t.lines[0] > first]

    def _preface_number_line(self) -> int | None:
        """The source line of a number printed in the preface (not a cover-page line), or None."""
        number = self.doc.doc_number
        if number is None or not number.lines or any(t is number for _, t in self.doc.cover):
            return None
        return number.lines[0]

    def _extra_before_number(self) -> list[Text]:
        """Cover lines no recogniser named that stand above the number line (in the cover page,
        where they were printed); the others follow the title in the preface. With no number
        printed, those above the last cover line the converter knows (a site's menu above a dated
        heading)."""
        doc = self.doc
        if doc.doc_number is None:
            first = max((t.lines[-1] for _, t in doc.cover if t.lines), default=None)
        else:
            first = self._preface_number_line()
        if first is None:
            return []
        return [t for t in doc.extra_cover if t.lines and t.lines[0] < first]

    def preface(self, st: etree._Element) -> None:
        doc = self.doc
        in_cover = any(t is doc.doc_number for _, t in doc.cover)
        above = {id(t) for t in self._extra_before_number()}
        extra = [("masthead", t) for t in doc.extra_cover if id(t) not in above] + self._cover_after_number()
        extra.sort(key=lambda rt: rt[1].lines[0] if rt[1].lines else 0)
        if (doc.doc_number is None or in_cover) and doc.title is None and not extra:
            return
        preface = etree.SubElement(st, A + "preface")
        p = etree.SubElement(preface, A + "p")
        if doc.doc_number is not None and not in_cover:
            self.inline(etree.SubElement(p, A + "docNumber"), doc.doc_number, None)
        if doc.title is not None:
            _append(p, " ")
            title = etree.SubElement(p, A + "docTitle", refersTo=self.ref("resolutionTitle"))
            self.inline(title, doc.title, None)
        for role, t in extra:
            self._cover_line(etree.SubElement(preface, A + "p"), role, t)

    # -- preamble --------------------------------------------------------------------------------
    def preamble(self, st: etree._Element) -> None:
        doc = self.doc
        pre = etree.SubElement(st, A + "preamble")
        if doc.formula is not None and not any(b.text is doc.formula for b in doc.preamble):
            eid = self.ids.make("preamble", "formula")
            f = etree.SubElement(pre, A + "formula", name="enactingFormula", eId=eid)
            t = doc.formula
            end = len(t.value.rstrip(FORMULA_END))
            if not any(s.kind == "phrase" for s in t.spans):
                t.spans.insert(0, Span(0, end, "phrase"))
            self.inline(etree.SubElement(f, A + "p"), t, eid)
        for block in doc.preamble:
            if block.kind == "text":  # "* * *" between groups of recitals
                self.inline(etree.SubElement(pre, A + "p"), block.text, None)
                continue
            if block.kind == "formula":
                eid = self.ids.make("preamble", "formula")
                f = etree.SubElement(pre, A + "formula", name=block.name or "connector", eId=eid)
                if block.name == "enactingFormula" and not any(s.kind == "phrase" for s in block.text.spans):
                    block.text.spans.insert(0, Span(0, len(block.text.value.rstrip(FORMULA_END)), "phrase"))
                self.inline(etree.SubElement(f, A + "p"), block.text, eid)
                continue
            eid = self.ids.make("preamble", "container")
            c = etree.SubElement(pre, A + "container", eId=eid, name=block.name or "paragraph")
            self._line(eid, block)
            self.inline(etree.SubElement(c, A + "p"), block.text, eid)
            if block.children:
                self.block_list(c, block.children, eid)

    def block_list(self, parent, items: list[Block], pid: str) -> None:
        bl = etree.SubElement(parent, A + "blockList", eId=self.ids.make(pid, "list"))
        for item in items:
            it = etree.SubElement(bl, A + "item", eId=self.ids.make(bl.get("eId"), "item", item.num))
            etree.SubElement(it, A + "num").text = item.num
            self.inline(etree.SubElement(it, A + "p"), item.text, it.get("eId"))
            if item.children:  # "(c) …" then "(i) …" among the recitals: a list in the item
                self.block_list(it, item.children, it.get("eId"))

    # -- body -------------------------------------------------------------------------------------
    def blocks(self, parent, blocks: list[Block], pid: str | None) -> None:
        for b in blocks:
            check(b.text.lines[0] if b.text is not None and b.text.lines else None)
            if b.kind == "text":
                self.inline(etree.SubElement(parent, A + "p"), b.text, pid)
            elif b.kind == "section":
                self.section(parent, b, pid)
            elif b.kind == "division":
                self.division(parent, b, pid)
            else:
                self.paragraph(parent, b, pid)

    def section(self, parent, b: Block, pid: str | None) -> None:
        eid = self.ids.make(pid, "sec", b.num)
        sec = etree.SubElement(parent, A + "section", eId=eid)
        self._line(eid, b)
        if b.num:
            etree.SubElement(sec, A + "num").text = b.num
        if b.heading is not None:
            self.inline(etree.SubElement(sec, A + "heading"), b.heading, eid)
        if not b.children:
            # a heading with nothing under it (the text went on elsewhere): keep it valid
            para = etree.SubElement(sec, A + "paragraph", eId=self.ids.make(eid, "para"))
            etree.SubElement(etree.SubElement(para, A + "content"), A + "p")
        self.blocks(sec, b.children, eid)

    def division(self, parent, b: Block, pid: str | None) -> None:
        """"Article 5", "Rule 41" …: AKN's own element for the division, num and heading as printed."""
        eid = self.ids.make(pid, DIVISION_PREFIX[b.name], division_num(b.num))
        el = etree.SubElement(parent, A + b.name, eId=eid)
        self._line(eid, b)
        self.inline(etree.SubElement(el, A + "num"), b.text, eid)
        if b.heading is not None:
            self.inline(etree.SubElement(el, A + "heading"), b.heading, eid)
        if not b.children:
            etree.SubElement(etree.SubElement(el, A + "content"), A + "p")
        self.blocks(el, b.children, eid)

    def paragraph(self, parent, b: Block, pid: str | None) -> None:
        name = b.name or ""
        lost = name[5:] if b.num is None and name.startswith("lost:") else None
        read = name[5:] if b.num is not None and name.startswith("read:") else None
        value = name[6:] if b.num is not None and name.startswith("value:") else None
        num = read or lost or value or b.num
        eid = self.ids.make(pid, "para", num) if num else self.ids.make(pid, "para")
        para = etree.SubElement(parent, A + "paragraph", eId=eid)
        self._line(eid, b)
        if lost:
            para.set("class", "numberLost")  # its number was not printed in the source
        elif read:
            para.set("class", "numberMisread")  # printed otherwise (OCR): it stands for number `read`
        elif name == "gap":
            para.set("class", "numberGap")  # the paragraphs numbered before it are not in the source
        if b.num:
            etree.SubElement(para, A + "num").text = b.num
        self.body_of(para, b, eid)

    def body_of(self, el, b: Block, eid: str) -> None:
        points = [c for c in b.children if c.kind == "point"]
        if not points:
            p = etree.SubElement(etree.SubElement(el, A + "content"), A + "p")
            self.inline(p, b.text, eid)
            if b.embedded is not None:
                sid = self.ids.make(eid, "embeddedStructure")
                self.blocks(etree.SubElement(p, A + "embeddedStructure", eId=sid), b.embedded, sid)
            return
        lid = self.ids.make(eid, "list")
        lst = etree.SubElement(el, A + "list", eId=lid)
        if b.text is not None and b.text.value:
            self.inline(etree.SubElement(etree.SubElement(lst, A + "intro"), A + "p"), b.text, lid)
        for pt in points:
            lost = pt.name[5:] if pt.num is None and pt.name and pt.name.startswith("lost:") else None
            pid = self.ids.make(lid, "point", pt.num or lost)
            point = etree.SubElement(lst, A + "point", eId=pid)
            self._line(pid, pt)
            if lost:
                point.set("class", "numberLost")  # its label was not printed in the source
            else:
                etree.SubElement(point, A + "num").text = pt.num
            self.body_of(point, pt, pid)
        if b.wrap is not None:
            self.inline(etree.SubElement(etree.SubElement(lst, A + "wrapUp"), A + "p"), b.wrap, lid)

    # -- conclusions and annexes -----------------------------------------------------------------
    def conclusions(self, st: etree._Element) -> None:
        concl = etree.SubElement(st, A + "conclusions")
        texts = list(self.doc.conclusions)
        i = 0
        while i < len(texts):
            t = texts[i]
            p = etree.SubElement(concl, A + "p")
            loc = next((s for s in t.spans if s.kind == "location"), None)
            nxt = texts[i + 1] if i + 1 < len(texts) else None
            if loc and nxt is not None and any(s.kind == "docDate" for s in nxt.spans):
                event = etree.SubElement(p, A + "event", refersTo=self.ref("adoption"))
                self.inline(event, t, None)
                etree.SubElement(event, A + "eol")
                self.inline(event, nxt, None)
                i += 2
                continue
            self.inline(p, t, None)
            i += 1

    def attachments(self, st: etree._Element) -> None:
        atts = etree.SubElement(st, A + "attachments")
        names = self.names()
        for n, annex in enumerate(self.doc.annexes, 1):
            att = etree.SubElement(atts, A + "attachment", eId=f"att_{n}")
            d = etree.SubElement(att, A + "doc", name="annex")
            meta = etree.SubElement(d, A + "meta")
            ident = etree.SubElement(meta, A + "identification", source=self.ref("unakn"))
            comp = f"!annex_{n}"
            for tag, this, uri, extra in (
                    ("FRBRWork", names.work + comp, names.work, "work"),
                    ("FRBRExpression", names.expression + comp, names.expression, "expr"),
                    ("FRBRManifestation", names.expression + comp + ".xml", names.manifestation, "man")):
                f = etree.SubElement(ident, A + tag)
                etree.SubElement(f, A + "FRBRthis", value=this)
                etree.SubElement(f, A + "FRBRuri", value=uri)
                etree.SubElement(f, A + "FRBRdate", date=self.work_date(), name="adoption")
                etree.SubElement(f, A + "FRBRauthor", href=self.organ_ref())
                if extra == "work":
                    etree.SubElement(f, A + "FRBRcountry", value="un")
                if extra == "expr":
                    etree.SubElement(f, A + "FRBRlanguage", language=self.doc.lang)
            self.annex_body(d, annex, f"att_{n}")

    def annex_body(self, d, annex: Annex, aid: str) -> None:
        preface = etree.SubElement(d, A + "preface")
        p = etree.SubElement(preface, A + "p")
        self.inline(etree.SubElement(p, A + "docNumber"), annex.label, None)
        for t in annex.title:
            self.inline(etree.SubElement(etree.SubElement(preface, A + "p"), A + "docTitle"), t, None)
        body = etree.SubElement(d, A + "mainBody")
        self.blocks(body, annex.body, aid)
        if not len(body):
            etree.SubElement(body, A + "p")

    # -- inline ----------------------------------------------------------------------------------
    def inline(self, el: etree._Element, t: Text | None, pid: str | None) -> None:
        """Write ``t`` into ``el``: its spans as inline elements (nested where one holds another),
        its notes at their anchors."""
        if t is None:
            return
        spans = sorted((s for s in t.spans if s.end > s.start and s.kind not in SILENT),
                       key=lambda s: (s.start, -s.end))
        anchors = sorted(t.anchors, key=lambda a: a.offset)
        self._fill(el, t.value, 0, len(t.value), spans, anchors, pid)

    def _fill(self, el, value: str, start: int, end: int, spans, anchors, pid) -> None:
        """``anchors`` (sorted) are the notes from ``start`` to ``end``: each goes in the text
        before a span, or inside the span when it is after its start and before its end."""
        # (the anchors are sliced by binary search: a paragraph may hold thousands of spans and notes)
        offsets = [a.offset for a in anchors]
        pos = start
        i = 0
        while i < len(spans):
            s = spans[i]
            inner = []
            j = i + 1
            while j < len(spans) and spans[j].start < s.end:
                if spans[j].end <= s.end:
                    inner.append(spans[j])  # nested inside s
                j += 1                       # (a span crossing s's end is dropped)
            self._text_and_notes(el, value, pos, s.start,
                                 anchors[bisect_left(offsets, pos):bisect_right(offsets, s.start)], pid)
            child = self.span_element(el, s)
            self._fill(child, value, s.start, s.end, inner,
                       anchors[bisect_right(offsets, s.start):bisect_left(offsets, s.end)], pid)
            pos = s.end
            i = j
        self._text_and_notes(el, value, pos, end, anchors[bisect_left(offsets, pos):bisect_right(offsets, end)], pid)

    def _text_and_notes(self, el, value, a: int, b: int, anchors, pid) -> None:
        """The text from ``a`` to ``b`` with the notes anchored in it."""
        pos = a
        for anchor in anchors:
            _append(el, value[pos:anchor.offset])
            pos = anchor.offset
            self.note(el, anchor, pid)
        _append(el, value[pos:b])

    def span_element(self, parent, s) -> etree._Element:
        k = s.kind
        if k == "phrase":
            if not self.phrase_class:
                return parent  # (the phrase's text goes in as it is)
            return etree.SubElement(parent, A + "span", {"class": self.phrase_class})
        if k == "title":  # (a publication's, italic as the UN prints it in every script)
            return etree.SubElement(parent, A + "span", {"class": "italic"})
        if k == "ref":
            return etree.SubElement(parent, A + "a", href=s.attrs["href"])
        if k == "date":
            return etree.SubElement(parent, A + "date", date=s.attrs["date"])
        if k == "docDate":
            return etree.SubElement(parent, A + "docDate", date=s.attrs["date"], refersTo=self.ref("dateOfAdoption"))
        if k == "location":
            return etree.SubElement(parent, A + "location", refersTo=self.ref("adoptionMeeting"),
                                    title=s.attrs.get("title", ""))
        if k == "originating":
            return etree.SubElement(parent, A + "inline", name="originating document")
        if k == "symbol":
            return etree.SubElement(parent, A + "docNumber", refersTo=self.ref("symbol"))
        if k == "distribution":
            return etree.SubElement(parent, A + "docStatus", refersTo=self.ref("generalDistribution"))
        if k == "issued":
            return etree.SubElement(parent, A + "docDate", date=s.attrs["date"], refersTo=self.ref("dateOfIssuance"))
        if k == "authority":
            return etree.SubElement(parent, A + "docAuthority", refersTo=self.ref(s.attrs.get("role", "publisher")))
        if k == "session":
            return etree.SubElement(parent, A + "session", value=s.attrs["value"], refersTo=self.organ_ref(),
                                    eId=self.ids.make("coverPage", "session"))
        if k == "state":
            return etree.SubElement(parent, A + "organization", refersTo=self.ref(
                "memberState", ("TLCOrganization", "/akn/ontology/organization/un/memberState", "Member State")))
        if k == "voters_label":
            return etree.SubElement(parent, A + "inline", name=s.attrs["name"])
        if k == "number":
            return etree.SubElement(parent, A + "docNumber")
        if k == "vote":
            return etree.SubElement(parent, A + "inline", name=s.attrs["name"])
        if k == "agenda":
            return etree.SubElement(parent, A + "inline", name="agenda item", title=s.attrs.get("item", ""))
        if k == "agenda_name":
            return etree.SubElement(parent, A + "inline", name="agenda item name")
        return etree.SubElement(parent, A + "span")

    def note(self, el, anchor, pid: str | None) -> None:
        key = anchor.marker  # the note's key: its marker, or "1#2" when the numbering started again
        note = self.doc.notes.get(key)
        marker = note.marker if note is not None else key
        if anchor.first and key not in self.note_ids:
            eid = self.ids.make(pid, "authorialNote")
            self.note_ids[key] = eid
            n = etree.SubElement(el, A + "authorialNote", marker=marker, placement="bottom", eId=eid)
            self.inline(etree.SubElement(n, A + "p"), note.text, eid)
        else:
            target = self.note_ids.get(key)
            if target is None:
                return
            etree.SubElement(el, A + "noteRef", marker=marker, href="#" + target)


#: Spans that carry facts for the metadata only and are not marked up inline.
SILENT = {"committee"}


#: What the enacting formula's phrase leaves out at its end ("The General Assembly,", "大会，").
FORMULA_END = ", ，،"


def _append(el: etree._Element, s: str) -> None:
    if not s:
        return
    last = next(el.iterchildren(reversed=True), None)  # (len(el) counts the children one by one)
    if last is not None:
        last.tail = (last.tail or "") + s
    else:
        el.text = (el.text or "") + s


def build_akn(doc: Document, markup_date: str | None = None,
              lines: dict[str, int] | None = None, table=None) -> etree._Element:
    """The AKN document; ``lines``, when given, is filled with each block's first source line;
    ``table`` (the language table) lets the votes be read into ``meta/analysis``."""
    return Builder(doc, markup_date, lines, table).build()

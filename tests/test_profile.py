"""The UN resolution profile (schemas/un-resolution.sch) catches each fault it is there for."""
from __future__ import annotations

import re

from lxml import etree

from conftest import NS
from converter.validate.profile import profile_errors


def broken(seed, change):
    root = etree.fromstring(seed.xml)
    change(root)
    return profile_errors(etree.ElementTree(root))


def test_seed_conforms(seed):
    assert profile_errors(seed.tree) == []


def test_dangling_note_ref(seed):
    def change(root):
        root.find(".//a:noteRef", NS).set("href", "#nowhere")
    errors = broken(seed, change)
    assert any("points at an authorialNote" in e for e in errors)


def test_duplicate_eid(seed):
    def change(root):
        paras = root.findall(".//a:mainBody/a:paragraph", NS)
        paras[1].set("eId", paras[0].get("eId"))
    assert any("is unique" in e for e in broken(seed, change))


def test_numbering_gap(seed):
    def change(root):
        root.findall(".//a:mainBody/a:paragraph/a:num", NS)[4].text = "7."
    assert any('numbered "7." should be 5' in e for e in broken(seed, change))


def test_unresolved_refers_to_and_frbr(seed):
    def change(root):
        root.find(".//a:docProponent", NS).set("refersTo", "#thirdCommittee")
        root.find(".//a:FRBRExpression/a:FRBRuri", NS).set("value", "/akn/un/statement/x/fra@/")
    errors = broken(seed, change)
    assert any("#thirdCommittee" in e for e in errors)
    assert any("expression IRI is the work IRI" in e for e in errors)


def test_not_a_resolution(seed):
    def change(root):
        root.find("a:statement", NS).set("name", "minutes")
    assert any('named "resolution"' in e for e in broken(seed, change))


def test_python_rules_match_the_schematron(seed):
    """Conversions check the .sch's rules in Python (one pass, ~5x faster than its XSLT): on the
    seed and on hundreds of randomly broken copies, the failures, their order, locations and
    messages are exactly those lxml's Schematron gives for schemas/un-resolution.sch."""
    import copy
    import random

    from converter.validate.profile import rule_failures, schematron_failures

    rnd = random.Random(6)
    akn = "{%s}" % NS["a"]
    root0 = etree.fromstring(seed.xml)
    eids = [e.get("eId") for e in root0.iter(etree.Element) if e.get("eId")]
    attrs = ["eId", "refersTo", "source", "href", "marker", "name", "value", "date", "language"]
    values = ["resolution", "decision", "publication", "adoption", "9999-01-01", "/akn/un/x", " a  b\n c", ""]
    values += sorted({v for e in root0.iter(etree.Element) for v in e.attrib.values()})  # swapped values
    tags = [akn + "statement", akn + "noteRef", akn + "ref", akn + "documentCollection", "plain", "{urn:x}ref"]
    failing = set()
    assert rule_failures(seed.tree) == schematron_failures(seed.tree) == []
    for _ in range(400):
        root = copy.deepcopy(root0)
        for _ in range(rnd.randint(1, 4)):
            els = list(root.iter(etree.Element))
            if rnd.random() < 0.5:  # half the time in meta, where the FRBR rules look
                els = list(next(root.iter(akn + "meta"), root).iter(etree.Element))
            el, attr, op = rnd.choice(els), rnd.choice(attrs), rnd.random()
            if op < 0.3:
                el.attrib.pop(attr, None)
            elif op < 0.6:
                el.set(attr, "#" + rnd.choice(eids + ["nowhere", ""]))
            elif op < 0.7:
                el.set(attr, rnd.choice(values))
            elif op < 0.8 and el.getparent() is not None:
                el.getparent().remove(el)
            elif op < 0.9:
                el.tag = rnd.choice(tags)
            elif el.getparent() is not None:
                el.getparent().append(copy.deepcopy(el))
        tree = etree.ElementTree(root)
        expected = schematron_failures(tree)
        assert rule_failures(tree) == expected
        failing.update(" ".join(re.sub(r'"[^"]*"', "", message).split(":")[0].split()[:5]) for _, message in expected)
    assert len(failing) == 16  # the mutations broke every one of the .sch's 16 asserts

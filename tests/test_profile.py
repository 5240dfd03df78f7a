"""The UN resolution profile (schemas/un-resolution.sch) catches each fault it is there for."""
from __future__ import annotations

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

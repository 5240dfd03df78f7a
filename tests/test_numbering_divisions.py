"""Irregular operative numbering (OCR, lost paragraphs, parts numbered from 1), divisions of an
instrument ("Article N", "Rule N"), resolutions in parts (A, B), and what a text that prints no
number or date is named by. Small synthetic texts written for the purpose, and the UN's own
resolution in parts read back from its text."""
from __future__ import annotations

import pytest

from conftest import NS, SHARED
from converter.errors import ConversionError
from converter.parse import symbol_from_file_name, year_from_symbol
from converter.pipeline import convert_text
from converter.validate.profile import numbering_failures

COUNCIL = """Resolution 900 (1994)
of 4 March 1994

The Security Council,

Recalling its earlier resolutions,

{body}

Adopted unanimously at the 3400th meeting.
"""


def convert(text: str, name: str = "fixture.txt", **kw):
    return convert_text(text.encode("utf-8"), name, **kw)


def paragraphs(result):
    return [(p.get("eId"), p.get("class"), p.findtext("a:num", namespaces=NS))
            for p in result.tree.getroot().iterfind(".//a:mainBody//a:paragraph", NS)]


def warnings(result, word):
    return [m for _, m in result.report.warnings if word in m]


def test_ocr_letter_read_as_one():
    r = convert(COUNCIL.format(body="L. Condemns the attack;\n\n2. Decides to remain seized of the matter."))
    assert paragraphs(r)[:2] == [("para_1", "numberMisread", "L."), ("para_2", None, "2.")]
    assert warnings(r, "read as 1")


def test_number_without_its_point_before_an_operative_phrase():
    r = convert(COUNCIL.format(body="1. Condemns the attack;\n\n2 Calls upon all parties to stop;\n\n3. Decides to remain seized."))
    assert [n for _, _, n in paragraphs(r)] == ["1.", "2", "3."]


def test_misread_number_between_its_neighbours():
    r = convert(COUNCIL.format(body="1. Condemns the attack;\n\n8. Calls upon all parties to stop;\n\n3. Decides to remain seized."))
    assert paragraphs(r) == [("para_1", None, "1."), ("para_2", "numberMisread", "8."), ("para_3", None, "3.")]
    assert warnings(r, "read as 2")
    with pytest.raises(ConversionError, match="strict"):
        convert(COUNCIL.format(body="1. Condemns the attack;\n\n8. Calls upon all parties to stop;\n\n3. Decides to remain seized."),
                strict=True)


def test_paragraph_missing_from_the_source_is_a_declared_gap():
    r = convert(COUNCIL.format(body="1. Condemns the attack;\n\n2. Calls upon all parties to stop;\n\n4. Requests a report;\n\n5. Decides to remain seized."))
    assert paragraphs(r)[2] == ("para_4", "numberGap", "4.")
    assert warnings(r, "paragraph 3 is not in the source")


def test_parts_numbered_from_one_each():
    body = "A\n\n1. Condemns the attack;\n\n2. Calls upon all parties to stop;\n\nB\n\n1. Requests a report;\n\n2. Decides to remain seized."
    r = convert(COUNCIL.format(body=body))
    assert [e for e, _, _ in paragraphs(r)] == ["sec_A__para_1", "sec_A__para_2", "sec_B__para_1", "sec_B__para_2"]
    assert r.report.profile_errors == []


def test_profile_still_refuses_an_undeclared_gap():
    r = convert(COUNCIL.format(body="1. Condemns the attack;\n\n2. Calls upon all parties to stop;\n\n4. Requests a report;\n\n5. Decides to remain seized."))
    para = r.tree.getroot().find(".//a:paragraph[@class='numberGap']", NS)
    del para.attrib["class"]
    assert numbering_failures(r.tree)


ANNEX_RULES = COUNCIL.replace("\n\nAdopted unanimously at the 3400th meeting.\n", "") + """

ANNEX

Revised rules of procedure

Rule 41

Arabic, Chinese, English, French, Russian and Spanish shall be the official languages.

Rule 42

Speeches made in one of the languages shall be interpreted into the others.

Adopted unanimously at the 3400th meeting.
"""


def test_rules_in_an_annex_and_the_adoption_line_after_it():
    r = convert(ANNEX_RULES.format(body="Decides to amend its rules as set out in the annex."))
    root = r.tree.getroot()
    rules = root.findall(".//a:attachment//a:rule", NS)
    assert [x.get("eId") for x in rules] == ["att_1__rule_41", "att_1__rule_42"]
    assert [x.findtext("a:num", namespaces=NS) for x in rules] == ["Rule 41", "Rule 42"]
    assert "Speeches made" in "".join(rules[1].itertext())
    assert r.report.words_lost == 0  # the adoption line printed after the annex is in conclusions


DECLARATION = """Whereas recognition of the dignity of all members of the human family is the foundation of freedom, justice and peace in the world, as all peoples have long held and as the Charter of the United Nations reaffirms,
Whereas Member States have pledged themselves to achieve, in co-operation with the United Nations, the promotion of universal respect for human rights and fundamental freedoms for everyone,
Now, therefore,
The General Assembly
Proclaims this Declaration as a common standard of achievement for all peoples and all nations, to the end that every individual and every organ of society shall strive to promote respect for these rights.
Article 1
All human beings are born free and equal in dignity and rights, and they should act towards one another in a spirit of brotherhood and of mutual respect at all times and in every place.
Article 2
Everyone is entitled to all the rights and freedoms set forth in this Declaration, without distinction of any kind, such as race, colour, sex, language, religion, political or other opinion.
Furthermore, no distinction shall be made on the basis of the political status of the country or territory to which a person belongs, whether it be independent or not, in any way whatsoever.
"""


def test_declaration_articles_are_kept_inside_the_paragraph_that_proclaims_them():
    r = convert(DECLARATION, name="A-RES-999-B-III.txt")
    root = r.tree.getroot()
    assert len(root.findall(".//a:preamble/a:container", NS)) == 2
    top = root.findall(".//a:mainBody/a:paragraph", NS)
    assert len(top) == 1
    articles = top[0].findall(".//a:embeddedStructure/a:article", NS)
    assert [a.get("eId") for a in articles] == ["para_1__embeddedStructure_1__art_1", "para_1__embeddedStructure_1__art_2"]
    assert len(articles[1].findall("a:paragraph", NS)) == 2
    # no number or date printed: named by the file name, dated by the session's year, both reported
    assert root.find(".//a:FRBRWork/a:FRBRnumber", NS).get("value") == "A/RES/999 B (III)"
    date = root.find(".//a:FRBRWork/a:FRBRdate", NS)
    assert (date.get("date"), date.get("name")) == ("1948-01-01", "adoptionYear")
    assert root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == "/akn/un/statement/deliberation/unga/1948/999-B-III/"
    assert warnings(r, "taken from the file name") and warnings(r, "dated by the year")
    with pytest.raises(ConversionError, match="strict"):
        convert(DECLARATION, name="A-RES-999-B-III.txt", strict=True)


def test_no_number_and_no_usable_file_name_is_refused():
    with pytest.raises(ConversionError, match="docNumber"):
        convert(DECLARATION, name="declaration.txt")


@pytest.mark.parametrize("name,symbol", [
    ("A-RES-68-198.txt", "A/RES/68/198"),
    ("A_RES_217_A_III.txt", "A/RES/217 A (III)"),
    ("A-RES-2758-XXVI_mondiplo.txt", "A/RES/2758 (XXVI)"),
    ("A-RES-ES-10-19.txt", "A/RES/ES-10/19"),
    ("S-RES-338-1973_aljazeera.txt", "S/RES/338 (1973)"),
    ("S_RES_0001_1946_EN_GOLD.txt", "S/RES/1 (1946)"),
    ("dir/A-HRC-RES-34-35.txt", "A/HRC/RES/34/35"),
    ("E-RES-2018-27.fragment.txt", "E/RES/2018/27"),
    ("minutes-1946.txt", None),
])
def test_symbol_from_file_name(name, symbol):
    assert symbol_from_file_name(name)[0] == symbol


@pytest.mark.parametrize("symbol,year", [
    ("S/RES/462 (1980)", "1980"), ("E/RES/2018/27", "2018"), ("A/RES/217 A (III)", "1948"),
    ("A/RES/2758 (XXVI)", "1971"), ("A/RES/68/198", None),
])
def test_year_from_symbol(symbol, year):
    assert year_from_symbol(symbol) == year


@pytest.mark.parametrize("lines,date", [
    ("Resolution 901 (1966)\nof 14 October £964", "1966-10-14"),   # OCR £ for 1, the symbol's year holds
    ("Resolution 901 (1989)\nof 3f July 1989", "1989-07-31"),
    ("Resolution 901\nof 8 December 1970", "1970-12-08"),           # no year in brackets
    ("Resolution 901 (197-4)\nof 30 August 1974", "1974-08-30"),
    ("Resolution 901 (1993)\n20 December 1993", "1993-12-20"),      # the date line without "of"
    ("RESOLUTION 901 (1993)\n\nAdopted by the Security Council at its 3263rd meeting,\non 10 Auqust 1993", "1993-08-10"),
])
def test_council_number_and_date_lines_read_through_ocr(lines, date):
    text = lines + "\n\nThe Security Council,\n\nRecalling its earlier resolutions,\n\n1. Decides to remain seized of the matter.\n"
    r = convert(text)
    assert r.tree.getroot().find(".//a:FRBRWork/a:FRBRdate", NS).get("date") == date
    assert r.tree.getroot().find(".//a:FRBRWork/a:FRBRnumber", NS).get("value").startswith("S/RES/901 (19")


PARTS = """Resolutions adopted by the General Assembly on 10 December 2020

75/999. Questions relating to testing

A Testing in the service of humanity

The General Assembly,

Taking note of the report of the Committee,

Urges all countries to test;

41st plenary meeting
10 December 2020

B Testing policies and activities

The General Assembly,

Emphasizing the role of the Committee,

Recalling its earlier resolutions,

1. Reaffirms its support for testing;

2. Decides to remain seized of the matter.

41st plenary meeting
10 December 2020
"""


def test_resolution_in_parts_is_a_collection_of_component_statements():
    r = convert(PARTS)
    root = r.tree.getroot()
    coll = root.find("a:documentCollection", NS)
    assert coll is not None and coll.get("name") == "publication"
    assert [d.get("href") for d in coll.iterfind("a:collectionBody/a:component/a:documentRef", NS)] == ["#comp_0", "#comp_1"]
    parts = root.findall("a:components/a:component/a:statement", NS)
    assert [len(p.findall("a:preamble/a:container", NS)) for p in parts] == [1, 2]
    assert [len(p.findall("a:mainBody/a:paragraph", NS)) for p in parts] == [1, 2]
    assert [" ".join("".join(p.find("a:preface", NS).itertext()).split()) for p in parts] == [
        "A Testing in the service of humanity", "B Testing policies and activities"]
    works = [w.get("value") for w in root.iterfind(".//a:FRBRWork/a:FRBRuri", NS)]
    assert works == ["/akn/un/statement/deliberation/unga/2020-12-10/75-999A-B/",
                     "/akn/un/statement/deliberation/unga/2020-12-10/75-999A/",
                     "/akn/un/statement/deliberation/unga/2020-12-10/75-999B/"]
    eids = [e.get("eId") for e in root.iter() if isinstance(e.tag, str) and e.get("eId")]
    assert len(eids) == len(set(eids)) and "comp_1__para_2" in eids
    assert r.report.words_lost == 0 and r.report.profile_errors == []


def test_council_resolution_in_parts():
    text = ("Resolution 902 (1961)\nof 21 February 1961\n\nA\n\nThe Security Council,\n\nHaving considered the situation,\n\n"
            "1. Urges the parties to stop;\n\n2. Decides to remain seized.\n\nB\n\nThe Security Council,\n\n"
            "Gravely concerned at the situation,\n\n1. Urges the convening of the Parliament;\n\n"
            "2. Calls upon all States to co-operate.\n\nAdopted at the 942nd meeting.\n")
    root = convert(text).tree.getroot()
    assert [n.get("value") for n in root.iterfind(".//a:FRBRWork/a:FRBRnumber", NS)] == [
        "S/RES/902 A-B (1961)", "S/RES/902 A (1961)", "S/RES/902 B (1961)"]


UN_PARTS = SHARED / "reference" / "un-akn" / "examples" / "official_ga_75-101AB_documentCollection_eng.xml"


def test_the_uns_resolution_in_parts_read_back_from_its_text():
    """A/RES/75/101 A-B as the UN marks it up, written as text by ``unakn text``, converts to the
    same collection: the UN's work IRIs, parts, recitals and notes."""
    if not UN_PARTS.is_file():
        pytest.skip(f"the UN's AKN examples are not at {UN_PARTS.parent}")
    from lxml import etree

    from converter.render.text import render_text

    un = etree.parse(str(UN_PARTS)).getroot()
    ours = convert(render_text(un), name="A-RES-75-101.txt").tree.getroot()

    def facts(root):
        parts = root.findall("a:components/a:component/a:statement", NS)
        return ([w.get("value") for w in root.iterfind(".//a:FRBRWork/a:FRBRuri", NS)],
                [(len(p.findall("a:preamble/a:container", NS)), len(p.findall(".//a:authorialNote", NS)),
                  " ".join("".join(p.find("a:preface", NS).itertext()).split())) for p in parts])
    assert facts(ours) == facts(un)


LOST_LABELS = """75/998. Testing lost labels

The General Assembly,

Recalling its earlier resolutions,

1. Reaffirms its resolutions on the Commission and also reaffirms the need to strengthen it by:

Requesting the Commission to establish a programme of work;

Requesting the Commission to serve as a platform, including by:

Assisting Member States in building their capacities;

(ii) Inviting international institutions to engage;

Taking note of the decision of the Council;

(d) Requesting the Commission to report;

2. Decides to remain seized of the matter.
"""


def test_list_labels_lost_by_the_extraction_are_inferred_from_the_labels_kept():
    r = convert(LOST_LABELS + "\n12th plenary meeting\n3 March 2021\n")
    para = r.tree.getroot().find(".//a:mainBody/a:paragraph", NS)
    points = para.findall(".//a:point", NS)
    assert [(p.get("eId").rsplit("__", 1)[1], p.get("class"), p.findtext("a:num", namespaces=NS)) for p in points] == [
        ("point_a", "numberLost", None), ("point_b", "numberLost", None), ("point_i", "numberLost", None),
        ("point_ii", None, "(ii)"), ("point_c", "numberLost", None), ("point_d", None, "(d)")]
    assert len(r.tree.getroot().findall(".//a:mainBody/a:paragraph", NS)) == 2
    assert len(warnings(r, "not printed")) == 4 and r.report.words_lost == 0


def test_labels_that_do_not_fit_leave_the_paragraphs_as_they_are():
    r = convert(LOST_LABELS.replace("(d) Requesting", "(g) Requesting") + "\n12th plenary meeting\n3 March 2021\n")
    assert not r.tree.getroot().findall(".//a:point[@class='numberLost']", NS)
    assert not warnings(r, "not printed") and r.report.words_lost == 0

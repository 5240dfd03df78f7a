"""Footnote forms, one small synthetic text each: blocks in a PDF extractor's reading order, notes
left inline, Word's inline notes, numbering that starts again in an annex."""
from __future__ import annotations

import pytest

from conftest import NS
from converter import lang
from converter.ingest import ingest
from converter.pipeline import convert_text

EN = lang.load("eng")

HEAD = """Resolution adopted by the General Assembly on 3 March 2021

[without reference to a Main Committee (A/75/L.99)]

75/999. Testing the notes

The General Assembly,

"""
TAIL = """
12th plenary meeting
3 March 2021
"""


def convert(text, **kw):
    return convert_text(text.encode("utf-8"), "fixture.txt", **kw)


def texts(el, notes=True):
    """The words of an element (without its notes' when ``notes`` is False)."""
    if not notes:
        from lxml import etree
        el = etree.fromstring(etree.tostring(el))
        for n in el.findall(".//a:authorialNote", NS):
            n.getparent().remove(n) if not n.tail else _drop_keep_tail(n)
    return " ".join("".join(el.itertext()).split())


def _drop_keep_tail(n):
    parent, prev = n.getparent(), n.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + n.tail
    else:
        parent.text = (parent.text or "") + n.tail
    parent.remove(n)


def notes(tree) -> dict[str, str]:
    return {n.get("marker"): texts(n) for n in tree.iterfind(".//a:authorialNote", NS)}


def before_note(tree, marker: str) -> str:
    """The last word before a note's anchor (where its marker was)."""
    n = next(n for n in tree.iterfind(".//a:authorialNote", NS) if n.get("marker") == marker)
    p = n.getparent()
    text = p.text or ""
    for c in p:
        if c is n:
            break
        if c.tag != "{%s}authorialNote" % NS["a"]:
            text += "".join(c.itertext())
        text += c.tail or ""
    return text.split()[-1]


# --- blocks in reading order (plain pdftotext) ---------------------------------------------------

SCRAMBLED = HEAD + """Recalling the first report 1 and the second report, 2
Noting the third report 3 and the fourth, 4
1. Decides to test;
__________________

The first report.
Second report, chap. I.
3
The third report.
4
The fourth report.
1
2

2/5

12-34567

2. Requests more notes;
""" + TAIL


def test_block_with_numbers_apart_from_their_texts():
    """Texts keep their order down the page; the numbers come apart, some after all the texts."""
    c = convert(SCRAMBLED)
    assert notes(c.tree) == {"1": "The first report.", "2": "Second report, chap. I.",
                             "3": "The third report.", "4": "The fourth report."}
    assert [before_note(c.tree, m) for m in "1234"] == ["report", "report,", "report", "fourth,"]
    assert c.report.words_lost == 0
    assert len(c.tree.findall(".//a:mainBody/a:paragraph", NS)) == 2


def test_block_numbers_in_a_run_then_texts():
    text = SCRAMBLED.replace("The first report.\nSecond report, chap. I.\n3\nThe third report.\n4\n"
                             "The fourth report.\n1\n2\n",
                             "1\n2\n3\n4\nThe first report.\nSecond report,\nchap. I.\nThe third.\nThe fourth.\n")
    assert notes(convert(text).tree) == {"1": "The first report.", "2": "Second report, chap. I.",
                                         "3": "The third.", "4": "The fourth."}


def test_block_read_the_ordinary_way_is_left_alone():
    """Numbers that do not make the next run of notes: not a scrambled block (the text resumes)."""
    text = SCRAMBLED.replace("\n1\n2\n\n2/5", "\n7\n2\n\n2/5")
    found = notes(convert(text).tree)
    assert "The first report." not in found.values() and "Second report, chap. I." not in found.values()


def test_number_then_job_number_then_text():
    """pdftotext prints a page's job number (and its date code) between a note's number and text."""
    text = HEAD + """Recalling the report 1 of the Court,
__________________
1

18-18142 (E)

Official Records, Supplement No. 4.

021118

*1818142*

1. Decides to test;
""" + TAIL
    c = convert(text)
    assert notes(c.tree) == {"1": "Official Records, Supplement No. 4."}
    kinds = {r.kind: r.text for r in c.report.removed}
    assert kinds.get("date-code") == "021118" and kinds.get("job-number") == "18-18142 (E)"
    assert len(c.tree.findall(".//a:preamble/a:container", NS)) == 1


def test_date_code_far_from_a_job_number_is_text():
    ing = ingest((HEAD + "Recalling the report,\n\n021118\n\n1. Decides to test;\n" + TAIL).encode(), "f", EN)
    assert not any(r.kind == "date-code" for r in ing.removed)


def test_marker_after_a_whole_date():
    text = HEAD + """Recalling the statement of 12 February 2013 1 in which the Council spoke,
1. Decides to test;
__________________
1 S/PRST/2013/2.
""" + TAIL
    c = convert(text)
    assert notes(c.tree) == {"1": "S/PRST/2013/2."} and before_note(c.tree, "1") == "2013"
    assert any("after a date" in w for _, w in c.report.warnings)


# --- Word's export: [footnoteRef:n] markers, [n: …] texts after the paragraph ---------------------

WORD = HEAD.replace("Resolution adopted", "\t\tResolution adopted").replace(
    "on 3 March", "on\u00a03\u00a0March") + (
    "\tRecalling its resolution 74/1,[footnoteRef:1] and the report,[footnoteRef:2]"
    " [1: \t \tResolution 74/1 [as amended].]  [2: \t \tA/75/1, chap.\u00a0I.]\n\n"
    "[bookmark: _GoBack]\tNoting the report,[footnoteRef:2]\n\n"
    "\t1. Decides to test;\n") + TAIL


def test_word_notes_after_their_paragraph():
    c = convert(WORD)
    assert notes(c.tree) == {"1": "Resolution 74/1 [as amended].", "2": "A/75/1, chap. I."}
    assert "".join(c.tree.find(".//a:authorialNote[@marker='2']", NS).itertext()) == "A/75/1, chap.\u00a0I."
    containers = c.tree.findall(".//a:preamble/a:container", NS)
    assert [texts(x, notes=False) for x in containers] == ["Recalling its resolution 74/1, and the report,", "Noting the report,"]
    assert [before_note(c.tree, m) for m in "12"] == ["74/1,", "report,"]
    assert len(c.tree.findall(".//a:noteRef", NS)) == 1  # the second call of note 2
    assert c.tree.find(".//a:FRBRWork/a:FRBRdate", NS).get("date") == "2021-03-03"
    assert any(r.kind == "word-bookmark-inline" for r in c.report.removed)
    assert c.report.words_lost == 0 and c.report.words_added == 0


def test_word_note_cut_short_runs_to_the_end_of_its_line():
    text = WORD.replace("  [2: \t \tA/75/1, chap.\u00a0I.]", "  [2: \t \tIbid.,")
    assert notes(convert(text).tree)["2"] == "Ibid.,"


def test_bracketed_number_without_a_word_marker_is_text():
    """"[3: …]" mid-line is a note only when the text calls note 3 with [footnoteRef:3]."""
    text = WORD.replace("[footnoteRef:2]\n[bookmark", "\n[bookmark").replace(
        ",[footnoteRef:2] [1:", ", [3: see below] [1:")
    c = convert(text)
    assert "[3: see below]" in texts(c.tree.find(".//a:preamble/a:container", NS))


def test_a_text_without_operative_part_has_no_invented_paragraph():
    text = WORD.split("\t1. Decides")[0]
    c = convert(text)
    assert c.tree.find(".//a:mainBody/a:paragraph", NS) is None
    assert c.tree.find(".//a:mainBody/a:hcontainer", NS).get("name") == "noOperativePart"


# --- numbering that starts again (an annex's own notes) -------------------------------------------

RESTART = HEAD + """Recalling its resolution 74/1,1

1. Adopts the declaration annexed to the present resolution;2

__________________
1 Resolution 74/1.
2 A/75/2.

12th plenary meeting
3 March 2021

Annex

Declaration on testing

1. The States recall the Charter,1 and the report of the Secretary-General,2 today.

__________________
1 Charter of the United Nations.
2 A/75/3.

2. The States act on the Charter,1 now, and on resolution 74/1.
"""


def test_annex_notes_numbered_again_from_one():
    c = convert(RESTART)
    t = c.tree
    found = [(n.get("marker"), n.get("eId"), texts(n)) for n in t.iterfind(".//a:authorialNote", NS)]
    assert [(m, x) for m, _, x in found] == [("1", "Resolution 74/1."), ("2", "A/75/2."),
                                              ("1", "Charter of the United Nations."), ("2", "A/75/3.")]
    eids = [e for _, e, _ in found]
    assert len(set(eids)) == 4
    annex = t.find(".//a:attachment", NS)
    assert [n.get("marker") for n in annex.iterfind(".//a:authorialNote", NS)] == ["1", "2"]
    assert [before_note(t, m) for m in "12"] == ["74/1,", "resolution;"]
    # the annex's second call of its note 1 refers to the annex's note, not the resolution's
    ref = annex.find(".//a:noteRef", NS)
    assert ref.get("marker") == "1" and ref.get("href") == "#" + eids[2]
    assert c.report.words_lost == 0 and c.report.words_added == 0
    assert not [w for _, w in c.report.warnings if "footnote" in w]


def test_notes_numbered_by_page():
    """Old volumes number each page's notes from 1: each page's run is matched in order."""
    text = HEAD + ("Recalling its resolution 74/1,1 and its resolution 74/2,2\n\n"
                   "__________\n1 Resolution 74/1.\n2 Resolution 74/2.\n\n"
                   "Noting the report,1\n\n1. Decides to test the report;2\n\n"
                   "__________\n1 A/75/9.\n2 A/75/10.\n") + TAIL
    c = convert(text)
    found = [(n.get("marker"), texts(n)) for n in c.tree.iterfind(".//a:authorialNote", NS)]
    assert found == [("1", "Resolution 74/1."), ("2", "Resolution 74/2."), ("1", "A/75/9."), ("2", "A/75/10.")]
    assert [before_note(c.tree, "1"), before_note(c.tree, "2")] == ["74/1,", "74/2,"]
    assert c.report.words_lost == 0


def test_a_block_starting_at_one_mid_sequence_in_scrambled_order():
    text = RESTART.replace("__________________\n1 Charter of the United Nations.\n2 A/75/3.\n",
                           "__________________\nCharter of the United Nations.\n2\nA/75/3.\n1\n\n3/4\n")
    found = [(n.get("marker"), texts(n)) for n in convert(text).tree.iterfind(".//a:attachment//a:authorialNote", NS)]
    assert found == [("1", "Charter of the United Nations."), ("2", "A/75/3.")]


# --- notes an extractor left among the text lines; markers fused onto a year ----------------------

LEFT_INLINE = HEAD + """Recalling all its resolutions on peacebuilding and sustaining peace,1

Reaffirming that development and peace are interlinked,

1 Including General Assembly resolution 60/180 and Security Council resolution 1645 (2005),
Assembly resolution 70/262 and Council resolution 2282
(2016).

Taking note of the report of 25 November 20242 and the letter dated 13 November 20243 and further acknowledging

2 A/79/552-S/2024/767.

3 A/79/609-S/2024/827.

the inputs for the Decade 2014–20244 from the eminent persons,

1. Decides to test;

2 Decides to test again;
""" + TAIL


def test_notes_left_among_the_text_lines():
    c = convert(LEFT_INLINE)
    assert notes(c.tree) == {
        "1": "Including General Assembly resolution 60/180 and Security Council resolution 1645 (2005), "
             "Assembly resolution 70/262 and Council resolution 2282 (2016).",
        "2": "A/79/552-S/2024/767.", "3": "A/79/609-S/2024/827."}
    containers = [texts(x, notes=False) for x in c.tree.findall(".//a:preamble/a:container", NS)]
    assert len(containers) == 3 and containers[2].startswith("Taking note") and containers[2].endswith(
        "acknowledging the inputs for the Decade 2014–20244 from the eminent persons,")  # (no note 4)
    assert [before_note(c.tree, m) for m in "123"] == ["peace,", "2024", "2024"]
    assert c.report.words_lost == 0 and c.report.words_added == 0
    # a paragraph whose number lost its full stop is not a note: no marker calls it
    assert "Decides to test again" in texts(c.tree.find(".//a:mainBody", NS))


def test_marker_fused_onto_a_year_range():
    text = LEFT_INLINE.replace(
        "1. Decides to test;", "1. Decides to test;\n\n__________\n4 Resolution 69/137.")
    c = convert(text)
    assert notes(c.tree)["4"] == "Resolution 69/137." and before_note(c.tree, "4") == "2014–2024"
    assert any(r.kind == "footnote-marker-fused" for r in c.report.removed)


def test_a_symbol_or_numbered_item_is_not_a_fused_marker():
    """Not after a symbol's slash or an abbreviation's stop: "S/20242", "No. 19722" stay whole."""
    text = HEAD + ("Noting document S/20242 and treaty No. 19722,\n\n1. Decides to test;\n\n"
                   "__________\n2 A/75/2.\n") + TAIL
    c = convert(text)
    assert "S/20242 and treaty No. 19722," in texts(c.tree.find(".//a:preamble", NS), notes=False)


@pytest.mark.parametrize("phrase,before", [("for 2021, 20221 and 2023", "2022"),
                                           ("Documents of the 20001 Review Conference", "2000")])
def test_marker_fused_onto_a_year_in_a_list_or_after_a_word(phrase, before):
    text = HEAD + f"Noting the {phrase},\n\n1. Decides to test;\n\n__________\n1 A/75/2.\n" + TAIL
    c = convert(text)
    assert before_note(c.tree, "1") == before and c.report.words_lost == 0


def test_paragraph_number_without_its_stop_is_not_a_note_left_inline():
    text = HEAD + ("Recalling the Charter,1\n\n1 Decides to test the Council;\n\n"
                   "2. Requests the Secretary-General to report;\n\n__________\n1 Charter.\n") + TAIL
    ing = ingest(text.encode(), "f.txt", EN)
    assert {k: n.text for k, n in ing.notes.items()} == {"1": "Charter."}
    assert any(line.text == "1 Decides to test the Council;" for line in ing.body)


def test_scrambled_block_with_some_numbers_on_their_text_line():
    text = SCRAMBLED.replace("3\nThe third report.\n4\nThe fourth report.\n", "3 The third report.\n4\nThe fourth report.\n")
    assert notes(convert(text).tree) == {"1": "The first report.", "2": "Second report, chap. I.",
                                         "3": "The third report.", "4": "The fourth report."}


# --- markers inside and around dates -----------------------------------------------------------

SC = """Resolution 999 (1993)
of 9 August 1993

The Security Council,

{text}

1. Decides to remain seized of the matter.

Adopted at the 3262nd meeting by 14 votes to none.

{notes}
"""


@pytest.mark.parametrize("text,want", [
    ("Taking note of the letters of 20 127 and 23 July 128 1993 from the Chairman,",
     {"127": "20", "128": "July"}),
    ("Taking note of the letters dated 1 September 127 and 8 September 1993 128 from the Representative,",
     {"127": "September", "128": "1993"}),
    ("Recalling the resolutions of the Council of Ministers of 1988127 and of 1989,128",
     {"127": "1988", "128": "1989,"}),
    ("Taking note of the statement made on 1 April 1993 127 by the Representative and the report, 128",
     {"127": "1993", "128": "report,"}),
    ("Recalling the report, 127 and the Convention of 12 August 1949 128", {"127": "report,", "128": "1949"}),
    # after a document's symbol: the first call of each note, not the later one glued to a comma
    ("Considering the complaints contained in documents S/10182 127 and S/10251, 127 and S/11052/Rev.1 128 dated"
     " 12 August 1949,", {"127": "S/10182", "128": "S/11052/Rev.1"}),
])
def test_markers_inside_and_after_dates(text, want):
    c = convert(SC.format(text=text, notes="127 Ibid., document S/26121.\n128 Ibid., document S/26148."))
    assert {m: before_note(c.tree, m) for m in want} == want
    assert c.report.words_lost == 0 and c.report.words_added == 0


def test_a_day_before_its_month_is_not_a_marker():
    """"on 1 April 1993" holds no marker 1, even when note 1's marker is missing."""
    c = convert(SC.format(text="Taking note of the statement made on 1 April 1993,",
                          notes="1 Ibid., document S/25405."))
    assert "1 April 1993" in texts(c.tree.find(".//a:preamble", NS), notes=False)
    assert any("no marker found for footnote 1" in w for _, w in c.report.warnings)


def test_marker_glued_to_the_next_word():
    text = HEAD + ("Acknowledging the Treaty on the Non-Proliferation of Nuclear Weapons 1and the opinion "
                   "of the Court, 2in which it concluded, at its 2nd meeting,\n\n1. Decides to test in time and well;\n\n"
                   "__________\n1 Treaty Series, vol. 729.\n2 A/51/218, annex.\n") + TAIL
    c = convert(text)
    assert [before_note(c.tree, m) for m in "12"] == ["Weapons", "Court,"]
    assert c.tree.find(".//a:authorialNote[@marker='1']", NS).tail.startswith(" and")
    assert "Weapons and the opinion of the Court, in which it concluded, at its 2nd meeting," in texts(
        c.tree.find(".//a:preamble/a:container", NS), notes=False)
    assert c.report.words_lost == 0


def test_word_notes_on_a_line_of_their_own_two_to_a_line():
    text = WORD.replace(" [1: \t \tResolution 74/1 [as amended].]  [2: \t \tA/75/1, chap.\u00a0I.]\n",
                        "\n[1: \t \tResolution 74/1 [as amended].]  [2: \t \tA/75/1, chap.\u00a0I.]\n")
    c = convert(text)
    assert notes(c.tree) == {"1": "Resolution 74/1 [as amended].", "2": "A/75/1, chap. I."}
    assert c.report.words_lost == 0


def test_word_note_on_a_line_of_its_own():
    text = WORD.replace(" [1: \t \tResolution 74/1 [as amended].]  [2: \t \tA/75/1, chap.\u00a0I.]\n",
                        "\n[1: Resolution 74/1.]\n[2: A/75/1, chap. I.]\n")
    assert notes(convert(text).tree) == {"1": "Resolution 74/1.", "2": "A/75/1, chap. I."}


def test_runs_of_notes_in_one_block_at_the_end():
    """Notes collected at the end (as `unakn text` writes them): a note 1 after note 2 starts a new run."""
    text = RESTART.replace("__________________\n1 Charter of the United Nations.\n2 A/75/3.\n\n", "") + (
        "\n__________________\n1 Charter of the United Nations.\n2 A/75/3.\n")
    text = text.replace("__________________\n1 Resolution 74/1.\n2 A/75/2.\n\n", "").replace(
        "\n__________________\n1 Charter", "\n__________________\n1 Resolution 74/1.\n2 A/75/2.\n1 Charter")
    c = convert(text)
    found = [(n.get("marker"), texts(n)) for n in c.tree.iterfind(".//a:authorialNote", NS)]
    assert found == [("1", "Resolution 74/1."), ("2", "A/75/2."),
                     ("1", "Charter of the United Nations."), ("2", "A/75/3.")]
    assert c.report.words_lost == 0


@pytest.mark.parametrize("mode", ["end", "inline"])
def test_notes_numbered_again_survive_the_text_round_trip(mode):
    from converter.render.text import render_text
    first = convert(RESTART)
    again = convert(render_text(first.tree, notes=mode))
    facts = lambda c: [(n.get("marker"), n.get("eId"), texts(n)) for n in c.tree.iterfind(".//a:authorialNote", NS)]
    assert facts(again) == facts(first) and again.report.warnings == []


@pytest.mark.parametrize("phrase,before", [("the Pact for the Future.1", "Future."),
                                           ("adopted by 13 votes to none.1", "none.")])
def test_marker_after_a_full_stop(phrase, before):
    text = HEAD + f"Recalling its resolution 74/1 and Corr.1 and {phrase}\n\n1. Decides to test;\n\n__________\n1 A/75/2.\n" + TAIL
    c = convert(text)
    assert before_note(c.tree, "1") == before and "and Corr.1 and" in texts(c.tree.find(".//a:preamble", NS))


def test_block_in_reading_order_without_furniture_after_it():
    """No page furniture closes the block: it ends where it stood complete, the text resumes."""
    text = SCRAMBLED.replace("\n2/5\n\n12-34567\n", "")
    c = convert(text)
    assert notes(c.tree) == {"1": "The first report.", "2": "Second report, chap. I.",
                             "3": "The third report.", "4": "The fourth report."}
    assert len(c.tree.findall(".//a:mainBody/a:paragraph", NS)) == 2


def test_spanish_days_and_ordinals_are_not_markers():
    """"el 1\xa0de octubre" (the day before "de" and its month, a no-break space between) and
    "su 2o período" (an ordinal's "o", also the word "or") hold no marker: the calls are where the
    notes' numbers are glued to words further on ("tratado1 y", "Convicciones2,")."""
    text = ("78/1. Libertad de religión\n\nLa Asamblea General,\n\n"
            "Recordando el Plan de Acción aprobado en Rabat el 1\u00a0de octubre de 2012 y la labor del Comité,"
            " que en su 2o período de sesiones examinó el tratado1 y su aplicación,\n\n"
            "1. Alienta la aplicación de la Declaración sobre la Eliminación de las Convicciones2, y la cooperación;\n\n"
            "__________________\n1 Resolución 36/55.\n2 Véase A/78/207.\n\n49ª sesión plenaria\n19 de diciembre de 2023\n")
    c = convert_text(text, "t.txt", lang="spa")
    assert [before_note(c.tree, m) for m in "12"] == ["tratado", "Convicciones"]
    preamble = texts(c.tree.find(".//a:preamble", NS), notes=False)
    assert "en Rabat el 1 de octubre" in preamble and "en su 2o período" in preamble
    assert not [w for _, w in c.report.warnings if "guessed" in w]


def test_notes_after_an_adoption_line_broken_before_meeting():
    """"Adopted unanimously at the 1414th / meeting." then the notes, with no rule: the adoption
    line is found across its line break, and what follows it is the notes."""
    text = ("Resolution 249 (1968)\nof 18 April 1968\n\nThe Security Council,\n\nHaving examined the application"
            " of Mauritius for admission to the United\nNations (S/8466) ,45\n\nRecommends to the General Assembly"
            " that Mauritius be admitted to membership in the United Nations.\n\nAdopted unanimously at the 1414th\n"
            "meeting.\n\n\n\n45 See Official Records of the Security Council, Twenty-third Year, Supplement for\n"
            "January, February and March 1968.\n")
    c = convert(text)
    assert notes(c.tree) == {"45": "See Official Records of the Security Council, Twenty-third Year, Supplement"
                                    " for January, February and March 1968."}
    assert "Supplement" not in texts(c.tree.find(".//a:conclusions", NS))


#: A typeset page as pdftotext -layout reads it: the rule above the notes is drawn, not printed,
#: and each note's number is raised onto a line of its own; a word hyphenated (U+2010) at the foot
#: of the page goes on under the notes, on the next page.
TYPESET = HEAD + """       Recalling the Summit, held in Geneva in 2003,1 and endorsed by the Assembly,2
       Noting the report of the Secretary-General on the progress made in the imple\u2010

     1
       See A/C.2/59/3, annex.
     2
       See resolution 59/220.
\f A/RES/75/999
   mentation of the outcomes,
       1.  Decides to test the notes;
       2
       Requests the Secretary-General to report.
""" + TAIL


def test_notes_with_their_numbers_alone_and_no_rule():
    c = convert(TYPESET)
    assert notes(c.tree) == {"1": "See A/C.2/59/3, annex.", "2": "See resolution 59/220."}
    assert [before_note(c.tree, m) for m in "12"] == ["2003,", "Assembly,"]
    containers = [texts(x, notes=False) for x in c.tree.findall(".//a:preamble/a:container", NS)]
    assert containers[-1] == ("Noting the report of the Secretary-General on the progress made in the "
                              "implementation of the outcomes,")
    assert sum(r.kind == "hyphenation" for r in c.report.removed) == 1
    # "2" alone again, then an operative paragraph: not the next note's number, the paragraph's
    assert "Requests the Secretary-General to report." in texts(c.tree.find(".//a:mainBody", NS))
    assert c.report.words_lost == 0 and c.report.words_added == 0


@pytest.mark.parametrize("between", ["\n", "\n\n"])
def test_notes_after_an_adoption_line_with_their_numbers_alone(between):
    """A Council resolution's notes after its adoption line, each number raised onto a line of its
    own above its text (as pdftotext reads a typeset page), one blank line between or none."""
    text = ("Resolution 249 (1968)\nof 18 April 1968\n\nThe Security Council,\n\nHaving examined the application"
            " of Mauritius for admission to the United\nNations (S/8466),45\n\nRecommends to the General Assembly"
            " that Mauritius be admitted to membership in the United Nations.46\n\nAdopted unanimously at the"
            f" 1414th meeting.\n\n\n      45{between}         See Official Records of the Security Council, Twenty-third"
            f" Year,\n         Supplement for January, February and March 1968.\n      46{between}         Adopted"
            " without vote.\n")
    c = convert(text)
    assert notes(c.tree) == {"45": "See Official Records of the Security Council, Twenty-third Year, Supplement"
                                    " for January, February and March 1968.", "46": "Adopted without vote."}
    assert "Supplement" not in texts(c.tree.find(".//a:conclusions", NS))
    assert c.report.words_lost == 0 and c.report.words_added == 0


def test_notes_after_a_voters_list_with_a_stop_inside_its_brackets():
    """"(Belgium. / France, …)": a comma read as a full stop inside the adoption line's list of
    States; the line goes on to its closing bracket, and the note after it is a note."""
    text = ("63 (1948). Resolution of 24 December 1948\n\nThe Security Council,\n\nNoting with concern the"
            " resumption of hostilities,\n\n1. Calls upon the parties to cease hostilities forthwith.\n\n"
            "Adopted at the 392nd meeting by 7 votes to none,\nwith 4 abstentions (Belgium.\nFrance, Ukrainian"
            " Soviet\nSocialist Republic, 20 Union\nof Soviet Socialist Republics).\n\n\n20 The representative"
            " of the Ukrainian Soviet Socialist\nRepublic was absent.\n")
    c = convert(text)
    assert notes(c.tree) == {"20": "The representative of the Ukrainian Soviet Socialist Republic was absent."}
    assert before_note(c.tree, "20") == "Republic,"
    assert "absent" not in texts(c.tree.find(".//a:conclusions", NS), notes=False)


@pytest.mark.parametrize("note2, want", [
    # after a note that has ended its sentence, "[^49]:" is note 49 (as ``unakn text`` writes a
    # note whose number does not follow)
    ("Ibid., document S/13957.", {"2": "Ibid., document S/13957.", "49": "One member did not vote."}),
    # inside a note that has not, it is another tool's damage ("… as from 7 February 1984.")
    ("The Committee was redesignated as from", {"2": "The Committee was redesignated as from [^49]: One member"
                                                     " did not vote."}),
])
def test_a_definition_out_of_sequence(note2, want):
    text = (HEAD + "Recalling its resolution,[^2] and the vote,[^49]\n\n1. Decides to test the notes.\n" + TAIL
            + f"\n__________________\n[^2]: {note2}\n[^49]: One member did not vote.\n")
    c = convert(text)
    assert notes(c.tree) == want


def test_markers_ending_a_number_line_and_a_meeting_line():
    """A Council resolution's number line ending with a marker spelled out (``unakn text`` writes
    one it cannot glue to a digit) and its meeting line with the marker glued: both read as what
    they are, and the notes go where their markers are."""
    text = ("6 (1946). Resolution of 17 May 1946[^21]\n\nThe Security Council,\n\nTaking into account the"
            " Charter,\n\n1. Resolves to meet.\n\nAdopted at the 1710th meet-ing22\n\n__________________\n"
            "[^21]: Modified by the Council at its 51st meeting.\n22 In the absence of objections, the President"
            " declared the draft resolution adopted.\n")
    c = convert(text)
    assert c.tree.findtext(".//a:docNumber", namespaces=NS) == "6 (1946)."
    assert c.tree.find(".//a:FRBRWork/a:FRBRthis", NS).get("value") == "/akn/un/statement/deliberation/unsc/1946-05-17/6-1946/!main/"
    assert before_note(c.tree, "21") == "1946"
    conclusions = c.tree.find(".//a:conclusions", NS)
    assert conclusions is not None and before_note(c.tree, "22") == "meet-ing"
    assert conclusions.find(".//a:authorialNote", NS) is not None
    assert not [w for _, w in c.report.warnings if "truncated" in w or "unnumbered" in w]

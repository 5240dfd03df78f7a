"""One test (or a few) per recogniser, on small synthetic texts written for the purpose."""
from __future__ import annotations

import pytest

from conftest import NS
from converter import lang
from converter.errors import ConversionError, InputError
from converter.ingest import ingest
from converter.ingest.furniture import Context, furniture_kind
from converter.ingest.footnotes import note_is_complete
from converter.parse.chunks import chunk
from converter.parse.dates import parse_date
from converter.parse.inline import mark_references, mark_titles
from converter.parse.model import Text
from converter.parse.structure import ordinal_value
from converter.pipeline import convert_text

EN = lang.load("eng")

MINIMAL = """Resolution adopted by the General Assembly on 3 March 2021

[on the report of the Third Committee (A/75/478)]

75/999. Testing the converter

The General Assembly,

Recalling its resolution 74/1 of 1 January 2020,

Noting with concern the situation,

1. Decides to test;

2. Requests the Secretary-General to report:

(a) On the first thing;

(b) On the second thing, including:

(i) A detail;

(ii) Another detail;

(c) On the third thing.

12th plenary meeting
3 March 2021
"""


def convert(text, **kw):
    return convert_text(text.encode("utf-8"), "fixture.txt", **kw)


def texts(el):
    return " ".join("".join(el.itertext()).split())


# --- ingest -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line,kind", [
    ("25-17700 (E)", "job-number"), ("18-17962 (E)      021118", "job-number"), ("GE.17-05672 (E)", "job-number"),
    ("*2517700*", "barcode"), ("2/18", "page-number"), ("  12/12 ", "page-number"),
    ("Please recycle", "please-recycle"), ("A/RES/73/6", "running-head"),
    ("18-17962                                         3/5", "running-head"),
    ("[bookmark: _GoBack]", "word-bookmark"),
])
def test_furniture_lines(line, kind):
    assert furniture_kind(line, Context("A/RES/73/6", recycle=EN.regex("recycle"))) == kind


@pytest.mark.parametrize("line", ["Recalling its resolution 60/1,", "2013, and", "1. Decides", "(a) On",
                                  "General Assembly", "13/12"])
def test_text_is_not_furniture(line):
    assert furniture_kind(line, Context("A/RES/73/6")) is None


def test_footnote_completeness():
    abbr = EN.regex("note_abbreviations")
    assert note_is_complete("See A/C.2/59/3, annex.", abbr)
    assert not note_is_complete("Records of the General Conference,", abbr)
    assert not note_is_complete("Supplement No.", abbr)
    assert note_is_complete("A/67/65-E/2012/48 and Corr.1.", abbr)


def test_footnote_block_cuts_paragraph():
    text = ("The General Assembly,\n\n Recalling the outcome of the Summit on the\n\n__________\n"
            " 1 Resolution 60/1.\n 2 See A/60/1,\n   annex.\n Development Goals,1 and the report,2\n")
    ing = ingest(text.encode(), "f.txt", EN)
    assert {k: n.text for k, n in ing.notes.items()} == {"1": "Resolution 60/1.", "2": "See A/60/1, annex."}
    paras = chunk(ing.body, EN)
    assert [p.value for p in paras] == ["The General Assembly,",
                                        "Recalling the outcome of the Summit on the Development Goals,1 and the report,2"]


def test_decode_encodings():
    doc = MINIMAL
    for data in (doc.encode("utf-8-sig"), doc.encode("utf-16"), doc.replace("\n", "\r\n").encode(),
                 doc.encode("cp1252")):
        assert convert_text(data, "f.txt").report.words_lost == 0


# --- paragraphs ---------------------------------------------------------------------------------

def test_paragraphs_without_blank_lines():
    text = ("The General Assembly,\n Recalling its resolutions,\n Noting also the report\nof the Secretary-General,\n"
            " 1. Decides to act;\n 2. Requests a report.\n")
    paras = chunk(ingest(text.encode(), "f", EN).body, EN)
    assert [p.value.split()[0] for p in paras] == ["The", "Recalling", "Noting", "1.", "2."]


def test_double_spaced_text_keeps_sentences_together():
    text = ("The Human Rights Council,\n\nRecalling the Charter of the\n\nUnited Nations,\n\n"
            "Noting the report,\n\n1. Decides to remain\n\nseized of the matter.\n")
    paras = chunk(ingest(text.encode(), "f", EN).body, EN)
    assert [p.value for p in paras] == ["The Human Rights Council,", "Recalling the Charter of the United Nations,",
                                        "Noting the report,", "1. Decides to remain seized of the matter."]


# --- structure ----------------------------------------------------------------------------------

def test_cover_preface_preamble_body_conclusions():
    t = convert(MINIMAL).tree
    assert texts(t.find(".//a:coverPage//a:docTitle", NS)) == "Resolution adopted by the General Assembly on 3 March 2021"
    assert t.find(".//a:docProponent", NS).get("refersTo") == "#thirdCommittee"
    assert texts(t.find(".//a:preface/a:p/a:docNumber", NS)) == "75/999."
    assert [c.get("name") for c in t.findall(".//a:container", NS)] == ["Recalling", "Noting with concern"]
    assert t.find(".//a:conclusions//a:location", NS).get("title") == "12th"


def test_points_nested():
    t = convert(MINIMAL).tree
    para2 = t.find(".//a:paragraph[@eId='para_2']", NS)
    assert texts(para2.find("a:list/a:intro", NS)) == "Requests the Secretary-General to report:"
    points = para2.findall("a:list/a:point", NS)
    assert [p.find("a:num", NS).text for p in points] == ["(a)", "(b)", "(c)"]
    sub = points[1].findall("a:list/a:point", NS)
    assert [p.get("eId") for p in sub] == ["para_2__list_1__point_b__list_1__point_i",
                                           "para_2__list_1__point_b__list_1__point_ii"]


def test_sections_and_annex():
    text = MINIMAL.replace("1. Decides to test;", "I\n\nGeneral matters\n\n1. Decides to test;") \
        .replace("(c) On the third thing.", "(c) On the third thing;\n\nII. Other matters\n\n3. Decides to end.") \
        + "\nAnnex\n\nTerms of reference\n\n1. The group shall meet.\n\n2. It shall report.\n"
    t = convert(text).tree
    secs = t.findall(".//a:mainBody/a:section", NS)
    assert [(s.find("a:num", NS).text, texts(s.find("a:heading", NS))) for s in secs] == [
        ("I", "General matters"), ("II.", "Other matters")]
    annex = t.find(".//a:attachments/a:attachment/a:doc[@name='annex']", NS)
    assert annex.find(".//a:FRBRWork/a:FRBRthis", NS).get("value").endswith("/!annex_1")
    assert len(annex.findall("a:mainBody/a:paragraph", NS)) == 2


def test_references_and_dates():
    t = Text("Recalling its resolutions 56/183 of 21 December 2001, 57/270 B of 23 June 2003 and 2453 A (XXIII),"
             " Council resolution 2013/9, Security Council resolution 242 (1967) and documents A/68/65-E/2013/11 and A/C.2/59/3")
    mark_references(t, EN)
    hrefs = [s.attrs["href"].rsplit("/en/", 1)[1] for s in sorted(t.spans, key=lambda s: s.start)]
    assert hrefs == ["A/RES/56/183", "A/RES/57/270B", "A/RES/2453(XXIII)", "E/RES/2013/9", "S/RES/242(1967)",
                     "A/68/65", "A/C.2/59/3"]
    assert parse_date("20 December 2013", EN) == "2013-12-20"
    assert parse_date("31 February 2013", EN) is None


def test_dates_and_closing_lines_with_no_break_spaces():
    """The UN's own English files print "14\xa0December 1960" (a no-break space after the day):
    a date, in the text and in the closing lines, as with a space."""
    text = MINIMAL.replace("of 1 January 2020", "of 1\xa0January 2020").replace(
        "12th plenary meeting\n3 March 2021", "12th plenary meeting\n3\xa0March 2021")
    c = convert(text)
    dates = [(d.get("date"), d.text) for d in c.tree.iterfind(".//a:preamble//a:date", NS)]
    assert dates == [("2020-01-01", "1\xa0January 2020")]
    closing = c.tree.find(".//a:conclusions//a:docDate", NS)
    assert (closing.get("date"), closing.text) == ("2021-03-03", "3\xa0March 2021")
    assert not c.report.warnings


@pytest.mark.parametrize("between", [" ", "\n", "\n\n"])
def test_agenda_item_and_its_name(between):
    """The agenda item's name after "Agenda item 58" on its line, on the next, or a paragraph apart
    (as ``unakn text`` writes the UN's cover page): an inline "agenda item name", as the UN marks it."""
    masthead = (f"United Nations A/RES/75/999\n\nGeneral Assembly Distr.: General\n4 March 2021\n\n"
                f"Seventy-fifth session\nAgenda item 58{between}Implementation of the Declaration\n\n")
    c = convert(masthead + MINIMAL)
    cover = c.tree.find(".//a:coverPage", NS)
    assert cover.find(".//a:inline[@name='agenda item']", NS).get("title") == "58"
    assert cover.find(".//a:inline[@name='agenda item name']", NS).text == "Implementation of the Declaration"


def test_introductory_phrases_stop_before_their_object():
    """The italic phrase is the verb and its adverbs, as the UN's files print it: "Takes note" of
    the report, "Stresses" the importance, "Stressing" the importance (the container is named so);
    "Takes note with appreciation" keeps its adverb."""
    c = convert(MINIMAL.replace("Noting with concern the situation,", "Stressing the importance of tests,").replace(
        "1. Decides to test;", "1. Takes note of the report;\n\n2. Stresses the importance of tests;\n\n"
        "3. Takes note with appreciation of the work;").replace("2. Requests", "4. Requests"))
    assert not c.report.warnings
    italics = [s.text for s in c.tree.iterfind(".//a:span[@class='italic']", NS)]
    assert italics[:3] == ["The General Assembly", "Recalling", "Stressing"]
    assert "Takes note" in italics and "Stresses" in italics and "Takes note with appreciation" in italics
    assert c.tree.find(".//a:preamble/a:container[2]", NS).get("name") == "Stressing"


def test_resumed_plenary_meeting_closes_the_resolution():
    """"50th (resumed) plenary meeting" (A/RES/78/244): the closing lines, with their date."""
    c = convert(MINIMAL.replace("12th plenary meeting\n3 March 2021", "50th (resumed) plenary meeting\n3 March 2021"))
    assert c.tree.find(".//a:conclusions//a:location", NS).text == "50th (resumed) plenary meeting"
    assert c.tree.find(".//a:conclusions//a:docDate", NS).get("date") == "2021-03-03"
    assert not c.report.warnings


@pytest.mark.parametrize("code, recital, day_month", [
    ("fra", "Prenant note des lettres datées du 1er septembre 127 et du 8 septembre 1993,", "septembre"),
    ("spa", "Tomando nota de las cartas de fecha 1 de septiembre 127 y 8 de septiembre de 1993,", "septiembre"),
    ("rus", "принимая к сведению письма от 1 сентября 127 и 8 сентября 1993 года,", "сентября"),
])
def test_a_marker_between_a_day_and_month_and_the_rest_of_the_date(code, recital, day_month):
    """"du 1er septembre 127 et du 8 septembre 1993": the marker after a day and month with no
    year, in each language's date form (the day-and-month test read the pattern's space before
    the year as part of it, and never matched outside English)."""
    from converter.parse.inline import _ends_with_day_month
    table = lang.load(code)
    assert _ends_with_day_month(table)(recital[:recital.index(" 127")])
    assert not _ends_with_day_month(table)(recital[:recital.index(day_month) - 1])


def _links(text, table=EN, own=None):
    t = Text(text)
    mark_references(t, table, own)
    return [(t.value[s.start:s.end], s.attrs["href"].rsplit("/en/", 1)[1]) for s in sorted(t.spans, key=lambda s: s.start)]


@pytest.mark.parametrize("text, want", [
    # a chain goes on past a resolution's letters and the title of one it cites
    ("resolutions 56/245 of 24 December 2001, 57/284 A and B of 20 December 2002, 58/286 of 8 April 2004",
     [("56/245", "A/RES/56/245"), ("57/284 A", "A/RES/57/284"), ("58/286", "A/RES/58/286")]),
    # a part adopted with the resolution is in its document; one adopted a year on, at a resumed
    # session, is a document of its own
    ("resolutions 45/58 P of 4 December 1990, 74/254 A of 27 December 2019, 74/254 B of 6 August 2020 and 72/266 B",
     [("45/58 P", "A/RES/45/58"), ("74/254 A", "A/RES/74/254"), ("74/254 B", "A/RES/74/254B"), ("72/266 B", "A/RES/72/266")]),
    ("resolutions 70/193 of 22 December 2015 on the proclamation of 2017 as the International Year of Sustainable"
     " Tourism for Development, 74/214 of 19 December 2019 on sustainable tourism and sustainable development in"
     " Central Asia, 75/223 of 21 December 2020, entitled \u201cGlobal Code\u201d, and 77/178",
     [("70/193", "A/RES/70/193"), ("74/214", "A/RES/74/214"), ("75/223", "A/RES/75/223"), ("77/178", "A/RES/77/178")]),
    # the chain goes on to a number in any form a citation takes ("1747(XVI)", no space)
    ("resolutions 1514 (XV) of 14 December 1960, 1747(XVI) of 28 June 1962",
     [("1514 (XV)", "A/RES/1514(XV)"), ("1747(XVI)", "A/RES/1747(XVI)")]),
    # special and emergency special sessions, in both numberings ("1874 (S-IV)" before 1976)
    ("resolutions S-10/2 and ES-10/19", [("S-10/2", "A/RES/S-10/2"), ("ES-10/19", "A/RES/ES-10/19")]),
    ("resolutions 1874 (S-IV) of 27 June 1963, 3101 (XXVIII) of 11 December 1973 and 55/235",
     [("1874 (S-IV)", "A/RES/1874(S-IV)"), ("3101 (XXVIII)", "A/RES/3101(XXVIII)"), ("55/235", "A/RES/55/235")]),
    # an old-style number is the council's named before it, not the Assembly's
    ("Economic and Social Council resolution 2008 (LX) of 14 May 1976 and Trusteeship Council resolution 2183 (LIII)",
     [("2008 (LX)", "E/RES/2008(LX)"), ("2183 (LIII)", "T/RES/2183(LIII)")]),
    # not the Assembly's: a commission's resolution of 2018 numbered 27/2 (the Assembly's 27/2 would be
    # of 1972, and it numbered so only from 1976), linked to nothing; the chain goes on
    ("resolution 27/2 of 18 May 2018, resolution 72/1 of 1 October 2017", [("72/1", "A/RES/72/1")]),
    ("resolution 33/3 of 29 September 2016", [("33/3", "A/HRC/RES/33/3")]),  # the Council's 33rd session
])
def test_resolution_citations(text, want):
    assert _links(text) == want


def _titles(text, code="eng"):
    t = Text(text)
    table = lang.load(code)
    mark_references(t, table)
    mark_titles(t, table)
    return [t.value[s.start:s.end] for s in sorted(t.spans, key=lambda s: s.start) if s.kind == "title"]


@pytest.mark.parametrize("code, text, want", [
    ("eng", "United Nations, Treaty Series, vol. 2221, No. 39486.", ["Treaty Series"]),
    ("eng", "See Official Records of the General Assembly, Seventy-eighth Session, Supplement No.\xa023 (A/78/23); "
            "Ibid., Seventy-fourth Session, Supplement No. 53A (A/74/53/Add.1).",
     ["Official Records of the General Assembly, Seventy-eighth Session, Supplement No.\xa023",
      "Seventy-fourth Session, Supplement No. 53A"]),
    ("eng", "Official Records of the Economic and Social Council, 2023, Supplement No. 10 (E/2023/30)",
     ["Official Records of the Economic and Social Council, 2023, Supplement No. 10"]),
    ("eng", "the treaty series of the Council, vol. 2; the official records of the General Assembly", []),
    ("fra", "Nations Unies, Recueil des Traités, vol. 500, no 7310. Documents officiels de l’Assemblée générale,"
            " soixante-dix-huitième session, Supplément no 23 (A/78/23). Ibid., soixante et onzième session,"
            " Supplément no 53A (A/71/53/Add.1).",
     ["Recueil des Traités", "Documents officiels de l’Assemblée générale, soixante-dix-huitième session, Supplément no 23",
      "soixante et onzième session, Supplément no 53A"]),
    ("spa", "Documentos Oficiales de la Asamblea General, septuagésimo octavo período de sesiones, suplemento núm. 23"
            " (A/78/23). Ibid., septuagésimo cuarto período de sesiones, suplemento núm. 26 (A/74/26).",
     ["Documentos Oficiales de la Asamblea General, septuagésimo octavo período de sesiones, suplemento núm. 23",
      "Ibid", "septuagésimo cuarto período de sesiones, suplemento núm. 26"]),
    ("rus", "Официальные отчеты Генеральной Ассамблеи, семьдесят восьмая сессия, Дополнение № 23 (A/78/23). Там же,"
            " семьдесят четвертая сессия, Дополнение № 53А (A/74/53/Add.1).",
     ["Официальные отчеты Генеральной Ассамблеи, семьдесят восьмая сессия, Дополнение № 23",
      "семьдесят четвертая сессия, Дополнение № 53А"]),
    ("ara", "الوثائق الرسمية للجمعية العامة، الدورة الثامنة والسبعون، الملحق رقم 26 (A/78/26). المرجع نفسه، الدورة"
            " الرابعة والسبعون، الملحق رقم 53 ألف (A/74/53/Add.1). United Nations, Treaty Series, vol. 1771, No. 30822.",
     ["الوثائق الرسمية للجمعية العامة، الدورة الثامنة والسبعون، الملحق رقم 26", "الدورة الرابعة والسبعون، الملحق رقم 53 ألف",
      "Treaty Series"]),
])
def test_titles_of_publications_are_italic_as_the_un_prints_them(code, text, want):
    """The titles a note cites that the UN prints in italics, read from their fixed forms: the
    Treaty Series, the Official Records of an organ with their session and supplement, and an
    "Ibid." that goes on with another session (not a symbol in brackets after them)."""
    assert _titles(text, code) == want


def test_a_title_is_italic_in_the_xml():
    xml = convert_text(MINIMAL.replace("1. Decides to test;", "1. Decides to test the Convention;1")
                       + "\n__________\n1 United Nations, Treaty Series, vol. 2221, No. 39486.\n", "t.txt").xml
    assert b'United Nations, <span class="italic">Treaty Series</span>, vol. 2221' in xml


def test_symbols_of_other_series_and_parts():
    """Symbols of series other than A, S and E ("FCCC/CP/2015/10/Add.1", "NPT/CONF.2010/50"), and
    a report's part, linked as the UN links it ("A/CONF.157/24 (Part I)" → A/CONF.157/24(PartI));
    not a word and slash that is no symbol ("and/or 2020", "STATE/10")."""
    text = ("decision 1/CP.21, annex (FCCC/CP/2015/10/Add.1), the Final Document (NPT/CONF.2010/50 (Vol. I)),"
            " CD/1839, TD/B/EDE/6/4 and A/CONF.157/24 (Part I), chap. III; and/or 2020, STATE/10")
    assert _links(text) == [("FCCC/CP/2015/10/Add.1", "FCCC/CP/2015/10/Add.1"), ("NPT/CONF.2010/50", "NPT/CONF.2010/50"),
                            ("CD/1839", "CD/1839"), ("TD/B/EDE/6/4", "TD/B/EDE/6/4"),
                            ("A/CONF.157/24 (Part I)", "A/CONF.157/24(PartI)")]


@pytest.mark.parametrize("code, text, want", [
    ("eng", "resolutions 72/266\xa0B and 72/262\xa0C and documents A/78/6 (Sect.\xa029A) and A/78/6 (Sect. 2)",
     ["A/RES/72/266", "A/RES/72/262", "A/78/6(Sect.29A)", "A/78/6(Sect.2)"]),  # no letter or space in an address
    ("fra", "ses résolutions 70/193 du 22 décembre 2015 sur la proclamation de 2017 comme Année internationale du"
            " tourisme durable et 74/214 du 19 décembre 2019", ["A/RES/70/193", "A/RES/74/214"]),
    ("spa", "sus resoluciones 70/193, de 22 de diciembre de 2015, sobre la proclamación de 2017 como Año Internacional"
            " del Turismo Sostenible, y 74/214", ["A/RES/70/193", "A/RES/74/214"]),
    ("rus", "свои резолюции, в частности 70/193 от 22 декабря 2015 года о провозглашении 2017 года Международным годом"
            " устойчивого туризма, 74/214 от 19 декабря 2019 года", ["A/RES/70/193", "A/RES/74/214"]),
    ("rus", "свои резолюции 38/227 А от 20 декабря 1983 года, 41/213 от 19 декабря 1986 года и резолюции"
            " Экономического и Социального Совета 2006/46, 2008/3", ["A/RES/38/227", "A/RES/41/213", "E/RES/2006/46",
                                                               "E/RES/2008/3"]),  # a Cyrillic "А"
    ("zho", "回顾其第1514(XV)号决议和安全理事会第1769(2007)号决议以及第S-19/2号决议,注意到文件FCCC/CP/2015/10/Add.1和A/C.2/59/3",
     ["A/RES/1514(XV)", "S/RES/1769(2007)", "A/RES/S-19/2", "FCCC/CP/2015/10/Add.1", "A/C.2/59/3"]),
    ("ara", "قراراتها 57/284 ألف وباء المؤرخين 20 كانون الأول/ديسمبر 2002 و 58/286 المؤرخ 8 نيسان/أبريل 2004",
     ["A/RES/57/284", "A/RES/58/286"]),  # the letters spelled out, "dated" in the plural
    ("ara", "قراراتها 38/227 المؤرخ 20 كانون الأول/ديسمبر 1983 و 41/213 المؤرخ 19 كانون الأول/ديسمبر 1986، وقرار مجلس"
            " الأمن رقم 242 (1967)", ["A/RES/38/227", "A/RES/41/213", "S/RES/242(1967)"]),
    # every letter spelled out ("طاء", "عين"), a month broken after its slash ("تشرين الثاني/ نوفمبر"), a
    # date without its day (the UN's own slip, "المؤرخ كانون الأول/ديسمبر 2018")
    ("ara", "قراراتها 45/58 عين المؤرخ 4 كانون الأول/ديسمبر 1990 و 55/33 سين المؤرخ 20 تشرين الثاني/ نوفمبر 2000 و 73/72"
            " المؤرخ كانون الأول/ديسمبر 2018 و 74/67", ["A/RES/45/58", "A/RES/55/33", "A/RES/73/72", "A/RES/74/67"]),
    # a title ("بشأن …") between two numbers; "لقرارها" (to its resolution); the Assembly named after the word
    ("ara", "القرارات 70/193 المؤرخ 22 كانون الأول/ديسمبر 2015 بشأن إعلان سنة 2017 السنة الدولية للسياحة، و 74/214"
            " المؤرخ 19 كانون الأول/ديسمبر 2019، وفقا لقرارها 75/315 وقرار الجمعية العامة 46/215",
     ["A/RES/70/193", "A/RES/74/214", "A/RES/75/315", "A/RES/46/215"]),
    # the session as Arabic writes it: "(د-15)" is (XV), "(دإ-4)" a special session's (S-IV)
    ("ara", "قراراتها 1874 (دإ-4) المؤرخ 27 حزيران/يونيه 1963 و 3101 (د-28) المؤرخ 11 كانون الأول/ديسمبر 1973 و 55/235",
     ["A/RES/1874(S-IV)", "A/RES/3101(XXVIII)", "A/RES/55/235"]),
    # the council named after the word or after the number; a title after "relativa al"
    ("spa", "Resoluciones del Consejo Económico y Social 2006/46, 2008/3 y la resolución\xa052/6\xa0del Consejo de Derechos"
            " Humanos, de\xa03\xa0de abril de 2023, y las resoluciones 74/214, de\xa019\xa0de diciembre de 2019, relativa al"
            " turismo sostenible, 75/223", ["E/RES/2006/46", "E/RES/2008/3", "A/HRC/RES/52/6", "A/RES/74/214", "A/RES/75/223"]),
    ("fra", "la résolution 52/6 du Conseil des droits de l’homme en date du 3\xa0avril 2023", ["A/HRC/RES/52/6"]),
    # another body named after the number: its resolution, not the Assembly's (not linked); the Assembly
    # or "the Council" named so read as before
    ("spa", "la resolución\xa032/1\xa0de la Comisión de Prevención del Delito y Justicia Penal y la resolución 60/1 de la"
            " Asamblea General", ["A/RES/60/1"]),
    ("rus", "резолюцию\xa032/1 Комиссии по предупреждению преступности и уголовному правосудию", []),
    ("eng", "resolution 32/1 of the Commission on Crime Prevention and Criminal Justice, resolution 2006/46 of the Council",
     ["E/RES/2006/46"]),
    ("fra", "la résolution 32/1 de la Commission pour la prévention du crime et la résolution 60/1 de l'Assemblée générale",
     ["A/RES/60/1"]),
    ("rus", "резолюцию\xa052/6 Совета по правам человека от 3\xa0апреля 2023\xa0года", ["A/HRC/RES/52/6"]),
    # a range of letters ("A-B"); "год" for "года" (the UN's slip)
    ("rus", "резолюции\xa056/245 от 24\xa0декабря 2001\xa0года, 57/284\xa0A-B от 20\xa0декабря 2002\xa0года, 58/286 от 8"
            "\xa0апреля 2004\xa0год и 61/185", ["A/RES/56/245", "A/RES/57/284", "A/RES/58/286", "A/RES/61/185"]),
    ("eng", "resolutions 57/284 A-B of 20 December 2002 and 58/286", ["A/RES/57/284", "A/RES/58/286"]),
    # Chinese prints the date before the number: it tells whose "第33/3号" is (the Human Rights Council's
    # 33rd session sat in 2016, the Assembly's in 1978); the council may be named before the date
    ("zho", "以及人权理事会2011年9月29日第18/6号、2016年9月29日第33/3号决议，又回顾经济及社会理事会1976年5月14日第2008(LX)号决议",
     ["A/HRC/RES/18/6", "A/HRC/RES/33/3", "E/RES/2008(LX)"]),
    # a special session's number with no "第"; a letter with no space before the session; a report's part
    # with no space before it, and its corrigendum
    ("zho", "S-19/2号决议，附件。见第2200 A(XXI)号决议。A/CONF.157/24(Part I)和A/CONF.157/24(Part I)/Corr.1，第三章",
     ["A/RES/S-19/2", "A/RES/2200(XXI)", "A/CONF.157/24(PartI)", "A/CONF.157/24(PartI)/Corr.1"]),
    # a citation in brackets; a special session as Arabic writes it ("دإ-10/2"); a chain going on past a
    # date without its year (the UN's slip); a session no body has held ("321/77", digits misordered)
    ("ara", "(القرار 76/258، المرفق) والقرار دإ-10/2 وقرارات مجلس حقوق الإنسان 18/6 المؤرخ 29 أيلول/سبتمبر، و 33/3"
            " المؤرخ 29 أيلول/سبتمبر 2016 وقرارها 321/77 المؤرخ 1 آب/أغسطس 2023",
     ["A/RES/76/258", "A/RES/S-10/2", "A/HRC/RES/18/6", "A/HRC/RES/33/3"]),
    # the instrumental case: "резолюцией 845 (IX)", "резолюциями 69/38, 71/90"
    ("rus", "в соответствии с ее резолюцией\xa0845 (IX) и ее резолюциями 69/38, 71/90", ["A/RES/845(IX)", "A/RES/69/38",
                                                                                  "A/RES/71/90"]),
])
def test_resolution_citations_in_each_language(code, text, want):
    """Chains of citations as each language writes them (dates, titles, letters between the
    numbers; the council named after the word for resolution), as the UN's own files link them."""
    assert [href for _, href in _links(text, lang.load(code))] == want


def test_resolution_citations_by_the_body_citing_them():
    """"its resolution 7/34" in a Human Rights Council text is the Council's; in French, the
    Council's resolutions known by the dates of their sessions ("18/6 du 29 septembre 2011")."""
    assert _links("Recalling its resolution 7/34 of 28 March 2008", own="A/HRC/RES/") == [("7/34", "A/HRC/RES/7/34")]
    assert _links("Recalling its resolution 7/34", own="A/RES/") == []
    assert _links("Recalling its resolution 7/34", own="S/RES/") == []  # the Security Council numbers otherwise
    fra = lang.load("fra")
    assert _links("les résolutions 18/6 du 29 septembre 2011, 33/3 du 29 septembre 2016 et 60/1 du 16 septembre 2005",
                  fra) == [("18/6", "A/HRC/RES/18/6"), ("33/3", "A/HRC/RES/33/3"), ("60/1", "A/RES/60/1")]


def test_ordinals():
    assert [ordinal_value(w, EN) for w in ("Seventy-third", "Eightieth", "First", "Sixty-eighth")] == [73, 80, 1, 68]


def test_glued_and_repeated_markers():
    text = MINIMAL.replace("of 1 January 2020,", "of 1 January 2020,1").replace("1. Decides to test;",
                                                                               "1. Decides to test the Summit in Geneva1;") \
        + "\n__________\n 1 Resolution 74/1.\n"
    t = convert(text).tree
    note = t.find(".//a:authorialNote", NS)
    assert note.get("marker") == "1" and texts(note) == "Resolution 74/1."
    assert t.find(".//a:noteRef", NS).get("href") == "#" + note.get("eId")


# --- errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("data,message", [
    (b"", "empty input"), (b"   \n\n", "empty input"), (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 40, "binary data"),
])
def test_unreadable_input(data, message):
    with pytest.raises(InputError) as e:
        convert_text(data, "bad.txt")
    assert message in str(e.value) and str(e.value).startswith("bad.txt:")


def test_no_resolution_recognised():
    with pytest.raises(ConversionError) as e:
        convert_text(b"\n\nShopping list\neggs and milk\n", "list.txt")
    assert str(e.value).startswith("list.txt:3:") and "no resolution recognised" in str(e.value)


def test_strict_turns_guesses_into_errors():
    text = MINIMAL + "\n__________\n 1 A note whose marker the text lost.\n"
    warnings = convert(text).report.warnings
    assert warnings and "no marker found for footnote 1" in warnings[0][1]
    with pytest.raises(ConversionError) as e:
        convert(text, strict=True)
    assert "no marker found" in str(e.value) and str(e.value).startswith("fixture.txt:")


def test_numbering_gap_is_a_reported_guess_and_strict_refuses_it():
    r = convert(MINIMAL.replace("2. Requests", "4. Requests"))
    para = r.tree.find(".//a:mainBody/a:paragraph[2]", NS)
    assert para.get("class") == "numberGap" and para.get("eId") == "para_4"
    line = MINIMAL.splitlines().index("2. Requests the Secretary-General to report:") + 1
    assert (line, "paragraph numbered 4 after 1: paragraph(s) 2–3 are not in the source") in r.report.warnings
    with pytest.raises(ConversionError) as e:
        convert(MINIMAL.replace("2. Requests", "4. Requests"), strict=True)
    assert "not in the source" in str(e.value)


def test_numbers_out_of_order_are_an_error_naming_the_paragraph():
    with pytest.raises(ConversionError) as e:
        convert(MINIMAL.replace("2. Requests", "1. Requests"))
    assert 'numbered "1." should be 2' in str(e.value)


# --- damaged and other-tool layouts -------------------------------------------------------------

def test_markdown_footnotes_and_explicit_markers():
    text = MINIMAL.replace("of 1 January 2020,", "of 1 January 2020,[^1]").replace(
        "1. Decides to test;", "1. Decides to test the Summit[^1];") + "\n---\n\n[^1]: Resolution 74/1.\n"
    t = convert(text).tree
    note = t.find(".//a:authorialNote", NS)
    assert note.get("marker") == "1" and texts(note) == "Resolution 74/1."
    assert t.find(".//a:noteRef", NS).get("href") == "#" + note.get("eId")


def test_trailing_notes_after_the_meeting_line():
    text = ("Resolution 999 (1960) of 1 June 1960\n\nThe Security Council,\n\nNoting the report,5\n\n"
            "1. Decides to act.\n\nAdopted at the 900th meeting\nby 10 votes to none.\n\n"
            "5. Official Records, Supplement for June 1960.\n")
    c = convert(text)
    note = c.tree.find(".//a:authorialNote", NS)
    assert note.get("marker") == "5" and texts(note) == "Official Records, Supplement for June 1960."
    assert c.tree.find(".//a:conclusions//a:location", NS).text == "900th meeting"
    votes = {i.get("name"): i.text for i in c.tree.findall(".//a:conclusions//a:inline", NS)}
    assert votes == {"for": "10", "against": "none"}


def test_ocr_paragraph_numbers():
    text = MINIMAL.replace("1. Decides to test;", "1, Decides to test;")
    c = convert(text)
    assert c.tree.find(".//a:paragraph[@eId='para_1']/a:num", NS).text == "1,"
    assert any("read as 1." in w for _, w in c.report.warnings)


def test_lost_paragraph_number_is_marked_not_invented():
    text = MINIMAL.replace("2. Requests", "Requests").replace("(c) On the third thing.",
                                                               "(c) On the third thing;\n\n3. Decides to end.")
    c = convert(text)
    lost = c.tree.find(".//a:mainBody/a:paragraph[@eId='para_2']", NS)
    assert lost.get("class") == "numberLost" and lost.find("a:num", NS) is None
    assert any("no printed number" in w for _, w in c.report.warnings)


def test_paragraph_starting_mid_line_is_split():
    text = MINIMAL.replace("(c) On the third thing.", "(c) On the third thing. 3. Decides to end.")
    c = convert(text)
    assert c.tree.find(".//a:paragraph[@eId='para_3']/a:num", NS).text == "3."
    assert any("middle of a line" in w for _, w in c.report.warnings)


def test_control_characters_are_reported_not_written():
    c = convert_text(("\f" + MINIMAL.replace("Noting", "No\x0bting")).encode(), "f.txt")
    assert [r.kind for r in c.report.removed].count("control-character") == 2
    assert b"\x0c" not in c.xml and b"\x0b" not in c.xml


def test_hrc_decision_with_star_note_and_adoption_note():
    text = ("Decision adopted by the Human Rights Council*\n\n14/999 A test decision\n\n"
            "At its 24th meeting, on 10 June 2010, the Human Rights Council decided to adopt the following text:\n\n"
            "The Human Rights Council,\n\nNoting the report,\n\n1. Decides to act.\n\n24th meeting 10 June 2010\n\n"
            "[Adopted without a vote.]\n\n* The decisions will be in the report of the Council.\n")
    c = convert(text)
    t = c.tree
    assert t.getroot()[0].get("name") == "decision"
    assert t.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == "/akn/un/statement/deliberation/unhrc/2010-06-10/14-999/"
    note = t.find(".//a:coverPage//a:authorialNote", NS)
    assert note.get("marker") == "*" and texts(note) == "The decisions will be in the report of the Council."
    outcome = t.find(".//a:conclusions//a:inline[@name='outcome']", NS)
    assert outcome.text == "Adopted without a vote"


def test_ocr_month_in_a_number_line():
    text = "Resolution 999 (1991)\nof 3 Apri] 1991\n\nThe Security Council,\n\nNoting the report,\n\n1. Decides to act.\n"
    c = convert(text)
    assert c.tree.find(".//a:FRBRWork/a:FRBRdate", NS).get("date") == "1991-04-03"
    assert any("(OCR)" in w for _, w in c.report.warnings)


def test_dash_items_are_points_with_their_dash():
    text = MINIMAL.replace("(a) On the first thing;\n\n(b) On the second thing, including:\n\n(i) A detail;\n\n"
                           "(ii) Another detail;\n\n(c) On the third thing.",
                           "— On the first thing;\n\n— On the second thing.")
    t = convert(text).tree
    points = t.findall(".//a:paragraph[@eId='para_2']/a:list/a:point", NS)
    assert [(p.get("eId"), p.find("a:num", NS).text) for p in points] == [
        ("para_2__list_1__point_1", "—"), ("para_2__list_1__point_2", "—")]


def test_output_to_a_device_is_written_not_replaced(tmp_path):
    import os
    import stat
    from converter.cli import write_atomic
    write_atomic(tmp_path / "a.xml", b"x")
    assert (tmp_path / "a.xml").read_bytes() == b"x" and not list(tmp_path.glob(".*.tmp"))
    write_atomic("/dev/null", b"data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_votes_are_recorded_in_meta_analysis():
    text = ("Resolution 999 (1960) of 1 June 1960\n\nThe Security Council,\n\nNoting the report,\n\n"
            "1. Decides to act.\n\nAdopted at the 900th meeting by 10 votes to none, with one abstention.\n")
    voting = convert(text).tree.find(".//a:meta/a:analysis/a:parliamentary/a:voting", NS)
    assert voting.get("outcome") == "adoptedByVote"
    assert [(c.get("refersTo"), c.get("value")) for c in voting] == [
        ("#inFavour", "10"), ("#against", "0"), ("#abstaining", "1")]
    quiet = convert(MINIMAL.replace("12th plenary meeting", "[Adopted without a vote.]\n\n12th plenary meeting"))
    assert quiet.tree.find(".//a:voting", NS).get("outcome") == "adoptedWithoutVote"


def test_masthead_lines_are_never_running_titles():
    text = ("United Nations\nA/RES/80/99\n\nGeneral Assembly\nDistr.: General\n14 October 2025\n25-16482 (E)\n*2516482*\n\n"
            "Resolution adopted by the General Assembly on 14 October 2025\n\n80/99. A title\n\n"
            "The General Assembly,\n\nRecalling the United Nations and the General Assembly,\n\n1. Decides to act.\n")
    c = convert(text)
    assert not [r for r in c.report.removed if r.kind == "running-title"]
    cover = [texts(p) for p in c.tree.findall(".//a:coverPage/a:p", NS)]
    assert cover[:2] == ["United Nations A/RES/80/99", "General Assembly Distr.: General 14 October 2025"]


def test_document_adopted_inside_a_paragraph_is_kept_whole():
    text = ("Resolution adopted by the General Assembly on 3 March 2021\n\n75/998. A declaration\n\n"
            "The General Assembly,\n\nAdopts the following declaration:\n\nDeclaration on testing\n\n"
            "We, the Heads of State, commit to:\n\n(a) Testing;\n\n(b) Reporting;\n\n"
            "1. Commit to test;\n\n2. Resolve to report.\n\n12th plenary meeting\n3 March 2021\n")
    t = convert(text).tree
    paras = t.findall(".//a:mainBody/a:paragraph", NS)
    assert len(paras) == 1
    embedded = paras[0].find("a:content/a:p/a:embeddedStructure", NS)
    assert texts(embedded.find("a:p", NS)) == "Declaration on testing"
    chapeau = embedded.find("a:paragraph/a:list", NS)
    assert [p.find("a:num", NS).text for p in chapeau.findall("a:point", NS)] == ["(a)", "(b)"]
    assert [p.find("a:num", NS).text for p in embedded.findall("a:paragraph/a:num/..", NS)] == ["1.", "2."]


def test_resolution_run_together_on_one_line():
    line = ("Resolution adopted by the General Assembly on 25 October 1971 2758 (XXVI). Restoration of rights "
            "The General Assembly, Recalling the principles of the Charter of the United Nations, Considering "
            "that the restoration of the lawful rights is essential for the protection of the Charter and for "
            "the cause that the United Nations must serve under the Charter, Recognizing that the "
            "representatives of the Government are the only lawful representatives to the United Nations and "
            "that it is one of the five permanent members of the Security Council, Decides to restore all its "
            "rights and to recognize the representatives of its Government as the only legitimate "
            "representatives to the United Nations, and to expel forthwith the others from the place which "
            "they unlawfully occupy at the United Nations and in all the organizations related to it.")
    c = convert("Site menu | Home\n" + line + "\n")
    names = [n.get("name") for n in c.tree.findall(".//a:preamble/a:container", NS)]
    assert names == ["Recalling", "Considering", "Recognizing"]
    assert len(c.tree.findall(".//a:mainBody/a:paragraph", NS)) == 1


def test_recorded_vote_with_lists_of_states():
    text = ("Resolution adopted by the Human Rights Council on 24 March 2017\n\n34/999. A test\n\n"
            "The Human Rights Council,\n\nNoting the report,\n\n1. Decides to act.\n\n58th meeting\n24 March 2017\n\n"
            "[Adopted by a recorded vote of 30 to 2, with 3 abstentions. The voting was as follows:\n\n"
            "In favour:\n\nAlbania, Bolivia (Plurinational State of), Cuba\n\n"
            "Against:\n\nAntigua and Barbuda, Norway\n\n"
            "Abstaining:\n\nBrazil, Chile, India]\n")
    c = convert(text)
    t = c.tree
    voting = t.find(".//a:meta/a:analysis//a:voting", NS)
    assert voting.get("outcome") == "adoptedRecordedVote"
    assert [(x.get("refersTo"), x.get("value")) for x in voting] == [
        ("#inFavour", "30"), ("#against", "2"), ("#abstaining", "3")]
    states = [o.text for o in t.findall(".//a:conclusions//a:organization", NS)]
    assert states == ["Albania", "Bolivia (Plurinational State of)", "Cuba", "Antigua and Barbuda", "Norway",
                      "Brazil", "Chile", "India"]
    labels = [i.get("name") for i in t.findall(".//a:conclusions//a:inline", NS) if i.get("name") in ("inFavour", "against", "abstaining")]
    assert labels[-3:] == ["inFavour", "against", "abstaining"]


# --- clauses without numbers, formula sharing its line ------------------------------------------

COUNCIL_OLD = """Resolution 903 (1947)
of 4 March 1947

{body}

Adopted at the 120th meeting.
"""


def test_formula_and_first_recital_on_one_line_are_split():
    r = convert(COUNCIL_OLD.format(body="The Security Council, Having considered the report of the Commission,\n\n"
                                        "1. Decides to remain seized of the matter."))
    root = r.tree.getroot()
    assert texts(root.find(".//a:formula", NS)) == "The Security Council,"
    assert [c.get("name") for c in root.findall(".//a:preamble/a:container", NS)] == ["Having considered"]


def test_clauses_marked_with_dashes_are_operative():
    r = convert(COUNCIL_OLD.format(body="The Security Council,\n\n- Calls upon all parties to cease fire;\n\n"
                                        "- Decides to remain seized of the matter."))
    paras = r.tree.getroot().findall(".//a:mainBody/a:paragraph", NS)
    assert len(paras) == 2 and not r.tree.getroot().findall(".//a:preamble/a:container", NS)
    assert texts(paras[0].find(".//a:span", NS)) == "Calls upon"


def test_numbered_items_of_an_unnumbered_clause_are_its_list():
    body = ("The Security Council,\n\nHaving considered the rule,\n\nDecides:\n\n1. To approve the rule;\n\n"
            "2. To adopt the following rule;\n\nTransmits the present resolution to the General Assembly.")
    root = convert(COUNCIL_OLD.format(body=body)).tree.getroot()
    paras = root.findall(".//a:mainBody/a:paragraph", NS)
    assert len(paras) == 2
    assert [p.findtext("a:num", namespaces=NS) for p in paras[0].findall(".//a:point", NS)] == ["1.", "2."]


ECOSOC = """Resolution adopted by the Economic and Social Council on 6 June 2019

[on the recommendation of the Commission on the Status of Women (E/2019/27)]

2019/4. Situation of and assistance to Palestinian women

The Economic and Social Council,

Recalling its resolution 2018/10 of 2 July 2018,

1. Requests the Secretary-General to submit a report.

22nd plenary meeting
6 June 2019
"""


def test_economic_and_social_council_resolution_on_a_commissions_recommendation():
    root = convert(ECOSOC).tree.getroot()
    assert root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == \
        "/akn/un/statement/deliberation/unecosoc/2019-06-06/2019-4/"
    assert root.find(".//a:coverPage//a:docProponent", NS).get("refersTo") == "#commissionOnTheStatusOfWomen"


def test_an_unknown_line_above_the_number_stays_in_the_cover_page_in_its_place():
    text = ECOSOC.replace("[on the recommendation of", "[on the advice of")
    root = convert(text).tree.getroot()
    cover = [texts(p) for p in root.find(".//a:coverPage", NS)]
    assert cover[-1].startswith("[on the advice of the Commission")
    assert texts(root.find(".//a:preface", NS)).startswith("2019/4.")


def test_sub_paragraph_labels_lost_in_extraction():
    """"1. … by:" then unlabelled items, some labelled: the lost labels follow from the printed ones."""
    text = MINIMAL.split("1. Decides to test;")[0] + (
        "1. Decides to strengthen the Commission by:\n\n"
        "Requesting the Commission to plan;\n\n"
        "Requesting the Commission to support States by:\n\n"
        "Assisting States in building capacities;\n\n"
        "(ii) Inviting institutions to engage;\n\n"
        "Taking note of the decision of the Council;\n\n"
        "Requesting the Commission to follow up;\n\n"
        "(e) Requesting the Commission to convene;\n\n"
        "Requesting the Department to communicate;\n\n"
        "2. Recognizes the advisory role, and in this regard:\n\n"
        "Decides to seek advice;\n\n"
        "May consider other formats;\n\n"
        "3. Decides to end.\n\n12th plenary meeting\n3 March 2021\n")
    c = convert(text)
    points = c.tree.findall(".//a:mainBody//a:point", NS)
    ids = [p.get("eId").split("__list_1__", 1)[1] for p in points]
    assert ids == ["point_a", "point_b", "point_b__list_1__point_i", "point_b__list_1__point_ii", "point_c",
                   "point_d", "point_e", "point_f", "point_a", "point_b"]
    assert [p.get("class") for p in points] == ["numberLost"] * 3 + [None] + ["numberLost"] * 2 + [None] + ["numberLost"] * 3
    assert all(p.find("a:num", NS) is None for p in points if p.get("class") == "numberLost")
    assert len(c.tree.findall(".//a:mainBody/a:paragraph", NS)) == 3
    assert sum("not printed" in w for _, w in c.report.warnings) == 8
    assert not any("unnumbered text kept" in w for _, w in c.report.warnings)


def test_labels_printed_out_of_place_are_left_alone():
    text = MINIMAL.split("1. Decides to test;")[0] + (
        "1. Decides to establish a committee with the following tasks:\n\n"
        "To examine the reports;\n\n(i) To seek information;\n\n(ii) To consider violations.\n\n"
        "12th plenary meeting\n3 March 2021\n")
    c = convert(text)
    assert not any("not printed" in w for _, w in c.report.warnings)


def test_paragraphs_numbered_in_chinese_numerals():
    text = ("九(一九四六). 一九四六年五月十七日決議案\n\n安全理事會,\n\n鑒於憲章第四條規定,\n\n"
            "一. 凡秘書長已收到之入會申請書,應由安全理事會加以審議;\n\n二. 秘書長應向理事會具報。\n\n第四十二次會議一致通過。\n")
    root = convert_text(text.encode("utf-8"), "t.txt", lang="zho").tree.getroot()
    paras = root.findall(".//a:mainBody/a:paragraph", NS)
    assert [(p.get("eId"), p.findtext("a:num", namespaces=NS), p.get("class")) for p in paras] == [
        ("para_1", "一.", None), ("para_2", "二.", None)]


def test_an_unlisted_verb_after_the_recitals_opens_the_operative_part():
    text = COUNCIL_OLD.format(body="The Security Council,\n\nRecalling its earlier resolutions,\n\n"
                                   "Entrusts the Committee with the task of examining requests.")
    root = convert(text).tree.getroot()
    para = root.find(".//a:mainBody/a:paragraph", NS)
    assert para is not None and texts(para.find(".//a:span", NS)) == "Entrusts"
    # a recital that does not end like a clause stays a recital
    text = COUNCIL_OLD.format(body="The Security Council,\n\nRecalling its earlier resolutions,\n\n"
                                   "Reflects on the report,\n\n1. Decides to remain seized.")
    assert len(convert(text).tree.getroot().findall(".//a:preamble/a:container", NS)) == 2


GA_DECISION = """Decision adopted by the General Assembly on 18 December 2024

[on the report of the Fifth Committee (A/79/622)]

79/403. Appointment of members of the Advisory Committee on Administrative and Budgetary Questions

The General Assembly, on the recommendation of the Fifth Committee, appointed Ms. Jane Doe as a member of the Advisory Committee for a three-year term of office beginning on 1 January 2025.

49th plenary meeting
18 December 2024
"""


def test_a_decision_in_one_sentence_after_the_formula_is_its_operative_part():
    r = convert(GA_DECISION)
    root = r.tree.getroot()
    assert root.find("a:statement", NS).get("name") == "decision"
    assert texts(root.find(".//a:mainBody/a:paragraph", NS)).startswith("on the recommendation of the Fifth Committee")
    assert not root.findall(".//a:preamble/a:container", NS)
    assert any("read as the operative part" in w for _, w in r.report.warnings)


@pytest.mark.parametrize("text, preamble, body", [
    # the formula with no comma, the decision joined to it on the next line
    ("86 (1950). Resolution of 26 September 1950\n\nThe Security Council\nFinds that the Republic is a"
     " peace-loving State.\n\nAdopted at the 503rd meeting.\n", 1, ["Finds"]),
    # "It is resolved that" after a "Whereas" recital, with no formula
    ("17 (1947). Resolution of 10 February 1947\n\nWhereas the Commission has referred the question"
     " to the Council,\n\nIt is resolved that the Security Council request the Secretary-General to"
     " advise the Commission.\n\nAdopted at the 101st meeting.\n", 1, ["It is resolved"]),
    # "Hereby records …" after a recital whose note call follows its comma ("(…), 1")
    ("16 (1947). Resolution of 10 January 1947\n\nThe Security Council,\n\nHaving received the annexes"
     " (including an arrangement for the Free Port), 1\n\nHereby records its approval of the documents.\n\n"
     "Adopted at the 91st meeting.\n\n1 See Official Records, annex 2\n", 2, ["Hereby records"]),
])
def test_old_council_decisions(text, preamble, body):
    """Forms of the Council's first years: each text gets its operative part."""
    root = convert_text(text, "t.txt").tree.getroot()
    assert len(root.findall(".//a:preamble/*", NS)) == preamble
    paras = root.findall(".//a:mainBody/a:paragraph", NS)
    assert [p.find(".//a:span", NS).text for p in paras] == body


GA_HEAD = "68/1. A title\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n"


@pytest.mark.parametrize("text, line, reason", [
    (GA_HEAD + "1. Decides to consider the question at its next\n", 7, "in the middle of a sentence in the operative part"),
    (GA_HEAD + "1. Decides to consider the question;\n\n2.\n", 9, "after the number of a paragraph"),
    (GA_HEAD + "Noting the report of the Secretary-General,\n", 7, "in the recitals"),
    # a web copy printing its adoption line above the text: the end is still the text's
    ("Adopted at the 52nd plenary meeting, 1 December 2025\n\n" + GA_HEAD
     + "1. Decides to consider the question at its next\n", 9, "in the middle of a sentence"),
    # dated by its number line, the text converts, and its report says where it stops
    ("Resolution 242 (1967)\nof 22 November 1967\n\nThe Security Council,\n\n1. Requests the"
     " Secretary-General to report on\n", 6, "in the middle of a sentence in the operative part"),
])
def test_a_text_that_stops_early_is_reported_truncated(text, line, reason):
    try:
        report = convert_text(text, "t.txt").report
    except ConversionError as exc:  # (what the end would have given is missing: the date of adoption)
        assert str(exc).startswith(f"t.txt:{line}: truncated: ") and reason in str(exc), str(exc)
        return
    assert report.truncated["line"] == line and reason in report.truncated["reason"]
    assert (line, "truncated: " + report.truncated["reason"]) in report.warnings
    with pytest.raises(ConversionError, match="truncated"):
        convert_text(text, "t.txt", strict=True)


@pytest.mark.parametrize("text", [
    GA_HEAD + "1. Decides to consider the question at its next session.\n\n52nd plenary meeting\n1 December 2025\n",
    GA_HEAD + "1. Decides to consider the question at its next session (A/68/1).\n\n52nd plenary meeting\n1 December 2025\n",
    # a Council text with no closing lines, ending its sentence
    "Resolution 242 (1967)\nof 22 November 1967\n\nThe Security Council,\n\n1. Requests the Secretary-General"
    " to report.\n",
])
def test_a_whole_text_is_not_reported_truncated(text):
    assert convert_text(text, "t.txt").report.truncated is None


def test_a_page_flattened_onto_one_line_is_not_page_furniture():
    """A PDF page flattened to one line starts with the symbol and ends with the job number, like a
    running head: the line is the text, and it converts (here a page that stops in the recitals)."""
    line = ("A/RES/72/298 United Nations General Assembly Distr.: General 18 July 2018 Seventy-second session"
            " Agenda item 160 (a) Resolution adopted by the General Assembly on 5 July 2018 72/298. Financing"
            " of the Force The General Assembly, Having considered the reports of the Secretary-General on the"
            " financing of the Force and the related report of the Advisory Committee, Recalling its resolution"
            " 3211 B (XXIX) of 29 November 1974 and its subsequent resolutions on the financing of the Force,"
            " Reaffirming the general principles underlying the financing of peacekeeping operations, as stated in"
            " its resolutions 1874 (S-IV) of 27 June 1963, 18-11315 (E) *1811315*\n")
    result = convert_text(line, "t.txt")
    assert not result.report.removed
    assert result.report.truncated and "recitals" in result.report.truncated["reason"]


def test_cover_lines_below_a_number_in_the_preface_keep_their_place():
    """"Резолюция 68/262, принятая Генеральной Ассамблеей", the title over lines ending with the date
    of adoption, then the committee line: in that order in the XML, the date read as a guess."""
    text = ("Резолюция 68/262,\nпринятая Генеральной Ассамблеей\n\"Территориальная целостность Украины\"\n"
            "27 марта 2014 года\n\n[без передачи в главные комитеты (A/68/L.39 и Add.1)]\n\nГенеральная Ассамблея,\n\n"
            "1. призывает все государства воздерживаться от действий.\n")
    result = convert_text(text, "t.txt")
    root = result.tree.getroot()
    assert root.find(".//a:preface//a:docProponent", NS) is not None
    assert root.find(".//a:coverPage", NS) is None
    assert root.find(".//a:docDate", NS).get("date") == "2014-03-27"
    assert any("date line ending the title" in m for _, m in result.report.warnings)


@pytest.mark.parametrize("closing", [
    "Adopted unanimously at the\n2714th (closed) meeting",
    "Adopted unanimously at the\nI858th meeting.",
    "Adopted unanimously at the 3005\nmeeting",
    "Adopted at the 1727th meet-\ning by 14 votes to none,\nwith 1 abstention (China)",
    "Adopted at the resumed 2190th meeting by 12 votes to 2.",
])
def test_council_adoption_lines_read_through_wrapping_and_ocr(closing):
    text = ("Resolution 589 (1986)\nof 10 October 1986\n\nThe Security Council,\n\nRecommends to the General"
            " Assembly that Mr. Perez de Cuellar be appointed.\n\n" + closing + "\n")
    root = convert_text(text, "t.txt").tree.getroot()
    assert root.find(".//a:conclusions//a:location", NS) is not None
    assert len(root.findall(".//a:mainBody/a:paragraph", NS)) == 1


def test_words_hyphenated_by_a_typesetter_are_whole_again():
    """A PDF hyphenated by its typesetter (U+2010, as WeasyPrint prints it, or a soft hyphen) gives
    "accord‐" / "ance": the word is whole in the XML and the hyphen is reported; the word's own
    ASCII hyphen ("co-" / "operation") and a hyphen before a capital stay as printed."""
    text = ("68/1. A title\n\nThe General Assembly,\n\nRecalling its resolutions in accord\u2010\nance with"
            " such law and the threats to these sys\u2010\ntems,\n\nNoting the co-\noperation of AN\u2010\nGOLA and"
            " the Inter\u2010\nAmerican Commission and prin\u00ad\nciples,\n\n1. Decides to continue;\n\n"
            "52nd plenary meeting\n1 December 2025\n")
    result = convert_text(text, "t.txt")
    preamble = " ".join(result.tree.getroot().find(".//a:preamble", NS).itertext())
    for words in ("in accordance with such law", "these systems,", "co-operation", "ANGOLA",
                  "Inter\u2010 American", "principles,"):
        assert words in preamble, words
    assert [(r.line, r.text) for r in result.report.removed if r.kind == "hyphenation"] == [
        (5, "\u2010"), (6, "\u2010"), (10, "\u2010"), (12, "\u00ad")]
    assert result.report.words_lost == 0 and result.report.words_added == 0


def test_lettered_decisions_after_the_formula():
    """"The Security Council / (a) Resolves that …; and / (b) Requests that …": one operative
    paragraph whose points are the decisions."""
    text = ("34 (1947). Resolution of 15 September 1947\n\nThe Security Council\n\n(a) Resolves that the dispute"
            " be taken off the list of matters of which the Council is seized; and\n\n(b) Requests that the"
            " Secretary-General place all records at the disposal of the General Assembly.\n\n"
            "Adopted at the 202nd meeting by 9 votes to 2.\n")
    root = convert_text(text, "t.txt").tree.getroot()
    paras = root.findall(".//a:mainBody/a:paragraph", NS)
    assert len(paras) == 1 and paras[0].find("a:num", NS) is None
    assert [p.findtext("a:num", namespaces=NS) for p in paras[0].iterfind(".//a:point", NS)] == ["(a)", "(b)"]
    assert root.find(".//a:preamble/a:container", NS) is None


@pytest.mark.parametrize("code", ["eng", "fra", "spa", "rus", "ara", "zho"])
def test_first_char_test_never_refuses_a_match(code):
    """The first-character test a line pattern is gated by says yes to every line the pattern
    matches (it may say yes to more): tried on the corpus lines of the language, and on the
    patterns' own kinds of opening."""
    import glob
    import re
    from converter.parse.chunks import DASH_LEAD_RE, LABEL_RE, NUM_RE, Opener
    table = lang.load(code)
    o = Opener(table)
    patterns = [o.division_re, o.formula_re, o.strong_re, o.prefix_re, o.participle_re, o.annex_re, o.date_re,
                o.date_continuation_re, o.section_heading_re, DASH_LEAD_RE, LABEL_RE, NUM_RE,
                *o.voter_res, *o.cover_res, *o.meeting_res, *o.number_res, *table.regexes("adoption_notes")]
    folder = "ga" if code == "eng" else f"multilingual/{code}"
    files = sorted(glob.glob(f"/work/shared/corpus/{folder}/**/*.txt", recursive=True))[:40]
    if not files:
        pytest.skip("no corpus texts of the language here")
    lines = {l.strip() for f in files for l in open(f, encoding="utf-8", errors="replace")}
    lines |= {"", "Annex", "12. Decides", "(a) x", "- y", "1 January 2000", "\u0661\u0662 -"}
    matched = 0
    for rx in patterns:
        test = lang.first_char_test(rx)
        for s in lines:
            if rx.match(s):
                matched += 1
                assert test is None or test(s[:1]), (rx.pattern, s)
    assert matched
    # the analysis itself, on patterns of each shape
    cases = {r"^(?:Annex|Chapter)\b": "AC", r"\d+/\d+": "0٣", r"(?:\s|x)?y": " xy", r"[a-c]+|(?=Q)Q": "abcQ",
             r"(?P<a>A)?B": "AB", r"x*": None, r".a": None, r"[^a]": None, r"(?i)a": None, r"(?!)": ""}
    for pattern, starts in cases.items():
        test = lang.first_char_test(re.compile(pattern))
        if starts is None:
            assert test is None, pattern
        else:
            assert all(test(c) for c in starts) and not test("z") and not test(""), pattern
    assert not lang.first_char_test(re.compile("(?!)"))("a")


@pytest.mark.parametrize("code", ["eng", "fra", "spa", "rus", "ara", "zho"])
def test_phrase_patterns_match_as_a_flat_alternation(code):
    """The phrase patterns, built as a tree of the phrases' shared beginnings, match what the flat
    longest-first alternation of the same phrases matches, on every line of the language's texts."""
    import glob
    import re
    table = lang.load(code)
    folder = "ga" if code == "eng" else f"multilingual/{code}"
    files = sorted(glob.glob(f"/work/shared/corpus/{folder}/**/*.txt", recursive=True))[:40]
    lines = {l.strip() for f in files for l in open(f, encoding="utf-8", errors="replace")}
    for key, built in (("preambular_phrases", table.preambular_re), ("operative_phrases", table.operative_re)):
        phrases = lang.phrase_list(table, key)
        lines |= set(phrases) | {p + " x" for p in phrases} | {p[:-1] for p in phrases}
        tree = built.pattern
        flat = tree.replace(lang._grouped_alternation(phrases), lang._alternation(phrases))
        assert flat != tree
        flat_re = re.compile(flat, built.flags)
        for s in lines:
            a, b = built.match(s), flat_re.match(s)
            assert (a and a.span("phrase"), a and a.end()) == (b and b.span("phrase"), b and b.end()), (key, s)

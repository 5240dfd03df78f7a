"""AKN back to plain text (``unakn text``): exact output on small fixtures, and on the UN's own
files every word of the body kept in reading order, every operative number on its line and every
footnote written once."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, SHARED
from converter.akn.xmlio import parse_xml
from converter.render.text import INLINE, NOTES_RULE, render_text

AKN_FIXTURES = FIXTURES / "akn"
REFERENCE = SHARED / "reference"
UN_AKN = REFERENCE / "un-akn"
LANGUAGES = ("Arabic", "Chinese", "English", "French", "Russian", "Spanish")


def _un_files() -> list[Path]:
    if not UN_AKN.is_dir():
        return []
    files = sorted(UN_AKN.glob("examples/*.xml")) + sorted(UN_AKN.glob("corpus-counterparts/*.xml"))
    for lang in LANGUAGES:
        files += sorted((UN_AKN / "six-languages" / lang).glob("*.xml"))
    itu = REFERENCE / "akn4itu-itu-pp-res-2.xml"
    return files + ([itu] if itu.is_file() else [])


UN_FILES = _un_files()
NEED_SHARED = pytest.mark.skipif(not UN_FILES, reason=f"the UN's AKN files are not at {UN_AKN} "
                                 "(clone the project beside ../shared)")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


# ---- fixtures: the exact text ----

STATEMENT_END = """\
Resolution adopted by the General Assembly on 19 December 2023

[on the report of the Second Committee (A/99/458, para. 11)]

99/1. Information and communications technologies

The General Assembly,

Recalling its resolution 68/6 and its outcome document,1

Noting that the Plan was developed:

(a) To promote ratification;

(b) To assist States,

1. Recognizes the role of the Commission in Geneva2 and Tunis;

2. Decides:

(a) To convene a meeting in 2024;3

(b) To review the outcome of the summits held in Geneva and Tunis1;

II. Follow-up

3. Requests a report.

49th plenary meeting
19 December 2023

Annex

Terms of reference

1. The fund is established.

__________________
 1 Resolution 68/6.
 2 See A/C.2/59/3, annex.
 3 Dates to be decided.
"""


def test_statement_reading_order_with_notes_at_the_end():
    assert render_text(AKN_FIXTURES / "text_statement.xml") == STATEMENT_END


def test_statement_notes_inline_follow_the_paragraph_that_calls_them():
    text = render_text(AKN_FIXTURES / "text_statement.xml", notes="inline")
    assert ("Recalling its resolution 68/6 and its outcome document,1\n\n"
            f"{NOTES_RULE}\n 1 Resolution 68/6.\n\n"
            "Noting that the Plan was developed:") in text
    assert ("1. Recognizes the role of the Commission in Geneva2 and Tunis;\n\n"
            f"{NOTES_RULE}\n 2 See A/C.2/59/3, annex.\n\n2. Decides:") in text
    assert ("(a) To convene a meeting in 2024;3\n\n"
            f"{NOTES_RULE}\n 3 Dates to be decided.\n\n(b) To review") in text
    # the noteRef to note 1 writes its marker only; the body is written once, where the note is
    assert text.count(" 1 Resolution 68/6.") == 1
    assert text.endswith("1. The fund is established.\n")
    # same words as the end layout, only the notes moved (under a rule each)
    assert text.count(NOTES_RULE) == 3
    assert sorted(text.replace(NOTES_RULE, "").split()) == sorted(STATEMENT_END.replace(NOTES_RULE, "").split())


def test_meta_is_never_written():
    text = render_text(AKN_FIXTURES / "text_statement.xml")
    assert "Metadata" not in text and "FRBR" not in text and "/akn/" not in text


def test_document_collection_renders_its_components_in_order():
    text = render_text(AKN_FIXTURES / "text_collection.xml")
    assert text == """\
Resolutions adopted by the General Assembly on 10 December 2020

99/2. Questions relating to information

A

Information in the service of humanity

The General Assembly,

Taking note of the report of the Committee on Information,1

Urges all countries to cooperate.

B

United Nations public information policies and activities

The General Assembly,

1. Reaffirms the central role of the Committee;2

2. Requests a report.

41st plenary meeting
10 December 2020

__________________
 1 A/75/21.
 2 Resolution 73/1.
"""


def test_other_document_types_best_effort():
    """An act with unknown elements, a table, comments, a PI, an unmarked and a nested note."""
    assert render_text(AKN_FIXTURES / "text_act.xml") == """\
An Act about tables

1 Text in an element nobody knows and its child.

First line
second line of the same paragraph

Year\tAmount

2020\t100

A note with no marker1 ends here.

__________________
 1 Unmarked note, holdingb
 b a nested note.
"""


def test_accepts_tree_element_bytes_and_path_alike():
    path = AKN_FIXTURES / "text_statement.xml"
    tree = parse_xml(path)
    assert render_text(tree) == render_text(tree.getroot()) == render_text(path.read_bytes()) \
        == render_text(path) == STATEMENT_END


def test_bad_notes_option_is_refused():
    with pytest.raises(ValueError, match="notes"):
        render_text(AKN_FIXTURES / "text_statement.xml", notes="bottom")


def test_whitespace_is_collapsed_inside_a_paragraph():
    xml = (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="x">'
           b'<mainBody><paragraph eId="para_1"><num>\t1.\n</num><content><p>\n\t  Several\t\tspaced\n'
           b'   <span>words </span> <i>here</i>\n</p></content></paragraph></mainBody></statement></akomaNtoso>')
    assert render_text(xml) == "1. Several spaced words here\n"


def _statement(body: str, lang: str = "eng") -> bytes:
    """A minimal AKN statement holding ``body`` (the mainBody's and conclusions' XML)."""
    return (f'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="x">'
            f'<meta><identification source="#x"><FRBRExpression><FRBRlanguage language="{lang}"/>'
            f'</FRBRExpression></identification></meta>{body}</statement></akomaNtoso>').encode()


def _para(n: int, text: str) -> str:
    return f'<paragraph eId="para_{n}"><num>{n}.</num><content><p>{text}</p></content></paragraph>'


def _note(marker: str, text: str) -> str:
    return f'<authorialNote marker="{marker}" eId="n{marker}"><p>{text}</p></authorialNote>'


def test_section_number_alone_over_its_numbered_paragraphs():
    """S/RES/687 (1991): sections "A" to "I" hold the numbered paragraphs, with no heading; the
    letter is printed on its own line, over a heading too; "II. Follow-up" stays one line."""
    xml = _statement('<mainBody>' + _para(1, "Affirms;")
                     + '<section eId="sec_A"><num>A</num>' + _para(2, "Demands;") + '</section>'
                     + '<section eId="sec_II"><num>II.</num><heading>Follow-up</heading>'
                     + _para(3, "Requests.") + '</section>'
                     + '<section eId="sec_B"><num>B</num><heading>Strongly condemning the attacks,'
                     + '</heading>' + _para(4, "Decides.") + '</section></mainBody>')
    assert render_text(xml) == ("1. Affirms;\n\nA\n\n2. Demands;\n\nII. Follow-up\n\n3. Requests.\n\n"
                                "B\n\nStrongly condemning the attacks,\n\n4. Decides.\n")


def test_note_numbered_out_of_sequence_is_a_markdown_footnote():
    """A volume's note 6 as a document's first note: a reader of UN footnote blocks expects 1
    (to 3) there, so it is written ``[^6]: …`` and called ``[^6]``; the next one, 7, follows."""
    xml = _statement('<mainBody>' + _para(1, "Decides." + _note("7", "Second note."))
                     + '</mainBody><conclusions><p>Adopted at the 286th meeting'
                     + _note("6", "Voted on paragraph by paragraph.") + '</p></conclusions>')
    # in print order, by number: 6 comes first
    assert render_text(xml) == ("1. Decides.[^7]\n\nAdopted at the 286th meeting[^6]\n\n"
                                f"{NOTES_RULE}\n[^6]: Voted on paragraph by paragraph.\n 7 Second note.\n")


def test_markers_spelled_out_where_a_glued_one_would_read_as_text():
    xml = _statement('<mainBody>' + _para(1, "In 2015–2030" + _note("1", "A.") + " and 2.5"
                                          + _note("2", "B.") + " then at the end." + _note("3", "C.")
                                          + " Geneva" + _note("4", "D.") + " and Tunis," + _note("5", "E.")
                                          + _note("6", "F.") + " done")
                     + '</mainBody>')
    first = render_text(xml).split("\n")[0]
    assert first == "1. In 2015–2030[^1] and 2.5[^2] then at the end.[^3] Geneva4 and Tunis,[^5][^6] done"


def test_parenthesised_markers_stay_in_a_language_that_prints_them():
    body = '<mainBody>' + _para(1, "عام 2023(" + _note("1", "A/78/23.") + ")، تقرر") + '</mainBody>'
    assert render_text(_statement(body, "ara")).startswith("1. عام 2023(1)، تقرر\n")
    assert render_text(_statement(body, "eng")).startswith("1. عام 2023([^1])، تقرر\n")
    # the language code is untrusted input: a path is never followed (here, to the Arabic table)
    assert render_text(_statement(body, "../data/ara")).startswith("1. عام 2023([^1])، تقرر\n")


def test_notes_numbered_again_from_one_stay_in_reading_order():
    """A collection's components number their notes from 1 each: no reader takes such a run in
    turn, so they are written as they come, in the UN's form."""
    xml = _statement('<mainBody>' + _para(1, "Decides," + _note("1", "A.")) + _para(2, "Notes" + _note("2", "B."))
                     + _para(3, "Requests," + _note("1", "C.")) + '</mainBody>')
    assert render_text(xml).endswith(f"{NOTES_RULE}\n 1 A.\n 2 B.\n 1 C.\n")
    assert f"3. Requests,1\n\n{NOTES_RULE}\n 1 C.\n" in render_text(xml, notes="inline")


def test_inline_note_that_does_not_read_as_complete_waits_for_the_next_notes():
    """A note with no text (or no final stop) would take in the paragraph after it: it is written
    with the next group of notes, or at the end."""
    xml = _statement('<mainBody>' + _para(1, "Takes note;" + '<authorialNote marker="1" eId="n1"><p/>'
                                          '</authorialNote>')
                     + _para(2, "Reiterates;") + _para(3, "Urges;" + _note("2", "Resolution 72/4."))
                     + _para(4, "Requests.") + _para(5, "Decides" + _note("3", "See vol. 2, No."))
                     + '</mainBody>')
    assert render_text(xml, notes="inline") == (
        "1. Takes note;1\n\n2. Reiterates;\n\n3. Urges;2\n\n"
        f"{NOTES_RULE}\n 1\n 2 Resolution 72/4.\n\n4. Requests.\n\n5. Decides3\n\n"
        f"{NOTES_RULE}\n 3 See vol. 2, No.\n")


def test_inline_notes_wait_when_the_next_line_would_read_as_a_note():
    """Arabic numbers its paragraphs "2 - …": after note 1, "2 - …" would be read as note 2."""
    body = ('<mainBody><paragraph eId="para_1"><num>1 -</num><content><p>تقرر('
            + _note("1", "A/78/23.") + ')؛</p></content></paragraph>'
            '<paragraph eId="para_2"><num>2 -</num><content><p>تطلب.</p></content></paragraph>'
            '<paragraph eId="para_9"><num>9 -</num><content><p>تقرر.</p></content></paragraph>'
            '</mainBody>')
    assert render_text(_statement(body, "ara"), notes="inline") == (
        f"1 - تقرر(1)؛\n\n2 - تطلب.\n\n{NOTES_RULE}\n 1 A/78/23.\n\n9 - تقرر.\n")


def test_cli_text_writes_the_file(tmp_path):
    out = tmp_path / "out.txt"
    proc = _cli("text", str(AKN_FIXTURES / "text_statement.xml"), "-o", str(out), "--notes", "end")
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == STATEMENT_END


def test_cli_text_stdout_and_inline_notes():
    proc = _cli("text", str(AKN_FIXTURES / "text_statement.xml"), "--notes", "inline")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == render_text(AKN_FIXTURES / "text_statement.xml", notes="inline")


def test_cli_text_refuses_non_akn_with_one_line(tmp_path):
    bad = tmp_path / "page.xml"
    bad.write_text('<html xmlns="http://www.w3.org/1999/xhtml">\n<body/></html>', encoding="utf-8")
    proc = _cli("text", str(bad))
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == (f"unakn: error: {bad}:1: not Akoma Ntoso 3.0: root element is 'html' "
                           "in namespace 'http://www.w3.org/1999/xhtml'\n")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from converter.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)


# ---- the UN's own files ----

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
#: One token per CJK character (no spaces between words there), else letter runs, digit runs and
#: single punctuation marks: so "Geneva1" is "Geneva" + "1" and markers can be told from words.
TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W\d_])+|\d+|[^\w\s]|_")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _source_text(root: etree._Element) -> tuple[str, list[str], list[str]]:
    """The body's text outside meta in document order with the notes taken out: (body text,
    note texts in order, note markers). Element boundaries other than inline ones count as spaces."""
    body: list[str] = []
    notes: list[list[str]] = []
    markers: list[str] = []

    def walk(el, out):
        if not isinstance(el.tag, str):
            return
        name = etree.QName(el).localname
        if name == "meta":
            return
        if name in ("authorialNote", "noteRef"):
            markers.append(el.get("marker") or "")
            if name == "authorialNote":
                notes.append(out := [])
            else:
                return
        sep = "" if name in INLINE else " "
        out.append(sep + (el.text or ""))
        for child in el:
            walk(child, out)
            out.append(child.tail or "")
        out.append(sep)

    walk(root, body)
    return "".join(body), ["".join(n) for n in notes], markers


def _match_in_order(expected: list[str], got: list[str], markers: set[str]) -> tuple[list[str], list[str]]:
    """Match ``expected`` tokens in order inside ``got``; a marker glued to a number ("20301")
    matches the number. Returns (expected tokens not found, tokens of ``got`` left over)."""
    glued = re.compile("(?:" + "|".join(map(re.escape, sorted(markers, key=len, reverse=True))) + ")+") \
        if markers else None
    left: list[str] = []
    i = 0
    for pos, tok in enumerate(expected):
        while i < len(got):
            g = got[i]
            i += 1
            if g == tok or (glued and tok.isdigit() and g.startswith(tok)
                            and glued.fullmatch(g[len(tok):])):
                break
            left.append(g)
        else:
            return expected[pos:], left
    return [], left + got[i:]


@NEED_SHARED
@pytest.mark.parametrize("path", UN_FILES, ids=_id)
def test_un_file_every_word_in_reading_order(path):
    root = parse_xml(path).getroot()
    text = render_text(root)
    body, notes, markers = _source_text(root)
    expected = tokens(body) + [t for n in notes for t in tokens(n)]
    marker_tokens = {t for m in markers for t in tokens(m)}
    missing, extra = _match_in_order(expected, tokens(text), {m for m in markers if m})
    assert not missing, f"{len(missing)} tokens missing or out of order, from: {' '.join(missing[:30])}"
    # all that the text adds: the markers (glued, or spelled "[^3]" after a digit, and before each
    # note) and the rule of underscores
    spelled = {"[", "^", "]"}
    assert set(extra) <= marker_tokens | {"_"} | spelled, \
        f"invented tokens: {sorted(set(extra) - marker_tokens - spelled)[:20]}"


@NEED_SHARED
@pytest.mark.parametrize("path", UN_FILES, ids=_id)
def test_un_file_layout_numbers_and_notes(path):
    root = parse_xml(path).getroot()
    text = render_text(root)
    lines = text.split("\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    # operative numbers: one line per numbered paragraph of any mainBody (Arabic writes "1 -")
    number = re.compile(r"^\d+(?:\.| -)(?: |$)")
    nums = [re.sub(r"\s+", " ", n.xpath("string()")).strip()
            for n in root.xpath("//a:mainBody//a:paragraph/a:num", namespaces=NS)]
    operative = [n for n in nums if number.match(n + " ")]
    assert len([l for l in lines if number.match(l)]) == len(operative)
    # every footnote body once, after the rule, as " marker text"
    want = Counter(f" {m} {n}".rstrip() for m, n in _note_lines(root))
    own = _own_rules(root)
    if want:
        assert lines.count(NOTES_RULE) == own + 1
        last_rule = len(lines) - 1 - lines[::-1].index(NOTES_RULE)
        assert Counter(lines[last_rule + 1:-1]) == want
    else:
        assert lines.count(NOTES_RULE) == own
    # no hard wrapping, no stray whitespace
    for line in lines:
        if line.startswith(" "):
            assert line in want, line
        assert line == line.strip(" ") or line.startswith(" "), line
        assert "  " not in line.strip(" "), line


@NEED_SHARED
@pytest.mark.parametrize("path", UN_FILES, ids=_id)
def test_un_file_notes_inline_keep_the_same_words(path):
    root = parse_xml(path).getroot()
    end, inline = render_text(root), render_text(root, notes="inline")
    if NOTES_RULE not in end:
        assert inline == end
        return
    difference = Counter(tokens(inline))
    difference.subtract(Counter(tokens(end)))
    # the same tokens, but for one rule of underscores per group of notes instead of one in all
    groups = inline.count(NOTES_RULE) - _own_rules(root)
    assert +difference == Counter({"_": len(NOTES_RULE) * (groups - 1)})
    assert -difference == Counter()
    assert Counter(l for l in inline.split("\n") if l.startswith(" ")) == \
        Counter(l for l in end.split("\n") if l.startswith(" "))


@NEED_SHARED
def test_all_six_languages_are_rendered():
    """The same 20 resolutions in each language (A/RES/78/132 among them) are in UN_FILES."""
    for lang in LANGUAGES:
        files = [p for p in UN_FILES if p.parent.name == lang]
        assert len(files) == 20, lang
    assert len(UN_FILES) >= 126


NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def _own_rules(root: etree._Element) -> int:
    """Paragraphs of the document that are themselves a rule of underscores (A/DEC/76/407 B)."""
    return len(root.xpath(f"//a:p[normalize-space(.)='{NOTES_RULE}'][not(ancestor::a:meta)]",
                          namespaces=NS))


def _note_lines(root: etree._Element) -> list[tuple[str, str]]:
    """(marker, body text) of every authorialNote, each body's paragraphs joined by a space."""
    out = []
    for note in root.xpath("//a:authorialNote[not(ancestor::a:meta)]", namespaces=NS):
        if note.text and note.text.strip():
            paras = [_flat(note)]
        else:
            paras = [_flat(p) for p in note if isinstance(p.tag, str)]
        out.append(((note.get("marker") or "").strip(), " ".join(paras)))
    return out


def _flat(el: etree._Element) -> str:
    """Text of ``el`` with nested notes written as their markers glued to the word before."""
    return _ASCII_SPACE.sub(" ", "".join(_flat_parts(el))).strip(" ")


def _flat_parts(el: etree._Element) -> list[str]:
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and etree.QName(child).localname in ("authorialNote", "noteRef"):
            parts = ["".join(parts).rstrip(" \t\n\r\f\v"), child.get("marker") or ""]
        elif isinstance(child.tag, str):
            parts.extend(_flat_parts(child))
        parts.append(child.tail or "")
    return parts


#: The renderer collapses XML whitespace only: a no-break space is text.
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def test_a_num_with_nothing_after_it_renders():
    """Found by tests/test_xml_fuzz.py: a num as its container's last child."""
    from converter.render.text import render_text
    xml = (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">'
           b'<mainBody><num>A</num></mainBody></statement></akomaNtoso>')
    assert render_text(xml).split() == ["A"]

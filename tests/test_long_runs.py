"""Texts with thousands of one construct in a paragraph (citations, note calls, paragraphs all
numbered alike, closing lines over and over): the helpers that keep them linear give the answers
of the plain one-at-a-time code they replace, and such texts convert, or are refused with a clear
error, well inside the converter's time limit.

(Found by fuzzing: a 2 MB line of "Resolution 687 (1991)" took 195 s, each citation checked
against every earlier one.)
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter.akn.names import EIds
from converter.errors import UnaknError
from converter.parse.inline import _take_marker, _take_markers
from converter.parse.model import NoteAnchor, Span, Taken, Text
from converter.pipeline import convert_text

SEED = (Path(__file__).resolve().parent.parent / "examples" / "A-RES-68-198.txt").read_text("utf-8")
#: Far above what these texts need (about a second each), far below what they took before.
LIMIT = 20.0

_stretch = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(_stretch.filter(lambda s: s[1] > s[0]), max_size=25), st.lists(_stretch, max_size=25))
def test_taken_answers_as_a_list_of_stretches_would(added, asked):
    taken, plain = Taken(), []
    for a, b in added:
        for qa, qb in asked:
            assert taken.overlaps(qa, qb) == any(qa < e and s < qb for s, e in plain), (plain, qa, qb)
        taken.add(a, b)
        plain.append((a, b))
    assert all(taken.starts[i] < taken.ends[i] <= taken.starts[i + 1] for i in range(len(taken.starts) - 1))


def _one_by_one(t: Text, cuts) -> None:
    """The markers taken out one at a time, the last first (the reference): a line's offset inside a
    marker goes to the marker's start."""
    for start, end, marker, first in reversed(cuts):
        t.offsets = [(start if start < o < end else o, no) for o, no in t.offsets]
        _take_marker(t, start, end, marker, first)


@st.composite
def _text_and_cuts(draw):
    value = draw(st.text("ab 12.", min_size=1, max_size=80))
    n = len(value)
    bounds = sorted(draw(st.sets(st.integers(0, n), max_size=12)))
    cuts, last_end = [], -1
    for a, b in zip(bounds[::2], bounds[1::2]):
        if a > last_end and b > a:  # apart: at least one character between two markers
            cuts.append((a, b, str(len(cuts) + 1), draw(st.booleans())))
            last_end = b
    spans = [Span(*sorted(draw(st.tuples(st.integers(0, n), st.integers(0, n)))), "ref")
             for _ in range(draw(st.integers(0, 5)))]
    anchors = sorted((NoteAnchor(draw(st.integers(0, n)), "x", False) for _ in range(draw(st.integers(0, 3)))),
                     key=lambda a: a.offset)
    offsets = sorted({0} | set(draw(st.lists(st.integers(0, n), max_size=4))))
    return value, cuts, spans, anchors, [(o, k + 1) for k, o in enumerate(offsets)]


def _copy(value, spans, anchors, offsets) -> Text:
    return Text(value, [1], list(offsets), [Span(s.start, s.end, s.kind) for s in spans],
                [NoteAnchor(a.offset, a.marker, a.first) for a in anchors])


@given(_text_and_cuts())
def test_markers_taken_at_once_as_one_at_a_time(case):
    value, cuts, spans, anchors, offsets = case
    at_once, plain = _copy(value, spans, anchors, offsets), _copy(value, spans, anchors, offsets)
    _take_markers(at_once, cuts)
    _one_by_one(plain, cuts)
    assert at_once.value == plain.value
    assert at_once.offsets == plain.offsets
    assert [(s.start, s.end) for s in at_once.spans] == [(s.start, s.end) for s in plain.spans]
    assert [(a.offset, a.marker, a.first) for a in at_once.anchors] == \
        [(a.offset, a.marker, a.first) for a in plain.anchors]


def test_eids_asked_for_again_count_on():
    ids = EIds()
    assert [ids.make(None, "para", "8") for _ in range(4)] == ["para_8", "para_8-2", "para_8-3", "para_8-4"]
    assert ids.make("sec_1", "para", "8") == "sec_1__para_8"
    assert ids.make(None, "para", "8") == "para_8-5"


def _line_with(words: str) -> int:
    return next(i for i, line in enumerate(SEED.split("\n")) if words in line)


def _seed_with_line(i: int, times: int, text: str | None = None) -> str:
    """Line ``i`` printed ``times`` times over; or, given ``text``, followed by it that many times."""
    lines = SEED.split("\n")
    lines[i] = " ".join([lines[i]] * times) if text is None else lines[i].rstrip() + " " + " ".join([text] * times)
    return "\n".join(lines)


def _seed_with_text_before(i: int, text: str) -> str:
    lines = SEED.split("\n")
    lines[i - 1] += " " + text
    return "\n".join(lines)


def _seed_with_lines(i: int, j: int, times: int) -> str:
    lines = SEED.split("\n")
    lines[i:j] = lines[i:j] * times
    return "\n".join(lines)


@pytest.mark.parametrize("name, text", [
    # 20,000 note calls glued to a word in one paragraph ("…the Status of Women;12 …")
    ("note calls", lambda: _seed_with_line(_line_with("Status of Women;12"), 20_000)),
    # 20,000 numbers that could be the call of note 12 but follow a word that rules it out, before
    # the call itself (each was checked on a copy of the whole paragraph before it: 356 s)
    ("numbers before a note call", lambda: _seed_with_text_before(
        _line_with("Status of Women;12"), " ".join(["paragraph 12 of the report"] * 20_000))),
    # all of these 20,000 times in one paragraph after a note's call: a citation with its date, a
    # symbol and the call again (each span's notes were looked for among all the paragraph's)
    ("citations, symbols, dates and notes", lambda: _seed_with_line(
        _line_with("Status of Women;12"), 20_000,
        "resolution 2013/9 of 22 July 2013 and document A/68/65, the Commission on the Status of Women;12")),
    # 20,000 citations of a resolution in one paragraph
    ("citations", lambda: _seed_with_line(_line_with("resolution 2013/9 of 22 July 2013"), 20_000)),
    # 5,000 chains of citations, each with letters, a date and a title before the next chain (a
    # chain's title ran on into the next chain's numbers: each chain read to the paragraph's end)
    ("chains of citations", lambda: _seed_with_line(
        _line_with("resolution 2013/9 of 22 July 2013"), 5_000,
        "resolutions 70/1 A and B and C, 71/2 of 1 May 2017 on the matter,")),
    # the masthead's organ, distribution and date 10,000 times on its line: 30,000 spans, and a
    # possible note call in each date's day (each was checked against every span: over 20 s)
    ("masthead spans", lambda: " ".join(["General Assembly Distr.: General 1 February 2014"] * 10_000) + "\n\n" + SEED),
    # 20,000 paragraphs numbered "24." run together on one line
    ("one number", lambda: _seed_with_line(_line_with(" 24. "), 20_000)),
    # the closing lines 300 times: the text is read out of order, and the difference is long
    ("closing lines", lambda: _seed_with_lines(_line_with("71st plenary meeting") - 2, len(SEED.split("\n")), 300)),
])
def test_long_runs_convert_inside_the_time_limit(name, text):
    data = text()
    try:
        result = convert_text(data, "long.txt", time_limit=LIMIT)
    except UnaknError as exc:
        assert "took longer than" not in exc.message, f"{name}: {exc}"
        assert str(exc).startswith("long.txt:") and exc.line, str(exc)
    else:
        assert result.report.words_lost == 0 and result.report.words_added == 0


class _Clock:
    """A clock for converter.limits that moves on only when told (one second a step)."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


@pytest.mark.parametrize("stage, module, cls, name", [
    ("joining lines into paragraphs", "converter.parse.chunks", None, "_breaks"),
    ("reading the structure", "converter.parse.structure", None, "_split_mid_line_number"),
    ("placing notes", "converter.parse.inline", None, "_find_marker"),
    ("building the XML", "converter.akn.build", "Builder", "paragraph"),
])
def test_time_limit_stops_a_stage_midway(monkeypatch, stage, module, cls, name):
    """A stage that runs long is stopped inside its loop, at the line it had reached, not after it
    has run to its end (the limit is checked per line, paragraph, note and block)."""
    import importlib

    from converter import limits
    from converter.errors import ConversionError

    clock = _Clock()
    monkeypatch.setattr(limits, "time", clock)
    owner = importlib.import_module(module)
    owner = getattr(owner, cls) if cls else owner
    slow = getattr(owner, name)

    def step(*args, **kw):
        clock.now += 1.0
        return slow(*args, **kw)
    monkeypatch.setattr(owner, name, step)
    with pytest.raises(ConversionError, match=r"took longer than 10 s") as caught:
        convert_text(SEED, "seed.txt", time_limit=10.0)
    # stopped after about ten steps, well into the text (a check only between stages would name
    # the first line)
    assert caught.value.line > 10, f"{stage}: stopped at line {caught.value.line}"


def test_line_openings_kept_are_bounded():
    """The joiner keeps its answers for a bounded number of first characters; past them it works
    each answer out again, the same answer."""
    from converter import lang
    from converter.parse.chunks import OPENINGS_KEPT, Opener

    opener = Opener(lang.load("zho"))
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + OPENINGS_KEPT + 500)]
    answers = [_fields(opener.at(c)) for c in chars]
    assert len(opener._openings) == OPENINGS_KEPT
    fresh = Opener(lang.load("zho"))
    assert [_fields(fresh.at(c)) for c in reversed(chars)] == answers[::-1]


def _fields(openings) -> dict:
    return {k: getattr(openings, k, None) for k in dir(openings) if not k.startswith("_")}


@pytest.mark.parametrize("at", ["before the span", "at the span's start", "inside the span", "at the span's end",
                                "at the text's end"])
def test_every_note_is_written_wherever_its_anchor_falls(at):
    """A note anchored anywhere in a text is written once, in text order: before a link that
    begins where it is anchored, inside one it falls within."""
    from lxml import etree

    from converter.akn.build import A, Builder
    from converter.parse.model import Document, Footnote

    value = "see document A/68/65 of the Council"
    start, end = value.index("A/68"), value.index(" of the")
    offset = {"before the span": start - 1, "at the span's start": start, "inside the span": start + 2,
              "at the span's end": end, "at the text's end": len(value)}[at]
    doc = Document(source="t.txt")
    doc.notes["1"] = Footnote("1", Text("See the report.", [9], [(0, 9)]))
    text = Text(value, [1], [(0, 1)], [Span(start, end, "ref", {"href": "https://undocs.org/en/A/68/65"})],
                [NoteAnchor(offset, "1", True)])
    p = etree.Element(A + "p")
    Builder(doc).inline(p, text, "para_1")
    notes = p.findall(f".//{A}authorialNote")
    assert len(notes) == 1, etree.tostring(p)
    assert "".join(p.itertext()) == value[:offset] + "See the report." + value[offset:]
    link = p.find(f"{A}a")
    assert (notes[0].getparent() is link) == (start < offset < end)

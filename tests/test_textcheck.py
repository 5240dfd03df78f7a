"""The no-text-lost check must catch a lost, an added and a moved word, and name the line."""
from __future__ import annotations

from collections import Counter

import pytest

from converter.validate.textcheck import compare, tokens


def src(text, line=1):
    return [(t, line) for t in tokens(text)]


def test_identical_streams_pass():
    assert compare(src("Recalling its resolution 60/1,"), tokens("Recalling its resolution 60/1,"), Counter(), "text") == (0, 0, [])


def test_declared_marker_is_absorbed_but_only_at_its_line():
    source = src("held in Geneva1 and", 7)
    xml = tokens("held in Geneva and")
    assert compare(source, xml, Counter({(7, "1"): 1}), "text") == (0, 0, [])
    lost, added, diff = compare(source, xml, Counter({(8, "1"): 1}), "text")
    assert lost == 1 and "line 7" in diff[0]


def test_lost_added_and_moved_words_fail():
    source = src("the quick brown fox", 3)
    assert compare(source, tokens("the brown fox"), Counter(), "text")[0] == 1
    assert compare(source, tokens("the quick brown fox jumps"), Counter(), "text")[1] == 1
    lost, added, diff = compare(source, tokens("the brown quick fox"), Counter(), "text")
    assert lost and added and diff


def test_marker_before_a_number_of_the_same_digits():
    # "… efforts;4" then "4. Requests": the marker is consumed, the paragraph number kept
    source = src("disarmament efforts;4", 45) + src("4. Requests the Secretary-General", 47)
    xml = tokens("disarmament efforts; 4. Requests the Secretary-General")
    assert compare(source, xml, Counter({(45, "4"): 1}), "text") == (0, 0, [])


def test_body_tokens_take_out_declared_markers_like_compare():
    from converter.validate.textcheck import body_tokens
    lines = [(1, "held in Geneva1 and"), (2, "Recalling 1 its"), (3, "resolution 60/1,"), (4, "中文abc 12")]
    consumed = Counter({(1, "1"): 1, (3, "1"): 1, (9, "x"): 1})
    out, count = body_tokens(lines, consumed)
    assert out == ["held", "in", "Geneva", "and", "Recalling", "1", "its", "resolution", "60",
                   "中", "文", "abc", "12"]
    assert count == len(out) + 2 == sum(len(tokens(t)) for _, t in lines)
    source = [(tok, no) for no, text in lines for tok in tokens(text)]
    assert compare(source, out, consumed, "text") == (0, 0, [])


def test_tokens_are_the_token_pattern_s_on_any_text():
    """tokens() takes a faster path for ASCII lines; the tokens are TOKEN_RE's all the same."""
    import random

    from converter.validate.textcheck import TOKEN_RE, tokens_of
    rnd = random.Random(7)
    alphabet = list("aZ09_ -,.\n\t") + ["é", "ô", "中", "文", "٣", "²", "’", "\u00a0", "\u3000", "д", "・", "ß"]
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert tokens(text) == TOKEN_RE.findall(text), repr(text)
        pieces = text.split("a")  # texts one after the other, as the XML's text nodes
        assert tokens_of(pieces) == TOKEN_RE.findall("\n".join(pieces)), repr(pieces)
    assert tokens("Côte d’Ivoire 1٣\nG20, CO2 and 71st\n中文abc") == TOKEN_RE.findall("Côte d’Ivoire 1٣\nG20, CO2 and 71st\n中文abc")


@pytest.mark.parametrize("xml, line", [(["a", "b", "X", "c"], 3), (["a", "b", "c", "Y"], 3), (["Z", "a", "b", "c"], 1)])
def test_words_the_xml_adds_are_placed_near_a_source_line(xml, line):
    """A word the XML adds where the source has none is reported near the source word after it
    (or, at the end, the one before it), never at line 0."""
    from converter.validate.textcheck import compare
    lost, added, diff = compare([("a", 1), ("b", 2), ("c", 3)], xml, Counter(), "text")
    assert (lost, added) == (0, 1)
    assert diff[0].startswith(f"text near line {line}:"), diff

"""The no-text-lost check must catch a lost, an added and a moved word, and name the line."""
from __future__ import annotations

from collections import Counter

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

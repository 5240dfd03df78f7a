"""List labels the extraction lost.

Text cleaners drop some sub-paragraph labels and keep others: "1. … by:" is followed by items
printed as plain paragraphs ("Requesting the Commission …") among labelled ones ("(ii) Inviting
…", "(e) Requesting …"). After a numbered paragraph ending with a colon, the unnumbered paragraphs
up to the next numbered one are its list: each gets the label its place implies (the labels kept
on either side must agree), is marked as a point whose label was lost, and is reported.
"""
from __future__ import annotations

from collections.abc import Callable

from converter.parse.model import Block

LETTERS = "abcdefghijklmnopqrstuvwxyz"
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def recover(blocks: list[Block], warn: Callable[[Block, str], None]) -> None:
    """Rebuild, in place, the lists of ``blocks`` (a body, a section's children) whose labels were lost."""
    i = 0
    while i < len(blocks):
        head = blocks[i]
        if head.kind == "section":
            recover(head.children, warn)
        run = _run_after(blocks, i)
        if run:
            items = [x for u in run for x in _flatten(u)]
            tops = _relabel(items, warn)
            if tops is not None:
                for u in run:  # its points are in the rebuilt list now
                    u.children = [c for c in u.children if c.kind != "point"]
                head.children = tops
                del blocks[i + 1:i + 1 + len(run)]
        i += 1


def _run_after(blocks: list[Block], i: int) -> list[Block]:
    head = blocks[i]
    if head.kind != "paragraph" or head.num is None or head.children or head.embedded is not None \
            or head.text is None or not head.text.value.rstrip().endswith(":"):
        return []
    run = []
    for b in blocks[i + 1:]:
        if b.kind != "paragraph" or b.num is not None or b.name or b.embedded is not None or b.wrap is not None \
                or b.text is None or not b.text.value[:1].isupper():
            break
        run.append(b)
    return run if len(run) >= 2 else []


def _flatten(u: Block) -> list[Block]:
    """An unlabelled paragraph, then the labelled points the parser hung under it, in order."""
    out = [u]
    for c in u.children:
        if c.kind == "point":
            out.extend(_flatten(c))
    return out


def _label(b: Block) -> str | None:
    return b.num.strip().strip("()").lower() if b.kind == "point" and b.num else None


def _relabel(items: list[Block], warn) -> list[Block] | None:
    """Letters at the first level, roman numerals under the letter before; None when the labels
    kept do not fit one such list (then nothing is changed or reported)."""
    tops: list[Block] = []
    found: list[tuple[Block, str]] = []
    letter, roman = 0, 0
    for k, b in enumerate(items):
        label = _label(b)
        if label is not None:
            if letter < len(LETTERS) and label == LETTERS[letter]:
                kind = "letter"
            elif label in ROMAN and tops:
                kind = "roman"
            else:
                return None  # a kept label out of place: the lost ones cannot be told
            point = Block("point", b.text, num=b.num, heading=b.heading, wrap=b.wrap, name=b.name,
                          children=[c for c in b.children if c.kind != "point"], embedded=b.embedded)
        else:
            kind = _guess(items, k, letter, roman, bool(tops))
            label = LETTERS[letter] if kind == "letter" else ROMAN[roman]
            point = Block("point", b.text, name=f"lost:({label})",
                          children=[c for c in b.children if c.kind != "point"])
            found.append((b, label))
        if kind == "letter":
            tops.append(point)
            letter, roman = LETTERS.index(label) + 1, 0
        else:
            tops[-1].children.append(point)
            roman = ROMAN.index(label) + 1
    for b, label in found:
        warn(b, f"list label ({label}) not printed: inferred from its place in the list")
    return tops


def _guess(items: list[Block], k: int, letter: int, roman: int, in_list: bool) -> str:
    """Letter or roman numeral for the unlabelled item ``k``, by the next label kept."""
    gap = 1
    for b in items[k + 1:]:
        label = _label(b)
        if label is None:
            gap += 1
            continue
        if in_list and label in ROMAN and ROMAN.index(label) - roman == gap \
                and not (letter < len(LETTERS) and label == LETTERS[letter + gap - 1]):
            return "roman"
        return "letter"
    return "letter"

"""Sub-paragraph labels: their kinds, and the labels an extraction lost.

Text cleaners drop some sub-paragraph labels and keep others: "1. … by:" is followed by items
printed as plain paragraphs ("Requesting the Commission …") among labelled ones ("(ii) Inviting
…", "(e) Requesting …"). :func:`lost_labels` rebuilds such lists after the structure is read.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from converter.parse.model import Block

if TYPE_CHECKING:
    from converter.parse.structure import State

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
         "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv"]


def list_kind(first: str) -> str:
    if first.isdigit():
        return "digit"
    return "roman" if first == "i" else "alpha"


def label_kind(label: str) -> str:
    if label.isdigit():
        return "digit"
    return "roman" if label in ROMAN and label not in ("c", "d", "l", "m") else "alpha"


def lost_labels(blocks: list[Block], st: State) -> None:
    """A numbered paragraph that opens a list ("… by:") followed by unnumbered paragraphs: those
    are its sub-paragraphs, their labels lost in extraction ("Requesting …;" for "(a) Requesting
    …;"), with any labelled ones among them ("(ii) Inviting …"). Each lost label is inferred from
    its place: a new list after a colon, else the list whose sequence reaches the next printed
    label ("(ii)", [lost], [lost], "(e)": the lost ones are (c) and (d)). The points keep no
    ``num`` (nothing is invented in the text) and are marked as lost."""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "section":
            lost_labels(b.children, st)
        elif b.kind == "paragraph" and b.num is not None and b.text is not None and b.embedded is None \
                and b.wrap is None and b.text.value.rstrip().endswith(":"):
            j = i + 1
            while j < len(blocks) and _unlabelled_item(blocks[j]):
                j += 1
                if blocks[j - 1].text.value.rstrip().endswith("."):
                    break  # the list's last item
            if j > i + 1 and _relabel(b, blocks[i + 1:j], st):
                del blocks[i + 1:j]
        i += 1


def _unlabelled_item(b: Block) -> bool:
    if b.kind != "paragraph" or b.num is not None or b.name is not None or b.embedded is not None \
            or b.wrap is not None or b.text is None or not b.text.value[:1].isupper():
        return False
    if any(c.kind != "point" for c in b.children):
        return False
    return b.text.value.rstrip()[-1:] in ";:." or b.text.value.rstrip().endswith((" and", " or"))


def _next_label(label: str, kind: str) -> str:
    if kind == "roman":
        k = ROMAN.index(label) if label in ROMAN else -1
        return ROMAN[k + 1] if 0 <= k < len(ROMAN) - 1 else ""
    if kind == "digit":
        return str(int(label) + 1) if label.isdigit() else ""
    if len(label) == 1 and label < "z":
        return chr(ord(label) + 1)
    return "aa" if label == "z" else ""


#: What the first pass said of a sub-paragraph it could not place, before its list was found.
FIRST_PASS_WARNINGS = ("unnumbered text kept as", "does not continue any open list", "out of sequence after")


def _relabel(para: Block, run: list[Block], st: State) -> bool:
    """Place ``run`` as ``para``'s sub-paragraphs; False (nothing changed) when a printed label
    contradicts the lost ones inferred (labels printed out of place: left as they were)."""
    items: list[tuple[Block, str | None]] = []
    for u in run:
        items.append((u, None))
        items.extend((c, (c.num or "").strip().strip("()")) for c in u.children if c.kind == "point")
    # the open lists: [holder, kind, last label], outermost first
    levels: list[list] = []
    holder = para
    while holder.children and holder.children[-1].kind == "point":
        first = (holder.children[0].num or "").strip().strip("()")
        last = holder.children[-1]
        levels.append([holder, label_kind(first) if first else "alpha", _inferred(last)])
        holder = last
    last_item = holder
    following: list[int | None] = [None] * len(items)
    for n in range(len(items) - 2, -1, -1):
        following[n] = n + 1 if items[n + 1][1] else following[n + 1]
    plan: list[tuple[Block, Block, str | None]] = []  # (block, its holder, the label it lost)
    for k, (blk, label) in enumerate(items):
        opens = last_item is para or last_item.text is not None and last_item.text.value.rstrip().endswith(":")
        if label:  # printed: the list it continues, or a new one after a colon
            at = next((n for n in range(len(levels) - 1, -1, -1)
                       if _next_label(levels[n][2], levels[n][1]) == label), None)
            if at is None:
                if not (opens and label in ("a", "i", "1")):
                    return False
                levels.append([last_item, label_kind(label), label])
            else:
                del levels[at + 1:]
                levels[at][2] = label
            plan.append((blk, levels[-1][0], None))
            last_item = blk
            continue
        if opens or not levels:
            kind = "roman" if last_item is not para and levels and levels[-1][1] == "alpha" else "alpha"
            label = "i" if kind == "roman" else "a"
            levels.append([last_item, kind, label])
        else:
            at = _level_reaching_next(levels, items, k, following)
            del levels[at + 1:]
            label = _next_label(levels[at][2], levels[at][1]) or levels[at][2]
            levels[at][2] = label
        plan.append((blk, levels[-1][0], label))
        last_item = blk
    lines = {b.text.lines[0] for u in run for b in [u, *u.children] if b.text is not None and b.text.lines}
    st.warnings[:] = [(n, w) for n, w in st.warnings if not (n in lines and any(k in w for k in FIRST_PASS_WARNINGS))]
    for u in run:
        u.children = [c for c in u.children if c.kind != "point"]
        u.kind = "point"
    for blk, holder, lost in plan:
        if lost:
            blk.num, blk.name = None, f"lost:({lost})"
            st.warn(blk.text.lines[0], f"sub-paragraph label ({lost}) not printed (lost in extraction)")
        holder.children.append(blk)
    return True


def _inferred(b: Block) -> str:
    if b.num:
        return b.num.strip().strip("()")
    return b.name[6:-1] if b.name and b.name.startswith("lost:(") else ""


def _level_reaching_next(levels: list[list], items: list[tuple[Block, str | None]], k: int,
                         following: list[int | None]) -> int:
    """The list (innermost first) whose sequence, counted on through the lost labels from item k,
    arrives at the next printed label; the innermost when none does or none is printed.
    ``following[k]``: the index of the first printed label after item k."""
    nxt = following[k]
    if nxt is None:
        return len(levels) - 1
    steps = nxt - k  # the items between are all lost ones (the next printed label is the first)
    if steps > len(ROMAN) + 26:
        return len(levels) - 1  # no list runs that far
    for at in range(len(levels) - 1, -1, -1):
        label, kind = levels[at][2], levels[at][1]
        for _ in range(steps + 1):
            label = _next_label(label, kind)
        if label == items[nxt][1]:
            return at
    return len(levels) - 1

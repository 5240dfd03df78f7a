"""The no-text-lost check: the source's words, less what the converter says it consumed, are the
XML's words, in order; and the XML has no word the source lacks.

Two streams are compared: the body (source lines outside footnote blocks vs the XML's text outside
``meta`` and notes) and the notes (footnote lines vs ``authorialNote`` text, in order). A word is a
run of letters or a run of digits, so a glued marker ("Geneva1") is its own token. For scripts
written without spaces (Chinese, Japanese) each character is a token.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter

from lxml import etree

from converter import AKN_NS

TOKEN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]|[^\W\d_]+|\d+")
A = "{%s}" % AKN_NS


#: The same tokens in ASCII text, where they are runs of ASCII letters or digits (~40% faster).
ASCII_TOKEN_RE = re.compile(r"[A-Za-z]+|[0-9]+")


def tokens(text: str) -> list[str]:
    """The tokens of ``text``: ``TOKEN_RE.findall(text)``, faster on mostly-ASCII text: runs of
    ASCII lines go to ASCII_TOKEN_RE, the other lines to TOKEN_RE (a line end is in no token)."""
    if text.isascii():
        return ASCII_TOKEN_RE.findall(text)
    return tokens_of(text.split("\n"))


def tokens_of(texts: list[str]) -> list[str]:
    """The tokens of the texts one after the other (as of ``"\\n".join(texts)``): runs of ASCII
    texts joined and tokenised with ASCII_TOKEN_RE in one call, the others with TOKEN_RE."""
    out: list[str] = []
    run: list[str] = []
    for text in texts:
        if text.isascii():
            run.append(text)
            continue
        if run:
            out += ASCII_TOKEN_RE.findall("\n".join(run))
            run = []
        out += TOKEN_RE.findall(text)
    if run:
        out += ASCII_TOKEN_RE.findall("\n".join(run))
    return out


def xml_streams(root: etree._Element, conclusions_last: bool = False) -> tuple[list[str], dict[str, list[str]]]:
    """(body tokens in document order, each footnote's tokens by its marker); ``meta`` is skipped.

    AKN puts a resolution's conclusions before its attachments; old texts print the adoption line
    after the annex. With ``conclusions_last`` the document's conclusions are read after its
    attachments, the other reading order of the same markup."""
    # the texts are collected first and each stream tokenised in few calls (tokens_of: a line
    # end is in no token, so that is the same as tokenising text by text, at a third of the cost)
    body: list[str] = []
    notes: dict[str, list[str]] = {}
    deferred: list[str] = []
    meta, note, statement = A + "meta", A + "authorialNote", A + "statement"

    def walk(el: etree._Element, sink: list[str]) -> None:
        if el.tag == meta:
            return
        if conclusions_last and el.tag == A + "conclusions" and el.getparent() is not None \
                and el.getparent().tag == statement:
            walk_inner(el, deferred)
            return
        walk_inner(el, sink)
        if el.tag == statement and deferred:  # each statement's (a part's) after its own attachments
            sink.extend(deferred)
            deferred.clear()

    def walk_inner(el: etree._Element, sink: list[str]) -> None:
        if el.text:
            sink.append(el.text)
        for child in el:
            tag = child.tag
            if tag == note:
                walk(child, notes.setdefault(child.get("marker", ""), []))
            elif isinstance(tag, str):
                walk(child, sink)
            if child.tail:
                sink.append(child.tail)

    walk(root, body)
    return tokens_of(body + deferred), {marker: tokens_of(texts) for marker, texts in notes.items()}


def source_streams(lines, note_lines: set[int], furniture: set[int]):
    """(body tokens, note tokens) of the source, each token with its line number."""
    body: list[tuple[str, int]] = []
    notes: list[tuple[str, int]] = []
    findall = TOKEN_RE.findall
    for no, text in lines:
        if no in furniture:
            continue
        found = findall(text)
        if found:
            (notes if no in note_lines else body).extend(zip(found, [no] * len(found)))
    return body, notes


def body_tokens(lines, consumed: Counter) -> tuple[list[str], int]:
    """The body's source tokens less the declared markers, taken out as :func:`compare` first
    tries (first occurrences on their line), and the number of tokens before: ``lines`` are the
    (number, text) of the body's lines. Runs of lines without markers are tokenised in one call,
    so this costs a third of :func:`source_streams`; when it equals the XML's tokens the stream
    is checked (compare would find no difference), otherwise compare says what differs."""
    marked = {no for (no, _), count in consumed.items() if count > 0}
    left = Counter(consumed)
    out: list[str] = []
    run: list[str] = []
    taken = 0
    for no, text in lines:
        if no not in marked:
            run.append(text)
            continue
        if run:
            out += tokens_of(run)
            run = []
        for tok in tokens(text):
            if left[(no, tok)] > 0:
                left[(no, tok)] -= 1
                taken += 1
            else:
                out.append(tok)
    if run:
        out += tokens_of(run)
    return out, len(out) + taken


#: Longest differing stretch (in words) the exact diff is run on; past it the difference is
#: reported whole (a word-by-word diff costs the product of the two lengths on repetitive text).
MAX_DIFF_TOKENS = 2_000


def compare(source: list[tuple[str, int]], xml: list[str], consumed: Counter,
            label: str) -> tuple[int, int, list[str]]:
    """Compare one stream: (words lost, words added, readable differences naming source lines).

    ``consumed`` counts the (line, token) pairs the converter declared it took out (markers).
    """
    # fastest path: take the declared tokens out once (first, then last occurrence on their line) and compare
    marked_lines = {no for (no, _), count in consumed.items() if count > 0}
    if not marked_lines:
        if [tok for tok, _ in source] == xml:
            return 0, 0, []
    else:
        left = Counter(consumed)
        filtered = []
        for tok, no in source:
            if no in marked_lines and left[(no, tok)] > 0:
                left[(no, tok)] -= 1
            else:
                filtered.append(tok)
        if filtered == xml:
            return 0, 0, []
        # or the last occurrence: a marker after a number of the same digits on its line
        # ('3.3. Emphasizes all parties 3 to …', note 3)
        left = Counter(consumed)
        filtered = []
        for tok, no in reversed(source):
            if no in marked_lines and left[(no, tok)] > 0:
                left[(no, tok)] -= 1
            else:
                filtered.append(tok)
        filtered.reverse()
        if filtered == xml:
            return 0, 0, []
    left = Counter(consumed)
    i = j = 0
    # fast path: walk both, skipping declared markers; most documents finish here
    while i < len(source):
        tok, no = source[i]
        if j < len(xml) and tok == xml[j] and not (
                left[(no, tok)] > 0 and i + 1 < len(source) and source[i + 1][0] == tok):
            i += 1
            j += 1
        elif left[(no, tok)] > 0:
            left[(no, tok)] -= 1
            i += 1
        else:
            break
    if i == len(source) and j == len(xml):
        return 0, 0, []
    # the same words at the end (none of them a declared marker) need no diff either
    k, m = len(source), len(xml)
    while k > i and m > j and source[k - 1][0] == xml[m - 1] and left[(source[k - 1][1], source[k - 1][0])] == 0:
        k -= 1
        m -= 1
    if max(k - i, m - j) > MAX_DIFF_TOKENS:
        # too long to diff word by word: report the difference without it, never pass it
        gone_c = Counter(t for t, _ in source[i:k]) - Counter(xml[j:m])
        extra_c = Counter(xml[j:m]) - Counter(t for t, _ in source[i:k])
        line = (source[i:i + 1] or source[-1:] or [("", 0)])[0][1]
        lost, added = max(1, sum(gone_c.values())), sum(extra_c.values())
        return lost, added, [f"{label} line {line}: the text differs from here on ({k - i} source "
                             f"and {m - j} XML words differ, too many to compare word by word)"]
    # slow path: a real diff of what differs; a source token left out is fine only where the
    # converter declared it. (Words the XML adds where the source has none are placed near the
    # source word after them, or else the one before.)
    near = (source[k:k + 1] or source[max(i - 1, 0):i] or [("", 0)])[0][1]
    source, xml = source[i:k], xml[j:m]
    a = [t for t, _ in source]
    sm = difflib.SequenceMatcher(None, a, xml, autojunk=False)
    lost = added = 0
    diff: list[str] = []
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op == "equal":
            continue
        gone = []
        for tok, no in source[a1:a2]:
            if left[(no, tok)] > 0:
                left[(no, tok)] -= 1
            else:
                gone.append((tok, no))
        extra = xml[b1:b2]
        if op == "replace" and gone and len(gone) == len(extra) and [t for t, _ in gone] == extra:
            continue  # the same words, once the declared markers are out
        lost += len(gone)
        added += len(extra)
        line = (gone or source[a1:a1 + 1] or source[-1:] or [("", near)])[0][1]
        if gone:
            diff.append(f"{label} line {line}: source has {' '.join(t for t, _ in gone[:12])!r} not in the XML")
        if extra:
            diff.append(f"{label} near line {line}: XML has {' '.join(extra[:12])!r} not in the source")
    return lost, added, diff

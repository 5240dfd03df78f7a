"""Validation: the official OASIS schema, the project's UN profile, and the no-text-lost check."""
from __future__ import annotations

import re
from collections import Counter

from converter.validate.profile import _short, profile_failures
from converter.validate.schema import schema_errors
from converter.validate.textcheck import body_tokens, compare, source_streams, tokens, xml_streams

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}

#: What the converter takes out of the text on purpose, token by token.
CONSUMED_KINDS = ("footnote-marker", "footnote-ref", "footnote-number", "word-bookmark-inline",
                  "footnote-marker-fused")
#: A marker the extraction fused onto a year ("25 November 20242"): one token in the source.
FUSED_KIND = "footnote-marker-fused"
#: Removals of part of a line only (the rest of the line is text).
PARTIAL_KINDS = CONSUMED_KINDS + ("control-character", "hyphenation")


def note_streams(ing) -> dict[str, list[tuple[str, int]]]:
    """Each footnote's source tokens, by its marker."""
    lines = {l.no: l.text for l in ing.lines}
    streams = {}
    for num, note in ing.notes.items():
        parts = {no: (a, b) for no, a, b in note.spans}
        # by the printed marker, as the XML's notes are: notes numbered again (an annex's) follow on
        streams.setdefault(note.number, []).extend(
            (tok, no) for no in note.lines
            for tok in tokens(lines[no][slice(*parts[no])] if no in parts else lines[no]))
    return streams


def body_lines(ing):
    """The source lines, less the parts of lines that notes hold (a Word note after its paragraph)."""
    cuts: dict[int, list[tuple[int, int]]] = {}
    for note in ing.notes.values():
        for no, a, b in note.spans:
            cuts.setdefault(no, []).append((a, b))
    for l in ing.lines:
        text = l.text
        if l.no in cuts:
            for a, b in sorted(cuts[l.no], reverse=True):
                text = text[:a] + " " + text[b:]
        yield l.no, text


def _marker_key(marker: str):
    return (0, int(marker), "") if marker.isdigit() else (1, 0, marker)


def _source_line(tree, location: str, lines: dict[str, int]) -> int | None:
    """The source line of the element a failed rule points at (through the nearest eId)."""
    try:
        found = tree.getroot().getroottree().xpath(location)
    except Exception:  # a location lxml cannot evaluate: no line, the message still says where
        return None
    el = found[0] if found else None
    while el is not None:
        if el.get("eId") in lines:
            return lines[el.get("eId")]
        el = el.getparent()
    return None


def _split_fused(stream: list[tuple[str, int]], fused) -> list[tuple[str, int]]:
    """The source tokens with each year a marker was fused onto ("20242") split into the year and
    the marker ("2024", "2"), so that the marker can be accounted for as any other."""
    if not fused:
        return stream
    todo: dict[int, list[str]] = {}
    for r in fused:
        todo.setdefault(r.line, []).append(r.text)
    out = []
    for tok, no in stream:
        markers = todo.get(no)
        marker = next((mk for mk in markers if len(tok) == 4 + len(mk) and tok.endswith(mk)
                       and tok[:2] in ("18", "19", "20")), None) if markers else None
        if marker is None:
            out.append((tok, no))
            continue
        out.extend([(tok[:4], no), (marker, no)])
        markers.remove(marker)
    return out


def check_conversion(tree, ing, report, lines: dict[str, int] | None = None) -> list[str]:
    """Run every check on a fresh conversion; fill ``report``; return the problems found.
    ``lines`` maps eIds to source lines, so that a problem can name its line."""
    problems: list[str] = []
    report.schema_errors = schema_errors(tree)
    if report.schema_errors:
        problems.append("invalid against the AKN schema: " + report.schema_errors[0])
    failures = profile_failures(tree)
    report.profile_errors = [f"{_short(location)}: {text}" for location, text in failures]
    if failures:
        problems.append("fails the UN resolution profile: " + report.profile_errors[0])
        report.first_problem_line = _source_line(tree, failures[0][0], lines or {})
    furniture = {r.line for r in report.removed if r.kind not in PARTIAL_KINDS}
    note_lines = {n for note in ing.notes.values() for n in note.lines if n not in {s[0] for s in note.spans}}
    xml_body, xml_notes = xml_streams(tree.getroot())
    src_notes = note_streams(ing)
    consumed = Counter((r.line, tok) for r in report.removed if r.kind in CONSUMED_KINDS for tok in tokens(r.text))
    lines_ = list(body_lines(ing))
    filtered, words_body = body_tokens([(no, text) for no, text in lines_
                                        if no not in furniture and no not in note_lines], consumed)
    if filtered == xml_body:  # what compare finds first on a good conversion, for a third of the cost
        lost1, added1, diff1 = 0, 0, []
    else:
        src_body, _ = source_streams(lines_, note_lines, furniture)
        src_body = _split_fused(src_body, [r for r in report.removed if r.kind == FUSED_KIND])
        words_body = len(src_body)
        lost1, added1, diff1 = compare(src_body, xml_body, consumed, "text")
        if diff1 and tree.getroot().xpath("//a:statement[a:conclusions and a:attachments]", namespaces=NS):
            # the adoption line printed after the annex (AKN's order puts conclusions first)
            after = compare(src_body, xml_streams(tree.getroot(), conclusions_last=True)[0], consumed, "text")
            if not after[2]:
                lost1, added1, diff1 = after
    lost2 = added2 = 0
    diff2: list[str] = []
    for marker in sorted(set(src_notes) | set(xml_notes), key=_marker_key):
        lost, added, diff = compare(src_notes.get(marker, []), xml_notes.get(marker, []), consumed,
                                    f"footnote {marker}")
        lost2, added2, diff2 = lost2 + lost, added2 + added, diff2 + diff
    report.words_source = words_body + sum(map(len, src_notes.values()))
    report.words_xml = len(xml_body) + sum(map(len, xml_notes.values()))
    report.words_lost = lost1 + lost2
    report.words_added = added1 + added2
    report.text_diff = diff1 + diff2
    if report.text_diff:
        problems.append(f"text lost or changed ({report.words_lost} words lost, {report.words_added} added): "
                        + "; ".join(report.text_diff[:3]))
        m = re.search(r"line (\d+)", report.text_diff[0])
        report.first_problem_line = report.first_problem_line or (int(m.group(1)) if m else None)
    return problems

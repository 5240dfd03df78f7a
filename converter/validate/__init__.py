"""Validation: the official OASIS schema, the project's UN profile, and the no-text-lost check."""
from __future__ import annotations

from collections import Counter

from converter.validate.profile import profile_errors
from converter.validate.schema import schema_errors
from converter.validate.textcheck import compare, source_streams, xml_streams


def check_conversion(tree, ing, report) -> list[str]:
    """Run every check on a fresh conversion; fill ``report``; return the problems found."""
    problems: list[str] = []
    report.schema_errors = schema_errors(tree)
    if report.schema_errors:
        problems.append("invalid against the AKN schema: " + report.schema_errors[0])
    report.profile_errors = profile_errors(tree)
    if report.profile_errors:
        problems.append("fails the UN resolution profile: " + report.profile_errors[0])
    furniture = {r.line for r in report.removed if r.kind not in ("footnote-marker", "footnote-number")}
    note_lines = {n for note in ing.notes.values() for n in note.lines}
    src_body, src_notes = source_streams(((l.no, l.text) for l in ing.lines), note_lines, furniture)
    xml_body, xml_notes = xml_streams(tree.getroot())
    consumed = Counter((r.line, r.text.split()[0]) for r in report.removed
                       if r.kind in ("footnote-marker", "footnote-number"))
    lost1, added1, diff1 = compare(src_body, xml_body, consumed, "text")
    lost2, added2, diff2 = compare(src_notes, xml_notes, consumed, "footnotes")
    report.words_source = len(src_body) + len(src_notes)
    report.words_xml = len(xml_body) + len(xml_notes)
    report.words_lost = lost1 + lost2
    report.words_added = added1 + added2
    report.text_diff = diff1 + diff2
    if report.text_diff:
        problems.append(f"text lost or changed ({report.words_lost} words lost, {report.words_added} added): "
                        + "; ".join(report.text_diff[:3]))
        import re
        m = re.search(r"line (\d+)", report.text_diff[0])
        report.first_problem_line = int(m.group(1)) if m else None
    return problems

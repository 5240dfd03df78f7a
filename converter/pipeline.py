"""The whole conversion, text to checked AKN: ingest → parse → akn → validate.

Every conversion ends with the schema, the project's profile and the no-text-lost check; a
document that fails any of them raises :class:`~converter.errors.ConversionError`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from converter import lang as languages
from converter.detect import detect
from converter.akn.build import build_akn
from converter.akn.xmlio import to_bytes
from converter.errors import ConversionError
from converter.ingest import ingest
from converter.limits import DEFAULT_TIME_LIMIT, check, time_limit as _limit
from converter.parse import parse
from converter.parse.completeness import truncation
from converter.report import Report
from converter.validate import check_conversion


@dataclass
class Conversion:
    xml: bytes
    tree: etree._ElementTree
    report: Report
    timings: dict[str, float] = field(default_factory=dict)


def convert_text(data: bytes | str, source: str = "<input>", *, lang: str = "auto",
                 markup_date: str | None = None, strict: bool = False,
                 time_limit: float | None = DEFAULT_TIME_LIMIT) -> Conversion:
    """Convert one resolution; raise ConversionError naming the file and line when it cannot.

    ``lang`` is an ISO 639-2 code with a table in converter/data, or ``auto`` to detect it.
    ``time_limit``: seconds before giving up with ConversionError("took longer than N s");
    None for no limit."""
    with _limit(time_limit, source):
        return _convert(data, source, lang, markup_date, strict)


def _convert(data: bytes | str, source: str, lang: str, markup_date: str | None, strict: bool) -> Conversion:
    t0 = time.perf_counter()
    if lang == "auto":
        lang = detect(data)
    try:
        table = languages.load(lang)
    except KeyError:
        raise ConversionError(f"no language table for {lang!r}", source=source) from None
    ing = ingest(data, source, table)
    t1 = time.perf_counter()
    check()
    doc, warnings, markers = parse(ing, table)
    cut = truncation(doc)
    if cut:
        warnings.append((cut[0], f"truncated: {cut[1]}"))
    if doc.doc_number is None and doc.formula is None and not doc.body and doc.adoption_line is None:
        line = next((l.no for l in ing.lines if not l.blank), 1)
        raise ConversionError("no resolution recognised: no number, enacting formula, adoption line"
                              " or numbered paragraph", source=source, line=line)
    t2 = time.perf_counter()
    check()
    lines: dict[str, int] = {}
    root = build_akn(doc, markup_date, lines, table)
    xml = to_bytes(root)
    tree = etree.ElementTree(root)
    t3 = time.perf_counter()
    check()
    report = Report(source=source, encoding=ing.encoding, removed=sorted(ing.removed + markers, key=lambda r: r.line),
                    warnings=sorted(warnings), symbol=doc.symbol, language=table.code,
                    truncated={"line": cut[0], "reason": cut[1]} if cut else None)
    problems = check_conversion(tree, ing, report, lines)
    t4 = time.perf_counter()
    report.timings = {"ingest": t1 - t0, "parse": t2 - t1, "akn": t3 - t2, "validate": t4 - t3}
    if problems:
        if cut:  # what is missing is most likely missing because the text stops early
            problems.insert(0, f"truncated: {cut[1]}")
        error = ConversionError("; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""),
                              source=source, line=(cut[0] if cut else None) or report.first_problem_line
                              or next((l.no for l in ing.lines if not l.blank), 1))
        error.report = report  # what was checked, for batch reports
        raise error
    if strict and report.warnings:
        line, msg = report.warnings[0]
        raise ConversionError(f"--strict: {msg}", source=source, line=line)
    return Conversion(xml, tree, report, report.timings)


def convert_file(path: str | Path, **options) -> Conversion:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConversionError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    return convert_text(data, str(path), **options)

"""Where a document's outputs go: ``un-ga/68/A-RES-68-198.eng.xml``, always inside OUT_DIR.

Names come from the document's FRBR metadata (organ actor, session or year, symbol), which for an
AKN input is untrusted; every component is reduced to ``[A-Za-z0-9._-]``, may not start with a dot
(so never ``.`` or ``..``), and is capped in length.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from converter import AKN_NS
from converter.lang import roman_value

#: Longest file or folder name written (bytes); most file systems allow 255.
MAX_COMPONENT = 96

_A = f"{{{AKN_NS}}}"
#: File extension of each output format.
EXTENSIONS = {"akn": "xml", "html": "html", "pdf": "pdf"}


def safe_component(text: str | None, default: str = "unknown", limit: int = MAX_COMPONENT) -> str:
    """One path component: only ``[A-Za-z0-9._-]``, no leading dot or dash, at most ``limit`` long."""
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", text or "")
    s = re.sub(r"-{2,}", "-", s)
    s = re.sub(r"\.{2,}", ".", s).lstrip(".-").rstrip(".-")
    if not s:
        s = default
    if len(s) > limit:
        digest = hashlib.sha256(s.encode()).hexdigest()[:10]
        s = s[:limit - 11].rstrip(".-") + "-" + digest
    return s


@dataclass(frozen=True)
class Layout:
    """The folder (``un-ga/68``) and file stem (``A-RES-68-198.eng``) of one document."""
    folder: str
    stem: str

    def path(self, fmt: str, tag: str | None = None) -> str:
        """Relative POSIX path of one output; ``tag`` tells apart two inputs with the same symbol."""
        stem = self.stem if tag is None else f"{self.stem}~{tag}"
        return f"{self.folder}/{stem}.{EXTENSIONS[fmt]}"


def layout_for(root: etree._Element, fallback: str) -> Layout:
    """Layout from an AKN document's FRBR; ``fallback`` (the input's file name) names it if it has none."""
    work = root.find(f".//{_A}FRBRWork")
    this = _value(work, "FRBRthis") or _value(work, "FRBRuri") or ""
    symbol = _value(work, "FRBRnumber")
    date = work.find(f"{_A}FRBRdate").get("date", "") if work is not None and \
        work.find(f"{_A}FRBRdate") is not None else ""
    lang_el = root.find(f".//{_A}FRBRExpression/{_A}FRBRlanguage")
    lang = lang_el.get("language") if lang_el is not None else None
    parts = [p for p in this.split("/") if p]
    actor = parts[4] if len(parts) > 4 and parts[:4] == ["akn", "un", "statement", "deliberation"] else None
    organ = "un-" + actor[2:] if actor and actor.startswith("un") and len(actor) > 2 else actor
    session = _session(symbol, actor, date)
    stem = symbol.replace("/", "-") if symbol else Path(fallback).stem
    # room for "~tag" (9) and the longest extension (5) within MAX_COMPONENT
    name = f"{safe_component(stem, 'document', 60)}.{safe_component(lang, 'und', 16)}"
    return Layout(f"{safe_component(organ)}/{safe_component(session)}",
                  safe_component(name, limit=MAX_COMPONENT - 14))


def _value(parent, tag: str) -> str | None:
    el = parent.find(f"{_A}{tag}") if parent is not None else None
    return el.get("value") if el is not None and el.get("value") else None


def _session(symbol: str | None, actor: str | None, date: str) -> str | None:
    """GA/HRC: the session (``68`` of A/RES/68/198, ``3`` of 217 A (III)); SC/ECOSOC: the year."""
    year = date[:4] if re.fullmatch(r"\d{4}", date[:4]) and not date.startswith("9999") else None
    parts = [p.strip() for p in (symbol or "").split("/") if p.strip()]
    if actor == "unsc":
        m = re.search(r"\((\d{4})\)\s*$", symbol or "") or re.fullmatch(r"(\d{4})", parts[-1] if parts else "")
        return m.group(1) if m else year
    if len(parts) >= 2 and re.fullmatch(r"\d+", parts[-2]):
        return parts[-2]
    m = re.search(r"\(([IVXLC]+)\)\s*$", symbol or "")
    if m:
        return str(roman_value(m.group(1)))
    return year


def inside(out_dir: Path, rel: str) -> Path:
    """``out_dir / rel``, refusing anything that would resolve outside ``out_dir``."""
    base = out_dir.resolve()
    target = (base / rel).resolve()
    if target == base or base not in target.parents:
        raise ValueError(f"output path {rel!r} leaves the output folder")
    return target

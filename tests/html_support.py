"""Helpers shared by the HTML renderer tests: which AKN files to render, and text checks."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree, html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
UN_AKN = REFERENCE / "un-akn"
ITU_FILE = REFERENCE / "akn4itu-itu-pp-res-2.xml"
CORPUS = ROOT.parent / "shared" / "corpus"
#: Corpus folders of complete resolutions (bulk/ is for batch tests, multilingual/ holds partial
#: and wrapped texts).
CORPUS_FOLDERS = ("ga", "sc", "hrc", "ecosoc")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "akn"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
SIX_LANGUAGES = ("Arabic", "Chinese", "English", "French", "Russian", "Spanish")
_WS = re.compile(r"\s+")

MISSING_REFERENCE = f"reference AKN files not found at {UN_AKN} (clone the project beside ../shared)"


def reference_files() -> list[Path]:
    """Every UN AKN file under ../shared/reference/un-akn/ and the AKN4ITU file."""
    if not UN_AKN.is_dir():
        return []
    files = sorted(UN_AKN.rglob("*.xml"))
    if ITU_FILE.exists():
        files.append(ITU_FILE)
    return files


#: The HTML renderer's own fixtures (other tests keep theirs in the same folder).
HTML_FIXTURES = ("footnotes-noteref.xml", "hostile.xml", "nested-lists.xml", "rtl-arabic.xml",
                 "sections-annex.xml")


def fixture_files() -> list[Path]:
    return [FIXTURES / name for name in HTML_FIXTURES]


def browser_files(per_language: int | None = 1) -> list[Path]:
    """The pages checked in the browser: UN examples, ``per_language`` six-languages files per
    language (None: all of them, and the corpus counterparts too), the AKN4ITU file and our
    fixtures. Add paths here to check more."""
    files: list[Path] = []
    if UN_AKN.is_dir():
        files += sorted((UN_AKN / "examples").glob("*.xml"))
        for lang in SIX_LANGUAGES:
            files += sorted((UN_AKN / "six-languages" / lang).glob("*.xml"))[:per_language]
        if per_language is None:
            files += sorted((UN_AKN / "corpus-counterparts").glob("*.xml"))
    if ITU_FILE.exists():
        files.append(ITU_FILE)
    return files + fixture_files()


def corpus_texts() -> list[Path]:
    """The corpus resolutions (plain text) that ``unakn html`` must render once converted."""
    return [p for folder in CORPUS_FOLDERS for p in sorted((CORPUS / folder).glob("*.txt"))]


#: Corpus texts whose conversions hold constructs the renderers must show well: articles in an
#: embedded declaration, rules in an annex, a resolution in parts (documentCollection), lost
#: labels, misread and missing paragraph numbers, a year-only date, a symbol not printed.
CONSTRUCT_TEXTS = ("ga/A-RES-217-A-III.txt", "sc/S-RES-263-1969.txt", "ga/A-RES-80-11.txt",
                   "bulk/sc/S-RES-161-1961.txt", "bulk/sc/S-RES-591-1986.txt",
                   "bulk/sc/S-RES-346-1974.txt", "bulk/sc/S-RES-462-1980.txt",
                   "bulk/sc/S-RES-484-1980.txt", "bulk/sc/S-RES-21-1947.txt",
                   "multilingual/ara/S-RES-338-1973_aljazeera.txt")


def construct_texts() -> list[Path]:
    """The texts of CONSTRUCT_TEXTS (present or not: callers skip the absent ones, saying so)."""
    return [CORPUS / name for name in CONSTRUCT_TEXTS]


def convert_or_skip(path: Path) -> bytes:
    """The converter's AKN for a text; skip (naming the converter's error) if it cannot."""
    import pytest
    from converter.errors import ConversionError
    from converter.pipeline import convert_file
    if not path.exists():
        pytest.skip(f"{path} not present (../shared/corpus missing?)")
    try:
        return convert_file(path).xml
    except ConversionError as exc:
        pytest.skip(f"the converter cannot convert this text yet: {exc}")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def akn_pieces(el, skip=("meta", "authorialNote")) -> list[str]:
    """The text pieces (text and tails, normalised) of an AKN subtree in document order,
    leaving out metadata and footnote bodies."""
    out: list[str] = []

    def walk(e):
        name = etree.QName(e).localname if isinstance(e.tag, str) else None
        if name in skip:
            return
        if isinstance(e.tag, str) and e.text and e.text.strip():
            out.append(norm(e.text))
        for c in e:
            walk(c)
            if c.tail and c.tail.strip():
                out.append(norm(c.tail))

    walk(el)
    return out


def html_text(el) -> str:
    """Text of an HTML element, text nodes joined by spaces, normalised."""
    return norm(" ".join(el.itertext()))


def missing_in_order(pieces: list[str], text: str) -> list[str]:
    """Pieces not found in ``text`` when searched one after another from left to right."""
    missing, pos = [], 0
    for piece in pieces:
        i = text.find(piece, pos)
        if i < 0:
            missing.append(piece)
        else:
            pos = i + len(piece)
    return missing


def parse_html(page: str):
    return lxml_html.document_fromstring(page)

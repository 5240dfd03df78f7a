"""The same resolution as five extractions give it: the official PDFs of ../shared/corpus/pdf/
through poppler's pdftotext in reading order, with -layout (columns of indentation) and with -raw
(content-stream order), and through pypdf, plain and in its layout mode. Each text converts, valid and lossless, to the structure the corpus
expectations give for that resolution."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, NS
from converter.pipeline import convert_file

PDFS = sorted((CORPUS / "pdf").glob("*.pdf")) if (CORPUS / "pdf").is_dir() else []
EXPECT = json.loads((Path(__file__).parent / "corpus_expectations.json").read_text("utf-8"))["documents"]


def _assert_expected_structure(text: Path, pdf: Path) -> None:
    """The text converts valid and lossless, with the recitals, operative paragraphs and notes the
    corpus expectations give for the resolution of ``pdf``."""
    result = convert_file(text)
    assert result.report.words_lost == 0 and not result.report.profile_errors
    tree = result.tree
    count = lambda xp: int(tree.xpath(f"count({xp})", namespaces=NS))
    want = EXPECT[f"ga/{pdf.stem}.txt"]
    assert (count("/a:akomaNtoso/*/a:preamble/a:container"),
            count("/a:akomaNtoso/*/a:mainBody//a:paragraph[not(ancestor::a:paragraph)]"),
            count("//a:authorialNote")) == (want["preamble"], want["operative"], want["footnotes"])


@pytest.mark.corpus
@pytest.mark.skipif(not PDFS, reason=f"no official PDFs in {CORPUS / 'pdf'}")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed")
@pytest.mark.parametrize("mode", ["", "-layout", "-raw"])
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_each_extraction_converts_to_the_same_structure(pdf, mode, tmp_path):
    text = tmp_path / f"{pdf.stem}.txt"
    subprocess.run(["pdftotext", *([mode] if mode else []), str(pdf), str(text)], check=True)
    _assert_expected_structure(text, pdf)


@pytest.mark.corpus
@pytest.mark.skipif(not PDFS, reason=f"no official PDFs in {CORPUS / 'pdf'}")
@pytest.mark.parametrize("mode", ["plain", "layout"])
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pypdf_extractions_convert_to_the_same_structure(pdf, mode, tmp_path):
    """pypdf's text, plain and in its layout mode (justified lines full of spaces, 'The General
    Assembly        ,')."""
    from pypdf import PdfReader

    text = tmp_path / f"{pdf.stem}.txt"
    text.write_text("\n".join(p.extract_text(extraction_mode=mode) or "" for p in PdfReader(pdf).pages), "utf-8")
    _assert_expected_structure(text, pdf)

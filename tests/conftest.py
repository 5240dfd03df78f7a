"""Shared test fixtures: paths to the project's examples and to ../shared when it is there."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def need_corpus():
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (clone the project beside ../shared)")


@pytest.fixture(scope="session")
def seed():
    from converter.pipeline import convert_file
    return convert_file(EXAMPLES / "A-RES-68-198.txt")

"""Shared test fixtures: paths to the project's examples and to ../shared when it is there, and
the property tests' settings."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

#: Property tests (hypothesis) draw the same cases on every run and machine, so that a test run is
#: repeatable and CI fails only on a change, never on a case drawn for the first time.
#: ``UNAKN_HYPOTHESIS=explore`` draws new cases on each run, to look for more.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, database=None)
settings.load_profile(os.environ.get("UNAKN_HYPOTHESIS", "repeatable"))

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

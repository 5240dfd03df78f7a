"""The project's own profile for UN resolutions: ISO Schematron (schemas/un-resolution.sch)."""
from __future__ import annotations

from functools import lru_cache

from lxml import etree, isoschematron

from converter import SCHEMAS_DIR

PROFILE = SCHEMAS_DIR / "un-resolution.sch"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@lru_cache(maxsize=1)
def profile() -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(PROFILE)), store_report=True)


def profile_failures(tree) -> list[tuple[str, str]]:
    """(XPath location, message) for every failed assertion; empty when the document conforms."""
    sch = profile()
    if sch.validate(tree):
        return []
    report = sch.validation_report
    return [(fail.get("location") or "", " ".join("".join(fail.itertext()).split()))
            for fail in report.xpath("//svrl:failed-assert", namespaces=SVRL)]


def profile_errors(tree) -> list[str]:
    """Messages for every failed assertion of the profile; empty when the document conforms."""
    return [f"{_short(location)}: {text}" for location, text in profile_failures(tree)]


def _short(location: str | None) -> str:
    """``/*[local-name()='akomaNtoso' and …]/*[local-name()='statement' …][2]`` → ``/akomaNtoso/statement[2]``."""
    import re
    return re.sub(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='[^']*'\]", r"\1", location or "")

"""Reading AKN XML from untrusted sources, and writing it deterministically.

Every XML read in the toolkit (validate, render, batch) goes through :func:`parse_xml`:
no DTD loading, no entity expansion, no network, bounded size and depth.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from converter import AKN_NS
from converter.errors import XMLInputError

#: Largest XML input accepted, in bytes.
MAX_XML_BYTES = 50 * 1024 * 1024
#: Deepest element nesting accepted.
MAX_DEPTH = 200


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def parse_xml(data: bytes | str | Path, *, source: str | None = None,
              require_akn: bool = True) -> etree._ElementTree:
    """Parse XML bytes (or a file path) safely; raise :class:`XMLInputError` with a clear reason.

    Refuses a DOCTYPE (and so internal/external entities, "billion laughs", XXE), inputs larger
    than :data:`MAX_XML_BYTES`, nesting deeper than :data:`MAX_DEPTH` and, with ``require_akn``,
    roots that are not ``akomaNtoso`` in the AKN 3.0 namespace.
    """
    if isinstance(data, Path):
        source = source or str(data)
        try:
            if data.stat().st_size > MAX_XML_BYTES:
                raise XMLInputError(f"XML larger than {MAX_XML_BYTES} bytes", source=source)
            data = data.read_bytes()
        except OSError as exc:
            raise XMLInputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    source = source or "<xml>"
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_XML_BYTES:
        raise XMLInputError(f"XML larger than {MAX_XML_BYTES} bytes", source=source)
    if not data.strip():
        raise XMLInputError("empty file, expected AKN XML", source=source, line=1)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise XMLInputError(f"not well-formed XML: {exc.msg}", source=source,
                            line=exc.lineno) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise XMLInputError("DOCTYPE declarations are refused (no DTDs or entities in AKN input)",
                            source=source, line=1)
    for el in tree.iter():
        if isinstance(el, etree._Entity):
            raise XMLInputError("entity references are refused", source=source,
                                line=el.sourceline)
    _check_depth(tree.getroot(), source)
    root = tree.getroot()
    if require_akn and root.tag != f"{{{AKN_NS}}}akomaNtoso":
        raise XMLInputError(
            f"not Akoma Ntoso 3.0: root element is {etree.QName(root).localname!r}"
            f" in namespace {etree.QName(root).namespace or 'none'!r}",
            source=source, line=root.sourceline)
    return tree


def _check_depth(root: etree._Element, source: str) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise XMLInputError(f"XML nested deeper than {MAX_DEPTH} levels", source=source,
                                line=el.sourceline)
        stack.extend((child, depth + 1) for child in el)


def to_bytes(root: etree._Element) -> bytes:
    """Serialise deterministically: UTF-8, XML declaration, two-space indentation."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

"""Reading AKN XML from untrusted sources, and writing it deterministically.

Every XML read in the toolkit (validate, render, batch) goes through :func:`parse_xml`:
no DTD loading, no entity expansion, no network, bounded size and depth. A DOCTYPE is refused
before libxml2 sees the document, so a DTD (internal or external) is never read, let alone an
entity defined in one; XInclude is never processed.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from converter import AKN_NS
from converter.errors import XMLInputError

#: Largest XML input accepted, in bytes.
MAX_XML_BYTES = 50 * 1024 * 1024
#: Deepest element nesting accepted.
MAX_DEPTH = 200
#: How much of the start of a document is searched for a DOCTYPE before parsing (the prolog: XML
#: declaration, comments, processing instructions); one past it is still refused after parsing.
PROLOG_BYTES = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: "<?" or "<" with no byte order mark, in UTF-32 and UTF-16 (XML 1.0 appendix F).
_NO_BOM = (
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"), (b"<\x00", "utf-16-le"),
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ROOT_START = re.compile(r"<[^?!]")
_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)


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
    _refuse_doctype(data, source)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, data, source) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # one past the pre-scan
        text = _prolog(data, len(data))
        doctype = _DOCTYPE.search(text)
        raise XMLInputError("DOCTYPE declarations are refused (no DTDs or entities in AKN input)",
                            source=source, line=text.count("\n", 0, doctype.start()) + 1 if doctype else 1)
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


def _prolog(data: bytes, limit: int = PROLOG_BYTES) -> str:
    """The start of the document as text, in the encoding its first bytes announce."""
    head = data[:limit]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="replace")
    for start, encoding in _NO_BOM:
        if head.startswith(start):
            return head.decode(encoding, errors="replace")
    return head.decode("latin-1")  # ASCII-compatible: only the markup characters matter here


def _refuse_doctype(data: bytes, source: str) -> None:
    """Refuse a DOCTYPE in the prolog before any parser reads it (XXE, external DTD, entity bombs)."""
    prolog = _prolog(data)
    blanked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), prolog)
    root = _ROOT_START.search(blanked)
    doctype = _DOCTYPE.search(blanked, 0, root.start() if root else len(blanked))
    if doctype:
        raise XMLInputError("DOCTYPE declarations are refused (no DTDs or entities in AKN input)",
                            source=source, line=blanked.count("\n", 0, doctype.start()) + 1)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes outside UTF-16/32, or a tenth of control characters: not a text file at all."""
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS) or any(head.startswith(s) for s, _ in _NO_BOM):
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return b"\x00" in head or controls * 10 > len(head)


def _syntax_error(exc: etree.XMLSyntaxError, data: bytes, source: str) -> XMLInputError:
    """A reason a person can act on for what libxml2 refused."""
    if _looks_binary(data):
        return XMLInputError(f"binary data, not XML (the file starts with bytes {data[:8].hex(' ')})",
                             source=source, line=None)
    if "Excessive depth" in (exc.msg or ""):
        return XMLInputError(f"XML nested deeper than {MAX_DEPTH} levels", source=source,
                             line=exc.lineno)
    if "amplification" in (exc.msg or "") or "entity" in (exc.msg or "").lower():
        return XMLInputError(f"entity references are refused ({exc.msg})", source=source,
                             line=exc.lineno)
    return XMLInputError(f"not well-formed XML: {exc.msg}", source=source, line=exc.lineno)


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

"""Fuzzing the XML reader and the text renderer (hypothesis): random bytes, random nested XML (with
entities, DOCTYPEs, comments, CDATA and unescaped markup thrown in) and mutated real documents.
Whatever comes in, the outcome is a parsed tree rendered to text, or an XMLInputError naming the
source; never another exception.

``UNAKN_FUZZ_EXAMPLES`` sets the number of cases per test (default 300).
"""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.akn.xmlio import parse_xml
from converter.errors import XMLInputError
from converter.render.text import INLINE, render_text

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SOURCE = "fuzz.xml"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "akn"
SEED_DOCS = [p.read_bytes() for p in sorted(FIXTURES.glob("text_*.xml"))]

FUZZ = settings(max_examples=int(os.environ.get("UNAKN_FUZZ_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NAMES = sorted(INLINE) + [
    "statement", "act", "doc", "documentCollection", "components", "component", "collectionBody",
    "documentRef", "meta", "coverPage", "preface", "preamble", "formula", "container", "mainBody",
    "body", "paragraph", "num", "heading", "subheading", "content", "p", "list", "intro", "point",
    "sublist", "blockList", "listIntroduction", "item", "section", "hcontainer", "crossHeading",
    "conclusions", "attachments", "attachment", "table", "tr", "td", "th", "x:unknown",
]
ATTRIBUTES = ["marker", "eId", "name", "href", "refersTo", "class", "xml:space"]


def _outcome(data: bytes) -> str | None:
    """Parse and render; None when the input was refused (with a proper XMLInputError)."""
    try:
        tree = parse_xml(data, source=SOURCE)
    except XMLInputError as exc:
        assert exc.source == SOURCE and str(exc).startswith(SOURCE)
        assert exc.line is None or exc.line >= 1
        return None
    text = render_text(tree)
    assert text == "" or (text.endswith("\n") and not text.endswith("\n\n"))
    assert "\x00" not in text
    render_text(tree, notes="inline")
    return text


# ---- random bytes ----

@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    _outcome(data)


@FUZZ
@given(st.binary(max_size=512))
def test_random_bytes_after_an_akn_start(data):
    _outcome(f'<?xml version="1.0"?><akomaNtoso xmlns="{AKN}">'.encode() + data)


# ---- random nested XML ----

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
_raw_bits = st.sampled_from([
    "&amp;", "&lt;", "&#x41;", "&#0;", "&e;", "&lol9;", "<![CDATA[ <p>not markup</p> ]]>",
    "<!-- comment -->", "<?pi data?>", "]]>", "<", "&", "\t\n ", "\u00a0", "\u3000", "",
])


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def _attrs(draw) -> str:
    names = draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3, unique=True))
    return "".join(f' {n}="{_escape(draw(_text)).replace(chr(34), "&quot;")}"' for n in names)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw) -> str:
        name = draw(st.sampled_from(NAMES))
        body = "".join(draw(st.lists(st.one_of(children, _text.map(_escape), _raw_bits), max_size=5)))
        return f"<{name}{draw(_attrs())}>{body}</{name}>"
    return build()


_xml = st.recursive(st.one_of(_text.map(_escape), _raw_bits), _element, max_leaves=40)


@FUZZ
@given(st.lists(_xml, max_size=4), st.sampled_from([
    "", '<?xml version="1.0" encoding="UTF-8"?>', "\ufeff",
    '<!DOCTYPE akomaNtoso [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:9/x.dtd">',
]))
def test_random_nested_xml(parts, prolog):
    data = (f'{prolog}<akomaNtoso xmlns="{AKN}" xmlns:x="urn:example:unakn">'
            + "".join(parts) + "</akomaNtoso>").encode("utf-8")
    text = _outcome(data)
    if "DOCTYPE" in prolog:
        assert text is None
    if text is not None:
        assert "root:" not in text


# ---- real documents, mutated ----

@FUZZ
@given(st.sampled_from(SEED_DOCS), st.data())
def test_mutated_documents(doc, data):
    cut = data.draw(st.integers(0, len(doc)))
    kind = data.draw(st.sampled_from(["truncate", "insert", "delete", "duplicate", "encode"]))
    if kind == "truncate":
        mutated = doc[:cut]
    elif kind == "insert":
        mutated = doc[:cut] + data.draw(st.binary(min_size=1, max_size=64)) + doc[cut:]
    elif kind == "delete":
        mutated = doc[:cut] + doc[cut + data.draw(st.integers(1, 200)):]
    elif kind == "duplicate":
        mutated = doc[:cut] + doc[max(0, cut - 300):cut] + doc[cut:]
    else:
        mutated = doc.decode("utf-8").replace('encoding="UTF-8"', "").encode(
            data.draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "utf-8-sig", "latin-1"])),
            errors="replace")
    _outcome(mutated)


def test_the_seed_documents_render_unmutated():
    """The fuzzed documents are real ones: unmutated, each renders to text."""
    assert SEED_DOCS and all(_outcome(doc) for doc in SEED_DOCS)

"""Links in rendered pages: which hrefs are safe to emit, and where AKN4UN IRIs point.

Only ``http``/``https`` addresses and internal ``#fragment`` links ever reach the HTML; anything
else (``javascript:``, ``data:``, ``file:``, relative paths, malformed URLs) is rendered as text.
AKN IRIs (``/akn/un/...``) go through a resolver: a callable ``iri -> url or None``.
"""
from __future__ import annotations

import re
from typing import Callable, Optional
from urllib.parse import quote, urlsplit

#: A resolver maps an AKN IRI (``/akn/...``) to an address, or None when it cannot.
Resolver = Callable[[str], Optional[str]]

_CONTROL = re.compile(r"[\x00-\x20\x7f]")
# /akn/un/statement/deliberation/<actor>/<date>/<number>/...
_UN_IRI = re.compile(
    r"^/akn/un/(?:statement|doc|documentCollection)/[^/]+/(?P<actor>[^/]+)/"
    r"(?P<date>\d{4}(?:-\d{2}-\d{2})?)/(?P<number>[^/!@]+)")
_GA_NUMBER = re.compile(r"^(?P<session>\d+)-(?P<num>\d+[A-Z]*)$")
_SC_NUMBER = re.compile(r"^(?P<num>\d+)-(?P<year>\d{4})$")


def safe_url(href: str | None) -> str | None:
    """``href`` if it is an absolute http(s) URL with a host, else None."""
    if not href:
        return None
    href = href.strip()
    if _CONTROL.search(href):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return href


def symbol_from_iri(iri: str) -> str | None:
    """The UN document symbol of an AKN4UN resolution IRI, when its shape is known.

    ``/akn/un/statement/deliberation/unga/2023-12-19/78-132/...`` -> ``A/RES/78/132``;
    ``/akn/un/statement/deliberation/unsc/2023-01-09/2672-2023/`` -> ``S/RES/2672(2023)``.
    """
    m = _UN_IRI.match(iri)
    if not m:
        return None
    actor, number = m["actor"].lower(), m["number"]
    if actor in ("unga", "un-ga", "ga"):
        n = _GA_NUMBER.match(number)
        return f"A/RES/{n['session']}/{n['num']}" if n else None
    if actor in ("unsc", "un-sc", "sc"):
        n = _SC_NUMBER.match(number)
        return f"S/RES/{n['num']}({n['year']})" if n else None
    return None


class UndocsResolver:
    """Default resolver: an AKN4UN IRI becomes ``https://undocs.org/<symbol>``."""

    def __init__(self, base: str = "https://undocs.org/"):
        self.base = base

    def __call__(self, iri: str) -> str | None:
        symbol = symbol_from_iri(iri)
        return self.base + quote(symbol, safe="/()") if symbol else None


DEFAULT_RESOLVER = UndocsResolver()

"""The one place where IRIs are minted.

Every node the package writes gets its IRI from :func:`mint`, so identities are
stable (the same input gives the same IRI in every build and every process),
valid (only unreserved characters after the base) and readable where they can
be (``actor/Q7747``, ``actor/kaja-kallas``).
"""

from __future__ import annotations

import hashlib
import json
import re

#: Default base for the instance IRIs; configurable per build (``--base``).
DEFAULT_BASE = "https://w3id.org/kg-geo/id/"

#: The ontology namespace (fixed: it names the vocabulary, not the data).
ONTOLOGY = "https://w3id.org/kg-geo/ontology#"

#: Namespace of the gazetteer's own entity names (``gaz:Q148``), re-minted on load.
GAZETTEER = "https://w3id.org/kg-geo/gazetteer/"

WIKIDATA = "http://www.wikidata.org/entity/"

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")

#: Kinds whose key is readable and used as is; the others are hashed.
_READABLE = {"actor", "event", "graph"}
KINDS = ("actor", "event", "graph", "article", "statement", "assertion", "office")


def _digest(parts: tuple[object, ...], length: int = 24) -> str:
    """A hash of the parts that no other parts share: each part's text is JSON-escaped (so a
    separator inside a part cannot fake a boundary, and a lone surrogate is hashable)."""
    payload = json.dumps([str(p) for p in parts], ensure_ascii=True)
    return hashlib.sha256(payload.encode("ascii")).hexdigest()[:length]


def mint(kind: str, *parts: object, base: str = DEFAULT_BASE) -> str:
    """Return the IRI of a node of ``kind`` identified by ``parts``.

    Readable kinds (actor, event, graph) with one safe key keep it
    (``actor/Q148``); anything else is hashed, so any text is accepted.
    An article is identified by its content hash, which is used in full.

    Args:
        kind: one of :data:`KINDS`.
        parts: what identifies the node (a key, or e.g. article id and offsets).
        base: the instance base IRI; must end with ``/`` or ``#``.

    Raises:
        ValueError: for an unknown kind, no parts, or a base that cannot
            be extended.

    >>> mint("actor", "Q7747")
    'https://w3id.org/kg-geo/id/actor/Q7747'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not parts:
        raise ValueError(f"an IRI of kind {kind!r} needs at least one identifying part")
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", base) or base[-1] not in "/#" \
            or any(c in base for c in ' <>"{}|\\^`'):
        raise ValueError(f"base IRI {base!r} must be an absolute IRI ending with '/' or '#'")
    if kind == "article" and len(parts) == 1 and re.fullmatch(r"[0-9a-f]{64}", str(parts[0])):
        local = str(parts[0])
    elif kind in _READABLE and len(parts) == 1 and _SAFE.match(str(parts[0])):
        local = str(parts[0])
    else:
        local = _digest(parts)
    return f"{base}{kind}/{local}"


def wikidata(qid: str) -> str:
    """The Wikidata entity IRI of a QID (``Q148`` -> ``http://www.wikidata.org/entity/Q148``)."""
    if not re.fullmatch(r"Q[1-9][0-9]*", qid):
        raise ValueError(f"{qid!r} is not a Wikidata QID")
    return WIKIDATA + qid

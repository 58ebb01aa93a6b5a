"""A store on any SPARQL 1.1 server: Oxigraph server, Apache Jena Fuseki,
GraphDB, Virtuoso, ...

Writes go through the SPARQL 1.1 Graph Store HTTP Protocol (``PUT`` replaces
one named graph in one request, ``DELETE`` drops it), or through SPARQL 1.1
Update (``DROP SILENT GRAPH``; ``INSERT DATA``) on servers without one. Reads
go through the SPARQL 1.1 Protocol (``POST`` of a form-encoded query).

Bound values are never pasted into a query as raw text: :func:`bind_values`
serialises each rdflib term with ``term.n3()`` (which escapes quotes,
backslashes and newlines and refuses IRIs holding ``<>"{}`` and spaces) and
adds it as a ``VALUES`` block at the start of the ``WHERE`` group of every
(sub-)query that mentions the variable, which is what the embedded store's
SPARQL substitution does for the queries kg runs.

kg queries the *union* of the article graphs as the default graph. Servers do
that in different ways, and the spec says which (``flavor``):

========== ======================================= ==============================================
flavor     endpoints (relative to the URL given)   union default graph
========== ======================================= ==============================================
oxigraph   ``/query``, ``/update``, ``/store``     ``union-default-graph`` request parameter
fuseki     ``/ds/query``, ``/ds/update``,          ``default-graph-uri=urn:x-arq:UnionGraph``
           ``/ds/data`` (URL ``http://h:3030/ds``)
generic    as fuseki, unless given                 none: the server's default graph must already
                                                   be the union (GraphDB, Virtuoso, Blazegraph)
========== ======================================= ==============================================

Examples of specs::

    http://127.0.0.1:7878                     # Oxigraph server (detected)
    http://127.0.0.1:3030/ds                  # Fuseki dataset "ds" (detected)
    http://host/repo?flavor=generic&query=/sparql&update=/sparql&gsp=/rdf-graphs/service
    http://user:secret@host:7878?timeout=600  # HTTP basic auth, 600 s per request
    http://host:7878?gsp=none                 # no Graph Store Protocol: write with SPARQL Update

Endpoint overrides (``query``, ``update``, ``gsp``) are absolute URLs or
paths relative to the server; ``flavor`` is ``oxigraph``, ``fuseki`` or
``generic``; ``timeout`` is in seconds. Without ``flavor``, a ``HEAD`` on the
URL reads the ``Server`` header (Oxigraph, Fuseki); failing that, a URL with
no path is taken for Oxigraph and one with a path for a Fuseki dataset.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.errors import QueryError, StoreError
from kg.rdf import Quad
from kg.store import XSD_STRING, QueryResult, Store

#: Values of the ``flavor`` spec parameter.
FLAVORS = ("oxigraph", "fuseki", "generic")

#: Spec parameters kg reads itself (the others are passed on to the server).
SPEC_PARAMS = ("flavor", "query", "update", "gsp", "timeout")

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_NQUADS = "application/n-quads"


# ---------------------------------------------------------------- endpoints


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers, and how it is asked for the union of its graphs.

    Attributes:
        flavor: ``oxigraph``, ``fuseki`` or ``generic``.
        query: SPARQL 1.1 Query endpoint.
        update: SPARQL 1.1 Update endpoint.
        gsp: Graph Store Protocol endpoint, or None to write with SPARQL Update.
        dataset: URL that answers ``GET`` with every quad (N-Quads), or None
            (then a dump is a SELECT over ``GRAPH ?g``).
        union: request parameters that make the default graph the union of all graphs.
        extra: other request parameters given in the spec, sent with every request.
        timeout: seconds per request.
        auth: (user, password) for HTTP basic auth, or None.
        location: the URL, without credentials, for messages.
    """

    flavor: str
    query: str
    update: str
    gsp: str | None
    dataset: str | None
    union: tuple[tuple[str, str], ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    timeout: float = 300.0
    auth: tuple[str, str] | None = field(default=None, repr=False)
    location: str = ""


def parse_spec(url: str, *, server_header: str | None = None) -> Endpoints:
    """Endpoints for a store spec (see the module docstring for the syntax).

    Args:
        url: ``http(s)://[user:password@]host[:port][/path][?params]``.
        server_header: the server's ``Server`` response header, when known
            (used only when the spec gives no ``flavor``).

    Raises:
        StoreError: unknown flavor or malformed parameter.

    >>> parse_spec("http://127.0.0.1:7878").query
    'http://127.0.0.1:7878/query'
    >>> parse_spec("http://h:3030/ds").gsp
    'http://h:3030/ds/data'
    """
    parts = urlsplit(url)
    params = parse_qsl(parts.query, keep_blank_values=True)
    own = {k: v for k, v in params if k in SPEC_PARAMS}
    extra = tuple((k, v) for k, v in params if k not in SPEC_PARAMS)
    auth = None
    netloc = parts.netloc
    if "@" in netloc:
        from urllib.parse import unquote

        userinfo, netloc = netloc.rsplit("@", 1)
        user, _, password = userinfo.partition(":")
        auth = (unquote(user), unquote(password))
    path = parts.path.rstrip("/")
    root = urlunsplit((parts.scheme, netloc, "/", "", ""))
    base = urlunsplit((parts.scheme, netloc, path, "", ""))
    location = base or root

    flavor = own.get("flavor", "").lower()
    if not flavor:
        server = (server_header or "").lower()
        if "oxigraph" in server:
            flavor = "oxigraph"
        elif "fuseki" in server or "jena" in server:
            flavor = "fuseki"
        else:
            flavor = "oxigraph" if not path else "fuseki"
    if flavor not in FLAVORS:
        raise StoreError(f"{location}: unknown store flavor {flavor!r}; use one of {', '.join(FLAVORS)}")

    if flavor == "oxigraph":
        query, update, gsp, dataset = base + "/query", base + "/update", base + "/store", base + "/store"
        union: tuple[tuple[str, str], ...] = (("union-default-graph", ""),)
    else:
        query, update, gsp = base + "/query", base + "/update", base + "/data"
        dataset = base if flavor == "fuseki" and path else None
        union = (("default-graph-uri", "urn:x-arq:UnionGraph"),) if flavor == "fuseki" else ()

    def endpoint(name: str, default: str | None) -> str | None:
        value = own.get(name)
        if value is None:
            return default
        if value.lower() in ("", "none"):
            return None
        return urljoin(base + "/", value)

    query_url = endpoint("query", query)
    update_url = endpoint("update", update)
    if query_url is None or update_url is None:
        raise StoreError(f"{location}: a store needs a query and an update endpoint")
    gsp_url = endpoint("gsp", gsp)
    try:
        timeout = float(own.get("timeout", 300))
    except ValueError:
        raise StoreError(f"{location}: timeout must be a number of seconds, not {own['timeout']!r}") from None
    return Endpoints(flavor=flavor, query=query_url, update=update_url, gsp=gsp_url, dataset=dataset,
                     union=union, extra=extra, timeout=timeout, auth=auth, location=location)


# ---------------------------------------------------------------- binding values

_TOKEN = re.compile(
    r'''(?P<comment>\#[^\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
      | (?P<pname>(?:[A-Za-z][\w.-]*)?:[^\s{}()<>,;"'\[\]]*)
      | (?P<word>[A-Za-z_][\w-]*)
      | (?P<open>\{) | (?P<close>\}) | (?P<lparen>\() | (?P<rparen>\))
      | (?P<other>\S)''',
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int


def _tokens(sparql: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup or "other"
        if kind != "comment":
            out.append(_Tok(kind, m.group(), m.start(), m.end()))
    return out


def _matching(toks: list[_Tok], i: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "open":
            depth += 1
        elif toks[j].kind == "close":
            depth -= 1
            if depth == 0:
                return j
    raise QueryError("SPARQL syntax error: unbalanced braces")


def _where_group(toks: list[_Tok], i: int) -> int | None:
    """Index of the ``{`` opening the WHERE group of the query form at ``toks[i]``."""
    form = toks[i].text.upper()
    parens = 0
    j = i + 1
    if form == "CONSTRUCT":
        k = j
        if k < len(toks) and toks[k].kind == "open":  # a template, then WHERE
            j = _matching(toks, k) + 1
    while j < len(toks):
        t = toks[j]
        if t.kind == "lparen":
            parens += 1
        elif t.kind == "rparen":
            parens -= 1
        elif t.kind == "open" and parens == 0:
            return j
        elif t.kind == "word" and t.text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and parens == 0:
            return None
        j += 1
    return None


def value_n3(name: str, term: Node) -> str:
    """A bound value as SPARQL text: rdflib's ``n3()``, which escapes literals
    and refuses IRIs that could break out of ``<...>``.

    Raises:
        QueryError: a blank node (a server cannot be told which one) or an IRI
            that is not a valid IRI.
    """
    if isinstance(term, BNode) or not isinstance(term, (URIRef, Literal)):
        raise QueryError(f"cannot bind ?{name} to {term!r} on a remote store: bind an IRI or a literal")
    try:
        return term.n3()
    except Exception as exc:  # noqa: BLE001 - rdflib raises a bare Exception for an invalid IRI
        raise QueryError(f"cannot bind ?{name}: {exc}") from None


def bind_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """``sparql`` with each bound variable fixed by a ``VALUES`` block.

    The block goes at the start of the WHERE group of the query and of every
    sub-query whose group mentions the variable, so it constrains the
    variable wherever it is in scope, as SPARQL substitution would.
    Variables the query does not mention are ignored.

    >>> from rdflib import Literal
    >>> bind_values('SELECT ?t WHERE { ?s <http://x/p> ?n ; <http://x/q> ?t }', {"n": Literal('Xi "J"')})
    'SELECT ?t WHERE { VALUES ?n { "Xi \\\\"J\\\\"" } ?s <http://x/p> ?n ; <http://x/q> ?t }'
    """
    bound = {k.lstrip("?$"): v for k, v in (bindings or {}).items() if v is not None}
    if not bound:
        return sparql
    toks = _tokens(sparql)
    mentioned_anywhere = {t.text[1:] for t in toks if t.kind == "var"}
    inserts: list[tuple[int, str]] = []
    first = True
    for i, t in enumerate(toks):
        if t.kind != "word" or t.text.upper() not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            continue
        if i > 0 and toks[i - 1].kind == "word" and toks[i - 1].text.upper() == "EXISTS":
            continue
        g = _where_group(toks, i)
        if g is None:
            first = False
            continue
        if first:
            names = mentioned_anywhere
            first = False
        else:
            names = {x.text[1:] for x in toks[g:_matching(toks, g) + 1] if x.kind == "var"}
        block = " ".join(f"VALUES ?{n} {{ {value_n3(n, bound[n])} }}" for n in sorted(bound) if n in names)
        if block:
            inserts.append((toks[g].end, " " + block))
    text = sparql
    for pos, block in sorted(inserts, reverse=True):
        text = text[:pos] + block + text[pos:]
    return text


# ---------------------------------------------------------------- results


def term_from_json(value: Mapping[str, Any]) -> Identifier:
    """One RDF term of the SPARQL 1.1 JSON results format, as an rdflib term."""
    kind = value.get("type")
    v = value.get("value", "")
    if kind == "uri":
        return URIRef(v)
    if kind == "bnode":
        return BNode(v)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        dt = value.get("datatype")
        if lang:
            return Literal(v, lang=lang)
        if dt and dt != XSD_STRING:
            return Literal(v, datatype=URIRef(dt))
        return Literal(v)
    raise StoreError(f"unsupported term in a query result: {value!r}")


def parse_results(body: bytes, content_type: str) -> QueryResult:
    """A server's answer (SPARQL JSON results, or N-Triples for CONSTRUCT) as a QueryResult."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in (_RESULTS_JSON, "application/json"):
        data = json.loads(body)
        if "boolean" in data:
            return QueryResult(boolean=bool(data["boolean"]))
        names = tuple(data.get("head", {}).get("vars", ()))
        rows = tuple(tuple(term_from_json(b[n]) if n in b else None for n in names)
                     for b in data.get("results", {}).get("bindings", ()))
        return QueryResult(vars=names, rows=rows)
    import pyoxigraph as ox

    from kg.store import from_ox

    fmt = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
           "application/n-quads": ox.RdfFormat.N_QUADS}.get(ctype)
    if fmt is None:
        raise StoreError(f"unexpected answer from the server ({content_type or 'no content type'})")
    return QueryResult(triples=tuple((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                                     for q in ox.parse(body, format=fmt)))  # type: ignore[misc]


def ntriples(quads: Sequence[Quad]) -> bytes:
    """Quads' triples as N-Triples (Oxigraph's serialiser: exact escaping)."""
    import pyoxigraph as ox

    from kg.store import to_ox

    return ox.serialize([ox.Triple(to_ox(q.s), to_ox(q.p), to_ox(q.o)) for q in quads],
                        format=ox.RdfFormat.N_TRIPLES) or b""


# ---------------------------------------------------------------- the store


class RemoteStore(Store):
    """A :class:`~kg.store.Store` on a SPARQL 1.1 server over HTTP.

    Args:
        url: the store spec (see the module docstring).
        read_only: refuse writes.

    Raises:
        StoreError: the server does not answer a query at the endpoint.
    """

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        import requests

        self.read_only = read_only
        self._session = requests.Session()
        server = None
        probe = parse_spec(url)
        if probe.auth:
            self._session.auth = probe.auth
        if "flavor=" not in urlsplit(url).query:
            try:
                server = self._session.head(probe.location, timeout=min(probe.timeout, 10)).headers.get("server")
            except requests.RequestException:
                server = None
        self.endpoints = parse_spec(url, server_header=server)
        self.location = self.endpoints.location
        self._check()

    # ------------------------------------------------------------ HTTP

    def _request(self, method: str, url: str, *, params: Sequence[tuple[str, str]] = (),
                 ok: tuple[int, ...] = (200, 201, 204), **kwargs: Any) -> Any:
        import requests

        try:
            resp = self._session.request(method, url, params=[*params, *self.endpoints.extra],
                                         timeout=self.endpoints.timeout, **kwargs)
        except requests.ConnectionError as exc:
            raise StoreError(f"{self.location}: cannot reach the SPARQL server ({type(exc).__name__}); "
                             "is it running at that address?") from None
        except requests.Timeout:
            raise StoreError(f"{self.location}: no answer within {self.endpoints.timeout:g} s "
                             "(raise it with ?timeout=SECONDS in the store URL)") from None
        if resp.status_code not in ok:
            message = resp.text.strip()[:500]
            if resp.status_code == 400 and url == self.endpoints.query:
                raise QueryError(f"SPARQL syntax error (from the server): {message}")
            raise StoreError(f"{self.location}: {method} {url} answered {resp.status_code} {resp.reason}: "
                             f"{message}")
        return resp

    def _check(self) -> None:
        try:
            self._select("ASK {}")
        except QueryError as exc:
            raise StoreError(f"{self.location}: the query endpoint {self.endpoints.query} refused a query "
                             f"({exc}); set ?flavor= or ?query= in the store URL") from None

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")

    def _select(self, sparql: str, *, union: bool = True) -> QueryResult:
        params = list(self.endpoints.union) if union else []
        resp = self._request("POST", self.endpoints.query, params=params, data={"query": sparql},
                             headers={"Accept": f"{_RESULTS_JSON}, {_NTRIPLES};q=0.9"})
        return parse_results(resp.content, resp.headers.get("content-type", ""))

    def _update(self, sparql: str) -> None:
        self._writable()
        self._request("POST", self.endpoints.update, data={"update": sparql})

    @staticmethod
    def _graph_param(graph: URIRef) -> list[tuple[str, str]]:
        value_n3("graph", graph)  # refuses invalid IRIs
        return [("graph", str(graph))]

    # ------------------------------------------------------------ Store

    def replace_graph(self, graph: URIRef, quads: Sequence[Quad]) -> None:
        """Replace one named graph: one GSP ``PUT`` (atomic), or one SPARQL
        Update request (``DROP SILENT GRAPH``; ``INSERT DATA``) without GSP."""
        self._writable()
        by_graph: dict[URIRef, list[Quad]] = {graph: []}
        for q in quads:
            by_graph.setdefault(q.g, []).append(q)
        if self.endpoints.gsp is None:
            parts = [f"DROP SILENT GRAPH {value_n3('graph', graph)}"]
            for g, qs in by_graph.items():
                if qs:
                    body = ntriples(qs).decode("utf-8")
                    parts.append(f"INSERT DATA {{ GRAPH {value_n3('graph', g)} {{\n{body}}} }}")
            self._update(" ;\n".join(parts))
            return
        for g, qs in by_graph.items():
            self._request("PUT" if g == graph else "POST", self.endpoints.gsp, params=self._graph_param(g),
                          data=ntriples(qs), headers={"Content-Type": f"{_NTRIPLES}; charset=utf-8"})

    def remove_graph(self, graph: URIRef) -> None:
        self._writable()
        if self.endpoints.gsp is None:
            self._update(f"DROP SILENT GRAPH {value_n3('graph', graph)}")
        else:
            self._request("DELETE", self.endpoints.gsp, params=self._graph_param(graph), ok=(200, 204, 404))

    def has_graph(self, graph: URIRef) -> bool:
        if self.endpoints.gsp is not None:
            resp = self._request("HEAD", self.endpoints.gsp, params=self._graph_param(graph), ok=(200, 204, 404))
            return resp.status_code != 404
        res = self._select(bind_values("ASK { GRAPH ?g { } }", {"g": graph}), union=False)
        return bool(res.boolean)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        return self._select(bind_values(sparql, bindings))

    def dump(self, fmt: str) -> bytes:
        """The dataset in ``fmt``: fetched as N-Quads (GSP ``GET``, or a SELECT
        over every named graph) and serialised locally."""
        import pyoxigraph as ox

        from kg.store import OxigraphStore, to_ox

        mem = OxigraphStore(None)
        if self.endpoints.dataset is not None:
            resp = self._request("GET", self.endpoints.dataset, headers={"Accept": _NQUADS})
            mem.raw.load(resp.content, format=ox.RdfFormat.N_QUADS)
        else:
            res = self._select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
            mem.raw.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in res.rows)
        return mem.dump(fmt)

    def __len__(self) -> int:
        res = self._select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        return int(res.rows[0][0].toPython()) if res.rows else 0  # type: ignore[union-attr]

    def close(self) -> None:
        self._session.close()

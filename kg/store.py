"""Where the graph lives: embedded Oxigraph on disk (default), rdflib in memory,
or a remote SPARQL 1.1 server.

Only this module and :mod:`kg.graph` touch a store. Every backend offers the
same small surface: replace one named graph atomically, run a SPARQL query
with bound parameters, dump the dataset.

Why pyoxigraph directly (not through rdflib + oxrdflib) for the default: the
measurements in ``../shared/MEASURED.md`` show native Oxigraph loading 10x
faster than rdflib's parser feeding it and answering selective queries in
milliseconds, and ``Store.extend`` gives per-article transactions. The rdflib
view of the same store (oxrdflib) is still handed out by
:attr:`kg.graph.KnowledgeGraph.dataset` for those who want rdflib's API.

Concurrency: RocksDB lets one process open a store for writing, and opening it
read-only while another process writes is undefined behaviour. So a writer
takes an exclusive ``flock`` on ``kg.lock`` in the store directory, readers a
shared one; a reader that finds a writer gets :class:`~kg.errors.StoreBusyError`
at once instead of a corrupt answer, and a writer that finds readers waits for
them up to :data:`WRITER_WAIT_SECONDS` before it gives up the same way.
"""

from __future__ import annotations

import fcntl
import functools
import os
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier, Node, Variable

from kg.errors import StoreBusyError, StoreError
from kg.rdf import Quad

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Prefixes written in Turtle and TriG dumps, so the files read as the ontology does.
PREFIXES = {
    "geo": "https://w3id.org/kg-geo/ontology#", "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "wd": "http://www.wikidata.org/entity/",
}

#: How long a writer waits for readers to release an on-disk store before StoreBusyError.
WRITER_WAIT_SECONDS = 10.0

#: Serialisation names accepted by :meth:`Store.dump`.
DUMP_FORMATS = ("trig", "nquads", "turtle", "ntriples", "jsonld")


@dataclass(frozen=True)
class QueryResult:
    """A SELECT answer (``vars`` and ``rows`` of rdflib terms or None), an ASK
    answer (``boolean``) or a CONSTRUCT/DESCRIBE answer (``triples``)."""

    vars: tuple[str, ...] = ()
    rows: tuple[tuple[Identifier | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()

    def dicts(self) -> list[dict[str, Identifier | None]]:
        """Rows as dictionaries keyed by variable name."""
        return [dict(zip(self.vars, row)) for row in self.rows]


class Store(ABC):
    """The operations kg needs from a quad store."""

    location: str = ""

    #: Whether a build may write on a background thread while the store is read from the building
    #: one (kg.graph.StoreWriter): true where the backend is thread-safe and releases the GIL.
    background_writes: bool = False

    @abstractmethod
    def replace_graph(self, graph: URIRef, quads: Sequence[Quad]) -> None:
        """Make ``graph`` hold exactly ``quads`` (atomically where the backend can)."""

    @abstractmethod
    def remove_graph(self, graph: URIRef) -> None:
        """Drop a named graph and everything in it."""

    @abstractmethod
    def has_graph(self, graph: URIRef) -> bool:
        """Whether a named graph exists."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with pre-bound variables."""

    @abstractmethod
    def dump(self, fmt: str) -> bytes:
        """The whole dataset (or for triple formats, the union graph) in ``fmt``."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    def close(self) -> None:
        """Release the store (flush, unlock)."""


# ---------------------------------------------------------------- term conversion


@functools.lru_cache(maxsize=4096)
def _ox_iri(iri: str) -> Any:
    """The pyoxigraph node of an IRI, memoised: an article's quads name the same predicates,
    classes, actors and graph over and over, and each conversion validates the IRI. (4,096
    entries hold those; more only keep statement IRIs that never come back, ~350 bytes each:
    on 300 articles, converting took 4.4 ms per article uncached, 3.1 with 4,096, 2.8 with 65,536.)"""
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def to_ox(term: Node) -> Any:
    """rdflib term -> pyoxigraph term."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return _ox_iri(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store a {type(term).__name__} term")


def from_ox(term: Any) -> Identifier | None:
    """pyoxigraph term -> rdflib term."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected result term {term!r}")


def _where_brace(sparql: str) -> int:
    """Offset of the ``{`` opening the outermost WHERE group, skipping strings, IRIs and comments."""
    i, n = 0, len(sparql)
    upper = sparql.upper()
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            quote = sparql[i:i + 3] if sparql[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<" and re.match(r"<[^\s<>]*>", sparql[i:]):
            i = sparql.index(">", i) + 1
            continue
        if c == "{" or (upper.startswith("WHERE", i) and (i == 0 or not sparql[i - 1].isalnum())):
            j = sparql.index("{", i) if c != "{" else i
            return j
        i += 1
    raise ValueError("no WHERE group in the query")


def with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with an inline ``VALUES`` block binding each variable to its serialised term.

    Terms are written with rdflib's N3 serialisation (quotes, backslashes and
    newlines escaped), so a value can never change the query's structure.
    """
    brace = _where_brace(sparql)
    block = " ".join(f"VALUES ?{name} {{ {term.n3()} }}" for name, term in bindings.items()
                     if term is not None and re.fullmatch(r"[A-Za-z_]\w*", name))
    return sparql[:brace + 1] + " " + block + " " + sparql[brace + 1:]


def _ox_format(fmt: str) -> Any:
    import pyoxigraph as ox

    return {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
            "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]


# ---------------------------------------------------------------- Oxigraph


class OxigraphStore(Store):
    """pyoxigraph, on disk (``path``) or in memory (``path=None``)."""

    #: Quads written between flushes of RocksDB's memtables to disk (see replace_graph).
    FLUSH_EVERY = 50_000

    #: pyoxigraph's Store is thread-safe and inserts without the GIL.
    background_writes = True

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.read_only = read_only
        self._lock_fh = None
        if path is None:
            self.location = "memory:oxigraph"
            self._store = ox.Store()
            return
        p = Path(path)
        self.location = str(p)
        if read_only and not (p / "CURRENT").exists():
            raise StoreError(f"{p}: no kg store here (build one with: kg build ARTICLES --store {p})")
        try:
            p.mkdir(parents=True, exist_ok=True)
            self._lock_fh = open(p / "kg.lock", "a+")
        except OSError as exc:
            raise StoreError(f"{p}: cannot open the store directory: {exc.strerror or exc}") from exc
        # A reader facing a writer fails at once; a writer facing readers waits for them a little
        # (queries are short), so a build started during a query is not refused.
        give_up = time.monotonic() + (0.0 if read_only else WRITER_WAIT_SECONDS)
        while True:
            try:
                fcntl.flock(self._lock_fh, (fcntl.LOCK_SH if read_only else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= give_up:
                    self._lock_fh.close()
                    raise StoreBusyError(str(p)) from None
                time.sleep(0.05)
        try:
            self._store = ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
        except OSError as exc:
            self._unlock()
            if "lock" in str(exc).lower():
                raise StoreBusyError(str(p)) from None
            raise StoreError(f"{p}: cannot open the Oxigraph store: {exc}") from exc

    @property
    def raw(self) -> Any:
        """The underlying ``pyoxigraph.Store``."""
        return self._store

    def replace_graph(self, graph: URIRef, quads: Sequence[Quad]) -> None:
        import pyoxigraph as ox

        g = ox.NamedNode(str(graph))
        self._store.remove_graph(g) if self._store.contains_named_graph(g) else None
        self._store.extend([ox.Quad(to_ox(q.s), to_ox(q.p), to_ox(q.o), to_ox(q.g)) for q in quads])
        # RocksDB memtables are not flushed on their own: without this, a long build's memory grows with
        # the corpus (~0.4 MB per article) and inserts slow down; flushing every 50k quads keeps both flat.
        self._unflushed = getattr(self, "_unflushed", 0) + len(quads)
        if self._unflushed >= self.FLUSH_EVERY:
            self.flush()

    def remove_graph(self, graph: URIRef) -> None:
        import pyoxigraph as ox

        g = ox.NamedNode(str(graph))
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)

    def has_graph(self, graph: URIRef) -> bool:
        import pyoxigraph as ox

        return self._store.contains_named_graph(ox.NamedNode(str(graph)))

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        import pyoxigraph as ox

        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items() if v is not None}
        try:
            try:
                res = self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
            except RuntimeError as exc:
                # Oxigraph substitutes only variables a SELECT projects; bind the others with an
                # inline VALUES block of serialised terms instead (still a binding, never raw text).
                if not subs or "projection" not in str(exc):
                    raise
                res = self._store.query(with_values(sparql, bindings or {}), use_default_graph_as_union=True)
        except SyntaxError as exc:
            from kg.errors import QueryError

            raise QueryError(f"SPARQL syntax error: {exc}") from None
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = tuple(v.value for v in res.variables)
            # a solution iterates in variable order; terms repeat across rows (speakers, documents,
            # titles), so convert each distinct term once: a third of a 2,000-row query's time otherwise
            converted: dict[Any, Identifier | None] = {}

            def conv(term: Any) -> Identifier | None:
                if term is None:
                    return None
                out = converted.get(term)
                if out is None:
                    out = converted[term] = from_ox(term)
                return out

            rows = tuple(tuple(conv(t) for t in sol) for sol in res)
            return QueryResult(vars=names, rows=rows)
        return QueryResult(triples=tuple((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
                                         for t in res))  # type: ignore[misc]

    def dump(self, fmt: str) -> bytes:
        import pyoxigraph as ox

        prefixes = PREFIXES if fmt in ("trig", "turtle") else None
        if fmt in ("trig", "nquads"):
            return self._store.dump(format=_ox_format(fmt), prefixes=prefixes)
        # triple formats: the union of every graph, as one graph
        union = ox.Store()
        union.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                     for q in self._store.quads_for_pattern(None, None, None, None))
        return union.dump(format=_ox_format(fmt), from_graph=ox.DefaultGraph(), prefixes=prefixes)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self._unflushed = 0
        if not self.read_only and self.location != "memory:oxigraph":
            self._store.flush()

    def _unlock(self) -> None:
        if self._lock_fh is not None:
            try:
                fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            finally:
                self._lock_fh.close()
                self._lock_fh = None

    def close(self) -> None:
        if getattr(self, "_store", None) is None:
            return  # closed already
        try:
            self.flush()
        finally:
            self._store = None  # type: ignore[assignment]
            import gc

            gc.collect()  # pyoxigraph closes RocksDB when the object is freed
            self._unlock()


# ---------------------------------------------------------------- rdflib in memory


class RdflibStore(Store):
    """rdflib's in-memory Dataset: no files, for small jobs and tests."""

    def __init__(self) -> None:
        self.location = "memory"
        self.dataset = Dataset(default_union=True)

    def replace_graph(self, graph: URIRef, quads: Sequence[Quad]) -> None:
        self.remove_graph(graph)
        g = self.dataset.graph(graph)
        for q in quads:
            (g if q.g == graph else self.dataset.graph(q.g)).add((q.s, q.p, q.o))

    def remove_graph(self, graph: URIRef) -> None:
        if self.has_graph(graph):
            self.dataset.remove_graph(self.dataset.graph(graph))

    def has_graph(self, graph: URIRef) -> bool:
        return any(c.identifier == graph for c in self.dataset.contexts())

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        from kg.errors import QueryError

        try:
            res = self.dataset.query(sparql, initBindings={Variable(k): v for k, v in (bindings or {}).items()
                                                           if v is not None})
        except Exception as exc:  # pyparsing errors and friends
            if type(exc).__name__ in {"ParseException", "ParseSyntaxException"}:
                raise QueryError(f"SPARQL syntax error: {exc}") from None
            raise
        if res.type == "ASK":
            return QueryResult(boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            names = tuple(str(v) for v in res.vars or ())
            return QueryResult(vars=names, rows=tuple(tuple(row) for row in res))  # type: ignore[arg-type]
        return QueryResult(triples=tuple(res))  # type: ignore[arg-type]

    def dump(self, fmt: str) -> bytes:
        if fmt in ("trig", "nquads"):
            return self.dataset.serialize(format=fmt, encoding="utf-8")
        from rdflib import Graph

        union = Graph()
        for t in self.dataset.triples((None, None, None)):
            union.add(t)
        name = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}[fmt]
        return union.serialize(format=name, encoding="utf-8")

    def __len__(self) -> int:
        return sum(len(c) for c in self.dataset.contexts())


# ---------------------------------------------------------------- opening


def open_store(spec: str | Path | Store, *, read_only: bool = False) -> Store:
    """Open a store from a spec: a directory (Oxigraph), ``memory`` (rdflib),
    ``oxigraph-memory``, or an ``http(s)://`` SPARQL endpoint.

    Raises:
        StoreBusyError: another kg process is writing the store.
        StoreError: the store cannot be opened.
    """
    if isinstance(spec, Store):
        return spec
    s = str(spec)
    if s == "memory":
        return RdflibStore()
    if s == "oxigraph-memory":
        return OxigraphStore(None)
    if s.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore(s, read_only=read_only)
    return OxigraphStore(os.path.expanduser(s), read_only=read_only)


def quads_in(store: Store, graph: URIRef) -> Iterable[tuple[Node, Node, Node]]:
    """The triples of one named graph (for tests and exports)."""
    res = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
    return [tuple(r) for r in res.rows]  # type: ignore[misc]

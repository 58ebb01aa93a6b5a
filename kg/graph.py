"""The graph layer: :func:`build` writes articles into a store, and
:class:`KnowledgeGraph` is the facade users query.

This is the only module (with :mod:`kg.store`) that touches a store.
Building is incremental by construction: an article's named graph is named by
its content hash, so unchanged input is skipped, a changed article replaces
the graph its document name had, and nothing else is touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from kg.errors import IngestError
from kg.iri import DEFAULT_BASE, mint
from kg.models import Article, ArticleFacts
from kg.namespace import GEO
from kg.store import QueryResult, Store, open_store

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    from rdflib import Dataset

    from kg.rdf import Quad

#: Where ``kg build`` puts the graph when no ``--store`` is given.
DEFAULT_STORE = "kg-store"

PREFIXES = """PREFIX geo: <https://w3id.org/kg-geo/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def as_term(value: Any) -> Node:
    """A Python value as an RDF term for binding: terms pass through, strings
    become plain literals, numbers and booleans typed literals."""
    if isinstance(value, Node):
        return value
    return Literal(value)


@dataclass
class BuildReport:
    """What a build did, for the CLI summary and for tests."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)
    extraction_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0
    #: What the articles this build wrote hold (counted as they are written, so the summary of a
    #: build costs nothing however big the store is; ``kg stats`` counts the whole store).
    actors: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    statements: int = 0
    relations: int = 0
    quads: int = 0

    @property
    def processed(self) -> int:
        return len(self.added) + len(self.replaced)


class KnowledgeGraph:
    """A knowledge graph in a store: query it, export it, look at it.

    Args:
        store: a :class:`~kg.store.Store` or a store spec (directory,
            ``memory``, ``http://...``).
        base: base IRI of the instance data.
        read_only: open for reading (shared lock; fails fast with
            StoreBusyError while a build writes).

    >>> kg = KnowledgeGraph("memory")
    >>> kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].toPython()
    0
    """

    def __init__(self, store: Store | str | Path = DEFAULT_STORE, *, base: str = DEFAULT_BASE,
                 read_only: bool = False) -> None:
        self.store = open_store(store, read_only=read_only)
        self.base = base
        self.report: BuildReport | None = None

    # ------------------------------------------------------------ querying

    def query(self, sparql: str, *, df: bool = False, **bindings: Any) -> list[dict[str, Any]] | pd.DataFrame:
        """Run SPARQL with values bound as RDF terms (never pasted into the text).

        The common prefixes (geo, skos, rdfs, schema, prov, dcterms, owl, xsd)
        are declared for you. Returns a list of dicts of rdflib terms (IRIs and
        literals are ``str`` subclasses), or a pandas DataFrame of Python
        values with ``df=True``. ASK gives ``[{"ask": bool}]``; CONSTRUCT gives
        rows of s, p, o.
        """
        res = self.raw_query(sparql, bindings)
        if res.boolean is not None:
            rows: list[dict[str, Any]] = [{"ask": res.boolean}]
        elif res.vars:
            rows = res.dicts()
        else:
            rows = [{"s": s, "p": p, "o": o} for s, p, o in res.triples]
        if not df:
            return rows
        import pandas as pd

        cols = list(res.vars) if res.vars else (["ask"] if res.boolean is not None else ["s", "p", "o"])
        return pd.DataFrame([{k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in r.items()}
                             for r in rows], columns=cols)

    def raw_query(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """Like :meth:`query` but returns the store's :class:`~kg.store.QueryResult`."""
        text = sparql if "PREFIX geo:" in sparql else PREFIXES + sparql
        return self.store.query(text, {k: as_term(v) for k, v in (bindings or {}).items()})

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset (oxrdflib over the same Oxigraph store, or
        the in-memory rdflib Dataset)."""
        from kg.store import OxigraphStore, RdflibStore

        if isinstance(self.store, RdflibStore):
            return self.store.dataset
        if isinstance(self.store, OxigraphStore):
            from oxrdflib import OxigraphStore as OxRdflib
            from rdflib import Dataset

            return Dataset(store=OxRdflib(store=self.store.raw), default_union=True)
        raise TypeError(f"no rdflib view of a {type(self.store).__name__}")

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ what is stored

    def articles(self) -> dict[str, tuple[URIRef, str]]:
        """Document name -> (article graph IRI, content hash) of every stored article."""
        rows = self.query("SELECT ?g ?doc ?hash WHERE { GRAPH ?g { ?g a geo:Article ; geo:docName ?doc ; "
                          "geo:contentHash ?hash } }")
        return {str(r["doc"]): (URIRef(r["g"]), str(r["hash"])) for r in rows}  # type: ignore[index]

    def article(self, doc: str) -> tuple[URIRef, str] | None:
        """(article graph IRI, content hash) of the article stored under a document name, if any."""
        rows = self.query("SELECT ?g ?doc ?hash WHERE { GRAPH ?g { ?g geo:docName ?doc ; a geo:Article ; "
                          "geo:contentHash ?hash } }", doc=Literal(doc))
        return (URIRef(rows[0]["g"]), str(rows[0]["hash"])) if rows else None  # type: ignore[index]

    def article_count(self) -> int:
        """How many articles the store holds (one index look-up per article graph: cheap)."""
        rows = self.query("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?x { ?x a geo:Article } }")
        return int(rows[0]["n"].toPython())

    def stats(self) -> dict[str, int]:
        """Counts of articles, actors, statements, relations, events and triples.

        One small query per count: a join of mentions with actor types over the
        union of graphs would meet each type triple once per article stating it,
        which is quadratic in how often an actor is mentioned.
        """
        mentioned = ("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?art geo:mentions ?x . "
                     "FILTER(STRSTARTS(STR(?x), ?prefix)) }")
        typed = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?cls }"
        queries: dict[str, tuple[str, dict[str, Any]]] = {
            "actors": (mentioned, {"prefix": mint("actor", "x", base=self.base)[:-1]}),
            "statements": (typed, {"cls": GEO.Statement}),
            "relations": (typed, {"cls": GEO.Assertion}),
            "events": (mentioned, {"prefix": mint("event", "x", base=self.base)[:-1]}),
        }
        out: dict[str, int] = {"articles": self.article_count()}
        for key, (q, bindings) in queries.items():
            out[key] = int(self.query(q, **bindings)[0]["n"].toPython())
        out["triples"] = len(self.store)
        return out

    # ------------------------------------------------------------ writing

    def write(self, facts: ArticleFacts, *, version: str = "") -> int:
        """Write one article's facts as its named graph (replacing an older one). Returns quads written."""
        graph, quads = self.article_quads(facts, version=version)
        self.store.replace_graph(graph, quads)
        return len(quads)

    def article_quads(self, facts: ArticleFacts, *, version: str = "") -> tuple[URIRef, list[Quad]]:
        """The named graph and quads one article's facts become, its events resolved against the
        events already known (those in the store and those of articles resolved before it).

        Resolution updates the known events, so articles must go through here in the order they
        are written; :meth:`write` is this followed by the store write.
        """
        from kg.rdf import article_iri, facts_to_quads

        event_keys = self._resolve_events(facts)
        quads = list(facts_to_quads(facts, event_keys, base=self.base, version=version))
        return article_iri(facts.article.id, self.base), quads

    def remove(self, doc: str) -> bool:
        """Drop the article stored under a document name. Returns whether there was one."""
        found = self.article(doc)
        if found is None:
            return False
        self.store.remove_graph(found[0])
        self._known_events = self._known_families = None
        return True

    def ensure_gazetteer(self, gazetteer_paths: Sequence[str | Path] = ()) -> None:
        """Load the gazetteer into its named graph unless the same version is there."""
        import hashlib

        from kg.gazetteer import load_gazetteer
        from kg.namespace import GEO
        from kg.rdf import Quad, gazetteer_graph_iri, gazetteer_quads

        gaz = load_gazetteer(gazetteer_paths)
        g = gazetteer_graph_iri(self.base)
        h = hashlib.sha256()
        for key in sorted(gaz.entries):
            h.update(repr(gaz.entries[key]).encode("utf-8"))
        digest = h.hexdigest()
        stored = self.query("ASK { GRAPH ?g { ?g geo:contentHash ?h } }", g=g, h=Literal(digest))
        if stored and stored[0]["ask"]:
            return
        quads = list(gazetteer_quads(gaz, base=self.base))
        quads.append(Quad(g, GEO.contentHash, Literal(digest), g))
        self.store.replace_graph(g, quads)

    #: Events already in the store (a kg.resolve.KnownEvents index), loaded per event family when
    #: an article first needs that family, and the families loaded so far.
    _known_events: Any = None
    _known_families: set[str] | None = None

    def _resolve_events(self, facts: ArticleFacts) -> dict[str, str]:
        """Map the article's local event keys to corpus-wide ones (kg.resolve)."""
        if not facts.events:
            return {}
        try:
            from kg.resolve import KnownEvent, KnownEvents, family, resolve_events
        except ImportError:
            return {}
        if self._known_events is None or self._known_families is None:
            self._known_events, self._known_families = KnownEvents(), set()
        known = self._known_events
        # kg.resolve only ever merges events of one family (and keys start with the family), so only
        # the families this article's events belong to need loading: adding one article to a big store
        # reads a few families' events, not every event.
        families = sorted({family(ev.type) for ev in facts.events})
        missing = [f for f in families if f not in self._known_families]
        if missing:
            for events in self._load_known_events(KnownEvent, missing).values():
                for k in events:
                    known.add(k)
            self._known_families.update(missing)
        participants: dict[str, set[str]] = {}
        for rel in facts.relations:
            if rel.object_is_event:
                participants.setdefault(rel.object, set()).add(rel.subject)
        mapping = resolve_events(facts.events, participants, known)
        for ev in facts.events:
            key = mapping.get(ev.key, ev.key)
            if key not in known:
                known.add(KnownEvent(key=key, type=ev.type, date=ev.date, place=ev.place,
                                     participants=frozenset(participants.get(ev.key, set())),
                                     names=(ev.name, *ev.aliases)))
        return mapping

    def _load_known_events(self, known_cls: Any, families: Sequence[str]) -> dict[str, list[Any]]:
        """The stored events of the given families, one entry per (event, type, date, place)."""
        from kg.resolve import family

        # Each event's triples are repeated in the graph of every article that mentions it, and the
        # union default graph keeps the repeats, so joining its patterns there multiplies the rows by
        # the number of articles per pattern (minutes for 9 articles, hours for 30): join inside one
        # graph at a time, make the rows DISTINCT, and group in Python. Types and event IRIs are
        # bound as serialised terms (n3), never pasted text.
        out: dict[str, list[Any]] = {f: [] for f in families}
        type_rows = self.query("SELECT DISTINCT ?type WHERE { GRAPH ?g { ?ev geo:eventType ?type } }")
        types = [r["type"] for r in type_rows if family(str(r["type"])) in out]
        if not types:
            return out
        rows = self.query("SELECT DISTINCT ?ev ?type ?name ?date ?place WHERE { GRAPH ?g { VALUES ?type { "
                          + " ".join(t.n3() for t in types) + """ }
                ?ev geo:eventType ?type ; a geo:Event ; skos:prefLabel ?name .
                OPTIONAL { ?ev schema:startDate ?date } OPTIONAL { ?ev geo:place ?place } } }""")
        events = {r["ev"] for r in rows}
        if len(events) <= 5000:
            part_rows = self.query("SELECT DISTINCT ?ev ?w WHERE { GRAPH ?h { VALUES ?ev { "
                                   + " ".join(e.n3() for e in events)
                                   + " } { ?w geo:attended ?ev } UNION { ?w geo:hosted ?ev } } }")
        else:  # one scan of every attended/hosted triple beats a VALUES block of thousands of IRIs
            part_rows = self.query("SELECT DISTINCT ?ev ?w WHERE { GRAPH ?h { { ?w geo:attended ?ev } "
                                   "UNION { ?w geo:hosted ?ev } } }")
        actor_prefix = mint("actor", "x", base=self.base)[:-1]
        whos: dict[Any, set[str]] = {}
        for r in part_rows:
            if r["ev"] in events and str(r["w"]).startswith(actor_prefix):
                whos.setdefault(r["ev"], set()).add(str(r["w"])[len(actor_prefix):])
        groups: dict[tuple, set[str]] = {}
        for r in rows:
            groups.setdefault((r["ev"], r["type"], r.get("date"), r.get("place")), set()).add(str(r["name"]))
        prefix = mint("event", "x", base=self.base)[:-1]
        for (ev, etype, date, place), names in groups.items():
            key = str(ev)[len(prefix):] if str(ev).startswith(prefix) else str(ev)
            out[family(str(etype))].append(known_cls(
                key=key, type=str(etype), date=str(date) if date else None, place=str(place) if place else None,
                participants=frozenset(whos.get(ev, ())), names=tuple(sorted(names))))
        return out

    # ------------------------------------------------------------ views

    def to_networkx(self, **kwargs: Any) -> nx.MultiDiGraph:
        """Actors and events as a typed networkx MultiDiGraph (see :mod:`kg.viz`)."""
        from kg.viz import to_networkx

        return to_networkx(self, **kwargs)

    def to_html(self, path: str | Path | None = None, **kwargs: Any) -> str:
        """An offline interactive HTML network view (see :mod:`kg.viz`); written to ``path`` if given."""
        from kg.viz import to_html

        return to_html(self, path, **kwargs)


def build(paths: Iterable[str | Path], store: Store | str | Path = DEFAULT_STORE, *,
          base: str = DEFAULT_BASE, gazetteer: Sequence[str | Path] = (), workers: int = 1,
          batch_size: int = 16, force: bool = False,
          progress: Callable[[str, Article | IngestError | None], None] | None = None,
          processor: Callable[[Iterator[Article]], Iterable[ArticleFacts]] | None = None) -> KnowledgeGraph:
    """Build (or update) the graph of the articles under ``paths`` into ``store``.

    Unchanged articles (same content hash under the same document name) are
    skipped; a document whose text changed replaces its old graph; unreadable
    inputs are reported in ``kg.report.failed`` and the rest goes on.

    Args:
        paths: files, directories or ``-`` (standard input).
        store: where the graph goes (directory, ``memory``, ``http://...``).
        base: base IRI of the instance data.
        gazetteer: extra gazetteer files (Turtle, the format of ontology/actors.ttl).
        workers: spaCy processes (``n_process``).
        batch_size: articles per spaCy batch.
        force: re-extract articles even when unchanged.
        progress: called with ("article", article) or ("error", error) as work is done.
        processor: parses and extracts the articles to (re)build, one ArticleFacts
            per article in input order (default: :func:`kg.pipeline.process` with
            ``workers`` and ``batch_size``; :mod:`kg.distributed` runs it on a dask cluster).

    Returns:
        The KnowledgeGraph, with ``.report`` saying what was done.
    """
    from kg.extract import EXTRACTOR_VERSION
    from kg.ingest import iter_articles
    from kg.pipeline import process

    started = time.perf_counter()
    kg = KnowledgeGraph(store, base=base)
    report = BuildReport()
    kg.report = report
    try:
        kg.ensure_gazetteer(gazetteer)
        stored: dict[str, tuple[URIRef, str]] | None = None
        asked = 0

        def stored_as(doc: str) -> tuple[URIRef, str] | None:
            """What the store holds under ``doc``: a look-up each for the first few documents (adding
            an article to a big store reads one entry), the whole index once many are asked for."""
            nonlocal stored, asked
            if stored is None:
                asked += 1
                if asked <= 32:
                    return kg.article(doc)
                stored = kg.articles()
            return stored.get(doc)

        seen_hashes: dict[str, str] = {}
        replaced_docs: dict[str, URIRef] = {}

        def todo() -> Iterator[Article]:
            for item in iter_articles(paths):
                if isinstance(item, IngestError):
                    report.failed.append(item)
                    if progress:
                        progress("error", item)
                    continue
                if item.id in seen_hashes:
                    report.duplicates.append(f"{item.doc} (same text as {seen_hashes[item.id]})")
                    if progress:
                        progress("skip", item)
                    continue
                seen_hashes[item.id] = item.doc
                old = stored_as(item.doc)
                if old is not None and old[1] == item.id and not force:
                    report.unchanged.append(item.doc)
                    if progress:
                        progress("skip", item)
                    continue
                if old is not None and old[1] != item.id:
                    replaced_docs[item.doc] = old[0]
                report.words += len(item.text.split())
                yield item

        facts_stream = (processor(todo()) if processor is not None else
                        process(todo(), gazetteer_paths=gazetteer, n_process=workers, batch_size=batch_size))
        writer = StoreWriter(kg.store)
        event_class = GEO.Event
        try:
            for facts in facts_stream:
                doc = facts.article.doc
                if doc in replaced_docs:
                    writer.submit(kg.store.remove_graph, replaced_docs.pop(doc))
                    report.replaced.append(doc)
                else:
                    report.added.append(doc)
                report.extraction_errors.extend(f"{doc}: {e}" for e in facts.errors)
                graph, quads = kg.article_quads(facts, version=EXTRACTOR_VERSION)
                writer.submit(kg.store.replace_graph, graph, quads)
                report.actors.update(a.key for a in facts.actors)
                report.events.update(str(q.s) for q in quads if q.o == event_class and q.p == RDF.type)
                report.statements += len(facts.statements)
                report.relations += len(facts.relations)
                report.quads += len(quads)
                if progress:
                    progress("article", facts.article)
        finally:
            writer.close()  # every article handed over is written, even when the loop failed
    finally:
        report.seconds = time.perf_counter() - started
        flush = getattr(kg.store, "flush", None)
        if flush:
            flush()
    return kg


class StoreWriter:
    """Runs a build's store writes in order, on a background thread when the store allows it.

    Oxigraph releases the GIL while RocksDB inserts an article's quads (about a third of the
    main process's work per article), so with a thread the insertion of one article overlaps
    the parsing and extraction of the next: on two cores a one-worker build gains what the
    write costs. The queue holds at most ``depth`` articles (two spaCy batches by default:
    parsed articles come in bursts of a batch, and the writer catches up while the next batch
    is parsed), so memory stays flat (a few MB of quads) and the writer is never far behind.
    Stores whose backend is not safe to read while another thread writes (rdflib's in-memory
    store) are written inline.

    A failed write stops the writer: later jobs are dropped (the store keeps every article
    written before) and the error is raised in the building thread at the next
    :meth:`submit` or at :meth:`close`.
    """

    def __init__(self, store: Store, depth: int = 32) -> None:
        import queue
        import threading

        self._error: BaseException | None = None  # raised once, in the building thread
        self._failed = False  # and the writer stays stopped
        self._queue: queue.Queue[Callable[[], object] | None] | None = None
        self._thread: threading.Thread | None = None
        if getattr(store, "background_writes", False):
            self._queue = queue.Queue(maxsize=depth)
            self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        assert self._queue is not None
        while (job := self._queue.get()) is not None:
            if not self._failed:
                try:
                    job()
                except BaseException as exc:  # noqa: BLE001 - handed to the building thread, raised there
                    self._error, self._failed = exc, True

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def submit(self, fn: Callable[..., object], *args: Any) -> None:
        """Run ``fn(*args)`` after every job submitted before it (inline without a thread)."""
        self._raise()
        if self._queue is None:
            fn(*args)  # inline: a failure raises here and now
        else:
            self._queue.put(lambda: fn(*args))

    def close(self) -> None:
        """Wait until every submitted job has run; raise the first write error, if any."""
        if self._thread is not None and self._queue is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = self._queue = None
        self._raise()

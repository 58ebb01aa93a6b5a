"""Views of the graph for people: a networkx projection and an offline HTML page.

:func:`to_networkx` projects the RDF store onto a typed ``MultiDiGraph`` of
actors and events: one edge per (subject, predicate, object) with the number
of distinct source articles, the evidence sentences and their documents, and
for ``saidAbout`` edges the statements themselves. Everything comes from a few
aggregate SPARQL queries (``COUNT(DISTINCT ?g)`` over the article graphs), so
the projection costs the same on Oxigraph, rdflib or a remote endpoint.

:func:`to_html` draws that projection with vis-network, the library pyvis
bundles, in a page of our own (``kg/static/viz.*``) instead of pyvis'
template, for three reasons measured in ``../shared/MEASURED.md``:

* offline: pyvis' template fetches bootstrap (and with ``local`` even
  vis-network) from CDNs; our page inlines vis-network's JS and CSS, read at
  run time from the installed pyvis package, and fetches nothing;
* escaping: pyvis' popups assign titles with ``innerHTML``; our tooltips are
  DOM nodes filled with ``textContent``, and the data travels as JSON in a
  ``<script type="application/json">`` block with ``<``, ``>``, ``&``,
  U+2028 and U+2029 written as ``\\uXXXX``;
* scale: ``Network.add_edge`` scans a list for duplicates (12.7 s for 40k
  edges); we write the node and edge arrays directly, and above
  :data:`LARGE_GRAPH` nodes place them with a precomputed layout and turn
  physics off, so 20,000 nodes build in seconds and open at once.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.models import PREDICATES

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

    from kg.graph import KnowledgeGraph

GEO = "https://w3id.org/kg-geo/ontology#"

#: Edge predicates of the projection: the closed relation set, then speech.
EDGE_PREDICATES: tuple[str, ...] = (*PREDICATES, "saidAbout")

#: Node types, in legend order; ``Actor`` is an actor of no known subtype.
NODE_TYPES: tuple[str, ...] = ("Person", "Organization", "Country", "Event", "Actor", "Other")

#: Above this many nodes the page gets a precomputed layout and no physics.
LARGE_GRAPH = 1500

#: Above this many nodes (and up to LARGE_GRAPH) vis-network's physics starts
#: from the precomputed layout and only polishes it: from random positions,
#: stabilising 500 nodes took 8 s and 1,400 nodes 24 s in headless chromium.
PRE_LAYOUT = 150

#: The page never shows more nodes than this; the rest (lowest degree first)
#: is left out and a note in the page says so.
MAX_NODES = 30000

#: Evidence sentences or statements shown per edge in the page (all are kept
#: in the networkx projection).
MAX_EVIDENCE = 8

NODE_STYLE: dict[str, tuple[str, str]] = {  # type -> (colour, vis shape)
    "Person": ("#4e79a7", "dot"),
    "Organization": ("#f28e2b", "square"),
    "Country": ("#59a14f", "hexagon"),
    "Event": ("#b07aa1", "diamond"),
    "Actor": ("#9c9c9c", "dot"),
    "Other": ("#bab0ac", "triangle"),
}

#: Hostile relations in reds and browns, cooperative ones in greens and blues,
#: presence in purples, representation grey, speech teal (dashed in the page).
EDGE_COLOURS: dict[str, str] = {
    "attended": "#8e6bbf",
    "hosted": "#5b3a98",
    "met": "#1f77b4",
    "invited": "#17a2b8",
    "supported": "#2ca02c",
    "praised": "#7cb342",
    "accused": "#d62728",
    "criticized": "#ef6a5a",
    "rejected": "#ff7f0e",
    "threatened": "#c2185b",
    "attacked": "#8b0000",
    "sanctioned": "#8c564b",
    "represents": "#8a8a8a",
    "saidAbout": "#26a69a",
}
OTHER_EDGE_COLOUR = "#607d8b"

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# ---------------------------------------------------------------- SPARQL

_SINCE = """  GRAPH ?g { ?g dcterms:date ?gdate } FILTER(STR(?gdate) >= ?since)
"""

_Q_EDGES = """SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n)
WHERE {
  GRAPH ?g { ?s ?p ?o . ?g a geo:Article }
  VALUES ?p { %s }
%s}
GROUP BY ?s ?p ?o"""

_Q_EVIDENCE = """SELECT DISTINCT ?s ?p ?o ?text ?doc
WHERE {
  GRAPH ?g { ?a a geo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; geo:evidence ?text .
             ?g geo:docName ?doc }
%s}"""

_Q_STATEMENTS = """SELECT DISTINCT ?st ?s ?o ?text ?doc ?direct ?cue
WHERE {
  GRAPH ?g { ?st a geo:Statement ; geo:speaker ?s ; geo:about ?o ; geo:text ?text .
             ?g geo:docName ?doc
             OPTIONAL { ?st geo:direct ?direct } OPTIONAL { ?st geo:cue ?cue } }
%s}"""

_Q_MENTIONS = """SELECT ?n (COUNT(DISTINCT ?g) AS ?c)
WHERE {
  GRAPH ?g { ?g a geo:Article ; geo:mentions ?n }
%s}
GROUP BY ?n"""

_Q_SPOKEN = """SELECT ?n (COUNT(DISTINCT ?st) AS ?c)
WHERE {
  GRAPH ?g { ?st a geo:Statement ; geo:speaker ?n }
%s}
GROUP BY ?n"""

_Q_LABELS = """SELECT ?n ?label (COUNT(DISTINCT ?g) AS ?c)
WHERE { GRAPH ?g { ?n skos:prefLabel ?label } }
GROUP BY ?n ?label"""

_Q_ALT_LABELS = """SELECT DISTINCT ?n ?label WHERE { ?n skos:altLabel ?label }"""

_Q_TYPES = """SELECT DISTINCT ?n ?type
WHERE { ?n a ?type . VALUES ?type { geo:Person geo:Organization geo:Country geo:Actor geo:Event } }"""

_Q_QIDS = """SELECT DISTINCT ?n ?qid WHERE { ?n geo:wikidata ?qid }"""

_Q_EVENTS = """SELECT DISTINCT ?n ?etype ?date ?place
WHERE { ?n a geo:Event .
  OPTIONAL { ?n geo:eventType ?etype } OPTIONAL { ?n schema:startDate ?date } OPTIONAL { ?n geo:place ?place } }"""


def _local(iri: str) -> str:
    """The local name of an IRI (after ``#`` or the last ``/``)."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _values(predicates: Iterable[str]) -> str:
    return " ".join(f"geo:{p}" for p in predicates)


def _check_since(since: str | None) -> str | None:
    if since is None:
        return None
    since = str(since).strip()
    if not _ISO_DATE.fullmatch(since):
        raise QueryError(f"--since {since!r} is not an ISO date; write it as YYYY-MM-DD (or YYYY-MM, YYYY)")
    return since


class _Catalogue:
    """What the store says about every labelled node: label, type, QID, event details."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for r in kg.query(_Q_LABELS):
            votes[str(r["n"])][str(r["label"])] += int(r["c"].toPython())
        # the label most graphs agree on; ties go to the longer, then the alphabetically first
        self.labels = {n: min(c.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
                       for n, c in votes.items()}
        types: dict[str, set[str]] = defaultdict(set)
        for r in kg.query(_Q_TYPES):
            types[str(r["n"])].add(_local(str(r["type"])))
        self.types = {n: self._one_type(t) for n, t in types.items()}
        self.qids = {str(r["n"]): str(r["qid"]) for r in kg.query(_Q_QIDS)}
        self.events: dict[str, dict[str, str]] = {}
        for r in kg.query(_Q_EVENTS):
            ev = self.events.setdefault(str(r["n"]), {})
            for key, var in (("event_type", "etype"), ("date", "date"), ("place", "place")):
                if r.get(var) is not None and key not in ev:
                    ev[key] = str(r[var])
        self._kg = kg
        self._alt: dict[str, set[str]] | None = None

    @staticmethod
    def _one_type(found: set[str]) -> str:
        for t in ("Event", "Person", "Organization", "Country", "Actor"):
            if t in found:
                return t
        return "Other"

    def alt_labels(self) -> dict[str, set[str]]:
        """Lower-cased name -> node IRIs, over preferred and alternative labels."""
        if self._alt is None:
            names: dict[str, set[str]] = defaultdict(set)
            for n, label in self.labels.items():
                names[label.casefold()].add(n)
            for r in self._kg.query(_Q_ALT_LABELS):
                names[str(r["label"]).casefold()].add(str(r["n"]))
            self._alt = names
        return self._alt

    def node_attrs(self, iri: str) -> dict[str, Any]:
        t = self.types.get(iri, "Other")
        attrs: dict[str, Any] = {"label": self.labels.get(iri, _local(iri)), "type": t,
                                 "kind": "event" if t == "Event" else ("actor" if t != "Other" else "other"),
                                 "iri": iri}
        if iri in self.qids:
            attrs["qid"] = self.qids[iri]
        if t == "Event":
            attrs.update(self.events.get(iri, {}))
        return attrs


def to_networkx(kg: KnowledgeGraph, *, actor: str | None = None, hops: int = 1, event: str | None = None,
                query_file: str | Path | None = None, query: str | None = None,
                since: str | None = None) -> nx.MultiDiGraph:
    """Project the graph onto actors and events as a typed networkx MultiDiGraph.

    Nodes are keyed by IRI and carry ``label``, ``type`` (Person,
    Organization, Country, Event, Actor or Other), ``kind``, ``iri``, ``qid``
    when known, ``articles`` (how many articles mention them), ``statements``
    (how many statements they made) and, for events, ``event_type``, ``date``
    and ``place``. Edges are keyed by predicate (``accused``, ``attended``,
    ..., ``saidAbout``) and carry ``predicate``, ``sources`` (distinct source
    articles), ``evidence`` (``{"text", "doc"}`` sentences) and, on
    ``saidAbout`` edges, ``statements`` (``{"text", "doc", "direct", "cue"}``).

    Args:
        kg: the knowledge graph.
        actor: keep only this actor's neighbourhood (a name, alias, QID or IRI).
        hops: the neighbourhood's radius around ``actor`` (edges in either direction).
        event: keep only this event, its participants and the edges among them
            (an IRI, the event key, or its name).
        query_file: a ``.rq`` file whose answer names the edges to keep: a
            CONSTRUCT, or a SELECT of ``?s ?p ?o``.
        query: the same as SPARQL text.
        since: only facts from articles dated on or after this ISO date.

    Raises:
        QueryError: an unknown actor or event, a malformed date or query.

    >>> from kg.graph import KnowledgeGraph
    >>> to_networkx(KnowledgeGraph("oxigraph-memory")).number_of_nodes()
    0
    """
    import networkx as nx

    since = _check_since(since)
    bind = {"since": since} if since else {}
    flt = _SINCE if since else ""
    cat = _Catalogue(kg)
    G = nx.MultiDiGraph()
    G.graph["title"] = "kg: actors and events"
    G.graph["notes"] = []

    mentions = {str(r["n"]): int(r["c"].toPython()) for r in kg.query(_Q_MENTIONS % flt, **bind)}
    spoken = {str(r["n"]): int(r["c"].toPython()) for r in kg.query(_Q_SPOKEN % flt, **bind)}

    def add_node(iri: str) -> None:
        if iri not in G:
            G.add_node(iri, **cat.node_attrs(iri), articles=mentions.get(iri, 0), statements=spoken.get(iri, 0))

    for iri in sorted(mentions):
        if cat.types.get(iri) in ("Person", "Organization", "Country", "Actor", "Event"):
            add_node(iri)

    evidence: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for r in kg.query(_Q_EVIDENCE % flt, **bind):
        evidence[(str(r["s"]), _local(str(r["p"])), str(r["o"]))].append({"text": str(r["text"]),
                                                                          "doc": str(r["doc"])})
    statements: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in kg.query(_Q_STATEMENTS % flt, **bind):
        statements[(str(r["s"]), str(r["o"]))].append({
            "text": str(r["text"]), "doc": str(r["doc"]),
            "direct": bool(r["direct"].toPython()) if r.get("direct") is not None else None,
            "cue": str(r["cue"]) if r.get("cue") is not None else None})

    rows = kg.query(_Q_EDGES % (_values(EDGE_PREDICATES), flt), **bind)
    for r in sorted(rows, key=lambda r: (str(r["s"]), str(r["p"]), str(r["o"]))):  # same order on every backend
        s, p, o = str(r["s"]), _local(str(r["p"])), str(r["o"])
        add_node(s)
        add_node(o)
        attrs: dict[str, Any] = {"predicate": p, "sources": int(r["n"].toPython())}
        if p == "saidAbout":
            sts = sorted(statements.get((s, o), []), key=lambda d: (d["doc"], d["text"]))
            attrs["statements"] = sts
            attrs["evidence"] = [{"text": d["text"], "doc": d["doc"]} for d in sts]
        else:
            attrs["evidence"] = sorted(evidence.get((s, p, o), []), key=lambda d: (d["doc"], d["text"]))
        attrs["docs"] = sorted({d["doc"] for d in attrs["evidence"]})
        G.add_edge(s, o, key=p, **attrs)

    if since:
        G.graph["notes"].append(f"Only facts from articles dated {since} or later.")
        G.graph["title"] += f" since {since}"
    if query_file is not None or query is not None:
        G = _restrict_to_query(kg, G, cat, query_file, query)
    if event is not None:
        G = _restrict_to_event(G, cat, event)
    if actor is not None:
        G = _restrict_to_actor(G, cat, actor, hops)
    return G


def _find(cat: _Catalogue, G: nx.MultiDiGraph, name: str, *, events: bool) -> list[str]:
    """Nodes of G that a user-given name, key, QID or IRI refers to."""
    name = name.strip()
    wanted = ("Event",) if events else ("Person", "Organization", "Country", "Actor", "Other")
    if name in G:
        return [name]
    hits = {n for n in cat.alt_labels().get(name.casefold(), set()) if n in G}
    hits |= {n for n, d in G.nodes(data=True) if d.get("qid") == name or _local(n) == name}
    return sorted(n for n in hits if G.nodes[n]["type"] in wanted)


def _not_found(what: str, name: str, G: nx.MultiDiGraph, types: Sequence[str]) -> QueryError:
    import difflib

    labels = sorted({d["label"] for _, d in G.nodes(data=True) if d["type"] in types})
    # names containing what was typed, then names with a word close to it, then close names
    q = name.casefold()
    words: dict[str, list[str]] = defaultdict(list)
    for label in labels:
        for w in label.split():
            words[w.casefold()].append(label)
    ranked = [lab for lab in labels if q in lab.casefold()]
    ranked += [lab for w in difflib.get_close_matches(q, list(words), n=5, cutoff=0.6) for lab in words[w]]
    ranked += difflib.get_close_matches(name, labels, n=5, cutoff=0.5)
    close = list(dict.fromkeys(ranked))[:5]
    hint = f"; did you mean {', '.join(close)}?" if close else (
        f"; the graph has {len(labels)} such names" if labels else "; the graph has none")
    return QueryError(f"no {what} called {name!r} in the graph{hint}")


def _restrict_to_actor(G: nx.MultiDiGraph, cat: _Catalogue, name: str, hops: int) -> nx.MultiDiGraph:
    import networkx as nx

    found = _find(cat, G, name, events=False)
    if not found:
        raise _not_found("actor", name, G, ("Person", "Organization", "Country", "Actor"))
    keep: set[str] = set()
    for n in found:
        keep |= set(nx.ego_graph(G, n, radius=max(0, hops), undirected=True))
    H = G.subgraph(keep).copy()
    H.graph["title"] = f"kg: {G.nodes[found[0]]['label']} and {hops} hop{'s' if hops != 1 else ''} around"
    H.graph["focus"] = found
    return H


def _restrict_to_event(G: nx.MultiDiGraph, cat: _Catalogue, name: str) -> nx.MultiDiGraph:
    found = _find(cat, G, name, events=True)
    if not found:
        raise _not_found("event", name, G, ("Event",))
    keep = set(found)
    for n in found:
        keep |= set(G.predecessors(n)) | set(G.successors(n))
    H = G.subgraph(keep).copy()
    H.graph["title"] = f"kg: {G.nodes[found[0]]['label']}"
    H.graph["focus"] = found
    return H


def _restrict_to_query(kg: KnowledgeGraph, G: nx.MultiDiGraph, cat: _Catalogue,
                       query_file: str | Path | None, query: str | None) -> nx.MultiDiGraph:
    """Keep the edges a CONSTRUCT or ``SELECT ?s ?p ?o`` names; edges outside the projection are added bare."""
    import networkx as nx
    from rdflib import URIRef

    if query is None:
        path = Path(query_file)  # type: ignore[arg-type]
        try:
            query = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read the query file: {exc.strerror or exc}") from None
        source = path.name
    else:
        source = "the query"
    res = kg.raw_query(query)
    if res.triples:
        triples = list(res.triples)
    elif res.vars and {"s", "p", "o"} <= set(res.vars):
        triples = [(r["s"], r["p"], r["o"]) for r in res.dicts()]
    elif res.vars or res.boolean is not None:
        raise QueryError(f"{source} must be a CONSTRUCT, or a SELECT of ?s ?p ?o (it gave "
                         f"{', '.join('?' + v for v in res.vars) or 'a boolean'})")
    else:
        triples = []
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph["title"] = f"kg: edges of {source}"
    H.graph["notes"] = list(G.graph["notes"])
    skipped = 0
    for s, p, o in triples:
        if not (isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)):
            skipped += 1
            continue
        s, key, o = str(s), _local(str(p)), str(o)
        for n in (s, o):
            if n not in H:
                H.add_node(n, **(G.nodes[n] if n in G else {**cat.node_attrs(n), "articles": 0, "statements": 0}))
        if G.has_edge(s, o, key):
            H.add_edge(s, o, key=key, **G.edges[s, o, key])
        else:
            H.add_edge(s, o, key=key, predicate=key, sources=0, evidence=[], docs=[])
    if skipped:
        H.graph["notes"].append(f"{skipped} answer{'s' if skipped != 1 else ''} of {source} with a literal or "
                                f"blank node not drawn.")
    return H


# ---------------------------------------------------------------- layout


def layout(G: nx.Graph, *, seed: int = 7, iterations: int | None = None) -> dict[Any, tuple[float, float]]:
    """Positions for a large graph, fast: a force-directed layout in numpy.

    Fruchterman-Reingold forces with shortcuts that make one iteration cost
    O(nodes + edges) instead of O(nodes^2): long-range repulsion pushes nodes
    down the gradient of a smoothed density grid (the particle-mesh method of
    N-body codes), short-range repulsion acts between nodes that share a cell
    of a randomly shifted grid, and a weak gravity keeps components together.
    About 2 s for 20,000 nodes and 40,000 edges; small graphs are laid out by
    vis-network itself.

    Returns:
        node -> (x, y), in pixels of the vis-network canvas.
    """
    import numpy as np

    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v}
    if pairs:
        src, dst = (np.array(c, dtype=np.int64) for c in zip(*sorted(pairs)))
    else:
        src = dst = np.zeros(0, dtype=np.int64)
    pos = _force_layout(n, src, dst, seed=seed, iterations=iterations)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}


def _force_layout(n: int, src: np.ndarray, dst: np.ndarray, *, seed: int = 7, iterations: int | None = None,
                  spread: float = 40.0) -> np.ndarray:
    import numpy as np

    rng = np.random.default_rng(seed)
    k = 1.0  # ideal edge length
    deg = np.bincount(np.concatenate([src, dst]), minlength=n).astype(float)
    radius = math.sqrt(n) * k
    # start from a disc, hubs nearer the centre
    r = radius * np.sqrt(rng.random(n)) / (1.0 + 0.3 * np.log1p(deg))
    a = rng.random(n) * 2 * math.pi
    x, y = r * np.cos(a), r * np.sin(a)
    iters = iterations or (250 if n < 5000 else 120)
    t0 = radius / 6
    gravity = 0.02 * (1 + 0.1 * deg) / max(radius, 1.0)
    both = np.concatenate([src, dst])
    h = 1.5 * k  # density grid spacing
    near = 2.5 * k  # near-field cell size

    def scatter(idx: np.ndarray, fx: np.ndarray, fy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.bincount(idx, fx, minlength=n), np.bincount(idx, fy, minlength=n)

    for it in range(iters):
        dx = np.zeros(n)
        dy = np.zeros(n)
        # springs: attraction along edges (d^2/k) minus repulsion between neighbours (k^2/d)
        if len(src):
            ex, ey = x[src] - x[dst], y[src] - y[dst]
            d2 = np.maximum(ex * ex + ey * ey, 1e-6)
            f = np.sqrt(d2) / k - k * k / d2
            fx, fy = scatter(both, np.concatenate([-f * ex, f * ex]), np.concatenate([-f * ey, f * ey]))
            dx += fx
            dy += fy
        # long range: down the gradient of the smoothed node density on a grid
        x0, y0 = x.min() - 2 * h, y.min() - 2 * h
        nx_ = int(min(400, (x.max() - x0) / h + 3))
        ny_ = int(min(400, (y.max() - y0) / h + 3))
        hx, hy = (x.max() + 2 * h - x0) / nx_, (y.max() + 2 * h - y0) / ny_
        ix = np.clip(((x - x0) / hx).astype(np.int64), 0, nx_ - 1)
        iy = np.clip(((y - y0) / hy).astype(np.int64), 0, ny_ - 1)
        dens = np.bincount(ix * ny_ + iy, minlength=nx_ * ny_).reshape(nx_, ny_).astype(float)
        for _ in range(2):
            p = np.pad(dens, 1)
            dens = (p[:-2, 1:-1] + p[2:, 1:-1] + p[1:-1, :-2] + p[1:-1, 2:] + 2 * p[1:-1, 1:-1]) / 6
        gx, gy = np.gradient(dens / (hx * hy), hx, hy)
        dx -= spread * gx[ix, iy]
        dy -= spread * gy[ix, iy]
        # short range: nodes sharing a cell of a randomly shifted grid (sorted by cell, random
        # order inside a cell, each compared with the next few)
        sx, sy = rng.random(2) * near
        cid = np.floor((x + sx) / near) * 1_000_003.0 + np.floor((y + sy) / near)
        order = np.argsort(cid + 0.5 * rng.random(n))
        sc = np.floor(cid[order])
        for off in range(1, 6):
            same = sc[off:] == sc[:-off]
            if not same.any():
                break
            i, j = order[off:][same], order[:-off][same]
            ex, ey = x[i] - x[j], y[i] - y[j]
            f = k * k / np.maximum(ex * ex + ey * ey, 1e-4)
            fx, fy = scatter(np.concatenate([i, j]), np.concatenate([f * ex, -f * ex]),
                             np.concatenate([f * ey, -f * ey]))
            dx += fx
            dy += fy
        # gravity, stronger for hubs so they settle in the middle of their neighbours
        dx -= gravity * x
        dy -= gravity * y
        # move, no further than the temperature
        t = t0 * (1 - it / iters) + 0.05 * k
        length = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-9)
        step = np.minimum(length, t) / length
        x += dx * step
        y += dy * step
    pos = np.stack([x - x.mean(), y - y.mean()], axis=1)
    return pos * 40.0  # one unit ~ 40 px


# ---------------------------------------------------------------- HTML


def _static(name: str) -> str:
    return resources.files("kg").joinpath("static", name).read_text(encoding="utf-8")


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS, read from the installed pyvis package.

    Returns:
        (javascript, css), safe to inline in ``<script>`` and ``<style>``.
    """
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib"
    versions = sorted(lib.glob("vis-*/vis-network.min.js"),
                      key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not versions:
        raise FileNotFoundError(f"no vis-network bundle under {lib}; reinstall pyvis (pip install pyvis==0.3.2)")
    js = versions[-1].read_text(encoding="utf-8")
    css = (versions[-1].parent / "vis-network.css").read_text(encoding="utf-8")
    # no source map to fetch, and nothing that could end the <script>/<style> element early
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", css)
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>``, ``&``,
    U+2028 and U+2029 are written as ``\\uXXXX`` (still the same JSON)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def page_data(G: nx.MultiDiGraph, *, title: str | None = None, max_nodes: int = MAX_NODES,
              large_graph: int = LARGE_GRAPH, max_evidence: int = MAX_EVIDENCE, seed: int = 7) -> dict[str, Any]:
    """The compact, column-wise data the page draws: nodes, edges, legend, notes.

    Nodes and edges are numbered; documents are interned; evidence is
    capped at ``max_evidence`` per edge (the count of the rest is kept).
    Graphs above ``max_nodes`` are reduced to their best-connected nodes, and
    graphs above ``large_graph`` nodes get positions and no physics.
    """
    notes = list(G.graph.get("notes", []))
    total_nodes, total_edges = G.number_of_nodes(), G.number_of_edges()
    if total_nodes > max_nodes:
        ranked = sorted(G.degree, key=lambda nd: (-nd[1], str(nd[0])))
        G = G.subgraph([n for n, _ in ranked[:max_nodes]]).copy()
        notes.append(f"Reduced: the {max_nodes:,} best-connected of {total_nodes:,} nodes are shown; "
                     f"{total_nodes - G.number_of_nodes():,} nodes and {total_edges - G.number_of_edges():,} "
                     f"edges are left out (narrow the view with --actor, --event, --query or --since).")
    nodes = list(G.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    degree = dict(G.degree)
    large = len(nodes) > large_graph
    type_names = [t for t in NODE_TYPES if any(G.nodes[v].get("type", "Other") == t for v in nodes)]
    tix = {t: i for i, t in enumerate(type_names)}
    edge_preds = Counter(k for _, _, k in G.edges(keys=True))
    pred_names = [p for p in EDGE_PREDICATES if p in edge_preds] + sorted(p for p in edge_preds
                                                                          if p not in EDGE_PREDICATES)
    pix = {p: i for i, p in enumerate(pred_names)}
    docs: dict[str, int] = {}

    def doc_id(name: str) -> int:
        return docs.setdefault(name, len(docs))

    nd: dict[str, list[Any]] = {k: [] for k in ("label", "type", "degree", "iri", "qid", "extra", "articles",
                                                "statements")}
    for v in nodes:
        a = G.nodes[v]
        nd["label"].append(str(a.get("label", _local(str(v)))))
        nd["type"].append(tix[a.get("type", "Other")])
        nd["degree"].append(degree[v])
        nd["iri"].append(str(a.get("iri", v)))
        nd["qid"].append(a.get("qid") or "")
        extra = " · ".join(str(a[k]) for k in ("event_type", "date", "place") if a.get(k))
        nd["extra"].append(extra)
        nd["articles"].append(int(a.get("articles", 0)))
        nd["statements"].append(int(a.get("statements", 0)))
    ed: dict[str, list[Any]] = {k: [] for k in ("from", "to", "pred", "sources", "evidence", "more")}
    for u, v, key, a in G.edges(keys=True, data=True):
        ed["from"].append(index[u])
        ed["to"].append(index[v])
        ed["pred"].append(pix[key])
        ed["sources"].append(int(a.get("sources", 0)))
        ev = a.get("evidence", [])
        ed["evidence"].append([[str(e["text"]), doc_id(str(e["doc"]))] for e in ev[:max_evidence]])
        ed["more"].append(max(0, len(ev) - max_evidence))
    data: dict[str, Any] = {
        "title": title or G.graph.get("title", "kg: actors and events"),
        "notes": notes,
        "large": large,
        "nodeTypes": [{"name": t, "color": NODE_STYLE[t][0], "shape": NODE_STYLE[t][1],
                       "count": sum(1 for x in nd["type"] if x == tix[t])} for t in type_names],
        "predicates": [{"name": p, "color": EDGE_COLOURS.get(p, OTHER_EDGE_COLOUR), "count": edge_preds[p],
                        "dashed": p in ("saidAbout", "represents")} for p in pred_names],
        "docs": list(docs),
        "nodes": nd,
        "edges": ed,
        "focus": [index[f] for f in G.graph.get("focus", []) if f in index],
    }
    if len(nodes) > min(PRE_LAYOUT, large_graph):
        pos = layout(G, seed=seed)
        data["nodes"]["x"] = [round(pos[v][0], 1) for v in nodes]
        data["nodes"]["y"] = [round(pos[v][1], 1) for v in nodes]
    if large:
        data["notes"].append(f"{len(nodes):,} nodes: positions precomputed and physics off so the page opens "
                             f"fast; small labels appear as you zoom in.")
    return data


def render_html(G: nx.MultiDiGraph, *, title: str | None = None, max_nodes: int = MAX_NODES,
                large_graph: int = LARGE_GRAPH, seed: int = 7) -> str:
    """The offline HTML page of a projection (see :func:`to_networkx`).

    Every string from an article reaches the page as JSON data and is put on
    screen with ``textContent`` or drawn on the canvas, never parsed as HTML.
    """
    return _render(G, title=title, max_nodes=max_nodes, large_graph=large_graph, seed=seed)[0]


def _render(G: nx.MultiDiGraph, **kw: Any) -> tuple[str, dict[str, Any]]:
    data = page_data(G, **kw)
    js, css = vis_assets()
    parts = {"vis_css": css, "vis_js": js, "kg_css": _static("viz.css"), "kg_js": _static("viz.js"),
             "data": script_json(data)}
    # one pass, so nothing substituted is scanned for placeholders again
    return re.sub(r"/\*KG:(\w+)\*/", lambda m: parts[m.group(1)], _static("viz.html")), data


def to_html(kg: KnowledgeGraph, path: str | Path | None = None, *, actor: str | None = None, hops: int = 1,
            event: str | None = None, query_file: str | Path | None = None, query: str | None = None,
            since: str | None = None, title: str | None = None, max_nodes: int = MAX_NODES,
            large_graph: int = LARGE_GRAPH) -> str:
    """Write the interactive offline HTML view of the graph (or of a part of it).

    Node colour and shape by type, size by degree; edge colour by predicate,
    width by number of sources; a legend whose checkboxes filter predicates
    and node types; tooltips with the evidence sentences and their articles;
    a search box. The page needs no network.

    Args:
        kg: the knowledge graph.
        path: where to write the page; when None the page is returned instead.
        actor, hops, event, query_file, query, since: which part to show (see
            :func:`to_networkx`).
        title: the page heading (default: says what is shown).
        max_nodes: reduce larger graphs to their best-connected nodes (noted in the page).
        large_graph: above this many nodes, precomputed layout and no physics.

    Returns:
        A one-line summary (``"23 nodes, 41 edges, 745 KB"``) when ``path`` is
        given, else the HTML itself.
    """
    G = to_networkx(kg, actor=actor, hops=hops, event=event, query_file=query_file, query=query, since=since)
    page, data = _render(G, title=title, max_nodes=max_nodes, large_graph=large_graph)
    if path is None:
        return page
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return summary(len(data["nodes"]["label"]), len(data["edges"]["from"]), len(page.encode("utf-8")))


def summary(nodes: int, edges: int, size: int) -> str:
    """``"N nodes, M edges, K KB"``: what the CLI prints after writing a page."""
    return (f"{nodes:,} node{'s' if nodes != 1 else ''}, {edges:,} edge{'s' if edges != 1 else ''}, "
            f"{math.ceil(size / 1024):,} KB")


def synthetic_projection(n_nodes: int, *, edges_per_node: float = 2.0, seed: int = 0) -> nx.MultiDiGraph:
    """A made-up projection shaped like a news graph, for benchmarks and tests.

    Preferential attachment gives a few hubs (the United States, China) and a
    long tail; every edge has a predicate, 1-4 sources and one evidence
    sentence of about 150 characters from one of ``n_nodes // 8`` documents.
    """
    import random

    import networkx as nx

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.graph["title"] = f"synthetic: {n_nodes:,} nodes"
    G.graph["notes"] = []
    weights = [0.45, 0.2, 0.1, 0.25]
    for i in range(n_nodes):
        t = rng.choices(("Person", "Organization", "Country", "Event"), weights)[0]
        G.add_node(f"n{i}", label=f"{t} {i}", type=t, kind="event" if t == "Event" else "actor", iri=f"urn:x:n{i}",
                   articles=rng.randint(1, 5), statements=0)
    ends: list[int] = [0, 1]  # each node appears once per edge end: preferential attachment
    docs = max(1, n_nodes // 8)
    filler = "said on Tuesday that the talks, held behind closed doors in the capital, had been frank and "
    for k in range(int(n_nodes * edges_per_node)):
        u = k % n_nodes if k < n_nodes else rng.randrange(n_nodes)
        v = rng.choice(ends) if rng.random() < 0.8 else rng.randrange(n_nodes)
        if u == v:
            v = (v + 1) % n_nodes
        p = rng.choice(EDGE_PREDICATES)
        ends += [u, v]
        n = rng.choice((1, 1, 1, 2, 2, 3, 4))
        ev = [{"text": f"Sentence {k}: {G.nodes[f'n{u}']['label']} {filler}useful.",
               "doc": f"doc-{rng.randrange(docs)}.txt"}]
        G.add_edge(f"n{u}", f"n{v}", key=p, predicate=p, sources=n, evidence=ev, docs=[ev[0]["doc"]])
    return G

"""Network exports of the actor / event graph: GraphML, GEXF (Gephi) and CSV
node and edge tables (Neo4j ``neo4j-admin database import`` headers).

The projection is :func:`kg.viz.to_networkx` (actors and events as nodes,
the coded relations and ``saidAbout`` as edges keyed by predicate, with the
number of distinct source articles); :func:`network` flattens it to the
scalar attributes these formats can carry, so every tool reads the same
graph:

* nodes: ``label``, ``type`` (Person, Organization, Country, Event...),
  ``kind`` (actor / event), ``iri``, ``qid`` when known, ``articles``,
  ``statements``, and for events ``event_type``, ``date``, ``place``;
* edges: ``predicate``, ``sources`` (distinct articles asserting the edge),
  ``docs`` (their document names, ``" | "``-separated).

>>> from kg.graph import KnowledgeGraph
>>> network(KnowledgeGraph("oxigraph-memory")).number_of_edges()
0
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kg.graph import KnowledgeGraph

#: Formats :func:`export_network` writes.
NETWORK_FORMATS = ("graphml", "gexf", "csv")

_NODE_ATTRS: dict[str, type] = {"label": str, "type": str, "kind": str, "iri": str, "qid": str, "articles": int,
                                "statements": int, "event_type": str, "date": str, "place": str}


class ExportError(KGError):
    """A network export could not be written."""


def network(kg: KnowledgeGraph, **kwargs: Any) -> nx.MultiDiGraph:
    """The actor / event network with scalar attributes only (see the module docstring).

    Args:
        kg: the graph.
        kwargs: passed to :func:`kg.viz.to_networkx` (``actor``, ``hops``,
            ``event``, ``since``...) to export a part of the graph.
    """
    import networkx as nx

    from kg.viz import to_networkx

    full = to_networkx(kg, **kwargs)
    G = nx.MultiDiGraph()
    G.graph["name"] = str(full.graph.get("title", "kg"))
    for n, attrs in full.nodes(data=True):
        G.add_node(n, **{k: cast(attrs[k]) for k, cast in _NODE_ATTRS.items() if attrs.get(k) is not None})
    for s, o, key, attrs in full.edges(keys=True, data=True):
        docs = attrs.get("docs") or sorted({str(e.get("doc")) for e in attrs.get("evidence", ()) if e.get("doc")})
        G.add_edge(s, o, key=key, predicate=str(attrs.get("predicate", key)), label=str(attrs.get("predicate", key)),
                   sources=int(attrs.get("sources", 0)), docs=" | ".join(docs))
    return G


def node_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Nodes as a DataFrame with Neo4j import headers: ``:ID``, ``name``, ``:LABEL``, then properties."""
    import pandas as pd

    rows = []
    for n, a in sorted(G.nodes(data=True)):
        kind = a.get("kind", "other")
        labels = ["Event"] if kind == "event" else ["Actor", a.get("type", "Actor")] if kind == "actor" else ["Node"]
        rows.append({":ID": n, "name": a.get("label", n), ":LABEL": ";".join(dict.fromkeys(labels)),
                     "type": a.get("type", ""), "qid": a.get("qid", ""), "iri": a.get("iri", n),
                     "articles:int": a.get("articles", 0), "statements:int": a.get("statements", 0),
                     "event_type": a.get("event_type", ""), "date": a.get("date", ""), "place": a.get("place", "")})
    cols = [":ID", "name", ":LABEL", "type", "qid", "iri", "articles:int", "statements:int", "event_type", "date",
            "place"]
    return pd.DataFrame(rows, columns=cols)


def edge_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Edges as a DataFrame with Neo4j import headers: ``:START_ID``, ``:END_ID``, ``:TYPE``, then properties.

    ``:TYPE`` is the predicate in Neo4j's upper snake case (``ACCUSED``,
    ``SAID_ABOUT``); ``predicate`` keeps the ontology's name.
    """
    import re

    import pandas as pd

    rows = []
    for s, o, key, a in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        pred = a.get("predicate", key)
        rows.append({":START_ID": s, ":END_ID": o, ":TYPE": re.sub(r"(?<!^)(?=[A-Z])", "_", pred).upper(),
                     "predicate": pred, "sources:int": a.get("sources", 0),
                     "docs:string[]": ";".join(d for d in str(a.get("docs", "")).split(" | ") if d)})
    return pd.DataFrame(rows, columns=[":START_ID", ":END_ID", ":TYPE", "predicate", "sources:int", "docs:string[]"])


def edges_path(nodes_path: str | Path) -> Path:
    """Where the edge table goes for a node table at ``nodes_path`` (``nodes.csv`` -> ``nodes-edges.csv``)."""
    p = Path(nodes_path)
    return p.with_name(p.stem + "-edges" + (p.suffix or ".csv"))


def export_network(kg: KnowledgeGraph, fmt: str, out: str | Path | None = None) -> bytes | None:
    """Write the network as GraphML, GEXF or CSV tables; what ``kg export -f graphml|gexf|csv`` runs.

    Args:
        kg: the graph.
        fmt: ``graphml``, ``gexf`` or ``csv``.
        out: the file to write; ``None`` or ``-`` returns the bytes instead
            (GraphML and GEXF only). For ``csv`` it names the node table and
            the edge table goes beside it (:func:`edges_path`).

    Returns:
        The serialised network when ``out`` is ``None`` or ``-``, else None.

    Raises:
        ExportError: an unknown format, or CSV asked for on standard output.
    """
    import io

    import networkx as nx

    if fmt not in NETWORK_FORMATS:
        raise ExportError(f"unknown network format {fmt!r}; choose one of {', '.join(NETWORK_FORMATS)}")
    to_stdout = out is None or str(out) == "-"
    G = network(kg)
    if fmt == "csv":
        if to_stdout:
            raise ExportError("the csv export writes two tables (nodes and edges): give a file with --output "
                              "nodes.csv and the edges go to nodes-edges.csv")
        node_table(G).to_csv(out, index=False)
        edge_table(G).to_csv(edges_path(out), index=False)  # type: ignore[arg-type]
        return None
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(G, buf, encoding="utf-8", named_key_ids=True)
    else:
        nx.write_gexf(G, buf, encoding="utf-8")
    data = buf.getvalue()
    if to_stdout:
        return data
    Path(out).write_bytes(data)  # type: ignore[arg-type]
    return None

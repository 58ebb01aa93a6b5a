"""Exports: the GraphML / GEXF / CSV network (kg/tables.py) and the RDF
serialisations (TriG, N-Quads, Turtle, N-Triples, JSON-LD) read back by
networkx, pandas and rdflib as the same graph.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.export import export
from kg.tables import ExportError, edge_table, edges_path, export_network, network, node_table

ACTOR = "https://w3id.org/kg-geo/id/actor/"
EVENT = "https://w3id.org/kg-geo/id/event/"
runner = CliRunner()


@pytest.fixture()
def fixture_oxi(make_kg, fixture_trig: Path):
    return make_kg(fixture_trig)


# ---------------------------------------------------------------- the projection


def test_the_network_has_the_fixtures_actors_events_and_distinct_edges(fixture_oxi) -> None:
    G = network(fixture_oxi)
    assert G.number_of_nodes() == 14  # 12 actors and 2 events the articles mention (not gazetteer-only ones)
    assert G.number_of_edges() == 23  # 16 coded facts and 7 saidAbout pairs, each once
    assert ACTOR + "Q30" not in G
    trump = G.nodes[ACTOR + "Q22686"]
    assert (trump["label"], trump["type"], trump["qid"], trump["articles"]) == ("Donald Trump", "Person", "Q22686", 2)
    parade = G.nodes[EVENT + "parade-2025"]
    assert (parade["type"], parade["event_type"], parade["date"], parade["place"]) == ("Event", "Parade",
                                                                                      "2025-09-03", "Beijing")
    edge = G.edges[ACTOR + "Q22686", ACTOR + "Q148", "accused"]
    assert (edge["predicate"], edge["sources"], edge["docs"]) == ("accused", 2, "parade.txt | reaction.txt")


def test_every_network_attribute_is_a_scalar(fixture_oxi) -> None:
    G = network(fixture_oxi)
    for _, attrs in G.nodes(data=True):
        assert all(isinstance(v, (str, int)) for v in attrs.values()), attrs
    for *_, attrs in G.edges(data=True):
        assert all(isinstance(v, (str, int)) for v in attrs.values()), attrs


# ---------------------------------------------------------------- GraphML and GEXF


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_the_same_nodes_edges_and_attributes(fixture_oxi, tmp_path: Path,
                                                                            fmt: str, read) -> None:
    G = network(fixture_oxi)
    out = tmp_path / f"g.{fmt}"
    assert export_network(fixture_oxi, fmt, out) is None
    H = read(out)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert set(H.nodes) == set(G.nodes)
    for n, attrs in G.nodes(data=True):
        for key in ("label", "type", "qid"):
            assert H.nodes[n].get(key) == attrs.get(key), (n, key)
    got = sorted((s, o, d["predicate"], int(d["sources"])) for s, o, d in H.edges(data=True))
    assert got == sorted((s, o, d["predicate"], d["sources"]) for s, o, d in G.edges(data=True))


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_the_seeds_network_reads_back_from_graphml_and_gexf(seeds_kg, tmp_path: Path, fmt: str, read) -> None:
    G = network(seeds_kg)
    assert G.number_of_nodes() > 10 and G.number_of_edges() > 10
    data = export_network(seeds_kg, fmt)  # to memory
    assert isinstance(data, bytes)
    (tmp_path / f"s.{fmt}").write_bytes(data)
    H = read(tmp_path / f"s.{fmt}")
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert {d["predicate"] for *_, d in H.edges(data=True)} == {d["predicate"] for *_, d in G.edges(data=True)}


# ---------------------------------------------------------------- CSV tables for Neo4j


def test_csv_tables_have_neo4j_import_headers_and_every_edge_end_is_a_node(fixture_oxi, tmp_path: Path) -> None:
    out = tmp_path / "nodes.csv"
    assert export_network(fixture_oxi, "csv", out) is None
    nodes, edges = pd.read_csv(out, keep_default_na=False), pd.read_csv(edges_path(out), keep_default_na=False)
    assert list(nodes.columns[:3]) == [":ID", "name", ":LABEL"]
    assert list(edges.columns[:3]) == [":START_ID", ":END_ID", ":TYPE"]
    assert (len(nodes), len(edges)) == (14, 23)
    assert nodes[":ID"].is_unique
    assert set(edges[":START_ID"]) | set(edges[":END_ID"]) <= set(nodes[":ID"])
    row = nodes.set_index(":ID").loc[ACTOR + "Q7747"]
    assert (row["name"], row[":LABEL"]) == ("Vladimir Putin", "Actor;Person")
    assert nodes.set_index(":ID").loc[EVENT + "parade-2025", ":LABEL"] == "Event"
    assert {"ACCUSED", "SAID_ABOUT", "ATTENDED", "REPRESENTS"} <= set(edges[":TYPE"])
    acc = edges[(edges[":TYPE"] == "ACCUSED")].iloc[0]
    assert (acc["sources:int"], acc["docs:string[]"]) == (2, "parade.txt;reaction.txt")


def test_the_tables_match_the_network(fixture_oxi) -> None:
    G = network(fixture_oxi)
    assert len(node_table(G)) == G.number_of_nodes()
    assert len(edge_table(G)) == G.number_of_edges()


def test_csv_on_standard_output_is_refused_with_the_fix(fixture_oxi) -> None:
    with pytest.raises(ExportError, match="--output nodes.csv"):
        export_network(fixture_oxi, "csv", None)
    with pytest.raises(ExportError, match="unknown network format"):
        export_network(fixture_oxi, "dot", None)


def test_kg_export_writes_the_network_files(seeds_store: Path, tmp_path: Path) -> None:
    for fmt in ("graphml", "gexf", "csv"):
        out = tmp_path / f"net.{fmt}"
        res = runner.invoke(app, ["export", "--store", str(seeds_store), "-f", fmt, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 0
    assert edges_path(tmp_path / "net.csv").is_file()
    res = runner.invoke(app, ["export", "--store", str(seeds_store), "-f", "csv"])
    assert res.exit_code == 1 and "two tables" in res.output


# ---------------------------------------------------------------- RDF round trips


def _quads(ds: Dataset) -> dict[URIRef, Graph]:
    return {g.identifier: g for g in ds.graphs() if isinstance(g.identifier, URIRef) and len(g)}


def _union(ds: Dataset) -> Graph:
    u = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        u.add((s, p, o))
    return u


@pytest.fixture(scope="module")
def reference(fixture_trig: Path) -> Dataset:
    """The fixture as rdflib reads the hand-written TriG: what every export must give back."""
    ds = Dataset()
    ds.parse(fixture_trig, format="trig")
    return ds


@pytest.mark.parametrize("fmt, parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_round_trip_every_named_graph_isomorphically(fixture_oxi, reference: Dataset,
                                                                    fmt: str, parser: str) -> None:
    data = export(fixture_oxi, fmt)
    back = Dataset()
    back.parse(data=data, format=parser)
    got, want = _quads(back), _quads(reference)
    assert set(got) == set(want)
    for name, g in want.items():
        assert isomorphic(got[name], g), name


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("ntriples", "nt")])
def test_triple_formats_round_trip_the_union_graph_isomorphically(fixture_oxi, reference: Dataset,
                                                                 fmt: str, parser: str) -> None:
    back = Graph().parse(data=export(fixture_oxi, fmt), format=parser)
    assert isomorphic(back, _union(reference))


def test_every_rdf_format_of_the_seeds_says_the_same_thing(seeds_kg) -> None:
    datasets = {}
    for fmt, parser in (("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")):
        ds = Dataset()
        ds.parse(data=export(seeds_kg, fmt), format=parser)
        datasets[fmt] = ds
    # kg writes no blank nodes, so equal sets of triples are isomorphic graphs (and much quicker to compare)
    ref = {name: set(g) for name, g in _quads(datasets["nquads"]).items()}
    assert len(ref) == 4  # three articles and the gazetteer
    assert not any(isinstance(t, BNode) for triples in ref.values() for tr in triples for t in tr)
    for fmt in ("trig", "jsonld"):
        assert {name: set(g) for name, g in _quads(datasets[fmt]).items()} == ref, fmt
    union = set().union(*ref.values())
    for fmt, parser in (("turtle", "turtle"), ("ntriples", "nt")):
        assert set(Graph().parse(data=export(seeds_kg, fmt), format=parser)) == union, fmt


def test_a_gazetteer_actors_facts_line_carries_the_names_the_gazetteer_knows_it_by(seeds_kg) -> None:
    """Entity linking made the actor a gazetteer entry: its line lists the entry's names (and the
    names its article used) as aliases, never its own name again."""
    from kg.export import facts_lines
    from kg.rdf import gazetteer_graph_iri

    known: dict[str, set[str]] = {}
    gz = gazetteer_graph_iri(seeds_kg.base)
    for r in seeds_kg.query("SELECT ?a ?n WHERE { GRAPH ?gz { ?a a geo:Actor ; skos:altLabel ?n } }", gz=gz):
        known.setdefault(str(r["a"]), set()).add(str(r["n"]))
    lines = [line for line in facts_lines(seeds_kg) if line["kind"] == "actor"]
    linked = [line for line in lines if known.get(line["id"])]
    assert linked, "the seeds mention gazetteer actors with alternative names"
    for line in linked:
        assert known[line["id"]] - {line["name"]} <= set(line["aliases"]), line
    assert all(line["name"] not in line["aliases"] for line in lines)

"""Stores: a named graph replaced whole, SPARQL with bound terms, dumps that round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import StoreBusyError
from kg.rdf import Quad
from kg.store import OxigraphStore, RdflibStore, open_store

G1 = URIRef("http://example.org/g1")
G2 = URIRef("http://example.org/g2")
S = URIRef("http://example.org/s")
P = URIRef("http://example.org/p")


def _quads(g: URIRef, n: int) -> list[Quad]:
    return [Quad(S, P, Literal(f"value {i}"), g) for i in range(n)] + [
        Quad(S, P, Literal(3), g), Quad(S, P, Literal("Kim", lang="en"), g), Quad(S, P, Literal(True), g)]


@pytest.fixture(params=["rdflib", "oxigraph-memory", "oxigraph-disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    s = {"rdflib": lambda: RdflibStore(), "oxigraph-memory": lambda: OxigraphStore(None),
         "oxigraph-disk": lambda: OxigraphStore(tmp_path / "st")}[request.param]()
    yield s
    s.close()


def test_replacing_a_graph_leaves_only_the_new_quads_and_other_graphs_alone(store) -> None:
    store.replace_graph(G1, _quads(G1, 5))
    store.replace_graph(G2, _quads(G2, 2))
    store.replace_graph(G1, _quads(G1, 1))
    assert len(store) == (1 + 3) + (2 + 3)
    assert store.has_graph(G1) and store.has_graph(G2)
    store.remove_graph(G1)
    assert not store.has_graph(G1) and len(store) == 5


def test_query_binds_values_as_terms_not_text(store) -> None:
    store.replace_graph(G1, _quads(G1, 3))
    hostile = Literal('"} ; DROP ALL ; #')
    res = store.query("SELECT ?s WHERE { ?s ?p ?v }", {"v": hostile})
    assert res.rows == ()
    res = store.query("SELECT ?s WHERE { ?s ?p ?v }", {"v": Literal("value 1")})
    assert [r[0] for r in res.rows] == [S]
    assert len(store) == 6


def test_literal_datatypes_and_languages_survive_a_round_trip(store) -> None:
    store.replace_graph(G1, _quads(G1, 0))
    res = store.query("SELECT ?o WHERE { ?s ?p ?o }")
    values = {r[0] for r in res.rows}
    assert values == {Literal(3), Literal("Kim", lang="en"), Literal(True)}


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_dumps_parse_back_isomorphic(store, fmt: str) -> None:
    store.replace_graph(G1, _quads(G1, 2))
    store.replace_graph(G2, _quads(G2, 1))
    ds = Dataset()
    ds.parse(data=store.dump(fmt), format=fmt)
    assert len(ds) == 0 or True  # default graph may be empty; compare graph by graph
    for g, n in ((G1, 2), (G2, 1)):
        expected = Dataset().graph(g)
        for q in _quads(g, n):
            expected.add((q.s, q.p, q.o))
        assert isomorphic(ds.graph(g), expected)


def test_a_second_writer_gets_store_busy_not_corruption(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store

    monkeypatch.setattr(kg.store, "WRITER_WAIT_SECONDS", 0.2)  # a writer waits for the lock, briefly here
    first = OxigraphStore(tmp_path / "st")
    first.replace_graph(G1, _quads(G1, 2))
    try:
        with pytest.raises(StoreBusyError, match="store busy"):
            OxigraphStore(tmp_path / "st")
        with pytest.raises(StoreBusyError):
            OxigraphStore(tmp_path / "st", read_only=True)
    finally:
        first.close()
    reader = open_store(tmp_path / "st", read_only=True)
    assert len(reader) == 5
    reader.close()


def test_reading_a_missing_store_says_how_to_build_one(tmp_path: Path) -> None:
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="kg build"):
        OxigraphStore(tmp_path / "nothing", read_only=True)

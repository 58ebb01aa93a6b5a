"""A store on a SPARQL 1.1 server: a real ``oxigraph serve`` process, written
through the Graph Store Protocol (or SPARQL Update), read through the SPARQL
Protocol, holding the same graph as the embedded store."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from support import facts_of, same_dataset
from typer.testing import CliRunner

from kg.errors import QueryError, StoreError
from kg.rdf import Quad
from kg.remote import RemoteStore, bind_values, parse_spec

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
G1 = URIRef("http://example.org/g1")
G2 = URIRef("http://example.org/g2")
S = URIRef("http://example.org/s")
P = URIRef("http://example.org/p")


def _oxigraph_cli() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a fresh ``oxigraph serve`` on a free loopback port (killed afterwards)."""
    exe = _oxigraph_cli()
    if exe is None:
        pytest.skip("the oxigraph CLI is not installed (pip install oxigraph)")
    import requests

    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                requests.head(url, timeout=1)
                break
            except requests.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"oxigraph serve did not start: {err}")
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture()
def remote(server: str) -> Iterator[RemoteStore]:
    store = RemoteStore(server)
    for g in (G1, G2):
        store.remove_graph(g)
    yield store
    for g in (G1, G2):
        store.remove_graph(g)
    store.close()


def _quads(g: URIRef, n: int) -> list[Quad]:
    return [Quad(S, P, Literal(f"value {i}"), g) for i in range(n)] + [
        Quad(S, P, Literal(3), g), Quad(S, P, Literal("Kim", lang="en"), g),
        Quad(S, P, Literal('quote " backslash \\ newline \n tab \t é'), g)]


def test_spec_without_path_means_oxigraph_endpoints_and_its_union_parameter() -> None:
    ep = parse_spec("http://127.0.0.1:7878")
    assert (ep.flavor, ep.query, ep.update, ep.gsp) == (
        "oxigraph", "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    assert ("union-default-graph", "") in ep.union


def test_spec_with_a_dataset_path_means_fuseki_endpoints_and_its_union_graph() -> None:
    ep = parse_spec("http://h:3030/ds")
    assert (ep.flavor, ep.query, ep.update, ep.gsp) == (
        "fuseki", "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data")
    assert ("default-graph-uri", "urn:x-arq:UnionGraph") in ep.union


def test_spec_parameters_override_endpoints_and_hide_credentials() -> None:
    ep = parse_spec("http://me:s%40cret@h/repo?flavor=generic&query=/sparql&update=/sparql&gsp=none&timeout=9&x=1")
    assert ep.query == ep.update == "http://h/sparql" and ep.gsp is None and ep.union == ()
    assert ep.auth == ("me", "s@cret") and "cret" not in ep.location and ep.timeout == 9
    assert ep.extra == (("x", "1"),)
    with pytest.raises(StoreError):
        parse_spec("http://h?flavor=nosuch")


def test_the_server_header_decides_the_flavor_when_the_spec_does_not() -> None:
    assert parse_spec("http://h:3030/", server_header="Apache Jena Fuseki (5.1.0)").flavor == "fuseki"
    assert parse_spec("http://h/x", server_header="Oxigraph/0.5.13").flavor == "oxigraph"


# ------------------------------------------------------------ binding values


def test_bound_values_go_into_every_query_level_that_mentions_them() -> None:
    q = ("SELECT ?a WHERE { ?a ?p ?name . { SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?q ?name } GROUP BY ?a } "
         "{ SELECT ?b WHERE { ?b ?p ?o } } }")
    out = bind_values(q, {"name": Literal('Xi "J" }'), "unused": Literal("x")})
    assert out.count('VALUES ?name { "Xi \\"J\\" }" }') == 2
    assert "?unused" not in out
    assert "{ SELECT ?b WHERE { ?b" in out  # the sub-query that does not mention ?name is left alone


def test_braces_and_keywords_inside_strings_iris_and_comments_are_not_structure() -> None:
    q = 'SELECT ?x # WHERE { ?x\nWHERE { ?x <http://e/{p}> "SELECT { }" ; <http://e/q> ?v }'
    out = bind_values(q, {"v": Literal(1)})
    assert out.startswith('SELECT ?x # WHERE { ?x\nWHERE { VALUES ?v { "1"^^<http://www.w3.org/2001/XMLSchema#integer> }')


def test_a_value_that_is_not_a_valid_iri_or_is_a_blank_node_is_refused() -> None:
    from rdflib import BNode

    with pytest.raises(QueryError):
        bind_values("SELECT ?x { ?x ?p ?o }", {"x": URIRef("http://a> } DROP ALL { <http://b")})
    with pytest.raises(QueryError):
        bind_values("SELECT ?x { ?x ?p ?o }", {"x": BNode()})


# ------------------------------------------------------------ against a real server


def test_replacing_a_graph_over_http_leaves_only_the_new_quads_and_other_graphs_alone(remote: RemoteStore) -> None:
    base = len(remote)
    remote.replace_graph(G1, _quads(G1, 5))
    remote.replace_graph(G2, _quads(G2, 2))
    remote.replace_graph(G1, _quads(G1, 1))
    assert len(remote) == base + (1 + 3) + (2 + 3)
    assert remote.has_graph(G1) and remote.has_graph(G2)
    remote.remove_graph(G1)
    assert not remote.has_graph(G1) and len(remote) == base + 5
    remote.remove_graph(G1)  # dropping a graph that is not there is not an error


def test_literals_survive_the_round_trip_through_the_server(remote: RemoteStore) -> None:
    remote.replace_graph(G1, _quads(G1, 0))
    res = remote.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": G1})
    assert {r[0] for r in res.rows} == {q.o for q in _quads(G1, 0)}
    hostile = Literal('"} ; DROP ALL ; #')
    assert remote.query("SELECT ?s WHERE { ?s ?p ?v }", {"v": hostile}).rows == ()
    assert remote.query("ASK { ?s ?p ?v }", {"v": Literal(3)}).boolean is True
    assert len(remote.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": G1}).triples) == 3


def test_a_server_without_graph_store_protocol_is_written_with_sparql_update(server: str) -> None:
    store = RemoteStore(server + "?gsp=none")
    try:
        store.replace_graph(G2, _quads(G2, 2))
        store.replace_graph(G2, _quads(G2, 1))
        assert store.has_graph(G2)
        res = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": G2})
        assert int(res.rows[0][0]) == 4
        store.remove_graph(G2)
        assert not store.has_graph(G2)
    finally:
        store.close()


def test_a_read_only_remote_store_refuses_writes(server: str) -> None:
    store = RemoteStore(server, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.replace_graph(G1, _quads(G1, 1))
    with pytest.raises(StoreError, match="read-only"):
        store.remove_graph(G1)


def test_an_unreachable_server_is_a_store_error_naming_the_address() -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreError, match="127.0.0.1"):
        RemoteStore(url)


def test_a_malformed_query_is_a_query_error_with_the_servers_message(remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match="syntax"):
        remote.query("SELECT ?x WHERE { ?x ?p }")


def test_seeds_built_into_an_oxigraph_server_equal_the_embedded_build(server: str, tmp_path: Path) -> None:
    from kg.cli import app
    from kg.graph import KnowledgeGraph, build

    url = server + "/"  # a trailing slash is the same server
    runner = CliRunner()
    result = runner.invoke(app, ["build", str(SEEDS), "--store", url, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 added" in " ".join(result.output.split())
    result = runner.invoke(app, ["build", str(SEEDS), "--store", url, "--quiet"])
    said = " ".join(result.output.split())
    assert "3 unchanged" in said and "nothing to do" in said

    local = build([SEEDS], tmp_path / "embedded")
    with KnowledgeGraph(url, read_only=True) as remote:
        # the remote store holds the unit-test graphs of this module too: compare the seeds' graphs
        for g in (G1, G2):
            assert not remote.store.has_graph(g)
        assert facts_of(remote) == facts_of(local)
        assert remote.stats() == local.stats()
        assert same_dataset(remote.store.dump("nquads"), local.store.dump("nquads"))
    exported = runner.invoke(app, ["export", "--store", url, "--format", "facts"])
    assert exported.exit_code == 0
    assert sorted(json.dumps(json.loads(x), sort_keys=True) for x in exported.stdout.splitlines() if x) == facts_of(local)
    local.close()

"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a seeds store,
queried over HTTP; updates refused, runaway queries stopped by the timeout,
builds kept out by the store lock. The server process is always stopped.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import StoreBusyError
from kg.serve import Server, ServeError, command, start

pytest.importorskip("SPARQLWrapper")

#: Seconds the server gives a query (oxigraph takes whole seconds).
TIMEOUT = 1


def free_port() -> int:
    """A TCP port nobody listens on right now (never a fixed one: other servers may run here)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seeds_store: Path) -> Iterator[Server]:
    srv = start(seeds_store, port=free_port(), timeout=TIMEOUT)
    try:
        yield srv
    finally:
        srv.stop()
        assert srv.process.poll() is not None


def sparql(srv: Server, query: str, timeout: float = 30):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    client = SPARQLWrapper(srv.query_url)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setQuery(query)
    client.setTimeout(timeout)
    return client.queryAndConvert()


def test_the_endpoint_listens_on_loopback_by_default(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    assert "127.0.0.1:" in " ".join(command(Path("/x"), "127.0.0.1", 1, 1.0))


def test_the_endpoint_answers_sparql_over_http_with_the_union_of_the_articles(server: Server,
                                                                             seeds_kg) -> None:
    res = sparql(server, "PREFIX geo: <https://w3id.org/kg-geo/ontology#> "
                         "SELECT ?doc (COUNT(?st) AS ?n) WHERE { ?st geo:sourceArticle ?a . ?a geo:docName ?doc } "
                         "GROUP BY ?doc ORDER BY ?doc")
    rows = {b["doc"]["value"]: int(b["n"]["value"]) for b in res["results"]["bindings"]}
    expected = {str(r["doc"]): int(r["n"].toPython()) for r in seeds_kg.query(
        "SELECT ?doc (COUNT(?st) AS ?n) WHERE { ?st geo:sourceArticle ?a . ?a geo:docName ?doc } GROUP BY ?doc")}
    assert rows == expected and len(rows) == 3


def test_a_named_query_runs_against_the_endpoint_with_bound_parameters(server: Server) -> None:
    """kg's remote store binds the parameter; the named query gives the same rows as the embedded store."""
    from kg.graph import KnowledgeGraph
    from kg.queries import run

    with KnowledgeGraph(server.url + "?flavor=oxigraph", read_only=True) as remote:
        rows = run(remote, "quotes-by-speaker", speaker="Donald Trump")
    assert rows and {str(r["speaker"]) for r in rows} == {"Donald Trump"}


def test_csv_results_are_served_too(server: Server) -> None:
    q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    req = urllib.request.Request(f"{server.query_url}?{q}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - our loopback server
        lines = resp.read().decode().splitlines()
    assert lines[0] == "n" and int(lines[1]) > 1000


@pytest.mark.parametrize("how", ["form", "body"])
def test_an_update_is_refused_and_changes_nothing(server: Server, how: str) -> None:
    before = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["results"]["bindings"][0]["n"]["value"]
    update = "DELETE WHERE { ?s ?p ?o }"
    if how == "form":
        req = urllib.request.Request(server.url + "/update", data=urllib.parse.urlencode({"update": update}).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        req = urllib.request.Request(server.url + "/update", data=update.encode(),
                                     headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)  # noqa: S310
    assert err.value.code in (403, 405)
    after = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["results"]["bindings"][0]["n"]["value"]
    assert after == before


def test_the_graph_store_protocol_cannot_write_either(server: Server) -> None:
    req = urllib.request.Request(server.url + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .", method="PUT",
                                 headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)  # noqa: S310
    assert err.value.code in (403, 405)


def test_a_runaway_query_is_stopped_by_the_timeout(server: Server) -> None:
    """A cross join of the store with itself (~2e8 rows) is cancelled, and the server keeps serving."""
    started = time.monotonic()
    with pytest.raises(Exception) as err:  # a cut-off response: an HTTP error or an unreadable body
        res = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", timeout=120)
        json.dumps(res)
        if not isinstance(res, dict):
            raise ValueError(res)
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + 30, f"the query ran {elapsed:.1f} s"
    assert "cancel" in str(err.value).lower() or "json" in str(err.value).lower() or "Expecting" in str(err.value)
    assert sparql(server, "ASK { ?s ?p ?o }")["boolean"] is True


@pytest.fixture()
def own_store(tmp_path: Path, fixture_trig: Path) -> Path:
    """A store directory nobody else has open: the hand-made fixture graph."""
    from conftest import load_dataset

    from kg.graph import KnowledgeGraph

    with KnowledgeGraph(tmp_path / "store") as kg:
        load_dataset(kg, fixture_trig)
    return tmp_path / "store"


def test_a_build_cannot_write_the_store_while_it_is_served(own_store: Path) -> None:
    from kg.graph import KnowledgeGraph

    with start(own_store, port=free_port(), timeout=TIMEOUT) as srv:
        with pytest.raises(StoreBusyError, match="store busy"):
            KnowledgeGraph(own_store)
        with KnowledgeGraph(own_store, read_only=True) as kg:  # readers are welcome
            assert len(kg) > 0
        assert srv.process.poll() is None
    assert srv.process.poll() is not None
    with KnowledgeGraph(own_store) as kg:  # stopped: the lock is gone with it
        assert len(kg) > 0


def test_serving_a_store_that_a_build_is_writing_fails_with_store_busy(own_store: Path) -> None:
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph(own_store):
        with pytest.raises(StoreBusyError):
            start(own_store, port=free_port())


def test_serving_something_that_is_not_a_store_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="no kg store here"):
        start(tmp_path, port=free_port())
    with pytest.raises(ServeError, match="on-disk store directory"):
        start("memory", port=free_port())


def test_a_port_in_use_is_reported_and_the_lock_released(own_store: Path) -> None:
    from kg.graph import KnowledgeGraph

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ServeError, match="did not start"):
            start(own_store, port=busy.getsockname()[1], startup=10)
    with KnowledgeGraph(own_store) as kg:  # a writer gets in: the failed server left no lock behind
        assert len(kg) > 0


def test_kg_serve_prints_the_endpoint_and_stops_on_sigterm(own_store: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(own_store), "--port", str(port),
                             "--timeout", "2"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        lines = [proc.stderr.readline() for _ in range(2)]  # oxigraph's "Listening..." and kg's own line
        assert any(f"http://127.0.0.1:{port}/query" in line and "read-only" in line for line in lines), lines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
                                    timeout=30) as resp:  # noqa: S310
            assert json.loads(resp.read())["boolean"] is True
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
    with socket.socket() as s:  # the oxigraph child went with it: nobody listens on the port any more
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # (our closed connection may be in TIME_WAIT)
        s.bind(("127.0.0.1", port))
        s.listen()


def test_the_server_does_not_outlive_a_kg_serve_that_is_killed(own_store: Path) -> None:
    import signal
    import subprocess
    import sys

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(own_store), "--port", str(port)],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        for _ in range(2):
            proc.stderr.readline()
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        deadline = time.monotonic() + 20
        while True:
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", port))
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the oxigraph server outlived kg serve"
                    time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

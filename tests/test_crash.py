"""Crash safety (issue #8): a build killed with SIGKILL in the middle leaves a store
that opens, and building again gives exactly what an uninterrupted build gives.

The corpus is 42 articles made from the three seeds (each copied under 14
names with one sentence changed, so their content hashes differ). A reference
build runs to the end in a fresh store; another build is killed once some
articles are in, and then run again to completion. Compared: the facts export,
the quads of every article graph, and the number of graphs (one per article
plus the gazetteer's).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
VARIANTS = 14


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(_kg(*args), capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """42 distinct articles: every seed under 14 names, each with its own revision sentence."""
    if len(SEEDS) < 3:
        pytest.skip("the seed articles are missing")
    d = tmp_path_factory.mktemp("crash") / "articles"
    d.mkdir()
    for n in range(VARIANTS):
        for seed in SEEDS:
            lines = seed.read_text(encoding="utf-8").split("\n")
            lines.insert(4, f"The report was revised {n + 1} times before publication, editors said.")
            (d / f"{seed.stem}-v{n:02d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return d


def _graphs(store: Path) -> dict[str, frozenset[str]]:
    """Every named graph of a store as its set of N-Quads lines (graph IRI -> quads)."""
    import pyoxigraph as ox

    from kg.graph import KnowledgeGraph

    out: dict[str, set[str]] = {}
    with KnowledgeGraph(store, read_only=True) as kg:
        for q in kg.store.raw.quads_for_pattern(None, None, None, None):
            g = q.graph_name
            key = g.value if isinstance(g, ox.NamedNode) else ""
            out.setdefault(key, set()).add(str(ox.Triple(q.subject, q.predicate, q.object)))
    return {k: frozenset(v) for k, v in out.items()}


def _article_docs(store: Path) -> list[str]:
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph(store, read_only=True) as kg:
        rows = kg.query("SELECT ?doc WHERE { GRAPH ?g { ?g a geo:Article ; geo:docName ?doc } }")
    return [str(r["doc"]) for r in rows]


def _facts(store: Path) -> list[str]:
    res = _run("export", "--store", str(store), "--format", "facts")
    assert res.returncode == 0, res.stderr
    return sorted(res.stdout.splitlines())


@pytest.fixture(scope="module")
def reference(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An uninterrupted build into a fresh store, timed."""
    store = tmp_path_factory.mktemp("reference") / "store"
    started = time.monotonic()
    res = _run("build", str(articles), "--store", str(store), "--quiet")
    seconds = time.monotonic() - started
    assert res.returncode == 0, res.stderr
    return {"store": store, "seconds": seconds, "graphs": _graphs(store), "facts": _facts(store)}


@pytest.fixture(scope="module")
def killed(articles: Path, reference: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A build SIGKILLed after some but not all articles were written (timing adapts on retry)."""
    base = tmp_path_factory.mktemp("killed")
    store = base / "store"
    total = len(list(articles.iterdir()))
    fraction = 0.6
    tries: list[str] = []
    for attempt in range(5):
        proc = subprocess.Popen(_kg("build", str(articles), "--store", str(store), "--quiet"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = reference["seconds"] * fraction
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        in_store = len(_article_docs(store)) if (store / "CURRENT").exists() else 0
        tries.append(f"killed after {delay:.1f} s (rc {proc.returncode}): {in_store}/{total} articles in")
        if proc.returncode == -signal.SIGKILL and 0 < in_store < total:
            return {"store": store, "in_store": in_store, "graphs": _graphs(store), "tries": tries}
        if in_store >= total or proc.returncode != -signal.SIGKILL:  # too late: start again, kill sooner
            import shutil

            shutil.rmtree(store)
            fraction *= 0.6
        else:  # too early: keep the store (a build killed before any article must resume too)
            fraction = min(fraction * 1.3, 0.95)
    pytest.fail("never killed the build in the middle: " + "; ".join(tries))


def test_a_killed_build_leaves_a_store_that_opens(killed: dict) -> None:
    assert killed["graphs"], killed["tries"]


def test_no_article_graph_is_half_written_after_a_kill(killed: dict, reference: dict) -> None:
    ref = reference["graphs"]
    for iri, quads in killed["graphs"].items():
        assert iri in ref, f"graph {iri} is not in the uninterrupted build"
        assert quads == ref[iri], f"graph {iri} differs from the uninterrupted build"


@pytest.fixture(scope="module")
def resumed(killed: dict, articles: Path) -> dict:
    """The killed store, built again to completion."""
    res = _run("build", str(articles), "--store", str(killed["store"]), "--quiet")
    assert res.returncode == 0, res.stderr
    return {"store": killed["store"], "stderr": res.stderr}


def test_building_again_after_a_kill_skips_what_was_written(resumed: dict, killed: dict, articles: Path) -> None:
    total = len(list(articles.iterdir()))
    summary = " ".join(resumed["stderr"].split())  # rich wraps the summary at 80 columns
    assert f"{total - killed['in_store']} added, 0 replaced, {killed['in_store']} unchanged" in summary


def test_the_resumed_store_exports_the_same_facts_as_an_uninterrupted_build(resumed: dict,
                                                                            reference: dict) -> None:
    assert _facts(resumed["store"]) == reference["facts"]


def test_the_resumed_store_has_one_graph_per_article_plus_the_gazetteer(resumed: dict, reference: dict,
                                                                      articles: Path) -> None:
    graphs = _graphs(resumed["store"])
    docs = _article_docs(resumed["store"])
    total = len(list(articles.iterdir()))
    assert len(docs) == len(set(docs)) == total  # no article twice
    assert len([g for g in graphs if g]) == total + 1
    assert graphs == reference["graphs"]

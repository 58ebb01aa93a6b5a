"""Incremental building: an article is its content hash and its named graph.

Building articles one at a time gives the graph building them all at once
gives (event merging included); rebuilding unchanged input does nothing;
an edited article replaces only its own graph; a removed article is gone;
and a build streams its input instead of reading it all first.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rdflib import URIRef
from support import facts_of, same_dataset
from typer.testing import CliRunner

from kg.models import Article, ArticleFacts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT.parent / "shared" / "eval" / "dev" / "articles"
#: How many development articles join the seeds (when ../shared is there).
N_DEV = 4


def _per_doc(kg) -> dict[str, set]:
    """Document name -> the triples of its article graph."""
    rows = kg.query("SELECT ?doc ?s ?p ?o WHERE { GRAPH ?g { ?g geo:docName ?doc . ?s ?p ?o } }")
    out: dict[str, set] = {}
    for r in rows:
        out.setdefault(str(r["doc"]), set()).add((r["s"], r["p"], r["o"]))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, plus a handful of development articles when ../shared is there."""
    d = tmp_path_factory.mktemp("corpus") / "articles"
    shutil.copytree(SEEDS, d)
    if DEV.is_dir():
        extra = [p for p in sorted(DEV.glob("*.txt")) if not (SEEDS / p.name).exists()]  # the seeds are dev too
        for p in extra[:N_DEV]:
            shutil.copy(p, d / p.name)
    return d


@pytest.fixture(scope="module")
def all_at_once(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    from kg.graph import build

    kg = build([corpus], tmp_path_factory.mktemp("all") / "store")
    yield kg
    kg.close()


def test_one_article_at_a_time_gives_the_graph_of_all_at_once(corpus: Path, all_at_once,
                                                                tmp_path: Path) -> None:
    from kg.graph import build

    files = sorted(corpus.iterdir())
    assert len(files) >= 3
    store = tmp_path / "one-by-one"
    for f in files:
        kg = build([f], store)
        assert kg.report is not None and kg.report.added == [f.name]
        kg.close()
    from kg.graph import KnowledgeGraph

    with KnowledgeGraph(store, read_only=True) as kg:
        assert facts_of(kg) == facts_of(all_at_once)
        assert same_dataset(kg.store.dump("nquads"), all_at_once.store.dump("nquads"))


@pytest.mark.xfail(strict=False, reason="kg.resolve merges near-miss events (dates a few days apart, or no place) "
                   "into whichever key was stored first, so the merged event's IRI can depend on arrival order; "
                   "same-order builds (above) and dask builds (written in input order) agree")
def test_one_at_a_time_in_reverse_order_gives_the_same_facts(corpus: Path, all_at_once, tmp_path: Path) -> None:
    from kg.graph import KnowledgeGraph, build

    store = tmp_path / "reversed"
    for f in sorted(corpus.iterdir(), reverse=True):
        build([f], store).close()
    with KnowledgeGraph(store, read_only=True) as kg:
        assert facts_of(kg) == facts_of(all_at_once)


def test_rebuilding_unchanged_input_processes_nothing_and_says_so(corpus: Path, tmp_path: Path) -> None:
    from kg.cli import app
    from kg.graph import KnowledgeGraph, build

    store = tmp_path / "store"
    build([corpus], store).close()
    with KnowledgeGraph(store, read_only=True) as kg:
        before = kg.store.dump("nquads")

    def must_not_run(articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        for a in articles:
            raise AssertionError(f"{a.doc} was processed again")
        return iter(())

    kg = build([corpus], store, processor=must_not_run)
    assert kg.report is not None
    assert kg.report.processed == 0 and len(kg.report.unchanged) == len(list(corpus.iterdir()))
    assert kg.store.dump("nquads") == before
    kg.close()
    result = CliRunner().invoke(app, ["build", str(corpus), "--store", str(store), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "nothing to do" in " ".join(result.output.split())


def test_editing_one_article_replaces_only_its_graph(corpus: Path, tmp_path: Path) -> None:
    from kg.graph import build
    from kg.ingest import iter_articles
    from kg.rdf import article_iri

    articles = tmp_path / "articles"
    shutil.copytree(corpus, articles)
    store = tmp_path / "store"
    kg = build([articles], store)
    before = _per_doc(kg)
    kg.close()
    edited = articles / "001_4f597a369395396b.txt"
    (old,) = [a for a in iter_articles([edited]) if isinstance(a, Article)]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe talks ended on Friday.\n", encoding="utf-8")

    kg = build([articles], store)
    try:
        assert kg.report is not None
        assert kg.report.replaced == [edited.name] and kg.report.added == []
        assert len(kg.report.unchanged) == len(before) - 1
        assert not kg.store.has_graph(article_iri(old.id, kg.base))  # the old version's graph is gone
        after = _per_doc(kg)
        assert after.keys() == before.keys()
        assert after[edited.name] != before[edited.name]
        for doc in before:
            if doc != edited.name:
                assert after[doc] == before[doc], f"{doc} changed though its text did not"
    finally:
        kg.close()


def test_removing_an_article_drops_its_graph_and_its_facts(corpus: Path, tmp_path: Path) -> None:
    from kg.cli import app
    from kg.graph import KnowledgeGraph, build

    store = tmp_path / "store"
    kg = build([corpus], store)
    graph, _ = kg.articles()["000_eb4b4ead9529b56a.txt"]
    kg.close()
    result = CliRunner().invoke(app, ["remove", "000_eb4b4ead9529b56a.txt", "--store", str(store)])
    assert result.exit_code == 0, result.output
    with KnowledgeGraph(store, read_only=True) as kg:
        assert not kg.store.has_graph(URIRef(graph))
        assert "000_eb4b4ead9529b56a.txt" not in kg.articles()
        assert not any(json.loads(x)["doc"] == "000_eb4b4ead9529b56a.txt" for x in facts_of(kg))
        assert kg.query("ASK { GRAPH ?g { ?s ?p ?o } }", g=URIRef(graph)) == [{"ask": False}]
    result = CliRunner().invoke(app, ["remove", "000_eb4b4ead9529b56a.txt", "--store", str(store)])
    assert result.exit_code == 1  # not there any more, and it says so


def test_a_removed_article_built_again_comes_back_as_before(corpus: Path, all_at_once, tmp_path: Path) -> None:
    from kg.graph import build

    store = tmp_path / "store"
    kg = build([corpus], store)
    assert kg.remove("001_4f597a369395396b.txt")
    kg.close()
    kg = build([corpus], store)
    try:
        assert kg.report is not None and kg.report.added == ["001_4f597a369395396b.txt"]
        assert facts_of(kg) == facts_of(all_at_once)
    finally:
        kg.close()


def test_build_streams_articles_instead_of_reading_them_all_first(tmp_path: Path) -> None:
    from kg.graph import build

    src = tmp_path / "many"
    src.mkdir()
    for i in range(60):
        (src / f"{i:03d}.txt").write_text(f"Headline {i}\n\nParagraph number {i} of the story.\n", encoding="utf-8")
    written: list[str] = []
    pulled: list[str] = []

    def recording(articles: Iterable[Article]) -> Iterator[ArticleFacts]:
        for a in articles:  # one in, one out: the store must keep up with the reader
            pulled.append(a.doc)
            assert len(pulled) - len(written) <= 1
            yield ArticleFacts(article=a)

    def progress(kind: str, item: object) -> None:
        if kind == "article":
            written.append(item.doc)  # type: ignore[attr-defined]

    kg = build([src], "oxigraph-memory", processor=recording, progress=progress)
    assert kg.report is not None and len(kg.report.added) == 60 and written == pulled
    kg.close()

"""Shared test fixtures.

Stores built from articles are expensive (the spaCy pipeline takes ~10 s to
load), so each is built once per session and handed out as a directory that
tests open read-only: open it with ``KnowledgeGraph(path, read_only=True)``
(or use ``seeds_kg``), never write into it. A test that needs to change a
store builds or copies its own.

Fixtures:
    seeds_store: directory of an Oxigraph store built from ``seeds/``.
    seeds_kg: a read-only :class:`~kg.graph.KnowledgeGraph` on ``seeds_store``.
    dev_store: the same for ``../shared/eval/dev/articles`` (skips when absent).
    fixture_trig: ``tests/data/fixture.trig``, the small hand-made graph.
    fixture_kg: that graph loaded in a fresh in-memory store, once per backend
        (``oxigraph-memory`` and rdflib ``memory``).
    make_kg: a factory loading an rdflib Dataset (or a TriG file) into a new store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DEV_ARTICLES = SHARED / "eval" / "dev" / "articles"


def _build(articles: Path, store: Path) -> Path:
    from kg.graph import build

    kg = build([articles], store=str(store))
    try:
        report = kg.report
        assert report is not None and not report.failed, f"building {articles} failed: {report}"
    finally:
        kg.close()
    return store


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store of the three seed articles, built once per session (open it read-only)."""
    return _build(SEEDS, tmp_path_factory.mktemp("seeds-store") / "kg")


@pytest.fixture(scope="session")
def seeds_kg(seeds_store: Path) -> Iterator:
    """A read-only KnowledgeGraph on the seeds store, shared by the session."""
    from kg.graph import KnowledgeGraph

    kg = KnowledgeGraph(seeds_store, read_only=True)
    yield kg
    kg.close()


@pytest.fixture(scope="session")
def dev_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store of the development articles (skips where ../shared/eval/dev is absent)."""
    if not DEV_ARTICLES.is_dir():
        pytest.skip("../shared/eval/dev/articles is not beside this clone")
    return _build(DEV_ARTICLES, tmp_path_factory.mktemp("dev-store") / "kg")


@pytest.fixture(scope="session")
def fixture_trig() -> Path:
    """The small hand-made graph of tests/data/fixture.trig (see the comment at its top)."""
    return DATA / "fixture.trig"


def load_dataset(kg, data) -> None:
    """Write every named graph of ``data`` (an rdflib Dataset, or a TriG file) into ``kg``'s store."""
    from rdflib import Dataset, URIRef

    from kg.rdf import Quad

    ds = data
    if not isinstance(data, Dataset):
        ds = Dataset()
        ds.parse(data, format="trig")
    for g in ds.graphs():
        if not isinstance(g.identifier, URIRef) or g.identifier == ds.default_graph.identifier or not len(g):
            continue
        kg.store.replace_graph(g.identifier, [Quad(s, p, o, g.identifier) for s, p, o in g])


@pytest.fixture()
def make_kg() -> Iterator:
    """A factory: ``make_kg(dataset_or_trig, store="oxigraph-memory")`` -> a loaded KnowledgeGraph
    (closed after the test). ``store`` may be a directory for an on-disk store."""
    from kg.graph import KnowledgeGraph

    made = []

    def make(data, store: str | Path = "oxigraph-memory"):
        kg = KnowledgeGraph(store)
        load_dataset(kg, data)
        made.append(kg)
        return kg

    yield make
    for kg in made:
        kg.close()


@pytest.fixture(params=["oxigraph-memory", "memory"])
def fixture_kg(request: pytest.FixtureRequest, fixture_trig: Path) -> Iterator:
    """The fixture graph in a fresh in-memory store, on Oxigraph and on rdflib."""
    from kg.graph import KnowledgeGraph

    kg = KnowledgeGraph(request.param)
    load_dataset(kg, fixture_trig)
    yield kg
    kg.close()

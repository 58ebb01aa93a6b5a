"""Parallel extraction: spaCy worker processes (``--workers``) and a dask
cluster (``--scheduler``) build the same graph as one local process."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import facts_of, same_dataset
from typer.testing import CliRunner

from kg.models import Article, ArticleFacts

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    """Two single-threaded worker processes on loopback."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory):
    from kg.graph import build

    kg = build([SEEDS], tmp_path_factory.mktemp("local") / "store")
    yield kg
    kg.close()


def _articles(n: int) -> list[Article]:
    return [Article(id=f"{i:064x}", doc=f"a{i}.txt", text=f"Article number {i}.") for i in range(n)]


# ------------------------------------------------------------ the dask cluster


def test_seeds_built_on_a_dask_cluster_equal_the_local_build(client, local_build, tmp_path: Path) -> None:
    from kg.distributed import build_distributed

    kg = build_distributed([SEEDS], tmp_path / "dask", scheduler=client, batch_size=1)
    try:
        assert kg.report is not None
        assert sorted(kg.report.added) == sorted(local_build.report.added)
        assert kg.report.extraction_errors == local_build.report.extraction_errors
        assert facts_of(kg) == facts_of(local_build)
        assert same_dataset(kg.store.dump("nquads"), local_build.store.dump("nquads"))
        # the same incremental rules: nothing to do the second time
        again = build_distributed([SEEDS], kg.store, scheduler=client)
        assert again.report.processed == 0 and len(again.report.unchanged) == 3
    finally:
        kg.close()


def test_kg_build_with_a_scheduler_address_runs_on_that_cluster(client, local_build, tmp_path: Path) -> None:
    from kg.cli import app
    from kg.graph import KnowledgeGraph

    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    store = tmp_path / "cli"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--store", str(store), "--scheduler", address,
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    assert "3 added" in " ".join(result.output.split())
    with KnowledgeGraph(store, read_only=True) as kg:
        assert facts_of(kg) == facts_of(local_build)


def test_results_are_yielded_in_input_order_whatever_order_tasks_finish(client) -> None:
    from kg.distributed import process_distributed

    def slow_and_shuffled(batch, payload):  # runs on a worker; finishes in random order
        time.sleep(random.random() / 20)
        return [ArticleFacts(article=a) for a in batch]

    articles = _articles(40)
    pulled = []

    def source() -> Iterator[Article]:
        for a in articles:
            pulled.append(a)
            yield a

    out = []
    for facts in process_distributed(source(), client, batch_size=3, window=4, task=slow_and_shuffled):
        out.append(facts.article.doc)
        # streaming: never more than window * batch_size articles read ahead of what was handed back
        assert len(pulled) - len(out) <= 4 * 3
    assert out == [a.doc for a in articles]


def test_a_failed_task_marks_its_articles_instead_of_stopping_the_build(client) -> None:
    from kg.distributed import process_distributed

    def fails_on_the_second_batch(batch, payload):
        if batch[0].doc == "a2.txt":
            raise RuntimeError("worker trouble")
        return [ArticleFacts(article=a) for a in batch]

    out = list(process_distributed(_articles(6), client, batch_size=2, task=fails_on_the_second_batch))
    assert [f.article.doc for f in out] == [f"a{i}.txt" for i in range(6)]
    assert [bool(f.errors) for f in out] == [False, False, True, True, False, False]
    assert "worker trouble" in out[2].errors[0]


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    from kg.distributed import connect
    from kg.errors import KGError

    with pytest.raises(KGError, match="dask scheduler"):
        connect("tcp://127.0.0.1:9", timeout=2)


# ------------------------------------------------------------ spaCy worker processes


def test_two_spacy_worker_processes_build_the_same_graph_as_one(local_build, tmp_path: Path) -> None:
    from kg.graph import build

    kg = build([SEEDS], tmp_path / "two", workers=2, batch_size=1)
    try:
        assert kg.report is not None and len(kg.report.added) == 3
        assert facts_of(kg) == facts_of(local_build)
        assert same_dataset(kg.store.dump("nquads"), local_build.store.dump("nquads"))
    finally:
        kg.close()

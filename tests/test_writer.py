"""The build's store writer (kg.graph.StoreWriter): writes in order on a background thread
where the store allows it, never loses an article handed to it, and raises a failed write in
the building thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.graph import KnowledgeGraph, StoreWriter, build
from kg.store import OxigraphStore, RdflibStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


class _Recorder:
    """Stands in for a store: records each write and the thread it ran on, slowly."""

    background_writes = True

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[tuple[str, str]] = []
        self.fail_on = fail_on

    def replace_graph(self, name: str) -> None:
        time.sleep(0.01)  # slower than the submitter, so jobs queue up
        if name == self.fail_on:
            raise OSError(f"disk full while writing {name}")
        self.calls.append((name, threading.current_thread().name))


def test_background_writer_runs_every_job_in_submission_order_off_the_building_thread() -> None:
    store = _Recorder()
    writer = StoreWriter(store, depth=2)  # type: ignore[arg-type]
    names = [f"article-{i}" for i in range(12)]
    for name in names:
        writer.submit(store.replace_graph, name)
    writer.close()  # waits for the queue to drain
    assert [name for name, _ in store.calls] == names
    assert {thread for _, thread in store.calls} == {"kg-store-writer"}


def test_a_failed_background_write_is_raised_in_the_building_thread_and_stops_later_writes() -> None:
    store = _Recorder(fail_on="article-3")
    writer = StoreWriter(store, depth=1)  # type: ignore[arg-type]
    with pytest.raises(OSError, match="disk full while writing article-3"):
        for i in range(50):
            writer.submit(store.replace_graph, f"article-{i}")
        writer.close()
    writer.close()  # the error is raised once; closing again is quiet
    assert [name for name, _ in store.calls] == ["article-0", "article-1", "article-2"]


def test_a_store_not_safe_across_threads_is_written_inline() -> None:
    store = RdflibStore()
    assert not store.background_writes
    calls: list[str] = []
    writer = StoreWriter(store)
    writer.submit(lambda: calls.append(threading.current_thread().name))
    assert calls == [threading.current_thread().name]  # done before submit returned
    writer.close()


def test_oxigraph_stores_are_written_in_the_background() -> None:
    assert OxigraphStore.background_writes


class _FailingStore(OxigraphStore):
    """An on-disk Oxigraph store whose third article write fails."""

    def replace_graph(self, graph: URIRef, quads) -> None:  # type: ignore[no-untyped-def]
        if "/article/" in str(graph):
            self.writes = getattr(self, "writes", 0) + 1
            if self.writes == 3:
                raise OSError("No space left on device")
        super().replace_graph(graph, quads)


def test_build_raises_a_failed_write_and_keeps_the_articles_written_before(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(2):  # six articles: the seeds, twice under other names with a changed line
        for seed in SEEDS:
            (articles / f"{i}-{seed.name}").write_text(seed.read_text(encoding="utf-8") + f"\nCopy {i}.\n",
                                                       encoding="utf-8")
    store = _FailingStore(tmp_path / "store")
    with pytest.raises(OSError, match="No space left on device"):
        build([articles], store)
    store.close()
    with KnowledgeGraph(tmp_path / "store", read_only=True) as kg:
        assert len(kg.articles()) == 2  # the two written before the failure, whole

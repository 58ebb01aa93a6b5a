"""Extraction as a dask.distributed job on an existing cluster.

``kg build --scheduler tcp://HOST:PORT`` runs the same build as
:func:`kg.graph.build` (the same skipping of unchanged articles, the same
report, the same store writes) with one step swapped: parsing and extraction
run on the cluster's workers instead of in local spaCy processes.

* The client reads the articles and submits them in batches, at most
  ``window`` batches in flight, so memory stays flat however many articles
  there are.
* Each worker process builds the spaCy pipeline once (the per-process cache of
  :func:`kg.nlp.load_pipeline`) and keeps it for every task it runs. Extra
  gazetteer files are shipped to the workers once (``scatter``), so the
  workers need kg installed but not the client's files.
* Results (:class:`~kg.models.ArticleFacts`, plain picklable dataclasses) are
  gathered as they complete and handed to the store writer in input order, so
  event merging sees articles in the same order as a local build and the
  graph is the same.

Only the client writes to the store; workers never see it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError
from kg.models import Article, ArticleFacts

if TYPE_CHECKING:
    from distributed import Client

    from kg.errors import IngestError
    from kg.graph import KnowledgeGraph
    from kg.store import Store

#: Gazetteer file contents shipped to workers: (file name, bytes) pairs.
GazetteerPayload = tuple[tuple[str, bytes], ...]

_materialised: dict[str, list[str]] = {}


def gazetteer_payload(paths: Sequence[str | Path]) -> GazetteerPayload:
    """The extra gazetteer files' names and contents, to ship to workers."""
    out = []
    for p in paths:
        path = Path(p)
        try:
            out.append((path.name, path.read_bytes()))
        except OSError as exc:
            raise KGError(f"{path}: cannot read the gazetteer file: {exc.strerror or exc}") from exc
    return tuple(out)


def _worker_gazetteer(payload: GazetteerPayload) -> list[str]:
    """Write shipped gazetteer files once per worker process; return their paths.

    Paths depend only on the contents, so :func:`kg.nlp.load_pipeline` finds
    the pipeline it already built for them.
    """
    if not payload:
        return []
    h = hashlib.sha256()
    for name, data in payload:
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    key = h.hexdigest()[:16]
    paths = _materialised.get(key)
    if paths is None:
        import tempfile

        root = Path(tempfile.gettempdir()) / f"kg-gazetteer-{key}"
        paths = []
        for i, (name, data) in enumerate(payload):
            target = root / f"{i:02d}-{Path(name).name}"
            if not target.exists() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_suffix(target.suffix + ".tmp")
                tmp.write_bytes(data)
                tmp.replace(target)
            paths.append(str(target))
        _materialised[key] = paths
    return paths


def extract_batch(articles: Sequence[Article], payload: GazetteerPayload = ()) -> list[ArticleFacts]:
    """The task a worker runs: parse and extract a batch of articles.

    The spaCy pipeline is built on the first call in a worker process and
    reused after. A failure that is not one article's (the pipeline itself)
    becomes an error on each article of the batch instead of a failed task.
    """
    from kg.pipeline import process

    try:
        paths = _worker_gazetteer(payload)
        return list(process(articles, gazetteer_paths=paths, batch_size=max(1, len(articles))))
    except Exception as exc:  # noqa: BLE001 - a batch's failure is reported on its articles, not raised
        err = f"extraction failed on worker: {type(exc).__name__}: {exc}"
        return [ArticleFacts(article=a, errors=(err,)) for a in articles]


def _extract_local(articles: Sequence[Article], gazetteer_paths: Sequence[str]) -> list[ArticleFacts]:
    """The task of a local worker process: parse and extract a batch with the process's pipeline."""
    from kg.pipeline import process

    try:
        return list(process(articles, gazetteer_paths=gazetteer_paths, batch_size=max(1, len(articles))))
    except Exception as exc:  # noqa: BLE001 - a batch's failure is reported on its articles, not raised
        err = f"extraction failed in worker process: {type(exc).__name__}: {exc}"
        return [ArticleFacts(article=a, errors=(err,)) for a in articles]


def process_parallel(articles: Iterable[Article], *, gazetteer_paths: Sequence[str | Path] = (),
                     n_process: int = 2, batch_size: int = 16, window: int | None = None
                     ) -> Iterator[ArticleFacts]:
    """Parse *and extract* in ``n_process`` local worker processes; yield in input order.

    Why not ``nlp.pipe(n_process=...)``: spaCy's workers only parse; every Doc
    is serialised back to the parent, which deserialises it and runs the
    extractors alone, so on a small machine the parent (extraction, event
    resolution, store writes) is the bottleneck. Here the workers return
    :class:`~kg.models.ArticleFacts` (small), and the parent only writes.

    Workers are forked after the pipeline is built, so they share it instead
    of loading it again. At most ``window`` batches (default ``2 * n_process``)
    are in flight, so memory stays flat however long the input is.

    Raises:
        KGError: a worker process died (killed, out of memory).
    """
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from kg.gazetteer import load_gazetteer
    from kg.nlp import load_pipeline

    paths = [str(p) for p in gazetteer_paths]
    load_gazetteer(paths)
    load_pipeline(paths)  # built once here; forked workers inherit it
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    window = window or 2 * n_process
    pending: deque[Any] = deque()
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx) as pool:
        try:
            for batch in _batches(articles, max(1, batch_size)):
                pending.append(pool.submit(_extract_local, batch, paths))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as exc:
            raise KGError(f"a spaCy worker process died ({exc}); try fewer --workers "
                          "(each holds a copy of the pipeline)") from None
        finally:
            for fut in pending:
                fut.cancel()


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process_distributed(articles: Iterable[Article], client: Client, *,
                        gazetteer_paths: Sequence[str | Path] = (), batch_size: int = 8,
                        window: int | None = None,
                        task: Callable[[Sequence[Article], Any], list[ArticleFacts]] = extract_batch
                        ) -> Iterator[ArticleFacts]:
    """Parse and extract articles on a dask cluster; yield results in input order.

    Args:
        articles: the articles (read lazily, ``window`` batches ahead at most).
        client: a connected ``distributed.Client``.
        gazetteer_paths: extra gazetteer files (read here, shipped to workers).
        batch_size: articles per task.
        window: batches in flight or waiting to be yielded (default: twice the
            cluster's threads, at least 4).
        task: what a worker runs on a batch (default :func:`extract_batch`).

    Yields:
        One ArticleFacts per article, in the order the articles came.
    """
    from distributed import as_completed

    payload: Any = ()
    if gazetteer_paths:  # one copy per worker, not one per task
        payload = client.scatter([gazetteer_payload(gazetteer_paths)], broadcast=True)[0]
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = max(4, 2 * threads)
    pending: dict[Any, tuple[int, list[Article]]] = {}
    ready: dict[int, list[ArticleFacts]] = {}
    completed = as_completed()
    batches = _batches(articles, max(1, batch_size))
    submitted = emitted = 0
    exhausted = False
    while True:
        while not exhausted and submitted - emitted < window:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            fut = client.submit(task, batch, payload, pure=False)
            pending[fut] = (submitted, batch)
            completed.add(fut)
            submitted += 1
        if not pending:
            break
        fut = next(completed)
        seq, batch = pending.pop(fut)
        try:
            ready[seq] = fut.result()
        except Exception as exc:  # noqa: BLE001 - a worker died or the task could not run
            err = f"extraction task failed: {type(exc).__name__}: {exc}"
            ready[seq] = [ArticleFacts(article=a, errors=(err,)) for a in batch]
        del fut
        while emitted in ready:
            yield from ready.pop(emitted)
            emitted += 1


def connect(scheduler: str | Client, timeout: float = 30.0) -> tuple[Client, bool]:
    """A client for ``scheduler`` (an address or a Client); whether we opened it.

    Raises:
        KGError: dask.distributed is not installed or the scheduler does not answer.
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise KGError("--scheduler needs dask.distributed: pip install 'kg[scale]'") from exc
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, timeout=timeout), True
    except (OSError, TimeoutError) as exc:
        raise KGError(f"cannot reach the dask scheduler at {scheduler}: {exc}; "
                      "start one with: dask scheduler (and dask worker ADDRESS on each machine)") from None


def build_distributed(paths: Iterable[str | Path], store: Store | str | Path = "kg-store", *,
                      scheduler: str | Client, base: str | None = None, gazetteer: Sequence[str | Path] = (),
                      batch_size: int = 8, force: bool = False,
                      progress: Callable[[str, Article | IngestError | None], None] | None = None
                      ) -> KnowledgeGraph:
    """:func:`kg.graph.build` with parsing and extraction run on a dask cluster.

    Args:
        paths: files, directories or ``-``.
        store: where the graph goes (directory, ``memory``, ``http://...``);
            written by this process only.
        scheduler: the scheduler address (``tcp://HOST:PORT``) or a Client.
        base: base IRI of the instance data.
        gazetteer: extra gazetteer files (shipped to the workers).
        batch_size: articles per task.
        force: re-extract unchanged articles too.
        progress: as for :func:`kg.graph.build`.

    Returns:
        The KnowledgeGraph, with ``.report`` saying what was done.

    Raises:
        KGError: the scheduler cannot be reached.
    """
    from kg.graph import build
    from kg.iri import DEFAULT_BASE

    client, owned = connect(scheduler)
    try:
        def on_cluster(articles: Iterable[Article]) -> Iterator[ArticleFacts]:
            return process_distributed(articles, client, gazetteer_paths=gazetteer, batch_size=batch_size)

        return build(paths, store, base=base or DEFAULT_BASE, gazetteer=gazetteer, force=force,
                     progress=progress, processor=on_cluster)
    finally:
        if owned:
            client.close()

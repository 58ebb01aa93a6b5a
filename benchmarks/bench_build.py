"""Build benchmarks: throughput against bare spaCy, peak memory, adding one article.

Three measurements, each from one run::

    # words/s of kg build vs bare nlp.pipe of the same pipeline on the same texts
    python benchmarks/bench_build.py ratio /tmp/bench-corpus-1k --workers 2

    # peak RSS of `kg build` run as a subprocess (sampled every 0.1 s, plus ru_maxrss)
    python benchmarks/bench_build.py rss /tmp/bench-corpus-10k --workers 2 --store /tmp/bench-store-10k

    # time to add one new article to an existing store (CLI end to end, and in-process warm)
    python benchmarks/bench_build.py add-one /tmp/bench-store-10k

``ratio`` runs three arms in one process after loading the pipeline once:
bare ``nlp.pipe`` (parse only), ``kg.pipeline.process`` (parse + extraction,
no store) and ``kg.graph.build`` into a fresh store (everything: ingest, parse,
extraction, event resolution, RDF, per-article store transactions). The bare
arm runs before and after the others, and the ratio uses the mean, because
this machine is shared and its load changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe


def _load() -> str:
    a, b, c = os.getloadavg()
    return f"load average {a:.2f} {b:.2f} {c:.2f}"


def _kg_exe() -> str:
    beside = Path(sys.executable).parent / "kg"
    return str(beside) if beside.exists() else "kg"


# ------------------------------------------------------------ ratio


def ratio(corpus: Path, workers: int, batch_size: int, limit: int | None) -> int:
    from kg.graph import build
    from kg.ingest import iter_articles
    from kg.models import Article
    from kg.nlp import load_pipeline
    from kg.pipeline import process

    print(describe())
    src = corpus
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-ratio-"))
    if limit:
        src = tmp / "articles"
        src.mkdir()
        for p in sorted(corpus.iterdir())[:limit]:
            (src / p.name).symlink_to(p.resolve())
    articles = [a for a in iter_articles([src]) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus {corpus}: {len(texts)} articles, {words:,} words; workers={workers} batch_size={batch_size}")
    nlp = load_pipeline()

    def bare() -> float:
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
            pass
        return words / (time.perf_counter() - t)

    b1 = bare()
    print(f"bare nlp.pipe (1st):        {b1:8,.0f} words/s   ({_load()})")
    t = time.perf_counter()
    n = sum(1 for _ in process(iter(articles), n_process=workers, batch_size=batch_size))
    pe = words / (time.perf_counter() - t)
    print(f"parse + extract (no store): {pe:8,.0f} words/s   ({n} articles; {_load()})")
    kg = build([src], tmp / "store", workers=workers, batch_size=batch_size)
    rep = kg.report
    assert rep is not None
    bw = rep.words / rep.seconds
    print(f"kg build (fresh store):     {bw:8,.0f} words/s   ({len(rep.added)} added in {rep.seconds:.1f} s, "
          f"{len(kg):,} triples; {_load()})")
    kg.close()
    b2 = bare()
    print(f"bare nlp.pipe (2nd):        {b2:8,.0f} words/s   ({_load()})")
    base = (b1 + b2) / 2
    print(f"ratio build / bare spaCy = {bw / base:.2f}  (parse+extract / bare = {pe / base:.2f}; "
          f"target >= 0.75)")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


# ------------------------------------------------------------ rss


def rss(corpus: Path, workers: int, store: Path | None, batch_size: int) -> int:
    import psutil

    print(describe())
    tmp = None
    if store is None:
        tmp = Path(tempfile.mkdtemp(prefix="kg-bench-rss-"))
        store = tmp / "store"
    if store.exists():
        shutil.rmtree(store)
    cmd = [_kg_exe(), "build", str(corpus), "--store", str(store), "--workers", str(workers),
           "--batch-size", str(batch_size), "--quiet"]
    print("$ " + " ".join(cmd))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak_main = peak_tree = 0
    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_main, peak_tree
        try:
            p = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            try:
                main = p.memory_info().rss
                tree = main + sum(c.memory_info().rss for c in p.children(recursive=True))
            except psutil.NoSuchProcess:
                break
            except psutil.AccessDenied:
                continue
            peak_main, peak_tree = max(peak_main, main), max(peak_tree, tree)
            samples.append((time.perf_counter() - started, main))
            stop.wait(0.1)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    status = proc.returncode
    stop.set()
    th.join()
    wall = time.perf_counter() - started
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(out.strip())
    print(f"exit code {status}; wall {wall:.1f} s; {_load()}")
    # RSS over time, in tenths of the run, to show whether memory grows with the corpus
    if samples:
        tenth = max(1, len(samples) // 10)
        curve = [max(s[1] for s in samples[i:i + tenth]) / 2**20 for i in range(0, len(samples), tenth)]
        print("main-process RSS by tenth of the run (MB): " + " ".join(f"{x:.0f}" for x in curve))
    print(f"peak RSS main process: {peak_main / 2**20:.0f} MB (sampled every 0.1 s)")
    print(f"peak RSS main + spaCy workers (sum): {peak_tree / 2**20:.0f} MB")
    print(f"ru_maxrss (largest single process of the build, from getrusage): {children.ru_maxrss / 1024:.0f} MB")
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    return status or 0


# ------------------------------------------------------------ add one


def add_one(store: Path, seed: int) -> int:
    from make_corpus import main as make

    print(describe())
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-one-"))
    make([str(tmp / "new"), "--n", "1", "--seed", str(seed)])
    new = next((tmp / "new").iterdir())
    target = tmp / f"new-article-{seed}.txt"
    new.rename(target)
    from kg.graph import KnowledgeGraph, build

    with KnowledgeGraph(store) as kg:
        before = len(kg)
        n_articles = len(kg.articles())
    print(f"store {store}: {n_articles:,} articles, {before:,} triples")

    cmd = [_kg_exe(), "build", str(target), "--store", str(store), "--quiet"]
    t = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    cli = time.perf_counter() - t
    print("$ " + " ".join(cmd))
    print(res.stdout.strip() + res.stderr.strip())
    print(f"CLI end to end (new process: imports, spaCy load, store open, build, summary): {cli:.2f} s")

    from kg.nlp import load_pipeline

    with KnowledgeGraph(store) as kg:
        assert kg.remove(target.name)
    load_pipeline()  # a warm process: a service or notebook that keeps the pipeline
    t = time.perf_counter()
    kg = build([target], store)
    warm = time.perf_counter() - t
    rep = kg.report
    assert rep is not None and rep.added == [target.name], rep
    after = len(kg)
    kg.close()
    print(f"in-process, pipeline loaded (open store, look the document up, parse, extract, resolve events, write): "
          f"{warm:.2f} s; +{after - before:,} triples")
    t = time.perf_counter()
    kg = build([target], store)
    again = time.perf_counter() - t
    assert kg.report is not None and kg.report.processed == 0
    kg.close()
    print(f"the same article again (unchanged, nothing to do): {again:.2f} s")
    with KnowledgeGraph(store) as kg:
        kg.remove(target.name)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("ratio", help="build words/s vs bare nlp.pipe words/s")
    r.add_argument("corpus", type=Path)
    r.add_argument("--workers", type=int, default=2)
    r.add_argument("--batch-size", type=int, default=16)
    r.add_argument("--limit", type=int, help="only the first N files")
    m = sub.add_parser("rss", help="peak RSS of kg build in a subprocess")
    m.add_argument("corpus", type=Path)
    m.add_argument("--workers", type=int, default=2)
    m.add_argument("--batch-size", type=int, default=16)
    m.add_argument("--store", type=Path, help="keep the store here (default: a temporary directory)")
    a = sub.add_parser("add-one", help="time adding one new article to a store")
    a.add_argument("store", type=Path)
    a.add_argument("--seed", type=int, default=424242)
    args = ap.parse_args(argv)
    if args.cmd == "ratio":
        return ratio(args.corpus, args.workers, args.batch_size, args.limit)
    if args.cmd == "rss":
        return rss(args.corpus, args.workers, args.store, args.batch_size)
    return add_one(args.store, args.seed)


if __name__ == "__main__":
    sys.exit(main())

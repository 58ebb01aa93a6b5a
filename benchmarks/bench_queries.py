"""Latency of every named query (``kg/queries/*.rq``) on a store: p50 and p95.

Parameters are filled from the store itself, choosing the busiest case (the
speaker with the most statements, the event with the most attendees, the
subject-object pair with the most assertions), so the figures are the slow
end for queries that start from one actor or event; ``--pick median`` takes
the median candidate instead (a typical actor).

Queries run in-process exactly as ``kg query`` runs them
(:meth:`kg.graph.KnowledgeGraph.query`, rows converted to rdflib terms).

Usage::

    python benchmarks/bench_queries.py STORE [--runs 20] [--budget 60]
    # a store of about N triples cut from a bigger one (whole article graphs + the gazetteer):
    python benchmarks/bench_queries.py --subset SRC_STORE DST_STORE --triples 1000000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe

#: Queries that rank the whole graph (target p50 < 1 s); the others start from an actor or event (< 100 ms).
WHOLE_GRAPH = ("top-actors", "corroboration", "accusations", "co-attendance", "timeline")

#: Parameter name(s) -> a query ranking candidate IRIs (?x, and ?y for a second parameter), busiest first.
#: (Labels are looked up afterwards: joining labels here would meet each label once per article graph.)
_PICKS = {
    ("speaker",): "SELECT ?x (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st geo:speaker ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    ("actor",): "SELECT ?x (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st geo:about ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    ("event",): "SELECT ?x (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w geo:attended ?x } GROUP BY ?x ORDER BY DESC(?n) ?x",
    ("subject", "object"): """SELECT ?x ?y (COUNT(DISTINCT ?as) AS ?n) WHERE { ?as rdf:subject ?x ; rdf:object ?y }
                              GROUP BY ?x ?y ORDER BY DESC(?n) ?x ?y""",
}


def pick_params(kg, pick: str = "busiest") -> dict[str, object]:
    """Values (as labels, the way a user names them) for every parameter the library uses: the
    busiest candidate, or the median one (half the candidates have more rows)."""
    out: dict[str, object] = {}
    for names, sparql in _PICKS.items():
        rows = kg.query(sparql)
        if not rows:
            continue
        row = rows[0] if pick == "busiest" else rows[len(rows) // 2]
        for name, var in zip(names, ("x", "y")):
            label = kg.query("SELECT ?v WHERE { ?x skos:prefLabel ?v } LIMIT 1", x=row[var])
            out[name] = label[0]["v"] if label else row[var]
    return out


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    if len(s) == 1:
        return s[0]
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def bench(store: str, runs: int, budget: float, pick: str = "busiest") -> int:
    from kg.graph import KnowledgeGraph
    from kg.queries import library

    print(describe())
    with KnowledgeGraph(store, read_only=True) as kg:
        triples = len(kg)
        params = pick_params(kg, pick)
        print(f"store {store}: {triples:,} triples; {pick} parameters: "
              + ", ".join(f"{k}={str(v)!r}" for k, v in sorted(params.items())))
        print(f"{'query':<20} {'kind':<12} {'params':<28} {'rows':>6} {'runs':>5} {'first ms':>9} "
              f"{'p50 ms':>9} {'p95 ms':>9}  target")
        misses = 0
        for name, q in library().items():
            bindings = {k: params[k] for k in q.params if k in params}
            missing = [k for k in q.required if k not in bindings]
            if missing:
                print(f"{name:<20} skipped: no value for {', '.join(missing)} in this store")
                continue
            t = time.perf_counter()
            rows = kg.query(q.text, **bindings)
            first = time.perf_counter() - t
            times: list[float] = []
            started = time.perf_counter()
            while len(times) < runs and (time.perf_counter() - started < budget or len(times) < 3):
                t = time.perf_counter()
                kg.query(q.text, **bindings)
                times.append(time.perf_counter() - t)
            p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
            whole = name in WHOLE_GRAPH or not q.params
            target = 1.0 if whole else 0.1
            ok = p50 < target
            misses += not ok
            shown = ",".join(f"{k}={str(v)[:18]}" for k, v in bindings.items())
            print(f"{name:<20} {'whole-graph' if whole else 'from-one':<12} {shown:<28} {len(rows):>6} "
                  f"{len(times):>5} {first * 1000:>9.1f} {p50 * 1000:>9.1f} {p95 * 1000:>9.1f}  "
                  f"p50 < {target * 1000:.0f} ms {'ok' if ok else 'MISSED'}")
        print(f"statistics: p50 = median, p95 by linear interpolation over the timed runs "
              f"(up to {runs} per query, {budget:.0f} s budget, after one untimed first run)")
    return 1 if misses else 0


def subset(src: str, dst: str, triples: int) -> int:
    """Copy the gazetteer graph and whole article graphs from ``src`` until about ``triples`` quads."""
    import pyoxigraph as ox

    from kg.store import OxigraphStore

    source = OxigraphStore(src, read_only=True)
    target = OxigraphStore(dst)
    if len(target):
        raise SystemExit(f"{dst} is not empty")
    graphs = sorted(g.value for g in source.raw.named_graphs())
    gaz = [g for g in graphs if g.endswith("/graph/gazetteer")]
    arts = [g for g in graphs if g not in gaz]
    n = 0
    for g in gaz + arts:
        quads = list(source.raw.quads_for_pattern(None, None, None, ox.NamedNode(g)))
        target.raw.extend(quads)
        n += len(quads)
        if n >= triples:
            break
    print(f"copied {n:,} quads ({len(target):,} in {dst}) from {src} ({len(source):,})")
    target.close()
    source.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", help="the store to query (or, with --subset, the source store)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per query")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds of timed runs per query at most")
    ap.add_argument("--pick", choices=("busiest", "median"), default="busiest",
                    help="parameter values: the busiest actor/event, or the median one")
    ap.add_argument("--subset", metavar="DST", help="write a smaller store cut from STORE to DST instead")
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the --subset store")
    args = ap.parse_args(argv)
    if args.subset:
        return subset(args.store, args.subset, args.triples)
    return bench(args.store, args.runs, args.budget, args.pick)


if __name__ == "__main__":
    sys.exit(main())

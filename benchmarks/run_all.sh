#!/usr/bin/env bash
# Every benchmark of benchmarks/README.md, one run each, in order (about 45 min on 2 cores).
# Corpora and stores go under $OUT (outside the repository); logs to $OUT/logs.
#   benchmarks/run_all.sh [OUT]          (default OUT=/tmp/kg-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-python}
OUT=${1:-/tmp/kg-bench}
L=$OUT/logs
mkdir -p "$L"

[ -d "$OUT/corpus-1k" ] || $PY benchmarks/make_corpus.py "$OUT/corpus-1k" --n 1000
[ -d "$OUT/corpus-10k" ] || $PY benchmarks/make_corpus.py "$OUT/corpus-10k" --n 10000

$PY benchmarks/bench_build.py ratio "$OUT/corpus-1k" --workers 2 | tee "$L/ratio-w2.log"
$PY benchmarks/bench_build.py ratio "$OUT/corpus-1k" --workers 1 | tee "$L/ratio-w1.log"
$PY benchmarks/bench_build.py rss "$OUT/corpus-1k" --workers 2 --store "$OUT/store-1k" | tee "$L/rss-1k.log"
$PY benchmarks/bench_build.py rss "$OUT/corpus-10k" --workers 2 --store "$OUT/store-10k" | tee "$L/rss-10k.log"
$PY benchmarks/bench_build.py add-one "$OUT/store-10k" | tee "$L/add-one.log"
rm -rf "$OUT/store-1m"
$PY benchmarks/bench_queries.py "$OUT/store-10k" --subset "$OUT/store-1m" --triples 1000000 | tee "$L/subset.log"
$PY benchmarks/bench_queries.py "$OUT/store-1m" | tee "$L/queries-1m.log"
$PY benchmarks/bench_queries.py "$OUT/store-10k" --runs 10 | tee "$L/queries-10k.log"
$PY benchmarks/viz_bench.py | tee "$L/viz.log"

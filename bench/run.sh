#!/bin/sh
# bench/run.sh [BIN] - every benchmark, as small tables: extraction (bench/extract.sh:
# MB/s, ratio to grep -P, peak memory) and pooling (bench/pool.sh, when present).
# Benchmarks measure; they do not pass or fail.
set -u
BIN=${1:-bin}
H=$(dirname "$0")
echo "== extract"
sh "$H/extract.sh" "$BIN" "${BENCH_MB:-100}"
if [ -f "$H/pool.sh" ]; then
    echo "== pool"
    sh "$H/pool.sh" "$BIN"
fi

#!/bin/sh
# bench/formats.sh [BIN] [COPIES] - extraction throughput by input format, in one run: plain
# text (corpus/*.txt), JATS XML and HTML (tests/data/extra), PDF (tests/data/extra), each
# article copied COPIES times [20] into a scratch folder and extracted by one `extract` run.
# Prints MB/s and articles per second per format. A benchmark: it measures, it does not fail.
set -u
BIN=${1:-bin}
N=${2:-20}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
row() {   # name, glob of source files
    name=$1; shift
    d="$tmp/$name"; mkdir -p "$d"
    k=0
    for f in "$@"; do
        [ -f "$f" ] || continue
        ext=${f##*.}
        i=0
        while [ "$i" -lt "$N" ]; do cp "$f" "$d/a${k}_$i.$ext"; i=$((i + 1)); done
        k=$((k + 1))
    done
    [ "$k" -gt 0 ] || { printf '%-6s  (no input)\n' "$name"; return; }
    files=$(ls "$d" | wc -l)
    bytes=$(cat "$d"/* | wc -c)
    t0=$(now)
    "$BIN/extract" -q "$d" >"$tmp/$name.jsonl" 2>/dev/null
    t1=$(now)
    recs=$(wc -l <"$tmp/$name.jsonl")
    awk -v n="$name" -v f="$files" -v b="$bytes" -v t0="$t0" -v t1="$t1" -v r="$recs" 'BEGIN {
        s = t1 - t0; if (s <= 0) s = 1e-9
        printf "%-6s %6d %9.2f %8.3f %9.2f %10.1f %9d\n", n, f, b / 1048576, s, b / 1048576 / s, f / s, r }'
}
printf '%-6s %6s %9s %8s %9s %10s %9s\n' format files MB seconds MB/s articles/s records
row txt corpus/*.txt
row xml tests/data/extra/*.xml
row html tests/data/extra/*.html
row pdf tests/data/extra/*.pdf

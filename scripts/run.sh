#!/bin/sh
# make run: corpus/ -> out/. Every file is written whole or not at all (temporary, then rename).
set -u
BIN=${1:-bin}
mkdir -p out
status=0
echo "run: extract corpus/ -> out/records.jsonl, out/records.csv" >&2
"$BIN/extract" -o out/records.jsonl --csv out/records.csv corpus/ || status=$?
[ "$status" -le 1 ] || exit "$status"
echo "run: $(wc -l < out/records.jsonl) records" >&2
exit 0

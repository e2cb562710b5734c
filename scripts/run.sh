#!/bin/sh
# make run: corpus/ -> out/. Every file is written whole or not at all (temporary, then rename).
set -u
BIN=${1:-bin}
mkdir -p out
status=0
echo "run: extract corpus/ -> out/records.jsonl, out/records.csv" >&2
"$BIN/extract" -o out/records.jsonl corpus/ || status=$?
"$BIN/extract" -q --format csv -o out/records.csv corpus/ || [ $? -eq 1 ] || status=2
echo "run: $(wc -l < out/records.jsonl) records" >&2
[ "$status" -le 1 ] || exit "$status"
exit 0

#!/bin/sh
# The same inputs give byte-identical output: two runs on corpus/, stdout and -o, JSON and CSV;
# records of a file are in offset order.
set -u
: "${BIN:=bin}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$BIN/extract" corpus/ >"$tmp/a.jsonl" 2>/dev/null || fail "run 1"
"$BIN/extract" corpus/ >"$tmp/b.jsonl" 2>/dev/null || fail "run 2"
"$BIN/extract" -o "$tmp/c.jsonl" corpus/ 2>/dev/null || fail "run 3 (-o)"
[ -s "$tmp/a.jsonl" ] || fail "no records"
cmp "$tmp/a.jsonl" "$tmp/b.jsonl" || fail "two runs differ"
cmp "$tmp/a.jsonl" "$tmp/c.jsonl" || fail "-o differs from stdout"
ls "$tmp" | grep -q tmp && fail "temporary file left behind"
"$BIN/extract" -f csv corpus/ >"$tmp/a.csv" 2>/dev/null || fail "csv 1"
"$BIN/extract" -f csv corpus/ >"$tmp/b.csv" 2>/dev/null || fail "csv 2"
cmp "$tmp/a.csv" "$tmp/b.csv" || fail "two CSV runs differ"
python3 - "$tmp/a.jsonl" <<'PY' || fail "records out of order"
import json, sys
last = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    key = (r["line"], r["offset"] if r["offset"] is not None and r["offset"] >= 0 else 1 << 62)
    if r["file"] in last and key < last[r["file"]]:
        sys.exit(1)
    last[r["file"]] = key
PY
echo ok

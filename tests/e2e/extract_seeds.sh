#!/bin/sh
# extract on the seed articles in corpus/, scored against the hand-checked gold (tests/gold):
# core recall and precision >= 0.95 (score-extract's own gate), variable and group
# attribution >= 0.90 (from its summary line).
set -u
: "${BIN:=bin}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$BIN/extract" corpus/ >"$tmp/recs.jsonl" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ]; then echo "extract exited $rc"; cat "$tmp/err"; exit 1; fi
python3 tests/tools/score-extract --gold tests/gold --corpus corpus --per-file --misses 20 \
    --min-recall 0.95 --min-precision 0.95 "$tmp/recs.jsonl" >"$tmp/score"
src=$?
cat "$tmp/score"
[ "$src" -eq 0 ] || { echo "core recall or precision below 0.95"; exit 1; }
summary=$(tail -n 1 "$tmp/score")
var=$(echo "$summary" | sed -n 's/.*variable=\([0-9.]*\).*/\1/p')
grp=$(echo "$summary" | sed -n 's/.* group=\([0-9.]*\).*/\1/p')
[ -n "$var" ] && [ -n "$grp" ] || { echo "no attribution figures in: $summary"; exit 1; }
ok=$(awk -v v="$var" -v g="$grp" 'BEGIN { print (v >= 0.90 && g >= 0.90) ? 1 : 0 }')
[ "$ok" = 1 ] || { echo "attribution below 0.90: variable=$var group=$grp"; exit 1; }
echo "ok: $summary"

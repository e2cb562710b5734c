#!/bin/sh
# extract on the seed articles in corpus/, scored against the hand-checked gold (tests/gold):
# core recall and precision >= 0.95, variable and group attribution >= 0.90.
set -u
: "${BIN:=bin}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/seeds.inc
"$BIN/extract" $SEEDS >"$tmp/recs.jsonl" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ]; then echo "extract exited $rc"; cat "$tmp/err"; exit 1; fi
# the scorer takes every article of its corpus directory: give it the seeds alone
mkdir "$tmp/seeds" && for f in $SEEDS; do ln -s "$PWD/$f" "$tmp/seeds/"; done
sh tests/tools/score-gate "$tmp/recs.jsonl" tests/gold "$tmp/seeds" 0.95 0.95 0.90 0.90

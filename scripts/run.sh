#!/bin/sh
# make run: corpus/ -> out/. Stages, each with a progress line on stderr:
#   1. extract corpus/ -> out/records.jsonl, out/records.csv, out/checks.txt (one run)
#   2. pool every reviews/*.review -> out/forest/NAME.{csv,json,svg,png,inputs.csv}
#   3. out/summary.txt: what was extracted and every analysis's summary
# Every file is written whole or not at all: extract and pool write temporary files and rename
# them; summary.txt is assembled in a temporary file here and renamed at the end.
set -u
BIN=${1:-bin}
mkdir -p out/forest || exit 2

echo "run: 1/3 extract corpus/ -> out/records.jsonl, out/records.csv, out/checks.txt" >&2
"$BIN/extract" -q -o out/records.jsonl --csv out/records.csv --checks out/checks.txt corpus/
st=$?
[ "$st" -le 1 ] || exit "$st"
[ "$st" -eq 0 ] || echo "run: extract could not read some files (see above); going on with the rest" >&2
nrec=$(wc -l < out/records.jsonl)
nfiles=$(cut -d'"' -f8 out/records.jsonl | sort -u | wc -l)
nflag=$(grep -o '"check:[a-z_]*"' out/records.jsonl | wc -l)
echo "run:      $nrec records from $nfiles files, $nflag check: flags" >&2

set -- reviews/*.review
[ -e "$1" ] || { echo "run: no reviews/*.review" >&2; exit 1; }
echo "run: 2/3 pool $# analyses ($*) -> out/forest/" >&2
tmp=out/summary.txt.tmp.$$
trap 'rm -f "$tmp"' EXIT
{
    echo "metastat run: $nrec records from $nfiles files in corpus/ (out/records.jsonl, out/records.csv)"
    echo "Consistency findings: $nflag check: flags (out/checks.txt)"
    echo "Analyses: $*"
    echo
} > "$tmp"
"$BIN/pool" -q --records out/records.jsonl --outdir out/forest "$@" >> "$tmp"
pst=$?
echo "run: 3/3 out/summary.txt" >&2
mv "$tmp" out/summary.txt || exit 2
trap - EXIT
[ "$pst" -eq 0 ] || { echo "run: pool failed on an analysis (see above)" >&2; exit "$pst"; }
for f in out/forest/*.png; do echo "run:      $f" >&2; done
exit "$st"

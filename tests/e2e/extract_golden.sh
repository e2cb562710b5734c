#!/bin/sh
# extract_golden.sh - bin/extract on the seeds, JSON Lines and CSV, compared byte for byte with
# tests/e2e/extract_expected/ (a mismatch leaves a .new file beside the expectation; REGEN=1,
# i.e. `make regen`, rewrites them for review with git diff). The gold scores say whether
# extraction is right; this says whether anything changed at all, record by record.
# Run from the repository root with $BIN set to the directory holding extract.
set -u
. tests/e2e/seeds.inc
X=${BIN:-bin}/extract
E=tests/e2e/extract_expected
fail=0
for fmt in jsonl csv; do
    exp=$E/seeds.$fmt
    case $fmt in jsonl) opt=json ;; *) opt=csv ;; esac
    "$X" -q --format $opt $SEEDS >"$exp.new" || { echo "FAIL: extract --format $opt exited $?"; fail=1; continue; }
    if [ "${REGEN:-0}" = 1 ]; then mv "$exp.new" "$exp"; echo "regenerated $exp"; continue; fi
    if cmp -s "$exp" "$exp.new"; then rm -f "$exp.new"
    else
        echo "FAIL: $exp differs (see $exp.new):"
        diff "$exp" "$exp.new" | head -n 20
        fail=1
    fi
done
exit $fail

#!/bin/sh
# extract --check on the seeds: the three inconsistencies the issue names are found at their
# lines (003:362 percent vs count, 000:193/195 counts vs N, 002:135 p vs the CI of HR 3.68), the
# unit of 000's TBIL is flagged, and the findings are exactly the reviewed set of
# tests/e2e/extract_check_seeds.txt (no unexpected flag, honest rounding never flagged);
# --checks FILE writes the same report as --check, beside the records of the same run.
# Run from the repository root with $BIN set to the directory holding extract.
set -u
: "${BIN:=bin}"
X=$BIN/extract
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ck() { if ! grep -q -F -- "$2" "$tmp/report"; then echo "FAIL: $1: no line with: $2"; fail=1; fi; }

. tests/e2e/seeds.inc
"$X" -q --check $SEEDS >"$tmp/report"
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: extract --check exited $rc"; fail=1; }

ck "003 percent" 'corpus/003_41df7e08b8a932ff.txt:362: check:pct_vs_count: "11 patients (47.4%)"'
ck "003 percent numbers" '11 of 19 is 57.9%, not 47.4% (47.4% of 19 is 9)'
ck "000 group C" 'corpus/000_210534c2ff77c471.txt:193: check:counts_vs_n: "26/5"'
ck "000 group C numbers" "26 + 5 = 31, but the group's n is 28"
ck "000 group D" 'corpus/000_210534c2ff77c471.txt:195: check:counts_vs_n: "23/5"'
ck "000 group D numbers" "23 + 5 = 28, but the group's n is 31"
ck "002 HR 3.68" 'corpus/002_011482fcdf5256da.txt:135: check:p_vs_ci: "p = 0.005" (Overall survival; UC-MSC vs Control; 13–75 months): p = 0.005 does not fit HR 3.68 (95% CI 1.38 to 9.85)'
ck "002 HR 3.68 should" 'should be about 0.0094'
ck "000 TBIL unit" 'corpus/000_210534c2ff77c471.txt:243: check:unit_implausible: "486 (346–550.5)" (TBIL;'
ck "000 TBIL unit fits" 'is impossible for bilirubin (it runs about 0.001 to 1.5 mmol/L); the values fit μmol/L'
ck "004 nothing" 'corpus/004_61c8823020db2012.txt: '
ck "001 duplicate" 'corpus/001_d684ffe273e0e110.txt: dup:duplicate_of:corpus/000_210534c2ff77c471.txt'
ck "003 lost operators" 'corpus/003_41df7e08b8a932ff.txt: read:ufffd: 4 records, lines 189, 192, 243, 365'
if ! grep -q '^corpus/004_61c8823020db2012.txt: .*: nothing to report$' "$tmp/report"; then
    echo "FAIL: 004 does not say it has nothing to report"; fail=1
fi
# HR 0.97 (0.40-2.32), p = 0.930 and the log-rank p's of HCC-free survival must pass
if grep -q -e '"p = 0.930"' -e '"p = 0.104"' -e '"p = 0.078"' -e '"p = 0.907"' "$tmp/report"; then
    echo "FAIL: an honest p-value was flagged:"; grep -e '"p = 0.930"' -e '"p = 0.104"' "$tmp/report"; fail=1
fi

# the exact set of findings
grep -o '^corpus/[^:]*:[0-9]*: check:[a-z_]*' "$tmp/report" | LC_ALL=C sort >"$tmp/got"
grep -v '^#' tests/e2e/extract_check_seeds.txt | LC_ALL=C sort >"$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/got"; then
    echo "FAIL: the findings on the seeds differ from tests/e2e/extract_check_seeds.txt (< expected, > found):"
    diff "$tmp/want" "$tmp/got"
    fail=1
fi

# --checks FILE: the same report, in the run that writes records
"$X" -q -o "$tmp/recs.jsonl" --checks "$tmp/checks.txt" $SEEDS || { echo "FAIL: extract --checks exited $?"; fail=1; }
cmp -s "$tmp/report" "$tmp/checks.txt" || { echo "FAIL: --checks FILE differs from --check"; diff "$tmp/report" "$tmp/checks.txt" | head; fail=1; }
[ -s "$tmp/recs.jsonl" ] && head -c1 "$tmp/recs.jsonl" | grep -q '{' || { echo "FAIL: no records beside --checks"; fail=1; }
# a report that cannot be written leaves nothing and fails the run
"$X" -q -o "$tmp/r2.jsonl" --checks "$tmp/nodir/checks.txt" $SEEDS 2>/dev/null
rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: --checks into a missing directory exited $rc, not 2"; fail=1; }
[ -e "$tmp/r2.jsonl" ] && { echo "FAIL: records written although the report could not be"; fail=1; }
exit $fail

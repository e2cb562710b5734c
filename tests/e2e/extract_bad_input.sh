#!/bin/sh
# extract on bad input: an empty file, a binary file, a path that does not exist, a directory
# walked in sorted order. Each bad file gets one error line naming it, the good files are still
# processed, and the exit status is 1; a usage error exits 2; -o with --csv writes both
# views from one run, or neither.
set -u
: "${BIN:=bin}"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$tmp/c/sub"
: >"$tmp/c/a_empty.txt"
head -c 4096 /dev/urandom >"$tmp/c/b_binary.txt"
printf 'Results\nThe HR was 1.50 (HR = 1.50, 95%% CI 1.10\342\200\2232.00, p = 0.010).\n' >"$tmp/c/z_good.txt"
printf 'Age was 40 (35\342\200\22346.5) years and p < 0.001.\n' >"$tmp/c/sub/m_good.txt"

"$BIN/extract" "$tmp/c" "$tmp/nonexistent.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/err"
[ "$rc" -eq 1 ] || fail "exit status $rc, not 1"
grep -q "a_empty.txt: empty file" "$tmp/err" || fail "no error line for the empty file"
grep -q "b_binary.txt: binary file" "$tmp/err" || fail "no error line for the binary file"
grep -q "nonexistent.txt: No such file" "$tmp/err" || fail "no error line for the missing path"
[ "$(grep -c 'a_empty.txt' "$tmp/err")" -eq 1 ] || fail "more than one line for the empty file"
[ "$(grep -c 'b_binary.txt' "$tmp/err")" -eq 1 ] || fail "more than one line for the binary file"
grep -q '"file": *"[^"]*sub/m_good.txt"' "$tmp/out" || fail "no records from sub/m_good.txt"
grep -q '"file": *"[^"]*z_good.txt"' "$tmp/out" || fail "no records from z_good.txt"
grep -c 'b_binary' "$tmp/out" >/dev/null && fail "records from the binary file"
# sorted walk: sub/ (s) before z_good.txt (z)
first=$(grep -n 'm_good.txt' "$tmp/out" | head -n 1 | cut -d: -f1)
second=$(grep -n 'z_good.txt' "$tmp/out" | head -n 1 | cut -d: -f1)
[ "$first" -lt "$second" ] || fail "directory not walked in sorted order"
grep -q '"kind": *"estimate_ci"' "$tmp/out" || fail "no estimate_ci record from the good file"

"$BIN/extract" >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "no arguments: exit $rc, not 2"
"$BIN/extract" --no-such-option x >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "bad option: exit $rc, not 2"
"$BIN/extract" --format xml x >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || fail "bad format: exit $rc, not 2"
"$BIN/extract" --help >/dev/null 2>&1; rc=$?
[ "$rc" -eq 0 ] || fail "--help: exit $rc, not 0"

# -o and --csv from one run: both files whole, the same records as two separate runs
"$BIN/extract" -q -o "$tmp/r.jsonl" --csv "$tmp/r.csv" "$tmp/c" 2>/dev/null; rc=$?
[ "$rc" -eq 1 ] || fail "-o/--csv on the bad directory: exit $rc, not 1"
"$BIN/extract" -q "$tmp/c" 2>/dev/null | cmp -s - "$tmp/r.jsonl" || fail "-o differs from stdout"
"$BIN/extract" -q --format csv "$tmp/c" 2>/dev/null | cmp -s - "$tmp/r.csv" || fail "--csv differs from --format csv"
# an output that cannot be written: exit 2, one line naming it, no temporary file left
"$BIN/extract" -o "$tmp/r2.jsonl" --csv "$tmp/nodir/r.csv" "$tmp/c/z_good.txt" 2>"$tmp/err2"; rc=$?
[ "$rc" -eq 2 ] || fail "unwritable --csv: exit $rc, not 2"
grep -q "nodir/r.csv: cannot write" "$tmp/err2" || fail "no error line for the unwritable --csv"
ls "$tmp" | grep -q 'r2.jsonl' && fail "a file or temporary left for -o after the failure"
echo ok

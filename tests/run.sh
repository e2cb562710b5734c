#!/bin/sh
# Run every test: the cmocka unit binaries in $B/tests, then tests/e2e/*.sh.
# Usage: tests/run.sh BUILD_DIR BIN_DIR. Prints "N passed, M failed" last; exit 1 on failure.
B=$1
BIN=$2
export BIN
export LC_ALL=C
pass=0
fail=0
failed=""
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if "$t" >"$B/tests/$name.log" 2>&1; then
        pass=$((pass + 1)); echo "ok   unit/$name"
    else
        fail=$((fail + 1)); failed="$failed unit/$name"
        echo "FAIL unit/$name"; sed 's/^/    /' "$B/tests/$name.log" | tail -n 30
    fi
done
for t in tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    if sh "$t" >"$B/tests/e2e_$name.log" 2>&1; then
        pass=$((pass + 1)); echo "ok   e2e/$name"
    else
        fail=$((fail + 1)); failed="$failed e2e/$name"
        echo "FAIL e2e/$name"; sed 's/^/    /' "$B/tests/e2e_$name.log" | tail -n 30
    fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

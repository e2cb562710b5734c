#!/bin/sh
# pool_cli.sh - bin/pool end to end: bad inputs give one line naming file:line and column and
# exit 2; --help/usage; forest files (CSV and JSON, exp_ columns for ratios, written whole);
# the printed summary with --leave1out --by --regtest compared byte for byte with
# tests/e2e/pool_expected/ (a mismatch leaves a .new file; REGEN=1 rewrites).
# Run from the repository root with $BIN set to the directory holding pool.
set -u
P=${BIN:-bin}/pool
D=tests/data/pool
E=tests/e2e/pool_expected
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

# bad input: exit status 2 and exactly one line on stderr containing $2
bad() {
    f=$1; want=$2; shift 2
    "$P" "$@" "$f" >"$T/out" 2>"$T/err"
    st=$?
    [ $st -eq 2 ] || no "$f: exit $st, want 2"
    [ "$(wc -l <"$T/err")" -eq 1 ] || no "$f: stderr is not one line: $(cat "$T/err")"
    grep -qF -- "$want" "$T/err" || no "$f: stderr \"$(cat "$T/err")\" lacks \"$want\""
    [ -s "$T/out" ] && no "$f: wrote to stdout on error"
    return 0
}
bad $D/bad/text_in_number.csv "pool: $D/bad/text_in_number.csv:3: column sd1i: not a number: \"abc\"" --measure MD
bad $D/bad/missing_column.csv "missing column sd2i" --measure MD
bad $D/bad/empty.csv "empty file" --measure MD
bad $D/bad/ragged.csv "$D/bad/ragged.csv:3: 6 fields, the header has 7" --measure MD
bad $D/bad/k1.csv "k = 1"
bad $D/bad/vi0.csv "every vi is 0"
bad $D/bad/negative_sd.csv ":3: column sd1i: negative SD" --measure SMD
bad $D/bad/n1.csv ":3: column n1i: n = 1 is below 2" --measure MD
bad $D/bad/ci_excludes.csv ":3: column hr: 0.5 is outside its CI"
bad $D/bad/quote.csv "unterminated quoted field"
bad $D/does_not_exist.csv "No such file"
bad $D/bcg.csv "unknown method" --method XX
bad $D/bcg.csv "--level" --level 100
bad $D/bcg.csv "raw columns need --measure"
bad $D/bcg.csv "no column arm for --by" --measure RR --by arm

"$P" --help >"$T/help" 2>&1 || no "--help exit status"
grep -q "Exit status" "$T/help" || no "--help text"
"$P" >/dev/null 2>&1; [ $? -eq 2 ] || no "no arguments: exit status"

# forest data, CSV and JSON
"$P" --measure RR --method REML --forest "$T/f.csv" $D/bcg.csv >/dev/null || no "forest csv run"
[ "$(wc -l <"$T/f.csv")" -eq 17 ] || no "forest csv: $(wc -l <"$T/f.csv") lines, want 1 + 13 + 3"
head -1 "$T/f.csv" | grep -q '^row,study,n,estimate,se,ci_lb,ci_ub,weight,exp_estimate,exp_ci_lb,exp_ci_ub,conversion$' ||
    no "forest csv header: $(head -1 "$T/f.csv")"
grep -q '^random,Random effects (REML),' "$T/f.csv" || no "forest csv: no random row"
grep -q '^prediction,' "$T/f.csv" || no "forest csv: no prediction row"
ls "$T" | grep -q tmp && no "forest: temporary file left behind"
"$P" --measure MD --forest "$T/f.json" --format json $D/medians.csv >"$T/s.json" || no "forest json run"
grep -q '"row":"common"' "$T/f.json" || no "forest json: no common row"
grep -q '"conversion":"arm 1: mean' "$T/f.json" || no "forest json: no conversion note"
grep -q '"conversion":"arm 1: mean' "$T/s.json" || no "summary json: no conversion note"
grep -q '"exp_' "$T/f.json" && no "forest json: exp_ columns for MD"
"$P" --measure RR --forest /nonexistent/dir/f.csv $D/bcg.csv >/dev/null 2>"$T/err"
[ $? -eq 1 ] || no "unwritable forest: exit status"
grep -q "f.csv: cannot write: No such file" "$T/err" || no "unwritable forest: message $(cat "$T/err")"

# JSON with the sensitivity analyses: the DESIGN.md fields, then leave1out, subgroups, regtest
"$P" --measure OR --method DL --test knha --format json --leave1out --by group --regtest $D/bcg.csv >"$T/x.json" ||
    no "json extras: exit status"
for key in '"k":13,"measure":"OR","method":"DL","test":"knha","estimate":' '"tau2_ci_lb":' '"Q_p":' \
           '"studies":[{"study":"Aronson"' '"leave1out":[{"study":"Aronson","estimate":' \
           '"subgroups":{"groups":[{"group":"alternate","k":2' '"test":{"tau2":' '"QM_df":2,"QM_df2":10' \
           '"regtest":{"stat":'; do
    grep -qF "$key" "$T/x.json" || no "json extras: no $key"
done
[ "$(wc -l <"$T/x.json")" -eq 1 ] || no "json extras: not one line"

# golden: printed summary with leave-one-out, subgroups and Egger's test
golden() {
    name=$1; shift
    "$P" "$@" >"$T/$name.txt" 2>&1 || no "$name: exit status"
    if [ "${REGEN:-0}" = 1 ]; then cp "$T/$name.txt" "$E/$name.txt"
    elif ! cmp -s "$T/$name.txt" "$E/$name.txt"; then
        cp "$T/$name.txt" "$E/$name.txt.new"
        no "$name: output differs from $E/$name.txt (see $E/$name.txt.new)"
    fi
}
golden bcg_rr_reml_knha --measure RR --method REML --test knha --leave1out --by group --regtest $D/bcg.csv
golden medians_md --measure MD --method DL $D/medians.csv
exit $fail

#!/bin/sh
# pool_plot.sh - bin/pool --plot end to end: dat.bcg (RR) drawn as SVG, PNG and PDF in one run
# (the summary still printed, exit 0); the SVG well-formed (xmllint, skipped when absent), the
# PNG and PDF signatures, the same command twice gives the same bytes; a name that is not
# .svg/.png/.pdf is a usage error (exit 2, one line on stderr, nothing written, no input read);
# a target that cannot be written exits 1 with one line and leaves no temporary file.
# Run from the repository root with $BIN set to the directory holding pool.
set -u
P=${BIN:-bin}/pool
D=tests/data/pool
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

"$P" --measure RR --plot "$T/f.svg" --plot "$T/f.png" --plot "$T/f.pdf" $D/bcg.csv >"$T/out" 2>"$T/err"
st=$?
[ $st -eq 0 ] || no "bcg --plot: exit $st ($(cat "$T/err"))"
[ -s "$T/err" ] && no "bcg --plot: stderr not empty: $(cat "$T/err")"
grep -q 'Random-Effects Model (k = 13' "$T/out" || no "bcg --plot: no summary on stdout"
for f in f.svg f.png f.pdf; do
    [ -s "$T/$f" ] || no "$f missing or empty"
done
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$T/f.svg" 2>"$T/xerr" || no "f.svg is not well-formed: $(head -3 "$T/xerr")"
else
    echo "note: xmllint not installed, SVG well-formedness not checked"
fi
head -c 200 "$T/f.svg" | grep -q '<svg' || no "f.svg has no <svg> element near the top"
[ "$(head -c 8 "$T/f.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || no "f.png lacks the PNG signature"
[ "$(head -c 5 "$T/f.pdf")" = "%PDF-" ] || no "f.pdf lacks the PDF header"
ls "$T" | grep -q '\.tmp' && no "temporary file left: $(ls "$T")"

# the same run again: the same bytes
mkdir "$T/again"
"$P" --measure RR --plot "$T/again/f.svg" --plot "$T/again/f.png" --plot "$T/again/f.pdf" $D/bcg.csv >/dev/null 2>&1
for f in f.svg f.png f.pdf; do
    cmp -s "$T/$f" "$T/again/$f" || no "$f differs between two identical runs"
done

# a bad name: usage error, exit 2, one line, nothing written (checked before the input is read)
"$P" --measure RR --plot "$T/x.gif" $D/does_not_exist.csv >"$T/out" 2>"$T/err"
st=$?
[ $st -eq 2 ] || no "--plot x.gif: exit $st, want 2"
[ "$(wc -l <"$T/err")" -eq 1 ] || no "--plot x.gif: stderr is not one line: $(cat "$T/err")"
grep -q 'x.gif.*\.svg, \.png or \.pdf' "$T/err" || no "--plot x.gif: unclear message: $(cat "$T/err")"
[ -s "$T/out" ] && no "--plot x.gif: wrote to stdout"
[ -e "$T/x.gif" ] && no "--plot x.gif: a file was written"

# --help documents --plot
"$P" --help | grep -q -- '--plot FILE' || no "--help does not document --plot"

# a target that cannot be written: exit 1, one line naming it, no temporary file
"$P" --measure RR --plot "$T/nodir/f.png" $D/bcg.csv >"$T/out" 2>"$T/err"
st=$?
[ $st -eq 1 ] || no "unwritable --plot: exit $st, want 1"
[ "$(wc -l <"$T/err")" -eq 1 ] || no "unwritable --plot: stderr is not one line: $(cat "$T/err")"
grep -q 'nodir/f.png' "$T/err" || no "unwritable --plot: message does not name the file: $(cat "$T/err")"
mkdir "$T/isdir.svg"
"$P" --measure RR --plot "$T/isdir.svg" $D/bcg.csv >/dev/null 2>"$T/err"
st=$?
[ $st -eq 1 ] || no "--plot onto a directory: exit $st, want 1"
ls "$T" | grep -q '\.tmp' && no "temporary file left after a failed rename: $(ls "$T")"

exit $fail

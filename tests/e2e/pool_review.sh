#!/bin/sh
# pool_review.sh - the MSC review end to end: extract the seeds, run the three analyses of the
# first review (age, tbil, death; the specs as shipped in reviews/, frozen in
# tests/ref/review/ so that reviewers can edit reviews/ and add papers to corpus/ without
# touching this test), and compare every number with metafor.
#   - the raw inputs each row points at (NAME.inputs.csv) are those the R oracle was run on
#     (tests/ref/review/NAME.inputs.csv, byte for byte: if extraction changed them, rerun
#     Rscript tests/ref/review_ref.R after copying the new files there, and review the diff);
#   - the JSON summary (estimate, se, stat, pval, CI, PI, tau2 and its CI, I2, H2, Q, Q_p) and
#     the forest CSV (per-study yi, se, CI, weight; the pooled row) agree with
#     tests/ref/review/NAME_ref.csv (metafor 3.8-1, conversions recomputed in R) to 1e-8
#     relative (1e-300 absolute for p-values that underflow);
#   - every output file exists, the SVGs are well-formed, the PNGs are PNGs;
#   - the summary says what the review had to handle: 003's bilirubin range without a
#     median, 000's unit, 002's flipped HR, the exclusions.
# Run from the repository root with $BIN set to the directory holding extract and pool.
set -u
. tests/e2e/seeds.inc
BIN=${BIN:-bin}
R=tests/ref/review
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

"$BIN/extract" -q -o "$T/r.jsonl" $SEEDS || no "extract of the seeds failed"
mkdir -p "$T/f"
"$BIN/pool" -q --records "$T/r.jsonl" --outdir "$T/f" $R/age.review $R/tbil.review $R/death.review \
    >"$T/summary.txt" 2>"$T/err"
st=$?
[ $st -eq 0 ] || no "pool review mode: exit $st: $(cat "$T/err")"
[ -s "$T/err" ] && no "pool -q wrote to stderr: $(cat "$T/err")"

for a in age tbil death; do
    for x in csv json svg png inputs.csv; do
        [ -s "$T/f/$a.$x" ] || no "$a.$x missing or empty"
    done
    ls "$T/f" | grep -q tmp && no "a temporary file was left in the output directory"
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$T/f/$a.svg" 2>"$T/xerr" || no "$a.svg is not well-formed: $(head -3 "$T/xerr")"
    else
        echo "note: xmllint absent, SVG well-formedness not checked"
    fi
    [ "$(head -c 8 "$T/f/$a.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || no "$a.png is not a PNG"
    cmp -s "$T/f/$a.inputs.csv" "$R/$a.inputs.csv" ||
        no "$a.inputs.csv differs from the inputs the R reference was made from: $(diff "$R/$a.inputs.csv" "$T/f/$a.inputs.csv" | head -5)"
    "$BIN/pool" -q --records "$T/r.jsonl" --format json "$R/$a.review" >"$T/$a.json" ||
        no "$a: --format json failed"
done

python3 - "$T" "$R" <<'PY' || fail=1
import csv, json, math, sys
T, R = sys.argv[1], sys.argv[2]
bad = 0
def close(a, b, what, rel=1e-8):
    global bad
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        if not ((a is None or (isinstance(a, float) and math.isnan(a))) and (b is None or math.isnan(b))):
            print(f"FAIL: {what}: {a} vs metafor {b}"); bad = 1
        return
    if abs(a - b) <= rel * max(abs(a), abs(b)) or (abs(a) < 1e-300 and abs(b) < 1e-300):
        return
    print(f"FAIL: {what}: {a!r} vs metafor {b!r} (rel {abs(a-b)/max(abs(a),abs(b)):.2e})"); bad = 1
def num(s):
    return float("nan") if s in ("NA", "") else float(s)
for a in ("age", "tbil", "death"):
    ref = list(csv.DictReader(open(f"{R}/{a}_ref.csv")))
    studies = [r for r in ref if r["row"] == "study"]
    pooled = [r for r in ref if r["row"] == "pooled"][0]
    j = json.load(open(f"{T}/{a}.json"))
    if j["k"] != len(studies):
        print(f"FAIL: {a}: k {j['k']} vs metafor {len(studies)}"); bad = 1
    for f in ("estimate", "se", "stat", "pval", "pi_lb", "pi_ub", "tau2", "tau2_ci_lb",
              "tau2_ci_ub", "I2", "H2", "Q", "Q_p"):
        close(j[f], num(pooled[f]), f"{a} json {f}", 1e-6 if f.startswith("tau2_ci") else 1e-8)
    close(j["ci_lb"], num(pooled["ci_lb"]), f"{a} json ci_lb")
    close(j["ci_ub"], num(pooled["ci_ub"]), f"{a} json ci_ub")
    for s, r in zip(j["studies"], studies):
        if s["study"] != r["label"]:
            print(f"FAIL: {a}: study {s['study']} vs {r['label']}"); bad = 1
        for f in ("yi", "vi", "weight", "ci_lb", "ci_ub"):
            close(s[f], num(r[f]), f"{a} json {r['label']} {f}")
    # the forest CSV, row by row: the file a reviewer opens, against metafor
    fo = list(csv.DictReader(open(f"{T}/f/{a}.csv")))
    fs = [r for r in fo if r["row"] == "study"]
    if len(fs) != len(studies):
        print(f"FAIL: {a}.csv has {len(fs)} study rows, metafor {len(studies)}"); bad = 1
    for s, r in zip(fs, studies):
        if s["study"] != r["label"]:
            print(f"FAIL: {a}.csv: study {s['study']} vs {r['label']}"); bad = 1
        close(float(s["estimate"]), num(r["yi"]), f"{a}.csv {r['label']} estimate")
        close(float(s["se"]), math.sqrt(num(r["vi"])), f"{a}.csv {r['label']} se")
        close(float(s["weight"]), num(r["weight"]), f"{a}.csv {r['label']} weight")
        close(float(s["ci_lb"]), num(r["ci_lb"]), f"{a}.csv {r['label']} ci_lb")
        close(float(s["ci_ub"]), num(r["ci_ub"]), f"{a}.csv {r['label']} ci_ub")
        if not s["source"].startswith("corpus/"):
            print(f"FAIL: {a}.csv {r['label']}: source {s['source']!r}"); bad = 1
    rnd = [r for r in fo if r["row"] == "random"][0]
    for f, g in (("estimate", "estimate"), ("se", "se"), ("ci_lb", "ci_lb"), ("ci_ub", "ci_ub")):
        close(float(rnd[f]), num(pooled[g]), f"{a}.csv random {f}")
    pi = [r for r in fo if r["row"] == "prediction"][0]
    close(float(pi["ci_lb"]), num(pooled["pi_lb"]), f"{a}.csv prediction lb")
    close(float(pi["ci_ub"]), num(pooled["pi_ub"]), f"{a}.csv prediction ub")
    if a == "death":
        close(float(rnd["exp_estimate"]), math.exp(num(pooled["estimate"])), "death.csv exp_estimate")
sys.exit(bad)
PY

S="$T/summary.txt"
has() { grep -qF -- "$1" "$S" || no "summary lacks: $1"; }
has "Analysis age: Baseline age of each arm (years)"
has "Rows entered (k = 8):"
has "Rows entered (k = 6):"
has "Rows entered (k = 2):"
has "Shi 2012 (003) UC-MSC              a range with no median"
has "unit mmol/L as printed read as μmol/L"
has "direction turned round: HR reported as control vs UC-MSC"
has "corpus/004_61c8823020db2012.txt: Qin 2025: the corpus text is the abstract only; no age per arm"
has "mean luo2018 (S2), sd wan2014 (S2)"
has "mean luo2018 (S1), sd wan2014 (S1)"

# The bilirubin review without its relabel lines stops at 000's printed unit, naming the row.
grep -v '^ *relabel' $R/tbil.review >"$T/norelabel.review"
"$BIN/pool" -q --records "$T/r.jsonl" "$T/norelabel.review" >/dev/null 2>"$T/err"
[ $? -eq 1 ] || no "unit mismatch: exit status"
grep -q "norelabel.review:1[0-9]: row \"000 A: liver failure, >4 weeks\": the records are in mmol/L, the review in μmol/L" "$T/err" ||
    no "unit mismatch message: $(cat "$T/err")"

# The same article twice in corpus/ (000 is the PDF text, 001 its web page): whatever the spec
# says, it counts once, from the original file, with a warning.
printf 'measure MN\nrow "web page"\n    arm corpus/001_d684ffe273e0e110.txt:53 "37"\nrow "pdf text"\n    arm corpus/000_210534c2ff77c471.txt:201\nrow "002"\n    arm corpus/002_011482fcdf5256da.txt:157 "33.2"\n' >"$T/dup.review"
"$BIN/pool" --records "$T/r.jsonl" "$T/dup.review" >"$T/out" 2>"$T/err"
[ $? -eq 0 ] || no "dup review: exit status: $(cat "$T/err")"
grep -q "Rows entered (k = 2):" "$T/out" || no "dup review: not counted once"
grep -q 'same article as corpus/000_210534c2ff77c471.txt (study text:[0-9a-f]*): counted once' "$T/out" ||
    no "dup review: no reason for the dropped row: $(cat "$T/out")"
grep -q 'warning: .*row "web page" (corpus/001_d684ffe273e0e110.txt) is the same article as corpus/000' "$T/err" ||
    no "dup review: no warning on stderr: $(cat "$T/err")"

# Fewer than two rows: nothing to pool, said in one line, exit 1.
printf 'measure MN\nrow "pdf text"\n    arm corpus/000_210534c2ff77c471.txt:201\n' >"$T/one.review"
"$BIN/pool" -q --records "$T/r.jsonl" "$T/one.review" >/dev/null 2>"$T/err"
[ $? -eq 1 ] || no "one-row review: exit status"
grep -q "one.review: only one row can enter the analysis: nothing to pool" "$T/err" || no "one-row review: $(cat "$T/err")"

# One failing analysis does not stop the others; exit 1.
printf 'measure MN\nrow x\n    arm corpus/000_210534c2ff77c471.txt:99999\n' >"$T/bad.review"
"$BIN/pool" -q --records "$T/r.jsonl" "$T/bad.review" $R/age.review >"$T/out" 2>"$T/err"
[ $? -eq 1 ] || no "bad review: exit status"
grep -q "bad.review:3: row \"x\": no record at corpus/000_210534c2ff77c471.txt:99999" "$T/err" ||
    no "bad review message: $(cat "$T/err")"
grep -q "Analysis age" "$T/out" || no "the good review after a bad one did not run"

# Unreadable records: exit 2, one line.
"$BIN/pool" --records "$T/none.jsonl" $R/age.review >/dev/null 2>"$T/err"
[ $? -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] || no "missing records: $(cat "$T/err")"
exit $fail

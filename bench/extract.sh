#!/bin/sh
# extract.sh [BIN] [MB] - extraction throughput and memory.
#
# Input: the .txt articles of corpus/ repeated to >= MB megabytes (default 100), once as a
# directory of copies and once as one big file (the same bytes). Measured in one run:
#   extract on the directory and on the big file: wall seconds, MB/s, peak RSS;
#   grep -cP with one figure pattern over the big file: wall seconds;
#   the ratio extract / grep (how many times grep's time extract takes);
#   peak RSS of extract on 10 MB and on 100 MB of copies (memory must not grow with the corpus:
#   a file is read, extracted and written before the next one is read).
# Times are the best of 3 runs. Temporary files live in a mktemp directory, removed at exit.
set -u
BIN=${1:-bin}
MB=${2:-100}
X=$BIN/extract
[ -x "$X" ] || { echo "extract.sh: no $X (make first)"; exit 1; }
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
GREP_PAT='\d+(?:[.\x{B7}]\d+)?\s*(?:\x{B1}|\(\s*[\x{2212}-]?\s*\d)|[Pp]\s*[<=>]\s*0?\.\d'

# corpus copies up to a size in MB: DIR, then SIZE bytes in $D/size
mkcopies() {   # mkcopies DIR MB
    mkdir -p "$1"
    want=$(($2 * 1000000)); have=0; i=0
    while [ "$have" -lt "$want" ]; do
        for f in corpus/*.txt; do
            i=$((i + 1))
            cp "$f" "$1/$(printf '%06d' $i)_$(basename "$f")"
            have=$((have + $(wc -c <"$f")))
        done
    done
    echo "$have"
}

best() {   # best CMD... -> best wall seconds of 3 runs
    # stdout goes to a file, not /dev/null: GNU grep stops at the first match when it sees
    # its output is /dev/null, which would time nothing
    b=999999
    for r in 1 2 3; do
        s=$(date +%s.%N); "$@" >"$D/best.out" 2>&1; e=$(date +%s.%N)
        b=$(echo "$s $e $b" | awk '{ t = $2 - $1; printf "%.4f", (t < $3) ? t : $3 }')
    done
    echo "$b"
}

rss() {   # rss CMD... -> peak resident set size in MB
    /usr/bin/time -f '%M' -o "$D/rss" "$@" >"$D/rss.out" 2>&1
    awk '{ printf "%.1f", $1 / 1024 }' "$D/rss"
}

bytes=$(mkcopies "$D/dir" "$MB")
for f in "$D"/dir/*; do cat "$f"; done >"$D/big.txt"
small=$(mkcopies "$D/dir10" 10)
mb=$(echo "$bytes" | awk '{ printf "%.1f", $1 / 1e6 }')
nfiles=$(ls "$D/dir" | wc -l)

t_dir=$(best "$X" -q "$D/dir")
t_big=$(best "$X" -q "$D/big.txt")
grep -cP "$GREP_PAT" "$D/big.txt" >"$D/grep.out" 2>&1 || { echo "extract.sh: grep -P failed: $(cat "$D/grep.out")"; exit 1; }
t_grep=$(best grep -cP "$GREP_PAT" "$D/big.txt")
m10=$(rss "$X" -q "$D/dir10")
m100=$(rss "$X" -q "$D/dir")
mbig=$(rss "$X" -q "$D/big.txt")
s10=$(echo "$small" | awk '{ printf "%.1f", $1 / 1e6 }')

echo "extract throughput on $mb MB of text ($nfiles copies of corpus/*.txt; best of 3)"
printf '  %-34s %9s %9s %12s\n' "what" "seconds" "MB/s" "x grep time"
printf '  %-34s %9s %9s %12s\n' "grep -cP figure pattern (big file)" "$t_grep" \
    "$(echo "$bytes $t_grep" | awk '{ printf "%.1f", $1 / 1e6 / $2 }')" "1.0"
printf '  %-34s %9s %9s %12s\n' "extract, directory of copies" "$t_dir" \
    "$(echo "$bytes $t_dir" | awk '{ printf "%.1f", $1 / 1e6 / $2 }')" \
    "$(echo "$t_dir $t_grep" | awk '{ printf "%.1f", $1 / $2 }')"
printf '  %-34s %9s %9s %12s\n' "extract, one big file" "$t_big" \
    "$(echo "$bytes $t_big" | awk '{ printf "%.1f", $1 / 1e6 / $2 }')" \
    "$(echo "$t_big $t_grep" | awk '{ printf "%.1f", $1 / $2 }')"
echo "extract peak memory (RSS)"
printf '  %-34s %9s MB\n' "directory, $s10 MB" "$m10"
printf '  %-34s %9s MB\n' "directory, $mb MB" "$m100"
printf '  %-34s %9s MB\n' "one file, $mb MB" "$mbig"

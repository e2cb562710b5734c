#!/bin/sh
# pool.sh [BIN] - pooling speed: bin/pool against metafor's rma() on the same data in the same
# run (k = 1,000, REML), then bin/pool alone at k = 10^5 and 10^6 (time and peak memory).
#
# What is timed, honestly:
#   pool     the whole process (start, read the CSV, escalc, REML to 1e-14, Q-profile CI of
#            tau2, JSON out), best of N runs with hyperfine (or a shell loop without it);
#   metafor  rma(yi, vi, method = "REML") alone inside one R session (CSV already read, R
#            start-up and package loading excluded), mean over repeated calls, default control.
# So the ratio understates pool's advantage (pool's time includes its own start-up and I/O).
set -u
BIN=${1:-bin}
P=$BIN/pool
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
G=$(dirname "$0")/pool_gen.sh
[ -x "$P" ] || { echo "pool.sh: no $P (make first)"; exit 1; }

sh "$G" 1000 1 >"$D/k1e3.csv"
# pool at k = 1000: mean seconds per run, printed summary (the default) and --format json
ptime() {   # ptime FORMAT -> mean seconds per run
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 5 --runs 200 --export-json "$D/h.json" \
            "$P --method REML --format $1 $D/k1e3.csv" >/dev/null 2>&1
        sed -n 's/.*"mean": *\([0-9.e+-]*\).*/\1/p' "$D/h.json" | head -1
    else
        s=$(date +%s.%N)
        i=0; while [ $i -lt 200 ]; do "$P" --method REML --format $1 "$D/k1e3.csv" >/dev/null; i=$((i+1)); done
        e=$(date +%s.%N)
        echo "$s $e" | awk '{ printf "%.6g", ($2 - $1) / 200 }'
    fi
}
t_pool=$(ptime text)
t_json=$(ptime json)
echo "pool    k=1000  REML: $(echo "$t_pool" | awk '{ printf "%.3f ms", $1 * 1000 }') per run, printed summary; $(echo "$t_json" | awk '{ printf "%.3f ms", $1 * 1000 }') with --format json (whole process, mean of 200)"

if command -v Rscript >/dev/null 2>&1 && Rscript -e 'suppressMessages(library(metafor))' >/dev/null 2>&1; then
    t_r=$(Rscript -e '
        suppressMessages(library(metafor))
        d <- read.csv(commandArgs(TRUE)[1])
        invisible(rma(d$yi, d$vi, method = "REML"))          # warm up
        n <- 0; t0 <- proc.time()[["elapsed"]]
        repeat { r <- rma(d$yi, d$vi, method = "REML"); n <- n + 1
                 el <- proc.time()[["elapsed"]] - t0; if (el > 5 && n >= 3) break }
        cat(sprintf("%.6g %d %.10g\n", el / n, n, r$tau2))' "$D/k1e3.csv")
    set -- $t_r
    echo "metafor k=1000  REML: $(echo "$1" | awk '{ printf "%.1f ms", $1 * 1000 }') per rma() call (mean of $2 calls, in R, start-up excluded; tau2 = $3)"
    echo "pool tau2:              $("$P" --method REML --format json "$D/k1e3.csv" | sed 's/.*"tau2":\([^,]*\),.*/\1/')"
    echo "ratio metafor/pool:     $(echo "$1 $t_pool" | awk '{ printf "%.0fx", $1 / $2 }') (printed summary), $(echo "$1 $t_json" | awk '{ printf "%.0fx", $1 / $2 }') (--format json)"
else
    echo "metafor: Rscript with metafor not found; ratio skipped"
fi

for k in 100000 1000000; do
    sh "$G" $k 2 >"$D/k.csv"
    for fmt in text json; do
        /usr/bin/time -v "$P" --method REML --format $fmt "$D/k.csv" >"$D/out" 2>"$D/time.txt" ||
            { echo "pool failed at k=$k"; cat "$D/time.txt"; continue; }
        el=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$D/time.txt")
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$D/time.txt")
        echo "pool    k=$k REML --format $fmt: wall $el, peak RSS $((rss / 1024)) MB (CSV $(($(wc -c <"$D/k.csv") / 1048576)) MB read, escalc, REML, Q-profile CI, output)"
    done
done
echo "(--format json writes every study's yi, vi, weight and CI: at k = 10^6 most of its time is"
echo " printing 5 million doubles in the shortest round-trip form)"

#!/bin/sh
# pool_gen.sh K SEED - K studies as a yi/vi CSV on stdout, deterministic for a seed:
# vi ~ U(0.01, 0.2), yi ~ N(0.3, 0.05 + vi) (true tau2 = 0.05).
k=${1:?usage: pool_gen.sh K [SEED]}
seed=${2:-1}
awk -v k="$k" -v seed="$seed" 'BEGIN {
    srand(seed); print "study,yi,vi"
    for (i = 1; i <= k; i++) {
        v = 0.01 + 0.19 * rand()
        u1 = rand(); if (u1 < 1e-300) u1 = 1e-300
        z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * rand())
        printf "s%d,%.10g,%.10g\n", i, 0.3 + z * sqrt(0.05 + v), v
    }
}'

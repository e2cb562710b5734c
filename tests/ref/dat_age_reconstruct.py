#!/usr/bin/env python3
"""Recover the S2 inputs (n, q1, median, q3) of the converted arms of metamedian's dat.age
from the study-level reference (metamedian_pipeline_ref_studies.csv: Luo mean and Wan SD
per arm, yi, sei), because dat.age.rda itself is not available here.

For each arm: every n in [5, 20000] and every (q1, median, q3) on a lattice (step 0.5, then
0.25, 0.1) with IQR = sd * eta(n) and mean = w (q1 + q3)/2 + (1 - w) median, w = 0.7 + 0.39/n,
both to 1e-6 of a lattice step; then keep the pairs of arms whose sqrt(sd1^2/n1 + sd2^2/n2)
equals the study's sei to 1e-9. Every converted study gives exactly one pair (the script
fails otherwise). That exact lattice points exist for all 58 arms is the evidence that the
reference used these formulas; test_conv.c then checks conv_mean_sd reproduces the means
and SDs to 1e-12.

Usage: python3 tests/ref/dat_age_reconstruct.py REF_STUDIES_CSV > tests/data/conv/dat_age_s2.csv
"""
import csv, math, sys
from statistics import NormalDist

Q = NormalDist().inv_cdf

def eta(n):
    return 2 * Q((0.75 * n - 0.125) / (n + 0.25))

def cands(mean, sd, step):
    out = []
    for n in range(5, 20001):
        k = sd * eta(n) / step
        if abs(k - round(k)) > 1e-6:
            continue
        iqr = round(k) * step
        w = 0.7 + 0.39 / n
        for j in range(math.floor((mean - iqr) / step) - 1, math.ceil(mean / step) + 2):
            q1 = j * step
            km = (mean - w * (q1 + iqr / 2)) / (1 - w) / step
            m = round(km) * step
            if abs(km - round(km)) < 1e-6 and q1 - 1e-9 <= m <= q1 + iqr + 1e-9:
                out.append((n, round(q1, 6), round(m, 6), round(q1 + iqr, 6)))
    return out

def arm(mean, sd):
    for step in (0.5, 0.25, 0.1):
        c = cands(mean, sd, step)
        if c:
            return c
    return []

rows = list(csv.DictReader(open(sys.argv[1])))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["study", "group", "n", "q1", "median", "q3", "mean_ref", "sd_ref", "yi_ref", "sei_ref"])
for r in rows:
    if r["converted"] != "TRUE":
        continue
    c1 = arm(float(r["mean.g1"]), float(r["sd.g1"]))
    c2 = arm(float(r["mean.g2"]), float(r["sd.g2"]))
    sei = float(r["sei"])
    ok = [(a, b) for a in c1 for b in c2
          if abs(math.sqrt(float(r["sd.g1"]) ** 2 / a[0] + float(r["sd.g2"]) ** 2 / b[0]) - sei) < 1e-9 * sei]
    if len(ok) != 1:
        sys.exit("study %s: %d reconstructions" % (r["study"], len(ok)))
    for g, a in (("1", ok[0][0]), ("2", ok[0][1])):
        w.writerow([r["study"], g, a[0], "%g" % a[1], "%g" % a[2], "%g" % a[3],
                    r["mean.g" + g], r["sd.g" + g], r["yi"], r["sei"]])

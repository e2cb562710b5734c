/* test_check.c - the consistency checks (check.c) on constructed records: each check on a case
 * that must flag and, next to it, the honest-rounding case that must not; the slack rules at
 * their edges; and the --check report. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract.h"
#include "num.h"
#include "rec.h"

/* A record list built by hand, one article. */
typedef struct { rec_t v[16]; size_t n; } arts_t;

static rec_t *add(arts_t *a, const char *kind, const char *text, int nv, ...)
{
    assert_true(a->n < 16);
    rec_t *r = &a->v[a->n++];
    va_list ap;
    rec_init(r);
    assert_int_equal(rec_set(&r->kind, kind), 0);
    assert_int_equal(rec_set(&r->text, text), 0);
    assert_int_equal(rec_set(&r->file, "a.txt"), 0);
    assert_int_equal(rec_set(&r->study, "title:a"), 0);
    va_start(ap, nv);
    for (int i = 0; i < nv; i++) r->values[i] = va_arg(ap, double);
    va_end(ap);
    r->nvalues = nv;
    r->line = (long)a->n;
    r->offset = (long)a->n * 1000;
    if (!strcmp(kind, "estimate_ci")) r->level = 95;
    if (!strcmp(kind, "p_value")) assert_int_equal(rec_set(&r->op, "="), 0);
    return r;
}

static void attr(rec_t *r, const char *variable, const char *group, const char *unit, const char *table, long n)
{
    assert_int_equal(rec_set(&r->variable, variable), 0);
    assert_int_equal(rec_set(&r->group, group), 0);
    assert_int_equal(rec_set(&r->unit, unit), 0);
    assert_int_equal(rec_set(&r->table, table), 0);
    r->n = n;
}

/* a p-value right after r in the same sentence */
static rec_t *add_p(arts_t *a, const rec_t *est, const char *op, double p, const char *text)
{
    rec_t *r = add(a, "p_value", text, 1, p);
    assert_int_equal(rec_set(&r->op, op), 0);
    r->line = est->line;
    r->offset = est->offset + (long)strlen(est->text) + 2;
    return r;
}

static void run(arts_t *a, const check_ctx_t *cx)
{
    assert_int_equal(check_article(a->v, a->n, cx), 0);
}

static void done(arts_t *a)
{
    for (size_t i = 0; i < a->n; i++) rec_destroy(&a->v[i]);
    a->n = 0;
}

static int has(const rec_t *r, const char *flag) { return rec_has_flag(r, flag); }

static int note_has(const rec_t *r, const char *s)
{
    for (int i = 0; i < r->nnotes; i++) if (strstr(r->notes[i], s)) return 1;
    return 0;
}

static void test_pct_with_n(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    rec_t *bad = add(&a, "count_pct", "11 patients (47.4%)", 2, 11.0, 47.4);
    rec_t *ok = add(&a, "count_pct", "9 (47.4%)", 2, 9.0, 47.4);
    rec_t *trunc = add(&a, "count_pct", "6 (42.8%)", 2, 6.0, 42.8);          /* 42.857 truncated */
    rec_t *round = add(&a, "count_pct", "6 (42.9%)", 2, 6.0, 42.9);
    rec_t *edge = add(&a, "count_pct", "1 (33.4%)", 2, 1.0, 33.4);           /* 33.33: neither */
    rec_t *whole = add(&a, "count_pct", "10 (71%)", 2, 10.0, 71.0);          /* 71.43 */
    rec_t *whole2 = add(&a, "count_pct", "10 (72%)", 2, 10.0, 72.0);
    attr(bad, "Deaths", "Control", NULL, NULL, 19);
    attr(ok, "Deaths", "Control", NULL, NULL, 19);
    attr(trunc, "x", "A", NULL, NULL, 14);
    attr(round, "x", "A", NULL, NULL, 14);
    attr(edge, "x", "B", NULL, NULL, 3);
    attr(whole, "x", "C", NULL, NULL, 14);
    attr(whole2, "x", "C", NULL, NULL, 14);
    run(&a, NULL);
    assert_true(has(bad, "check:pct_vs_count"));
    assert_true(note_has(bad, "11 of 19 is 57.9%, not 47.4% (47.4% of 19 is 9)"));
    assert_false(has(ok, "check:pct_vs_count"));
    assert_false(has(trunc, "check:pct_vs_count"));
    assert_false(has(round, "check:pct_vs_count"));
    assert_true(has(edge, "check:pct_vs_count"));
    assert_false(has(whole, "check:pct_vs_count"));
    assert_true(has(whole2, "check:pct_vs_count"));
    done(&a);
}

static void test_pct_without_n(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    /* no N anywhere: a whole denominator must exist */
    rec_t *none = add(&a, "count_pct", "11 (47.4%)", 2, 11.0, 47.4);        /* 11/23.2 */
    rec_t *fits = add(&a, "count_pct", "11 (45.8%)", 2, 11.0, 45.8);        /* 11/24 */
    rec_t *ctp = add(&a, "count_total_pct", "14/177 [13%]", 3, 14.0, 177.0, 13.0);
    rec_t *ctp2 = add(&a, "count_total_pct", "20.7% (23/111)", 3, 23.0, 111.0, 20.7);
    rec_t *over = add(&a, "count_pct", "12 (120%)", 2, 12.0, 120.0);
    run(&a, NULL);
    assert_true(has(none, "check:pct_vs_count"));
    assert_true(note_has(none, "no whole number N gives 11/N = 47.4%"));
    assert_false(has(fits, "check:pct_vs_count"));
    assert_true(has(ctp, "check:pct_vs_count"));
    assert_true(note_has(ctp, "14/177 is 7.9%, not 13%"));
    assert_false(has(ctp2, "check:pct_vs_count"));
    assert_true(has(over, "check:unit_implausible"));
    done(&a);

    /* the group's n stated elsewhere ("Control, n = 19"), matched loosely */
    rec_t *n = add(&a, "n", "n = 19", 1, 19.0);
    attr(n, NULL, "Control, n = 19 (%)", NULL, "Table 1", 19);
    rec_t *p = add(&a, "count_pct", "11 patients (47.4%)", 2, 11.0, 47.4);
    attr(p, "Deaths", "Control", NULL, NULL, -1);
    rec_t *sub = add(&a, "count_pct", "5 (50.0%)", 2, 5.0, 50.0);           /* 5 of 10, a subset of 19 */
    attr(sub, "Ascites", "Control", NULL, NULL, -1);
    run(&a, NULL);
    assert_true(has(p, "check:pct_vs_count"));
    assert_true(note_has(p, "11 of 19 is 57.9%"));
    assert_false(has(sub, "check:pct_vs_count"));
    done(&a);

    /* "(n = 24)" just before in the same sentence is the denominator, whatever the group's n */
    rec_t *sn = add(&a, "n", "n = 24", 1, 24.0);
    rec_t *s1 = add(&a, "count_pct", "5 patients (25.0%)", 2, 5.0, 25.0);     /* 5/24 = 20.8% */
    s1->line = sn->line;
    s1->offset = sn->offset + 12;
    attr(s1, "Fever", "UC-MSC", NULL, NULL, 30);
    rec_t *sn2 = add(&a, "n", "n = 24", 1, 24.0);
    rec_t *s2 = add(&a, "count_pct", "5 patients (20.8%)", 2, 5.0, 20.8);
    s2->line = sn2->line;
    s2->offset = sn2->offset + 12;
    attr(s2, "Fever", "UC-MSC", NULL, NULL, 30);
    run(&a, NULL);
    assert_true(has(s1, "check:pct_vs_count"));
    assert_true(note_has(s1, "5 of 24 is 20.8%, not 25.0%"));
    assert_false(has(s2, "check:pct_vs_count"));
    done(&a);

    /* a group given several n's: unsure, only the whole-number test */
    rec_t *na = add(&a, "n", "N = 27", 1, 27.0);
    attr(na, NULL, "Group C", NULL, NULL, 27);
    rec_t *nb = add(&a, "n", "N = 28", 1, 28.0);
    attr(nb, NULL, "Group C", NULL, NULL, 28);
    rec_t *gc = add(&a, "count_pct", "10 (33.3%)", 2, 10.0, 33.3);           /* 10/30 */
    attr(gc, "Ascites", "Group C", NULL, NULL, -1);
    run(&a, NULL);
    assert_false(has(gc, "check:pct_vs_count"));
    done(&a);
    na = add(&a, "n", "N = 27", 1, 27.0);                                     /* one n: 10/30 is no subset */
    attr(na, NULL, "Group C", NULL, NULL, 27);
    gc = add(&a, "count_pct", "10 (33.3%)", 2, 10.0, 33.3);
    attr(gc, "Ascites", "Group C", NULL, NULL, -1);
    run(&a, NULL);
    assert_true(has(gc, "check:pct_vs_count"));
    done(&a);

    /* a table column's N from its other rows */
    double rows[][2] = { { 10, 56 }, { 4, 22 }, { 7, 39 }, { 8, 44 }, { 4, 56 } };
    rec_t *r[5];
    for (int i = 0; i < 5; i++) {
        r[i] = add(&a, "count_pct", "x (y)", 2, rows[i][0], rows[i][1]);
        attr(r[i], "row", "Per-protocol: Suspicious", NULL, "Table 2", -1);
    }
    run(&a, NULL);
    for (int i = 0; i < 4; i++) assert_false(has(r[i], "check:pct_vs_count"));
    assert_true(has(r[4], "check:pct_vs_count"));
    assert_true(note_has(r[4], "4 of 18 is 22.2%, not 56%"));
    done(&a);
}

static void test_counts(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    rec_t *bad = add(&a, "counts", "26/5", 2, 26.0, 5.0);
    rec_t *ok = add(&a, "counts", "23/5", 2, 23.0, 5.0);
    rec_t *non = add(&a, "counts", "23/5", 2, 23.0, 5.0);
    attr(bad, "Sex (M/F)", "Group C", NULL, "Table 1", 28);
    attr(ok, "Sex (M/F)", "Group C", NULL, "Table 1", 28);
    attr(non, "Sex (M/F)", "Group E", NULL, "Table 3", -1);
    run(&a, NULL);
    assert_true(has(bad, "check:counts_vs_n"));
    assert_true(note_has(bad, "26 + 5 = 31, but the group's n is 28"));
    assert_false(has(ok, "check:counts_vs_n"));
    assert_false(has(non, "check:counts_vs_n"));
    done(&a);
}

static rec_t *est(arts_t *a, const char *m, const char *text, double e, double l, double h)
{
    rec_t *r = add(a, "estimate_ci", text, 3, e, l, h);
    assert_int_equal(rec_set(&r->measure, m), 0);
    return r;
}

static void test_p_vs_ci(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    rec_t *e1 = est(&a, "HR", "HR = 3.68, 95% CI 1.38\xE2\x80\x93" "9.85", 3.68, 1.38, 9.85);
    rec_t *p1 = add_p(&a, e1, "=", 0.005, "p = 0.005");
    rec_t *e2 = est(&a, "HR", "HR = 0.97, 95% CI 0.40\xE2\x80\x93" "2.32", 0.97, 0.40, 2.32);
    rec_t *p2 = add_p(&a, e2, "=", 0.930, "p = 0.930");
    rec_t *e3 = est(&a, "HR", "HR = 1.77, 95% CI 0.91\xE2\x80\x93" "3.43", 1.77, 0.91, 3.43);   /* log-rank p */
    rec_t *p3 = add_p(&a, e3, "=", 0.104, "p = 0.104");
    rec_t *e4 = est(&a, "HR", "HR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58", 1.89, 1.01, 3.58);
    rec_t *p4 = add_p(&a, e4, "=", 0.051, "p = 0.051");
    rec_t *e5 = est(&a, "HR", "HR = 1.89, 95% CI 1.00\xE2\x80\x93" "3.58", 1.89, 1.00, 3.58);   /* 1.00 may be 0.995 */
    rec_t *p5 = add_p(&a, e5, "=", 0.051, "p = 0.051");
    rec_t *e6 = est(&a, "HR", "HR 1.64 (0.90\xE2\x80\x93" "2.97)", 1.64, 0.90, 2.97);
    rec_t *p6 = add_p(&a, e6, "<", 0.001, "p < 0.001");
    rec_t *e7 = est(&a, "HR", "HR 1.64 (0.90\xE2\x80\x93" "2.97)", 1.64, 0.90, 2.97);
    rec_t *far = add(&a, "p_value", "p = 0.5", 1, 0.5);                     /* another sentence */
    far->line = e7->line;
    far->offset = e7->offset + 400;
    run(&a, NULL);
    assert_true(has(p1, "check:p_vs_ci"));
    assert_true(note_has(p1, "HR 3.68 (95% CI 1.38 to 9.85)"));
    assert_true(note_has(p1, "should be about 0.0094"));
    assert_false(has(p1, "check:p_vs_ci_significance"));
    assert_false(has(p2, "check:p_vs_ci"));
    assert_false(has(p3, "check:p_vs_ci"));
    assert_true(has(p4, "check:p_vs_ci_significance"));
    assert_false(has(p4, "check:p_vs_ci"));
    assert_false(has(p5, "check:p_vs_ci_significance"));
    assert_true(has(p6, "check:p_vs_ci"));
    assert_true(has(p6, "check:p_vs_ci_significance"));
    assert_false(has(far, "check:p_vs_ci"));
    done(&a);
}

/* The slack on the z scale: 0.09 beyond the rounding passes, 0.11 flags. The CI is printed with
 * six decimals so that rounding adds next to nothing; its SE is 1. */
static void test_z_slack(void **state)
{
    (void)state;
    double zc = gsl_cdf_ugaussian_Qinv(0.025), w[2] = { 0.09, 0.11 };
    for (int k = 0; k < 2; k++) {
        arts_t a = { .n = 0 };
        char et[96], pt[64];
        double lo = 2 - zc, hi = 2 + zc, p = 2 * gsl_cdf_ugaussian_Q(2 + w[k]);
        snprintf(et, sizeof et, "MD 2.000000 (95%% CI %.6f to %.6f)", lo, hi);
        lo = round(lo * 1e6) / 1e6;
        hi = round(hi * 1e6) / 1e6;
        p = round(p * 1e8) / 1e8;
        snprintf(pt, sizeof pt, "p = %.8f", p);
        rec_t *e = est(&a, "MD", et, 2.0, lo, hi);
        rec_t *r = add_p(&a, e, "=", p, pt);
        run(&a, NULL);
        if (k == 0) assert_false(has(r, "check:p_vs_ci"));
        else assert_true(has(r, "check:p_vs_ci"));
        done(&a);
    }
}

static void test_rank_tests(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    check_ctx_t cx = { .rank_tests = 1 };
    rec_t *md = est(&a, "MD", "4.25 cm, 95%CI 1.62 to 6.87", 4.25, 1.62, 6.87);
    rec_t *pm = add_p(&a, md, "=", 0.009, "p = 0.009");
    rec_t *hr = est(&a, "HR", "HR = 3.68, 95% CI 1.38\xE2\x80\x93" "9.85", 3.68, 1.38, 9.85);
    rec_t *ph = add_p(&a, hr, "=", 0.005, "p = 0.005");
    run(&a, &cx);
    assert_false(has(pm, "check:p_vs_ci"));      /* may be the Wilcoxon test's p */
    assert_true(has(ph, "check:p_vs_ci"));
    done(&a);
    md = est(&a, "MD", "4.25 cm, 95%CI 1.62 to 6.87", 4.25, 1.62, 6.87);
    pm = add_p(&a, md, "=", 0.009, "p = 0.009");
    run(&a, NULL);
    assert_true(has(pm, "check:p_vs_ci"));
    done(&a);
}

static void test_ci_shape(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    rec_t *out = est(&a, "MD", "\xE2\x88\x92" "7.85 [95% CI, \xE2\x88\x92" "2.43 to 6.73]", -7.85, -2.43, 6.73);
    rec_t *bound = est(&a, "MD", "1.0 (1.0 to 2.0)", 1.0, 1.0, 2.0);
    rec_t *asym = est(&a, "MD", "0.018 (\xE2\x88\x92" "0.05 to 0.042)", 0.018, -0.05, 0.042);
    rec_t *sym = est(&a, "HR", "HR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58", 1.89, 1.01, 3.58);
    rec_t *lasym = est(&a, "HR", "HR 2.0 (1.0\xE2\x80\x93" "2.5)", 2.0, 1.0, 2.5);
    rec_t *lin_ok = est(&a, "MD", "-0.94 kg, 95%CI -0.48 to -1.41", -0.94, -1.41, -0.48);
    rec_t *other = est(&a, "other", "15.64 (1.41\xE2\x80\x93" "173.66)", 15.64, 1.41, 173.66);   /* log-symmetric */
    run(&a, NULL);
    assert_true(has(out, "check:estimate_outside_ci"));
    assert_false(has(bound, "check:estimate_outside_ci"));
    assert_true(has(asym, "check:ci_asymmetric"));
    assert_true(note_has(asym, "its centre is -0.004"));
    assert_false(has(sym, "check:ci_asymmetric"));
    assert_true(has(lasym, "check:ci_asymmetric"));
    assert_false(has(lin_ok, "check:ci_asymmetric"));
    assert_false(has(other, "check:ci_asymmetric"));
    done(&a);
}

static void test_median_sd(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    rec_t *mo = add(&a, "median_iqr", "10 (12\xE2\x80\x93" "20)", 3, 10.0, 12.0, 20.0);
    rec_t *mi = add(&a, "median_iqr", "12 (12\xE2\x80\x93" "20)", 3, 12.0, 12.0, 20.0);
    rec_t *sd = add(&a, "mean_sd", "83 \xC2\xB1 95", 2, 83.0, 95.0);
    rec_t *sdok = add(&a, "mean_sd", "83 \xC2\xB1 80", 2, 83.0, 80.0);
    rec_t *sdeq = add(&a, "mean_sd", "8.3 \xC2\xB1 8.4", 2, 8.3, 8.4);       /* within rounding: 8.35 vs 8.35 */
    rec_t *chg = add(&a, "mean_sd", "5 \xC2\xB1 9", 2, 5.0, 9.0);
    rec_t *two = add(&a, "mean_sd", "1 hour (SD 250 mL)", 2, 1.0, 250.0);
    rec_t *se = add(&a, "mean_se", "3 \xC2\xB1 4", 2, 3.0, 4.0);
    attr(sd, "PLT", "Control", NULL, "Table 1", 111);
    attr(chg, "Change in ALT", "A", NULL, NULL, -1);
    run(&a, NULL);
    assert_true(has(mo, "check:median_outside"));
    assert_false(has(mi, "check:median_outside"));
    assert_true(has(sd, "check:sd_gt_mean"));
    assert_true(note_has(sd, "not an arithmetic error"));
    assert_false(has(sdok, "check:sd_gt_mean"));
    assert_false(has(sdeq, "check:sd_gt_mean"));
    assert_false(has(chg, "check:sd_gt_mean"));
    assert_false(has(two, "check:sd_gt_mean"));
    assert_false(has(se, "check:sd_gt_mean"));
    done(&a);
}

static void test_units(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    rec_t *tb = add(&a, "median_iqr", "486 (346\xE2\x80\x93" "550.5)", 3, 486.0, 346.0, 550.5);
    rec_t *tbok = add(&a, "median_iqr", "486 (346\xE2\x80\x93" "550.5)", 3, 486.0, 346.0, 550.5);
    rec_t *meld = add(&a, "median_iqr", "78 (76.5\xE2\x80\x93" "81)", 3, 78.0, 76.5, 81.0);
    rec_t *meldok = add(&a, "mean", "24.05", 1, 24.05);
    rec_t *plt = add(&a, "mean_sd", "83 \xC2\xB1 95", 2, 83.0, 95.0);
    rec_t *pltok = add(&a, "mean_sd", "83 \xC2\xB1 95", 2, 83.0, 95.0);
    rec_t *lost = add(&a, "range", "15\xE2\x80\x93" "190", 2, 15.0, 190.0);
    rec_t *chg = add(&a, "median_iqr", "2 (0\xE2\x80\x93" "4)", 3, 2.0, 0.0, 4.0);
    attr(tb, "TBIL", "Group A", "mmol/L", "Table 1", 37);
    attr(tbok, "Total bilirubin", "Group A", "\xCE\xBCmol/L", "Table 2", 37);
    attr(meld, "MELD", "Group A", NULL, "Table 1", 37);
    attr(meldok, "MELD score", "UC-MSC", NULL, NULL, -1);
    attr(plt, "PLT", "Control", "cells/mm \xC2\xB3", "Table 1", 111);
    attr(pltok, "Platelets", "Control", "\xC3\x97" "10^9/L", "Table 3", 111);
    attr(lost, "Platelets", "Control", "\xEF\xBF\xBD" "109/l", "Table 4", 19);     /* a lost character */
    attr(chg, "MELD", "Group D", NULL, "Table 3", 31);
    assert_int_equal(rec_set(&chg->timepoint, "W0\xE2\x80\x93W1"), 0);
    run(&a, NULL);
    assert_true(has(tb, "check:unit_implausible"));
    assert_true(note_has(tb, "the values fit \xCE\xBCmol/L"));
    assert_false(has(tbok, "check:unit_implausible"));
    assert_true(has(meld, "check:unit_implausible"));
    assert_false(has(meldok, "check:unit_implausible"));
    assert_true(has(plt, "check:unit_implausible"));
    assert_true(note_has(plt, "10^9/L"));
    assert_false(has(pltok, "check:unit_implausible"));
    assert_false(has(lost, "check:unit_implausible"));
    assert_false(has(chg, "check:unit_implausible"));
    done(&a);
}

static void test_value_mismatch(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    rec_t *t1 = add(&a, "median_iqr", "149 (75.7\xE2\x80\x93" "306.75)", 3, 149.0, 75.7, 306.75);
    rec_t *t2 = add(&a, "median_iqr", "149 (75.75\xE2\x80\x93" "306.75)", 3, 149.0, 75.75, 306.75);
    rec_t *u1 = add(&a, "median_iqr", "149 (75.8\xE2\x80\x93" "306.75)", 3, 149.0, 75.8, 306.75);
    rec_t *u2 = add(&a, "median_iqr", "149 (75.75\xE2\x80\x93" "306.75)", 3, 149.0, 75.75, 306.75);
    rec_t *g1 = add(&a, "median_iqr", "10 (5\xE2\x80\x93" "20)", 3, 10.0, 5.0, 20.0);
    rec_t *g2 = add(&a, "median_iqr", "11 (5\xE2\x80\x93" "20)", 3, 11.0, 5.0, 20.0);
    attr(t1, "TBIL", "Liver cirrhosis: Group D", NULL, "Table 1", 31);
    attr(t2, "TBIL", "Group D", NULL, "Table 2", 31);
    attr(u1, "AST", "Group D", NULL, "Table 1", 31);
    attr(u2, "AST", "Group D", NULL, "Table 2", 31);
    attr(g1, "ALT", "Group C", NULL, "Table 1", 28);
    attr(g2, "ALT", "Group D", NULL, "Table 2", 31);                        /* another group */
    run(&a, NULL);
    assert_true(has(t1, "check:value_mismatch"));
    assert_true(has(t2, "check:value_mismatch"));
    assert_true(note_has(t1, "75.75 rounds to 75.8"));
    assert_false(has(u1, "check:value_mismatch"));
    assert_false(has(u2, "check:value_mismatch"));
    assert_false(has(g1, "check:value_mismatch"));
    assert_false(has(g2, "check:value_mismatch"));
    done(&a);
}

/* Honest figures, rounded as printed (and percentages sometimes truncated), never raise a flag:
 * 4000 of them from a fixed pseudo-random sequence. */
static unsigned long lcg = 12345;
static double urand(void) { lcg = lcg * 6364136223846793005UL + 1442695040888963407UL; return (double)(lcg >> 11) / 9007199254740992.0; }

static double printed(char *buf, size_t cap, double x, int d)
{
    double y;
    snprintf(buf, cap, "%.*f", d, x);
    assert_int_equal(num_parse(buf, strlen(buf), &y), 0);
    return y;
}

static void test_honest_random(void **state)
{
    (void)state;
    for (int round = 0; round < 250; round++) {
        arts_t a = { .n = 0 };
        char t[4][32], text[160];
        for (int k = 0; k < 4; k++) {                    /* c (p%) with the column's n, c/N (p%) */
            long N = 5 + (long)(urand() * 400), c = (long)(urand() * (double)(N + 1));
            int d = (int)(urand() * 3);
            double p = 100.0 * (double)c / (double)N;
            if (urand() < 0.2) p = floor(p * pow(10, d)) / pow(10, d);
            double pp = printed(t[0], sizeof t[0], p, d);
            snprintf(text, sizeof text, "%ld (%s%%)", c, t[0]);
            rec_t *r = add(&a, "count_pct", text, 2, (double)c, pp);
            attr(r, "x", "G", NULL, "Table 1", N);
            snprintf(text, sizeof text, "%ld/%ld (%s%%)", c, N, t[0]);
            add(&a, "count_total_pct", text, 3, (double)c, (double)N, pp);
        }
        for (int k = 0; k < 3; k++) {                    /* ratio and difference with their p */
            int ratio = k < 2, d = 1 + (int)(urand() * 2), pd = 2 + (int)(urand() * 2);
            double b = (urand() - 0.5) * 3, se = 0.05 + urand() * 0.7, zc = gsl_cdf_ugaussian_Qinv(0.025);
            double e = ratio ? exp(b) : b * 10, l = ratio ? exp(b - zc * se) : (b - zc * se) * 10,
                   h = ratio ? exp(b + zc * se) : (b + zc * se) * 10;
            double P = 2 * gsl_cdf_ugaussian_Q(fabs(b) / se);
            double pe = printed(t[0], sizeof t[0], e, d), pl = printed(t[1], sizeof t[1], l, d),
                   ph = printed(t[2], sizeof t[2], h, d);
            if (ratio && (pl <= 0 || pe <= 0)) continue;
            snprintf(text, sizeof text, "%s %s, 95%% CI %s to %s", ratio ? "HR" : "MD", t[0], t[1], t[2]);
            rec_t *r = est(&a, ratio ? "HR" : "MD", text, pe, pl, ph);
            if (P < 0.001) add_p(&a, r, "<", 0.001, "p < 0.001");
            else {
                double pv = printed(t[3], sizeof t[3], P, pd);
                snprintf(text, sizeof text, "p = %s", t[3]);
                add_p(&a, r, "=", pv, text);
            }
        }
        run(&a, NULL);
        for (size_t i = 0; i < a.n; i++)
            for (int f = 0; f < a.v[i].nflags; f++) {
                print_error("honest figure flagged: %s %s\n", a.v[i].text, a.v[i].nnotes ? a.v[i].notes[0] : "");
                fail();
            }
        done(&a);
    }
}

static void test_report(void **state)
{
    (void)state;
    arts_t a = { .n = 0 };
    char *buf = NULL;
    size_t len = 0;
    rec_t *p = add(&a, "count_pct", "11 patients (47.4%)", 2, 11.0, 47.4);
    attr(p, "Deaths", "Control", NULL, NULL, 19);
    p->line = 362;
    rec_t *u = add(&a, "n", "n \xEF\xBF\xBD 24", 1, 24.0);
    assert_int_equal(rec_add_flag(u, "read:ufffd"), 0);
    u->line = 400;
    run(&a, NULL);
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(check_report(fp, "a.txt", a.v, a.n), 0);
    assert_int_equal(check_report(fp, "b.txt", NULL, 0), 0);
    fclose(fp);
    assert_non_null(strstr(buf, "a.txt: title:a; 2 records; 1 check finding; 1 read flag\n"));
    assert_non_null(strstr(buf, "a.txt:362: check:pct_vs_count: \"11 patients (47.4%)\" (Deaths; Control): 11 of 19 is 57.9%"));
    assert_non_null(strstr(buf, "a.txt: read:ufffd: 1 record, line 400\n"));
    assert_non_null(strstr(buf, "b.txt: ?; 0 records: nothing to report\n"));
    free(buf);
    done(&a);
}

static void test_ctx(void **state)
{
    (void)state;
    check_ctx_t cx;
    doc_t *d = doc_new("x.txt");
    doc_block_t *b = doc_add_block(d, DOC_PARA);
    const char *s = "Groups were compared with the Mann\xE2\x80\x93Whitney U test.";
    assert_int_equal(doc_text_append(&b->text, s, strlen(s), 0, 1), 0);
    check_ctx_init(&cx, NULL);
    assert_int_equal(cx.rank_tests, 0);
    check_ctx_init(&cx, d);
    assert_int_equal(cx.rank_tests, 1);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pct_with_n),
        cmocka_unit_test(test_pct_without_n),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_p_vs_ci),
        cmocka_unit_test(test_z_slack),
        cmocka_unit_test(test_rank_tests),
        cmocka_unit_test(test_ci_shape),
        cmocka_unit_test(test_median_sd),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_value_mismatch),
        cmocka_unit_test(test_honest_random),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_ctx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* pool.h - effect sizes, common- and random-effects models, and forest-plot data, agreeing
 * with R's metafor (escalc, rma.uni, predict, confint, leave1out, regtest).
 *
 *   pool_data_t d; pool_data_init(&d); pool_opts_t o; pool_opts_default(&o);
 *   if (pool_csv_read("studies.csv", POOL_MD, NULL, &d, err, sizeof err) == 0 &&
 *       pool_fit_data(&d, &o, &fit, err, sizeof err) == 0) pool_write_json(stdout, &d, &o, &fit);
 *   pool_data_destroy(&d);
 *
 * Ownership: a pool_data_t owns its studies and every string in them (pool_data_destroy frees
 * them); a pool_fit_t holds no heap memory. Every function returns 0 on success, -1 with a
 * one-line reason in err (prefixed "FILE:LINE: " for an input row) and never prints, except
 * the pool_write_* and pool_print_* functions, which write to the FILE they are given. */
#ifndef POOL_H
#define POOL_H

#include <stdio.h>
#include <stddef.h>
#include "conv.h"

/* Effect measures: metafor's escalc names (HR: generic log hazard ratio from an HR and CI). */
typedef enum {
    POOL_NONE = 0, POOL_GEN, POOL_MN, POOL_MD, POOL_SMD, POOL_ROM, POOL_OR, POOL_RR, POOL_RD,
    POOL_HR
} pool_measure_t;

typedef enum {
    POOL_FE = 0, POOL_DL, POOL_REML, POOL_ML, POOL_PM, POOL_HS, POOL_SJ, POOL_HE, POOL_EB
} pool_method_t;

typedef enum { POOL_TEST_Z = 0, POOL_TEST_KNHA } pool_test_t;

/* "MD" -> POOL_MD etc.; returns POOL_NONE for an unknown name. */
pool_measure_t pool_measure_parse(const char *s);
const char    *pool_measure_name(pool_measure_t m);
int            pool_measure_is_log(pool_measure_t m);   /* OR RR ROM HR: yi is a log ratio */
int            pool_method_parse(const char *s, pool_method_t *m);
const char    *pool_method_name(pool_method_t m);

/* ---- studies ---- */

typedef struct {
    char  *label;        /* study label (never NULL once read) */
    char  *group;        /* subgroup value for --by, NULL when none */
    char  *note;         /* conversion note ("arm 1: mean luo2018 (S2), sd wan2014 (S2)"), or NULL */
    char  *source;       /* where the numbers were found ("corpus/x.txt:201"), or NULL; set by
                            the caller after pool_data_add (owned, freed by pool_data_destroy) */
    long   line;         /* line of the row in its CSV (1-based), 0 when not from a file */
    double n;            /* total sample size, NAN when unknown */
    double yi, vi;       /* effect size and its sampling variance */
    double x;            /* one moderator value (regtest uses sqrt(vi)); scratch */
} pool_study_t;

typedef struct {
    pool_study_t  *s;
    size_t         k, cap;
    pool_measure_t measure;  /* what yi is */
    int            log_scale;/* yi are natural logs of ratios though measure is GEN (a review
                                pooling log HRs with log RRs); see pool_data_is_log */
    char          *source;   /* file name as given, for messages (owned) */
} pool_data_t;

void pool_data_init(pool_data_t *d);
/* yi are log ratios: pool_measure_is_log(d->measure) or d->log_scale. */
int  pool_data_is_log(const pool_data_t *d);
void pool_data_destroy(pool_data_t *d);
/* Append a study; label, group and note are copied (may be NULL). */
int  pool_data_add(pool_data_t *d, const char *label, const char *group, const char *note,
                   long line, double n, double yi, double vi);

/* ---- effect sizes (escalc); all return 0, or -1 with the reason in err ---- */

/* Arm summaries of one study; NAN where not reported. */
typedef struct {
    double m1, sd1, n1, m2, sd2, n2;      /* continuous */
    double ai, bi, ci, di;                /* 2x2 counts (bi/di may come from n1i/n2i) */
} pool_arms_t;

/* MN (arm 1 only), MD, SMD (Hedges g, exact c(m), vtype LS), ROM, OR, RR, RD (metafor's
 * to="only0": 1/2 added to every cell of a table with a zero cell). */
int pool_es(pool_measure_t m, const pool_arms_t *a, double *yi, double *vi,
            char *err, size_t errlen);
/* log HR and its variance from an HR and its CI at level percent (95). */
int pool_es_hr(double hr, double lb, double ub, double level, double *yi, double *vi,
               char *err, size_t errlen);

/* ---- CSV input ---- */

typedef struct {
    const conv_opts_t *conv;    /* median conversions; NULL: conv_mean_sd defaults */
    const char *by;             /* column holding the subgroup, NULL: none (or "group" if present) */
    double      hr_level;       /* CI level of hr/ci_lb/ci_ub columns, 95 */
    int         skew_warnings;  /* out: rows whose conversion was flagged as skewed */
} pool_csv_opts_t;

/* Read a CSV with metafor/escalc column names (see README / --help), compute yi/vi for each
 * row with measure m (POOL_NONE: yi/vi, yi/sei or hr/ci_lb/ci_ub columns are required).
 * On success d->measure says what yi is. copts may be NULL. */
int pool_csv_read(const char *path, pool_measure_t m, pool_csv_opts_t *copts, pool_data_t *d,
                  char *err, size_t errlen);

/* ---- models (rma.uni) ---- */

#define POOL_PMAX 32    /* most coefficients in a model (intercept + subgroups - 1) */

typedef struct {
    pool_method_t method;
    pool_test_t   test;
    double level;         /* confidence level in percent, 95 */
    double tol;           /* convergence tolerance of iterative estimators (relative), 1e-14 */
    int    maxiter;       /* iteration cap, 10000 */
    double tau2_init;     /* start value for ML/REML/EB; NAN: Hedges (HE), as metafor */
    int    qprofile;      /* compute the Q-profile CI of tau2 (1) */
} pool_opts_t;

void pool_opts_default(pool_opts_t *o);

typedef struct {
    size_t k, p;
    pool_method_t method;
    pool_test_t test;
    double level;
    double beta[POOL_PMAX], se[POOL_PMAX], stat[POOL_PMAX], pval[POOL_PMAX];
    double ci_lb[POOL_PMAX], ci_ub[POOL_PMAX];
    double estimate, sei, zval, pv, lb, ub;   /* the first coefficient (the pooled effect) */
    double pi_lb, pi_ub;                      /* prediction interval (NAN for FE) */
    double ddf;                               /* t degrees of freedom (knha), NAN for z */
    double tau2, tau, se_tau2;
    double tau2_ci_lb, tau2_ci_ub;            /* Q-profile; NAN when not computed (FE) */
    int    tau2_ci_lb_cens, tau2_ci_ub_cens;  /* 1 if a bound could not be bracketed */
    double I2, H2, I2_lb, I2_ub, H2_lb, H2_ub, vt;
    double Q, Q_df, Q_p;
    double QM, QM_df1, QM_df2, QM_p;          /* test of the moderators (p > 1) */
    double sumw;                              /* sum of 1/(vi + tau2) */
    double ll;                                /* ML or REML log-likelihood at tau2 (those methods) */
    int    iter, converged;
    int    boundary;                          /* ML/REML: the boundary tau2 = 0 beat an interior maximum */
} pool_fit_t;

/* Fit y ~ X with k studies: X is k x p, row-major (X[i*p + j]); X NULL means intercept only
 * (p must then be 1). */
int pool_rma(const double *y, const double *v, const double *X, size_t k, size_t p,
             const pool_opts_t *o, pool_fit_t *f, char *err, size_t errlen);
/* Intercept-only model on d's studies. */
int pool_fit_data(const pool_data_t *d, const pool_opts_t *o, pool_fit_t *f,
                  char *err, size_t errlen);
/* Weight of study i in percent (100 w_i / sum w, w_i = 1/(v_i + tau2)). */
double pool_weight(const pool_fit_t *f, double vi);

/* Leave-one-out: out[i] is the fit without study i (caller allocates d->k fits). */
int pool_leave1out(const pool_data_t *d, const pool_opts_t *o, pool_fit_t *out,
                   char *err, size_t errlen);

/* Subgroups: one model per subgroup, and the test for subgroup differences as metafor's
 * rma(yi, vi, mods = ~ factor(group)) with one common tau2 (QM, its df, p). */
typedef struct {
    size_t ngroups;
    char  *name[POOL_PMAX];       /* owned */
    size_t count[POOL_PMAX];
    pool_fit_t fit[POOL_PMAX];    /* separate model per subgroup (fit[g].k == 0 if k < 2) */
    int    fit_ok[POOL_PMAX];
    pool_fit_t moderated;         /* the mods = ~ factor(group) model (QM...) */
} pool_by_t;
void pool_by_destroy(pool_by_t *b);
int  pool_by(const pool_data_t *d, const pool_opts_t *o, pool_by_t *b, char *err, size_t errlen);

/* Egger's regression test as metafor's regtest(model = "rma", predictor = "sei"). */
typedef struct {
    double stat, pval, ddf;       /* test of the sei coefficient (z, or t with ddf) */
    double est, ci_lb, ci_ub;     /* limit estimate (intercept) */
    pool_fit_t fit;
} pool_regtest_t;
int pool_regtest(const pool_data_t *d, const pool_opts_t *o, pool_regtest_t *r,
                 char *err, size_t errlen);

/* ---- output ---- */

/* DESIGN.md's JSON summary, one object and a newline. */
int pool_write_json(FILE *fp, const pool_data_t *d, const pool_fit_t *f);
/* The same object with "leave1out", "subgroups" and "regtest" members for those given (not NULL). */
int pool_write_json_ex(FILE *fp, const pool_data_t *d, const pool_fit_t *f, const pool_fit_t *l1o,
                       const pool_by_t *b, const pool_regtest_t *r);
/* metafor-like printed summary (digits significant decimals as metafor's digits=). */
int pool_print_summary(FILE *fp, const pool_data_t *d, const pool_fit_t *f, int digits);
int pool_print_leave1out(FILE *fp, const pool_data_t *d, const pool_fit_t *l1o, int digits);
int pool_print_by(FILE *fp, const pool_by_t *b, int digits);
int pool_print_regtest(FILE *fp, const pool_regtest_t *r, int digits);
/* Forest-plot data: path ending in .json -> JSON, else CSV; written to a temporary file in the
 * same directory, then renamed. fe is the common-effect fit, re the chosen model (may equal). */
int pool_write_forest(const char *path, const pool_data_t *d, const pool_fit_t *fe,
                      const pool_fit_t *re, char *err, size_t errlen);

#endif

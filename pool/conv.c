/* conv.c - an arm's mean and SD from its median and IQR and/or range (closed forms: Hozo 2005,
 * Wan 2014, Luo 2018, Shi 2020, Bland 2015, Shi et al. 2020 log-normal, Cochrane IQR/1.35),
 * Shi et al. 2023's skewness test, and the Cochrane Handbook ch. 6 conversions.
 * Formulas and their sources: /work/shared/reference/pooling.md sections 2.1-2.9; the
 * closed forms follow metafor's conv.fivenum (metafor 4.x) where it has them.
 * McGrath 2020 QE and BC live in conv_mcgrath.c. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "conv.h"
#include "conv_priv.h"

#define CONV_DEF_TOL      1e-10
#define CONV_DEF_MAX_ITER 2000

int conv_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void conv_opts_default(conv_opts_t *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->mean_method = CONV_AUTO;
    opts->sd_method = CONV_AUTO;
    opts->skew = CONV_SKEW_WARN;
    opts->skew_alpha = 0.05;
    opts->tol = CONV_DEF_TOL;
    opts->max_iter = CONV_DEF_MAX_ITER;
}

/* ---- Wan 2014 constants, Luo 2018 mean, Wan 2014 SD ----------------------------------- */

double conv_xi(double n)
{
    return 2.0 * gsl_cdf_ugaussian_Pinv((n - 0.375) / (n + 0.25));
}

double conv_eta(double n)
{
    return 2.0 * gsl_cdf_ugaussian_Pinv((0.75 * n - 0.125) / (n + 0.25));
}

double conv_luo_mean(const conv_q_t *q)
{
    double n = q->n, w, w1, w2;
    switch (q->scen) {
    case 1:                                     /* Luo 2018 eq. 7 */
        w = 4.0 / (4.0 + pow(n, 0.75));
        return w * (q->a + q->b) / 2.0 + (1.0 - w) * q->m;
    case 2:                                     /* eq. 11 */
        w = 0.7 + 0.39 / n;
        return w * (q->q1 + q->q3) / 2.0 + (1.0 - w) * q->m;
    default:                                    /* eq. 15 */
        w1 = 2.2 / (2.2 + pow(n, 0.75));
        w2 = 0.7 - 0.72 / pow(n, 0.55);
        return w1 * (q->a + q->b) / 2.0 + w2 * (q->q1 + q->q3) / 2.0 + (1.0 - w1 - w2) * q->m;
    }
}

double conv_wan_sd(const conv_q_t *q)
{
    switch (q->scen) {
    case 1:  return (q->b - q->a) / conv_xi(q->n);                          /* eq. 7, 9 */
    case 2:  return (q->q3 - q->q1) / conv_eta(q->n);                       /* eq. 15, 16 */
    default: return 0.5 * ((q->b - q->a) / conv_xi(q->n) + (q->q3 - q->q1) / conv_eta(q->n));
    }
}

static double wan_mean(const conv_q_t *q)
{
    switch (q->scen) {
    case 1:  return (q->a + 2.0 * q->m + q->b) / 4.0;                       /* eq. 2 w/o n */
    case 2:  return (q->q1 + q->m + q->q3) / 3.0;                           /* eq. 14 */
    default: return (q->a + 2.0 * q->q1 + 2.0 * q->m + 2.0 * q->q3 + q->b) / 8.0;  /* eq. 10 */
    }
}

/* Shi 2020 eq. 10: S3 only. */
static double shi_sd(const conv_q_t *q)
{
    double w = 1.0 / (1.0 + 0.07 * pow(q->n, 0.6));
    return w * (q->b - q->a) / conv_xi(q->n) + (1.0 - w) * (q->q3 - q->q1) / conv_eta(q->n);
}

/* Hozo 2005 eq. 4 (mean with its n-term) from min, median, max. */
static double hozo_mean(const conv_q_t *q)
{
    return (q->a + 2.0 * q->m + q->b) / 4.0 + (q->a - 2.0 * q->m + q->b) / (4.0 * q->n);
}

/* Hozo 2005 eq. 16, with x-bar the n-term mean of eq. 4 (the paper derives the variance from
 * that estimate; guido-s/calcTE uses (a + 2m + b)/4 instead). */
static double hozo_var(const conv_q_t *q)
{
    double a = q->a, m = q->m, b = q->b, n = q->n, xb = hozo_mean(q);
    return (a * a + m * m + b * b + (n - 3.0) / 2.0 * ((a + m) * (a + m) + (m + b) * (m + b)) / 4.0
            - n * xb * xb) / (n - 1.0);
}

/* Hozo 2005 small-sample SD (the one metafor's "hozo2005" uses for n <= 15). */
static double hozo_small_sd(const conv_q_t *q)
{
    double a = q->a, m = q->m, b = q->b;
    return sqrt(((a - 2.0 * m + b) * (a - 2.0 * m + b) / 4.0 + (b - a) * (b - a)) / 12.0);
}

/* Bland 2015, S3. */
static double bland_var(const conv_q_t *q)
{
    double a = q->a, q1 = q->q1, m = q->m, q3 = q->q3, b = q->b;
    double s = a + 2.0 * q1 + 2.0 * m + 2.0 * q3 + b;
    return (a * a + 2.0 * q1 * q1 + 2.0 * m * m + 2.0 * q3 * q3 + b * b) / 16.0
           + (a * q1 + q1 * m + m * q3 + q3 * b) / 8.0 - s * s / 64.0;
}

/* ---- Shi et al. 2023 skewness test (metafor conv.fivenum; rejects when T >= crit) ---- */

static void skew_test(const conv_q_t *q, double *stat, double *crit)
{
    double n = q->n, t1 = NAN, t2 = NAN;
    if (q->scen != 2)
        t1 = fabs((q->a + q->b - 2.0 * q->m) / (q->b - q->a));
    if (q->scen != 1)
        t2 = fabs((q->q1 + q->q3 - 2.0 * q->m) / (q->q3 - q->q1));
    switch (q->scen) {
    case 1:
        *stat = t1;
        *crit = 1.0 / log(n + 9.0) + 2.5 / (n + 1.0);
        break;
    case 2:
        *stat = t2;
        *crit = 2.65 / sqrt(n) - 6.0 / (n * n);
        break;
    default:
        *stat = fmax(2.65 * log(0.6 * n) / sqrt(n) * t1, t2);
        *crit = 3.0 / sqrt(n) - 40.0 / (n * n * n);
        break;
    }
}

/* ---- Shi, Tong, Wang & Genton 2020 log-normal (metafor dist="lnorm", transf=TRUE) ------ */

/* q holds the logs of the quantiles. */
static int lognormal(const conv_q_t *q, double *mean, double *sd, char *err, size_t errlen)
{
    double n = q->n, mu = conv_luo_mean(q), s, s2, s4, phi, d1, d2, var, ln2 = log(n) * log(n);
    switch (q->scen) {
    case 1:
        s = (q->b - q->a) / conv_xi(n);
        s2 = s * s / (1.01 + 0.25 / ln2);
        s4 = s * s * s * s / (1.0 + 2.23 / ln2);
        phi = 1.0 + 0.565 * s2 / n + 0.37 * s4 / n;
        d1 = 1.0 + 2.26 * s2 / n + 5.92 * s4 / n;
        d2 = 1.0 + 2.26 * s2 / n + 1.48 * s4 / n;
        break;
    case 2:
        s = (q->q3 - q->q1) / conv_eta(n);
        s2 = s * s / (1.0 + 1.58 / n);
        s4 = s * s * s * s / (1.0 + 19.2 / pow(n, 1.2));
        phi = 1.0 + 0.57 * s2 / n + 0.75 * s4 / n;
        d1 = 1.0 + 2.28 * s2 / n + 12.0 * s4 / n;
        d2 = 1.0 + 2.28 * s2 / n + 3.0 * s4 / n;
        break;
    default:
        s = shi_sd(q);
        s2 = s * s / (1.0 + 0.28 / ln2);
        s4 = s * s * s * s / (1.0 + 3.93 / n);
        phi = 1.0 + 0.405 * s2 / n + 0.315 * s4 / n;
        d1 = 1.0 + 1.62 * s2 / n + 5.04 * s4 / n;
        d2 = 1.0 + 1.62 * s2 / n + 1.26 * s4 / n;
        break;
    }
    *mean = exp(mu + s2 / 2.0) / phi;
    var = exp(2.0 * mu + 2.0 * s2) / d1 - exp(2.0 * mu + s2) / d2;
    if (!(var > 0.0) || !isfinite(var) || !isfinite(*mean))
        return conv_err(err, errlen, "lognormal: back-transformed variance is not positive "
                        "(log-scale SD %g, n %g)", sqrt(s2), n);
    *sd = sqrt(var);
    return 0;
}

/* ---- input checks ------------------------------------------------------------------- */

static int check_value(const char *name, double x, char *err, size_t errlen)
{
    if (!isnan(x) && !isfinite(x))
        return conv_err(err, errlen, "%s: not finite", name);
    return 0;
}

static int check_input(const conv_five_t *in, conv_q_t *q, char *err, size_t errlen)
{
    int has_iqr, has_range;
    if (isnan(in->n))
        return conv_err(err, errlen, "n: missing");
    if (!isfinite(in->n))
        return conv_err(err, errlen, "n: not finite");
    if (in->n < 2.0)
        return conv_err(err, errlen, "n: %g is below 2", in->n);
    if (isnan(in->median))
        return conv_err(err, errlen, "median: missing");
    if (check_value("median", in->median, err, errlen) || check_value("min", in->min, err, errlen)
        || check_value("q1", in->q1, err, errlen) || check_value("q3", in->q3, err, errlen)
        || check_value("max", in->max, err, errlen))
        return -1;
    if (isnan(in->q1) != isnan(in->q3))
        return conv_err(err, errlen, isnan(in->q1) ? "q1: missing (q3 is given)"
                                                   : "q3: missing (q1 is given)");
    if (isnan(in->min) != isnan(in->max))
        return conv_err(err, errlen, isnan(in->min) ? "min: missing (max is given)"
                                                    : "max: missing (min is given)");
    has_iqr = !isnan(in->q1);
    has_range = !isnan(in->min);
    if (!has_iqr && !has_range)
        return conv_err(err, errlen, "q1, q3, min, max: missing (need q1 and q3, min and max, or all four)");
    if (has_iqr) {
        if (in->q3 < in->q1)
            return conv_err(err, errlen, "q3 - q1: negative width (q1 %g, q3 %g)", in->q1, in->q3);
        if (in->q3 == in->q1)
            return conv_err(err, errlen, "q3 - q1: zero width (q1 = q3 = %g)", in->q1);
        if (in->q1 > in->median)
            return conv_err(err, errlen, "q1: %g is above the median %g", in->q1, in->median);
        if (in->median > in->q3)
            return conv_err(err, errlen, "q3: %g is below the median %g", in->q3, in->median);
    }
    if (has_range) {
        if (in->max < in->min)
            return conv_err(err, errlen, "max - min: negative width (min %g, max %g)", in->min, in->max);
        if (in->max == in->min)
            return conv_err(err, errlen, "max - min: zero width (min = max = %g)", in->min);
        if (in->min > in->median)
            return conv_err(err, errlen, "min: %g is above the median %g", in->min, in->median);
        if (in->median > in->max)
            return conv_err(err, errlen, "max: %g is below the median %g", in->max, in->median);
    }
    if (has_iqr && has_range) {
        if (in->min > in->q1)
            return conv_err(err, errlen, "min: %g is above q1 %g", in->min, in->q1);
        if (in->q3 > in->max)
            return conv_err(err, errlen, "max: %g is below q3 %g", in->max, in->q3);
    }
    q->scen = has_iqr && has_range ? 3 : has_iqr ? 2 : 1;
    q->n = in->n;
    q->a = in->min;
    q->q1 = in->q1;
    q->m = in->median;
    q->q3 = in->q3;
    q->b = in->max;
    return 0;
}

static int to_logs(const conv_q_t *q, conv_q_t *lq, char *err, size_t errlen)
{
    static const char *names[] = { "min", "q1", "median", "q3", "max" };
    const double v[] = { q->a, q->q1, q->m, q->q3, q->b };
    for (int i = 0; i < 5; i++)
        if (!isnan(v[i]) && v[i] <= 0.0)
            return conv_err(err, errlen, "%s: %g is not positive (the log-normal method takes logs)",
                            names[i], v[i]);
    *lq = *q;
    lq->a = log(q->a);
    lq->q1 = log(q->q1);
    lq->m = log(q->m);
    lq->q3 = log(q->q3);
    lq->b = log(q->b);
    return 0;
}

/* Methods that assume a normal distribution of the data (Shi 2023's test gates them). */
static int normal_theory(conv_method_t m)
{
    return m != CONV_LOGNORMAL && m != CONV_QE && m != CONV_BC;
}

/* ---- the estimators by method -------------------------------------------------------- */

typedef struct {            /* the once-computed two-number methods */
    int    done_ln, done_qe, done_bc;
    double ln_mean, ln_sd, qe_mean, qe_sd, bc_mean, bc_sd, bc_lambda;
    const char *qe_family;
} both_t;

static int run_both(conv_method_t m, const conv_q_t *q, const conv_opts_t *o, both_t *bt,
                    char *err, size_t errlen)
{
    conv_q_t lq;
    double tol = o->tol > 0 ? o->tol : CONV_DEF_TOL;
    int iters = o->max_iter > 0 ? o->max_iter : CONV_DEF_MAX_ITER;
    if (m == CONV_LOGNORMAL && !bt->done_ln) {
        if (to_logs(q, &lq, err, errlen) || lognormal(&lq, &bt->ln_mean, &bt->ln_sd, err, errlen))
            return -1;
        bt->done_ln = 1;
    }
    if (m == CONV_QE && !bt->done_qe) {
        if (conv_qe(q, tol, iters, &bt->qe_mean, &bt->qe_sd, &bt->qe_family, err, errlen))
            return -1;
        bt->done_qe = 1;
    }
    if (m == CONV_BC && !bt->done_bc) {
        if (conv_bc(q, tol, iters, &bt->bc_mean, &bt->bc_sd, &bt->bc_lambda, err, errlen))
            return -1;
        bt->done_bc = 1;
    }
    return 0;
}

static void label_both(conv_method_t m, const conv_q_t *q, const both_t *bt, char *buf, size_t len)
{
    if (m == CONV_LOGNORMAL)
        snprintf(buf, len, "shi2020-lognormal (S%d)", q->scen);
    else if (m == CONV_QE)
        snprintf(buf, len, "qe-mcgrath2020 (S%d, %s)", q->scen, bt->qe_family);
    else
        snprintf(buf, len, "bc-mcgrath2020 (S%d, lambda %.4g)", q->scen, bt->bc_lambda);
}

static int est_mean(conv_method_t m, const conv_q_t *q, const conv_opts_t *o, both_t *bt,
                    conv_result_t *out, char *err, size_t errlen)
{
    char *lab = out->mean_method;
    size_t len = sizeof out->mean_method;
    int s = q->scen;
    switch (m) {
    case CONV_AUTO: case CONV_LUO: case CONV_SHI:      /* Shi 2020 is an SD method */
        out->mean = conv_luo_mean(q);
        snprintf(lab, len, "luo2018 (S%d)", s);
        return 0;
    case CONV_BLAND:
        out->mean = wan_mean(q);                        /* Bland's S3 mean is Wan's eq. 10 */
        snprintf(lab, len, s == 3 ? "bland2015 (S%d)" : "wan2014 (S%d)", s);
        return 0;
    case CONV_HOZO:
        if (s == 2)
            break;
        out->mean = hozo_mean(q);
        snprintf(lab, len, s == 1 ? "hozo2005 (S1)" : "hozo2005 (S3: min/median/max)");
        return 0;
    case CONV_HOZO_RULES:
        if (s == 2)
            break;
        out->mean = q->n <= 25 ? (q->a + 2.0 * q->m + q->b) / 4.0 : q->m;
        snprintf(lab, len, q->n <= 25 ? "hozo2005-rules (S%d, n <= 25)" : "hozo2005-rules (S%d, median)", s);
        return 0;
    case CONV_WAN:
        break;
    case CONV_IQR135:
        if (s == 1)
            return conv_err(err, errlen, "q1, q3: missing (iqr1.35 needs the IQR; the Handbook "
                            "advises against using the range)");
        out->mean = q->m;
        snprintf(lab, len, "median (cochrane iqr1.35, S%d)", s);
        return 0;
    case CONV_LOGNORMAL: case CONV_QE: case CONV_BC:
        if (run_both(m, q, o, bt, err, errlen))
            return -1;
        out->mean = m == CONV_LOGNORMAL ? bt->ln_mean : m == CONV_QE ? bt->qe_mean : bt->bc_mean;
        label_both(m, q, bt, lab, len);
        return 0;
    default:
        return conv_err(err, errlen, "mean_method: unknown method %d", (int)m);
    }
    /* Wan 2014, and the Hozo methods' S2 fallback (Hozo has no quartile formula) */
    out->mean = wan_mean(q);
    snprintf(lab, len, "wan2014 (S%d)", s);
    return 0;
}

static int est_sd(conv_method_t m, const conv_q_t *q, const conv_opts_t *o, both_t *bt,
                  conv_result_t *out, char *err, size_t errlen)
{
    char *lab = out->sd_method;
    size_t len = sizeof out->sd_method;
    int s = q->scen;
    double v;
    switch (m) {
    case CONV_AUTO: case CONV_LUO: case CONV_SHI:      /* Luo 2018 is a mean method */
        if (s != 3)
            break;
        out->sd = shi_sd(q);
        snprintf(lab, len, "shi2020 (S3)");
        return 0;
    case CONV_WAN:
        break;
    case CONV_BLAND:
        if (s != 3)
            break;
        v = bland_var(q);
        if (!(v > 0.0))
            return conv_err(err, errlen, "bland2015: variance %g is not positive", v);
        out->sd = sqrt(v);
        snprintf(lab, len, "bland2015 (S3)");
        return 0;
    case CONV_HOZO:
        if (s == 2)
            break;
        v = hozo_var(q);
        if (!(v > 0.0))
            return conv_err(err, errlen, "hozo2005: variance %g is not positive (n %g)", v, q->n);
        out->sd = sqrt(v);
        snprintf(lab, len, s == 1 ? "hozo2005 (S1)" : "hozo2005 (S3: min/median/max)");
        return 0;
    case CONV_HOZO_RULES:
        if (s == 2)
            break;
        if (q->n <= 15) {
            out->sd = hozo_small_sd(q);
            snprintf(lab, len, "hozo2005-rules (S%d, n <= 15)", s);
        } else if (q->n <= 70) {
            out->sd = (q->b - q->a) / 4.0;
            snprintf(lab, len, "hozo2005-rules (S%d, range/4)", s);
        } else {
            out->sd = (q->b - q->a) / 6.0;
            snprintf(lab, len, "hozo2005-rules (S%d, range/6)", s);
        }
        return 0;
    case CONV_IQR135:
        if (s == 1)
            return conv_err(err, errlen, "q1, q3: missing (iqr1.35 needs the IQR; the Handbook "
                            "advises against using the range)");
        out->sd = (q->q3 - q->q1) / 1.35;
        snprintf(lab, len, "cochrane iqr/1.35 (S%d)", s);
        return 0;
    case CONV_LOGNORMAL: case CONV_QE: case CONV_BC:
        if (run_both(m, q, o, bt, err, errlen))
            return -1;
        out->sd = m == CONV_LOGNORMAL ? bt->ln_sd : m == CONV_QE ? bt->qe_sd : bt->bc_sd;
        label_both(m, q, bt, lab, len);
        return 0;
    default:
        return conv_err(err, errlen, "sd_method: unknown method %d", (int)m);
    }
    out->sd = conv_wan_sd(q);
    snprintf(lab, len, "wan2014 (S%d)", s);
    return 0;
}

int conv_mean_sd(const conv_five_t *in, const conv_opts_t *opts, conv_result_t *out,
                 char *err, size_t errlen)
{
    conv_opts_t o;
    conv_q_t q, lq;
    both_t bt;
    const conv_q_t *tq = &q;
    if (err && errlen)
        err[0] = '\0';
    if (!in || !out)
        return conv_err(err, errlen, "conv_mean_sd: no input or no result");
    memset(out, 0, sizeof *out);
    memset(&bt, 0, sizeof bt);
    out->mean = out->sd = NAN;
    out->skew_stat = out->skew_crit = NAN;
    if (opts)
        o = *opts;
    else
        conv_opts_default(&o);
    if (o.skew_alpha != 0.0 && o.skew_alpha != 0.05)
        return conv_err(err, errlen, "skew_alpha: %g has no published critical values (only 0.05)",
                        o.skew_alpha);
    if (check_input(in, &q, err, errlen))
        return -1;
    out->scenario = q.scen;

    /* Shi 2023 on the scale the methods assume: logs when both are log-normal. */
    if (o.mean_method == CONV_LOGNORMAL && o.sd_method == CONV_LOGNORMAL) {
        if (to_logs(&q, &lq, err, errlen))
            return -1;
        tq = &lq;
    }
    skew_test(tq, &out->skew_stat, &out->skew_crit);
    out->skewed = out->skew_stat >= out->skew_crit;
    if (o.skew == CONV_SKEW_IGNORE)
        out->skewed = 0;
    else if (out->skewed && o.skew == CONV_SKEW_REFUSE
             && (normal_theory(o.mean_method) || normal_theory(o.sd_method)))
        return conv_err(err, errlen, "skewed: Shi 2023 test rejects symmetry in S%d "
                        "(T = %.4g >= %.4g); try lognormal, qe or bc", q.scen,
                        out->skew_stat, out->skew_crit);

    if (est_mean(o.mean_method, &q, &o, &bt, out, err, errlen)
        || est_sd(o.sd_method, &q, &o, &bt, out, err, errlen)) {
        out->mean = out->sd = NAN;
        return -1;
    }
    if (!isfinite(out->mean) || !isfinite(out->sd) || !(out->sd > 0.0)) {
        out->mean = out->sd = NAN;
        return conv_err(err, errlen, "%s / %s: no finite positive SD", out->mean_method, out->sd_method);
    }
    return 0;
}

/* ---- method names ------------------------------------------------------------------- */

static const struct {
    const char   *name;
    conv_method_t mean, sd;
} method_names[] = {
    { "luo/wan/shi",    CONV_LUO,        CONV_AUTO },
    { "auto",           CONV_AUTO,       CONV_AUTO },
    { "hozo/wan/bland", CONV_WAN,        CONV_BLAND },
    { "hozo",           CONV_HOZO,       CONV_HOZO },
    { "hozo-rules",     CONV_HOZO_RULES, CONV_HOZO_RULES },
    { "wan",            CONV_WAN,        CONV_WAN },
    { "luo",            CONV_LUO,        CONV_AUTO },
    { "shi",            CONV_AUTO,       CONV_SHI },
    { "bland",          CONV_BLAND,      CONV_BLAND },
    { "lognormal",      CONV_LOGNORMAL,  CONV_LOGNORMAL },
    { "qe",             CONV_QE,         CONV_QE },
    { "bc",             CONV_BC,         CONV_BC },
    { "iqr1.35",        CONV_IQR135,     CONV_IQR135 },
};

static int name_eq(const char *a, size_t alen, const char *b)
{
    if (strlen(b) != alen)
        return 0;
    for (size_t i = 0; i < alen; i++)
        if (tolower((unsigned char)a[i]) != b[i])
            return 0;
    return 1;
}

static int find_name(const char *s, size_t len, int *idx)
{
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
        if (name_eq(s, len, method_names[i].name)) {
            *idx = (int)i;
            return 0;
        }
    return -1;
}

int conv_parse_method(const char *name, conv_opts_t *opts)
{
    const char *slash;
    int i, j;
    if (!name || !opts)
        return -1;
    if (find_name(name, strlen(name), &i) == 0) {
        opts->mean_method = method_names[i].mean;
        opts->sd_method = method_names[i].sd;
        return 0;
    }
    /* "MEAN/SD": the first name's mean method, the second name's SD method */
    slash = strchr(name, '/');
    if (!slash || strchr(slash + 1, '/'))
        return -1;
    if (find_name(name, (size_t)(slash - name), &i) || find_name(slash + 1, strlen(slash + 1), &j))
        return -1;
    if (strcmp(method_names[i].name, "shi") == 0 || strcmp(method_names[j].name, "luo") == 0)
        return -1;                  /* Shi 2020 has no mean, Luo 2018 no SD: "shi/x", "x/luo" */
    opts->mean_method = method_names[i].mean;
    opts->sd_method = method_names[j].sd;
    return 0;
}

/* ---- Cochrane Handbook ch. 6 --------------------------------------------------------- */

/* Two-sided quantile for a CI of this level: t with df when df < 59 and !use_z, else z.
 * The Handbook's 3.92, 3.29 and 5.15 are this with z, rounded; we use the exact value. */
static double ci_quantile(double level, double df, int use_t)
{
    double tail = (1.0 - level) / 2.0;
    return use_t ? gsl_cdf_tdist_Qinv(tail, df) : gsl_cdf_ugaussian_Qinv(tail);
}

static int ok_n(double n)
{
    return isfinite(n) && n >= 2.0;
}

int conv_sd_from_ci(double lo, double hi, double n, double level, int use_z, double *sd)
{
    if (!sd || !isfinite(lo) || !isfinite(hi) || !(hi > lo) || !ok_n(n)
        || !(level > 0.0 && level < 1.0))
        return -1;
    *sd = sqrt(n) * (hi - lo) / (2.0 * ci_quantile(level, n - 1.0, !use_z && n < 60.0));
    return 0;
}

int conv_sd_from_se(double se, double n, double *sd)
{
    if (!sd || !isfinite(se) || !(se > 0.0) || !ok_n(n))
        return -1;
    *sd = se * sqrt(n);
    return 0;
}

int conv_sd_from_t(double md, double t, double n1, double n2, double *sd)
{
    if (!sd || !isfinite(md) || md == 0.0 || !isfinite(t) || t == 0.0 || !ok_n(n1) || !ok_n(n2))
        return -1;
    *sd = fabs(md / t) / sqrt(1.0 / n1 + 1.0 / n2);
    return 0;
}

int conv_sd_from_p(double md, double p, double n1, double n2, double *sd)
{
    double t;
    if (!sd || !isfinite(p) || !(p > 0.0 && p < 1.0) || !ok_n(n1) || !ok_n(n2))
        return -1;
    t = gsl_cdf_tdist_Qinv(p / 2.0, n1 + n2 - 2.0);
    return conv_sd_from_t(md, t, n1, n2, sd);
}

int conv_sd_from_md_ci(double lo, double hi, double n1, double n2, double level, int use_z,
                       double *sd)
{
    double se;
    if (!sd || !isfinite(lo) || !isfinite(hi) || !(hi > lo) || !ok_n(n1) || !ok_n(n2)
        || !(level > 0.0 && level < 1.0))
        return -1;
    se = (hi - lo) / (2.0 * ci_quantile(level, n1 + n2 - 2.0, !use_z && n1 + n2 < 60.0));
    *sd = se / sqrt(1.0 / n1 + 1.0 / n2);
    return 0;
}

int conv_combine(double n1, double m1, double sd1, double n2, double m2, double sd2,
                 double *n, double *m, double *sd)
{
    double nn, v;
    if (!n || !m || !sd || !isfinite(m1) || !isfinite(m2) || !isfinite(sd1) || !isfinite(sd2)
        || sd1 < 0.0 || sd2 < 0.0 || !isfinite(n1) || !isfinite(n2) || n1 < 1.0 || n2 < 1.0)
        return -1;
    nn = n1 + n2;
    v = ((n1 - 1.0) * sd1 * sd1 + (n2 - 1.0) * sd2 * sd2
         + n1 * n2 / nn * (m1 * m1 + m2 * m2 - 2.0 * m1 * m2)) / (nn - 1.0);
    *n = nn;
    *m = (n1 * m1 + n2 * m2) / nn;
    *sd = sqrt(v);
    return 0;
}

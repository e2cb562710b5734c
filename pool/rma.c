/* rma.c - common- and random-effects models as metafor's rma.uni (3.8): tau2 estimators FE DL
 * REML ML PM HS SJ HE EB, Wald and Knapp-Hartung tests, predict()'s prediction interval,
 * Q / I2 / H2, and the Q-profile CI of tau2 (confint), for a model y ~ X with X's first
 * column the intercept. Iterative estimators run to the tolerance in pool_opts_t. */
#include "pool.h"
#include "pool_priv.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

void pool_opts_default(pool_opts_t *o)
{
    o->method = POOL_REML;
    o->test = POOL_TEST_Z;
    o->level = 95;
    o->tol = 1e-14;
    o->maxiter = 10000;
    o->tau2_init = NAN;
    o->qprofile = 1;
}

static const char *method_names[] = { "FE", "DL", "REML", "ML", "PM", "HS", "SJ", "HE", "EB" };

const char *pool_method_name(pool_method_t m)
{
    return (unsigned)m < sizeof method_names / sizeof *method_names ? method_names[m] : "?";
}

int pool_method_parse(const char *s, pool_method_t *m)
{
    for (size_t i = 0; i < sizeof method_names / sizeof *method_names; i++)
        if (strcasecmp_ascii(s, method_names[i]) == 0) { *m = (pool_method_t)i; return 0; }
    if (strcasecmp_ascii(s, "EE") == 0 || strcasecmp_ascii(s, "CE") == 0) { *m = POOL_FE; return 0; }
    if (strcasecmp_ascii(s, "MP") == 0) { *m = POOL_PM; return 0; }
    return -1;
}

int strcasecmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca += 32;
        if (cb >= 'A' && cb <= 'Z') cb += 32;
        if (ca != cb || !ca) return ca - cb;
    }
}

/* ---- small dense linear algebra (p <= POOL_PMAX) ---- */

/* Inverse of the SPD matrix A (p x p) by Cholesky; log determinant in *logdet.
 * Returns -1 if A is not positive definite. */
static int spd_inv(const double *A, size_t p, double *Ai, double *logdet)
{
    double L[POOL_PMAX * POOL_PMAX], ld = 0;
    memset(L, 0, sizeof L);
    for (size_t j = 0; j < p; j++) {
        double s = A[j * p + j];
        for (size_t m = 0; m < j; m++) s -= L[j * p + m] * L[j * p + m];
        if (!(s > 0) || !isfinite(s)) return -1;
        L[j * p + j] = sqrt(s);
        ld += 2 * log(L[j * p + j]);
        for (size_t i = j + 1; i < p; i++) {
            double t = A[i * p + j];
            for (size_t m = 0; m < j; m++) t -= L[i * p + m] * L[j * p + m];
            L[i * p + j] = t / L[j * p + j];
        }
    }
    /* inverse of L (lower), then Ai = L^-T L^-1 */
    double Li[POOL_PMAX * POOL_PMAX];
    memset(Li, 0, sizeof Li);
    for (size_t j = 0; j < p; j++) {
        Li[j * p + j] = 1 / L[j * p + j];
        for (size_t i = j + 1; i < p; i++) {
            double t = 0;
            for (size_t m = j; m < i; m++) t -= L[i * p + m] * Li[m * p + j];
            Li[i * p + j] = t / L[i * p + i];
        }
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j <= i; j++) {
            double t = 0;
            for (size_t m = i; m < p; m++) t += Li[m * p + i] * Li[m * p + j];
            Ai[i * p + j] = Ai[j * p + i] = t;
        }
    if (logdet) *logdet = ld;
    return 0;
}

/* ---- evaluation of the weighted fit at one tau2 ---- */

typedef struct {
    size_t k, p;
    const double *y, *v, *X;    /* y: centred by its mean (metafor's Ymc) */
    int ols;                    /* weights 1 instead of 1/(v + tau2) */
    /* results */
    double A[POOL_PMAX * POOL_PMAX], Ai[POOL_PMAX * POOL_PMAX], beta[POOL_PMAX];
    double logdetA;
    double sw, sw2;             /* sum w, sum w^2 */
    double rss, rss2;           /* sum w e^2, sum w^2 e^2 */
    double trP, trPP, trPV;     /* traces (trPV only with ols) */
} ev_t;

#define XV(e, i, j) ((e)->X ? (e)->X[(i) * (e)->p + (j)] : 1.0)

/* Returns 0, -1 if X'WX is singular or a weight is not finite. */
static int ev_at(ev_t *e, double tau2, int traces)
{
    size_t k = e->k, p = e->p;
    double b[POOL_PMAX] = {0}, B2[POOL_PMAX * POOL_PMAX], B3[POOL_PMAX * POOL_PMAX];
    double BV[POOL_PMAX * POOL_PMAX];
    memset(e->A, 0, sizeof(double) * p * p);
    memset(B2, 0, sizeof(double) * p * p);
    memset(B3, 0, sizeof(double) * p * p);
    memset(BV, 0, sizeof(double) * p * p);
    double sw = 0, sw2 = 0;
    if (p == 1 && !e->X) {
        double a = 0, bb = 0, c2 = 0, c3 = 0;
        for (size_t i = 0; i < k; i++) {
            double w = e->ols ? 1.0 : 1.0 / (e->v[i] + tau2);
            a += w; bb += w * e->y[i];
            double w2 = w * w;
            c2 += w2; c3 += w2 * w;
            if (e->ols) BV[0] += e->v[i];
        }
        e->A[0] = a; b[0] = bb; B2[0] = c2; B3[0] = c3;
        sw = a; sw2 = c2;
    } else {
        for (size_t i = 0; i < k; i++) {
            double w = e->ols ? 1.0 : 1.0 / (e->v[i] + tau2);
            double w2 = w * w, w3 = w2 * w;
            sw += w; sw2 += w2;
            for (size_t j = 0; j < p; j++) {
                double xj = XV(e, i, j);
                b[j] += w * xj * e->y[i];
                for (size_t l = 0; l <= j; l++) {
                    double xx = xj * XV(e, i, l);
                    e->A[j * p + l] += w * xx;
                    B2[j * p + l] += w2 * xx;
                    B3[j * p + l] += w3 * xx;
                    if (e->ols) BV[j * p + l] += e->v[i] * xx;
                }
            }
        }
        for (size_t j = 0; j < p; j++)
            for (size_t l = 0; l < j; l++) {
                e->A[l * p + j] = e->A[j * p + l];
                B2[l * p + j] = B2[j * p + l];
                B3[l * p + j] = B3[j * p + l];
                BV[l * p + j] = BV[j * p + l];
            }
    }
    if (!isfinite(sw) || spd_inv(e->A, p, e->Ai, &e->logdetA) != 0) return -1;
    for (size_t j = 0; j < p; j++) {
        double t = 0;
        for (size_t l = 0; l < p; l++) t += e->Ai[j * p + l] * b[l];
        e->beta[j] = t;
    }
    double rss = 0, rss2 = 0;
    if (p == 1 && !e->X) {
        double b0 = e->beta[0];
        for (size_t i = 0; i < k; i++) {
            double w = e->ols ? 1.0 : 1.0 / (e->v[i] + tau2);
            double r = e->y[i] - b0, we = w * r * r;
            rss += we; rss2 += w * we;
        }
    } else {
        for (size_t i = 0; i < k; i++) {
            double w = e->ols ? 1.0 : 1.0 / (e->v[i] + tau2);
            double r = e->y[i];
            for (size_t j = 0; j < p; j++) r -= XV(e, i, j) * e->beta[j];
            double we = w * r * r;
            rss += we; rss2 += w * we;
        }
    }
    e->sw = sw; e->sw2 = sw2; e->rss = rss; e->rss2 = rss2;
    if (traces) {
        /* tr P = sum w - tr(Ai B2); tr PP = sum w^2 - 2 tr(Ai B3) + tr((Ai B2)^2) */
        double M[POOL_PMAX * POOL_PMAX], t2 = 0, t3 = 0, tmm = 0, tv = 0;
        for (size_t j = 0; j < p; j++)
            for (size_t l = 0; l < p; l++) {
                double s = 0;
                for (size_t m = 0; m < p; m++) s += e->Ai[j * p + m] * B2[m * p + l];
                M[j * p + l] = s;
                t3 += e->Ai[j * p + l] * B3[l * p + j];
                tv += e->Ai[j * p + l] * BV[l * p + j];
            }
        for (size_t j = 0; j < p; j++) {
            t2 += M[j * p + j];
            for (size_t l = 0; l < p; l++) tmm += M[j * p + l] * M[l * p + j];
        }
        e->trP = sw - t2;
        e->trPP = sw2 - 2 * t3 + tmm;
        if (e->ols) {
            double sv = 0;
            for (size_t i = 0; i < k; i++) sv += e->v[i];
            e->trPV = sv - tv;
        }
    }
    return 0;
}

/* ML / REML log-likelihood at tau2 (metafor's ll.ML / ll.REML without REMLf's X'X term). */
static int loglik(ev_t *e, double tau2, int reml, double *ll)
{
    if (ev_at(e, tau2, 0) != 0) return -1;
    double sl = 0;
    for (size_t i = 0; i < e->k; i++) sl += log(e->v[i] + tau2);
    double kk = (double)e->k - (reml ? (double)e->p : 0);
    *ll = -0.5 * kk * log(2 * M_PI) - 0.5 * sl - 0.5 * e->rss - (reml ? 0.5 * e->logdetA : 0);
    return 0;
}

/* ---- root finding on Q(tau2) = target (PM and the Q-profile) ---- */

typedef struct { ev_t *e; double target; int bad; } qroot_t;

static double q_minus(double tau2, void *arg)
{
    qroot_t *q = arg;
    if (ev_at(q->e, tau2, 0) != 0) { q->bad = 1; return NAN; }
    return q->e->rss - q->target;
}

/* Root of Q(tau2) = target on [0, inf), Q decreasing; Q(0) >= target is the caller's job.
 * The upper end is doubled until it brackets (never cut off silently): returns 1 if no
 * bracket below 1e300 (*root = the last end tried), -1 on numerical failure. */
static int q_root(ev_t *e, double target, double hint, const pool_opts_t *o, double *root,
                  int *iters)
{
    qroot_t q = { e, target, 0 };
    double lo = 0, hi = hint > 0 && isfinite(hint) ? hint : 1;
    double fhi = q_minus(hi, &q);
    while (!q.bad && fhi > 0) {
        lo = hi;
        hi *= 4;
        if (hi > 1e300) { *root = lo; return 1; }
        fhi = q_minus(hi, &q);
    }
    if (q.bad) return -1;
    if (fhi == 0) { *root = hi; return 0; }
    double flo = q_minus(lo, &q);
    if (q.bad) return -1;
    if (flo == 0) { *root = lo; return 0; }
    gsl_function F = { q_minus, &q };
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) return -1;
    int rc = -1;
    if (gsl_root_fsolver_set(s, &F, lo, hi) != GSL_SUCCESS) goto out;
    for (int it = 1; it <= o->maxiter; it++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS || q.bad) goto out;
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        *root = gsl_root_fsolver_root(s);
        if (iters) *iters = it;
        int st = gsl_root_test_interval(a, b, 0, o->tol);
        if (st == GSL_SUCCESS || a == b || b - a <= 4 * DBL_EPSILON * fabs(b)) { rc = 0; goto out; }
        if (st != GSL_CONTINUE) goto out;
    }
out:
    gsl_root_fsolver_free(s);
    return rc;
}

/* ---- the estimators ---- */

static double tau2_he(ev_t *e, int *ok)
{
    ev_t o = *e;
    o.ols = 1;
    if (ev_at(&o, 0, 1) != 0) { *ok = 0; return NAN; }
    *ok = 1;
    return (o.rss - o.trPV) / ((double)e->k - (double)e->p);
}

/* Fisher scoring (ML, REML) and the EB fixed point, as metafor: step = adj, stay >= 0. */
static int tau2_iterate(ev_t *e, pool_method_t m, double init, const pool_opts_t *o,
                        double *tau2, int *iters, char *err, size_t errlen)
{
    double t = init > 0 ? init : 0;
    double kp = (double)e->k - (double)e->p, prev = INFINITY;
    for (int it = 1; it <= o->maxiter; it++) {
        if (ev_at(e, t, m != POOL_EB) != 0) {
            snprintf(err, errlen, "%s: weights became singular at tau2 = %g", pool_method_name(m), t);
            return -1;
        }
        double adj;
        if (m == POOL_ML) adj = (e->rss2 - e->sw) / e->sw2;
        else if (m == POOL_REML) adj = (e->rss2 - e->trP) / e->trPP;
        else adj = (e->rss * (double)e->k / kp - (double)e->k) / e->sw;
        if (!isfinite(adj)) {
            snprintf(err, errlen, "%s: step is not finite at tau2 = %g", pool_method_name(m), t);
            return -1;
        }
        double nt = t + adj;
        if (nt < 0) nt = 0;
        double change = fabs(nt - t);
        t = nt;
        *iters = it;
        if (change <= o->tol * t || change == 0 || (t == 0 && adj <= 0)) { *tau2 = t; return 0; }
        /* rounding noise can keep the step above a tolerance near DBL_EPSILON: stop once the
         * steps no longer shrink and are within 1000 tol of tau2 */
        if (change >= prev && change <= 1e3 * o->tol * t) { *tau2 = t; return 0; }
        prev = change;
    }
    snprintf(err, errlen, "%s did not converge in %d iterations (tau2 = %.17g); raise --maxiter "
             "or --tol", pool_method_name(m), o->maxiter, t);
    return -1;
}

static double crit_of(const pool_fit_t *f, double alpha)
{
    if (f->test == POOL_TEST_KNHA) return f->ddf > 0 ? gsl_cdf_tdist_Qinv(alpha / 2, f->ddf) : NAN;
    return gsl_cdf_ugaussian_Qinv(alpha / 2);
}

static void qprofile(ev_t *e, pool_fit_t *f, const pool_opts_t *o)
{
    double alpha = 1 - o->level / 100, df = (double)e->k - (double)e->p;
    f->tau2_ci_lb = f->tau2_ci_ub = NAN;
    if (df < 1) return;
    double crit_u = gsl_cdf_chisq_Qinv(alpha / 2, df);   /* upper quantile -> lower bound */
    double crit_l = gsl_cdf_chisq_Pinv(alpha / 2, df);   /* lower quantile -> upper bound */
    if (ev_at(e, 0, 0) != 0) return;
    double q0 = e->rss;
    double hint = fmax(100, fmax(10 * f->tau2, 1.0));
    int r;
    if (q0 < crit_l) {
        f->tau2_ci_lb = f->tau2_ci_ub = 0;
    } else {
        r = q_root(e, crit_l, hint, o, &f->tau2_ci_ub, NULL);
        if (r < 0) f->tau2_ci_ub = NAN;
        if (r == 1) f->tau2_ci_ub_cens = 1;
        if (q0 < crit_u) {
            f->tau2_ci_lb = 0;
        } else {
            r = q_root(e, crit_u, hint, o, &f->tau2_ci_lb, NULL);
            if (r < 0) f->tau2_ci_lb = NAN;
            if (r == 1) f->tau2_ci_lb_cens = 1;
        }
    }
    if (isfinite(f->vt)) {
        f->I2_lb = 100 * f->tau2_ci_lb / (f->vt + f->tau2_ci_lb);
        f->I2_ub = 100 * f->tau2_ci_ub / (f->vt + f->tau2_ci_ub);
        f->H2_lb = f->tau2_ci_lb / f->vt + 1;
        f->H2_ub = f->tau2_ci_ub / f->vt + 1;
    }
}

static void fit_clear(pool_fit_t *f)
{
    memset(f, 0, sizeof *f);
    double *nanfields[] = { &f->estimate, &f->sei, &f->zval, &f->pv, &f->lb, &f->ub, &f->pi_lb,
        &f->pi_ub, &f->ddf, &f->tau2, &f->tau, &f->se_tau2, &f->tau2_ci_lb, &f->tau2_ci_ub,
        &f->I2, &f->H2, &f->I2_lb, &f->I2_ub, &f->H2_lb, &f->H2_ub, &f->vt, &f->Q, &f->Q_df,
        &f->Q_p, &f->QM, &f->QM_df1, &f->QM_df2, &f->QM_p, &f->sumw, &f->ll };
    for (size_t i = 0; i < sizeof nanfields / sizeof *nanfields; i++) *nanfields[i] = NAN;
}

int pool_rma(const double *y, const double *v, const double *X, size_t k, size_t p,
             const pool_opts_t *o, pool_fit_t *f, char *err, size_t errlen)
{
    int rc = -1;
    double *yc = NULL;
    fit_clear(f);
    f->k = k; f->p = p; f->method = o->method; f->test = o->test; f->level = o->level;
    if (p < 1 || p > POOL_PMAX || (!X && p != 1)) {
        snprintf(err, errlen, "model with %zu coefficients (at most %d)", p, POOL_PMAX);
        return -1;
    }
    if (k < 2 || k <= p) {
        snprintf(err, errlen, "k = %zu: too few studies for a model with %zu coefficient%s",
                 k, p, p > 1 ? "s" : "");
        return -1;
    }
    if (!(o->level > 0 && o->level < 100)) {
        snprintf(err, errlen, "level %g is not between 0 and 100", o->level);
        return -1;
    }
    size_t nzero = 0;
    for (size_t i = 0; i < k; i++) {
        if (!isfinite(y[i]) || !isfinite(v[i]) || v[i] < 0) {
            snprintf(err, errlen, "study %zu: yi or vi is not a finite number (vi >= 0)", i + 1);
            return -1;
        }
        if (v[i] == 0) nzero++;
    }
    if (nzero == k) {
        snprintf(err, errlen, "every vi is 0: the studies cannot be weighted");
        return -1;
    }
    if (nzero) {
        snprintf(err, errlen, "%zu stud%s with vi = 0 cannot be weighted", nzero,
                 nzero > 1 ? "ies" : "y");
        return -1;
    }
    yc = malloc(k * sizeof *yc);
    if (!yc) { snprintf(err, errlen, "out of memory"); return -1; }
    double ym = 0;
    for (size_t i = 0; i < k; i++) ym += y[i];
    ym /= (double)k;
    for (size_t i = 0; i < k; i++) yc[i] = y[i] - ym;

    ev_t e;
    memset(&e, 0, sizeof e);
    e.k = k; e.p = p; e.y = yc; e.v = v; e.X = X;
    double kp = (double)k - (double)p, tau2 = 0;
    int ok = 1;
    f->converged = 1;
    static int gsl_quiet;       /* GSL must report by status, never abort: set once */
    if (!gsl_quiet) { gsl_set_error_handler_off(); gsl_quiet = 1; }

    /* tau2 */
    switch (o->method) {
    case POOL_FE:
        tau2 = 0;
        break;
    case POOL_DL:
        if (ev_at(&e, 0, 1) != 0) goto singular;
        tau2 = fmax(0, (e.rss - kp) / e.trP);
        break;
    case POOL_HS:
        if (ev_at(&e, 0, 0) != 0) goto singular;
        tau2 = fmax(0, (e.rss - (double)k) / e.sw);
        break;
    case POOL_HE:
        tau2 = fmax(0, tau2_he(&e, &ok));
        if (!ok) goto singular;
        break;
    case POOL_SJ: {
        double t0 = 0;
        for (size_t i = 0; i < k; i++) t0 += yc[i] * yc[i];
        t0 /= (double)k;
        if (!(t0 > 0)) { tau2 = 0; break; }
        if (ev_at(&e, t0, 0) != 0) goto singular;
        tau2 = fmax(0, t0 * e.rss / kp);
        break;
    }
    case POOL_PM: {
        if (ev_at(&e, 0, 0) != 0) goto singular;
        if (e.rss < kp) { tau2 = 0; break; }
        double hint = fmax(1, 10 * e.rss / e.sw);
        int r = q_root(&e, kp, hint, o, &tau2, &f->iter);
        if (r != 0) {
            snprintf(err, errlen, "PM: could not %s the root of Q(tau2) = k - p",
                     r > 0 ? "bracket" : "find");
            goto out;
        }
        break;
    }
    case POOL_ML: case POOL_REML: case POOL_EB: {
        double init = o->tau2_init;
        if (!isfinite(init)) {
            init = fmax(0, tau2_he(&e, &ok));
            if (!ok) goto singular;
        }
        if (tau2_iterate(&e, o->method, init, o, &tau2, &f->iter, err, errlen) != 0) {
            f->converged = 0;
            goto out;
        }
        if (o->method != POOL_EB && tau2 > 0) {
            /* the likelihood can have an interior local maximum below the boundary one */
            double ll, ll0;
            int reml = o->method == POOL_REML;
            if (loglik(&e, tau2, reml, &ll) != 0 || loglik(&e, 0, reml, &ll0) != 0) goto singular;
            if (ll0 > ll + 1e-12 * fabs(ll)) { tau2 = 0; f->boundary = 1; }
        }
        break;
    }
    }

    /* the model at tau2 */
    if (ev_at(&e, tau2, 1) != 0) goto singular;
    f->tau2 = tau2;
    f->tau = sqrt(tau2);
    f->sumw = e.sw;
    if (o->method == POOL_ML) f->se_tau2 = sqrt(2 / e.sw2);
    if (o->method == POOL_REML) f->se_tau2 = sqrt(2 / e.trPP);
    if (o->method == POOL_ML || o->method == POOL_REML) {
        double ll;
        if (loglik(&e, tau2, o->method == POOL_REML, &ll) == 0) f->ll = ll;
        if (ev_at(&e, tau2, 1) != 0) goto singular;
    }
    double s2w = 1;
    if (o->test == POOL_TEST_KNHA) {
        s2w = e.rss <= DBL_EPSILON ? 0 : e.rss / kp;
        f->ddf = kp;
    }
    double alpha = 1 - o->level / 100, crit = crit_of(f, alpha);
    for (size_t j = 0; j < p; j++) {
        f->beta[j] = e.beta[j] + (j == 0 ? ym : 0);
        f->se[j] = sqrt(s2w * e.Ai[j * p + j]);
        f->stat[j] = f->beta[j] / f->se[j];
        if (o->test == POOL_TEST_KNHA)
            f->pval[j] = 2 * gsl_cdf_tdist_Q(fabs(f->stat[j]), f->ddf);
        else
            f->pval[j] = 2 * gsl_cdf_ugaussian_Q(fabs(f->stat[j]));
        f->ci_lb[j] = f->beta[j] - crit * f->se[j];
        f->ci_ub[j] = f->beta[j] + crit * f->se[j];
    }
    f->estimate = f->beta[0]; f->sei = f->se[0]; f->zval = f->stat[0]; f->pv = f->pval[0];
    f->lb = f->ci_lb[0]; f->ub = f->ci_ub[0];
    /* predict(): pred +- crit sqrt(se^2 + tau2) */
    f->pi_lb = f->estimate - crit * sqrt(f->sei * f->sei + tau2);
    f->pi_ub = f->estimate + crit * sqrt(f->sei * f->sei + tau2);
    if (o->method == POOL_FE) f->pi_lb = f->pi_ub = NAN;   /* predict() gives none */
    /* test of the moderators (coefficients 2..p) */
    if (p > 1) {
        size_t m = p - 1;
        double Vb[POOL_PMAX * POOL_PMAX], Vi[POOL_PMAX * POOL_PMAX];
        for (size_t a = 0; a < m; a++)
            for (size_t b = 0; b < m; b++) Vb[a * m + b] = s2w * e.Ai[(a + 1) * p + (b + 1)];
        if (spd_inv(Vb, m, Vi, NULL) == 0) {
            double qm = 0;
            for (size_t a = 0; a < m; a++)
                for (size_t b = 0; b < m; b++) qm += f->beta[a + 1] * Vi[a * m + b] * f->beta[b + 1];
            if (o->test == POOL_TEST_KNHA) {
                f->QM = qm / (double)m; f->QM_df1 = (double)m; f->QM_df2 = kp;
                f->QM_p = gsl_cdf_fdist_Q(f->QM, (double)m, kp);
            } else {
                f->QM = qm; f->QM_df1 = (double)m;
                f->QM_p = gsl_cdf_chisq_Q(qm, (double)m);
            }
        }
    }
    /* heterogeneity: QE with w = 1/v, vt = (k - p)/tr P, I2 and H2 */
    if (ev_at(&e, 0, 1) != 0) goto singular;
    f->Q = fmax(0, e.rss);
    f->Q_df = kp;
    f->Q_p = gsl_cdf_chisq_Q(f->Q, kp);
    f->vt = kp / e.trP;
    if (o->method == POOL_FE) {
        f->I2 = fmax(0, 100 * (f->Q - kp) / f->Q);
        f->H2 = f->Q / kp;
    } else {
        f->I2 = 100 * tau2 / (f->vt + tau2);
        f->H2 = tau2 / f->vt + 1;
    }
    if (o->qprofile && o->method != POOL_FE) qprofile(&e, f, o);
    rc = 0;
    goto out;
singular:
    snprintf(err, errlen, "the model matrix is singular (do the studies differ?)");
out:
    free(yc);
    return rc;
}

int pool_fit_data(const pool_data_t *d, const pool_opts_t *o, pool_fit_t *f,
                  char *err, size_t errlen)
{
    int rc = -1;
    double *y = malloc((d->k ? d->k : 1) * sizeof *y), *v = malloc((d->k ? d->k : 1) * sizeof *v);
    if (!y || !v) { snprintf(err, errlen, "out of memory"); goto out; }
    for (size_t i = 0; i < d->k; i++) { y[i] = d->s[i].yi; v[i] = d->s[i].vi; }
    rc = pool_rma(y, v, NULL, d->k, 1, o, f, err, errlen);
out:
    free(y);
    free(v);
    return rc;
}

double pool_weight(const pool_fit_t *f, double vi)
{
    return 100 / (vi + f->tau2) / f->sumw;
}

int pool_leave1out(const pool_data_t *d, const pool_opts_t *o, pool_fit_t *out,
                   char *err, size_t errlen)
{
    int rc = -1;
    size_t k = d->k;
    pool_opts_t oo = *o;
    oo.qprofile = 0;
    double *y = malloc((k ? k : 1) * sizeof *y), *v = malloc((k ? k : 1) * sizeof *v);
    if (!y || !v) { snprintf(err, errlen, "out of memory"); goto out; }
    if (k < 3) { snprintf(err, errlen, "leave-one-out needs k >= 3 (k = %zu)", k); goto out; }
    for (size_t i = 0; i < k; i++) {
        size_t n = 0;
        for (size_t j = 0; j < k; j++)
            if (j != i) { y[n] = d->s[j].yi; v[n] = d->s[j].vi; n++; }
        char e2[256];
        if (pool_rma(y, v, NULL, n, 1, &oo, &out[i], e2, sizeof e2) != 0) {
            snprintf(err, errlen, "leave-one-out without study %zu (%s): %s", i + 1,
                     d->s[i].label, e2);
            goto out;
        }
    }
    rc = 0;
out:
    free(y);
    free(v);
    return rc;
}

void pool_by_destroy(pool_by_t *b)
{
    if (!b) return;
    for (size_t g = 0; g < b->ngroups; g++) free(b->name[g]);
    b->ngroups = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int pool_by(const pool_data_t *d, const pool_opts_t *o, pool_by_t *b, char *err, size_t errlen)
{
    int rc = -1;
    size_t k = d->k;
    double *y = NULL, *v = NULL, *X = NULL;
    memset(b, 0, sizeof *b);
    for (size_t i = 0; i < k; i++) {
        const char *g = d->s[i].group;
        if (!g) { snprintf(err, errlen, "study %s has no subgroup", d->s[i].label); goto out; }
        size_t j;
        for (j = 0; j < b->ngroups; j++) if (strcmp(b->name[j], g) == 0) break;
        if (j == b->ngroups) {
            if (b->ngroups == POOL_PMAX) {
                snprintf(err, errlen, "more than %d subgroups", POOL_PMAX);
                goto out;
            }
            b->name[j] = strdup(g);
            if (!b->name[j]) { snprintf(err, errlen, "out of memory"); goto out; }
            b->ngroups++;
        }
    }
    /* levels sorted as R's factor() sorts them (C locale) */
    qsort(b->name, b->ngroups, sizeof *b->name, cmp_str);
    size_t G = b->ngroups;
    y = malloc((k ? k : 1) * sizeof *y);
    v = malloc((k ? k : 1) * sizeof *v);
    X = malloc((k ? k : 1) * G * sizeof *X);
    if (!y || !v || !X) { snprintf(err, errlen, "out of memory"); goto out; }
    pool_opts_t oo = *o;
    for (size_t g = 0; g < G; g++) {
        size_t n = 0;
        for (size_t i = 0; i < k; i++)
            if (strcmp(d->s[i].group, b->name[g]) == 0) { y[n] = d->s[i].yi; v[n] = d->s[i].vi; n++; }
        b->count[g] = n;
        char e2[256];
        b->fit_ok[g] = n >= 2 && pool_rma(y, v, NULL, n, 1, &oo, &b->fit[g], e2, sizeof e2) == 0;
    }
    if (G < 2) { snprintf(err, errlen, "--by: only one subgroup"); goto out; }
    for (size_t i = 0; i < k; i++) {
        y[i] = d->s[i].yi; v[i] = d->s[i].vi;
        X[i * G] = 1;
        for (size_t g = 1; g < G; g++) X[i * G + g] = strcmp(d->s[i].group, b->name[g]) == 0;
    }
    oo.qprofile = 0;
    char e2[256];
    if (pool_rma(y, v, X, k, G, &oo, &b->moderated, e2, sizeof e2) != 0) {
        snprintf(err, errlen, "subgroup model: %s", e2);
        goto out;
    }
    rc = 0;
out:
    free(y); free(v); free(X);
    return rc;
}

int pool_regtest(const pool_data_t *d, const pool_opts_t *o, pool_regtest_t *r,
                 char *err, size_t errlen)
{
    int rc = -1;
    size_t k = d->k;
    double *y = malloc((k ? k : 1) * sizeof *y), *v = malloc((k ? k : 1) * sizeof *v);
    double *X = malloc((k ? k : 1) * 2 * sizeof *X);
    if (!y || !v || !X) { snprintf(err, errlen, "out of memory"); goto out; }
    for (size_t i = 0; i < k; i++) {
        y[i] = d->s[i].yi; v[i] = d->s[i].vi;
        X[2 * i] = 1; X[2 * i + 1] = sqrt(d->s[i].vi);
    }
    pool_opts_t oo = *o;
    oo.qprofile = 0;
    char e2[256];
    if (pool_rma(y, v, X, k, 2, &oo, &r->fit, e2, sizeof e2) != 0) {
        snprintf(err, errlen, "regression test: %s", e2);
        goto out;
    }
    r->stat = r->fit.stat[1];
    r->pval = r->fit.pval[1];
    r->ddf = r->fit.ddf;
    r->est = r->fit.beta[0];
    r->ci_lb = r->fit.ci_lb[0];
    r->ci_ub = r->fit.ci_ub[0];
    rc = 0;
out:
    free(y); free(v); free(X);
    return rc;
}

/* conv_mcgrath.c - McGrath et al. (2020) quantile estimation (QE) and Box-Cox (BC) methods,
 * deterministic. Sources: pooling.md 2.8 and the behaviour of estmeansd 1.0.1 (qe.fit,
 * set.qe.fit.control, bc.mean.sd, find.lambda), re-implemented with GSL.
 *
 * QE differences from estmeansd, on purpose:
 *  - Nelder-Mead (gsl nmsimplex2, restarted until the minimum stops moving) on log-scale
 *    parameters instead of L-BFGS-B; R's L-BFGS-B uses a finite-difference gradient (step
 *    1e-3) and stops ~1e-5 (relative) short of the least-squares minimum, which we reach.
 *    estmeansd's boxes are kept where they are unitless: normal mu within [q1, q3] (S2, S3)
 *    or [min, max] (S1), log-normal meanlog within their logs and sdlog within [0.001, 10],
 *    gamma and Weibull shapes within [0.001, 100], beta shapes within [0.001, 40]. Its
 *    bounds in the unit of the data (normal sigma <= 50, gamma rate and Weibull scale
 *    within [0.001, 100]) are dropped, so a change of unit only rescales the answer.
 *  - Zero quantiles are not replaced by 0.01 (least squares on the quantiles needs no logs).
 *  - Beta is fitted only when every quantile lies in [0, 1] (estmeansd tries and drops the
 *    fit on an error or warning).
 * The family with the smallest sum of squares wins (ties: normal, log-normal, gamma,
 * Weibull, beta); its mean and SD are computed analytically, as estmeansd does. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>

#include "conv.h"
#include "conv_priv.h"

#define QE_BIG      1e300   /* objective where a family cannot produce the quantiles */
#define QE_RESTARTS 5
#define BC_GRID     500     /* grid points on (-2, 3) that bracket the Box-Cox minimum */
#define BC_QUAD_WS  1000

enum { FAM_NORMAL, FAM_LNORM, FAM_GAMMA, FAM_WEIBULL, FAM_BETA, FAM_N };
static const char *fam_name[FAM_N] = { "normal", "log-normal", "gamma", "weibull", "beta" };

typedef struct {
    int    fam, k;              /* family, number of quantiles */
    double p[5], x[5];          /* probabilities and observed quantiles */
    double c0, c1;              /* parameter centre: params = f(c, u) (see qe_params) */
    double lo, hi;              /* box for the first parameter */
    double lo1, hi1;            /* box for the second (log-normal sdlog, beta shape2) */
} qe_fit_t;

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* u (unitless, what the simplex moves) -> the family's two parameters. */
static void qe_params(const qe_fit_t *f, const gsl_vector *u, double *t0, double *t1)
{
    double u0 = gsl_vector_get(u, 0), u1 = gsl_vector_get(u, 1);
    switch (f->fam) {
    case FAM_NORMAL:                            /* mu = c0 + c1 u0, sigma = c1 e^u1 */
        *t0 = clamp(f->c0 + f->c1 * u0, f->lo, f->hi);
        *t1 = f->c1 * exp(u1);
        break;
    case FAM_LNORM:                             /* meanlog = c0 + u0, sdlog = c1 e^u1 */
        *t0 = clamp(f->c0 + u0, f->lo, f->hi);
        *t1 = clamp(f->c1 * exp(u1), f->lo1, f->hi1);
        break;
    case FAM_BETA:
        *t0 = clamp(f->c0 * exp(u0), f->lo, f->hi);
        *t1 = clamp(f->c1 * exp(u1), f->lo1, f->hi1);
        break;
    default:                                    /* gamma shape/rate, Weibull shape/scale */
        *t0 = clamp(f->c0 * exp(u0), f->lo, f->hi);
        *t1 = f->c1 * exp(u1);
        break;
    }
}

static double qe_quantile(int fam, double p, double t0, double t1)
{
    switch (fam) {
    case FAM_NORMAL:  return t0 + t1 * gsl_cdf_ugaussian_Pinv(p);
    case FAM_LNORM:   return exp(t0 + t1 * gsl_cdf_ugaussian_Pinv(p));
    case FAM_GAMMA:   return gsl_cdf_gamma_Pinv(p, t0, 1.0 / t1);
    case FAM_WEIBULL: return t1 * pow(-log1p(-p), 1.0 / t0);
    default:          return gsl_cdf_beta_Pinv(p, t0, t1);
    }
}

static double qe_objective(const gsl_vector *u, void *par)
{
    const qe_fit_t *f = par;
    double t0, t1, s = 0.0;
    qe_params(f, u, &t0, &t1);
    if (!(t0 > -INFINITY && t1 > 0.0) || !isfinite(t0) || !isfinite(t1))
        return QE_BIG;
    for (int j = 0; j < f->k; j++) {
        double d = qe_quantile(f->fam, f->p[j], t0, t1) - f->x[j];
        s += d * d;
    }
    return isfinite(s) ? s : QE_BIG;
}

static void qe_moments(int fam, double t0, double t1, double *mean, double *sd)
{
    double g1, g2, ab;
    switch (fam) {
    case FAM_NORMAL:
        *mean = t0;
        *sd = t1;
        break;
    case FAM_LNORM:
        *mean = exp(t0 + t1 * t1 / 2.0);
        *sd = sqrt(expm1(t1 * t1) * exp(2.0 * t0 + t1 * t1));
        break;
    case FAM_GAMMA:
        *mean = t0 / t1;
        *sd = sqrt(t0) / t1;
        break;
    case FAM_WEIBULL:
        g1 = gsl_sf_gamma(1.0 + 1.0 / t0);
        g2 = gsl_sf_gamma(1.0 + 2.0 / t0);
        *mean = t1 * g1;
        *sd = t1 * sqrt(g2 - g1 * g1);
        break;
    default:
        ab = t0 + t1;
        *mean = t0 / ab;
        *sd = sqrt(t0 * t1 / (ab * ab * (ab + 1.0)));
        break;
    }
}

/* Minimise one family's sum of squares from u = 0; *fval = NAN when it fails. */
static void qe_minimise(gsl_multimin_fminimizer *s, qe_fit_t *f, double tol, int max_iter,
                        double *t0, double *t1, double *fval)
{
    gsl_multimin_function fn = { qe_objective, 2, f };
    double x0[2] = { 0.0, 0.0 }, prev = INFINITY, step = 0.5;
    gsl_vector_view xv = gsl_vector_view_array(x0, 2);
    double st[2];
    gsl_vector_view sv = gsl_vector_view_array(st, 2);
    *fval = NAN;
    for (int r = 0; r < QE_RESTARTS; r++) {
        int status, it = 0;
        st[0] = st[1] = step;
        if (gsl_multimin_fminimizer_set(s, &fn, &xv.vector, &sv.vector) != GSL_SUCCESS)
            return;
        do {
            if (gsl_multimin_fminimizer_iterate(s) != GSL_SUCCESS)
                break;
            status = gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), tol);
        } while (status == GSL_CONTINUE && ++it < max_iter);
        gsl_vector_memcpy(&xv.vector, gsl_multimin_fminimizer_x(s));
        *fval = gsl_multimin_fminimizer_minimum(s);
        if (!(*fval < prev))                    /* a restart found nothing lower: done */
            break;
        prev = *fval;
        step = 0.1;
    }
    if (!(*fval < QE_BIG)) {
        *fval = NAN;
        return;
    }
    qe_params(f, &xv.vector, t0, t1);
}

/* Which quantiles and probabilities a scenario gives (estmeansd qe.fit). */
static int scen_quants(const conv_q_t *q, double *p, double *x)
{
    double n = q->n;
    switch (q->scen) {
    case 1:
        p[0] = 1.0 / n; p[1] = 0.5; p[2] = 1.0 - 1.0 / n;
        x[0] = q->a; x[1] = q->m; x[2] = q->b;
        return 3;
    case 2:
        p[0] = 0.25; p[1] = 0.5; p[2] = 0.75;
        x[0] = q->q1; x[1] = q->m; x[2] = q->q3;
        return 3;
    default:
        p[0] = 1.0 / n; p[1] = 0.25; p[2] = 0.5; p[3] = 0.75; p[4] = 1.0 - 1.0 / n;
        x[0] = q->a; x[1] = q->q1; x[2] = q->m; x[3] = q->q3; x[4] = q->b;
        return 5;
    }
}

int conv_qe(const conv_q_t *q, double tol, int max_iter, double *mean, double *sd,
            const char **family, char *err, size_t errlen)
{
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_multimin_fminimizer *s = NULL;
    qe_fit_t f;
    double mh, sh, best = INFINITY, cv;
    int ret = -1, k, nonneg, unit;
    if (q->n < 3.0) {
        conv_err(err, errlen, "n: %g is below 3 (qe needs p = 1/n below the median)", q->n);
        goto out;
    }
    memset(&f, 0, sizeof f);
    k = scen_quants(q, f.p, f.x);
    f.k = k;
    nonneg = f.x[0] >= 0.0;
    unit = nonneg && f.x[k - 1] <= 1.0;
    mh = conv_luo_mean(q);                      /* starting values as estmeansd */
    sh = conv_wan_sd(q);
    s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
    if (!s) {
        conv_err(err, errlen, "qe: out of memory");
        goto out;
    }
    for (int fam = 0; fam < FAM_N; fam++) {
        double t0 = NAN, t1 = NAN, fv, m, d;
        if (fam != FAM_NORMAL && (!nonneg || !(mh > 0.0)))
            break;                              /* negative quantiles: normal only */
        if (fam == FAM_BETA && !(unit && mh < 1.0))
            break;
        f.fam = fam;
        cv = sh / mh;
        switch (fam) {
        case FAM_NORMAL:
            f.c0 = mh;
            f.c1 = sh;
            f.lo = q->scen == 1 ? q->a : q->q1;
            f.hi = q->scen == 1 ? q->b : q->q3;
            break;
        case FAM_LNORM:
            f.c0 = log(mh / sqrt(1.0 + cv * cv));
            f.c1 = sqrt(log1p(cv * cv));
            f.lo = log(q->scen == 1 ? q->a : q->q1);    /* -inf for a zero quantile */
            f.hi = log(q->scen == 1 ? q->b : q->q3);
            f.lo1 = 1e-3;
            f.hi1 = 10.0;
            f.c1 = clamp(f.c1, f.lo1, f.hi1);
            break;
        case FAM_GAMMA:
            f.lo = 1e-3;
            f.hi = 100.0;
            f.c0 = clamp(1.0 / (cv * cv), f.lo, f.hi);
            f.c1 = f.c0 / mh;                       /* rate: the start's mean is mh */
            break;
        case FAM_WEIBULL:
            f.lo = 1e-3;
            f.hi = 100.0;
            f.c0 = clamp(pow(1.0 / cv, 1.086), f.lo, f.hi);   /* estmeansd's start before nlminb */
            f.c1 = mh / gsl_sf_gamma(1.0 + 1.0 / f.c0);
            break;
        default:
            f.c0 = mh * (mh * (1.0 - mh) / (sh * sh) - 1.0);
            f.c1 = f.c0 * (1.0 - mh) / mh;
            f.lo = f.lo1 = 1e-3;
            f.hi = f.hi1 = 40.0;
            if (!(f.c0 > 0.0) || !(f.c1 > 0.0))
                f.c0 = f.c1 = 1.0;
            f.c0 = clamp(f.c0, f.lo, f.hi);
            f.c1 = clamp(f.c1, f.lo1, f.hi1);
            break;
        }
        qe_minimise(s, &f, tol, max_iter, &t0, &t1, &fv);
        if (isnan(fv) || !(fv < best))
            continue;
        qe_moments(fam, t0, t1, &m, &d);
        if (!isfinite(m) || !(d > 0.0) || !isfinite(d))
            continue;
        best = fv;
        *mean = m;
        *sd = d;
        *family = fam_name[fam];
    }
    if (!isfinite(best)) {
        conv_err(err, errlen, "qe: no family could be fitted to the quantiles");
        goto out;
    }
    ret = 0;
out:
    gsl_multimin_fminimizer_free(s);
    gsl_set_error_handler(old);
    return ret;
}

/* ---- Box-Cox ---------------------------------------------------------------------------- */

static double bc_transform(double x, double lambda)
{
    return fabs(lambda) < 1e-8 ? log(x) : (pow(x, lambda) - 1.0) / lambda;
}

typedef struct {
    int    k;
    double x[5];                /* S1: a m b; S2: q1 m q3; S3: a q1 m q3 b */
} bc_data_t;

/* Squared asymmetry of the transformed summary (estmeansd find.lambda). */
static double bc_asym(double lambda, void *par)
{
    const bc_data_t *d = par;
    double t[5], r1, r2;
    for (int j = 0; j < d->k; j++)
        t[j] = bc_transform(d->x[j], lambda);
    if (d->k == 3) {
        r1 = (t[2] - t[1]) / (t[1] - t[0]) - 1.0;
        return r1 * r1;
    }
    r1 = (t[3] - t[2]) / (t[2] - t[1]) - 1.0;
    r2 = (t[4] - t[2]) / (t[2] - t[0]) - 1.0;
    return r1 * r1 + r2 * r2;
}

static int bc_lambda(const bc_data_t *d, double tol, int max_iter, double *lambda)
{
    double bestf = INFINITY, lam = 0.0, lo, hi;
    int ibest = 0, status, it = 0, ret = -1;
    gsl_min_fminimizer *m = NULL;
    gsl_function fn = { bc_asym, (void *)d };
    if (bc_asym(0.0, (void *)d) < 1e-8) {       /* symmetric on logs already */
        *lambda = 0.0;
        return 0;
    }
    for (int i = 0; i <= BC_GRID; i++) {        /* coarse grid, then Brent in the best cell */
        double l = -2.0 + 5.0 * i / BC_GRID, v = bc_asym(l, (void *)d);
        if (v < bestf) {
            bestf = v;
            ibest = i;
        }
    }
    lam = -2.0 + 5.0 * ibest / BC_GRID;
    if (ibest == 0 || ibest == BC_GRID) {
        *lambda = lam;
        return 0;
    }
    lo = -2.0 + 5.0 * (ibest - 1) / BC_GRID;
    hi = -2.0 + 5.0 * (ibest + 1) / BC_GRID;
    m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (!m)
        return -1;
    if (gsl_min_fminimizer_set(m, &fn, lam, lo, hi) != GSL_SUCCESS) {
        *lambda = lam;                          /* grid point is the best we have */
        ret = 0;
        goto out;
    }
    do {
        if (gsl_min_fminimizer_iterate(m) != GSL_SUCCESS)
            break;
        status = gsl_min_test_interval(gsl_min_fminimizer_x_lower(m),
                                       gsl_min_fminimizer_x_upper(m), tol, 0.0);
    } while (status == GSL_CONTINUE && ++it < max_iter);
    *lambda = gsl_min_fminimizer_x_minimum(m);
    ret = 0;
out:
    gsl_min_fminimizer_free(m);
    return ret;
}

typedef struct {
    double mu, sigma, lambda, centre;   /* centre: subtracted before squaring (variance pass) */
    int    square;
} bc_int_t;

static double bc_integrand(double x, void *par)
{
    const bc_int_t *b = par;
    double z = (x - b->mu) / b->sigma, base = b->lambda * x + 1.0, g;
    g = base > 0.0 ? pow(base, 1.0 / b->lambda) : 0.0;
    if (b->square)
        g = (g - b->centre) * (g - b->centre);
    return exp(-0.5 * z * z) / (b->sigma * sqrt(2.0 * M_PI)) * g;
}

int conv_bc(const conv_q_t *q, double tol, int max_iter, double *mean, double *sd,
            double *lambda, char *err, size_t errlen)
{
    static const char *names[] = { "min", "q1", "median", "q3", "max" };
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    gsl_integration_workspace *ws = NULL;
    bc_data_t d;
    conv_q_t t;
    double p[5], lam, mu, sigma;
    int ret = -1;
    if (q->n < 3.0) {
        conv_err(err, errlen, "n: %g is below 3 (bc)", q->n);
        goto out;
    }
    {
        const double v[] = { q->a, q->q1, q->m, q->q3, q->b };
        for (int i = 0; i < 5; i++)
            if (!isnan(v[i]) && !(v[i] > 0.0)) {
                conv_err(err, errlen, "%s: %g is not positive (bc takes powers and logs)", names[i], v[i]);
                goto out;
            }
    }
    d.k = scen_quants(q, p, d.x);
    if (bc_lambda(&d, tol, max_iter, &lam)) {
        conv_err(err, errlen, "bc: out of memory");
        goto out;
    }
    lam = fabs(lam) < 1e-8 ? 0.0 : fmax(0.0, lam);      /* estmeansd round_lambda */
    /* Luo mean and Wan SD of the transformed quantiles (estmeansd uses metaBLUE's) */
    t = *q;
    t.a = isnan(q->a) ? NAN : bc_transform(q->a, lam);
    t.q1 = isnan(q->q1) ? NAN : bc_transform(q->q1, lam);
    t.m = bc_transform(q->m, lam);
    t.q3 = isnan(q->q3) ? NAN : bc_transform(q->q3, lam);
    t.b = isnan(q->b) ? NAN : bc_transform(q->b, lam);
    mu = conv_luo_mean(&t);
    sigma = conv_wan_sd(&t);
    *lambda = lam;

    /* Back-transform. estmeansd by default (avoid.mc = FALSE) draws n + 1000 normals
     * N(mu, sigma), keeps those inside the support symmetric about mu, [-1/lambda,
     * 2 mu + 1/lambda] (all of them when lambda < 1e-8), maps them back with
     * (lambda y + 1)^(1/lambda) (exp for lambda 0) and reports their sample mean and sample
     * SD (divisor: number kept - 1). Here, as in estmeansd's avoid.mc = TRUE path, we compute
     * what that sample estimates: the mean and the (population) SD of the back-transformed
     * truncated normal, by adaptive quadrature to relative accuracy tol (R integrate():
     * about 1.2e-4) when lambda > 0.01, and the log-normal closed form
     * exp(mu + sigma^2/2), sqrt((e^{sigma^2} - 1) e^{2 mu + sigma^2}) when lambda <= 0.01
     * (exact at lambda = 0, estmeansd's approximation for 0 < lambda <= 0.01). So the
     * numbers differ from estmeansd's Monte-Carlo ones by its sampling error (SD about
     * sd / sqrt(n + 1000) for the mean) and by the n - 1 divisor, and never vary. */
    if (lam > 1e-2) {
        bc_int_t bi = { mu, sigma, lam, 0.0, 0 };
        gsl_function fn = { bc_integrand, &bi };
        double half = mu + 1.0 / lam, w = fmin(half, 40.0 * sigma), norm, e, v, ae;
        norm = 1.0 - 2.0 * gsl_cdf_gaussian_P(-half, sigma);
        ws = gsl_integration_workspace_alloc(BC_QUAD_WS);
        if (!ws) {
            conv_err(err, errlen, "bc: out of memory");
            goto out;
        }
        if (gsl_integration_qags(&fn, mu - w, mu + w, 0.0, fmax(tol, 1e-13), BC_QUAD_WS, ws, &e, &ae)
            != GSL_SUCCESS) {
            conv_err(err, errlen, "bc: back-transform integral for the mean did not converge");
            goto out;
        }
        e /= norm;
        bi.square = 1;
        bi.centre = e;
        if (gsl_integration_qags(&fn, mu - w, mu + w, 0.0, fmax(tol, 1e-13), BC_QUAD_WS, ws, &v, &ae)
            != GSL_SUCCESS) {
            conv_err(err, errlen, "bc: back-transform integral for the SD did not converge");
            goto out;
        }
        *mean = e;
        *sd = sqrt(v / norm);
    } else {
        *mean = exp(mu + sigma * sigma / 2.0);
        *sd = sqrt(expm1(sigma * sigma) * exp(2.0 * mu + sigma * sigma));
    }
    if (!isfinite(*mean) || !isfinite(*sd) || !(*sd > 0.0)) {
        conv_err(err, errlen, "bc: back-transformed mean or SD is not finite");
        goto out;
    }
    ret = 0;
out:
    gsl_integration_workspace_free(ws);
    gsl_set_error_handler(old);
    return ret;
}

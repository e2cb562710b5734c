/* es.c - effect sizes as metafor's escalc (3.8): MN, MD, SMD, ROM, OR, RR, RD, and the log
 * hazard ratio from an HR and its CI (generic inverse variance). */
#include "pool.h"
#include "pool_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

static const struct { pool_measure_t m; const char *name; } measures[] = {
    { POOL_GEN, "GEN" }, { POOL_MN, "MN" }, { POOL_MD, "MD" }, { POOL_SMD, "SMD" },
    { POOL_ROM, "ROM" }, { POOL_OR, "OR" }, { POOL_RR, "RR" }, { POOL_RD, "RD" }, { POOL_HR, "HR" },
};

pool_measure_t pool_measure_parse(const char *s)
{
    for (size_t i = 0; i < sizeof measures / sizeof *measures; i++)
        if (strcasecmp_ascii(s, measures[i].name) == 0) return measures[i].m;
    return POOL_NONE;
}

const char *pool_measure_name(pool_measure_t m)
{
    for (size_t i = 0; i < sizeof measures / sizeof *measures; i++)
        if (measures[i].m == m) return measures[i].name;
    return "GEN";
}

int pool_measure_is_log(pool_measure_t m)
{
    return m == POOL_OR || m == POOL_RR || m == POOL_ROM || m == POOL_HR;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

static int need(double x, const char *name, char *err, size_t errlen)
{
    if (isnan(x)) FAIL("column %s: missing", name);
    return 0;
}

/* metafor's .cmicalc: exact small-sample correction of Hedges' g */
static double cmi(double m)
{
    return exp(lgamma(m / 2) - log(sqrt(m / 2)) - lgamma((m - 1) / 2));
}

int pool_es(pool_measure_t m, const pool_arms_t *a, double *yi, double *vi,
            char *err, size_t errlen)
{
    switch (m) {
    case POOL_MN:
        if (need(a->m1, "mi", err, errlen) || need(a->sd1, "sdi", err, errlen) ||
            need(a->n1, "ni", err, errlen)) return -1;
        if (a->sd1 < 0) FAIL("column sdi: negative SD %g", a->sd1);
        if (a->n1 < 1) FAIL("column ni: n = %g is below 1", a->n1);
        *yi = a->m1;
        *vi = a->sd1 * a->sd1 / a->n1;
        return 0;
    case POOL_MD: case POOL_SMD: case POOL_ROM:
        if (need(a->m1, "m1i", err, errlen) || need(a->sd1, "sd1i", err, errlen) ||
            need(a->n1, "n1i", err, errlen) || need(a->m2, "m2i", err, errlen) ||
            need(a->sd2, "sd2i", err, errlen) || need(a->n2, "n2i", err, errlen)) return -1;
        if (a->sd1 < 0) FAIL("column sd1i: negative SD %g", a->sd1);
        if (a->sd2 < 0) FAIL("column sd2i: negative SD %g", a->sd2);
        if (a->n1 < 2) FAIL("column n1i: n = %g is below 2", a->n1);
        if (a->n2 < 2) FAIL("column n2i: n = %g is below 2", a->n2);
        if (m == POOL_MD) {
            *yi = a->m1 - a->m2;
            *vi = a->sd1 * a->sd1 / a->n1 + a->sd2 * a->sd2 / a->n2;
        } else if (m == POOL_SMD) {
            double mi = a->n1 + a->n2 - 2;
            double sp = sqrt(((a->n1 - 1) * a->sd1 * a->sd1 + (a->n2 - 1) * a->sd2 * a->sd2) / mi);
            if (!(sp > 0)) FAIL("column sd1i: both SDs are 0, SMD undefined");
            *yi = cmi(mi) * (a->m1 - a->m2) / sp;
            *vi = 1 / a->n1 + 1 / a->n2 + *yi * *yi / (2 * (a->n1 + a->n2));
        } else {
            if (!(a->m1 > 0)) FAIL("column m1i: ROM needs a positive mean (%g)", a->m1);
            if (!(a->m2 > 0)) FAIL("column m2i: ROM needs a positive mean (%g)", a->m2);
            *yi = log(a->m1 / a->m2);
            *vi = a->sd1 * a->sd1 / (a->n1 * a->m1 * a->m1) + a->sd2 * a->sd2 / (a->n2 * a->m2 * a->m2);
        }
        return 0;
    case POOL_OR: case POOL_RR: case POOL_RD: {
        if (need(a->ai, "ai", err, errlen) || need(a->bi, "bi", err, errlen) ||
            need(a->ci, "ci", err, errlen) || need(a->di, "di", err, errlen)) return -1;
        double A = a->ai, B = a->bi, C = a->ci, D = a->di;
        if (A < 0) FAIL("column ai: negative count %g", A);
        if (B < 0) FAIL("column bi: negative count %g (ai > n1i?)", B);
        if (C < 0) FAIL("column ci: negative count %g", C);
        if (D < 0) FAIL("column di: negative count %g (ci > n2i?)", D);
        if (A + B == 0) FAIL("column ai: arm 1 has no participants");
        if (C + D == 0) FAIL("column ci: arm 2 has no participants");
        if (A == 0 || B == 0 || C == 0 || D == 0) { A += .5; B += .5; C += .5; D += .5; }
        double n1 = A + B, n2 = C + D;
        if (m == POOL_OR) {
            *yi = log(A * D / (B * C));
            *vi = 1 / A + 1 / B + 1 / C + 1 / D;
        } else if (m == POOL_RR) {
            *yi = log((A / n1) / (C / n2));
            *vi = 1 / A - 1 / n1 + 1 / C - 1 / n2;
        } else {
            double p1 = A / n1, p2 = C / n2;
            *yi = p1 - p2;
            *vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
        }
        return 0;
    }
    default:
        FAIL("measure %s needs yi/vi columns", pool_measure_name(m));
    }
}

int pool_es_hr(double hr, double lb, double ub, double level, double *yi, double *vi,
               char *err, size_t errlen)
{
    if (!(hr > 0)) FAIL("column hr: a hazard ratio must be positive (%g)", hr);
    if (!(lb > 0)) FAIL("column ci_lb: the CI bound must be positive (%g)", lb);
    if (!(ub > lb)) FAIL("column ci_ub: upper bound %g is not above the lower %g", ub, lb);
    if (hr < lb || hr > ub) FAIL("column hr: %g is outside its CI %g to %g", hr, lb, ub);
    double z = gsl_cdf_ugaussian_Pinv(1 - (1 - level / 100) / 2);
    double se = (log(ub) - log(lb)) / (2 * z);
    *yi = log(hr);
    *vi = se * se;
    return 0;
}

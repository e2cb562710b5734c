/* test_pool_rma.c - each model: the tau2 estimators against metafor's tight values
 * (pooling.md 4.2, dat.bcg), EB == PM, the ML boundary case (interior local maximum, global one
 * at tau2 = 0, as metafor's ll0check), PM at Q(0) < k - 1, the Q-profile search that must
 * extend past metafor's default limit, convergence options, invariances, and refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pool.h"

/* dat.bcg, RR (log): escalc yi / vi */
static const double bcg_y[13] = { -0.889311333920205, -1.58538865720143, -1.34807314829969,
    -1.44155119002131, -0.217547322211296, -0.786115585818864, -1.62089822359839,
    0.0119523335238405, -0.469417648738149, -1.37134480347278, -0.339358828338391,
    0.445913400571379, -0.0173139482168798 };
static const double bcg_v[13] = { 0.325584765003961, 0.194581121398144, 0.415367965367965,
    0.0200100319022476, 0.0512101721696309, 0.00690561845590876, 0.223017247572315,
    0.00396157929781773, 0.056434210463249, 0.0730247936130289, 0.0124122139715597,
    0.532505845200153, 0.0714046596839863 };

static void near(double got, double want, double rel, const char *what)
{
    if (!(fabs(got - want) <= fmax(rel * fabs(want), 1e-13)))
        fail_msg("%s: got %.17g, want %.17g", what, got, want);
}

static void fit(pool_method_t m, pool_test_t t, pool_fit_t *f)
{
    pool_opts_t o;
    char err[256];
    pool_opts_default(&o);
    o.method = m;
    o.test = t;
    if (pool_rma(bcg_y, bcg_v, NULL, 13, 1, &o, f, err, sizeof err)) fail_msg("%s", err);
}

/* pooling.md 4.2, dat.bcg RR, conv = tight (12 significant digits printed there) */
static void test_estimators_bcg(void **state)
{
    (void)state;
    static const struct { pool_method_t m; double tau2, est, se, I2; } ref[] = {
        { POOL_DL, 0.308760262862, -0.714117222073, 0.178742089535, 92.1173468546 },
        { POOL_REML, 0.313243258136, -0.714532342158, 0.179781516105, 92.2213845213 },
        { POOL_PM, 0.318068452205, -0.714968153493, 0.180892191538, 92.3303379542 },
        { POOL_ML, 0.280028137269, -0.711199135474, 0.171896808777, 91.3782837894 },
        { POOL_HS, 0.228362863677, -0.704535373916, 0.158652093057, 89.6299666641 },
        { POOL_SJ, 0.345515701599, -0.717248592558, 0.187059458416, 92.8963240955 },
        { POOL_EB, 0.318068452205, -0.714968153493, 0.180892191538, 92.3303379542 },
        { POOL_HE, 0.328563857996, -0.715878588759, 0.183279985989, 92.5570974066 },
        { POOL_FE, 0, -0.430285163654, 0.0404987517109, 92.1173468546 } };
    for (size_t i = 0; i < sizeof ref / sizeof *ref; i++) {
        pool_fit_t f;
        fit(ref[i].m, POOL_TEST_Z, &f);
        const char *n = pool_method_name(ref[i].m);
        near(f.tau2, ref[i].tau2, 1e-11, n);
        near(f.estimate, ref[i].est, 1e-11, n);
        near(f.sei, ref[i].se, 1e-10, n);
        near(f.I2, ref[i].I2, 1e-11, n);
        near(f.Q, 152.233008082, 1e-11, n);
        if (ref[i].m == POOL_FE) assert_true(isnan(f.pi_lb) && isnan(f.tau2_ci_lb));
        else near(f.tau2_ci_ub, 1.11147908406, 1e-10, n);   /* QP does not depend on the estimator */
    }
    /* Knapp-Hartung, REML: se 0.180791744093, CI -1.10844371369 .. -0.320620970631,
     * PI (t(k-1), KH SE) -1.9960168342 .. 0.56695214988 */
    pool_fit_t f;
    fit(POOL_REML, POOL_TEST_KNHA, &f);
    near(f.sei, 0.180791744093, 1e-10, "knha se");
    near(f.lb, -1.10844371369, 1e-10, "knha ci_lb");
    near(f.pi_lb, -1.9960168342, 1e-10, "knha pi_lb");
    near(f.pi_ub, 0.56695214988, 1e-10, "knha pi_ub");
    near(f.pv, 0.00192001509606, 1e-9, "knha p");
    assert_true(f.ddf == 12);
}

/* EB's fixed point is PM's root; both converge to machine precision */
static void test_eb_equals_pm(void **state)
{
    (void)state;
    pool_fit_t a, b;
    fit(POOL_EB, POOL_TEST_Z, &a);
    fit(POOL_PM, POOL_TEST_Z, &b);
    near(a.tau2, b.tau2, 1e-13, "EB vs PM");
    /* at the PM root Q(tau2) = k - 1, so the KH factor is 1 and the KH SE is the Wald SE */
    pool_fit_t c;
    fit(POOL_PM, POOL_TEST_KNHA, &c);
    near(c.sei, b.sei, 1e-12, "PM knha se");
}

/* ML: an interior local maximum (tau2 ~ 1.2) below the likelihood at tau2 = 0; metafor
 * (ll0check) and pool both report tau2 = 0, from any start */
static void test_ml_boundary(void **state)
{
    (void)state;
    const double y[3] = { 2.6, -1.5, -0.2 }, v[3] = { 1.18, 1.16, 0.07 };
    pool_opts_t o;
    pool_fit_t f;
    char err[256];
    pool_opts_default(&o);
    o.method = POOL_ML;
    double inits[] = { NAN, 1, 5, 0 };
    for (size_t i = 0; i < 4; i++) {
        o.tau2_init = inits[i];
        assert_int_equal(pool_rma(y, v, NULL, 3, 1, &o, &f, err, sizeof err), 0);
        assert_true(f.tau2 == 0);
        near(f.estimate, -0.12171473313323766, 1e-12, "ML boundary estimate");
    }
    /* started at the interior maximum the boundary is still found */
    o.tau2_init = 1.2;
    assert_int_equal(pool_rma(y, v, NULL, 3, 1, &o, &f, err, sizeof err), 0);
    assert_true(f.tau2 == 0 && f.boundary == 1);
}

/* homogeneous studies: Q(0) < k - 1 gives tau2 = 0 for every estimator; the QP CI is [0, 0]
 * when Q(0) is below the lower chi-square quantile */
static void test_homogeneous(void **state)
{
    (void)state;
    const double y[5] = { 0.10, 0.11, 0.09, 0.10, 0.105 }, v[5] = { 0.04, 0.05, 0.03, 0.06, 0.04 };
    pool_method_t ms[] = { POOL_DL, POOL_REML, POOL_ML, POOL_PM, POOL_HS, POOL_HE, POOL_EB };
    for (size_t i = 0; i < sizeof ms / sizeof *ms; i++) {
        pool_opts_t o;
        pool_fit_t f;
        char err[256];
        pool_opts_default(&o);
        o.method = ms[i];
        assert_int_equal(pool_rma(y, v, NULL, 5, 1, &o, &f, err, sizeof err), 0);
        if (f.tau2 != 0) fail_msg("%s: tau2 %g", pool_method_name(ms[i]), f.tau2);
        assert_true(f.I2 == 0 && f.H2 == 1);
        assert_true(f.tau2_ci_lb == 0 && f.tau2_ci_ub == 0);
    }
}

/* dat.normand1999 MD, DL: the QP upper bound 2889.45134912 lies beyond metafor's default search
 * limit (10 tau2 = 2054.09, where metafor prints ">2054.09"); pool extends the search */
static void test_qprofile_extends(void **state)
{
    (void)state;
    const double y[9] = { -20, -2, -55, -71, -4, 1, 11, -10, 7 };
    double v[9];
    const double sd1[9] = { 47, 7, 17, 20, 8, 7, 45, 16, 27 }, n1[9] = { 155, 31, 75, 18, 8, 57, 34, 110, 60 };
    const double sd2[9] = { 64, 4, 29, 48, 11, 4, 34, 27, 20 }, n2[9] = { 156, 32, 71, 18, 13, 52, 33, 183, 52 };
    for (int i = 0; i < 9; i++) v[i] = sd1[i] * sd1[i] / n1[i] + sd2[i] * sd2[i] / n2[i];
    pool_opts_t o;
    pool_fit_t f;
    char err[256];
    pool_opts_default(&o);
    o.method = POOL_DL;
    assert_int_equal(pool_rma(y, v, NULL, 9, 1, &o, &f, err, sizeof err), 0);
    near(f.tau2, 205.409375468, 1e-10, "DL tau2");
    assert_true(f.tau2_ci_ub > 10 * f.tau2);
    near(f.tau2_ci_lb, 292.918121657, 1e-9, "QP lb");
    near(f.tau2_ci_ub, 2889.45134912, 1e-9, "QP ub");
    assert_false(f.tau2_ci_ub_cens);
    near(f.I2_ub, 99.7543182498, 1e-9, "I2 ub");
    near(f.H2_lb, 42.1613548703, 1e-9, "H2 lb");
}

static void test_convergence_options(void **state)
{
    (void)state;
    pool_opts_t o;
    pool_fit_t f, g;
    char err[256];
    pool_opts_default(&o);
    o.method = POOL_REML;
    o.maxiter = 2;
    assert_int_equal(pool_rma(bcg_y, bcg_v, NULL, 13, 1, &o, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "did not converge in 2 iterations"));
    o.maxiter = 10000;
    assert_int_equal(pool_rma(bcg_y, bcg_v, NULL, 13, 1, &o, &f, err, sizeof err), 0);
    assert_true(f.converged && f.iter > 2 && f.iter < 100);
    o.tau2_init = 3;
    assert_int_equal(pool_rma(bcg_y, bcg_v, NULL, 13, 1, &o, &g, err, sizeof err), 0);
    near(g.tau2, f.tau2, 1e-13, "REML from another start");
    o.tau2_init = NAN;
    o.tol = 1e-3;
    assert_int_equal(pool_rma(bcg_y, bcg_v, NULL, 13, 1, &o, &g, err, sizeof err), 0);
    assert_true(g.iter < f.iter);
    assert_true(fabs(g.tau2 - f.tau2) < 1e-2 * f.tau2);
}

/* permutation invariance and location equivariance */
static void test_invariances(void **state)
{
    (void)state;
    double y[13], v[13];
    pool_method_t ms[] = { POOL_FE, POOL_DL, POOL_REML, POOL_ML, POOL_PM, POOL_HS, POOL_SJ, POOL_HE, POOL_EB };
    for (size_t m = 0; m < sizeof ms / sizeof *ms; m++) {
        pool_opts_t o;
        pool_fit_t a, b;
        char err[256];
        pool_opts_default(&o);
        o.method = ms[m];
        for (int i = 0; i < 13; i++) { y[i] = bcg_y[12 - i] + 100; v[i] = bcg_v[12 - i]; }
        assert_int_equal(pool_rma(bcg_y, bcg_v, NULL, 13, 1, &o, &a, err, sizeof err), 0);
        assert_int_equal(pool_rma(y, v, NULL, 13, 1, &o, &b, err, sizeof err), 0);
        near(b.estimate - 100, a.estimate, 1e-10, pool_method_name(ms[m]));
        near(b.tau2, a.tau2, 1e-10, pool_method_name(ms[m]));
        near(b.Q, a.Q, 1e-9, pool_method_name(ms[m]));
    }
}

static void test_refusals(void **state)
{
    (void)state;
    pool_opts_t o;
    pool_fit_t f;
    char err[256];
    pool_opts_default(&o);
    const double y[3] = { 1, 2, 3 }, v0[3] = { 0, 0, 0 }, v1[3] = { 0.1, 0, 0.2 };
    const double vneg[3] = { 0.1, -1, 0.2 };
    assert_int_equal(pool_rma(y, v0, NULL, 1, 1, &o, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "k = 1"));
    assert_int_equal(pool_rma(y, v0, NULL, 3, 1, &o, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "every vi is 0"));
    assert_int_equal(pool_rma(y, v1, NULL, 3, 1, &o, &f, err, sizeof err), -1);
    assert_non_null(strstr(err, "vi = 0"));
    assert_int_equal(pool_rma(y, vneg, NULL, 3, 1, &o, &f, err, sizeof err), -1);
    o.level = 100;
    assert_int_equal(pool_rma(y, v1, NULL, 3, 1, &o, &f, err, sizeof err), -1);
    /* Egger's test with equal SEs: the model matrix is singular */
    pool_data_t d;
    pool_regtest_t r;
    pool_data_init(&d);
    for (int i = 0; i < 4; i++) assert_int_equal(pool_data_add(&d, NULL, NULL, NULL, 0, NAN, i, 0.5), 0);
    pool_opts_default(&o);
    assert_int_equal(pool_regtest(&d, &o, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "singular"));
    pool_data_destroy(&d);
    pool_data_destroy(NULL);
}

/* k = 2 and the knha t(1) quantiles */
static void test_two_studies(void **state)
{
    (void)state;
    const double y[2] = { 0.2, 0.8 }, v[2] = { 0.04, 0.09 };
    pool_opts_t o;
    pool_fit_t f;
    char err[256];
    pool_opts_default(&o);
    o.method = POOL_DL;
    o.test = POOL_TEST_KNHA;
    assert_int_equal(pool_rma(y, v, NULL, 2, 1, &o, &f, err, sizeof err), 0);
    assert_true(f.ddf == 1 && isfinite(f.lb) && f.ub - f.lb > 5);
}

/* --level 90 with Knapp-Hartung on dat.hackshaw1998 (metafor 3.8-1: rma(level = 90, test =
 * "knha"), predict(), confint(); values printed by R with 12 digits) */
static void test_level90(void **state)
{
    (void)state;
    pool_data_t d;
    pool_opts_t o;
    pool_fit_t f;
    char err[256];
    pool_data_init(&d);
    assert_int_equal(pool_csv_read("tests/ref/input/hackshaw.csv", POOL_NONE, NULL, &d, err, sizeof err), 0);
    pool_opts_default(&o);
    o.test = POOL_TEST_KNHA;
    o.level = 90;
    assert_int_equal(pool_fit_data(&d, &o, &f, err, sizeof err), 0);
    near(f.lb, 0.14094276076, 1e-10, "ci_lb");
    near(f.ub, 0.296835702459, 1e-10, "ci_ub");
    near(f.pi_lb, -0.045511761432, 1e-10, "pi_lb");
    near(f.pi_ub, 0.483290224651, 1e-10, "pi_ub");
    assert_true(f.tau2_ci_lb == 0);
    near(f.tau2_ci_ub, 0.0540508068414, 1e-10, "tau2_ci_ub");
    pool_data_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_estimators_bcg),
        cmocka_unit_test(test_eb_equals_pm),
        cmocka_unit_test(test_ml_boundary),
        cmocka_unit_test(test_homogeneous),
        cmocka_unit_test(test_qprofile_extends),
        cmocka_unit_test(test_convergence_options),
        cmocka_unit_test(test_invariances),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_two_studies),
        cmocka_unit_test(test_level90),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_pool_ref.c - bin/pool against metafor: every field of the JSON summary, for every
 * method (FE DL REML ML PM HS SJ HE EB) and test (z, knha) on ten data sets, plus leave1out,
 * subgroups and regtest. Reference values: the CSV files in tests/ref, made by tests/ref/metafor_ref.R
 * (metafor 3.8-1, tight control). The library path always runs; when $BIN is set (tests/run.sh
 * sets it) bin/pool --format json is run on the same inputs and its output checked the same way. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "pool.h"
#include "pool_priv.h"
#include "num.h"

#define REF "tests/ref/"

/* ---- a reference CSV in memory ---- */

typedef struct {
    size_t ncol, nrow;
    char **hdr;
    char ***cell;     /* nrow x ncol */
} tab_t;

static void tab_free(tab_t *t)
{
    for (size_t r = 0; r < t->nrow; r++) {
        for (size_t c = 0; c < t->ncol; c++) free(t->cell[r][c]);
        free(t->cell[r]);
    }
    for (size_t c = 0; c < t->ncol; c++) free(t->hdr[c]);
    free(t->cell);
    free(t->hdr);
    memset(t, 0, sizeof *t);
}

static void tab_read(const char *path, tab_t *t)
{
    memset(t, 0, sizeof *t);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    csv_reader_t r;
    csv_init(&r, fp);
    char err[200];
    assert_int_equal(csv_next(&r, err, sizeof err), 1);
    t->ncol = r.nf;
    t->hdr = calloc(t->ncol, sizeof *t->hdr);
    for (size_t c = 0; c < t->ncol; c++) t->hdr[c] = strdup(r.fields[c]);
    size_t cap = 0;
    int rc;
    while ((rc = csv_next(&r, err, sizeof err)) == 1) {
        assert_int_equal(r.nf, t->ncol);
        if (t->nrow == cap) {
            cap = cap ? 2 * cap : 64;
            t->cell = realloc(t->cell, cap * sizeof *t->cell);
        }
        t->cell[t->nrow] = calloc(t->ncol, sizeof **t->cell);
        for (size_t c = 0; c < t->ncol; c++) t->cell[t->nrow][c] = strdup(r.fields[c]);
        t->nrow++;
    }
    assert_int_equal(rc, 0);
    csv_destroy(&r);
    fclose(fp);
}

static int col(const tab_t *t, const char *name)
{
    for (size_t c = 0; c < t->ncol; c++) if (strcmp(t->hdr[c], name) == 0) return (int)c;
    fail_msg("no column %s", name);
    return -1;
}

static const char *S(const tab_t *t, size_t r, const char *name) { return t->cell[r][col(t, name)]; }

static double D(const tab_t *t, size_t r, const char *name)
{
    const char *s = S(t, r, name);
    double x;
    if (strcmp(s, "NA") == 0) return NAN;
    assert_int_equal(num_parse(s, strlen(s), &x), 0);
    return x;
}

/* ---- comparisons ---- */

static int nchecked;

static void close_to(double got, double want, double rel, const char *what, const char *ctx)
{
    nchecked++;
    if (isnan(want) && isnan(got)) return;
    if (isnan(want) != isnan(got))
        fail_msg("%s %s: got %.17g, metafor %.17g", ctx, what, got, want);
    double tol = fmax(rel * fabs(want), 1e-12);
    if (!(fabs(got - want) <= tol))
        fail_msg("%s %s: got %.17g, metafor %.17g (rel diff %.3g)", ctx, what, got, want,
                 fabs(got - want) / fmax(fabs(want), 1e-300));
}

static double jnum(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    if (!v) fail_msg("JSON has no field %s", k);
    if (json_is_null(v)) return NAN;
    if (!json_is_number(v)) fail_msg("JSON field %s is not a number", k);
    return json_number_value(v);
}

static pool_measure_t case_measure(const tab_t *cases, const char *name, const char **input)
{
    for (size_t r = 0; r < cases->nrow; r++)
        if (strcmp(S(cases, r, "case"), name) == 0) {
            *input = S(cases, r, "input");
            const char *m = S(cases, r, "measure");
            return m[0] ? pool_measure_parse(m) : POOL_NONE;
        }
    fail_msg("no case %s", name);
    return POOL_NONE;
}

static void set_opts(pool_opts_t *o, const char *method, const char *test)
{
    pool_opts_default(o);
    assert_int_equal(pool_method_parse(method, &o->method), 0);
    o->test = strcmp(test, "knha") == 0 ? POOL_TEST_KNHA : POOL_TEST_Z;
}

/* The JSON summary's fields against summary.csv row r and studies.csv. */
static void check_json(json_t *j, const tab_t *sum, size_t r, const tab_t *stud, const char *ctx)
{
    static const char *fields[] = { "estimate", "se", "stat", "pval", "ci_lb", "ci_ub", "pi_lb",
        "pi_ub", "tau2", "tau", "I2", "H2", "Q", "Q_df", "Q_p" };
    assert_true(json_is_object(j));
    close_to(jnum(j, "k"), D(sum, r, "k"), 0, "k", ctx);
    assert_string_equal(json_string_value(json_object_get(j, "method")), S(sum, r, "method"));
    assert_string_equal(json_string_value(json_object_get(j, "test")), S(sum, r, "test"));
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        close_to(jnum(j, fields[i]), D(sum, r, fields[i]), 1e-8, fields[i], ctx);
    close_to(jnum(j, "tau2_ci_lb"), D(sum, r, "tau2_ci_lb"), 1e-6, "tau2_ci_lb", ctx);
    close_to(jnum(j, "tau2_ci_ub"), D(sum, r, "tau2_ci_ub"), 1e-6, "tau2_ci_ub", ctx);
    json_t *st = json_object_get(j, "studies");
    assert_true(json_is_array(st));
    size_t n = 0;
    for (size_t s = 0; s < stud->nrow; s++) {
        if (strcmp(S(stud, s, "case"), S(sum, r, "case")) || strcmp(S(stud, s, "method"), S(sum, r, "method")) ||
            strcmp(S(stud, s, "test"), S(sum, r, "test"))) continue;
        size_t i = (size_t)D(stud, s, "study") - 1;
        json_t *o = json_array_get(st, i);
        assert_non_null(o);
        assert_true(json_is_string(json_object_get(o, "study")));
        static const char *sf[] = { "yi", "vi", "weight", "ci_lb", "ci_ub" };
        char c2[200];
        snprintf(c2, sizeof c2, "%s study %zu", ctx, i + 1);
        for (size_t f = 0; f < 5; f++) close_to(jnum(o, sf[f]), D(stud, s, sf[f]), 1e-8, sf[f], c2);
        n++;
    }
    assert_int_equal(n, json_array_size(st));
}

static json_t *lib_json(const char *input, pool_measure_t m, const pool_opts_t *o)
{
    pool_data_t d;
    pool_fit_t f;
    char err[512], path[256], *buf = NULL;
    size_t len = 0;
    pool_data_init(&d);
    snprintf(path, sizeof path, REF "input/%s", input);
    if (pool_csv_read(path, m, NULL, &d, err, sizeof err)) fail_msg("%s", err);
    if (pool_fit_data(&d, o, &f, err, sizeof err)) fail_msg("%s: %s", path, err);
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(pool_write_json(fp, &d, &f), 0);
    fclose(fp);
    json_error_t je;
    json_t *j = json_loads(buf, 0, &je);
    if (!j) fail_msg("bad JSON: %s", je.text);
    free(buf);
    pool_data_destroy(&d);
    return j;
}

static json_t *bin_json(const char *bin, const char *input, const char *measure, const char *method,
                        const char *test, const char *extra)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s/pool --format json %s%s --method %s --test %s %s " REF "input/%s",
             bin, measure[0] ? "--measure " : "", measure, method, test, extra, input);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    json_error_t je;
    json_t *j = json_loadf(p, 0, &je);
    int st = pclose(p);
    if (!j || st != 0) fail_msg("%s: exit %d, %s", cmd, st, j ? "" : je.text);
    return j;
}

static void test_summary(void **state)
{
    (void)state;
    tab_t cases, sum, stud;
    tab_read(REF "cases.csv", &cases);
    tab_read(REF "summary.csv", &sum);
    tab_read(REF "studies.csv", &stud);
    assert_true(sum.nrow >= 180);
    const char *bin = getenv("BIN");
    for (size_t r = 0; r < sum.nrow; r++) {
        const char *input, *cs = S(&sum, r, "case"), *meth = S(&sum, r, "method"), *test = S(&sum, r, "test");
        pool_measure_t m = case_measure(&cases, cs, &input);
        pool_opts_t o;
        set_opts(&o, meth, test);
        char ctx[128];
        snprintf(ctx, sizeof ctx, "%s %s %s", cs, meth, test);
        json_t *j = lib_json(input, m, &o);
        check_json(j, &sum, r, &stud, ctx);
        json_decref(j);
        if (bin && bin[0]) {
            const char *ms = "";
            for (size_t c = 0; c < cases.nrow; c++)
                if (strcmp(S(&cases, c, "case"), cs) == 0) ms = S(&cases, c, "measure");
            j = bin_json(bin, input, ms, meth, test, "");
            strncat(ctx, " (bin/pool)", sizeof ctx - strlen(ctx) - 1);
            check_json(j, &sum, r, &stud, ctx);
            json_decref(j);
        }
    }
    printf("summary: %d values within tolerance of metafor (%zu fits%s)\n", nchecked, sum.nrow,
           bin && bin[0] ? ", library and bin/pool" : ", library only: BIN not set");
    tab_free(&cases); tab_free(&sum); tab_free(&stud);
}

static void load(const tab_t *cases, const char *cs, const char *by, pool_data_t *d)
{
    const char *input;
    pool_measure_t m = case_measure(cases, cs, &input);
    char err[512], path[256];
    snprintf(path, sizeof path, REF "input/%s", input);
    pool_csv_opts_t co = { NULL, by, 95, 0 };
    pool_data_init(d);
    if (pool_csv_read(path, m, &co, d, err, sizeof err)) fail_msg("%s", err);
}

static void test_leave1out(void **state)
{
    (void)state;
    tab_t cases, l;
    tab_read(REF "cases.csv", &cases);
    tab_read(REF "leave1out.csv", &l);
    size_t r = 0, nfits = 0;
    while (r < l.nrow) {
        const char *cs = S(&l, r, "case"), *meth = S(&l, r, "method"), *test = S(&l, r, "test");
        pool_data_t d;
        load(&cases, cs, NULL, &d);
        pool_opts_t o;
        set_opts(&o, meth, test);
        pool_fit_t *f = calloc(d.k, sizeof *f);
        char err[512];
        if (pool_leave1out(&d, &o, f, err, sizeof err)) fail_msg("%s", err);
        for (size_t i = 0; i < d.k; i++, r++) {
            assert_true(r < l.nrow);
            assert_string_equal(S(&l, r, "case"), cs);
            assert_int_equal((size_t)D(&l, r, "study"), i + 1);
            char ctx[128];
            snprintf(ctx, sizeof ctx, "leave1out %s %s %s -%zu", cs, meth, test, i + 1);
            close_to(f[i].estimate, D(&l, r, "estimate"), 1e-8, "estimate", ctx);
            close_to(f[i].sei, D(&l, r, "se"), 1e-8, "se", ctx);
            close_to(f[i].zval, D(&l, r, "stat"), 1e-8, "stat", ctx);
            close_to(f[i].pv, D(&l, r, "pval"), 1e-8, "pval", ctx);
            close_to(f[i].lb, D(&l, r, "ci_lb"), 1e-8, "ci_lb", ctx);
            close_to(f[i].ub, D(&l, r, "ci_ub"), 1e-8, "ci_ub", ctx);
            close_to(f[i].Q, D(&l, r, "Q"), 1e-8, "Q", ctx);
            close_to(f[i].Q_p, D(&l, r, "Q_p"), 1e-8, "Q_p", ctx);
            close_to(f[i].tau2, D(&l, r, "tau2"), 1e-8, "tau2", ctx);
            close_to(f[i].I2, D(&l, r, "I2"), 1e-8, "I2", ctx);
            close_to(f[i].H2, D(&l, r, "H2"), 1e-8, "H2", ctx);
        }
        nfits++;
        free(f);
        pool_data_destroy(&d);
    }
    printf("leave1out: %zu analyses, %zu refits\n", nfits, l.nrow);
    tab_free(&cases); tab_free(&l);
}

static void test_regtest(void **state)
{
    (void)state;
    tab_t cases, g;
    tab_read(REF "cases.csv", &cases);
    tab_read(REF "regtest.csv", &g);
    for (size_t r = 0; r < g.nrow; r++) {
        const char *cs = S(&g, r, "case"), *meth = S(&g, r, "method"), *test = S(&g, r, "test");
        pool_data_t d;
        load(&cases, cs, NULL, &d);
        pool_opts_t o;
        set_opts(&o, meth, test);
        pool_regtest_t rt;
        char err[512], ctx[128];
        if (pool_regtest(&d, &o, &rt, err, sizeof err)) fail_msg("%s", err);
        snprintf(ctx, sizeof ctx, "regtest %s %s %s", cs, meth, test);
        close_to(rt.stat, D(&g, r, "stat"), 1e-8, "stat", ctx);
        close_to(rt.pval, D(&g, r, "pval"), 1e-8, "pval", ctx);
        close_to(rt.ddf, D(&g, r, "df"), 0, "df", ctx);
        close_to(rt.est, D(&g, r, "est"), 1e-8, "est", ctx);
        close_to(rt.ci_lb, D(&g, r, "ci_lb"), 1e-8, "ci_lb", ctx);
        close_to(rt.ci_ub, D(&g, r, "ci_ub"), 1e-8, "ci_ub", ctx);
        pool_data_destroy(&d);
    }
    printf("regtest: %zu tests\n", g.nrow);
    tab_free(&cases); tab_free(&g);
}

static void test_by(void **state)
{
    (void)state;
    tab_t cases, b;
    tab_read(REF "cases.csv", &cases);
    tab_read(REF "by.csv", &b);
    size_t r = 0;
    while (r < b.nrow) {
        const char *cs = S(&b, r, "case"), *meth = S(&b, r, "method"), *test = S(&b, r, "test");
        pool_data_t d;
        load(&cases, cs, "group", &d);
        pool_opts_t o;
        set_opts(&o, meth, test);
        pool_by_t by;
        char err[512], ctx[160];
        if (pool_by(&d, &o, &by, err, sizeof err)) fail_msg("%s", err);
        snprintf(ctx, sizeof ctx, "by %s %s %s", cs, meth, test);
        close_to(by.moderated.QM, D(&b, r, "QM"), 1e-8, "QM", ctx);
        close_to(by.moderated.QM_df1, D(&b, r, "QM_df"), 0, "QM_df", ctx);
        close_to(by.moderated.QM_df2, D(&b, r, "QM_df2"), 0, "QM_df2", ctx);
        close_to(by.moderated.QM_p, D(&b, r, "QM_p"), 1e-8, "QM_p", ctx);
        close_to(by.moderated.Q, D(&b, r, "QE"), 1e-8, "QE", ctx);
        close_to(by.moderated.Q_df, D(&b, r, "QE_df"), 0, "QE_df", ctx);
        close_to(by.moderated.tau2, D(&b, r, "mods_tau2"), 1e-8, "mods tau2", ctx);
        for (size_t g = 0; g < by.ngroups; g++, r++) {
            assert_true(r < b.nrow);
            assert_string_equal(S(&b, r, "group"), by.name[g]);
            assert_int_equal(by.count[g], (size_t)D(&b, r, "k"));
            assert_true(by.fit_ok[g]);
            char c2[200];
            snprintf(c2, sizeof c2, "%s group %s", ctx, by.name[g]);
            close_to(by.fit[g].estimate, D(&b, r, "estimate"), 1e-8, "estimate", c2);
            close_to(by.fit[g].sei, D(&b, r, "se"), 1e-8, "se", c2);
            close_to(by.fit[g].lb, D(&b, r, "ci_lb"), 1e-8, "ci_lb", c2);
            close_to(by.fit[g].ub, D(&b, r, "ci_ub"), 1e-8, "ci_ub", c2);
            close_to(by.fit[g].tau2, D(&b, r, "tau2"), 1e-8, "tau2", c2);
        }
        pool_by_destroy(&by);
        pool_data_destroy(&d);
    }
    printf("by: %zu subgroup rows\n", b.nrow);
    tab_free(&cases); tab_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_leave1out),
        cmocka_unit_test(test_regtest),
        cmocka_unit_test(test_by),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

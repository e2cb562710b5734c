/* test_pool_es.c - effect sizes against metafor's escalc: the shared reference file
 * (tests/data/pool/metafor_ref_yi.csv: dat.bcg RR, dat.normand1999 MD/SMD), the escalc values
 * of tests/ref/escalc.csv, metafor's zero-cell rule (to = "only0") for OR/RR/RD, Hedges' exact
 * correction at tiny n, ROM, MN, log HR from a CI, and every refusal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "pool_priv.h"
#include "num.h"

static void near(double got, double want, double rel, const char *what)
{
    if (!(fabs(got - want) <= fmax(rel * fabs(want), 1e-15)))
        fail_msg("%s: got %.17g, metafor %.17g", what, got, want);
}

static pool_arms_t arms_none(void)
{
    pool_arms_t a;
    a.m1 = a.sd1 = a.n1 = a.m2 = a.sd2 = a.n2 = a.ai = a.bi = a.ci = a.di = NAN;
    return a;
}

static double num(const char *s)
{
    double x;
    assert_int_equal(num_parse(s, strlen(s), &x), 0);
    return x;
}

/* dat.bcg and dat.normand1999 from the shared reference, recomputed from the raw data. */
static void test_shared_reference(void **state)
{
    (void)state;
    /* dat.bcg: tpos tneg cpos cneg */
    static const double bcg[13][4] = {
        {4, 119, 11, 128}, {6, 300, 29, 274}, {3, 228, 11, 209}, {62, 13536, 248, 12619},
        {33, 5036, 47, 5761}, {180, 1361, 372, 1079}, {8, 2537, 10, 619}, {505, 87886, 499, 87892},
        {29, 7470, 45, 7232}, {17, 1699, 65, 1600}, {186, 50448, 141, 27197}, {5, 2493, 3, 2338},
        {27, 16886, 29, 17825} };
    /* dat.normand1999: n1i m1i sd1i n2i m2i sd2i */
    static const double nd[9][6] = {
        {155, 55, 47, 156, 75, 64}, {31, 27, 7, 32, 29, 4}, {75, 64, 17, 71, 119, 29},
        {18, 66, 20, 18, 137, 48}, {8, 14, 8, 13, 18, 11}, {57, 19, 7, 52, 18, 4},
        {34, 52, 45, 33, 41, 34}, {110, 21, 16, 183, 31, 27}, {60, 30, 27, 52, 23, 20} };
    FILE *fp = fopen("tests/data/pool/metafor_ref_yi.csv", "rb");
    assert_non_null(fp);
    csv_reader_t r;
    csv_init(&r, fp);
    char err[256];
    assert_int_equal(csv_next(&r, err, sizeof err), 1);
    int n = 0;
    while (csv_next(&r, err, sizeof err) == 1) {
        const char *ds = r.fields[0], *ms = r.fields[1];
        int i = (int)num(r.fields[2]) - 1;
        double yi = num(r.fields[3]), vi = num(r.fields[4]), y, v;
        pool_arms_t a = arms_none();
        pool_measure_t m;
        if (strcmp(ds, "dat.bcg") == 0) {
            a.ai = bcg[i][0]; a.bi = bcg[i][1]; a.ci = bcg[i][2]; a.di = bcg[i][3];
            m = POOL_RR;
        } else if (strcmp(ms, "MD") == 0 || strcmp(ms, "SMD (Hedges g)") == 0) {
            a.n1 = nd[i][0]; a.m1 = nd[i][1]; a.sd1 = nd[i][2];
            a.n2 = nd[i][3]; a.m2 = nd[i][4]; a.sd2 = nd[i][5];
            m = strcmp(ms, "MD") == 0 ? POOL_MD : POOL_SMD;
        } else {
            continue;   /* pooled-SD variant and hackshaw (yi given) */
        }
        assert_int_equal(pool_es(m, &a, &y, &v, err, sizeof err), 0);
        char what[64];
        snprintf(what, sizeof what, "%s %s %d yi", ds, ms, i + 1);
        near(y, yi, 1e-12, what);
        near(v, vi, 1e-12, what);
        n++;
    }
    assert_int_equal(n, 13 + 9 + 9);
    csv_destroy(&r);
    fclose(fp);
}

/* Every case of tests/ref/escalc.csv, read through the CSV path as bin/pool reads it. */
static void test_escalc_cases(void **state)
{
    (void)state;
    static const struct { const char *cs, *input; pool_measure_t m; } cases[] = {
        { "bcg_RR", "bcg.csv", POOL_RR }, { "bcg_OR", "bcg.csv", POOL_OR },
        { "bcg_RD", "bcg.csv", POOL_RD }, { "normand_MD", "normand.csv", POOL_MD },
        { "normand_SMD", "normand.csv", POOL_SMD }, { "normand_ROM", "normand.csv", POOL_ROM },
        { "normand_MN", "normand_mn.csv", POOL_MN }, { "hackshaw", "hackshaw.csv", POOL_NONE },
        { "nielweise_OR", "nielweise.csv", POOL_OR }, { "hr", "hr.csv", POOL_NONE } };
    FILE *fp = fopen("tests/ref/escalc.csv", "rb");
    assert_non_null(fp);
    csv_reader_t r;
    csv_init(&r, fp);
    char err[256];
    assert_int_equal(csv_next(&r, err, sizeof err), 1);
    size_t checked = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        pool_data_t d;
        char path[128];
        pool_data_init(&d);
        snprintf(path, sizeof path, "tests/ref/input/%s", cases[c].input);
        if (pool_csv_read(path, cases[c].m, NULL, &d, err, sizeof err)) fail_msg("%s", err);
        for (size_t i = 0; i < d.k; i++) {
            assert_int_equal(csv_next(&r, err, sizeof err), 1);
            assert_string_equal(r.fields[0], cases[c].cs);
            assert_int_equal((size_t)num(r.fields[1]), i + 1);
            near(d.s[i].yi, num(r.fields[2]), 1e-12, cases[c].cs);
            near(d.s[i].vi, num(r.fields[3]), 1e-12, cases[c].cs);
            checked++;
        }
        if (cases[c].m == POOL_NONE)
            assert_int_equal(d.measure, strcmp(cases[c].cs, "hr") == 0 ? POOL_HR : POOL_GEN);
        pool_data_destroy(&d);
    }
    assert_int_equal(csv_next(&r, err, sizeof err), 0);
    assert_int_equal(checked, 137);
    csv_destroy(&r);
    fclose(fp);
}

/* metafor escalc(..., to = "only0"): 1/2 added to every cell of a table with a zero cell,
 * double-zero tables kept (values from R 4.2, metafor 3.8-1). */
static void test_zero_cells(void **state)
{
    (void)state;
    static const double t[4][4] = { {0, 10, 0, 9}, {0, 12, 4, 8}, {3, 0, 2, 8}, {5, 7, 0, 10} };
    static const double want[3][4][2] = {
        { {-0.10008345855698275, 4.2005012531328321}, {-2.582887058148204, 2.4198692810457518},
          {3.1696855806774291, 2.8033613445378149}, {2.7343675094195836, 2.4103896103896107} },
        { {-0.095310179804324768, 3.8090909090909091}, {-2.1972245773362191, 2.0683760683760681},
          {1.3480731482996928, 0.34480519480519478}, {2.2308411881352042, 2.0139860139860142} },
        { {-0.004545454545454547, 0.0086944027047332825}, {-0.30769230769230771, 0.020254893035958121},
          {0.64772727272727271, 0.043309189519158527}, {0.3776223776223776, 0.022720005799863004} } };
    pool_measure_t ms[3] = { POOL_OR, POOL_RR, POOL_RD };
    char err[256];
    for (int m = 0; m < 3; m++)
        for (int i = 0; i < 4; i++) {
            pool_arms_t a = arms_none();
            a.ai = t[i][0]; a.bi = t[i][1]; a.ci = t[i][2]; a.di = t[i][3];
            double y, v;
            assert_int_equal(pool_es(ms[m], &a, &y, &v, err, sizeof err), 0);
            near(y, want[m][i][0], 1e-14, pool_measure_name(ms[m]));
            near(v, want[m][i][1], 1e-14, pool_measure_name(ms[m]));
        }
}

static void test_smd_rom_mn(void **state)
{
    (void)state;
    char err[256];
    double y, v;
    pool_arms_t a = arms_none();
    /* n1 + n2 - 2 = 3: the exact gamma correction differs a lot from 1 - 3/(4N - 9) */
    a.m1 = 10.5; a.sd1 = 2; a.n1 = 3; a.m2 = 9; a.sd2 = 2.5; a.n2 = 2;
    assert_int_equal(pool_es(POOL_SMD, &a, &y, &v, err, sizeof err), 0);
    near(y, 0.49801653853243244, 1e-12, "SMD tiny n yi");
    near(v, 0.8581353805985158, 1e-12, "SMD tiny n vi");
    assert_int_equal(pool_es(POOL_ROM, &a, &y, &v, err, sizeof err), 0);
    near(y, 0.15415067982725836, 1e-14, "ROM yi");
    near(v, 0.05067397329302091, 1e-14, "ROM vi");
    a.m1 = 3; a.sd1 = 1.5; a.n1 = 40; a.m2 = 3.4; a.sd2 = 1.1; a.n2 = 38;
    assert_int_equal(pool_es(POOL_SMD, &a, &y, &v, err, sizeof err), 0);
    near(y, -0.29991784302619962, 1e-12, "SMD yi");   /* lgamma: R vs glibc differ in the last bits */
    near(v, 0.051892396605514264, 1e-12, "SMD vi");
    assert_int_equal(pool_es(POOL_ROM, &a, &y, &v, err, sizeof err), 0);
    near(y, -0.12516314295400605, 1e-14, "ROM yi");
    near(v, 0.0090045073757057011, 1e-14, "ROM vi");
    assert_int_equal(pool_es(POOL_MN, &a, &y, &v, err, sizeof err), 0);
    near(y, 3, 0, "MN yi");
    near(v, 0.056250000000000001, 1e-15, "MN vi");
}

/* pooling.md 3.3: HR 1.89 (1.01-3.58): ln HR 0.636576829071551, SE (2 z) 0.322815235264743 */
static void test_hr(void **state)
{
    (void)state;
    char err[256];
    double y, v;
    assert_int_equal(pool_es_hr(1.89, 1.01, 3.58, 95, &y, &v, err, sizeof err), 0);
    near(y, 0.636576829071551, 1e-14, "log HR");
    near(sqrt(v), 0.322815235264743, 1e-13, "SE log HR");
    assert_int_equal(pool_es_hr(1.89, 1.95, 3.58, 95, &y, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "outside its CI"));
    assert_int_equal(pool_es_hr(0, 0.5, 3.58, 95, &y, &v, err, sizeof err), -1);
    assert_int_equal(pool_es_hr(1.2, 1.5, 1.1, 95, &y, &v, err, sizeof err), -1);
    assert_int_equal(pool_es_hr(1.2, -1, 1.5, 95, &y, &v, err, sizeof err), -1);
}

static void test_refusals(void **state)
{
    (void)state;
    char err[256];
    double y, v;
    pool_arms_t a = arms_none();
    a.m1 = 1; a.sd1 = -1; a.n1 = 10; a.m2 = 1; a.sd2 = 1; a.n2 = 10;
    assert_int_equal(pool_es(POOL_MD, &a, &y, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "sd1i"));
    a.sd1 = 1; a.n2 = 1;
    assert_int_equal(pool_es(POOL_MD, &a, &y, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "n2i"));
    a.n2 = 10; a.m2 = NAN;
    assert_int_equal(pool_es(POOL_SMD, &a, &y, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "m2i"));
    a.m2 = -3;
    assert_int_equal(pool_es(POOL_ROM, &a, &y, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "m2i"));
    a.m2 = 1; a.sd1 = 0; a.sd2 = 0;
    assert_int_equal(pool_es(POOL_SMD, &a, &y, &v, err, sizeof err), -1);
    pool_arms_t b = arms_none();
    b.ai = 3; b.bi = -1; b.ci = 2; b.di = 5;
    assert_int_equal(pool_es(POOL_OR, &b, &y, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "bi"));
    b.bi = 0; b.ai = 0;
    assert_int_equal(pool_es(POOL_RR, &b, &y, &v, err, sizeof err), -1);
    assert_non_null(strstr(err, "no participants"));
    assert_int_equal(pool_es(POOL_GEN, &b, &y, &v, err, sizeof err), -1);
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(pool_measure_parse("smd"), POOL_SMD);
    assert_int_equal(pool_measure_parse("XYZ"), POOL_NONE);
    assert_true(pool_measure_is_log(POOL_OR) && pool_measure_is_log(POOL_HR) &&
                pool_measure_is_log(POOL_ROM) && !pool_measure_is_log(POOL_RD));
    pool_method_t m;
    assert_int_equal(pool_method_parse("reml", &m), 0);
    assert_int_equal(m, POOL_REML);
    assert_int_equal(pool_method_parse("EE", &m), 0);
    assert_int_equal(m, POOL_FE);
    assert_int_equal(pool_method_parse("GENQ", &m), -1);
    assert_string_equal(pool_method_name(POOL_SJ), "SJ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_reference),
        cmocka_unit_test(test_escalc_cases),
        cmocka_unit_test(test_zero_cells),
        cmocka_unit_test(test_smd_rom_mn),
        cmocka_unit_test(test_hr),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

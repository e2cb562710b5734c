/* test_meaning.c - statistics statements and footnotes (mean_scan) and short labels
 * (mean_label_hint): each statement form of the seed articles, conflicts, words that must
 * not be read as statements. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "meaning.h"

static mean_stmt_t scan(const char *s, int *rc)
{
    mean_stmt_t m = MEAN_STMT_NONE;
    int r = mean_scan(s, strlen(s), &m);
    if (rc) *rc = r;
    return m;
}

static void test_mean_sd_or_median_iqr(void **state)
{
    (void)state;
    int rc;
    mean_stmt_t m = scan("Continuous variables were expressed as the mean \xC2\xB1 standard\n"
                         "deviation (SD) or median (interquartile) depending on the\n"
                         "result of normality testing", &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(m.plusminus, MEAN_SD);
    assert_int_equal(m.paren, MEAN_IQR);
    assert_int_equal(m.level, 0);
}

static void test_footnotes(void **state)
{
    (void)state;
    assert_int_equal(scan("Data are expressed as the mean \xC2\xB1 standard deviation", NULL).plusminus, MEAN_SD);
    assert_int_equal(scan("Results are expressed as mean\xC2\xB1standard error of the mean or "
                          "frequencies (%).", NULL).plusminus, MEAN_SE);
    assert_int_equal(scan("Data are mean \xC2\xB1 SEM.", NULL).plusminus, MEAN_SE);
    assert_int_equal(scan("Values are mean +/- SD", NULL).plusminus, MEAN_SD);
    assert_int_equal(scan("Data are mean and standard deviation.", NULL).plusminus, MEAN_SD);
    assert_int_equal(scan("Age is given as median (range).", NULL).paren, MEAN_RANGE);
    assert_int_equal(scan("Data are median and range", NULL).paren, MEAN_RANGE);
    assert_int_equal(scan("Data are median (IQR)", NULL).paren, MEAN_IQR);
    assert_int_equal(scan("median with interquartile range", NULL).paren, MEAN_IQR);
    assert_int_equal(scan("median (25th\xE2\x80\x93" "75th percentile)", NULL).paren, MEAN_IQR);
    assert_int_equal(scan("Values are n (%).", NULL).single, MEAN_NPCT);
    assert_int_equal(scan("Sex was expressed as the number of patients (percentage)", NULL).single,
                     MEAN_NPCT);
    assert_int_equal(scan("No. (%)", NULL).single, MEAN_NPCT);
    assert_int_equal(scan("Data are mean (SD).", NULL).single, MEAN_SD);
    assert_int_equal(scan("reported as mean (standard error)", NULL).single, MEAN_SE);
}

static void test_ci(void **state)
{
    (void)state;
    mean_stmt_t m = scan("HR (95% CI)", NULL);
    assert_int_equal(m.level, 95);
    assert_int_equal(m.paren, MEAN_CI);
    /* a CI after a figure defines no notation, only the level */
    m = scan("(HR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58)", NULL);
    assert_int_equal(m.level, 95);
    assert_int_equal(m.paren, MEAN_UNKNOWN);
    m = scan("with 90 % confidence intervals", NULL);
    assert_int_equal(m.level, 90);
}

static void test_conflicts_and_accumulation(void **state)
{
    (void)state;
    mean_stmt_t m = MEAN_STMT_NONE;
    const char *a = "Data are mean \xC2\xB1 SD.";
    const char *b = "Data are median (IQR).";
    const char *c = "Values are mean \xC2\xB1 SEM.";
    assert_int_equal(mean_scan(a, strlen(a), &m), 0);
    assert_int_equal(mean_scan(b, strlen(b), &m), 0);      /* a later statement adds */
    assert_int_equal(m.plusminus, MEAN_SD);
    assert_int_equal(m.paren, MEAN_IQR);
    assert_int_equal(mean_scan(c, strlen(c), &m), 1);      /* conflict: first stays */
    assert_int_equal(m.plusminus, MEAN_SD);
    /* the same statement twice is no conflict */
    assert_int_equal(mean_scan(a, strlen(a), &m), 0);
}

static void test_not_statements(void **state)
{
    (void)state;
    mean_stmt_t m = scan("all parameters were within their respective normal ranges. SD rats "
                         "were used; the range of doses was wide.", NULL);
    assert_int_equal(m.paren, MEAN_UNKNOWN);
    assert_int_equal(m.plusminus, MEAN_UNKNOWN);
    assert_int_equal(m.single, MEAN_UNKNOWN);
    m = scan("PTA (%) and HBeAg (%)", NULL);
    assert_int_equal(m.single, MEAN_UNKNOWN);
    assert_int_equal(mean_scan(NULL, 10, &m), 0);
    assert_int_equal(mean_scan("", 0, &m), 0);
    /* a length shorter than the string: nothing past it is read */
    m = (mean_stmt_t)MEAN_STMT_NONE;
    mean_scan("mean \xC2\xB1 SD", 4, &m);
    assert_int_equal(m.plusminus, MEAN_UNKNOWN);
}

static mean_hint_t h(const char *s) { return mean_label_hint(s, strlen(s)); }

static void test_label_hints(void **state)
{
    (void)state;
    assert_int_equal(h("Median"), MEAN_MEDIAN);
    assert_int_equal(h("Mean"), MEAN_MEAN);
    assert_int_equal(h("Range"), MEAN_RANGE);
    assert_int_equal(h("IQR"), MEAN_IQR);
    assert_int_equal(h("Mean \xC2\xB1 SD"), MEAN_SD);
    assert_int_equal(h("Mean (SD)"), MEAN_SD);
    assert_int_equal(h("Mean \xC2\xB1 SEM"), MEAN_SE);
    assert_int_equal(h("Median (IQR)"), MEAN_IQR);
    assert_int_equal(h("Median (range)"), MEAN_RANGE);
    assert_int_equal(h("n (%)"), MEAN_NPCT);
    assert_int_equal(h("No. (%)"), MEAN_NPCT);
    assert_int_equal(h("N (%)"), MEAN_NPCT);
    assert_int_equal(h("<i>n</i> (%)"), MEAN_NPCT);
    assert_int_equal(h("UC-MSC transfusions, n \xEF\xBF\xBD 24 (%)"), MEAN_NPCT);
    assert_int_equal(h("HR (95% CI)"), MEAN_CI);
    assert_int_equal(h("Age, median (IQR)"), MEAN_IQR);
    assert_int_equal(h("TBIL (\xCE\xBCmol/L)"), MEAN_UNKNOWN);
    assert_int_equal(h("PTA (%)"), MEAN_UNKNOWN);
    assert_int_equal(h("Control (<i>n</i> = 111)"), MEAN_UNKNOWN);
    assert_int_equal(h(""), MEAN_UNKNOWN);
    assert_int_equal(mean_label_hint(NULL, 0), MEAN_UNKNOWN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mean_sd_or_median_iqr),
        cmocka_unit_test(test_footnotes),
        cmocka_unit_test(test_ci),
        cmocka_unit_test(test_conflicts_and_accumulation),
        cmocka_unit_test(test_not_statements),
        cmocka_unit_test(test_label_hints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_fig.c - figure syntax (fig.c) on real snippets of the seed articles, and the strict
 * number parser for figures (num_parse_fig): every dash, minus, decimal point and space. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ex_priv.h"
#include "num.h"

static fig_re_t *RE;

static int setup(void **state) { (void)state; RE = fig_re_new(); return RE ? 0 : -1; }
static int teardown(void **state) { (void)state; fig_re_free(RE); return 0; }

/* The single figure in s: asserts there is exactly one and returns it. */
static fig_t one(const char *s)
{
    fig_list_t l = { 0 };
    assert_int_equal(fig_find(RE, s, strlen(s), &l), 0);
    if (l.n != 1) fprintf(stderr, "'%s': %zu figures\n", s, l.n);
    assert_int_equal(l.n, 1);
    fig_t f = l.v[0];
    fig_list_destroy(&l);
    return f;
}

static size_t count(const char *s)
{
    fig_list_t l = { 0 };
    assert_int_equal(fig_find(RE, s, strlen(s), &l), 0);
    size_t n = l.n;
    fig_list_destroy(&l);
    return n;
}

#define V(f, i, x) assert_true(fabs((f).v[i] - (x)) < 1e-12)

static void test_num_fig(void **state)
{
    (void)state;
    double x;
    size_t u;
    assert_int_equal(num_parse_fig("46.5)", 5, &x, &u), 0); assert_true(x == 46.5); assert_int_equal(u, 4);
    assert_int_equal(num_parse_fig("-3", 2, &x, &u), 0); assert_true(x == -3);
    assert_int_equal(num_parse_fig("\xE2\x88\x92 6", 5, &x, &u), 0); assert_true(x == -6); assert_int_equal(u, 5);
    assert_int_equal(num_parse_fig("\xE2\x88\x92" "15", 5, &x, &u), 0); assert_true(x == -15);
    assert_int_equal(num_parse_fig("\xE2\x80\x93" "0.5", 6, &x, &u), 0); assert_true(x == -0.5);
    assert_int_equal(num_parse_fig("\xE2\x80\x94" "2", 4, &x, &u), 0); assert_true(x == -2);
    assert_int_equal(num_parse_fig("\xE2\x80\x92" "2", 4, &x, &u), 0); assert_true(x == -2);
    assert_int_equal(num_parse_fig("\xEF\xB9\xA3" "2", 4, &x, &u), 0); assert_true(x == -2);
    assert_int_equal(num_parse_fig("\xEF\xBC\x8D" "2", 4, &x, &u), 0); assert_true(x == -2);
    assert_int_equal(num_parse_fig("\xE2\x88\x92\xC2\xA0" "7", 6, &x, &u), 0); assert_true(x == -7);
    assert_int_equal(num_parse_fig("\xE2\x88\x92\xE2\x80\x89" "7", 7, &x, &u), 0); assert_true(x == -7);
    assert_int_equal(num_parse_fig("1\xC2\xB7" "89", 5, &x, &u), 0); assert_true(x == 1.89); assert_int_equal(u, 5);
    assert_int_equal(num_parse_fig(".001", 4, &x, &u), 0); assert_true(x == 0.001);
    assert_int_equal(num_parse_fig("\xC2\xB7" "5", 3, &x, &u), 0); assert_true(x == 0.5);
    assert_int_equal(num_parse_fig("12,345 ", 7, &x, &u), 0); assert_true(x == 12345); assert_int_equal(u, 6);
    assert_int_equal(num_parse_fig("1,234,567", 9, &x, &u), 0); assert_true(x == 1234567);
    assert_int_equal(num_parse_fig("35, 46", 6, &x, &u), 0); assert_true(x == 35); assert_int_equal(u, 2);
    assert_int_equal(num_parse_fig("1,2345", 6, &x, &u), 0); assert_true(x == 1); assert_int_equal(u, 1);
    assert_int_equal(num_parse_fig("1234,567", 8, &x, &u), 0); assert_true(x == 1234);
    assert_int_equal(num_parse_fig("5.", 2, &x, &u), 0); assert_true(x == 5); assert_int_equal(u, 1);
    /* thin, narrow no-break and no-break spaces as thousands separators; never before a 4th digit */
    assert_int_equal(num_parse_fig("1\xE2\x80\x89" "234", 7, &x, &u), 0); assert_true(x == 1234); assert_int_equal(u, 7);
    assert_int_equal(num_parse_fig("12\xE2\x80\xAF" "345.5", 10, &x, &u), 0); assert_true(x == 12345.5);
    assert_int_equal(num_parse_fig("12\xC2\xA0" "345", 7, &x, &u), 0); assert_true(x == 12345);
    assert_int_equal(num_parse_fig("1\xC2\xA0" "2345", 7, &x, &u), 0); assert_true(x == 1); assert_int_equal(u, 1);
    assert_int_equal(num_parse_fig("1234\xE2\x80\x89" "567", 10, &x, &u), 0); assert_true(x == 1234);
    assert_int_equal(num_parse_fig("-", 1, &x, &u), -1);
    assert_int_equal(num_parse_fig("- x", 3, &x, &u), -1);
    assert_int_equal(num_parse_fig("abc", 3, &x, &u), -1);
    assert_int_equal(num_parse_fig(".", 1, &x, &u), -1);
    assert_int_equal(num_parse_fig("", 0, &x, &u), -1);
    assert_int_equal(num_parse_fig("0x10", 4, &x, &u), 0); assert_true(x == 0); assert_int_equal(u, 1);
    assert_int_equal(num_sign_len("+1", 2), 0);
}

static void test_paren3(void **state)
{
    (void)state;
    fig_t f = one("Age (years) 40 (35\xE2\x80\x93" "46.5)");
    assert_int_equal(f.syn, SYN_PAREN3); V(f, 0, 40); V(f, 1, 35); V(f, 2, 46.5);
    f = one("5 (\xE2\x88\x92 6 to 42)");
    assert_int_equal(f.syn, SYN_PAREN3); V(f, 0, 5); V(f, 1, -6); V(f, 2, 42);
    f = one("\xE2\x88\x92 3 (\xE2\x88\x92 11 to 5)");
    V(f, 0, -3); V(f, 1, -11); V(f, 2, 5);
    assert_int_equal(f.s, 0);
    f = one("median 40 (35, 46.5)");
    V(f, 1, 35); V(f, 2, 46.5);
    f = one("1.73 (1.30;2.29)");
    V(f, 1, 1.3); V(f, 2, 2.29);
    f = one("30.5(12 ~ 52)");
    V(f, 0, 30.5); V(f, 1, 12); V(f, 2, 52);
    f = one("1.79 (1.12to 2.86)");
    V(f, 1, 1.12); V(f, 2, 2.86);
    f = one("1\xC2\xB7" "89 (1\xC2\xB7" "01\xE2\x80\x93" "3\xC2\xB7" "58)");
    V(f, 0, 1.89); V(f, 1, 1.01); V(f, 2, 3.58);
    f = one("2.1 yr (interquartile range: 2.0\xE2\x80\x93" "2.2)");
    assert_true(f.flags & FIG_W_IQR); V(f, 0, 2.1);
    f = one("40 (range 24-59)");
    assert_true(f.flags & FIG_W_RANGE);
    f = one("The median follow-up of patients was 61 months in UC-MSC treatment group (range 1\xE2\x80\x93" "85 months)");
    assert_int_equal(f.syn, SYN_WIDE_RANGE); V(f, 0, 61); V(f, 1, 1); V(f, 2, 85);
    f = one("a median NT-proBNP of 2381 pg/ mL (range, 1472\xE2\x80\x93" "7434)");
    assert_int_equal(f.syn, SYN_PAREN3); assert_true(f.flags & FIG_W_RANGE); V(f, 0, 2381); V(f, 2, 7434);
    f = one("the median 10.5, IQR 9.0, 12.0 days");
    assert_int_equal(f.syn, SYN_PAREN3); assert_true(f.flags & FIG_W_IQR); V(f, 0, 10.5); V(f, 1, 9); V(f, 2, 12);
    f = one("median age was 47 years; range 19\xE2\x80\x93" "65");
    assert_true(f.flags & FIG_W_RANGE); V(f, 0, 47); V(f, 2, 65);
    f = one("57 months in control group (range from 2 to 82 months)");
    assert_int_equal(f.syn, SYN_WIDE_RANGE); V(f, 1, 2); V(f, 2, 82);
}

static void test_estci(void **state)
{
    (void)state;
    fig_t f = one("(Fig. 3a) (HR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58, ");
    assert_int_equal(f.syn, SYN_ESTCI); assert_string_equal(f.measure, "HR");
    V(f, 0, 1.89); V(f, 1, 1.01); V(f, 2, 3.58); assert_true(f.level == 95);
    f = one("HR 1.89 (95% CI: 1.01, 3.58)");
    assert_string_equal(f.measure, "HR"); V(f, 2, 3.58);
    f = one("OR 0.62 [0.41\xE2\x80\x93" "0.93]");
    assert_string_equal(f.measure, "OR"); V(f, 0, 0.62); V(f, 1, 0.41);
    f = one("odds ratio [OR]\xC2\xA0=\xC2\xA0" "1.90, 95% confidence interval [CI]: 0.97\xE2\x80\x93" "3.71");
    assert_string_equal(f.measure, "OR"); V(f, 0, 1.9); V(f, 2, 3.71);
    f = one("hazard ratio (HR) = 4.81 (95% confidence interval [CI]: 2.50\xE2\x80\x93" "9.26)");
    assert_string_equal(f.measure, "HR");
    f = one("RR 1.5 (90% CI 2.1 to 1.2)");
    assert_string_equal(f.measure, "RR"); assert_true(f.flags & FIG_REVERSED);
    V(f, 1, 1.2); V(f, 2, 2.1); assert_true(f.level == 90);
    f = one("mean difference \xE2\x88\x92" "2.3 (95% CI \xE2\x88\x92" "4.1 to \xE2\x88\x92" "0.5)");
    assert_string_equal(f.measure, "MD"); V(f, 0, -2.3); V(f, 1, -4.1); V(f, 2, -0.5);
    /* the CI continues on a later line of the PDF: only the estimate here */
    f = one("between the UC-MSc treatment group and control group (HR = 1.77, 95%");
    assert_int_equal(f.syn, SYN_ESTCI_OPEN); V(f, 0, 1.77);
    f = one("less often (hazard ratio, 0.62; 95% confidence interval [CI], 0.41 to 0.93; ");
    assert_string_equal(f.measure, "HR"); V(f, 0, 0.62); V(f, 1, 0.41); V(f, 2, 0.93);
    f = one("(adjusted odds ratio [aOR], 1.5 [95% CI, 1.1-2.0])");
    assert_string_equal(f.measure, "OR"); V(f, 0, 1.5); V(f, 2, 2.0);
    /* never a number split in two: "0.62; 95" is no estimate 0.6 with bounds 2 and 95 */
    assert_int_equal(count("hazard ratio, 0.62; 95 and more"), 0);
    f = one("5.1 (95% CI 4.2 to 6.0)");
    assert_int_equal(f.syn, SYN_CI); V(f, 0, 5.1); V(f, 2, 6.0);
    f = one("535 mL [95% CI, 133\xE2\x80\x93" "936]");
    assert_int_equal(f.syn, SYN_CI); V(f, 0, 535); V(f, 1, 133); V(f, 2, 936); assert_true(f.level == 95);
    f = one("difference -0.94 kg, 95%CI -0.48 to -1.41");
    assert_int_equal(f.syn, SYN_CI); V(f, 1, -1.41); V(f, 2, -0.48); assert_true(f.flags & FIG_REVERSED);
    f = one("\xE2\x88\x92" "3.05 [CI, \xE2\x88\x92" "40.84 to 34.74]");
    assert_int_equal(f.syn, SYN_CI); V(f, 0, -3.05); assert_true(f.level == 0);
    f = one("-3.14 mm, 95%CI -0.81 to\xE2\x80\x93 5.47");
    V(f, 1, -5.47); V(f, 2, -0.81);
}

static void test_pm(void **state)
{
    (void)state;
    fig_t f = one("TP (g/L)\t61.5 \xC2\xB1 7.4\t");
    assert_int_equal(f.syn, SYN_PM); V(f, 0, 61.5); V(f, 1, 7.4);
    f = one("61.5 +/- 7.4");
    assert_int_equal(f.syn, SYN_PM); V(f, 1, 7.4);
    f = one("NT-proBNP 1\xE2\x80\x89" "234 \xC2\xB1 456 pg/mL");   /* thin-space thousands */
    assert_int_equal(f.syn, SYN_PM); V(f, 0, 1234); V(f, 1, 456);
}

static void test_pm_entity_none(void **state)
{
    (void)state;
    assert_int_equal(count("version 22.0; SPSS, Inc."), 0);
}

static void test_sd_paren(void **state)
{
    (void)state;
    fig_t f = one("age 62.1 (SD 13\xC2\xB7" "8)");
    assert_int_equal(f.syn, SYN_SDPAREN); V(f, 1, 13.8);
    f = one("3.2 (SEM 0.4)");
    assert_true(f.flags & FIG_W_SE);
    f = one("300 \xC2\xB5mol/min (SD 60)");
    assert_int_equal(f.syn, SYN_SDPAREN); V(f, 0, 300); V(f, 1, 60);
}

static void test_counts(void **state)
{
    (void)state;
    fig_t f = one("Male 20 (83.3%)");
    assert_int_equal(f.syn, SYN_CP); V(f, 0, 20); V(f, 1, 83.3);
    f = one("During the first 12 weeks of follow-up, 5 patients (20.8%) in");
    assert_int_equal(f.syn, SYN_CP); V(f, 0, 5);
    f = one("87.5% (21 of 24) patients");
    assert_int_equal(f.syn, SYN_CTP); V(f, 0, 21); V(f, 1, 24); V(f, 2, 87.5);
    f = one("were 20.7% (23/111) and");
    assert_int_equal(f.syn, SYN_CTP); V(f, 0, 23); V(f, 1, 111); V(f, 2, 20.7);
    f = one("13.5 (15/111)");                    /* no % sign, but 15/111 is 13.5% */
    assert_int_equal(f.syn, SYN_CTP);
    assert_int_equal(count("13.5 (45/111)"), 1);  /* does not fit: only the slash pair */
    f = one("23/111 (20.7%)");
    assert_int_equal(f.syn, SYN_CTP2 == f.syn ? SYN_CTP2 : SYN_CTP); V(f, 2, 20.7);
    f = one("12,345 (10.5%)");
    V(f, 0, 12345);
    assert_int_equal(count("Gender (male/female) 10 (71%)/4 (29%)"), 2);
    f = one("A total of 12 (52.2%) participants saw a drop");
    assert_int_equal(f.syn, SYN_CP); V(f, 0, 12);
    f = one("Three hundred and eleven out of 312 patients (99.7%) had");
    assert_int_equal(f.syn, SYN_CTP); V(f, 0, 311); V(f, 1, 312); V(f, 2, 99.7);
    f = one("Seventy out of 312 (22%)");
    V(f, 0, 70);
    f = one("in six (16%) patients");
    assert_int_equal(f.syn, SYN_CP); V(f, 0, 6); V(f, 1, 16);
    f = one("Fifteen patients (68.1%, p = x");
    assert_int_equal(f.syn, SYN_CP); V(f, 0, 15);
    f = one("Sex (M/F) 34/3");
    assert_int_equal(f.syn, SYN_SLASH); V(f, 0, 34); V(f, 1, 3);
}

static void test_p(void **state)
{
    (void)state;
    assert_int_equal(count("(HR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58, $p = 0.051$)"), 2);
    fig_t f;
    fig_list_t l = { 0 };
    const char *s = "($p = 0.051$)";
    assert_int_equal(fig_find(RE, s, strlen(s), &l), 0);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].syn, SYN_P); assert_string_equal(l.v[0].op, "=");
    assert_int_equal(l.v[0].s, 2); assert_int_equal(l.v[0].e, 11);
    fig_list_destroy(&l);
    f = one("P < .001");
    assert_string_equal(f.op, "<"); V(f, 0, 0.001);
    f = one("P\xE2\x80\x89<\xE2\x80\x89" "0.01");
    assert_string_equal(f.op, "<");
    f = one("p=1.2\xC3\x97" "10\xE2\x88\x92" "5");
    assert_true(fabs(f.v[0] - 1.2e-5) < 1e-18); assert_true(f.flags & FIG_EXP);
    f = one("p \xE2\x89\xA4 0.05");
    assert_string_equal(f.op, "<=");
    f = one("26.32, p \xEF\xBF\xBD .099)");
    assert_true(f.flags & FIG_UFFFD); V(f, 0, 0.099); assert_string_equal(f.op, "=");
    f = one("<i>p</i> value = 0.04");
    assert_int_equal(f.s, 0); V(f, 0, 0.04);
    f = one("P =\n0.003");                        /* wrapped at a line break */
    V(f, 0, 0.003);
    assert_int_equal(count("step = 0.5"), 0);
    assert_int_equal(count("p = 1.5"), 0);        /* not a probability */
}

static void test_n(void **state)
{
    (void)state;
    fig_t f = one("control group ($n = 111$)");
    assert_int_equal(f.syn, SYN_N); V(f, 0, 111);
    f = one("Control (<i>n</i> = 111)");
    assert_int_equal(f.syn, SYN_N); assert_int_equal(f.s, 9);
    f = one("(group A, N\xE2\x80\x89=\xE2\x80\x89" "37)");
    V(f, 0, 37);
    f = one("n \xEF\xBF\xBD 24 (%)");
    assert_true(f.flags & FIG_UFFFD); V(f, 0, 24);
    f = one("Twenty-four participants were recruited");
    assert_int_equal(f.syn, SYN_NWORD); V(f, 0, 24);
    f = one("A total of 64 patients met the criteria");
    assert_int_equal(f.syn, SYN_NPAT); V(f, 0, 64);
    assert_int_equal(f.s, 11);
    f = one("tion. A total of 43ACLF patientswere enrolled");
    assert_int_equal(f.syn, SYN_NPAT); V(f, 0, 43);
    f = one("Among the 43\nparticipants, most");
    V(f, 0, 43);
    f = one("study enrolled 219 patients with HBV-related DLC");
    V(f, 0, 219); assert_int_equal(f.s, 15);
    f = one("Of these patients, 64 were included in the liver failure group");
    V(f, 0, 64);
    f = one("and 108 UC-MSC-treated patients were followed up");
    V(f, 0, 108);
    assert_int_equal(count("10 patients withdrew the consent"), 0);
    size_t u;
    assert_int_equal(fig_word_number("Ninety-nine", 11, &u), 99); assert_int_equal(u, 11);
    assert_int_equal(fig_word_number("twelve", 6, &u), 12);
    assert_int_equal(fig_word_number("twelver", 7, &u), -1);
    assert_int_equal(fig_word_number("Three hundred and eleven", 24, &u), 311); assert_int_equal(u, 24);
    assert_int_equal(fig_word_number("two hundred patients", 20, &u), 200); assert_int_equal(u, 11);
}

static void test_pct_vs(void **state)
{
    (void)state;
    fig_t f = one("2-year survival rates were 66.7% (low-dose)");
    assert_int_equal(f.syn, SYN_PCT); V(f, 0, 66.7);
    f = one("ranged 66.7%-100% at");
    assert_int_equal(f.syn, SYN_PCTRANGE); V(f, 0, 66.7); V(f, 1, 100);
    assert_int_equal(count("fraction <50% and"), 0);
    assert_int_equal(count("95% CI"), 0);
    f = one("(24.05 vs. 26.32, ");
    assert_int_equal(f.syn, SYN_VS); V(f, 0, 24.05); V(f, 1, 26.32);
    assert_int_equal(f.e1, 6); assert_int_equal(f.s2, 11); assert_int_equal(f.e2, 16);
}

static void test_not_figures(void **state)
{
    (void)state;
    assert_int_equal(count("such as the dosage of infusion [6, 7]. Previous"), 0);
    assert_int_equal(count("(C) aged between 16 and 60 years"), 0);
    assert_int_equal(count("approximately 1.0 \xC3\x97 106 UCMSCs per kilogram"), 0);
    assert_int_equal(count("(Fig. 3a)"), 0);
    assert_int_equal(count("Hepatology. 2007;85(13\xE2\x80\x93" "14)"), 0);
    assert_int_equal(count("Approximately 0.5 \xEF\xBF\xBD 106 UC-MSCs"), 0);
    assert_int_equal(count("body temperature, 37\xE2\x80\x93" "38 \xC2\xB0" "C) within 2\xE2\x80\x93" "6 h"), 0);
}

static void test_bare(void **state)
{
    (void)state;
    double x;
    char op[3];
    assert_int_equal(fig_bare("0.266", 5, &x, op), 1); assert_true(x == 0.266); assert_string_equal(op, "=");
    assert_int_equal(fig_bare(" < 0.001 ", 9, &x, op), 1); assert_string_equal(op, "<");
    assert_int_equal(fig_bare("NS", 2, &x, op), 0);
    assert_int_equal(fig_bare("0.2 a", 5, &x, op), 0);
    double lo, hi;
    size_t a, b;
    assert_int_equal(fig_pair(" 19\xE2\x80\x93" "65 ", 9, &lo, &hi, &a, &b), 1);
    assert_true(lo == 19 && hi == 65); assert_int_equal(a, 1); assert_int_equal(b, 8);
    assert_int_equal(fig_pair("1.2 to 3.4", 10, &lo, &hi, &a, &b), 1);
    assert_true(lo == 1.2 && hi == 3.4);
    assert_int_equal(fig_pair("\xE2\x88\x92" "5 to \xE2\x88\x92" "1", 12, &lo, &hi, &a, &b), 1);
    assert_true(lo == -5 && hi == -1);
    assert_int_equal(fig_pair("19\xE2\x80\x93" "65 (x)", 12, &lo, &hi, &a, &b), 0);
    assert_int_equal(fig_pair("34/3", 4, &lo, &hi, &a, &b), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_num_fig),
        cmocka_unit_test(test_paren3),
        cmocka_unit_test(test_estci),
        cmocka_unit_test(test_pm),
        cmocka_unit_test(test_pm_entity_none),
        cmocka_unit_test(test_sd_paren),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_p),
        cmocka_unit_test(test_n),
        cmocka_unit_test(test_pct_vs),
        cmocka_unit_test(test_not_figures),
        cmocka_unit_test(test_bare),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

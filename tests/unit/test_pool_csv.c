/* test_pool_csv.c - the CSV reader and the study table: RFC 4180 quoting, CRLF, BOM, blank
 * lines, column aliases, median columns converted through conv.h (with the method named),
 * and one clear message (file:line: column ...) for every kind of unusable input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pool.h"
#include "pool_priv.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_pool_csv.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* write text to DIR/name and return the path (static buffer) */
static const char *file(const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fwrite(text, 1, strlen(text), fp);
    fclose(fp);
    return path;
}

/* read expecting failure; the message must contain want (and the file:line prefix if line) */
static void bad(const char *text, pool_measure_t m, const char *by, long line, const char *want)
{
    pool_data_t d;
    char err[512], pre[160];
    pool_csv_opts_t co = { NULL, by, 95, 0 };
    pool_data_init(&d);
    const char *p = file("bad.csv", text);
    int rc = pool_csv_read(p, m, &co, &d, err, sizeof err);
    if (rc != -1) fail_msg("accepted: %s", text);
    if (!strstr(err, want)) fail_msg("message \"%s\" lacks \"%s\"", err, want);
    if (line > 0) {
        snprintf(pre, sizeof pre, "%s:%ld: ", p, line);
        if (strncmp(err, pre, strlen(pre)) != 0) fail_msg("message \"%s\" does not start with %s", err, pre);
    }
    assert_null(strchr(err, '\n'));
    pool_data_destroy(&d);
}

static void good(const char *text, pool_measure_t m, pool_data_t *d)
{
    char err[512];
    pool_data_init(d);
    if (pool_csv_read(file("good.csv", text), m, NULL, d, err, sizeof err)) fail_msg("%s", err);
}

static const char *MDH = "study,m1i,sd1i,n1i,m2i,sd2i,n2i\n";

static void test_errors(void **state)
{
    (void)state;
    char t[512];
    snprintf(t, sizeof t, "%sA,1,2,10,1,2,10\nB,1,abc,10,2,2,10\n", MDH);
    bad(t, POOL_MD, NULL, 3, "column sd1i: not a number: \"abc\"");
    snprintf(t, sizeof t, "%sA,1,-2,10,1,2,10\n", MDH);
    bad(t, POOL_MD, NULL, 2, "column sd1i: negative SD");
    snprintf(t, sizeof t, "%sA,1,2,10,1,2,1\n", MDH);
    bad(t, POOL_MD, NULL, 2, "column n2i: n = 1 is below 2");
    snprintf(t, sizeof t, "%sA,1,2,10,1,2\n", MDH);
    bad(t, POOL_MD, NULL, 2, "6 fields, the header has 7");
    snprintf(t, sizeof t, "%sA,1,2,10,,2,10\n", MDH);
    bad(t, POOL_MD, NULL, 2, "column m2i: missing");
    snprintf(t, sizeof t, "%sA,1,2,10,1e999,2,10\n", MDH);
    bad(t, POOL_MD, NULL, 2, "column m2i: not a number");
    bad("study,m1i,sd1i,n1i,m2i,n2i\nA,1,2,10,1,10\n", POOL_MD, NULL, 0, "missing column sd2i");
    bad("study,m1i,sd1i,n1i,m2i,sd2i,n2i\n", POOL_MD, NULL, 0, "no studies");
    bad("", POOL_MD, NULL, 0, "empty file");
    bad("study,yi\nA,1\n", POOL_NONE, NULL, 0, "yi needs vi or sei");
    bad("study,yi,vi\nA,1,-0.5\n", POOL_NONE, NULL, 2, "column vi: negative variance");
    bad("study,yi,sei\nA,1,-0.5\n", POOL_NONE, NULL, 2, "column sei: negative standard error");
    snprintf(t, sizeof t, "%sA,1,2,10,1,2,10\n", MDH);
    bad(t, POOL_NONE, NULL, 0, "raw columns need --measure");
    bad("study,hr,ci_lb,ci_ub\nA,0.8,0.6,1.1\nB,1.5,0.6,1.1\n", POOL_NONE, NULL, 3,
        "column hr: 1.5 is outside its CI");
    bad("study,ai,n1i,ci,n2i\nA,12,10,3,10\n", POOL_OR, NULL, 2, "column bi: negative count");
    bad("study,ai,ci,di\nA,1,2,3\n", POOL_RR, NULL, 0, "missing column bi (or n1i)");
    bad("study,\"a\"b,vi\n", POOL_NONE, NULL, 1, "text after a closing quote");
    bad("study,yi,vi\n\"A,1,1\n", POOL_NONE, NULL, 2, "unterminated quoted field");
    {   /* a NUL byte */
        static const char nul[] = "study,yi,vi\nA,1\0,1\n";
        FILE *fp = fopen(file("nul.csv", ""), "wb");
        assert_non_null(fp);
        fwrite(nul, 1, sizeof nul - 1, fp);
        fclose(fp);
        pool_data_t d;
        char err[256];
        pool_data_init(&d);
        char p[128];
        snprintf(p, sizeof p, "%s/nul.csv", dir);
        assert_int_equal(pool_csv_read(p, POOL_NONE, NULL, &d, err, sizeof err), -1);
        assert_non_null(strstr(err, ":2: NUL byte"));
        pool_data_destroy(&d);
    }
    bad("study,n1,n1i,yi,vi\nA,1,1,1,1\n", POOL_NONE, NULL, 1, "mean the same thing");
    bad("study,yi,vi\nA,1,1\n", POOL_NONE, "arm", 0, "no column arm for --by");
    bad("study,yi,vi,arm\nA,1,1,x\nB,1,1,\n", POOL_NONE, "arm", 3, "column arm: empty subgroup");
    bad("study,mi,sdi,ni\nA,3,1,1\n", POOL_MN, NULL, 2, "column ni: n = 1 is below 2");
    bad("study,q1,median,q3,n\nA,4,3,10,20\n", POOL_MN, NULL, 2, "column median: 3 is below q1 4");
    bad("study,q1,median,q3,ni\nA,4,6,10,\n", POOL_MN, NULL, 2, "column ni: missing");
    bad("study,median,q3,ni,mi,sdi\nA,4,6,10,,\n", POOL_MN, NULL, 2,
        "column mi: missing (and no median with IQR or range)");
}

static void test_quoting(void **state)
{
    (void)state;
    pool_data_t d;
    /* BOM, CRLF, quoted label with comma, quote and newline, blank line, NA, spaces */
    good("\xEF\xBB\xBFStudy,YI,Vi\r\n\"Smith, \"\"J\"\"\n2001\",0.5,0.1\r\n\r\nJones, 0.25 ,\" 0.2\"\r\n"
         "\"\",1,1\r\n", POOL_NONE, &d);
    assert_int_equal(d.k, 3);
    assert_string_equal(d.s[0].label, "Smith, \"J\"\n2001");
    assert_int_equal(d.s[0].line, 2);
    assert_string_equal(d.s[1].label, "Jones");
    assert_int_equal(d.s[1].line, 5);                 /* the quoted newline counts */
    assert_true(d.s[1].yi == 0.25 && d.s[1].vi == 0.2);
    assert_string_equal(d.s[2].label, "Study 3");    /* empty label */
    assert_int_equal(d.measure, POOL_GEN);
    pool_data_destroy(&d);
    /* sei instead of vi, author as label, and a line number after a bad row is exact */
    good("author,yi,sei,n\nA,1,0.5,40\nB,2,0.25,NA\n", POOL_NONE, &d);
    assert_true(d.s[0].vi == 0.25 && d.s[1].vi == 0.0625 && d.s[0].n == 40 && isnan(d.s[1].n));
    assert_string_equal(d.s[1].label, "B");
    pool_data_destroy(&d);
    /* counts with n1i/n2i; group column picked up for --by */
    good("label,ai,n1i,ci,n2i,group\nA,2,10,3,12,x\nB,0,8,1,9,y\n", POOL_RR, &d);
    assert_true(d.s[0].n == 22);
    assert_string_equal(d.s[1].group, "y");
    pool_data_destroy(&d);
}

/* medians: converted by conv_mean_sd, with the method named in the note */
static void test_medians(void **state)
{
    (void)state;
    pool_data_t d;
    good("study,m1i,sd1i,n1i,q1_1,median1,q3_1,m2i,sd2i,n2i,min2,median2,max2\n"
         "A,10,2,20,,,,9,2,22,,,\n"
         "B,,,20,4,6,10,9,2,22,,,\n"
         "C,10,2,20,,,,,,22,2,6,14\n", POOL_MD, &d);
    assert_int_equal(d.k, 3);
    assert_null(d.s[0].note);
    assert_non_null(d.s[1].note);
    assert_non_null(strstr(d.s[1].note, "arm 1"));
    conv_five_t in = CONV_FIVE_NONE;
    in.n = 20; in.q1 = 4; in.median = 6; in.q3 = 10;
    conv_result_t r;
    char err[256];
    assert_int_equal(conv_mean_sd(&in, NULL, &r, err, sizeof err), 0);
    assert_non_null(strstr(d.s[1].note, r.mean_method));
    assert_non_null(strstr(d.s[1].note, r.sd_method));
    assert_true(fabs(d.s[1].yi - (r.mean - 9)) < 1e-12);
    assert_true(fabs(d.s[1].vi - (r.sd * r.sd / 20 + 4.0 / 22)) < 1e-12);
    /* metafor doc: S2 (4, 6, 10, n = 20) -> mean 6.719500, SD 4.787076 */
    assert_true(fabs(r.mean - 6.7195) < 1e-6 && fabs(r.sd - 4.787076) < 1e-6);
    assert_non_null(strstr(d.s[2].note, "arm 2"));
    pool_data_destroy(&d);
    /* metafor's spelling for one arm, and the q1i/medi/q3i names */
    good("study,q1i,medi,q3i,ni\nA,4,6,10,20\nB,35,40,46.5,111\n", POOL_MN, &d);
    assert_true(fabs(d.s[0].yi - 6.7195) < 1e-6);
    assert_non_null(d.s[1].note);
    pool_data_destroy(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_medians),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

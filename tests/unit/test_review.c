/* test_review.c - review specifications: the grammar and its errors (each naming the spec's
 * file:line), resolving references (by place, by figure text, ambiguity), arms from several
 * records (median on one line, range on the next), units and relabel, rows that cannot enter
 * (with the reason), flip, exclusions, and the same article in two corpus files counted once. */
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

#include "review.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_review.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *file(const char *name, const char *text)
{
    static char path[4][160];
    static int k;
    char *p = path[k++ & 3];
    snprintf(p, 160, "%s/%s", dir, name);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    fwrite(text, 1, strlen(text), fp);
    fclose(fp);
    return p;
}

/* Records of two files of one article (b.txt is the later copy, flagged as such) and of a
 * second study. */
static const char RECS[] =
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":10,\"offset\":1,\"text\":\"40 (35–46.5)\",\"kind\":\"median_iqr\",\"values\":[40,35,46.5],\"variable\":\"Age\",\"unit\":\"years\",\"group\":\"A\",\"n\":37,\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":11,\"offset\":2,\"text\":\"48.0\",\"kind\":\"median\",\"values\":[48],\"variable\":\"Age\",\"unit\":\"years\",\"group\":\"T\",\"n\":108,\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":11,\"offset\":3,\"text\":\"47.0\",\"kind\":\"median\",\"values\":[47],\"variable\":\"Age\",\"unit\":\"years\",\"group\":\"C\",\"n\":111,\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":12,\"offset\":4,\"text\":\"21–65\",\"kind\":\"range\",\"values\":[21,65],\"variable\":\"Age\",\"unit\":\"years\",\"group\":\"T\",\"n\":108,\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":13,\"offset\":5,\"text\":\"486 (346–550.5)\",\"kind\":\"median_iqr\",\"values\":[486,346,550.5],\"variable\":\"TBIL\",\"unit\":\"mmol/L\",\"group\":\"A\",\"n\":37,\"flags\":[\"check:unit_implausible\"]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":14,\"offset\":6,\"text\":\"124.7–631.3\",\"kind\":\"range\",\"values\":[124.7,631.3],\"variable\":\"TBIL\",\"unit\":\"μmol/L\",\"group\":\"A\",\"n\":37,\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":15,\"offset\":7,\"text\":\"33.2 ± 29.8\",\"kind\":\"mean_sd\",\"values\":[33.2,29.8],\"variable\":\"TBil\",\"unit\":\"\xef\xbf\xbdmol/l\",\"group\":\"C\",\"n\":111,\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":16,\"offset\":80,\"text\":\"HR = 1.89, 95% CI 1.01–3.58\",\"kind\":\"estimate_ci\",\"values\":[1.89,1.01,3.58],\"measure\":\"HR\",\"level\":95,\"variable\":\"OS\",\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":17,\"offset\":90,\"text\":\"5 patients (20.8%)\",\"kind\":\"count_pct\",\"values\":[5,20.8],\"variable\":\"Deaths\",\"group\":\"T\",\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":18,\"offset\":100,\"text\":\"11 patients (47.4%)\",\"kind\":\"count_pct\",\"values\":[11,47.4],\"variable\":\"Deaths\",\"group\":\"C\",\"flags\":[\"check:pct_vs_count\"],\"notes\":[\"11 of 19 is 57.9%\"]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":19,\"offset\":110,\"text\":\"n = 24\",\"kind\":\"n\",\"values\":[24],\"group\":\"T\",\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":19,\"offset\":120,\"text\":\"n = 19\",\"kind\":\"n\",\"values\":[19],\"group\":\"C\",\"flags\":[]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/a.txt\",\"line\":16,\"offset\":85,\"text\":\"p = 0.051\",\"kind\":\"p_value\",\"values\":[0.051],\"op\":\"=\",\"flags\":[\"check:p_vs_ci_significance\"],\"notes\":[\"p_vs_ci_significance: p = 0.051 but the CI excludes 1\"]}\n"
"{\"study\":\"doi:10.1/a\",\"file\":\"corpus/b.txt\",\"line\":5,\"offset\":1,\"text\":\"40 (35–46.5)\",\"kind\":\"median_iqr\",\"values\":[40,35,46.5],\"variable\":\"Age\",\"unit\":\"years\",\"group\":\"A\",\"n\":37,\"flags\":[\"dup:duplicate_of:corpus/a.txt\"]}\n"
"{\"study\":\"doi:10.1/z\",\"file\":\"corpus/z.txt\",\"line\":3,\"offset\":1,\"text\":\"50.0 ± 10.0\",\"kind\":\"mean_sd\",\"values\":[50,10],\"variable\":\"Age\",\"unit\":\"years\",\"group\":\"Z\",\"n\":40,\"flags\":[]}\n"
"{\"study\":\"doi:10.1/z\",\"file\":\"corpus/z.txt\",\"line\":4,\"offset\":2,\"text\":\"51.0\",\"kind\":\"mean\",\"values\":[51],\"variable\":\"Age\",\"unit\":\"years\",\"group\":\"Y\",\"n\":40,\"flags\":[]}\n";

static rec_list_t recs;

static int setup_recs(void **state)
{
    if (setup(state)) return -1;
    char err[256];
    rec_list_init(&recs);
    return rec_list_read_jsonl(&recs, file("r.jsonl", RECS), err, sizeof err);
}

static int teardown_recs(void **state)
{
    rec_list_destroy(&recs);
    return teardown(state);
}

/* Read and resolve a spec; returns resolve's status, err filled on failure. */
static int run(const char *spec, review_t *rv, review_result_t *res, char *err, size_t errlen)
{
    const char *p = file("t.review", spec);
    if (review_read(p, rv, err, errlen)) return -2;
    int rc = review_resolve(rv, &recs, res, err, errlen);
    if (rc) review_destroy(rv);
    return rc;
}

static void want_read_error(const char *spec, long line, const char *want)
{
    review_t rv;
    char err[512], pre[200];
    const char *p = file("bad.review", spec);
    if (review_read(p, &rv, err, sizeof err) == 0) {
        review_destroy(&rv);
        fail_msg("accepted: %s", spec);
    }
    if (!strstr(err, want)) fail_msg("message \"%s\" lacks \"%s\"", err, want);
    snprintf(pre, sizeof pre, "%s:%ld: ", p, line);
    if (line && strncmp(err, pre, strlen(pre)) != 0) fail_msg("message \"%s\" does not start with %s", err, pre);
}

static void test_grammar_errors(void **state)
{
    (void)state;
    want_read_error("measure MN\nbogus 1\n", 2, "unknown directive 'bogus'");
    want_read_error("measure XX\n", 1, "unknown measure 'XX'");
    want_read_error("measure MN\nmethod FOO\n", 2, "unknown method 'FOO'");
    want_read_error("measure MN\nrow \"a\n", 2, "unterminated quoted string");
    want_read_error("measure MN\nrow a\n  arm corpus/a.txt\n", 3, "'corpus/a.txt' is not FILE:LINE");
    want_read_error("measure MN\nrow a\n  arm corpus/a.txt:0\n", 3, "is not FILE:LINE");
    want_read_error("measure MN\nrow a\n  arm \"40\"\n", 3, "does not follow a FILE:LINE");
    want_read_error("measure MN\nrow a\n  arm corpus/a.txt:10\nmethod DL\n", 4, "unknown row directive 'method'");
    want_read_error("measure MN\nexclude x \"why\"\nmethod DL\n", 3, "header directives come first");
    want_read_error("measure MN\nconv nosuch\n", 2, "unknown conversion method 'nosuch'");
    want_read_error("measure MN\nrow a\n  flip\n", 3, "'flip' takes the reason");
    want_read_error("measure MN\nlevel 120\n", 2, "level is a percentage");
    want_read_error("title x\nrow a\n  arm corpus/a.txt:10\n", 0, "no 'measure' line");
    want_read_error("measure MN\n", 0, "no rows");
    want_read_error("measure MN\nrow a\n", 0, "row \"a\" points at no record");
    want_read_error("measure MN\nrow a b\n", 2, "'row' takes its label");
    want_read_error("measure MN\nrow \"a\xff\"\n", 2, "not valid UTF-8");
    want_read_error("measure MN\nrow \"a\xc0\xaf\"\n", 2, "not valid UTF-8");     /* overlong */
    want_read_error("measure MN\nrow \"a\xe2\x88\"\n", 2, "not valid UTF-8");     /* truncated */
}

static void test_grammar_ok(void **state)
{
    (void)state;
    review_t rv;
    char err[512];
    const char *p = file("ok.review",
        "# a comment\n"
        "title   Baseline age, \"all\" arms   # trailing comment\n"
        "measure MN\nmethod DL\ntest knha\nlevel 90\nconv hozo\nskew refuse\nunit years\n"
        "favours \"Favours A\" \"Favours B\"\n\n"
        "row \"Row # one \\\"quoted\\\"\"\n"
        "    arm corpus/a.txt:10 \"40 (35–46.5)\" corpus/a.txt:11\n"
        "    conv luo/wan/shi\n"
        "exclude corpus/q.txt \"no data\"\n");
    assert_int_equal(review_read(p, &rv, err, sizeof err), 0);
    assert_string_equal(rv.name, "ok");
    assert_string_equal(rv.title, "Baseline age, all arms");
    assert_int_equal(rv.measure, POOL_MN);
    assert_int_equal(rv.method, POOL_DL);
    assert_int_equal(rv.test, POOL_TEST_KNHA);
    assert_true(rv.level == 90);
    assert_int_equal(rv.skew, CONV_SKEW_REFUSE);
    assert_string_equal(rv.favours_right, "Favours B");
    assert_int_equal((int)rv.nrows, 1);
    assert_string_equal(rv.rows[0].label, "Row # one \"quoted\"");
    assert_int_equal((int)rv.rows[0].nrefs[RV_ARM], 2);
    assert_string_equal(rv.rows[0].refs[RV_ARM][0].text, "40 (35–46.5)");
    assert_null(rv.rows[0].refs[RV_ARM][1].text);
    assert_int_equal(rv.rows[0].refs[RV_ARM][1].line, 11);
    assert_string_equal(rv.rows[0].conv, "luo/wan/shi");
    assert_int_equal((int)rv.nexcl, 1);
    assert_string_equal(rv.excl[0].reason, "no data");
    review_destroy(&rv);
}

static void test_refs(void **state)
{
    (void)state;
    review_t rv;
    review_result_t res;
    char err[512];
    /* two records on line 11: the place alone is ambiguous */
    assert_int_equal(run("measure MN\nrow a\n  arm corpus/a.txt:11\n", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "t.review:3: row \"a\": 2 records at corpus/a.txt:11: give the figure's text"));
    assert_int_equal(run("measure MN\nrow a\n  arm corpus/a.txt:99\n", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "no record at corpus/a.txt:99"));
    assert_int_equal(run("measure MN\nrow a\n  arm corpus/a.txt:11 \"49.0\"\n", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "no record \"49.0\" at corpus/a.txt:11 (2 others there)"));
    assert_int_equal(run("measure MN\nrow a\n  arm corpus/a.txt:11 \".0\"\n", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "matches 2 records"));
    /* a p-value is not an arm */
    assert_int_equal(run("measure MN\nrow a\n  arm corpus/a.txt:16 \"p = \"\n", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "is a p_value, which does not describe an arm"));
    /* the row's study must be its records' */
    assert_int_equal(run("measure MN\nrow a\n  study doi:10.1/z\n  arm corpus/a.txt:10\n", &rv, &res, err,
                         sizeof err), -1);
    assert_non_null(strstr(err, "the row says study doi:10.1/z"));
    /* a directory in front of the file name does not matter; a study word may be the file */
    assert_int_equal(run("measure MN\nrow a\n  study corpus/a.txt\n  arm elsewhere/a.txt:10\n", &rv, &res, err,
                         sizeof err), 0);
    assert_int_equal((int)res.data.k, 1);
    review_result_destroy(&res);
    review_destroy(&rv);
}

static void test_arms_and_reasons(void **state)
{
    (void)state;
    review_t rv;
    review_result_t res;
    char err[512];
    int rc = run("measure MN\nunit years\n"
                 "row med-range\n  arm corpus/a.txt:11 \"48.0\" corpus/a.txt:12\n"
                 "row iqr\n  arm corpus/a.txt:10\n"
                 "row mean-only\n  arm corpus/z.txt:4\n"
                 "row mean-sd\n  arm corpus/z.txt:3\n"
                 "row median-only\n  arm corpus/a.txt:11 \"47.0\"\n",
                 &rv, &res, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_int_equal((int)res.nrows, 5);
    assert_int_equal((int)res.data.k, 3);
    /* median 48, range 21-65, n 108 (from the records): Luo S1 mean, Wan S1 SD */
    const rv_out_t *o = &res.rows[0];
    assert_true(o->entered);
    double w = 4 / (4 + pow(108, 0.75));
    assert_true(fabs(o->yi - (w * (21 + 65) / 2 + (1 - w) * 48)) < 1e-12);
    assert_true(o->n == 108);
    assert_non_null(strstr(o->note, "mean luo2018 (S1), sd wan2014 (S1)"));
    assert_non_null(strstr(o->source, "corpus/a.txt:11 \"48.0\"; corpus/a.txt:12 \"21–65\""));
    assert_true(fabs(res.data.s[0].yi - o->yi) < 1e-15);
    assert_string_equal(res.data.s[0].source, o->source);
    assert_false(res.rows[2].entered);
    assert_string_equal(res.rows[2].reason, "a mean with no SD");
    assert_true(res.rows[3].entered);
    assert_true(fabs(res.rows[3].vi - 100.0 / 40) < 1e-15);
    assert_false(res.rows[4].entered);
    assert_string_equal(res.rows[4].reason, "a median with no IQR or range");
    review_result_destroy(&res);
    review_destroy(&rv);

    rc = run("measure MN\nunit μmol/L\nrow range-only\n  arm corpus/a.txt:14\n"
             "row sd\n  arm corpus/a.txt:15\n", &rv, &res, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_false(res.rows[0].entered);
    assert_string_equal(res.rows[0].reason, "a range with no median");
    /* "\xef\xbf\xbdmol/l" (the micro sign lost to U+FFFD) is the review's μmol/L */
    assert_true(res.rows[1].entered);
    review_result_destroy(&res);
    review_destroy(&rv);
}

static void test_units(void **state)
{
    (void)state;
    review_t rv;
    review_result_t res;
    char err[512];
    assert_int_equal(run("measure MN\nunit μmol/L\nrow a\n  arm corpus/a.txt:13\n", &rv, &res, err,
                         sizeof err), -1);
    assert_non_null(strstr(err, "t.review:3: row \"a\": the records are in mmol/L, the review in μmol/L"));
    assert_int_equal(run("measure MN\nunit μmol/L\nrow a\n  arm corpus/a.txt:13\n"
                         "  relabel mmol/L µmol/L \"values are μmol/L\"\n", &rv, &res, err, sizeof err), 0);
    assert_true(res.rows[0].entered);
    assert_string_equal(res.rows[0].arm[0].unit, "µmol/L");
    assert_int_equal((int)res.nwarn, 1);
    assert_non_null(strstr(res.warn[0], "unit mmol/L as printed read as µmol/L: values are μmol/L"));
    review_result_destroy(&res);
    review_destroy(&rv);
    /* relabel of a unit the records do not have */
    assert_int_equal(run("measure MN\nrow a\n  arm corpus/a.txt:10\n  relabel mg/dL µmol/L \"x\"\n", &rv, &res,
                         err, sizeof err), -1);
    assert_non_null(strstr(err, "relabel mg/dL: the records' unit is years"));
}

static void test_two_arm_and_flip(void **state)
{
    (void)state;
    review_t rv;
    review_result_t res;
    char err[512];
    int rc = run("measure GEN\nscale log\n"
                 "row hr\n  estimate corpus/a.txt:16 \"HR\"\n  flip \"control vs treatment\"\n"
                 "  n corpus/a.txt:19 \"24\" corpus/a.txt:19 \"19\"\n"
                 "row rr\n  es RR\n  treat corpus/a.txt:17 corpus/a.txt:19 \"24\"\n"
                 "  control corpus/a.txt:18 corpus/a.txt:19 \"19\"\n",
                 &rv, &res, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_int_equal((int)res.data.k, 2);
    assert_true(res.data.log_scale);
    double se = (log(3.58) - log(1.01)) / (2 * 1.959963984540054);
    assert_true(fabs(res.rows[0].yi + log(1.89)) < 1e-15);
    assert_true(fabs(res.rows[0].vi - se * se) < 1e-12);
    assert_non_null(strstr(res.rows[0].note, "direction turned round: control vs treatment"));
    assert_true(res.rows[0].n == 43);
    assert_true(res.data.s[0].n == 43);
    assert_true(fabs(res.rows[1].yi - log((5.0 / 24) / (11.0 / 19))) < 1e-14);
    assert_true(fabs(res.rows[1].vi - (1.0 / 5 - 1.0 / 24 + 1.0 / 11 - 1.0 / 19)) < 1e-14);
    assert_true(res.rows[1].n == 43);
    /* the flagged count is used, with a warning carrying extract's note */
    int seen = 0;
    for (size_t i = 0; i < res.nwarn; i++)
        seen |= strstr(res.warn[i], "flagged check:pct_vs_count: 11 of 19 is 57.9%") != NULL;
    assert_true(seen);
    /* the estimate's own p-value, flagged, is shown too (the next figure after the estimate) */
    seen = 0;
    for (size_t i = 0; i < res.nwarn; i++)
        seen |= strstr(res.warn[i], "row \"hr\" has its estimate reported with corpus/a.txt:16 \"p = 0.051\", "
                                    "flagged check:p_vs_ci_significance: p = 0.051 but the CI excludes 1") != NULL;
    assert_true(seen);
    review_result_destroy(&res);
    review_destroy(&rv);

    /* a GEN review on the log scale refuses a difference; MN refuses flip */
    assert_int_equal(run("measure GEN\nscale log\nrow x\n  es RD\n  treat corpus/a.txt:17\n"
                         "  control corpus/a.txt:18\n", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "es RD is not a ratio"));
    assert_int_equal(run("measure MN\nrow x\n  arm corpus/a.txt:10\n  flip \"x\"\n", &rv, &res, err,
                         sizeof err), -1);
    assert_non_null(strstr(err, "'flip' has no meaning"));
    assert_int_equal(run("measure MN\nrow x\n  arm corpus/a.txt:10\n  n corpus/a.txt:19 \"24\"\n", &rv, &res, err,
                         sizeof err), -1);
    assert_non_null(strstr(err, "'n' belongs to an estimate row"));
    assert_int_equal(run("measure MD\nrow x\n  arm corpus/a.txt:10\n", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "a MD row needs 'treat' and 'control'"));
    /* counts with no n: the row cannot enter */
    assert_int_equal(run("measure RR\nrow x\n  treat corpus/a.txt:17\n  control corpus/a.txt:18\n", &rv, &res,
                         err, sizeof err), 0);
    assert_false(res.rows[0].entered);
    assert_string_equal(res.rows[0].reason, "an arm with no sample size");
    review_result_destroy(&res);
    review_destroy(&rv);
}

static void test_duplicate_counted_once(void **state)
{
    (void)state;
    review_t rv;
    review_result_t res;
    char err[512];
    /* the copy is listed first: the original file is kept all the same */
    int rc = run("measure MN\nrow copy\n  arm corpus/b.txt:5\nrow orig\n  arm corpus/a.txt:10\n"
                 "row other\n  arm corpus/z.txt:3\n", &rv, &res, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_int_equal((int)res.data.k, 2);
    assert_false(res.rows[0].entered);
    assert_non_null(strstr(res.rows[0].reason, "same article as corpus/a.txt"));
    assert_true(res.rows[1].entered);
    assert_true(res.rows[2].entered);
    assert_int_equal((int)res.nwarn, 1);
    assert_non_null(strstr(res.warn[0], "row \"copy\" (corpus/b.txt) is the same article as corpus/a.txt"));
    review_result_destroy(&res);
    review_destroy(&rv);
    /* only the copy: it counts (once) */
    rc = run("measure MN\nrow copy\n  arm corpus/b.txt:5\n", &rv, &res, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_int_equal((int)res.data.k, 1);
    review_result_destroy(&res);
    review_destroy(&rv);
    /* an excluded study that also has rows is a contradiction */
    rc = run("measure MN\nrow orig\n  arm corpus/a.txt:10\nexclude corpus/a.txt \"why\"\n", &rv, &res, err,
             sizeof err);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err, "t.review:4: corpus/a.txt is excluded, but row \"orig\""));
}

static void test_inputs_csv(void **state)
{
    (void)state;
    review_t rv;
    review_result_t res;
    char err[512], line[2048];
    assert_int_equal(run("measure MN\nrow \"a, b\"\n  arm corpus/a.txt:10\nrow m\n  arm corpus/z.txt:4\n",
                         &rv, &res, err, sizeof err), 0);
    char path[160];
    snprintf(path, sizeof path, "%s/in.csv", dir);
    assert_int_equal(review_write_inputs(path, &rv, &res, err, sizeof err), 0);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    assert_non_null(strstr(line, "analysis,row,label,study,status,reason,es,flip,n1,mean1,sd1,se1,median1"));
    assert_non_null(fgets(line, sizeof line, fp));
    assert_non_null(strstr(line, "t,1,\"a, b\",doi:10.1/a,entered,,MN,0,37,,,,40,35,46.5,,,,"));
    assert_non_null(fgets(line, sizeof line, fp));
    assert_non_null(strstr(line, "excluded,a mean with no SD,MN"));
    fclose(fp);
    /* an unwritable place: -1 with the reason */
    assert_int_equal(review_write_inputs("/nonexistent/x.csv", &rv, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/x.csv: cannot write"));
    review_result_destroy(&res);
    review_destroy(&rv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_grammar_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_grammar_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refs, setup_recs, teardown_recs),
        cmocka_unit_test_setup_teardown(test_arms_and_reasons, setup_recs, teardown_recs),
        cmocka_unit_test_setup_teardown(test_units, setup_recs, teardown_recs),
        cmocka_unit_test_setup_teardown(test_two_arm_and_flip, setup_recs, teardown_recs),
        cmocka_unit_test_setup_teardown(test_duplicate_counted_once, setup_recs, teardown_recs),
        cmocka_unit_test_setup_teardown(test_inputs_csv, setup_recs, teardown_recs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

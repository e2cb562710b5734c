/* test_rec.c - records: JSON round trip, CSV quoting, the number printer and parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "rec.h"

static void test_num_fmt(void **state)
{
    (void)state;
    char b[NUM_BUFSZ];
    assert_string_equal(num_fmt(b, 7.4), "7.4");
    assert_string_equal(num_fmt(b, 40), "40");
    assert_string_equal(num_fmt(b, -0.0), "0");
    assert_string_equal(num_fmt(b, 0.1 + 0.2), "0.30000000000000004");
    assert_string_equal(num_fmt(b, NAN), "null");
    assert_string_equal(num_fmt(b, INFINITY), "null");
    assert_string_equal(num_fmt(b, 1.2e-5), "1.2e-05");
}

static void test_num_parse(void **state)
{
    (void)state;
    double x;
    assert_int_equal(num_parse("46.5", 4, &x), 0);
    assert_true(x == 46.5);
    assert_int_equal(num_parse("-3", 2, &x), 0);
    assert_true(x == -3);
    assert_int_equal(num_parse(".5", 2, &x), 0);
    assert_true(x == 0.5);
    assert_int_equal(num_parse("1e-5", 4, &x), 0);
    assert_int_equal(num_parse("", 0, &x), -1);
    assert_int_equal(num_parse("4a", 2, &x), -1);
    assert_int_equal(num_parse(" 4", 2, &x), -1);
    assert_int_equal(num_parse("0x10", 4, &x), -1);
    assert_int_equal(num_parse("inf", 3, &x), -1);
    assert_int_equal(num_parse("1e999", 5, &x), -1);
}

static void test_json_roundtrip(void **state)
{
    (void)state;
    rec_t r, back;
    char *buf = NULL, err[128];
    size_t len = 0;
    rec_init(&r);
    rec_set(&r.study, "doi:10.1186/s13287-020-01787-4");
    rec_set(&r.file, "corpus/000.txt");
    r.line = 152; r.offset = 10234;
    rec_set(&r.text, "40 (35\xe2\x80\x93" "46.5) \"q\"\n");
    rec_set(&r.kind, "median_iqr");
    r.values[0] = 40; r.values[1] = 35; r.values[2] = 46.5; r.nvalues = 3;
    rec_set(&r.variable, "Age");
    r.n = 37;
    r.confidence = 0.9;
    rec_add_flag(&r, "read:ambiguous_dispersion");
    rec_add_flag(&r, "read:ambiguous_dispersion");
    rec_add_note(&r, "a note");
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(rec_write_json(fp, &r), 0);
    fclose(fp);
    assert_non_null(strstr(buf, "\"values\":[40,35,46.5]"));
    assert_non_null(strstr(buf, "\\\"q\\\"\\n"));
    assert_null(strstr(buf, "\"measure\""));      /* only for CI kinds */
    assert_int_equal(rec_parse_json(buf, &back, err, sizeof err), 0);
    assert_string_equal(back.text, r.text);
    assert_int_equal(back.nvalues, 3);
    assert_true(back.values[2] == 46.5);
    assert_int_equal(back.n, 37);
    assert_int_equal(back.nflags, 1);
    assert_string_equal(back.notes[0], "a note");
    assert_null(back.unit);
    rec_destroy(&back);
    free(buf);
    rec_destroy(&r);
}

static void test_json_errors(void **state)
{
    (void)state;
    rec_t r;
    char err[128];
    assert_int_equal(rec_parse_json("{\"line\": \"x\"}", &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "line"));
    assert_int_equal(rec_parse_json("[1,2]", &r, err, sizeof err), -1);
    assert_int_equal(rec_parse_json("{\"values\": [1, \"a\"]}", &r, err, sizeof err), -1);
    assert_int_equal(rec_parse_json("{", &r, err, sizeof err), -1);
}

static void test_csv(void **state)
{
    (void)state;
    rec_t r;
    char *buf = NULL;
    size_t len = 0;
    rec_init(&r);
    rec_set(&r.text, "HR = 1.89, 95% CI \"x\"");
    rec_set(&r.kind, "estimate_ci");
    r.level = 95;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(rec_write_csv(fp, &r), 0);
    fclose(fp);
    assert_non_null(strstr(buf, "\"HR = 1.89, 95% CI \"\"x\"\"\""));
    assert_non_null(strstr(buf, ",95,"));
    free(buf);
    rec_destroy(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_num_fmt),
        cmocka_unit_test(test_num_parse),
        cmocka_unit_test(test_json_roundtrip),
        cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

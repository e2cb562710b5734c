/* test_txt.c - the plain-text reader: BOM, CRLF, Windows-1252, stray invalid bytes, NUL and
 * binary files, a 10 MB line, and exact line/offset mapping back to the original bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "read.h"

static doc_t *read_buf(const char *s, size_t n)
{
    doc_t *d = doc_new("t.txt");
    assert_non_null(d);
    rd_txt(d, (const unsigned char *)s, n);
    return d;
}

/* Where the first occurrence of needle in any block's text came from. */
static int find(const doc_t *d, const char *needle, long *off, long *line)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        const doc_text_t *t = &d->blocks[i].text;
        if (!t->s) continue;
        const char *p = strstr(t->s, needle);
        if (p) { doc_text_locate(t, (size_t)(p - t->s), off, line, NULL); return 1; }
    }
    return 0;
}

static void test_utf8_lines(void **state)
{
    (void)state;
    const char *s = "\xEF\xBB\xBFTitle line of a study about things\n\nResults\nAge was 40 (35\xE2\x80\x93" "46.5) years\nand p = 0.05.\n";
    doc_t *d = read_buf(s, strlen(s));
    long off, line;
    assert_int_equal(doc_nerrors(d), 0);
    assert_int_equal(d->ndiag, 0);
    assert_true(find(d, "40 (35", &off, &line));
    assert_int_equal(line, 4);
    assert_int_equal(off, (long)(strstr(s, "40 (35") - s));
    assert_true(find(d, "p = 0.05", &off, &line));
    assert_int_equal(line, 5);
    assert_int_equal(off, (long)(strstr(s, "p = 0.05") - s));
    /* "Results" is a heading block of its own */
    int heading = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == DOC_HEADING && !strcmp(d->blocks[i].text.s, "Results")) heading = 1;
    assert_true(heading);
    doc_free(d);
}

static void test_crlf(void **state)
{
    (void)state;
    const char *s = "First paragraph line\r\nHR = 1.89, 95% CI 1.01\xE2\x80\x93" "3.58\r\n\r\nnext\r\n";
    doc_t *d = read_buf(s, strlen(s));
    long off, line;
    assert_true(find(d, "HR = 1.89", &off, &line));
    assert_int_equal(line, 2);
    assert_int_equal(off, 22);
    for (size_t i = 0; i < d->nblocks; i++) assert_null(strchr(d->blocks[i].text.s, '\r'));
    assert_true(find(d, "next", &off, &line));
    assert_int_equal(line, 4);
    doc_free(d);
}

static void test_cp1252(void **state)
{
    (void)state;
    /* "Caf\xe9 values 5 \x96 7 (\xb1)" in Windows-1252: é, en dash, ± */
    const char *s = "Caf\xE9 line one\nvalues 61.5 \xB1 7.4 and 5 \x96 7\n";
    doc_t *d = read_buf(s, strlen(s));
    long off, line;
    assert_int_equal(doc_nerrors(d), 0);
    assert_int_equal(d->ndiag, 1);
    assert_int_equal(d->diag[0].level, DOC_WARN);
    assert_int_equal(d->diag[0].line, 1);
    assert_true(find(d, "Caf\xC3\xA9", &off, &line));
    assert_true(find(d, "61.5 \xC2\xB1 7.4", &off, &line));
    assert_int_equal(line, 2);
    assert_int_equal(off, (long)(strstr(s, "61.5") - s));
    /* the converted character keeps the offset of its source byte, and so does what follows */
    assert_true(find(d, "\xC2\xB1 7.4", &off, &line));
    assert_int_equal(off, (long)(strchr(s, '\xB1') - s));
    assert_true(find(d, "7.4 and", &off, &line));
    assert_int_equal(off, (long)(strstr(s, "7.4 and") - s));
    assert_true(find(d, "5 \xE2\x80\x93 7", &off, &line));
    doc_free(d);
    /* a title in a cp1252 file is converted too */
    s = "Effects of caf\xE9 on \x93outcomes\x94 in adults\n\nAbstract\nx\n";
    d = read_buf(s, strlen(s));
    assert_non_null(d->title);
    assert_string_equal(d->title, "Effects of caf\xC3\xA9 on \xE2\x80\x9Coutcomes\xE2\x80\x9D in adults");
    doc_free(d);
}

static void test_stray_bytes(void **state)
{
    (void)state;
    /* valid UTF-8 (±) with one invalid byte: replaced by U+FFFD, one warning with its line */
    const char *s = "mean 61.5 \xC2\xB1 7.4\nbad \xFF here\nlast 3\n";
    doc_t *d = read_buf(s, strlen(s));
    long off, line;
    assert_int_equal(doc_nerrors(d), 0);
    assert_int_equal(d->ndiag, 1);
    assert_int_equal(d->diag[0].line, 2);
    assert_true(find(d, "bad \xEF\xBF\xBD here", &off, &line));
    assert_true(find(d, "here", &off, &line));
    assert_int_equal(off, (long)(strstr(s, "here") - s));
    doc_free(d);
}

static void test_nul(void **state)
{
    (void)state;
    char s[64] = "text with one NUL \0 in a long enough line of words and more\n";
    size_t n = 61;
    doc_t *d = read_buf(s, n);
    long off, line;
    assert_int_equal(doc_nerrors(d), 0);
    assert_true(d->ndiag >= 1);
    assert_true(find(d, "in a long", &off, &line));
    assert_int_equal(off, 20);
    doc_free(d);
}

static void test_binary(void **state)
{
    (void)state;
    unsigned char b[4096];
    for (size_t i = 0; i < sizeof b; i++) b[i] = (unsigned char)(i * 7919 % 256);
    doc_t *d = read_buf((const char *)b, sizeof b);
    assert_int_equal(doc_nerrors(d), 1);
    assert_int_equal(d->ndiag, 1);
    assert_string_equal(d->diag[0].msg, "binary file");
    assert_int_equal(d->nblocks, 0);
    doc_free(d);
}

static void test_huge_line(void **state)
{
    (void)state;
    size_t n = 10u << 20;
    char *s = malloc(n + 64);
    assert_non_null(s);
    memcpy(s, "head\n", 5);
    for (size_t i = 5; i < n; i++) s[i] = (i % 7) ? 'a' : ' ';
    strcpy(s + n, " p = 0.051 end\n");
    doc_t *d = read_buf(s, strlen(s));
    long off, line;
    assert_int_equal(doc_nerrors(d), 0);
    assert_true(find(d, "p = 0.051", &off, &line));
    assert_int_equal(line, 2);
    assert_int_equal(off, (long)n + 1);
    doc_free(d);
    free(s);
}

static void test_doi_title(void **state)
{
    (void)state;
    const char *s = "Skip to main content\n\nEnhanced therapeutic effects of stem cells in liver failure\n\nAbstract\n"
                    "text\n\nReferences\n1. Other paper. https://doi.org/10.1155/2019/1\n\n  \xE2\x80\xA2 DOI: https://doi.org/10.1186/S13287-020-01787-4\n";
    doc_t *d = read_buf(s, strlen(s));
    assert_non_null(d->title);
    assert_string_equal(d->title, "Enhanced therapeutic effects of stem cells in liver failure");
    assert_non_null(d->doi);
    assert_string_equal(d->doi, "10.1186/s13287-020-01787-4");
    doc_free(d);
    s = "Human Mesenchymal Stem Cell Transfusion Is Safe\nand Improves Liver Function in Acute-on-Chronic\n"
        "Liver Failure Patients\nXian Qin, Jing Chen, Hua-Ni Zhang, Li Du\n\nABSTRACT\ntext\n";
    d = read_buf(s, strlen(s));
    assert_string_equal(d->title, "Human Mesenchymal Stem Cell Transfusion Is Safe and Improves Liver Function in "
                                  "Acute-on-Chronic Liver Failure Patients");
    doc_free(d);
    s = "A title that is long enough here\n\nAbstract\nsee doi:10.1007/s12072-021-10199-2.\n";
    d = read_buf(s, strlen(s));
    assert_string_equal(d->doi, "10.1007/s12072-021-10199-2");
    doc_free(d);
}

static void test_captions(void **state)
{
    (void)state;
    const char *s = "some text\nTable 1 Baseline characteristics of the patients\nFig. 2 Study flow diagram\nTable 1 shows more\n";
    doc_t *d = read_buf(s, strlen(s));
    int caps = 0;
    for (size_t i = 0; i < d->nblocks; i++) caps += d->blocks[i].kind == DOC_CAPTION;
    assert_int_equal(caps, 2);
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_lines),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_stray_bytes),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_doi_title),
        cmocka_unit_test(test_captions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_doc.c - the document model's texts: source maps through append, locate, copy of a range,
 * truncation and move. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "doc.h"

static void test_text_map(void **state)
{
    (void)state;
    doc_text_t t, c;
    long off, line;
    int page;
    doc_text_init(&t);
    doc_text_init(&c);
    assert_int_equal(doc_text_append(&t, "abc", 3, 100, 7), 0);
    assert_int_equal(doc_text_append(&t, "de", 2, 103, 7), 0);      /* extends the segment */
    assert_int_equal(t.nseg, 1);
    assert_int_equal(doc_text_append(&t, " ", 1, -1, 7), 0);        /* derived byte */
    assert_int_equal(doc_text_append_pg(&t, "fgh", 3, 200, 8, 2), 0);
    assert_int_equal(t.nseg, 3);
    doc_text_locate(&t, 4, &off, &line, &page);
    assert_int_equal(off, 104); assert_int_equal(line, 7); assert_int_equal(page, 0);
    doc_text_locate(&t, 5, &off, &line, NULL);
    assert_int_equal(off, -1); assert_int_equal(line, 7);
    doc_text_locate(&t, 7, &off, &line, &page);
    assert_int_equal(off, 201); assert_int_equal(line, 8); assert_int_equal(page, 2);

    /* a range across three segments keeps every offset, line and page */
    assert_int_equal(doc_text_append_range(&c, &t, 3, 8), 0);
    assert_string_equal(c.s, "de fg");
    doc_text_locate(&c, 0, &off, &line, NULL);
    assert_int_equal(off, 103); assert_int_equal(line, 7);
    doc_text_locate(&c, 2, &off, NULL, NULL);
    assert_int_equal(off, -1);
    doc_text_locate(&c, 4, &off, &line, &page);
    assert_int_equal(off, 201); assert_int_equal(line, 8); assert_int_equal(page, 2);
    assert_int_equal(doc_text_append_range(&c, &t, 5, 5), 0);       /* empty range: nothing */
    assert_int_equal(doc_text_append_range(&c, &t, 8, 99), 0);      /* clipped to the end */
    assert_string_equal(c.s, "de fgh");

    /* truncation drops the segments that start at or after the cut */
    doc_text_truncate(&c, 2);
    assert_string_equal(c.s, "de");
    assert_int_equal(c.nseg, 1);
    doc_text_truncate(&c, 10);                                      /* longer: no change */
    assert_int_equal(c.len, 2);

    /* move: dst takes src's text, src is empty and reusable */
    doc_text_move(&c, &t);
    assert_string_equal(c.s, "abcde fgh");
    assert_int_equal(t.len, 0);
    assert_null(t.s);
    doc_text_destroy(&t);
    doc_text_destroy(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

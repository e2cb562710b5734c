/* ex_fixture.h - fixtures for the tests that run the extraction pipeline on small documents
 * (test_ex.c, test_prose.c): one ex_t per test group, a doc of paragraphs, table cells, and
 * record lookup. Include after <cmocka.h>; everything here is static to the test program. */
#ifndef EX_FIXTURE_H
#define EX_FIXTURE_H

#include <math.h>
#include <string.h>

#include "doc.h"
#include "extract.h"
#include "rec.h"

static ex_t *EX;

static int setup(void **state) { (void)state; ex_opts_t o = { 1 }; EX = ex_new(&o); return EX ? 0 : -1; }
static int teardown(void **state) { (void)state; ex_free(EX); return 0; }

/* A doc of paragraphs, one per string, each on its own line; source offsets as if the strings
 * were the lines of a file. */
static doc_t *mkdoc(const char *path, const char *const *paras, size_t n)
{
    doc_t *d = doc_new(path);
    long off = 0;
    assert_non_null(d);
    for (size_t i = 0; i < n; i++) {
        doc_block_t *b = doc_add_block(d, DOC_PARA);
        assert_non_null(b);
        assert_int_equal(doc_text_append(&b->text, paras[i], strlen(paras[i]), off, (long)i + 1), 0);
        off += (long)strlen(paras[i]) + 1;
    }
    return d;
}

/* The records of a doc of paragraphs, into l (initialised here). */
static void run(const char *path, const char *const *p, size_t n, rec_list_t *l)
{
    doc_t *d = mkdoc(path, p, n);
    rec_list_init(l);
    assert_int_equal(ex_doc(EX, d, l), 0);
    doc_free(d);
}

/* The k-th record (from 0) of this kind and first value. */
static const rec_t *nth(const rec_list_t *l, const char *kind, double v0, int k)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].kind, kind) && fabs(l->v[i].values[0] - v0) < 1e-9 && k-- == 0) return &l->v[i];
    return NULL;
}

static const rec_t *find(const rec_list_t *l, const char *kind, double v0) { return nth(l, kind, v0, 0); }

/* A one-by-one cell with its text at (r, c); source offsets and lines made up from r and c. */
static void cell(doc_table_t *t, int r, int c, const char *s, int header)
{
    doc_cell_t *x = doc_table_add_cell(t, r, c, 1, 1);
    assert_non_null(x);
    x->header = header;
    assert_int_equal(doc_text_append(&x->text, s, strlen(s), 1000 + r * 100 + c * 10, 10 + r), 0);
}

#endif

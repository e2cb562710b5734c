/* test_tab.c - text tables rebuilt as grids (tab-separated, one cell per line, space-separated,
 * scrambled), cell contexts (variable, unit, group, n, timepoint, p columns, hints) on text
 * tables and on grids built the way the XML/HTML readers build them, header and label parsing,
 * and the error paths: empty table, ragged rows, a huge cell, no table under a caption.
 * Snippets in tests/data/tab/ are copied from the seed articles. */
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
#include "tab.h"

/* ---- helpers ------------------------------------------------------------------------------ */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
    b[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return b;
}

static doc_t *read_buf(const char *s, size_t n)
{
    doc_t *d = doc_new("t.txt");
    assert_non_null(d);
    assert_int_equal(rd_txt(d, (const unsigned char *)s, n), 0);
    return d;
}

/* The only (or first) table block. */
static size_t table_block(const doc_t *d)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == DOC_TABLE) return i;
    fail_msg("no table block");
    return 0;
}

static const char *cell(const doc_table_t *t, int r, int c)
{
    const doc_cell_t *x = doc_table_at(t, r, c);
    return x && x->text.s ? x->text.s : "";
}

/* The cell's text maps back to the very bytes of the file. */
static void assert_maps_back(const doc_table_t *t, int r, int c, const char *file, size_t flen)
{
    const doc_cell_t *x = doc_table_at(t, r, c);
    assert_non_null(x);
    long off, line;
    doc_text_locate(&x->text, 0, &off, &line, NULL);
    assert_true(off >= 0);
    assert_true((size_t)off + x->text.len <= flen);
    /* the first segment's bytes are the file's bytes */
    size_t seg = x->text.nseg > 1 ? x->text.seg[1].pos : x->text.len;
    assert_memory_equal(file + off, x->text.s, seg);
    long l = 1;
    for (long i = 0; i < off; i++) l += file[i] == '\n';
    assert_int_equal(line, l);
}

/* ---- tab-separated (seed 002, Table 1) --------------------------------------------------- */

static void test_tabbed(void **state)
{
    (void)state;
    size_t n;
    char *f = slurp("tests/data/tab/tabbed.txt", &n);
    doc_t *d = read_buf(f, n);
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_string_equal(t->label, "Table 1");
    assert_int_equal(t->nrows, 24);
    assert_int_equal(t->ncols, 4);
    assert_int_equal(t->nhead, 1);
    assert_int_equal(t->uncertain, 0);
    assert_non_null(strstr(t->caption.s, "Baseline characteristics of the patients"));
    assert_non_null(strstr(t->foot.s, "Data are expressed as the mean"));
    assert_non_null(strstr(t->foot.s, "ALB albumin"));
    assert_string_equal(cell(t, 0, 1), "Control (<i>n</i> = 111)");
    assert_string_equal(cell(t, 1, 0), "Age (years)");
    assert_string_equal(cell(t, 2, 0), "Median");
    assert_string_equal(cell(t, 2, 1), "47.0");
    assert_string_equal(cell(t, 3, 3), "0.411");
    assert_string_equal(cell(t, 23, 2), "86/22");
    assert_int_equal(doc_table_at(t, 2, 0)->indent, 1);
    assert_int_equal(doc_table_at(t, 1, 0)->indent, 0);
    assert_maps_back(t, 2, 1, f, n);
    assert_maps_back(t, 5, 1, f, n);
    assert_maps_back(t, 0, 2, f, n);
    /* the paragraphs the table came from are gone; the prose after it stays */
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind != DOC_TABLE)
            assert_null(strstr(d->blocks[i].text.s, "61.5 \xC2\xB1 7.4"));

    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 2, 1, &c), 0);        /* Median under Age (years) */
    assert_string_equal(c.variable, "Age");
    assert_string_equal(c.unit, "years");
    assert_string_equal(c.group, "Control");
    assert_int_equal(c.n, 111);
    assert_int_equal(c.hint, MEAN_MEDIAN);
    assert_string_equal(c.table, "Table 1");
    assert_string_equal(c.timepoint, "baseline");
    assert_int_equal(c.is_p_col, 0);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 3, 2, &c), 0);        /* Range, UC-MSc */
    assert_string_equal(c.variable, "Age");
    assert_string_equal(c.group, "UC-MSc");
    assert_int_equal(c.n, 108);
    assert_int_equal(c.hint, MEAN_RANGE);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 3, 3, &c), 0);        /* p value column */
    assert_int_equal(c.is_p_col, 1);
    assert_string_equal(c.group, "UC-MSc vs Control");         /* control arm second */
    assert_int_equal(c.n, -1);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 5, 1, &c), 0);        /* TP (g/L) 61.5 ± 7.4 */
    assert_string_equal(c.variable, "TP");
    assert_string_equal(c.unit, "g/L");
    assert_int_equal(c.hint, MEAN_SD);                        /* from the footnote */
    assert_int_equal(c.stmt.plusminus, MEAN_SD);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 14, 1, &c), 0);       /* INR: no unit, no parent */
    assert_string_equal(c.variable, "INR");
    assert_null(c.unit);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 17, 1, &c), 0);       /* "> 15, % (n /total number)" */
    assert_string_equal(c.variable, "MELD score > 15");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 20, 3, &c), 0);       /* A under Child–Pugh score */
    assert_string_equal(c.variable, "Child\xE2\x80\x93Pugh score, A");
    assert_int_equal(c.is_p_col, 1);
    tab_ctx_destroy(&c);
    doc_free(d);
    free(f);
}

/* ---- one cell per line (seed 000, Table 1) ----------------------------------------------- */

static void test_flat(void **state)
{
    (void)state;
    size_t n;
    char *f = slurp("tests/data/tab/flat.txt", &n);
    doc_t *d = read_buf(f, n);
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_string_equal(t->label, "Table 1");
    assert_int_equal(t->nrows, 9);
    assert_int_equal(t->ncols, 7);
    assert_int_equal(t->nhead, 2);
    assert_int_equal(t->uncertain, 0);
    /* two-level header: "Liver failure" spans Group A, Group B, P value */
    const doc_cell_t *span = doc_table_at(t, 0, 1);
    assert_non_null(span);
    assert_string_equal(span->text.s, "Liver failure");
    assert_int_equal(span->colspan, 3);
    assert_ptr_equal(doc_table_at(t, 0, 3), span);
    assert_string_equal(cell(t, 0, 4), "Liver cirrhosis");
    assert_string_equal(cell(t, 0, 0), "Factors");
    assert_string_equal(cell(t, 1, 1), "Group A");
    assert_string_equal(cell(t, 1, 6), "P value");
    assert_string_equal(cell(t, 2, 0), "Sex (M/F)");
    assert_string_equal(cell(t, 3, 1), "40 (35\xE2\x80\x93" "46.5)");
    assert_string_equal(cell(t, 8, 6), "0.005");
    assert_non_null(strstr(t->foot.s, "ALT alanine aminotransferase"));
    assert_maps_back(t, 3, 1, f, n);
    assert_maps_back(t, 8, 6, f, n);

    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 3, 1, &c), 0);
    assert_string_equal(c.variable, "Age");
    assert_string_equal(c.unit, "years");
    assert_non_null(strstr(c.group, "Group A"));
    assert_int_equal(c.n, 37);                                 /* "group A, N = 37" in the text */
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 3, 3, &c), 0);
    assert_int_equal(c.is_p_col, 1);
    assert_string_equal(c.group, "Group A vs B");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 6, 6, &c), 0);
    assert_string_equal(c.group, "Group C vs D");
    assert_string_equal(c.variable, "TBIL");
    assert_string_equal(c.unit, "mmol/L");
    tab_ctx_destroy(&c);
    doc_free(d);
    free(f);
}

/* Seed 000, Table 2: the stub header "Factors" was printed between the two spanning headers,
 * so which span covers which columns is a guess: the spans name no arm. */
static void test_flat_spans_out_of_order(void **state)
{
    (void)state;
    size_t n;
    char *f = slurp("tests/data/tab/flat_spans.txt", &n);
    doc_t *d = read_buf(f, n);
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_string_equal(t->label, "Table 2");
    assert_int_equal(t->nrows, 9);
    assert_int_equal(t->ncols, 7);
    assert_string_equal(cell(t, 0, 0), "Factors");
    assert_int_equal(doc_table_at(t, 0, 1)->uncertain, 1);
    assert_int_equal(doc_table_at(t, 0, 1)->colspan, 3);
    assert_int_equal(doc_table_at(t, 3, 2)->uncertain, 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 3, 2, &c), 0);
    assert_string_equal(c.group, "Group C");
    assert_string_equal(c.variable, "Age");
    assert_int_equal(c.uncertain, 0);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 3, 3, &c), 0);
    assert_string_equal(c.group, "Group A vs C");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 8, 6, &c), 0);
    assert_string_equal(c.group, "Group B vs D");
    assert_string_equal(c.variable, "MELD");
    tab_ctx_destroy(&c);
    doc_free(d);
    free(f);
}

/* One cell per line with a section row ("Gender") and rows that print one p for the group. */
static void test_flat_sections(void **state)
{
    (void)state;
    const char *s =
        "Results were fine.\n\nTable 2 Outcomes\n\nVariable\n\nPlacebo (n = 20)\n\nDrug (n = 21)\n\n"
        "P value\n\nAge, years\n\n61 \xC2\xB1 7\n\n62 \xC2\xB1 8\n\n0.51\n\nGender\n\nMale\n\n10 (50.0)\n\n"
        "12 (57.1)\n\n0.66\n\nFemale\n\n10 (50.0)\n\n9 (42.9)\n\nBMI\n\n25.1 \xC2\xB1 3.0\n\n"
        "24.9 \xC2\xB1 2.8\n\n0.80\n\nData are mean \xC2\xB1 SD or n (%).\n\nDiscussion\n"
        "The drug was good and all patients liked it very much indeed over the course of the study.\n";
    doc_t *d = read_buf(s, strlen(s));
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_int_equal(t->nrows, 6);
    assert_int_equal(t->ncols, 4);
    assert_int_equal(t->uncertain, 0);               /* "Female" lacks only its p-value */
    assert_string_equal(cell(t, 2, 0), "Gender");
    assert_null(doc_table_at(t, 2, 1));
    assert_string_equal(cell(t, 4, 2), "9 (42.9)");
    assert_string_equal(cell(t, 5, 3), "0.80");
    assert_non_null(strstr(t->foot.s, "Data are mean"));
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 4, 2, &c), 0);
    assert_string_equal(c.variable, "Gender, Female");
    assert_string_equal(c.group, "Drug");
    assert_int_equal(c.n, 21);
    assert_int_equal(c.hint, MEAN_NPCT);             /* the footnote, for "a (b)" */
    assert_int_equal(c.uncertain, 0);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 5, 1, &c), 0);
    assert_string_equal(c.variable, "BMI");
    assert_int_equal(c.hint, MEAN_SD);               /* the footnote, for "a ± b" */
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* ---- scrambled (seed 000, Table 3): keep every cell ---------------------------------------- */

static void test_scrambled(void **state)
{
    (void)state;
    size_t n;
    char *f = slurp("tests/data/tab/scrambled.txt", &n);
    doc_t *d = read_buf(f, n);
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_string_equal(t->label, "Table 3");
    assert_int_equal(t->uncertain, 1);
    /* every non-empty line between the caption and the footnote is a cell */
    const char *a = strstr(f, "\nOutcome\n"), *z = strstr(f, "\nNS nonsignificant");
    assert_non_null(a);
    assert_non_null(z);
    int lines = 0;
    for (const char *p = a + 1; p < z; ) {
        const char *e = strchr(p, '\n');
        if (!e || e > z) e = z;
        if (e > p) lines++;
        p = e + 1;
    }
    assert_int_equal(t->ncells, lines);
    /* the spanning headers found further down fill their places */
    assert_string_equal(cell(t, 0, 2), "W0\xE2\x80\x93W1");
    assert_string_equal(cell(t, 0, 4), "W1\xE2\x80\x93W4");
    assert_string_equal(cell(t, 0, 8), "W12\xE2\x80\x93W24");
    assert_string_equal(cell(t, 2, 0), "ALT");
    assert_string_equal(cell(t, 2, 1), "Group A");
    assert_string_equal(cell(t, 3, 1), "Group B");
    assert_string_equal(cell(t, 3, 2), "24 (9\xE2\x80\x93" "260)");
    /* outer labels cycle with the arms: AST begins when Group A comes back */
    assert_string_equal(cell(t, 6, 0), "AST");
    assert_string_equal(cell(t, 6, 2), "17 (\xE2\x88\x92 5.5 to 60.25)");

    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 3, 2, &c), 0);
    assert_string_equal(c.variable, "ALT");
    assert_string_equal(c.group, "Group B");
    assert_string_equal(c.timepoint, "W0\xE2\x80\x93W1");
    assert_int_equal(c.uncertain, 0);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 2, 7, &c), 0);        /* 0.002 on the Group A row */
    assert_int_equal(c.is_p_col, 1);
    assert_string_equal(c.group, "Group A vs B");              /* from the caption */
    assert_string_equal(c.timepoint, "W4\xE2\x80\x93W12");
    tab_ctx_destroy(&c);
    /* cells whose place is lost: uncertain, no labels, p-values still known as such */
    int orphans = 0, ps = 0;
    for (int i = 0; i < t->ncells; i++) {
        const doc_cell_t *x = &t->cells[i];
        if (!x->uncertain) continue;
        orphans++;
        assert_int_equal(tab_cell_ctx(d, bi, x->row, x->col, &c), 0);
        assert_int_equal(c.uncertain, 1);
        assert_null(c.variable);
        assert_null(c.group);
        if (!strcmp(x->text.s, "0.041")) { assert_int_equal(c.is_p_col, 1); ps++; }
        tab_ctx_destroy(&c);
    }
    assert_true(orphans > 40);
    assert_int_equal(ps, 1);
    doc_free(d);
    free(f);
}

/* ---- space-separated rows under paragraph headers (seed 003, Table 1) --------------------- */

static void test_spaced(void **state)
{
    (void)state;
    size_t n;
    char *f = slurp("tests/data/tab/spaced.txt", &n);
    doc_t *d = read_buf(f, n);
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_string_equal(t->label, "Table 1");
    assert_int_equal(t->nrows, 14);
    assert_int_equal(t->ncols, 3);
    assert_int_equal(t->nhead, 1);
    assert_string_equal(t->caption.s,
                        "Table 1. Baseline characteristics of the acute-on-chronic liver failure patients");
    assert_string_equal(cell(t, 0, 0), "Characteristic");
    assert_string_equal(cell(t, 0, 1), "UC-MSC transfusions, n \xEF\xBF\xBD 24 (%)");
    assert_string_equal(cell(t, 2, 0), "Median");
    assert_string_equal(cell(t, 2, 1), "40");
    assert_string_equal(cell(t, 5, 1), "20 (83.3%)");
    assert_string_equal(cell(t, 5, 2), "15 (78.9%)");
    assert_string_equal(cell(t, 9, 0), "Total bilirubin (\xEF\xBF\xBDmol/l)");
    assert_string_equal(cell(t, 9, 2), "136.8\xE2\x80\x93" "678.5");
    assert_non_null(strstr(t->foot.s, "Abbreviation"));
    assert_maps_back(t, 5, 2, f, n);
    assert_maps_back(t, 9, 1, f, n);

    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 2, 1, &c), 0);
    assert_string_equal(c.variable, "Age");
    assert_string_equal(c.group, "UC-MSC transfusions");
    assert_int_equal(c.n, 24);
    assert_int_equal(c.hint, MEAN_MEDIAN);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 5, 2, &c), 0);
    assert_string_equal(c.variable, "Gender, Male");
    assert_string_equal(c.group, "Control");
    assert_int_equal(c.n, 19);
    assert_int_equal(c.hint, MEAN_NPCT);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 7, 1, &c), 0);
    assert_string_equal(c.variable, "Serum total protein");
    assert_string_equal(c.unit, "g/l");
    tab_ctx_destroy(&c);
    doc_free(d);
    free(f);
}

/* ---- cells set apart by runs of spaces (pdftotext -layout) ------------------------------ */

static void test_gapped(void **state)
{
    (void)state;
    const char *s =
        "Results\n\nTable 2 Outcomes at week 12\n\n"
        "                      Placebo (n = 40)     Drug (n = 42)     P value\n"
        "Age, years            61.5 \xC2\xB1 7.4           62.0 \xC2\xB1 8.1        0.51\n"
        "Male, n (%)           20 (50.0)            25 (59.5)         0.39\n"
        "TBIL (\xCE\xBCmol/L)         33 (20\xE2\x80\x93" "45)           30 (19\xE2\x80\x93" "41)\n\n"
        "Data are mean \xC2\xB1 SD, median (IQR) or n (%).\n\n"
        "The drug did well in all the patients we studied over twelve weeks of follow-up time.\n";
    doc_t *d = read_buf(s, strlen(s));
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_int_equal(t->nrows, 4);
    assert_int_equal(t->ncols, 4);
    assert_int_equal(t->nhead, 1);
    assert_string_equal(cell(t, 0, 1), "Placebo (n = 40)");     /* aligned right of the stub */
    assert_string_equal(cell(t, 1, 2), "62.0 \xC2\xB1 8.1");
    assert_string_equal(cell(t, 3, 2), "30 (19\xE2\x80\x93" "41)");
    assert_maps_back(t, 1, 2, s, strlen(s));
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 2, 2, &c), 0);
    assert_string_equal(c.variable, "Male");                    /* not a sub-row of Age */
    assert_string_equal(c.group, "Drug");
    assert_int_equal(c.n, 42);
    assert_int_equal(c.hint, MEAN_NPCT);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 1, 3, &c), 0);
    assert_string_equal(c.group, "Drug vs Placebo");
    assert_string_equal(c.variable, "Age");
    assert_string_equal(c.unit, "years");
    assert_int_equal(c.stmt.plusminus, MEAN_SD);
    assert_int_equal(c.stmt.paren, MEAN_IQR);
    assert_int_equal(c.stmt.single, MEAN_NPCT);
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* Two tab-separated header rows: the arm spans its timepoints. */
static void test_tabbed_two_headers(void **state)
{
    (void)state;
    const char *s =
        "Table 4 Weight over time\n\n"
        "\tDrug (n = 30)\t\tPlacebo (n = 29)\n"
        "\tBaseline\tWeek 12\tBaseline\tWeek 12\n"
        "Weight (kg)\t80.1 \xC2\xB1 9.0\t78.2 \xC2\xB1 8.7\t79.9 \xC2\xB1 9.9\t80.0 \xC2\xB1 9.5\n";
    doc_t *d = read_buf(s, strlen(s));
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_int_equal(t->nhead, 2);
    assert_int_equal(t->ncols, 5);
    assert_int_equal(doc_table_at(t, 0, 1)->colspan, 2);
    assert_int_equal(doc_table_at(t, 0, 3)->colspan, 2);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, bi, 2, 4, &c), 0);
    assert_string_equal(c.group, "Placebo");
    assert_int_equal(c.n, 29);
    assert_string_equal(c.timepoint, "Week 12");
    assert_string_equal(c.variable, "Weight");
    assert_string_equal(c.unit, "kg");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 2, 1, &c), 0);
    assert_string_equal(c.group, "Drug");
    assert_string_equal(c.timepoint, "Baseline");
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* ---- a grid as the XML/HTML readers build it ---------------------------------------------- */

static doc_cell_t *put(doc_table_t *t, int r, int c, int rs, int cs, const char *s, int head)
{
    doc_cell_t *x = doc_table_add_cell(t, r, c, rs, cs);
    assert_non_null(x);
    assert_int_equal(doc_text_append(&x->text, s, strlen(s), -1, 1), 0);
    x->header = head;
    return x;
}

static void test_reader_grid(void **state)
{
    (void)state;
    doc_t *d = doc_new("x.xml");
    doc_block_t *b = doc_add_block(d, DOC_TABLE);
    doc_table_t *t = doc_block_table(b);
    assert_non_null(t);
    assert_int_equal(doc_set(&t->label, "Table 2"), 0);
    const char *cap = "Results are expressed as mean\xC2\xB1standard error of the mean.";
    assert_int_equal(doc_text_append(&t->caption, cap, strlen(cap), -1, 1), 0);
    put(t, 0, 0, 2, 1, "", 1);
    put(t, 0, 1, 1, 2, "Exercise group", 1);
    put(t, 0, 3, 1, 1, "Placebo", 1);
    put(t, 0, 4, 2, 1, "p value", 1);
    put(t, 1, 1, 1, 1, "Baseline (n = 14)", 1);
    put(t, 1, 2, 1, 1, "12 weeks (n = 13)", 1);
    put(t, 1, 3, 1, 1, "N = 9", 1);
    put(t, 2, 0, 1, 5, "Age (yr)", 0);                         /* a section row */
    put(t, 3, 0, 1, 1, "Median (IQR)", 0);
    put(t, 3, 1, 1, 1, "69 (65\xE2\x80\x93" "72)", 0);
    put(t, 4, 0, 1, 1, "T1b\xE2\x80\x93T2a", 0);
    put(t, 4, 1, 1, 1, "107 (74)", 0);
    put(t, 4, 4, 1, 1, "0.03", 0);
    put(t, 5, 0, 1, 1, "Weight (kg)", 0);
    put(t, 5, 2, 1, 1, "83.7\xC2\xB1" "5.4", 0);
    t->nhead = 2;
    assert_int_equal(doc_table_build_grid(t), 0);

    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 3, 1, &c), 0);
    assert_string_equal(c.variable, "Age");
    assert_string_equal(c.unit, "yr");
    assert_string_equal(c.group, "Exercise group");
    assert_string_equal(c.timepoint, "Baseline");
    assert_int_equal(c.n, 14);
    assert_int_equal(c.hint, MEAN_IQR);
    assert_string_equal(c.table, "Table 2");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 4, 1, &c), 0);         /* under the section row */
    assert_string_equal(c.variable, "Age, T1b\xE2\x80\x93T2a");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 4, 4, &c), 0);
    assert_int_equal(c.is_p_col, 1);
    assert_string_equal(c.group, "Exercise group vs Placebo");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 5, 2, &c), 0);
    assert_string_equal(c.timepoint, "12 weeks");
    assert_int_equal(c.n, 13);
    assert_int_equal(c.hint, MEAN_SE);                         /* from the caption */
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 3, 3, &c), 0);         /* "N = 9" names no arm */
    assert_int_equal(c.n, 9);
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* A wide table with a second label column ("Baseline ..." | value | "Change in ..." | ...). */
static void test_wide_grid(void **state)
{
    (void)state;
    doc_t *d = doc_new("w.pdf");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    doc_text_append(&t->caption, "Change in urine volume", 22, -1, 1);
    put(t, 0, 0, 1, 1, "Baseline values", 1);
    put(t, 0, 1, 1, 1, "Value, mean (SD)", 1);
    put(t, 0, 2, 1, 1, "Change values", 1);
    put(t, 0, 3, 1, 1, "Placebo, mean (95% CI)", 1);
    put(t, 0, 4, 1, 1, "Empagliflozin, mean (95% CI)", 1);
    put(t, 0, 5, 1, 1, "Mean difference (95% CI)", 1);
    put(t, 0, 6, 1, 1, "P value", 1);
    const char *row[2][7] = {
        { "Baseline urinary volume, mL", "1772 (571)", "Change in urinary volume, mL",
          "\xE2\x88\x92" "113 (\xE2\x88\x92" "345 to 119)", "421 (194 to 649)", "535 (133 to 936)", "0.005" },
        { "Baseline uNa, mmol/L", "69.9 (26.3)", "Change in uNa, mmol/L", "6.02 (2.25 to 14.29)",
          "1.42 (9.52 to 6.68)", "7.44 (21.75 to 6.88)", "0.62" } };
    for (int r = 0; r < 2; r++)
        for (int k = 0; k < 7; k++) put(t, r + 1, k, 1, 1, row[r][k], k == 0);
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 1, 1, &c), 0);
    assert_string_equal(c.variable, "Baseline urinary volume");
    assert_string_equal(c.unit, "mL");
    assert_int_equal(c.hint, MEAN_SD);
    assert_int_equal(c.n, -1);
    assert_null(c.timepoint);                                  /* a table of changes */
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 2, 4, &c), 0);
    assert_string_equal(c.variable, "Change in uNa");
    assert_string_equal(c.unit, "mmol/L");
    assert_string_equal(c.group, "Empagliflozin");
    assert_int_equal(c.hint, MEAN_CI);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 1, 5, &c), 0);         /* the label column is no arm */
    assert_int_equal(c.is_cmp_col, 1);
    assert_int_equal(c.is_p_col, 0);
    assert_string_equal(c.group, "Empagliflozin vs Placebo");
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* Two arms, neither a control: the footnote's "positive versus negative" sets the order. */
static void test_compare_order(void **state)
{
    (void)state;
    doc_t *d = doc_new("o.xml");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    const char *foot = "HR comparing \xE2\x80\x9Cpositive\xE2\x80\x9D versus \xE2\x80\x9Cnegative or "
                       "suspicious\xE2\x80\x9D biopsy outcome.";
    assert_int_equal(doc_text_append(&t->foot, foot, strlen(foot), -1, 1), 0);
    put(t, 0, 0, 1, 1, "Outcome measure", 1);
    put(t, 0, 1, 1, 1, "HR (95% CI)", 1);
    put(t, 0, 2, 1, 1, "p value", 1);
    put(t, 0, 3, 1, 1, "Negative or suspicious biopsy", 1);
    put(t, 0, 4, 1, 1, "Positive biopsy", 1);
    put(t, 1, 0, 1, 1, "Overall survival", 0);
    put(t, 1, 1, 1, 1, "1.58 (0.52\xE2\x80\x93" "4.78)", 0);
    put(t, 1, 2, 1, 1, "0.42", 0);
    put(t, 1, 3, 1, 1, "23/163", 0);
    put(t, 1, 4, 1, 1, "4/14", 0);
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 1, 1, &c), 0);
    assert_int_equal(c.is_cmp_col, 1);
    assert_int_equal(c.hint, MEAN_CI);
    assert_string_equal(c.group, "Positive vs Negative or suspicious biopsy");
    assert_string_equal(c.variable, "Overall survival");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 1, 2, &c), 0);
    assert_int_equal(c.is_p_col, 1);
    assert_string_equal(c.group, "Positive vs Negative or suspicious biopsy");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 1, 4, &c), 0);
    assert_string_equal(c.group, "Positive biopsy");
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* Effect headers that name their reference arm, as the RECEDE-CHF tables print them: under a
 * spanning arm header ("Empagliflozin day 3" over "Mean difference from placebo week 6"), and
 * with the arm glued into the same header cell; the p column right after an effect column
 * compares the same arms; "Placebo week 6" is the arm and its time. */
static void test_effect_header_arms(void **state)
{
    (void)state;
    for (int glued = 0; glued < 2; glued++) {
        doc_t *d = doc_new("e.pdf");
        doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
        assert_non_null(t);
        put(t, 0, 0, glued ? 1 : 2, 1, "Outcome", 1);
        put(t, 0, 1, glued ? 1 : 2, 1, "Placebo week 6, mean value (95% CI)", 1);
        if (glued) {
            put(t, 0, 2, 1, 1, "Mean value (95% CI)", 1);
            put(t, 0, 3, 1, 1, "Empagliflozin day 3 Mean difference from placebo week 6 (95% CI)", 1);
            put(t, 0, 4, 1, 1, "P value", 1);
        } else {
            put(t, 0, 2, 1, 3, "Empagliflozin day 3", 1);
            put(t, 1, 2, 1, 1, "Mean value (95% CI)", 1);
            put(t, 1, 3, 1, 1, "Mean difference from placebo week 6 (95% CI)", 1);
            put(t, 1, 4, 1, 1, "P value", 1);
        }
        int r = glued ? 1 : 2;
        put(t, r, 0, 1, 1, "Change in urinary volume, mL", 0);
        put(t, r, 1, 1, 1, "\xE2\x88\x92" "113 (\xE2\x88\x92" "345 to 119)", 0);
        put(t, r, 2, 1, 1, "421 (194 to 649)", 0);
        put(t, r, 3, 1, 1, "535 (133 to 936)", 0);
        put(t, r, 4, 1, 1, "0.005", 0);
        t->nhead = glued ? 1 : 2;
        assert_int_equal(doc_table_build_grid(t), 0);
        tab_ctx_t c;
        assert_int_equal(tab_cell_ctx(d, 0, r, 3, &c), 0);
        assert_int_equal(c.is_cmp_col, 1);
        assert_string_equal(c.group, "Empagliflozin vs Placebo");
        assert_int_equal(c.hint, MEAN_CI);
        tab_ctx_destroy(&c);
        assert_int_equal(tab_cell_ctx(d, 0, r, 4, &c), 0);
        assert_int_equal(c.is_p_col, 1);
        assert_string_equal(c.group, "Empagliflozin vs Placebo");
        tab_ctx_destroy(&c);
        assert_int_equal(tab_cell_ctx(d, 0, r, 1, &c), 0);
        assert_string_equal(c.group, "Placebo");
        assert_string_equal(c.timepoint, "week 6");
        assert_string_equal(c.variable, "Change in urinary volume");
        tab_ctx_destroy(&c);
        if (!glued) {
            assert_int_equal(tab_cell_ctx(d, 0, r, 2, &c), 0);
            assert_string_equal(c.group, "Empagliflozin");
            assert_string_equal(c.timepoint, "day 3");
            tab_ctx_destroy(&c);
        }
        doc_free(d);
    }
    /* a difference from baseline names no arm */
    doc_t *d = doc_new("b.xml");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    put(t, 0, 0, 1, 1, "Outcome", 1);
    put(t, 0, 1, 1, 1, "Drug, mean difference from baseline (95% CI)", 1);
    put(t, 1, 0, 1, 1, "Weight, kg", 0);
    put(t, 1, 1, 1, 1, "-1.2 (-2.0 to -0.4)", 0);
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 1, 1, &c), 0);
    assert_int_equal(c.is_cmp_col, 1);
    assert_null(c.group);
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* Two blocks of arms without spans ("Placebo | Drug A | Difference | P | Placebo | Drug B |
 * Difference | P"): each p column compares the arms of its own effect column, not all three. */
static void test_p_after_effect(void **state)
{
    (void)state;
    doc_t *d = doc_new("p.pdf");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    const char *hd[9] = { "Values", "Placebo, mean value (95% CI)", "Drug A, mean value (95% CI)",
                          "Mean difference (95% CI)", "P value", "Placebo, mean value (95% CI)",
                          "Drug B, mean value (95% CI)", "Mean difference (95% CI)", "P value" };
    const char *row[9] = { "Body weight, kg", "\xE2\x88\x92" "0.34 (\xE2\x88\x92" "0.94 to 0.25)",
                           "\xE2\x88\x92" "1.34 (\xE2\x88\x92" "1.94 to \xE2\x88\x92" "0.75)",
                           "\xE2\x88\x92" "1.00 (\xE2\x88\x92" "2.15 to 0.15)", "0.12",
                           "\xE2\x88\x92" "0.34 (\xE2\x88\x92" "0.96 to 0.29)",
                           "\xE2\x88\x92" "2.05 (\xE2\x88\x92" "2.66 to \xE2\x88\x92" "1.44)",
                           "\xE2\x88\x92" "1.71 (\xE2\x88\x92" "2.90 to \xE2\x88\x92" "0.53)", "0.001" };
    for (int k = 0; k < 9; k++) {
        put(t, 0, k, 1, 1, hd[k], 1);
        put(t, 1, k, 1, 1, row[k], 0);
    }
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 1, 4, &c), 0);
    assert_string_equal(c.group, "Drug A vs Placebo");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 1, 8, &c), 0);
    assert_string_equal(c.group, "Drug B vs Placebo");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 1, 7, &c), 0);
    assert_string_equal(c.group, "Drug B vs Placebo");
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* Fantini Table 3: "Variables | Categories | r (p-value)": the category is the subgroup and the
 * parenthesised figure a p-value. */
static void test_category_group(void **state)
{
    (void)state;
    doc_t *d = doc_new("f.html");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    put(t, 0, 0, 1, 1, "Variables", 1);
    put(t, 0, 1, 1, 1, "Categories", 1);
    put(t, 0, 2, 1, 1, "r (p-value)", 1);
    put(t, 1, 0, 1, 1, "General Sample", 0);
    put(t, 1, 2, 1, 1, "-0.15 (&lt;0.0001)", 0);
    put(t, 2, 0, 1, 1, "Age", 0);
    put(t, 2, 1, 1, 1, "6 - 7 Years", 0);
    put(t, 2, 2, 1, 1, "-0.07 (0.1569)", 0);
    put(t, 3, 1, 1, 1, "8 - 10 Years", 0);
    put(t, 3, 2, 1, 1, "-0.18 (&lt;0.0001)", 0);
    put(t, 4, 0, 1, 1, "Overjet", 0);
    put(t, 4, 1, 1, 1, "Increased (&gt;2mm)", 0);
    put(t, 4, 2, 1, 1, "-0.13 (p=0.0200)", 0);
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 3, 2, &c), 0);
    assert_string_equal(c.group, "8 - 10 Years");
    assert_non_null(strstr(c.variable, "Age"));
    assert_int_equal(c.paren_p, 1);
    assert_int_equal(c.is_p_col, 0);
    assert_int_equal(c.pct_col, -1);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 4, 2, &c), 0);
    assert_string_equal(c.group, "Increased (&gt;2mm)");
    assert_non_null(strstr(c.variable, "Overjet"));
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 1, 2, &c), 0);      /* one label column: no subgroup */
    assert_null(c.group);
    assert_string_equal(c.variable, "General Sample");
    tab_ctx_destroy(&c);
    doc_free(d);
    /* an arm over the column wins over the category */
    d = doc_new("g.html");
    t = doc_block_table(doc_add_block(d, DOC_TABLE));
    put(t, 0, 0, 1, 1, "Variables", 1);
    put(t, 0, 1, 1, 1, "Category", 1);
    put(t, 0, 2, 1, 1, "Placebo (n=1164)", 1);
    put(t, 1, 0, 1, 1, "Sex", 0);
    put(t, 1, 1, 1, 1, "Girls", 0);
    put(t, 1, 2, 1, 1, "644 (51.9)", 0);
    put(t, 2, 1, 1, 1, "Boys", 0);
    put(t, 2, 2, 1, 1, "596 (48.1)", 0);
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    assert_int_equal(tab_cell_ctx(d, 0, 2, 2, &c), 0);
    assert_string_equal(c.group, "Placebo");
    assert_int_equal(c.n, 1164);
    assert_string_equal(c.variable, "Sex, Boys");
    assert_int_equal(c.paren_p, 0);
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* RECEDE-CHF Table 1: "Left ventricular ejection fraction" (no figures) and its categories
 * "≥45%", "36% to 45%" set at the same indent under "Heart failure". */
static void test_category_under_heading(void **state)
{
    (void)state;
    doc_t *d = doc_new("h.pdf");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    put(t, 0, 0, 1, 1, "Characteristics", 1);
    put(t, 0, 1, 1, 1, "Values", 1);
    put(t, 1, 0, 1, 1, "Heart failure", 0);
    put(t, 2, 0, 1, 1, "Left ventricular ejection fraction", 0)->indent = 1;
    put(t, 3, 0, 1, 1, "\xE2\x89\xA5" "45%", 0)->indent = 1;
    put(t, 3, 1, 1, 1, "7 (30.4)", 0);
    put(t, 4, 0, 1, 1, "36% to 45%", 0)->indent = 1;
    put(t, 4, 1, 1, 1, "11 (47.8)", 0);
    put(t, 5, 0, 1, 1, "Statin", 0)->indent = 1;
    put(t, 5, 1, 1, 1, "20 (87.0)", 0);
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 3, 1, &c), 0);
    assert_string_equal(c.variable, "Left ventricular ejection fraction \xE2\x89\xA5" "45%");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 4, 1, &c), 0);
    assert_string_equal(c.variable, "Left ventricular ejection fraction, 36% to 45%");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 5, 1, &c), 0);      /* no category: under its section */
    assert_string_equal(c.variable, "Heart failure, Statin");
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* A count and its percentage in two cells of one arm ("Placebo (n = 40)" over "n" | "%"). */
static void test_count_pct_split(void **state)
{
    (void)state;
    doc_t *d = doc_new("s.xml");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    put(t, 0, 0, 2, 1, "Characteristic", 1);
    put(t, 0, 1, 1, 2, "Placebo (n = 40)", 1);
    put(t, 0, 3, 1, 2, "Drug (n = 42)", 1);
    put(t, 1, 1, 1, 1, "n", 1);
    put(t, 1, 2, 1, 1, "%", 1);
    put(t, 1, 3, 1, 1, "No.", 1);
    put(t, 1, 4, 1, 1, "%", 1);
    put(t, 2, 0, 1, 1, "Male", 0);
    put(t, 2, 1, 1, 1, "12", 0);
    put(t, 2, 2, 1, 1, "30.0", 0);
    put(t, 2, 3, 1, 1, "20", 0);
    put(t, 2, 4, 1, 1, "47.6", 0);
    t->nhead = 2;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 2, 1, &c), 0);
    assert_int_equal(c.pct_col, 2);
    assert_int_equal(c.is_pct_half, 0);
    assert_string_equal(c.group, "Placebo");
    assert_int_equal(c.n, 40);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 2, 2, &c), 0);
    assert_int_equal(c.pct_col, -1);
    assert_int_equal(c.is_pct_half, 1);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 2, 3, &c), 0);
    assert_int_equal(c.pct_col, 4);
    assert_string_equal(c.group, "Drug");
    tab_ctx_destroy(&c);
    /* "%" of one arm next to "n" of the other is no pair */
    doc_free(d);
    d = doc_new("s2.xml");
    t = doc_block_table(doc_add_block(d, DOC_TABLE));
    put(t, 0, 0, 2, 1, "Characteristic", 1);
    put(t, 0, 1, 1, 1, "Placebo", 1);
    put(t, 0, 2, 1, 1, "Drug", 1);
    put(t, 1, 1, 1, 1, "%", 1);
    put(t, 1, 2, 1, 1, "n", 1);
    put(t, 2, 0, 1, 1, "Male", 0);
    put(t, 2, 1, 1, 1, "30.0", 0);
    put(t, 2, 2, 1, 1, "20", 0);
    t->nhead = 2;
    assert_int_equal(doc_table_build_grid(t), 0);
    assert_int_equal(tab_cell_ctx(d, 0, 2, 2, &c), 0);
    assert_int_equal(c.pct_col, -1);
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* Row labels, column headers and footnotes decide how "69·1 (13·7)" and "3·6 (2·6–5·1)" read
 * (Lancet middle-dot decimals), and "[29–97]" after a median is its range. */
static void test_kind_from_words(void **state)
{
    (void)state;
    doc_t *d = doc_new("k.xml");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    const char *foot = "Data are mean (SD) or median (IQR).";
    assert_int_equal(doc_text_append(&t->foot, foot, strlen(foot), -1, 1), 0);
    put(t, 0, 0, 1, 1, "", 1);
    put(t, 0, 1, 1, 1, "Placebo (n=1164)", 1);
    put(t, 0, 2, 1, 1, "Median [range]", 1);
    put(t, 1, 0, 1, 1, "Age, years", 0);
    put(t, 1, 1, 1, 1, "69\xC2\xB7" "1 (13\xC2\xB7" "7)", 0);
    put(t, 1, 2, 1, 1, "62 [29\xE2\x80\x93" "97]", 0);
    put(t, 2, 0, 1, 1, "Duration, years", 0);
    put(t, 2, 1, 1, 1, "3\xC2\xB7" "6 (2\xC2\xB7" "6\xE2\x80\x93" "5\xC2\xB7" "1)", 0);
    put(t, 3, 0, 1, 1, "Weight, mean (SD), kg", 0);
    put(t, 3, 1, 1, 1, "83\xC2\xB7" "7 (5\xC2\xB7" "4)", 0);
    put(t, 4, 0, 1, 1, "Median (IQR)", 0);
    put(t, 4, 1, 1, 1, "3\xC2\xB7" "6 (2\xC2\xB7" "6\xE2\x80\x93" "5\xC2\xB7" "1)", 0);
    t->nhead = 1;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 1, 1, &c), 0);      /* the footnote, "a (b)" */
    assert_int_equal(c.hint, MEAN_SD);
    assert_int_equal(c.stmt.paren, MEAN_IQR);
    assert_string_equal(c.group, "Placebo");
    assert_int_equal(c.n, 1164);
    assert_string_equal(c.unit, "years");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 2, 1, &c), 0);      /* the footnote, "a (b–c)" */
    assert_int_equal(c.hint, MEAN_IQR);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 1, 2, &c), 0);      /* the column header */
    assert_int_equal(c.hint, MEAN_RANGE);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 3, 1, &c), 0);      /* the row label's descriptor */
    assert_int_equal(c.hint, MEAN_SD);
    assert_string_equal(c.variable, "Weight");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 4, 1, &c), 0);      /* a statistic row under its variable */
    assert_int_equal(c.hint, MEAN_IQR);
    assert_string_equal(c.variable, "Weight");
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* Kass-Iliyya Table 2: "N (%)" under the three per-protocol arms, nothing under "All other
 * patients": that column's "375 (57)" reads as n (%) too; a row label still wins. */
static void test_shared_stat_header(void **state)
{
    (void)state;
    doc_t *d = doc_new("k2.xml");
    doc_table_t *t = doc_block_table(doc_add_block(d, DOC_TABLE));
    assert_non_null(t);
    put(t, 0, 0, 1, 1, "", 1);
    put(t, 0, 1, 1, 3, "Per-protocol group", 1);
    put(t, 0, 4, 1, 1, "All other patients<sup>a</sup>", 1);
    put(t, 1, 0, 1, 1, "", 1);
    put(t, 1, 1, 1, 1, "Negative", 1);
    put(t, 1, 2, 1, 1, "Suspicious", 1);
    put(t, 1, 3, 1, 1, "Positive", 1);
    put(t, 1, 4, 1, 1, "", 1);
    put(t, 2, 0, 1, 1, "", 1);
    for (int k = 1; k <= 3; k++) put(t, 2, k, 1, 1, "<italic>N</italic> (%)", 1);
    put(t, 2, 4, 1, 1, "", 1);
    put(t, 3, 0, 1, 5, "T stage", 0);
    put(t, 4, 0, 1, 1, "T1b\xE2\x80\x93T2a", 0)->indent = 1;
    const char *v[4] = { "107 (74)", "10 (56)", "8 (57)", "375 (57)" };
    for (int k = 1; k <= 4; k++) put(t, 4, k, 1, 1, v[k - 1], 0);
    put(t, 5, 0, 1, 1, "Median (IQR)", 0)->indent = 1;
    const char *m[4] = { "69 (65\xE2\x80\x93" "72)", "70 (66\xE2\x80\x93" "72)", "67 (63\xE2\x80\x93" "71)",
                         "67 (63\xE2\x80\x93" "71)" };
    for (int k = 1; k <= 4; k++) put(t, 5, k, 1, 1, m[k - 1], 0);
    t->nhead = 3;
    assert_int_equal(doc_table_build_grid(t), 0);
    tab_ctx_t c;
    assert_int_equal(tab_cell_ctx(d, 0, 4, 4, &c), 0);
    assert_int_equal(c.hint, MEAN_NPCT);
    assert_string_equal(c.group, "All other patients");
    assert_string_equal(c.variable, "T stage, T1b\xE2\x80\x93T2a");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 4, 2, &c), 0);
    assert_int_equal(c.hint, MEAN_NPCT);
    assert_string_equal(c.group, "Per-protocol group: Suspicious");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, 0, 5, 4, &c), 0);      /* the row label wins */
    assert_int_equal(c.hint, MEAN_IQR);
    tab_ctx_destroy(&c);
    doc_free(d);
    /* headers that disagree ("N (%)" and "Mean (SD)") lend nothing */
    d = doc_new("k3.xml");
    t = doc_block_table(doc_add_block(d, DOC_TABLE));
    put(t, 0, 0, 1, 1, "", 1);
    put(t, 0, 1, 1, 1, "A", 1);
    put(t, 0, 2, 1, 1, "B", 1);
    put(t, 0, 3, 1, 1, "C", 1);
    put(t, 1, 0, 1, 1, "", 1);
    put(t, 1, 1, 1, 1, "N (%)", 1);
    put(t, 1, 2, 1, 1, "Mean (SD)", 1);
    put(t, 2, 0, 1, 1, "Age", 0);
    put(t, 2, 1, 1, 1, "10 (50)", 0);
    put(t, 2, 2, 1, 1, "61 (7)", 0);
    put(t, 2, 3, 1, 1, "60 (8)", 0);
    t->nhead = 2;
    assert_int_equal(doc_table_build_grid(t), 0);
    assert_int_equal(tab_cell_ctx(d, 0, 2, 3, &c), 0);
    assert_int_equal(c.hint, MEAN_UNKNOWN);
    tab_ctx_destroy(&c);
    doc_free(d);
}

/* ---- headers and labels ------------------------------------------------------------------- */

static void hdr(const char *s, const char *group, long n)
{
    char *g = NULL;
    long k = 0;
    assert_int_equal(tab_parse_header(s, &g, &k), 0);
    if (group) assert_string_equal(g, group);
    else assert_null(g);
    assert_int_equal(k, n);
    free(g);
}

static void test_parse_header(void **state)
{
    (void)state;
    hdr("Control (<i>n</i> = 111)", "Control", 111);
    hdr("UC-MSc (<i>n</i> = 108)", "UC-MSc", 108);
    hdr("Placebo (n=1164)", "Placebo", 1164);
    hdr("Empagliflozin (n = 1,164)", "Empagliflozin", 1164);
    hdr("UC-MSC transfusions, n \xEF\xBF\xBD 24 (%)", "UC-MSC transfusions", 24);
    hdr("Control,\nn \xEF\xBF\xBD 19 (%)", "Control", 19);
    hdr("Group A", "Group A", -1);
    hdr("Group A (N\xE2\x80\x89=\xE2\x80\x89" "37)", "Group A", 37);
    hdr("N (%)", NULL, -1);
    hdr("n = 14", NULL, 14);
    hdr("", NULL, -1);
    hdr(NULL, NULL, -1);
}

static void lab(const char *s, const char *var, const char *unit)
{
    char *v = NULL, *u = NULL;
    assert_int_equal(tab_parse_label(s, &v, &u), 0);
    if (var) assert_string_equal(v, var);
    else assert_null(v);
    if (unit) assert_string_equal(u, unit);
    else assert_null(u);
    free(v);
    free(u);
}

static void test_parse_label(void **state)
{
    (void)state;
    lab("TBIL (\xCE\xBCmol/L)", "TBIL", "\xCE\xBCmol/L");
    lab("Age (years)", "Age", "years");
    lab("ALT (U/L)", "ALT", "U/L");
    lab("Platelets (\xC3\x97" "10^9/L)", "Platelets", "\xC3\x97" "10^9/L");
    lab("Gender (male/female)", "Gender (male/female)", NULL);
    lab("Sex (M/F)", "Sex (M/F)", NULL);
    lab("Child\xE2\x80\x93Pugh score (<i>n</i>)", "Child\xE2\x80\x93Pugh score", NULL);
    lab("> 15, % (<i>n</i> /total number)", "> 15", NULL);
    lab("Male, n (%)", "Male", NULL);
    lab("Age, years", "Age", "years");
    lab("Furosemide dose, mg/d", "Furosemide dose", "mg/d");
    lab("MELD<sup>a</sup> score", "MELD score", NULL);
    lab("Age, median (IQR)", "Age", NULL);
    lab("INR", "INR", NULL);
    lab("", NULL, NULL);
    lab(NULL, NULL, NULL);
}

/* ---- error paths ------------------------------------------------------------------------------ */

static void test_errors(void **state)
{
    (void)state;
    tab_ctx_t c;
    /* an empty table */
    doc_t *d = doc_new("e.xml");
    doc_block_t *b = doc_add_block(d, DOC_TABLE);
    assert_non_null(doc_block_table(b));
    assert_int_equal(tab_cell_ctx(d, 0, 0, 0, &c), -1);
    assert_null(c.variable);
    tab_ctx_destroy(&c);
    tab_ctx_destroy(NULL);
    /* not a table, out of range */
    doc_block_t *p = doc_add_block(d, DOC_PARA);
    doc_text_append(&p->text, "x", 1, 0, 1);
    assert_int_equal(tab_cell_ctx(d, 1, 0, 0, &c), -1);
    assert_int_equal(tab_cell_ctx(d, 7, 0, 0, &c), -1);
    assert_int_equal(tab_cell_ctx(NULL, 0, 0, 0, &c), -1);
    assert_int_equal(tab_detect_txt(d), 0);
    doc_free(d);
    assert_int_equal(tab_detect_txt(NULL), 0);
    d = doc_new("empty.txt");
    assert_int_equal(tab_detect_txt(d), 0);
    doc_free(d);

    /* a caption with prose under it: no table */
    const char *s = "Table 1 Patient demographics and baseline characteristics\n"
                    "Table 2 Comparative analysis of the therapeutic effect\n\n"
                    "To investigate the therapeutic effect of UCMSC treatment for more than four weeks in "
                    "patients with liver failure and patients with liver cirrhosis, we compared them.\n";
    d = read_buf(s, strlen(s));
    for (size_t i = 0; i < d->nblocks; i++) assert_int_not_equal(d->blocks[i].kind, DOC_TABLE);
    doc_free(d);

    /* a caption over short prose lines and a page number: no table either */
    s = "Intro text.\n\nTable 1 Baseline characteristics of the patients (see the online supplement)\n\n"
        "The trial enrolled adults with\ncirrhosis in 12 centres between\n\n2015 and 2018 and followed them\n\n"
        "14\n\nMethods\nWe did things.\n";
    d = read_buf(s, strlen(s));
    for (size_t i = 0; i < d->nblocks; i++) assert_int_not_equal(d->blocks[i].kind, DOC_TABLE);
    doc_free(d);

    /* ragged rows: fewer and more cells than the header */
    s = "Table 5 Ragged\n\n\tArm one\tArm two\nfirst\t1.5\nsecond\t2.5\t3.5\t4.5\nthird\n";
    d = read_buf(s, strlen(s));
    size_t bi = table_block(d);
    const doc_table_t *t = d->blocks[bi].table;
    assert_int_equal(t->ncols, 4);
    assert_int_equal(t->nrows, 4);
    assert_string_equal(cell(t, 2, 3), "4.5");
    assert_null(doc_table_at(t, 1, 2));
    assert_int_equal(tab_cell_ctx(d, bi, 1, 1, &c), 0);
    assert_string_equal(c.variable, "first");
    assert_string_equal(c.group, "Arm one");
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 2, 3, &c), 0);         /* a column with no header */
    assert_string_equal(c.variable, "second");
    assert_null(c.group);
    tab_ctx_destroy(&c);
    doc_free(d);

    /* a huge cell: kept whole, no crash */
    size_t big = 200000;
    char *h = malloc(big + 64);
    assert_non_null(h);
    strcpy(h, "Table 6 Huge\n\n\tA\nlabel\t");
    size_t k = strlen(h);
    for (size_t i = 0; i < big; i++) h[k++] = (char)('a' + i % 26);
    strcpy(h + k, "\nnext\t1.0\n");
    d = read_buf(h, strlen(h));
    bi = table_block(d);
    t = d->blocks[bi].table;
    assert_int_equal(doc_table_at(t, 1, 1)->text.len, big);
    assert_int_equal(tab_cell_ctx(d, bi, 1, 1, &c), 0);
    tab_ctx_destroy(&c);
    assert_int_equal(tab_cell_ctx(d, bi, 2, 1, &c), 0);
    assert_string_equal(c.variable, "next");
    tab_ctx_destroy(&c);
    doc_free(d);
    free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tabbed),
        cmocka_unit_test(test_flat),
        cmocka_unit_test(test_flat_spans_out_of_order),
        cmocka_unit_test(test_flat_sections),
        cmocka_unit_test(test_scrambled),
        cmocka_unit_test(test_spaced),
        cmocka_unit_test(test_gapped),
        cmocka_unit_test(test_tabbed_two_headers),
        cmocka_unit_test(test_reader_grid),
        cmocka_unit_test(test_wide_grid),
        cmocka_unit_test(test_compare_order),
        cmocka_unit_test(test_effect_header_arms),
        cmocka_unit_test(test_p_after_effect),
        cmocka_unit_test(test_category_group),
        cmocka_unit_test(test_category_under_heading),
        cmocka_unit_test(test_count_pct_split),
        cmocka_unit_test(test_kind_from_words),
        cmocka_unit_test(test_shared_stat_header),
        cmocka_unit_test(test_parse_header),
        cmocka_unit_test(test_parse_label),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

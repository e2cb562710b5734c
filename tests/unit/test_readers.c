/* test_readers.c - the JATS XML, HTML and PDF readers: table grids (spans, header rows, indented
 * sub-rows, feet), text conventions (entities, sup/sub/italic, citations and markers dropped),
 * what HTML leaves out, malformed input, PDF error paths, lines and offsets. */
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

#define EXTRA "tests/data/extra/"

static doc_t *xml(const char *s)
{
    doc_t *d = doc_new("t.xml");
    assert_non_null(d);
    rd_xml(d, (const unsigned char *)s, strlen(s));
    return d;
}

static doc_t *html(const char *s)
{
    doc_t *d = doc_new("t.html");
    assert_non_null(d);
    rd_html(d, (const unsigned char *)s, strlen(s));
    return d;
}

static const doc_block_t *nth(const doc_t *d, doc_kind_t k, int n)
{
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == k && n-- == 0) return &d->blocks[i];
    return NULL;
}

static const char *cell(const doc_table_t *t, int r, int c)
{
    const doc_cell_t *x = doc_table_at(t, r, c);
    return x && x->text.s ? x->text.s : "";
}

static int nwarn(const doc_t *d, int level)
{
    int n = 0;
    for (size_t i = 0; i < d->ndiag; i++) n += d->diag[i].level == level;
    return n;
}

/* ---- JATS tables ---- */

static const char *JTAB =
"<article><body><sec><title>Results</title>\n"
"<table-wrap id=\"t1\"><label>Table 2</label><caption><title>Baseline.</title><p>Data are mean (SD).</p></caption>\n"
"<table><thead>\n"
"<tr><th rowspan=\"2\">&#x000a0;</th><th colspan=\"2\">Exercise group</th><th>Control</th></tr>\n"
"<tr><th>Baseline (n = 14)</th><th>12 weeks</th><th>Baseline (<italic>n</italic> = 9)</th></tr></thead><tbody>\n"
"<tr><td colspan=\"4\">Sex</td></tr>\n"
"<tr><td>&#x000a0;Male, n (%)</td><td>10 (71)</td><td rowspan=\"2\">x</td><td>7 (78)</td></tr>\n"
"<tr><td>&#x000a0;&#x000a0;Smokers</td><td>4 (29)</td><td>2 (22)</td></tr>\n"
"<tr><td>Age (years)</td><td>62.0&#x000b1;2.4<xref ref-type=\"table-fn\" rid=\"f1\"><sup>a</sup></xref></td><td>1</td><td>2</td></tr>\n"
"</tbody></table>\n"
"<table-wrap-foot><fn id=\"f1\"><p><sup>a</sup>p = 0.009</p></fn><fn><label>b</label><p>SD, standard deviation.</p></fn></table-wrap-foot></table-wrap>\n"
"</sec></body></article>\n";

static void test_xml_table_grid(void **state)
{
    (void)state;
    doc_t *d = xml(JTAB);
    assert_int_equal(doc_nerrors(d), 0);
    const doc_block_t *b = nth(d, DOC_TABLE, 0);
    assert_non_null(b);
    const doc_table_t *t = b->table;
    assert_string_equal(t->label, "Table 2");
    assert_string_equal(t->caption.s, "Baseline. Data are mean (SD).");
    assert_int_equal(t->nhead, 2);
    assert_int_equal(t->nrows, 6);
    assert_int_equal(t->ncols, 4);
    /* colspan over two columns, rowspan down two rows */
    assert_string_equal(cell(t, 0, 1), "Exercise group");
    assert_string_equal(cell(t, 0, 2), "Exercise group");
    assert_ptr_equal(doc_table_at(t, 0, 0), doc_table_at(t, 1, 0));
    assert_string_equal(cell(t, 0, 0), "");                /* a lone no-break space is empty */
    assert_string_equal(cell(t, 1, 3), "Baseline (n = 9)");   /* italic n */
    assert_true(doc_table_at(t, 1, 1)->header);
    /* section row spanning the table, then indented sub-rows */
    assert_string_equal(cell(t, 2, 3), "Sex");
    assert_int_equal(doc_table_at(t, 2, 0)->indent, 0);
    assert_string_equal(cell(t, 3, 0), "Male, n (%)");
    assert_int_equal(doc_table_at(t, 3, 0)->indent, 1);
    assert_string_equal(cell(t, 4, 0), "Smokers");
    assert_int_equal(doc_table_at(t, 4, 0)->indent, 2);
    /* the rowspan pushes the next row's cells right */
    assert_string_equal(cell(t, 4, 2), "x");
    assert_string_equal(cell(t, 4, 3), "2 (22)");
    assert_string_equal(cell(t, 4, 1), "4 (29)");
    assert_false(doc_table_at(t, 4, 1)->header);
    /* footnote marker dropped from the value; foot joined */
    assert_string_equal(cell(t, 5, 1), "62.0±2.4");
    assert_int_equal(doc_table_at(t, 5, 0)->indent, 0);
    assert_string_equal(t->foot.s, "p = 0.009; SD, standard deviation.");
    doc_free(d);
}

/* ---- JATS text conventions ---- */

static void test_xml_text(void **state)
{
    (void)state;
    doc_t *d = xml("<?xml version=\"1.0\"?>\n<article><front><journal-meta><journal-title-group>"
                   "<journal-title>J Test</journal-title></journal-title-group></journal-meta><article-meta>"
                   "<article-id pub-id-type=\"doi\">10.1/abc.9</article-id><title-group><article-title>A "
                   "<italic>trial</italic></article-title></title-group><contrib-group><contrib contrib-type=\"author\">"
                   "<name><surname>Rom&#x000e1;n</surname><given-names>E</given-names></name></contrib></contrib-group>"
                   "<pub-date pub-type=\"epub\"><year>2016</year></pub-date>"
                   "<abstract><p>We saw 10<sup>6</sup> cells in VO<sub>2</sub>peak, <italic>n</italic> = 26, "
                   "61.5&#x000b1;7.4 and <sup>b</sup>p = 0.009 in kg/m<sup>2</sup>.</p></abstract></article-meta></front>"
                   "<body><p>Sarcopenia impairs quality of life [<xref ref-type=\"bibr\" rid=\"r5\">5</xref>&#x02013;"
                   "<xref ref-type=\"bibr\" rid=\"r8\">8</xref>], may favor trends <xref ref-type=\"bibr\" rid=\"b1\">[1]</xref>, "
                   "<xref ref-type=\"bibr\" rid=\"b2\">[2]</xref>. See <xref ref-type=\"fig\" rid=\"f\">Fig 1</xref>.</p></body>"
                   "<back><ref-list><ref><mixed-citation>Qual Life Res 2017; 26(12):3429-37</mixed-citation></ref></ref-list></back>"
                   "</article>");
    assert_int_equal(doc_nerrors(d), 0);
    assert_string_equal(d->doi, "10.1/abc.9");
    assert_string_equal(d->title, "A trial");
    assert_string_equal(d->journal, "J Test");
    assert_string_equal(d->first_author, "Román");
    assert_int_equal(d->year, 2016);
    const doc_block_t *a = nth(d, DOC_PARA, 0);
    assert_non_null(a);
    assert_string_equal(a->text.s, "We saw 10^6 cells in VO2peak, n = 26, 61.5±7.4 and p = 0.009 in kg/m^2.");
    const doc_block_t *p = nth(d, DOC_PARA, 1);
    assert_non_null(p);
    assert_string_equal(p->text.s, "Sarcopenia impairs quality of life, may favor trends. See Fig 1.");
    for (size_t i = 0; i < d->nblocks; i++)
        assert_null(strstr(d->blocks[i].text.s ? d->blocks[i].text.s : "", "26(12)"));
    assert_non_null(nth(d, DOC_HEADING, 0));        /* "Abstract" */
    doc_free(d);
}

/* ---- lines and offsets ---- */

static void test_xml_lines_offsets(void **state)
{
    (void)state;
    const char *s = "<article>\n<body>\n<p>First line\nthen 61.5 &#x000b1; 7.4 here\nand p = 0.05.</p>\n"
                    "<p>Second</p></body></article>\n";
    doc_t *d = xml(s);
    const doc_block_t *p = nth(d, DOC_PARA, 0);
    assert_non_null(p);
    assert_string_equal(p->text.s, "First line then 61.5 ± 7.4 here and p = 0.05.");
    long off, line;
    const char *f = strstr(p->text.s, "61.5");
    doc_text_locate(&p->text, (size_t)(f - p->text.s), &off, &line, NULL);
    assert_int_equal(line, 4);
    assert_true(off >= 0);
    assert_memory_equal(s + off, "61.5", 4);
    f = strstr(p->text.s, "±");               /* decoded: not exact, line still right */
    doc_text_locate(&p->text, (size_t)(f - p->text.s), &off, &line, NULL);
    assert_int_equal(off, -1);
    assert_int_equal(line, 4);
    f = strstr(p->text.s, "p = 0.05");
    doc_text_locate(&p->text, (size_t)(f - p->text.s), &off, &line, NULL);
    assert_int_equal(line, 5);
    assert_memory_equal(s + off, "p = 0.05", 8);
    const doc_block_t *q = nth(d, DOC_PARA, 1);
    doc_text_locate(&q->text, 0, &off, &line, NULL);
    assert_int_equal(line, 6);
    assert_memory_equal(s + off, "Second", 6);
    doc_free(d);
}

/* ---- malformed input ---- */

static void test_xml_malformed(void **state)
{
    (void)state;
    doc_t *d = xml("<article><body>\n<p>x = 1.2 <bold>bold</p>\n<p>second 3.4</p></body>");
    assert_int_equal(doc_nerrors(d), 0);
    assert_int_equal(nwarn(d, DOC_WARN), 1);
    assert_non_null(strstr(d->diag[0].msg, "not well-formed XML (recovered)"));
    assert_int_equal(d->diag[0].line, 2);
    int found = 0;
    for (size_t i = 0; i < d->nblocks; i++)
        found |= d->blocks[i].text.s && strstr(d->blocks[i].text.s, "1.2") != NULL;
    assert_true(found);
    doc_free(d);

    unsigned char junk[600];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (unsigned char)(i * 37 + 11);
    d = doc_new("junk.xml");
    assert_int_equal(rd_xml(d, junk, sizeof junk), -1);
    assert_int_equal(doc_nerrors(d), 1);
    assert_int_equal((int)d->ndiag, 1);
    doc_free(d);

    d = xml("<?xml version=\"1.0\"?><article></article>");      /* well-formed, no text */
    assert_int_equal(doc_nerrors(d), 1);
    doc_free(d);

    d = xml("<article><body><p>an undefined &nbsp; entity &bogus; here</p></body></article>");
    assert_int_equal(doc_nerrors(d), 0);
    assert_non_null(nth(d, DOC_PARA, 0));
    assert_non_null(strstr(nth(d, DOC_PARA, 0)->text.s, "here"));
    doc_free(d);
}

/* ---- HTML ---- */

static const char *HPAGE =
"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Page</title>\n"
"<meta name=\"citation_doi\" content=\"10.1590/x.2022.054\">\n"
"<meta name=\"citation_title\" content=\"What Factors\">\n"
"<script>var x = \"61.5 ± 7.4\";</script><style>p { color: red }</style></head>\n"
"<body><nav>Home 12 (34)</nav><header>Menu 5 (6)</header>\n"
"<h1>Results</h1>\n"
"<p>We enrolled 411 (33.10%) children [<span class=\"ref\"><sup class=\"xref\">11</sup>"
"<span class=\"refCtt\">Kragt L. Qual Life Res 2017; 26(12):3429-37</span></span>,"
"<span class=\"ref\"><sup class=\"xref\">12</sup><span class=\"refCtt\">Ref 96(8)</span></span>], "
"p&lt;0.05.</p>\n"
"<div class=\"modal-header\"><button>×</button><h4><strong>Table 1</strong>&nbsp; <b>Sample.</b></h4></div>\n"
"<div class=\"modal-body\"><table>\n"
"<thead><tr><th rowspan=\"2\">Variables</th><th colspan=\"2\">Model 2</th></tr>\n"
"<tr><th>Estimate</th><th>p-value</th></tr></thead>\n"
"<tbody><tr><td>Sex</td><td>-0.0069 (0.0090)</td><td>0.4400</td></tr>\n"
"<tr><td style=\"padding-left: 2em\">Girls</td><td>644 (51.9)</td><td>&lt;0.0001</td></tr></tbody></table></div>\n"
"<div class=\"ref-list\"><ul><li>Smith 2017; 26(12):3429-37</li></ul></div>\n"
"<h2>References</h2><p>Jones 2010; 96(8):1-9</p>\n"
"<footer>Footer 7 (8)</footer></body></html>\n";

static void test_html(void **state)
{
    (void)state;
    doc_t *d = html(HPAGE);
    assert_int_equal(doc_nerrors(d), 0);
    assert_string_equal(d->doi, "10.1590/x.2022.054");
    assert_string_equal(d->title, "What Factors");
    for (size_t i = 0; i < d->nblocks; i++) {
        const char *s = d->blocks[i].text.s ? d->blocks[i].text.s : "";
        assert_null(strstr(s, "61.5"));
        assert_null(strstr(s, "color"));
        assert_null(strstr(s, "Home"));
        assert_null(strstr(s, "Menu"));
        assert_null(strstr(s, "Footer"));
        assert_null(strstr(s, "26(12)"));
        assert_null(strstr(s, "96(8)"));
    }
    const doc_block_t *p = nth(d, DOC_PARA, 0);
    assert_non_null(p);
    assert_string_equal(p->text.s, "We enrolled 411 (33.10%) children, p<0.05.");
    long off, line;
    doc_text_locate(&p->text, 0, &off, &line, NULL);
    assert_int_equal(line, 8);
    assert_memory_equal(HPAGE + off, "We enrolled", 11);
    const doc_block_t *b = nth(d, DOC_TABLE, 0);
    assert_non_null(b);
    const doc_table_t *t = b->table;
    assert_string_equal(t->label, "Table 1");
    assert_string_equal(t->caption.s, "Sample.");
    assert_int_equal(t->nhead, 2);
    assert_int_equal(t->ncols, 3);
    assert_string_equal(cell(t, 1, 0), "Variables");
    assert_string_equal(cell(t, 0, 2), "Model 2");
    assert_string_equal(cell(t, 3, 1), "644 (51.9)");
    assert_string_equal(cell(t, 3, 2), "<0.0001");
    assert_int_equal(doc_table_at(t, 3, 0)->indent, 1);
    const doc_cell_t *c = doc_table_at(t, 3, 1);
    doc_text_locate(&c->text, 0, &off, &line, NULL);
    assert_int_equal(line, 14);
    assert_memory_equal(HPAGE + off, "644 (51.9)", 10);
    doc_free(d);

    unsigned char junk[64] = { 0 };
    d = doc_new("junk.html");
    assert_int_equal(rd_html(d, junk, sizeof junk), -1);
    assert_int_equal(doc_nerrors(d), 1);
    assert_int_equal((int)d->ndiag, 1);
    doc_free(d);
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (unsigned char)(0x80 + i * 7);   /* no NUL */
    junk[5] = 1; junk[9] = 2; junk[20] = 3;
    d = doc_new("junk.html");
    assert_int_equal(rd_html(d, junk, sizeof junk), -1);
    assert_non_null(strstr(d->diag[0].msg, "binary"));
    doc_free(d);
}

/* ---- PDF ---- */

/* tests/data/readers/columns.pdf: a page with two columns of 20 lines ("Left column line N
 * says ...", "Right column line N with ..."); notext.pdf: a page with a drawing and no text.
 * Both made with cairo by tests/data/readers/make_pdfs.c. */
static unsigned char *load(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    unsigned char *b = malloc(1 << 20);
    assert_non_null(b);
    *len = fread(b, 1, 1 << 20, fp);
    fclose(fp);
    assert_true(*len > 0 && *len < (1 << 20));
    return b;
}

static void test_pdf_columns(void **state)
{
    (void)state;
    size_t n = 0;
    unsigned char *b = load("tests/data/readers/columns.pdf", &n);
    doc_t *d = doc_new("t.pdf");
    assert_int_equal(rd_pdf(d, b, n), 0);
    assert_int_equal(doc_nerrors(d), 0);
    /* reading order: all of the left column before the right column */
    const doc_block_t *first = nth(d, DOC_PARA, 0);
    assert_non_null(first);
    assert_non_null(strstr(first->text.s, "Left column line 1 says"));
    assert_non_null(strstr(first->text.s, "Left column line 20 says"));
    assert_null(strstr(first->text.s, "Right"));
    const doc_block_t *second = nth(d, DOC_PARA, 1);
    assert_non_null(second);
    assert_non_null(strstr(second->text.s, "Right column line 1 with"));
    long off, line;
    int page;
    const char *f = strstr(first->text.s, "Left column line 3 ");
    doc_text_locate(&first->text, (size_t)(f - first->text.s), &off, &line, &page);
    assert_int_equal(off, -1);
    assert_int_equal(line, 3);                 /* the 3rd line of the text the reader produced */
    assert_int_equal(page, 1);
    doc_text_locate(&second->text, 0, &off, &line, &page);
    assert_int_equal(line, 21);
    doc_free(d);
    free(b);
}

static void test_pdf_errors(void **state)
{
    (void)state;
    doc_t *d = doc_new("x.pdf");
    assert_int_equal(rd_pdf(d, (const unsigned char *)"hello world, not a pdf", 22), -1);
    assert_int_equal(doc_nerrors(d), 1);
    assert_int_equal((int)d->ndiag, 1);
    doc_free(d);

    size_t n = 0;
    unsigned char *b = load("tests/data/readers/columns.pdf", &n);
    d = doc_new("trunc.pdf");                  /* truncated: header and a piece of the body */
    assert_int_equal(rd_pdf(d, b, n / 3), -1);
    assert_int_equal(doc_nerrors(d), 1);
    assert_int_equal((int)d->ndiag, 1);
    doc_free(d);
    free(b);

    b = load("tests/data/readers/notext.pdf", &n);     /* a page without text */
    d = doc_new("image.pdf");
    assert_int_equal(rd_pdf(d, b, n), -1);
    assert_int_equal(doc_nerrors(d), 1);
    assert_non_null(strstr(d->diag[0].msg, "no text layer"));
    doc_free(d);
    free(b);
}

/* Fuzzer finds, fixed: each must read without a crash or undefined behaviour (the test binary
 * is built with UBSan in sanitized runs). */
static void test_fuzz_regressions(void **state)
{
    (void)state;
    size_t n = 0;
    /* text placed at x = 4e28 by the page's matrix: coordinates cast to int (UBSan) */
    unsigned char *b = load("tests/data/readers/fuzz-pdf-huge-coords.pdf", &n);
    doc_t *d = doc_new("huge.pdf");
    rd_pdf(d, b, n);
    assert_true(d->ndiag <= 1);
    doc_free(d);
    free(b);
}

/* ---- the real articles (tests/data/extra) ---- */

static void test_articles(void **state)
{
    (void)state;
    doc_t *d = doc_read(EXTRA "roman2016-plosone-exercise-cirrhosis-rct-pmc4807034.xml");
    assert_int_equal(doc_nerrors(d), 0);
    assert_string_equal(d->doi, "10.1371/journal.pone.0151652");
    const doc_table_t *t = nth(d, DOC_TABLE, 1)->table;
    assert_string_equal(t->label, "Table 2");
    assert_int_equal(t->nhead, 2);
    assert_string_equal(cell(t, 0, 1), "Exercise group");
    assert_string_equal(cell(t, 1, 2), "12 weeks (n = 14)");
    assert_string_equal(cell(t, 3, 2), "55.3±2.3");
    assert_non_null(strstr(t->foot.s, "p = 0.009"));
    assert_non_null(strstr(t->caption.s, "standard error of the mean"));
    doc_free(d);

    d = doc_read(EXTRA "kassiliyya2018-eururol-mrc-rt01-postrt-biopsy-hr-pmc5954168.xml");
    assert_int_equal(doc_nerrors(d), 0);
    t = nth(d, DOC_TABLE, 1)->table;
    assert_int_equal(t->nhead, 3);
    assert_string_equal(cell(t, 3, 0), "Age (yr)");
    assert_int_equal(doc_table_at(t, 3, 0)->colspan, 5);
    assert_string_equal(cell(t, 4, 0), "Median (IQR)");
    assert_int_equal(doc_table_at(t, 4, 0)->indent, 1);
    assert_string_equal(cell(t, 4, 1), "69 (65–72)");
    assert_string_equal(cell(t, 14, 1), "31 (21%0");
    t = nth(d, DOC_TABLE, 0)->table;
    assert_string_equal(cell(t, 6, 5), "312");            /* "312<xref>a</xref>" */
    doc_free(d);

    d = doc_read(EXTRA "fantini2022-pboci-hrqol-ohrqol-mixed-dentition-children-scielo.en.html");
    assert_int_equal(doc_nerrors(d), 0);
    assert_string_equal(d->doi, "10.1590/pboci.2022.054");
    t = nth(d, DOC_TABLE, 0)->table;
    assert_string_equal(t->label, "Table 1");
    const doc_cell_t *c = doc_table_at(t, 1, 2);
    assert_string_equal(c->text.s, "644 (51.9)");
    long off, line;
    doc_text_locate(&c->text, 0, &off, &line, NULL);
    assert_int_equal(line, 481);               /* the gold line */
    doc_free(d);

    d = doc_read(EXTRA "mordi2020-circulation-recede-chf-empagliflozin-loop-diuretic-rct-pmc7594536.pdf");
    assert_int_equal(doc_nerrors(d), 0);
    assert_string_equal(d->doi, "10.1161/CIRCULATIONAHA.120.048739");
    t = nth(d, DOC_TABLE, 1)->table;
    assert_string_equal(t->label, "Table 2");
    int hit = 0;
    for (int i = 0; i < t->ncells; i++)
        hit |= t->cells[i].text.s && !strcmp(t->cells[i].text.s, "−113 (−345 to 119)");
    assert_true(hit);                          /* the CI on the line below joined its estimate */
    t = nth(d, DOC_TABLE, 0)->table;
    assert_string_equal(cell(t, 1, 0), "Age, y");
    assert_string_equal(cell(t, 1, 1), "69.8±5.7");
    hit = 0;
    for (int r = 0; r < t->nrows; r++)
        if (!strcmp(cell(t, r, 0), "HbA1c, %")) hit = doc_table_at(t, r, 0)->indent;
    assert_int_equal(hit, 1);
    for (size_t i = 0; i < d->nblocks; i++) {   /* the margin banner is not in the text */
        const char *s = d->blocks[i].text.s ? d->blocks[i].text.s : "";
        assert_null(strstr(s, "R I G I"));
        assert_true(!strstr(s, "ORIGINAL RESEARCH") || !strcmp(s, "ORIGINAL RESEARCH ARTICLE"));
    }
    doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_table_grid),
        cmocka_unit_test(test_xml_text),
        cmocka_unit_test(test_xml_lines_offsets),
        cmocka_unit_test(test_xml_malformed),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_pdf_columns),
        cmocka_unit_test(test_pdf_errors),
        cmocka_unit_test(test_fuzz_regressions),
        cmocka_unit_test(test_articles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

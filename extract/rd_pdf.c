/* rd_pdf.c - PDF articles into the document model, with poppler-glib.
 *
 * Words come from poppler_page_get_text() and their boxes from poppler_page_get_text_layout().
 * Rotated words (margin banners such as "ORIGINAL RESEARCH ARTICLE") and the running header
 * and footer bands (top 5 %, bottom 4.5 % of the page) are dropped. Words are grouped into
 * physical lines by their vertical centre. A two-column page is recognised by a gutter: an
 * x band in the middle third that few lines cross; lines that do not cross it are split into a
 * left and a right half, and each run of such lines is read left column first, then right
 * column; lines that cross it (full-width tables, titles) are read in place.
 *
 * `line` is the 1-based number of the line in the text this reader produces (one line per
 * column half, in reading order, counted over the whole document); `page` is the 1-based page;
 * `offset` is -1 (a PDF has no byte offsets for its text). Lines are joined into paragraphs
 * at vertical gaps and first-line indents; a word hyphenated at a line end is joined
 * ("empa-" + "gliflozin").
 *
 * Tables: a line starting "Table N." opens a table (caption = that line and the lines up to the
 * first row of cells, at most 4). Its rows are the following lines of the same column until a
 * large vertical gap or a paragraph-like line; the foot is the short block after it that starts
 * with "*", "†", "Values", "Data" or holds " indicates ". Columns come from the x projection of
 * the data lines' words (gaps no line crosses); header lines (before the first line with a
 * number outside the first column) are merged into one header row; a line whose label cell
 * is empty or starts in lower case and whose other cells are empty or start with "(" or in
 * lower case continues the row above, so a CI printed under its estimate joins it:
 * "−113" + "(−345 to 119)" -> "−113 (−345 to 119)". Such tables are marked uncertain.
 *
 * Errors: a file poppler cannot open (not a PDF, truncated beyond repair, encrypted) gets one
 * DOC_ERROR with poppler's reason; a PDF without a text layer (scanned) gets one DOC_ERROR.
 * Poppler's own messages (glib log domain "Poppler") are silenced. */
#include "read.h"

#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double x1, y1, x2, y2;
    char  *s;
} pw_t;

typedef struct {
    pw_t  *w;            /* borrowed from the page's word array */
    int    n;
    double x1, y1, x2, y2;
    int    col;          /* 0 full width, 1 left, 2 right */
} pl_t;

typedef struct {
    pw_t *w;
    int   n, cap;
} words_t;

static void silent_log(const gchar *dom, GLogLevelFlags lv, const gchar *msg, gpointer u)
{
    (void)dom; (void)lv; (void)msg; (void)u;
}

/* A coordinate as a bin index: NaN and out-of-range values clamped (a hostile PDF can place
 * text anywhere). */
static int clampi(double v, int lo, int hi)
{
    if (!(v == v) || v < lo) return lo;
    if (v > hi) return hi;
    return (int)v;
}

/* Drop the last byte of t (a line-end hyphen). */
static void cut_last(doc_text_t *t)
{
    if (t->len) doc_text_truncate(t, t->len - 1);
}

static int add_word(words_t *ws, const char *s, size_t n, double x1, double y1, double x2, double y2)
{
    if (ws->n == ws->cap) {
        int nc = ws->cap ? ws->cap * 2 : 512;
        pw_t *nw = realloc(ws->w, (size_t)nc * sizeof *nw);
        if (!nw) return -1;
        ws->w = nw;
        ws->cap = nc;
    }
    if (!(fabs(x1) < 1e6 && fabs(x2) < 1e6 && fabs(y1) < 1e6 && fabs(y2) < 1e6)) return 0;
    char *c = malloc(n + 1);
    if (!c) return -1;
    memcpy(c, s, n);
    c[n] = '\0';
    ws->w[ws->n++] = (pw_t){ x1, y1, x2, y2, c };
    return 0;
}

static void words_free(words_t *ws)
{
    for (int i = 0; i < ws->n; i++) free(ws->w[i].s);
    free(ws->w);
    ws->w = NULL;
    ws->n = ws->cap = 0;
}

/* Words of a page: runs of non-blank characters, broken also where the boxes jump. */
static int page_words(PopplerPage *pg, words_t *ws)
{
    char *text = poppler_page_get_text(pg);
    PopplerRectangle *r = NULL;
    guint nr = 0;
    int rc = 0;
    if (!text) return 0;
    if (!poppler_page_get_text_layout(pg, &r, &nr)) nr = 0;
    size_t i = 0, ci = 0, len = strlen(text);
    size_t ws0 = 0;
    int in = 0;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    while (i <= len && rc == 0) {
        unsigned char c = i < len ? (unsigned char)text[i] : 0;
        size_t cl = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        if (i + cl > len) cl = len - i ? len - i : 1;
        int blank = i >= len || c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
                    (cl == 2 && (unsigned char)text[i+1] == 0xA0 && c == 0xC2);
        PopplerRectangle *b = ci < nr ? &r[ci] : NULL;
        if (!blank && b && in) {
            double h = y2 - y1;
            int jump = b->x1 < x2 - h * 0.5 || b->x1 > x2 + h * 0.6 ||
                       fabs((b->y1 + b->y2) / 2 - (y1 + y2) / 2) > h * 0.6;
            if (jump) {
                rc = add_word(ws, text + ws0, i - ws0, x1, y1, x2, y2);
                in = 0;
            }
        }
        if (blank) {
            if (in) rc = add_word(ws, text + ws0, i - ws0, x1, y1, x2, y2);
            in = 0;
        } else if (b) {
            if (!in) { in = 1; ws0 = i; x1 = b->x1; y1 = b->y1; x2 = b->x2; y2 = b->y2; }
            else {
                if (b->x1 < x1) x1 = b->x1;
                if (b->y1 < y1) y1 = b->y1;
                if (b->x2 > x2) x2 = b->x2;
                if (b->y2 > y2) y2 = b->y2;
            }
        }
        i += cl;
        ci++;
    }
    g_free(r);
    g_free(text);
    return rc;
}

static int cmp_yc(const void *a, const void *b)
{
    const pw_t *p = a, *q = b;
    double u = (p->y1 + p->y2) / 2, v = (q->y1 + q->y2) / 2;
    if (u != v) return u < v ? -1 : 1;
    return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

static int cmp_x(const void *a, const void *b)
{
    const pw_t *p = a, *q = b;
    return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

static int cmp_dbl(const void *a, const void *b)
{
    double u = *(const double *)a, v = *(const double *)b;
    return u < v ? -1 : u > v;
}

/* ---- reading state across pages ---- */

typedef struct {
    doc_t *d;
    long   line;             /* lines produced so far */
    int    page;
    int    oom;
    double lh;               /* typical line height of the page */
    /* paragraph being built */
    doc_text_t para;
    double last_y2, last_x1;
    int    last_col, have_last;
    /* table being built */
    int    tab;              /* 0 none, 1 caption, 2 rows */
    int    tab_col;
    doc_text_t tcap;
    char  *tlabel;
    pl_t  *tl;               /* copies of table lines (words duplicated) */
    long  *tline;
    int    ntl, tlcap;
    double tab_last_y2;
    int    foot_wait;        /* the table closed: take a footnote block if one comes */
    long   last_para;        /* block index of the last paragraph, -1 none */
    doc_table_t *lastt;
    double foot_y2;
} pr_t;

static void put(pr_t *p, doc_text_t *t, const char *s, size_t n, long line)
{
    if (doc_text_append_pg(t, s, n, -1, line, p->page)) p->oom = 1;
}

static char *line_str(const pl_t *l)
{
    size_t n = 1;
    for (int i = 0; i < l->n; i++) n += strlen(l->w[i].s) + 1;
    char *s = malloc(n), *o = s;
    if (!s) return NULL;
    for (int i = 0; i < l->n; i++) {
        if (i) *o++ = ' ';
        for (const char *c = l->w[i].s; *c; c++)      /* control characters some fonts map spaces to */
            if ((unsigned char)*c >= 0x20) *o++ = *c;
    }
    *o = '\0';
    return s;
}

/* A paragraph that starts in lower case, with a digit or a bracket continues the last one
 * when that one stopped mid-sentence (a column or page break, a table set in between): it is
 * appended there, so a figure split by the break reads whole. */
static int para_flush(pr_t *p)
{
    p->have_last = 0;
    if (!p->para.len) return 0;
    const unsigned char c0 = (unsigned char)p->para.s[0];
    int cont_start = (c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9') || c0 == '(' || c0 == '[' ||
                     !strncmp(p->para.s, "−", 3);
    if (cont_start && p->last_para >= 0 && (size_t)p->last_para < p->d->nblocks) {
        doc_text_t *t = &p->d->blocks[p->last_para].text;
        char e = t->len ? t->s[t->len - 1] : '.';
        if (!strchr(".:?!", e)) {
            char pe = t->len >= 2 ? t->s[t->len - 2] : ' ';
            int hyph = e == '-' && ((pe >= 'a' && pe <= 'z') || (pe >= 'A' && pe <= 'Z')) && c0 >= 'a' && c0 <= 'z';
            if (hyph) cut_last(t);
            else if (doc_text_append_pg(t, " ", 1, -1, p->para.seg[0].line, p->para.seg[0].page)) p->oom = 1;
            for (size_t i = 0; i < p->para.nseg && !p->oom; i++) {
                size_t a = p->para.seg[i].pos, b = i + 1 < p->para.nseg ? p->para.seg[i+1].pos : p->para.len;
                if (doc_text_append_pg(t, p->para.s + a, b - a, -1, p->para.seg[i].line, p->para.seg[i].page))
                    p->oom = 1;
            }
            doc_text_destroy(&p->para);
            return 0;
        }
    }
    doc_block_t *b = doc_add_block(p->d, DOC_PARA);
    if (!b) { p->oom = 1; return -1; }
    b->text = p->para;
    doc_text_init(&p->para);
    p->last_para = (long)p->d->nblocks - 1;
    return 0;
}

/* Append a line to the paragraph, joining a hyphenated word. */
static void para_line(pr_t *p, const char *s, long line)
{
    doc_text_t *t = &p->para;
    if (t->len) {
        char last = t->s[t->len - 1];
        char prev = t->len >= 2 ? t->s[t->len - 2] : ' ';
        if (last == '-' && ((prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z')) && s[0] >= 'a' && s[0] <= 'z')
            cut_last(t);
        else put(p, t, " ", 1, line);
    }
    put(p, t, s, strlen(s), line);
}

/* A word that is a figure: an optional sign or comparison, a digit, then only digits,
 * signs, "." "±" "(" ")" "%" (so "6," of "6, mean value" is not one). */
static int is_num_cell(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u == '<' || *u == '>' || *u == '-' || *u == '(' ||
           (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92) || (u[0] == 0xE2 && u[1] == 0x89 && (u[2] == 0xA4 || u[2] == 0xA5)))
        u += *u < 0x80 ? 1 : 3;
    if (!(*u >= '0' && *u <= '9')) return 0;
    size_t n = strlen((const char *)u);
    if (n && u[n-1] == ',') return 0;
    for (; *u; u++)
        if (!((*u >= '0' && *u <= '9') || *u == '.' || *u == '(' || *u == ')' || *u == '%' || *u >= 0x80 || *u == '-'))
            return 0;
    return 1;
}

/* The column under a word's centre (the nearest column when it falls in a gap). */
static int wcol(const int *colof, int nb, double X1, const pw_t *w)
{
    int c = clampi((w->x1 + w->x2) / 2 - X1, 0, nb - 1);
    if (colof[c]) return colof[c] - 1;
    int l = c, r = c;
    while (l > 0 && !colof[l]) l--;
    while (r < nb - 1 && !colof[r]) r++;
    int v = colof[l] && (c - l <= r - c || !colof[r]) ? colof[l] : colof[r];
    return v ? v - 1 : 0;
}

/* End of the chunk of line words starting at k: words closer than 0.4 line heights, but a
 * ")" followed by "(" always separates ("(−17.49 to 34.40) (−27.20 to 63.02)"). */
static int chunk_end(const pl_t *l, int k, double lh)
{
    int e = k + 1;
    while (e < l->n && l->w[e].x1 - l->w[e-1].x2 < lh * 0.4) {
        const char *a = l->w[e-1].s, *b = l->w[e].s;
        if (a[strlen(a) - 1] == ')' && b[0] == '(') break;
        e++;
    }
    return e;
}

/* Build the table from its lines. */
static void table_build(pr_t *p)
{
    int n = p->ntl;
    doc_block_t *b = doc_add_block(p->d, DOC_TABLE);
    doc_table_t *t = b ? doc_block_table(b) : NULL;
    double *cov = NULL;
    int *colof = NULL;
    if (!t) { p->oom = 1; goto out; }
    t->uncertain = 1;
    t->label = p->tlabel; p->tlabel = NULL;
    t->caption = p->tcap; doc_text_init(&p->tcap);
    p->lastt = t;
    if (!n) goto out;
    /* x extent */
    double X1 = 1e9, X2 = -1e9;
    for (int i = 0; i < n; i++) { if (p->tl[i].x1 < X1) X1 = p->tl[i].x1; if (p->tl[i].x2 > X2) X2 = p->tl[i].x2; }
    if (!(X2 - X1 < 5000)) goto out;
    int nb = clampi(X2 - X1, 0, 5000) + 2;
    /* header lines: before the first line with a number outside its first word group */
    int first_data = -1;
    for (int i = 0; i < n && first_data < 0; i++) {
        int num = 0, all = 0;
        for (int k = 1; k < p->tl[i].n; k++)
            if (p->tl[i].w[k].x1 > X1 + (X2 - X1) * 0.15) { all++; num += is_num_cell(p->tl[i].w[k].s); }
        if (num && num * 2 >= all) first_data = i;
    }
    if (first_data < 0) first_data = 0;
    cov = calloc((size_t)nb, sizeof *cov);
    colof = calloc((size_t)nb, sizeof *colof);
    if (!cov || !colof) { p->oom = 1; goto out; }
    /* columns from the anchor lines: data lines without an open "(" word (a CI printed
     * under its estimate is wider than the column it belongs to) */
    int nanch = 0;
    char *anch = calloc((size_t)n, 1);
    if (!anch) { p->oom = 1; goto out; }
    for (int i = first_data; i < n; i++) {
        int open = 0;
        for (int k = 0; k < p->tl[i].n && !open; k++) {
            const char *w = p->tl[i].w[k].s;
            open = w[0] == '(' && w[strlen(w) - 1] != ')';
        }
        anch[i] = !open;
        nanch += !open;
    }
    for (int i = first_data; i < n; i++) {
        if (nanch >= 2 && !anch[i]) continue;
        for (int k = 0; k < p->tl[i].n; k++) {
            int a = clampi(p->tl[i].w[k].x1 - X1, 0, nb), z = clampi(p->tl[i].w[k].x2 - X1, 0, nb);
            for (int x = a < 0 ? 0 : a; x <= z && x < nb; x++) cov[x] += 1;
        }
    }
    free(anch);
#define WCOL(w) wcol(colof, nb, X1, (w))
    /* columns: covered runs separated by gaps of >= 3 units with coverage <= 0 */
    int ncol = 0, x = 0;
    while (x < nb) {
        while (x < nb && cov[x] <= 0) x++;
        if (x >= nb) break;
        int st = x;
        for (;;) {
            while (x < nb && cov[x] > 0) x++;
            int g = x;
            while (g < nb && cov[g] <= 0) g++;
            if (g < nb && g - x < 1) { x = g; continue; }
            break;
        }
        for (int k = st; k < x; k++) colof[k] = ncol + 1;
        ncol++;
        if (ncol > 60) break;
    }
    if (!ncol) goto out;
    /* the row labels: every column left of the first one holding a figure is one column */
    {
        int firstnum = -1;
        for (int i = first_data; i < n && firstnum != 1; i++)
            for (int k = 0; k < p->tl[i].n; k++) {
                if (!is_num_cell(p->tl[i].w[k].s)) continue;
                int c = WCOL(&p->tl[i].w[k]);
                if (c > 0 && (firstnum < 0 || c < firstnum)) firstnum = c;
                break;
            }
        if (firstnum > 1) {
            for (int x2 = 0; x2 < nb; x2++)
                if (colof[x2]) colof[x2] = colof[x2] <= firstnum ? 1 : colof[x2] - firstnum + 1;
            ncol -= firstnum - 1;
        }
    }
    /* rows: header (merged) then data rows with continuations */
    doc_text_t *cells = calloc((size_t)ncol, sizeof *cells);
    if (!cells) { p->oom = 1; goto out; }
    int row = 0, have = 0;
    for (int i = 0; i <= n; i++) {
        int newrow = 1;
        int hdr = i < first_data;
        if (i < n && have) {
            if (hdr) newrow = 0;
            else if (i > first_data) {
                /* continuation: the label chunk is missing or does not start a label (lower
                 * case, "%", "("), and no other chunk is a figure of its own (a "(CI)" is not) */
                int cont = 1;
                for (int k = 0; k < p->tl[i].n && cont; ) {
                    int e = chunk_end(&p->tl[i], k, p->lh);
                    pw_t span = p->tl[i].w[k];
                    span.x2 = p->tl[i].w[e-1].x2;
                    const unsigned char *w = (const unsigned char *)p->tl[i].w[k].s;
                    if (WCOL(&span) == 0)
                        cont = !((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9') || w[0] == '<' ||
                                 w[0] == '>' || w[0] >= 0x80);
                    else cont = !is_num_cell((const char *)w) || w[0] == '(';
                    k = e;
                }
                newrow = !cont;
            }
        }
        if (newrow && have) {
            for (int c = 0; c < ncol; c++) {
                doc_cell_t *cell = doc_table_add_cell(t, row, c, 1, 1);
                if (!cell) { p->oom = 1; break; }
                cell->text = cells[c];
                doc_text_init(&cells[c]);
                cell->header = row < (first_data > 0 ? 1 : 0);
            }
            row++;
            have = 0;
        }
        if (i == n) break;
        /* chunks: words closer than 0.4 line heights stay together ("(−0.001 to 0.022)") and
         * go to the column under the chunk's centre */
        for (int k = 0; k < p->tl[i].n; ) {
            int e = chunk_end(&p->tl[i], k, p->lh);
            pw_t span = p->tl[i].w[k];
            span.x2 = p->tl[i].w[e-1].x2;
            int c = WCOL(&span);
            doc_text_t *ct = &cells[c];
            for (int q = k; q < e; q++) {
                if (ct->len) put(p, ct, " ", 1, p->tline[i]);
                put(p, ct, p->tl[i].w[q].s, strlen(p->tl[i].w[q].s), p->tline[i]);
            }
            k = e;
        }
        have = 1;
    }
    #undef WCOL
    for (int c = 0; c < ncol; c++) doc_text_destroy(&cells[c]);
    free(cells);
    /* row labels indented with em/en/no-break spaces (some fonts map them to control
     * characters): strip them; the level is the rank of the indent width in the table */
    {
        int widths[8], nw = 0;
        int *lead = calloc((size_t)t->ncells + 1, sizeof *lead);
        if (!lead) { p->oom = 1; goto out; }
        for (int i = 0; i < t->ncells; i++) {
            doc_cell_t *c = &t->cells[i];
            size_t k = 0;
            int units = 0;
            for (;;) {
                const unsigned char *u = (const unsigned char *)c->text.s + k;
                if (k >= c->text.len) break;
                if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x82 && u[2] <= 0x8A) { k += 3; units++; }
                else if (u[0] == 0xC2 && u[1] == 0xA0) { k += 2; units++; }
                else if (u[0] < 0x20 && u[0] != 0) { k++; units++; }
                else if (u[0] == ' ') k++;
                else break;
            }
            lead[i] = c->col == 0 ? units : 0;
            if (lead[i] > 0) {
                int q = 0;
                while (q < nw && widths[q] != lead[i]) q++;
                if (q == nw && nw < 8) widths[nw++] = lead[i];
            }
            /* the text without the indent and without control characters */
            doc_text_t nt;
            doc_text_init(&nt);
            long ln = c->text.nseg ? c->text.seg[0].line : p->line;
            for (size_t j = k; j < c->text.len; ) {
                size_t e = j;
                while (e < c->text.len && (unsigned char)c->text.s[e] >= 0x20) e++;
                if (e > j) put(p, &nt, c->text.s + j, e - j, ln);
                j = e < c->text.len ? e + 1 : e;
            }
            doc_text_destroy(&c->text);
            c->text = nt;
        }
        for (int i = 0; i < t->ncells; i++) {
            if (lead[i] <= 0) continue;
            int lvl = 1;
            for (int q = 0; q < nw; q++) if (widths[q] < lead[i]) lvl++;
            t->cells[i].indent = lvl;
        }
        free(lead);
    }
    t->nhead = first_data > 0 ? 1 : 0;
    if (doc_table_build_grid(t)) p->oom = 1;
out:
    free(cov);
    free(colof);
    for (int i = 0; i < p->ntl; i++) {
        for (int k = 0; k < p->tl[i].n; k++) free(p->tl[i].w[k].s);
        free(p->tl[i].w);
    }
    p->ntl = 0;
    p->tab = 0;
    doc_text_destroy(&p->tcap);
    free(p->tlabel);
    p->tlabel = NULL;
}

static int tab_keep(pr_t *p, const pl_t *l, long line)
{
    if (p->ntl == p->tlcap) {
        int nc = p->tlcap ? p->tlcap * 2 : 64;
        pl_t *a = realloc(p->tl, (size_t)nc * sizeof *a);
        if (!a) return -1;
        p->tl = a;
        long *b = realloc(p->tline, (size_t)nc * sizeof *b);
        if (!b) return -1;
        p->tline = b;
        p->tlcap = nc;
    }
    pl_t c = *l;
    c.w = malloc((size_t)(l->n ? l->n : 1) * sizeof *c.w);
    if (!c.w) return -1;
    for (int k = 0; k < l->n; k++) {
        c.w[k] = l->w[k];
        if (!(c.w[k].s = strdup(l->w[k].s))) { c.n = k; p->tl[p->ntl] = c; p->tline[p->ntl++] = line; return -1; }
    }
    p->tl[p->ntl] = c;
    p->tline[p->ntl++] = line;
    return 0;
}

/* Largest gap between consecutive words of a line. */
static double max_gap(const pl_t *l)
{
    double g = 0;
    for (int k = 1; k < l->n; k++) if (l->w[k].x1 - l->w[k-1].x2 > g) g = l->w[k].x1 - l->w[k-1].x2;
    return g;
}

static int table_label(const char *s, char **label, const char **rest)
{
    *label = NULL;
    if (strncmp(s, "Table ", 6) != 0) return 0;
    const char *q = s + 6;
    const char *st = q;
    while ((*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'Z' && q == st)) q++;
    if (q == st || q - st > 4 || !(*q == '.' || *q == ':')) return 0;
    *label = strndup(s, (size_t)(q - s));
    q++;
    while (*q == ' ') q++;
    *rest = q;
    return *label ? 1 : -1;
}

/* One line of reading order. */
static void take_line(pr_t *p, const pl_t *l)
{
    char *s = line_str(l);
    if (!s) { p->oom = 1; return; }
    long line = ++p->line;
    double lh = p->lh > 0 ? p->lh : (l->y2 - l->y1);
    if (p->tab == 2) {
        double gap = l->y1 - p->tab_last_y2;
        int para_like = l->n >= 6 && max_gap(l) < lh * 0.9 && l->col == p->tab_col && l->col != 0;
        if (l->col != p->tab_col || gap > lh * 1.6 || gap < -lh * 3 || para_like || s[0] == '*' ||
            strstr(s, " indicates ") || !strncmp(s, "Values are", 10) || !strncmp(s, "Data are", 8) ||
            !strncmp(s, "†", 3) || p->ntl > 120) {
            table_build(p);
            p->foot_wait = 1;
        } else {
            if (tab_keep(p, l, line)) p->oom = 1;
            p->tab_last_y2 = l->y2;
            free(s);
            return;
        }
    }
    if (p->tab == 1) {
        if (max_gap(l) > lh * 1.2 && l->n >= 2) {
            p->tab = 2;
            p->tab_col = l->col;
            if (tab_keep(p, l, line)) p->oom = 1;
            p->tab_last_y2 = l->y2;
            free(s);
            return;
        }
        if (p->tcap.len >= 600 || l->col != p->tab_col) { table_build(p); }
        else {
            put(p, &p->tcap, " ", 1, line);
            put(p, &p->tcap, s, strlen(s), line);
            p->tab_last_y2 = l->y2;
            free(s);
            return;
        }
    }
    if (p->foot_wait) {
        p->foot_wait = 0;
        if (p->lastt && (s[0] == '*' || !strncmp(s, "†", 3) || !strncmp(s, "Values", 6) ||
                         !strncmp(s, "Data", 4) || strstr(s, " indicates "))) {
            doc_text_t *f = &p->lastt->foot;
            put(p, f, s, strlen(s), line);
            p->foot_wait = 2;
            p->foot_y2 = l->y2;
            free(s);
            return;
        }
    }
    char *label = NULL;
    const char *rest = NULL;
    int tl = table_label(s, &label, &rest);
    if (tl < 0) p->oom = 1;
    if (tl > 0) {
        para_flush(p);
        p->tab = 1;
        p->tab_col = l->col;
        p->tlabel = label;
        put(p, &p->tcap, rest, strlen(rest), line);
        p->tab_last_y2 = l->y2;
        free(s);
        return;
    }
    /* paragraphs: break at a column change, a vertical gap or a first-line indent */
    if (p->have_last) {
        double gap = l->y1 - p->last_y2;
        if (l->col != p->last_col || gap > lh * 0.9 || gap < -lh || l->x1 > p->last_x1 + lh * 0.8)
            para_flush(p);
    }
    para_line(p, s, line);
    p->have_last = 1;
    p->last_y2 = l->y2;
    p->last_col = l->col;
    if (!p->para.len || l->x1 < p->last_x1 || p->para.len == strlen(s)) p->last_x1 = l->x1;
    free(s);
}

/* Does a line read as two columns of running text (each side at least 4 words, no wide gap
 * inside a side)? Table rows have wide gaps between their cells. */
static int prose_halves(const pl_t *l, int gutter, double mh, double L, double R)
{
    int nl = 0, nr = 0;
    double gl = 0, gr = 0, lx1 = 1e9, lx2 = -1e9, rx1 = 1e9, rx2 = -1e9;
    for (int k = 0; k < l->n; k++) {
        const pw_t *w = &l->w[k];
        if (w->x1 < gutter && w->x2 > gutter) return 0;
        int left = w->x2 <= gutter;
        if (k && (left || l->w[k-1].x1 >= gutter)) {
            double g = w->x1 - l->w[k-1].x2;
            if (left) { if (g > gl) gl = g; } else if (g > gr) gr = g;
        }
        if (left) { nl++; if (w->x1 < lx1) lx1 = w->x1; if (w->x2 > lx2) lx2 = w->x2; }
        else { nr++; if (w->x1 < rx1) rx1 = w->x1; if (w->x2 > rx2) rx2 = w->x2; }
    }
    int alpha = 0;
    for (int k = 0; k < l->n; k++) {
        unsigned char c = (unsigned char)l->w[k].s[0];
        alpha += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    return alpha * 10 >= l->n * 6 && nl >= 4 && nr >= 4 && gl < mh * 1.2 && gr < mh * 1.2 &&
           lx2 - lx1 > (gutter - L) * 0.7 && rx2 - rx1 > (R - gutter) * 0.7;
}

/* Lay out one page: lines, columns, reading order. */
static int do_page(pr_t *p, PopplerPage *pg)
{
    words_t ws = { 0 };
    pl_t *lines = NULL, *half = NULL;
    int nl = 0, rc = 0;
    double W, H;
    poppler_page_get_size(pg, &W, &H);
    if (page_words(pg, &ws)) { rc = -1; goto out; }
    if (!ws.n) goto out;
    /* median glyph height; drop rotated words and the header/footer bands */
    double *hs = malloc((size_t)ws.n * sizeof *hs);
    if (!hs) { rc = -1; goto out; }
    for (int i = 0; i < ws.n; i++) hs[i] = ws.w[i].y2 - ws.w[i].y1;
    qsort(hs, (size_t)ws.n, sizeof *hs, cmp_dbl);
    double mh = hs[ws.n / 2];
    free(hs);
    if (mh <= 0) mh = 8;
    p->lh = mh;
    int k = 0;
    for (int i = 0; i < ws.n; i++) {
        pw_t *w = &ws.w[i];
        double h = w->y2 - w->y1, wd = w->x2 - w->x1;
        int rotated = h > mh * 2.2 && h > wd * 1.5 && strlen(w->s) > 1;
        int band = w->y2 < H * 0.05 || w->y1 > H * 0.955;
        if (rotated || band || h <= 0) { free(w->s); continue; }
        ws.w[k++] = *w;
    }
    ws.n = k;
    if (!ws.n) goto out;
    /* words outside the body's x extent (5th and 95th percentiles of longer words): margin
     * banners set as single letters */
    {
        double *xs = malloc((size_t)ws.n * sizeof *xs), *xe = malloc((size_t)ws.n * sizeof *xe);
        int m = 0;
        if (!xs || !xe) { free(xs); free(xe); rc = -1; goto out; }
        for (int i = 0; i < ws.n; i++)
            if (strlen(ws.w[i].s) >= 4) { xs[m] = ws.w[i].x1; xe[m] = ws.w[i].x2; m++; }
        if (m >= 20) {
            qsort(xs, (size_t)m, sizeof *xs, cmp_dbl);
            qsort(xe, (size_t)m, sizeof *xe, cmp_dbl);
            double lo = xs[m / 20] - mh, hi = xe[m - 1 - m / 20] + mh;
            k = 0;
            for (int i = 0; i < ws.n; i++) {
                if (ws.w[i].x2 < lo || ws.w[i].x1 > hi) { free(ws.w[i].s); continue; }
                ws.w[k++] = ws.w[i];
            }
            ws.n = k;
        }
        free(xs);
        free(xe);
    }
    if (!ws.n) goto out;
    qsort(ws.w, (size_t)ws.n, sizeof *ws.w, cmp_yc);
    lines = calloc((size_t)ws.n, sizeof *lines);
    half = calloc((size_t)ws.n * 2 + 2, sizeof *half);
    if (!lines || !half) { rc = -1; goto out; }
    for (int i = 0; i < ws.n; ) {
        int j = i + 1;
        double yc = (ws.w[i].y1 + ws.w[i].y2) / 2;
        while (j < ws.n && (ws.w[j].y1 + ws.w[j].y2) / 2 - yc < mh * 0.45) j++;
        qsort(ws.w + i, (size_t)(j - i), sizeof *ws.w, cmp_x);
        pl_t *l = &lines[nl++];
        l->w = ws.w + i;
        l->n = j - i;
        l->x1 = 1e9; l->y1 = 1e9; l->x2 = -1e9; l->y2 = -1e9;
        for (int q = i; q < j; q++) {
            if (ws.w[q].x1 < l->x1) l->x1 = ws.w[q].x1;
            if (ws.w[q].y1 < l->y1) l->y1 = ws.w[q].y1;
            if (ws.w[q].x2 > l->x2) l->x2 = ws.w[q].x2;
            if (ws.w[q].y2 > l->y2) l->y2 = ws.w[q].y2;
        }
        i = j;
    }
    /* the gutter: the x in the middle third crossed by the fewest lines */
    int nbin = clampi(W, 1, 20000) + 1, best = -1, bestc = nl + 1;
    int *cross = calloc((size_t)nbin + 1, sizeof *cross);
    if (!cross) { rc = -1; goto out; }
    for (int i = 0; i < nl; i++)
        for (int q = 0; q < lines[i].n; q++) {
            int a = clampi(lines[i].w[q].x1, 0, nbin), z = clampi(lines[i].w[q].x2 + 2, 0, nbin);
            for (int x = a < 0 ? 0 : a; x <= z && x < nbin; x++) cross[x]++;
        }
    int run = 0, bestrun = 0;
    for (int x = clampi(W * 0.33, 0, nbin); x < clampi(W * 0.67, 0, nbin) && x < nbin; x++) {
        if (cross[x] < bestc) { bestc = cross[x]; best = x; run = 1; bestrun = 1; }
        else if (cross[x] == bestc) { run++; if (run > bestrun) { bestrun = run; best = x - run / 2; } }
        else run = 0;
    }
    free(cross);
    int both = 0;
    if (best >= 0)
        for (int i = 0; i < nl; i++) {
            int l = 0, r = 0, x = 0;
            for (int q = 0; q < lines[i].n; q++) {
                if (lines[i].w[q].x2 <= best) l = 1;
                else if (lines[i].w[q].x1 >= best) r = 1;
                else x = 1;
            }
            both += l && r && !x;
        }
    int twocol = best >= 0 && bestc <= nl * 0.35 && both >= nl * 0.15;
    /* a table whose caption runs across both columns is read full width down to its end
     * (the first vertical gap of 2.5 lines) */
    char *force = calloc((size_t)nl + 1, 1);
    if (!force) { rc = -1; goto out; }
    double PL = 1e9, PR = -1e9;
    for (int i = 0; i < nl; i++) { if (lines[i].x1 < PL) PL = lines[i].x1; if (lines[i].x2 > PR) PR = lines[i].x2; }
    for (int i = 0; twocol && i < nl; i++) {
        if (strncmp(lines[i].w[0].s, "Table", 5) != 0 || lines[i].n < 2) continue;
        const char *num = lines[i].w[1].s;
        if (!(num[0] >= '0' && num[0] <= '9') || num[strlen(num) - 1] != '.') continue;
        int e = 1;                    /* the caption's own words: no wide gap inside */
        while (e < lines[i].n && lines[i].w[e].x1 - lines[i].w[e-1].x2 < mh * 2) e++;
        if (!(lines[i].x1 < best && lines[i].w[e-1].x2 > best)) continue;
        force[i] = 1;
        for (int j = i + 1; j < nl && lines[j].y1 - lines[j-1].y2 < mh * 2.5; j++) {
            if (prose_halves(&lines[j], best, mh, PL, PR)) break;
            force[j] = 1;
            const char *f = lines[j].w[0].s;
            if (f[0] == '*' || !strncmp(f, "†", 3) || !strncmp(f, "‡", 3)) break;
        }
    }
    /* reading order */
    int nh = 0, bandstart = 0;
    for (int i = 0; i <= nl; i++) {
        int full = 1;
        if (i < nl && twocol && !force[i]) {
            full = 0;
            for (int q = 0; q < lines[i].n; q++)
                if (lines[i].w[q].x1 < best && lines[i].w[q].x2 > best) { full = 1; break; }
        }
        if (i == nl || full) {
            /* flush the band: left halves, then right halves */
            for (int side = 1; side <= 2; side++)
                for (int q = bandstart; q < nh; q++) if (half[q].col == side) take_line(p, &half[q]);
            nh = bandstart = 0;
            if (i < nl) { lines[i].col = 0; take_line(p, &lines[i]); }
            continue;
        }
        int q = 0;
        while (q < lines[i].n && lines[i].w[q].x2 <= best) q++;
        for (int side = 1; side <= 2; side++) {
            pl_t h = { side == 1 ? lines[i].w : lines[i].w + q, side == 1 ? q : lines[i].n - q, 0, 0, 0, 0, side };
            if (!h.n) continue;
            h.x1 = h.w[0].x1; h.x2 = h.w[h.n - 1].x2; h.y1 = 1e9; h.y2 = -1e9;
            for (int z = 0; z < h.n; z++) {
                if (h.w[z].y1 < h.y1) h.y1 = h.w[z].y1;
                if (h.w[z].y2 > h.y2) h.y2 = h.w[z].y2;
            }
            half[nh++] = h;
        }
    }
    free(force);
    if (p->oom) rc = -1;
out:
    free(lines);
    free(half);
    words_free(&ws);
    return rc;
}

int rd_pdf(doc_t *d, const unsigned char *buf, size_t len)
{
    static int logs;
    GError *err = NULL;
    PopplerDocument *pd = NULL;
    GBytes *bytes = NULL;
    pr_t p;
    int rc = -1;
    memset(&p, 0, sizeof p);
    p.d = d;
    p.last_para = -1;
    doc_text_init(&p.para);
    doc_text_init(&p.tcap);
    if (!logs) {
        logs = 1;
        g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, silent_log, NULL);
    }
    if (len < 5 || memcmp(buf, "%PDF-", 5) != 0) {
        size_t i = 0;                           /* a few bytes of junk before the header are allowed */
        while (i + 5 <= len && i < 1024 && memcmp(buf + i, "%PDF-", 5) != 0) i++;
        if (i + 5 > len || i >= 1024) { doc_diag(d, DOC_ERROR, 0, "not a PDF (no %%PDF- header)"); goto out; }
    }
    bytes = g_bytes_new_static(buf, len);
    pd = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (!pd) {
        doc_diag(d, DOC_ERROR, 0, "cannot open the PDF: %s", err && err->message ? err->message : "damaged");
        goto out;
    }
    int np = poppler_document_get_n_pages(pd);
    if (np <= 0) { doc_diag(d, DOC_ERROR, 0, "the PDF has no pages"); goto out; }
    for (int i = 0; i < np && !p.oom; i++) {
        PopplerPage *pg = poppler_document_get_page(pd, i);
        if (!pg) continue;
        p.page = i + 1;
        p.have_last = 0;
        if (!d->doi && i < 3) {             /* the running footer: "DOI: 10.1161/..." */
            char *t = poppler_page_get_text(pg);
            const char *f = t ? strstr(t, "DOI: 10.") : NULL;
            if (!f && t) f = strstr(t, "doi.org/10.");
            if (f) {
                f = strstr(f, "10.");
                size_t n = 0;
                while (f[n] && (unsigned char)f[n] > ' ' && !strchr(";,)]", f[n])) n++;
                while (n && f[n-1] == '.') n--;
                char *doi = strndup(f, n);
                if (!doi || doc_set(&d->doi, doi)) p.oom = 1;
                free(doi);
            }
            g_free(t);
        }
        if (do_page(&p, pg)) p.oom = 1;
        g_object_unref(pg);
    }
    if (p.tab) table_build(&p);
    para_flush(&p);
    if (p.oom) { doc_diag(d, DOC_ERROR, 0, "out of memory"); goto out; }
    if (!d->nblocks) { doc_diag(d, DOC_ERROR, 0, "the PDF has no text layer (scanned?)"); goto out; }
    {
        gchar *t = poppler_document_get_title(pd);
        if (t && *t && doc_set(&d->title, t)) p.oom = 1;
        g_free(t);
        /* DOI: the first "10.dddd/..." after "DOI" or doi.org in the text */
        for (size_t i = 0; i < d->nblocks && !d->doi; i++) {
            const char *s = d->blocks[i].text.s;
            const char *f = s ? strstr(s, "DOI: 10.") : NULL;
            if (!f && s) f = strstr(s, "doi.org/10.");
            if (!f && s) f = strstr(s, "doi: 10.");
            if (!f) continue;
            f = strstr(f, "10.");
            size_t n = strcspn(f, " ;,)]");
            while (n && f[n-1] == '.') n--;
            char *doi = strndup(f, n);
            if (!doi || doc_set(&d->doi, doi)) p.oom = 1;
            free(doi);
        }
    }
    rc = p.oom ? -1 : 0;
out:
    if (err) g_error_free(err);
    if (pd) g_object_unref(pd);
    if (bytes) g_bytes_unref(bytes);
    doc_text_destroy(&p.para);
    doc_text_destroy(&p.tcap);
    for (int i = 0; i < p.ntl; i++) {
        for (int k = 0; k < p.tl[i].n; k++) free(p.tl[i].w[k].s);
        free(p.tl[i].w);
    }
    free(p.tl);
    free(p.tline);
    free(p.tlabel);
    return rc;
}

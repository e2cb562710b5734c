/* tab_txt.c - tables in plain text: find them after rd_txt and rebuild their grids.
 *
 * Three layouts are rebuilt:
 *   - tab-separated rows (one row per line, "\t" between cells);
 *   - flattened tables, one cell per line (PDF-to-text): the header cells come first, then
 *     each row as its label(s) followed by as many value cells as the header has leaf columns;
 *   - space-separated rows after a header whose cells are paragraphs ("Median 40 45").
 * A table starts at a "Table N" caption (or, for tab-separated rows, at any run of them); its
 * footnotes are the note-like paragraphs right under it. Cells copy their text with its source
 * map from the blocks, so offsets and lines stay exact. The blocks a table was rebuilt from are
 * removed from the doc; the caption block becomes the DOC_TABLE block. Where the order of cells
 * is scrambled, the cells that cannot be placed are kept in rows of their own, marked uncertain. */
#include "tab.h"
#include "tab_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_ITEMS = 20000 };

typedef struct { size_t bi, a, e; } piece_t;     /* bytes [a, e) of block bi's text */

typedef struct {
    piece_t *v;
    size_t   n, cap;
} pieces_t;

static int pieces_push(pieces_t *p, size_t bi, size_t a, size_t e)
{
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 64;
        piece_t *nv = realloc(p->v, nc * sizeof *nv);
        if (!nv) return -1;
        p->v = nv;
        p->cap = nc;
    }
    p->v[p->n++] = (piece_t){ bi, a, e };
    return 0;
}

static const char *ptext(const doc_t *d, const piece_t *p) { return d->blocks[p->bi].text.s + p->a; }
static size_t plen(const piece_t *p) { return p->e - p->a; }

/* Trim spaces (not tabs) at both ends of [*a, *e). */
static void trim(const char *s, size_t *a, size_t *e)
{
    while (*a < *e && (s[*a] == ' ' || s[*a] == '\r')) (*a)++;
    while (*e > *a && (s[*e - 1] == ' ' || s[*e - 1] == '\r' || s[*e - 1] == '\t')) (*e)--;
}

/* Lines of block bi from byte `from` on, trimmed, empty ones skipped. */
static int block_lines(const doc_t *d, size_t bi, size_t from, pieces_t *out)
{
    const doc_text_t *t = &d->blocks[bi].text;
    size_t i = from;
    while (i < t->len) {
        size_t j = i;
        while (j < t->len && t->s[j] != '\n') j++;
        size_t a = i, e = j;
        trim(t->s, &a, &e);
        if (e > a && pieces_push(out, bi, a, e)) return -1;
        i = j + 1;
    }
    return 0;
}

/* Copy piece p into cell text; newlines inside become one space with no source offset. */
static int copy_piece(doc_text_t *dst, const doc_t *d, const piece_t *p)
{
    const doc_text_t *src = &d->blocks[p->bi].text;
    size_t a = p->a;
    while (a < p->e) {
        size_t j = a;
        while (j < p->e && src->s[j] != '\n') j++;
        size_t x = a, y = j;
        trim(src->s, &x, &y);
        if (y > x) {
            if (dst->len) {
                long off, line;
                doc_text_locate(src, x, &off, &line, NULL);
                if (doc_text_append(dst, " ", 1, -1, line)) return -1;
            }
            if (doc_text_append_range(dst, src, x, y)) return -1;
        }
        a = j + 1;
    }
    return 0;
}

static doc_cell_t *put_cell(doc_table_t *t, const doc_t *d, const piece_t *p, int row, int col,
                            int rs, int cs, int header)
{
    doc_cell_t *c = doc_table_add_cell(t, row, col, rs, cs);
    if (!c) return NULL;
    c->header = header;
    if (copy_piece(&c->text, d, p)) return NULL;
    return c;
}

static int is_ws_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) if (s[i] != ' ' && s[i] != '\t') return 0;
    return 1;
}

static int starts_with(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && strncasecmp(s, w, k) == 0;
}

/* "Table 1", "TABLE 2." at the start of a caption: writes "Table N" into lab. */
static int table_label(const char *s, size_t n, char *lab, size_t cap)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (!(starts_with(s + i, n - i, "table ") )) return 0;
    i += 6;
    while (i < n && s[i] == ' ') i++;
    size_t a = i;
    while (i < n && i - a < 8 && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i == a) return 0;
    int digit = 0;
    for (size_t k = a; k < i; k++) digit |= s[k] >= '0' && s[k] <= '9';
    if (!digit && !(i - a <= 4 && strspn(s + a, "IVX") >= i - a)) return 0;
    if (i < n && !(s[i] == ' ' || s[i] == '.' || s[i] == ':' || s[i] == '\n' || s[i] == '|'))
        return 0;
    snprintf(lab, cap, "Table %.*s", (int)(i - a), s + a);
    return 1;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) if (s[i] >= '0' && s[i] <= '9') return 1;
    return 0;
}

/* A paragraph that can hold table cells: short lines, few words, figures. */
static int block_tableish(const doc_t *d, size_t bi)
{
    const doc_block_t *b = &d->blocks[bi];
    if (b->kind != DOC_PARA) return 0;
    const doc_text_t *t = &b->text;
    size_t nl = 0, i = 0;
    int ok = 1;
    while (i < t->len && ok) {
        size_t j = i;
        while (j < t->len && t->s[j] != '\n') j++;
        size_t a = i, e = j;
        trim(t->s, &a, &e);
        size_t w = count_words(t->s + a, e - a);
        if (e - a > 110 || w > 12) ok = 0;
        nl++;
        i = j + 1;
    }
    if (!ok) return 0;
    if (nl <= 2) return 1;
    /* a longer paragraph: each line has a figure or is a short label */
    i = 0;
    while (i < t->len) {
        size_t j = i;
        while (j < t->len && t->s[j] != '\n') j++;
        size_t a = i, e = j;
        trim(t->s, &a, &e);
        if (!has_digit(t->s + a, e - a) && count_words(t->s + a, e - a) > 4) return 0;
        i = j + 1;
    }
    return 1;
}

/* A note under a table: "Data are ...", "Abbreviation: ...", "ALT alanine aminotransferase, ...",
 * "* p < 0.05", "NS nonsignificant, ...". */
static int block_footnote(const doc_t *d, size_t bi)
{
    const doc_block_t *b = &d->blocks[bi];
    if (b->kind != DOC_PARA && b->kind != DOC_FOOTNOTE) return 0;
    const char *s = b->text.s;
    size_t n = b->text.len;
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    static const char *const start[] = { "data are", "data were", "data is", "values are",
        "values were", "results are", "results were", "note", "abbreviation", "*", "\xE2\x80\xA0",
        "\xE2\x80\xA1", "\xC2\xA7", "p values", "p-values", "continuous", "categorical",
        "all values", "all data", "unless", NULL };
    for (int i = 0; start[i]; i++) if (starts_with(s, n, start[i])) return 1;
    /* an abbreviation list: "ALT alanine aminotransferase, AST ..." */
    size_t w = 0, up = 0;
    while (w < n && s[w] != ' ') { up += s[w] >= 'A' && s[w] <= 'Z'; w++; }
    size_t commas = 0;
    for (size_t i = 0; i < n; i++) commas += s[i] == ',' || s[i] == ';';
    if (up >= 2 && w <= 12 && commas >= 2) return 1;
    /* a superscript mark: "a Mann-Whitney ...", "b p < 0.05" */
    if (n > 2 && s[0] >= 'a' && s[0] <= 'd' && s[1] == ' ' && count_words(s, n) > 3 &&
        memchr(s, '\n', n) == NULL)
        return 1;
    return 0;
}

/* Where in caption block cb the caption ends: the first line, then lines continuing its
 * sentence (starting with a lower-case letter). Table cells may follow in the same block. */
static size_t caption_end(const doc_t *d, size_t cb)
{
    const doc_text_t *t = &d->blocks[cb].text;
    size_t i = 0;
    while (i < t->len && t->s[i] != '\n') i++;
    while (i < t->len) {
        size_t j = i + 1;
        while (j < t->len && (t->s[j] == ' ')) j++;
        if (j < t->len && t->s[j] >= 'a' && t->s[j] <= 'z') {
            while (j < t->len && t->s[j] != '\n') j++;
            i = j;
        } else break;
    }
    return i;
}


static int block_tabbed(const doc_t *d, size_t bi)
{
    const doc_block_t *b = &d->blocks[bi];
    if (b->kind != DOC_PARA) return 0;
    size_t k = 0;
    const char *s = b->text.s;
    for (size_t i = 0; i < b->text.len; i++) k += s[i] == '\t';
    return k >= 2;
}

/* A line whose cells are set apart by runs of spaces ("Age, y   61.5 ± 7.4   62.0 ± 8.1"):
 * the number of gaps of two or more spaces between words. */
static int line_gaps(const char *s, size_t n)
{
    int g = 0;
    for (size_t i = 1; i + 2 < n; i++)
        if (s[i] == ' ' && s[i + 1] == ' ' && s[i - 1] != ' ') {
            size_t j = i;
            while (j < n && s[j] == ' ') j++;
            if (j < n) g++;
            i = j;
        }
    return g;
}

/* Most lines of the paragraph have their cells set apart by runs of spaces. */
static int block_gapped(const doc_t *d, size_t bi)
{
    const doc_block_t *b = &d->blocks[bi];
    if (b->kind != DOC_PARA) return 0;
    const doc_text_t *t = &b->text;
    size_t nl = 0, ng = 0, i = 0;
    while (i < t->len) {
        size_t j = i;
        while (j < t->len && t->s[j] != '\n') j++;
        size_t a = i, e = j;
        trim(t->s, &a, &e);
        if (e > a) {
            nl++;
            if (e - a > 300) return 0;
            ng += line_gaps(t->s + a, e - a) >= 1;
        }
        i = j + 1;
    }
    return nl >= 2 && ng * 3 >= nl * 2;
}

/* ---- building ------------------------------------------------------------------------- */

static int set_label(doc_table_t *t, const char *lab)
{
    return doc_set(&t->label, lab);
}

static int add_foot(doc_table_t *t, const doc_t *d, size_t bi)
{
    piece_t p = { bi, 0, d->blocks[bi].text.len };
    return copy_piece(&t->foot, d, &p);          /* joins with one space */
}

/* Split a line into fields at tabs (empty ones kept), or with gapped = 1 also at runs of two
 * or more spaces. */
static int split_tabs(const piece_t *ln, const doc_t *d, pieces_t *f, int gapped)
{
    const char *s = d->blocks[ln->bi].text.s;
    size_t a = ln->a;
    f->n = 0;
    for (size_t i = ln->a; i <= ln->e; i++) {
        int gap = gapped && i + 1 < ln->e && s[i] == ' ' && s[i + 1] == ' ';
        if (i == ln->e || s[i] == '\t' || gap) {
            size_t x = a, y = i;
            while (x < y && s[x] == ' ') x++;
            while (y > x && s[y - 1] == ' ') y--;
            if (pieces_push(f, ln->bi, x, y)) return -1;
            if (gap) while (i + 1 < ln->e && s[i + 1] == ' ') i++;
            a = i + 1;
        }
    }
    return 0;
}

static int row_has_value(const doc_t *d, const pieces_t *f)
{
    for (size_t k = 0; k < f->n; k++)
        if (plen(&f->v[k]) && tab_is_value(ptext(d, &f->v[k]), plen(&f->v[k]))) return 1;
    return 0;
}

/* Is a stub label a sub-row of the row above? "Median" under "Age", "> 15" under "MELD score",
 * "A" under "Child–Pugh score"; a category word ("Male") only under a section row, one that
 * has no figures of its own ("Gender"), not under "Age, years". */
static int is_subrow(const doc_t *d, const piece_t *p, int section)
{
    char *c = tab_clean(ptext(d, p), plen(p));
    int r = 0;
    if (!c) return 0;
    if (tab_is_stat_label(c)) r = 1;
    else if (tab_is_category(c)) {
        int word = strlen(c) > 1 && ((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= 'A' && c[0] <= 'Z')) &&
                   strspn(c, "IVXivx") < strlen(c);
        r = !word || section;
    }
    free(c);
    return r;
}

static int build_tabbed(doc_table_t *t, const doc_t *d, const pieces_t *lines, int gapped)
{
    pieces_t f = { 0 };
    int rc = -1, nhead = 0, have_parent = 0, section = 0;
    size_t maxf = 0;
    /* first pass: the widest row, and how many rows head the table */
    for (size_t r = 0; r < lines->n; r++) {
        if (split_tabs(&lines->v[r], d, &f, gapped)) goto out;
        if (f.n > maxf) maxf = f.n;
        size_t filled = 0;
        for (size_t k = 1; k < f.n; k++) filled += plen(&f.v[k]) > 0;
        if ((int)r == nhead && !row_has_value(d, &f) && filled >= 1 &&
            (r == 0 || plen(&f.v[0]) == 0))
            nhead = (int)r + 1;
    }
    for (size_t r = 0; r < lines->n; r++) {
        if (split_tabs(&lines->v[r], d, &f, gapped)) goto out;
        int hv = row_has_value(d, &f);
        int head = (int)r < nhead;
        /* a gapped header row lost its empty first cell(s) with the leading spaces */
        size_t shift = gapped && head && f.n < maxf ? maxf - f.n : 0;
        for (size_t k = 0; k < f.n; k++) {
            if (!plen(&f.v[k])) continue;
            /* in a header row above the last, a cell spans the empty cells after it
             * ("Drug" over "Baseline", "Week 12") */
            int span = 1;
            if (head && (int)r < nhead - 1 && k > 0) {
                size_t j = k + 1;
                while (j < f.n && !plen(&f.v[j])) j++;
                span = (int)((j < f.n ? j : maxf - shift) - k);
                if (span < 1) span = 1;
            }
            doc_cell_t *c = put_cell(t, d, &f.v[k], (int)r, (int)(k + shift), 1, span, head || k == 0);
            if (!c) goto out;
            if (k == 0 && !head) {
                if (have_parent && is_subrow(d, &f.v[k], section)) c->indent = 1;
                else { have_parent = 1; section = !hv; }
            }
        }
    }
    t->nhead = nhead;
    rc = 0;
out:
    free(f.v);
    return rc;
}

/* Cells of a space-separated row "Male 20 (83.3%) 15 (78.9%)": the label and the value cells,
 * read from the right. Returns the number of value cells (<= maxv) written to val[]. */
static int is_numish_tok(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == '(' || s[i] == '[')) i++;
    if (i == n) return i > 0;
    if ((n - i == 2 && strncmp(s + i, "to", 2) == 0) || (n - i == 2 && strncmp(s + i, "\xC2\xB1", 2) == 0))
        return 1;
    return tab_is_value(s + i, n - i) || (n - i <= 3 && (unsigned char)s[i] >= 0xE2 &&
                                          tab_is_value(s + i, n - i) == 0 && 0);
}

static int is_sign_tok(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == '(' || s[i] == '[')) i++;
    return (n - i == 1 && s[i] == '-') || (n - i == 3 && (unsigned char)s[i] == 0xE2 &&
           ((unsigned char)s[i + 1] == 0x88 || (unsigned char)s[i + 1] == 0x80));
}

static int split_space_row(const doc_t *d, const piece_t *ln, piece_t *label, pieces_t *val)
{
    const char *s = d->blocks[ln->bi].text.s;
    size_t ta[128], te[128];
    int nt = 0;
    val->n = 0;
    for (size_t i = ln->a; i < ln->e && nt < 128; ) {
        while (i < ln->e && s[i] == ' ') i++;
        if (i >= ln->e) break;
        size_t j = i;
        while (j < ln->e && s[j] != ' ') j++;
        ta[nt] = i; te[nt] = j; nt++;
        i = j;
    }
    int f = nt;
    while (f > 0 && (is_numish_tok(s + ta[f - 1], te[f - 1] - ta[f - 1]) ||
                     is_sign_tok(s + ta[f - 1], te[f - 1] - ta[f - 1])))
        f--;
    /* the first value token must open a value: a number or a sign, not a connector */
    while (f < nt) {
        const char *w = s + ta[f];
        size_t n = te[f] - ta[f];
        if ((n == 2 && strncmp(w, "to", 2) == 0) || (n == 2 && strncmp(w, "\xC2\xB1", 2) == 0) ||
            w[0] == '(' || w[0] == '[' || w[0] == ')')
            f++;
        else break;
    }
    *label = (piece_t){ ln->bi, ln->a, f > 0 ? te[f - 1] : ln->a };
    int depth = 0, join = 0;
    for (int k = f; k < nt; k++) {
        const char *w = s + ta[k];
        size_t n = te[k] - ta[k];
        int starts = depth == 0 && !join && w[0] != '(' && w[0] != '[' && w[0] != ')';
        if (starts || val->n == 0) {
            if (pieces_push(val, ln->bi, ta[k], te[k])) return -1;
        } else val->v[val->n - 1].e = te[k];
        for (size_t i = 0; i < n; i++) {
            if (w[i] == '(' || w[i] == '[') depth++;
            else if ((w[i] == ')' || w[i] == ']') && depth > 0) depth--;
        }
        join = (n == 2 && (strncmp(w, "to", 2) == 0 || strncmp(w, "\xC2\xB1", 2) == 0)) ||
               is_sign_tok(w, n) || (n >= 3 && (unsigned char)w[n - 3] == 0xE2 &&
                                     (unsigned char)w[n - 2] == 0x80 && (unsigned char)w[n - 1] == 0x93);
    }
    return 0;
}

/* Space-separated rows under a header made of paragraphs (one header cell per paragraph). */
static int build_spaced(doc_table_t *t, const doc_t *d, const pieces_t *hdr, const pieces_t *rows,
                        const unsigned char *newblock)
{
    pieces_t val = { 0 };
    int rc = -1, row = 1, nstub = 1;
    size_t nh = hdr->n;
    char *c0 = nh ? tab_clean(ptext(d, &hdr->v[0]), plen(&hdr->v[0])) : NULL;
    if (nh && !c0) goto out;
    if (nh && !tab_is_stub_header(c0) && !is_ws_only(c0, strlen(c0))) nstub = 0;
    int kv = (int)nh - nstub;
    if (kv < 1) kv = 1;
    for (size_t k = 0; k < nh; k++)
        if (!put_cell(t, d, &hdr->v[k], 0, (int)k + (nstub ? 0 : 1), 1, 1, 1)) goto out;
    t->nhead = nh ? 1 : 0;
    int in_section = 0;
    for (size_t r = 0; r < rows->n; r++) {
        piece_t lab;
        if (newblock[r]) in_section = 0;
        if (split_space_row(d, &rows->v[r], &lab, &val)) goto out;
        int nv = (int)val.n;
        int first = 1;
        if (nv > kv) {                       /* the leftmost extra figures belong to the label */
            lab.e = val.v[nv - kv - 1].e;
            first = nv - kv;
            (void)first;
        }
        int skip = nv > kv ? nv - kv : 0;
        if (lab.e > lab.a) {
            doc_cell_t *c = put_cell(t, d, &lab, row, 0, 1, 1, 1);
            if (!c) goto out;
            if (nv == 0) in_section = 1;
            else if (in_section) c->indent = 1;
        }
        if (nv - skip < kv && nv > 0) t->uncertain = 1;
        for (int k = skip; k < nv; k++)
            if (!put_cell(t, d, &val.v[k], row, 1 + (k - skip), 1, 1, 0)) goto out;
        row++;
    }
    rc = 0;
out:
    free(c0);
    free(val.v);
    return rc;
}

/* ---- one cell per line ------------------------------------------------------------------ */

typedef struct {
    piece_t p;
    int     value;
    int     used;
} item_t;

static int item_eq(const doc_t *d, const item_t *a, const item_t *b)
{
    size_t n = plen(&a->p);
    return n == plen(&b->p) && strncasecmp(ptext(d, &a->p), ptext(d, &b->p), n) == 0;
}

static int item_is(const doc_t *d, const item_t *it, int (*pred)(const char *))
{
    char *c = tab_clean(ptext(d, &it->p), plen(&it->p));
    int r = c ? pred(c) : 0;
    free(c);
    return r;
}

static int build_flat(doc_table_t *t, const doc_t *d, item_t *it, size_t n)
{
    size_t h = 0, nval = 0;
    while (h < n && !it[h].value) h++;
    if (h == n || h < 2) return 1;                   /* no figures, or no header: not a table */
    for (size_t k = 0; k < n; k++) nval += it[k].value != 0;
    if (nval < 2 || nval * 4 < n) return 1;          /* short prose lines, a page number */
    size_t kv = 0;
    while (h + kv < n && it[h + kv].value) kv++;
    /* how many label columns: the stub headers among the first items */
    int nstub = 0;
    for (size_t k = 0; k < 3 && k < h; k++) nstub += item_is(d, &it[k], tab_is_stub_header);
    if (nstub < 1) nstub = 1;
    if (nstub > 2) nstub = 2;
    if (h < (size_t)nstub + kv) {                    /* header shorter than the first row */
        nstub = 1;
        if (h < 1 + kv) return 1;
    }
    size_t hc = h - (size_t)nstub;                   /* header items [0, hc) */
    size_t leaf0 = hc - kv;
    /* stubs and spanning headers among [0, leaf0) */
    int stubs[2] = { -1, -1 }, ns = 0;
    size_t spans[64];
    size_t nsp = 0;
    for (size_t k = 0; k < leaf0; k++)
        if (ns < nstub && item_is(d, &it[k], tab_is_stub_header)) stubs[ns++] = (int)k;
    for (size_t k = 0; k < leaf0 && ns < nstub; k++) {
        int taken = 0;
        for (int s = 0; s < ns; s++) taken |= stubs[s] == (int)k;
        if (!taken) stubs[ns++] = (int)k;
    }
    for (size_t k = 0; k < leaf0; k++) {
        int taken = 0;
        for (int s = 0; s < ns; s++) taken |= stubs[s] == (int)k;
        if (!taken && nsp < 64) spans[nsp++] = k;
    }
    /* span width: equal division, else the period of the leaf headers (Value, P value, ...) */
    size_t width = 0, nslots = 0;
    if (nsp) {
        /* leaf headers repeating with a period ("Value, P value, Value, P value") tell the
         * span width even when some spanning headers are elsewhere in the text */
        for (size_t p = 1; p < kv && !width; p++) {
            if (kv % p) continue;
            int per = 1;
            for (size_t i = 0; i + p < kv && per; i++)
                per = item_eq(d, &it[leaf0 + i], &it[leaf0 + i + p]);
            if (per && kv / p >= nsp) { width = p; nslots = kv / p; }
        }
        if (!width && kv % nsp == 0) { width = kv / nsp; nslots = nsp; }
        if (nslots != nsp) t->uncertain = 1;
    }
    int nh = nsp ? 2 : 1;
    for (int s = 0; s < ns; s++)
        if (!put_cell(t, d, &it[stubs[s]].p, 0, s, nh, 1, 1)) return -1;
    size_t filled = 0;
    /* spanning headers read out of order (the stub header between them) may sit over the
     * wrong columns: kept, but marked as guesses */
    int span_guess = !width || (ns > 0 && nsp > 0 && (size_t)stubs[0] > spans[0]);
    for (size_t s = 0; s < nsp; s++) {
        doc_cell_t *c;
        if (width) c = put_cell(t, d, &it[spans[s]].p, 0, nstub + (int)(s * width), 1, (int)width, 1);
        else c = put_cell(t, d, &it[spans[s]].p, 0, nstub + (int)s, 1, 1, 1);
        if (!c) return -1;
        if (span_guess) { c->uncertain = 1; t->uncertain = 1; }
        filled++;
    }
    for (size_t k = 0; k < kv; k++)
        if (!put_cell(t, d, &it[leaf0 + k].p, nh - 1, nstub + (int)k, 1, 1, 1)) return -1;
    t->nhead = nh;
    for (size_t k = 0; k < h; k++) it[k].used = k < hc;

    /* rows: labels, then values */
    int row = nh;
    size_t i = hc;
    int outer_row = -1;                   /* nstub == 2: row where the current outer label began */
    int outer = -1, first_inner = -1;     /* item indices */
    int q[256], nq = 0, qh = 0;           /* queued outer labels */
    int have_parent = 0, section = 0;
    size_t orphans0 = (size_t)-1;
    while (i < n) {
        size_t l0 = i;
        while (i < n && !it[i].value) i++;
        size_t l1 = i;
        while (i < n && it[i].value) i++;
        size_t v0 = l1, v1 = i;
        /* labels that name a missing spanning header ("W1–W4") fill it */
        size_t keep[64];
        size_t nk = 0;
        for (size_t k = l0; k < l1; k++) {
            if (width && filled < nslots && item_is(d, &it[k], tab_is_timepoint) && nsp &&
                item_is(d, &it[spans[0]], tab_is_timepoint)) {
                if (!put_cell(t, d, &it[k].p, 0, nstub + (int)(filled * width), 1, (int)width, 1))
                    return -1;
                filled++;
                it[k].used = 1;
            } else if (nk < 64) keep[nk++] = k;
        }
        if (nk == 0) {                    /* figures with no label: their place is lost */
            if (v1 > v0 && orphans0 == (size_t)-1) orphans0 = v0;
            continue;
        }
        if (v1 == v0 && i >= n) {         /* trailing labels with no figures */
            for (size_t k = 0; k < nk; k++) {
                doc_cell_t *c = put_cell(t, d, &it[keep[k]].p, row++, 0, 1, 1, 1);
                if (!c) return -1;
                c->uncertain = 1;
                it[keep[k]].used = 1;
            }
            t->uncertain = 1;
            break;
        }
        if (orphans0 != (size_t)-1) { t->uncertain = 1; }
        int inner = (int)keep[nk - 1];
        if (nstub == 2) {
            for (size_t k = 0; k + 1 < nk; k++) if (nq < 256) q[nq++] = (int)keep[k];
            int change = outer < 0 ||
                         (first_inner >= 0 && item_eq(d, &it[inner], &it[first_inner]) && row > outer_row);
            if (change) {
                if (outer >= 0) {
                    doc_cell_t *c = put_cell(t, d, &it[outer].p, outer_row, 0, row - outer_row, 1, 1);
                    if (!c) return -1;
                    c->uncertain = orphans0 != (size_t)-1;
                }
                outer = qh < nq ? q[qh++] : -1;
                if (outer >= 0) it[outer].used = 1;
                else t->uncertain = 1;
                outer_row = row;
                first_inner = inner;
            }
            doc_cell_t *c = put_cell(t, d, &it[inner].p, row, 1, 1, 1, 1);
            if (!c) return -1;
            it[inner].used = 1;
        } else {
            for (size_t k = 0; k + 1 < nk; k++) {       /* a label alone: a section row */
                doc_cell_t *c = put_cell(t, d, &it[keep[k]].p, row++, 0, 1, 1, 1);
                if (!c) return -1;
                it[keep[k]].used = 1;
                have_parent = section = 1;
            }
            doc_cell_t *c = put_cell(t, d, &it[inner].p, row, 0, 1, 1, 1);
            if (!c) return -1;
            it[inner].used = 1;
            if (have_parent && is_subrow(d, &it[inner].p, section)) c->indent = 1;
            else { have_parent = 1; section = 0; }
        }
        size_t nv = v1 - v0;
        if (nv < kv) {
            /* a row short of only its last p-value cells is whole (one p for a group of
             * category rows); short elsewhere, its cells may sit in the wrong columns */
            int tail_p = 1;
            for (size_t k = nv; k < kv && tail_p; k++) tail_p = item_is(d, &it[leaf0 + k], tab_is_p_header);
            if (!tail_p) t->uncertain = 1;
        }
        for (size_t k = 0; k < nv && k < kv; k++) {
            if (!put_cell(t, d, &it[v0 + k].p, row, nstub + (int)k, 1, 1, 0)) return -1;
            it[v0 + k].used = 1;
        }
        if (nv > kv && orphans0 == (size_t)-1) orphans0 = v0 + kv;
        row++;
    }
    if (nstub == 2 && outer >= 0) {
        doc_cell_t *c = put_cell(t, d, &it[outer].p, outer_row, 0, row - outer_row, 1, 1);
        if (!c) return -1;
    }
    /* every item not placed: a row of its own, uncertain */
    for (size_t k = 0; k < n; k++) {
        if (it[k].used) continue;
        doc_cell_t *c = put_cell(t, d, &it[k].p, row++, it[k].value ? nstub : 0, 1, 1, !it[k].value);
        if (!c) return -1;
        c->uncertain = 1;
        t->uncertain = 1;
    }
    return 0;
}

/* ---- regions ----------------------------------------------------------------------------- */

typedef struct {
    size_t tb;            /* block that becomes the table */
    size_t first, last;   /* blocks holding cells (first may be tb itself, from `from`) */
    size_t from;          /* in block `first`, cells start at this byte */
    size_t foot0, foot1;  /* footnote blocks [foot0, foot1) */
    int    tabbed;        /* 1 cells set apart by tabs, 2 by runs of spaces */
} region_t;

static int build_region(doc_t *d, const region_t *g, const char *label, unsigned char *drop,
                        int *made)
{
    pieces_t lines = { 0 }, hdr = { 0 }, rows = { 0 };
    item_t *items = NULL;
    unsigned char *nb = NULL;
    doc_text_t cap;
    int rc = -1;
    doc_text_init(&cap);
    *made = 0;
    for (size_t bi = g->first; bi <= g->last; bi++)
        if (block_lines(d, bi, bi == g->first ? g->from : 0, &lines)) goto out;
    if (lines.n == 0) { rc = 0; goto out; }

    doc_block_t *tb = &d->blocks[g->tb];
    int is_cap = tb->kind == DOC_CAPTION;
    if (is_cap) {
        piece_t cp = { g->tb, 0, g->first == g->tb ? g->from : tb->text.len };
        if (copy_piece(&cap, d, &cp)) goto out;
    }
    /* decide the layout before touching the doc */
    int layout = 0;                 /* 1 tabbed, 2 spaced, 3 one cell per line */
    if (g->tabbed) layout = 1;
    else {
        size_t inl = 0;
        for (size_t k = 0; k < lines.n; k++) {
            piece_t lab;
            if (split_space_row(d, &lines.v[k], &lab, &rows)) goto out;
            if (rows.n && lab.e > lab.a) inl++;
        }
        rows.n = 0;
        layout = inl >= 2 && inl * 4 >= lines.n ? 2 : 3;
    }
    doc_table_t tmp;
    memset(&tmp, 0, sizeof tmp);
    int r = 0;
    if (layout == 1) r = build_tabbed(&tmp, d, &lines, g->tabbed == 2);
    else if (layout == 2) {
        /* header: the paragraphs before the first row with figures; one cell each */
        size_t k = 0;
        if (!(nb = calloc(lines.n + 1, 1))) goto out;
        size_t hb = (size_t)-1;
        for (k = 0; k < lines.n; k++) {
            piece_t lab;
            pieces_t v = { 0 };
            if (split_space_row(d, &lines.v[k], &lab, &v)) { free(v.v); goto out; }
            size_t nv = v.n;
            free(v.v);
            if (nv) { hb = lines.v[k].bi; break; }
        }
        /* header cells: whole paragraphs before block hb (the caption block's tail counts) */
        for (size_t j = 0; j < lines.n && lines.v[j].bi != hb; j++) {
            if (hdr.n && hdr.v[hdr.n - 1].bi == lines.v[j].bi) hdr.v[hdr.n - 1].e = lines.v[j].e;
            else if (pieces_push(&hdr, lines.v[j].bi, lines.v[j].a, lines.v[j].e)) goto out;
        }
        /* the section-row label of the first body block may sit in the header part */
        size_t j0 = 0;
        while (j0 < lines.n && lines.v[j0].bi != hb) j0++;
        for (size_t j = j0; j < lines.n; j++) {
            nb[rows.n] = j == j0 || lines.v[j].bi != lines.v[j - 1].bi;
            if (pieces_push(&rows, lines.v[j].bi, lines.v[j].a, lines.v[j].e)) goto out;
        }
        r = build_spaced(&tmp, d, &hdr, &rows, nb);
    } else {
        size_t n = lines.n < MAX_ITEMS ? lines.n : MAX_ITEMS;
        if (!(items = calloc(n, sizeof *items))) goto out;
        for (size_t k = 0; k < n; k++) {
            items[k].p = lines.v[k];
            items[k].value = tab_is_value(ptext(d, &lines.v[k]), plen(&lines.v[k]));
        }
        r = build_flat(&tmp, d, items, n);
    }
    if (r < 0 || (r == 0 && doc_table_build_grid(&tmp))) {
        for (int i = 0; i < tmp.ncells; i++) doc_text_destroy(&tmp.cells[i].text);
        free(tmp.cells); free(tmp.grid);
        doc_text_destroy(&tmp.caption); doc_text_destroy(&tmp.foot);
        if (r > 0) { rc = 0; goto out; }
        goto out;
    }
    if (r > 0 || tmp.ncells == 0) {     /* not a table after all */
        for (int i = 0; i < tmp.ncells; i++) doc_text_destroy(&tmp.cells[i].text);
        free(tmp.cells); free(tmp.grid);
        rc = 0;
        goto out;
    }
    for (size_t bi = g->foot0; bi < g->foot1; bi++)
        if (add_foot(&tmp, d, bi)) goto fail_tmp;
    if (label && set_label(&tmp, label)) goto fail_tmp;
    tmp.caption = cap;
    doc_text_init(&cap);
    /* the table block takes the table; the other blocks go */
    doc_table_t *t = doc_block_table(tb);
    if (!t) goto fail_tmp;
    *t = tmp;
    doc_text_destroy(&tb->text);
    for (size_t bi = g->first; bi <= g->last; bi++) if (bi != g->tb) drop[bi] = 1;
    for (size_t bi = g->foot0; bi < g->foot1; bi++) drop[bi] = 1;
    *made = 1;
    rc = 0;
    goto out;
fail_tmp:
    for (int i = 0; i < tmp.ncells; i++) doc_text_destroy(&tmp.cells[i].text);
    free(tmp.cells); free(tmp.grid); free(tmp.label);
    doc_text_destroy(&tmp.caption); doc_text_destroy(&tmp.foot);
out:
    doc_text_destroy(&cap);
    free(lines.v); free(hdr.v); free(rows.v); free(items); free(nb);
    return rc;
}

static void footnotes(const doc_t *d, region_t *g)
{
    g->foot0 = g->foot1 = g->last + 1;
    while (g->foot1 < d->nblocks && g->foot1 - g->foot0 < 4 && block_footnote(d, g->foot1))
        g->foot1++;
}

/* A caption "Table N ..." at block cb: find the cells under it. */
static int from_caption(doc_t *d, size_t cb, const char *label, unsigned char *drop)
{
    region_t g;
    int made = 0;
    memset(&g, 0, sizeof g);
    g.tb = cb;
    size_t ce = caption_end(d, cb);
    size_t nbk = d->nblocks;
    int tail = ce < d->blocks[cb].text.len &&
               !is_ws_only(d->blocks[cb].text.s + ce, d->blocks[cb].text.len - ce);
    size_t nx = cb + 1;
    if (nx < nbk && block_tabbed(d, nx)) {
        g.tabbed = 1;
        g.first = g.last = nx;
        while (g.last + 1 < nbk && block_tabbed(d, g.last + 1)) g.last++;
        if (tail) { g.first = cb; g.from = ce; }
    } else if (nx < nbk && block_gapped(d, nx)) {
        g.tabbed = 2;                   /* cells set apart by runs of spaces */
        g.first = g.last = nx;
        while (g.last + 1 < nbk && block_gapped(d, g.last + 1)) g.last++;
        if (tail) { g.first = cb; g.from = ce; }
    } else {
        size_t e = nx;
        while (e < nbk && !drop[e] && block_tableish(d, e) && !block_footnote(d, e) &&
               e - nx < MAX_ITEMS)
            e++;
        if (e == nx && !tail) return 0;
        if (e == nx) return 0;
        g.first = tail ? cb : nx;
        g.from = tail ? ce : 0;
        g.last = e - 1;
    }
    footnotes(d, &g);
    return build_region(d, &g, label, drop, &made);
}

/* Collapse the blocks marked in drop, renumbering the section indices. */
static int compact(doc_t *d, const unsigned char *drop)
{
    size_t *map = malloc((d->nblocks + 1) * sizeof *map);
    if (!map) return -1;
    size_t k = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        map[i] = k;
        if (drop[i]) {
            doc_text_destroy(&d->blocks[i].text);
            continue;
        }
        if (k != i) d->blocks[k] = d->blocks[i];
        k++;
    }
    d->nblocks = k;
    for (size_t i = 0; i < k; i++) {
        doc_block_t *b = &d->blocks[i];
        if (b->section >= 0) b->section = (int)map[b->section];
    }
    free(map);
    return 0;
}

int tab_detect_txt(doc_t *d)
{
    if (!d || d->nblocks == 0) return 0;
    unsigned char *drop = calloc(d->nblocks, 1);
    int rc = -1, made;
    char lab[32];
    if (!drop) return -1;
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        doc_block_t *b = &d->blocks[bi];
        if (drop[bi]) continue;
        if (b->kind == DOC_CAPTION && table_label(b->text.s, b->text.len, lab, sizeof lab)) {
            if (from_caption(d, bi, lab, drop)) goto out;
        } else if (b->kind == DOC_PARA && block_tabbed(d, bi)) {
            /* tab-separated rows with no "Table N" caption ("Number at risk") */
            region_t g;
            memset(&g, 0, sizeof g);
            g.tb = g.first = g.last = bi;
            g.tabbed = 1;
            while (g.last + 1 < d->nblocks && block_tabbed(d, g.last + 1)) g.last++;
            footnotes(d, &g);
            if (build_region(d, &g, NULL, drop, &made)) goto out;
            if (made) bi = g.foot1 - 1;
        }
    }
    rc = compact(d, drop);
out:
    free(drop);
    return rc;
}

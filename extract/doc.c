/* doc.c - the document model: blocks, texts with source maps, tables. */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void doc_text_init(doc_text_t *t) { memset(t, 0, sizeof *t); }

void doc_text_destroy(doc_text_t *t)
{
    if (!t) return;
    free(t->s);
    free(t->seg);
    doc_text_init(t);
}

int doc_text_append_pg(doc_text_t *t, const char *s, size_t n, long off, long line, int page)
{
    if (t->len + n + 1 > t->cap) {
        size_t nc = t->cap ? t->cap : 16;          /* table cells are short: start small */
        while (nc < t->len + n + 1) nc *= 2;
        char *ns = realloc(t->s, nc);
        if (!ns) return -1;
        t->s = ns;
        t->cap = nc;
    }
    if (n == 0) { t->s[t->len] = '\0'; return 0; }
    int extend = 0;
    if (t->nseg) {
        doc_seg_t *p = &t->seg[t->nseg - 1];
        if (p->line == line && p->page == page &&
            ((off < 0 && p->off < 0) || (off >= 0 && p->off >= 0 && off == p->off + (long)(t->len - p->pos))))
            extend = 1;
    }
    if (!extend) {
        if (t->nseg == t->segcap) {
            size_t nc = t->segcap ? t->segcap * 2 : 1;   /* most cells have one segment */
            doc_seg_t *ns = realloc(t->seg, nc * sizeof *ns);
            if (!ns) return -1;
            t->seg = ns;
            t->segcap = nc;
        }
        t->seg[t->nseg++] = (doc_seg_t){ t->len, off, line, page };
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
    return 0;
}

int doc_text_append(doc_text_t *t, const char *s, size_t n, long off, long line)
{
    return doc_text_append_pg(t, s, n, off, line, 0);
}

void doc_text_locate(const doc_text_t *t, size_t pos, long *off, long *line, int *page)
{
    long o = -1, l = 0;
    int pg = 0;
    if (t->nseg) {
        size_t lo = 0, hi = t->nseg;          /* last seg with seg.pos <= pos */
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (t->seg[mid].pos <= pos) lo = mid; else hi = mid;
        }
        const doc_seg_t *g = &t->seg[lo];
        l = g->line;
        pg = g->page;
        o = g->off >= 0 ? g->off + (long)(pos - g->pos) : -1;
    }
    if (off) *off = o;
    if (line) *line = l;
    if (page) *page = pg;
}

int doc_text_append_range(doc_text_t *dst, const doc_text_t *src, size_t a, size_t b)
{
    if (b > src->len) b = src->len;
    if (a >= b) return 0;
    if (src->nseg == 0) return doc_text_append(dst, src->s + a, b - a, -1, 0);
    size_t lo = 0, hi = src->nseg;                /* last seg with pos <= a */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (src->seg[mid].pos <= a) lo = mid; else hi = mid;
    }
    for (size_t k = lo; k < src->nseg && a < b; k++) {
        const doc_seg_t *g = &src->seg[k];
        size_t end = k + 1 < src->nseg ? src->seg[k + 1].pos : src->len;
        if (end > b) end = b;
        if (end <= a) continue;
        long off = g->off >= 0 ? g->off + (long)(a - g->pos) : -1;
        if (doc_text_append_pg(dst, src->s + a, end - a, off, g->line, g->page)) return -1;
        a = end;
    }
    return 0;
}

void doc_text_truncate(doc_text_t *t, size_t n)
{
    if (n >= t->len) return;
    t->len = n;
    t->s[n] = '\0';
    while (t->nseg && t->seg[t->nseg - 1].pos >= n) t->nseg--;
}

void doc_text_move(doc_text_t *dst, doc_text_t *src)
{
    doc_text_destroy(dst);
    *dst = *src;
    doc_text_init(src);
}

/* A failed realloc keeps the larger array. */
void doc_text_shrink(doc_text_t *t)
{
    if (t->s && t->cap > t->len + 1) {
        char *ns = realloc(t->s, t->len + 1);
        if (ns) { t->s = ns; t->cap = t->len + 1; }
    }
    if (t->seg && t->nseg && t->segcap > t->nseg) {
        doc_seg_t *ng = realloc(t->seg, t->nseg * sizeof *ng);
        if (ng) { t->seg = ng; t->segcap = t->nseg; }
    }
}

doc_t *doc_new(const char *path)
{
    doc_t *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    if (path && !(d->path = strdup(path))) { free(d); return NULL; }
    return d;
}

static void table_free(doc_table_t *t)
{
    if (!t) return;
    for (int i = 0; i < t->ncells; i++) doc_text_destroy(&t->cells[i].text);
    free(t->cells);
    free(t->grid);
    free(t->label);
    doc_text_destroy(&t->caption);
    doc_text_destroy(&t->foot);
    free(t);
}

void doc_free(doc_t *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->nblocks; i++) {
        doc_text_destroy(&d->blocks[i].text);
        table_free(d->blocks[i].table);
    }
    free(d->blocks);
    for (size_t i = 0; i < d->ndiag; i++) free(d->diag[i].msg);
    free(d->diag);
    free(d->path); free(d->title); free(d->doi); free(d->journal); free(d->first_author);
    if (d->memo && d->memo_free) d->memo_free(d->memo);
    free(d);
}

doc_block_t *doc_add_block(doc_t *d, doc_kind_t kind)
{
    if (d->nblocks == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 64;
        doc_block_t *nb = realloc(d->blocks, nc * sizeof *nb);
        if (!nb) return NULL;
        d->blocks = nb;
        d->cap = nc;
    }
    int section = -1;
    if (d->nblocks) {
        doc_block_t *p = &d->blocks[d->nblocks - 1];
        section = p->kind == DOC_HEADING ? (int)(d->nblocks - 1) : p->section;
    }
    doc_block_t *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->section = section;
    return b;
}

doc_table_t *doc_block_table(doc_block_t *b)
{
    b->kind = DOC_TABLE;
    if (!b->table) b->table = calloc(1, sizeof *b->table);
    return b->table;
}

doc_cell_t *doc_table_add_cell(doc_table_t *t, int row, int col, int rowspan, int colspan)
{
    if (row < 0 || col < 0) return NULL;
    if (rowspan < 1) rowspan = 1;
    if (colspan < 1) colspan = 1;
    if (t->ncells == t->cellcap) {
        int nc = t->cellcap ? t->cellcap * 2 : 32;
        doc_cell_t *ncl = realloc(t->cells, (size_t)nc * sizeof *ncl);
        if (!ncl) return NULL;
        t->cells = ncl;
        t->cellcap = nc;
    }
    doc_cell_t *c = &t->cells[t->ncells++];
    memset(c, 0, sizeof *c);
    c->row = row; c->col = col; c->rowspan = rowspan; c->colspan = colspan;
    if (row + rowspan > t->nrows) t->nrows = row + rowspan;
    if (col + colspan > t->ncols) t->ncols = col + colspan;
    return c;
}

int doc_table_build_grid(doc_table_t *t)
{
    free(t->grid);
    t->grid = NULL;
    if (t->nrows == 0 || t->ncols == 0) return 0;
    t->grid = calloc((size_t)t->nrows * (size_t)t->ncols, sizeof *t->grid);
    if (!t->grid) return -1;
    for (int i = 0; i < t->ncells; i++) {
        doc_cell_t *c = &t->cells[i];
        for (int r = c->row; r < c->row + c->rowspan && r < t->nrows; r++)
            for (int k = c->col; k < c->col + c->colspan && k < t->ncols; k++)
                if (!t->grid[(size_t)r * t->ncols + k]) t->grid[(size_t)r * t->ncols + k] = c;
    }
    return 0;
}

doc_cell_t *doc_table_at(const doc_table_t *t, int row, int col)
{
    if (!t->grid || row < 0 || col < 0 || row >= t->nrows || col >= t->ncols) return NULL;
    return t->grid[(size_t)row * t->ncols + col];
}

void doc_diag(doc_t *d, int level, long line, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (d->ndiag == d->diagcap) {
        size_t nc = d->diagcap ? d->diagcap * 2 : 8;
        doc_diag_t *nd = realloc(d->diag, nc * sizeof *nd);
        if (!nd) return;
        d->diag = nd;
        d->diagcap = nc;
    }
    char *m = strdup(buf);
    if (!m) return;
    d->diag[d->ndiag++] = (doc_diag_t){ level, line, m };
}

int doc_set(char **dst, const char *s)
{
    char *c = NULL;
    if (s && !(c = strdup(s))) return -1;
    free(*dst);
    *dst = c;
    return 0;
}

int doc_nerrors(const doc_t *d)
{
    int n = 0;
    for (size_t i = 0; i < d->ndiag; i++) n += d->diag[i].level == DOC_ERROR;
    return n;
}

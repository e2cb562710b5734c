/* doc_dump.c - print the document model, for debugging readers (extract --dump-doc). */
#include "doc.h"

static const char *KIND[] = { "title", "heading", "para", "caption", "footnote", "table" };

static void put_text(FILE *fp, const doc_text_t *t)
{
    long off, line;
    doc_text_locate(t, 0, &off, &line, NULL);
    fprintf(fp, "@%ld+%ld: %s\n", line, off, t->s ? t->s : "");
}

int doc_dump(FILE *fp, const doc_t *d)
{
    fprintf(fp, "# %s\n# title: %s\n# doi: %s\n# journal: %s\n# first author: %s\n# year: %d\n",
            d->path ? d->path : "", d->title ? d->title : "", d->doi ? d->doi : "",
            d->journal ? d->journal : "", d->first_author ? d->first_author : "", d->year);
    for (size_t i = 0; i < d->nblocks; i++) {
        const doc_block_t *b = &d->blocks[i];
        fprintf(fp, "[%zu %s sec=%d lvl=%d] ", i, KIND[b->kind], b->section, b->level);
        if (b->kind != DOC_TABLE || !b->table) { put_text(fp, &b->text); continue; }
        const doc_table_t *t = b->table;
        fprintf(fp, "%s %dx%d head=%d%s\n", t->label ? t->label : "(no label)", t->nrows, t->ncols,
                t->nhead, t->uncertain ? " uncertain" : "");
        if (t->caption.len) { fputs("  caption ", fp); put_text(fp, &t->caption); }
        if (t->foot.len) { fputs("  foot ", fp); put_text(fp, &t->foot); }
        for (int r = 0; r < t->nrows; r++) {
            fprintf(fp, "  r%d%s", r, r < t->nhead ? "h" : " ");
            for (int c = 0; c < t->ncols; c++) {
                const doc_cell_t *cell = doc_table_at(t, r, c);
                fprintf(fp, " | %s", cell && cell->text.s ? cell->text.s : "");
            }
            fputc('\n', fp);
        }
    }
    for (size_t i = 0; i < d->ndiag; i++)
        fprintf(fp, "! %s line %ld: %s\n", d->diag[i].level == DOC_ERROR ? "error" : "warning",
                d->diag[i].line, d->diag[i].msg);
    return ferror(fp) ? -1 : 0;
}

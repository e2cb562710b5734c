/* tab.c - first cut: tables found nowhere, cells with no context (to be replaced). */
#include "tab.h"

#include <stdlib.h>
#include <string.h>

int tab_detect_txt(doc_t *d) { (void)d; return 0; }

int tab_cell_ctx(const doc_t *d, size_t bi, int row, int col, tab_ctx_t *c)
{
    (void)d; (void)bi; (void)row; (void)col;
    memset(c, 0, sizeof *c);
    c->n = -1;
    return 0;
}

void tab_ctx_destroy(tab_ctx_t *c)
{
    if (!c) return;
    free(c->variable); free(c->unit); free(c->group); free(c->timepoint); free(c->table);
    memset(c, 0, sizeof *c);
    c->n = -1;
}

int tab_parse_header(const char *s, char **group, long *n) { (void)s; *group = NULL; *n = -1; return 0; }
int tab_parse_label(const char *s, char **variable, char **unit) { (void)s; *variable = *unit = NULL; return 0; }

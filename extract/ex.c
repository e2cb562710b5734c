/* ex.c - figures to records (first cut: nothing found yet). */
#include "extract.h"

#include <stdlib.h>

struct ex { ex_opts_t opts; };

ex_t *ex_new(const ex_opts_t *opts)
{
    ex_t *ex = calloc(1, sizeof *ex);
    if (ex && opts) ex->opts = *opts;
    return ex;
}

void ex_free(ex_t *ex) { free(ex); }

int ex_doc(ex_t *ex, const doc_t *d, rec_list_t *out)
{
    (void)ex; (void)d; (void)out;
    return 0;
}

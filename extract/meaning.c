/* meaning.c - first cut: states nothing (to be replaced by the statement reader). */
#include "meaning.h"

int mean_scan(const char *text, size_t len, mean_stmt_t *s)
{
    (void)text; (void)len; (void)s;
    return 0;
}

mean_hint_t mean_label_hint(const char *text, size_t len)
{
    (void)text; (void)len;
    return MEAN_UNKNOWN;
}

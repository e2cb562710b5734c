/* rd_txt.c - plain text (first cut: UTF-8, paragraphs split at blank lines). */
#include "read.h"

#include <string.h>

int rd_txt(doc_t *d, const unsigned char *buf, size_t len)
{
    size_t i = 0;
    long line = 1;
    doc_block_t *b = NULL;
    while (i < len) {
        size_t j = i;
        while (j < len && buf[j] != '\n') j++;
        size_t e = j;
        if (e > i && buf[e-1] == '\r') e--;
        if (e == i) b = NULL;
        else {
            if (!b && !(b = doc_add_block(d, DOC_PARA))) return -1;
            if (b->text.len && doc_text_append(&b->text, " ", 1, -1, line)) return -1;
            if (doc_text_append(&b->text, (const char *)buf + i, e - i, (long)i, line)) return -1;
        }
        i = j + 1;
        line++;
    }
    return 0;
}

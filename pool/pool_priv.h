/* pool_priv.h - helpers shared by the files of pool/ (not part of the API in pool.h). */
#ifndef POOL_PRIV_H
#define POOL_PRIV_H

#include <stdio.h>
#include <stddef.h>

/* ASCII case-insensitive compare (never depends on the locale). */
int strcasecmp_ascii(const char *a, const char *b);

/* RFC 4180 reader: one record at a time. Fields are NUL-terminated views into the reader's
 * buffer, valid until the next csv_next call. */
typedef struct {
    FILE  *fp;
    long   line;          /* line where the current record starts (1-based) */
    long   next_line;     /* line the next record starts on */
    char  *buf;  size_t len, cap;
    size_t *off; size_t nf, fcap;   /* field start offsets in buf */
    char  **fields;       /* nf pointers into buf, filled by csv_next */
    size_t fieldscap;
} csv_reader_t;

void csv_init(csv_reader_t *r, FILE *fp);
void csv_destroy(csv_reader_t *r);
/* 1: a record was read (r->nf fields in r->fields), 0: end of file, -1: error (err says
 * what: unterminated quote, text after a closing quote, NUL byte, out of memory). */
int  csv_next(csv_reader_t *r, char *err, size_t errlen);

#endif

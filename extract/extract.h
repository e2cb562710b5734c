/* extract.h - from a document to study records: figures, meaning, attribution, checks.
 *
 *   ex_t *ex = ex_new(&opts);                  // compiles the patterns once
 *   doc_t *d = doc_read(path); ex_doc(ex, d, &recs); ... doc_free(d);
 *   ex_free(ex);
 *
 * Ownership: ex_doc appends records (owned by the list) and keeps no pointer into the doc.
 * ex_t holds cross-file state (which articles were seen: duplicates), so feed files in order. */
#ifndef EXTRACT_H
#define EXTRACT_H

#include "doc.h"
#include "rec.h"

typedef struct {
    int checks;         /* run the consistency checks (flags "check:...") */
} ex_opts_t;

typedef struct ex ex_t;

ex_t *ex_new(const ex_opts_t *opts);     /* NULL if a pattern fails to compile (a bug) */
void  ex_free(ex_t *ex);
/* Append the records of d, ordered by offset (line where offset is unknown). Returns 0, -1 on
 * allocation failure. */
int   ex_doc(ex_t *ex, const doc_t *d, rec_list_t *out);

/* The --check report of one article's records (check.c): a header line (file, study, counts),
 * one line per check finding ("FILE:LINE: check:NAME: "TEXT" (variable; group; ...): NOTE"), the
 * duplicate flag once, the read: flags that matter to a checker as a count with lines; or one
 * line "nothing to report". path names the file when it has no records. Returns 0, -1 on write
 * error. */
int   check_report(FILE *fp, const char *path, const rec_t *v, size_t n);

#endif

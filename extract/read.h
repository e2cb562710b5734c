/* read.h - readers: one file in, one doc_t out (doc.h). Format by extension, then content.
 *
 *   doc_t *d = doc_read("corpus/a.txt");      // never NULL but on out-of-memory
 *   if (doc_nerrors(d)) ...report d->diag...; else ...use d->blocks...
 *   doc_free(d);
 *
 * Readers never print: warnings and errors go to d->diag with a line number. */
#ifndef READ_H
#define READ_H

#include <stddef.h>
#include "doc.h"

typedef enum { FMT_UNKNOWN, FMT_TXT, FMT_XML, FMT_HTML, FMT_PDF } doc_format_t;

/* Format from the extension (.txt .xml .nxml .html .htm .pdf), else from the first bytes. */
doc_format_t doc_sniff(const char *path, const unsigned char *buf, size_t len);
doc_t *doc_read(const char *path);
/* 1 when the name has an article extension (.txt .xml .nxml .html .htm .xhtml .pdf): what a
 * directory walk takes; files named on the command line are read whatever their name. */
int    doc_is_article_name(const char *path);

/* Each reader fills d from the file's bytes; returns 0, or -1 after recording a DOC_ERROR. */
int rd_txt(doc_t *d, const unsigned char *buf, size_t len);
int rd_xml(doc_t *d, const unsigned char *buf, size_t len);
int rd_html(doc_t *d, const unsigned char *buf, size_t len);
int rd_pdf(doc_t *d, const unsigned char *buf, size_t len);

#endif

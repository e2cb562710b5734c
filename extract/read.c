/* read.c - pick a reader by extension and content; load the file. */
#include "read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcasecmp(s + a - b, suf) == 0;
}

int doc_is_article_name(const char *path)
{
    static const char *const ext[] = { ".txt", ".xml", ".nxml", ".html", ".htm", ".xhtml", ".pdf" };
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
        if (ends_with(path, ext[i])) return 1;
    return 0;
}

doc_format_t doc_sniff(const char *path, const unsigned char *buf, size_t len)
{
    if (ends_with(path, ".txt")) return FMT_TXT;
    if (ends_with(path, ".xml") || ends_with(path, ".nxml")) return FMT_XML;
    if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml")) return FMT_HTML;
    if (ends_with(path, ".pdf")) return FMT_PDF;
    if (len >= 5 && memcmp(buf, "%PDF-", 5) == 0) return FMT_PDF;
    size_t i = 0;
    if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n')) i++;
    if (len - i >= 5 && strncasecmp((const char *)buf + i, "<?xml", 5) == 0) {
        /* XHTML is served as XML too: look for an <html root in the first few KB. */
        size_t lim = len - i < 4096 ? len - i : 4096;
        for (size_t k = i; k + 5 <= i + lim; k++)
            if (strncasecmp((const char *)buf + k, "<html", 5) == 0) return FMT_HTML;
        return FMT_XML;
    }
    if (len - i >= 9 && strncasecmp((const char *)buf + i, "<!doctype", 9) == 0) {
        size_t lim = len - i < 256 ? len - i : 256;
        for (size_t k = i; k + 4 <= i + lim; k++)
            if (strncasecmp((const char *)buf + k, "html", 4) == 0) return FMT_HTML;
        return FMT_XML;
    }
    if (len - i >= 5 && strncasecmp((const char *)buf + i, "<html", 5) == 0) return FMT_HTML;
    return FMT_TXT;
}

/* Whole file into memory: articles are small; the text reader bounds its own work per line. */
static unsigned char *slurp(const char *path, size_t *len, int *err)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0;
    *err = 0;
    if (!fp) { *err = errno ? errno : EIO; return NULL; }
    for (;;) {
        if (cap - n < 65536) {
            size_t nc = cap ? cap * 2 : 1 << 16;
            unsigned char *nb = realloc(buf, nc + 1);
            if (!nb) { *err = ENOMEM; break; }
            buf = nb;
            cap = nc;
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0) {
            if (ferror(fp)) *err = errno ? errno : EIO;
            break;
        }
    }
    fclose(fp);
    if (*err) { free(buf); return NULL; }
    if (!buf && !(buf = malloc(1))) { *err = ENOMEM; return NULL; }
    buf[n] = '\0';
    *len = n;
    return buf;
}

doc_t *doc_read(const char *path)
{
    doc_t *d = doc_new(path);
    size_t len = 0;
    int err;
    if (!d) return NULL;
    unsigned char *buf = slurp(path, &len, &err);
    if (!buf) {
        doc_diag(d, DOC_ERROR, 0, "cannot read: %s", strerror(err));
        return d;
    }
    if (len == 0) {
        doc_diag(d, DOC_ERROR, 0, "empty file");
        free(buf);
        return d;
    }
    switch (doc_sniff(path, buf, len)) {
    case FMT_XML:  rd_xml(d, buf, len); break;
    case FMT_HTML: rd_html(d, buf, len); break;
    case FMT_PDF:  rd_pdf(d, buf, len); break;
    default:       rd_txt(d, buf, len); break;
    }
    free(buf);
    return d;
}

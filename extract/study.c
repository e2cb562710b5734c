/* study.c - one identifier per article, and which corpus files are the same article.
 *
 * A document's "fingerprint" is the set of hashes of its long sentences, normalised to
 * lower-case letters and digits (so that a PDF's hyphenation and line breaks and a web page's
 * layout give the same hashes). Two files sharing at least DUP_MIN of them (or 3 that are half of
 * the shorter one's), or the same DOI or title key, are one article. Only MAX_FP hashes are kept per article: memory grows with the
 * number of articles, not with their size. */
#include "ex_priv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FP   64      /* sentence hashes kept per article */
#define MIN_SENT 60      /* normalised characters for a sentence to count */
#define DUP_MIN  5       /* shared sentences that make two files one article */

typedef struct {
    char    *path, *study, *doi, *tkey;   /* path: the first file of this article */
    uint64_t fp[MAX_FP];
    int      nfp;
} seen_t;

struct study_set { seen_t *v; size_t n, cap; };

study_set_t *study_set_new(void) { return calloc(1, sizeof(study_set_t)); }

void study_set_free(study_set_t *ss)
{
    if (!ss) return;
    for (size_t i = 0; i < ss->n; i++) {
        free(ss->v[i].path); free(ss->v[i].study); free(ss->v[i].doi); free(ss->v[i].tkey);
    }
    free(ss->v);
    free(ss);
}

/* lower-case ASCII letters and digits of s; malloc'd (empty string when none) */
static char *norm(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0, k = 0;
    char *o = malloc(n + 1);
    if (!o) return NULL;
    for (size_t i = 0; i < n && k < max; i++)
        if (isalnum((unsigned char)s[i])) o[k++] = (char)tolower((unsigned char)s[i]);
    o[k] = '\0';
    return o;
}

static uint64_t fnv(uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ULL; }

/* Hashes of the long sentences of the paragraphs, up to max. */
static int fingerprint(const char *const *paras, size_t npara, uint64_t *fp, int max)
{
    int n = 0;
    for (size_t p = 0; p < npara && n < max; p++) {
        const unsigned char *s = (const unsigned char *)paras[p];
        uint64_t h = 1469598103934665603ULL;
        size_t len = 0;
        for (size_t i = 0; ; i++) {
            unsigned char c = s[i];
            int end = c == '\0' || ((c == '.' || c == '?' || c == '!') && (s[i+1] == ' ' || s[i+1] == '\n' || s[i+1] == '\0'));
            if (isalnum(c)) { h = fnv(h, (unsigned char)tolower(c)); len++; }
            if (end) {
                if (len >= MIN_SENT && n < max) fp[n++] = h;
                h = 1469598103934665603ULL;
                len = 0;
            }
            if (c == '\0') break;
        }
    }
    return n;
}

char *study_key(const char *doi, const char *title, const char *const *paras, size_t npara)
{
    char *k = NULL, *t = NULL;
    if (doi && *doi) {
        size_t n = strlen(doi);
        if ((k = malloc(n + 5))) {
            memcpy(k, "doi:", 4);
            for (size_t i = 0; i <= n; i++) k[4 + i] = (char)tolower((unsigned char)doi[i]);
        }
        return k;
    }
    if (title && (t = norm(title, 200)) && strlen(t) >= 10) {
        size_t n = strlen(t);
        if ((k = malloc(n + 7))) snprintf(k, n + 7, "title:%s", t);
        free(t);
        return k;
    }
    free(t);
    uint64_t fp[4];
    int n = fingerprint(paras, npara, fp, 4);
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++)
        for (int b = 0; b < 8; b++) h = fnv(h, (unsigned char)(fp[i] >> (8 * b)));
    /* no long sentence: every letter and digit of the paragraphs */
    for (size_t p = 0; n == 0 && p < npara; p++)
        for (const unsigned char *c = (const unsigned char *)paras[p]; *c; c++)
            if (isalnum(*c)) h = fnv(h, (unsigned char)tolower(*c));
    if ((k = malloc(24))) snprintf(k, 24, "text:%016llx", (unsigned long long)h);
    return k;
}

int study_register(study_set_t *ss, const char *path, char **study, const char *doi,
                   const char *title, const char *const *paras, size_t npara, char **dup_of)
{
    seen_t cur = { 0 };
    int rc = -1;
    *dup_of = NULL;
    cur.nfp = fingerprint(paras, npara, cur.fp, MAX_FP);
    if (doi && !(cur.doi = norm(doi, 300))) goto out;
    if (title && !(cur.tkey = norm(title, 200))) goto out;
    for (size_t i = 0; i < ss->n && !*dup_of; i++) {
        const seen_t *s = &ss->v[i];
        int same = 0;
        if (cur.doi && s->doi && *cur.doi && !strcmp(cur.doi, s->doi)) same = 1;
        if (cur.tkey && s->tkey && strlen(cur.tkey) >= 20 && !strcmp(cur.tkey, s->tkey)) same = 1;
        if (!same) {
            int shared = 0;
            for (int a = 0; a < cur.nfp && shared < DUP_MIN; a++)
                for (int b = 0; b < s->nfp; b++)
                    if (cur.fp[a] == s->fp[b]) { shared++; break; }
            int small = cur.nfp < s->nfp ? cur.nfp : s->nfp;
            same = shared >= DUP_MIN || (shared >= 3 && 2 * shared >= small);
        }
        if (same) {
            char *k = strdup(s->study), *p = strdup(s->path);
            if (!k || !p) { free(k); free(p); goto out; }
            free(*study);
            *study = k;
            *dup_of = p;
        }
    }
    if (ss->n == ss->cap) {
        size_t nc = ss->cap ? ss->cap * 2 : 16;
        seen_t *nv = realloc(ss->v, nc * sizeof *nv);
        if (!nv) goto out;
        ss->v = nv;
        ss->cap = nc;
    }
    /* a duplicate is remembered under the first file of its article */
    if (!(cur.path = strdup(*dup_of ? *dup_of : path)) || !(cur.study = strdup(*study))) goto out;
    ss->v[ss->n++] = cur;
    memset(&cur, 0, sizeof cur);
    rc = 0;
out:
    free(cur.path); free(cur.study); free(cur.doi); free(cur.tkey);
    if (rc && *dup_of) { free(*dup_of); *dup_of = NULL; }
    return rc;
}

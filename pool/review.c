/* review.c - review specifications (reviews/NAME.review): reading them, and resolving their
 * rows against extract's records into effect sizes that pool's models take. */
#include "review.h"
#include "num.h"
#include "ofile.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ---- */

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Append a copy of s to a string list; -1 on allocation failure. */
static int strv_push(char ***v, size_t *n, const char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return -1;
    *v = nv;
    if (!(nv[*n] = strdup(s))) return -1;
    (*n)++;
    return 0;
}

/* ---- tokens: bare words and "quoted strings" (\" and \\ escapes); # starts a comment ---- */

#define RV_MAXTOK 64

typedef struct {
    char *s[RV_MAXTOK];
    int   quoted[RV_MAXTOK];
    int   n;
} toks_t;

static void toks_free(toks_t *t)
{
    for (int i = 0; i < t->n; i++) free(t->s[i]);
    t->n = 0;
}

/* Split line into t; returns 0, or -1 with a reason in err. */
static int tokenize(const char *line, toks_t *t, char *err, size_t errlen)
{
    const char *p = line;
    t->n = 0;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        if (!*p || *p == '#') return 0;
        if (t->n == RV_MAXTOK) { snprintf(err, errlen, "more than %d words on a line", RV_MAXTOK); goto fail; }
        size_t cap = strlen(p) + 1, k = 0;
        char *o = malloc(cap);
        if (!o) { snprintf(err, errlen, "out of memory"); goto fail; }
        int q = *p == '"';
        if (q) {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && (p[1] == '"' || p[1] == '\\')) p++;
                o[k++] = *p++;
            }
            if (*p != '"') { free(o); snprintf(err, errlen, "unterminated quoted string"); goto fail; }
            p++;
        } else {
            while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
                if (*p == '"') { free(o); snprintf(err, errlen, "a quote inside a word"); goto fail; }
                o[k++] = *p++;
            }
        }
        o[k] = '\0';
        t->s[t->n] = o;
        t->quoted[t->n++] = q;
    }
fail:
    toks_free(t);
    return -1;
}

/* "FILE:LINE" with LINE a positive integer; the file part is everything before the last ':'. */
static int parse_place(const char *w, char **file, long *line)
{
    const char *c = strrchr(w, ':');
    if (!c || c == w || !c[1]) return -1;
    char *end;
    errno = 0;
    long l = strtol(c + 1, &end, 10);
    if (*end || errno || l <= 0 || !isdigit((unsigned char)c[1])) return -1;
    if (!(*file = strndup(w, (size_t)(c - w)))) return -1;
    *line = l;
    return 0;
}

/* ---- reading a spec ---- */

static void row_free(rv_row_t *r)
{
    free(r->label);
    free(r->study);
    for (int k = 0; k < RV_NROLES; k++) {
        for (size_t i = 0; i < r->nrefs[k]; i++) {
            free(r->refs[k][i].file);
            free(r->refs[k][i].text);
        }
        free(r->refs[k]);
    }
    free(r->flip);
    free(r->conv);
    free(r->relabel_from);
    free(r->relabel_to);
    free(r->relabel_why);
    free(r->note);
}

void review_destroy(review_t *rv)
{
    if (!rv) return;
    for (size_t i = 0; i < rv->nrows; i++) row_free(&rv->rows[i]);
    free(rv->rows);
    for (size_t i = 0; i < rv->nexcl; i++) {
        free(rv->excl[i].study);
        free(rv->excl[i].reason);
    }
    free(rv->excl);
    free(rv->path);
    free(rv->name);
    free(rv->title);
    free(rv->xlab);
    free(rv->favours_left);
    free(rv->favours_right);
    free(rv->unit);
    free(rv->conv);
    memset(rv, 0, sizeof *rv);
}

static const char *const ROLE_WORD[RV_NROLES] = { "arm", "treat", "control", "estimate", "n" };

static int role_of(const char *w)
{
    for (int k = 0; k < RV_NROLES; k++)
        if (strcmp(w, ROLE_WORD[k]) == 0) return k;
    if (strcmp(w, "hr") == 0) return RV_EST;
    return -1;
}

/* A conversion method name conv_parse_method knows; else -1 with the reason. */
static int conv_known(const char *name, char *why, size_t whylen)
{
    conv_opts_t co;
    conv_opts_default(&co);
    if (conv_parse_method(name, &co) == 0) return 0;
    snprintf(why, whylen, "unknown conversion method '%s'", name);
    return -1;
}

/* Replace *dst by a copy of s; 0 or -1. */
static int set_str(char **dst, const char *s)
{
    char *c = strdup(s);
    if (!c) return -1;
    free(*dst);
    *dst = c;
    return 0;
}

/* The references of one role line: PLACE ["text"] PLACE ["text"] ... */
static int add_refs(rv_row_t *r, int role, const toks_t *t, long ln, char *why, size_t whylen)
{
    for (int i = 1; i < t->n; i++) {
        if (t->quoted[i]) {
            snprintf(why, whylen, "\"%s\" does not follow a FILE:LINE", t->s[i]);
            return -1;
        }
        char *file = NULL;
        long line;
        if (parse_place(t->s[i], &file, &line)) {
            snprintf(why, whylen, "'%s' is not FILE:LINE", t->s[i]);
            return -1;
        }
        rv_ref_t *nr = realloc(r->refs[role], (r->nrefs[role] + 1) * sizeof *nr);
        if (!nr) { free(file); snprintf(why, whylen, "out of memory"); return -1; }
        r->refs[role] = nr;
        rv_ref_t *x = &nr[r->nrefs[role]++];
        x->file = file;
        x->line = line;
        x->text = NULL;
        x->spec_line = ln;
        if (i + 1 < t->n && t->quoted[i + 1]) {
            if (!(x->text = strdup(t->s[++i]))) { snprintf(why, whylen, "out of memory"); return -1; }
        }
    }
    if (t->n < 2) { snprintf(why, whylen, "'%s' needs at least one FILE:LINE", t->s[0]); return -1; }
    return 0;
}

static int header_line(review_t *rv, const toks_t *t, char *why, size_t whylen)
{
    const char *k = t->s[0], *v = t->n > 1 ? t->s[1] : NULL;
    int nv = t->n - 1;
#define NEED(c) do { if (nv != (c)) { snprintf(why, whylen, "'%s' takes %d value%s", k, (c), (c) == 1 ? "" : "s"); return -1; } } while (0)
    if (!strcmp(k, "title") || !strcmp(k, "xlab")) {   /* free text: the rest of the line */
        if (nv < 1) { snprintf(why, whylen, "'%s' takes a text", k); return -1; }
        size_t len = 1;
        for (int i = 1; i < t->n; i++) len += strlen(t->s[i]) + 1;
        char *j = malloc(len);
        if (!j) { snprintf(why, whylen, "out of memory"); return -1; }
        j[0] = '\0';
        for (int i = 1; i < t->n; i++) {
            if (i > 1) strcat(j, " ");
            strcat(j, t->s[i]);
        }
        char **dst = !strcmp(k, "title") ? &rv->title : &rv->xlab;
        free(*dst);
        *dst = j;
        return 0;
    }
    if (!strcmp(k, "unit") || !strcmp(k, "conv")) {
        NEED(1);
        char **dst = !strcmp(k, "unit") ? &rv->unit : &rv->conv;
        if (!strcmp(k, "conv") && conv_known(v, why, whylen)) return -1;
        return set_str(dst, v) ? (snprintf(why, whylen, "out of memory"), -1) : 0;
    }
    if (!strcmp(k, "favours")) {
        NEED(2);
        if (set_str(&rv->favours_left, t->s[1]) || set_str(&rv->favours_right, t->s[2])) {
            snprintf(why, whylen, "out of memory");
            return -1;
        }
        return 0;
    }
    if (!strcmp(k, "measure")) {
        NEED(1);
        rv->measure = pool_measure_parse(v);
        if (rv->measure == POOL_NONE) { snprintf(why, whylen, "unknown measure '%s'", v); return -1; }
        return 0;
    }
    if (!strcmp(k, "method")) {
        NEED(1);
        if (pool_method_parse(v, &rv->method)) { snprintf(why, whylen, "unknown method '%s'", v); return -1; }
        return 0;
    }
    if (!strcmp(k, "test")) {
        NEED(1);
        if (!strcasecmp(v, "z")) rv->test = POOL_TEST_Z;
        else if (!strcasecmp(v, "knha") || !strcasecmp(v, "t")) rv->test = POOL_TEST_KNHA;
        else { snprintf(why, whylen, "test is z or knha, not '%s'", v); return -1; }
        return 0;
    }
    if (!strcmp(k, "level")) {
        NEED(1);
        if (num_parse(v, strlen(v), &rv->level) || !(rv->level > 0 && rv->level < 100)) {
            snprintf(why, whylen, "level is a percentage between 0 and 100, not '%s'", v);
            return -1;
        }
        return 0;
    }
    if (!strcmp(k, "skew")) {
        NEED(1);
        if (!strcmp(v, "warn")) rv->skew = CONV_SKEW_WARN;
        else if (!strcmp(v, "refuse")) rv->skew = CONV_SKEW_REFUSE;
        else if (!strcmp(v, "ignore")) rv->skew = CONV_SKEW_IGNORE;
        else { snprintf(why, whylen, "skew is warn, refuse or ignore, not '%s'", v); return -1; }
        return 0;
    }
    if (!strcmp(k, "scale")) {
        NEED(1);
        if (!strcmp(v, "log")) rv->log_scale = 1;
        else if (!strcmp(v, "linear")) rv->log_scale = 0;
        else { snprintf(why, whylen, "scale is log or linear, not '%s'", v); return -1; }
        return 0;
    }
#undef NEED
    snprintf(why, whylen, "unknown directive '%s'", k);
    return -1;
}

static int row_line(rv_row_t *r, const toks_t *t, long ln, char *why, size_t whylen)
{
    const char *k = t->s[0];
    int nv = t->n - 1, role = role_of(k);
    if (role >= 0) return add_refs(r, role, t, ln, why, whylen);
    if (!strcmp(k, "study") || !strcmp(k, "conv") || !strcmp(k, "note") || !strcmp(k, "es")) {
        if (nv != 1) { snprintf(why, whylen, "'%s' takes 1 value", k); return -1; }
        if (!strcmp(k, "es")) {
            r->es = pool_measure_parse(t->s[1]);
            if (r->es == POOL_NONE || r->es == POOL_GEN || r->es == POOL_MN) {
                snprintf(why, whylen, "es is one of MD SMD ROM OR RR RD HR, not '%s'", t->s[1]);
                return -1;
            }
            return 0;
        }
        if (!strcmp(k, "conv") && conv_known(t->s[1], why, whylen)) return -1;
        char **dst = !strcmp(k, "study") ? &r->study : !strcmp(k, "conv") ? &r->conv : &r->note;
        return set_str(dst, t->s[1]) ? (snprintf(why, whylen, "out of memory"), -1) : 0;
    }
    if (!strcmp(k, "flip")) {
        if (nv != 1) { snprintf(why, whylen, "'flip' takes the reason, in quotes"); return -1; }
        return set_str(&r->flip, t->s[1]) ? (snprintf(why, whylen, "out of memory"), -1) : 0;
    }
    if (!strcmp(k, "relabel")) {
        if (nv != 3) { snprintf(why, whylen, "'relabel' takes FROM TO \"reason\""); return -1; }
        if (set_str(&r->relabel_from, t->s[1]) || set_str(&r->relabel_to, t->s[2]) ||
            set_str(&r->relabel_why, t->s[3])) {
            snprintf(why, whylen, "out of memory");
            return -1;
        }
        return 0;
    }
    snprintf(why, whylen, "unknown row directive '%s'", k);
    return -1;
}

int review_read(const char *path, review_t *rv, char *err, size_t errlen)
{
    memset(rv, 0, sizeof *rv);
    rv->method = POOL_REML;
    rv->test = POOL_TEST_Z;
    rv->level = 95;
    rv->skew = CONV_SKEW_WARN;
    FILE *fp = fopen(path, "r");
    if (!fp) { snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno)); return -1; }
    char *buf = NULL, why[512];
    size_t cap = 0;
    long ln = 0;
    int rc = -1;
    toks_t t = { .n = 0 };
    rv_row_t *cur = NULL;
    const char *b = base_name(path);
    size_t bl = strlen(b);
    if (!(rv->path = strdup(path)) ||
        !(rv->name = strndup(b, bl > 7 && !strcmp(b + bl - 7, ".review") ? bl - 7 : bl))) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    ssize_t got;
    while ((got = getline(&buf, &cap, fp)) >= 0) {
        ln++;
        if (memchr(buf, '\0', (size_t)got)) { snprintf(why, sizeof why, "a NUL byte (not a text file)"); goto bad; }
        if (!utf8_valid(buf, (size_t)got)) { snprintf(why, sizeof why, "not valid UTF-8"); goto bad; }
        if (tokenize(buf, &t, why, sizeof why)) goto bad;
        if (t.n == 0) continue;
        const char *k = t.s[0];
        if (t.quoted[0]) { snprintf(why, sizeof why, "a line starts with a directive, not a quoted string"); goto bad; }
        if (!strcmp(k, "row")) {
            if (t.n != 2) { snprintf(why, sizeof why, "'row' takes its label (in quotes when it has spaces)"); goto bad; }
            rv_row_t *nr = realloc(rv->rows, (rv->nrows + 1) * sizeof *nr);
            if (!nr) { snprintf(why, sizeof why, "out of memory"); goto bad; }
            rv->rows = nr;
            cur = &nr[rv->nrows++];
            memset(cur, 0, sizeof *cur);
            cur->spec_line = ln;
            cur->es = POOL_NONE;
            if (!(cur->label = strdup(t.s[1]))) { snprintf(why, sizeof why, "out of memory"); goto bad; }
        } else if (!strcmp(k, "exclude")) {
            if (t.n != 3) { snprintf(why, sizeof why, "'exclude' takes STUDY \"reason\""); goto bad; }
            rv_excl_t *ne = realloc(rv->excl, (rv->nexcl + 1) * sizeof *ne);
            if (!ne) { snprintf(why, sizeof why, "out of memory"); goto bad; }
            rv->excl = ne;
            rv_excl_t *x = &ne[rv->nexcl++];
            x->spec_line = ln;
            x->study = strdup(t.s[1]);
            x->reason = strdup(t.s[2]);
            if (!x->study || !x->reason) { snprintf(why, sizeof why, "out of memory"); goto bad; }
            cur = NULL;
        } else if (cur) {
            if (row_line(cur, &t, ln, why, sizeof why)) goto bad;
        } else if (rv->nrows || rv->nexcl) {
            if (role_of(k) >= 0 || !strcmp(k, "study") || !strcmp(k, "flip") || !strcmp(k, "relabel") ||
                !strcmp(k, "es") || !strcmp(k, "note"))
                snprintf(why, sizeof why, "'%s' outside a row (after an exclude)", k);
            else
                snprintf(why, sizeof why, "'%s' after the first row: header directives come first", k);
            goto bad;
        } else if (header_line(rv, &t, why, sizeof why)) {
            goto bad;
        }
        toks_free(&t);
    }
    if (ferror(fp)) { snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno)); goto out; }
    if (rv->measure == POOL_NONE) { snprintf(err, errlen, "%s: no 'measure' line", path); goto out; }
    if (pool_measure_is_log(rv->measure)) rv->log_scale = 1;
    for (size_t i = 0; i < rv->nrows; i++) {
        rv_row_t *r = &rv->rows[i];
        size_t total = 0;
        for (int k = 0; k < RV_NROLES; k++) total += r->nrefs[k];
        if (!total) {
            snprintf(err, errlen, "%s:%ld: row \"%s\" points at no record", path, r->spec_line, r->label);
            goto out;
        }
    }
    if (rv->nrows == 0) { snprintf(err, errlen, "%s: no rows", path); goto out; }
    rc = 0;
    goto out;
bad:
    snprintf(err, errlen, "%s:%ld: %s", path, ln, why);
out:
    toks_free(&t);
    free(buf);
    fclose(fp);
    if (rc) review_destroy(rv);
    return rc;
}

/* ---- resolving ---- */

/* Units compared loosely: case, and the micro sign in its spellings (μ U+03BC, µ U+00B5, a
 * leading 'u', or U+FFFD where a PDF lost it) are not differences. */
static void unit_key(const char *u, char *o, size_t cap)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)u; *p && k + 1 < cap; ) {
        if ((p[0] == 0xCE && p[1] == 0xBC) || (p[0] == 0xC2 && p[1] == 0xB5)) { o[k++] = 'u'; p += 2; continue; }
        if (p[0] == 0xEF && p[1] == 0xBF && p[2] == 0xBD) { o[k++] = 'u'; p += 3; continue; }
        if (*p == ' ') { p++; continue; }
        o[k++] = (char)tolower(*p++);
    }
    o[k] = '\0';
}

static int unit_eq(const char *a, const char *b)
{
    char x[128], y[128];
    unit_key(a, x, sizeof x);
    unit_key(b, y, sizeof y);
    return strcmp(x, y) == 0;
}

/* The one record a reference points at. */
static const rec_t *find_rec(const rec_list_t *recs, const rv_ref_t *ref, char *why, size_t whylen)
{
    const char *fb = base_name(ref->file);
    const rec_t *exact = NULL, *part = NULL;
    int nexact = 0, npart = 0, nline = 0;
    for (size_t i = 0; i < recs->n; i++) {
        const rec_t *r = &recs->v[i];
        if (r->line != ref->line || !r->file || strcmp(base_name(r->file), fb) != 0) continue;
        nline++;
        if (!ref->text) { exact = r; nexact++; continue; }
        if (r->text && !strcmp(r->text, ref->text)) { exact = r; nexact++; }
        else if (r->text && strstr(r->text, ref->text)) { part = r; npart++; }
    }
    if (nexact == 1) return exact;
    if (!ref->text) {
        if (nline == 0) snprintf(why, whylen, "no record at %s:%ld", ref->file, ref->line);
        else snprintf(why, whylen, "%d records at %s:%ld: give the figure's text after the place",
                      nline, ref->file, ref->line);
        return NULL;
    }
    if (nexact == 0 && npart == 1) return part;
    if (nline == 0) snprintf(why, whylen, "no record at %s:%ld", ref->file, ref->line);
    else if (nexact + npart == 0)
        snprintf(why, whylen, "no record \"%s\" at %s:%ld (%d other%s there)", ref->text, ref->file,
                 ref->line, nline, nline > 1 ? "s" : "");
    else
        snprintf(why, whylen, "\"%s\" matches %d records at %s:%ld: quote more of the figure",
                 ref->text, nexact ? nexact : npart, ref->file, ref->line);
    return NULL;
}

static const char *dup_of(const rec_t *r)
{
    static const char P[] = "dup:duplicate_of:";
    for (int i = 0; i < r->nflags; i++)
        if (!strncmp(r->flags[i], P, sizeof P - 1)) return r->flags[i] + sizeof P - 1;
    return NULL;
}

static void arm_init(rv_arm_t *a)
{
    a->n = a->mean = a->sd = a->se = a->median = a->q1 = a->q3 = a->min = a->max = a->events = NAN;
    a->conv_mean = a->conv_sd = NAN;
    a->method[0] = a->unit[0] = '\0';
}

/* Set one field of an arm; a second, different value is an error. */
static int put(double *slot, double v, const char *what, const rec_t *r, char *why, size_t whylen)
{
    if (!isnan(*slot) && *slot != v) {
        snprintf(why, whylen, "%s:%ld \"%s\" gives %s %g, another record gave %g", r->file, r->line,
                 r->text ? r->text : "", what, v, *slot);
        return -1;
    }
    *slot = v;
    return 0;
}

/* Fold one record into an arm by its kind. */
static int arm_take(rv_arm_t *a, const rec_t *r, char *why, size_t whylen)
{
    const char *k = r->kind ? r->kind : "";
    const double *v = r->values;
    int e = 0;
#define HAVE(c) if (r->nvalues < (c)) goto short_
    if (!strcmp(k, "mean_sd")) { HAVE(2); e = put(&a->mean, v[0], "mean", r, why, whylen) || put(&a->sd, v[1], "SD", r, why, whylen); }
    else if (!strcmp(k, "mean_se")) { HAVE(2); e = put(&a->mean, v[0], "mean", r, why, whylen) || put(&a->se, v[1], "SE", r, why, whylen); }
    else if (!strcmp(k, "mean")) { HAVE(1); e = put(&a->mean, v[0], "mean", r, why, whylen); }
    else if (!strcmp(k, "median_iqr")) {
        HAVE(3);
        e = put(&a->median, v[0], "median", r, why, whylen) || put(&a->q1, v[1], "Q1", r, why, whylen) ||
            put(&a->q3, v[2], "Q3", r, why, whylen);
    } else if (!strcmp(k, "median_range")) {
        HAVE(3);
        e = put(&a->median, v[0], "median", r, why, whylen) || put(&a->min, v[1], "minimum", r, why, whylen) ||
            put(&a->max, v[2], "maximum", r, why, whylen);
    } else if (!strcmp(k, "median")) { HAVE(1); e = put(&a->median, v[0], "median", r, why, whylen); }
    else if (!strcmp(k, "range")) {
        HAVE(2);
        e = put(&a->min, v[0], "minimum", r, why, whylen) || put(&a->max, v[1], "maximum", r, why, whylen);
    } else if (!strcmp(k, "count_pct")) { HAVE(1); e = put(&a->events, v[0], "events", r, why, whylen); }
    else if (!strcmp(k, "count_total") || !strcmp(k, "count_total_pct")) {
        HAVE(2);
        e = put(&a->events, v[0], "events", r, why, whylen) || put(&a->n, v[1], "n", r, why, whylen);
    } else if (!strcmp(k, "n")) { HAVE(1); e = put(&a->n, v[0], "n", r, why, whylen); }
    else {
        snprintf(why, whylen, "%s:%ld \"%s\" is a %s, which does not describe an arm", r->file, r->line,
                 r->text ? r->text : "", k);
        return -1;
    }
#undef HAVE
    return e ? -1 : 0;
short_:
    snprintf(why, whylen, "%s:%ld: record of kind %s with too few values", r->file, r->line, k);
    return -1;
}

typedef struct {
    const review_t *rv;
    const rec_list_t *recs;
    review_result_t *res;
    long eline;                     /* spec line of the reference an error is about, 0: the row's */
    const rec_t **rec[RV_NROLES];   /* the current row's references, resolved once */
} ctx_t;

static int warnf(review_result_t *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int warnf(review_result_t *res, const char *fmt, ...)
{
    char b[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    return strv_push(&res->warn, &res->nwarn, b);
}

/* Append "FILE:LINE "text"" to a growing source string. */
static int src_add(char **s, const rec_t *r)
{
    size_t old = *s ? strlen(*s) : 0, add = strlen(r->file) + (r->text ? strlen(r->text) : 0) + 48;
    char *n = realloc(*s, old + add);
    if (!n) return -1;
    snprintf(n + old, add, "%s%s:%ld \"%s\"", old ? "; " : "", r->file, r->line, r->text ? r->text : "");
    *s = n;
    return 0;
}

/* A record that extract flagged (check:...) is used as printed; say so, with what the check
 * found, so the reviewer sees it next to the analysis. */
static int warn_checks(ctx_t *C, const rv_row_t *row, const rec_t *r, const char *how)
{
    for (int i = 0; i < r->nflags; i++) {
        if (strncmp(r->flags[i], "check:", 6) != 0) continue;
        if (!strcmp(r->flags[i], "check:unit_implausible") && row->relabel_from) continue;
        const char *note = NULL;
        for (int j = 0; j < r->nnotes && !note; j++) note = rec_note_of(r->notes[j], r->flags[i]);
        if (!note && r->nnotes) note = r->notes[0];
        if (warnf(C->res, "%s:%ld: row \"%s\" %s %s:%ld \"%s\", flagged %s%s%s", C->rv->path,
                  row->spec_line, row->label, how, r->file, r->line, r->text ? r->text : "", r->flags[i],
                  note ? ": " : "", note ? note : ""))
            return -1;
    }
    return 0;
}

/* The p-value reported with an estimate: the next figure after it in the same file, when that
 * is a p-value (extract pairs them the same way, and flags a p that does not fit its CI). */
static const rec_t *paired_p(const rec_list_t *recs, const rec_t *est)
{
    const rec_t *next = NULL;
    if (est->offset < 0) return NULL;
    for (size_t i = 0; i < recs->n; i++) {
        const rec_t *q = &recs->v[i];
        if (!q->file || strcmp(q->file, est->file) != 0 || q->offset <= est->offset) continue;
        if (!next || q->offset < next->offset) next = q;
    }
    return next && next->kind && !strcmp(next->kind, "p_value") ? next : NULL;
}

/* Build arm a from the records of one role; the unit check and relabel happen here.
 * Returns 0, -1 with why (a spec error). */
static int build_arm(ctx_t *C, const rv_row_t *row, rv_out_t *o, int role, rv_arm_t *a,
                     char *why, size_t whylen)
{
    const review_t *rv = C->rv;
    long recn = -1;
    const char *unit = NULL;
    arm_init(a);
    for (size_t i = 0; i < row->nrefs[role]; i++) {
        const rec_t *r = C->rec[role][i];
        if (arm_take(a, r, why, whylen)) return -1;
        if (src_add(&o->source, r) || warn_checks(C, row, r, "uses")) { snprintf(why, whylen, "out of memory"); return -1; }
        if (r->n >= 0) {
            if (recn >= 0 && recn != r->n) {
                snprintf(why, whylen, "%s:%ld gives n = %ld, another record of the arm n = %ld", r->file,
                         r->line, r->n, recn);
                return -1;
            }
            recn = r->n;
        }
        if (r->unit && *r->unit && strcmp(r->kind, "n") != 0) {
            if (unit && !unit_eq(unit, r->unit)) {
                snprintf(why, whylen, "%s:%ld is in %s, another record of the arm in %s", r->file, r->line,
                         r->unit, unit);
                return -1;
            }
            unit = r->unit;
        }
    }
    if (isnan(a->n) && recn >= 0) a->n = (double)recn;
    if (unit && row->relabel_from && unit_eq(unit, row->relabel_from)) {
        if (warnf(C->res, "%s:%ld: row \"%s\": unit %s as printed read as %s: %s", rv->path,
                  row->spec_line, row->label, unit, row->relabel_to, row->relabel_why)) return -1;
        unit = row->relabel_to;
    } else if (row->relabel_from && unit) {
        snprintf(why, whylen, "relabel %s: the records' unit is %s", row->relabel_from, unit);
        return -1;
    }
    if (unit) snprintf(a->unit, sizeof a->unit, "%s", unit);
    if (rv->unit && unit && !unit_eq(rv->unit, unit)) {
        snprintf(why, whylen, "the records are in %s, the review in %s (relabel FROM TO \"why\" if the "
                 "printed unit is wrong)", unit, rv->unit);
        return -1;
    }
    return 0;
}

/* Mean and SD of an arm, converting medians; when the arm cannot enter, *reason is set
 * (a constant or rbuf). Returns -1 only on allocation failure. */
static int arm_mean_sd(ctx_t *C, const rv_row_t *row, rv_arm_t *a, const char **reason,
                       char *rbuf, size_t rlen)
{
    const review_t *rv = C->rv;
    *reason = NULL;
    if (isnan(a->n)) { *reason = "no sample size"; return 0; }
    if (!isnan(a->mean)) {
        if (!isnan(a->sd)) { a->conv_mean = a->mean; a->conv_sd = a->sd; return 0; }
        if (!isnan(a->se)) {
            a->conv_mean = a->mean;
            if (conv_sd_from_se(a->se, a->n, &a->conv_sd)) { *reason = "an SE that gives no SD"; return 0; }
            snprintf(a->method, sizeof a->method, "sd from se (cochrane)");
            return 0;
        }
        *reason = "a mean with no SD";
        return 0;
    }
    if (isnan(a->median)) {
        *reason = !isnan(a->min) || !isnan(a->q1) ? (!isnan(a->q1) ? "an IQR with no median" : "a range with no median")
                                                  : "no mean or median";
        return 0;
    }
    if (isnan(a->q1) && isnan(a->min)) { *reason = "a median with no IQR or range"; return 0; }
    conv_opts_t co;
    conv_opts_default(&co);
    co.skew = rv->skew;
    const char *m = row->conv ? row->conv : rv->conv;
    if (m && conv_parse_method(m, &co)) { snprintf(rbuf, rlen, "unknown conversion %s", m); *reason = rbuf; return 0; }
    conv_five_t in = CONV_FIVE_NONE;
    in.n = a->n; in.min = a->min; in.q1 = a->q1; in.median = a->median; in.q3 = a->q3; in.max = a->max;
    conv_result_t r;
    char cerr[256];
    if (conv_mean_sd(&in, &co, &r, cerr, sizeof cerr)) {
        snprintf(rbuf, rlen, "conversion failed: %s", cerr);
        *reason = rbuf;
        return 0;
    }
    a->conv_mean = r.mean;
    a->conv_sd = r.sd;
    snprintf(a->method, sizeof a->method, "mean %s, sd %s%s", r.mean_method, r.sd_method,
             r.skewed ? " (skewed: Shi 2023 test rejects normality)" : "");
    if (r.skewed && rv->skew == CONV_SKEW_WARN &&
        warnf(C->res, "%s:%ld: row \"%s\": converted although Shi 2023's test rejects normality "
              "(%.3g > %.3g)", rv->path, row->spec_line, row->label, r.skew_stat, r.skew_crit))
        return -1;
    return 0;
}

static void out_free(rv_out_t *o)
{
    free(o->label);
    free(o->study);
    free(o->file);
    free(o->source);
    free(o->reason);
    free(o->note);
}

void review_result_destroy(review_result_t *res)
{
    if (!res) return;
    pool_data_destroy(&res->data);
    for (size_t i = 0; i < res->nrows; i++) out_free(&res->rows[i]);
    free(res->rows);
    for (size_t i = 0; i < res->nwarn; i++) free(res->warn[i]);
    free(res->warn);
    memset(res, 0, sizeof *res);
}

/* Find every record the row points at (once: C->rec), and the row's study key and file, which
 * its records must share, and which must agree with the row's `study` line. *dup: the file is
 * marked a duplicate of another corpus file. */
static int resolve_refs(ctx_t *C, const rv_row_t *row, rv_out_t *o, int *dup, char *why, size_t whylen)
{
    for (int k = 0; k < RV_NROLES; k++) {
        free(C->rec[k]);
        if (!(C->rec[k] = calloc(row->nrefs[k] ? row->nrefs[k] : 1, sizeof *C->rec[k]))) goto oom;
        for (size_t i = 0; i < row->nrefs[k]; i++) {
            const rec_t *r = find_rec(C->recs, &row->refs[k][i], why, whylen);
            if (!r) {
                C->eline = row->refs[k][i].spec_line;
                return -1;
            }
            C->rec[k][i] = r;
            const char *st = r->study ? r->study : "";
            if (!o->study) {
                if (!(o->study = strdup(st)) || !(o->file = strdup(r->file))) goto oom;
                *dup = dup_of(r) != NULL;
            } else if (strcmp(o->study, st) != 0) {
                snprintf(why, whylen, "%s:%ld belongs to study %s, the row's other records to %s", r->file,
                         r->line, st, o->study);
                return -1;
            } else if (strcmp(o->file, r->file) != 0) {
                snprintf(why, whylen, "the row's records come from two files (%s, %s): one row, one file",
                         o->file, r->file);
                return -1;
            }
        }
    }
    if (row->study && strcmp(row->study, o->study) != 0 &&
        strcmp(base_name(row->study), base_name(o->file)) != 0) {
        snprintf(why, whylen, "the row says study %s, its records are %s (%s)", row->study, o->study, o->file);
        return -1;
    }
    return 0;
oom:
    snprintf(why, whylen, "out of memory");
    return -1;
}

/* Does the spec's study word (a key or a corpus file) name records' study key / file? */
static int study_matches(const char *word, const char *key, const char *file)
{
    return !strcmp(word, key) || !strcmp(base_name(word), base_name(file));
}

static int resolve_row(ctx_t *C, const rv_row_t *row, rv_out_t *o, char *why, size_t whylen)
{
    const review_t *rv = C->rv;
    char rbuf[512];
    const char *reason = NULL;
    pool_measure_t es = rv->measure == POOL_GEN ? row->es : rv->measure;
    if (es == POOL_NONE) es = row->nrefs[RV_EST] ? POOL_HR : POOL_NONE;
    if (es == POOL_NONE) { snprintf(why, whylen, "a GEN review needs 'es' on each row (or an estimate)"); return -1; }
    if (rv->measure == POOL_GEN && rv->log_scale && !pool_measure_is_log(es)) {
        snprintf(why, whylen, "es %s is not a ratio, and the review pools on the log scale", pool_measure_name(es));
        return -1;
    }
    if (rv->measure != POOL_GEN && row->es != POOL_NONE && row->es != rv->measure) {
        snprintf(why, whylen, "es %s in a review of %s (only GEN reviews mix measures)",
                 pool_measure_name(row->es), pool_measure_name(rv->measure));
        return -1;
    }
    o->es = es;
    int want_arm = es == POOL_MN, want_two = es != POOL_MN && es != POOL_HR, want_est = es == POOL_HR;
    if (row->nrefs[RV_N] && !want_est) {
        snprintf(why, whylen, "'n' belongs to an estimate row (arms take their n records)");
        return -1;
    }
    if ((row->nrefs[RV_ARM] != 0) != want_arm || (row->nrefs[RV_TREAT] != 0) != want_two ||
        (row->nrefs[RV_CONTROL] != 0) != want_two || (row->nrefs[RV_EST] != 0) != want_est) {
        snprintf(why, whylen, "a %s row needs %s", pool_measure_name(es),
                 want_arm ? "'arm' (and no other role)" : want_est ? "'estimate' (and no arms)"
                                                        : "'treat' and 'control' (and no other role)");
        return -1;
    }
    if (row->flip && es == POOL_MN) { snprintf(why, whylen, "'flip' has no meaning for one arm's mean"); return -1; }
    o->flipped = row->flip != NULL;
    o->yi = o->vi = o->n = NAN;
    o->est = o->lb = o->ub = o->level = NAN;
    arm_init(&o->arm[0]);
    arm_init(&o->arm[1]);
    char cerr[256];
    if (want_est) {
        if (row->nrefs[RV_EST] != 1) { snprintf(why, whylen, "'estimate' takes one record"); return -1; }
        const rec_t *r = C->rec[RV_EST][0];
        if (!r->kind || strcmp(r->kind, "estimate_ci") != 0 || r->nvalues < 3) {
            snprintf(why, whylen, "%s:%ld \"%s\" is not an estimate with a CI", r->file, r->line, r->text);
            return -1;
        }
        if (r->measure && strcmp(r->measure, "HR") != 0 && strcmp(r->measure, "other") != 0) {
            snprintf(why, whylen, "%s:%ld is a%s %s, not a hazard ratio", r->file, r->line,
                     strchr("AEIOU", r->measure[0]) ? "n" : "", r->measure);
            return -1;
        }
        if (src_add(&o->source, r) || warn_checks(C, row, r, "uses")) goto oom;
        const rec_t *pv = paired_p(C->recs, r);
        if (pv && warn_checks(C, row, pv, "has its estimate reported with")) goto oom;
        o->est = r->values[0]; o->lb = r->values[1]; o->ub = r->values[2];
        o->level = isnan(r->level) ? 95 : r->level;
        for (size_t i = 0; i < row->nrefs[RV_N]; i++) {
            const rec_t *q = C->rec[RV_N][i];
            if (!q->kind || strcmp(q->kind, "n") != 0 || q->nvalues < 1) {
                snprintf(why, whylen, "%s:%ld \"%s\" is not a sample size", q->file, q->line, q->text);
                return -1;
            }
            if (src_add(&o->source, q)) goto oom;
            o->n = (i ? o->n : 0) + q->values[0];
        }
        if (pool_es_hr(o->est, o->lb, o->ub, o->level, &o->yi, &o->vi, cerr, sizeof cerr)) {
            snprintf(rbuf, sizeof rbuf, "%s", cerr);
            reason = rbuf;
        }
    } else {
        int roles[2] = { want_arm ? RV_ARM : RV_TREAT, RV_CONTROL };
        int na = want_arm ? 1 : 2;
        for (int j = 0; j < na; j++)
            if (build_arm(C, row, o, roles[j], &o->arm[j], why, whylen)) return -1;
        pool_arms_t A = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
        if (es == POOL_OR || es == POOL_RR || es == POOL_RD) {
            for (int j = 0; j < 2 && !reason; j++) {
                if (isnan(o->arm[j].events)) reason = "an arm with no event count";
                else if (isnan(o->arm[j].n)) reason = "an arm with no sample size";
            }
            if (!reason) {
                A.ai = o->arm[0].events; A.bi = o->arm[0].n - o->arm[0].events;
                A.ci = o->arm[1].events; A.di = o->arm[1].n - o->arm[1].events;
            }
        } else {
            for (int j = 0; j < na && !reason; j++) {
                const char *rs;
                char abuf[400];
                if (arm_mean_sd(C, row, &o->arm[j], &rs, abuf, sizeof abuf)) goto oom;
                if (rs) {
                    snprintf(rbuf, sizeof rbuf, "%s%s", na == 2 ? (j ? "control: " : "treat: ") : "", rs);
                    reason = rbuf;
                }
            }
            if (!reason) {
                A.m1 = o->arm[0].conv_mean; A.sd1 = o->arm[0].conv_sd; A.n1 = o->arm[0].n;
                if (na == 2) { A.m2 = o->arm[1].conv_mean; A.sd2 = o->arm[1].conv_sd; A.n2 = o->arm[1].n; }
            }
        }
        if (!reason && pool_es(es, &A, &o->yi, &o->vi, cerr, sizeof cerr)) {
            snprintf(rbuf, sizeof rbuf, "%s", cerr);
            reason = rbuf;
        }
        if (!reason) {
            o->n = na == 2 ? o->arm[0].n + o->arm[1].n : o->arm[0].n;
            char note[512] = "";
            if (na == 1 && o->arm[0].method[0]) snprintf(note, sizeof note, "%s", o->arm[0].method);
            else if (na == 2 && (o->arm[0].method[0] || o->arm[1].method[0]))
                snprintf(note, sizeof note, "treat: %s; control: %s",
                         o->arm[0].method[0] ? o->arm[0].method : "as reported",
                         o->arm[1].method[0] ? o->arm[1].method : "as reported");
            if (note[0] && !(o->note = strdup(note))) goto oom;
        }
    }
    if (reason) {
        o->entered = 0;
        if (!(o->reason = strdup(reason))) goto oom;
        return 0;
    }
    if (row->flip) {
        o->yi = -o->yi;
        char note[600];
        snprintf(note, sizeof note, "%s%sdirection turned round: %s", o->note ? o->note : "", o->note ? "; " : "",
                 row->flip);
        free(o->note);
        if (!(o->note = strdup(note))) goto oom;
    }
    o->entered = 1;
    return 0;
oom:
    snprintf(why, whylen, "out of memory");
    return -1;
}

int review_resolve(const review_t *rv, const rec_list_t *recs, review_result_t *res, char *err,
                   size_t errlen)
{
    int rc = -1;
    memset(res, 0, sizeof *res);
    pool_data_init(&res->data);
    ctx_t C = { rv, recs, res, 0, { NULL } };
    char why[768];
    int *dup = calloc(rv->nrows ? rv->nrows : 1, sizeof *dup);   /* row i's file is a copy */
    if (!dup || !(res->rows = calloc(rv->nrows, sizeof *res->rows))) goto oom;
    res->nrows = rv->nrows;
    for (size_t i = 0; i < rv->nrows; i++) {
        const rv_row_t *row = &rv->rows[i];
        rv_out_t *o = &res->rows[i];
        if (!(o->label = strdup(row->label))) goto oom;
        o->spec_line = row->spec_line;
        C.eline = 0;
        if (resolve_refs(&C, row, o, &dup[i], why, sizeof why) || resolve_row(&C, row, o, why, sizeof why)) {
            snprintf(err, errlen, "%s:%ld: row \"%s\": %s", rv->path, C.eline ? C.eline : row->spec_line,
                     row->label, why);
            goto fail;
        }
    }
    /* A study both excluded and given rows is a contradiction. */
    for (size_t j = 0; j < rv->nexcl; j++) {
        for (size_t i = 0; i < res->nrows; i++)
            if (study_matches(rv->excl[j].study, res->rows[i].study, res->rows[i].file)) {
                snprintf(err, errlen, "%s:%ld: %s is excluded, but row \"%s\" (line %ld) uses it", rv->path,
                         rv->excl[j].spec_line, rv->excl[j].study, res->rows[i].label, res->rows[i].spec_line);
                goto fail;
            }
    }
    /* One article, one set of rows: when a study's rows come from two corpus files (the same
     * article twice), keep the first file in row order that is not marked a duplicate (the
     * first file at all when every one is), and drop the other files' rows with a warning. */
    for (size_t i = 0; i < res->nrows; i++) {
        rv_out_t *o = &res->rows[i];
        const char *keep = NULL;
        for (int pass = 0; pass < 2 && !keep; pass++)
            for (size_t j = 0; j < res->nrows && !keep; j++) {
                rv_out_t *p = &res->rows[j];
                if (strcmp(p->study, o->study) != 0) continue;
                if (pass == 0 && dup[j]) continue;
                keep = p->file;
            }
        if (!keep || !strcmp(keep, o->file)) continue;
        char r[512];
        snprintf(r, sizeof r, "same article as %s (study %s): counted once, from %s", keep, o->study, keep);
        free(o->reason);
        o->entered = 0;
        if (!(o->reason = strdup(r))) goto oom;
        if (warnf(res, "%s:%ld: row \"%s\" (%s) is the same article as %s: counted once, from %s",
                  rv->path, o->spec_line, o->label, o->file, keep, keep)) goto oom;
    }
    for (size_t i = 0; i < res->nrows; i++) {
        rv_out_t *o = &res->rows[i];
        if (!o->entered) continue;
        if (pool_data_add(&res->data, o->label, NULL, o->note, o->spec_line, o->n, o->yi, o->vi)) goto oom;
        if (!(res->data.s[res->data.k - 1].source = strdup(o->source))) goto oom;
    }
    res->data.measure = rv->measure;
    res->data.log_scale = rv->log_scale;
    if (!(res->data.source = strdup(rv->path))) goto oom;
    rc = 0;
    goto out;
oom:
    snprintf(err, errlen, "%s: out of memory", rv->path);
fail:
    review_result_destroy(res);
out:
    for (int k = 0; k < RV_NROLES; k++) free(C.rec[k]);
    free(dup);
    return rc;
}

/* ---- the inputs CSV, for the R oracle ---- */

static int cnum(FILE *fp, double x)
{
    char b[NUM_BUFSZ];
    if (fputc(',', fp) == EOF) return -1;
    return isnan(x) ? 0 : (fputs(num_fmt(b, x), fp) < 0 ? -1 : 0);
}

int review_write_inputs(const char *path, const review_t *rv, const review_result_t *res,
                        char *err, size_t errlen)
{
    ofile_t of;
    if (ofile_open(&of, path, err, errlen)) return -1;
    FILE *fp = of.fp;
    int e = fputs("analysis,row,label,study,status,reason,es,flip,"
                  "n1,mean1,sd1,se1,median1,q1_1,q3_1,min1,max1,events1,"
                  "n2,mean2,sd2,se2,median2,q1_2,q3_2,min2,max2,events2,"
                  "est,est_lb,est_ub,level,conv,yi,vi,source\n", fp) < 0;
    for (size_t i = 0; i < res->nrows && !e; i++) {
        const rv_out_t *o = &res->rows[i];
        e |= rec_csv_field(fp, rv->name);
        e |= fprintf(fp, ",%zu,", i + 1) < 0;
        e |= rec_csv_field(fp, o->label);
        e |= fputc(',', fp) == EOF;
        e |= rec_csv_field(fp, o->study);
        e |= fputs(o->entered ? ",entered," : ",excluded,", fp) < 0;
        e |= rec_csv_field(fp, o->reason);
        e |= fprintf(fp, ",%s,%d", pool_measure_name(o->es), o->flipped) < 0;
        for (int j = 0; j < 2; j++) {
            const rv_arm_t *a = &o->arm[j];
            e |= cnum(fp, a->n) | cnum(fp, a->mean) | cnum(fp, a->sd) | cnum(fp, a->se) |
                 cnum(fp, a->median) | cnum(fp, a->q1) | cnum(fp, a->q3) | cnum(fp, a->min) |
                 cnum(fp, a->max) | cnum(fp, a->events);
        }
        e |= cnum(fp, o->est) | cnum(fp, o->lb) | cnum(fp, o->ub) | cnum(fp, o->level);
        e |= fputc(',', fp) == EOF;
        const char *cm = rv->rows[i].conv ? rv->rows[i].conv : rv->conv;
        e |= rec_csv_field(fp, cm ? cm : "luo/wan/shi");
        e |= cnum(fp, o->yi) | cnum(fp, o->vi);
        e |= fputc(',', fp) == EOF;
        e |= rec_csv_field(fp, o->source);
        e |= fputc('\n', fp) == EOF;
    }
    if (e) snprintf(err, errlen, "%s: write error", path);
    if (ofile_close(&of, !e, err, errlen)) return -1;
    return e ? -1 : 0;
}

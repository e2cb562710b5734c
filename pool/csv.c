/* csv.c - RFC 4180 reader, and the study table: metafor/escalc column names, median columns
 * converted through conv.h, one clear message per unusable row. */
#include "pool.h"
#include "pool_priv.h"
#include "num.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the reader ---- */

void csv_init(csv_reader_t *r, FILE *fp)
{
    memset(r, 0, sizeof *r);
    r->fp = fp;
    r->next_line = 1;
}

void csv_destroy(csv_reader_t *r)
{
    if (!r) return;
    free(r->buf);
    free(r->off);
    free(r->fields);
    memset(r, 0, sizeof *r);
}

static int put(csv_reader_t *r, char c)
{
    if (r->len == r->cap) {
        size_t nc = r->cap ? 2 * r->cap : 256;
        char *nb = realloc(r->buf, nc);
        if (!nb) return -1;
        r->buf = nb; r->cap = nc;
    }
    r->buf[r->len++] = c;
    return 0;
}

static int new_field(csv_reader_t *r)
{
    if (r->nf == r->fcap) {
        size_t nc = r->fcap ? 2 * r->fcap : 16;
        size_t *no = realloc(r->off, nc * sizeof *no);
        if (!no) return -1;
        r->off = no; r->fcap = nc;
    }
    r->off[r->nf++] = r->len;
    return 0;
}

int csv_next(csv_reader_t *r, char *err, size_t errlen)
{
    FILE *fp = r->fp;
    int c = getc(fp);
    r->len = 0; r->nf = 0;
    r->line = r->next_line;
    if (c == EOF) {
        if (ferror(fp)) { snprintf(err, errlen, "read error: %s", strerror(errno)); return -1; }
        return 0;
    }
    if (new_field(r)) goto oom;
    for (;;) {
        if (c == '"' && r->len == r->off[r->nf - 1]) {
            /* quoted field */
            for (;;) {
                c = getc(fp);
                if (c == EOF) {
                    snprintf(err, errlen, "unterminated quoted field (opened on line %ld)", r->line);
                    return -1;
                }
                if (c == '"') {
                    c = getc(fp);
                    if (c == '"') { if (put(r, '"')) goto oom; continue; }
                    break;
                }
                if (c == '\0') { snprintf(err, errlen, "NUL byte in the file"); return -1; }
                if (c == '\n') r->next_line++;
                if (put(r, (char)c)) goto oom;
            }
            if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                snprintf(err, errlen, "text after a closing quote");
                return -1;
            }
        }
        while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
            if (c == '\0') { snprintf(err, errlen, "NUL byte in the file"); return -1; }
            if (put(r, (char)c)) goto oom;
            c = getc(fp);
        }
        if (put(r, '\0')) goto oom;
        if (c == ',') {
            if (new_field(r)) goto oom;
            c = getc(fp);
            continue;
        }
        if (c == '\r') {
            int d = getc(fp);
            if (d != '\n' && d != EOF) ungetc(d, fp);
        }
        if (c != EOF) r->next_line++;
        break;
    }
    if (ferror(fp)) { snprintf(err, errlen, "read error: %s", strerror(errno)); return -1; }
    if (r->nf > r->fieldscap) {
        char **nf = realloc(r->fields, r->nf * sizeof *nf);
        if (!nf) goto oom;
        r->fields = nf; r->fieldscap = r->nf;
    }
    for (size_t i = 0; i < r->nf; i++) r->fields[i] = r->buf + r->off[i];
    return 1;
oom:
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* ---- studies ---- */

void pool_data_init(pool_data_t *d)
{
    memset(d, 0, sizeof *d);
}

int pool_data_is_log(const pool_data_t *d)
{
    return d->log_scale || pool_measure_is_log(d->measure);
}

void pool_data_destroy(pool_data_t *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->k; i++) {
        free(d->s[i].label);
        free(d->s[i].group);
        free(d->s[i].note);
        free(d->s[i].source);
    }
    free(d->s);
    free(d->source);
    memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s, int *bad)
{
    if (!s) return NULL;
    char *t = strdup(s);
    if (!t) *bad = 1;
    return t;
}

int pool_data_add(pool_data_t *d, const char *label, const char *group, const char *note,
                  long line, double n, double yi, double vi)
{
    if (d->k == d->cap) {
        size_t nc = d->cap ? 2 * d->cap : 64;
        pool_study_t *ns = realloc(d->s, nc * sizeof *ns);
        if (!ns) return -1;
        d->s = ns; d->cap = nc;
    }
    pool_study_t *s = &d->s[d->k];
    int bad = 0;
    char lb[32];
    if (!label) { snprintf(lb, sizeof lb, "Study %zu", d->k + 1); label = lb; }
    s->label = dup_or_null(label, &bad);
    s->group = dup_or_null(group, &bad);
    s->note = dup_or_null(note, &bad);
    if (bad) { free(s->label); free(s->group); free(s->note); return -1; }
    s->source = NULL;
    s->line = line; s->n = n; s->yi = yi; s->vi = vi; s->x = NAN;
    d->k++;
    return 0;
}

/* ---- column roles ---- */

enum {
    C_LABEL, C_GROUP, C_YI, C_VI, C_SEI, C_HR, C_HRLB, C_HRUB,
    C_M1, C_SD1, C_N1, C_M2, C_SD2, C_N2, C_AI, C_BI, C_CI, C_DI,
    /* per arm a = 0 (one arm: no suffix), 1, 2: min q1 median q3 max */
    C_FIVE0, C_NCOL = C_FIVE0 + 15
};

/* Lower case without '.', '_', '-' and spaces: "ci_lb" -> "cilb", "q1.1i" -> "q11i". */
static void norm_name(const char *s, char *out, size_t outlen)
{
    size_t n = 0;
    for (; *s && n + 1 < outlen; s++) {
        char c = *s;
        if (c == '.' || c == '_' || c == '-' || c == ' ') continue;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        out[n++] = c;
    }
    out[n] = '\0';
}

static int is_one_of(const char *s, const char *const *names)
{
    for (; *names; names++) if (strcmp(s, *names) == 0) return 1;
    return 0;
}

/* role of a normalised header name, -1 if none */
static int role_of(const char *h, const char *by)
{
    static const char *const L[] = { "study", "author", "label", "slab", "studlab", NULL };
    if (by && strcmp(h, by) == 0) return C_GROUP;
    if (!by && strcmp(h, "group") == 0) return C_GROUP;
    if (is_one_of(h, L)) return C_LABEL;
    struct { const char *n; int r; } t[] = {
        { "yi", C_YI }, { "vi", C_VI }, { "sei", C_SEI }, { "hr", C_HR }, { "cilb", C_HRLB },
        { "ciub", C_HRUB }, { "m1i", C_M1 }, { "sd1i", C_SD1 }, { "n1i", C_N1 }, { "n1", C_N1 },
        { "m2i", C_M2 }, { "sd2i", C_SD2 }, { "n2i", C_N2 }, { "n2", C_N2 }, { "ai", C_AI },
        { "bi", C_BI }, { "ci", C_CI }, { "di", C_DI },
        /* one arm */
        { "mi", C_M1 }, { "sdi", C_SD1 }, { "ni", C_N1 }, { "n", C_N1 },
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) if (strcmp(h, t[i].n) == 0) return t[i].r;
    /* five-number columns: base + arm (+ "i"), or base + "i" + arm; median also "med" */
    static const char *const bases[5][3] = {
        { "min", NULL, NULL }, { "q1", NULL, NULL }, { "median", "med", NULL }, { "q3", NULL, NULL },
        { "max", NULL, NULL } };
    for (int b = 0; b < 5; b++)
        for (int v = 0; bases[b][v]; v++) {
            size_t bl = strlen(bases[b][v]);
            if (strncmp(h, bases[b][v], bl) != 0) continue;
            const char *rest = h + bl;
            for (int a = 0; a < 3; a++) {
                char s1[4], s2[4], s3[4];
                const char *d = a == 0 ? "" : a == 1 ? "1" : "2";
                snprintf(s1, sizeof s1, "%s", d);
                snprintf(s2, sizeof s2, "%si", d);
                snprintf(s3, sizeof s3, "i%s", d);
                if (strcmp(rest, s1) == 0 || strcmp(rest, s2) == 0 || strcmp(rest, s3) == 0)
                    return C_FIVE0 + a * 5 + b;
            }
        }
    return -1;
}

typedef struct {
    const char *path;
    int col[C_NCOL];          /* field index or -1 */
    char **hdr;               /* header names as written */
    size_t nh;
} table_t;

#define ROWFAIL(...) do { \
        int n_ = snprintf(err, errlen, "%s:%ld: ", t->path, line); \
        if (n_ >= 0 && (size_t)n_ < errlen) snprintf(err + n_, errlen - (size_t)n_, __VA_ARGS__); \
        return -1; } while (0)

/* the number in column role c of this row; NAN if the column is absent or the cell empty */
static int cell(const table_t *t, char **f, int c, long line, double *x, char *err, size_t errlen)
{
    *x = NAN;
    int i = t->col[c];
    if (i < 0) return 0;
    const char *s = f[i];
    size_t n = strlen(s);
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n == 0 || (n == 2 && strncmp(s, "NA", 2) == 0)) return 0;
    if (num_parse(s, n, x) != 0) {
        char shown[48];
        snprintf(shown, sizeof shown, "%.*s%s", (int)(n > 40 ? 40 : n), s, n > 40 ? "..." : "");
        ROWFAIL("column %s: not a number: \"%s\"", t->hdr[i], shown);
    }
    return 0;
}

static const char *hdr_or(const table_t *t, int c, const char *dflt)
{
    return t->col[c] >= 0 ? t->hdr[t->col[c]] : dflt;
}

/* One arm's mean, SD and n: given, or converted from its median columns. */
static int arm(const table_t *t, char **f, long line, int a, int cm, int csd, int cn,
               pool_csv_opts_t *co, double *m, double *sd, double *n, char *note, size_t notelen,
               char *err, size_t errlen)
{
    if (cell(t, f, cm, line, m, err, errlen) || cell(t, f, csd, line, sd, err, errlen) ||
        cell(t, f, cn, line, n, err, errlen)) return -1;
    int fb = C_FIVE0 + a * 5;
    double five[5];
    for (int b = 0; b < 5; b++) if (cell(t, f, fb + b, line, &five[b], err, errlen)) return -1;
    if (!isnan(*sd) && *sd < 0) ROWFAIL("column %s: negative SD %g", hdr_or(t, csd, "sd"), *sd);
    if (!isnan(*m) && !isnan(*sd)) return 0;
    if (isnan(five[2]) || ((isnan(five[1]) || isnan(five[3])) && (isnan(five[0]) || isnan(five[4])))) {
        if (isnan(*m)) ROWFAIL("column %s: missing (and no median with IQR or range)",
                               hdr_or(t, cm, a == 2 ? "m2i" : a == 1 ? "m1i" : "mi"));
        ROWFAIL("column %s: missing (and no median with IQR or range)",
                hdr_or(t, csd, a == 2 ? "sd2i" : a == 1 ? "sd1i" : "sdi"));
    }
    if (isnan(*n)) ROWFAIL("column %s: missing (the median conversion needs n)",
                           hdr_or(t, cn, a == 2 ? "n2i" : a == 1 ? "n1i" : "ni"));
    /* order checks: min <= q1 <= median <= q3 <= max, where given */
    double prev = -INFINITY;
    int prevb = -1;
    for (int b = 0; b < 5; b++) {
        if (isnan(five[b])) continue;
        if (five[b] < prev)
            ROWFAIL("column %s: %g is below %s %g", t->hdr[t->col[fb + b]], five[b],
                    t->hdr[t->col[fb + prevb]], prev);
        prev = five[b]; prevb = b;
    }
    conv_five_t in = CONV_FIVE_NONE;
    in.n = *n; in.min = five[0]; in.q1 = five[1]; in.median = five[2]; in.q3 = five[3];
    in.max = five[4];
    if (isnan(in.q1) || isnan(in.q3)) in.q1 = in.q3 = NAN;
    if (isnan(in.min) || isnan(in.max)) in.min = in.max = NAN;
    conv_result_t r;
    char cerr[200];
    if (conv_mean_sd(&in, co ? co->conv : NULL, &r, cerr, sizeof cerr) != 0)
        ROWFAIL("column %s: cannot convert the median: %s", t->hdr[t->col[fb + 2]], cerr);
    *m = r.mean; *sd = r.sd;
    size_t used = strlen(note);
    snprintf(note + used, notelen - used, "%sarm%s: mean %s, sd %s%s", used ? "; " : "",
             a == 0 ? "" : a == 1 ? " 1" : " 2", r.mean_method, r.sd_method,
             r.skewed ? " (skewness test rejects normality)" : "");
    if (r.skewed && co) co->skew_warnings++;
    return 0;
}

static int has(const table_t *t, int c) { return t->col[c] >= 0; }

static int has_five(const table_t *t, int a)
{
    int b = C_FIVE0 + a * 5;
    return has(t, b + 2) && ((has(t, b + 1) && has(t, b + 3)) || (has(t, b) && has(t, b + 4)));
}

/* Which input mode: checks the columns the measure needs. */
static int check_columns(const table_t *t, pool_measure_t *m, char *err, size_t errlen)
{
    if (has(t, C_YI) && (has(t, C_VI) || has(t, C_SEI))) {
        if (*m == POOL_NONE) *m = POOL_GEN;
        return 0;
    }
    if (has(t, C_YI)) { snprintf(err, errlen, "%s: column yi needs vi or sei", t->path); return -1; }
    if (has(t, C_HR) && has(t, C_HRLB) && has(t, C_HRUB)) {
        if (*m != POOL_NONE && *m != POOL_HR) {
            snprintf(err, errlen, "%s: hr/ci_lb/ci_ub columns give --measure HR, not %s", t->path,
                     pool_measure_name(*m));
            return -1;
        }
        *m = POOL_HR;
        return 0;
    }
    const char *miss = NULL;
    switch (*m) {
    case POOL_NONE: case POOL_GEN: case POOL_HR:
        snprintf(err, errlen, "%s: no yi/vi, yi/sei or hr/ci_lb/ci_ub columns; raw columns need "
                 "--measure (MN, MD, SMD, ROM, OR, RR, RD)", t->path);
        return -1;
    case POOL_MN:
        if (!has(t, C_N1)) miss = "ni";
        else if (!has_five(t, 0) && !has_five(t, 1)) {
            if (!has(t, C_M1)) miss = "mi";
            else if (!has(t, C_SD1)) miss = "sdi";
        }
        break;
    case POOL_MD: case POOL_SMD: case POOL_ROM:
        if (!has(t, C_N1)) miss = "n1i";
        else if (!has(t, C_N2)) miss = "n2i";
        else if (!has_five(t, 1) && !has(t, C_M1)) miss = "m1i";
        else if (!has_five(t, 1) && !has(t, C_SD1)) miss = "sd1i";
        else if (!has_five(t, 2) && !has(t, C_M2)) miss = "m2i";
        else if (!has_five(t, 2) && !has(t, C_SD2)) miss = "sd2i";
        break;
    case POOL_OR: case POOL_RR: case POOL_RD:
        if (!has(t, C_AI)) miss = "ai";
        else if (!has(t, C_CI)) miss = "ci";
        else if (!has(t, C_BI) && !has(t, C_N1)) miss = "bi (or n1i)";
        else if (!has(t, C_DI) && !has(t, C_N2)) miss = "di (or n2i)";
        break;
    }
    if (miss) {
        snprintf(err, errlen, "%s: missing column %s for --measure %s", t->path, miss,
                 pool_measure_name(*m));
        return -1;
    }
    return 0;
}

static int row_es(const table_t *t, char **f, long line, pool_measure_t m, pool_csv_opts_t *co,
                  double *yi, double *vi, double *n, char *note, size_t notelen,
                  char *err, size_t errlen)
{
    char e2[256];
    *n = NAN;
    note[0] = '\0';
    if (m == POOL_GEN || (has(t, C_YI) && (has(t, C_VI) || has(t, C_SEI)))) {
        double se = NAN;
        if (cell(t, f, C_YI, line, yi, err, errlen) || cell(t, f, C_VI, line, vi, err, errlen) ||
            cell(t, f, C_SEI, line, &se, err, errlen) || cell(t, f, C_N1, line, n, err, errlen))
            return -1;
        if (isnan(*yi)) ROWFAIL("column %s: missing", hdr_or(t, C_YI, "yi"));
        if (isnan(*vi)) {
            if (isnan(se)) ROWFAIL("column %s: missing", hdr_or(t, C_VI, hdr_or(t, C_SEI, "vi")));
            if (se < 0) ROWFAIL("column %s: negative standard error %g", hdr_or(t, C_SEI, "sei"), se);
            *vi = se * se;
        }
        if (*vi < 0) ROWFAIL("column %s: negative variance %g", hdr_or(t, C_VI, "vi"), *vi);
        return 0;
    }
    if (m == POOL_HR) {
        double hr, lb, ub;
        if (cell(t, f, C_HR, line, &hr, err, errlen) || cell(t, f, C_HRLB, line, &lb, err, errlen) ||
            cell(t, f, C_HRUB, line, &ub, err, errlen)) return -1;
        if (isnan(hr)) ROWFAIL("column %s: missing", hdr_or(t, C_HR, "hr"));
        if (isnan(lb)) ROWFAIL("column %s: missing", hdr_or(t, C_HRLB, "ci_lb"));
        if (isnan(ub)) ROWFAIL("column %s: missing", hdr_or(t, C_HRUB, "ci_ub"));
        if (pool_es_hr(hr, lb, ub, co && co->hr_level > 0 ? co->hr_level : 95, yi, vi, e2, sizeof e2))
            ROWFAIL("%s", e2);
        return 0;
    }
    pool_arms_t a;
    a.m1 = a.sd1 = a.n1 = a.m2 = a.sd2 = a.n2 = a.ai = a.bi = a.ci = a.di = NAN;
    if (m == POOL_MN) {
        int arm_ix = has_five(t, 0) || !has_five(t, 1) ? 0 : 1;
        if (arm(t, f, line, arm_ix, C_M1, C_SD1, C_N1, co, &a.m1, &a.sd1, &a.n1, note, notelen,
                err, errlen)) return -1;
        *n = a.n1;
    } else if (m == POOL_MD || m == POOL_SMD || m == POOL_ROM) {
        if (arm(t, f, line, 1, C_M1, C_SD1, C_N1, co, &a.m1, &a.sd1, &a.n1, note, notelen, err, errlen) ||
            arm(t, f, line, 2, C_M2, C_SD2, C_N2, co, &a.m2, &a.sd2, &a.n2, note, notelen, err, errlen))
            return -1;
        *n = a.n1 + a.n2;
    } else {
        double n1, n2;
        if (cell(t, f, C_AI, line, &a.ai, err, errlen) || cell(t, f, C_BI, line, &a.bi, err, errlen) ||
            cell(t, f, C_CI, line, &a.ci, err, errlen) || cell(t, f, C_DI, line, &a.di, err, errlen) ||
            cell(t, f, C_N1, line, &n1, err, errlen) || cell(t, f, C_N2, line, &n2, err, errlen))
            return -1;
        if (isnan(a.bi) && !isnan(n1) && !isnan(a.ai)) a.bi = n1 - a.ai;
        if (isnan(a.di) && !isnan(n2) && !isnan(a.ci)) a.di = n2 - a.ci;
        if (!isnan(a.ai) && !isnan(a.bi) && !isnan(a.ci) && !isnan(a.di))
            *n = a.ai + a.bi + a.ci + a.di;
    }
    if (m == POOL_MN || m == POOL_MD || m == POOL_SMD || m == POOL_ROM) {
        /* the n checks name the column */
        if (a.n1 < 2) ROWFAIL("column %s: n = %g is below 2", hdr_or(t, C_N1, "n1i"), a.n1);
        if (m != POOL_MN && a.n2 < 2) ROWFAIL("column %s: n = %g is below 2", hdr_or(t, C_N2, "n2i"), a.n2);
    }
    if (pool_es(m, &a, yi, vi, e2, sizeof e2) != 0) {
        /* pool_es names escalc's column; say which header that is */
        ROWFAIL("%s", e2);
    }
    if (!isfinite(*yi) || !isfinite(*vi))
        ROWFAIL("the effect size is not finite (yi = %g, vi = %g)", *yi, *vi);
    return 0;
}

int pool_csv_read(const char *path, pool_measure_t m, pool_csv_opts_t *co, pool_data_t *d,
                  char *err, size_t errlen)
{
    int rc = -1, r;
    FILE *fp = fopen(path, "rb");
    csv_reader_t rd;
    table_t t;
    char e2[256], note[512];
    memset(&t, 0, sizeof t);
    t.path = path;
    csv_init(&rd, fp);
    if (!fp) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
    free(d->source);
    d->source = strdup(path);
    if (!d->source) { snprintf(err, errlen, "out of memory"); goto out; }
    /* header */
    r = csv_next(&rd, e2, sizeof e2);
    if (r < 0) { snprintf(err, errlen, "%s:%ld: %s", path, rd.line, e2); goto out; }
    if (r == 0) { snprintf(err, errlen, "%s: empty file", path); goto out; }
    t.nh = rd.nf;
    t.hdr = calloc(t.nh, sizeof *t.hdr);
    if (!t.hdr) { snprintf(err, errlen, "out of memory"); goto out; }
    for (int c = 0; c < C_NCOL; c++) t.col[c] = -1;
    char byn[64];
    if (co && co->by) norm_name(co->by, byn, sizeof byn);
    for (size_t i = 0; i < t.nh; i++) {
        const char *h = rd.fields[i];
        if (i == 0 && (unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB &&
            (unsigned char)h[2] == 0xBF) h += 3;
        t.hdr[i] = strdup(h);
        if (!t.hdr[i]) { snprintf(err, errlen, "out of memory"); goto out; }
        char nn[64];
        norm_name(h, nn, sizeof nn);
        int role = role_of(nn, co && co->by ? byn : NULL);
        if (role < 0) continue;
        if (role == C_LABEL && t.col[C_LABEL] >= 0) continue;   /* first label column wins */
        if (t.col[role] >= 0) {
            snprintf(err, errlen, "%s:%ld: columns %s and %s mean the same thing", path, rd.line,
                     t.hdr[t.col[role]], h);
            goto out;
        }
        t.col[role] = (int)i;
    }
    if (co && co->by && t.col[C_GROUP] < 0) {
        snprintf(err, errlen, "%s: no column %s for --by", path, co->by);
        goto out;
    }
    if (check_columns(&t, &m, err, errlen)) goto out;
    d->measure = m;
    while ((r = csv_next(&rd, e2, sizeof e2)) == 1) {
        long line = rd.line;
        if (rd.nf == 1 && rd.fields[0][0] == '\0') continue;     /* blank line */
        if (rd.nf != t.nh) {
            snprintf(err, errlen, "%s:%ld: %zu field%s, the header has %zu", path, line, rd.nf,
                     rd.nf == 1 ? "" : "s", t.nh);
            goto out;
        }
        double yi, vi, n;
        if (row_es(&t, rd.fields, line, m, co, &yi, &vi, &n, note, sizeof note, err, errlen))
            goto out;
        const char *label = t.col[C_LABEL] >= 0 && rd.fields[t.col[C_LABEL]][0]
                            ? rd.fields[t.col[C_LABEL]] : NULL;
        const char *group = t.col[C_GROUP] >= 0 ? rd.fields[t.col[C_GROUP]] : NULL;
        if (co && co->by && (!group || !group[0])) {
            snprintf(err, errlen, "%s:%ld: column %s: empty subgroup", path, line,
                     t.hdr[t.col[C_GROUP]]);
            goto out;
        }
        if (pool_data_add(d, label, group, note[0] ? note : NULL, line, n, yi, vi)) {
            snprintf(err, errlen, "out of memory");
            goto out;
        }
    }
    if (r < 0) { snprintf(err, errlen, "%s:%ld: %s", path, rd.line, e2); goto out; }
    if (d->k == 0) { snprintf(err, errlen, "%s: no studies (only a header)", path); goto out; }
    rc = 0;
out:
    for (size_t i = 0; i < t.nh; i++) free(t.hdr[i]);
    free(t.hdr);
    csv_destroy(&rd);
    if (fp) fclose(fp);
    return rc;
}

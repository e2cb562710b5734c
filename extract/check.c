/* check.c - consistency checks on one article's records, and the --check report.
 *
 * Every check raises a flag "check:<name>" and adds a note "<name>: <what disagrees, the
 * numbers on both sides and what they should be>". Tolerances come from the printed precision:
 * a number printed with d decimals stands for anything within half a unit of its last decimal,
 * so honest rounding never raises a flag. The checks (README, "Record flags"):
 *
 *   pct_vs_count           "c (p%)", "c/N (p%)", "p% (c/N)": p against 100 c / N
 *   counts_vs_n            "34/3" under "Sex (M/F)": the two counts against the group's n
 *   p_vs_ci                a p-value against the estimate and CI just before it (Wald z)
 *   p_vs_ci_significance   a 95% CI that excludes the null with p > 0.05, or includes it with
 *                          p < 0.05, whatever the rounding
 *   estimate_outside_ci    the estimate outside its CI
 *   ci_asymmetric          a CI not symmetric on its measure's scale (log for ratios)
 *   median_outside         a median outside its IQR or range
 *   sd_gt_mean             mean ± SD with SD > mean for a quantity that cannot be negative
 *   value_mismatch         one variable, group and timepoint with other values in another table
 *   unit_implausible       a value impossible in its unit (bilirubin 486 mmol/L), a score
 *                          outside its scale (MELD 78), a percentage of patients above 100 */
#include "check.h"
#include "extract.h"
#include "num.h"

#include <ctype.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- notes ------------------------------------------------------------------------- */

static int flag(rec_t *r, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int flag(rec_t *r, const char *name, const char *fmt, ...)
{
    char f[64], note[700];
    int k = snprintf(note, sizeof note, "%s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note + k, sizeof note - (size_t)k, fmt, ap);
    va_end(ap);
    snprintf(f, sizeof f, "check:%s", name);
    return rec_add_flag(r, f) || rec_add_note(r, note);
}

/* x with d decimals into a small rotating buffer (several per printf). */
static const char *fx(double x, int d)
{
    static char buf[8][40];
    static int k;
    char *b = buf[k++ & 7];
    if (d < 0) d = 0;
    if (d > 12) d = 12;
    snprintf(b, 40, "%.*f", d, x);
    if (!strcmp(b, "-0") || (b[0] == '-' && strspn(b + 1, "0.") == strlen(b + 1))) memmove(b, b + 1, strlen(b));
    return b;
}

/* x in the shortest form that reads back */
static const char *fg(double x)
{
    static char buf[8][NUM_BUFSZ];
    static int k;
    return num_fmt(buf[k++ & 7], x);
}

/* ---- printed precision ------------------------------------------------------------- */

typedef struct { double v; int dec; size_t s, e; } tok_t;

static size_t point_len(const char *s, size_t i, size_t n)
{
    if (s[i] == '.') return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i+1] == 0xB7) return 2;   /* 1·89 */
    return 0;
}

/* The unsigned numbers written in s, in order, with their decimals. */
static size_t tokens(const char *s, tok_t *t, size_t cap)
{
    size_t n = s ? strlen(s) : 0, k = 0;
    for (size_t i = 0; i < n && k < cap; ) {
        size_t pl = 0;
        int dig = isdigit((unsigned char)s[i]);
        if (!dig && !((pl = point_len(s, i, n)) && i + pl < n && isdigit((unsigned char)s[i+pl]) &&
                      (i == 0 || !isdigit((unsigned char)s[i-1])))) { i++; continue; }
        char buf[64];
        size_t b = 0, start = i;
        int dec = 0;
        while (i < n && isdigit((unsigned char)s[i])) { if (b < 30) buf[b++] = s[i]; i++; }
        if (i < n && (pl = point_len(s, i, n)) && i + pl < n && isdigit((unsigned char)s[i+pl])) {
            i += pl;
            if (!b) buf[b++] = '0';
            buf[b++] = '.';
            while (i < n && isdigit((unsigned char)s[i])) { if (b < 60) { buf[b++] = s[i]; dec++; } i++; }
        }
        double x;
        if (num_parse(buf, b, &x) == 0) { t[k].v = x; t[k].dec = dec; t[k].s = start; t[k].e = i; k++; }
    }
    return k;
}

/* Decimals of x's shortest form (1.2e-05 has 6). */
static int repr_decimals(double x)
{
    char buf[NUM_BUFSZ];
    num_fmt(buf, fabs(x));
    char *e = strchr(buf, 'e'), *p = strchr(buf, '.');
    int md = 0;
    if (p) md = (int)((e ? e : buf + strlen(buf)) - p - 1);
    if (e) md -= atoi(e + 1);
    return md < 0 ? 0 : md;
}

static int same(double a, double b) { return fabs(a - b) <= 1e-9 * fmax(1, fabs(b)); }

/* Printed decimals of each value of r, from the numbers of its text (in order, skipping those
 * that are not values, e.g. the 95 of "95% CI"); from the value's shortest form when the text
 * does not hold it (a figure wrapped over lines, a power of ten). tk (optional) receives the
 * token index of each value or -1. */
static void decimals(const rec_t *r, int *dec, tok_t *tk, int *ti)
{
    tok_t t[48];
    int used[48] = { 0 };
    size_t nt = tokens(r->text, t, 48), k = 0;
    for (int j = 0; j < r->nvalues && j < REC_MAXV; j++) {
        double a = fabs(r->values[j]);
        size_t m;
        for (m = k; m < nt; m++) if (!used[m] && same(t[m].v, a)) break;
        if (m == nt) for (m = 0; m < nt; m++) if (!used[m] && same(t[m].v, a)) break;
        if (ti) ti[j] = m < nt ? (int)m : -1;
        if (m < nt) { used[m] = 1; dec[j] = t[m].dec; k = m + 1; }
        else dec[j] = repr_decimals(a);
    }
    if (tk) memcpy(tk, t, nt * sizeof *t);
}

static double hu(int d) { return 0.5 * pow(10.0, -d); }

/* x rounded half away from zero to d decimals */
static double round_to(double x, int d)
{
    double f = pow(10.0, d), a = floor(fabs(x) * f + 0.5 + 1e-7) / f;
    return x < 0 ? -a : a;
}

/* ---- words -------------------------------------------------------------------------- */

#define MAXW 8
typedef struct { char w[MAXW][24]; int nw; } words_t;

static int in_words(const char *const *list, const char *w)
{
    for (; *list; list++) if (!strcmp(*list, w)) return 1;
    return 0;
}

/* Lowercase alphanumeric words of s (bytes >= 0x80 count as letters), minus the stop words. */
static void split_words(const char *s, words_t *out, const char *const *stop, int drop_numbers)
{
    out->nw = 0;
    if (!s) return;
    for (size_t i = 0; s[i] && out->nw < MAXW; ) {
        unsigned char c = (unsigned char)s[i];
        if (!isalnum(c) && c < 0x80) { i++; continue; }
        char w[24];
        size_t k = 0;
        int alldig = 1;
        while (s[i] && (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) {
            if (!isdigit((unsigned char)s[i])) alldig = 0;
            if (k + 1 < sizeof w) w[k++] = (char)tolower((unsigned char)s[i]);
            i++;
        }
        w[k] = '\0';
        if ((drop_numbers && alldig) || (stop && in_words(stop, w))) continue;
        memcpy(out->w[out->nw++], w, k + 1);
    }
}

static int has_word(const words_t *a, const char *w)
{
    for (int i = 0; i < a->nw; i++) if (!strcmp(a->w[i], w)) return 1;
    return 0;
}

static int subset(const words_t *a, const words_t *b)
{
    for (int i = 0; i < a->nw; i++) if (!has_word(b, a->w[i])) return 0;
    return 1;
}

/* Does s contain needle (ASCII, any case)? */
static int has_ci(const char *s, const char *needle) { return s && strcasestr(s, needle) != NULL; }

/* A change, a difference, or a quantity that is signed by nature (base excess, z-scores): its
 * values may be negative. Substrings, so it errs towards skipping a check. */
static int is_change(const char *s)
{
    static const char *const W[] = { "change", "difference", "diff", "delta", "decrease", "increase",
                                     "reduction", "improvement", "variation", "gain", "loss", "slope",
                                     "shift", "decline", "rise", "excess", "balance", "z-score", "zscore",
                                     "t-score", NULL };
    if (!s) return 0;
    if (strstr(s, "\xCE\x94") || strstr(s, "\xE2\x88\x86")) return 1;   /* Δ ∆ */
    for (int i = 0; W[i]; i++) if (has_ci(s, W[i])) return 1;
    return 0;
}

/* A timepoint that is a window ("W0–W1", "day 0 to week 6"): the values are changes. */
static int is_window(const char *tp)
{
    if (!tp) return 0;
    static const char *const SEP[] = { "\xE2\x80\x93", "\xE2\x80\x94", "-", " to ", NULL };
    for (int k = 0; SEP[k]; k++) {
        const char *p = strstr(tp, SEP[k]);
        if (!p) continue;
        const char *a = p + strlen(SEP[k]);
        while (*a == ' ') a++;
        int before = 0;
        for (const char *q = tp; q < p; q++) if (isalpha((unsigned char)*q)) before = 1;
        if (before && isalpha((unsigned char)*a)) return 1;
    }
    return 0;
}

static int is_kind(const rec_t *r, const char *k) { return r->kind && !strcmp(r->kind, k); }

static int is_int(double x) { return fabs(x - nearbyint(x)) < 1e-9; }

/* The variables (by table) with a negative value somewhere: signed quantities (changes, logs,
 * scores that go below 0). Sorted "table\x1fvariable" keys, built once per article. */
typedef struct { char **k; size_t n; } signed_t;

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char *var_key(const rec_t *r)
{
    size_t len = (r->table ? strlen(r->table) : 0) + strlen(r->variable) + 2;
    char *k = malloc(len);
    if (k) snprintf(k, len, "%s\x1f%s", r->table ? r->table : "", r->variable);
    return k;
}

static int signed_build(signed_t *S, const rec_t *v, size_t n)
{
    S->n = 0;
    if (!(S->k = malloc((n ? n : 1) * sizeof *S->k))) return -1;
    for (size_t i = 0; i < n; i++) {
        const rec_t *q = &v[i];
        int neg = 0;
        if (!q->variable || is_kind(q, "p_value") || is_kind(q, "n")) continue;
        for (int j = 0; j < q->nvalues; j++) if (q->values[j] < 0) neg = 1;
        if (neg && !(S->k[S->n++] = var_key(q))) { S->n--; return -1; }
    }
    qsort(S->k, S->n, sizeof *S->k, cmp_str);
    return 0;
}

static void signed_free(signed_t *S)
{
    for (size_t i = 0; S->k && i < S->n; i++) free(S->k[i]);
    free(S->k);
}

/* A change or a difference, or a variable with negative values in the same table (or, without a
 * table, anywhere in the text). -1 on allocation failure. */
static int signed_context(const signed_t *S, const rec_t *r)
{
    if (is_change(r->variable) || is_change(r->group) || is_change(r->timepoint) || is_window(r->timepoint))
        return 1;
    if (!r->variable || !S->n) return 0;
    char *k = var_key(r);
    if (!k) return -1;
    int found = bsearch(&k, S->k, S->n, sizeof *S->k, cmp_str) != NULL;
    free(k);
    return found;
}

/* ---- percentages -------------------------------------------------------------------- */

/* Does 100 c / N print as p with d decimals, rounded or truncated (42.857 printed 42.8)? */
static int pct_fits(double c, double N, double p, int d)
{
    if (N <= 0) return 0;
    double t = 100.0 * c / N, u = pow(10.0, -d), eps = 1e-9 * fmax(1, fabs(t));
    if (fabs(t - p) <= u / 2 + eps) return 1;
    return t >= p - eps && t < p + u - eps;
}

/* The whole denominators N >= max(c, 1) that give p: [*lo, *hi] (to be tested with pct_fits).
 * 0 if none can (p <= 0 with c > 0), 1 otherwise; *hi is capped. */
static int pct_range(double c, double p, int d, long *lo, long *hi)
{
    double u = pow(10.0, -d);
    if (c <= 0 || c > 1e9 || p - u / 2 <= 0) return 0;
    double a = 100.0 * c / (p + u), b = 100.0 * c / (p - u / 2);
    if (!(a < 1e12)) return 0;
    *lo = (long)floor(a);
    if (*lo < (long)ceil(c)) *lo = (long)ceil(c);
    if (*lo < 1) *lo = 1;
    *hi = b > 1e9 ? 1000000000L : (long)floor(b) + 1;
    return 1;
}

/* A whole N in [nmin, nmax] that gives p for c, or 0. 100 c / N falls as N grows, so the N that
 * fit are one run of integers: testing near both ends of [lo, hi] and one inside is enough. */
static long whole_n(double c, double p, int d, long nmin, long nmax)
{
    long lo, hi;
    if (!pct_range(c, p, d, &lo, &hi)) return 0;
    if (lo < nmin) lo = nmin;
    if (hi > nmax) hi = nmax;
    if (hi - lo <= 8) {
        for (long N = lo; N <= hi; N++) if (pct_fits(c, (double)N, p, d)) return N;
        return 0;
    }
    long t[5] = { lo, lo + 1, lo + 2, hi - 1, hi };
    for (int k = 0; k < 5; k++) if (pct_fits(c, (double)t[k], p, d)) return t[k];
    return 0;
}

/* "11 of 19 is 57.9%, not 47.4% (47.4% of 19 is 9)" */
static int note_pct(rec_t *r, double c, long N, double p, int d, const char *why)
{
    double t = 100.0 * c / (double)N, k = p * (double)N / 100.0;
    int td = d > 0 ? d : 1;
    return flag(r, "pct_vs_count", "%s of %ld is %s%%, not %s%% (%s%% of %ld is %s)%s%s", fg(c), N,
                fx(t, td), fx(p, d), fx(p, d), N, is_int(round_to(k, 1)) ? fx(k, 0) : fx(k, 1),
                why ? "; " : "", why ? why : "");
}

/* "no whole number N gives 11/N = 47.4%: 11/23 = 47.8%, 11/24 = 45.8%" */
static int note_no_n(rec_t *r, double c, double p, int d)
{
    double x = 100.0 * c / p;
    if (!(x < 1e15)) return 0;
    long a = (long)floor(x), b = a + 1;
    int td = d > 0 ? d : 1;
    if (a < 1 || a < c) return flag(r, "pct_vs_count", "%s cannot be %s%% of a whole number of patients "
                                    "(it would need %s of them)", fg(c), fx(p, d), fx(x, 1));
    return flag(r, "pct_vs_count", "no whole number N gives %s/N = %s%%: %s/%ld = %s%%, %s/%ld = %s%%",
                fg(c), fx(p, d), fg(c), a, fx(100.0 * c / (double)a, td), fg(c), b,
                fx(100.0 * c / (double)b, td));
}

/* Group sizes stated anywhere in the article, by loosely matched group name. */
typedef struct { words_t w; long n, line; } gsize_t;
typedef struct { gsize_t *v; size_t n, cap; } gsizes_t;

static const char *const GSTOP[] = { "group", "groups", "arm", "arms", "the", "n", "patients", "patient",
                                     "participants", "subjects", "treatment", "treated", "of", "in", "with",
                                     "and", "cohort", "total", NULL };

static void group_words(const char *g, words_t *w)
{
    const char *c = g ? strrchr(g, ':') : NULL;
    split_words(c ? c + 1 : g, w, GSTOP, 1);
}

static int is_comparison(const char *g)
{
    return g && (strstr(g, " vs") || strstr(g, " versus "));
}

static int gsizes_build(gsizes_t *G, const rec_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const rec_t *r = &v[i];
        long N = r->n;
        if (is_kind(r, "n") && r->nvalues == 1 && is_int(r->values[0]) && fabs(r->values[0]) < 1e9)
            N = (long)r->values[0];
        if (N <= 0 || !r->group || is_comparison(r->group)) continue;
        gsize_t e;
        group_words(r->group, &e.w);
        if (!e.w.nw) continue;
        e.n = N;
        e.line = r->line;
        size_t k;
        for (k = 0; k < G->n; k++)
            if (G->v[k].n == N && subset(&G->v[k].w, &e.w) && subset(&e.w, &G->v[k].w)) break;
        if (k < G->n || G->n >= 256) continue;
        if (G->n == G->cap) {
            size_t cap = G->cap ? G->cap * 2 : 16;
            gsize_t *nv = realloc(G->v, cap * sizeof *nv);
            if (!nv) return -1;
            G->v = nv;
            G->cap = cap;
        }
        G->v[G->n++] = e;
    }
    return 0;
}

/* The distinct sizes of r's group (at most cap), with the line of each. */
static int group_sizes(const gsizes_t *G, const rec_t *r, long *N, long *line, int cap)
{
    words_t w;
    int k = 0;
    if (!r->group || is_comparison(r->group)) return 0;
    group_words(r->group, &w);
    if (!w.nw) return 0;
    for (size_t i = 0; i < G->n && k < cap; i++) {
        if (!subset(&w, &G->v[i].w) && !subset(&G->v[i].w, &w)) continue;
        int j;
        for (j = 0; j < k; j++) if (N[j] == G->v[i].n) break;
        if (j == k) { N[k] = G->v[i].n; line[k] = G->v[i].line; k++; }
    }
    return k;
}

/* Sort keys for grouping records (table columns, places of one variable). */
typedef struct { char *key; size_t i; } key_t_;

static int cmp_key(const void *a, const void *b)
{
    const key_t_ *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* The table column's N, by consensus of its count (p%) rows: the whole N that most rows fit,
 * when at least 3 rows and 60% of the informative ones fit it. cons[i] receives it (0: none). */
static int column_consensus(const rec_t *v, size_t n, long *cons)
{
    key_t_ *k = malloc((n ? n : 1) * sizeof *k);
    size_t m = 0;
    int rc = -1;
    if (!k) return -1;
    for (size_t i = 0; i < n; i++) {
        const rec_t *r = &v[i];
        cons[i] = 0;
        if (!is_kind(r, "count_pct") || r->nvalues != 2 || r->n > 0 || !r->table || !r->group) continue;
        size_t len = strlen(r->table) + strlen(r->group) + 2;
        if (!(k[m].key = malloc(len))) goto out;
        snprintf(k[m].key, len, "%s\x1f%s", r->table, r->group);
        k[m++].i = i;
    }
    qsort(k, m, sizeof *k, cmp_key);
    for (size_t a = 0; a < m; ) {
        size_t b = a + 1;
        while (b < m && !strcmp(k[a].key, k[b].key)) b++;
        struct { long N; int votes; } vt[256];
        int nvt = 0, informative = 0;
        for (size_t x = a; x < b; x++) {
            const rec_t *r = &v[k[x].i];
            int dec[REC_MAXV];
            long lo, hi;
            decimals(r, dec, NULL, NULL);
            if (!is_int(r->values[0]) || !pct_range(r->values[0], r->values[1], dec[1], &lo, &hi) || hi - lo > 60)
                continue;
            informative++;
            for (long N = lo; N <= hi; N++) {
                if (!pct_fits(r->values[0], (double)N, r->values[1], dec[1])) continue;
                int j;
                for (j = 0; j < nvt; j++) if (vt[j].N == N) break;
                if (j == nvt) { if (nvt == 256) continue; vt[nvt].N = N; vt[nvt++].votes = 0; }
                vt[j].votes++;
            }
        }
        int best = 0;
        for (int j = 0; j < nvt; j++) if (vt[j].votes > best) best = vt[j].votes;
        if (best >= 3 && best >= 0.6 * informative) {
            long N = 0;
            int ties = 0;
            for (int j = 0; j < nvt; j++) if (vt[j].votes == best) { if (!N) N = vt[j].N; ties++; }
            if (ties == 1) for (size_t x = a; x < b; x++) cons[k[x].i] = N;
        }
        a = b;
    }
    rc = 0;
out:
    for (size_t i = 0; i < m; i++) free(k[i].key);
    free(k);
    return rc;
}

/* An "n = 24" in the same sentence just before r (at most 160 bytes, no other count between). */
static long sentence_n(const rec_t *v, size_t i)
{
    const rec_t *r = &v[i];
    for (size_t k = i; k-- > 0 && i - k <= 3; ) {
        const rec_t *q = &v[k];
        if (q->line != r->line || q->offset < 0 || r->offset < 0 || r->offset - q->offset > 160) return 0;
        if (is_kind(q, "count_pct") || is_kind(q, "count_total_pct")) return 0;
        if (is_kind(q, "n") && q->nvalues == 1 && is_int(q->values[0]) && q->values[0] > 0 && q->values[0] < 1e9)
            return (long)q->values[0];
    }
    return 0;
}

static int check_pct(rec_t *r, const gsizes_t *G, long cons, long sn)
{
    int dec[REC_MAXV];
    decimals(r, dec, NULL, NULL);
    if (is_kind(r, "count_total_pct") && r->nvalues == 3) {
        double c = r->values[0], N = r->values[1], p = r->values[2];
        if (N <= 0 || c < 0 || pct_fits(c, N, p, dec[2])) return 0;
        if (N > 1e12 || c > 1e12) return 0;
        int td = dec[2] > 0 ? dec[2] : 1;
        double k = p * N / 100.0;
        return flag(r, "pct_vs_count", "%s/%s is %s%%, not %s%% (%s%% of %s is %s)", fg(c), fg(N),
                    fx(100 * c / N, td), fx(p, dec[2]), fx(p, dec[2]), fg(N),
                    is_int(round_to(k, 1)) ? fx(k, 0) : fx(k, 1));
    }
    if (!is_kind(r, "count_pct") || r->nvalues != 2) return 0;
    double c = r->values[0], p = r->values[1];
    int d = dec[1];
    if (c < 0 || c > 1e9 || p < 0 || !is_int(c)) return 0;
    if (c == 0) {
        if (p > hu(d)) return flag(r, "pct_vs_count", "0 patients cannot be %s%%", fx(p, d));
        return 0;
    }
    if (r->n > 0 && r->table) {            /* the table column's n: strict */
        if (pct_fits(c, (double)r->n, p, d)) return 0;
        return note_pct(r, c, r->n, p, d, NULL);
    }
    if (sn >= c) {                         /* "(n = 24)" just before, in the same sentence: strict */
        if (pct_fits(c, (double)sn, p, d)) return 0;
        return note_pct(r, c, sn, p, d, "the n is stated just before, in the same sentence");
    }
    if (cons > 0) {                        /* the N the other rows of the column give */
        if (pct_fits(c, (double)cons, p, d)) return 0;
        char why[96];
        snprintf(why, sizeof why, "the column's other percentages give N = %ld", cons);
        return note_pct(r, c, cons, p, d, why);
    }
    /* the group's n from the text (the record's own, or stated elsewhere): a sentence may speak of
     * a subset of the group, so flag only when no whole denominator up to that n gives p */
    long N[18], line[18];
    int k = G ? group_sizes(G, r, N, line, 16) : 0;
    if (r->n > 0) {                        /* the record's own first */
        memmove(N + 1, N, (size_t)k * sizeof *N);
        memmove(line + 1, line, (size_t)k * sizeof *line);
        N[0] = r->n;
        line[0] = r->line;
        k++;
    }
    long first = 0, fline = 0;
    int distinct = 0;
    for (int j = 0; j < k; j++) {
        if (N[j] < c) continue;            /* not this count's denominator: the attribution is off */
        if (pct_fits(c, (double)N[j], p, d)) return 0;
        if (N[j] != first) distinct++;
        if (!first) { first = N[j]; fline = line[j]; }
    }
    /* only when the article gives the group one n: several mean the attribution is unsure */
    if (distinct == 1 && !whole_n(c, p, d, 1, first)) {
        char why[160];
        snprintf(why, sizeof why, "the group's n, %ld, is stated on line %ld; no subset of it gives %s%% either",
                 first, fline, fx(p, d));
        return note_pct(r, c, first, p, d, why);
    }
    if (!whole_n(c, p, d, 1, 1000000000L)) return note_no_n(r, c, p, d);
    return 0;
}

/* ---- counts and the group's n ------------------------------------------------------ */

static int check_counts(rec_t *r)
{
    if (!is_kind(r, "counts") || r->nvalues != 2 || r->n <= 0) return 0;
    double a = r->values[0], b = r->values[1];
    if (!is_int(a) || !is_int(b) || a < 0 || b < 0 || fabs(a + b - (double)r->n) < 0.5) return 0;
    return flag(r, "counts_vs_n", "%s + %s = %s, but the group's n is %ld", fg(a), fg(b), fg(a + b), r->n);
}

/* ---- estimates, CIs and p-values --------------------------------------------------- */

typedef struct { double lo, hi; } iv_t;

enum { SC_NONE, SC_LIN, SC_LOG, SC_EITHER };

static int ci_scale(const rec_t *r)
{
    if (is_kind(r, "mean_ci")) return SC_EITHER;
    const char *m = r->measure;
    if (!m) return SC_EITHER;
    if (!strcmp(m, "HR") || !strcmp(m, "OR") || !strcmp(m, "RR") || !strcmp(m, "IRR")) return SC_LOG;
    if (!strcmp(m, "MD") || !strcmp(m, "SMD") || !strcmp(m, "RD")) return SC_LIN;
    if (!strcmp(m, "proportion")) return SC_NONE;
    return SC_EITHER;
}

/* The interval a printed number stands for, on a scale; 0 if impossible (log of <= 0). */
static int box(double x, int d, int sc, iv_t *o)
{
    double h = hu(d);
    o->lo = x - h;
    o->hi = x + h;
    if (sc == SC_LOG) {
        if (o->lo <= 0) return 0;
        o->lo = log(o->lo);
        o->hi = log(o->hi);
    }
    return 1;
}

static double tr(double x, int sc) { return sc == SC_LOG ? log(x) : x; }

static double absmin(iv_t a) { return a.lo <= 0 && a.hi >= 0 ? 0 : fmin(fabs(a.lo), fabs(a.hi)); }
static double absmax(iv_t a) { return fmax(fabs(a.lo), fabs(a.hi)); }

/* How asymmetric the CI is at least, over what the printed digits allow: |arm1 - arm2| / width. */
static double asym_min(const iv_t *E, const iv_t *L, const iv_t *H)
{
    iv_t num = { 2 * E->lo - L->hi - H->hi, 2 * E->hi - L->lo - H->lo };
    double den = H->hi - L->lo;
    return den > 0 ? absmin(num) / den : 0;
}

static double asym_at(double e, double l, double h, int sc)
{
    double E = tr(e, sc), L = tr(l, sc), H = tr(h, sc);
    return H > L ? fabs(2 * E - L - H) / (H - L) : 0;
}

static double level_z(const rec_t *r)
{
    double lv = r->level;
    if (!(lv > 0 && lv < 100)) lv = 95;
    return gsl_cdf_ugaussian_Qinv((1 - lv / 100) / 2);
}

static double z_of_p(double p) { return p >= 1 ? 0 : p <= 0 ? INFINITY : gsl_cdf_ugaussian_Qinv(p / 2); }
static double p_of_z(double z) { return 2 * gsl_cdf_ugaussian_Q(z); }

/* The p-value reported right after the estimate: the next record, in the same sentence (at
 * most 80 bytes after the estimate's text) or the same table row; for a CI continued in a
 * later block (read:ci_split), the next record of the same variable within 10 lines. */
static rec_t *paired_p(rec_t *v, size_t n, size_t i)
{
    rec_t *e = &v[i], *p;
    if (i + 1 >= n) return NULL;
    p = &v[i+1];
    if (!is_kind(p, "p_value") || p->nvalues != 1 || !(p->values[0] >= 0 && p->values[0] <= 1)) return NULL;
    if ((e->table == NULL) != (p->table == NULL) || (e->table && strcmp(e->table, p->table))) return NULL;
    if (e->table) return p->line == e->line ? p : NULL;
    if (rec_has_flag(e, "read:ci_split"))
        return e->variable && p->variable && !strcmp(e->variable, p->variable) && p->line - e->line <= 10 ? p : NULL;
    if (e->offset >= 0 && p->offset >= 0) {
        long end = e->offset + (long)(e->text ? strlen(e->text) : 0);
        return p->line - e->line <= 1 && p->offset >= end && p->offset - end <= 80 ? p : NULL;
    }
    return p->line == e->line || p->line == e->line + 1 ? p : NULL;
}

/* "HR 3.68 (95% CI 1.38 to 9.85)" */
static void describe_est(const rec_t *r, const int *dec, char *buf, size_t cap)
{
    double lv = r->level > 0 && r->level < 100 ? r->level : 95;
    const char *m = r->measure && strcmp(r->measure, "other") ? r->measure : is_kind(r, "mean_ci") ? "mean" : "estimate";
    snprintf(buf, cap, "%s %s (%s%% CI %s to %s)", m, fx(r->values[0], dec[0]), fg(lv), fx(r->values[1], dec[1]),
             fx(r->values[2], dec[2]));
}

static int check_p(rec_t *e, const int *dec, int sc, rec_t *p, const check_ctx_t *cx)
{
    double l = e->values[1], h = e->values[2];
    if (is_kind(e, "mean_ci") || (e->measure && (!strcmp(e->measure, "mean") || !strcmp(e->measure, "proportion"))))
        return 0;                          /* no null value to test against */
    if (sc == SC_EITHER) {                 /* "other": the scale on which the CI is symmetric */
        if (l <= 0 || e->values[0] <= 0) sc = SC_LIN;
        else {
            double rl = asym_at(e->values[0], l, h, SC_LIN), rg = asym_at(e->values[0], l, h, SC_LOG);
            if (rg < rl / 2 && rl > 0.05) sc = SC_LOG;
            else if (rl < rg / 2 && rg > 0.05) sc = SC_LIN;
            else return 0;
        }
    }
    if (sc != SC_LIN && sc != SC_LOG) return 0;
    iv_t E, L, H;
    int pd[1];
    if (!box(e->values[0], dec[0], sc, &E) || !box(l, dec[1], sc, &L) || !box(h, dec[2], sc, &H)) return 0;
    if (H.lo - L.hi <= 0) return 0;
    decimals(p, pd, NULL, NULL);
    double x = p->values[0], plo, phi;
    const char *op = p->op ? p->op : "=";
    if (op[0] == '<') { plo = 0; phi = x; }
    else if (op[0] == '>') { plo = x; phi = 1; }
    else { plo = fmax(0, x - hu(pd[0])); phi = fmin(1, x + hu(pd[0])); }
    double zc = level_z(e), alpha = 2 * gsl_cdf_ugaussian_Q(zc);
    double semin = (H.lo - L.hi) / (2 * zc), semax = (H.hi - L.lo) / (2 * zc);
    iv_t C = { (L.lo + H.lo) / 2, (L.hi + H.hi) / 2 };      /* the estimate as the CI's centre */
    double zlo = fmin(absmin(E), absmin(C)) / semax, zhi = fmax(absmax(E), absmax(C)) / semin;
    double E0 = tr(e->values[0], sc), se0 = (tr(h, sc) - tr(l, sc)) / (2 * zc), z0 = fabs(E0) / se0;
    double rzlo = z_of_p(phi), rzhi = z_of_p(plo);
    char est[160];
    describe_est(e, dec, est, sizeof est);
    const char *null = sc == SC_LOG ? "1" : "0";
    /* the significance the CI shows and the one the p claims, whatever the rounding */
    int excl = L.lo > 0 || H.hi < 0, incl = L.hi < 0 && H.lo > 0;
    if ((excl && plo > alpha + 1e-12) || (incl && phi < alpha - 1e-12)) {
        if (flag(p, "p_vs_ci_significance", "%s says %s at %s%%, but the %s %s %s (the CI gives p = %s)", p->text,
                 excl ? "not significant" : "significant", fg(round_to(100 * alpha, 6)), est,
                 excl ? "excludes" : "includes", null, fx(p_of_z(z0), 3)))
            return -1;
    }
    double gap = 0;
    int smaller = 0;
    if (rzlo > zhi) { gap = rzlo - zhi; smaller = 1; }
    else if (rzhi < zlo) gap = zlo - rzhi;
    if (gap <= CHECK_Z_SLACK) return 0;
    if (sc == SC_LIN && cx && cx->rank_tests) return 0;  /* the p of a difference may be a rank test's */
    double pa = p_of_z(zhi), pb = p_of_z(zlo), pc = p_of_z(z0);
    return flag(p, "p_vs_ci", "%s does not fit %s: the CI gives p = %.2g (%.2g to %.2g over its printed "
                "digits), should be about %.2g (z %.2f from the CI, %s %.2f from the p: %.2f apart, %.1f allowed)",
                p->text, est, pc, pa, pb, pc, z0, smaller ? "at least" : "at most", smaller ? rzlo : rzhi, gap,
                CHECK_Z_SLACK);
}

static int check_ci(rec_t *v, size_t n, size_t i, const check_ctx_t *cx)
{
    rec_t *r = &v[i];
    if (!(is_kind(r, "estimate_ci") || is_kind(r, "mean_ci")) || r->nvalues != 3) return 0;
    int dec[REC_MAXV];
    decimals(r, dec, NULL, NULL);
    double e = r->values[0], l = r->values[1], h = r->values[2];
    if (l > h) return 0;
    if (e + hu(dec[0]) < l - hu(dec[1]) || e - hu(dec[0]) > h + hu(dec[2])) {
        int sc = ci_scale(r) == SC_LOG && l > 0 ? SC_LOG : SC_LIN;
        double mid = sc == SC_LOG ? sqrt(l * h) : (l + h) / 2;
        return flag(r, "estimate_outside_ci", "%s %s lies outside its CI %s to %s (the CI's centre is %s)",
                    r->measure && strcmp(r->measure, "other") ? r->measure : "estimate", fx(e, dec[0]),
                    fx(l, dec[1]), fx(h, dec[2]), fx(mid, dec[0] + 1));
    }
    int sc = ci_scale(r);
    if (sc == SC_NONE) return 0;
    /* asymmetry: on the measure's scale; for "other", only when asymmetric on both */
    int scales[2], ns = 0;
    if (sc == SC_LOG || sc == SC_LIN) scales[ns++] = sc;
    else if (l <= 0 || e <= 0) scales[ns++] = SC_LIN;
    else { scales[ns++] = SC_LIN; scales[ns++] = SC_LOG; }
    int asym = 1;
    for (int k = 0; k < ns && asym; k++) {
        iv_t E, L, H;
        if (!box(e, dec[0], scales[k], &E) || !box(l, dec[1], scales[k], &L) || !box(h, dec[2], scales[k], &H) ||
            asym_min(&E, &L, &H) <= CHECK_ASYM)
            asym = 0;
    }
    if (asym) {
        int s = scales[ns - 1], ad = s == SC_LOG ? 3 : dec[1] > dec[2] ? dec[1] : dec[2];
        double E = tr(e, s), L = tr(l, s), H = tr(h, s), mid = s == SC_LOG ? sqrt(l * h) : (l + h) / 2;
        if (flag(r, "ci_asymmetric", "the CI %s to %s is not symmetric around %s%s: %s below, %s above "
                 "(its centre is %s)", fx(l, dec[1]), fx(h, dec[2]), fx(e, dec[0]),
                 s == SC_LOG ? " on the log scale" : "", fx(E - L, ad), fx(H - E, ad), fx(mid, ad + 1)))
            return -1;
        return 0;                          /* a broken CI says nothing about its p */
    }
    rec_t *p = is_kind(r, "estimate_ci") ? paired_p(v, n, i) : NULL;
    return p ? check_p(r, dec, sc, p, cx) : 0;
}

/* ---- medians, SDs ------------------------------------------------------------------ */

static int check_median(rec_t *r)
{
    if (!(is_kind(r, "median_iqr") || is_kind(r, "median_range")) || r->nvalues != 3) return 0;
    int dec[REC_MAXV];
    decimals(r, dec, NULL, NULL);
    double m = r->values[0], a = r->values[1], b = r->values[2];
    if (a > b) return 0;
    if (m + hu(dec[0]) < a - hu(dec[1]) || m - hu(dec[0]) > b + hu(dec[2]))
        return flag(r, "median_outside", "median %s lies outside its %s %s to %s", fx(m, dec[0]),
                    is_kind(r, "median_iqr") ? "IQR" : "range", fx(a, dec[1]), fx(b, dec[2]));
    return 0;
}

/* The letters right after a token ("1 hour", "250 mL"), lowercased, into w. */
static void unit_after(const char *s, const tok_t *t, char *w, size_t cap)
{
    size_t i = t->e, k = 0;
    while (s[i] == ' ') i++;
    while (isalpha((unsigned char)s[i]) && k + 1 < cap) w[k++] = (char)tolower((unsigned char)s[i++]);
    w[k] = '\0';
}

static int check_sd(const signed_t *S, rec_t *r)
{
    if (!is_kind(r, "mean_sd") || r->nvalues != 2) return 0;
    int dec[REC_MAXV], ti[REC_MAXV];
    tok_t t[48];
    decimals(r, dec, t, ti);
    double m = r->values[0], s = r->values[1];
    if (m <= 0 || s - hu(dec[1]) <= m + hu(dec[0])) return 0;
    /* "920 mL over 1 hour (SD 250 mL)": two quantities in one figure is a reading problem */
    if (ti[0] >= 0 && ti[1] >= 0) {
        char u0[16], u1[16];
        unit_after(r->text, &t[ti[0]], u0, sizeof u0);
        unit_after(r->text, &t[ti[1]], u1, sizeof u1);
        if (u0[0] && u1[0] && strcmp(u0, u1)) return 0;
    }
    int sg = signed_context(S, r);
    if (sg) return sg < 0 ? -1 : 0;
    double below = 100 * gsl_cdf_ugaussian_P(-m / s);
    return flag(r, "sd_gt_mean", "SD %s is larger than the mean %s of a quantity that cannot be negative: "
                "the data are skewed (a normal distribution with this mean and SD would put %.0f%% "
                "below 0), so mean \xC2\xB1 SD describes them poorly; a warning sign, not an arithmetic error",
                fx(s, dec[1]), fx(m, dec[0]), below);
}

/* ---- units -------------------------------------------------------------------------- */

typedef enum {
    U_NONE, U_UNKNOWN, U_UMOL_L, U_MMOL_L, U_MG_DL, U_G_L, U_G_DL, U_E9_L, U_PER_UL, U_E4_UL,
    U_U_L, U_PCT, U_SEC, U_YEARS, U_MMOL_MOL, U_L_L, U_NU
} unit_t;

static const char *const UNIT_NAME[U_NU] = {
    "no unit", "?", "\xCE\xBCmol/L", "mmol/L", "mg/dL", "g/L", "g/dL",
    ("\xC3\x97" "10^9/L (= \xC3\x97" "10^3/mm\xC2\xB3)"),     /* split: a hex escape ends before a digit */
    "cells/mm\xC2\xB3 (= /\xCE\xBCL)", ("\xC3\x97" "10^4/\xCE\xBCL"), "U/L", "%", "s", "years", "mmol/mol", "L/L"
};

/* The unit class of a unit as printed: spaces dropped, ASCII lowercased, μ/µ as u, superscripts
 * as digits, "cells" dropped; a lost character (U+FFFD) makes it unknown. */
static unit_t unit_class(const char *u)
{
    char b[64];
    size_t k = 0;
    if (!u || !*u) return U_NONE;
    if (strstr(u, "\xEF\xBF\xBD")) return U_UNKNOWN;
    for (const unsigned char *s = (const unsigned char *)u; *s && k + 2 < sizeof b; ) {
        if (*s == ' ' || *s == '^') { s++; continue; }
        if (s[0] == 0xC2 && s[1] == 0xA0) { s += 2; continue; }                          /* nbsp */
        if ((s[0] == 0xC2 && s[1] == 0xB5) || (s[0] == 0xCE && s[1] == 0xBC)) { b[k++] = 'u'; s += 2; continue; }
        if (s[0] == 0xC2 && s[1] == 0xB3) { b[k++] = '3'; s += 2; continue; }            /* ³ */
        if (s[0] == 0xC3 && s[1] == 0x97) { b[k++] = 'x'; s += 2; continue; }            /* × */
        if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xB9) { b[k++] = '9'; s += 3; continue; }   /* ⁹ */
        if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xB4) { b[k++] = '4'; s += 3; continue; }   /* ⁴ */
        b[k++] = (char)tolower(*s++);
    }
    b[k] = '\0';
    char *c = strstr(b, "cells");
    if (c) memmove(c, c + 5, strlen(c + 5) + 1);
    else if ((c = strstr(b, "cell"))) memmove(c, c + 4, strlen(c + 4) + 1);
    static const struct { const char *s; unit_t u; } T[] = {
        { "umol/l", U_UMOL_L }, { "mmol/l", U_MMOL_L }, { "mg/dl", U_MG_DL }, { "g/l", U_G_L },
        { "g/dl", U_G_DL }, { "x109/l", U_E9_L }, { "109/l", U_E9_L }, { "x10e9/l", U_E9_L },
        { "x103/ul", U_E9_L }, { "103/ul", U_E9_L }, { "x103/mm3", U_E9_L }, { "103/mm3", U_E9_L },
        { "k/ul", U_E9_L }, { "g/l(x109)", U_E9_L }, { "/mm3", U_PER_UL }, { "mm3", U_PER_UL },
        { "/ul", U_PER_UL }, { "x104/ul", U_E4_UL }, { "104/ul", U_E4_UL }, { "u/l", U_U_L },
        { "iu/l", U_U_L }, { "%", U_PCT }, { "s", U_SEC }, { "sec", U_SEC }, { "seconds", U_SEC },
        { "years", U_YEARS }, { "year", U_YEARS }, { "yr", U_YEARS }, { "yrs", U_YEARS }, { "y", U_YEARS },
        { "mmol/mol", U_MMOL_MOL }, { "l/l", U_L_L }, { "points", U_NONE }, { "score", U_NONE },
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) if (!strcmp(b, T[i].s)) return T[i].u;
    return U_UNKNOWN;
}

typedef struct { unit_t u; double lo, hi; } urange_t;
typedef struct {
    const char *what;       /* in the note */
    const char *names;      /* "|"-separated names and abbreviations, lowercase words */
    const char *excl;       /* "|"-separated words that make it another quantity */
    int scale;              /* a score: its scale is the range, unit or not */
    urange_t r[4];
} qty_t;

/* Values possible in patients (broad: the extremes of disease, not the normal range), per unit.
 * Sources: reference intervals and conversion factors of the Merck Manual Professional, "Normal
 * Laboratory Values" (blood, plasma, serum), and of Tietz Clinical Guide to Laboratory Tests;
 * MELD 6-40 (UNOS/OPTN MELD calculator: bounded at 6 and capped at 40); Child-Pugh 5-15 (Pugh et
 * al., Br J Surg 1973). Bilirubin 1 mg/dL = 17.1 μmol/L; creatinine 1 mg/dL = 88.4 μmol/L;
 * platelets 1 ×10^9/L = 1 ×10^3/mm³ = 1000 /mm³. */
static const qty_t QTY[] = {
    { "bilirubin", "tbil|tbili|stb|bilirubin|dbil|ibil", "urine|urinary", 0,
      { { U_UMOL_L, 1, 1500 }, { U_MG_DL, 0.05, 90 }, { U_MMOL_L, 0.001, 1.5 } } },
    { "albumin", "alb|albumin", "ratio|urine|urinary|creatinine|globulin", 0,
      { { U_G_L, 5, 70 }, { U_G_DL, 0.5, 7 } } },
    { "total protein", "tp|total protein|serum protein", "urine|urinary", 0,
      { { U_G_L, 20, 130 }, { U_G_DL, 2, 13 } } },
    { "creatinine", "cr|scr|crea|creatinine", "urine|urinary|ratio|clearance|excretion", 0,
      { { U_UMOL_L, 10, 2500 }, { U_MG_DL, 0.1, 28 }, { U_MMOL_L, 0.01, 2.5 } } },
    { "an aminotransferase", "alt|ast|sgpt|sgot|gpt|got|alanine aminotransferase|aspartate aminotransferase|"
      "alanine transaminase|aspartate transaminase", NULL, 0, { { U_U_L, 1, 30000 } } },
    { "platelets", "plt|plts|platelet|platelets", "volume|mpv|distribution|ratio", 0,
      { { U_E9_L, 1, 2500 }, { U_PER_UL, 1000, 2500000 }, { U_E4_UL, 0.1, 250 } } },
    { "white cells", "wbc|leukocytes|leucocytes|white blood cells|white blood cell|white cell count", NULL, 0,
      { { U_E9_L, 0.1, 500 }, { U_PER_UL, 100, 500000 } } },
    { "haemoglobin", "hb|hgb|hemoglobin|haemoglobin", "a1c|hba1c|glycated|glycosylated", 0,
      { { U_G_L, 20, 260 }, { U_G_DL, 2, 26 }, { U_MMOL_L, 1.2, 16 } } },
    { "HbA1c", "hba1c|a1c|glycated hemoglobin|glycated haemoglobin", NULL, 0,
      { { U_PCT, 3, 20 }, { U_MMOL_MOL, 9, 200 } } },
    { "haematocrit", "hct|hematocrit|haematocrit", NULL, 0, { { U_PCT, 5, 80 }, { U_L_L, 0.05, 0.8 } } },
    { "urate", "urate|uric acid", "urine|urinary|excretion|clearance", 0,
      { { U_UMOL_L, 30, 1500 }, { U_MG_DL, 0.5, 25 }, { U_MMOL_L, 0.03, 1.5 } } },
    { "urea", "urea|bun|blood urea nitrogen", "urine|urinary|excretion|clearance", 0,
      { { U_MMOL_L, 0.5, 120 }, { U_MG_DL, 1, 350 } } },
    { "sodium", "sodium|serum sodium", "urine|urinary|excretion|fractional|intake|clearance", 0,
      { { U_MMOL_L, 90, 200 } } },
    { "potassium", "potassium|serum potassium", "urine|urinary|excretion|fractional|intake|clearance", 0,
      { { U_MMOL_L, 1, 12 } } },
    { "glucose", "glucose|fasting glucose|blood glucose|plasma glucose|fpg", "urine|urinary", 0,
      { { U_MMOL_L, 1, 70 }, { U_MG_DL, 18, 1300 } } },
    { "INR", "inr", NULL, 0, { { U_NONE, 0.5, 15 } } },
    { "prothrombin activity", "pta|prothrombin activity|prothrombin time activity", NULL, 0,
      { { U_PCT, 1, 200 } } },
    { "cholinesterase", "che|pche|cholinesterase", NULL, 0, { { U_U_L, 50, 30000 } } },
    { "the MELD score (scale 6 to 40)", "meld|meld score|meld na|meldna|meld sodium", NULL, 1,
      { { U_NONE, 6, 40 } } },
    { "the Child-Pugh score (scale 5 to 15)", "child pugh|child pugh score|ctp score|child turcotte pugh", "class",
      1, { { U_NONE, 5, 15 } } },
    { "age", "age", "onset|gestational|months|days|weeks", 0, { { U_YEARS, 0, 120 } } },
};

/* Does the list "a|b c|d" hold a name that occurs as whole words in w? */
static int names_match(const words_t *w, const char *list)
{
    if (!list) return 0;
    for (const char *p = list; *p; ) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char name[64];
        words_t nw;
        if (len >= sizeof name) len = sizeof name - 1;
        memcpy(name, p, len);
        name[len] = '\0';
        split_words(name, &nw, NULL, 0);
        for (int i = 0; nw.nw && i + nw.nw <= w->nw; i++) {
            int k;
            for (k = 0; k < nw.nw; k++) if (strcmp(w->w[i+k], nw.w[k])) break;
            if (k == nw.nw) return 1;
        }
        p += len;
        if (*p == '|') p++;
    }
    return 0;
}

static const qty_t *quantity_of(const char *variable)
{
    words_t w;
    split_words(variable, &w, NULL, 0);
    for (size_t q = 0; q < sizeof QTY / sizeof *QTY; q++)
        if (names_match(&w, QTY[q].names) && !names_match(&w, QTY[q].excl)) return &QTY[q];
    return NULL;
}

/* The values of r that describe the level of a quantity (not its spread). */
static int level_values(const rec_t *r, double *x)
{
    const char *k = r->kind;
    if (!strcmp(k, "mean_sd") || !strcmp(k, "mean_se") || !strcmp(k, "mean") || !strcmp(k, "median") ||
        !strcmp(k, "mean_ci") || !strcmp(k, "median_range")) { x[0] = r->values[0]; return r->nvalues >= 1; }
    if (!strcmp(k, "median_iqr") && r->nvalues == 3) { memcpy(x, r->values, 3 * sizeof *x); return 3; }
    if (!strcmp(k, "range") && r->nvalues == 2) { memcpy(x, r->values, 2 * sizeof *x); return 2; }
    return 0;
}

static int check_unit(const signed_t *S, rec_t *r)
{
    double x[3];
    int nx;
    if (!r->kind || !(nx = level_values(r, x))) return 0;
    unit_t u = unit_class(r->unit);
    if (!r->variable) return 0;
    const qty_t *q = quantity_of(r->variable);
    if (!q || u == U_UNKNOWN) return 0;
    const urange_t *ur = NULL;
    for (int k = 0; k < 4 && q->r[k].hi > 0; k++) if (q->r[k].u == u) ur = &q->r[k];
    if (!ur) return 0;                     /* a unit we do not know for it: no judgement */
    int bad = 0;
    for (int j = 0; j < nx; j++) if (x[j] < ur->lo || x[j] > ur->hi) bad = 1;
    if (!bad) return 0;
    int sg = signed_context(S, r);
    if (sg) return sg < 0 ? -1 : 0;
    char vals[96] = "", fits[160] = "";
    size_t k = 0;
    for (int j = 0; j < nx && k < sizeof vals; j++)
        k += (size_t)snprintf(vals + k, sizeof vals - k, "%s%s", j ? ", " : "", fg(x[j]));
    if (q->scale)
        return flag(r, "unit_implausible", "%s %s: outside %s", r->variable, vals, q->what);
    k = 0;
    for (int m = 0; m < 4 && q->r[m].hi > 0; m++) {
        int ok = 1;
        if (q->r[m].u == u) continue;
        for (int j = 0; j < nx; j++) if (x[j] < q->r[m].lo || x[j] > q->r[m].hi) ok = 0;
        if (ok && k < sizeof fits)
            k += (size_t)snprintf(fits + k, sizeof fits - k, "%s%s", k ? " or " : "", UNIT_NAME[q->r[m].u]);
    }
    return flag(r, "unit_implausible", "%s %s %s is impossible for %s (it runs about %s to %s %s)%s%s",
                r->variable, vals, r->unit ? r->unit : "", q->what, fg(ur->lo), fg(ur->hi), UNIT_NAME[u],
                k ? "; the values fit " : "", fits);
}

/* A percentage of patients above 100 (or below 0). */
static int check_pct_range(rec_t *r)
{
    double p = -1;
    if (is_kind(r, "count_pct") && r->nvalues == 2) p = r->values[1];
    else if (is_kind(r, "count_total_pct") && r->nvalues == 3) p = r->values[2];
    else if (is_kind(r, "pct") && r->nvalues == 1 && !is_change(r->variable)) p = r->values[0];
    else return 0;
    if (p <= 100 && p >= 0) return 0;
    return flag(r, "unit_implausible", "%s%% is not a percentage of patients (0 to 100)", fg(p));
}

/* ---- the same figure in two places ------------------------------------------------- */

static void norm_into(char *o, size_t cap, size_t *k, const char *s)
{
    for (; s && *s && *k + 2 < cap; s++)
        if (isalnum((unsigned char)*s)) o[(*k)++] = (char)tolower((unsigned char)*s);
    o[(*k)++] = '|';
    o[*k] = '\0';
}

/* Are a (da decimals) and b (db decimals) the same number printed at two precisions? */
static int same_printed(double a, int da, double b, int db)
{
    if (fabs(a - b) < 1e-9) return 1;
    if (da <= db) return fabs(round_to(b, da) - a) < 1e-9;
    return fabs(round_to(a, db) - b) < 1e-9;
}

/* Records of the same kind, variable, group and timepoint in two different tables whose values
 * differ beyond rounding: "check:value_mismatch" on both, with the other place in a note. */
static int check_mismatch(rec_t *v, size_t n)
{
    key_t_ *k = malloc((n ? n : 1) * sizeof *k);
    size_t m = 0;
    int rc = -1;
    if (!k) return -1;
    for (size_t i = 0; i < n; i++) {
        const rec_t *r = &v[i];
        if (!r->table || !r->variable || !r->group || is_kind(r, "p_value") || is_kind(r, "n")) continue;
        char buf[512];
        size_t len = 0;
        norm_into(buf, sizeof buf, &len, r->kind);
        norm_into(buf, sizeof buf, &len, r->variable);
        const char *g = strrchr(r->group, ':');      /* "Liver cirrhosis: Group C" is "Group C" */
        norm_into(buf, sizeof buf, &len, g ? g + 1 : r->group);
        norm_into(buf, sizeof buf, &len, r->timepoint ? r->timepoint : "");
        if (!(k[m].key = strdup(buf))) goto out;
        k[m++].i = i;
    }
    qsort(k, m, sizeof *k, cmp_key);
    for (size_t a = 0; a < m; ) {
        size_t b = a + 1;
        while (b < m && !strcmp(k[a].key, k[b].key)) b++;
        for (size_t x = a; x < b && b - a <= 8; x++)
            for (size_t y = a; y < b; y++) {
                rec_t *p = &v[k[x].i], *q = &v[k[y].i];
                if (x == y || !strcmp(p->table, q->table) || p->nvalues != q->nvalues) continue;
                int dp[REC_MAXV], dq[REC_MAXV];
                decimals(p, dp, NULL, NULL);
                decimals(q, dq, NULL, NULL);
                char diff[300] = "";
                size_t dl = 0;
                for (int j = 0; j < p->nvalues; j++) {
                    if (same_printed(p->values[j], dp[j], q->values[j], dq[j])) continue;
                    const char *rnd = "";
                    char rb[80] = "";
                    if (dp[j] != dq[j]) {
                        int fine = dp[j] > dq[j];
                        double f = fine ? p->values[j] : q->values[j];
                        int cd = fine ? dq[j] : dp[j];
                        snprintf(rb, sizeof rb, " (%s rounds to %s)", fx(f, fine ? dp[j] : dq[j]), fx(round_to(f, cd), cd));
                        rnd = rb;
                    }
                    if (dl < sizeof diff)
                        dl += (size_t)snprintf(diff + dl, sizeof diff - dl, "%s%s vs %s%s", dl ? ", " : "",
                                               fx(p->values[j], dp[j]), fx(q->values[j], dq[j]), rnd);
                }
                if (!dl) continue;
                if (flag(p, "value_mismatch", "%s gives %s here; %s (line %ld) gives %s: %s", p->table, p->text,
                         q->table, q->line, q->text, diff))
                    goto out;
            }
        a = b;
    }
    rc = 0;
out:
    for (size_t i = 0; i < m; i++) free(k[i].key);
    free(k);
    return rc;
}

/* ---- the article -------------------------------------------------------------------- */

void check_ctx_init(check_ctx_t *cx, const doc_t *d)
{
    static const char *const RANK[] = { "wilcoxon", "mann-whitney", "mann\xE2\x80\x93whitney", "mann whitney",
                                        "kruskal", "rank-sum", "rank sum", "signed-rank", "signed rank", NULL };
    memset(cx, 0, sizeof *cx);
    for (size_t i = 0; d && i < d->nblocks && !cx->rank_tests; i++) {
        const doc_block_t *b = &d->blocks[i];
        const char *s[3] = { b->text.s, NULL, NULL };
        if (b->kind == DOC_TABLE && b->table) { s[0] = b->table->foot.s; s[1] = b->table->caption.s; }
        for (int k = 0; k < 3 && !cx->rank_tests; k++)
            for (int j = 0; s[k] && RANK[j]; j++) if (has_ci(s[k], RANK[j])) { cx->rank_tests = 1; break; }
    }
}

int check_article(rec_t *v, size_t n, const check_ctx_t *cx)
{
    gsizes_t G = { 0 };
    signed_t S = { 0 };
    long *cons = malloc((n ? n : 1) * sizeof *cons);
    int rc = -1;
    if (!cons || gsizes_build(&G, v, n) || signed_build(&S, v, n) || column_consensus(v, n, cons) ||
        check_mismatch(v, n))
        goto out;
    for (size_t i = 0; i < n; i++) {
        rec_t *r = &v[i];
        if (!r->kind) continue;
        if (check_pct(r, &G, cons[i], sentence_n(v, i)) || check_pct_range(r) || check_counts(r) || check_ci(v, n, i, cx) ||
            check_median(r) || check_sd(&S, r) || check_unit(&S, r))
            goto out;
    }
    rc = 0;
out:
    free(G.v);
    signed_free(&S);
    free(cons);
    return rc;
}

/* ---- the report ---------------------------------------------------------------------- */

static const char *const READ_SHOWN[] = { "read:ufffd", "read:ambiguous_dispersion", "read:ci_reversed", NULL };

int check_report(FILE *fp, const char *path, const rec_t *v, size_t n)
{
    int findings = 0, reads = 0;
    const char *dup = NULL;
    for (size_t i = 0; i < n; i++) {
        for (int f = 0; f < v[i].nflags; f++) {
            const char *fl = v[i].flags[f];
            if (!strncmp(fl, "check:", 6)) { for (int k = 0; k < v[i].nnotes; k++) findings += rec_note_of(v[i].notes[k], fl) != NULL; }
            else if (!strncmp(fl, "dup:", 4)) dup = fl;
            else if (in_words(READ_SHOWN, fl)) reads++;
        }
    }
    const char *study = n && v[0].study ? v[0].study : "?";
    if (!findings && !reads && !dup)
        return fprintf(fp, "%s: %s; %zu records: nothing to report\n\n", path, study, n) < 0 ? -1 : 0;
    if (fprintf(fp, "%s: %s; %zu records; %d check finding%s; %d read flag%s%s\n", path, study, n, findings,
                findings == 1 ? "" : "s", reads, reads == 1 ? "" : "s", dup ? "; a duplicate" : "") < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const rec_t *r = &v[i];
        for (int f = 0; f < r->nflags; f++) {
            if (strncmp(r->flags[f], "check:", 6)) continue;
            for (int k = 0; k < r->nnotes; k++) {
                const char *what = rec_note_of(r->notes[k], r->flags[f]);
                if (!what) continue;
                char ctx[400] = "";
                size_t cl = 0;
                const char *parts[4] = { r->variable, r->group, r->timepoint, r->table };
                for (int j = 0; j < 4; j++)
                    if (parts[j] && cl < sizeof ctx)
                        cl += (size_t)snprintf(ctx + cl, sizeof ctx - cl, "%s%s", cl ? "; " : "", parts[j]);
                if (fprintf(fp, "%s:%ld: %s: \"%s\"%s%s%s: %s\n", r->file ? r->file : path, r->line, r->flags[f],
                            r->text ? r->text : "", cl ? " (" : "", ctx, cl ? ")" : "", what) < 0)
                    return -1;
            }
        }
    }
    if (dup && fprintf(fp, "%s: %s: the same article as that file; all %zu records carry the flag\n", path, dup, n) < 0)
        return -1;
    for (int k = 0; READ_SHOWN[k]; k++) {
        int cnt = 0;
        long last = -1;
        char lines[200] = "";
        size_t ll = 0;
        for (size_t i = 0; i < n; i++) {
            if (!rec_has_flag(&v[i], READ_SHOWN[k])) continue;
            cnt++;
            if (v[i].line != last && ll + 24 < sizeof lines) {
                ll += (size_t)snprintf(lines + ll, sizeof lines - ll, "%s%ld", ll ? ", " : "", v[i].line);
                last = v[i].line;
            } else if (v[i].line != last && !strstr(lines, "...")) {
                ll += (size_t)snprintf(lines + ll, sizeof lines - ll, ", ...");
                last = v[i].line;
            }
        }
        if (cnt && fprintf(fp, "%s: %s: %d record%s, line%s %s\n", path, READ_SHOWN[k], cnt, cnt == 1 ? "" : "s",
                           strchr(lines, ',') ? "s" : "", lines) < 0)
            return -1;
    }
    return fputc('\n', fp) == EOF ? -1 : 0;
}

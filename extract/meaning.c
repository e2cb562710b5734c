/* meaning.c - what "a ± b", "a (b–c)" and "a (b)" mean, read from the words of an article:
 * statistics statements, table footnotes and captions (mean_scan), and short header or row
 * labels (mean_label_hint).
 *
 * Both work on the bytes as they are (UTF-8), comparing ASCII case-insensitively; "±" is
 * matched as its UTF-8 bytes. No allocation, no locale. */
#include "meaning.h"

#include <string.h>

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_alnum(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does s[i..] start with the ASCII word w (case-insensitive)? */
static int at(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = 0;
    for (; w[k]; k++)
        if (i + k >= n || lc((unsigned char)s[i + k]) != lc((unsigned char)w[k])) return 0;
    return 1;
}

/* Like at(), but w must stand as a word: no letter or digit right before or after. */
static int at_word(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = strlen(w);
    if (!at(s, n, i, w)) return 0;
    if (i > 0 && is_alnum((unsigned char)s[i - 1])) return 0;
    if (i + k < n && is_alnum((unsigned char)s[i + k])) return 0;
    return 1;
}

/* Find w as a word in s[from, to); returns its position or (size_t)-1. */
static size_t find_word(const char *s, size_t n, size_t from, size_t to, const char *w)
{
    if (to > n) to = n;
    for (size_t i = from; i < to; i++)
        if (at_word(s, n, i, w)) return i;
    return (size_t)-1;
}

/* A plus-minus sign: "±" (C2 B1), "+/-", "+-" (not inside a word). */
static int pm_at(const char *s, size_t n, size_t i)
{
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB1) return 2;
    if (at(s, n, i, "+/-")) return 3;
    if (at(s, n, i, "+/−")) return 5;
    return 0;
}

static int has_pm(const char *s, size_t n, size_t from, size_t to)
{
    if (to > n) to = n;
    for (size_t i = from; i < to; i++)
        if (pm_at(s, n, i)) return 1;
    return 0;
}

/* Set a field: first statement wins; a different later one is a conflict. */
static void put(mean_hint_t *f, mean_hint_t v, int *conflict)
{
    if (*f == MEAN_UNKNOWN) *f = v;
    else if (*f != v) *conflict = 1;
}

/* Position just before i, skipping spaces, brackets and tags' leftovers; returns the index of
 * the last non-space byte before i, or (size_t)-1. */
static size_t back_nonspace(const char *s, size_t i)
{
    while (i > 0) {
        unsigned char c = (unsigned char)s[i - 1];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return i - 1;
        i--;
    }
    return (size_t)-1;
}

/* Does the text right before position i (spaces skipped) end with word w? */
static int ends_with_word(const char *s, size_t i, const char *w)
{
    size_t j = back_nonspace(s, i);
    size_t k = strlen(w);
    if (j == (size_t)-1 || j + 1 < k) return 0;
    size_t st = j + 1 - k;
    if (!at(s, j + 1, st, w)) return 0;
    if (st > 0 && is_alnum((unsigned char)s[st - 1])) return 0;
    return 1;
}

/* Dispersion words: returns MEAN_SD / MEAN_SE and the length matched at i, or 0. */
static mean_hint_t disp_at(const char *s, size_t n, size_t i, size_t *len)
{
    static const struct { const char *w; mean_hint_t h; int word; } W[] = {
        { "standard deviation", MEAN_SD, 0 }, { "std. dev", MEAN_SD, 0 }, { "s.d.", MEAN_SD, 0 },
        { "sd", MEAN_SD, 1 },
        { "standard error", MEAN_SE, 0 }, { "s.e.m.", MEAN_SE, 0 }, { "s.e.", MEAN_SE, 0 },
        { "sem", MEAN_SE, 1 }, { "se", MEAN_SE, 1 },
    };
    for (size_t k = 0; k < sizeof W / sizeof W[0]; k++) {
        int ok = W[k].word ? at_word(s, n, i, W[k].w) : at(s, n, i, W[k].w);
        if (ok && i > 0 && !W[k].word && is_alnum((unsigned char)s[i - 1])) ok = 0;
        if (ok) { *len = strlen(W[k].w); return W[k].h; }
    }
    return MEAN_UNKNOWN;
}

int mean_scan(const char *text, size_t len, mean_stmt_t *s)
{
    int conflict = 0;
    if (!text || !s) return 0;
    const char *t = text;
    size_t n = len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80 && !is_alnum(c) && c != '(' && c != '[' && c != '%') continue;
        /* every word below starts with one of a few letters: the others skip the tests */
        int l = lc(c);
        size_t ml = 0;
        mean_hint_t d = l == 's' ? disp_at(t, n, i, &ml) : MEAN_UNKNOWN;
        if (d != MEAN_UNKNOWN) {
            /* "mean ± SD", "mean ± standard error of the mean": a sign shortly before */
            size_t from = i > 48 ? i - 48 : 0;
            size_t jb = back_nonspace(t, i);
            int in_paren = jb != (size_t)-1 && (t[jb] == '(' || t[jb] == '[');
            if (in_paren && (ends_with_word(t, jb, "mean") || ends_with_word(t, jb, "means") ||
                             ends_with_word(t, jb, "average")))
                put(&s->single, d, &conflict);                       /* "mean (SD)" */
            else if (has_pm(t, n, from, i))
                put(&s->plusminus, d, &conflict);                    /* "mean ± SD" */
            else if (!in_paren && (find_word(t, n, from, i, "mean") != (size_t)-1 ||
                                   find_word(t, n, from, i, "means") != (size_t)-1))
                put(&s->plusminus, d, &conflict);                    /* "mean and SD" */
            i += ml - 1;
            continue;
        }
        if ((l == 'i' || l == '2' || l == 'q') &&
            (at(t, n, i, "interquartile") || at(t, n, i, "inter-quartile") ||
             at_word(t, n, i, "iqr") || at(t, n, i, "25th") ||
             (at_word(t, n, i, "q1") && find_word(t, n, i, i + 12, "q3") != (size_t)-1))) {
            put(&s->paren, MEAN_IQR, &conflict);
            i += 2;
            continue;
        }
        if ((l == 'r' || l == 'm') &&
            (at_word(t, n, i, "range") || at_word(t, n, i, "min") || at_word(t, n, i, "minimum"))) {
            /* only "median (range)", "median and range", "(range)", "median (min–max)" */
            size_t jb = back_nonspace(t, i);
            int in_paren = jb != (size_t)-1 && (t[jb] == '(' || t[jb] == '[');
            size_t from = i > 24 ? i - 24 : 0;
            int med = find_word(t, n, from, i, "median") != (size_t)-1 ||
                      find_word(t, n, from, i, "medians") != (size_t)-1;
            if ((in_paren && (med || at_word(t, n, i, "range"))) ||
                (med && (ends_with_word(t, i, "and") || ends_with_word(t, i, "with") ||
                         (jb != (size_t)-1 && t[jb] == ','))))
                put(&s->paren, MEAN_RANGE, &conflict);
            i += 2;
            continue;
        }
        if (c >= '1' && c <= '9' && (i == 0 || !is_alnum((unsigned char)t[i - 1]))) {
            /* "95% CI", "95 % confidence interval" */
            size_t j = i;
            int lv = 0;
            while (j < n && t[j] >= '0' && t[j] <= '9' && lv < 1000) lv = lv * 10 + (t[j++] - '0');
            size_t k = j;
            while (k < n && t[k] == ' ') k++;
            if (k < n && t[k] == '%') {
                k++;
                while (k < n && t[k] == ' ') k++;
                size_t e = 0;
                if (at_word(t, n, k, "ci")) e = k + 2;
                else if (at(t, n, k, "confidence interval")) e = k + 19;
                else if (at(t, n, k, "confidence limit")) e = k + 16;
                else if (at_word(t, n, k, "cl")) e = k + 2;
                if (e && lv >= 50 && lv < 100) {
                    if (s->level == 0) s->level = lv;
                    else if (s->level != lv) conflict = 1;
                    /* "(95% CI)": a descriptor of a parenthesised pair, not a figure */
                    size_t jb = back_nonspace(t, i);
                    while (e < n && (t[e] == 's' || t[e] == ' ')) e++;
                    if (jb != (size_t)-1 && (t[jb] == '(' || t[jb] == '[') && e < n &&
                        (t[e] == ')' || t[e] == ']'))
                        put(&s->paren, MEAN_CI, &conflict);
                }
                i = k;
                continue;
            }
            i = j - 1;
            continue;
        }
        if (c == '(' || c == '[') {
            size_t k = i + 1;
            while (k < n && t[k] == ' ') k++;
            /* "n (%)", "(percentage)", "(%)" after n / no. / number / count / a number */
            if ((k < n && t[k] == '%' && k + 1 < n && (t[k + 1] == ')' || t[k + 1] == ']')) ||
                at(t, n, k, "percentage") || at(t, n, k, "percent)")) {
                size_t jb = back_nonspace(t, i);
                int ok = at(t, n, k, "percent");
                if (!ok && jb != (size_t)-1) {
                    unsigned char p = (unsigned char)t[jb];
                    ok = (p >= '0' && p <= '9') || ends_with_word(t, jb + 1, "n") ||
                         ends_with_word(t, jb + 1, "no.") || ends_with_word(t, jb + 1, "no") ||
                         ends_with_word(t, jb + 1, "number") ||
                         ends_with_word(t, jb + 1, "numbers") ||
                         ends_with_word(t, jb + 1, "count") || ends_with_word(t, jb + 1, "counts") ||
                         ends_with_word(t, jb + 1, "patients") ||
                         ends_with_word(t, jb + 1, "frequency") ||
                         ends_with_word(t, jb + 1, "cases");
                }
                if (ok) put(&s->single, MEAN_NPCT, &conflict);
            }
            continue;
        }
        if ((l == 'n' || l == 'c' || l == 'f') &&
            (at(t, n, i, "number and percentage") || at(t, n, i, "numbers and percentages") ||
            at(t, n, i, "counts and percentages") || at(t, n, i, "count and percentage") ||
            at(t, n, i, "frequencies and percentages") || at(t, n, i, "frequency and percentage"))) {
            put(&s->single, MEAN_NPCT, &conflict);
            i += 10;
            continue;
        }
        /* skip the rest of a word */
        if (is_alnum(c))
            while (i + 1 < n && is_alnum((unsigned char)t[i + 1])) i++;
    }
    return conflict;
}

/* Copy a label without markup ("<i>n</i>") into buf; returns its length. */
static size_t untag(const char *s, size_t n, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (s[i] == '<') {
            size_t j = i + 1;
            while (j < n && j < i + 12 && s[j] != '>' && s[j] != '<') j++;
            if (j < n && s[j] == '>') { i = j; continue; }
        }
        buf[o++] = s[i];
    }
    buf[o] = '\0';
    return o;
}

mean_hint_t mean_label_hint(const char *text, size_t len)
{
    char buf[512];
    if (!text) return MEAN_UNKNOWN;
    size_t n = untag(text, len, buf, sizeof buf);
    const char *t = buf;
    mean_stmt_t s = MEAN_STMT_NONE;
    mean_scan(t, n, &s);
    int iqr = 0, ci = 0, rng = 0, npct = 0, med = 0, mean = 0;
    mean_hint_t disp = MEAN_UNKNOWN;
    for (size_t i = 0; i < n; i++) {
        size_t ml;
        mean_hint_t d;
        /* every word below starts with one of these (ASCII case-insensitive) */
        int l = lc((unsigned char)t[i]);
        if (l != 'i' && l != '2' && l != 'q' && l != 'c' && l != 'r' && l != 'm' && l != 's') {
            if (t[i] == '%') npct = 1;
            continue;
        }
        if (at(t, n, i, "interquartile") || at_word(t, n, i, "iqr") || at(t, n, i, "25th") ||
            at_word(t, n, i, "q1") || at(t, n, i, "quartile")) iqr = 1;
        else if (at_word(t, n, i, "ci") || at(t, n, i, "confidence")) ci = 1;
        else if (at_word(t, n, i, "range") || at_word(t, n, i, "min") ||
                 at_word(t, n, i, "minimum")) rng = 1;
        else if (at_word(t, n, i, "median") || at_word(t, n, i, "medians")) med = 1;
        else if (at_word(t, n, i, "mean") || at_word(t, n, i, "means")) mean = 1;
        else if ((d = disp_at(t, n, i, &ml)) != MEAN_UNKNOWN) {
            if (disp == MEAN_UNKNOWN) disp = d;
            i += ml - 1;
        }
        else if (t[i] == '%') npct = 1;
    }
    if (iqr) return MEAN_IQR;
    if (ci) return MEAN_CI;
    if (disp != MEAN_UNKNOWN && !(med && !mean)) return disp;
    if (rng) return MEAN_RANGE;
    if (s.single == MEAN_NPCT) return MEAN_NPCT;
    if (npct) {
        /* "n (%)", "No. (%)", "%": a label that is only a count/percent descriptor */
        int words = 0;
        for (size_t i = 0; i < n; i++)
            if ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')) {
                size_t j = i;
                while (j < n && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z'))) j++;
                if (!(at_word(t, n, i, "n") || at_word(t, n, i, "no") ||
                      at_word(t, n, i, "number") || at_word(t, n, i, "count") ||
                      at_word(t, n, i, "patients"))) words++;
                i = j;
            }
        if (words == 0 && n < 24) return MEAN_NPCT;
    }
    if (med) return MEAN_MEDIAN;
    if (mean) return MEAN_MEAN;
    return MEAN_UNKNOWN;
}

/* tab_util.c - what table cells and headers look like. */
#include "tab_priv.h"
#include "meaning.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Length of a sign or comparator at s (ASCII or UTF-8), 0 if none. */
static size_t sign_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == '-' || s[0] == '+' || s[0] == '<' || s[0] == '>' || s[0] == '=' ||
                   s[0] == '~'))
        return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) return 3;      /* − */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94)) return 3;  /* – — */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x89 && (s[2] == 0xA4 || s[2] == 0xA5)) return 3;  /* ≤ ≥ */
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xB1) return 2;                      /* ± */
    return 0;
}

/* tab_clean into a caller's buffer, for short strings: no allocation. Returns the length, or
 * (size_t)-1 when the cleaned text would not fit. */
static size_t clean_into(const char *s, size_t n, char *o, size_t cap)
{
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<') {
            size_t j = i + 1;
            if (j < n && s[j] == '/') j++;
            size_t w = j;
            while (j < n && j < i + 12 && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
                j++;
            if (j > w && j < n && s[j] == '>') { i = j; continue; }
        }
        /* NBSP, thin spaces and other Unicode spaces count as spaces */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { sp = 1; i++; continue; }
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (((unsigned char)s[i + 2] >= 0x80 && (unsigned char)s[i + 2] <= 0x8A) ||
             (unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0xA8)) {
            sp = 1; i += 2; continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') { sp = 1; continue; }
        if (k + 2 >= cap) return (size_t)-1;
        if (sp && k) o[k++] = ' ';
        sp = 0;
        o[k++] = (char)c;
    }
    o[k] = '\0';
    return k;
}

char *tab_clean(const char *s, size_t n)
{
    /* the cleaned text is never longer than its source: clean_into always fits in n + 2 */
    char *o = malloc(n + 2);
    if (o) clean_into(s, n, o, n + 2);
    return o;
}

int tab_is_value(const char *str, size_t n)
{
    char c[256];
    int ok = 0;
    size_t m = clean_into(str, n, c, sizeof c);
    if (m == (size_t)-1) return 0;                   /* a long cell is text */
    const unsigned char *s = (const unsigned char *)c;
    if (m == 0) goto out;
    static const char *const ph[] = { "NS", "N.S.", "n.s.", "NA", "N/A", "n/a", "ND", "-", "–",
                                      "—", "…", "NR", NULL };
    if (m <= 4)
        for (int i = 0; ph[i]; i++)
            if (strcmp(c, ph[i]) == 0) { ok = 1; goto out; }
    size_t i = 0;
    for (;;) {
        size_t k = sign_len(s + i, m - i);
        if (k) { i += k; continue; }
        if (s[i] == ' ') { i++; continue; }
        break;
    }
    if (!(i < m && (is_digit(s[i]) || (s[i] == '.' && i + 1 < m && is_digit(s[i + 1])))))
        goto out;
    /* no word longer than two letters ("to", "vs" and footnote marks pass) */
    int run = 0;
    for (; i < m; i++) {
        if (is_alpha(s[i])) { if (++run > 2) goto out; }
        else run = 0;
    }
    ok = 1;
out:
    return ok;
}

/* Lower-case ASCII copy of a cleaned string (caller frees). */
static char *lower_clean(const char *s)
{
    char *c = tab_clean(s, strlen(s));
    if (!c) return NULL;
    for (char *p = c; *p; p++) if (*p >= 'A' && *p <= 'Z') *p += 32;
    return c;
}

static int word_at(const char *s, size_t i, const char *w)
{
    if (s[i] != w[0]) return 0;                 /* the common case, before strlen and strncmp */
    size_t k = strlen(w);
    if (strncmp(s + i, w, k) != 0) return 0;
    if (i > 0 && (is_alpha((unsigned char)s[i - 1]) || is_digit((unsigned char)s[i - 1]))) return 0;
    if (is_alpha((unsigned char)s[i + k])) return 0;
    return 1;
}

static int has_word(const char *s, const char *w)
{
    for (size_t i = 0; s[i]; i++)
        if (word_at(s, i, w)) return 1;
    return 0;
}

/* Drop a trailing "(n = 14)" / ", n = 24 (%)" from a lower-cased header, in place. */
static void drop_n(char *s)
{
    for (size_t i = 0; s[i]; i++)
        if ((s[i] == '(' || s[i] == ',') && (word_at(s, i + 1 + (s[i + 1] == ' '), "n"))) {
            s[i] = '\0';
            break;
        }
    size_t k = strlen(s);
    while (k && s[k - 1] == ' ') s[--k] = '\0';
}

int tab_is_timepoint(const char *str)
{
    char *s = lower_clean(str);
    int ok = 0;
    if (!s) return 0;
    drop_n(s);
    static const char *const fixed[] = { "baseline", "at baseline", "pre-treatment", "pretreatment",
        "post-treatment", "posttreatment", "before treatment", "after treatment", "screening",
        "follow-up", "end of treatment", "end of study", "pre", "post", "before", "after", NULL };
    for (int i = 0; fixed[i]; i++)
        if (strcmp(s, fixed[i]) == 0) { ok = 1; goto out; }
    const char *p = s;
    if (strncmp(p, "at ", 3) == 0) p += 3;
    static const char *const unit[] = { "weeks", "week", "wk", "months", "month", "mo", "days",
        "day", "years", "year", "yr", "hours", "hour", "h", "d", "w", "m", NULL };
    /* "W0–W1", "Week 12", "day 3", "wk 4 to wk 12" */
    for (int u = 0; unit[u]; u++) {
        size_t k = strlen(unit[u]);
        if (strncmp(p, unit[u], k) == 0) {
            const char *q = p + k;
            while (*q == ' ') q++;
            if (is_digit((unsigned char)*q)) {
                while (*q && (is_digit((unsigned char)*q) || *q == ' ' || *q == '.' || *q == '-' ||
                              (unsigned char)*q >= 0x80 || strncmp(q, unit[u], k) == 0 ||
                              strncmp(q, "to", 2) == 0)) {
                    if (strncmp(q, unit[u], k) == 0) q += k;
                    else if (strncmp(q, "to", 2) == 0) q += 2;
                    else q++;
                }
                ok = *q == '\0';
                goto out;
            }
        }
    }
    /* "12 weeks", "6 months", "12-week", "day 3" */
    if (is_digit((unsigned char)*p)) {
        const char *q = p;
        while (is_digit((unsigned char)*q) || *q == '.') q++;
        while (*q == ' ' || *q == '-') q++;
        for (int u = 0; unit[u]; u++) {
            size_t k = strlen(unit[u]);
            if (k >= 2 && strncmp(q, unit[u], k) == 0 && !is_alpha((unsigned char)q[k])) {
                const char *r = q + k;
                while (*r == ' ') r++;
                ok = *r == '\0' || strncmp(r, "after", 5) == 0 || strncmp(r, "post", 4) == 0 ||
                     strncmp(r, "follow", 6) == 0;
                goto out;
            }
        }
    }
out:
    free(s);
    return ok;
}

int tab_is_stat_label(const char *str)
{
    static const char *const words[] = { "median", "mean", "means", "range", "iqr", "sd", "se",
        "sem", "interquartile", "standard", "deviation", "error", "of", "the", "n", "no", "number",
        "ci", "min", "max", "minimum", "maximum", "value", "values", "q1", "q3", "or", "and",
        "percentage", "percent", "count", "average", "confidence", "interval", "estimate",
        "estimates", "coefficient", "events", "patients", "ep", "frequency", "frequencies", "r",
        "rho", "p", NULL };
    static const char *const weak[] = { "of", "the", "or", "and", NULL };
    char *s = lower_clean(str);
    int ok = 0, any = 0;
    if (!s) return 0;
    for (size_t i = 0; s[i]; ) {
        if (is_alpha((unsigned char)s[i])) {
            size_t j = i;
            while (is_alpha((unsigned char)s[j]) || is_digit((unsigned char)s[j])) j++;
            int known = 0, wk = 0;
            for (int w = 0; words[w]; w++)          /* the first letter first: no strlen */
                if (words[w][0] == s[i] && strlen(words[w]) == j - i && strncmp(s + i, words[w], j - i) == 0)
                    known = 1;
            for (int w = 0; weak[w]; w++)
                if (weak[w][0] == s[i] && strlen(weak[w]) == j - i && strncmp(s + i, weak[w], j - i) == 0)
                    wk = 1;
            if (!known && !wk) goto out;
            if (known) any = 1;
            i = j;
        } else if (is_digit((unsigned char)s[i])) {
            /* "95% CI", "Q1–Q3" digits are fine only inside such words */
            i++;
        } else i++;
    }
    /* every word names a statistic or a descriptor ("Value", "n", "Events/patients") */
    ok = any;
out:
    free(s);
    return ok;
}

int tab_is_p_header(const char *str)
{
    char *s = lower_clean(str);
    int ok = 0;
    if (!s) return 0;
    size_t n = strlen(s);
    while (n && (s[n - 1] == '*' || s[n - 1] == ' ' || s[n - 1] == ':' ||
                 (n >= 2 && s[n - 2] == ' ' && is_alpha((unsigned char)s[n - 1]) && s[0] == 'p')))
        s[--n] = '\0';
    static const char *const ok1[] = { "p", "p value", "p-value", "p values", "p-values",
        "p value a", "pvalue", "p-value*", "significance", "sig.", "p (two-sided)", NULL };
    for (int i = 0; ok1[i]; i++)
        if (strcmp(s, ok1[i]) == 0) { ok = 1; break; }
    if (!ok && (strncmp(s, "p value", 7) == 0 || strncmp(s, "p-value", 7) == 0 ||
                strncmp(s, "p for ", 6) == 0 || strncmp(s, "p (", 3) == 0))
        ok = 1;
    free(s);
    return ok;
}

int tab_is_cmp_header(const char *str)
{
    char *s = lower_clean(str);
    char *o = tab_clean(str, strlen(str));
    int ok = 0;
    if (!s || !o) { free(s); free(o); return 0; }
    static const char *const w[] = { "difference", "hazard ratio", "odds ratio", "risk ratio",
        "relative risk", "rate ratio", "effect size", "treatment effect", NULL };
    /* abbreviations only in capitals: "OR (95% CI)", not "Negative or suspicious" */
    static const char *const ab[] = { "HR", "OR", "RR", "IRR", "SMD", "MD", "aHR", "aOR", "ARR",
        "RD", NULL };
    for (int i = 0; w[i] && !ok; i++) ok = has_word(s, w[i]);
    for (int i = 0; ab[i] && !ok; i++) ok = has_word(o, ab[i]);
    free(s);
    free(o);
    return ok;
}

/* The label, lower-cased and cleaned, is exactly one of the NULL-terminated words w. */
static int is_one_of(const char *str, const char *const *w)
{
    char *s = lower_clean(str);
    int ok = 0;
    if (!s) return 0;
    for (int i = 0; w[i] && !ok; i++) ok = strcmp(s, w[i]) == 0;
    free(s);
    return ok;
}

int tab_is_stub_header(const char *str)
{
    static const char *const w[] = { "factor", "factors", "characteristic", "characteristics",
        "variable", "variables", "parameter", "parameters", "outcome", "outcomes", "item", "items",
        "index", "indices", "indicator", "indicators", "measure", "measures", "category",
        "feature", "features", "group", "groups", "arm", "arms", "subgroup", "subgroups",
        "baseline characteristics", "patient characteristics", "clinical characteristics",
        "endpoint", "endpoints", "end point", "variable name", "parameters", "test", "tests",
        "treatment", "treatment group", NULL };
    return is_one_of(str, w);
}

int tab_is_group_header(const char *str)
{
    static const char *const w[] = { "group", "groups", "arm", "arms", "treatment group",
        "treatment", "study group", "cohort", NULL };
    return is_one_of(str, w);
}

int tab_is_control(const char *str)
{
    static const char *const w[] = { "control", "controls", "placebo", "sham", "usual care",
        "standard care", "standard of care", "conventional", "saline", "vehicle", "untreated",
        "no treatment", "soc", NULL };
    char *s = lower_clean(str);
    int ok = 0;
    if (!s) return 0;
    for (int i = 0; w[i] && !ok; i++) ok = has_word(s, w[i]);
    free(s);
    return ok;
}

int tab_is_category(const char *str)
{
    static const char *const w[] = { "male", "female", "men", "women", "boys", "girls", "yes", "no",
        "present", "absent", "presence", "absence", "none", "other", "others", "positive",
        "negative", "unknown", "missing", "mild", "moderate", "severe", NULL };
    char *s = lower_clean(str);
    int ok = 0;
    if (!s) return 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    size_t k = sign_len(u, n);
    if (k && k != 2) ok = 1;                                 /* "> 15", "≤ 4", "< 15" */
    else if (n == 1 && is_alpha(u[0])) ok = 1;              /* "A", "B", "C" (not "INR") */
    else if (strcmp(s, "ii") == 0 || strcmp(s, "iii") == 0 || strcmp(s, "iv") == 0) ok = 1;
    else if (is_digit(u[0])) ok = 1;                         /* "1", "2–3", "18–40 years" */
    else {
        for (int i = 0; w[i] && !ok; i++) {
            size_t m = strlen(w[i]);
            ok = strncmp(s, w[i], m) == 0 && (s[m] == '\0' || s[m] == ',' || s[m] == ' ' ||
                                              s[m] == '(');
        }
    }
    free(s);
    return ok;
}

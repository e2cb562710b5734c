/* ex.c - from a document to study records: figures (fig.c), what they mean (meaning.h: the
 * article's statistics statement, table hints, the words around a figure), who they belong to
 * (tab.h for table cells, the sentence for prose), which article (study.c), and checks.
 *
 * Flags this file sets (documented in README "Record flags"):
 *   read:ufffd                 an operator was lost (U+FFFD) and read as "="
 *   read:ambiguous_dispersion  the article does not say what "±" or "a (b–c)" is
 *   read:ci_reversed           CI bounds written high to low (swapped)
 *   read:ci_split              the CI continues in a later block (PDF layout)
 *   read:table_guess           a cell of a table whose layout was rebuilt by guess
 *   read:power_of_ten          "1.2×10−5" read as a power of ten
 *   dup:duplicate_of:<file>    the article is the same as an earlier corpus file
 *   check:estimate_outside_ci, check:ci_asymmetric, check:pct_vs_count, check:median_outside,
 *   check:sd_gt_mean, check:p_vs_ci, check:counts_vs_n, check:value_mismatch (the same variable,
 *   group and timepoint with other values in another table), check:unit_implausible
 *   (a "%" quantity beyond 100)   (with a "notes" entry each) */
#include "extract.h"
#include "check.h"
#include "ex_priv.h"
#include "meaning.h"
#include "num.h"
#include "tab.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ex {
    ex_opts_t    opts;
    fig_re_t    *re;
    fig_list_t   figs;
    study_set_t *ss;
};

ex_t *ex_new(const ex_opts_t *opts)
{
    ex_t *ex = calloc(1, sizeof *ex);
    if (!ex) return NULL;
    if (opts) ex->opts = *opts;
    if (!(ex->re = fig_re_new()) || !(ex->ss = study_set_new())) {
        ex_free(ex);
        return NULL;
    }
    return ex;
}

void ex_free(ex_t *ex)
{
    if (!ex) return;
    fig_re_free(ex->re);
    fig_list_destroy(&ex->figs);
    study_set_free(ex->ss);
    free(ex);
}

/* ---- per-document state ------------------------------------------------------------- */

#define MAXGN 32
#define MAXAB 64
typedef struct { char acr[16]; char lf[96]; } abbr_t;   /* an abbreviation and its long form */
typedef struct {
    ex_t        *ex;
    const doc_t *d;
    rec_list_t  *out;
    size_t       base;           /* first record of this doc in out */
    mean_stmt_t  stmt;
    char        *study, *dup_flag;
    struct { char name[64]; long n; } gn[MAXGN];   /* group -> n, from "control group (n = 111)" */
    int          ngn;
    size_t       carry_bi, carry_end;  /* block where a split CI ends, and where in it */
    char         carry_var[160];       /* ... and the variable of its estimate */
    char         carry_group[160];     /* ... and its group */
    char         active[48];           /* the active arm compared with placebo ("empagliflozin") */
    abbr_t       ab[MAXAB];            /* "fractional excretion of sodium (FENa)" */
    int          nab;
    int          dc_doc;               /* the article is written with decimal commas */
    signed char *dcb;                  /* per block: romance_text's answer (1, 0, -1) */
    char        *swap;                 /* scratch: a text with its decimal marks swapped */
    size_t       swapcap;
} dctx_t;

/* what a record is attributed to (borrowed strings) */
typedef struct {
    const char *variable, *unit, *group, *timepoint, *table;
    long   n;
    double conf;
    int    guess;                /* table layout was a guess */
} attr_t;

static int is_word(unsigned char c) { return isalnum(c) || c == '-' || c >= 0x80; }

/* Does s[i..] start with w, ASCII case-insensitively? The first byte is compared inline: most
 * positions fail there, without a call. */
static int ci_at(const char *s, const char *w, size_t m)
{
    return tolower((unsigned char)s[0]) == tolower((unsigned char)w[0]) && strncasecmp(s, w, m) == 0;
}

static int ci_has(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++)
        if (ci_at(s + i, w, m)) return 1;
    return 0;
}

/* ---- records ------------------------------------------------------------------------ */

static int emit(dctx_t *D, const doc_text_t *t, const fig_t *f, const char *kind, const double *v,
                int nv, const attr_t *a, const char *const *flags, int nflags)
{
    rec_t *r = rec_list_push(D->out);
    long off, line;
    int page, rc = -1;
    char *txt = NULL;
    if (!r) return -1;
    rec_init(r);
    doc_text_locate(t, f->s, &off, &line, &page);
    r->line = line;
    r->offset = off;
    r->page = page;
    if (!(txt = malloc(f->e - f->s + 1))) goto out;
    memcpy(txt, t->s + f->s, f->e - f->s);
    txt[f->e - f->s] = '\0';
    /* a figure wrapped over a line break: the part on its first line (gold/FORMAT.md) */
    for (size_t i = 0; txt[i]; i++) if (txt[i] == '\n') { txt[i] = '\0'; break; }
    if (rec_set(&r->study, D->study) || rec_set(&r->file, D->d->path) || rec_set(&r->text, txt) ||
        rec_set(&r->kind, kind)) goto out;
    for (int i = 0; i < nv && i < REC_MAXV; i++) r->values[i] = v[i];
    r->nvalues = nv;
    if (!strcmp(kind, "estimate_ci") || !strcmp(kind, "mean_ci")) {
        if (!strcmp(kind, "estimate_ci") && rec_set(&r->measure, f->measure[0] ? f->measure : "other")) goto out;
        r->level = f->level > 0 ? f->level : D->stmt.level > 0 ? D->stmt.level : 95;
    }
    if (!strcmp(kind, "p_value") && rec_set(&r->op, f->op[0] ? f->op : "=")) goto out;
    if (a) {
        if (rec_set(&r->variable, a->variable) || rec_set(&r->unit, a->unit) ||
            rec_set(&r->group, a->group) || rec_set(&r->timepoint, a->timepoint) ||
            rec_set(&r->table, a->table)) goto out;
        r->n = a->n;
        r->confidence = a->conf;
    } else r->confidence = 0.9;
    if (f->flags & FIG_UFFFD) {
        if (rec_add_flag(r, "read:ufffd") ||
            rec_add_note(r, "an operator was lost as U+FFFD in the source; read as \"=\"")) goto out;
        if (r->confidence > 0.5) r->confidence = 0.5;
    }
    if ((f->flags & FIG_REVERSED) && rec_add_flag(r, "read:ci_reversed")) goto out;
    if ((f->flags & FIG_EXP) && rec_add_flag(r, "read:power_of_ten")) goto out;
    if (a && a->guess && rec_add_flag(r, "read:table_guess")) goto out;
    for (int i = 0; i < nflags; i++)
        if (rec_add_flag(r, flags[i])) goto out;
    if (D->dup_flag && rec_add_flag(r, D->dup_flag)) goto out;
    rc = 0;
out:
    free(txt);
    return rc;
}

/* ---- meaning ------------------------------------------------------------------------ */

/* What the words just before a figure (same sentence, up to 160 bytes) say about it. */
static mean_stmt_t local_stmt(const char *s, size_t from, size_t at)
{
    mean_stmt_t m = MEAN_STMT_NONE;
    if (at - from > 160) from = at - 160;
    mean_scan(s + from, at - from, &m);
    return m;
}

/* kind of "a ± b" */
static const char *kind_pm(mean_hint_t cell, mean_hint_t local, mean_hint_t doc, int *ambig)
{
    mean_hint_t h = cell == MEAN_SD || cell == MEAN_SE ? cell :
                    local == MEAN_SD || local == MEAN_SE ? local : doc;
    *ambig = 0;
    if (h == MEAN_SE) return "mean_se";
    if (h != MEAN_SD) *ambig = 1;
    return "mean_sd";
}

/* kind of "a (b–c)": NULL for a CI of a named estimate (caller's business) */
static const char *kind_paren(const fig_t *f, mean_hint_t cell, mean_hint_t local, mean_hint_t doc,
                              int *ambig)
{
    mean_hint_t h = MEAN_UNKNOWN;
    *ambig = 0;
    if (f->flags & FIG_W_RANGE) h = MEAN_RANGE;
    else if (f->flags & FIG_W_IQR) h = MEAN_IQR;
    else if (cell == MEAN_IQR || cell == MEAN_RANGE || cell == MEAN_CI) h = cell;
    else if (local == MEAN_IQR || local == MEAN_RANGE || local == MEAN_CI) h = local;
    else h = doc;
    if (h == MEAN_RANGE) return "median_range";
    if (h == MEAN_CI) return "estimate_ci";
    if (h != MEAN_IQR) *ambig = 1;
    return "median_iqr";
}

/* ---- prose attribution -------------------------------------------------------------- */

/* Sentence around [s, e): from after the previous ". X" to the next ". X" (or block ends). */
/* Start of a window of at most w bytes before p, on a UTF-8 character boundary. Every scan
 * around a figure is bounded this way, so a 10 MB line costs linear time. */
static size_t back_window(const char *t, size_t p, size_t w)
{
    size_t i = p > w ? p - w : 0;
    while (i < p && ((unsigned char)t[i] & 0xC0) == 0x80) i++;
    return i;
}

#define SENT_MAX 600     /* bytes a sentence may reach on either side of its figure */
#define PARA_MAX 2000    /* bytes of the paragraph looked at before a sentence */

static void sentence(const char *t, size_t len, size_t s, size_t e, size_t *a, size_t *b)
{
    size_t i = s, lo = back_window(t, s, SENT_MAX), hi = e + SENT_MAX < len ? e + SENT_MAX : len;
    while (hi < len && ((unsigned char)t[hi] & 0xC0) == 0x80) hi++;
    /* a ";" ends a clause only outside parentheses: "(day 3, 535 mL [CI ...]; P=0.005; week 6,
     * 545 mL ...)" is one clause about the variable named before the "(" */
    size_t semi = (size_t)-1;
    int lvl = 0;
    for (size_t j = lo; j < s; j++) {
        if (t[j] == '(' || t[j] == '[') lvl++;
        else if ((t[j] == ')' || t[j] == ']') && lvl > 0) lvl--;
        else if (t[j] == ';' && lvl == 0) semi = j;
    }
    while (i > lo) {
        if ((t[i-1] == '.' || t[i-1] == '?' || t[i-1] == '!' || (t[i-1] == ';' && i - 1 == semi)) && i < len &&
            (t[i] == ' ' || t[i] == '\n') && i + 1 < len && (isupper((unsigned char)t[i+1]) || t[i-1] == ';') &&
            !(i >= 3 && !strncmp(t + i - 3, "Fig", 3)) && !(i >= 3 && !strncmp(t + i - 3, " vs", 3)) &&
            !(i >= 4 && !strncmp(t + i - 4, " al", 3)))
            break;
        i--;
    }
    *a = i;
    i = e;
    while (i < hi) {
        if ((t[i] == '.' || t[i] == '?' || t[i] == '!') && (i + 1 >= len || t[i+1] == ' ' || t[i+1] == '\n') &&
            !(i >= 3 && !strncmp(t + i - 3, "Fig", 3)) && !(i >= 2 && !strncmp(t + i - 2, "vs", 2)))
            break;
        i++;
    }
    *b = i;
}

static const char *const ACR_STOP[] = { "HR", "OR", "RR", "CI", "UC", "MSC", "MSCS", "UC-MSC", "UC-MSCS",
    "UCMSC", "UCMSCS", "HBV", "DLC", "ACLF", "NS", "SD", "SE", "SEM", "IQR", "P", "N", "VS", "FIG", "II",
    "III", "IV", "USA", "CHB", "BM-MSC", "BM-MSCS", "HUC-MSCS", "HUC-MSC", "AND", "OF", "THE", "LC", "LF",
    "HCC-FREE", "GMP", "SPSS", "APASL", "NCT", NULL };

static int acr_stop(const char *s, size_t n)
{
    char up[24];
    if (n >= sizeof up) return 1;
    for (size_t i = 0; i < n; i++) up[i] = (char)toupper((unsigned char)s[i]);
    up[n] = '\0';
    for (int i = 0; ACR_STOP[i]; i++) if (!strcmp(up, ACR_STOP[i])) return 1;
    return 0;
}

/* Is s[0, n) an abbreviation: "TBIL", "UC-MSC", "HbA1c", "FENa", "uACR", "T3"? Letters, digits
 * and '-', at least two capitals making at least half of its letters (or one capital and a
 * digit: "T3"), at most 10 bytes. */
static int is_acronym(const char *s, size_t n)
{
    size_t up = 0, letters = 0, digits = 0;
    if (n < 2 || n > 10) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isupper(c)) { up++; letters++; }
        else if (islower(c)) letters++;
        else if (isdigit(c)) digits++;
        else if (c != '-') return 0;
    }
    if (up >= 2) return 2 * up >= letters;
    return up == 1 && letters == 1 && digits >= 1 && isupper((unsigned char)s[0]);
}

/* The long form of the abbreviation acr that ends at p (text t from a): the words before the
 * "(" in which the letters of acr appear in order, the first at the start of a word
 * (Schwartz & Hearst, 2003). Its start in *ls; 0 when the words do not spell acr. */
static int abbr_long(const char *t, size_t a, size_t p, const char *acr, size_t n, size_t *ls)
{
    size_t q = p, words = 0, maxw = n + 5 < 2 * n ? n + 5 : 2 * n, lo = p;
    /* window: at most maxw words, not across a sentence or clause end */
    while (lo > a && words < maxw) {
        while (lo > a && t[lo-1] == ' ') lo--;
        if (lo == a || t[lo-1] == '.' || t[lo-1] == ';' || t[lo-1] == ':' || t[lo-1] == '(' ||
            t[lo-1] == ')' || t[lo-1] == ',' || t[lo-1] == '\n')
            break;
        while (lo > a && t[lo-1] != ' ' && t[lo-1] != '\n' && t[lo-1] != '(' && t[lo-1] != ',') lo--;
        words++;
    }
    if (!words) return 0;
    for (size_t k = n; k-- > 0; ) {
        unsigned char c = (unsigned char)tolower((unsigned char)acr[k]);
        if (!isalnum(c)) continue;
        int first = 1;
        for (size_t j = 0; j < k; j++) if (isalnum((unsigned char)acr[j])) first = 0;
        for (;;) {
            if (q <= lo) return 0;
            q--;
            if ((unsigned char)tolower((unsigned char)t[q]) != c) continue;
            if (!first || q == lo || !isalnum((unsigned char)t[q-1])) break;
        }
    }
    *ls = q;
    return 1;
}

/* Learn the abbreviations a text defines: "long form (ACR)", "long form (ACR) test". */
static void learn_abbr(abbr_t *ab, int *nab, const char *t, size_t len)
{
    static const char *const HEAD[] = { " test", " score", " scale", " index", " questionnaire", NULL };
    size_t np = 0, nb = 0;      /* the next '(' and '[' at or after i (len: none), by memchr */
    for (size_t i = 1; i < len && *nab < MAXAB; i++) {
        if (np < i) { const char *f = memchr(t + i, '(', len - i); np = f ? (size_t)(f - t) : len; }
        if (nb < i) { const char *f = memchr(t + i, '[', len - i); nb = f ? (size_t)(f - t) : len; }
        i = np < nb ? np : nb;
        if (i >= len) break;
        if (t[i-1] != ' ') continue;
        size_t j = i + 1;
        while (j < len && j - i < 12 && (isalnum((unsigned char)t[j]) || t[j] == '-')) j++;
        if (j >= len || t[j] != (t[i] == '(' ? ')' : ']') || !is_acronym(t + i + 1, j - i - 1) || acr_stop(t + i + 1, j - i - 1))
            continue;
        size_t n = j - i - 1, ls, le = i - 1, k;
        for (k = 0; k < (size_t)*nab; k++) if (strlen(ab[k].acr) == n && !strncmp(ab[k].acr, t + i + 1, n)) break;
        if (k < (size_t)*nab || n >= sizeof ab[0].acr) continue;
        size_t a = back_window(t, i, 200);
        char caps[16];
        size_t nc = 0;
        for (size_t c = 0; c < n && nc + 1 < sizeof caps; c++)
            if (!islower((unsigned char)t[i + 1 + c])) caps[nc++] = t[i + 1 + c];
        /* "fractional excretion of sodium (FENa)": the capitals spell it when all letters do not */
        if ((!abbr_long(t, a, le, t + i + 1, n, &ls) && !(nc >= 2 && abbr_long(t, a, le, caps, nc, &ls))) ||
            le - ls < n + 2)
            continue;
        const char *head = "";
        for (int h = 0; HEAD[h]; h++)
            if (j + 1 + strlen(HEAD[h]) <= len && !strncmp(t + j + 1, HEAD[h], strlen(HEAD[h])) &&
                (j + 1 + strlen(HEAD[h]) == len || !isalnum((unsigned char)t[j + 1 + strlen(HEAD[h])])))
                head = HEAD[h];
        if (le - ls + strlen(head) >= sizeof ab[0].lf) continue;
        memcpy(ab[*nab].acr, t + i + 1, n);
        ab[*nab].acr[n] = '\0';
        snprintf(ab[*nab].lf, sizeof ab[0].lf, "%.*s%s", (int)(le - ls), t + ls, head);
        for (char *c = ab[*nab].lf; *c; c++) if (*c == '\n') *c = ' ';
        (*nab)++;
    }
}

static int in_list(const char *const *l, const char *s, size_t n);

/* Does the last acr in t[a, s) stand alone as the noun of its phrase ("TUG decreased", "in
 * FENa during"), rather than inside a longer one ("impact of OHRQoL", "CKD category")? */
static int abbr_alone(const char *t, size_t a, size_t s, const char *acr)
{
    static const char *const PREV[] = { "of", "and", "or", NULL };
    static const char *const NEXT[] = { "was", "were", "is", "are", "decreased", "increased", "improved",
        "changed", "declined", "rose", "fell", "remained", "did", "showed", "during", "as", "at", "in",
        "on", "from", "by", "with", "for", "compared", "after", "before", "between", "than", NULL };
    size_t m = strlen(acr), p = (size_t)-1;
    for (size_t i = a; i + m <= s; i++)
        if (!strncmp(t + i, acr, m) && (i == a || !isalnum((unsigned char)t[i-1])) &&
            (i + m == s || !isalnum((unsigned char)t[i+m])))
            p = i;
    if (p == (size_t)-1) return 0;
    size_t e = p;
    while (e > a && t[e-1] == ' ') e--;
    size_t w = e;
    while (w > a && isalpha((unsigned char)t[w-1])) w--;
    if (w < e && in_list(PREV, t + w, e - w)) return 0;
    size_t j = p + m;
    if (j < s && (t[j] == ',' || t[j] == ';')) return 1;
    while (j < s && t[j] == ' ') j++;
    size_t k = j;
    while (k < s && isalpha((unsigned char)t[k])) k++;
    return k > j && in_list(NEXT, t + j, k - j);
}

/* outcome words: strongest evidence of what a comparison measured */
static const struct { const char *w, *name; } OUTCOME[] = {
    { "overall survival", "Overall survival" }, { "hcc-free survival", "HCC-free survival" },
    { "hcc disease-free survival", "HCC-free survival" }, { "disease-free survival", "Disease-free survival" },
    { "event-free survival", "Event-free survival" }, { "progression-free survival", "Progression-free survival" },
    { "survival", "Survival" }, { "mortality", "Mortality" }, { " died", "Deaths" }, { "deaths", "Deaths" },
    { "death", "Death" }, { "cumulative incidence of hcc", "Cumulative incidence of HCC" },
    { "incidence", "Incidence" }, { "recurrence", "Recurrence" }, { "followed up", "Followed up" },
    { "median follow-up", "Follow-up" },
    { NULL, NULL }
};

/* Variable named in t[a, b) for a figure at [s, e): an outcome phrase of the sentence, else
 * the nearest acronym or "X score" before the figure. Written into buf. */
static const char *const NP_STOP[] = { "the", "a", "an", "in", "of", "at", "on", "by", "with", "and",
    "or", "to", "for", "from", "between", "than", "was", "were", "is", "are", "be", "been", "both",
    "after", "before", "during", "showed", "shown", "increased", "decreased", "improved", "reduced",
    "had", "has", "have", "that", "which", "while", "whereas", "as", "also", "but", "not", "no",
    "its", "their", "his", "her", "this", "these", "those", "there", "we", "our", "significantly",
    "significant", "observed", "found", "caused", "causing", "mean", "median", "difference", "vs",
    "versus", "compared", "group", "groups", "patients", "all", "only", "each", "any", "remained",
    "remains", "became", "stable", "unchanged", "similar", NULL };
static const char *const NP_TIME[] = { "day", "days", "week", "weeks", "month", "months", "year",
    "years", "baseline", "hour", "hours", "visit", "time", "times", "point", "points", "timepoint",
    "timepoints", NULL };

/* Copy n bytes of s into buf (cut to cap - 1), a line break read as a space. Returns buf. */
static const char *put_span(char *buf, size_t cap, const char *s, size_t n)
{
    if (n >= cap) n = cap - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    for (size_t i = 0; i < n; i++) if (buf[i] == '\n') buf[i] = ' ';
    return buf;
}

static int in_list(const char *const *l, const char *s, size_t n)
{
    for (int i = 0; l[i]; i++) if (strlen(l[i]) == n && !strncasecmp(l[i], s, n)) return 1;
    return 0;
}

/* The noun phrase that ends at p (spaces skipped): up to five words back to a stop word or a
 * punctuation mark. 1 and its span if it has a word that is neither a number nor a time word. */
static int np_before(const char *t, size_t a, size_t p, size_t *ns, size_t *ne)
{
    size_t e = p, words = 0, start = p;
    int content = 0;
    while (e > a && (t[e-1] == ' ' || t[e-1] == '\n')) e--;
    *ne = e;
    while (e > a && words < 5) {
        size_t st = e;
        while (st > a && (isalnum((unsigned char)t[st-1]) || t[st-1] == '-' || t[st-1] == '\'' ||
                          (unsigned char)t[st-1] >= 0x80))
            st--;
        if (st == e) break;
        if (in_list(NP_STOP, t + st, e - st)) {
            /* "group D", "the groups A": an arm, not a variable */
            if (e - st >= 5 && !strncasecmp(t + st, "group", 5)) return 0;
            break;
        }
        int letter = 0;
        for (size_t q = st; q < e && !letter; q++) letter = isalpha((unsigned char)t[q]) != 0;
        if (!in_list(NP_TIME, t + st, e - st) && !isdigit((unsigned char)t[st]) && e - st >= 2 && letter)
            content = 1;
        start = st;
        words++;
        e = st;
        if (e > a && t[e-1] != ' ') break;          /* punctuation before the word */
        while (e > a && t[e-1] == ' ') e--;
    }
    *ns = start;
    if (words == 0 || !content) return 0;
    /* an arm ("the saline control") is no variable */
    if (ci_has(t + start, *ne - start, "control") || ci_has(t + start, *ne - start, "placebo") ||
        ci_has(t + start, *ne - start, "saline") || ci_has(t + start, *ne - start, "sham"))
        return 0;
    return words > 0 && content;
}

/* The last phrase in t[a, s) after "increase in", "levels of", ...: 1 and its span. */
static int trig_np(const char *t, size_t a, size_t s, size_t *ns, size_t *ne)
{
    static const char *const TRIG[] = { "increase in ", "increases in ", "decrease in ", "decreases in ",
        "change in ", "changes in ", "reduction in ", "improvement in ", "improvements in ", "rise in ",
        "fall in ", "drop in ", "levels of ", "level of ", "concentration of ", "concentrations of ",
        "effect on ", "difference in ", "differences in ", "ratio for ", "ratio of ", "risk of ",
        "lower mean ", "higher mean ", "lower median ", "higher median ", "a lower ", "a higher ",
        "fewer ", "reduced ", "lowered ", NULL };
    size_t bs = 0, be = 0;
    int found = 0;
    for (int k = 0; TRIG[k]; k++) {
        size_t m = strlen(TRIG[k]);
        for (size_t i = a; i + m < s; i++) {
            if (!ci_at(t + i, TRIG[k], m) || (i > a && isalnum((unsigned char)t[i-1]))) continue;
            /* the phrase after the trigger: words up to punctuation or a stop word */
            size_t j = i + m, e = j, w = 0;
            while (e < s && w < 5) {
                size_t we = e;
                while (we < s && (isalnum((unsigned char)t[we]) || t[we] == '-' || (unsigned char)t[we] >= 0x80)) we++;
                if (we == e || in_list(NP_STOP, t + e, we - e) || in_list(NP_TIME, t + e, we - e)) break;
                w++;
                e = we;
                if (e < s && t[e] == ' ' && e + 1 < s && isalnum((unsigned char)t[e+1])) e++;
                else break;
            }
            while (e > j && t[e-1] == ' ') e--;
            if (w && j >= bs) { bs = j; be = e; found = 1; }
        }
    }
    *ns = bs;
    *ne = be;
    return found;
}

/* Candidates for the variable of a figure at s: "increase/change/levels in/of NP", and the NP right
 * before the parenthesis the figure sits in. The nearest wins; an NP followed by "(ACR)" gives ACR. */
static int np_candidate(const char *t, size_t a, size_t s, size_t *ns, size_t *ne)
{
    size_t bs = 0, be = 0;
    int found = trig_np(t, a, s, &bs, &be);
    /* "fat body mass 0.21 kg, 95%CI ...": the phrase right before the figure */
    size_t ps, pe;
    if (s > a && t[s-1] == ' ' && np_before(t, a, s, &ps, &pe) && ps >= bs && pe > ps &&
        isalpha((unsigned char)t[pe-1])) {
        bs = ps; be = pe; found = 1;
    }
    /* "(mean age, 69.8 years; mean furosemide dose, 49.6±31.3 mg/d": "mean/median NP, figure" */
    if (s > a + 2 && t[s-1] == ' ' && t[s-2] == ',' && np_before(t, a, s - 2, &ps, &pe) && ps >= bs &&
        pe > ps && ps > a + 5) {
        size_t w = ps;
        while (w > a && t[w-1] == ' ') w--;
        if ((w >= a + 4 && ci_at(t + w - 4, "mean", 4)) || (w >= a + 6 && ci_at(t + w - 6, "median", 6))) {
            bs = ps; be = pe; found = 1;
        }
    }
    /* the parenthesis the figure is in */
    size_t depth = 0, op = (size_t)-1;
    for (size_t i = s; i > a; i--) {
        char c = t[i-1];
        if (c == ')' || c == ']') depth++;
        else if (c == '(' || c == '[') { if (depth == 0) { op = i - 1; break; } depth--; }
    }
    if (op != (size_t)-1 && np_before(t, a, op, &ps, &pe) && ps >= bs) {
        /* "... fell from a to b after treatment (P < 0.001)": when, not what */
        size_t pw = ps;
        while (pw > a && t[pw-1] == ' ') pw--;
        size_t pws = pw;
        while (pws > a && isalpha((unsigned char)t[pws-1])) pws--;
        static const char *const WHEN[] = { "after", "before", "during", "following", NULL };
        int when = pws < pw && in_list(WHEN, t + pws, pw - pws);
        /* "... (Fig. 3a) (HR = ...": not a phrase */
        if (!when && !(pe - ps >= 3 && (!strncmp(t + ps, "Fig", 3) || !strncmp(t + ps, "Table", 5)))) {
            bs = ps; be = pe; found = 1;
        }
    }
    if (!found) return 0;
    /* "total bilirubin (TBIL)": the acronym */
    size_t k = be;
    while (k < s && t[k] == ' ') k++;
    if (k < s && t[k] == '(') {
        size_t j = k + 1;
        while (j < s && (isupper((unsigned char)t[j]) || isdigit((unsigned char)t[j]) || t[j] == '-')) j++;
        if (j < s && t[j] == ')' && j - k - 1 >= 2) { bs = k + 1; be = j; }
    }
    *ns = bs;
    *ne = be;
    return 1;
}

static const char *prose_variable(const char *t, size_t a, size_t b, size_t s, char *buf, size_t cap)
{
    /* nearest acronym / "(ACR)" / "X score" before s */
    size_t best = 0, bs = 0, bl = 0;
    for (size_t i = a; i < s; i++) {
        /* a word's start, or capitals glued to a word ("baselineMELD") */
        if (!isalnum((unsigned char)t[i]) || (i > a && isalnum((unsigned char)t[i-1]) &&
                                              !(isupper((unsigned char)t[i]) && islower((unsigned char)t[i-1]))))
            continue;
        size_t j = i;
        while (j < s && (isalnum((unsigned char)t[j]) || t[j] == '-')) j++;
        size_t n = j - i;
        while (n > 1 && t[i + n - 1] == '-') n--;
        if (is_acronym(t + i, n) && !acr_stop(t + i, n)) {
            best = 1; bs = i; bl = n;
            i = j - 1;
        }
    }
    /* "PSA failures (HR = 2.71 ...), bPFS events (HR = ...), and cancer-specific survival
     * (HR = ...)": the phrase right before the figure's "(" names it, not an outcome later on */
    size_t lim = b, op = s, depth = 0, ps0, pe0;
    while (op > a) {
        char c = t[op-1];
        if (c == ')' || c == ']') depth++;
        else if (c == '(' || c == '[') { if (!depth) break; depth--; }
        op--;
    }
    if (op > a && s - op < 40 && np_before(t, a, op - 1, &ps0, &pe0) && pe0 > ps0 &&
        isalpha((unsigned char)t[pe0-1]))
        lim = s;
    /* outcome phrases anywhere in the sentence */
    for (int k = 0; OUTCOME[k].w; k++) {
        size_t wl = strlen(OUTCOME[k].w);
        for (size_t i = a; i + wl <= lim; i++)
            if (ci_at(t + i, OUTCOME[k].w, wl) &&
                (k != 6 || !best || bs < i)) {
                if (best && bs > i && (i < s) && k >= 6 && !ci_has(t + bs, bl, "HCC")) break;
                snprintf(buf, cap, "%s", OUTCOME[k].name);
                return buf;
            }
    }
    /* a noun phrase: after "increase in" / "levels of", or right before the figure's "(" */
    size_t ns = 0, ne = 0, np = np_candidate(t, a, s, &ns, &ne);
    if (np && (!best || ns > bs || (bs < ne && ns <= bs))) {    /* "PSA failures" over "PSA" */
        return put_span(buf, cap, t + ns, ne - ns);
    }
    if (!best) {
        /* the sentence's subject: "The Timed Up&Go test decreased ... (p = 0.02)" */
        static const char *const LEAD[] = { "the", "a", "an", "mean", "median", "overall", "total", NULL };
        static const char *const VERB[] = { "was", "were", "is", "are", "decreased", "increased",
            "improved", "showed", "did", "had", "remained", "changed", "differed", "declined", "rose",
            "fell", "correlated", "reached", "occurred", "in", "at", "for", "between", "during", "after", NULL };
        static const char *const INTRO[] = { "in", "at", "after", "among", "during", "for", "over", "by",
            "on", "within", "compared", "from", "following", NULL };
        size_t i = a, st = a, e = a, w = 0;
        while (i < s && (t[i] == ' ' || t[i] == '\n')) i++;
        /* "In the exercise group, the 6-minute walk distance increased ...", "At week 12, ...":
         * the subject comes after the introductory phrase */
        {
            size_t j = i;
            while (j < s && isalpha((unsigned char)t[j])) j++;
            if (in_list(INTRO, t + i, j - i)) {
                size_t c = j;
                while (c < s && c < j + 80 && t[c] != ',' && t[c] != '(' && t[c] != '.') c++;
                if (c < s && t[c] == ',') { i = c + 1; while (i < s && (t[i] == ' ' || t[i] == '\n')) i++; }
            }
        }
        st = i;
        while (i < s && w < 8) {
            size_t j = i;
            while (j < s && (isalnum((unsigned char)t[j]) || t[j] == '-' || t[j] == '&' || (unsigned char)t[j] >= 0x80)) j++;
            if (j == i) break;
            if (w == 0 && st == i && in_list(LEAD, t + i, j - i)) { i = j; while (i < s && t[i] == ' ') i++; st = i; continue; }
            if (in_list(VERB, t + i, j - i)) break;
            w++;
            e = j;
            if (j < s && t[j] == ' ') i = j + 1; else break;
        }
        static const char *const VAGUE[] = { "results", "result", "data", "analysis", "analyses",
            "findings", "we", "it", "there", "this", "these", "those", "patients", "participants",
            "all", "both", "each", "our", "they", "of", "in", "on", "at", "for", "among", "from",
            "with", "by", "to", "after", "before", "during", "notably", "however", "overall", "thus",
            "therefore", "finally", "moreover", "furthermore", "when", "while", "although", NULL };
        size_t fw = st;
        while (fw < e && isalnum((unsigned char)t[fw])) fw++;
        /* "6-minute walk distance", "24-hour urine volume": a number glued to a word is a name */
        int named = isalpha((unsigned char)t[st]) ||
                    (fw < e && t[fw] == '-' && fw + 1 < e && isalpha((unsigned char)t[fw+1]));
        /* "The mean age of the participants was ...": age */
        static const char *const AMOUNT[] = { "number", "proportion", "percentage", "rate", "total", NULL };
        for (size_t q = st; q + 4 < e && !in_list(AMOUNT, t + st, fw - st); q++)
            if (ci_at(t + q, " of ", 4)) {
                size_t r = q + 4;
                if (r + 4 <= e && ci_at(t + r, "the ", 4)) r += 4;
                if (r + 3 <= e && ci_at(t + r, "all ", 4)) r += 4;
                if (ci_at(t + r, "patients", 8) || ci_at(t + r, "participants", 12) || ci_at(t + r, "subjects", 8)) {
                    e = q;
                    break;
                }
            }
        /* "The proportion of patients achieving remission was ...": remission */
        static const char *const WHO[] = { "patients ", "participants ", NULL };
        static const char *const HAVING[] = { "achieving ", "with ", "who had ", "who achieved ", "having ",
            "reporting ", "requiring ", NULL };
        for (size_t q = st; q < e && e > st; q++)
            for (int k = 0; WHO[k]; k++) {
                size_t m = strlen(WHO[k]);
                if (q + m >= e || !ci_at(t + q, WHO[k], m)) continue;
                for (int h = 0; HAVING[h]; h++) {
                    size_t hm = strlen(HAVING[h]);
                    if (q + m + hm < e && ci_at(t + q + m, HAVING[h], hm)) {
                        st = fw = q + m + hm;
                        while (fw < e && isalnum((unsigned char)t[fw])) fw++;
                        q = e;
                        break;
                    }
                }
                if (q == e) break;
            }
        /* "Forty-two patients (35%) in group A and 51 patients ...": a count, not a variable */
        int counted = e > st && (ci_has(t + st, e - st, "patients") || ci_has(t + st, e - st, "participants"));
        /* "... evaluated by": no dangling stop word at the end */
        while (e > st) {
            size_t ls = e;
            while (ls > st && isalpha((unsigned char)t[ls-1])) ls--;
            if (ls == e || ls == st || t[ls-1] != ' ' || !in_list(NP_STOP, t + ls, e - ls)) break;
            e = ls - 1;
        }
        if (w && e > st && e < s && named && !counted && !in_list(VAGUE, t + st, fw - st)) {
            return put_span(buf, cap, t + st, e - st);
        }
    }
    /* "12 (52.2%) participants had a drop in eGFR category": the phrase after the figure */
    if (!best && trig_np(t, s, b, &ns, &ne)) {
        return put_span(buf, cap, t + ns, ne - ns);
    }
    if (best) {
        size_t n = bl;
        /* "MELD score" */
        if (bs + n + 6 <= s && !strncmp(t + bs + n, " score", 6)) n += 6;
        return put_span(buf, cap, t + bs, n);
    }
    return NULL;
}

static const char *const GFILL[] = { "treatment", "treated", "the", "a", "an", "in", "and", "both",
    "two", "each", "of", "to", "than", "with", "between", "that", "this", "for", "all", "whole",
    "study", "same", "other", NULL };

static int is_control(const char *s);

typedef struct { size_t pos, end; char name[64]; } gmention_t;   /* end: after "group(s)" / "arm(s)" */

/* Group mentions in t[a, b): "UC-MSC treatment group", "control group", "group A", "the
 * intervention arm". */
static int group_mentions(const char *t, size_t a, size_t b, gmention_t *g, int max)
{
    int n = 0;
    for (size_t i = a; i + 3 <= b && n < max; i++) {
        int arm = 0, c0 = t[i] | 32;
        if (c0 != 'g' && c0 != 'a') continue;                 /* neither word starts here */
        if (i > a && is_word((unsigned char)t[i-1])) continue;
        if (i + 5 <= b && ci_at(t + i, "group", 5)) arm = 0;
        else if (ci_at(t + i, "arm", 3)) arm = 1;
        else continue;
        if (arm && i >= a + 4 && ci_at(t + i - 4, "per ", 4)) continue;     /* "participants per arm" */
        size_t j = i + (arm ? 3 : 5);
        if (j < b && t[j] == 's') j++;
        if (j < b && is_word((unsigned char)t[j])) continue;
        g[n].end = j;
        /* "group A" */
        if (!arm && j + 2 <= b && t[j] == ' ' && isupper((unsigned char)t[j+1]) &&
            (j + 2 == b || !is_word((unsigned char)t[j+2]))) {
            g[n].end = j + 2;
            g[n].pos = i;
            snprintf(g[n].name, sizeof g[n].name, "Group %c", t[j+1]);
            n++;
            continue;
        }
        /* words before: up to two that are not fillers */
        size_t e = i, words[2][2], tw = 0;
        int nw = 0;
        while (e > a && nw < 3) {
            while (e > a && (t[e-1] == ' ' || t[e-1] == '\n')) e--;
            size_t st = e;
            while (st > a && is_word((unsigned char)t[st-1])) st--;
            if (st == e) break;
            if (in_list(GFILL, t + st, e - st)) {
                if (nw > 0 || (strncasecmp(t + st, "treatment", 9) && strncasecmp(t + st, "treated", 7))) break;
                if (!tw) tw = st + 1;
            } else if (nw < 2) {
                words[nw][0] = st; words[nw][1] = e; nw++;
                if (nw == 1 && (isupper((unsigned char)t[st]) || ci_has(t + st, e - st, "control") ||
                                ci_has(t + st, e - st, "placebo") || ci_has(t + st, e - st, "saline")))
                    break;
            } else break;
            e = st;
        }
        if (nw == 0 && tw) {
            /* "in the treatment group": the arm is "treatment group" itself */
            g[n].pos = i;
            snprintf(g[n].name, sizeof g[n].name, "%.*s %s", (int)(i - 1 - (tw - 1)), t + tw - 1,
                     arm ? "arm" : "group");
            for (char *c = g[n].name; *c; c++) if (*c == '\n') *c = ' ';
            n++;
            continue;
        }
        if (nw == 0) continue;
        size_t s0 = words[nw-1][0], e0 = words[0][1];
        size_t len = e0 - s0;
        /* "-treated" suffix */
        if (len > 8 && !strncasecmp(t + e0 - 8, "-treated", 8)) len -= 8;
        if (len >= sizeof g[n].name) len = sizeof g[n].name - 1;
        memcpy(g[n].name, t + s0, len);
        g[n].name[len] = '\0';
        for (size_t k = 0; k < len; k++) if (g[n].name[k] == '\n') g[n].name[k] = ' ';
        if (!strcasecmp(g[n].name, "control")) snprintf(g[n].name, sizeof g[n].name, "Control");
        else if (!isupper((unsigned char)g[n].name[0]) && !is_control(g[n].name) && len + 6 < sizeof g[n].name)
            strcat(g[n].name, arm ? " arm" : " group");  /* "liver failure group", "exercise group" */
        g[n].pos = i;
        n++;
    }
    return n;
}

static int is_control(const char *s)
{
    return ci_has(s, strlen(s), "control") || ci_has(s, strlen(s), "placebo") || ci_has(s, strlen(s), "saline");
}

/* The nearest outcome phrase ("survival") in the sentences of t before position a. */
static const char *prose_outcome_before(const char *t, size_t a, char *buf, size_t cap)
{
    size_t base = back_window(t, a, PARA_MAX);
    size_t best = 0, first = base;
    int bk = -1;
    /* the paragraph's first sentence states its topic ("For the survival analysis, ...") */
    while (first < a && !(t[first] == '.' && first + 1 < a && (t[first+1] == ' ' || t[first+1] == '\n'))) first++;
    for (int pass = 0; pass < 2 && bk < 0; pass++) {
        size_t lim = pass == 0 ? first : a;
        /* topic sentence: the strongest outcome word; later sentences: the nearest */
        for (int k = 0; OUTCOME[k].w && !(pass == 0 && bk >= 0); k++) {
            size_t m = strlen(OUTCOME[k].w);
            for (size_t i = base; i + m <= lim; i++)
                if (ci_at(t + i, OUTCOME[k].w, m) && (bk < 0 || i > best)) { best = i; bk = k; }
        }
    }
    if (bk < 0) return NULL;
    snprintf(buf, cap, "%s", OUTCOME[bk].name);
    return buf;
}

/* The word at t[i..) (letters and '-'): its end, or i when there is none. */
static size_t word_end(const char *t, size_t i, size_t b)
{
    while (i < b && (isalpha((unsigned char)t[i]) || t[i] == '-' || (unsigned char)t[i] >= 0x80)) i++;
    return i;
}

static int arm_word_ok(const char *t, size_t s, size_t e)
{
    return e > s + 2 && !in_list(NP_STOP, t + s, e - s) && !in_list(GFILL, t + s, e - s) &&
           !ci_at(t + s, "patient", 7) && !ci_at(t + s, "respectively", 12) && !ci_at(t + s, "group", 5) &&
           !ci_at(t + s, "arm", 3);
}

/* "biopsies" -> "biopsy", "scores" -> "score" into out */
static void singular(const char *t, size_t s, size_t e, char *out, size_t cap)
{
    size_t n = e - s;
    if (n > 3 && !strncasecmp(t + e - 3, "ies", 3)) snprintf(out, cap, "%.*sy", (int)(n - 3), t + s);
    else if (n > 3 && t[e-1] == 's' && t[e-2] != 's') snprintf(out, cap, "%.*s", (int)(n - 1), t + s);
    else snprintf(out, cap, "%.*s", (int)n, t + s);
}

/* The head noun closing a list of adjectives that starts at i: "negative, 6/18 (33%) suspicious,
 * and 12/14 (86%) positive biopsies" -> "biopsies". The first "ADJ NOUN" pair whose noun ends
 * a clause. 1 with its span. */
static int list_head(const char *t, size_t i, size_t b, size_t *hs, size_t *he)
{
    size_t lim = i + 300 < b ? i + 300 : b;
    while (i < lim) {
        size_t e = word_end(t, i, lim);
        if (e == i) { i++; continue; }
        size_t j = e;
        if (j < lim && t[j] == ' ') {
            size_t k = word_end(t, j + 1, lim);
            if (k > j + 1 && arm_word_ok(t, i, e) && arm_word_ok(t, j + 1, k) &&
                (k >= lim || t[k] == '.' || t[k] == ',' || t[k] == ';' || t[k] == ':' || t[k] == ')')) {
                *hs = j + 1;
                *he = k;
                return 1;
            }
        }
        i = e;
    }
    return 0;
}

/* A count in an enumeration by kind: "46/145 (32%) in patients with negative, 6/18 (33%)
 * suspicious, and 12/14 (86%) positive biopsies" -> "Negative biopsy", "Suspicious biopsy",
 * "Positive biopsy": the adjective right after the figure and the list's head noun. */
static const char *enum_group(const char *t, size_t e, size_t b, char *buf, size_t cap)
{
    static const char *const LEAD[] = { "in patients with a ", "in patients with ", "in those with ",
        "in men with ", "in women with ", "with a ", "with ", "in ", "among ", NULL };
    size_t i = e;
    while (i < b && (t[i] == ' ' || t[i] == ')')) i++;
    for (int k = 0; LEAD[k]; k++)
        if (i + strlen(LEAD[k]) <= b && ci_at(t + i, LEAD[k], strlen(LEAD[k]))) { i += strlen(LEAD[k]); break; }
    size_t we = word_end(t, i, b);
    if (!arm_word_ok(t, i, we)) return NULL;
    size_t hs, he;
    if (!list_head(t, i, b, &hs, &he)) return NULL;
    char head[48];
    singular(t, hs, he, head, sizeof head);
    if (hs == i) return NULL;                        /* the adjective is the head itself */
    snprintf(buf, cap, "%c%.*s %s", toupper((unsigned char)t[i]), (int)(we - i - 1), t + i + 1, head);
    return buf;
}

/* A comparison of kinds of one thing: "A positive biopsy ... compared with negative and
 * suspicious biopsies" -> "Positive vs Negative or suspicious biopsy". */
static const char *kind_cmp_group(const char *t, size_t a, size_t s, char *buf, size_t cap)
{
    static const char *const CMP[] = { "compared with ", "compared to ", "versus ", "vs. ", "vs ", NULL };
    for (size_t i = a; i < s; i++) {
        size_t m = 0;
        for (int k = 0; CMP[k] && !m; k++)
            if (ci_at(t + i, CMP[k], strlen(CMP[k])) && (i == a || t[i-1] == ' ')) m = strlen(CMP[k]);
        if (!m) continue;
        /* the other side: W1 [and|or W2] NOUN */
        size_t p = i + m, w1 = p, w1e = word_end(t, p, s);
        if (!arm_word_ok(t, w1, w1e) || w1e >= s || t[w1e] != ' ') continue;
        size_t w2 = 0, w2e = 0, q = w1e + 1, ne;
        if (q + 4 <= s && (ci_at(t + q, "and ", 4) || ci_at(t + q, "or ", 3))) {
            q += t[q] == 'a' || t[q] == 'A' ? 4 : 3;
            w2 = q; w2e = word_end(t, q, s);
            if (!arm_word_ok(t, w2, w2e) || w2e >= s || t[w2e] != ' ') continue;
            q = w2e + 1;
        }
        ne = word_end(t, q, s);
        if (!arm_word_ok(t, q, ne) || ne - q < 4) continue;
        char noun[48];
        singular(t, q, ne, noun, sizeof noun);
        size_t nl = strlen(noun);
        /* this side: "a positive biopsy" before, or "with positive compared with" */
        size_t xs = 0, xe = 0;
        for (size_t j = a; j + nl <= i; j++)
            if (!strncasecmp(t + j, noun, nl) && j > a + 1 && t[j-1] == ' ') {
                size_t e0 = j - 1, s0 = e0;
                while (s0 > a && isalpha((unsigned char)t[s0-1])) s0--;
                if (arm_word_ok(t, s0, e0)) { xs = s0; xe = e0; }
            }
        if (!xe) {
            size_t e0 = i;
            while (e0 > a && t[e0-1] == ' ') e0--;
            size_t s0 = e0;
            while (s0 > a && isalpha((unsigned char)t[s0-1])) s0--;
            if (arm_word_ok(t, s0, e0) && s0 > a + 5 && ci_at(t + s0 - 5, "with ", 5)) { xs = s0; xe = e0; }
        }
        if (!xe) continue;
        if (w2)
            snprintf(buf, cap, "%c%.*s vs %c%.*s or %.*s %s", toupper((unsigned char)t[xs]), (int)(xe - xs - 1),
                     t + xs + 1, toupper((unsigned char)t[w1]), (int)(w1e - w1 - 1), t + w1 + 1,
                     (int)(w2e - w2), t + w2, noun);
        else
            snprintf(buf, cap, "%c%.*s vs %c%.*s %s", toupper((unsigned char)t[xs]), (int)(xe - xs - 1),
                     t + xs + 1, toupper((unsigned char)t[w1]), (int)(w1e - w1 - 1), t + w1 + 1, noun);
        return buf;
    }
    return NULL;
}

/* A "versus"/"vs"/"compared with" in t[a, b) followed by a number: another arm's figure. */
static int vs_value(const char *t, size_t a, size_t b)
{
    static const char *const VS[] = { " versus ", " vs. ", " vs ", " compared with ", " compared to ", NULL };
    for (size_t i = a; i < b; i++)
        for (int k = 0; VS[k]; k++) {
            size_t m = strlen(VS[k]);
            if (i + m < b && ci_at(t + i, VS[k], m) &&
                (isdigit((unsigned char)t[i+m]) || t[i+m] == '-' || (unsigned char)t[i+m] == 0xE2))
                return 1;
        }
    return 0;
}

/* The other side of a comparison named without "group": "A ... compared with usual care",
 * "lower with acupuncture than with sham". The phrase at t[p..) of up to three words: its
 * span, or 0. */
static size_t side_phrase(const char *t, size_t p, size_t b, size_t *ps)
{
    static const char *const NOT[] = { "baseline", "those", "that", "patients", "participants", "it", "them",
        "this", "each", "other", NULL };
    if (p + 4 <= b && ci_at(t + p, "the ", 4)) p += 4;
    size_t e = p, w = 0;
    while (e < b && w < 3) {
        size_t we = e;
        while (we < b && (isalpha((unsigned char)t[we]) || t[we] == '-')) we++;
        if (we == e || in_list(NP_STOP, t + e, we - e) || in_list(NP_TIME, t + e, we - e)) break;
        if (w == 0 && in_list(NOT, t + e, we - e)) return 0;
        w++;
        e = we;
        if (e + 1 < b && t[e] == ' ' && isalpha((unsigned char)t[e+1])) e++;
        else break;
    }
    while (e > p && t[e-1] == ' ') e--;
    if (!w || (e < b && (isdigit((unsigned char)t[e]) || t[e] == '('))) return 0;
    *ps = p;
    return e - p;
}

static const char *other_side(const char *t, size_t a, size_t b, const gmention_t *g, int n, char *buf,
                              size_t cap)
{
    static const char *const CMP[] = { "compared with ", "compared to ", "versus ", "vs. ", "vs ", NULL };
    size_t ps, m;
    if (n == 1) {
        for (size_t i = g[0].end; i < b; i++)
            for (int k = 0; CMP[k]; k++) {
                size_t cm = strlen(CMP[k]);
                if (i + cm < b && ci_at(t + i, CMP[k], cm) && t[i-1] == ' ' && (m = side_phrase(t, i + cm, b, &ps))) {
                    char y[64];
                    snprintf(y, sizeof y, "%.*s", (int)m, t + ps);
                    snprintf(buf, cap, "%s vs %s", g[0].name, is_control(y) ? "Control" : y);
                    return buf;
                }
            }
        return NULL;
    }
    if (n > 0) return NULL;
    /* "with A than with B" */
    for (size_t i = a; i + 6 < b; i++) {
        if (!ci_at(t + i, " with ", 6)) continue;
        size_t xs, xm = side_phrase(t, i + 6, b, &xs);
        if (!xm) continue;
        size_t j = xs + xm;
        if (j + 11 <= b && ci_at(t + j, " than with ", 11) && (m = side_phrase(t, j + 11, b, &ps))) {
            snprintf(buf, cap, "%.*s vs %.*s", (int)xm, t + xs, (int)m, t + ps);
            return buf;
        }
    }
    return NULL;
}

/* Group of a figure: for comparisons "A vs B" from the sentence's two groups (control last);
 * else the group named right after the figure, or the nearest one before it. */
static const char *prose_group(const char *t, size_t a, size_t b, const fig_t *f, int comparison,
                               int resp_k, char *buf, size_t cap)
{
    gmention_t g[8];
    int n = group_mentions(t, a, b, g, 8);
    /* a sentence that names no arm: a between-arm comparison ("compared with", "between")
     * takes the paragraph's two arms; anything else the arm named last before it */
    if (n == 0 && a > 0) {
        size_t from = back_window(t, a, 600), para = back_window(t, a, PARA_MAX);
        int between = ci_has(t + a, b - a, "compared") || ci_has(t + a, b - a, "between") ||
                      ci_has(t + a, b - a, " versus ") || ci_has(t + a, b - a, " vs");
        int m = group_mentions(t, comparison && between ? para : from, comparison && between ? b : a, g, 8);
        int distinct = 0;
        for (int i = 1; i < m; i++) if (strcasecmp(g[i].name, g[0].name)) distinct = 1;
        if (comparison && between && distinct) n = m;
        else if (m > 0) {
            snprintf(buf, cap, "%s", g[m - 1].name);
            return buf;
        }
    }
    if (comparison && (n == 0 || n == 1) && other_side(t, a, b, g, n, buf, cap)) return buf;
    if (n == 0) return NULL;
    if (comparison) {
        int i1 = -1, i2 = -1;
        for (int i = 0; i < n; i++) {
            if (i1 < 0) i1 = i;
            else if (strcasecmp(g[i].name, g[i1].name)) { i2 = i; break; }
        }
        if (i2 >= 0) {
            const char *x = g[i1].name, *y = g[i2].name;
            if (is_control(x) && !is_control(y)) { const char *tmp = x; x = y; y = tmp; }
            if (!strncmp(x, "Group ", 6) && !strncmp(y, "Group ", 6)) snprintf(buf, cap, "%s vs %s", x + 6, y + 6);
            else snprintf(buf, cap, "%s vs %s", x, y);
            return buf;
        }
    }
    int best = -1;
    /* "A had a lower X than B (3.2 ± 1.1 vs 4.5 ± 1.3, ...)": the figure before the "vs" in the
     * parenthesis belongs to the first arm named before it, the one after to the second */
    if (!comparison) {
        size_t op = f->s, depth = 0;
        while (op > a) {
            char c = t[op-1];
            if (c == ')' || c == ']') depth++;
            else if (c == '(' || c == '[') { if (!depth) break; depth--; }
            op--;
        }
        if (op > a) {
            size_t cl = f->e, vs = 0;
            while (cl < b && t[cl] != ')' && t[cl] != '(') cl++;
            for (size_t i = op; i + 4 <= cl && !vs; i++)
                if (ci_at(t + i, " vs", 3) || ci_at(t + i, " versus ", 8)) vs = i;
            int i1 = -1, i2 = -1;
            for (int i = 0; i < n && g[i].pos < op; i++) {
                if (i1 < 0) i1 = i;
                else if (i2 < 0 && strcasecmp(g[i].name, g[i1].name)) i2 = i;
            }
            if (vs && i2 >= 0) best = f->s < vs ? i1 : i2;
        }
    }
    /* "X, Y and Z in groups A, B and C, respectively": the k-th figure goes with the k-th group */
    if (best < 0 && resp_k >= 0 && resp_k < n) best = resp_k;
    /* "control group (n = 111) and UC-MSC group (n = 108)": the arm the figure's "(" follows */
    if (best < 0) {
        size_t op = f->s;
        while (op > a && f->s - op < 12 && t[op-1] != '(' && t[op-1] != ')') op--;
        if (op > a && t[op-1] == '(')
            for (int i = 0; i < n; i++)
                if (g[i].end <= op - 1 && op - 1 - g[i].end <= 1) best = i;
    }
    for (int i = 0; i < n && best < 0; i++)
        if (g[i].pos >= f->s && g[i].pos < f->e + 60) {
            /* "128.4 ± 14.2 mmHg versus 135.1 ± 15.0 mmHg in the control group": the other side's */
            if (g[i].pos > f->e && vs_value(t, f->e, g[i].pos)) break;
            best = i;
            break;
        }
    if (best < 0)
        for (int i = 0; i < n; i++) if (g[i].pos < f->s) best = i;
    if (best < 0) {
        /* "12 (52.2%) ... of empagliflozin compared with 7 in the placebo arm": an arm named far
         * after the figure, past a comparison, is the other side */
        size_t m = g[0].pos;
        if (m > f->e && (ci_has(t + f->e, m - f->e, "compared") || ci_has(t + f->e, m - f->e, " vs") ||
                         ci_has(t + f->e, m - f->e, "versus") || ci_has(t + f->e, m - f->e, " than ")))
            return NULL;
        best = 0;
    }
    snprintf(buf, cap, "%s", g[best].name);
    return buf;
}

/* "at week 12", "75-month follow-up", "13- to 75-month", "baseline" in t[a, b). */
static const char *prose_timepoint(const char *t, size_t a, size_t b, char *buf, size_t cap)
{
    static const char *const units[] = { "month", "week", "year", "day", NULL };
    for (size_t i = a; i < b; i++) {
        if (!isdigit((unsigned char)t[i]) || (i > a && isalnum((unsigned char)t[i-1]))) continue;
        size_t j = i;
        while (j < b && isdigit((unsigned char)t[j])) j++;
        size_t num_e = j;
        /* "13- to 75-month" */
        if (j + 5 < b && !strncmp(t + j, "- to ", 5)) {
            size_t k = j + 5, k0 = k;
            while (k < b && isdigit((unsigned char)t[k])) k++;
            for (int u = 0; units[u] && k > k0; u++)
                if (k + 1 + strlen(units[u]) <= b && t[k] == '-' && !strncmp(t + k + 1, units[u], strlen(units[u]))) {
                    snprintf(buf, cap, "%.*s\xE2\x80\x93%.*s %ss", (int)(num_e - i), t + i, (int)(k - k0), t + k0, units[u]);
                    return buf;
                }
        }
        if (j < b && (t[j] == '-' || t[j] == ' ')) j++;
        for (int u = 0; units[u]; u++)
            if (j + strlen(units[u]) <= b && !strncmp(t + j, units[u], strlen(units[u])) &&
                (ci_has(t + j, b - j > 30 ? 30 : b - j, "follow") || t[j-1] == '-')) {
                snprintf(buf, cap, "%.*s %ss", (int)(num_e - i), t + i, units[u]);
                return buf;
            }
    }
    for (size_t i = a; i + 6 <= b; i++) {
        if (ci_at(t + i, "week ", 5) && i + 5 < b && isdigit((unsigned char)t[i+5])) {
            size_t j = i + 5;
            while (j < b && isdigit((unsigned char)t[j])) j++;
            snprintf(buf, cap, "week %.*s", (int)(j - i - 5), t + i + 5);
            return buf;
        }
        if (ci_at(t + i, "baseline", 8)) { snprintf(buf, cap, "baseline"); return buf; }
    }
    return NULL;
}

static long group_n(const dctx_t *D, const char *g)
{
    if (!g) return -1;
    for (int i = 0; i < D->ngn; i++) if (!strcasecmp(D->gn[i].name, g)) return D->gn[i].n;
    return -1;
}

/* "control group ($n = 111$)", "(group A, N = 37)": remember group sizes. */
static void learn_n(dctx_t *D, const char *t, const fig_t *f)
{
    gmention_t g[4];
    size_t a = f->s > 80 ? f->s - 80 : 0;
    while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80) a--;
    int n = group_mentions(t, a, f->s, g, 4);
    if (n == 0 || D->ngn >= MAXGN) return;
    const gmention_t *m = &g[n - 1];
    if (f->s - m->pos > 40 || group_n(D, m->name) >= 0) return;
    snprintf(D->gn[D->ngn].name, sizeof D->gn[D->ngn].name, "%s", m->name);
    D->gn[D->ngn].n = (long)f->v[0];
    D->ngn++;
}

/* A legend key ("** p < 0.01") is a result about the figure it captions, unless it only
 * defines a marker used for many comparisons ("* p < 0.05 compared with baseline"). */
static int legend_generic(const char *t, size_t len, const fig_t *f)
{
    size_t lim = f->e + 50 < len ? f->e + 50 : len;
    return ci_has(t + f->e, lim - f->e, "compared") || ci_has(t + f->e, lim - f->e, " vs");
}

/* p-values that are thresholds or legend keys, not results: "p < .05 was considered
 * significant", "*, p < .05 compared with baseline". */
static int p_not_result(const char *t, size_t len, const fig_t *f, size_t sb)
{
    size_t e = f->e, lim = e + 60 < len ? e + 60 : len;
    if (sb >= e && lim > sb + 1) lim = sb + 1;          /* this sentence only */
    if (ci_has(t + e, lim - e, "consider") || ci_has(t + e, lim - e, "set at") ||
        (ci_has(t + e, lim - e, "defined") && ci_has(t + e, lim - e, "signific")) ||
        ci_has(t + e, lim - e, "threshold for") || ci_has(t + e, lim - e, "threshold of") ||
        ci_has(t + e, lim - e, "level of significance") || ci_has(t + e, lim - e, "significance level"))
        return 1;
    size_t a = f->s > 40 ? f->s - 40 : 0;
    if (ci_has(t + a, f->s - a, "significance") || ci_has(t + a, f->s - a, "alpha") ||
        ci_has(t + a, f->s - a, "considered") || ci_has(t + a, f->s - a, "significant at") ||
        ci_has(t + a, f->s - a, "level of"))
        return 1;
    size_t i = f->s;
    while (i > 0 && (t[i-1] == ' ' || t[i-1] == '(' || t[i-1] == '$')) i--;
    /* a legend key right before: "* p < 0.05", "## p < 0.01", "†p < .05" */
    if (i > 0 && (t[i-1] == '*' || t[i-1] == '#' || (unsigned char)t[i-1] >= 0x80) &&
        (i < 2 || !isalnum((unsigned char)t[i-2])) && (f->v[0] == 0.05 || f->v[0] == 0.01 || f->v[0] == 0.001))
        return legend_generic(t, len, f);
    if (i > 0 && t[i-1] == ',') {
        i--;
        while (i > 0 && t[i-1] == ' ') i--;
        if (i > 0 && !isalnum((unsigned char)t[i-1]) && t[i-1] != ')' && t[i-1] != ' ' && t[i-1] != '%' &&
            t[i-1] != ']' && t[i-1] != '$')
            return legend_generic(t, len, f);
    }
    return 0;
}

/* A bare percentage in a sentence about an outcome rate ("2-year survival rates were 66.7%"),
 * not a criterion ("ejection fraction <50%"), a dose or a power. */
static int pct_is_result(const char *t, size_t sa, size_t sb, const fig_t *f)
{
    static const char *const W[] = { "survival", "mortality", "response rate", "remission",
        "incidence", "prevalence", "recurrence", "death", "died", NULL };
    for (int i = 0; W[i]; i++) if (ci_has(t + sa, sb - sa, W[i])) {
        size_t a = f->s > sa + 40 ? f->s - 40 : sa;
        return !ci_has(t + a, f->s - a, "power") && !ci_has(t + a, f->s - a, "assumed");
    }
    return 0;
}

/* "CI 0.91–3.43" at the start of a text: the rest of a CI broken by the layout. */
static int ci_tail(const char *t, size_t len, double *lo, double *hi)
{
    size_t i = 0, u;
    while (i < len && isspace((unsigned char)t[i])) i++;
    if (i + 2 > len || strncmp(t + i, "CI", 2)) return 0;
    i += 2;
    while (i < len && (t[i] == ' ' || t[i] == ':')) i++;
    if (num_parse_fig(t + i, len - i, lo, &u)) return 0;
    i += u;
    while (i < len && t[i] == ' ') i++;
    if (i + 2 <= len && !strncmp(t + i, "to", 2)) i += 2;
    else if (num_sign_len(t + i, len - i)) i += num_sign_len(t + i, len - i);
    else if (i < len && t[i] == ',') i++;
    else return 0;
    while (i < len && t[i] == ' ') i++;
    if (num_parse_fig(t + i, len - i, hi, &u)) return 0;
    return 1;
}

/* Is block bi under a methods heading ("Methods", "Patients and methods", "Study design",
 * "Eligibility criteria", "Statistical analysis")? */
static int in_methods(const doc_t *d, size_t bi)
{
    static const char *const W[] = { "method", "study design", "study population", "eligib",
        "inclusion", "exclusion", "procedure", "intervention", "statistical", "sample size",
        "randomi", "participants", "patients and", NULL };
    if (bi >= d->nblocks) return 0;
    int sec = d->blocks[bi].section;
    if (sec < 0 || (size_t)sec >= d->nblocks) return 0;
    const doc_text_t *h = &d->blocks[sec].text;
    for (int i = 0; W[i]; i++) if (h->s && ci_has(h->s, h->len, W[i])) return 1;
    return 0;
}

/* Arms the article abbreviates: "2-yr biopsy group [LBG]" is written "2-yr biopsy group (LBG)";
 * a sentence that names no arm but "the PPG" ("per-protocol group (PPG)") is about that arm.
 * Returns the group to use (g, or buf). */
static const char *abbr_group(const dctx_t *D, const char *t, size_t sa, size_t s, const char *g,
                              char *buf, size_t cap)
{
    gmention_t gm[2];
    int named = group_mentions(t, sa, s, gm, 2) > 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < D->nab; i++) {
            const char *lf = D->ab[i].lf, *acr = D->ab[i].acr;
            size_t ll = strlen(lf), m = strlen(acr);
            if (ll < 5 || strcasecmp(lf + ll - 5, "group")) continue;
            if (pass == 1) {
                size_t gl = g && !strstr(g, " vs ") ? strlen(g) : 0;
                if (gl && gl <= ll && !strcasecmp(lf + ll - gl, g) && gl + m + 4 < cap) {
                    memmove(buf, g, gl);        /* g may be buf */
                    snprintf(buf + gl, cap - gl, " (%s)", acr);
                    return buf;
                }
                continue;
            }
            if (named) continue;
            for (size_t j = sa; j + m <= s; j++)
                if (!strncmp(t + j, acr, m) && (j == sa || !isalnum((unsigned char)t[j-1])) &&
                    !isalnum((unsigned char)t[j+m])) {
                    snprintf(buf, cap, "%c%s (%s)", toupper((unsigned char)lf[0]), lf + 1, acr);
                    return buf;
                }
        }
    return g;
}

/* Does t[a, b) compare with baseline ("vs baseline", "compared to baseline", "with respect to
 * baseline", "from baseline") and not between arms? */
static int within_arm(const char *t, size_t a, size_t b)
{
    static const char *const W[] = { "vs baseline", "vs. baseline", "versus baseline", "compared to baseline",
        "compared with baseline", "with respect to baseline", "from baseline", NULL };
    for (int i = 0; W[i]; i++)
        if (ci_has(t + a, b - a, W[i])) return !ci_has(t + a, b - a, "between");
    return 0;
}

/* "The mean change in FEV1 from baseline was a in the A group and b in the B group (P ...)": a
 * change compared between two arms named before the figure, not a change within one. */
static int change_between(const char *t, size_t a, size_t s)
{
    gmention_t g[8];
    if (!ci_has(t + a, s - a, "change")) return 0;
    int n = group_mentions(t, a, s, g, 8);
    for (int i = 1; i < n; i++) if (strcasecmp(g[i].name, g[0].name)) return 1;
    return 0;
}

/* Each arm with its own p-value: "ALT decreased in the UC-MSC group (P = 0.01) but not in the
 * control group (P = 0.45)". 1 and the arm when the figure's parenthesis opens right after an arm
 * and another arm of the sentence is followed by a parenthesis with a p-value of its own. */
static int own_arm_p(const char *t, size_t a, size_t b, const fig_t *f, char *buf, size_t cap)
{
    gmention_t g[8];
    int n = group_mentions(t, a, b, g, 8), mine = -1, other = 0;
    if (ci_has(t + a, b - a, " than ") || ci_has(t + a, b - a, "compared") || ci_has(t + a, b - a, " vs") ||
        ci_has(t + a, b - a, "versus") || ci_has(t + a, b - a, "between"))
        return 0;
    for (int i = 0; i < n; i++) {
        size_t j = g[i].end;
        while (j < b && t[j] == ' ') j++;
        if (j >= b || t[j] != '(') continue;
        size_t k = j + 1;
        while (k < b && t[k] == ' ') k++;
        if (k >= b || (t[k] != 'P' && t[k] != 'p')) continue;
        if (f->s >= j && f->s <= k + 1) mine = i;
        else other = 1;
    }
    if (mine < 0 || !other) return 0;
    snprintf(buf, cap, "%s", g[mine].name);
    return 1;
}

/* ---- one text ----------------------------------------------------------------------- */

typedef struct {
    const tab_ctx_t *cell;       /* table cell context, or NULL for prose */
    size_t bi;                   /* block index */
} where_t;

/* ---- decimal commas ------------------------------------------------------------------ */

/* Spanish and Portuguese texts (SciELO abstracts, Latin American journals) write "37,8" for
 * 37.8 and "37.801" for 37801. A text is read that way when its function words are Spanish or
 * Portuguese rather than English; a short text (a table cell, a caption) follows the article.
 * romance_words counts the function words of each kind; romance_text decides: 1 (decimal
 * commas), 0 (decimal points) or -1 (too few words to tell). */
static void romance_words(const char *t, size_t len, int *ro_, int *en_)
{
    /* by length: Spanish/Portuguese words first (space-separated), then after '|' English ones */
    static const char *const BYLEN[10] = {
        "",
        "e y|",
        "de em do da na el la um ao|of in to is by at",
        "com con los las del que foi fue dos das una uma sus nos|the and was for are",
        "para como anos seus|with were that",
        "entre foram grupo|group",
        "fueron|",
        "",
        "|patients",
        "pacientes|",
    };
    int ro = 0, en = 0;
    /* first[n]: bit c - 'a' for each first letter c of a listed word of length n (a word always
     * starts with an ASCII letter: the others are skipped without a look at the list) */
    uint32_t first[10] = { 0 };
    for (size_t n = 1; n < 10; n++)
        for (const char *p = BYLEN[n]; *p; ) {
            if (*p == '|' || *p == ' ') { p++; continue; }
            first[n] |= (uint32_t)1 << (*p - 'a');
            p += n;
        }
    for (size_t i = 0; i < len; ) {
        while (i < len && !((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'))) i++;
        size_t b = i;
        while (i < len && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
                           (unsigned char)t[i] >= 0x80)) i++;
        size_t n = i - b;
        if (n == 0 || n > 9 || !((first[n] >> ((t[b] | 0x20) - 'a')) & 1)) continue;
        char w[10];
        for (size_t k = 0; k < n; k++) w[k] = (char)(t[b + k] | 0x20);   /* ASCII letters only */
        int side = 0;
        for (const char *p = BYLEN[n]; *p; ) {
            if (*p == '|') { side = 1; p++; continue; }
            if (*p == ' ') { p++; continue; }
            if (*p == w[0] && !memcmp(p, w, n)) { if (side) en++; else ro++; break; }
            p += n;
        }
    }
    *ro_ += ro;
    *en_ += en;
}

static int romance_decide(int ro, int en)
{
    if (ro + en < 4) return -1;
    return ro >= 3 && ro > 3 * en;
}

static int romance_text(const char *t, size_t len)
{
    int ro = 0, en = 0;
    romance_words(t, len, &ro, &en);
    return romance_decide(ro, en);
}

/* A copy of t (same length, so every position still maps to the source) with "," and "."
 * between two digits swapped: "37,8" reads 37.8 and "37.801" reads as the thousands-grouped
 * 37,801; the text of a record is still taken from t. Returns the copy (owned by D), or NULL on allocation failure. */
static const char *swap_decimal_marks(dctx_t *D, const char *t, size_t len)
{
    if (len + 1 > D->swapcap) {
        char *n = realloc(D->swap, len + 1);
        if (!n) return NULL;
        D->swap = n;
        D->swapcap = len + 1;
    }
    memcpy(D->swap, t, len + 1);
    char *w = D->swap;
    for (size_t i = 1; i + 1 < len; i++)
        if ((t[i] == ',' || t[i] == '.') && isdigit((unsigned char)t[i-1]) && isdigit((unsigned char)t[i+1]))
            w[i] = t[i] == ',' ? '.' : ',';
    /* these languages name the interval first, "IC 95%" / "IC95%": read as "95% CI" (the same
     * number of bytes) */
    for (size_t i = 0; i + 5 <= len; i++) {
        if (w[i] != 'I' || w[i+1] != 'C' || (i && isalpha((unsigned char)w[i-1]))) continue;
        size_t sp = w[i+2] == ' ';
        if (i + 5 + sp > len || !isdigit((unsigned char)w[i+2+sp]) || !isdigit((unsigned char)w[i+3+sp]) ||
            w[i+4+sp] != '%')
            continue;
        char d0 = w[i+2+sp], d1 = w[i+3+sp];
        w[i] = d0; w[i+1] = d1; w[i+2] = '%';
        if (sp) w[i+3] = ' ';
        w[i+3+sp] = 'C'; w[i+4+sp] = 'I';
    }
    return D->swap;
}

static int do_text(dctx_t *D, const doc_text_t *tx, const where_t *w)
{
    const char *t = tx->s;
    size_t len = tx->len;
    fig_list_t *L = &D->ex->figs;
    char vbuf[96], gbuf[160], tbuf[64], cbuf[160];
    const char *last_var = NULL;
    size_t last_var_e = 0;
    int last_est = 0;               /* the previous figure was an estimate with CI */
    char last_group[160] = "";      /* ... and its group */
    if (!t || !len) return 0;
    /* a block's language was read once in ex_doc; a short text (a cell) follows the article */
    int dc = !w->cell && w->bi < D->d->nblocks && tx == &D->d->blocks[w->bi].text ? D->dcb[w->bi] :
             len < 200 ? -1 : romance_text(t, len);
    const char *ft = t;
    if ((dc < 0 ? D->dc_doc : dc) && !(ft = swap_decimal_marks(D, t, len))) return -1;
    if (fig_find(D->ex->re, ft, len, L)) return -1;
    /* fig_find's list is reused by nested calls: copy it */
    size_t nf = L->n;
    fig_t *F = nf ? malloc(nf * sizeof *F) : NULL;
    if (nf && !F) return -1;
    if (nf) memcpy(F, L->v, nf * sizeof *F);
    int rc = 0;
    for (size_t k = 0; k < nf && rc == 0; k++) {
        fig_t *f = &F[k];
        const char *kind = NULL;
        double v[4];
        int nv = f->nv, ambig = 0;
        const char *flags[4];
        int nflags = 0;
        size_t split_bi = 0;
        memcpy(v, f->v, sizeof v);
        size_t sa, sb;
        sentence(t, len, f->s, f->e, &sa, &sb);
        /* the words before the figure matter only for ±, a (b–c) and a (b) */
        mean_stmt_t loc = MEAN_STMT_NONE;
        if (f->syn == SYN_PM || f->syn == SYN_PAREN3 || f->syn == SYN_PAREN1 || f->syn == SYN_WIDE_RANGE)
            loc = local_stmt(t, sa, f->s);
        mean_hint_t ch = w->cell ? w->cell->hint : MEAN_UNKNOWN;
        int comparison = 0;
        switch (f->syn) {
        case SYN_ESTCI: kind = "estimate_ci"; comparison = 1; break;
        case SYN_ESTCI_OPEN: {
            /* the CI continues in one of the next few text blocks */
            for (size_t bj = w->bi + 1; bj < D->d->nblocks && bj <= w->bi + 4 && !kind; bj++) {
                const doc_block_t *nb = &D->d->blocks[bj];
                if (nb->kind == DOC_TABLE || nb->kind == DOC_CAPTION) continue;
                if (ci_tail(nb->text.s, nb->text.len, &v[1], &v[2])) {
                    split_bi = bj;
                    kind = "estimate_ci";
                    nv = 3;
                    flags[nflags++] = "read:ci_split";
                }
                if (nb->kind == DOC_PARA && !kind && nb->text.len > 200) break;
            }
            comparison = 1;
            break;
        }
        case SYN_CI: {
            size_t a = f->s > 80 ? f->s - 80 : 0;
            if (ci_has(t + a, f->s - a, "mean") && !ci_has(t + a, f->s - a, "difference")) kind = "mean_ci";
            else {
                kind = "estimate_ci";
                comparison = 1;
                /* the measure named just before: "mean difference, 535 mL [95% CI, ...]" */
                const char *m = ci_has(t + a, f->s - a, "hazard ratio") ? "HR" :
                                ci_has(t + a, f->s - a, "odds ratio") ? "OR" :
                                ci_has(t + a, f->s - a, "risk ratio") || ci_has(t + a, f->s - a, "relative risk") ? "RR" :
                                ci_has(t + a, f->s - a, "risk difference") ? "RD" :
                                ci_has(t + a, f->s - a, "standardized mean difference") ? "SMD" :
                                ci_has(t + a, f->s - a, "difference") ? "MD" : "other";
                snprintf(f->measure, sizeof f->measure, "%s", m);
            }
            break;
        }
        case SYN_PM: kind = kind_pm(ch, loc.plusminus, D->stmt.plusminus, &ambig); break;
        case SYN_SDPAREN: kind = f->flags & FIG_W_SE ? "mean_se" : "mean_sd"; break;
        case SYN_PAREN3: case SYN_WIDE_RANGE:
            if (f->syn == SYN_WIDE_RANGE && !ci_has(t + sa, f->s - sa, "median")) { kind = NULL; break; }
            kind = kind_paren(f, ch, loc.paren, D->stmt.paren, &ambig);
            if (!strcmp(kind, "estimate_ci")) { strcpy(f->measure, "other"); comparison = 1; }
            /* a medium that is not inside its own interval: not a median with IQR/range */
            if (strcmp(kind, "estimate_ci") && (v[0] < v[1] || v[0] > v[2])) ambig = 1;
            break;
        case SYN_CTP: kind = "count_total_pct"; v[0] = f->v[0]; v[1] = f->v[1]; v[2] = f->v[2]; break;
        case SYN_CP: kind = "count_pct"; break;
        case SYN_P:
            if (p_not_result(t, len, f, sb)) break;
            kind = "p_value"; comparison = 1;
            break;
        case SYN_N:
            kind = "n";
            if (!w->cell) learn_n(D, t, f);
            break;
        case SYN_NWORD: case SYN_NPAT: kind = "n"; break;
        case SYN_SLASH:
            if (w->cell && w->cell->variable && strchr(w->cell->variable, '/')) kind = "counts";
            else if (v[0] <= v[1]) kind = "count_total";
            break;
        case SYN_RANGEW:
            /* "aged 18–65", "in the range 18–65" in methods are criteria, not results */
            if (!in_methods(D->d, w->bi)) kind = "range";
            break;
        case SYN_PCT: case SYN_PCTRANGE:
            /* a bare percentage is a result where the sentence names an outcome rate */
            if (!w->cell && pct_is_result(t, sa, sb, f)) kind = f->syn == SYN_PCT ? "pct" : "range";
            break;
        case SYN_VS: {
            /* "24.05 vs. 26.32": two means (medians when the sentence says so), one per arm */
            const char *k2 = ci_has(t + sa, f->s - sa, "median") ? "median" : "mean";
            if (ci_has(t + f->e, sb > f->e + 30 ? 30 : (sb > f->e ? sb - f->e : 0), "%") ||
                ci_has(t + sa, sb - sa, "\xC2\xB1")) break;
            attr_t a2 = { 0 };
            a2.n = -1;
            a2.conf = 0.7;
            a2.variable = prose_variable(t, sa, sb, f->s, vbuf, sizeof vbuf);
            gmention_t gm[4];
            int ng = group_mentions(t, sa, sb, gm, 4);
            fig_t f1 = *f, f2 = *f;
            f1.e = f->e1;
            f2.s = f->s2; f2.e = f->e2; f2.v[0] = f->v[1];
            double v1[1] = { f->v[0] }, v2[1] = { f->v[1] };
            a2.group = ng >= 1 ? gm[0].name : NULL;
            if ((rc = emit(D, tx, &f1, k2, v1, 1, &a2, NULL, 0))) break;
            a2.group = ng >= 2 ? gm[1].name : NULL;
            rc = emit(D, tx, &f2, k2, v2, 1, &a2, NULL, 0);
            break;
        }
        case SYN_PAREN1: {
            /* "a (b)": only what a table or the words before it say; the article's statement
             * is enough inside a table, never in running text */
            mean_hint_t h = ch == MEAN_NPCT || ch == MEAN_SD || ch == MEAN_SE ? ch : loc.single;
            if (h == MEAN_UNKNOWN && w->cell) h = D->stmt.single;
            if (h == MEAN_NPCT && v[0] == floor(v[0]) && v[0] >= 0 && v[1] <= 100) kind = "count_pct";
            else if (h == MEAN_SD && !(f->flags & FIG_PCTSIGN)) kind = "mean_sd";
            else if (h == MEAN_SE && !(f->flags & FIG_PCTSIGN)) kind = "mean_se";
            break;
        }
        default: break;
        }
        if (!kind) continue;
        if (ambig) flags[nflags++] = "read:ambiguous_dispersion";
        attr_t a = { 0 };
        a.n = -1;
        a.conf = ambig ? 0.6 : 0.9;
        if (w->cell) {
            a.variable = w->cell->variable;
            a.unit = w->cell->unit;
            a.group = w->cell->group;
            a.n = w->cell->n;
            a.timepoint = w->cell->timepoint;
            a.table = w->cell->table;
            if (w->cell->uncertain) { a.guess = 1; a.conf -= 0.2; }
            if (comparison && w->cell->is_p_col && !a.group) a.group = NULL;
            /* an estimate in a column that names no arm, in a placebo-controlled article: the
             * active arm against placebo */
            if (comparison && !a.group && f->syn != SYN_P && D->active[0]) {
                snprintf(gbuf, sizeof gbuf, "%c%s vs Placebo", toupper((unsigned char)D->active[0]), D->active + 1);
                a.group = gbuf;
            }
        } else {
            /* p right after an estimate in the same parentheses: same variable */
            /* (an estimate of its own is about the phrase before its own "(") */
            /* ... in the same sentence: "HR 1.73 (1.30;2.29) for death. Age was 30.5 (...)" */
            int after_est = last_est && f->s >= last_var_e && f->s - last_var_e < 40 && last_var_e > sa &&
                            f->syn != SYN_ESTCI && f->syn != SYN_CI && f->syn != SYN_ESTCI_OPEN;
            if (last_var && after_est) a.variable = last_var;
            else if (D->carry_bi == w->bi && f->s < D->carry_end + 40 && D->carry_var[0]) a.variable = D->carry_var;
            /* a sample size measures nothing: "219 patients" has no variable */
            else if (f->syn == SYN_N || f->syn == SYN_NWORD || f->syn == SYN_NPAT) a.variable = NULL;
            else a.variable = prose_variable(t, sa, sb, f->s, vbuf, sizeof vbuf);
            /* nothing in the sentence: an outcome named earlier in the paragraph */
            if (!a.variable && comparison && sa > 0) a.variable = prose_outcome_before(t, sa, vbuf, sizeof vbuf);
            int resp_k = -1;
            if (!comparison && ci_has(t + f->e, sb - f->e, "respectively")) {
                resp_k = 0;                  /* figures of this syntax before f in the sentence */
                for (size_t j = k; j > 0 && F[j-1].s >= sa; j--) if (F[j-1].syn == f->syn) resp_k++;
            }
            a.group = prose_group(t, sa, sb, f, comparison, resp_k, gbuf, sizeof gbuf);
            /* "... compared with 7 in the placebo arm; P=0.13": one arm named in a sentence about
             * the active drug and placebo compares the two (set below) */
            if (comparison && a.group && !strstr(a.group, " vs ") && D->active[0] &&
                ci_has(t + sa, sb - sa, "placebo") && ci_has(t + sa, sb - sa, D->active))
                a.group = NULL;
            if (!comparison) a.group = abbr_group(D, t, sa, f->s, a.group, gbuf, sizeof gbuf);
            /* "enrolled 219 patients ... who were divided into control group (n = 111) and ...": the
             * whole sample, before it is split into arms */
            if (a.group && (f->syn == SYN_NPAT || f->syn == SYN_NWORD)) {
                gmention_t gm[2];
                size_t lim = sb - f->e > 160 ? f->e + 160 : sb;
                if (group_mentions(t, sa, f->s, gm, 2) == 0 &&
                    (ci_has(t + f->e, lim - f->e, "divided into") || ci_has(t + f->e, lim - f->e, "randomi") ||
                     ci_has(t + f->e, lim - f->e, "assigned to") || ci_has(t + f->e, lim - f->e, "allocated to")))
                    a.group = NULL;
            }
            /* a change within one arm ("p = 0.01 vs baseline in the exercise group"): that arm */
            int own = comparison && f->syn == SYN_P ? own_arm_p(t, sa, sb, f, gbuf, sizeof gbuf) : 0;
            if (own) a.group = gbuf;
            else if (comparison && a.group && strstr(a.group, " vs ") && within_arm(t, sa, sb) &&
                     !change_between(t, sa, f->s)) {
                gmention_t gm[8];
                int ng = group_mentions(t, sa, sb, gm, 8), bi = -1;
                for (int i = 0; i < ng && bi < 0; i++) if (gm[i].pos >= f->e && gm[i].pos < f->e + 80) bi = i;
                for (int i = 0; i < ng; i++) if (gm[i].pos < f->s && bi < 0) bi = i;
                if (bi >= 0) {
                    snprintf(gbuf, sizeof gbuf, "%s", gm[bi].name);
                    a.group = gbuf;
                }
            }
            /* arms that are kinds of one thing: "negative, suspicious and positive biopsies" */
            int ncount = 0;
            for (size_t j = 0; j < nf; j++)
                if (F[j].s >= sa && F[j].e <= sb && (F[j].syn == SYN_CTP || F[j].syn == SYN_CTP2 ||
                                                     F[j].syn == SYN_CP)) ncount++;
            if (!comparison && ncount >= 2 && enum_group(t, f->e, sb, gbuf, sizeof gbuf)) a.group = gbuf;
            if (comparison && kind_cmp_group(t, sa, f->s, gbuf, sizeof gbuf)) a.group = gbuf;
            /* the p-value right after an estimate compares the same arms */
            if (after_est && last_group[0] && (!a.group || !strstr(a.group, " vs "))) {
                snprintf(gbuf, sizeof gbuf, "%s", last_group);
                a.group = gbuf;
            }
            /* arms named without "group": the active drug against placebo */
            if (!a.group && comparison && D->active[0] &&
                (ci_has(t + sa, sb - sa, "placebo") || ci_has(t + sa, sb - sa, D->active))) {
                snprintf(gbuf, sizeof gbuf, "%c%s vs Placebo", toupper((unsigned char)D->active[0]), D->active + 1);
                a.group = gbuf;
            }
            if (!a.group && comparison && D->carry_bi == w->bi && f->s < D->carry_end + 40 && D->carry_group[0])
                a.group = D->carry_group;
            a.timepoint = prose_timepoint(t, sa, sb, tbuf, sizeof tbuf);
            if (!comparison) a.n = group_n(D, a.group);
            /* an abbreviation the article defines: "Fractional excretion of sodium (FENa)" */
            for (int i = 0; a.variable && a.variable != last_var && i < D->nab; i++)
                if (!strcmp(a.variable, D->ab[i].acr) && abbr_alone(t, sa, f->s, D->ab[i].acr)) {
                    snprintf(cbuf, sizeof cbuf, "%c%s (%s)", toupper((unsigned char)D->ab[i].lf[0]),
                             D->ab[i].lf + 1, D->ab[i].acr);
                    a.variable = last_var = cbuf;
                }
            if (a.variable && a.variable != last_var) {
                snprintf(cbuf, sizeof cbuf, "%s", a.variable);
                a.variable = last_var = cbuf;
            }
            if (a.variable) last_var_e = f->e;
            last_est = f->syn == SYN_ESTCI || f->syn == SYN_CI || f->syn == SYN_ESTCI_OPEN;
            if (last_est) snprintf(last_group, sizeof last_group, "%s", a.group ? a.group : "");
            if (f->syn == SYN_ESTCI_OPEN && split_bi && a.variable) {
                snprintf(D->carry_var, sizeof D->carry_var, "%s", a.variable);
                snprintf(D->carry_group, sizeof D->carry_group, "%s", a.group ? a.group : "");
                D->carry_bi = split_bi;
                D->carry_end = 0;
            }
        }
        rc = emit(D, tx, f, kind, v, nv, &a, flags, nflags);
    }
    free(F);
    return rc;
}

/* ---- tables ------------------------------------------------------------------------- */

static int memchr_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) if (s[i] >= '0' && s[i] <= '9') return 1;
    return 0;
}

/* Does the header of column col say that a parenthesis holds a p-value: "r (p-value)",
 * "HR (p)"? */
static int header_paren_p(const doc_table_t *tb, int col)
{
    for (int r = 0; r < tb->nhead && r < tb->nrows; r++) {
        const doc_cell_t *h = tb->grid ? doc_table_at(tb, r, col) : NULL;
        if (!h || !h->text.s) continue;
        const char *p = strchr(h->text.s, '(');
        while (p) {
            const char *q = p + 1;
            while (*q == ' ') q++;
            if ((*q == 'p' || *q == 'P') && (q[1] == ')' || q[1] == '-' || q[1] == ' ' || q[1] == '\0'))
                return 1;
            p = strchr(p + 1, '(');
        }
    }
    return 0;
}

/* "-0.07 (0.1569)", "-0.15 (<0.0001)": the p-value in the parenthesis. 1 with its span. */
static int paren_p(const char *s, size_t n, double *x, char op[3], size_t *a, size_t *b)
{
    const char *p = memchr(s, '(', n);
    if (!p) return 0;
    size_t i = (size_t)(p - s) + 1;
    while (i < n && s[i] == ' ') i++;
    size_t st = i;
    const char *e = memchr(s + i, ')', n - i);
    if (!e) return 0;
    size_t en = (size_t)(e - s);
    while (en > st && s[en-1] == ' ') en--;
    if (!fig_bare(s + st, en - st, x, op) || *x < 0 || *x > 1) return 0;
    *a = st;
    *b = en;
    return 1;
}

static int do_table(dctx_t *D, size_t bi)
{
    const doc_table_t *tb = D->d->blocks[bi].table;
    int rc = 0;
    if (!tb) return 0;
    /* caption and notes are running text ("p = 0.009 vs baseline") */
    where_t wp = { NULL, bi };
    if (tb->caption.len && do_text(D, &tb->caption, &wp)) return -1;
    if (tb->foot.len && do_text(D, &tb->foot, &wp)) return -1;
    for (int i = 0; i < tb->ncells && rc == 0; i++) {
        const doc_cell_t *c = &tb->cells[i];
        if (!c->text.len || !memchr_digit(c->text.s, c->text.len)) continue;   /* labels, headers */
        tab_ctx_t ctx;
        if (tab_cell_ctx(D->d, bi, c->row, c->col, &ctx)) return -1;
        if (c->uncertain) ctx.uncertain = 1;
        where_t w = { &ctx, bi };
        size_t before = D->out->n;
        double px;
        char pop[3];
        size_t ppa, ppb;
        /* a "%" cell is read with the count left of it (tab.h: pct_col / is_pct_half) */
        if (!c->header && ctx.is_pct_half) {
            tab_ctx_destroy(&ctx);
            continue;
        }
        if (!c->header && ctx.pct_col >= 0 && tb->grid) {
            const doc_cell_t *pc = doc_table_at(tb, c->row, ctx.pct_col);
            double cnt, pct;
            char o1[3], o2[3];
            size_t pl = pc && pc->text.s ? pc->text.len : 0;
            while (pl > 0 && (pc->text.s[pl-1] == '%' || isspace((unsigned char)pc->text.s[pl-1]))) pl--;
            if (pl && fig_bare(c->text.s, c->text.len, &cnt, o1) && !strcmp(o1, "=") && cnt == floor(cnt) &&
                cnt >= 0 && fig_bare(pc->text.s, pl, &pct, o2) && !strcmp(o2, "=") && pct >= 0 && pct <= 100) {
                fig_t f = { 0 };
                double v[2] = { cnt, pct };
                size_t s0 = 0, e0 = c->text.len;
                while (s0 < e0 && isspace((unsigned char)c->text.s[s0])) s0++;
                while (e0 > s0 && isspace((unsigned char)c->text.s[e0-1])) e0--;
                f.s = s0; f.e = e0; f.v[0] = cnt; f.v[1] = pct; f.nv = 2;
                attr_t a = { ctx.variable, ctx.unit, ctx.group, ctx.timepoint, ctx.table, ctx.n,
                             ctx.uncertain ? 0.7 : 0.9, ctx.uncertain };
                rc = emit(D, &c->text, &f, "count_pct", v, 2, &a, NULL, 0);
                tab_ctx_destroy(&ctx);
                continue;
            }
        }
        if (!c->header && (ctx.paren_p || header_paren_p(tb, c->col)) &&
            paren_p(c->text.s, c->text.len, &px, pop, &ppa, &ppb)) {
            /* "r (p-value)" column: the parenthesis is the p-value (the coefficient is no target) */
            fig_t f = { 0 };
            f.s = ppa; f.e = ppb; f.v[0] = px; f.nv = 1;
            memcpy(f.op, pop, 3);
            attr_t a = { ctx.variable, ctx.unit, ctx.group, ctx.timepoint, ctx.table, -1,
                         ctx.uncertain ? 0.7 : 0.9, ctx.uncertain };
            rc = emit(D, &c->text, &f, "p_value", f.v, 1, &a, NULL, 0);
            tab_ctx_destroy(&ctx);
            continue;
        }
        rc = do_text(D, &c->text, &w);
        /* a bare number: a p-value in a p column, a median or mean under such a label */
        double x;
        char op[3];
        double lo, hi;
        size_t pa, pb;
        if (rc == 0 && D->out->n == before && !c->header && ctx.hint != MEAN_IQR && ctx.hint != MEAN_CI &&
            fig_pair(c->text.s, c->text.len, &lo, &hi, &pa, &pb) && lo <= hi) {
            /* a bare "19–65" in a table: a range (of a row labelled "Range", or min–max) */
            fig_t f = { 0 };
            double v[2] = { lo, hi };
            f.s = pa; f.e = pb; f.v[0] = lo; f.v[1] = hi; f.nv = 2;
            attr_t a = { ctx.variable, ctx.unit, ctx.group, ctx.timepoint, ctx.table, ctx.n,
                         ctx.hint == MEAN_RANGE ? 0.9 : 0.6, ctx.uncertain };
            rc = emit(D, &c->text, &f, "range", v, 2, &a, NULL, 0);
        }
        if (rc == 0 && D->out->n == before && !c->header && fig_bare(c->text.s, c->text.len, &x, op)) {
            const char *kind = NULL;
            if (ctx.is_p_col && x >= 0 && x <= 1) kind = "p_value";
            else if (ctx.hint == MEAN_MEDIAN) kind = "median";
            else if (ctx.hint == MEAN_MEAN) kind = "mean";
            if (kind) {
                fig_t f = { 0 };
                size_t s = 0, e = c->text.len;
                while (s < e && isspace((unsigned char)c->text.s[s])) s++;
                while (e > s && isspace((unsigned char)c->text.s[e-1])) e--;
                f.s = s; f.e = e; f.v[0] = x; f.nv = 1;
                memcpy(f.op, op, 3);
                attr_t a = { ctx.variable, ctx.unit, ctx.group, ctx.timepoint, ctx.table, ctx.n,
                             ctx.uncertain ? 0.7 : 0.9, ctx.uncertain };
                if (!strcmp(kind, "p_value")) a.n = -1;
                rc = emit(D, &c->text, &f, kind, f.v, 1, &a, NULL, 0);
            }
        }
        tab_ctx_destroy(&ctx);
    }
    return rc;
}

/* ---- the document ------------------------------------------------------------------- */

/* The active arm of a placebo-controlled article: the word before "with/or/versus placebo"
 * or after "placebo/" that the article uses most (at least twice). Written into out. */
static void learn_active(const doc_t *d, char *out, size_t cap)
{
    char cand[8][48];
    int cnt[8] = { 0 }, nc = 0;
    out[0] = '\0';
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const doc_text_t *tx = &d->blocks[bi].text;
        if (d->blocks[bi].kind == DOC_TABLE || !tx->len) continue;
        const char *t = tx->s;
        for (size_t i = 0; i + 7 <= tx->len; i++) {
            if ((t[i] | 32) != 'p' || !ci_at(t + i, "placebo", 7)) continue;
            /* the word before: "empagliflozin with placebo", "X or placebo", "X versus placebo" */
            size_t e = i;
            while (e > 0 && t[e-1] == ' ') e--;
            size_t w = e;
            while (w > 0 && isalpha((unsigned char)t[w-1])) w--;
            if (!(e - w == 4 && !strncasecmp(t + w, "with", 4)) && !(e - w == 2 && !strncasecmp(t + w, "or", 2)) &&
                !(e - w == 6 && !strncasecmp(t + w, "versus", 6)))
                continue;
            while (w > 0 && t[w-1] == ' ') w--;
            size_t ae = w;
            while (w > 0 && (isalnum((unsigned char)t[w-1]) || t[w-1] == '-')) w--;
            /* "empagliflozin 25 mg or placebo": skip a dose */
            if (ae > w && isdigit((unsigned char)t[w])) continue;
            size_t n = ae - w;
            if (n < 4 || n >= 48 || in_list(NP_STOP, t + w, n) || !strncasecmp(t + w, "compared", 8) ||
                !strncasecmp(t + w, "treated", 7) || !strncasecmp(t + w, "treatment", 9))
                continue;
            int k;
            for (k = 0; k < nc; k++) if (strlen(cand[k]) == n && !strncasecmp(cand[k], t + w, n)) break;
            if (k == nc) {
                if (nc == 8) continue;
                memcpy(cand[k], t + w, n);
                cand[k][n] = '\0';
                for (size_t j = 0; j < n; j++) cand[k][j] = (char)tolower((unsigned char)cand[k][j]);
                nc++;
            }
            cnt[k]++;
        }
    }
    int best = -1;
    for (int k = 0; k < nc; k++) if (cnt[k] >= 2 && (best < 0 || cnt[k] > cnt[best])) best = k;
    if (best >= 0) snprintf(out, cap, "%s", cand[best]);
}

/* Blocks under a "References" heading cite other papers: "2007;85(13–14)" is no figure. */
static int in_references(const doc_t *d, const doc_block_t *b)
{
    if (b->section < 0 || (size_t)b->section >= d->nblocks) return 0;
    const doc_text_t *h = &d->blocks[b->section].text;
    return h->len >= 10 && (!strncasecmp(h->s, "references", 10) || !strncasecmp(h->s, "bibliography", 12));
}

typedef struct { long line, off; size_t idx; } okey_t;

static int cmp_okey(const void *a, const void *b)
{
    const okey_t *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->off != y->off) return x->off < y->off ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int sort_recs(rec_list_t *l, size_t base)
{
    size_t n = l->n - base;
    if (n < 2) return 0;
    okey_t *k = malloc(n * sizeof *k);
    rec_t *tmp = malloc(n * sizeof *tmp);
    if (!k || !tmp) { free(k); free(tmp); return -1; }
    for (size_t i = 0; i < n; i++) {
        k[i].line = l->v[base + i].line;
        k[i].off = l->v[base + i].offset >= 0 ? l->v[base + i].offset : (long)(~0UL >> 1);
        k[i].idx = i;
    }
    qsort(k, n, sizeof *k, cmp_okey);
    for (size_t i = 0; i < n; i++) tmp[i] = l->v[base + k[i].idx];
    memcpy(l->v + base, tmp, n * sizeof *tmp);
    free(k);
    free(tmp);
    return 0;
}

int ex_doc(ex_t *ex, const doc_t *d, rec_list_t *out)
{
    dctx_t D;
    const char **paras = NULL;
    size_t np = 0;
    char *dup = NULL;
    int rc = -1;
    memset(&D, 0, sizeof D);
    D.ex = ex;
    D.d = d;
    D.out = out;
    D.base = out->n;
    D.stmt = (mean_stmt_t)MEAN_STMT_NONE;
    D.carry_bi = (size_t)-1;

    if (d->nblocks && !(paras = malloc(d->nblocks * sizeof *paras))) goto out;
    /* statistics statements live in methods paragraphs and footnotes; captions and table
     * notes fill in only what those leave open */
    mean_stmt_t capst = MEAN_STMT_NONE;
    for (size_t i = 0; i < d->nblocks; i++) {
        const doc_block_t *b = &d->blocks[i];
        if (b->kind == DOC_TABLE) {
            if (b->table && b->table->foot.len) mean_scan(b->table->foot.s, b->table->foot.len, &capst);
            if (b->table && b->table->caption.len) mean_scan(b->table->caption.s, b->table->caption.len, &capst);
            continue;
        }
        if (!b->text.len) continue;
        if (b->kind == DOC_PARA) paras[np++] = b->text.s;
        if (b->kind == DOC_PARA || b->kind == DOC_FOOTNOTE) mean_scan(b->text.s, b->text.len, &D.stmt);
        else if (b->kind == DOC_CAPTION) mean_scan(b->text.s, b->text.len, &capst);
    }
    if (!D.stmt.plusminus) D.stmt.plusminus = capst.plusminus;
    if (!D.stmt.paren) D.stmt.paren = capst.paren;
    if (!D.stmt.single) D.stmt.single = capst.single;
    if (!D.stmt.level) D.stmt.level = capst.level;
    learn_active(d, D.active, sizeof D.active);
    {   /* the article's language decides for texts too short to tell (table cells) */
        int ro = 0, en = 0;
        if (d->nblocks && !(D.dcb = malloc(d->nblocks))) goto out;
        for (size_t i = 0; i < d->nblocks; i++) {
            int r = 0, e = 0;
            if (d->blocks[i].kind != DOC_TABLE && d->blocks[i].text.len)
                romance_words(d->blocks[i].text.s, d->blocks[i].text.len, &r, &e);
            D.dcb[i] = (signed char)romance_decide(r, e);
            if (d->blocks[i].kind == DOC_PARA) { ro += r; en += e; }
        }
        D.dc_doc = romance_decide(ro, en) == 1;
    }
    for (size_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind != DOC_TABLE && d->blocks[i].text.len)
            learn_abbr(D.ab, &D.nab, d->blocks[i].text.s, d->blocks[i].text.len);
    if (!(D.study = study_key(d->doi, d->title, paras, np))) goto out;
    if (study_register(ex->ss, d->path, &D.study, d->doi, d->title, paras, np, &dup)) goto out;
    if (dup) {
        size_t n = strlen(dup) + 32;
        if (!(D.dup_flag = malloc(n))) goto out;
        snprintf(D.dup_flag, n, "dup:duplicate_of:%s", dup);
    }
    for (size_t i = 0; i < d->nblocks; i++) {
        const doc_block_t *b = &d->blocks[i];
        if (in_references(d, b)) continue;
        if (b->kind == DOC_TABLE) {
            if (do_table(&D, i)) goto out;
        } else if (b->kind != DOC_HEADING && b->kind != DOC_TITLE) {
            where_t w = { NULL, i };
            if (do_text(&D, &b->text, &w)) goto out;
        }
    }
    if (sort_recs(out, D.base)) goto out;
    if (ex->opts.checks) {
        check_ctx_t cx;
        check_ctx_init(&cx, d);
        if (check_article(out->v + D.base, out->n - D.base, &cx)) goto out;
    }
    rc = 0;
out:
    free(paras);
    free(dup);
    free(D.study);
    free(D.dup_flag);
    free(D.swap);
    free(D.dcb);
    return rc;
}

/* tab.c - what a table cell means: variable and unit from its row label (and the parent row of
 * a sub-row), group, n and timepoint from its column headers, the arms a p-value or effect
 * column compares, and how its figures read (row label, column header, caption, footnote).
 * Works on any DOC_TABLE: rebuilt from text (tab_txt.c) or read from XML, HTML or PDF. */
#include "tab.h"
#include "tab_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small string helpers ---------------------------------------------------------------- */

static char *dupn(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    if (!o) return NULL;
    memcpy(o, s, n);
    o[n] = '\0';
    return o;
}

static void rtrim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == ':'))
        s[--n] = '\0';
}

static char *join3(const char *a, const char *sep, const char *b)
{
    size_t x = strlen(a), y = strlen(sep), z = strlen(b);
    char *o = malloc(x + y + z + 1);
    if (!o) return NULL;
    memcpy(o, a, x);
    memcpy(o + x, sep, y);
    memcpy(o + x + y, b, z + 1);
    return o;
}

/* Remove <sup>x</sup> footnote marks (letters or symbols, up to 3 bytes) in place. */
static void drop_marks(char *s)
{
    char *p;
    while ((p = strstr(s, "<sup>")) != NULL) {
        char *e = strstr(p, "</sup>");
        if (!e) break;
        size_t in = (size_t)(e - p - 5);
        int digits = 0;
        for (char *q = p + 5; q < e; q++) digits |= *q >= '0' && *q <= '9';
        if (in > 3 || digits) {
            /* keep the content ("mm<sup>3</sup>"): drop just the tags */
            memmove(e, e + 6, strlen(e + 6) + 1);
            memmove(p, p + 5, strlen(p + 5) + 1);
            continue;
        }
        memmove(p, e + 6, strlen(e + 6) + 1);
    }
}

/* Clean a label: markup and footnote marks out, spaces collapsed. */
static char *clean_label(const char *s)
{
    char *raw = strdup(s), *c;
    if (!raw) return NULL;
    drop_marks(raw);
    c = tab_clean(raw, strlen(raw));
    free(raw);
    return c;
}

/* ---- units ------------------------------------------------------------------------------- */

static int prefix_in(const char *s, const char *const *list, size_t *len)
{
    for (int i = 0; list[i]; i++) {
        size_t k = strlen(list[i]);
        if (strncasecmp(s, list[i], k) == 0) { if (len) *len = k; return 1; }
    }
    return 0;
}

static int is_unit(const char *u)
{
    static const char *const whole[] = { "years", "year", "yr", "yrs", "y", "months", "month",
        "mo", "days", "day", "d", "weeks", "week", "wk", "hours", "hour", "h", "min", "minutes",
        "s", "sec", "%", "kg", "g", "mg", "cm", "mm", "m", "mmhg", "bpm", "points", "kg/m2",
        "kg/m²", "iu", "u", "ml", "l", "cells", "score", "ng", "pg", "mmol", "μmol", "µmol",
        "°c", "ms", "mm hg", "cm h2o", "l/min", NULL };
    static const char *const num[] = { "\xC3\x97" "10", "x10", "x 10", "10^", "10", "\xEF\xBF\xBD",
        "g", "mg", "\xCE\xBCg", "\xC2\xB5g", "ng", "pg", "kg", "mmol", "\xCE\xBCmol", "\xC2\xB5mol",
        "nmol", "pmol", "mol", "meq", "miu", "iu", "mu", "ku", "u", "ml", "dl", "l", "cells",
        "cell", "mm", "cm", "m", "beats", "copies", "log", "\xCE\xBC", "\xC2\xB5", "ug",
        "breaths", "mosm", "µl", "μl", "ul", "fl", "events", "counts", NULL };
    static const char *const den[] = { "l", "dl", "ml", "mm", "min", "h", "d", "day", "kg", "m",
        "1.73", "mmol", "mol", "g", "s", "hpf", "year", "yr", "week", "\xCE\xBCl", "\xC2\xB5l",
        "ul", "nl", "24", "hour", "hr", "cm", "month", NULL };
    for (int i = 0; whole[i]; i++) if (strcasecmp(u, whole[i]) == 0) return 1;
    const char *sl = strchr(u, '/');
    if (!sl) {
        /* "×10^9/L" has a slash; "×10^9" alone, "10^3 cells" */
        size_t k;
        return prefix_in(u, num, &k) && (u[0] == '\xC3' || u[0] == 'x' || u[0] == '1') &&
               strlen(u) < 16;
    }
    const char *a = u;
    size_t k;
    while (*a == ' ') a++;
    if (!prefix_in(a, num, &k)) return 0;
    const char *b = sl + 1;
    while (*b == ' ') b++;
    if (!prefix_in(b, den, &k)) return 0;
    /* the numerator's word must end where the unit ends: "male/female" is no unit */
    const char *q = a;
    while (q < sl && *q != ' ') q++;
    if (q - a > 8) return 0;
    return strlen(u) < 24;
}

/* ---- labels and headers ------------------------------------------------------------------ */

/* Strip trailing descriptors ("(n)", ", n (%)", ", % (n/total number)", "(IQR)") in place. */
static void strip_descriptors(char *s)
{
    for (int guard = 0; guard < 6; guard++) {
        rtrim(s);
        size_t n = strlen(s);
        if (!n) return;
        /* ", n (%)" / ", %" / ", mean ± SD" after a comma */
        char *cm = strrchr(s, ',');
        if (cm && cm != s) {
            const char *tail = cm + 1;
            while (*tail == ' ') tail++;
            if (strcmp(tail, "%") == 0 || tab_is_stat_label(tail) || strcasecmp(tail, "n") == 0 ||
                mean_label_hint(tail, strlen(tail)) == MEAN_NPCT) {
                *cm = '\0';
                continue;
            }
        }
        if (s[n - 1] == ')' || s[n - 1] == ']') {
            int depth = 0;
            size_t i = n;
            while (i > 0) {
                i--;
                if (s[i] == ')' || s[i] == ']') depth++;
                else if ((s[i] == '(' || s[i] == '[') && --depth == 0) break;
            }
            if (depth != 0 || i == 0) return;
            char *in = dupn(s + i + 1, n - i - 2);
            if (!in) return;
            int desc = tab_is_stat_label(in) || strcasecmp(in, "n") == 0 ||
                       strstr(in, "total number") != NULL;
            free(in);
            if (!desc) return;
            s[i] = '\0';
            continue;
        }
        /* "n (%)" as the whole tail after a space: "Male n (%)" */
        return;
    }
}

int tab_parse_label(const char *s, char **variable, char **unit)
{
    char *c = NULL, *v = NULL, *u = NULL;
    int rc = -1;
    *variable = *unit = NULL;
    if (!s) return 0;
    if (!(c = clean_label(s))) goto out;
    strip_descriptors(c);
    size_t n = strlen(c);
    if (n && c[n - 1] == ')') {
        int depth = 0;
        size_t i = n;
        while (i > 0) {
            i--;
            if (c[i] == ')') depth++;
            else if (c[i] == '(' && --depth == 0) break;
        }
        if (depth == 0 && i > 0) {
            char *in = dupn(c + i + 1, n - i - 2);
            if (!in) goto out;
            char *t = tab_clean(in, strlen(in));
            free(in);
            if (!t) goto out;
            if (is_unit(t)) { u = t; c[i] = '\0'; }
            else free(t);
        }
    } else {
        /* "Age, years", "Furosemide dose, mg/d" */
        char *cm = strrchr(c, ',');
        if (cm && cm != c) {
            const char *tail = cm + 1;
            while (*tail == ' ') tail++;
            if (*tail && is_unit(tail)) {
                if (!(u = strdup(tail))) goto out;
                *cm = '\0';
            }
        }
    }
    rtrim(c);
    strip_descriptors(c);
    rtrim(c);
    if (*c && !(v = strdup(c))) goto out;
    *variable = v;
    *unit = u;
    v = u = NULL;
    rc = 0;
out:
    free(c); free(v); free(u);
    return rc;
}

/* "n = 111" at s[i]? Returns the number and sets *end past it, or -1. */
static long n_at(const char *s, size_t i, size_t *end)
{
    if (!(s[i] == 'n' || s[i] == 'N')) return -1;
    if (i > 0 && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
                  (s[i - 1] >= '0' && s[i - 1] <= '9')))
        return -1;
    size_t j = i + 1;
    while (s[j] == ' ') j++;
    if (s[j] == '=' || s[j] == ':') j++;
    else if (strncmp(s + j, "\xEF\xBF\xBD", 3) == 0) j += 3;      /* U+FFFD where "=" was lost */
    else return -1;
    while (s[j] == ' ') j++;
    if (!(s[j] >= '0' && s[j] <= '9')) return -1;
    long v = 0;
    while (s[j] >= '0' && s[j] <= '9' && v < 100000000) v = v * 10 + (s[j++] - '0');
    if (s[j] == ',' && s[j + 1] >= '0' && s[j + 1] <= '9') {      /* "n = 1,164" */
        while ((s[j] == ',' && s[j + 1] >= '0' && s[j + 1] <= '9') || (s[j] >= '0' && s[j] <= '9')) {
            if (s[j] != ',') v = v * 10 + (s[j] - '0');
            j++;
        }
    }
    if (s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9') return -1;
    *end = j;
    return v;
}

int tab_parse_header(const char *s, char **group, long *n)
{
    char *c = NULL;
    *group = NULL;
    *n = -1;
    if (!s) return 0;
    if (!(c = clean_label(s))) return -1;
    size_t len = strlen(c), cut = len;
    for (size_t i = 0; i < len; i++) {
        size_t e;
        long v = n_at(c, i, &e);
        if (v < 0) continue;
        *n = v;
        /* the group ends before "(n = ...", ", n = ..." or " n = ..." */
        size_t k = i;
        while (k > 0 && (c[k - 1] == ' ' || c[k - 1] == '(' || c[k - 1] == '[' || c[k - 1] == ','))
            k--;
        cut = k;
        break;
    }
    c[cut] = '\0';
    strip_descriptors(c);
    rtrim(c);
    /* "n (%)" / "N (%)" left alone names no group */
    if (*c && !tab_is_stat_label(c)) *group = c;
    else free(c);
    return 0;
}

/* ---- table geometry ------------------------------------------------------------------------ */

static const doc_cell_t *cell_at(const doc_table_t *t, int r, int c)
{
    if (r < 0 || c < 0 || r >= t->nrows || c >= t->ncols) return NULL;
    if (t->grid) return t->grid[(size_t)r * t->ncols + c];
    for (int i = 0; i < t->ncells; i++) {
        const doc_cell_t *x = &t->cells[i];
        if (r >= x->row && r < x->row + x->rowspan && c >= x->col && c < x->col + x->colspan)
            return x;
    }
    return NULL;
}

static int cell_is_value(const doc_cell_t *x)
{
    return x && x->text.len && tab_is_value(x->text.s, x->text.len);
}

/* Rows looked at to tell a label column from a value column: enough for any real table, and
 * it keeps the context of one cell from costing the whole table. */
enum { SCAN_ROWS = 80 };

/* Leading label columns: every body cell in them is text. */
static int stub_cols(const doc_table_t *t)
{
    int k = 0;
    int rmax = t->nhead + SCAN_ROWS < t->nrows ? t->nhead + SCAN_ROWS : t->nrows;
    for (; k < t->ncols - 1; k++) {
        int text = 0, val = 0;
        for (int r = t->nhead; r < rmax; r++) {
            const doc_cell_t *x = cell_at(t, r, k);
            if (!x || !x->text.len || x->col != k || x->uncertain) continue;
            if (cell_is_value(x)) val++;
            else text++;
        }
        if (val > 0 || (text == 0 && k > 0)) break;
        if (text == 0 && k == 0) {
            /* no body labels at all: column 0 is still the stub if its header is empty */
            break;
        }
    }
    return k < 1 ? 1 : k;
}

/* A label column inside the table (a wide table's second stub, "Change in uNa, mmol/L"):
 * every body cell of it is text, and there are at least two. */
static int label_col(const doc_table_t *t, int k)
{
    int text = 0;
    int rmax = t->nhead + SCAN_ROWS < t->nrows ? t->nhead + SCAN_ROWS : t->nrows;
    for (int r = t->nhead; r < rmax; r++) {
        const doc_cell_t *x = cell_at(t, r, k);
        if (!x || !x->text.len || x->col != k || x->uncertain) continue;
        if (cell_is_value(x)) return 0;
        text++;
    }
    return text >= 2;
}

static char *cell_str(const doc_cell_t *x)
{
    if (!x || !x->text.len) return NULL;
    return clean_label(x->text.s);
}

/* The header column of a stub column names arms ("Group"). */
static int stub_is_group(const doc_table_t *t, int k)
{
    for (int r = 0; r < t->nhead; r++) {
        char *h = cell_str(cell_at(t, r, k));
        int g = h && tab_is_group_header(h);
        free(h);
        if (g) return 1;
    }
    return 0;
}

typedef struct {
    char *group;         /* header parts naming an arm, joined with ": " */
    long  n;
    char *timepoint;
    int   is_p, is_cmp;
    char *arms;          /* "A vs B" named by an effect header ("Mean difference from placebo") */
    int   paren_p;       /* "r (p-value)": the parenthesised figure is a p-value */
    int   is_n, is_pct;  /* the leaf header is "n" / "%" (a count split from its percentage) */
    mean_hint_t hint;
    const doc_cell_t *top;   /* topmost header cell of this column spanning more columns */
} colhead_t;

static void colhead_free(colhead_t *h)
{
    free(h->group);
    free(h->timepoint);
    free(h->arms);
    memset(h, 0, sizeof *h);
}

static char *compare_name(const char *a, const char *b);

/* Cut a trailing time ("Empagliflozin day 3" -> "Empagliflozin", "placebo week 6" -> "placebo")
 * off s, in place. */
static void strip_time(char *s)
{
    for (size_t i = 1; s[0] && s[i]; i++) {
        if (s[i - 1] != ' ') continue;
        if (tab_is_timepoint(s + i)) {
            s[i] = '\0';
            break;
        }
    }
    rtrim(s);
}

/* ASCII lower case, as strncasecmp folds in the C locale: the first byte is compared before
 * calling it (most places fail there). */
static int fold_c(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Position of w in s (ASCII case-insensitive), or NULL. */
static const char *find_ci(const char *s, const char *w)
{
    size_t k = strlen(w);
    int w0 = fold_c((unsigned char)w[0]);
    for (const char *p = s; *p; p++)
        if ((!k || fold_c((unsigned char)*p) == w0) && strncasecmp(p, w, k) == 0) return p;
    return NULL;
}

/* The arms an effect header names: "Empagliflozin, mean difference from placebo (95% CI)",
 * "Mean difference from placebo week 6" under the arm "own", "Drug vs placebo, difference"
 * -> "Drug vs Placebo". NULL when the header names no reference arm (or on allocation failure). */
static char *header_arms(const char *s, const char *own)
{
    static const char *const lead[] = { " difference from ", " difference vs. ", " difference vs ",
        " difference versus ", " ratio vs. ", " ratio vs ", " ratio versus ", NULL };
    static const char *const mid[] = { " vs. ", " vs ", " versus ", " compared with ", NULL };
    char *buf = NULL, *x = NULL, *y = NULL, *out = NULL;
    size_t n = strlen(s);
    if (!(buf = malloc(n + 2))) return NULL;
    buf[0] = ' ';                                 /* so that " difference" also matches first */
    memcpy(buf + 1, s, n + 1);
    const char *at = NULL, *yb = NULL;
    for (int i = 0; lead[i] && !at; i++)
        if ((at = find_ci(buf, lead[i]))) yb = at + strlen(lead[i]);
    if (at) {
        /* back over "mean", "adjusted" and the like */
        const char *e = at;
        for (;;) {
            const char *w = e;
            while (w > buf && w[-1] != ' ' && w[-1] != ',') w--;
            size_t wl = (size_t)(e - w);
            if (wl && (strncasecmp(w, "mean", wl) == 0 || strncasecmp(w, "adjusted", wl) == 0 ||
                       strncasecmp(w, "median", wl) == 0 || strncasecmp(w, "absolute", wl) == 0 ||
                       strncasecmp(w, "relative", wl) == 0) && (wl == 4 || wl == 6 || wl == 8)) {
                e = w;
                while (e > buf && (e[-1] == ' ' || e[-1] == ',')) e--;
                continue;
            }
            break;
        }
        if (!(x = dupn(buf, (size_t)(e - buf)))) goto out;
    } else {
        for (int i = 0; mid[i] && !at; i++)
            if ((at = find_ci(buf, mid[i]))) yb = at + strlen(mid[i]);
        if (!at) goto out;
        if (!(x = dupn(buf, (size_t)(at - buf)))) goto out;
    }
    /* the reference arm ends at "(", "," or the effect words */
    size_t yl = 0;
    while (yb[yl] && yb[yl] != '(' && yb[yl] != ',' && yb[yl] != ';' &&
           strncasecmp(yb + yl, " mean", 5) != 0 && strncasecmp(yb + yl, " difference", 11) != 0)
        yl++;
    if (!(y = dupn(yb, yl))) goto out;
    char *xc = tab_clean(x, strlen(x)), *yc = tab_clean(y, strlen(y));
    free(x); free(y);
    x = xc; y = yc;
    if (!x || !y) goto out;
    strip_time(x);
    strip_time(y);
    if (!*x && own) {
        free(x);
        if (!(x = strdup(own))) goto out;
        strip_time(x);
    }
    if (!*x || !*y || tab_is_stat_label(x) || tab_is_timepoint(y) || find_ci(y, "baseline"))
        goto out;
    if (y[0] >= 'a' && y[0] <= 'z' && ((x[0] >= 'A' && x[0] <= 'Z') || (unsigned char)x[0] >= 0x80))
        y[0] = (char)(y[0] - 32);
    out = compare_name(x, y);
out:
    free(buf); free(x); free(y);
    return out;
}

/* "r (p-value)", "Estimate (p)", "Coefficient (P value)": a figure with its p in parentheses. */
static int paren_names_p(const char *s)
{
    const char *o = strchr(s, '(');
    if (!o || o == s) return 0;
    const char *e = strchr(o, ')');
    if (!e || e[1] != '\0') return 0;
    char *in = dupn(o + 1, (size_t)(e - o - 1));
    int ok = in && tab_is_p_header(in);
    free(in);
    return ok;
}

/* The leaf header of a count column whose percentage has a column of its own. */
static int count_header(const char *s)
{
    static const char *const w[] = { "n", "no.", "no", "number", "count", "n.", NULL };
    for (int i = 0; w[i]; i++) if (strcasecmp(s, w[i]) == 0) return 1;
    return 0;
}

static int pct_header(const char *s)
{
    static const char *const w[] = { "%", "(%)", "percent", "percentage", "% of patients", NULL };
    for (int i = 0; w[i]; i++) if (strcasecmp(s, w[i]) == 0) return 1;
    return 0;
}

/* Read the header cells above column col; skip_top: leave out header cell `skip` (a span
 * shared with another column). */
static int col_head(const doc_table_t *t, int col, const doc_cell_t *skip, colhead_t *h)
{
    const doc_cell_t *prev = NULL;
    memset(h, 0, sizeof *h);
    h->n = -1;
    for (int r = 0; r < t->nhead; r++) {
        const doc_cell_t *x = cell_at(t, r, col);
        if (!x || x == prev || !x->text.len) continue;
        prev = x;
        if (x->colspan > 1 && !h->top) h->top = x;
        if (x == skip || x->uncertain) continue;     /* a header placed by guess names nothing */
        char *s = cell_str(x);
        if (!s) return -1;
        if (!*s) { free(s); continue; }
        if (tab_is_p_header(s)) { h->is_p = 1; free(s); continue; }
        if (paren_names_p(s)) h->paren_p = 1;
        h->is_n = count_header(s);
        h->is_pct = pct_header(s);
        if (h->is_n || h->is_pct) { free(s); continue; }       /* "n" / "%" name no arm */
        if (tab_is_cmp_header(s)) {
            h->is_cmp = 1;
            mean_hint_t k = mean_label_hint(s, strlen(s));
            if (k != MEAN_UNKNOWN) h->hint = k;
            if (!h->arms) h->arms = header_arms(s, h->group);
            free(s);
            continue;
        }
        mean_hint_t k = mean_label_hint(s, strlen(s));
        char *g = NULL;
        long n = -1;
        if (tab_parse_header(s, &g, &n)) { free(s); return -1; }
        if (n >= 0) h->n = n;
        if (tab_is_stat_label(s)) {
            if (k != MEAN_UNKNOWN) h->hint = k;
            free(g);
            free(s);
            continue;
        }
        if (k == MEAN_NPCT || k == MEAN_SD || k == MEAN_SE || k == MEAN_IQR || k == MEAN_RANGE ||
            k == MEAN_CI)
            h->hint = k;
        free(s);
        if (!g) continue;
        if (tab_is_timepoint(g)) {
            free(h->timepoint);
            h->timepoint = g;
            continue;
        }
        /* "Placebo week 6": the arm, then its time */
        for (size_t i = 1; g[0] && g[i]; i++) {
            if (g[i - 1] != ' ' || !tab_is_timepoint(g + i)) continue;
            if (!h->timepoint && !(h->timepoint = strdup(g + i))) { free(g); return -1; }
            g[i] = '\0';
            rtrim(g);
            break;
        }
        if (h->group) {
            char *j = join3(h->group, ": ", g);
            free(g);
            if (!j) return -1;
            free(h->group);
            h->group = j;
        } else h->group = g;
    }
    return 0;
}

/* "Group A" and "Group B" -> "Group A vs B"; "UC-MSc" and "Control" -> "UC-MSc vs Control". */
static char *compare_name(const char *a, const char *b)
{
    if (tab_is_control(a) && !tab_is_control(b)) { const char *x = a; a = b; b = x; }
    const char *sa = strchr(a, ' '), *sb = strchr(b, ' ');
    if (sa && sb && sa - a == sb - b && strncasecmp(a, b, (size_t)(sa - a)) == 0 &&
        strlen(sb + 1) <= 3 && !strchr(sb + 1, ' '))
        return join3(a, " vs ", sb + 1);
    /* "Positive biopsy" and "Negative or suspicious biopsy": the shared last word once */
    const char *la = strrchr(a, ' '), *lb = strrchr(b, ' ');
    if (la && lb && strcasecmp(la, lb) == 0 && strlen(la) > 3 && !tab_is_control(la)) {
        char *head = dupn(a, (size_t)(la - a));
        char *o = head ? join3(head, " vs ", b) : NULL;
        free(head);
        return o;
    }
    return join3(a, " vs ", b);
}

/* First word of s, lower-cased, into w (at most cap bytes). */
static void first_word(const char *s, char *w, size_t cap)
{
    size_t k = 0;
    while (*s && *s != ' ' && *s != ',' && *s != ':' && k + 1 < cap) {
        char c = *s++;
        w[k++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    w[k] = '\0';
}

/* Does the caption or a footnote put b before a around "versus" ("positive versus negative")?
 * Then the comparison reads b vs a. */
static int text_orders(const doc_table_t *t, const char *a, const char *b)
{
    char wa[32], wb[32];
    first_word(a, wa, sizeof wa);
    first_word(b, wb, sizeof wb);
    if (strlen(wa) < 3 || strlen(wb) < 3 || strcmp(wa, wb) == 0) return 0;
    const doc_text_t *src[2] = { &t->caption, &t->foot };
    for (int i = 0; i < 2; i++) {
        if (!src[i]->len) continue;
        char *s = clean_label(src[i]->s);
        if (!s) return 0;
        for (char *p = s; *p; p++) if (*p >= 'A' && *p <= 'Z') *p += 32;
        int hit = 0;
        static const char *const sep[] = { "versus", " vs", NULL };
        for (int k = 0; sep[k] && !hit; k++) {
            for (char *v = strstr(s, sep[k]); v && !hit; v = strstr(v + 1, sep[k])) {
                size_t off = (size_t)(v - s);
                size_t lo = off > 40 ? off - 40 : 0;
                char *pb = strstr(s + lo, wb), *pa = strstr(v, wa);
                hit = pb && pb < v && pa && pa - v < 40;
            }
        }
        free(s);
        if (hit) return 1;
    }
    return 0;
}

/* A table's facts (below): the header of column col without skip, and label_col, computed
 * once per table. */
typedef struct tab_facts tab_facts_t;
static int col_head_f(tab_facts_t *f, int col, colhead_t *h);
static int facts_label_col(tab_facts_t *f, int k);

/* The arms a p-value / effect column compares: the value columns under the same spanning
 * header, else those since the previous p column, else all value columns. */
static int compare_group(tab_facts_t *f, const doc_table_t *t, int col, int nstub,
                         const doc_cell_t *top, char **out)
{
    int lo = nstub, hi = col;            /* candidates [lo, hi) and beyond for spans */
    *out = NULL;
    if (top) { lo = top->col; hi = top->col + top->colspan; }
    else {
        for (int k = col - 1; k >= nstub; k--) {
            colhead_t h;
            if (col_head_f(f, k, &h)) return -1;
            int p = h.is_p || h.is_cmp;
            colhead_free(&h);
            if (p) { lo = k + 1; break; }
        }
    }
    char *names[8];
    int nn = 0, rc = -1;
    for (int pass = 0; pass < 2 && nn < 2; pass++) {
        if (pass == 1) {                 /* fall back to every value column of the table */
            for (int i = 0; i < nn; i++) free(names[i]);
            nn = 0;
            lo = nstub; hi = t->ncols;
        }
        for (int k = lo; k < hi && nn < 8; k++) {
            if (k == col || facts_label_col(f, k)) continue;
            colhead_t h;
            if (top ? col_head(t, k, top, &h) : col_head_f(f, k, &h)) goto out;
            if (!h.is_p && !h.is_cmp && h.group) {
                int dup = 0;
                for (int i = 0; i < nn; i++) dup |= strcmp(names[i], h.group) == 0;
                if (!dup) { names[nn++] = h.group; h.group = NULL; }
            }
            colhead_free(&h);
        }
        if (top && nn < 2) break;       /* inside a span: do not look beyond it */
    }
    if (nn == 2) {
        int swap = !tab_is_control(names[0]) && !tab_is_control(names[1]) &&
                   text_orders(t, names[0], names[1]);
        *out = swap ? compare_name(names[1], names[0]) : compare_name(names[0], names[1]);
    }
    else if (nn > 2) {
        char *acc = strdup(names[0]);
        for (int i = 1; i < nn && acc; i++) {
            char *j = join3(acc, " vs ", names[i]);
            free(acc);
            acc = j;
        }
        *out = acc;
    }
    if (nn >= 2 && !*out) goto out;
    rc = 0;
out:
    for (int i = 0; i < nn; i++) free(names[i]);
    return rc;
}

/* The group of an effect or p column: the arms its header names; for a p column right after an
 * effect column (under the same span), the arms of that effect; else the arms compare_group
 * finds; else what the column's own header names ("Model 2" over "p-value"). */
static int cmp_group(tab_facts_t *f, const doc_table_t *t, int col, int nstub, int depth, char **out)
{
    colhead_t h, p;
    int rc = -1;
    *out = NULL;
    memset(&p, 0, sizeof p);
    if (col_head_f(f, col, &h)) return -1;
    if (h.arms) { *out = h.arms; h.arms = NULL; rc = 0; goto out; }
    if (h.is_p && depth == 0 && col - 1 >= nstub) {
        if (col_head_f(f, col - 1, &p)) goto out;
        if (p.is_cmp && !p.is_p && p.top == h.top && cmp_group(f, t, col - 1, nstub, 1, out)) goto out;
        if (*out) { rc = 0; goto out; }
    }
    if (compare_group(f, t, col, nstub, h.top, out)) goto out;
    if (!*out && h.group) { *out = h.group; h.group = NULL; }
    rc = 0;
out:
    colhead_free(&h);
    colhead_free(&p);
    return rc;
}

/* ---- rows ---------------------------------------------------------------------------------- */

/* The label cell of row r among the stub columns that are not arm columns (innermost); with
 * labcol >= 0, the cell of that inner label column. */
static const doc_cell_t *row_label(const doc_table_t *t, int r, int nstub, int *gcol, int labcol)
{
    const doc_cell_t *lab = NULL;
    if (labcol >= 0) {
        lab = cell_at(t, r, labcol);
        return lab && lab->text.len && lab->col == labcol ? lab : NULL;
    }
    for (int k = 0; k < nstub; k++) {
        if (gcol[k]) continue;
        const doc_cell_t *x = cell_at(t, r, k);
        if (x && x->text.len) lab = x;
    }
    return lab;
}

/* The outer label of row r in a table with two label columns; an empty outer cell takes the
 * label above it (a row span a reader did not keep). */
static const doc_cell_t *outer_label(const doc_table_t *t, int r, int nstub, int *gcol,
                                     const doc_cell_t *inner)
{
    for (int k = 0; k < nstub; k++) {
        if (gcol[k]) continue;
        if (inner && inner->col <= k) break;
        for (int q = r; q >= t->nhead; q--) {
            const doc_cell_t *x = cell_at(t, q, k);
            if (x && x->text.len && x != inner) return x->uncertain ? NULL : x;
            if (q < r) {
                /* stop at a row that has its own label further out */
                int other = 0;
                for (int j = 0; j < k; j++) {
                    const doc_cell_t *y = cell_at(t, q, j);
                    other |= y && y->text.len;
                }
                if (other) break;
            }
        }
    }
    return NULL;
}

/* A section row: its label spans the whole table ("Age (yr)" with colspan = every column). */
static int section_row(const doc_table_t *t, int r)
{
    const doc_cell_t *x = cell_at(t, r, 0);
    return x && x->text.len && x->col == 0 && x->colspan >= t->ncols && t->ncols > 1;
}

/* Row r has no text right of the label columns (a heading row: "Heart failure"). */
static int row_empty(const doc_table_t *t, int r, int nstub)
{
    for (int k = nstub; k < t->ncols; k++) {
        const doc_cell_t *x = cell_at(t, r, k);
        if (x && x->text.len && x->row == r) return 0;
    }
    return 1;
}

static int starts_sign(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return u[0] == '<' || u[0] == '>' || u[0] == '=' ||
           (u[0] == 0xE2 && u[1] == 0x89 && (u[2] == 0xA4 || u[2] == 0xA5));
}

static int row_ctx(const doc_table_t *t, int r, int nstub, int *gcol, int labcol, tab_ctx_t *c,
                   mean_hint_t *rhint)
{
    const doc_cell_t *lab = row_label(t, r, nstub, gcol, labcol);
    char *ls = NULL, *v = NULL, *u = NULL, *pv = NULL, *pu = NULL;
    int rc = -1;
    *rhint = MEAN_UNKNOWN;
    if (!lab || lab->uncertain) return 0;
    if (!(ls = cell_str(lab))) goto out;
    int stat = tab_is_stat_label(ls);
    int tp = !stat && tab_is_timepoint(ls);
    *rhint = mean_label_hint(ls, strlen(ls));
    if (tab_parse_label(ls, &v, &u)) goto out;
    if (!stat && *rhint == MEAN_UNKNOWN) {
        /* "Age, median (IQR)": the descriptor the label carried */
        *rhint = mean_label_hint(lab->text.s, lab->text.len);
    }
    /* the parent row: indented sub-rows, statistic rows ("Median"), time rows ("Week 12"),
     * categories under a row without figures at their own indent */
    const doc_cell_t *par = NULL;
    int cat = !stat && !tp && lab->indent > 0 && tab_is_category(ls);
    if (stat || tp || lab->indent > 0) {
        for (int k = r - 1; k >= t->nhead; k--) {
            const doc_cell_t *x = row_label(t, k, nstub, gcol, labcol);
            if (!x || x == lab || x->uncertain) continue;
            /* "Left ventricular ejection fraction" (no figures) over "≥45%" set at its indent */
            int heading = x->indent == lab->indent && cat && row_empty(t, k, nstub);
            if (lab->indent > 0 && x->indent >= lab->indent && !heading) continue;
            char *xs = cell_str(x);
            if (!xs) goto out;
            int xstat = tab_is_stat_label(xs);
            free(xs);
            if (xstat) continue;
            par = x;
            break;
        }
    }
    /* in a table with two label columns, the outer one names the variable */
    const doc_cell_t *outer = labcol >= 0 ? NULL : outer_label(t, r, nstub, gcol, lab);
    if (!par && outer && !outer->uncertain) par = outer;
    /* under a section row spanning the table ("T stage" over "T1b–T2a") */
    if (!par && labcol < 0 && !section_row(t, r)) {
        for (int k = r - 1; k >= t->nhead; k--) {
            if (section_row(t, k)) { par = cell_at(t, k, 0); break; }
        }
    }
    if (par) {
        char *ps = cell_str(par);
        if (!ps) goto out;
        int prc = tab_parse_label(ps, &pv, &pu);
        free(ps);
        if (prc) goto out;
    }
    if ((stat || tp) && pv) {
        c->variable = pv; pv = NULL;
        c->unit = pu ? pu : u;
        if (pu) pu = NULL; else u = NULL;
        if (tp && !(c->timepoint = strdup(ls))) goto out;
    } else if (par && pv && v) {
        c->variable = join3(pv, starts_sign(v) ? " " : ", ", v);
        if (!c->variable) goto out;
        c->unit = u ? u : pu;
        if (u) u = NULL; else pu = NULL;
    } else if (!stat) {
        c->variable = v; v = NULL;
        c->unit = u; u = NULL;
    }
    rc = 0;
out:
    free(ls); free(v); free(u); free(pv); free(pu);
    return rc;
}

static int contains_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    int w0 = fold_c((unsigned char)w[0]);
    for (size_t i = 0; i + k <= n; i++)
        if ((!k || fold_c((unsigned char)s[i]) == w0) && strncasecmp(s + i, w, k) == 0) return 1;
    return 0;
}

/* Which notation a cell uses: 1 "a ± b", 2 "a (b–c)" / "a (b to c)" / "a [b, c]", 3 "a (b)",
 * 0 none of them. */
static int cell_pattern(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB1) return 1;
        if (i + 2 < n && s[i] == '+' && s[i + 1] == '/' && s[i + 2] == '-') return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '(' && s[i] != '[') continue;
        size_t j = i + 1;
        int sep = 0;
        while (j < n && s[j] != ')' && s[j] != ']') {
            unsigned char c = (unsigned char)s[j];
            if (c == 0xE2 && j + 2 < n && (unsigned char)s[j + 1] == 0x80 &&
                ((unsigned char)s[j + 2] == 0x93 || (unsigned char)s[j + 2] == 0x94) && j > i + 1)
                sep = 1;
            if ((c == '-' && j > i + 1 && s[j - 1] >= '0' && s[j - 1] <= '9') || c == ',' ||
                (c == 't' && j + 1 < n && s[j + 1] == 'o'))
                sep = 1;
            j++;
        }
        return sep ? 2 : 3;
    }
    return 0;
}

/* A bare p-value: "0.041", "< 0.001", ".03", "1.000". */
static int looks_p(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    if (i < n && (s[i] == '<' || s[i] == '>' || s[i] == '=')) i++;
    else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x89) i += 3;
    while (i < n && s[i] == ' ') i++;
    int lead = 0;
    if (i < n && (s[i] == '0' || s[i] == '1')) { lead = s[i] - '0' + 1; i++; }
    if (!(i < n && s[i] == '.')) return 0;
    i++;
    size_t d0 = i;
    int nonzero = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') nonzero |= s[i++] != '0';
    while (i < n && s[i] == ' ') i++;
    if (i != n || i - d0 < 1) return 0;
    return lead != 2 || !nonzero;                    /* "1.000" but not "1.5" */
}

static int table_has_p_col(const doc_table_t *t)
{
    for (int i = 0; i < t->ncells; i++) {
        const doc_cell_t *x = &t->cells[i];
        if (x->row >= t->nhead || !x->text.len) continue;
        char *h = cell_str(x);
        int p = h && tab_is_p_header(h);
        free(h);
        if (p) return 1;
    }
    return 0;
}

/* The comparison a caption names for an arm: "... group A vs group B and group C vs group D"
 * with arm "Group C" -> "Group C vs D". NULL when the caption names none. */
static char *caption_compare(const doc_table_t *t, const char *arm)
{
    if (!t->caption.len || !arm || strlen(arm) < 2) return NULL;
    char *cap = clean_label(t->caption.s);
    char *out = NULL;
    if (!cap) return NULL;
    size_t al = strlen(arm), n = strlen(cap);
    for (size_t i = 0; i + al <= n && !out; i++) {
        if (strncasecmp(cap + i, arm, al) != 0) continue;
        if (i > 0 && ((cap[i - 1] | 32) >= 'a' && (cap[i - 1] | 32) <= 'z')) continue;
        size_t e = i + al;
        if (e < n && ((cap[e] | 32) >= 'a' && (cap[e] | 32) <= 'z')) continue;
        /* "<arm> vs <other>" */
        const char *after = cap + e;
        const char *seps[] = { " vs. ", " vs ", " versus ", NULL };
        for (int k = 0; seps[k] && !out; k++) {
            size_t sl = strlen(seps[k]);
            if (strncasecmp(after, seps[k], sl) == 0) {
                const char *o = after + sl;
                size_t ol = 0;
                while (o[ol] && o[ol] != ',' && o[ol] != ';' && o[ol] != ')' &&
                       strncasecmp(o + ol, " and ", 5) != 0 && strncasecmp(o + ol, " at ", 4) != 0 &&
                       strncasecmp(o + ol, " in ", 4) != 0 && ol < 40)
                    ol++;
                char *other = dupn(o, ol);
                if (other) {
                    char *a = strdup(arm);
                    if (a && other[0] >= 'a' && other[0] <= 'z' && arm[0] >= 'A' && arm[0] <= 'Z')
                        other[0] = (char)(other[0] - 32);
                    if (a) out = compare_name(a, other);
                    free(a);
                    free(other);
                }
            }
        }
        /* "<other> vs <arm>" */
        for (int k = 0; seps[k] && !out; k++) {
            size_t sl = strlen(seps[k]);
            if (i >= sl && strncasecmp(cap + i - sl, seps[k], sl) == 0) {
                size_t b = i - sl, a0 = b;
                while (a0 > 0 && cap[a0 - 1] != ',' && cap[a0 - 1] != ';' && b - a0 < 40 &&
                       !(a0 >= 5 && strncasecmp(cap + a0 - 5, " and ", 5) == 0) &&
                       !(a0 >= 4 && strncasecmp(cap + a0 - 4, " in ", 4) == 0) &&
                       !(a0 >= 9 && strncasecmp(cap + a0 - 9, " between ", 9) == 0))
                    a0--;
                char *other = dupn(cap + a0, b - a0);
                if (other) {
                    if (other[0] >= 'a' && other[0] <= 'z') other[0] = (char)(other[0] - 32);
                    out = compare_name(other, arm);
                    free(other);
                }
            }
        }
    }
    free(cap);
    return out;
}

/* "group A, N = 37", "Control (n = 111)" in the text of the doc: the arm's n, or -1. The scan
 * compares the first byte (ASCII case-folded) before strncasecmp. */
static long text_n_scan(const doc_t *d, const char *arm, size_t al)
{
    unsigned char a0 = (unsigned char)arm[0];
    unsigned char lo = a0 >= 'A' && a0 <= 'Z' ? a0 + 32 : a0;
    unsigned char up = lo >= 'a' && lo <= 'z' ? lo - 32 : lo;
    for (size_t bi = 0; bi < d->nblocks; bi++) {
        const doc_block_t *b = &d->blocks[bi];
        if (b->kind == DOC_TABLE) continue;
        const char *s = b->text.s;
        size_t n = b->text.len;
        for (size_t i = 0; i + al < n; i++) {
            if ((unsigned char)s[i] != lo && (unsigned char)s[i] != up) continue;
            if (strncasecmp(s + i, arm, al) != 0) continue;
            if (i > 0 && ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z')) continue;
            size_t j = i + al;
            if ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z') continue;
            for (size_t k = 0; k < 4 && j < n && (s[j] == ',' || s[j] == ' ' || s[j] == '(' ||
                                                  s[j] == ':' || s[j] == ';'); k++)
                j++;
            /* n_at reads up to a few bytes past j: the text is NUL-terminated */
            size_t e;
            long v = n_at(s, j, &e);
            if (v > 0) return v;
        }
    }
    return -1;
}

/* The answers of text_n for one doc (its memo): every cell of an arm asks the same question. */
/* What tab_cell_ctx finds about a whole table, the same for each of its cells. */
struct tab_facts {
    const doc_table_t *t;        /* not read when freed: the doc may have freed its tables */
    int ncols;                   /* t->ncols */
    mean_stmt_t st;              /* the caption's and footnotes' statements */
    int nstub;                   /* stub_cols */
    int *gcol;                   /* stub_is_group of each stub column */
    signed char *labc;           /* label_col of each column; -1 until asked */
    colhead_t *ch;               /* col_head of each column (no skip) ... */
    unsigned char *chok;         /* ... once chok[col] */
};

static void tab_facts_free(tab_facts_t *f)
{
    if (!f) return;
    for (int k = 0; f->chok && k < f->ncols; k++)
        if (f->chok[k]) colhead_free(&f->ch[k]);
    free(f->ch);
    free(f->chok);
    free(f->gcol);
    free(f->labc);
    free(f);
}

static int dup_or_null(char **dst, const char *src)
{
    *dst = NULL;
    return src && !(*dst = strdup(src)) ? -1 : 0;
}

/* col_head(t, col, NULL, h) from the facts: h is the caller's copy (colhead_free it). */
static int col_head_f(tab_facts_t *f, int col, colhead_t *h)
{
    if (col < 0 || col >= f->ncols) return col_head(f->t, col, NULL, h);
    if (!f->chok[col]) {
        if (col_head(f->t, col, NULL, &f->ch[col])) {
            colhead_free(&f->ch[col]);
            memset(h, 0, sizeof *h);
            return -1;
        }
        f->chok[col] = 1;
    }
    *h = f->ch[col];
    if (dup_or_null(&h->group, f->ch[col].group) | dup_or_null(&h->timepoint, f->ch[col].timepoint) |
        dup_or_null(&h->arms, f->ch[col].arms)) {
        colhead_free(h);
        return -1;
    }
    return 0;
}

static tab_facts_t *tab_facts_new(const doc_table_t *t)
{
    tab_facts_t *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->t = t;
    f->ncols = t->ncols;
    mean_stmt_t st = MEAN_STMT_NONE;
    if (t->caption.len) mean_scan(t->caption.s, t->caption.len, &st);
    if (t->foot.len) mean_scan(t->foot.s, t->foot.len, &st);
    f->st = st;
    f->nstub = stub_cols(t);
    f->gcol = calloc((size_t)f->nstub, sizeof *f->gcol);
    f->labc = malloc(t->ncols > 0 ? (size_t)t->ncols : 1);
    f->ch = calloc(t->ncols > 0 ? (size_t)t->ncols : 1, sizeof *f->ch);
    f->chok = calloc(t->ncols > 0 ? (size_t)t->ncols : 1, 1);
    if (!f->gcol || !f->labc || !f->ch || !f->chok) { tab_facts_free(f); return NULL; }
    for (int k = 0; k < f->nstub; k++) f->gcol[k] = stub_is_group(t, k);
    memset(f->labc, -1, t->ncols > 0 ? (size_t)t->ncols : 1);
    return f;
}

static int facts_label_col(tab_facts_t *f, int k)
{
    if (k < 0 || k >= f->ncols) return label_col(f->t, k);
    if (f->labc[k] < 0) f->labc[k] = (signed char)label_col(f->t, k);
    return f->labc[k];
}

typedef struct {
    size_t nblocks;              /* the doc's block count when the answers were found */
    size_t n, cap;
    char **arm;
    long *v;
    tab_facts_t *facts;          /* of the table asked about last */
} arm_memo_t;

static void arm_memo_free(void *p)
{
    arm_memo_t *m = p;
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) free(m->arm[i]);
    free(m->arm);
    free(m->v);
    tab_facts_free(m->facts);
    free(m);
}

/* The doc's memo, made on first use; NULL when it cannot be had (then text_n just scans). The
 * memo is the one part of a doc that a const reader writes. */
static arm_memo_t *arm_memo(const doc_t *d)
{
    doc_t *w = (doc_t *)d;
    arm_memo_t *m;
    if (w->memo) {
        if (w->memo_free != arm_memo_free) return NULL;
        m = w->memo;
        if (m->nblocks != d->nblocks) {          /* blocks added since: forget the answers */
            for (size_t i = 0; i < m->n; i++) free(m->arm[i]);
            m->n = 0;
            tab_facts_free(m->facts);
            m->facts = NULL;
            m->nblocks = d->nblocks;
        }
        return m;
    }
    if (!(m = calloc(1, sizeof *m))) return NULL;
    m->nblocks = d->nblocks;
    w->memo = m;
    w->memo_free = arm_memo_free;
    return m;
}

static long text_n(const doc_t *d, const char *arm)
{
    size_t al = arm ? strlen(arm) : 0;
    if (al < 3) return -1;
    arm_memo_t *m = arm_memo(d);
    if (m)
        for (size_t i = 0; i < m->n; i++)
            if (strcmp(m->arm[i], arm) == 0) return m->v[i];
    long v = text_n_scan(d, arm, al);
    if (m) {
        if (m->n == m->cap) {
            size_t nc = m->cap ? 2 * m->cap : 16;
            char **na = realloc(m->arm, nc * sizeof *na);
            if (!na) return v;
            m->arm = na;
            long *nv = realloc(m->v, nc * sizeof *nv);
            if (!nv) return v;
            m->v = nv;
            m->cap = nc;
        }
        char *k = strdup(arm);
        if (!k) return v;
        m->arm[m->n] = k;
        m->v[m->n++] = v;
    }
    return v;
}

/* A column with no statistic header of its own, beside columns that all print the same one in
 * a header row ("N (%)" under three arms, nothing under "All other patients"): that hint. */
static mean_hint_t row_stat_hint(const doc_table_t *t, int col, int nstub)
{
    for (int r = 0; r < t->nhead; r++) {
        const doc_cell_t *x = cell_at(t, r, col);
        if (x && x->text.len) continue;
        mean_hint_t hint = MEAN_UNKNOWN;
        int n = 0, bad = 0;
        for (int k = nstub; k < t->ncols && !bad; k++) {
            const doc_cell_t *y = cell_at(t, r, k);
            if (!y || !y->text.len || y->col != k) continue;
            char *ys = cell_str(y);
            if (!ys) return MEAN_UNKNOWN;
            mean_hint_t yh = tab_is_stat_label(ys) ? mean_label_hint(ys, strlen(ys)) : MEAN_UNKNOWN;
            free(ys);
            if (yh == MEAN_UNKNOWN || (n && yh != hint)) bad = 1;
            hint = yh;
            n++;
        }
        if (!bad && n >= 2) return hint;
    }
    return MEAN_UNKNOWN;
}

int tab_cell_ctx(const doc_t *d, size_t bi, int row, int col, tab_ctx_t *c)
{
    colhead_t h;
    int *gcol = NULL, rc = -1;
    tab_facts_t *own = NULL;     /* facts not kept in the doc's memo */
    memset(c, 0, sizeof *c);
    memset(&h, 0, sizeof h);
    c->n = h.n = -1;
    c->pct_col = -1;
    if (!d || bi >= d->nblocks || d->blocks[bi].kind != DOC_TABLE || !d->blocks[bi].table)
        return -1;
    const doc_table_t *t = d->blocks[bi].table;
    if (row < 0 || col < 0 || row >= t->nrows || col >= t->ncols) return -1;
    if (t->label && !(c->table = strdup(t->label))) goto out;
    const doc_cell_t *x = cell_at(t, row, col);
    int flagged = 0;
    for (int i = 0; t->uncertain && i < t->ncells && !flagged; i++) flagged = t->cells[i].uncertain;
    c->uncertain = x && x->uncertain ? 1 : (t->uncertain && !flagged);

    /* the table's facts: from the doc's memo when this table was asked about last */
    arm_memo_t *m = arm_memo(d);
    tab_facts_t *tf = m && m->facts && m->facts->t == t ? m->facts : NULL;
    if (!tf) {
        if (!(tf = tab_facts_new(t))) goto out;
        if (m) { tab_facts_free(m->facts); m->facts = tf; }
        else own = tf;
    }
    /* what the caption and footnotes state */
    mean_stmt_t st = tf->st;
    c->stmt = st;
    if (x && x->uncertain) {
        /* a scrambled cell keeps no labels; a bare p-value in a table with p columns is one */
        c->hint = MEAN_UNKNOWN;
        if (looks_p(x->text.s, x->text.len) && table_has_p_col(t)) c->is_p_col = 1;
        rc = 0;
        goto out;
    }
    int nstub = tf->nstub;
    gcol = tf->gcol;

    /* a wide table's inner label column left of this cell labels it */
    int labcol = -1;
    for (int k = col - 1; k > nstub && k >= 0; k--)
        if (facts_label_col(tf, k)) { labcol = k; break; }
    mean_hint_t rhint = MEAN_UNKNOWN;
    if (row >= t->nhead && row_ctx(t, row, nstub, gcol, labcol, c, &rhint)) goto out;

    if (col >= nstub && col_head_f(tf, col, &h)) goto out;
    c->is_p_col = h.is_p;
    c->is_cmp_col = h.is_p || h.is_cmp;
    c->paren_p = h.paren_p;
    /* "n" | "%" columns of one arm: the count and its percentage in two cells */
    if (col >= nstub && (h.is_n || h.is_pct)) {
        int other = h.is_n ? col + 1 : col - 1;
        colhead_t o;
        if (other >= nstub && other < t->ncols) {
            if (col_head_f(tf, other, &o)) goto out;
            int same = o.top == h.top && ((!o.group && !h.group) ||
                                          (o.group && h.group && strcmp(o.group, h.group) == 0));
            if (same && h.is_n && o.is_pct) c->pct_col = other;
            if (same && h.is_pct && o.is_n) c->is_pct_half = 1;
            colhead_free(&o);
        }
    }
    if (c->is_cmp_col) {
        if (cmp_group(tf, t, col, nstub, 0, &c->group)) goto out;
    } else {
        c->group = h.group;
        h.group = NULL;
        c->n = h.n;
    }
    /* an arm named by the row ("Group A" in a "Group" column) */
    if (!c->group && !c->is_cmp_col) {
        for (int k = 0; k < nstub; k++) {
            if (!gcol[k]) continue;
            const doc_cell_t *g = cell_at(t, row, k);
            if (g && g->text.len && !g->uncertain && row >= t->nhead) {
                char *gs = NULL;
                long n = -1;
                char *s = cell_str(g);
                if (!s) goto out;
                int prc = tab_parse_header(s, &gs, &n);
                free(s);
                if (prc) goto out;
                c->group = gs;
                c->n = n;
                break;
            }
        }
    }
    /* two label columns and no arm over the column ("Variables | Categories | r (p-value)"):
     * the inner label is the subgroup the figure belongs to */
    if (!c->group && !c->is_cmp_col && row >= t->nhead && labcol < 0 && nstub >= 2) {
        const doc_cell_t *in = row_label(t, row, nstub, gcol, -1);
        const doc_cell_t *ou = in ? outer_label(t, row, nstub, gcol, in) : NULL;
        if (in && ou && ou->col < in->col && !in->uncertain) {
            char *gs = cell_str(in);
            if (!gs) goto out;
            if (*gs && !tab_is_stat_label(gs) && !tab_is_timepoint(gs)) c->group = gs;
            else free(gs);
        }
    }
    /* a p column of a table whose arms are rows ("Group A"): the comparison the caption names */
    if (c->is_cmp_col && !c->group && row >= t->nhead) {
        for (int k = 0; k < nstub && !c->group; k++) {
            if (!gcol[k]) continue;
            char *arm = NULL;
            long n = -1;
            char *s = cell_str(cell_at(t, row, k));
            if (s && tab_parse_header(s, &arm, &n)) { free(s); goto out; }
            free(s);
            c->group = caption_compare(t, arm);
            free(arm);
        }
    }
    /* the arm's n from the text ("group A, N = 37") when the header does not say */
    if (c->group && c->n < 0 && !c->is_cmp_col) {
        const char *leaf = strrchr(c->group, ':');
        leaf = leaf ? leaf + 1 : c->group;
        while (*leaf == ' ') leaf++;
        c->n = text_n(d, leaf);
    }
    if (!c->timepoint && h.timepoint) { c->timepoint = h.timepoint; h.timepoint = NULL; }
    /* "Baseline characteristics of the patients": the whole table is at baseline (not a
     * table of changes from baseline) */
    if (!c->timepoint && t->caption.len && contains_ci(t->caption.s, t->caption.len, "baseline") &&
        !contains_ci(t->caption.s, t->caption.len, "change") &&
        !contains_ci(t->caption.s, t->caption.len, "from baseline") &&
        !contains_ci(t->caption.s, t->caption.len, "vs baseline") &&
        !(c->timepoint = strdup("baseline")))
        goto out;
    /* how the figures read: the row label, then the column header, then the table's words */
    if (rhint != MEAN_UNKNOWN) c->hint = rhint;
    else if (h.hint != MEAN_UNKNOWN) c->hint = h.hint;
    else if (col >= nstub && !c->is_cmp_col && (c->hint = row_stat_hint(t, col, nstub)) != MEAN_UNKNOWN)
        ;
    else if (x) {
        /* the table's statement for the notation this cell uses */
        int pat = cell_pattern(x->text.s, x->text.len);
        if (pat == 1) c->hint = st.plusminus;
        else if (pat == 2) c->hint = st.paren;
        else if (pat == 3) c->hint = st.single;
    }
    rc = 0;
out:
    colhead_free(&h);
    tab_facts_free(own);
    if (rc) tab_ctx_destroy(c);
    return rc;
}

void tab_ctx_destroy(tab_ctx_t *c)
{
    if (!c) return;
    free(c->variable); free(c->unit); free(c->group); free(c->timepoint); free(c->table);
    memset(c, 0, sizeof *c);
    c->n = -1;
    c->pct_col = -1;
}

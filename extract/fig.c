/* fig.c - what statistical figures look like in text: a static table of PCRE2 patterns
 * (UTF + UCP, JIT), compiled once, one reusable match block, one teardown (pcre2grep's way).
 *
 * Every pattern names its numbers (a, b, c, est, lo, hi, pct, c, t, v, ex) and words (m for
 * the measure, op, w for "range"/"IQR"/"SD"); fig_find runs them all, keeps the longest
 * non-overlapping matches (earliest first) and parses the numbers with num_parse_fig. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "ex_priv.h"
#include "num.h"

#include <ctype.h>
#include <math.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
/* Under valgrind the JIT's generated code reads look uninitialised to memcheck: match with the
 * interpreter there (same results), so that valgrind reports only real errors. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* Building blocks. SIGN: every minus and dash that can precede a number; NUM: a number with an
 * optional sign (and one space: "− 6"), thousands groups, '.' or the Lancet middle dot. */
#define SIGN  "[-\\x{2212}\\x{2012}\\x{2013}\\x{2014}\\x{FE63}\\x{FF0D}]"
/* never a part of a longer number: "0.62" is not "0.6" and "2" */
/* thousands groups: "1,234", and "1 234" with a thin, narrow no-break or no-break space */
#define TSEP  "(?:,|\\x{2009}|\\x{202F}|\\x{A0})"
#define NUM   "(?<![\\d.\\x{B7}])(?:" SIGN "\\h?)?(?:\\d+(?:" TSEP "\\d{3})*(?:[.\\x{B7}]\\d+)?|[.\\x{B7}]\\d+)(?!\\d)"
#define UNUM  "(?<![\\d.\\x{B7}])(?:\\d+(?:" TSEP "\\d{3})*(?:[.\\x{B7}]\\d+)?|[.\\x{B7}]\\d+)(?!\\d)"
#define INT   "\\d+(?:" TSEP "\\d{3})*"
#define LB    "(?<![\\w.\\x{B7}/,;:\\x{2212}])"
#define DASH  "[-\\x{2010}-\\x{2015}\\x{2212}~\\x{223C}\\x{301C}\\x{FF5E}]"
#define SEP   "(?:\\h*(?:" DASH "|to)\\h*|\\h*[,;]\\h*)"
#define TUNIT "(?:%|years?|yrs?|months?|mo|weeks?|wk|days?|d|hours?|h)"
#define MEAS  "(?<m>\\b(?:adjusted\\h+)?(?:a?HRs?|a?ORs?|RRs?|IRRs?|SMD|WMD|MD|RD|hazard\\h+ratio|" \
              "odds\\h+ratio|risk\\h+ratio|relative\\h+risk|incidence\\h+rate\\h+ratio|rate\\h+ratio|" \
              "mean\\h+difference|risk\\h+difference)\\b)" \
              "(?:\\h*[\\(\\[](?:a?HR|a?OR|RR|IRR|MD|SMD|RD)[\\)\\]])?"
#define CIW   "(?:CI|CrI|IC|confidence\\h+interval|intervalo\\h+de\\h+confian(?:za|ça))(?:\\h*[\\(\\[](?:CI|IC)[\\)\\]])?"
#define PWORD "(?:<i>|<em>)?[Pp](?:</i>|</em>)?(?:\\h*[-\\x{2010}]?\\h*values?)?"
#define OP    "(?<op><=|>=|=<|=>|=|<|>|\\x{2264}|\\x{2265}|\\x{2A7D}|\\x{2A7E}|\\x{FFFD}|&lt;|&gt;)"

/* counts written in words: "six", "Twenty-four", "Three hundred and eleven" */
#define W_ONES  "(?:one|two|three|four|five|six|seven|eight|nine)"
#define W_U99   "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s]" W_ONES ")?|ten|eleven|" \
                "twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" W_ONES ")"
#define NUMW    "(?i:\\b(?<w>" W_ONES "\\s+hundred(?:\\s+and)?(?:\\s+" W_U99 ")?|" W_U99 ")\\b)"

/* need: a necessary condition for a match, checked before the pattern runs on a text (a pure
 * speed-up: a pattern is skipped only when it cannot match). Literals separated by '|' (any one
 * must occur) in groups separated by ';' (every group must hold); case-sensitive. */
/* anchor: for some patterns every match has one of these bytes after its start, and only
 * number characters, white space and at most `unit` letters or '%' (after white space) between
 * them: such a pattern runs only on the window before each anchor (fig_find). */
/* words: the same with words as anchors ('|' between them): between a match's start and the
 * first anchor word at or after it, only letters, '-', '%' and number characters (num_byte), with
 * at most `unit` runs of letters, '-' and '%' (words_start). */
typedef struct { fig_syn_t syn; const char *pat; const char *need; const char *anchor; int unit;
                 const char *words; } fig_pat_t;

static const fig_pat_t PATS[] = {
    { SYN_ESTCI, MEAS "\\s*(?:[=:]|\\x{FFFD}|,|\\s(?:of|was|is))?\\s*(?<est>" NUM ")\\s*[,;]?\\s*[\\(\\[]?\\s*"
                 "(?:(?<lvl>\\d+(?:\\.\\d+)?)\\s*%\\s*" CIW "\\s*[:,=]?\\s*[\\(\\[]?\\s*)?"
                 "(?<lo>" NUM ")" SEP "(?<hi>" NUM ")",
      "HR|OR|RR|MD|RD|ratio|relative|difference", NULL, 3, "HR|OR|RR|MD|RD|ratio|relative|difference" },
    { SYN_ESTCI_OPEN, MEAS "\\s*(?:[=:]|\\x{FFFD})?\\s*(?<est>" NUM ")\\s*,\\s*(?<lvl>\\d+)\\s*%\\s*\\z",
      "HR|OR|RR|MD|RD|ratio|relative|difference;%", NULL, 3, "HR|OR|RR|MD|RD|ratio|relative|difference" },
    /* "-0.94 kg, 95%CI -0.48 to -1.41", "535 mL [95% CI, 133–936]", "5.1 (95% CI 4.2 to 6.0)",
     * "−3.05 [CI, −40.84 to 34.74]": an estimate, perhaps its unit, then the CI */
    { SYN_CI,    LB "(?<a>" NUM ")(?:\\s*%|\\s*[^\\s\\d,;()\\[\\]]{1,12})?\\s*(?:,\\s*(?<lvl>\\d+(?:\\.\\d+)?)\\s*%\\s*|"
                 "[\\(\\[]\\s*(?:(?<lvl>\\d+(?:\\.\\d+)?)\\s*%\\s*)?)" CIW
                 "\\s*[:,=]?\\s*(?<b>" NUM ")" SEP "(?<c>" NUM ")",
      "CI|CrI|IC|confidence|intervalo", NULL, 0, NULL },
    { SYN_PM,    LB "(?<a>" NUM ")\\s*%?\\s*(?:\\x{B1}|\\+\\s?/\\s?-|\\+-|\\x{2213})\\s*(?<b>" UNUM ")",
      "+|\xC2\xB1|\xE2\x88\x93", NULL, 0, NULL },
    { SYN_SDPAREN, LB "(?<a>" NUM ")\\s*(?:%\\s*|[^\\s\\d,;()\\[\\]]{1,12}\\s*)?\\(\\s*(?<w>SD|SEM|SE|s\\.d\\.|S\\.D\\.|standard\\s+deviation|"
                 "standard\\s+error)\\s*[:=,]?\\s*(?<b>" UNUM ")(?:\\s*[^\\s\\d,;()\\[\\]]{1,12})?\\s*\\)",
      "(;);SD|SE|s.d.|S.D.|standard", NULL, 0, NULL },
    { SYN_WIDE_RANGE, LB "(?<a>" NUM ")\\s*(?:years?|months?|weeks?|days?)[^()\\d\\n.;]{1,60}?\\(\\s*range\\s*[:,]?\\s*"
                 "(?:from\\s+)?(?<b>" NUM ")(?:\\s*(?:years?|months?|weeks?|days?))?\\s*(?:" DASH "|to)\\s*"
                 "(?<c>" NUM ")(?:\\s*(?:years?|months?|weeks?|days?))?\\s*\\)",
      "(;);range", NULL, 0, NULL },
    /* "median 10.5, IQR 9.0, 12.0", "median age 47 years; range 19-65" */
    { SYN_PAREN3, "(?i:\\bmedian)(?:\\s+[A-Za-z-]+){0,3}?\\s*(?:was|of|=|:)?\\s*(?<a>" NUM ")(?:\\s*[^\\s\\d,;()\\[\\]]{1,10})?"
                 "\\s*[,;]\\s*(?<w>IQR|interquartile\\s+range|range)\\s*[:=,]?\\s*(?<b>" NUM ")" SEP "(?<c>" NUM ")",
      "IQR|range", NULL, 0, NULL },
    /* "2381 pg/ mL (range, 1472–7434)": any unit when the parenthesis names its spread */
    { SYN_PAREN3, LB "(?<a>" NUM ")(?:\\s*[^\\s\\d,;()\\[\\]]{1,10}){0,2}\\s*[\\(\\[]\\s*(?<w>IQR|interquartile\\s+range|range)"
                 "\\s*[:,=]?\\s*(?:from\\s+)?(?<b>" NUM ")(?:\\s*[^\\s\\d,;()\\[\\]]{1,10})?" SEP "(?<c>" NUM ")"
                 "(?:\\s*[^\\s\\d,;()\\[\\]]{1,10})?\\s*[\\)\\]]",
      "(|[;IQR|range;)|]", NULL, 0, NULL },
    { SYN_PAREN3, LB "(?<a>" NUM ")(?:\\s*" TUNIT ")?\\s*[\\(\\[]\\s*(?:(?<w>IQR|interquartile\\s+range|range|"
                 "Q1\\s*[-\\x{2013},]\\s*Q3|min\\s*[-\\x{2013},]\\s*max)\\s*[:,=]?\\s*(?:from\\s+)?)?"
                 "(?<b>" NUM ")(?:\\s*" TUNIT ")?" SEP "(?<c>" NUM ")(?:\\s*" TUNIT ")?\\s*[\\)\\]]",
      "(|[;)|]", "([", 6, NULL },
    { SYN_CTP,   LB "(?<pct>" UNUM ")\\s*(?<ps>%)?\\s*\\(\\s*(?<c>" INT ")\\s*(?:/|of|out\\s+of)\\s*(?<t>" INT ")\\s*\\)",
      "(;/|of;)", "(", 1, NULL },
    { SYN_CTP2,  LB "(?<c>" INT ")\\s*(?:/|of|out\\s+of)\\s*(?<t>" INT ")\\s*(?:[\\(\\[]|;)\\s*(?<pct>" UNUM ")\\s*%\\s*[\\)\\]]?",
      "/|of;%", NULL, 0, NULL },
    { SYN_CTP,   NUMW "\\s+(?:out\\s+)?of\\s+(?<t>" INT ")\\s*(?:patients\\s*|participants\\s*)?\\(\\s*(?<pct>" UNUM ")\\s*%",
      "of;(;%", NULL, 0, NULL },
    { SYN_CP,    NUMW "\\s+(?:(?:patients|participants|subjects|cases)\\s*)?\\(\\s*(?<pct>" UNUM ")\\s*%",
      "(;%", NULL, 0, NULL },
    { SYN_CP,    "(?<![\\w.\\x{B7},;:\\x{2212}])(?<!\\d/)(?<!\\bout\\sof\\s)(?<c>" INT ")\\s*(?:(?:patients|participants|subjects|cases|people|persons|men|women|"
                 "children|individuals)\\s*)?\\(\\s*(?<pct>" UNUM ")\\s*%\\s*\\)",
      "(;%;)", "(", 12, NULL },
    { SYN_P,     "(?<![\\w])" PWORD "\\s*(?:\\((?:two|one)[-\\s]sided\\)\\s*)?" OP "\\s*(?<v>" UNUM ")"
                 "(?:\\s*(?:[x*\\x{D7}]|\\x{FFFD})\\s*10\\s*(?:\\^|<sup>)?\\s*(?<ex>" SIGN "?\\d+)(?:</sup>)?"
                 "|[eE](?<ex>[-+\\x{2212}]?\\d+))?",
      "P|p;=|<|>|\xE2|\xEF\xBF\xBD|&lt|&gt", NULL, 0, NULL },
    { SYN_N,     "(?<![\\w])(?:<i>|<em>)?[nN](?:</i>|</em>)?\\s*(?<op>=|\\x{FFFD})\\s*(?<v>" INT ")(?![.,\\x{B7}]?\\d)",
      "n|N;=|\xEF\xBF\xBD", NULL, 0, NULL },
    { SYN_NWORD, "(?:^|(?<=[.:]\\s))(?<w>(?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)"
                 "(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|Ten|Eleven|Twelve|"
                 "Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen)"
                 "\\s+(?:patients|participants|subjects)\\b",
      "patients|participants|subjects", NULL, 2, "patients|participants|subjects" },
    { SYN_NPAT,  "(?:total\\s+of|only|[Oo]verall,?|[Aa]ll|enrolled|recruited|included|randomi[sz]ed|[Aa]mong\\s+the|"
                 "[Oo]f\\s+the(?:se)?)\\s+\\K(?<v>" INT ")(?:\\s*[A-Z][A-Za-z-]*)?\\s*(?:patients|participants|subjects|"
                 "inpatients|outpatients|individuals|cases)",
      "patients|participants|subjects|individuals|cases", NULL, 4, "patients|participants|subjects|individuals|cases" },
    { SYN_NPAT,  LB "(?<v>" INT ")(?=\\s+were\\s+(?:treated|included|enrolled|randomi[sz]ed|allocated|assigned)\\b)",
      "were;treated|included|enrolled|randomi|allocated|assigned", NULL, 0, "were" },
    { SYN_NPAT,  LB "(?<v>" INT ")\\s*(?:[A-Za-z-]+\\s+){0,2}?(?:patients|participants|subjects)(?=\\s*(?:were|was)\\s+"
                 "(?:treated|included|enrolled|randomi[sz]ed|allocated|assigned|followed|analy[sz]ed)\\b)",
      "patients|participants|subjects;were|was;treated|included|enrolled|randomi|allocated|assigned|followed|analy", NULL, 2, "patients|participants|subjects" },
    { SYN_NPAT,  LB "(?<v>" INT ")\\s+(?:patients|participants|subjects)(?=\\s+(?:were\\s+(?:included|enrolled|randomi[sz]ed|"
                 "analy[sz]ed|recruited|eligible)|met\\s+the))",
      "patients|participants|subjects;were|met;included|enrolled|randomi|analy|recruited|eligible|met", NULL, 0, "patients|participants|subjects" },
    { SYN_SLASH, "(?<![\\w./])(?<a>\\d+)\\s*/\\s*(?<b>\\d+)(?![\\w/.])",
      "/", "/", 0, NULL },
    { SYN_RANGEW, "\\b[Rr]ange[:\\s]\\s*(?<b>" NUM ")\\s*(?:" DASH "|to)\\s*(?<c>" NUM ")",
      "ange", NULL, 0, NULL },
    { SYN_PCTRANGE, LB "(?<b>" UNUM ")\\s*%\\s*(?:" DASH "|to)\\s*(?<c>" UNUM ")\\s*%",
      "%", "%", 0, NULL },
    { SYN_PCT,   "(?<![\\w.\\x{B7},<>=\\x{2264}\\x{2265}/-])(?<!\\d\\s)(?<v>" UNUM ")\\s*%(?!\\s*(?:CI|CrI|confidence|of\\s+the|power))",
      "%", "%", 0, NULL },
    { SYN_VS,    LB "(?<a>" NUM ")(?:\\s*%)?\\s+(?:vs\\.?|versus)\\s+(?<b>" NUM ")",
      "vs|versus", NULL, 1, "vs|versus" },
    { SYN_PAREN1, LB "(?<a>" NUM ")\\s*\\(\\s*(?<b>" UNUM ")\\s*(?<ps>%)?\\s*\\)",
      "(;)", "(", 0, NULL },
};
#define NPATS (sizeof PATS / sizeof PATS[0])

/* names of capture groups, resolved once per pattern */
enum { G_A, G_B, G_C, G_EST, G_LO, G_HI, G_PCT, G_PS, G_CNT, G_TOT, G_V, G_EX, G_M, G_OP, G_W, G_LVL, G_N };
static const char *const GNAMES[G_N] = { "a", "b", "c", "est", "lo", "hi", "pct", "ps", "c", "t", "v",
                                         "ex", "m", "op", "w", "lvl" };

#define BIGRAM(a, b) ((((unsigned)(unsigned char)(a) & 63) << 6) | ((unsigned)(unsigned char)(b) & 63))

struct fig_re {
    pcre2_code *re[NPATS];
    pcre2_code *utf;               /* the empty pattern: a UTF-8 check */
    pcre2_match_context *mctx;     /* the offset limit of anchored windows */
    /* the need strings' literals of two bytes or more, each once: lit[k], litlen[k]; first[c]
     * has bit k when lit[k] starts with byte c; needk[pi][j]: the j-th literal of pattern pi's
     * need string (-1 for a one-byte literal: seen[] answers) */
    const char *lit[64];
    size_t litlen[64];
    int nlit;
    uint64_t first[4096];          /* indexed by BIGRAM() of a literal's first two bytes */
    struct { signed char k; unsigned char c, end; } alt[NPATS][24]; /* k < 0: byte c; end: last of its group */
    int nalt[NPATS];
    signed char wlit[NPATS][8];    /* the literal (lit) of each anchor word, -1 if none */
    int grp[NPATS][G_N];           /* group number, -1 when the pattern has no such name */
    pcre2_match_data *md;
};

void fig_re_free(fig_re_t *r)
{
    if (!r) return;
    for (size_t i = 0; i < NPATS; i++) pcre2_code_free(r->re[i]);
    pcre2_code_free(r->utf);
    pcre2_match_context_free(r->mctx);
    pcre2_match_data_free(r->md);
    free(r);
}

fig_re_t *fig_re_new(void)
{
    fig_re_t *r = calloc(1, sizeof *r);
    int err;
    PCRE2_SIZE eoff;
    if (!r) return NULL;
    for (size_t i = 0; i < NPATS; i++) {
        r->re[i] = pcre2_compile((PCRE2_SPTR)PATS[i].pat, PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES |
                                 (PATS[i].anchor || PATS[i].words ? PCRE2_USE_OFFSET_LIMIT : 0),
                                 &err, &eoff, NULL);
        if (!r->re[i]) goto fail;
        if (!RUNNING_ON_VALGRIND)
            pcre2_jit_compile(r->re[i], PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
        for (int g = 0; g < G_N; g++) {
            int k = pcre2_substring_number_from_name(r->re[i], (PCRE2_SPTR)GNAMES[g]);
            r->grp[i][g] = k > 0 ? k : -1;
        }
    }
    r->utf = pcre2_compile((PCRE2_SPTR)"", 0, PCRE2_UTF, &err, &eoff, NULL);
    if (!r->utf) goto fail;
    if (!(r->md = pcre2_match_data_create(32, NULL))) goto fail;
    if (!(r->mctx = pcre2_match_context_create(NULL))) goto fail;
    for (size_t i = 0; i < NPATS; i++) {
        const char *p = PATS[i].need;
        int j = 0;
        while (*p) {
            size_t m = strcspn(p, "|;");
            int k = -1;
            if (m >= 2) {
                for (k = 0; k < r->nlit; k++)
                    if (r->litlen[k] == m && memcmp(r->lit[k], p, m) == 0) break;
                if (k == r->nlit) {
                    if (k == 64) goto fail;                 /* a bug in the table */
                    r->lit[k] = p;
                    r->litlen[k] = m;
                    r->first[BIGRAM(p[0], p[1])] |= (uint64_t)1 << k;
                    r->nlit++;
                }
            }
            if (j == 24) goto fail;                         /* a bug in the table */
            r->alt[i][j].k = (signed char)k;
            r->alt[i][j].c = (unsigned char)p[0];
            p += m;
            r->alt[i][j++].end = *p != '|';
            if (*p) p++;
        }
        r->nalt[i] = j;
        const char *w = PATS[i].words;
        for (int k = 0; k < 8; k++) {
            size_t m = w ? strcspn(w, "|") : 0;
            r->wlit[i][k] = -1;
            for (int q = 0; m && q < r->nlit; q++)
                if (r->litlen[q] == m && memcmp(r->lit[q], w, m) == 0) r->wlit[i][k] = (signed char)q;
            if (w) { w += m; if (*w) w++; else w = NULL; }
        }
    }
    return r;
fail:
    fig_re_free(r);
    return NULL;
}

void fig_list_destroy(fig_list_t *l)
{
    if (!l) return;
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Span of group g of the last match; 0 when unset. With DUPNAMES ("c", "ex") the first set
 * group of that name is used. */
static int span(const fig_re_t *r, size_t pi, int g, const char *name, size_t *s, size_t *e)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    uint32_t oc = pcre2_get_ovector_count(r->md);
    if (name) {                      /* a name that may occur twice in a pattern ("ex") */
        PCRE2_SPTR first, last;
        int esz = pcre2_substring_nametable_scan(r->re[pi], (PCRE2_SPTR)name, &first, &last);
        if (esz <= 0) return 0;
        for (PCRE2_SPTR p = first; p <= last; p += esz) {
            uint32_t gn = ((uint32_t)p[0] << 8) | p[1];
            if (gn < oc && ov[2*gn] != PCRE2_UNSET) { *s = ov[2*gn]; *e = ov[2*gn+1]; return 1; }
        }
        return 0;
    }
    int k = r->grp[pi][g];
    if (k < 0 || (uint32_t)k >= oc || ov[2*k] == PCRE2_UNSET) return 0;
    *s = ov[2*k];
    *e = ov[2*k+1];
    return 1;
}

static int getnum(const fig_re_t *r, size_t pi, int g, const char *name, const char *t, double *x)
{
    size_t s, e, used;
    if (!span(r, pi, g, name, &s, &e)) return -1;
    if (num_parse_fig(t + s, e - s, x, &used) != 0 || used != e - s) return -1;
    return 0;
}

static int has_ci(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(s + i, w, m) == 0) return 1;
    return 0;
}

static void measure_of(const char *m, size_t n, char out[12])
{
    const char *r = "other";
    if (n > 9 && strncasecmp(m, "adjusted", 8) == 0) {          /* "adjusted odds ratio" */
        m += 8; n -= 8;
        while (n && isspace((unsigned char)*m)) { m++; n--; }
    }
    if (has_ci(m, n, "hazard") || (n >= 2 && (!strncmp(m, "HR", 2) || !strncmp(m, "aHR", 3)))) r = "HR";
    else if (has_ci(m, n, "odds") || !strncmp(m, "OR", 2) || !strncmp(m, "aOR", 3)) r = "OR";
    else if (has_ci(m, n, "incidence") || has_ci(m, n, "rate ratio") || !strncmp(m, "IRR", 3)) r = "IRR";
    else if (has_ci(m, n, "risk ratio") || has_ci(m, n, "relative risk") || !strncmp(m, "RR", 2)) r = "RR";
    else if (!strncmp(m, "SMD", 3)) r = "SMD";
    else if (has_ci(m, n, "risk difference") || !strncmp(m, "RD", 2)) r = "RD";
    else if (has_ci(m, n, "mean difference") || !strncmp(m, "MD", 2) || !strncmp(m, "WMD", 3)) r = "MD";
    snprintf(out, 12, "%s", r);
}

static void op_of(const char *s, size_t n, char op[3], int *flags)
{
    const unsigned char *u = (const unsigned char *)s;
    const char *o = "=";
    if (n == 3 && u[0] == 0xEF && u[1] == 0xBF && u[2] == 0xBD) { *flags |= FIG_UFFFD; o = "="; }
    else if (n == 3 && u[0] == 0xE2 && u[1] == 0x89 && u[2] == 0xA4) o = "<=";
    else if (n == 3 && u[0] == 0xE2 && u[1] == 0x89 && u[2] == 0xA5) o = ">=";
    else if (n == 3 && u[0] == 0xE2 && u[1] == 0xA9 && u[2] == 0xBD) o = "<=";
    else if (n == 3 && u[0] == 0xE2 && u[1] == 0xA9 && u[2] == 0xBE) o = ">=";
    else if (n == 4 && !memcmp(s, "&lt;", 4)) o = "<";
    else if (n == 4 && !memcmp(s, "&gt;", 4)) o = ">";
    else if (n == 2 && (!memcmp(s, "<=", 2) || !memcmp(s, "=<", 2))) o = "<=";
    else if (n == 2 && (!memcmp(s, ">=", 2) || !memcmp(s, "=>", 2))) o = ">=";
    else if (n == 1 && s[0] == '<') o = "<";
    else if (n == 1 && s[0] == '>') o = ">";
    snprintf(op, 3, "%s", o);
}

static int word_u99(const char *s, size_t n, size_t *used);

int fig_word_number(const char *s, size_t n, size_t *used)
{
    size_t u, k;
    int v = word_u99(s, n, &u);
    if (v < 1 || v > 9) { if (v >= 0) *used = u; return v; }
    /* "three hundred and eleven" */
    k = u;
    while (k < n && (s[k] == ' ' || s[k] == '\n')) k++;
    if (k + 7 <= n && strncasecmp(s + k, "hundred", 7) == 0 && (k + 7 == n || !isalpha((unsigned char)s[k+7]))) {
        int h = v * 100;
        size_t j = k + 7, j2;
        *used = j;
        while (j < n && s[j] == ' ') j++;
        if (j + 3 <= n && strncasecmp(s + j, "and", 3) == 0 && (j + 3 == n || s[j+3] == ' ')) {
            j += 3;
            while (j < n && s[j] == ' ') j++;
        }
        int w = j < n ? word_u99(s + j, n - j, &j2) : -1;
        if (w > 0) { h += w; *used = j + j2; }
        return h;
    }
    *used = u;
    return v;
}

static int word_u99(const char *s, size_t n, size_t *used)
{
    static const char *const ones[] = { "zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
        "seventeen", "eighteen", "nineteen", NULL };
    static const char *const tens[] = { "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", NULL };
    for (int i = 0; tens[i]; i++) {
        size_t m = strlen(tens[i]);
        if (n >= m && strncasecmp(s, tens[i], m) == 0 && (m == n || !isalpha((unsigned char)s[m]))) {
            int v = 20 + 10 * i;
            size_t u = m;
            if (u + 1 < n && (s[u] == '-' || s[u] == ' '))
                for (int k = 1; k <= 9; k++) {
                    size_t l = strlen(ones[k]);
                    if (u + 1 + l <= n && strncasecmp(s + u + 1, ones[k], l) == 0 &&
                        (u + 1 + l == n || !isalpha((unsigned char)s[u + 1 + l]))) {
                        v += k;
                        u += 1 + l;
                        break;
                    }
                }
            *used = u;
            return v;
        }
    }
    for (int i = 19; i >= 0; i--) {
        size_t m = strlen(ones[i]);
        if (n >= m && strncasecmp(s, ones[i], m) == 0 && (m == n || !isalpha((unsigned char)s[m]))) {
            *used = m;
            return i;
        }
    }
    return -1;
}

/* A count written in words in group w of the last match: 0 and *x set, -1 if none. */
static int words_count(const fig_re_t *r, size_t pi, const char *t, double *x)
{
    size_t s, e, used;
    int v;
    if (!span(r, pi, G_W, NULL, &s, &e) || (v = fig_word_number(t + s, e - s, &used)) < 0 || used != e - s)
        return -1;
    *x = v;
    return 0;
}

/* Turn the last match of pattern pi into f. Returns 1 if it is a figure, 0 if not. */
static int build(const fig_re_t *r, size_t pi, const char *t, fig_t *f)
{
    size_t s, e;
    double x;
    memset(f, 0, sizeof *f);
    f->syn = PATS[pi].syn;
    if (span(r, pi, G_LVL, "lvl", &s, &e) && num_parse(t + s, e - s, &x) == 0) f->level = x;
    switch (f->syn) {
    case SYN_ESTCI:
        if (getnum(r, pi, G_EST, NULL, t, &f->v[0]) || getnum(r, pi, G_LO, NULL, t, &f->v[1]) ||
            getnum(r, pi, G_HI, NULL, t, &f->v[2])) return 0;
        f->nv = 3;
        if (span(r, pi, G_M, NULL, &s, &e)) measure_of(t + s, e - s, f->measure);
        break;
    case SYN_ESTCI_OPEN:
        if (getnum(r, pi, G_EST, NULL, t, &f->v[0])) return 0;
        f->nv = 1;
        if (span(r, pi, G_M, NULL, &s, &e)) measure_of(t + s, e - s, f->measure);
        break;
    case SYN_CI: case SYN_PAREN3: case SYN_WIDE_RANGE:
        if (getnum(r, pi, G_A, NULL, t, &f->v[0]) || getnum(r, pi, G_B, NULL, t, &f->v[1]) ||
            getnum(r, pi, G_C, "c", t, &f->v[2])) return 0;
        f->nv = 3;
        if (f->syn == SYN_WIDE_RANGE) f->flags |= FIG_W_RANGE;
        if (span(r, pi, G_W, NULL, &s, &e)) {
            if (has_ci(t + s, e - s, "range") && !has_ci(t + s, e - s, "interquartile")) f->flags |= FIG_W_RANGE;
            else if (has_ci(t + s, e - s, "min")) f->flags |= FIG_W_RANGE;
            else f->flags |= FIG_W_IQR;
        }
        break;
    case SYN_PM: case SYN_SDPAREN:
        if (getnum(r, pi, G_A, NULL, t, &f->v[0]) || getnum(r, pi, G_B, NULL, t, &f->v[1])) return 0;
        f->nv = 2;
        if (span(r, pi, G_W, NULL, &s, &e) && (has_ci(t + s, e - s, "SE") || has_ci(t + s, e - s, "error")))
            f->flags |= FIG_W_SE;
        break;
    case SYN_CTP: case SYN_CTP2:
        if ((words_count(r, pi, t, &f->v[0]) && getnum(r, pi, G_CNT, "c", t, &f->v[0])) ||
            getnum(r, pi, G_TOT, NULL, t, &f->v[1]) || getnum(r, pi, G_PCT, NULL, t, &f->v[2])) return 0;
        f->nv = 3;
        if (f->syn == SYN_CTP2 || span(r, pi, G_PS, NULL, &s, &e)) f->flags |= FIG_PCTSIGN;
        if (f->v[1] <= 0 || f->v[0] > f->v[1]) return 0;
        /* "13.5 (15/111)" without a % sign: a percentage only if it fits the count */
        if (!(f->flags & FIG_PCTSIGN) && fabs(100 * f->v[0] / f->v[1] - f->v[2]) > 1.0) return 0;
        f->syn = SYN_CTP;
        break;
    case SYN_CP:
        if ((words_count(r, pi, t, &f->v[0]) && getnum(r, pi, G_CNT, "c", t, &f->v[0])) ||
            getnum(r, pi, G_PCT, NULL, t, &f->v[1])) return 0;
        f->nv = 2;
        f->flags |= FIG_PCTSIGN;
        if (f->v[1] > 100) return 0;
        break;
    case SYN_P: {
        if (getnum(r, pi, G_V, NULL, t, &f->v[0])) return 0;
        f->nv = 1;
        if (span(r, pi, G_OP, NULL, &s, &e)) op_of(t + s, e - s, f->op, &f->flags);
        double ex;
        if (getnum(r, pi, G_EX, "ex", t, &ex) == 0) {
            f->v[0] *= pow(10, ex);
            f->flags |= FIG_EXP;
        } else if (span(r, pi, G_EX, "ex", &s, &e)) {          /* "e−5": sign the parser reads */
            size_t used;
            if (num_parse_fig(t + s + (t[s] == '+'), e - s - (t[s] == '+'), &ex, &used) == 0) {
                f->v[0] *= pow(10, ex);
                f->flags |= FIG_EXP;
            }
        }
        if (f->v[0] > 1 || f->v[0] < 0) return 0;
        break;
    }
    case SYN_N: case SYN_NPAT:
        if (getnum(r, pi, G_V, NULL, t, &f->v[0])) return 0;
        f->nv = 1;
        if (span(r, pi, G_OP, NULL, &s, &e)) op_of(t + s, e - s, f->op, &f->flags);
        break;
    case SYN_NWORD: {
        size_t used;
        int v;
        if (!span(r, pi, G_W, NULL, &s, &e) || (v = fig_word_number(t + s, e - s, &used)) < 0) return 0;
        f->v[0] = v;
        f->nv = 1;
        f->e = e;
        break;
    }
    case SYN_PAREN1:
        if (getnum(r, pi, G_A, NULL, t, &f->v[0]) || getnum(r, pi, G_B, NULL, t, &f->v[1])) return 0;
        f->nv = 2;
        if (span(r, pi, G_PS, NULL, &s, &e)) f->flags |= FIG_PCTSIGN;
        break;
    case SYN_PCT:
        if (getnum(r, pi, G_V, NULL, t, &f->v[0])) return 0;
        f->nv = 1;
        if (f->v[0] > 100) return 0;
        break;
    case SYN_PCTRANGE:
        if (getnum(r, pi, G_B, NULL, t, &f->v[0]) || getnum(r, pi, G_C, "c", t, &f->v[1])) return 0;
        f->nv = 2;
        break;
    case SYN_VS: {
        size_t as, ae;
        if (getnum(r, pi, G_A, NULL, t, &f->v[0]) || getnum(r, pi, G_B, NULL, t, &f->v[1]) ||
            !span(r, pi, G_A, NULL, &as, &ae) || !span(r, pi, G_B, NULL, &f->s2, &f->e2)) return 0;
        f->e1 = ae;
        f->nv = 2;
        break;
    }
    case SYN_SLASH:
        if (getnum(r, pi, G_A, NULL, t, &f->v[0]) || getnum(r, pi, G_B, NULL, t, &f->v[1])) return 0;
        f->nv = 2;
        break;
    case SYN_RANGEW:
        if (getnum(r, pi, G_B, NULL, t, &f->v[0]) || getnum(r, pi, G_C, "c", t, &f->v[1])) return 0;
        f->nv = 2;
        break;
    default:
        return 0;
    }
    /* CI bounds written high to low */
    if ((f->syn == SYN_ESTCI || f->syn == SYN_CI) && f->v[1] > f->v[2]) {
        double tmp = f->v[1]; f->v[1] = f->v[2]; f->v[2] = tmp;
        f->flags |= FIG_REVERSED;
    }
    return 1;
}

static int cmp_fig(const void *a, const void *b)
{
    const fig_t *x = a, *y = b;
    if (x->s != y->s) return x->s < y->s ? -1 : 1;
    if (x->e != y->e) return x->e > y->e ? -1 : 1;
    return (int)x->syn - (int)y->syn;
}

static int push(fig_list_t *l, const fig_t *f)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        fig_t *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return -1;
        l->v = nv;
        l->cap = nc;
    }
    l->v[l->n++] = *f;
    return 0;
}

/* The need string of pattern pi (see fig_pat_t) holds for a text whose bytes are seen[] and
 * whose literals (fig_re_t's lit) are the bits of has. */
static int need_ok(const fig_re_t *r, size_t pi, const unsigned char *seen, uint64_t has)
{
    int any = 0;
    for (int j = 0; j < r->nalt[pi]; j++) {
        int k = r->alt[pi][j].k;
        if (k < 0 ? seen[r->alt[pi][j].c] : (int)((has >> k) & 1)) any = 1;
        if (r->alt[pi][j].end) {
            if (!any) return 0;
            any = 0;
        }
    }
    return 1;
}

/* seen[c] for every byte c of t, and the literals of r that occur in t as bits */
static uint64_t scan_text(const fig_re_t *r, const char *t, size_t len, unsigned char *seen)
{
    const unsigned char *u = (const unsigned char *)t;
    uint64_t has = 0;
    if (!len) return 0;
    for (size_t i = 0; i + 1 < len; i++) {
        seen[u[i]] = 1;
        uint64_t b = r->first[BIGRAM(u[i], u[i + 1])] & ~has;
        while (b) {
            int k = __builtin_ctzll(b);
            b &= b - 1;
            if (r->litlen[k] <= len - i && memcmp(t + i, r->lit[k], r->litlen[k]) == 0)
                has |= (uint64_t)1 << k;
        }
    }
    seen[u[len - 1]] = 1;
    return has;
}

/* Where a match whose anchor is at q can start at the earliest: back over white space, at most
 * `unit` letters or '%' and white space again, then the number (digits, '.', ',', '-', white
 * space; any byte >= 0x80 may be a Unicode space, digit, sign or middle dot). Going too far
 * back only costs time. */
static int num_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-' || c == ' ' || c == '\t' ||
           c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80;
}

static int space_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80;
}

static size_t window_start(const char *t, size_t q, int unit)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t i = q;
    while (i > 0 && space_byte(u[i - 1])) i--;
    if (unit > 0) {
        for (int k = 0; k < unit && i > 0 && (((u[i - 1] | 32) >= 'a' && (u[i - 1] | 32) <= 'z') ||
                                             u[i - 1] == '%'); k++)
            i--;
        while (i > 0 && space_byte(u[i - 1])) i--;
    }
    while (i > 0 && num_byte(u[i - 1])) i--;
    return i;
}

/* Where a match whose first anchor word at or after its start is at q can start at the
 * earliest: back over number characters, then a run of letters, '-' and '%', and so on, at
 * most `runs` such runs. Every run it passes is a whole run of the text before q, so a match
 * whose text before q has at most `runs` of them and nothing but letters, '-' and number
 * characters starts at or after it. */
static int word_byte(unsigned char c)
{
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '-' || c == '%';
}

static size_t words_start(const char *t, size_t q, int runs)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t i = q;
    for (;;) {
        while (i > 0 && num_byte(u[i - 1])) i--;
        if (runs-- <= 0 || i == 0 || !word_byte(u[i - 1])) break;
        while (i > 0 && word_byte(u[i - 1])) i--;
    }
    return i;
}

int fig_find(fig_re_t *r, const char *text, size_t len, fig_list_t *l)
{
    l->n = 0;
    if (!len) return 0;
    /* cheap prefilters: which bytes occur (no digit, no figure but counts in words), then
     * each pattern's necessary literals */
    unsigned char seen[256] = { 0 };
    uint64_t has = scan_text(r, text, len, seen);
    int digit = 0;
    for (int c = '0'; c <= '9' && !digit; c++) digit = seen[c];
    int checked = 0;
    for (size_t pi = 0; pi < NPATS; pi++) {
        if (!digit && PATS[pi].syn != SYN_NWORD) continue;
        if (!need_ok(r, pi, seen, has)) continue;
        if (!checked) {
            /* UTF-8 checked once per text (the empty pattern matches at once after the
             * check): invalid text has no figures, as when every pattern checked it */
            if (pcre2_match(r->utf, (PCRE2_SPTR)text, len, 0, 0, r->md, NULL) < 0) return 0;
            checked = 1;
        }
        PCRE2_SIZE start = 0;
        const char *anc = PATS[pi].anchor, *words = PATS[pi].words;
        /* wnext[k]: the first place of anchor word k at or after the place its search began
         * (start only grows, so it stays the first at or after start while >= start);
         * (size_t)-1 when there is none; wneed: not searched yet */
        size_t wnext[8];
        int wneed = 1;
        /* anext[k]: the same for anchor byte k (memchr, once per anchor passed) */
        size_t anext[2];
        int aneed = 1;
        while (start < len) {
            int rc;
            if (words) {
                /* the same with anchor words: the nearest at or after start */
                size_t q = (size_t)-1;
                const char *w = words;
                for (int k = 0; *w && k < 8; k++) {
                    size_t m = strcspn(w, "|");
                    int wl = r->wlit[pi][k];
                    if (wneed && wl >= 0 && !((has >> wl) & 1)) wnext[k] = (size_t)-1;  /* not in t */
                    else if (wneed || (wnext[k] != (size_t)-1 && wnext[k] < start)) {
                        const char *f = memmem(text + start, len - start, w, m);
                        wnext[k] = f ? (size_t)(f - text) : (size_t)-1;
                    }
                    if (wnext[k] < q) q = wnext[k];
                    w += m;
                    if (*w) w++;
                }
                wneed = 0;
                if (q >= len) break;
                size_t ws = words_start(text, q, PATS[pi].unit);
                pcre2_set_offset_limit(r->mctx, q);
                rc = pcre2_match(r->re[pi], (PCRE2_SPTR)text, len, ws > start ? ws : start,
                                 PCRE2_NO_UTF_CHECK, r->md, r->mctx);
                if (rc == PCRE2_ERROR_NOMATCH) { start = q + 1; continue; }
            } else if (anc) {
                /* the next anchor q: a match that starts in [start, q] ends its number part at
                 * q, and none starts in [start, q] if none starts in its window */
                for (int k = 0; k < 2; k++) {
                    if (k && !anc[1]) anext[1] = (size_t)-1;
                    else if (aneed || (anext[k] != (size_t)-1 && anext[k] < start)) {
                        const char *f = memchr(text + start, anc[k], len - start);
                        anext[k] = f ? (size_t)(f - text) : (size_t)-1;
                    }
                }
                aneed = 0;
                size_t q = anext[0] < anext[1] ? anext[0] : anext[1];
                if (q >= len) break;
                size_t ws = window_start(text, q, PATS[pi].unit);
                pcre2_set_offset_limit(r->mctx, q);
                rc = pcre2_match(r->re[pi], (PCRE2_SPTR)text, len, ws > start ? ws : start,
                                 PCRE2_NO_UTF_CHECK, r->md, r->mctx);
                if (rc == PCRE2_ERROR_NOMATCH) { start = q + 1; continue; }
            } else {
                rc = pcre2_match(r->re[pi], (PCRE2_SPTR)text, len, start, PCRE2_NO_UTF_CHECK, r->md, NULL);
                if (rc == PCRE2_ERROR_NOMATCH) break;
            }
            if (rc < 0) break;                       /* a limit: no more figures of this pattern */
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
            fig_t f;
            if (build(r, pi, text, &f)) {
                f.s = ov[0];
                if (!f.e) f.e = ov[1];
                if (push(l, &f)) return -1;
            }
            start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            while (start < len && ((unsigned char)text[start] & 0xC0) == 0x80) start++;
        }
    }
    if (l->n > 1) {
        qsort(l->v, l->n, sizeof *l->v, cmp_fig);
        size_t k = 0, end = 0;
        for (size_t i = 0; i < l->n; i++) {
            if (k && l->v[i].s < end) continue;
            l->v[k++] = l->v[i];
            end = l->v[i].e;
        }
        l->n = k;
    }
    return 0;
}

int fig_bare(const char *s, size_t n, double *x, char op[3])
{
    size_t i = 0, used;
    int flags = 0;
    while (i < n && isspace((unsigned char)s[i])) i++;
    while (n > i && isspace((unsigned char)s[n-1])) n--;
    snprintf(op, 3, "=");
    if (i < n && (s[i] == '<' || s[i] == '>' || s[i] == '=')) {
        size_t k = 1 + (i + 1 < n && s[i+1] == '=');
        op_of(s + i, k, op, &flags);
        i += k;
    } else if (i + 3 <= n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i+1] == 0x89 &&
               ((unsigned char)s[i+2] == 0xA4 || (unsigned char)s[i+2] == 0xA5)) {
        op_of(s + i, 3, op, &flags);
        i += 3;
    }
    while (i < n && (s[i] == ' ' || (unsigned char)s[i] == 0xC2)) i += s[i] == ' ' ? 1 : 2;
    if (i >= n || num_parse_fig(s + i, n - i, x, &used) != 0 || i + used != n) return 0;
    return 1;
}

int fig_pair(const char *s, size_t n, double *lo, double *hi, size_t *a, size_t *b)
{
    size_t i = 0, u, k;
    while (i < n && isspace((unsigned char)s[i])) i++;
    while (n > i && isspace((unsigned char)s[n-1])) n--;
    *a = i;
    *b = n;
    if (i >= n || num_parse_fig(s + i, n - i, lo, &u)) return 0;
    i += u;
    while (i < n && s[i] == ' ') i++;
    if (i + 2 <= n && !strncmp(s + i, "to", 2)) k = 2;
    else if ((k = num_sign_len(s + i, n - i)) == 0 && !(i < n && s[i] == '~')) return 0;
    else if (k == 0) k = 1;
    i += k;
    while (i < n && s[i] == ' ') i++;
    if (i >= n || num_parse_fig(s + i, n - i, hi, &u) || i + u != n) return 0;
    return 1;
}

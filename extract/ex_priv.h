/* ex_priv.h - private interfaces of the extraction pipeline: figure syntax matching (fig.c)
 * and study identity (study.c). Used by ex.c and the unit tests.
 *
 *   fig_re_t *re = fig_re_new();  fig_list_t l = { 0 };
 *   fig_find(re, text, len, &l);  ... l.v[i].syn, l.v[i].v[0] ...;  fig_list_destroy(&l);
 *   fig_re_free(re);
 *
 * Ownership: fig_re_t owns its compiled patterns and its one match block; a fig_list_t owns
 * its array (figures point into nothing: spans are byte positions in the caller's text). */
#ifndef EX_PRIV_H
#define EX_PRIV_H

#include <stddef.h>
#include <stdint.h>

/* What a figure looks like on the page; ex.c decides what it means (kind). */
typedef enum {
    SYN_ESTCI,        /* HR = 1.89, 95% CI 1.01–3.58 / OR 0.62 [0.41–0.93]: [est, lo, hi] */
    SYN_CI,           /* 5.1 (95% CI 4.2 to 6.0), no measure named: [est, lo, hi] */
    SYN_ESTCI_OPEN,   /* HR = 1.77, 95% at the very end of a text: CI continues later: [est] */
    SYN_PM,           /* 61.5 ± 7.4: [a, b] */
    SYN_SDPAREN,      /* 61.5 (SD 7.4), 61.5 (SE 0.4): [a, b]; word says which */
    SYN_PAREN3,       /* 40 (35–46.5), − 6 (− 15 to 6), 40 (35, 46.5): [a, b, c] */
    SYN_WIDE_RANGE,   /* 61 months in the X group (range 1–85 months): [a, b, c] */
    SYN_CTP,          /* 20.7% (23/111), 87.5% (21 of 24), 13.5 (15/111): [count, total, pct] */
    SYN_CTP2,         /* 23/111 (20.7%): [count, total, pct] */
    SYN_CP,           /* 20 (83.3%), 5 patients (20.8%): [count, pct] */
    SYN_P,            /* p = 0.051, P < .001, p=1.2×10−5: [p]; op */
    SYN_N,            /* n = 111, N = 37, <i>n</i> = 111: [n] */
    SYN_NWORD,        /* Twenty-four participants: [n] */
    SYN_NPAT,         /* 64 patients: [n] */
    SYN_SLASH,        /* 34/3, 23/111: [a, b] */
    SYN_RANGEW,       /* range 19–65: [lo, hi] */
    SYN_PAREN1,       /* 12.7 (8.5), 644 (51.9): [a, b]; meaning from the table or the words */
    SYN_PCT,          /* 66.7%: [pct] (a result only where the sentence names an outcome) */
    SYN_PCTRANGE,     /* 66.7%-100%: [lo, hi] */
    SYN_VS,           /* 24.05 vs. 26.32: [a, b], b's span in s2, e2 */
    SYN_NSYN
} fig_syn_t;

enum {                /* fig_t.flags */
    FIG_UFFFD    = 1,  /* an operator was lost (U+FFFD) */
    FIG_PCTSIGN  = 2,  /* a percent sign was written */
    FIG_REVERSED = 4,  /* CI bounds written high to low (swapped back) */
    FIG_W_RANGE  = 8,  /* the parenthesis says "range" */
    FIG_W_IQR    = 16, /* ... "IQR" / "interquartile" */
    FIG_W_SE     = 32, /* SYN_SDPAREN with SE/SEM */
    FIG_EXP      = 64  /* a power of ten was applied (1.2×10−5) */
};

typedef struct {
    fig_syn_t syn;
    size_t s, e;          /* byte span [s, e) in the text */
    size_t e1, s2, e2;    /* SYN_VS: end of the first number, span of the second */
    double v[4];
    int    nv;
    int    flags;
    char   op[3];         /* SYN_P / SYN_N: "=", "<", ">", "<=", ">=" */
    char   measure[12];   /* SYN_ESTCI: HR, OR, RR, MD, SMD, RD, IRR, other */
    double level;         /* CI level, 0 when not written */
} fig_t;

typedef struct { fig_t *v; size_t n, cap; } fig_list_t;

typedef struct fig_re fig_re_t;

fig_re_t *fig_re_new(void);              /* NULL if a pattern fails to compile (a bug) */
void      fig_re_free(fig_re_t *re);
/* Find every figure in text (valid UTF-8), non-overlapping, ordered by position: appended to l
 * (cleared first). Returns 0, -1 on allocation failure. */
int       fig_find(fig_re_t *re, const char *text, size_t len, fig_list_t *l);
void      fig_list_destroy(fig_list_t *l);
/* Is the whole of s a bare figure: a number, or "< 0.001"? Sets *x and op. 1 if yes. */
int       fig_bare(const char *s, size_t n, double *x, char op[3]);
/* Is the whole of s a pair "19–65", "1.2 to 3.4"? Sets the bounds and the trimmed span [*a, *b).
 * 1 if yes. */
int       fig_pair(const char *s, size_t n, double *lo, double *hi, size_t *a, size_t *b);
/* A count written in words at s ("Twenty-four", "twelve"): value and bytes used, or -1. */
int       fig_word_number(const char *s, size_t n, size_t *used);

/* study.c: identity of an article across files. */
typedef struct study_set study_set_t;
study_set_t *study_set_new(void);
void         study_set_free(study_set_t *ss);
/* The study key of a doc: "doi:<lowercased DOI>", else "title:<lowercase alphanumerics of the
 * title>", else "text:<16 hex digits of a hash of its first long sentences>". Malloc'd. */
char        *study_key(const char *doi, const char *title, const char *const *paras, size_t npara);
/* Register a document; when it is the same article as an earlier one (same DOI, same title,
 * or at least 5 shared long sentences), *study becomes that one's key (freed and replaced)
 * and *dup_of that one's path (malloc'd; NULL when not a duplicate). Returns 0, -1 on OOM. */
int          study_register(study_set_t *ss, const char *path, char **study, const char *doi,
                            const char *title, const char *const *paras, size_t npara,
                            char **dup_of);

#endif

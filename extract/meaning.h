/* meaning.h - what "a (b–c)", "a ± b" and "a (b)" mean, from the words an article uses:
 * statistics statements ("expressed as the mean ± standard deviation (SD) or median
 * (interquartile)"), table footnotes ("Data are mean ± SEM"), headers ("Median", "Range").
 *
 *   mean_stmt_t s = MEAN_STMT_NONE;
 *   mean_scan(text, len, &s);                 // accumulate what a text states
 *   if (s.plusminus == MEAN_SD) ...
 *
 * No allocation. */
#ifndef MEANING_H
#define MEANING_H

#include <stddef.h>

typedef enum {
    MEAN_UNKNOWN = 0,
    MEAN_SD,             /* "±" / "(x)" is a standard deviation */
    MEAN_SE,             /* standard error (SEM) */
    MEAN_IQR,            /* "a (b–c)" is median (Q1–Q3) */
    MEAN_RANGE,          /* "a (b–c)" is median (min–max) */
    MEAN_CI,             /* "a (b–c)" is an estimate with its CI */
    MEAN_NPCT,           /* "a (b)" is n (%) */
    MEAN_MEDIAN,         /* a label says "Median" and nothing about the spread (a bare median,
                          * or "a (b–c)" whose spread is not named) */
    MEAN_MEAN            /* a label says "Mean" and nothing about the spread */
} mean_hint_t;

typedef struct {
    mean_hint_t plusminus;   /* what "±" means: MEAN_SD, MEAN_SE or MEAN_UNKNOWN */
    mean_hint_t paren;       /* what "a (b–c)" means: MEAN_IQR, MEAN_RANGE, MEAN_CI or unknown */
    mean_hint_t single;      /* what "a (b)" means: MEAN_SD, MEAN_SE, MEAN_NPCT or unknown */
    int         level;       /* CI level stated (95), 0 when none */
} mean_stmt_t;

#define MEAN_STMT_NONE { MEAN_UNKNOWN, MEAN_UNKNOWN, MEAN_UNKNOWN, 0 }

/* Read what text states about figures and merge it into s (a later explicit statement does
 * not erase an earlier one; conflicting statements leave the field as first stated and
 * return 1). Returns 0, or 1 on a conflict. */
int mean_scan(const char *text, size_t len, mean_stmt_t *s);
/* A short header or row label ("Median", "Range", "IQR", "Mean ± SD", "n (%)") -> hint.
 * The most specific wins: IQR, then CI, then SD/SE, then range, then n (%), then a bare
 * "Median" (MEAN_MEDIAN) or "Mean" (MEAN_MEAN). Markup such as <i>n</i> is ignored. */
mean_hint_t mean_label_hint(const char *text, size_t len);

#endif

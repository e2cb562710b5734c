/* check.h - consistency checks on the records of one article: "check:..." flags, and notes
 * that say in numbers what disagrees and what it should be.
 *
 *   check_ctx_t cx; check_ctx_init(&cx, doc);     // what the article says about its tests
 *   if (check_article(recs, n, &cx)) ...;          // -1: out of memory
 *
 * Ownership: check_article only adds flags and notes to the records it is given (rec_add_flag,
 * rec_add_note copy); it keeps no pointer into them. Internal to the extract module (ex.c and
 * the unit tests); the report that prints the findings is check_report in extract.h. */
#ifndef CHECK_H
#define CHECK_H

#include <stddef.h>

#include "doc.h"
#include "rec.h"

/* Slack, on the z scale, beyond the rounding of the printed digits, for a p-value computed by
 * another test than the Wald test the CI implies (log-rank, likelihood ratio). */
#define CHECK_Z_SLACK 0.1
/* A CI is asymmetric when, whatever the printed digits allow, its two arms (on the measure's
 * scale) differ by more than this fraction of the CI's width (0.2: one arm 1.5 times the other). */
#define CHECK_ASYM 0.2

typedef struct {
    int rank_tests;     /* the article says it used rank tests (Wilcoxon, Mann-Whitney,
                           Kruskal-Wallis): the p of a difference (MD) may come from one rather
                           than from its CI, so only its significance is checked */
} check_ctx_t;

/* What the article says about its tests; d may be NULL (nothing known). */
void check_ctx_init(check_ctx_t *cx, const doc_t *d);

/* Run every check on the n records of one article (in file order); cx may be NULL. Adds
 * "check:<name>" flags and notes "<name>: <what, in numbers>". Returns 0, -1 on allocation
 * failure. */
int  check_article(rec_t *v, size_t n, const check_ctx_t *cx);

#endif

/* tab_priv.h - helpers shared by the table files (tab.c, tab_txt.c, tab_util.c): what a cell
 * or header looks like, and copying text with its source map. Not a contract: only tab_*.c
 * include it. Strings returned by tab_clean are malloc'd and owned by the caller. */
#ifndef TAB_PRIV_H
#define TAB_PRIV_H

#include <stddef.h>
#include "doc.h"

/* s[0..n) without markup (<i>, </sup>, ...), whitespace runs made one space, trimmed.
 * NULL on allocation failure. */
char *tab_clean(const char *s, size_t n);
/* A figure-like cell: "40 (35–46.5)", "0.266", "< 0.001", "34/3", "− 6 (− 15 to 6)", or a
 * placeholder ("NS", "NA", "–"). Markup is ignored. */
int   tab_is_value(const char *s, size_t n);
/* A header or label naming a time: "Baseline", "W0–W1", "Week 12", "12 weeks", "Day 3". */
int   tab_is_timepoint(const char *s);
/* A label that only names a statistic: "Median", "Range", "Mean ± SD", "n (%)", "Value". */
int   tab_is_stat_label(const char *s);
/* A header of a p-value column: "P value", "p", "P-value", "P*", "Significance". */
int   tab_is_p_header(const char *s);
/* A header of an effect column comparing arms: "Difference (95% CI)", "HR", "OR (95% CI)". */
int   tab_is_cmp_header(const char *s);
/* A header of the label column: "Factors", "Characteristic", "Variable", "Outcome". */
int   tab_is_stub_header(const char *s);
/* A header of a label column that names arms: "Group", "Arm", "Treatment group". */
int   tab_is_group_header(const char *s);
/* A name of a control arm: "Control", "Placebo", "Usual care". */
int   tab_is_control(const char *s);
/* A label of a category under a parent row: "Male", "A", "> 15", "Yes". */
int   tab_is_category(const char *s);

#endif

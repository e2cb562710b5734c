/* tab.h - tables: finding them in plain text, and what a cell means (row label, column
 * header, group and n, how its figures are to be read). Shared by every reader's tables.
 *
 *   tab_detect_txt(d);                       // after rd_txt: rebuild text tables as DOC_TABLE
 *   tab_ctx_t c; tab_cell_ctx(doc, blockidx, row, col, &c);
 *   ... c.variable, c.unit, c.group, c.n, c.hint, c.stmt ...; tab_ctx_destroy(&c);
 *
 * Text layouts rebuilt (tab_txt.c): tab-separated rows; cells set apart by runs of spaces;
 * one cell per line (PDF-to-text: header cells, then label + value cells per row, spanning
 * headers spread over their leaf columns, two label columns whose inner labels cycle); rows
 * "Label v1 v2" under paragraph headers. The caption block becomes the DOC_TABLE block; the
 * blocks the cells and footnotes came from are removed (section indices renumbered). Cells
 * whose place is lost stay in rows of their own with doc_cell_t.uncertain = 1.
 *
 * Context (tab.c), for any DOC_TABLE: variable/unit from the row label and its parent row
 * (indent > 0, a statistic row "Median", a section row spanning the table, the outer of two
 * label columns, an inner label column of a wide table); group/n/timepoint from the column's
 * header cells top-down (arm parts joined with ": "; "Baseline", "Week 12", "W0–W1" go to
 * timepoint); a p or effect column's group is "A vs B" of the arms it compares (control arm
 * second; "Group A vs B"; caption "X vs Y" for arms that are rows); n also from the text
 * ("group A, N = 37"); timepoint "baseline" from a "Baseline characteristics" caption.
 * An effect header naming its reference ("Empagliflozin, mean difference from placebo") gives
 * "A vs B"; a p column right after an effect column compares the same arms; an arm header
 * ending in a time ("Placebo week 6") gives the arm and the timepoint; with two label columns
 * and no arm over the column, the inner label is the group ("Age" | "6 - 7 Years"). Split
 * pairs: "n" | "%" columns of one arm (pct_col / is_pct_half), "r (p-value)" (paren_p).
 *
 * Ownership: tab_ctx_t owns its strings (tab_ctx_destroy frees them). */
#ifndef TAB_H
#define TAB_H

#include "doc.h"
#include "meaning.h"

typedef struct {
    char *variable;      /* row label (parent label joined for sub-rows such as "Median"), no unit */
    char *unit;          /* from the row label "(μmol/L)" or a unit column/header */
    char *group;         /* column header: "Control", "Group A"; "A vs B" for a p/effect column */
    long  n;             /* from "(n = 111)" in the header; -1 when not stated */
    char *timepoint;     /* from a header or row label: "W0–W1", "week 12", "baseline" */
    char *table;         /* "Table 1" */
    int   is_p_col;      /* the column holds p-values ("P value", "p") */
    mean_hint_t hint;    /* how "a (b–c)" / "a ± b" / "a (b)" in this cell read, from the row
                          * label ("Median", "Range", "Mean (SD)"), column header, caption or
                          * table footnote; MEAN_UNKNOWN when the table says nothing */
    int   uncertain;     /* layout was a guess: labels should carry lower confidence; for a
                          * cell whose place was lost, variable/group/timepoint stay NULL */
    int   is_cmp_col;    /* the column compares arms (p-value, difference, HR/OR/RR): group is
                          * "A vs B" (control arm second) */
    mean_stmt_t stmt;    /* what the caption and footnotes state for the whole table ("Data are
                          * mean ± SD"): per pattern, where hint holds only the most specific */
    int   paren_p;       /* "a (b)" in this cell is an estimate and its p-value: the header
                          * says "r (p-value)", "Estimate (p)"; b (also "<0.0001") is a p */
    int   pct_col;       /* this cell is a count under "n" whose percentage sits in the cell of
                          * column pct_col under "%" (same arm): read both as one count (%);
                          * -1 when not */
    int   is_pct_half;   /* this cell is the "%" half of such a pair (read with the count left
                          * of it, not alone) */
} tab_ctx_t;

/* Find tables in a doc read from plain text (tab-separated rows, one-cell-per-line tables
 * flattened from PDFs) and turn their blocks into DOC_TABLE blocks with a grid. Tables whose
 * layout cannot be rebuilt keep their cells with uncertain = 1. Returns 0, -1 on failure. */
int  tab_detect_txt(doc_t *d);
/* Context of the cell at (row, col) of the table in block bi. Returns 0, -1 on failure. */
int  tab_cell_ctx(const doc_t *d, size_t bi, int row, int col, tab_ctx_t *c);
void tab_ctx_destroy(tab_ctx_t *c);
/* Group and n from a column header: "Control (<i>n</i> = 111)" -> "Control", 111;
 * "Placebo (n=1164)" -> "Placebo", 1164. group is malloc'd (NULL when empty). Returns 0/-1. */
int  tab_parse_header(const char *s, char **group, long *n);
/* Variable and unit from a row label: "TBIL (μmol/L)" -> "TBIL", "μmol/L". Returns 0/-1. */
int  tab_parse_label(const char *s, char **variable, char **unit);

#endif

/* plot.h - forest plots drawn with cairo (SVG, PNG, PDF by the file name's extension), in the
 * layout reviewers know from metafor's forest() and RevMan: one row per study (label, n,
 * square sized by weight, CI whiskers, "estimate [lb, ub]" text, weight %), the pooled
 * diamond, the prediction interval, a labelled axis with a line of no effect where the
 * measure has one, and a line with tau^2, I^2, Q, df and p.
 *
 *   pool_plot_opts_t po; pool_plot_opts_default(&po); po.title = "Baseline age";
 *   if (pool_plot("out/forest/age.svg", &d, &fe, &re, &po, err, sizeof err)) ...
 *
 * The file is written whole or not at all (temporary file beside it, then rename). Returns 0,
 * or -1 with a one-line reason in err; never prints. */
#ifndef POOL_PLOT_H
#define POOL_PLOT_H

#include <stddef.h>
#include "pool.h"

typedef struct {
    const char *title;        /* drawn above the plot; NULL: none */
    const char *xlab;         /* axis label; NULL: the measure's name */
    const char *left_label;   /* under the axis, left of the null line ("Favours UC-MSC"); NULL: none */
    const char *right_label;  /* right of it ("Favours control"); NULL: none */
    int log_scale;            /* -1: from d->measure (OR RR ROM HR); 1: yi are natural logs,
                                 drawn as exp() on a log axis; 0: linear */
    int null_line;            /* -1: from the measure (none for MN, 1 on a log axis, else 0);
                                 0: none; 1: draw at null_value */
    double null_value;        /* where the line of no effect is, on the drawn scale (1 or 0);
                                 NAN (the default): 1 on a log axis, else 0 */
    int digits;               /* decimals of the estimate text, 2 */
    int show_common;          /* also draw the common-effect diamond (re is not FE) */
    double width_px;          /* PNG width in pixels at scale 1 (SVG/PDF in points), 0: auto */
    double png_scale;         /* PNG resolution factor, 2 (crisp on screens) */
    const char *effect_label; /* head of the estimate column ("HR" -> "HR [95% CI]"); NULL: the
                                 measure's short name ("Estimate" for GEN, "Mean" for MN) */
} pool_plot_opts_t;

void pool_plot_opts_default(pool_plot_opts_t *o);

/* Draw d's studies with the fits fe (common effect) and re (the chosen model; may be the
 * same fit). Study CIs: yi +- z sqrt(vi) at re->level; weights: pool_weight(re, vi). The
 * format follows path's extension: .svg, .png or .pdf (case-insensitive); anything else is
 * an error. */
int pool_plot(const char *path, const pool_data_t *d, const pool_fit_t *fe, const pool_fit_t *re,
              const pool_plot_opts_t *o, char *err, size_t errlen);

/* 0 for .svg, 1 for .png, 2 for .pdf (case-insensitive), -1 for any other name: lets a
 * caller refuse a bad name before doing any work. */
int pool_plot_format(const char *path);
/* Free cairo's process-wide caches (toy font faces and the fontconfig patterns they hold), so
 * that a program that drew plots ends leak-clean under valgrind. Call once, at exit, after the
 * last plot. */
void pool_plot_cleanup(void);

/* Where pool_plot puts things, in points (PNG pixels are these times png_scale), for callers
 * that embed the plot and for tests that probe its pixels. A value v on the model scale (yi's:
 * natural logs on a log axis) is drawn at x = graph_x0 + (v - axis_lo) / (axis_hi - axis_lo)
 * * (graph_x1 - graph_x0). */
typedef struct {
    double width, height;        /* the page */
    double graph_x0, graph_x1;   /* the axis runs from axis_lo at graph_x0 to axis_hi at graph_x1 */
    double axis_lo, axis_hi;     /* axis limits on the model scale */
    int    log_axis;             /* 1: ticks labelled exp(v) */
    double null_x;               /* x of the line of no effect, NAN when none is drawn */
    double row_y0, row_h;        /* centre of the first study row; row pitch */
    double pooled_y;             /* centre of re's diamond */
    double axis_y;               /* y of the axis line */
    double text_x0;              /* left edge of the "estimate [lb, ub]" column */
} pool_plot_geom_t;

/* The layout pool_plot would draw for these arguments (nothing is written). 0 or -1 + err. */
int pool_plot_geom(const pool_data_t *d, const pool_fit_t *fe, const pool_fit_t *re,
                   const pool_plot_opts_t *o, pool_plot_geom_t *g, char *err, size_t errlen);

#endif

/* review.h - analyses specified in reviews/NAME.review, resolved against extract's records.
 *
 * A review file is line-oriented text (the README has the full grammar): header directives
 * (title, measure, method, test, level, conv, skew, unit, scale, xlab, favours), then rows
 * and exclusions. A row names a label and points at records by place, FILE:LINE and,
 * when the line holds several figures, the figure's text:
 *
 *   row "Xu 2023 (UC-MSC)"
 *       arm  corpus/002_011482fcdf5256da.txt:148 "48.0"  corpus/002_011482fcdf5256da.txt:149 "21–65"
 *   exclude corpus/004_61c8823020db2012.txt "baseline age is not reported per arm"
 *
 *   review_t rv; rec_list_t recs; review_result_t res;
 *   review_read("reviews/age.review", &rv, err, sizeof err);
 *   review_resolve(&rv, &recs, &res, err, sizeof err);   // res.data: the rows that entered
 *   ... pool_fit_data(&res.data, ...) ...
 *   review_result_destroy(&res); review_destroy(&rv);
 *
 * Ownership: review_t and review_result_t own every string in them; resolved rows keep no
 * pointer into the record list. Functions return 0, or -1 with "FILE:LINE: why" in err. */
#ifndef POOL_REVIEW_H
#define POOL_REVIEW_H

#include <stddef.h>
#include "pool.h"
#include "conv.h"
#include "rec.h"

/* The roles a row's records play. ARM: the one arm of an MN analysis; TREAT/CONTROL: the two
 * arms of MD SMD ROM OR RR RD (treat is group 1, as escalc's m1i/ai); EST: an effect estimate
 * with its CI (a hazard ratio); N: for an estimate row, the sample sizes of its arms (n records,
 * summed into the row's n, shown in the forest plot). */
typedef enum { RV_ARM = 0, RV_TREAT, RV_CONTROL, RV_EST, RV_N, RV_NROLES } rv_role_t;

typedef struct {
    char *file;         /* as written in the spec */
    long  line;         /* line in that file */
    char *text;         /* the figure's text (or a unique part of it); NULL: the only record there */
    long  spec_line;
} rv_ref_t;

typedef struct {
    char    *label;
    long     spec_line;
    char    *study;                  /* as written ("doi:..." or a corpus file), NULL: from the records */
    rv_ref_t *refs[RV_NROLES];
    size_t    nrefs[RV_NROLES];
    char    *flip;                   /* reason for turning the direction round, NULL: none */
    char    *conv;                   /* conversion method for this row, NULL: the review's */
    pool_measure_t es;               /* the row's own effect measure (GEN reviews), POOL_NONE */
    char    *relabel_from, *relabel_to, *relabel_why;   /* a unit printed wrong, values right */
    char    *note;
} rv_row_t;

typedef struct {
    char *study;        /* key or corpus file, as written */
    char *reason;
    long  spec_line;
} rv_excl_t;

typedef struct {
    char *path;         /* the spec file */
    char *name;         /* its basename without .review: names the output files */
    char *title, *xlab, *favours_left, *favours_right, *unit, *conv;
    pool_measure_t measure;
    int   log_scale;    /* GEN reviews: rows are log ratios (scale log) */
    pool_method_t method;
    pool_test_t   test;
    double level;
    conv_skew_t skew;
    rv_row_t  *rows;   size_t nrows;
    rv_excl_t *excl;   size_t nexcl;
} review_t;

int  review_read(const char *path, review_t *rv, char *err, size_t errlen);
void review_destroy(review_t *rv);

/* One arm as the records gave it (NAN where not reported) and what was made of it. */
typedef struct {
    double n, mean, sd, se, median, q1, q3, min, max, events;
    double conv_mean, conv_sd;       /* the mean and SD used (converted or as given) */
    char   method[192];              /* "mean luo2018 (S2), sd wan2014 (S2)", "" when as given */
    char   unit[64];                 /* the unit used (after relabel), "" when none */
} rv_arm_t;

/* What happened to each row of the spec. */
typedef struct {
    char  *label;
    char  *study;       /* the records' study key */
    char  *file;        /* the corpus file the row's records come from */
    char  *source;      /* "FILE:LINE \"text\"; ..." every record used */
    long   spec_line;
    int    entered;     /* 1: in the analysis; 0: excluded (reason says why) */
    char  *reason;      /* why not, NULL when entered */
    pool_measure_t es;  /* the row's measure */
    int    flipped;
    rv_arm_t arm[2];    /* MN: arm[0]; two-arm measures: treat, control */
    double est, lb, ub, level;       /* EST rows: as reported (before any flip) */
    double yi, vi, n;
    char  *note;        /* conversion note as in the forest files, NULL when none */
} rv_out_t;

typedef struct {
    pool_data_t data;    /* the rows that entered, in spec order (sources and notes set) */
    rv_out_t  *rows;     size_t nrows;    /* every row of the spec (its exclusions: review_t) */
    char     **warn;     size_t nwarn;    /* warnings, each one line */
} review_result_t;

/* Resolve every reference of rv in recs, assemble arms, convert medians, compute effect sizes.
 * A row whose data cannot enter (a range with no median, a mean with no SD, no n) is kept
 * with entered = 0 and a reason; a reference that points at nothing, a record of the wrong
 * kind or a unit that does not match the review's is an error (the spec must be fixed).
 * Rows of one article found in two corpus files (a dup: flag, or one study key) count once,
 * from the original file, with a warning. */
int  review_resolve(const review_t *rv, const rec_list_t *recs, review_result_t *res,
                    char *err, size_t errlen);
void review_result_destroy(review_result_t *res);

/* The rows as a CSV of raw inputs and results (label, study, source, status, reason, es, flip,
 * per-arm n mean sd median q1 q3 min max events, est lb ub level, yi vi): what the R oracle
 * tests/ref/review_ref.R reads to recompute every number independently. */
int  review_write_inputs(const char *path, const review_t *rv, const review_result_t *res,
                         char *err, size_t errlen);

/* ---- the review mode of bin/pool ---- */

typedef struct {
    const char *records;   /* extract's JSON Lines */
    const char *outdir;    /* NAME.{csv,json,svg,png} and NAME.inputs.csv go here; NULL: none */
    int json;              /* print DESIGN.md's JSON object per analysis instead of the summary */
    int quiet;             /* no warnings on stderr */
} pool_review_opts_t;

/* Run each spec: the summary (or JSON) on out, files in outdir, one line on stderr per
 * problem. Returns 0, 1 when an analysis failed (the others still ran), 2 when the records
 * cannot be read or outdir is not a directory. */
int pool_review_run(char *const *specs, int nspecs, const pool_review_opts_t *ro, FILE *out);

#endif

/* conv.h - an arm's mean and SD from what a paper reports: median with IQR and/or range
 * (Hozo 2005, Wan 2014, Luo 2018, Shi 2020, Bland 2015, log-normal, McGrath 2020 QE and BC),
 * SD from a CI, SE, t or p (Cochrane Handbook ch. 6), two subgroups combined into one arm.
 *
 *   conv_five_t in = CONV_FIVE_NONE; in.n = 37; in.median = 40; in.q1 = 35; in.q3 = 46.5;
 *   conv_result_t r;
 *   if (conv_mean_sd(&in, NULL, &r, err, sizeof err) == 0) printf("%g %g %s\n", r.mean, r.sd, r.mean_method);
 *
 * No allocation visible to the caller; every function returns 0 or -1 with a reason in err. */
#ifndef CONV_H
#define CONV_H

#include <math.h>
#include <stddef.h>

/* What an arm reports; NAN where the paper gives nothing. */
typedef struct {
    double n;
    double min, q1, median, q3, max;
} conv_five_t;

#define CONV_FIVE_NONE { NAN, NAN, NAN, NAN, NAN, NAN }

typedef enum {
    CONV_AUTO = 0,      /* metafor conv.fivenum default: Luo for the mean, Wan/Shi for the SD */
    CONV_HOZO, CONV_WAN, CONV_LUO, CONV_SHI, CONV_BLAND, CONV_LOGNORMAL, CONV_QE, CONV_BC,
    CONV_HOZO_RULES,    /* metafor "hozo2005": Hozo's rules of thumb by n (mean = median if n > 25) */
    CONV_IQR135         /* Cochrane Handbook 5.1 7.7.3.5: mean = median, SD = IQR/1.35 (S2 only) */
} conv_method_t;

typedef enum { CONV_SKEW_IGNORE = 0, CONV_SKEW_WARN, CONV_SKEW_REFUSE } conv_skew_t;

typedef struct {
    conv_method_t mean_method, sd_method;
    conv_skew_t   skew;          /* what to do when Shi 2023's test rejects normality */
    double        skew_alpha;    /* that test's level, 0.05 (0 means 0.05; no other level has
                                    published critical values) */
    double        tol;           /* QE/BC minimisers: simplex size / interval tolerance; 0: 1e-10 */
    int           max_iter;      /* QE/BC minimisers: iteration cap; 0: 2000 */
} conv_opts_t;

/* CONV_AUTO, skew warn at 0.05, default tolerances. */
void conv_opts_default(conv_opts_t *opts);

typedef struct {
    double mean, sd;
    char   mean_method[64];      /* who made the number, e.g. "luo2018 (S3)" */
    char   sd_method[64];        /* e.g. "shi2020 (S3)" */
    int    scenario;             /* 1: min/median/max, 2: q1/median/q3, 3: all five */
    int    skewed;               /* Shi 2023 rejected symmetry (conv_opts_t.skew decides what then) */
    double skew_stat, skew_crit; /* that test's statistic and critical value; NAN when not run */
} conv_result_t;

/* opts may be NULL: CONV_AUTO, skew warn at 0.05. Scenario from what is given (S1 min/max,
 * S2 q1/q3, S3 both); n >= 2 (3 for QE and BC), min <= q1 <= median <= q3 <= max with
 * non-zero widths, else -1 with a reason naming the field. The mean comes from
 * opts->mean_method, the SD from opts->sd_method; a method without a formula for the
 * scenario falls back to Wan 2014 and says so in mean_method/sd_method (Bland and Shi 2020
 * are S3 only, Hozo has no quartiles; Hozo on S3 uses min/median/max). Shi 2023's test runs
 * on the logs when both methods are lognormal, else on the data; REFUSE refuses only when a
 * method assumes normal data (not lognormal, qe, bc). */
int conv_mean_sd(const conv_five_t *in, const conv_opts_t *opts, conv_result_t *out,
                 char *err, size_t errlen);
/* "luo/wan/shi" (the default), "hozo", "wan", "bland", "lognormal", "qe", "bc", ... -> opts.
 * Returns 0, -1 for an unknown name. Sets only opts->mean_method and opts->sd_method:
 * "luo" (mean; SD stays auto), "shi" (SD; mean stays auto), "hozo", "wan", "bland",
 * "lognormal", "qe", "bc", "hozo-rules", "iqr1.35" (both), "MEAN/SD" pairs such as
 * "luo/shi" or "wan/bland", and the chains "luo/wan/shi" and "hozo/wan/bland" (metamedian:
 * Wan mean, Wan SD for S1/S2, Bland for S3). Case-insensitive. */
int conv_parse_method(const char *name, conv_opts_t *opts);

/* Cochrane Handbook 6.5.2: SD of an arm from its mean's CI (t-based for n < 60 unless
 * use_z), from an SE, from a t statistic or a p-value of a two-group mean difference. */
int conv_sd_from_ci(double lo, double hi, double n, double level, int use_z, double *sd);
int conv_sd_from_se(double se, double n, double *sd);
/* SD of each group (assumed equal) from t (or two-sided p) of the difference of two means. */
int conv_sd_from_t(double md, double t, double n1, double n2, double *sd);
int conv_sd_from_p(double md, double p, double n1, double n2, double *sd);
/* SD of each group (assumed equal) from the CI of a two-group mean difference: t with
 * n1 + n2 - 2 df when n1 + n2 < 60 unless use_z (Cochrane Handbook 6.5.2.3). */
int conv_sd_from_md_ci(double lo, double hi, double n1, double n2, double level, int use_z,
                       double *sd);
/* Cochrane Table 6.5.a: two subgroups combined into one arm. */
int conv_combine(double n1, double m1, double sd1, double n2, double m2, double sd2,
                 double *n, double *m, double *sd);

#endif

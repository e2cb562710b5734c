/* out.c - the JSON summary of DESIGN.md, a metafor-like printed summary (rma, leave1out,
 * subgroups, regtest), and forest-plot data files (CSV or JSON, temp file then rename). */
#include "pool.h"
#include "pool_priv.h"
#include "num.h"
#include "rec.h"
#include "ofile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <jansson.h>

/* ---- JSON pieces: jansson escapes strings, num_fmt prints numbers ---- */

static int jkn(FILE *fp, const char *k, double x)
{
    return (fprintf(fp, ",\"%s\":", k) < 0 || num_write(fp, x)) ? -1 : 0;
}

static const char *test_name(pool_test_t t) { return t == POOL_TEST_KNHA ? "knha" : "z"; }

static double study_crit(const pool_fit_t *f)
{
    return gsl_cdf_ugaussian_Qinv((1 - f->level / 100) / 2);
}

int pool_write_json(FILE *fp, const pool_data_t *d, const pool_fit_t *f)
{
    return pool_write_json_ex(fp, d, f, NULL, NULL, NULL);
}

static int json_fit_row(FILE *fp, const pool_fit_t *f)
{
    int e = 0;
    e |= jkn(fp, "estimate", f->estimate);
    e |= jkn(fp, "se", f->sei);
    e |= jkn(fp, "stat", f->zval);
    e |= jkn(fp, "pval", f->pv);
    e |= jkn(fp, "ci_lb", f->lb);
    e |= jkn(fp, "ci_ub", f->ub);
    e |= jkn(fp, "Q", f->Q);
    e |= jkn(fp, "Q_p", f->Q_p);
    e |= jkn(fp, "tau2", f->tau2);
    e |= jkn(fp, "I2", f->I2);
    e |= jkn(fp, "H2", f->H2);
    return e;
}

static int json_extras(FILE *fp, const pool_data_t *d, const pool_fit_t *l1o, const pool_by_t *b,
                       const pool_regtest_t *r)
{
    int e = 0;
    if (l1o) {
        e |= fputs(",\"leave1out\":[", fp) < 0;
        for (size_t i = 0; i < d->k; i++) {
            e |= fputs(i ? ",{\"study\":" : "{\"study\":", fp) < 0;
            e |= rec_json_str(fp, d->s[i].label);
            e |= json_fit_row(fp, &l1o[i]);
            e |= fputc('}', fp) == EOF;
        }
        e |= fputc(']', fp) == EOF;
    }
    if (b) {
        e |= fputs(",\"subgroups\":{\"groups\":[", fp) < 0;
        for (size_t g = 0; g < b->ngroups; g++) {
            e |= fputs(g ? ",{\"group\":" : "{\"group\":", fp) < 0;
            e |= rec_json_str(fp, b->name[g]);
            e |= fprintf(fp, ",\"k\":%zu", b->count[g]) < 0;
            if (b->fit_ok[g]) {
                e |= json_fit_row(fp, &b->fit[g]);
                e |= jkn(fp, "pi_lb", b->fit[g].pi_lb);
                e |= jkn(fp, "pi_ub", b->fit[g].pi_ub);
            }
            e |= fputc('}', fp) == EOF;
        }
        const pool_fit_t *m = &b->moderated;
        e |= fputs("],\"test\":{\"tau2\":", fp) < 0;
        e |= num_write(fp, m->tau2);
        e |= jkn(fp, "QM", m->QM);
        e |= jkn(fp, "QM_df", m->QM_df1);
        e |= jkn(fp, "QM_df2", m->QM_df2);
        e |= jkn(fp, "QM_p", m->QM_p);
        e |= jkn(fp, "QE", m->Q);
        e |= jkn(fp, "QE_df", m->Q_df);
        e |= jkn(fp, "QE_p", m->Q_p);
        e |= fputs("}}", fp) < 0;
    }
    if (r) {
        e |= fputs(",\"regtest\":{\"stat\":", fp) < 0;
        e |= num_write(fp, r->stat);
        e |= jkn(fp, "pval", r->pval);
        e |= jkn(fp, "df", r->ddf);
        e |= jkn(fp, "est", r->est);
        e |= jkn(fp, "ci_lb", r->ci_lb);
        e |= jkn(fp, "ci_ub", r->ci_ub);
        e |= fputc('}', fp) == EOF;
    }
    return e;
}

int pool_write_json_ex(FILE *fp, const pool_data_t *d, const pool_fit_t *f, const pool_fit_t *l1o,
                       const pool_by_t *b, const pool_regtest_t *r)
{
    int e = 0;
    e |= fprintf(fp, "{\"k\":%zu,\"measure\":", f->k) < 0;
    e |= rec_json_str(fp, pool_measure_name(d->measure));
    e |= fprintf(fp, ",\"method\":\"%s\",\"test\":\"%s\"", pool_method_name(f->method),
                 test_name(f->test)) < 0;
    e |= jkn(fp, "estimate", f->estimate);
    e |= jkn(fp, "se", f->sei);
    e |= jkn(fp, "stat", f->zval);
    e |= jkn(fp, "pval", f->pv);
    e |= jkn(fp, "ci_lb", f->lb);
    e |= jkn(fp, "ci_ub", f->ub);
    e |= jkn(fp, "pi_lb", f->pi_lb);
    e |= jkn(fp, "pi_ub", f->pi_ub);
    e |= jkn(fp, "tau2", f->tau2);
    e |= jkn(fp, "tau", f->tau);
    e |= jkn(fp, "tau2_ci_lb", f->tau2_ci_lb_cens ? NAN : f->tau2_ci_lb);
    e |= jkn(fp, "tau2_ci_ub", f->tau2_ci_ub_cens ? NAN : f->tau2_ci_ub);
    e |= jkn(fp, "I2", f->I2);
    e |= jkn(fp, "H2", f->H2);
    e |= jkn(fp, "Q", f->Q);
    e |= jkn(fp, "Q_df", f->Q_df);
    e |= jkn(fp, "Q_p", f->Q_p);
    e |= fputs(",\"studies\":[", fp) < 0;
    double z = study_crit(f);
    for (size_t i = 0; i < d->k; i++) {
        const pool_study_t *s = &d->s[i];
        e |= fputs(i ? ",{\"study\":" : "{\"study\":", fp) < 0;
        e |= rec_json_str(fp, s->label);
        e |= jkn(fp, "yi", s->yi);
        e |= jkn(fp, "vi", s->vi);
        e |= jkn(fp, "weight", pool_weight(f, s->vi));
        e |= jkn(fp, "ci_lb", s->yi - z * sqrt(s->vi));
        e |= jkn(fp, "ci_ub", s->yi + z * sqrt(s->vi));
        if (s->note) { e |= fputs(",\"conversion\":", fp) < 0; e |= rec_json_str(fp, s->note); }
        e |= fputc('}', fp) == EOF;
    }
    e |= fputc(']', fp) == EOF;
    e |= json_extras(fp, d, l1o, b, r);
    e |= fputs("}\n", fp) < 0;
    return e ? -1 : 0;
}

/* ---- printed summaries ---- */

static void pfix(FILE *fp, int w, int digits, double x)
{
    if (isnan(x)) fprintf(fp, "%*s", w, "NA");
    else fprintf(fp, "%*.*f", w, digits, x);
}

static void ppval(FILE *fp, int w, int digits, double p)
{
    double lim = pow(10, -digits);
    if (isnan(p)) { fprintf(fp, "%*s", w, "NA"); return; }
    if (p < lim) {
        char b[32];
        snprintf(b, sizeof b, "<.%0*d", digits, 1);
        fprintf(fp, "%*s", w, b);
    } else {
        fprintf(fp, "%*.*f", w, digits, p);
    }
}

static const char *stars(double p)
{
    return p < .001 ? "***" : p < .01 ? "**" : p < .05 ? "*" : p < .1 ? "." : "";
}

int pool_print_summary(FILE *fp, const pool_data_t *d, const pool_fit_t *f, int digits)
{
    int fe = f->method == POOL_FE;
    const char *stat = f->test == POOL_TEST_KNHA ? "tval" : "zval";
    if (fe) fprintf(fp, "\nFixed-Effects Model (k = %zu)\n\n", f->k);
    else fprintf(fp, "\nRandom-Effects Model (k = %zu; tau^2 estimator: %s)\n\n", f->k,
                 pool_method_name(f->method));
    if (!fe) {
        fprintf(fp, "tau^2 (estimated amount of total heterogeneity): %.*f", digits, f->tau2);
        if (!isnan(f->tau2_ci_lb) || !isnan(f->tau2_ci_ub)) {
            fprintf(fp, " (%g%% CI: %.*f, ", f->level, digits, f->tau2_ci_lb);
            if (f->tau2_ci_ub_cens) fprintf(fp, ">%.*f", digits, f->tau2_ci_ub);
            else fprintf(fp, "%.*f", digits, f->tau2_ci_ub);
            fputc(')', fp);
        }
        fprintf(fp, "\ntau (square root of estimated tau^2 value):      %.*f\n", digits, f->tau);
    }
    fprintf(fp, "I^2 (%s heterogeneity / total variability):   %.2f%%", fe ? "residual" : "total",
            f->I2);
    if (!isnan(f->I2_lb) && !isnan(f->I2_ub))
        fprintf(fp, " (%g%% CI: %.2f, %.2f)", f->level, f->I2_lb, f->I2_ub);
    fprintf(fp, "\nH^2 (total variability / sampling variability):  %.2f", f->H2);
    if (!isnan(f->H2_lb) && !isnan(f->H2_ub))
        fprintf(fp, " (%g%% CI: %.2f, %.2f)", f->level, f->H2_lb, f->H2_ub);
    fputc('\n', fp);
    if (f->boundary)
        fprintf(fp, "(the likelihood is higher at tau^2 = 0 than at its interior maximum)\n");
    fprintf(fp, "\nTest for Heterogeneity:\nQ(df = %g) = %.*f, p-val ", f->Q_df, digits, f->Q);
    if (f->Q_p < pow(10, -digits)) fprintf(fp, "< .%0*d\n", digits, 1);
    else fprintf(fp, "= %.*f\n", digits, f->Q_p);
    fprintf(fp, "\nModel Results:\n\n%9s%9s%9s%9s%9s%9s\n", "estimate", "se", stat, "pval", "ci.lb",
            "ci.ub");
    pfix(fp, 9, digits, f->estimate); pfix(fp, 9, digits, f->sei); pfix(fp, 9, digits, f->zval);
    ppval(fp, 9, digits, f->pv); pfix(fp, 9, digits, f->lb); pfix(fp, 9, digits, f->ub);
    fprintf(fp, "  %s\n", stars(f->pv));
    if (f->test == POOL_TEST_KNHA) fprintf(fp, "(t-test with df = %g: Knapp-Hartung)\n", f->ddf);
    if (!fe)
        fprintf(fp, "\nPrediction interval (%g%%): %.*f to %.*f\n", f->level, digits, f->pi_lb,
                digits, f->pi_ub);
    if (pool_data_is_log(d))
        fprintf(fp, "\nOn the ratio scale%s%s%s: %.*f (%.*f to %.*f)%s",
                d->measure == POOL_GEN ? "" : " (", d->measure == POOL_GEN ? "" : pool_measure_name(d->measure),
                d->measure == POOL_GEN ? "" : ")",
                digits, exp(f->estimate), digits, exp(f->lb), digits, exp(f->ub), fe ? "\n" : "");
    if (pool_data_is_log(d) && !fe)
        fprintf(fp, "; prediction %.*f to %.*f\n", digits, exp(f->pi_lb), digits, exp(f->pi_ub));
    size_t nconv = 0;
    for (size_t i = 0; i < d->k; i++) nconv += d->s[i].note != NULL;
    if (nconv) {
        fprintf(fp, "\nMeans and SDs estimated from medians (%zu stud%s):\n", nconv,
                nconv > 1 ? "ies" : "y");
        for (size_t i = 0; i < d->k; i++)
            if (d->s[i].note) fprintf(fp, "  %s: %s\n", d->s[i].label, d->s[i].note);
    }
    fputc('\n', fp);
    return ferror(fp) ? -1 : 0;
}

int pool_print_leave1out(FILE *fp, const pool_data_t *d, const pool_fit_t *l, int digits)
{
    int fe = d->k && l[0].method == POOL_FE;
    size_t w = 8;
    for (size_t i = 0; i < d->k; i++) if (strlen(d->s[i].label) > w) w = strlen(d->s[i].label);
    if (w > 40) w = 40;
    fprintf(fp, "\nLeave-one-out:\n\n%-*s%10s%10s%10s%10s%10s%10s%10s%10s", (int)w, "", "estimate",
            "se", d->k && l[0].test == POOL_TEST_KNHA ? "tval" : "zval", "pval", "ci.lb", "ci.ub",
            "Q", "Qp");
    if (!fe) fprintf(fp, "%10s", "tau2");
    fprintf(fp, "%10s%10s\n", "I2", "H2");
    for (size_t i = 0; i < d->k; i++) {
        const pool_fit_t *f = &l[i];
        fprintf(fp, "%-*.*s", (int)w, (int)w, d->s[i].label);
        pfix(fp, 10, digits, f->estimate); pfix(fp, 10, digits, f->sei);
        pfix(fp, 10, digits, f->zval); ppval(fp, 10, digits, f->pv);
        pfix(fp, 10, digits, f->lb); pfix(fp, 10, digits, f->ub);
        pfix(fp, 10, digits, f->Q); ppval(fp, 10, digits, f->Q_p);
        if (!fe) pfix(fp, 10, digits, f->tau2);
        pfix(fp, 10, 2, f->I2); pfix(fp, 10, digits, f->H2);
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

int pool_print_by(FILE *fp, const pool_by_t *b, int digits)
{
    fprintf(fp, "\nSubgroups (separate model per subgroup):\n\n%-16s%5s%10s%10s%10s%10s%10s%10s\n",
            "group", "k", "estimate", "se", "ci.lb", "ci.ub", "tau2", "I2");
    for (size_t g = 0; g < b->ngroups; g++) {
        const pool_fit_t *f = &b->fit[g];
        fprintf(fp, "%-16.16s%5zu", b->name[g], b->count[g]);
        if (!b->fit_ok[g]) { fprintf(fp, "  (too few studies for a model)\n"); continue; }
        pfix(fp, 10, digits, f->estimate); pfix(fp, 10, digits, f->sei);
        pfix(fp, 10, digits, f->lb); pfix(fp, 10, digits, f->ub);
        pfix(fp, 10, digits, f->tau2); pfix(fp, 10, 2, f->I2);
        fputc('\n', fp);
    }
    const pool_fit_t *m = &b->moderated;
    fprintf(fp, "\nTest for subgroup differences (mods = ~ factor(group), common tau^2 = %.*f):\n",
            digits, m->tau2);
    if (m->test == POOL_TEST_KNHA)
        fprintf(fp, "F(df1 = %g, df2 = %g) = %.*f, p-val ", m->QM_df1, m->QM_df2, digits, m->QM);
    else
        fprintf(fp, "QM(df = %g) = %.*f, p-val ", m->QM_df1, digits, m->QM);
    if (m->QM_p < pow(10, -digits)) fprintf(fp, "< .%0*d\n", digits, 1);
    else fprintf(fp, "= %.*f\n", digits, m->QM_p);
    fprintf(fp, "Residual heterogeneity: QE(df = %g) = %.*f, p-val ", m->Q_df, digits, m->Q);
    if (m->Q_p < pow(10, -digits)) fprintf(fp, "< .%0*d\n", digits, 1);
    else fprintf(fp, "= %.*f\n", digits, m->Q_p);
    return ferror(fp) ? -1 : 0;
}

int pool_print_regtest(FILE *fp, const pool_regtest_t *r, int digits)
{
    fprintf(fp, "\nRegression Test for Funnel Plot Asymmetry (Egger)\n\n");
    fprintf(fp, "Model:     %s meta-regression model\nPredictor: standard error\n\n",
            r->fit.method == POOL_FE ? "fixed-effects" : "mixed-effects");
    if (r->fit.test == POOL_TEST_KNHA)
        fprintf(fp, "Test for Funnel Plot Asymmetry: t = %.*f, df = %g, p = %.*f\n", digits,
                r->stat, r->ddf, digits, r->pval);
    else
        fprintf(fp, "Test for Funnel Plot Asymmetry: z = %.*f, p = %.*f\n", digits, r->stat,
                digits, r->pval);
    fprintf(fp, "Limit Estimate (as sei -> 0):   b = %.*f (CI: %.*f, %.*f)\n", digits, r->est,
            digits, r->ci_lb, digits, r->ci_ub);
    return ferror(fp) ? -1 : 0;
}

/* ---- forest-plot data ---- */

static int csv_num(FILE *fp, double x)
{
    char b[NUM_BUFSZ];
    if (!isfinite(x)) return fputc(',', fp) == EOF ? -1 : 0;
    return fprintf(fp, ",%s", num_fmt(b, x)) < 0 ? -1 : 0;
}

typedef struct {
    const char *row, *label, *note, *source;
    double n, est, se, lb, ub, weight;
} frow_t;

/* src: the data carry sources (a review's rows), written as a last "source" column/member. */
static int write_row(FILE *fp, int json, int logm, int src, const frow_t *r, int first)
{
    int e = 0;
    if (json) {
        e |= fputs(first ? "\n  {\"row\":" : ",\n  {\"row\":", fp) < 0;
        e |= rec_json_str(fp, r->row);
        e |= fputs(",\"study\":", fp) < 0;
        e |= rec_json_str(fp, r->label);
        e |= jkn(fp, "n", r->n);
        e |= jkn(fp, "estimate", r->est);
        e |= jkn(fp, "se", r->se);
        e |= jkn(fp, "ci_lb", r->lb);
        e |= jkn(fp, "ci_ub", r->ub);
        e |= jkn(fp, "weight", r->weight);
        if (logm) {
            e |= jkn(fp, "exp_estimate", exp(r->est));
            e |= jkn(fp, "exp_ci_lb", exp(r->lb));
            e |= jkn(fp, "exp_ci_ub", exp(r->ub));
        }
        e |= fputs(",\"conversion\":", fp) < 0;
        e |= rec_json_str(fp, r->note);
        if (src) {
            e |= fputs(",\"source\":", fp) < 0;
            e |= rec_json_str(fp, r->source);
        }
        e |= fputc('}', fp) == EOF;
        return e ? -1 : 0;
    }
    e |= rec_csv_field(fp, r->row);
    e |= fputc(',', fp) == EOF;
    e |= rec_csv_field(fp, r->label);
    e |= csv_num(fp, r->n);
    e |= csv_num(fp, r->est);
    e |= csv_num(fp, r->se);
    e |= csv_num(fp, r->lb);
    e |= csv_num(fp, r->ub);
    e |= csv_num(fp, r->weight);
    if (logm) {
        e |= csv_num(fp, exp(r->est));
        e |= csv_num(fp, exp(r->lb));
        e |= csv_num(fp, exp(r->ub));
    }
    e |= fputc(',', fp) == EOF;
    e |= rec_csv_field(fp, r->note);
    if (src) {
        e |= fputc(',', fp) == EOF;
        e |= rec_csv_field(fp, r->source);
    }
    e |= fputc('\n', fp) == EOF;
    return e ? -1 : 0;
}

static int write_forest(FILE *fp, int json, const pool_data_t *d, const pool_fit_t *fe,
                        const pool_fit_t *re)
{
    int logm = pool_data_is_log(d), e = 0, src = 0;
    for (size_t i = 0; i < d->k; i++) src |= d->s[i].source != NULL;
    if (json) {
        e |= fputs("{\"measure\":", fp) < 0;
        e |= rec_json_str(fp, pool_measure_name(d->measure));
        e |= fprintf(fp, ",\"method\":\"%s\",\"test\":\"%s\"", pool_method_name(re->method),
                     test_name(re->test)) < 0;
        e |= jkn(fp, "level", re->level);
        e |= fputs(",\"rows\":[", fp) < 0;
    } else {
        e |= fputs("row,study,n,estimate,se,ci_lb,ci_ub,weight", fp) < 0;
        if (logm) e |= fputs(",exp_estimate,exp_ci_lb,exp_ci_ub", fp) < 0;
        e |= fputs(src ? ",conversion,source\n" : ",conversion\n", fp) < 0;
    }
    double z = study_crit(re);
    int first = 1;
    for (size_t i = 0; i < d->k && !e; i++) {
        const pool_study_t *s = &d->s[i];
        double se = sqrt(s->vi);
        frow_t r = { "study", s->label, s->note, s->source, s->n, s->yi, se, s->yi - z * se,
                     s->yi + z * se, pool_weight(re, s->vi) };
        e |= write_row(fp, json, logm, src, &r, first);
        first = 0;
    }
    double N = 0;
    for (size_t i = 0; i < d->k; i++) N += d->s[i].n;
    frow_t c = { "common", "Common effect", NULL, NULL, N, fe->estimate, fe->sei, fe->lb, fe->ub,
                 100 };
    e |= write_row(fp, json, logm, src, &c, first);
    if (re->method != POOL_FE) {
        char lab[64];
        snprintf(lab, sizeof lab, "Random effects (%s)", pool_method_name(re->method));
        frow_t r = { "random", lab, NULL, NULL, N, re->estimate, re->sei, re->lb, re->ub, 100 };
        e |= write_row(fp, json, logm, src, &r, 0);
        frow_t p = { "prediction", "Prediction interval", NULL, NULL, NAN, re->estimate, NAN,
                     re->pi_lb, re->pi_ub, NAN };
        e |= write_row(fp, json, logm, src, &p, 0);
    }
    if (json) e |= fputs("\n]}\n", fp) < 0;
    return e ? -1 : 0;
}

int pool_write_forest(const char *path, const pool_data_t *d, const pool_fit_t *fe,
                      const pool_fit_t *re, char *err, size_t errlen)
{
    size_t n = strlen(path);
    int json = n >= 5 && strcasecmp_ascii(path + n - 5, ".json") == 0;
    ofile_t o;
    if (ofile_open(&o, path, err, errlen)) return -1;
    int e = write_forest(o.fp, json, d, fe, re);
    if (e) snprintf(err, errlen, "%s: write error", path);
    if (ofile_close(&o, !e, err, errlen)) return -1;
    return e ? -1 : 0;
}

/* review_run.c - pool's review mode: each reviews/NAME.review resolved against extract's
 * records, fitted, summarised, and written out as forest data, plots and the inputs CSV. */
#include "review.h"
#include "plot.h"
#include "num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *measure_words(pool_measure_t m, int log_scale)
{
    switch (m) {
    case POOL_MN:  return "MN, one arm's mean";
    case POOL_MD:  return "MD, mean difference";
    case POOL_SMD: return "SMD, Hedges' g";
    case POOL_ROM: return "ROM, log ratio of means";
    case POOL_OR:  return "OR, log odds ratio";
    case POOL_RR:  return "RR, log risk ratio";
    case POOL_RD:  return "RD, risk difference";
    case POOL_HR:  return "HR, log hazard ratio";
    default:       return log_scale ? "generic inverse variance, log ratios" : "generic inverse variance";
    }
}

static void print_rows(FILE *fp, const review_t *rv, const review_result_t *res)
{
    int logm = pool_data_is_log(&res->data);
    fprintf(fp, "\nRows entered (k = %zu):\n", res->data.k);
    for (size_t i = 0; i < res->nrows; i++) {
        const rv_out_t *o = &res->rows[i];
        if (!o->entered) continue;
        double se = sqrt(o->vi);
        char nb[32] = "";
        if (!isnan(o->n)) snprintf(nb, sizeof nb, "n = %g", o->n);
        fprintf(fp, "  %-34s %-9s %s = %.4f (SE %.4f)", o->label, nb, logm ? "log" : "yi", o->yi, se);
        if (logm) fprintf(fp, "  ratio %.3f", exp(o->yi));
        fprintf(fp, "\n      from %s\n", o->source);
        if (o->note) fprintf(fp, "      %s\n", o->note);
        for (int j = 0; j < 2; j++) {
            const rv_arm_t *a = &o->arm[j];
            if (a->method[0])
                fprintf(fp, "      %s: mean %.4f, SD %.4f estimated from the median\n",
                        o->es == POOL_MN ? "arm" : j ? "control" : "treat", a->conv_mean, a->conv_sd);
        }
    }
    size_t nout = 0;
    for (size_t i = 0; i < res->nrows; i++) nout += !res->rows[i].entered;
    if (nout) {
        fprintf(fp, "\nRows that cannot enter (%zu):\n", nout);
        for (size_t i = 0; i < res->nrows; i++) {
            const rv_out_t *o = &res->rows[i];
            if (o->entered) continue;
            fprintf(fp, "  %-34s %s\n      from %s (%s:%ld)\n", o->label, o->reason, o->source ? o->source : "",
                    rv->path, o->spec_line);
        }
    }
    if (rv->nexcl) {
        fprintf(fp, "\nStudies excluded by the review (%zu):\n", rv->nexcl);
        for (size_t i = 0; i < rv->nexcl; i++)
            fprintf(fp, "  %s: %s (%s:%ld)\n", rv->excl[i].study, rv->excl[i].reason, rv->path,
                    rv->excl[i].spec_line);
    }
    if (res->nwarn) {
        fprintf(fp, "\nWarnings (%zu):\n", res->nwarn);
        for (size_t i = 0; i < res->nwarn; i++) fprintf(fp, "  %s\n", res->warn[i]);
    }
}

/* pool_print_summary without the per-row notes (the review's own row list has them). */
static int print_fit(FILE *fp, const pool_data_t *d, const pool_fit_t *f)
{
    pool_data_t shallow = *d;
    pool_study_t *s = malloc((d->k ? d->k : 1) * sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < d->k; i++) {
        s[i] = d->s[i];
        s[i].note = NULL;
    }
    shallow.s = s;
    int rc = pool_print_summary(fp, &shallow, f, 4);
    free(s);
    return rc;
}

static char *join(const char *dir, const char *name, const char *ext)
{
    size_t n = strlen(dir) + strlen(name) + strlen(ext) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s%s", dir, name, ext);
    return p;
}

/* One analysis: 0, or -1 after printing one line on stderr. */
static int run_one(const char *spec, const rec_list_t *recs, const pool_review_opts_t *ro, FILE *out)
{
    review_t rv;
    review_result_t res;
    char err[1024];
    int rc = -1, have_res = 0;
    if (review_read(spec, &rv, err, sizeof err)) {
        fprintf(stderr, "pool: %s\n", err);
        return -1;
    }
    if (review_resolve(&rv, recs, &res, err, sizeof err)) {
        fprintf(stderr, "pool: %s\n", err);
        goto out;
    }
    have_res = 1;
    if (res.data.k < 2) {
        fprintf(stderr, "pool: %s: %s row%s can enter the analysis: nothing to pool\n", spec,
                res.data.k ? "only one" : "no", res.data.k ? "" : "s");
        goto out;
    }
    pool_opts_t o;
    pool_opts_default(&o);
    o.method = rv.method;
    o.test = rv.test;
    o.level = rv.level;
    pool_fit_t fit, fe;
    if (pool_fit_data(&res.data, &o, &fit, err, sizeof err)) {
        fprintf(stderr, "pool: %s: %s\n", spec, err);
        goto out;
    }
    pool_opts_t ofe = o;
    ofe.method = POOL_FE;
    if (pool_fit_data(&res.data, &ofe, &fe, err, sizeof err)) {
        fprintf(stderr, "pool: %s: %s\n", spec, err);
        goto out;
    }
    if (ro->json) {
        if (pool_write_json(out, &res.data, &fit)) goto werr;
    } else {
        fprintf(out, "==============================================================================\n");
        fprintf(out, "Analysis %s: %s\n", rv.name, rv.title ? rv.title : "(untitled)");
        fprintf(out, "Specification: %s\n", rv.path);
        fprintf(out, "Measure: %s%s%s; model %s, %s test, %g%% intervals\n",
                measure_words(rv.measure, rv.log_scale), rv.unit ? "; unit " : "", rv.unit ? rv.unit : "",
                pool_method_name(rv.method), rv.test == POOL_TEST_KNHA ? "Knapp-Hartung" : "z", rv.level);
        int nconv = 0;
        for (size_t i = 0; i < res.nrows; i++)
            nconv += res.rows[i].arm[0].method[0] || res.rows[i].arm[1].method[0];
        if (nconv)
            fprintf(out, "Medians converted to means and SDs with %s (%d row%s)\n",
                    rv.conv ? rv.conv : "luo/wan/shi", nconv, nconv > 1 ? "s" : "");
        print_rows(out, &rv, &res);
        if (print_fit(out, &res.data, &fit)) goto werr;
    }
    if (ro->outdir) {
        static const char *const EXT[] = { ".csv", ".json", ".svg", ".png" };
        pool_plot_opts_t po;
        pool_plot_opts_default(&po);
        po.title = rv.title;
        po.xlab = rv.xlab;
        po.left_label = rv.favours_left;
        po.right_label = rv.favours_right;
        po.log_scale = pool_data_is_log(&res.data);
        po.null_line = rv.measure == POOL_MN ? 0 : 1;
        po.null_value = po.log_scale ? 1 : 0;
        if (rv.measure == POOL_GEN) po.effect_label = po.log_scale ? "Ratio" : "Effect";
        for (int i = 0; i < 4; i++) {
            char *p = join(ro->outdir, rv.name, EXT[i]);
            if (!p) { fprintf(stderr, "pool: out of memory\n"); goto out; }
            int e = i < 2 ? pool_write_forest(p, &res.data, &fe, &fit, err, sizeof err)
                          : pool_plot(p, &res.data, &fe, &fit, &po, err, sizeof err);
            free(p);
            if (e) { fprintf(stderr, "pool: %s\n", err); goto out; }
        }
        char *p = join(ro->outdir, rv.name, ".inputs.csv");
        if (!p) { fprintf(stderr, "pool: out of memory\n"); goto out; }
        int e = review_write_inputs(p, &rv, &res, err, sizeof err);
        free(p);
        if (e) { fprintf(stderr, "pool: %s\n", err); goto out; }
        if (!ro->json)
            fprintf(out, "\nFiles: %s/%s.{csv,json,svg,png} and %s.inputs.csv\n", ro->outdir, rv.name, rv.name);
    }
    if (!ro->json) fputc('\n', out);
    for (size_t i = 0; i < res.nwarn; i++)
        if (!ro->quiet) fprintf(stderr, "pool: warning: %s\n", res.warn[i]);
    rc = 0;
    goto out;
werr:
    fprintf(stderr, "pool: write error on the summary\n");
out:
    if (have_res) review_result_destroy(&res);
    review_destroy(&rv);
    return rc;
}

int pool_review_run(char *const *specs, int nspecs, const pool_review_opts_t *ro, FILE *out)
{
    rec_list_t recs;
    char err[1024];
    rec_list_init(&recs);
    if (rec_list_read_jsonl(&recs, ro->records, err, sizeof err)) {
        fprintf(stderr, "pool: %s\n", err);
        rec_list_destroy(&recs);
        return 2;
    }
    if (ro->outdir) {
        struct stat st;
        if (stat(ro->outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "pool: %s: not a directory\n", ro->outdir);
            rec_list_destroy(&recs);
            return 2;
        }
    }
    int failed = 0;
    for (int i = 0; i < nspecs; i++) failed |= run_one(specs[i], &recs, ro, out) != 0;
    rec_list_destroy(&recs);
    if (ferror(out)) return 1;
    return failed ? 1 : 0;
}

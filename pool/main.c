/* pool - effect sizes and meta-analysis of a CSV of studies (metafor/escalc column names). */
#include "pool.h"
#include "review.h"
#include "plot.h"
#include "num.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp, const pool_opts_t *o)
{
    fprintf(fp,
"Usage: pool [options] FILE.csv\n"
"       pool --records RECORDS.jsonl [--outdir DIR] [-f json] [-q] REVIEW.review...\n"
"Effect sizes, common- and random-effects meta-analysis, agreeing with R's metafor.\n\n"
"Review mode (--records): each reviews/NAME.review names its measure, model and rows, the\n"
"rows pointing at extract's records by FILE:LINE \"text\" (README: \"Review specifications\").\n"
"The summary goes to stdout; with --outdir, DIR/NAME.csv and .json (forest data), .svg and\n"
".png (forest plot) and NAME.inputs.csv (every row's raw numbers and sources). Exit 1 when\n"
"an analysis fails (the others still run), 2 when the records cannot be read.\n\n"
"Input columns (metafor/escalc names; a header row; RFC 4180 quoting):\n"
"  study (or author, label)           study label\n"
"  yi vi | yi sei                     effect sizes given (no --measure needed)\n"
"  hr ci_lb ci_ub                     hazard ratio and its 95%% CI (log HR pooled)\n"
"  m1i sd1i n1i m2i sd2i n2i          two arms' means (MD, SMD, ROM)\n"
"  mi sdi ni                          one arm (MN)\n"
"  ai bi ci di | ai n1i ci n2i        2x2 counts (OR, RR, RD)\n"
"  min1 q1_1 median1 q3_1 max1 ...    an arm's median with IQR and/or range instead of mean/SD\n"
"                                     (suffix 1/2; one arm: no suffix; metafor's q1i medi q3i\n"
"                                     mini maxi spelling too)\n"
"  group                              subgroup for --by (or the column --by names)\n\n"
"Options:\n"
"  -m, --measure M      MN MD SMD ROM OR RR RD (raw columns), HR or GEN\n"
"  -M, --method M       FE DL REML ML PM HS SJ HE EB [%s]\n"
"  -t, --test T         z or knha (Knapp-Hartung) [%s]\n"
"  -l, --level L        confidence level in percent [%g]\n"
"  -d, --digits N       decimals of the printed summary [4]\n"
"  -f, --format F       text or json [text]\n"
"      --forest FILE    forest-plot data (.csv or .json)\n"
"      --plot FILE      forest plot drawn as .svg, .png or .pdf (repeat for several files;\n"
"                       any other name is a usage error, exit 2)\n"
"      --leave1out      leave-one-out table\n"
"      --by COLUMN      subgroups: a model per subgroup and the test for differences\n"
"      --regtest        Egger's regression test (metafor regtest, model rma, predictor sei)\n"
"      --conv METHOD    median conversion: luo/wan/shi (default), hozo, wan, bland, ...\n"
"      --skew S         skewed medians (Shi 2023 test): warn, refuse, ignore [warn]\n"
"      --tol X          relative convergence tolerance of PM, ML, REML, EB and the CI [%g]\n"
"      --maxiter N      iteration cap [%d]\n"
"      --tau2-init X    start value for ML, REML, EB [Hedges estimate]\n"
"  -h, --help           this text\n\n"
"Exit status: 0 success; 1 the model could not be fitted or output not written;\n"
"2 usage error or unusable input (one line on stderr names the file, line and column).\n",
            pool_method_name(o->method), o->test == POOL_TEST_KNHA ? "knha" : "z", o->level,
            o->tol, o->maxiter);
}

static int parse_num(const char *s, double *x)
{
    return num_parse(s, strlen(s), x);
}

int main(int argc, char **argv)
{
    pool_opts_t o;
    pool_opts_default(&o);
    pool_measure_t measure = POOL_NONE;
    const char *format = "text", *forest = NULL, *by = NULL, *convm = NULL, *skew = NULL;
    int digits = 4, l1o = 0, reg = 0, rc = 2;
    char err[512];
    pool_data_t d;
    pool_fit_t fit, fe;
    pool_fit_t *l1 = NULL;
    pool_by_t bys;
    pool_regtest_t rt;
    int have_by = 0;
    const char **plots = calloc((size_t)argc, sizeof *plots);
    size_t nplots = 0;
    pool_data_init(&d);
    memset(&bys, 0, sizeof bys);

    if (!plots) { fprintf(stderr, "pool: out of memory\n"); goto out; }
    enum { O_FOREST = 256, O_PLOT, O_L1O, O_BY, O_REG, O_CONV, O_SKEW, O_TOL, O_MAXIT, O_INIT,
           O_RECORDS, O_OUTDIR };
    pool_review_opts_t ro = { NULL, NULL, 0, 0 };
    static const struct option lo[] = {
        { "measure", required_argument, 0, 'm' }, { "method", required_argument, 0, 'M' },
        { "test", required_argument, 0, 't' }, { "level", required_argument, 0, 'l' },
        { "digits", required_argument, 0, 'd' }, { "format", required_argument, 0, 'f' },
        { "forest", required_argument, 0, O_FOREST },
        { "plot", required_argument, 0, O_PLOT }, { "leave1out", no_argument, 0, O_L1O },
        { "by", required_argument, 0, O_BY }, { "regtest", no_argument, 0, O_REG },
        { "conv", required_argument, 0, O_CONV }, { "skew", required_argument, 0, O_SKEW },
        { "tol", required_argument, 0, O_TOL }, { "maxiter", required_argument, 0, O_MAXIT },
        { "tau2-init", required_argument, 0, O_INIT }, { "help", no_argument, 0, 'h' },
        { "records", required_argument, 0, O_RECORDS }, { "outdir", required_argument, 0, O_OUTDIR },
        { "quiet", no_argument, 0, 'q' },
        { 0, 0, 0, 0 } };
    int c;
    double x;
    while ((c = getopt_long(argc, argv, "m:M:t:l:d:f:hq", lo, NULL)) != -1) {
        switch (c) {
        case 'm':
            measure = pool_measure_parse(optarg);
            if (measure == POOL_NONE) { fprintf(stderr, "pool: unknown measure %s\n", optarg); goto out; }
            break;
        case 'M':
            if (pool_method_parse(optarg, &o.method)) {
                fprintf(stderr, "pool: unknown method %s (FE DL REML ML PM HS SJ HE EB)\n", optarg);
                goto out;
            }
            break;
        case 't':
            if (strcmp(optarg, "z") == 0) o.test = POOL_TEST_Z;
            else if (strcmp(optarg, "knha") == 0 || strcmp(optarg, "hksj") == 0) o.test = POOL_TEST_KNHA;
            else { fprintf(stderr, "pool: unknown test %s (z, knha)\n", optarg); goto out; }
            break;
        case 'l':
            if (parse_num(optarg, &o.level) || !(o.level > 0 && o.level < 100)) {
                fprintf(stderr, "pool: --level %s: a percentage between 0 and 100\n", optarg);
                goto out;
            }
            break;
        case 'd':
            if (parse_num(optarg, &x) || x < 0 || x > 15 || x != floor(x)) {
                fprintf(stderr, "pool: --digits %s: an integer from 0 to 15\n", optarg);
                goto out;
            }
            digits = (int)x;
            break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
                fprintf(stderr, "pool: --format %s: text or json\n", optarg);
                goto out;
            }
            format = optarg;
            break;
        case O_FOREST: forest = optarg; break;
        case O_PLOT:
            if (pool_plot_format(optarg) < 0) {
                fprintf(stderr, "pool: --plot %s: the name must end in .svg, .png or .pdf\n", optarg);
                goto out;
            }
            plots[nplots++] = optarg;
            break;
        case O_RECORDS: ro.records = optarg; break;
        case O_OUTDIR: ro.outdir = optarg; break;
        case 'q': ro.quiet = 1; break;
        case O_L1O: l1o = 1; break;
        case O_BY: by = optarg; break;
        case O_REG: reg = 1; break;
        case O_CONV: convm = optarg; break;
        case O_SKEW: skew = optarg; break;
        case O_TOL:
            if (parse_num(optarg, &o.tol) || !(o.tol > 0 && o.tol < 1)) {
                fprintf(stderr, "pool: --tol %s: a number between 0 and 1\n", optarg);
                goto out;
            }
            break;
        case O_MAXIT:
            if (parse_num(optarg, &x) || x < 1 || x > 1e9 || x != floor(x)) {
                fprintf(stderr, "pool: --maxiter %s: a positive integer\n", optarg);
                goto out;
            }
            o.maxiter = (int)x;
            break;
        case O_INIT:
            if (parse_num(optarg, &o.tau2_init) || o.tau2_init < 0) {
                fprintf(stderr, "pool: --tau2-init %s: a number >= 0\n", optarg);
                goto out;
            }
            break;
        case 'h':
            usage(stdout, &o);
            rc = 0;
            goto out;
        default:
            usage(stderr, &o);
            goto out;
        }
    }
    if (ro.records) {       /* review mode: every argument is a reviews/NAME.review */
        if (optind >= argc) { fprintf(stderr, "pool: --records needs review files (pool --help)\n"); goto out; }
        ro.json = strcmp(format, "json") == 0;
        rc = pool_review_run(argv + optind, argc - optind, &ro, stdout);
        goto out;
    }
    if (ro.outdir) { fprintf(stderr, "pool: --outdir goes with --records (review mode)\n"); goto out; }
    if (optind != argc - 1) {
        fprintf(stderr, "pool: give one input file (pool --help)\n");
        goto out;
    }
    const char *path = argv[optind];

    conv_opts_t co;
    conv_opts_default(&co);
    if (convm && conv_parse_method(convm, &co)) {
        fprintf(stderr, "pool: --conv %s: unknown conversion method\n", convm);
        goto out;
    }
    if (skew) {
        if (strcmp(skew, "warn") == 0) co.skew = CONV_SKEW_WARN;
        else if (strcmp(skew, "refuse") == 0) co.skew = CONV_SKEW_REFUSE;
        else if (strcmp(skew, "ignore") == 0) co.skew = CONV_SKEW_IGNORE;
        else { fprintf(stderr, "pool: --skew %s: warn, refuse or ignore\n", skew); goto out; }
    }
    pool_csv_opts_t copts = { &co, by, 95, 0 };
    if (pool_csv_read(path, measure, &copts, &d, err, sizeof err)) {
        fprintf(stderr, "pool: %s\n", err);
        goto out;
    }
    if (copts.skew_warnings)
        fprintf(stderr, "pool: warning: %s: %d arm%s converted from medians although Shi 2023's "
                "test rejects normality (see the conversion notes; --skew refuse to stop)\n",
                path, copts.skew_warnings, copts.skew_warnings > 1 ? "s" : "");
    if (d.k < 2) {
        fprintf(stderr, "pool: %s: k = %zu: at least two studies are needed\n", path, d.k);
        goto out;
    }
    size_t nz = 0;
    for (size_t i = 0; i < d.k; i++) nz += d.s[i].vi == 0;
    if (nz == d.k) {
        fprintf(stderr, "pool: %s: every vi is 0: the studies cannot be weighted\n", path);
        goto out;
    }
    for (size_t i = 0; i < d.k; i++)
        if (d.s[i].vi == 0) {
            fprintf(stderr, "pool: %s:%ld: sampling variance is 0: the study cannot be weighted\n",
                    path, d.s[i].line);
            goto out;
        }
    rc = 1;
    if (pool_fit_data(&d, &o, &fit, err, sizeof err)) {
        fprintf(stderr, "pool: %s: %s\n", path, err);
        goto out;
    }
    if (l1o) {
        l1 = calloc(d.k, sizeof *l1);
        if (!l1) { fprintf(stderr, "pool: out of memory\n"); goto out; }
        if (pool_leave1out(&d, &o, l1, err, sizeof err)) {
            fprintf(stderr, "pool: %s: %s\n", path, err);
            goto out;
        }
    }
    if (by) {
        if (pool_by(&d, &o, &bys, err, sizeof err)) {
            fprintf(stderr, "pool: %s: %s\n", path, err);
            goto out;
        }
        have_by = 1;
    }
    if (reg && pool_regtest(&d, &o, &rt, err, sizeof err)) {
        fprintf(stderr, "pool: %s: %s\n", path, err);
        goto out;
    }
    if (fit.tau2_ci_lb_cens || fit.tau2_ci_ub_cens)
        fprintf(stderr, "pool: warning: %s: a bound of the Q-profile CI for tau^2 could not be "
                "bracketed (below 1e300); it is reported as null\n", path);
    if (forest || nplots) {
        pool_opts_t oe = o;
        oe.method = POOL_FE;
        if (pool_fit_data(&d, &oe, &fe, err, sizeof err) ||
            (forest && pool_write_forest(forest, &d, &fe, &fit, err, sizeof err))) {
            fprintf(stderr, "pool: %s\n", err);
            goto out;
        }
    }
    for (size_t i = 0; i < nplots; i++) {
        pool_plot_opts_t po;
        pool_plot_opts_default(&po);
        if (pool_plot(plots[i], &d, &fe, &fit, &po, err, sizeof err)) {
            fprintf(stderr, "pool: %s\n", err);
            goto out;
        }
    }
    if (strcmp(format, "json") == 0) {
        if (pool_write_json_ex(stdout, &d, &fit, l1, have_by ? &bys : NULL, reg ? &rt : NULL))
            goto werr;
    } else {
        if (pool_print_summary(stdout, &d, &fit, digits)) goto werr;
        if (l1 && pool_print_leave1out(stdout, &d, l1, digits)) goto werr;
        if (have_by && pool_print_by(stdout, &bys, digits)) goto werr;
        if (reg && pool_print_regtest(stdout, &rt, digits)) goto werr;
    }
    if (ferror(stdout) || fflush(stdout)) goto werr;
    rc = 0;
    goto out;
werr:
    fprintf(stderr, "pool: write error on standard output\n");
    rc = 1;
out:
    free(plots);
    free(l1);
    pool_by_destroy(&bys);
    pool_data_destroy(&d);
    pool_plot_cleanup();
    if (fclose(stdout) != 0 && rc == 0) {
        fprintf(stderr, "pool: write error on standard output\n");
        rc = 1;
    }
    return rc;
}

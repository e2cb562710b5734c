/* extract - every statistical figure of an article as a study record (JSON Lines or CSV). */
#include "extract.h"
#include "read.h"
#include "rec.h"
#include "ofile.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FMT_JSON, FMT_CSV };

typedef struct {
    ex_t *ex;
    FILE *out;
    int   format;
    int   failed;        /* some file could not be read */
    int   quiet;
    int   dump;          /* --dump-doc: print the document model instead of records */
    FILE *csv;           /* --csv FILE: the CSV view as well, from the same run; or NULL */
    int   check;         /* --check: the consistency report instead of records */
    FILE *checks;        /* --checks FILE: the report as well, from the same run; or NULL */
} run_t;

static void usage(FILE *fp)
{
    fprintf(fp,
"Usage: extract [options] FILE|DIR...\n"
"\n"
"Reads articles (.txt, .xml JATS/NLM, .html, .pdf) and writes every statistical figure\n"
"as a study record: one JSON object per line (default) or CSV. A directory is walked\n"
"recursively in sorted order, taking files named *.txt, *.xml, *.nxml, *.html, *.htm,\n"
"*.xhtml and *.pdf (others are skipped with a warning; hidden files silently).\n"
"\n"
"Options:\n"
"  -o, --output FILE    write records to FILE (whole or not at all) [stdout]\n"
"  -f, --format FMT     json or csv [json]\n"
"      --csv FILE       also write the CSV view to FILE, from the same run (whole or not\n"
"                       at all)\n"
"      --check          print a consistency report per article instead of records: a\n"
"                       header line (file, study, counts), then one line per finding\n"
"                       (FILE:LINE: check:NAME: \"figure\" (variable; group): numbers), the\n"
"                       duplicate flag, and read:ufffd / read:ambiguous_dispersion /\n"
"                       read:ci_reversed as counts with lines\n"
"      --checks FILE    also write that report to FILE, from the same run (whole or not\n"
"                       at all)\n"
"  -q, --quiet          no warnings on stderr (errors are still printed)\n"
"      --dump-doc       print the document model each reader builds (blocks, lines,\n"
"                       table grids) instead of records: for debugging a reader\n"
"  -h, --help           this help\n"
"\n"
"Exit status:\n"
"  0  every file was read (check findings are findings, not failures)\n"
"  1  some file could not be read (unreadable, empty, binary, malformed); the others\n"
"     were still processed and their records written\n"
"  2  usage error, or the output could not be written\n");
}

static void report(const doc_t *d, int quiet)
{
    for (size_t i = 0; i < d->ndiag; i++) {
        const doc_diag_t *g = &d->diag[i];
        if (quiet && g->level != DOC_ERROR) continue;
        if (g->line > 0) fprintf(stderr, "extract: %s:%ld: %s%s\n", d->path, g->line,
                                 g->level == DOC_ERROR ? "" : "warning: ", g->msg);
        else fprintf(stderr, "extract: %s: %s%s\n", d->path,
                     g->level == DOC_ERROR ? "" : "warning: ", g->msg);
    }
}

static int do_file(run_t *R, const char *path)
{
    doc_t *d = doc_read(path);
    rec_list_t recs;
    int rc = 0;
    if (!d) { fprintf(stderr, "extract: %s: out of memory\n", path); R->failed = 1; return 0; }
    rec_list_init(&recs);
    if (R->dump) {
        rc = doc_dump(R->out, d);
        report(d, R->quiet);
        if (doc_nerrors(d)) R->failed = 1;
        doc_free(d);
        return rc;
    }
    if (doc_nerrors(d) == 0 && ex_doc(R->ex, d, &recs) != 0)
        doc_diag(d, DOC_ERROR, 0, "out of memory while extracting");
    report(d, R->quiet);
    if (doc_nerrors(d)) R->failed = 1;
    for (size_t i = 0; i < recs.n && rc == 0; i++) {
        if (!R->check)
            rc = R->format == FMT_CSV ? rec_write_csv(R->out, &recs.v[i]) : rec_write_json(R->out, &recs.v[i]);
        if (rc == 0 && R->csv) rc = rec_write_csv(R->csv, &recs.v[i]);
    }
    FILE *rep[2] = { R->check ? R->out : NULL, R->checks };
    for (int k = 0; k < 2 && rc == 0; k++) {
        if (!rep[k]) continue;
        if (doc_nerrors(d)) rc = fprintf(rep[k], "%s: not read (see the message on standard error)\n\n", path) < 0 ? -1 : 0;
        else rc = check_report(rep[k], path, recs.v, recs.n);
    }
    rec_list_destroy(&recs);
    doc_free(d);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(run_t *R, const char *path, int named);

static int do_dir(run_t *R, const char *path)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    if (!dir) {
        fprintf(stderr, "extract: %s: cannot open directory: %s\n", path, strerror(errno));
        R->failed = 1;
        return 0;
    }
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) { rc = -1; break; }
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) { rc = -1; break; }
        snprintf(names[n], len, "%s%s%s", path,
                 path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        n++;
    }
    closedir(dir);
    if (rc == 0) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == 0; i++) rc = walk(R, names[i], 0);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

/* named: the path was given on the command line (read whatever its name); inside a
 * directory only article extensions are taken, so a README or notes file is not an article. */
static int walk(run_t *R, const char *path, int named)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "extract: %s: %s\n", path, strerror(errno));
        R->failed = 1;
        return 0;
    }
    if (S_ISDIR(st.st_mode)) return do_dir(R, path);
    if (!named && !doc_is_article_name(path)) {
        if (!R->quiet) fprintf(stderr, "extract: %s: warning: skipped (not .txt, .xml, .html or .pdf)\n", path);
        return 0;
    }
    return do_file(R, path);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "quiet",  no_argument,       NULL, 'q' },
        { "help",   no_argument,       NULL, 'h' },
        { "dump-doc", no_argument,     NULL, 'D' },
        { "csv",    required_argument, NULL, 'C' },
        { "check",  no_argument,       NULL, 'K' },
        { "checks", required_argument, NULL, 'k' },
        { NULL, 0, NULL, 0 }
    };
    run_t R = { 0 };
    ex_opts_t opts = { 1 };
    const char *outpath = NULL, *csvpath = NULL, *chkpath = NULL;
    ofile_t out = { 0 }, csv = { 0 }, chk = { 0 };
    char oerr[512];
    int c, rc = 0;

    R.format = FMT_JSON;
    while ((c = getopt_long(argc, argv, "o:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': outpath = optarg; break;
        case 'f':
            if (!strcmp(optarg, "json") || !strcmp(optarg, "jsonl")) R.format = FMT_JSON;
            else if (!strcmp(optarg, "csv")) R.format = FMT_CSV;
            else { fprintf(stderr, "extract: --format must be json or csv, not '%s'\n", optarg); return 2; }
            break;
        case 'q': R.quiet = 1; break;
        case 'h': usage(stdout); return 0;
        case 'D': R.dump = 1; break;
        case 'C': csvpath = optarg; break;
        case 'K': R.check = 1; break;
        case 'k': chkpath = optarg; break;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) { usage(stderr); return 2; }

    if (!(R.ex = ex_new(&opts))) { fprintf(stderr, "extract: cannot compile the figure patterns\n"); return 2; }
    R.out = stdout;
    if ((outpath && ofile_open(&out, outpath, oerr, sizeof oerr)) ||
        (csvpath && !R.dump && ofile_open(&csv, csvpath, oerr, sizeof oerr)) ||
        (chkpath && !R.dump && ofile_open(&chk, chkpath, oerr, sizeof oerr))) {
        fprintf(stderr, "extract: %s\n", oerr);
        ofile_close(&out, 0, oerr, sizeof oerr);
        ofile_close(&csv, 0, oerr, sizeof oerr);
        ex_free(R.ex);
        return 2;
    }
    if (outpath) R.out = out.fp;
    R.csv = csv.fp;
    R.checks = chk.fp;
    if (R.dump) R.check = 0;
    if (R.format == FMT_CSV && !R.dump && !R.check && rec_write_csv_header(R.out)) rc = -1;
    if (R.csv && rec_write_csv_header(R.csv)) rc = -1;
    for (int i = optind; i < argc && rc == 0; i++) rc = walk(&R, argv[i], 1);
    ex_free(R.ex);

    if (ofile_close(&csv, rc == 0, oerr, sizeof oerr)) {
        fprintf(stderr, "extract: %s\n", oerr);
        rc = -1;
    }
    if (ofile_close(&chk, rc == 0, oerr, sizeof oerr)) {
        fprintf(stderr, "extract: %s\n", oerr);
        rc = -1;
    }
    if (outpath) {
        if (ofile_close(&out, rc == 0, oerr, sizeof oerr)) {
            fprintf(stderr, "extract: %s\n", oerr);
            rc = -1;
        }
    } else if (ferror(stdout) | (fclose(stdout) != 0)) {
        fprintf(stderr, "extract: write error on standard output\n");
        rc = -1;
    }
    if (rc != 0) return 2;
    return R.failed ? 1 : 0;
}
